"""The basin map compiled with numba: the lane code (lanes.py) compiled once per surface and run over threads.

Each surface gets its own compiled copy of the lane code in which the placeholders are the surface's own functions:
a built-in's lambdas compiled as they are (their parameters become constants), a typed formula's trees rendered as
code. So the compiled map and the numpy map agree lane by lane. Where they can differ is in the last bit of a power
or a transcendental function: numpy computes w^3, exp, sin ... with its own vector routines, numba with the C
library or, for whole powers, by multiplying (a square is exact in both). On a chaotic lane such a bit can grow into
another verdict.

Pieces of the grid are shared out over threads, the compiled code running without the GIL: unlike numba's parallel
loops this adds nothing to compile (a parallel loop cost a third more here), and a map can run while the sweep holds
numba's thread pool.
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
from ..verdicts import tail_length
from . import lanes
from .builtins import SURFACES
from .surface import Array, Surface
from .theory import speed_bound, unstable_directions
from .verdicts import near_radius

# Each update rule's number in the lane code; the adaptive rules stay with numpy.
RULES: dict[str, int] = {"plain": 0, "momentum": 1, "nesterov": 2, "newton": 3}
PIECE = 16 * lanes.GROUP  # lanes a thread takes at a time
SAFE_PARAMETER = 1e6  # a built-in whose parameters are all within this is finite wherever |w1|, |w2| <= ESCAPE
MAX_CACHED = 16  # compiled surfaces kept; a server with many typed formulas drops the oldest


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
        np.array([lanes.SADDLE if p.kind == "saddle" else lanes.HILLTOP for p in odd], dtype=np.int32),
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
        "loss_ok": lanes.always_ok if sure else lanes.finite_loss,
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
        own = _rebound(fn, namespace) if fn.__globals__ is vars(lanes) else fn
        namespace[name] = numba.njit(**_UNCOUNTED)(own)
    for fn in (lanes.move, lanes.step, lanes.descend_group):
        namespace[fn.__name__] = numba.njit(**_UNCOUNTED)(_rebound(fn, namespace))
    namespace["run_group"] = numba.njit(**_OPTIONS)(_rebound(lanes.run_group, namespace))
    kernel: Callable[..., None] = numba.njit(**_OPTIONS)(_rebound(lanes.basin_lanes, namespace))
    return kernel


_SHARED: dict[str, Any] = {}


def _shared(numba: Any) -> dict[str, Any]:
    """This module's names, with the helpers that do not read the surface compiled once for all surfaces."""
    if not _SHARED:
        _SHARED.update(vars(lanes))
        for fn in (lanes.reach, lanes.close, lanes.swung, lanes.judge_lane):
            _SHARED[fn.__name__] = numba.njit(**_UNCOUNTED)(_rebound(fn, _SHARED))
    return _SHARED


def _rebound(fn: Callable[..., Any], namespace: dict[str, Any]) -> Callable[..., Any]:
    """A copy of `fn` whose global names resolve in `namespace`."""
    return types.FunctionType(fn.__code__, namespace, fn.__name__, fn.__defaults__, fn.__closure__)
