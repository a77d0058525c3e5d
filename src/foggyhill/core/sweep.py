"""Many runs at once: the verdict for every (speed, start) pair, and where w ends up for every speed.

`sweep` gives the same verdict, and the same deciding step, as `descend` would for each pair, computed as the
lanes run instead of from stored trajectories (see `kernels.run_group`). The arithmetic is the same as `descend`'s
except that powers like w^3 are written as products and numba calls the C library's exp, log, tan, tanh and
fractional powers where numpy uses its own: the slope can differ in the last bit, so a lane sitting exactly on the
edge between two verdicts (a chaotic swing that escapes at a slightly different step, say) can be judged
differently. The numba and numpy paths of this module agree bit for bit on curves built from + - * /, whole powers,
sqrt and abs, and in our tests on sin and cos too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..lang import _, say
from . import kernels as k
from .errors import FoggyhillError, SettingError
from .landscapes import Landscape, get_landscape
from .optimizers import MOMENTUM
from .settings import FIELDS, MAX_STEPS, Field
from .stability import dip_limits, settles_later
from .verdicts import ESCAPE, TOLERANCE, VERDICT_KINDS, tail_length

__all__ = ["MAX_LANES", "MAX_UPDATES", "Sweep", "SweepCancelled", "beside_lowest_dip", "bifurcation", "sweep"]

F64 = NDArray[np.float64]
MAX_LANES = 4_000_000  # (speed, start) pairs in one sweep: about 50 MB of results
MAX_UPDATES = 4_000_000_000  # lanes x steps: about 15 s of work on two cores
MAX_KEEP = 1000  # points per speed in a bifurcation diagram
CHUNK = 1 << 18  # lanes per call between progress reports (and chances to cancel)
BLOCK = 8192  # lanes per numpy block: the working arrays stay in cache
ENGINES = ("auto", "numba", "numpy")
Progress = Callable[[int, int], object]


class SweepCancelled(FoggyhillError):
    """The caller's progress callback asked the sweep to stop."""


@dataclass(frozen=True, eq=False)
class Sweep:
    """The verdict grid: `kinds[i, j]` (an index into VERDICT_KINDS) for speeds[i] and starts[j], with its step."""

    landscape: str
    optimizer: str
    run_steps: int  # how many steps each lane was given
    speeds: F64
    starts: F64
    kinds: NDArray[np.int8]
    # The step each verdict was decided at, exactly descend's verdict.step. An oscillating lane's step depends on
    # its whole tail, so those lanes are run a second time, up to the tail, to find it.
    steps: NDArray[np.int32]
    final_w: F64  # where each lane stopped (NaN where it flew off)

    def counts(self) -> dict[str, int]:
        """How many cells got each verdict (every kind listed, zeros included)."""
        tally = np.bincount(self.kinds.ravel(), minlength=len(VERDICT_KINDS))
        return {kind: int(n) for kind, n in zip(VERDICT_KINDS, tally, strict=True)}

    def kind_at(self, i: int, j: int) -> str:
        """The verdict for speeds[i] and starts[j], in words."""
        return VERDICT_KINDS[int(self.kinds[i, j])]

    def __repr__(self) -> str:
        s, w = self.speeds, self.starts
        tally = ", ".join(f"{kind} {n}" for kind, n in self.counts().items() if n)
        return (
            f"Sweep({self.landscape}, {self.optimizer}, {s.size} speeds {s.min():g}..{s.max():g} x {w.size} starts "
            f"{w.min():g}..{w.max():g}, {self.run_steps} steps: {tally})"
        )


@dataclass(frozen=True)
class _Plan:
    """Everything a lane needs besides its speed and start."""

    formula: str
    minima: F64
    is_global: NDArray[np.bool_]
    limits: F64  # each dip's speed limit for this rule (row 0; NaN: none, as at a kink) and curvature (row 1)
    maxima: F64
    steps: int
    s0: int  # the tail window is w at steps s0..steps; judge splits it at mid
    mid: int
    tol: float
    rule: int

    def lane_args(self) -> tuple[Any, ...]:
        """The arguments `kernels.sweep_lanes` takes between the starts and the lane range."""
        return (
            self.minima,
            self.is_global,
            self.limits,
            self.maxima,
            self.steps,
            self.s0,
            self.mid,
            self.tol,
            self.rule,
        )


def sweep(
    landscape: Landscape | str,
    speeds: ArrayLike,
    starts: ArrayLike,
    steps: int,
    optimizer: str = "plain",
    tolerance: float = TOLERANCE,
    engine: str = "auto",
    progress: Progress | None = None,
) -> Sweep:
    """Run every (speed, start) pair for `steps` steps and judge each run as `descend` would.

    `engine` picks numba ("numba"), the numpy fallback ("numpy") or numba when it is installed ("auto").
    `progress(done, total)` is called between chunks of lanes; returning False cancels with SweepCancelled.
    """
    land = get_landscape(landscape) if isinstance(landscape, str) else landscape
    speed_arr = _values("speeds", speeds, "speed")
    start_arr = _values("starts", starts, "start")
    plan = _plan(land, steps, optimizer, tolerance)
    lanes = _check_work(speed_arr.size, start_arr.size, plan.steps)
    run = _numba_lanes(plan) if _use_numba(engine) else _numpy_lanes(plan)
    kinds, decided, final = np.empty(lanes, np.int8), np.empty(lanes, np.int32), np.empty(lanes)
    for first in range(0, lanes, CHUNK):
        last = min(first + CHUNK, lanes)
        run(plan, speed_arr, start_arr, first, last, kinds, decided, final)
        if progress is not None and progress(last, lanes) is False:
            raise SweepCancelled(f"the sweep was cancelled after {last:,} of {lanes:,} lanes")
    shape = (speed_arr.size, start_arr.size)
    kinds, decided, final = kinds.reshape(shape), decided.reshape(shape), final.reshape(shape)
    for array in (kinds, decided, final, speed_arr, start_arr):
        array.setflags(write=False)
    return Sweep(land.name, optimizer, plan.steps, speed_arr, start_arr, kinds, decided, final)


def bifurcation(
    landscape: Landscape | str,
    speeds: ArrayLike,
    start: float | None = None,
    burn_in: int = 500,
    keep: int = 64,
    engine: str = "auto",
) -> F64:
    """Where plain descent's w ends up for each speed: the `keep` values after `burn_in` steps (NaN: it flew off).

    Every run starts at `start`, by default just beside the lowest dip: from there the diagram shows the swings
    around that dip (one value, two, four, ... chaos) instead of long trips that fly off before they begin.
    """
    land = get_landscape(landscape) if isinstance(landscape, str) else landscape
    speed_arr = _values("speeds", speeds, "speed")
    begin = beside_lowest_dip(land) if start is None else float(FIELDS["start"].parse(start))
    burn = _whole("burn_in", burn_in, 0, MAX_STEPS)
    kept = _whole("keep", keep, 1, MAX_KEEP)
    if speed_arr.size * kept > MAX_LANES:
        raise SettingError(
            "speeds", f"{speed_arr.size:,} speeds x {kept} points is too many: at most {MAX_LANES:,} are allowed"
        )
    out = np.empty((speed_arr.size, kept))
    if _use_numba(engine):
        kernel = k.compiled("bifurcation", land.formula)
        with k.LAUNCH:
            kernel(speed_arr, begin, burn, out)
    else:
        _numpy_bifurcation(land.formula, speed_arr, begin, burn, out)
    return out


# ----------------------------------------------------------------------------- checking the settings


def _values(name: str, raw: ArrayLike, field: str) -> F64:
    """A 1-D float array whose every value the settings field `field` allows."""
    try:
        values = np.array(raw, dtype=np.float64, ndmin=1)
    except (TypeError, ValueError):
        raise SettingError(name, f"{name} must be a list of numbers (got {raw!r:.60})") from None
    spec = FIELDS[field]
    if values.ndim != 1 or values.size == 0:
        raise SettingError(name, f"{name} must be a non-empty list of numbers (got shape {values.shape})")
    bad = np.flatnonzero(~spec.within(values))
    if bad.size:
        i = int(bad[0])
        raise SettingError(
            name,
            say(
                "each of the {name} must be {allowed} (got {got} at position {position})",
                name=name,
                allowed=spec.allowed(),
                got=repr(float(values[i])),
                position=i,
            ),
        )
    return np.ascontiguousarray(values)


def _check_work(speeds: int, starts: int, steps: int) -> int:
    """The number of lanes, if the sweep is within MAX_LANES and MAX_UPDATES."""
    lanes = speeds * starts
    if lanes > MAX_LANES:
        message = f"{speeds} speeds x {starts} starts is {lanes:,} lanes: at most {MAX_LANES:,} are allowed"
        raise SettingError("lanes", message)
    if lanes * max(steps, 1) > MAX_UPDATES:
        message = f"{lanes:,} lanes x {steps:,} steps is too much work: at most {MAX_UPDATES:,} updates are allowed"
        raise SettingError("steps", message)
    return lanes


def beside_lowest_dip(land: Landscape) -> float:
    """The bifurcation diagram's default start: just beside the lowest dip, so the whole cascade shows."""
    lowest = land.global_minimum
    if lowest is None:
        return land.start
    return lowest.w + 0.01 * (land.window[1] - land.window[0])


def _whole(name: str, raw: object, low: int, high: int) -> int:
    """A whole number (not a float, even 3.0) within [low, high], as a Python caller passes it."""
    spec = Field(name, "int", None, "", low, high)
    if isinstance(raw, bool) or not isinstance(raw, int | np.integer) or not spec.within(raw):
        raise spec.refused(raw)
    return int(raw)


def _plan(land: Landscape, steps: int, optimizer: str, tolerance: float) -> _Plan:
    n = _whole("steps", steps, 0, MAX_STEPS)
    if optimizer not in k.RULES:  # the adaptive rules have no lane code: say which rules the sweep takes
        message = say("optimizer must be one of {names} (got {got})", names=", ".join(k.RULES), got=repr(optimizer))
        raise SettingError("optimizer", message)
    if not isinstance(tolerance, float | int) or not 0 < tolerance <= 1:
        message = say("tolerance must be a number greater than 0 and at most 1 (got {got})", got=repr(tolerance))
        raise SettingError("tolerance", message)
    tail = tail_length(n)
    minima = np.array([m.w for m in land.minima], dtype=np.float64)
    is_global = np.array([m.is_global for m in land.minima], dtype=np.bool_)
    limits = dip_limits(optimizer, land.minima)
    maxima = np.array([m.w for m in land.maxima], dtype=np.float64)
    s0, mid, rule = n - tail, n - tail + (tail + 1) // 2, k.RULES[optimizer]
    return _Plan(land.formula, minima, is_global, limits, maxima, n, s0, mid, float(tolerance), rule)


def _use_numba(engine: str) -> bool:
    if engine not in ENGINES:
        raise SettingError(
            "engine", say("engine must be one of {names} (got {got})", names=", ".join(ENGINES), got=repr(engine))
        )
    if engine == "numba" and not k.numba_available():
        raise SettingError("engine", _("engine 'numba' needs the numba package, which is not installed here"))
    return engine != "numpy" and k.numba_available()


# ----------------------------------------------------------------------------- the lanes


def _numba_lanes(plan: _Plan) -> Callable[..., None]:
    kernel = k.compiled("sweep", plan.formula)

    def run(plan: _Plan, speeds: F64, starts: F64, first: int, last: int, *out: NDArray[Any]) -> None:
        import numba

        # Lanes that fly off finish early: hand the work out in small pieces.
        with k.LAUNCH, numba.parallel_chunksize(64):
            kernel(speeds, starts, *plan.lane_args(), first, last, *out)

    return run


def _numpy_lanes(plan: _Plan) -> Callable[..., None]:
    slope, loss = k.numpy_pieces(plan.formula)

    def run(plan: _Plan, speeds: F64, starts: F64, first: int, last: int, *out: NDArray[Any]) -> None:
        """The same lanes as kernels.sweep_lanes, run on numpy blocks of lanes (no numba needed)."""
        kinds, decided, final = out
        for lo in range(first, last, BLOCK):
            lane = np.arange(lo, min(lo + BLOCK, last))
            block = _Block(plan, speeds[lane // starts.size], starts[lane % starts.size], slope, loss)
            kinds[lane], decided[lane], final[lane] = block.run()

    return run


def _numpy_bifurcation(formula: str, speeds: F64, start: float, burn_in: int, out: F64) -> None:
    slope, loss = k.numpy_pieces(formula)
    w, dead = np.full(speeds.size, start), np.zeros(speeds.size, dtype=np.bool_)
    with np.errstate(all="ignore"):
        for t in range(burn_in + out.shape[1]):
            new = w - speeds * slope(w)
            dead |= ~(np.abs(new) <= ESCAPE) | (False if loss is None else ~np.isfinite(loss(new)))
            w = np.where(dead, w, new)
            if t >= burn_in:
                out[:, t - burn_in] = w
    out[dead] = np.nan


class _Block:
    """A block of lanes run together with numpy, step by step, tracking what judge needs."""

    def __init__(self, plan: _Plan, speeds: F64, starts: F64, slope: Any, loss: Any) -> None:
        self.plan, self.speeds, self.starts, self.slope, self.loss = plan, speeds, starts, slope, loss

    def move(self, w: F64, v: F64) -> tuple[F64, F64]:
        """One step of the update rule for every lane, with kernels.move's arithmetic."""
        if self.plan.rule == 0:
            return w - self.speeds * self.slope(w), v
        ahead = w if self.plan.rule == 1 else w + MOMENTUM * v
        v = MOMENTUM * v - self.speeds * self.slope(ahead)
        return w + v, v

    def run(self) -> tuple[NDArray[np.int8], NDArray[np.int32], F64]:
        """Every lane's verdict, deciding step and final w."""
        p, n = self.plan, self.starts.size
        self.w, self.alive = self.starts.copy(), np.ones(n, dtype=np.bool_)
        self.kind, self.step = np.full(n, k.CRAWLING, np.int8), np.full(n, p.steps, np.int32)
        self.far = np.where(np.abs(self.w - p.minima[:, None]) > p.tol, 0, -1)  # the last step far from each dip
        self.calm = np.ones((3, n), dtype=np.bool_)  # the tail's moves: all rising, all falling, all standing still
        self.lo, self.hi = np.full((2, n), np.inf), np.full((2, n), -np.inf)  # the tail's early and late halves
        if p.s0 == 0:
            self.lo[0], self.hi[0] = self.w, self.w
        with np.errstate(all="ignore"):
            self.descend()
        return self.judge()

    def descend(self) -> None:
        """Run every lane, noting when it flies off, which dips it is far from, and its tail's moves and range."""
        p, w, v, alive = self.plan, self.w, np.zeros_like(self.w), self.alive
        for t in range(1, p.steps + 1):
            new, v_new = self.move(w, v)
            bad = alive & ~(np.abs(new) <= ESCAPE)
            if self.loss is not None:
                bad |= alive & ~np.isfinite(self.loss(new))
            self.kind[bad], self.step[bad], alive = k.DIVERGED, t, alive & ~bad
            prev, w, v = w, np.where(alive, new, w), np.where(alive, v_new, v)
            if t > p.s0:
                change = w - prev
                self.calm &= np.stack([change > 0, change < 0, np.abs(change) < k.TINY_MOVE])
            self.far = np.where(np.abs(w - p.minima[:, None]) > p.tol, t, self.far)
            for half, inside in enumerate((p.s0 <= t <= p.mid, t >= p.mid)):
                if inside:
                    self.lo[half], self.hi[half] = np.minimum(self.lo[half], w), np.maximum(self.hi[half], w)
            if not alive.any():
                break
        self.w, self.alive = w, alive

    def judge(self) -> tuple[NDArray[np.int8], NDArray[np.int32], F64]:
        """The verdicts from what descend noted, in judge's order."""
        p, kind, step = self.plan, self.kind, self.step
        undecided = self.alive.copy()
        for j in range(p.minima.size):
            settled = undecided & (self.far[j] < p.steps - 1)  # as judge: staying two steps at least
            kind[settled], step[settled] = (k.GLOBAL if p.is_global[j] else k.LOCAL), self.far[j][settled] + 1
            undecided &= ~settled
        lo, hi = self.lo, self.hi
        low, high, early, late = lo.min(0), hi.max(0), hi[0] - lo[0], hi[1] - lo[1]
        swaying = np.flatnonzero(undecided & ~self.calm.any(axis=0) & (p.steps >= 2))
        # the swing rules read each lane's dip: a loop, over the lanes that swing only
        swinging = np.array(
            [
                g
                for g in swaying
                if not settles_later(
                    low[g],
                    high[g],
                    early[g],
                    late[g],
                    p.mid - p.s0,
                    self.speeds[g],
                    p.minima,
                    p.maxima,
                    p.limits,
                    p.rule,
                )
            ],
            dtype=np.intp,
        )
        kind[swinging] = k.OSCILLATING
        step[swinging] = self.swing_began(swinging, low[swinging], high[swinging])
        return kind, step, np.where(self.alive, self.w, np.nan)

    def swing_began(self, lanes: NDArray[np.intp], low: F64, high: F64) -> NDArray[np.int32]:
        """kernels.swings_began for the given lanes, with numpy."""
        margin = 0.25 * (high - low) + self.plan.tol
        low, high = low - margin, high + margin
        sub = _Block(self.plan, self.speeds[lanes], self.starts[lanes], self.slope, self.loss)
        w, v = sub.starts.copy(), np.zeros(lanes.size)
        began = np.where((w < low) | (w > high), 1, 0).astype(np.int32)
        with np.errstate(all="ignore"):
            for t in range(1, self.plan.s0):
                w, v = sub.move(w, v)
                began = np.where((w < low) | (w > high), t + 1, began).astype(np.int32)
        return began
