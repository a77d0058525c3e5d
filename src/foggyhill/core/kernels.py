"""The sweep's inner loops: lanes (a speed and a start each) run side by side, step by step, judged as they go.

The lane functions below are plain Python. For speed they are compiled with numba, each formula getting its own
copy whose `slope` and `loss_ok` are generated from the formula's exact slope tree. Without numba, `sweep.py` runs the
same arithmetic on numpy blocks of lanes.
"""

from __future__ import annotations

import math
import threading
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .optimizers import MOMENTUM

# MIN_WINDOW is read by the compiled copy of settles_later, which looks its globals up in this module's namespace
from .stability import MIN_WINDOW, RULE_INDEX, settles_later, swing_period, swung_dip  # noqa: F401
from .verdicts import ESCAPE, VERDICT_KINDS

if TYPE_CHECKING:  # the formula package loads lark: imported where it is used, not when the engine loads
    from .formula import Node

F64 = NDArray[np.float64]

GLOBAL, LOCAL, CRAWLING, OSCILLATING, DIVERGED = range(5)  # indices into VERDICT_KINDS
assert VERDICT_KINDS == ("converged-global", "stuck-local", "crawling", "oscillating", "diverged")
RULES = RULE_INDEX
TINY_MOVE = 1e-12  # judge: moves this small count as standing still
MAX_POWER = 16  # integer powers up to this are written as repeated products: exact in numba and numpy alike
GROUP = 128  # lanes run side by side in one task: their state fits in the first-level cache
MAX_CACHED = 32  # compiled formulas kept; a server with many typed formulas drops the oldest

prange = range  # numba's parallel range in compiled copies; a plain range when the lane code runs as Python


def slope(w: float) -> float:
    """Placeholder: each compiled copy of the lane code gets the formula's own slope here."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled()")


def loss_ok(w: float) -> bool:
    """Placeholder: each compiled copy gets a check that the loss is finite at w."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled()")


# ----------------------------------------------------------------------------- one lane


def move(w: float, v: float, speed: float, rule: int) -> tuple[float, float]:
    """One step of the update rule, with exactly the arithmetic of optimizers.py."""
    if rule == 0:
        return w - speed * slope(w), v
    ahead = w if rule == 1 else w + MOMENTUM * v  # Nesterov feels the slope where momentum is taking it
    v = MOMENTUM * v - speed * slope(ahead)
    return w + v, v


def run_group(
    speeds: F64,
    starts: F64,
    first: int,
    last: int,
    minima: F64,
    is_global: NDArray[np.bool_],
    limits: F64,  # each dip's speed limit (row 0; NaN: none) and curvature (row 1)
    maxima: F64,
    steps: int,
    s0: int,
    mid: int,
    tol: float,
    rule: int,
    kinds: NDArray[np.int8],
    decided: NDArray[np.int32],
    final: F64,
) -> None:
    """Run lanes first..last-1 side by side, step by step, and judge each as `judge` would."""
    n = last - first
    sp, w, v, died = np.empty(n), np.empty(n), np.zeros(n), np.zeros(n, np.int64)
    far = np.full((minima.size, n), -1, np.int64)  # the last step each lane was farther than tol from each dip
    calm = np.ones((3, n), np.bool_)  # the tail's moves so far: all rising, all falling, all standing still
    lo, hi = np.full((2, n), math.inf), np.full((2, n), -math.inf)  # the tail's early and late halves
    for g in range(n):
        sp[g], w[g] = speeds[(first + g) // starts.size], starts[(first + g) % starts.size]
    descend_group(sp, w, v, died, far, calm, lo, hi, minima, steps, s0, mid, tol, rule)
    for g in range(n):
        kinds[first + g], decided[first + g], final[first + g] = judge_lane(
            g, w[g], died[g], far, is_global, steps, calm, lo, hi, sp[g], minima, limits, maxima, mid - s0, rule
        )
    # An oscillating lane's step depends on its whole tail: those lanes run again, side by side, up to the tail.
    swinging = np.empty(n, np.int64)
    m = 0
    for g in range(n):
        if kinds[first + g] == OSCILLATING:
            swinging[m] = g
            m += 1
    if m:
        swings_began(swinging[:m], first, sp, starts, lo, hi, s0, tol, rule, decided)


def descend_group(
    sp: F64,
    w: F64,
    v: F64,
    died: NDArray[np.int64],
    far: NDArray[np.int64],
    calm: NDArray[np.bool_],
    lo: F64,
    hi: F64,
    minima: F64,
    steps: int,
    s0: int,
    mid: int,
    tol: float,
    rule: int,
) -> None:
    """Run the lanes for `steps` steps, noting what judge needs as they go; stop once every lane has flown off."""
    observe(w, 0, minima, tol, s0, mid, far, lo, hi)
    for t in range(1, steps + 1):
        # Each rule gets its own copy of the step loop with the rule a constant in it: no lane asks which rule it runs.
        if rule == 0:
            alive = step_tail(sp, w, v, died, calm, t, 0) if t > s0 else step(sp, w, v, died, t, 0)
        elif rule == 1:
            alive = step_tail(sp, w, v, died, calm, t, 1) if t > s0 else step(sp, w, v, died, t, 1)
        else:
            alive = step_tail(sp, w, v, died, calm, t, 2) if t > s0 else step(sp, w, v, died, t, 2)
        observe(w, t, minima, tol, s0, mid, far, lo, hi)
        if alive == 0:
            break


def step(sp: F64, w: F64, v: F64, died: NDArray[np.int64], t: int, rule: int) -> int:
    """Step t for every lane (a lane that flew off keeps its last w); returns how many still fly.

    The loop goes across the lanes without branches, so the compiler can do several lanes per instruction.
    """
    alive = 0
    for g in range(w.size):
        w[g], v[g], died[g], ok = advance(w[g], v[g], sp[g], died[g], t, rule)
        alive += ok
    return alive


def step_tail(sp: F64, w: F64, v: F64, died: NDArray[np.int64], calm: NDArray[np.bool_], t: int, rule: int) -> int:
    """`step` in the tail, noting its moves: all rising, all falling, all standing still so far."""
    alive = 0
    for g in range(w.size):
        before = w[g]
        w[g], v[g], died[g], ok = advance(before, v[g], sp[g], died[g], t, rule)
        alive += ok
        change = w[g] - before
        calm[0, g], calm[1, g] = calm[0, g] & (change > 0), calm[1, g] & (change < 0)
        calm[2, g] = calm[2, g] & (abs(change) < TINY_MOVE)
    return alive


def advance(w: float, v: float, speed: float, died: int, t: int, rule: int) -> tuple[float, float, int, int]:
    """One lane's step t: its new w and v, the step it flew off at (0: not yet) and 1 if it still flies."""
    new, v_new = move(w, v, speed, rule)
    ok = (abs(new) <= ESCAPE) & loss_ok(new) & (died == 0)
    return (new if ok else w), (v_new if ok else v), (died if ok | (died != 0) else t), (1 if ok else 0)


def observe(
    w: F64, t: int, minima: F64, tol: float, s0: int, mid: int, far: NDArray[np.int64], lo: F64, hi: F64
) -> None:
    """Note, for every lane at step t, which dips it is far from and the range of the tail's halves."""
    for j in range(minima.size):
        for g in range(w.size):
            far[j, g] = t if abs(w[g] - minima[j]) > tol else far[j, g]
    for half, inside in ((0, s0 <= t <= mid), (1, t >= mid)):
        if inside:
            for g in range(w.size):
                lo[half, g], hi[half, g] = min(lo[half, g], w[g]), max(hi[half, g], w[g])


def judge_lane(
    g: int,
    w: float,
    died: int,
    far: NDArray[np.int64],
    is_global: NDArray[np.bool_],
    steps: int,
    calm: NDArray[np.bool_],
    lo: F64,
    hi: F64,
    speed: float,
    minima: F64,
    limits: F64,
    maxima: F64,
    window: int,
    rule: int,
) -> tuple[int, int, float]:
    """The verdict on lane g from what was noted as it ran: (kind, step, final w); oscillating's step comes later."""
    if died:
        return DIVERGED, died, math.nan
    for j in range(is_global.size):  # in judge's order: the first dip the lane settled in
        if far[j, g] < steps - 1:  # settling is staying near the bottom for two steps at least, as in judge
            return (GLOBAL if is_global[j] else LOCAL), far[j, g] + 1, w
    if steps < 2 or calm[0, g] or calm[1, g] or calm[2, g]:
        return CRAWLING, steps, w
    low, high = min(lo[0, g], lo[1, g]), max(hi[0, g], hi[1, g])
    early, late = hi[0, g] - lo[0, g], hi[1, g] - lo[1, g]
    if settles_later(low, high, early, late, window, speed, minima, maxima, limits, rule):
        return CRAWLING, steps, w
    return OSCILLATING, 0, w


def swings_began(
    swinging: NDArray[np.int64],
    first: int,
    sp: F64,
    starts: F64,
    lo: F64,
    hi: F64,
    s0: int,
    tol: float,
    rule: int,
    decided: NDArray[np.int32],
) -> None:
    """When each swinging lane's swing began, as judge finds it: the lanes run again, side by side, up to the tail."""
    m = swinging.size
    speed, w, v, low, high = np.empty(m), np.empty(m), np.zeros(m), np.empty(m), np.empty(m)
    began = np.zeros(m, np.int64)
    for i in range(m):
        g = swinging[i]
        bottom, top = min(lo[0, g], lo[1, g]), max(hi[0, g], hi[1, g])
        margin = 0.25 * (top - bottom) + tol  # judge's margin around the swing
        speed[i], w[i], low[i], high[i] = sp[g], starts[(first + g) % starts.size], bottom - margin, top + margin
        began[i] = 1 if (w[i] < low[i]) | (w[i] > high[i]) else 0
    for t in range(1, s0):
        retrace(w, v, speed, low, high, began, t, rule)
    for i in range(m):
        decided[first + swinging[i]] = began[i]


def retrace(w: F64, v: F64, speeds: F64, low: F64, high: F64, began: NDArray[np.int64], t: int, rule: int) -> None:
    """Step t of swings_began for every lane."""
    for i in range(w.size):
        w[i], v[i] = move(w[i], v[i], speeds[i], rule)
        began[i] = t + 1 if (w[i] < low[i]) | (w[i] > high[i]) else began[i]


def sweep_lanes(
    speeds: F64,
    starts: F64,
    minima: F64,
    is_global: NDArray[np.bool_],
    limits: F64,
    maxima: F64,
    steps: int,
    s0: int,
    mid: int,
    tol: float,
    rule: int,
    first: int,
    last: int,
    kinds: NDArray[np.int8],
    decided: NDArray[np.int32],
    final: F64,
) -> None:
    """Run lanes first..last-1 (lane = speed index * len(starts) + start index) in groups and write their verdicts."""
    groups = (last - first + GROUP - 1) // GROUP
    for i in prange(groups):
        lo = first + i * GROUP
        hi = min(lo + GROUP, last)
        run_group(
            speeds, starts, lo, hi, minima, is_global, limits, maxima, steps, s0, mid, tol, rule, kinds, decided, final
        )


def bifurcation_lanes(speeds: F64, start: float, burn_in: int, out: F64) -> None:
    """For each speed, plain descent from `start`: the w of the steps after `burn_in` (NaN if it flew off)."""
    keep = out.shape[1]
    for i in prange(speeds.size):
        w, speed = start, speeds[i]
        for t in range(burn_in + keep):
            w = w - speed * slope(w)
            if not abs(w) <= ESCAPE or not loss_ok(w):
                out[i, :] = math.nan
                break
            if t >= burn_in:
                out[i, t - burn_in] = w


# ----------------------------------------------------------------------------- formulas as code


def expand_powers(node: Node, memo: dict[int, Node] | None = None) -> Node:
    """The same tree with small whole powers written as products (w^3 -> w*w*w); shared sub-trees stay shared."""
    memo = {} if memo is None else memo
    if id(node) not in memo:
        memo[id(node)] = _expand(node, tuple(expand_powers(k, memo) for k in node.children()))
    return memo[id(node)]


def _expand(node: Node, kids: tuple[Node, ...]) -> Node:
    from .formula import Binary, Call, Num, Unary

    match node:
        case Binary("^", _, Num(n)) if n.is_integer() and 2 <= n <= MAX_POWER:
            product = kids[0]
            for _ in range(int(n) - 1):
                product = Binary("*", product, kids[0])
            return product
        case Binary(op, _, _):
            return Binary(op, kids[0], kids[1])
        case Unary(op, _):
            return Unary(op, kids[0])
        case Call(name, _):
            return Call(name, kids[0])
    return node


def magnitude_bound(node: Node) -> float:
    """An upper bound on |value| for every |w| <= ESCAPE (inf when none is known: the loss must be checked)."""
    from .formula import Binary, Call, Num, Unary, Var

    match node:
        case Num(value):
            return abs(value)
        case Var():
            return ESCAPE
        case Unary(_, a) | Call("abs", a):
            return magnitude_bound(a)
        case Binary("+" | "-", a, b):
            return magnitude_bound(a) + magnitude_bound(b)
        case Binary("*", a, b):
            return magnitude_bound(a) * magnitude_bound(b)
        case Binary("/", a, Num(c)) if c != 0.0:
            return magnitude_bound(a) / abs(c)
        case Binary("^", a, Num(n)) if n.is_integer() and 0 <= n <= 64:
            return math.inf if magnitude_bound(a) > 1e300 ** (1 / max(n, 1)) else magnitude_bound(a) ** n
        case Call("sin" | "cos" | "tanh" | "sign", a):
            return 1.0 if magnitude_bound(a) < math.inf else math.inf
    return math.inf


def lane_pieces(formula: str) -> tuple[Node, Node | None]:
    """The slope tree and, unless the loss is provably finite wherever |w| <= ESCAPE, the loss tree."""
    from .formula import parse_formula

    parsed = parse_formula(formula)
    loss = None if magnitude_bound(parsed.tree) < 1e300 else expand_powers(parsed.tree)
    return expand_powers(parsed.slope_tree), loss


def numpy_pieces(formula: str) -> tuple[Callable[[F64], F64], Node | None]:
    """lane_pieces for the numpy lanes: the slope as a function that reads its limit at 0/0, as the compiled one."""
    from .formula import may_be_undefined
    from .landscapes import Curve, two_sided_limits

    slope_tree, loss_tree = lane_pieces(formula)
    if not may_be_undefined(slope_tree):
        return slope_tree, loss_tree
    loss: Curve = loss_tree if loss_tree is not None else np.zeros_like  # no loss tree: finite everywhere
    return (lambda w: two_sided_limits(slope_tree, loss, w, slope_tree(w))), loss_tree


def formula_source(formula: str) -> str:
    """The Python source of `slope(w)` and `loss_ok(w)`, rendered from the formula's trees (never its raw text)."""
    from .formula import may_be_undefined

    slope_tree, loss_tree = lane_pieces(formula)
    slope, check = slope_tree.to_python(), f"np.isfinite({loss_tree.to_python()})" if loss_tree is not None else "True"
    body = f"    return {slope}\n"
    if may_be_undefined(slope_tree):  # only a slope that can be 0/0 gets the (rarely taken) branch
        body = _LIMITED_SLOPE.format(slope=slope, check=check)
    return f"def slope(w):\n{body}\n\ndef loss_ok(w):\n    return {check}\n"


# landscapes.two_sided_limits for one w, in the same arithmetic, so the map gives the verdict descend gives
_LIMITED_SLOPE = """    g = {slope}
    if np.isfinite(g) or not {check}:
        return g
    x = w
    h = LIMIT_STEP * max(1.0, abs(x))
    left = 0.0
    right = 0.0
    for side in (-1.0, 1.0):
        f1 = 0.0
        f2 = 0.0
        f4 = 0.0
        for step in (4.0, 2.0, 1.0):
            w = x + side * (step * h)
            f4, f2, f1 = f2, f1, {slope}
        settled = abs(f1 - f2) <= SETTLING * abs(f2 - f4) + ROUNDING * (1.0 + abs(f1))
        runaway = abs(f1) > abs(f2) and abs(f2) > abs(f4) and f1 * f4 > 0.0
        end = (2.0 * f1 - f2) if settled else (np.copysign(np.inf, f1) if runaway else np.nan)
        left, right = right, end
    mean = 0.5 * (left + right)
    if np.isinf(left) and left == -right:
        return 0.0
    return mean if np.isfinite(mean) else g
"""


def _formula_functions(formula: str) -> dict[str, Callable[..., Any]]:
    """Python functions `slope(w)` and `loss_ok(w)` made from formula_source."""
    from .landscapes import LIMIT_STEP, ROUNDING, SETTLING

    namespace: dict[str, Any] = {"np": np, "LIMIT_STEP": LIMIT_STEP, "SETTLING": SETTLING, "ROUNDING": ROUNDING}
    code = compile(formula_source(formula), f"<slope of {formula}>", "exec")
    exec(code, namespace)  # noqa: S102 - source rendered from a tree
    return {"slope": namespace["slope"], "loss_ok": namespace["loss_ok"]}


# ----------------------------------------------------------------------------- compiling

_COMPILED: dict[tuple[str, str], Callable[..., None]] = {}
# One parallel launch at a time: numba's fallback thread pool aborts on launches from two threads at once, and the
# cores are already all busy with one.
LAUNCH = threading.Lock()


def numba_available() -> bool:
    """Whether numba can be imported here."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def compiled(kernel: str, formula: str) -> Callable[..., None]:
    """The lane kernel ("sweep" or "bifurcation") compiled for `formula`, from the cache when it was made before."""
    key = (kernel, formula)
    if key not in _COMPILED:
        if len(_COMPILED) >= MAX_CACHED:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = _compile(kernel, formula)
    return _COMPILED[key]


def _compile(kernel: str, formula: str) -> Callable[..., None]:
    import numba  # imported only here: `import foggyhill.core` must not pay for it

    namespace: dict[str, Any] = dict(_shared(numba))
    # Each copy sees the compiled versions of the others through one shared namespace.
    for name, fn in _formula_functions(formula).items():
        namespace[name] = numba.njit(inline="always", **_OPTIONS)(fn)
    for fn in (move, advance):
        namespace[fn.__name__] = numba.njit(inline="always", **_OPTIONS)(_rebound(fn, namespace))
    # The step loops are compiled apart (once for each rule, which reaches them as a constant), not inlined by numba:
    # inlining their six copies took longer to compile and ran no faster.
    for fn in (step, step_tail, retrace):
        namespace[fn.__name__] = numba.njit(**_UNCOUNTED)(_rebound(fn, namespace))
    namespace["descend_group"] = numba.njit(**_UNCOUNTED)(_rebound(descend_group, namespace))
    for fn in (swings_began, run_group):
        namespace[fn.__name__] = numba.njit(**_OPTIONS)(_rebound(fn, namespace))
    top: Callable[..., None] = sweep_lanes if kernel == "sweep" else bifurcation_lanes
    result: Callable[..., None] = numba.njit(parallel=True, **_OPTIONS)(_rebound(top, namespace))
    return result


_OPTIONS: dict[str, Any] = {"fastmath": False, "error_model": "numpy", "nogil": True}
# The functions that only read and write arrays their caller made are compiled without numba's reference counting
# (`_nrt=False`): with it, every call that passes arrays counts their references with atomic instructions, and judging
# a lane took 115 ns instead of 11.
_UNCOUNTED: dict[str, Any] = {**_OPTIONS, "_nrt": False}
_SHARED: dict[str, Any] = {}


def _shared(numba: Any) -> dict[str, Any]:
    """This module's names, with the helpers that do not depend on the formula compiled once for all formulas."""
    if not _SHARED:
        _SHARED.update(globals(), prange=numba.prange)
        _SHARED["observe"] = numba.njit(inline="always", **_OPTIONS)(_rebound(observe, _SHARED))
        helpers: tuple[Callable[..., Any], ...] = (swing_period, swung_dip, settles_later, judge_lane)
        for fn in helpers:
            _SHARED[fn.__name__] = numba.njit(**_UNCOUNTED)(_rebound(fn, _SHARED))
    return _SHARED


def _rebound(fn: Callable[..., Any], namespace: dict[str, Any]) -> Callable[..., Any]:
    """A copy of `fn` whose global names resolve in `namespace`."""
    return types.FunctionType(fn.__code__, namespace, fn.__name__, fn.__defaults__)
