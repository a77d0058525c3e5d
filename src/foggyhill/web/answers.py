"""The engine's answers as the API sends them: landscapes, runs and the peek table as JSON-ready data, and their
encoded bytes. Plain functions of checked settings; web/engines.py runs them in worker processes.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from typing import Any

import numpy as np
import orjson

from ..core import LANDSCAPES, Challenged, DescentSettings, Landscape, landscape_for, run_descent
from ..core import peek as peek_rows
from ..core.surfaces import Surface, SurfaceSettings, run_surface, surface_for, surface_listing, surface_to_dict
from ..core.theory import stability_bounds
from ..lang import _
from .cache import Payload

CURVE_POINTS = 401
GZIP_LEVEL = 1  # a run's answer: 8% larger than at level 6, compressed in half the time


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
    """JSON bytes (strict: NaN and infinities become null) and their gzip form.

    orjson writes the same numbers as the standard library (the shortest text that reads back as the same float)
    about ten times faster; what it cannot write (a key that is not text) goes the slow way, cleaned the same way."""
    try:
        plain = orjson.dumps(data, option=orjson.OPT_SERIALIZE_NUMPY)
    except TypeError:
        plain = json.dumps(finite(data), allow_nan=False, separators=(",", ":")).encode()
    return Payload(plain, gzip.compress(plain, GZIP_LEVEL, mtime=0))


def landscape_data(land: Landscape, start: float | None = None) -> dict[str, Any]:
    """A landscape with its dips, hilltops and the loss sampled across its window."""
    lo, hi = land.window
    ws = np.linspace(lo, hi, CURVE_POINTS)
    with np.errstate(all="ignore"):
        losses = np.asarray(land.loss(ws), dtype=np.float64)
    return {
        "name": land.name,
        "title": _(land.title),  # marked where the landscapes are described, said in the asked language here
        "formula": land.formula,
        "description": _(land.description),
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


def descend_data(settings: DescentSettings | SurfaceSettings | Challenged) -> dict[str, Any]:
    """A whole run: settings, every step and the verdict; on a surface, each w and slope is two numbers; with a
    challenge, the challenge and the engine's judgement of the run against it."""
    if isinstance(settings, SurfaceSettings):
        return run_surface(surface_of(settings), settings).to_dict()
    if isinstance(settings, Challenged):
        run = run_descent(curve_for(settings.settings), settings.settings)
        return {**run.to_dict(), "challenge": settings.challenge.judged(run)}
    return run_descent(curve_for(settings), settings).to_dict()


@lru_cache(maxsize=64)
def _typed_surface(formula: str, start: tuple[float, float] | None) -> Surface:
    return surface_for(SurfaceSettings(formula=formula, start=start))


def surface_of(settings: SurfaceSettings) -> Surface:
    """The settings' surface; a typed formula is parsed (and its dips found) once for the runs that follow."""
    return _typed_surface(settings.formula, settings.start) if settings.formula else surface_for(settings)


def surface_data(request: tuple[SurfaceSettings, int]) -> dict[str, Any]:
    """One surface with its dips, saddles and hilltops, and its loss on a grid x grid field (rows follow w2)."""
    settings, size = request
    surface = surface_of(settings)
    w1, w2, losses = surface.field(size)
    rows = [[float(f"{v:.7g}") if math.isfinite(v) else None for v in row] for row in losses.tolist()]
    return {
        **surface_to_dict(surface),
        "start": list(settings.start or surface.start),
        "grid": {"n": size, "w1": _short(w1), "w2": _short(w2), "loss": rows},
    }


def _short(values: np.ndarray) -> list[float]:
    return [float(f"{v:.7g}") for v in values.tolist()]


def surfaces_data(settings: DescentSettings) -> dict[str, Any]:
    """Every built-in surface with its dips, saddles, bounds and condition numbers."""
    return {"surfaces": surface_listing()}


def peek_data(settings: DescentSettings) -> dict[str, Any]:
    """The loss at a handful of settings across the curve."""
    land = curve_for(settings)
    return {"rows": peek_rows(land), "landscape": land.name}


def one_landscape_data(settings: DescentSettings) -> dict[str, Any]:
    """One landscape, built-in or typed."""
    return landscape_data(curve_for(settings), settings.start)


def all_landscapes_data(settings: DescentSettings) -> dict[str, Any]:
    """Every built-in landscape."""
    return {"landscapes": [landscape_data(land) for land in LANDSCAPES.values()]}
