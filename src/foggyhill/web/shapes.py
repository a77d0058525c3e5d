"""The top-level shape of every 200 answer of the API, in one table: the OpenAPI document's response schemas.

Each answer is a JSON object; the table names its keys and their JSON types ("string | null" when a key may be
null), so schemathesis' response checks (tests/web/test_schemathesis.py) hold the routes to what the docs say.
Free of FastAPI, like errors.py.
"""

from __future__ import annotations

from typing import Any

from ..lang import LANGUAGES

__all__ = ["ANSWERS", "LANGUAGE_PARAMETER", "answered", "outcome", "shape"]

# Every request may name the language of its words (web/language.py takes it before any route sees the query).
LANGUAGE_PARAMETER: dict[str, Any] = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "the language of the answer's words (else the Accept-Language header's, else the server's); "
    "empty is as if left out",
    "schema": {"type": "string", "enum": list(LANGUAGES)},
    "allowEmptyValue": True,
}


def shape(**keys: str) -> dict[str, Any]:
    """A JSON schema of an object that has every one of `keys`, each of its JSON type(s): `ok="boolean"`."""
    properties: dict[str, Any] = {}
    for key, written in keys.items():
        kinds = [kind.strip() for kind in written.split("|")]
        properties[key] = {"type": kinds[0] if len(kinds) == 1 else kinds}
    return {"type": "object", "required": list(keys), "properties": properties}


def outcome(ok: bool, **keys: str) -> dict[str, Any]:
    """One of Studio's two answers: `ok` true with what was asked for, or false with the mistake."""
    schema = shape(ok="boolean", **keys)
    schema["properties"]["ok"]["const"] = ok
    return schema


MISTAKE = "object"  # line, column, message, hint… as studio's StudioError.to_dict gives them
LANDSCAPE = {"name": "string", "title": "string", "formula": "string", "description": "string"}

ANSWERS: dict[str, dict[str, Any]] = {
    "schema": shape(
        fields="object", limits="object", conventions="object", verdicts="array", studio="object", tools="object"
    ),
    "simulations": shape(simulations="array"),
    "landscapes": shape(landscapes="array"),
    "landscape": shape(**LANDSCAPE, window="array", start="number", minima="array", maxima="array", curve="object"),
    "descend": shape(landscape="string", settings="object", steps="array", verdict="object"),
    "peek": shape(rows="array", landscape="string"),
    "map": shape(
        landscape="object",
        formula="string | null",
        optimizer="string",
        steps="integer",
        speeds="array",
        starts="array",
        kinds="string",
        verdicts="array",
    ),
    "bifurcation": shape(
        landscape="object",
        formula="string | null",
        start="number",
        burn_in="integer",
        keep="integer",
        speeds="array",
        w_range="array",
        points="string",
    ),
    "surface-list": shape(surfaces="array"),
    "surface": shape(
        **LANDSCAPE,
        window="object",
        start="array",
        parameters="object",
        dips="array",
        saddles="array",
        hilltops="array",
        flat="array",
        grid="object",
    ),
    "basins": shape(
        landscape="string",
        formula="string",
        optimizer="string",
        speed="number",
        steps="integer",
        grid="array",
        w1="array",
        w2="array",
        kinds="string",
        verdicts="array",
        dips="array",
        dip="string",
    ),
    "three-runs": shape(
        settings="object",
        landscape="object",
        phases="array",
        distance="object",
        intro="object",
        runs="array",
        summary="object",
        total="number",
        spring="object",
        sound="object",
        tones="array",
    ),
    "three-runs-schema": shape(
        landscape="object",
        start="object",
        speeds="object",
        steps="object",
        step_budget="object",
        intro="object",
        card="object",
        summary="object",
    ),
    "studio-examples": shape(examples="array", datasets="object", limits="object"),
    "studio-check": {"anyOf": [outcome(True, error="null"), outcome(False, error=MISTAKE)]},
    # A script, or the reason there is none (a mistake, or nothing trained), worded as the check words a mistake.
    "studio-export": {"anyOf": [outcome(True, to="string", code="string"), outcome(False, error=MISTAKE)]},
}


def answered(name: str, words: str = "The answer") -> dict[int | str, dict[str, Any]]:
    """The OpenAPI 200 answer of the route `name` (a tool's name, or one of the fixed routes'), with its shape.

    A tool not in the table yet (a new row, a test's made-up tool) is still documented as a JSON object;
    tests/web/test_openapi_surface.py holds every route of the app to a shape with its keys.
    """
    schema = ANSWERS.get(name, {"type": "object"})
    return {200: {"description": words, "content": {"application/json": {"schema": schema}}}}
