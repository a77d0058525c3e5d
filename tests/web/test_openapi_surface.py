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
    "GET /api/three-runs": [],
    "GET /api/three-runs/schema": [],
}


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
