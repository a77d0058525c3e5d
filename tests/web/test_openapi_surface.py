"""The API's public surface, written out: a refactor that drops or renames a route or a parameter fails here."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest

# Every operation of /openapi.json and its query parameters' names, in order. Change this list only on purpose.
SURFACE: dict[str, list[str]] = {
    "GET /api/schema": ["lang"],
    "GET /api/simulations": ["lang"],
    "GET /api/landscapes": ["lang"],
    "GET /api/landscape": ["landscape", "formula", "start", "lang"],
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
        "challenge",
        "goal",
        "lang",
    ],
    "GET /api/peek": ["landscape", "formula", "start", "lang"],
    "GET /api/map": [
        "landscape",
        "formula",
        "steps",
        "speeds",
        "starts",
        "speed_min",
        "speed_max",
        "optimizer",
        "lang",
    ],
    "GET /api/bifurcation": [
        "landscape",
        "formula",
        "start",
        "speeds",
        "speed_min",
        "speed_max",
        "burn_in",
        "keep",
        "lang",
    ],
    "GET /api/surfaces": ["lang"],
    "GET /api/surface": ["landscape", "formula", "start", "grid", "lang"],
    "GET /api/basins": ["landscape", "formula", "speed", "steps", "optimizer", "size", "lang"],
    "GET /api/three-runs": ["landscape", "start", "speeds", "steps", "step_budget", "intro", "card", "summary", "lang"],
    "GET /api/three-runs/schema": ["lang"],
    "GET /api/studio/examples": ["lang"],
    "POST /api/studio/check": ["lang"],
    "POST /api/studio/run": ["lang"],
    "POST /api/studio/export": ["lang"],
}
# The operations that refuse a bad request with 422 and the API's one error body.
LISTS = ("GET /api/landscapes", "GET /api/surfaces")  # no parameters, yet an unknown one is refused
# Every operation takes `lang` (web/language.py reads it before the route): it does not make a route refuse.
REFUSING = {op for op in SURFACE if op.startswith("POST") or SURFACE[op] != ["lang"] or op in LISTS}


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
        taken = [name for name in names if name != "lang"]  # the language is taken before any route reads the query
        assert error["message"] == f"unknown parameter 'nonesuch': allowed are {', '.join(taken)}", operation


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


def test_every_answer_is_described_and_the_description_holds(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for operation in SURFACE:
        method, path = operation.split()
        answer = paths[path][method.lower()]["responses"]["200"]["content"]
        if path == "/api/studio/run":  # JSON lines: each an event, not one document
            assert set(answer) == {"application/x-ndjson"}
            continue
        schema = answer["application/json"]["schema"]
        assert schema.get("required") or schema.get("anyOf"), operation
        if method == "GET":
            jsonschema.validate(client.get(path).json(), schema)


def test_studio_answers_are_told_apart_by_ok(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    schema = paths["/api/studio/export"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    mistake = client.post("/api/studio/export", json={"source": "x = \n", "to": "numpy"}).json()
    jsonschema.validate(mistake, schema)
    with pytest.raises(jsonschema.ValidationError):  # ok true says there is a script
        jsonschema.validate({**mistake, "ok": True}, schema)


def test_lists_are_documented_as_arrays_written_with_commas(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, name, most in (("/api/three-runs", "speeds", 6), ("/api/surface", "start", 2)):
        (parameter,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == name]
        assert parameter["style"] == "form" and parameter["explode"] is False, path
        schema = parameter["schema"]
        assert schema["type"] == "array" and (schema["minItems"], schema["maxItems"]) == (1, most), path
        assert schema["items"]["type"] == "number" and "default" not in schema["items"], path


@pytest.mark.parametrize(
    ("start", "written"),
    [("0.5", True), (" -1 , 2 ", True), ("1e-1,.5", True), ("1,2,3", False), ("w", False), ("1,", False), ("", False)],
)
def test_descends_start_pattern_is_what_the_server_reads(client: Any, start: str, written: bool) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    (parameter,) = [p for p in paths["/api/descend"]["get"]["parameters"] if p["name"] == "start"]
    assert bool(re.search(parameter["schema"]["pattern"], start)) == written
    landscape = "round-bowl" if "," in start else "bowl"  # one number on a curve, two on a surface
    response = client.get("/api/descend", params={"landscape": landscape, "start": start, "steps": 2})
    assert (response.status_code == 200) == written, response.text


def test_typed_text_must_not_be_blank_as_the_server_says(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    (formula,) = [p for p in paths["/api/landscape"]["get"]["parameters"] if p["name"] == "formula"]
    assert formula["schema"] == {"type": "string", "maxLength": 200, "pattern": "\\S"}
    for blank in ("", "   "):
        assert client.get("/api/landscape", params={"formula": blank}).status_code == 422
