"""The JSON API over the engine: the settings schema, landscapes with their curves, descent runs and the peek table.

Every parameter goes through `core.parse_settings` (the one settings schema) with the server's tighter limits.
Answers are pure functions of the checked settings, so finished bodies are cached.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy as np
from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..core import (
    FIELDS,
    LANDSCAPES,
    DescentSettings,
    Field,
    Landscape,
    SettingError,
    landscape_for,
    parse_settings,
    run_descent,
    stability_bounds,
)
from ..core import peek as peek_rows
from .cache import Payload, ResponseCache
from .replay import remember
from .simulations import SIMULATIONS

LIMITS: dict[str, int] = {"steps": 10_000, "formula": 200}
CURVE_POINTS = 401
CURVE_PARAMETERS = ("landscape", "formula")
LANDSCAPE_PARAMETERS = ("landscape", "formula", "start")
DESCEND_PARAMETERS = tuple(FIELDS)
GZIP_LEVEL = 6
LIGHT_STEPS = 500  # built-in curve runs up to this many steps are computed inline (about 10 µs a step)
HEAVY_AT_ONCE = 4  # runs computed at the same time; more wait their turn instead of starving the cached answers

router = APIRouter(prefix="/api", tags=["engine"])
cache = ResponseCache(budget=64 * 1024 * 1024)
_heavy = CapacityLimiter(HEAVY_AT_ONCE)


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


def openapi_parameters(names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The OpenAPI description of the query parameters, generated from the settings schema."""
    parameters = []
    for name in names:
        field = server_field(FIELDS[name])
        schema: dict[str, Any]
        if field.kind == "choice":
            schema = {"type": "string", "enum": list(field.choices)}
        elif field.kind == "text":
            schema = {"type": "string", "maxLength": field.maximum}
        else:
            low = "exclusiveMinimum" if field.above_minimum else "minimum"
            kind = "integer" if field.kind == "int" else "number"
            schema = {"type": kind, low: field.minimum, "maximum": field.maximum}
        if field.default is not None:
            schema["default"] = field.default
        parameters.append({"name": name, "in": "query", "required": False, "description": field.help, "schema": schema})
    return parameters


def checked_settings(request: Request, allowed: tuple[str, ...]) -> DescentSettings:
    """The request's query parameters, checked by the settings schema; anything else is refused."""
    given: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed:
            raise SettingError(name, f"unknown parameter {name!r}: allowed are {', '.join(allowed)}")
        if name in given:
            raise SettingError(name, f"{name} is given more than once: give it once")
        given[name] = value
    return parse_settings(given, LIMITS)


def finite(value: Any) -> Any:
    """The same data with every NaN or infinity replaced by None, so the JSON holds only real numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def encode(data: Any) -> Payload:
    """JSON bytes (strict: no NaN or Infinity) and their gzip form."""
    try:
        text = json.dumps(data, allow_nan=False, separators=(",", ":"))
    except ValueError:  # rare: a formula with an infinite slope somewhere; clean only then
        text = json.dumps(finite(data), allow_nan=False, separators=(",", ":"))
    plain = text.encode()
    return Payload(plain, gzip.compress(plain, GZIP_LEVEL, mtime=0))


def respond(request: Request, payload: Payload) -> Response:
    """Send the gzip form to clients that accept it, the plain bytes to the rest; remember it for replay."""
    remember(request.url.path, request.scope["query_string"], payload)
    headers = {"cache-control": "no-cache", "vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["content-encoding"] = "gzip"
        return Response(payload.gzipped, media_type="application/json", headers=headers)
    return Response(payload.plain, media_type="application/json", headers=headers)


async def cached(key: Any, compute: Any, *args: Any, light: bool = False) -> Payload:
    """The cached payload for `key`; on a miss, light work runs at once and heavy work in a worker thread.

    A light run (a few hundred steps on a built-in curve) takes about a millisecond: handing it to a thread costs
    more than it saves, and under load the thread waits for the busy event loop to let go of the GIL.
    Heavy runs (typed formulas, thousands of steps) go to a thread so they never stall the other answers.
    """
    payload = cache.get(key)
    if payload is None:
        if light:
            payload = encode(compute(*args))
        else:
            async with _heavy:
                payload = await to_thread.run_sync(lambda: encode(compute(*args)))
        cache.put(key, payload)
    return payload


def is_light(settings: DescentSettings) -> bool:
    """Whether a run is cheap enough to compute without leaving the event loop."""
    return not settings.formula and settings.steps <= LIGHT_STEPS


def landscape_data(land: Landscape, start: float | None = None) -> dict[str, Any]:
    """A landscape with its dips, hilltops and the loss sampled across its window."""
    lo, hi = land.window
    ws = np.linspace(lo, hi, CURVE_POINTS)
    with np.errstate(all="ignore"):
        losses = np.asarray(land.loss(ws), dtype=np.float64)
    return {
        "name": land.name,
        "title": land.title,
        "formula": land.formula,
        "description": land.description,
        "window": [lo, hi],
        "start": land.start if start is None else start,
        "minima": [bound.to_dict() for bound in stability_bounds(land)],
        "maxima": [{"w": m.w, "loss": m.loss} for m in land.maxima],
        "curve": {
            "w": [float(f"{w:.7g}") for w in ws],
            "loss": [float(f"{v:.7g}") if math.isfinite(v) else None for v in losses.tolist()],
        },
    }


@lru_cache(maxsize=64)
def _typed_landscape(formula: str, start: float | None) -> Landscape:
    return landscape_for(DescentSettings(formula=formula, start=start))


def curve_for(settings: DescentSettings) -> Landscape:
    """The settings' landscape; a typed formula is parsed once and reused by later runs with other speeds."""
    if settings.formula:
        return _typed_landscape(settings.formula, settings.start)
    return landscape_for(settings)


def descend_data(settings: DescentSettings) -> dict[str, Any]:
    """A whole run: settings, every step and the verdict."""
    return run_descent(curve_for(settings), settings).to_dict()


def peek_data(settings: DescentSettings) -> dict[str, Any]:
    """The loss at a handful of settings across the curve."""
    land = curve_for(settings)
    return {"rows": peek_rows(land), "landscape": land.name}


def curve_key(settings: DescentSettings) -> tuple[str | None, str | None]:
    """Only the curve matters: a typed formula wins over a built-in name, as in the engine."""
    return (None, settings.formula) if settings.formula else (settings.landscape, None)


@router.get("/schema", summary="The settings schema and the server's limits")
async def schema() -> dict[str, Any]:
    """Every setting with its kind, default, allowed range or choices and help; the URL state uses the same."""
    return {"fields": {name: field_schema(server_field(f)) for name, f in FIELDS.items()}, "limits": LIMITS}


@router.get("/simulations", summary="The simulation pages")
async def simulations() -> dict[str, Any]:
    """Every registered simulation page, as on the "All simulations" page."""
    return {"simulations": [sim.to_dict() for sim in SIMULATIONS]}


@router.get("/landscapes", summary="Every built-in landscape")
async def landscapes(request: Request) -> Response:
    """Every built-in curve with its dips, stability bounds and sampled loss."""
    checked_settings(request, ())
    return respond(request, await cached(("landscapes",), lambda: {"landscapes": _all_landscapes()}))


def _all_landscapes() -> list[dict[str, Any]]:
    return [landscape_data(land) for land in LANDSCAPES.values()]


@router.get(
    "/landscape",
    summary="One landscape: a built-in or a typed formula",
    openapi_extra={"parameters": openapi_parameters(LANDSCAPE_PARAMETERS)},
)
async def landscape(request: Request) -> Response:
    """A landscape by name (`landscape=`) or typed (`formula=`, optional `start=`)."""
    settings = checked_settings(request, LANDSCAPE_PARAMETERS)
    key = ("landscape", *curve_key(settings), settings.start)
    return respond(request, await cached(key, lambda: landscape_data(curve_for(settings), settings.start)))


@router.get(
    "/descend",
    summary="Roll the ball downhill",
    openapi_extra={"parameters": openapi_parameters(DESCEND_PARAMETERS)},
)
async def descend(request: Request) -> Response:
    """A descent run for the given settings: every step (w, loss, slope, step taken) and the verdict."""
    settings = checked_settings(request, DESCEND_PARAMETERS)
    return respond(request, await cached(("descend", settings), descend_data, settings, light=is_light(settings)))


@router.get(
    "/peek",
    summary="Peek at the data first",
    openapi_extra={"parameters": openapi_parameters(CURVE_PARAMETERS)},
)
async def peek(request: Request) -> Response:
    """The loss at a handful of evenly spaced settings across the curve."""
    settings = checked_settings(request, CURVE_PARAMETERS)
    key = ("peek", *curve_key(settings))
    return respond(request, await cached(key, peek_data, settings, light=not settings.formula))
