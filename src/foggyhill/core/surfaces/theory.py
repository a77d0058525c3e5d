"""The theory of descent near a dip of a surface, in one place: each direction on its own, as on a curve.

Near a dip the surface is a bowl whose Hessian has two curvatures λmin ≤ λmax along two perpendicular directions.
Plain descent, momentum and Nesterov are linear in the slope, so each direction moves on its own exactly as the
one-setting theory says (core/stability.py): plain descent multiplies the distance along a direction of curvature λ
by |1 − speed·λ| each step. The steep direction sets the speed limit, 2/λmax; the gentle one sets how slowly the
ball crawls along the valley floor, |1 − speed·λmin| per step; their ratio λmax/λmin (the condition number) says how
much a stretched valley costs. Newton's method divides by the curvature in each direction, so on a bowl its factor
is |1 − speed| whatever the curvatures. The adaptive rules rescale each setting by its own history: no fixed limit.
"""

from __future__ import annotations

import math

from ...lang import _
from ..stability import LIMIT_FACTORS, limit_words, shrink_factor
from .critical import CriticalPoint

NEWTON_LIMIT = 2.0  # Newton's step times `speed`: on a bowl it settles for 0 < speed < 2, in one step at 1
LIMITED: tuple[str, ...] = (*LIMIT_FACTORS, "newton")  # the rules with a fixed speed limit at a dip


def speed_bound(optimizer: str, dip: CriticalPoint) -> float | None:
    """The speed at and above which `dip` cannot hold a run of `optimizer` (None: no fixed limit for this rule)."""
    if dip.kind != "minimum":
        return None
    if optimizer == "newton":
        return NEWTON_LIMIT
    factor = LIMIT_FACTORS.get(optimizer)
    return None if factor is None else factor / dip.steepest


def unstable_directions(optimizer: str, speed: float, dip: CriticalPoint) -> tuple[bool, bool]:
    """Along which of the dip's directions (gentle, steep) `speed` is at or above that direction's own limit."""
    if optimizer == "newton":
        return (speed >= NEWTON_LIMIT, speed >= NEWTON_LIMIT)
    factor = LIMIT_FACTORS.get(optimizer)
    if factor is None or dip.kind != "minimum":
        return (False, False)
    gentle, steep = (speed * curvature >= factor for curvature in dip.curvatures)
    return (gentle, steep)


def bound_words(optimizer: str) -> str:
    """How the bound is computed, in words: "2/(largest curvature)" for plain descent."""
    if optimizer == "newton":
        return _("2 (Newton's step already divides by the curvature)")
    return limit_words(optimizer, largest=True)


def direction_factors(optimizer: str, speed: float, dip: CriticalPoint) -> tuple[float, float]:
    """How much one step multiplies a small distance from the bottom along the gentle and along the steep direction."""
    if optimizer == "newton":
        return (abs(1.0 - speed), abs(1.0 - speed))
    return (shrink_factor(optimizer, speed, dip.gentlest), shrink_factor(optimizer, speed, dip.steepest))


def crawl_rate(optimizer: str, speed: float, dip: CriticalPoint) -> float:
    """The factor along the valley floor (the gentle direction): the closer to 1, the slower the crawl."""
    return direction_factors(optimizer, speed, dip)[0]


def escape_factor(speed: float, saddle: CriticalPoint) -> float:
    """How much a plain step multiplies a small offset from a saddle along its downhill direction: 1 + speed·|λ|."""
    return 1.0 + speed * abs(min(saddle.gentlest, 0.0))


def steps_for(factor: float, distance: float, target: float) -> int | None:
    """About how many steps at `factor` per step take `distance` to `target` (None: never, at this factor)."""
    if distance <= target:
        return 0
    if factor == 0.0:
        return 1
    if factor >= 1.0 and target < distance:
        return None
    return max(1, math.ceil(math.log(target / distance) / math.log(factor)))


def dip_theory(dip: CriticalPoint, speed: float, optimizer: str = "plain") -> dict[str, object]:
    """What the theory says for `optimizer` at `speed` near `dip`: its bound, each direction's factor, the crawl."""
    bound = speed_bound(optimizer, dip)
    out: dict[str, object] = {
        "dip": list(dip.w),
        "curvatures": list(dip.curvatures),
        "condition": dip.condition,
        "bound": bound,
        "settles": None if bound is None else speed < bound,
    }
    if bound is not None:
        gentle, steep = direction_factors(optimizer, speed, dip)
        out.update({"factor_gentle": gentle, "factor_steep": steep, "crawl_rate": gentle})
    return out
