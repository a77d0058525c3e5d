"""The three-runs page's API: the whole timeline (choreography, verdicts, tones) the page plays frame by frame."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..core import FIELDS, LANDSCAPES
from ..timeline import DEFAULT_SPEEDS, LIMITS, MAX_RUNS
from .api import openapi_parameter, query_values
from .errors import refusals
from .tools import SHOW_PARAMETERS, show_data

PARAMETERS = SHOW_PARAMETERS

router = APIRouter(prefix="/api/three-runs", tags=["three runs"])


def openapi_parameters() -> list[dict[str, Any]]:
    """The OpenAPI description of the show's query: curve and start as everywhere, the speeds, the show's numbers."""
    speeds = {
        "name": "speeds",
        "in": "query",
        "required": False,
        "description": f"the runs' speeds, comma-separated: at most {MAX_RUNS}, each greater than 0",
        "schema": {"type": "string", "default": ",".join(f"{speed:g}" for speed in DEFAULT_SPEEDS)},
    }
    curve = [openapi_parameter(FIELDS[name]) for name in ("landscape", "start")]
    parameters = [*curve, speeds, *(openapi_parameter(field) for field in LIMITS.values())]
    assert tuple(p["name"] for p in parameters) == PARAMETERS  # documented in the order they are taken
    return parameters


@router.get("", responses=refusals(), openapi_extra={"parameters": openapi_parameters()})
async def timeline(request: Request) -> JSONResponse:
    """The whole show for these settings: intro, each run's steps with their phases' times, cards, summary, tones."""
    # at most 6 runs of 200 steps: a few milliseconds, so it is computed here rather than in a worker
    return JSONResponse(show_data(query_values(request, PARAMETERS)), headers={"cache-control": "no-cache"})


@router.get("/schema")
async def schema() -> dict[str, Any]:
    """The settings the page may edit, their defaults and bounds, for its form and its URL."""
    numbers = {
        name: {
            "default": limit.default,
            "minimum": limit.minimum,
            "maximum": limit.maximum,
            "whole": limit.kind == "int",
            "help": limit.help,
        }
        for name, limit in LIMITS.items()
    }
    return {
        "landscape": {"default": FIELDS["landscape"].default, "choices": list(LANDSCAPES)},
        "start": {"default": None, "minimum": FIELDS["start"].minimum, "maximum": FIELDS["start"].maximum},
        "speeds": {"default": list(DEFAULT_SPEEDS), "most": MAX_RUNS, "maximum": FIELDS["speed"].maximum},
        **numbers,
    }
