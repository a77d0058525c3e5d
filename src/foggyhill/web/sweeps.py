"""The explorers' work: the outcome map and the bifurcation diagram, on numba's compiled lanes once a curve is compiled.

Free of FastAPI: the registry (web/tools.py) declares both tools with this work, for the server and the widgets alike.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
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
    """Which curves and surfaces numba has compiled in this process. A request never waits for a compile (several
    seconds each): until one is compiled its maps run on the numpy lanes, and a bigger-than-default map starts the
    compile in the background so the next ones there are quick."""

    def __init__(self) -> None:
        self.done: set[str] = set()
        self.pending: set[str] = set()
        self.lock = threading.Lock()

    def ready(self, key: str) -> bool:
        """Whether this curve's or surface's lanes are compiled."""
        with self.lock:
            return key in self.done

    def warm(self, key: str, work: int, compile_lanes: Callable[[], object]) -> None:
        """Compile in a background thread (once) when a map asks for more work than the default."""
        with self.lock:
            if work < WARM_WORK or key in self.done | self.pending or not numba_available():
                return
            self.pending.add(key)
        threading.Thread(target=self._compile, args=(key, compile_lanes), daemon=True).start()

    def _compile(self, key: str, compile_lanes: Callable[[], object]) -> None:
        try:
            compile_lanes()
            with self.lock:
                self.done.add(key)
        finally:
            with self.lock:
                self.pending.discard(key)


compiled = Compiled()


def run_map(req: MapRequest) -> tuple[Landscape, Sweep]:
    """The map's curve and its sweep, compiled once the curve is; a big map starts that compile in the background."""
    land = curve_for(req.curve)
    result = core_maps.sweep_map(land, req, engine="numba" if compiled.ready(land.formula) else "numpy")
    work = result.speeds.size * result.starts.size * req.steps
    compiled.warm(land.formula, work, lambda: sweep(land, [0.1], [land.start], 2, engine="numba"))
    return land, result


def map_data(req: MapRequest) -> dict[str, Any]:
    """The outcome map in the API's shape (core.maps.map_data)."""
    land, result = run_map(req)
    return core_maps.map_data(land, req, result)


def basins_data(req: BasinRequest) -> dict[str, Any]:
    """The basin map of a surface in the API's shape (core.surfaces.basin_settings.basin_data): on the compiled
    lanes once the surface is compiled ("auto" keeps the rules numba does not run on numpy), on numpy until then."""
    surface = surface_of(req.surface)
    key = "surface: " + surface.formula
    engine = "auto" if compiled.ready(key) else "numpy"
    result = basin_map(surface, req.speed, req.steps, req.optimizer, req.size, engine=engine)
    compiled.warm(key, req.size**2 * req.steps, lambda: basin_map(surface, 0.01, 2, "plain", 2, engine="numba"))
    return basin_data(result)


def diagram_data(req: DiagramRequest) -> dict[str, Any]:
    """The bifurcation diagram in the API's shape (core.maps.diagram_data)."""
    return core_maps.diagram_data(curve_for(req.curve), req)
