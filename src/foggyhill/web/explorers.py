"""The explorers' API: the outcome map (a verdict for every speed and start) and the bifurcation diagram.

Their settings and computing live in the engine (core/map_settings.py, core/maps.py), shared with `foggyhill map`;
this module adds what only a server needs: the query's checks in the API's words, a cache, and a background compile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..core import Field, Landscape
from ..core import maps as core_maps
from ..core.kernels import numba_available
from ..core.map_settings import (
    CURVE_FIELDS,
    DIAGRAM_CURVE_FIELDS,
    DIAGRAM_FIELDS,
    MAP_FIELDS,
    DiagramRequest,
    MapRequest,
    diagram_request,
    map_request,
)
from ..core.sweep import Sweep, sweep
from .api import LIMITS, curve_key, openapi_parameter, openapi_parameters, query_values, respond
from .cache import Payload, ResponseCache
from .compute import curve_for, encode
from .errors import refusals

WARM_WORK = 8_000_000  # maps bigger than the default (6.4 million) start compiling their curve in the background

router = APIRouter(prefix="/api", tags=["explorers"])
answers = ResponseCache(budget=32 * 1024 * 1024)
_busy = CapacityLimiter(2)  # sweeps at the same time: one per core


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


def run_map(req: MapRequest) -> tuple[Landscape, Sweep]:
    """The map's curve and its sweep, compiled once the curve is; a big map starts that compile in the background."""
    land = curve_for(req.curve)
    result = core_maps.sweep_map(land, req, engine=compiled.engine(land.formula))
    compiled.warm(land, result.speeds.size * result.starts.size * req.steps)
    return land, result


def map_data(req: MapRequest) -> dict[str, Any]:
    """The outcome map in the API's shape (core.maps.map_data)."""
    land, result = run_map(req)
    return core_maps.map_data(land, req, result)


def diagram_data(req: DiagramRequest) -> dict[str, Any]:
    """The bifurcation diagram in the API's shape (core.maps.diagram_data)."""
    return core_maps.diagram_data(curve_for(req.curve), req)


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
    return {"parameters": [*openapi_parameters(curve), *(openapi_parameter(field) for field in own.values())]}


@router.get(
    "/map",
    summary="The outcome map: a verdict for every speed and start",
    openapi_extra=openapi_for(CURVE_FIELDS, MAP_FIELDS),
    responses=refusals(),
)
async def outcome_map(request: Request) -> Response:
    """Verdicts for log-spaced speeds against starts across the curve's window, as base64 int8 (row = speed)."""
    req = map_request(query_values(request, (*CURVE_FIELDS, *MAP_FIELDS)), LIMITS)
    key = ("map", *curve_key(req.curve), req.steps, req.speeds, req.starts, req.speed_min, req.speed_max,
           req.optimizer)  # fmt: skip
    return respond(request, await cached(key, map_data, req))


@router.get(
    "/bifurcation",
    summary="The bifurcation diagram: where w ends up for each speed",
    openapi_extra=openapi_for(DIAGRAM_CURVE_FIELDS, DIAGRAM_FIELDS),
    responses=refusals(),
)
async def bifurcation_diagram(request: Request) -> Response:
    """For each speed, w at the `keep` steps after `burn_in` steps of plain descent, as base64 uint16 levels."""
    req = diagram_request(query_values(request, (*DIAGRAM_CURVE_FIELDS, *DIAGRAM_FIELDS)), LIMITS)
    key = ("bifurcation", *curve_key(req.curve), req.curve.start, req.speeds, req.speed_min, req.speed_max,
           req.burn_in, req.keep)  # fmt: skip
    return respond(request, await cached(key, diagram_data, req))
