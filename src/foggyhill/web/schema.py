"""The settings schema as the server gives it: its limits, the parameters each answer takes and each field's JSON form.

Free of FastAPI, so the notebook widgets (notebook/bridge.py) answer with the same schema without loading a server.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..core import FIELDS, HEADLINES, VERDICT_KINDS, Field
from ..core.conventions import conventions
from ..core.map_settings import CURVE_FIELDS, DIAGRAM_CURVE_FIELDS, DIAGRAM_FIELDS, MAP_FIELDS
from ..core.race_settings import RACE_FIELDS
from ..render.maps import LEGEND_WORDS
from ..render.palette import verdict_colour
from ..studio.grammar import editor_words
from ..timeline import DEFAULT_SPEEDS, MAX_RUNS
from ..timeline import LIMITS as SHOW_LIMITS

LIMITS: dict[str, int] = {"steps": 10_000, "formula": 200}
LANDSCAPE_PARAMETERS = ("landscape", "formula", "start")
DESCEND_PARAMETERS = tuple(FIELDS)

__all__ = [
    "DESCEND_PARAMETERS",
    "LANDSCAPE_PARAMETERS",
    "LIMITS",
    "field_schema",
    "server_field",
    "settings_schema",
    "tools_schema",
    "verdicts_schema",
]


def server_field(field: Field) -> Field:
    """The field with the server's limit applied (fewer steps than the command line allows)."""
    return replace(field, maximum=LIMITS[field.name]) if field.name in LIMITS else field


def field_schema(field: Field) -> dict[str, Any]:
    """One setting as the front end reads it."""
    return {
        "kind": field.kind,
        "default": field.default,
        "minimum": field.minimum,
        "maximum": field.maximum,
        "above_minimum": field.above_minimum,
        "choices": list(field.choices),
        "help": field.help,
    }


def settings_schema() -> dict[str, Any]:
    """/api/schema: the settings and the server's limits, the rules' conventions, the verdicts and Studio's words."""
    fields = {name: field_schema(server_field(f)) for name, f in FIELDS.items()}
    return {
        "fields": fields,
        "limits": LIMITS,
        "conventions": conventions(),
        "verdicts": verdicts_schema(),
        "studio": editor_words(),
        "tools": tools_schema(),
    }


def _fields(fields: dict[str, Field]) -> dict[str, Any]:
    """Fields in the schema's shape; the server's limit only ever tightens one (a map's 2000 steps stay 2000)."""
    return {"fields": {name: field_schema(_limited(f)) for name, f in fields.items()}}


def _limited(field: Field) -> Field:
    limit = LIMITS.get(field.name)
    return field if limit is None or field.maximum is None or field.maximum <= limit else server_field(field)


def speeds_schema() -> dict[str, Any]:
    """The show's list of speeds, as the page's link gives it: comma-separated, each a descent speed."""
    return {
        "kind": "list",
        "default": ",".join(f"{speed:g}" for speed in DEFAULT_SPEEDS),
        "most": MAX_RUNS,
        "item": field_schema(FIELDS["speed"]),
        "help": f"the runs' speeds, comma-separated: at most {MAX_RUNS}",
    }


def tools_schema() -> dict[str, dict[str, Any]]:
    """Each explorer's settings in the fields' shape, in the order its page writes them in a link."""
    curve = {name: FIELDS[name] for name in CURVE_FIELDS}
    show = _fields({"landscape": FIELDS["landscape"], "start": FIELDS["start"]})
    show["fields"] = {**show["fields"], "speeds": speeds_schema(), **_fields(SHOW_LIMITS)["fields"]}
    return {
        "map": _fields({**curve, **MAP_FIELDS}),
        "bifurcation": _fields({**{name: FIELDS[name] for name in DIAGRAM_CURVE_FIELDS}, **DIAGRAM_FIELDS}),
        "race": _fields(RACE_FIELDS),
        "three-runs": show,
    }


def verdicts_schema() -> list[dict[str, str]]:
    """Each verdict kind, in order, with its headline, its words on the map's legend and its colour there."""
    return [
        {"kind": kind, "headline": HEADLINES[kind], "legend": LEGEND_WORDS[kind], "colour": verdict_colour(kind)}
        for kind in VERDICT_KINDS
    ]
