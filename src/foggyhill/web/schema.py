"""The settings schema as the server gives it: its limits, the parameters each answer takes and each field's JSON form.

Its words (help, verdicts, legends) are in the current language; names, kinds and choices stay as links write them.

Free of FastAPI, so the notebook widgets (notebook/bridge.py) answer with the same schema without loading a server.
"""

from __future__ import annotations

from typing import Any

from ..core import FIELDS, HEADLINES, VERDICT_KINDS, Field
from ..core.challenges import challenge_listing
from ..core.conventions import conventions
from ..core.settings import tightened
from ..lang import _
from ..render.maps import LEGEND_WORDS
from ..render.palette import verdict_colour
from ..studio.grammar import editor_words
from .tools import TOOLS

SERVER_LIMITS: dict[str, int] = {"steps": 10_000, "formula": 200}

__all__ = [
    "SERVER_LIMITS",
    "field_schema",
    "server_field",
    "settings_schema",
    "tools_schema",
    "verdicts_schema",
]


def server_field(field: Field) -> Field:
    """The field with the server's limit applied, where it is tighter (a map's 2000 steps stay 2000)."""
    return tightened(field, SERVER_LIMITS)


def field_schema(field: Field) -> dict[str, Any]:
    """One setting as the front end reads it; a list (the show's speeds) as the page's link writes it."""
    if field.kind == "list":
        assert field.item is not None
        return {
            "kind": "list",
            "default": None if field.default is None else ",".join(f"{value:g}" for value in field.default),
            "most": field.maximum,
            "item": field_schema(field.item),
            "help": field.help_text(),
        }
    return {
        "kind": field.kind,
        "default": field.default,
        "minimum": field.minimum,
        "maximum": field.maximum,
        "above_minimum": field.above_minimum,
        "choices": list(field.choices),
        "help": field.help_text(),
    }


def settings_schema() -> dict[str, Any]:
    """/api/schema: the settings, the server's limits, the rules' conventions, verdicts, Studio's words, challenges."""
    return {
        "fields": {name: field_schema(server_field(f)) for name, f in FIELDS.items()},
        "limits": SERVER_LIMITS,
        "conventions": conventions(),
        "verdicts": verdicts_schema(),
        "studio": editor_words(),
        "tools": tools_schema(),
        "challenges": challenge_listing(),
    }


def tools_schema() -> dict[str, dict[str, Any]]:
    """Each tool that takes a query: its path and its settings in the fields' shape, in the order a link writes them."""
    return {
        tool.name: {
            "path": tool.path,
            "summary": tool.summary,
            "fields": {name: field_schema(server_field(f)) for name, f in tool.fields.items()},
        }
        for tool in TOOLS.values()
        if tool.fields
    }


def verdicts_schema() -> list[dict[str, str]]:
    """Each verdict kind, in order, with its headline, its words on the map's legend and its colour there."""
    return [
        {
            "kind": kind,
            "headline": _(HEADLINES[kind]),
            "legend": _(LEGEND_WORDS[kind]),
            "colour": verdict_colour(kind),
        }
        for kind in VERDICT_KINDS
    ]
