"""A damped spring in closed form: where the ball is, as a function of the time since its step began.

The page computes the same formula in web/static/common/spring.js; tests/timeline/test_spring.py holds them equal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

STIFFNESS = 110.0
DAMPING = 16.0
MASS = 1.0
SETTLE_FRACTION = 0.001  # once the decay bound is below this share of the distance, the ball is simply there
CRITICAL_BAND = 1e-6  # this close to ζ = 1 counts as critical, where the general formulas divide by almost 0


@dataclass(frozen=True)
class Spring:
    """A mass on a damped spring, released at rest: stiffness k, damping c, mass m."""

    stiffness: float = STIFFNESS
    damping: float = DAMPING
    mass: float = MASS

    @property
    def natural_frequency(self) -> float:
        """ω0 = √(k/m), in radians per second."""
        return math.sqrt(self.stiffness / self.mass)

    @property
    def damping_ratio(self) -> float:
        """ζ = c / (2√(km)): below 1 it overshoots a little, at 1 it is critical, above 1 it creeps in."""
        return self.damping / (2.0 * math.sqrt(self.stiffness * self.mass))

    def to_dict(self) -> dict[str, float]:
        """The spring's constants as JSON-ready data."""
        return {"stiffness": self.stiffness, "damping": self.damping, "mass": self.mass}


def remaining(t: float, w0: float, zeta: float) -> float:
    """The share of the distance still to go at time t (1 at release, heading to 0), released at rest."""
    if abs(zeta - 1.0) < CRITICAL_BAND:
        return math.exp(-w0 * t) * (1.0 + w0 * t)
    if zeta < 1.0:
        wd = w0 * math.sqrt(1.0 - zeta * zeta)
        decay = zeta * w0
        return math.exp(-decay * t) * (math.cos(wd * t) + (decay / wd) * math.sin(wd * t))
    root = math.sqrt(zeta * zeta - 1.0)
    slow, fast = -w0 * (zeta - root), -w0 * (zeta + root)
    return (fast * math.exp(slow * t) - slow * math.exp(fast * t)) / (fast - slow)


def settle_time(stiffness: float = STIFFNESS, damping: float = DAMPING, mass: float = MASS) -> float:
    """Seconds after which the decay bound stays below SETTLE_FRACTION of the distance."""
    sp = Spring(stiffness, damping, mass)
    w0, zeta = sp.natural_frequency, sp.damping_ratio
    eps = SETTLE_FRACTION
    if abs(zeta - 1.0) < CRITICAL_BAND:
        x = math.log(1.0 / eps)
        for _ in range(60):  # x = ln((1 + x) / eps) converges fast to exp(-x)(1 + x) = eps
            x = math.log((1.0 + x) / eps)
        return x / w0
    if zeta < 1.0:
        return math.log(1.0 / (eps * math.sqrt(1.0 - zeta * zeta))) / (zeta * w0)
    root = math.sqrt(zeta * zeta - 1.0)
    slow, fast = w0 * (zeta - root), w0 * (zeta + root)
    return math.log(fast / ((fast - slow) * eps)) / slow


def spring(
    t: float, start: float, end: float, stiffness: float = STIFFNESS, damping: float = DAMPING, mass: float = MASS
) -> float:
    """Position t seconds after release at rest from `start`, pulled toward `end`; exactly `end` once settled."""
    if not t > 0:
        return start
    if t >= settle_time(stiffness, damping, mass):
        return end
    sp = Spring(stiffness, damping, mass)
    return end + (start - end) * remaining(t, sp.natural_frequency, sp.damping_ratio)
