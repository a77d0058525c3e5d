"""A basin map: a run from every start of a grid at once, where each one ends and its verdict, all in numpy.

Every lane takes the very steps a single run takes (the same update rules on arrays of points) and is judged by the
same rules as judge_surface: settled (staying within the tolerance of a dip from some step before the last), stalled
(near a saddle or hilltop for the run's last quarter), swinging (at or above the dip's bound and crossing its valley
floor on the last step), flew off, stopped (Newton at a singular Hessian), or else still crawling. Written the
obvious vectorised way: each step is a handful of array operations over all lanes.

With numba installed the same lanes run compiled (compiled.py), for plain descent, momentum, Nesterov and Newton;
the adaptive rules, and machines without numba, take the numpy path. `engine=` picks one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ...lang import _, say
from ..errors import SettingError
from ..kernels import numba_available
from ..optimizers import get_optimizer
from ..settings import MAX_STEPS
from ..verdicts import ESCAPE, TOLERANCE, tail_length
from . import compiled
from .critical import CriticalPoint
from .newton import newton_step
from .settings import NEWTON, SURFACE_OPTIMIZERS
from .surface import Array, Surface, Window
from .theory import speed_bound, unstable_directions
from .verdicts import SURFACE_VERDICT_KINDS, near_radius, swung_across

MAX_GRID = 1000  # starts per side: a million lanes at most
CODE = {kind: code for code, kind in enumerate(SURFACE_VERDICT_KINDS)}  # each lane's verdict as a small integer
ENGINES = ("auto", "numba", "numpy")
Progress = Callable[[int, int], object]
Lanes = tuple[NDArray[np.int8], NDArray[np.int16], NDArray[np.int32], Array]  # kind, dip, step, ends of every lane


@dataclass(frozen=True)
class BasinMap:
    """Runs from a grid of starts: rows follow w2, columns w1; `kind` codes index SURFACE_VERDICT_KINDS."""

    surface: Surface
    optimizer: str
    speed: float
    steps: int
    w1: Array = field(repr=False)  # the grid's w1 values (columns)
    w2: Array = field(repr=False)  # the grid's w2 values (rows)
    kind: NDArray[np.int8] = field(repr=False)
    dip: NDArray[np.int16] = field(repr=False)  # index into surface.minima: settled in, or on the way to; -1: none
    step: NDArray[np.int32] = field(repr=False)  # the step it settled, flew off or stopped at; else the last step
    ends: Array = field(repr=False)  # where each run ended, shape (rows, columns, 2); NaN for those that flew off

    def summary(self) -> dict[str, Any]:
        """How many starts got each verdict, and each dip's share of the starts (settled there, or heading there)."""
        total = self.kind.size
        kinds = {name: int(np.count_nonzero(self.kind == code)) for name, code in CODE.items()}
        settled = (self.kind == CODE["converged-global"]) | (self.kind == CODE["stuck-local"])
        dips = [
            {
                "w": list(p.w),
                "global": p.is_global,
                "settled": float(np.count_nonzero(settled & (self.dip == j)) / total),
                "basin": float(np.count_nonzero(self.dip == j) / total),
            }
            for j, p in enumerate(self.surface.minima)
        ]
        return {
            "landscape": self.surface.name,
            "optimizer": self.optimizer,
            "speed": self.speed,
            "steps": self.steps,
            "grid": [int(self.w1.size), int(self.w2.size)],
            "kinds": kinds,
            "dips": dips,
        }

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.summary()["kinds"].items() if v)
        return (
            f"BasinMap({self.surface.name}, {self.optimizer}, speed={self.speed:g}, {self.steps} steps, "
            f"{self.w1.size}×{self.w2.size} starts: {counts})"
        )


def basin_map(
    surface: Surface,
    speed: float,
    steps: int = 200,
    optimizer: str = "plain",
    size: int | tuple[int, int] = 200,
    window: Window | None = None,
    tolerance: float = TOLERANCE,
    engine: str = "auto",
    progress: Progress | None = None,
) -> BasinMap:
    """Descend from every start of a size × size grid over the window (default: the surface's) and judge each run.

    `engine` picks the compiled lanes ("numba"), numpy ("numpy") or the compiled lanes wherever numba is installed
    and the optimizer has them ("auto"). `progress(done, total)` is called as the work goes (lanes or steps).
    """
    columns, rows = _check(speed, steps, optimizer, size)
    (a, b), (c, d) = window or surface.window
    w1, w2 = np.linspace(a, b, columns), np.linspace(c, d, rows)
    lanes = None
    if _use_numba(engine, optimizer):
        lanes = _compiled_lanes(surface, (w1, w2), speed, steps, optimizer, tolerance, progress, engine == "numba")
    if lanes is None:
        grid = np.stack(np.meshgrid(w1, w2), axis=-1).reshape(-1, 2)
        lanes = _numpy_lanes(surface, grid, speed, steps, optimizer, tolerance, progress)
    kind, dip, step, ends = lanes
    shape = (rows, columns)
    return BasinMap(
        surface,
        optimizer,
        float(speed),
        steps,
        w1,
        w2,
        kind.reshape(shape),
        dip.reshape(shape),
        step.reshape(shape),
        ends.reshape(rows, columns, 2),
    )


def _use_numba(engine: str, optimizer: str) -> bool:
    if engine not in ENGINES:
        raise SettingError(
            "engine", say("engine must be one of {names} (got {got})", names=", ".join(ENGINES), got=repr(engine))
        )
    if engine == "numba" and not numba_available():
        raise SettingError("engine", _("engine 'numba' needs the numba package, which is not installed here"))
    if engine == "numba" and optimizer not in compiled.RULES:
        raise SettingError(
            "engine",
            say(
                "engine 'numba' runs {rules}; {optimizer} runs with engine 'numpy' (or 'auto')",
                rules=", ".join(compiled.RULES),
                optimizer=optimizer,
            ),
        )
    return engine != "numpy" and optimizer in compiled.RULES and numba_available()


def _compiled_lanes(
    surface: Surface,
    grid: tuple[Array, Array],
    speed: float,
    steps: int,
    optimizer: str,
    tolerance: float,
    progress: Progress | None,
    required: bool,
) -> Lanes | None:
    """Every lane through the surface's compiled copy (None: a surface of someone's own whose functions numba cannot
    compile, unless the compiled engine was asked for by name)."""
    from numba.core.errors import NumbaError

    total = grid[0].size * grid[1].size
    out = (np.empty(total, np.int8), np.empty(total, np.int16), np.empty(total, np.int32), np.empty((total, 2)))
    chosen = compiled.plan(surface, speed, steps, optimizer, tolerance)
    try:
        compiled.run_lanes(compiled.compiled_surface(surface), grid, chosen, out, progress)
    except NumbaError:
        if compiled.known(surface):  # the built-ins and typed formulas always compile: this is a bug, say so
            raise
        if required:
            message = say(
                "numba cannot compile the functions of the surface {name}: use engine numpy or auto",
                name=repr(surface.name),
            )
            raise SettingError("engine", message) from None
        return None
    return out


def _numpy_lanes(
    surface: Surface,
    grid: Array,
    speed: float,
    steps: int,
    optimizer: str,
    tolerance: float,
    progress: Progress | None,
) -> Lanes:
    """Every lane at once, a step at a time, with numpy."""
    lanes = _Lanes.start(surface, grid, tolerance)
    rule = None if optimizer == NEWTON else get_optimizer(optimizer).step
    state: dict[str, Array] = {}
    tail_from = steps - tail_length(steps)
    w = before = grid
    with np.errstate(all="ignore"):
        if tail_from <= 0:
            lanes.watch(w)
        for t in range(steps):
            before = w
            if rule is None:
                w, ok = newton_step(w, surface.gradient, surface.hessian, speed)
                lanes.stop(~ok, t)
            else:
                w = rule(w, surface.gradient, speed, state, t)
            w = lanes.move(before, w, t + 1)
            if t + 1 == tail_from:
                lanes.watch(w)
            elif t + 1 > tail_from:
                lanes.stay(w)
            if progress is not None:
                progress(t + 1, steps)
        kind, dip = lanes.judge(before, w, steps, speed, optimizer)
    return kind, dip, lanes.decided(steps), w


def _check(speed: float, steps: int, optimizer: str, size: int | tuple[int, int]) -> tuple[int, int]:
    if not (isinstance(speed, int | float) and np.isfinite(speed) and speed > 0):
        raise SettingError("speed", say("speed must be a number greater than 0 (got {got})", got=repr(speed)))
    if not (isinstance(steps, int) and 0 <= steps <= MAX_STEPS):
        raise SettingError(
            "steps", say("steps must be a whole number from 0 to {most} (got {got})", most=MAX_STEPS, got=repr(steps))
        )
    if optimizer not in SURFACE_OPTIMIZERS:
        raise SettingError(
            "optimizer",
            say(
                "unknown optimizer {name}: choose one of {names}",
                name=repr(optimizer),
                names=", ".join(SURFACE_OPTIMIZERS),
            ),
        )
    sides = (size, size) if isinstance(size, int) else tuple(size)
    if len(sides) != 2 or not all(isinstance(s, int) and 2 <= s <= MAX_GRID for s in sides):
        raise SettingError(
            "size",
            say(
                "size must be a whole number of starts per side from 2 to {most} (got {got})",
                most=MAX_GRID,
                got=repr(size),
            ),
        )
    return int(sides[0]), int(sides[1])


@dataclass
class _Lanes:
    """Each lane's bookkeeping as the steps go: flown off, stopped, the dip it is within reach of and since when."""

    surface: Surface
    tolerance: float
    dips: Array  # (D, 2)
    odd: tuple[CriticalPoint, ...]  # saddles and hilltops, in the surface's order (as judge_surface reads them)
    diverged_at: NDArray[np.int32]
    stopped_at: NDArray[np.int32]
    within: NDArray[np.int16]  # the dip this lane is within the tolerance of now (-1: none)
    since: NDArray[np.int32]  # the step that stay began
    near: NDArray[np.bool_]  # (len(odd), lanes): near that point for every step of the tail so far

    @classmethod
    def start(cls, surface: Surface, grid: Array, tolerance: float) -> _Lanes:
        m = len(grid)
        dips = np.array([p.w for p in surface.minima], dtype=np.float64).reshape(-1, 2)
        odd = tuple(p for p in surface.critical_points if p.kind in ("saddle", "maximum"))
        none = np.full(m, -1, dtype=np.int32)
        lanes = cls(
            surface,
            tolerance,
            dips,
            odd,
            none,
            none.copy(),
            np.full(m, -1, np.int16),
            np.zeros(m, np.int32),
            np.zeros((len(odd), m), dtype=bool),
        )
        lanes.within = lanes._reach(grid)
        return lanes

    def _reach(self, w: Array) -> NDArray[np.int16]:
        """The dip each lane is within the tolerance of (-1: none); dips lie further apart than twice the tolerance."""
        reach = np.full(len(w), -1, dtype=np.int16)
        x, y, reach2 = w[:, 0], w[:, 1], self.tolerance * self.tolerance
        for j, (a, b) in enumerate(self.dips):
            dx, dy = x - a, y - b
            reach[dx * dx + dy * dy <= reach2] = j
        return reach

    def stop(self, refused: NDArray[np.bool_], t: int) -> None:
        """Newton could not step in these lanes: they stop where they stand (as a single run ends there)."""
        newly = refused & (self.stopped_at < 0) & (self.diverged_at < 0)
        self.stopped_at[newly] = t

    def move(self, before: Array, after: Array, step: int) -> Array:
        """The lanes' new places: stopped lanes stay, lanes that flew off become NaN; then who is near which dip."""
        stopped = self.stopped_at >= 0
        if stopped.any():
            after = np.where(stopped[:, None], before, after)
        with np.errstate(all="ignore"):
            # NaN fails every comparison, so "not within ESCAPE" catches NaN and infinities too.
            off = ~(np.abs(after[:, 0]) <= ESCAPE) | ~(np.abs(after[:, 1]) <= ESCAPE)
            off |= ~np.isfinite(self.surface.loss(after))
        if off.any():
            self.diverged_at[off & (self.diverged_at < 0)] = step
            after = np.where(off[:, None], np.nan, after)
        reach = self._reach(after)
        moved = reach != self.within
        self.since[moved] = step
        self.within = reach
        return after

    def _close(self, w: Array) -> NDArray[np.bool_]:
        radius = near_radius(self.surface, self.tolerance)
        out = np.zeros((len(self.odd), len(w)), dtype=bool)
        x, y = w[:, 0], w[:, 1]
        for i, p in enumerate(self.odd):
            dx, dy = x - p.w[0], y - p.w[1]
            out[i] = dx * dx + dy * dy <= radius * radius
        return out

    def watch(self, w: Array) -> None:
        """The tail begins: which lanes are near each saddle or hilltop now."""
        self.near = self._close(w)

    def stay(self, w: Array) -> None:
        """Still near, a step later?"""
        self.near &= self._close(w)

    def judge(
        self, before: Array, w: Array, steps: int, speed: float, optimizer: str
    ) -> tuple[NDArray[np.int8], NDArray[np.int16]]:
        """Each lane's verdict code and its dip, by judge_surface's rules in judge_surface's order."""
        minima = self.surface.minima
        kind = np.full(len(w), CODE["crawling"], dtype=np.int8)
        heading = np.full(len(w), -1, dtype=np.int16)
        if minima:
            dips = self.dips
            d = np.hypot(w[:, None, 0] - dips[None, :, 0], w[:, None, 1] - dips[None, :, 1])
            heading = np.argmin(np.where(np.isnan(d), np.inf, d), axis=1).astype(np.int16)
            for j, p in enumerate(minima):
                bound = speed_bound(optimizer, p)
                if bound is not None and speed >= bound and steps >= 1:
                    swinging = (heading == j) & swung_across(p, before, w, unstable_directions(optimizer, speed, p))
                    kind[swinging] = CODE["oscillating"]
        stalled = np.zeros(len(w), dtype=bool)
        for i, p in enumerate(self.odd):
            fresh = self.near[i] & ~stalled & (steps >= 1)
            kind[fresh] = CODE["saddle" if p.kind == "saddle" else "hilltop"]
            stalled |= fresh
        heading[stalled] = -1
        settled = (self.within >= 0) & (self.since < steps)
        is_global = np.array([p.is_global for p in minima] + [False])
        kind[settled] = np.where(is_global[self.within[settled]], CODE["converged-global"], CODE["stuck-local"])
        heading[settled] = self.within[settled]
        for code, at in ((CODE["diverged"], self.diverged_at), (CODE["stopped"], self.stopped_at)):
            kind[at >= 0] = code
            heading[at >= 0] = -1
        return kind, heading

    def decided(self, steps: int) -> NDArray[np.int32]:
        """The step each verdict was decided at, where the map knows it (settled, flew off, stopped)."""
        out = np.full(self.since.shape, steps, dtype=np.int32)
        settled = (self.within >= 0) & (self.since < steps)
        out[settled] = self.since[settled]
        out[self.diverged_at >= 0] = self.diverged_at[self.diverged_at >= 0]
        out[self.stopped_at >= 0] = self.stopped_at[self.stopped_at >= 0]
        return out
