"""When a dip can hold a run: each update rule's speed limit there, and how fast a swing across it shrinks.

Close to a dip with curvature c the slope is c × (distance to the bottom), so one step of plain descent multiplies
that distance by (1 − speed × c): below speed 2/c the swing shrinks by |1 − speed × c| per step, above it grows.
Momentum and Nesterov keep a velocity, so their distance obeys a two-step recurrence whose roots give the same story
with other limits. The adaptive rules (AdaGrad, RMSProp, Adam) rescale each step by the slopes seen so far: no fixed
limit exists for them, and their verdicts are measured from the run instead.
"""

from __future__ import annotations

import math

from .landscapes import Extremum
from .optimizers import MOMENTUM

# speed × curvature must stay below these for a dip to hold the run (momentum 0.9: 3.8, Nesterov: 3.8 / 2.8)
LIMIT_FACTORS: dict[str, float] = {
    "plain": 2.0,
    "momentum": 2.0 * (1.0 + MOMENTUM),
    "nesterov": 2.0 * (1.0 + MOMENTUM) / (1.0 + 2.0 * MOMENTUM),
}
LIMIT_WORDS: dict[str, str] = {
    "plain": "2/curvature",
    "momentum": f"{LIMIT_FACTORS['momentum']:.2g}/curvature",
    "nesterov": f"{LIMIT_FACTORS['nesterov']:.3g}/curvature",
}


def speed_limit(optimizer: str, dip: Extremum) -> float | None:
    """The speed above which `dip` cannot hold a run of `optimizer` (None: no fixed limit, as at a kink)."""
    factor = LIMIT_FACTORS.get(optimizer)
    if factor is None or dip.stability_bound is None:  # a kink or a flat bottom has no limit from its curvature
        return None
    return factor / dip.curvature


def shrink_factor(optimizer: str, speed: float, curvature: float) -> float:
    """How much one step multiplies a small swing across the bottom (below 1: it settles; above: it grows)."""
    x = speed * curvature
    if optimizer == "plain":
        return abs(1.0 - x)
    if optimizer == "momentum":  # w' = w + β(w − w_prev) − x w:  z² − (1 + β − x) z + β = 0
        return _largest_root(1.0 + MOMENTUM - x, MOMENTUM)
    if optimizer == "nesterov":  # the slope is felt at the look-ahead point: z² − (1 + β(1 − x) − x) z + β(1 − x) = 0
        return _largest_root(1.0 + MOMENTUM * (1.0 - x) - x, MOMENTUM * (1.0 - x))
    raise ValueError(f"no fixed shrink factor for {optimizer!r}")


def _largest_root(b: float, c: float) -> float:
    """The largest |z| among the roots of z² − b z + c = 0."""
    disc = b * b - 4.0 * c
    if disc < 0:
        return math.sqrt(c)  # two complex roots of modulus sqrt(c)
    root = math.sqrt(disc)
    return max(abs((b + root) / 2.0), abs((b - root) / 2.0))


def steps_to_settle(factor: float, distance: float, tolerance: float) -> int:
    """About how many more steps shrink `distance` below `tolerance` at `factor` per step."""
    if distance <= tolerance:
        return 1
    if not 0.0 < factor < 1.0:
        return 1 if factor == 0.0 else 0
    return max(1, math.ceil(math.log(tolerance / distance) / math.log(factor)))
