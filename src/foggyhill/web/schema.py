"""The settings schema as the server gives it: its limits, the parameters each answer takes and each field's JSON form.

Free of FastAPI, so the notebook widgets (notebook/bridge.py) answer with the same schema without loading a server.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..core import FIELDS, HEADLINES, VERDICT_KINDS, Field
from ..core.conventions import conventions
from ..render.maps import LEGEND_WORDS
from ..render.palette import verdict_colour
from ..studio.grammar import editor_words

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
    }


def verdicts_schema() -> list[dict[str, str]]:
    """Each verdict kind, in order, with its headline, its words on the map's legend and its colour there."""
    return [
        {"kind": kind, "headline": HEADLINES[kind], "legend": LEGEND_WORDS[kind], "colour": verdict_colour(kind)}
        for kind in VERDICT_KINDS
    ]
