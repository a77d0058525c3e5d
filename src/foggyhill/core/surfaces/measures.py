"""What the verdicts on a surface measure: how a run stepped, how far it is from a critical point, whether it swung
across a dip or lingers near a saddle or hilltop, and a point in words."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ...lang import say
from ..verdicts import TOLERANCE, Facts, tail_length
from .critical import CriticalPoint
from .surface import Surface
from .theory import unstable_directions

Array = NDArray[np.float64]
NEAR = 0.02  # "near" a saddle or hilltop: within this share of the window's diagonal


@dataclass(frozen=True)
class SurfaceStepping:
    """How a run's steps were made, as far as the verdict needs it (speed None: judge by the steps alone)."""

    speed: float | None = None
    optimizer: str = "plain"
    noise: float = 0.0
    first: int = 0  # the number of the first step: a run that carries on from step `first` of another

    @property
    def steady(self) -> bool:
        """Exact slopes at a known speed: the theory applies."""
        return self.speed is not None and self.noise == 0


def at(p: CriticalPoint) -> str:
    """A point in words: (1.000, 2.000)."""
    return point(p.w[0], p.w[1])


def point(w1: float, w2: float) -> str:
    """Two settings in words, written the language's way: (1.000, 2.000), or (1,000; 2,000) in Spanish."""
    return say("({w1:.3f}, {w2:.3f})", w1=w1, w2=w2)


def place_facts(p: CriticalPoint) -> Facts:
    """Where a critical point is, as a verdict's facts: its w1 and w2."""
    return (("w1", p.w[0]), ("w2", p.w[1]))


def distances(ws: Array, p: CriticalPoint) -> Array:
    """How far each point of `ws` is from `p`."""
    out: Array = np.hypot(ws[..., 0] - p.w[0], ws[..., 1] - p.w[1])
    return out


def near_radius(surface: Surface, tolerance: float = TOLERANCE) -> float:
    """How close to a saddle or hilltop counts as near it on this surface."""
    return max(NEAR * surface.scale, tolerance)


def swung_across(
    dip: CriticalPoint, before: Array, after: Array, unstable: tuple[bool, bool] = (False, True)
) -> NDArray[np.bool_]:
    """Whether a move from `before` to `after` swung across the dip along a direction where it cannot settle: its
    distance along that direction changed sign (works on arrays of moves).

    `unstable` says which of the dip's directions (gentle, steep) the speed is too high for; on a stretched valley
    that is the steep one, so the move crossed the valley floor; on a round bowl both are.
    """
    crossed = np.zeros(np.shape(after)[:-1], dtype=bool)
    for direction, too_fast in zip(dip.directions, unstable, strict=True):
        if too_fast:
            v = np.array(direction)
            side_before = (before[..., 0] - dip.w[0]) * v[0] + (before[..., 1] - dip.w[1]) * v[1]
            side_after = (after[..., 0] - dip.w[0]) * v[0] + (after[..., 1] - dip.w[1]) * v[1]
            crossed |= side_before * side_after < 0
    return crossed


def lingering(surface: Surface, ws: Array, near: float) -> tuple[CriticalPoint, int] | None:
    """The saddle or hilltop the run has stayed near for its last quarter, and the step its stay there began."""
    n = len(ws) - 1
    if n < 1:
        return None
    tail = ws[-(tail_length(n) + 1) :]
    for p in surface.critical_points:
        if p.kind in ("saddle", "maximum") and bool(np.all(distances(tail, p) <= near)):
            far = np.flatnonzero(distances(ws, p) > near)
            return p, int(far[-1]) + 1 if far.size else 0
    return None


def unstable(how: SurfaceStepping, dip: CriticalPoint) -> tuple[bool, bool]:
    """The dip's directions (gentle, steep) along which this run's speed is too high to settle."""
    assert how.speed is not None
    return unstable_directions(how.optimizer, how.speed, dip)
