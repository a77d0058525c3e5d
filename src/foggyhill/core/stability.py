"""When a dip can hold a run: each update rule's speed limit there, and how fast a swing across it shrinks.

Close to a dip with curvature c the slope is c × (distance to the bottom), so one step of plain descent multiplies
that distance by (1 − speed × c): below speed 2/c the swing shrinks by |1 − speed × c| per step, above it grows.
Momentum and Nesterov keep a velocity, so their distance obeys a two-step recurrence whose roots give the same story
with other limits. The adaptive rules (AdaGrad, RMSProp, Adam) rescale each step by the slopes seen so far: no fixed
limit exists for them, and their verdicts are measured from the run instead.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from ..lang import number_text, say
from .landscapes import Extremum
from .optimizers import MOMENTUM

# speed × curvature must stay below these for a dip to hold the run (momentum 0.9: 3.8, Nesterov: 3.8 / 2.8)
LIMIT_FACTORS: dict[str, float] = {
    "plain": 2.0,
    "momentum": 2.0 * (1.0 + MOMENTUM),
    "nesterov": 2.0 * (1.0 + MOMENTUM) / (1.0 + 2.0 * MOMENTUM),
}
_LIMIT_DIGITS = {"plain": "g", "momentum": ".2g", "nesterov": ".3g"}  # 2, 3.8, 1.36: as the words print them


def limit_words(optimizer: str, largest: bool = False) -> str:
    """A rule's speed limit in words, 2/curvature (`largest`: over the largest curvature, as on a surface)."""
    factor = format(LIMIT_FACTORS[optimizer], _LIMIT_DIGITS[optimizer])
    if largest:
        return say("{factor}/(largest curvature)", factor=number_text(factor))
    return say("{factor}/curvature", factor=number_text(factor))


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


# The rules below are plain arithmetic on floats and arrays, so the compiled sweep runs these very functions.

RULE_INDEX: dict[str, int] = {"plain": 0, "momentum": 1, "nesterov": 2}
MIN_WINDOW = 8  # steps per half of the tail: over fewer, a swing cannot be said to have stopped shrinking


def swing_period(rule: int, speed: float, curvature: float) -> float:
    """Steps per swing near the bottom: 2 for plain descent's back and forth, more for momentum's slow sway."""
    x = speed * curvature
    if rule == 0:
        return 2.0
    b, c = (1.0 + MOMENTUM - x, MOMENTUM) if rule == 1 else (1.0 + MOMENTUM * (1.0 - x) - x, MOMENTUM * (1.0 - x))
    if b * b - 4.0 * c >= 0.0:
        return 2.0
    return 2.0 * math.pi / math.acos(b / (2.0 * math.sqrt(c)))


def swung_dip(low: float, high: float, minima: NDArray[np.float64], maxima: NDArray[np.float64]) -> int:
    """The dip a swing from `low` to `high` is about (its index; -1 when the swing spans a hilltop or no dip is near).

    The dip inside the swing nearest its middle; for a swing to one side of a dip (momentum sways so), the nearest dip
    with no hilltop between it and the swing.
    """
    middle = 0.5 * (low + high)
    for m in range(maxima.size):
        if low <= maxima[m] <= high:
            return -1
    best, pick = math.inf, -1
    for j in range(minima.size):
        gap = abs(minima[j] - middle)
        if low <= minima[j] <= high and gap < best:
            best, pick = gap, j
    if pick >= 0:
        return pick
    for j in range(minima.size):
        a, b = min(minima[j], middle), max(minima[j], middle)
        apart = False
        for m in range(maxima.size):
            apart = apart or a <= maxima[m] <= b
        gap = abs(minima[j] - middle)
        if not apart and gap < best:
            best, pick = gap, j
    return pick


def settles_later(
    low: float,
    high: float,
    early: float,
    late: float,
    window: int,
    speed: float,
    minima: NDArray[np.float64],
    maxima: NDArray[np.float64],
    limits: NDArray[np.float64],
    rule: int,
) -> bool:
    """For a swinging tail: will it settle (True) or never (False)? `limits` holds each dip's limit and curvature.

    At a dip with a limit (steady plain, momentum or Nesterov steps): above it never. Otherwise plain descent's swings
    are judged by measure (never, when they stopped shrinking over two full swings); momentum's are never called never.
    """
    j = swung_dip(low, high, minima, maxima)
    limited = j >= 0 and not math.isnan(limits[0, j])
    if limited and speed >= limits[0, j]:
        return False
    if rule != 0:  # momentum's wide sway can stall and still settle: only the limit may say never
        return True
    if limited:
        return late < early or window < 2.0 * swing_period(rule, speed, limits[1, j])
    return late < early or window < MIN_WINDOW


def dip_limits(optimizer: str, dips: tuple[Extremum, ...]) -> NDArray[np.float64]:
    """Each dip's speed limit for `optimizer` (NaN: none) over its curvature, as settles_later reads them."""
    limits = [speed_limit(optimizer, dip) for dip in dips]
    return np.array([[np.nan if v is None else v for v in limits], [dip.curvature for dip in dips]], dtype=np.float64)
