"""The learning-rate map and the bifurcation diagram computed from their checked settings, and their compact form.

The map's verdicts travel as base64 int8 (row i is speeds[i], column j is starts[j]), the diagram's points as
base64 little-endian uint16 levels over its w range (OFF: flew off). `foggyhill map` and `/api/map` share these.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..lang import _
from .landscapes import Landscape
from .map_settings import DiagramRequest, MapRequest, checked_range
from .sweep import Sweep, beside_lowest_dip, bifurcation, sweep
from .theory import stability_bounds
from .verdicts import HEADLINES, VERDICT_KINDS

OFF = 65535  # the diagram's level for a point that flew off
LEVELS = 65534
SPEED_DIGITS = 4  # grid speeds are rounded to 4 significant digits, so links and hover runs use them exactly


def map_speeds(low: float, high: float, count: int) -> np.ndarray:
    """Log-spaced speeds rounded to 4 significant digits (duplicates after rounding dropped)."""
    raw = np.geomspace(low, high, count)
    return np.unique(np.array([float(f"{s:.{SPEED_DIGITS}g}") for s in raw]))


def map_starts(land: Landscape, count: int) -> np.ndarray:
    """Starts across the curve's window, rounded to 4 decimals."""
    lo, hi = land.window
    return np.unique(np.round(np.linspace(lo, hi, count), 4))


def curve_summary(land: Landscape) -> dict[str, Any]:
    """The curve's name, formula, window and dips with their stability bounds (from theory)."""
    return {
        "name": land.name,
        "title": _(land.title),
        "formula": land.formula,
        "window": list(land.window),
        "start": land.start,
        "minima": [b.to_dict() for b in stability_bounds(land)],
    }


def sweep_map(land: Landscape, req: MapRequest, engine: str = "numpy") -> Sweep:
    """The sweep over the map's grid of speeds and starts on `land` (the request's curve)."""
    speeds, starts = map_speeds(req.speed_min, req.speed_max, req.speeds), map_starts(land, req.starts)
    return sweep(land, speeds, starts, req.steps, optimizer=req.optimizer, engine=engine)


def map_data(land: Landscape, req: MapRequest, result: Sweep) -> dict[str, Any]:
    """The outcome map: axes, verdicts as base64 int8, and each verdict's count."""
    counts = result.counts()
    return {
        "landscape": curve_summary(land),
        "formula": req.curve.formula,
        "optimizer": req.optimizer,
        "steps": req.steps,
        "speeds": result.speeds.tolist(),
        "starts": result.starts.tolist(),
        "kinds": base64.b64encode(np.ascontiguousarray(result.kinds, dtype=np.int8).tobytes()).decode(),
        "verdicts": [{"kind": k, "headline": _(HEADLINES[k]), "count": counts[k]} for k in VERDICT_KINDS],
    }


def default_top(land: Landscape, start: float, low: float) -> float:
    """A bit past the last speed (up to 2) at which the run still stays on the curve."""
    probe = np.linspace(max(low, 0.002), 2.0, 400)
    ends = bifurcation(land, probe, start=start, burn_in=200, keep=1, engine="numpy")[:, 0]
    alive = probe[np.isfinite(ends)]
    if alive.size == 0 or alive.max() >= 2.0:
        return 2.0
    return float(f"{min(2.0, alive.max() * 1.1):.2g}")


def diagram(land: Landscape, req: DiagramRequest) -> tuple[float, np.ndarray, np.ndarray]:
    """The diagram's start, speeds and points (speeds x keep; NaN where the run flew off) on `land`."""
    start = round(beside_lowest_dip(land), 4) if req.curve.start is None else req.curve.start  # 4 places: in links
    top = req.speed_max if req.speed_max is not None else default_top(land, start, req.speed_min)
    checked_range(req.speed_min, top)
    speeds = np.array([float(f"{s:.6g}") for s in np.linspace(req.speed_min, top, req.speeds)])
    # The diagram is light work (at most 4 million steps): the numpy lanes answer in a tenth of a second.
    points = bifurcation(land, speeds, start=start, burn_in=req.burn_in, keep=req.keep, engine="numpy")
    return start, speeds, points


def diagram_data(land: Landscape, req: DiagramRequest) -> dict[str, Any]:
    """Where w ends up for each speed: points as uint16 levels over [low, high] of w (OFF: flew off)."""
    start, speeds, points = diagram(land, req)
    levels, low, high = quantize(points)
    return {
        "landscape": curve_summary(land),
        "formula": req.curve.formula,
        "start": start,
        "burn_in": req.burn_in,
        "keep": req.keep,
        "speeds": speeds.tolist(),
        "w_range": [low, high],
        "points": base64.b64encode(levels.tobytes()).decode(),
    }


def quantize(points: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Points as little-endian uint16 levels over their finite range; NaN becomes OFF."""
    finite = points[np.isfinite(points)]
    if finite.size == 0:
        return np.full(points.shape, OFF, dtype="<u2"), 0.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    with np.errstate(invalid="ignore"):
        scaled = np.rint((points - low) / (high - low) * LEVELS)
    levels = np.where(np.isfinite(points), scaled, OFF).astype("<u2")
    return levels, low, high


def decode_points(data: Mapping[str, Any]) -> np.ndarray:
    """The diagram's points back as floats (NaN where it flew off), shaped speeds x keep."""
    levels = np.frombuffer(base64.b64decode(data["points"]), dtype="<u2").reshape(len(data["speeds"]), data["keep"])
    low, high = data["w_range"]
    return np.where(levels == OFF, np.nan, low + levels / LEVELS * (high - low))
