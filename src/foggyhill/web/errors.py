"""The API's one error body, `{"error": {"field", "message", "position"}}`, and its JSON schema for the docs.

Free of FastAPI, so the notebook widgets (notebook/bridge.py) refuse a request in the server's very words.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ERROR_SCHEMA", "error_body", "error_of", "refusals"]

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["field", "message", "position"],
            "properties": {
                "field": {"type": ["string", "null"], "description": "the parameter at fault, if one is"},
                "message": {"type": "string", "description": "what is wrong and what is allowed"},
                "position": {"type": ["integer", "null"], "description": "where a formula stopped parsing"},
            },
        }
    },
}


def error_body(field: str | None, message: str, position: int | None = None) -> dict[str, Any]:
    """The one shape of every API error."""
    return {"error": {"field": field, "message": message, "position": position}}


def error_of(error: Exception) -> dict[str, Any]:
    """The error body of a refused setting or formula: the field it names, its words, where a formula went wrong."""
    return error_body(getattr(error, "field", None), str(error), getattr(error, "position", None))


def refusals(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answers of a route that can refuse: 422 (and any other `statuses`) with the error body."""
    words = {
        413: "The request is too large",
        422: "Refused: the body names the parameter at fault, if one is, and says what is allowed",
        429: "Too many at once: try again in a moment",
        503: "The engine could not answer now: its queue is full, the work ran past its deadline (Retry-After says "
        "when to try again) or its worker process stopped",
    }
    return {
        status: {"description": words[status], "content": {"application/json": {"schema": ERROR_SCHEMA}}}
        for status in (422, *statuses)
    }
