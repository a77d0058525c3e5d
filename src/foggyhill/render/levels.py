"""The loss as colour, as the surfaces page paints it (web/static/surfaces/levels.js): a height t in [0, 1] for every
loss (log-scaled where most of the window lies near the bottom, as on Rosenbrock's banana), BANDS bands of equal t,
and viridis, which reads in order for colour-blind readers and in grey."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

# viridis as a degree-6 polynomial fit per channel (t = 0: #440154, t = 1: #fde725), the page's coefficients.
VIRIDIS = np.array(
    [
        [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
        [0.1050930431085774, 1.404613529898575, 1.384590162594685],
        [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
        [-4.634230498983486, -5.799100973351585, -19.33244095627987],
        [6.228269936347081, 14.17993336680509, 56.69055260068105],
        [4.776384997670288, -13.74514537774601, -65.35303263337234],
        [-5.435455855934631, 4.645852612178535, 26.3124352495832],
    ]
)
BANDS = 14
LOG_WHEN = 0.08  # log levels when half the window lies in the lowest 8% of the loss's range
KNEE = 0.02  # the log's knee: the loss this share of the window is under, so the dips keep some rings
EDGE_DARKEN = 0.62  # a band's edge pixel keeps this share of its colour: the contour line
UNDEFINED = (44, 52, 72)  # where the loss is not a number


def viridis(t: NDArray[np.float64] | float) -> NDArray[np.uint8]:
    """viridis at t (clamped to [0, 1]) as r, g, b in 0..255, on a last axis of 3."""
    x = np.clip(np.asarray(t, dtype=np.float64), 0.0, 1.0)[..., None]
    v = np.zeros(x.shape[:-1] + (3,))
    for coefficients in VIRIDIS[::-1]:
        v = v * x + coefficients
    return np.round(255 * np.clip(v, 0.0, 1.0)).astype(np.uint8)


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
    median = float(values[(values.size - 1) // 2])
    if (median - low) / (high - low) >= LOG_WHEN:
        return LossScale(low, high)
    knee = max(float(values[int(KNEE * (values.size - 1))]) - low, (high - low) * 1e-6)
    return LossScale(low, high, knee)


def banded(losses: NDArray[np.float64], scale: LossScale) -> NDArray[np.uint8]:
    """The filled contour map as RGBA pixels: each band in viridis at its middle, darker where bands meet."""
    finite = np.isfinite(losses)
    band = np.clip(np.floor(np.nan_to_num(scale.t(np.where(finite, losses, scale.low))) * BANDS), 0, BANDS - 1)
    band = band.astype(np.int16)
    colours = viridis((np.arange(BANDS) + 0.5) / BANDS)
    rgb = colours[band].astype(np.float64)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, :-1] |= band[:, :-1] != band[:, 1:]
    edge[:-1, :] |= band[:-1, :] != band[1:, :]
    rgb[edge] *= EDGE_DARKEN
    rgb[~finite] = UNDEFINED
    alpha = np.full(band.shape + (1,), 255.0)
    return np.ascontiguousarray(np.round(np.concatenate([rgb, alpha], axis=-1)).astype(np.uint8))


def legend_ticks(scale: LossScale, count: int = 4) -> list[tuple[float, float]]:
    """A few round losses to label the colour bar with, each with its height: round steps on a linear scale, the
    lowest loss plus powers of ten on a log scale."""
    if scale.knee is None:
        ticks = [(float(scale.t(v)), v) for v in nice_ticks(scale.low, scale.high, count)]
        if not ticks or ticks[0][0] > 0.12:  # the bottom has no round value near it: label it as it is
            ticks.insert(0, (0.0, scale.low))
        return ticks
    first = math.ceil(math.log10(scale.knee))
    last = math.floor(math.log10(scale.high - scale.low))
    every = max(1, math.ceil((last - first + 1) / (count - 1)))
    ticks = [(0.0, scale.low)]
    ticks += [(float(scale.t(scale.low + 10.0**p)), scale.low + 10.0**p) for p in range(first, last + 1, every)]
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
