"""The explorers' API: the outcome map (a verdict for every speed and start) and the bifurcation diagram.

Both come from the engine's vectorised sweep and travel compactly: the map's verdicts as base64 int8 (row i is
speeds[i], column j is starts[j]), the diagram's points as base64 uint16 levels over its w range (65535: flew off).
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..core import (
    HEADLINES,
    VERDICT_KINDS,
    DescentSettings,
    Field,
    Landscape,
    SettingError,
    parse_settings,
    stability_bounds,
)
from ..core.kernels import numba_available
from ..core.sweep import Sweep, beside_lowest_dip, bifurcation, sweep
from .api import LIMITS, curve_key, openapi_parameters, query_values, respond
from .cache import Payload, ResponseCache
from .compute import curve_for, encode

MAP_OPTIMIZERS = ("plain", "momentum", "nesterov")  # the update rules the sweep runs
MAX_CELLS = 250_000  # speeds x starts in one map
MAX_MAP_WORK = 40_000_000  # cells x steps: a few seconds on the numpy lanes, a fraction of one compiled
WARM_WORK = 8_000_000  # maps bigger than the default (6.4 million) start compiling their curve in the background
MAX_DIAGRAM_WORK = 4_000_000  # speeds x (burn-in + kept points): a tenth of a second in numpy
OFF = 65535  # the diagram's level for a point that flew off
LEVELS = 65534
SPEED_DIGITS = 4  # grid speeds are rounded to 4 significant digits, so links and hover runs use them exactly

MAP_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("steps", "int", 200, "how many steps each run of the map takes", 1, 2000),
        Field("speeds", "int", 200, "how many speeds (rows of the map), log-spaced", 2, 1000),
        Field("starts", "int", 160, "how many starts (columns of the map) across the curve's window", 2, 1000),
        Field("speed_min", "float", 0.001, "the smallest speed on the map", 0, 100, above_minimum=True),
        Field("speed_max", "float", 2.0, "the largest speed on the map", 0, 100, above_minimum=True),
        Field("optimizer", "choice", "plain", "the update rule", choices=MAP_OPTIMIZERS),
    )
}
DIAGRAM_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("speeds", "int", 600, "how many speeds across the diagram", 2, 2000),
        Field("speed_min", "float", 0.005, "the smallest speed in the diagram", 0, 100, above_minimum=True),
        Field(
            "speed_max",
            "float",
            None,
            "the largest speed (default: a bit past the last that stays on)",
            0,
            100,
            above_minimum=True,
        ),  # fmt: skip
        Field("burn_in", "int", 500, "steps taken before the points are kept", 0, 5000),
        Field("keep", "int", 48, "how many of the following steps are plotted per speed", 1, 200),
    )
}
CURVE_FIELDS = ("landscape", "formula")
DIAGRAM_CURVE_FIELDS = (*CURVE_FIELDS, "start")

router = APIRouter(prefix="/api", tags=["explorers"])
answers = ResponseCache(budget=32 * 1024 * 1024)
_busy = CapacityLimiter(2)  # sweeps at the same time: one per core


@dataclass(frozen=True)
class MapRequest:
    """Checked settings of an outcome map."""

    curve: DescentSettings
    steps: int
    speeds: int
    starts: int
    speed_min: float
    speed_max: float
    optimizer: str


@dataclass(frozen=True)
class DiagramRequest:
    """Checked settings of a bifurcation diagram."""

    curve: DescentSettings
    speeds: int
    speed_min: float
    speed_max: float | None
    burn_in: int
    keep: int


def split_values(
    given: Mapping[str, object], own: Mapping[str, Field], curve: tuple[str, ...]
) -> tuple[dict[str, Any], DescentSettings]:
    """The endpoint's own values (checked by `own`) and the curve's settings (checked by the settings schema)."""
    values = {name: spec.parse(given.get(name)) for name, spec in own.items()}
    settings = parse_settings({k: v for k, v in given.items() if k in curve and v is not None}, LIMITS)
    return values, settings


def checked_range(low: float, high: float | None) -> None:
    """speed_min must stay below speed_max."""
    if high is not None and not low < high:
        raise SettingError("speed_max", f"speed_max must be greater than speed_min (got {high:g} <= {low:g})")


def map_request(given: Mapping[str, object]) -> MapRequest:
    """A map's settings, checked: grid sizes, speeds and the work they add up to."""
    v, curve = split_values(given, MAP_FIELDS, CURVE_FIELDS)
    checked_range(v["speed_min"], v["speed_max"])
    cells = v["speeds"] * v["starts"]
    if cells > MAX_CELLS:
        raise SettingError("speeds", f"{v['speeds']} speeds x {v['starts']} starts is {cells:,} cells: "
                           f"at most {MAX_CELLS:,} are allowed")  # fmt: skip
    if cells * v["steps"] > MAX_MAP_WORK:
        raise SettingError("steps", f"{cells:,} cells x {v['steps']:,} steps is too much work: at most "
                           f"{MAX_MAP_WORK:,} are allowed; use fewer steps or a smaller map")  # fmt: skip
    return MapRequest(curve, **v)


def diagram_request(given: Mapping[str, object]) -> DiagramRequest:
    """A diagram's settings, checked."""
    v, curve = split_values(given, DIAGRAM_FIELDS, DIAGRAM_CURVE_FIELDS)
    checked_range(v["speed_min"], v["speed_max"])
    work = v["speeds"] * (v["burn_in"] + v["keep"])
    if work > MAX_DIAGRAM_WORK:
        raise SettingError("burn_in", f"{v['speeds']:,} speeds x (burn_in {v['burn_in']:,} + keep {v['keep']:,}) "
                           f"steps is too much work: at most {MAX_DIAGRAM_WORK:,} are allowed")  # fmt: skip
    return DiagramRequest(curve, **v)


# ----------------------------------------------------------------------------- computing


def map_speeds(low: float, high: float, count: int) -> np.ndarray:
    """Log-spaced speeds rounded to 4 significant digits (duplicates after rounding dropped)."""
    raw = np.geomspace(low, high, count)
    return np.unique(np.array([float(f"{s:.{SPEED_DIGITS}g}") for s in raw]))


def map_starts(land: Landscape, count: int) -> np.ndarray:
    """Starts across the curve's window, rounded to 4 decimals."""
    lo, hi = land.window
    return np.unique(np.round(np.linspace(lo, hi, count), 4))


def curve_summary(land: Landscape) -> dict[str, Any]:
    """The curve's name, formula, window and dips with their stability bounds (from core.theory)."""
    return {
        "name": land.name,
        "title": land.title,
        "formula": land.formula,
        "window": list(land.window),
        "start": land.start,
        "minima": [b.to_dict() for b in stability_bounds(land)],
    }


class Compiled:
    """Which curves numba has compiled in this process. A request never waits for a compile (about 14 s per curve):
    until a curve is compiled its maps run on the numpy lanes, and a bigger-than-default map starts the compile in
    the background so the next ones on that curve are quick."""

    def __init__(self) -> None:
        self.done: set[str] = set()
        self.pending: set[str] = set()
        self.lock = threading.Lock()

    def engine(self, formula: str) -> str:
        """numba once this curve is compiled, numpy until then."""
        with self.lock:
            return "numba" if formula in self.done else "numpy"

    def warm(self, land: Landscape, work: int) -> None:
        """Compile the curve's sweep in a background thread (once) when a map asks for more than the default."""
        with self.lock:
            if work < WARM_WORK or land.formula in self.done | self.pending or not numba_available():
                return
            self.pending.add(land.formula)
        threading.Thread(target=self._compile, args=(land,), daemon=True).start()

    def _compile(self, land: Landscape) -> None:
        try:
            sweep(land, [0.1], [land.start], 2, engine="numba")
            with self.lock:
                self.done.add(land.formula)
        finally:
            with self.lock:
                self.pending.discard(land.formula)


compiled = Compiled()


def run_map(req: MapRequest, warm: bool = True) -> tuple[Landscape, Sweep]:
    """The map's curve and its sweep over the grid of speeds and starts; `warm` may start a background compile."""
    land = curve_for(req.curve)
    speeds, starts = map_speeds(req.speed_min, req.speed_max, req.speeds), map_starts(land, req.starts)
    work = speeds.size * starts.size * req.steps
    result = sweep(land, speeds, starts, req.steps, optimizer=req.optimizer, engine=compiled.engine(land.formula))
    if warm:
        compiled.warm(land, work)
    return land, result


def map_data(req: MapRequest, warm: bool = True) -> dict[str, Any]:
    """The outcome map: axes, verdicts as base64 int8, and each verdict's count."""
    land, result = run_map(req, warm)
    counts = result.counts()
    return {
        "landscape": curve_summary(land),
        "formula": req.curve.formula,
        "optimizer": req.optimizer,
        "steps": req.steps,
        "speeds": result.speeds.tolist(),
        "starts": result.starts.tolist(),
        "kinds": base64.b64encode(np.ascontiguousarray(result.kinds, dtype=np.int8).tobytes()).decode(),
        "verdicts": [{"kind": k, "headline": HEADLINES[k], "count": counts[k]} for k in VERDICT_KINDS],
    }


def default_top(land: Landscape, start: float, low: float) -> float:
    """A bit past the last speed (up to 2) at which the run still stays on the curve."""
    probe = np.linspace(max(low, 0.002), 2.0, 400)
    ends = bifurcation(land, probe, start=start, burn_in=200, keep=1, engine="numpy")[:, 0]
    alive = probe[np.isfinite(ends)]
    if alive.size == 0 or alive.max() >= 2.0:
        return 2.0
    return float(f"{min(2.0, alive.max() * 1.1):.2g}")


def run_diagram(req: DiagramRequest) -> tuple[Landscape, float, np.ndarray, np.ndarray]:
    """The diagram's curve, start, speeds and points (speeds x keep; NaN where the run flew off)."""
    land = curve_for(req.curve)
    start = (
        round(beside_lowest_dip(land), 4) if req.curve.start is None else req.curve.start
    )  # 4 places: shown in links
    top = req.speed_max if req.speed_max is not None else default_top(land, start, req.speed_min)
    checked_range(req.speed_min, top)
    speeds = np.array([float(f"{s:.6g}") for s in np.linspace(req.speed_min, top, req.speeds)])
    # The diagram is light work (at most 4 million steps): the numpy lanes answer in a tenth of a second.
    points = bifurcation(land, speeds, start=start, burn_in=req.burn_in, keep=req.keep, engine="numpy")
    return land, start, speeds, points


def diagram_data(req: DiagramRequest) -> dict[str, Any]:
    """Where w ends up for each speed: points as uint16 levels over [low, high] of w (65535: flew off)."""
    land, start, speeds, points = run_diagram(req)
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


# ----------------------------------------------------------------------------- routes


async def cached(key: Any, compute: Callable[[Any], dict[str, Any]], req: Any) -> Payload:
    """The remembered answer for `key`, or one computed in a worker thread (the sweep lets go of the GIL)."""
    payload = answers.get(key)
    if payload is None:
        async with _busy:
            payload = await to_thread.run_sync(lambda: encode(compute(req)))
        answers.put(key, payload)
    return payload


def openapi_for(curve: tuple[str, ...], own: Mapping[str, Field]) -> dict[str, Any]:
    """The OpenAPI description of an explorer's query: the curve's settings, then its own parameters."""
    parameters = openapi_parameters(curve)
    for field in own.values():
        if field.kind == "choice":
            schema: dict[str, Any] = {"type": "string", "enum": list(field.choices)}
        else:
            low = "exclusiveMinimum" if field.above_minimum else "minimum"
            kind = "integer" if field.kind == "int" else "number"
            schema = {"type": kind, low: field.minimum, "maximum": field.maximum}
        if field.default is not None:
            schema["default"] = field.default
        parameters.append({"name": field.name, "in": "query", "required": False, "description": field.help,
                           "schema": schema})  # fmt: skip
    return {"parameters": parameters}


@router.get(
    "/map",
    summary="The outcome map: a verdict for every speed and start",
    openapi_extra=openapi_for(CURVE_FIELDS, MAP_FIELDS),
)
async def outcome_map(request: Request) -> Response:
    """Verdicts for log-spaced speeds against starts across the curve's window, as base64 int8 (row = speed)."""
    req = map_request(query_values(request, (*CURVE_FIELDS, *MAP_FIELDS)))
    key = ("map", *curve_key(req.curve), req.steps, req.speeds, req.starts, req.speed_min, req.speed_max,
           req.optimizer)  # fmt: skip
    return respond(request, await cached(key, map_data, req))


@router.get(
    "/bifurcation",
    summary="The bifurcation diagram: where w ends up for each speed",
    openapi_extra=openapi_for(DIAGRAM_CURVE_FIELDS, DIAGRAM_FIELDS),
)
async def bifurcation_diagram(request: Request) -> Response:
    """For each speed, w at the `keep` steps after `burn_in` steps of plain descent, as base64 uint16 levels."""
    req = diagram_request(query_values(request, (*DIAGRAM_CURVE_FIELDS, *DIAGRAM_FIELDS)))
    key = ("bifurcation", *curve_key(req.curve), req.curve.start, req.speeds, req.speed_min, req.speed_max,
           req.burn_in, req.keep)  # fmt: skip
    return respond(request, await cached(key, diagram_data, req))
