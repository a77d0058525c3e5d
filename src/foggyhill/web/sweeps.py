"""The explorers' work: the outcome map and the bifurcation diagram, on numba's compiled lanes once a curve is compiled.

Free of FastAPI: the registry (web/tools.py) declares both tools with this work, for the server and the widgets alike.
"""

from __future__ import annotations

import threading
from typing import Any

from ..core import Landscape
from ..core import maps as core_maps
from ..core.kernels import numba_available
from ..core.map_settings import DiagramRequest, MapRequest
from ..core.surfaces import basin_map
from ..core.surfaces.basin_settings import BasinRequest, basin_data
from ..core.sweep import Sweep, sweep
from .answers import curve_for, surface_of

__all__ = ["Compiled", "compiled", "diagram_data", "map_data", "run_map"]

WARM_WORK = 8_000_000  # maps bigger than the default (6.4 million) start compiling their curve in the background


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


def basins_data(req: BasinRequest) -> dict[str, Any]:
    """The basin map of a surface in the API's shape (core.surfaces.basin_settings.basin_data).

    On numpy's lanes for now: a default map (101 x 101 starts, 200 steps) takes a fraction of a second there, and a
    request must not wait for numba to compile a surface.
    """
    surface = surface_of(req.surface)
    return basin_data(basin_map(surface, req.speed, req.steps, req.optimizer, req.size, engine="numpy"))


def diagram_data(req: DiagramRequest) -> dict[str, Any]:
    """The bifurcation diagram in the API's shape (core.maps.diagram_data)."""
    return core_maps.diagram_data(curve_for(req.curve), req)
