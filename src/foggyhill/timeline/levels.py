"""The loss as a height t in [0, 1], as the surfaces page reads it (web/static/surfaces/levels.js): linear from the
lowest to the highest loss in the window, or log-scaled where most of the window lies near the bottom (Rosenbrock's
banana). The video colours its map by this height and sounds its pitch from it, so a tone follows the band the ball
is in."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

BANDS = 14  # the filled contour map's bands of equal height
# Log levels when a quarter of the window or more would fall in the lowest band on a linear scale: the valley would
# be one flat colour and the path across it unreadable (Rosenbrock's banana, Himmelblau's dips, the raw lemonade fit).
LOG_SHARE = 0.25
KNEE = 0.02  # the log's knee: the loss this share of the window is under, so the dips keep some rings


@dataclass(frozen=True)
class LossScale:
    """Loss → height t in [0, 1]: linear from low to high, or log1p((loss − low) / knee) scaled to 1 at high."""

    low: float
    high: float
    knee: float | None = None  # None: linear

    def t(self, loss: NDArray[np.float64] | float) -> NDArray[np.float64]:
        """The height of each loss (not clamped above; a loss below `low` is at 0 on the log scale)."""
        loss = np.asarray(loss, dtype=np.float64)
        if self.knee is None:
            return (loss - self.low) / (self.high - self.low)
        top = math.log1p((self.high - self.low) / self.knee)
        return np.log1p(np.maximum(0.0, loss - self.low) / self.knee) / top

    def loss(self, t: float) -> float:
        """The loss at height t."""
        if self.knee is None:
            return self.low + t * (self.high - self.low)
        return self.low + self.knee * math.expm1(t * math.log1p((self.high - self.low) / self.knee))


def loss_scale(losses: NDArray[np.float64], floor: float | None = None) -> LossScale:
    """The scale of a grid of losses: linear, or log-scaled when most of the window is near the bottom; `floor` (the
    lowest dip's loss, which the grid's points may just miss) lowers the bottom to it."""
    values = np.sort(losses[np.isfinite(losses)], axis=None)
    if not values.size:
        return LossScale(0.0, 1.0)
    low, high = float(values[0]), float(values[-1])
    low = min(low, floor) if floor is not None and np.isfinite(floor) else low
    if not high > low:
        return LossScale(low, low + 1.0)
    if (_quantile(values, LOG_SHARE) - low) / (high - low) >= 1 / BANDS:
        return LossScale(low, high)
    knee = max(_quantile(values, KNEE) - low, (high - low) * 1e-6)
    return LossScale(low, high, knee)


def _quantile(values: NDArray[np.float64], q: float) -> float:
    """The page's quantile of sorted values: the one at floor(q · (n − 1))."""
    return float(values[min(values.size - 1, max(0, math.floor(q * (values.size - 1))))])


def legend_ticks(scale: LossScale, count: int = 4) -> list[tuple[float, float]]:
    """Round losses to label the colour bar with, each with its height: on a linear scale round steps; on a log scale
    the lowest loss and powers of ten (of the loss itself when the lowest is above 0, else of the height above it)."""
    if scale.knee is None:
        return [(float(scale.t(v)), v) for v in nice_ticks(scale.low, scale.high, count)]
    above = scale.low <= 0
    first = math.ceil(math.log10(scale.knee if above else scale.low + scale.knee))
    last = math.floor(math.log10(scale.high - scale.low if above else scale.high))
    every = max(1, math.ceil((last - first + 1) / (count - 1)))
    ticks = [(0.0, scale.low)]
    for p in range(first + (last - first) % every, last + 1, every):
        loss = scale.low + 10.0**p if above else 10.0**p
        ticks.append((float(scale.t(loss)), loss))
    return ticks


def nice_ticks(low: float, high: float, count: int) -> list[float]:
    """About `count` round values between low and high (1, 2 or 5 times a power of ten apart)."""
    raw = (high - low) / max(1, count)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= raw), raw)
    out, v = [], math.ceil(low / step) * step
    while v <= high + step * 1e-9:
        out.append(float(f"{v:.12g}"))
        v += step
    return out
