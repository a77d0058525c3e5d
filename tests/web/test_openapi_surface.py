"""The API's public surface, written out: a refactor that drops or renames a route or a parameter fails here."""

from __future__ import annotations

from typing import Any

# Every operation of /openapi.json and its query parameters' names, in order. Change this list only on purpose.
SURFACE: dict[str, list[str]] = {
    "GET /api/schema": [],
    "GET /api/simulations": [],
    "GET /api/landscapes": [],
    "GET /api/landscape": ["landscape", "formula", "start"],
    "GET /api/descend": [
        "landscape",
        "formula",
        "start",
        "speed",
        "steps",
        "optimizer",
        "seed",
        "noise",
        "schedule",
        "from_step",
    ],
    "GET /api/peek": ["landscape", "formula", "start"],
    "GET /api/map": ["landscape", "formula", "steps", "speeds", "starts", "speed_min", "speed_max", "optimizer"],
    "GET /api/bifurcation": ["landscape", "formula", "start", "speeds", "speed_min", "speed_max", "burn_in", "keep"],
    "GET /api/surfaces": [],
    "GET /api/surface": ["landscape", "formula", "start", "grid"],
    "GET /api/basins": ["landscape", "formula", "speed", "steps", "optimizer", "size"],
    "GET /api/three-runs": ["landscape", "start", "speeds", "steps", "step_budget", "intro", "card", "summary"],
    "GET /api/three-runs/schema": [],
    "GET /api/studio/examples": [],
    "POST /api/studio/check": [],
    "POST /api/studio/run": [],
    "POST /api/studio/export": [],
}
# The operations that refuse a bad request with 422 and the API's one error body.
LISTS = ("GET /api/landscapes", "GET /api/surfaces")  # no parameters, yet an unknown one is refused
REFUSING = {op for op in SURFACE if op.startswith("POST") or SURFACE[op] or op in LISTS}


def operations(spec: dict[str, Any]) -> dict[str, list[str]]:
    """Each operation of an OpenAPI document as "METHOD /path", with its parameters' names."""
    return {
        f"{method.upper()} {path}": [p["name"] for p in operation.get("parameters", [])]
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    }


def test_the_openapi_document_lists_todays_routes_and_parameters(client: Any) -> None:
    assert operations(client.get("/openapi.json").json()) == SURFACE


def test_the_comparison_sees_a_dropped_or_renamed_parameter() -> None:
    spec = {"paths": {"/api/peek": {"get": {"parameters": [{"name": "landscape"}, {"name": "formula"}]}}}}
    assert operations(spec) == {"GET /api/peek": ["landscape", "formula"]}
    assert operations(spec) != {"GET /api/peek": ["landscape", "formula", "start"]}


def test_each_documented_query_is_the_query_the_route_takes(client: Any) -> None:
    for operation, names in SURFACE.items():
        method, path = operation.split()
        if method != "GET" or operation not in REFUSING:
            continue
        error = client.get(path, params={"nonesuch": "1"}).json()["error"]
        assert error["message"] == f"unknown parameter 'nonesuch': allowed are {', '.join(names)}", operation


def test_every_route_that_refuses_documents_the_error_body(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for operation in REFUSING:
        method, path = operation.split()
        answer = paths[path][method.lower()]["responses"]["422"]
        schema = answer["content"]["application/json"]["schema"]
        assert schema["properties"]["error"]["required"] == ["field", "message", "position"], operation


def test_the_studio_endpoints_document_their_request_body(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/studio/check", "/api/studio/run"):
        body = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body["required"] == ["source"] and set(body["properties"]) == {"source", "files"}, path
    assert "/studio" not in paths  # the page itself is not part of the API
