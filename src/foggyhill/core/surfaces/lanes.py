"""The basin map's lane code: a group of lanes (starts) stepped side by side and each one judged, in plain Python
that numba compiles once per surface (compiled.py makes the copies).

The code reads the surface through four placeholders (`loss`, `gradient`, `hessian`, `loss_ok`); each compiled copy
gets the surface's own functions in their place. The arithmetic is basins.py's, step for step and in the same order,
and each lane is judged by _Lanes.judge's rules in its order. Lanes run in groups of GROUP side by side: their state
stays in the first-level cache, and each loop across a group's lanes has no branches the compiler cannot turn into
selects, so it does several lanes per instruction.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from ..optimizers import MOMENTUM
from ..verdicts import ESCAPE
from .surface import Array
from .verdicts import SURFACE_VERDICT_KINDS

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
SINGULAR = 1e-12  # critical.newton_direction: a determinant this small next to the entries' size is rounding


def loss(w1: float, w2: float) -> float:
    """Placeholder: each compiled copy gets the surface's own loss here."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled.compiled_surface()")


def gradient(w1: float, w2: float) -> tuple[float, float]:
    """Placeholder: each compiled copy gets the surface's own two slopes here."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled.compiled_surface()")


def hessian(w1: float, w2: float) -> tuple[float, float, float]:
    """Placeholder: each compiled copy gets the surface's own h11, h12, h22 here."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled.compiled_surface()")


def loss_ok(w1: float, w2: float) -> bool:
    """Placeholder: whether the loss is finite at (w1, w2), or simply True where it provably is."""
    raise NotImplementedError("the lane code runs only in compiled copies made by compiled.compiled_surface()")


def always_ok(w1: float, w2: float) -> bool:
    """`loss_ok` where the loss is finite wherever the ball is on the chart."""
    return True


def finite_loss(w1: float, w2: float) -> bool:
    """`loss_ok` where it must be checked."""
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
