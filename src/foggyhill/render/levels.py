"""The loss as colour, as the surfaces page paints it (web/static/surfaces/levels.js): the height t of every loss
(timeline/levels.py) in BANDS bands of equal t, in viridis, which reads in order for colour-blind readers and in
grey."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..timeline.levels import BANDS, LossScale

__all__ = ["BANDS", "EDGE_DARKEN", "VIRIDIS", "banded", "viridis"]

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
EDGE_DARKEN = 0.62  # a band's edge pixel keeps this share of its colour: the contour line
UNDEFINED = (44, 52, 72)  # where the loss is not a number


def viridis(t: ArrayLike) -> NDArray[np.uint8]:
    """viridis at t (clamped to [0, 1]) as r, g, b in 0..255, on a last axis of 3."""
    x = np.clip(np.asarray(t, dtype=np.float64), 0.0, 1.0)[..., None]
    v = np.zeros(x.shape[:-1] + (3,))
    for coefficients in VIRIDIS[::-1]:
        v = v * x + coefficients
    return np.round(255 * np.clip(v, 0.0, 1.0)).astype(np.uint8)


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
