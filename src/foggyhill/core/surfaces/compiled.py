"""The basin map compiled with numba: every lane (a start of the grid) runs its steps and is judged in machine code.

The lane code below is plain Python that reads the surface through four placeholders (`loss`, `gradient`, `hessian`,
`loss_ok`). Each surface gets its own compiled copy in which they are the surface's own functions: a built-in's
lambdas compiled as they are (their parameters become constants), a typed formula's trees rendered as code. The
arithmetic is basins.py's, step for step and in the same order, and each lane is judged by the same rules in the
same order, so the compiled map and the numpy map agree lane by lane. Where they can differ is in the last bit of a
power or a transcendental function: numpy computes w^3, exp, sin ... with its own vector routines, numba calls the
C library (w^2 is exact in both). On a chaotic lane such a bit can grow into another verdict.

Lanes run in groups of GROUP side by side (their state stays in the first-level cache, and the loop across a group's
lanes has no branches the compiler cannot turn into selects). Pieces of the grid are shared out over threads, the
compiled code running without the GIL: unlike numba's parallel loops this costs nothing to compile, and a map can run
while the sweep holds numba's thread pool.
"""

from __future__ import annotations

import math
import threading
import types
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..kernels import magnitude_bound
from ..optimizers import MOMENTUM
from ..verdicts import ESCAPE, tail_length
from .builtins import SURFACES
from .surface import Array, Surface
from .theory import speed_bound, unstable_directions
from .verdicts import SURFACE_VERDICT_KINDS, near_radius

# Each update rule's number in the lane code; the adaptive rules stay with numpy.
RULES: dict[str, int] = {"plain": 0, "momentum": 1, "nesterov": 2, "newton": 3}
GLOBAL, LOCAL, CRAWLING, OSCILLATING, DIVERGED, SADDLE, HILLTOP, STOPPED = range(8)
assert SURFACE_VERDICT_KINDS == (
    "converged-global",
    "stuck-local",
    "crawling",
    "oscillating",
    "diverged",
    "saddle",
    "hilltop",
    "stopped",
)
GROUP = 256  # lanes run side by side, step by step
PIECE = 16 * GROUP  # lanes a thread takes at a time
SINGULAR = 1e-12  # critical.newton_direction: a determinant this small next to the entries' size is rounding
SAFE_PARAMETER = 1e6  # a built-in whose parameters are all within this is finite wherever |w1|, |w2| <= ESCAPE
MAX_CACHED = 16  # compiled surfaces kept; a server with many typed formulas drops the oldest


def loss(w1: float, w2: float) -> float:
    """Placeholder: each compiled copy gets the surface's own loss here."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled_surface()")


def gradient(w1: float, w2: float) -> tuple[float, float]:
    """Placeholder: each compiled copy gets the surface's own two slopes here."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled_surface()")


def hessian(w1: float, w2: float) -> tuple[float, float, float]:
    """Placeholder: each compiled copy gets the surface's own h11, h12, h22 here."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled_surface()")


def loss_ok(w1: float, w2: float) -> bool:
    """Placeholder: whether the loss is finite at (w1, w2), or simply True where it provably is."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled_surface()")


def _always_ok(w1: float, w2: float) -> bool:
    return True


def _finite_loss(w1: float, w2: float) -> bool:
    return np.isfinite(loss(w1, w2))


# ----------------------------------------------------------------------------- one step of a group of lanes


def move(
    p1: float, p2: float, v1: float, v2: float, speed: float, rule: int
) -> tuple[float, float, float, float, bool]:
    """One step of update rule number `rule` (RULES) from (p1, p2) with velocity (v1, v2), with the arithmetic of
    optimizers.py and newton.py: the new point, the new velocity, and whether the step was defined (Newton stops
    at a singular Hessian)."""
    if rule == 3:
        g1, g2 = gradient(p1, p2)
        h11, h12, h22 = hessian(p1, p2)
        det = h11 * h22 - h12 * h12
        size = abs(h11) + abs(h22) + 2.0 * abs(h12)
        ok = np.isfinite(det) & (abs(det) > SINGULAR * size * size) & np.isfinite(g1) & np.isfinite(g2)
        safe = det if ok else 1.0
        d1 = (h22 * g1 - h12 * g2) / safe if ok else 0.0
        d2 = (h11 * g2 - h12 * g1) / safe if ok else 0.0
        n1, n2 = p1 - speed * d1, p2 - speed * d2
        return (n1 if ok else p1), (n2 if ok else p2), v1, v2, ok
    if rule == 0:
        g1, g2 = gradient(p1, p2)
        return p1 - speed * g1, p2 - speed * g2, v1, v2, True
    if rule == 1:
        g1, g2 = gradient(p1, p2)
    else:  # Nesterov feels the slope where momentum is about to carry the ball
        g1, g2 = gradient(p1 + MOMENTUM * v1, p2 + MOMENTUM * v2)
    v1, v2 = MOMENTUM * v1 - speed * g1, MOMENTUM * v2 - speed * g2
    return p1 + v1, p2 + v2, v1, v2, True


def step(
    x1: Array,
    x2: Array,
    v1: Array,
    v2: Array,
    died: NDArray[np.int32],
    stopped: NDArray[np.int32],
    speed: float,
    t: int,
    rule: int,
) -> int:
    """Step t (from 0) for every lane of the group, with _Lanes.stop's and _Lanes.move's rules; returns how many
    lanes are still on the chart. The loop across the lanes has no branches: the compiler does several at once."""
    alive = 0
    for g in range(x1.size):
        p1, p2 = x1[g], x2[g]
        a1, a2, v1[g], v2[g], ok = move(p1, p2, v1[g], v2[g], speed, rule)
        stop = stopped[g]
        stop = t if (not ok) & (stop < 0) & (died[g] < 0) else stop
        a1, a2 = (p1 if stop >= 0 else a1), (p2 if stop >= 0 else a2)
        # NaN fails every comparison, so "not within ESCAPE" catches NaN and infinities too.
        off = (not abs(a1) <= ESCAPE) | (not abs(a2) <= ESCAPE) | (not loss_ok(a1, a2))
        died[g] = t + 1 if off & (died[g] < 0) else died[g]
        stopped[g] = stop
        x1[g], x2[g] = (math.nan if off else a1), (math.nan if off else a2)
        alive += 0 if off else 1
    return alive


def reach(
    x1: Array, x2: Array, dips: Array, tol2: float, here: NDArray[np.int32], within: NDArray[np.int32],
    since: NDArray[np.int32], t: int,
) -> None:  # fmt: skip
    """_Lanes.move's reach: the dip each lane is within the tolerance of after step t, and since when."""
    for g in range(x1.size):
        here[g] = -1
    for j in range(dips.shape[0]):
        c1, c2 = dips[j, 0], dips[j, 1]
        for g in range(x1.size):
            d1, d2 = x1[g] - c1, x2[g] - c2
            here[g] = j if d1 * d1 + d2 * d2 <= tol2 else here[g]
    for g in range(x1.size):
        since[g] = t + 1 if here[g] != within[g] else since[g]
        within[g] = here[g]


def close(x1: Array, x2: Array, odd: Array, near2: float, near: NDArray[np.bool_], keep: bool) -> None:
    """Which lanes are near each saddle or hilltop now (keep: and were for every step of the tail so far)."""
    for i in range(odd.shape[0]):
        c1, c2 = odd[i, 0], odd[i, 1]
        for g in range(x1.size):
            d1, d2 = x1[g] - c1, x2[g] - c2
            here = d1 * d1 + d2 * d2 <= near2
            near[i, g] = (near[i, g] & here) if keep else here


def descend_group(
    x1: Array,
    x2: Array,
    v1: Array,
    v2: Array,
    b1: Array,
    b2: Array,
    marks: NDArray[np.int32],
    near: NDArray[np.bool_],
    dips: Array,
    odd: Array,
    speed: float,
    steps: int,
    tol2: float,
    near2: float,
    rule: int,
) -> None:
    """All the steps of one group, with the tail's watch on the saddles and hilltops (basin_map's loop). `marks`
    rows: flown off at, stopped at, the dip within reach, since when, and scratch."""
    died, stopped, within, since, here = marks[0], marks[1], marks[2], marks[3], marks[4]
    tail_from = steps - max(2, steps // 4)  # verdicts.tail_length
    if tail_from <= 0:
        close(x1, x2, odd, near2, near, False)
    for t in range(steps):
        if t == steps - 1:  # where the lanes were before the last step: the swing rule reads the last move
            for g in range(x1.size):
                b1[g], b2[g] = x1[g], x2[g]
        # Each rule gets its own copy of the step loop with the rule a constant in it: no lane asks which rule it runs.
        if rule == 0:
            alive = step(x1, x2, v1, v2, died, stopped, speed, t, 0)
        elif rule == 1:
            alive = step(x1, x2, v1, v2, died, stopped, speed, t, 1)
        elif rule == 2:
            alive = step(x1, x2, v1, v2, died, stopped, speed, t, 2)
        else:
            alive = step(x1, x2, v1, v2, died, stopped, speed, t, 3)
        reach(x1, x2, dips, tol2, here, within, since, t)
        if t + 1 >= tail_from:
            close(x1, x2, odd, near2, near, t + 1 > tail_from)
        if alive == 0:  # every lane is NaN from here on: nothing it is judged by can change
            break


# ----------------------------------------------------------------------------- judging a lane


def swung(j: int, b1: float, b2: float, a1: float, a2: float, dips: Array, turns: Array, unstable: Array) -> bool:
    """verdicts.swung_across for one move and dip j: crossed it along a direction the speed is too high for."""
    crossed = False
    for d in range(2):
        if unstable[j, d]:
            u1, u2 = turns[j, d, 0], turns[j, d, 1]
            side_before = (b1 - dips[j, 0]) * u1 + (b2 - dips[j, 1]) * u2
            side_after = (a1 - dips[j, 0]) * u1 + (a2 - dips[j, 1]) * u2
            crossed = crossed or side_before * side_after < 0
    return crossed


def judge_lane(
    a1: float,
    a2: float,
    b1: float,
    b2: float,
    marks: NDArray[np.int32],
    near: NDArray[np.bool_],
    dips: Array,
    is_global: NDArray[np.bool_],
    can_swing: NDArray[np.bool_],
    turns: Array,
    unstable: Array,
    odd_kind: NDArray[np.int32],
    steps: int,
) -> tuple[int, int, int]:
    """A lane's verdict code, its dip and its deciding step, by _Lanes.judge's rules in its order, from where it
    ended (a1, a2), where it was a step before (b1, b2), its marks and whether it stayed near each odd point."""
    kind, heading = CRAWLING, -1
    if dips.shape[0] > 0:
        heading, best = 0, math.inf
        for j in range(dips.shape[0]):
            d = math.hypot(a1 - dips[j, 0], a2 - dips[j, 1])
            d = math.inf if math.isnan(d) else d
            heading, best = (j, d) if d < best else (heading, best)
        for j in range(dips.shape[0]):
            if can_swing[j] and heading == j and swung(j, b1, b2, a1, a2, dips, turns, unstable):
                kind = OSCILLATING
    stalled = False
    for i in range(odd_kind.size):
        if near[i] and not stalled and steps >= 1:
            kind, stalled = odd_kind[i], True
    heading = -1 if stalled else heading
    decided = steps
    died, stopped, within, since = marks[0], marks[1], marks[2], marks[3]
    if within >= 0 and since < steps:
        kind, heading, decided = (GLOBAL if is_global[within] else LOCAL), within, since
    if died >= 0:
        kind, heading, decided = DIVERGED, -1, died
    if stopped >= 0:
        kind, heading, decided = STOPPED, -1, stopped
    return kind, heading, decided


# ----------------------------------------------------------------------------- groups and the whole grid


def run_group(
    first: int,
    last: int,
    w1s: Array,
    w2s: Array,
    dips: Array,
    is_global: NDArray[np.bool_],
    can_swing: NDArray[np.bool_],
    turns: Array,
    unstable: Array,
    odd: Array,
    odd_kind: NDArray[np.int32],
    speed: float,
    steps: int,
    tol2: float,
    near2: float,
    rule: int,
    kind: NDArray[np.int8],
    dip: NDArray[np.int16],
    decided: NDArray[np.int32],
    ends: Array,
) -> None:
    """Lanes first..last-1 (lane = row * columns + column) from their starts to their verdicts."""
    n = last - first
    x1, x2, v1, v2, b1, b2 = np.empty(n), np.empty(n), np.zeros(n), np.zeros(n), np.empty(n), np.empty(n)
    marks = np.full((5, n), -1, np.int32)  # 32-bit: more lanes to a vector where they mix with the doubles
    marks[3] = 0
    near = np.zeros((odd.shape[0], n), np.bool_)
    for g in range(n):
        x1[g], x2[g] = w1s[(first + g) % w1s.size], w2s[(first + g) // w1s.size]
        b1[g], b2[g] = x1[g], x2[g]
    reach(x1, x2, dips, tol2, marks[4], marks[2], marks[3], -1)
    descend_group(x1, x2, v1, v2, b1, b2, marks, near, dips, odd, speed, steps, tol2, near2, rule)
    for g in range(n):
        kind[first + g], dip[first + g], decided[first + g] = judge_lane(
            x1[g], x2[g], b1[g], b2[g], marks[:, g], near[:, g], dips, is_global, can_swing, turns, unstable,
            odd_kind, steps,
        )  # fmt: skip
        ends[first + g, 0], ends[first + g, 1] = x1[g], x2[g]


def basin_lanes(
    first: int,
    last: int,
    w1s: Array,
    w2s: Array,
    dips: Array,
    is_global: NDArray[np.bool_],
    can_swing: NDArray[np.bool_],
    turns: Array,
    unstable: Array,
    odd: Array,
    odd_kind: NDArray[np.int32],
    speed: float,
    steps: int,
    tol2: float,
    near2: float,
    rule: int,
    kind: NDArray[np.int8],
    dip: NDArray[np.int16],
    decided: NDArray[np.int32],
    ends: Array,
) -> None:
    """Lanes first..last-1 in groups of GROUP (a piece of the grid: run_lanes shares the pieces out over threads)."""
    groups = (last - first + GROUP - 1) // GROUP
    for i in range(groups):
        lo = first + i * GROUP
        run_group(
            lo,
            min(lo + GROUP, last),
            w1s,
            w2s,
            dips,
            is_global,
            can_swing,
            turns,
            unstable,
            odd,
            odd_kind,
            speed,
            steps,
            tol2,
            near2,
            rule,
            kind,
            dip,
            decided,
            ends,
        )


# ----------------------------------------------------------------------------- what a map needs besides its starts


@dataclass(frozen=True)
class Plan:
    """The surface's dips, saddles and hilltops and the speed's swing rules, as the arrays the lane code reads."""

    dips: Array  # (D, 2)
    is_global: NDArray[np.bool_]
    can_swing: NDArray[np.bool_]  # per dip: at or above its bound, so a swing across it counts
    turns: Array  # (D, 2, 2): each dip's gentle and steep directions
    unstable: NDArray[np.bool_]  # (D, 2): along which of them the speed is too high
    odd: Array  # (P, 2): the saddles and hilltops, in the surface's order
    odd_kind: NDArray[np.int32]
    speed: float
    steps: int
    tol2: float
    near2: float
    rule: int

    def lane_args(self) -> tuple[Any, ...]:
        """The arguments basin_lanes takes between the starts and the outputs."""
        return (
            self.dips,
            self.is_global,
            self.can_swing,
            self.turns,
            self.unstable,
            self.odd,
            self.odd_kind,
            self.speed,
            self.steps,
            self.tol2,
            self.near2,
            self.rule,
        )


def plan(surface: Surface, speed: float, steps: int, optimizer: str, tolerance: float) -> Plan:
    """Everything the lanes read, worked out once in Python with the numpy map's own functions."""
    minima = surface.minima
    odd = tuple(p for p in surface.critical_points if p.kind in ("saddle", "maximum"))
    bounds = [speed_bound(optimizer, p) for p in minima]
    radius = near_radius(surface, tolerance)
    assert tail_length(steps) == max(2, steps // 4)  # descend_group's copy of the tail's length
    return Plan(
        np.array([p.w for p in minima], dtype=np.float64).reshape(-1, 2),
        np.array([p.is_global for p in minima], dtype=np.bool_),
        np.array([b is not None and speed >= b and steps >= 1 for b in bounds], dtype=np.bool_),
        np.array([p.directions for p in minima], dtype=np.float64).reshape(-1, 2, 2),
        np.array([unstable_directions(optimizer, speed, p) for p in minima], dtype=np.bool_).reshape(-1, 2),
        np.array([p.w for p in odd], dtype=np.float64).reshape(-1, 2),
        np.array([SADDLE if p.kind == "saddle" else HILLTOP for p in odd], dtype=np.int32),
        float(speed),
        int(steps),
        tolerance * tolerance,
        radius * radius,
        RULES[optimizer],
    )


def run_lanes(
    kernel: Callable[..., None],
    grid: tuple[Array, Array],
    chosen: Plan,
    out: tuple[Any, ...],
    progress: Callable[[int, int], object] | None = None,
) -> None:
    """Every lane of the grid (its w1 values, its w2 values) through a compiled kernel, in pieces of PIECE lanes
    shared out over numba's number of threads (the kernel lets go of the GIL), with progress after each piece."""
    import numba

    total = grid[0].size * grid[1].size
    pieces = [(first, min(first + PIECE, total)) for first in range(0, total, PIECE)]

    def run(piece: tuple[int, int]) -> int:
        kernel(*piece, *grid, *chosen.lane_args(), *out)
        return piece[1] - piece[0]

    run((0, 0))  # no lanes: compiles on the first call, here rather than in every thread at once
    done = 0
    # Lanes that fly off finish early: idle threads take the next piece, so every core stays busy to the end.
    with ThreadPoolExecutor(min(numba.get_num_threads(), len(pieces))) as pool:
        for lanes in pool.map(run, pieces):
            done += lanes
            if progress is not None:
                progress(done, total)


# ----------------------------------------------------------------------------- compiling a surface's copy

_COMPILED: dict[object, Callable[..., None]] = {}
_BUILDING = threading.Lock()


def compiled_surface(surface: Surface) -> Callable[..., None]:
    """basin_lanes compiled for this surface, every rule of RULES in it; from the cache when it was made before (a
    built-in is known by its name, formula and parameters, a typed formula by its text, any other surface by its
    functions)."""
    key = _key(surface)
    with _BUILDING:
        if key not in _COMPILED:
            if len(_COMPILED) >= MAX_CACHED:
                _COMPILED.pop(next(iter(_COMPILED)))
            _COMPILED[key] = _compile(_surface_functions(surface))
        return _COMPILED[key]


def known(surface: Surface) -> bool:
    """Whether the surface is a built-in or a typed formula, whose copies always compile."""
    return surface.name == "formula" or surface.name in SURFACES


def _key(surface: Surface) -> object:
    if surface.name == "formula":
        return ("formula", surface.formula)
    if surface.name in SURFACES:
        return (surface.name, surface.formula, surface.parameters)
    return (surface.loss_fn, surface.gradient_fn, surface.hessian_fn)


def _surface_functions(surface: Surface) -> dict[str, Callable[..., Any]]:
    """Python functions of two floats: the surface's loss, gradient and Hessian, and its loss check."""
    if surface.name == "formula":
        return _formula_functions(surface.formula)
    # The built-ins are polynomials whose coefficients are their parameters and small constants: with parameters
    # within SAFE_PARAMETER their loss is finite wherever the ball is on the chart, so it needs no check each step.
    sure = surface.name in SURFACES and all(abs(value) <= SAFE_PARAMETER for _, value in surface.parameters)
    return {
        "loss": surface.loss_fn,
        "gradient": surface.gradient_fn,
        "hessian": surface.hessian_fn,
        "loss_ok": _always_ok if sure else _finite_loss,
    }


def formula_source(text: str) -> str:
    """The Python source of loss, gradient, hessian and loss_ok for a typed surface, rendered from its trees."""
    from ..formula.surface import parse_surface_formula  # the parser is loaded only when someone types a formula

    parsed = parse_surface_formula(text)
    loss_code = _code(parsed.tree)
    slopes = ", ".join(_code(t) for t in parsed.gradient_trees)
    curvatures = ", ".join(_code(t) for t in parsed.hessian_trees)
    check = "True" if magnitude_bound(parsed.tree) < 1e300 else f"np.isfinite({loss_code})"
    return (
        f"def loss(w1, w2):\n    return {loss_code}\n\n"
        f"def gradient(w1, w2):\n    return ({slopes})\n\n"
        f"def hessian(w1, w2):\n    return ({curvatures})\n\n"
        f"def loss_ok(w1, w2):\n    return {check}\n"
    )


def _code(tree: Any) -> str:
    """A tree as Python code that computes what compile_tree's numpy closures compute, value for value."""
    from ..formula.tree import Binary, Num, scalar

    def fold(node: Any) -> Any:
        # compile_tree works out a constant piece once, with numpy; so do we, and write the number into the code.
        if node.constant and not isinstance(node, Num):
            return Num(scalar(node))
        kids = tuple(fold(k) for k in node.children())
        node = type(node)(*_fields(node)[: -len(kids)], *kids) if kids else node
        match node:
            case Binary("^", left, Num(2.0)):  # numpy squares for a power of 2: so does w*w, to the last bit
                return Binary("*", left, left)
        return node

    return str(fold(tree).to_python())


def _fields(node: Any) -> tuple[Any, ...]:
    """The node's own fields in order (an operator or a function's name, then its children)."""
    from dataclasses import fields

    return tuple(getattr(node, f.name) for f in fields(node) if f.init)


def _formula_functions(text: str) -> dict[str, Callable[..., Any]]:
    namespace: dict[str, Any] = {"np": np, "inf": math.inf, "nan": math.nan}
    exec(compile(formula_source(text), f"<surface {text}>", "exec"), namespace)  # noqa: S102 - rendered from a tree
    return {name: namespace[name] for name in ("loss", "gradient", "hessian", "loss_ok")}


_OPTIONS: dict[str, Any] = {"fastmath": False, "error_model": "numpy", "nogil": True}
# The helpers that only touch arrays their caller made skip numba's reference counting (kernels.py says why).
_UNCOUNTED: dict[str, Any] = {**_OPTIONS, "_nrt": False}


def _compile(functions: dict[str, Callable[..., Any]]) -> Callable[..., None]:
    import numba  # imported only here: `import foggyhill.core` must not pay for it

    namespace: dict[str, Any] = dict(_shared(numba))
    # Each copy sees the compiled versions of the others through one shared namespace.
    for name, fn in functions.items():
        # This module's templates read the others by name; a surface's own functions keep their globals and closures
        # (a built-in's parameters become constants of its copy).
        own = _rebound(fn, namespace) if fn.__globals__ is globals() else fn
        namespace[name] = numba.njit(**_UNCOUNTED)(own)
    for fn in (move, step, descend_group):
        namespace[fn.__name__] = numba.njit(**_UNCOUNTED)(_rebound(fn, namespace))
    namespace["run_group"] = numba.njit(**_OPTIONS)(_rebound(run_group, namespace))
    kernel: Callable[..., None] = numba.njit(**_OPTIONS)(_rebound(basin_lanes, namespace))
    return kernel


_SHARED: dict[str, Any] = {}


def _shared(numba: Any) -> dict[str, Any]:
    """This module's names, with the helpers that do not read the surface compiled once for all surfaces."""
    if not _SHARED:
        _SHARED.update(globals())
        for fn in (reach, close, swung, judge_lane):
            _SHARED[fn.__name__] = numba.njit(**_UNCOUNTED)(_rebound(fn, _SHARED))
    return _SHARED


def _rebound(fn: Callable[..., Any], namespace: dict[str, Any]) -> Callable[..., Any]:
    """A copy of `fn` whose global names resolve in `namespace`."""
    return types.FunctionType(fn.__code__, namespace, fn.__name__, fn.__defaults__, fn.__closure__)
