"""Where a surface's window sits in a frame: w1 to the right, w2 up; one scale for both axes unless the window's
sides differ too much (the surfaces page's rule, web/static/surfaces/geometry.js)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.surfaces import Surface

SAME_SCALE_UP_TO = 2.5  # the ravine looks as stretched as it is; the raw lemonade fit (120 by 12) gets two scales
ARROW_LONGEST = 110.0  # grid units: the slope's arrow never grows past this, however steep
ARROW_SHORTEST = 40.0


def same_scale(window: tuple[tuple[float, float], tuple[float, float]]) -> bool:
    """Whether this window gets one scale for both axes."""
    (a0, a1), (b0, b1) = window
    a, b = a1 - a0, b1 - b0
    return max(a / b, b / a) <= SAME_SCALE_UP_TO


@dataclass(frozen=True)
class MapFrame:
    """The window on a box of whole pixels: (left, top) is the pixel of (w1 low, w2 high)."""

    window: tuple[tuple[float, float], tuple[float, float]]
    left: int
    top: int
    width: int
    height: int

    @property
    def sx(self) -> float:
        """Pixels per unit of w1."""
        (a0, a1), _ = self.window
        return self.width / (a1 - a0)

    @property
    def sy(self) -> float:
        """Pixels per unit of w2."""
        _, (b0, b1) = self.window
        return self.height / (b1 - b0)

    def x(self, w1: float) -> float:
        """Screen x of w1."""
        return self.left + (w1 - self.window[0][0]) * self.sx

    def y(self, w2: float) -> float:
        """Screen y of w2."""
        return self.top + (self.window[1][1] - w2) * self.sy

    def point(self, w: tuple[float, float]) -> tuple[float, float]:
        """Screen (x, y) of (w1, w2)."""
        return self.x(w[0]), self.y(w[1])

    def inside(self, x: float, y: float, margin: float = 0.0) -> bool:
        """Whether a screen point lies inside the map (shrunk by `margin` pixels)."""
        return self.left + margin <= x <= self.left + self.width - margin and (
            self.top + margin <= y <= self.top + self.height - margin
        )

    def pixel_centres(self) -> NDArray[np.float64]:
        """(w1, w2) at the centre of every pixel of the box, shape (height, width, 2)."""
        (a0, a1), (b0, b1) = self.window
        w1 = a0 + (np.arange(self.width) + 0.5) / self.width * (a1 - a0)
        w2 = b1 - (np.arange(self.height) + 0.5) / self.height * (b1 - b0)
        return np.stack(np.meshgrid(w1, w2), axis=-1)


def frame_of(surface: Surface, left: float, top: float, width: float, height: float) -> MapFrame:
    """The surface's window in a box, centred, in whole pixels."""
    (a0, a1), (b0, b1) = surface.window
    sx, sy = width / (a1 - a0), height / (b1 - b0)
    if same_scale(surface.window):
        sx = sy = min(sx, sy)
    w, h = round(sx * (a1 - a0)), round(sy * (b1 - b0))
    return MapFrame(surface.window, round(left + (width - w) / 2), round(top + (height - h) / 2), w, h)


def typical_slope(surface: Surface) -> float:
    """A usual size of the slope on this window: the median over a 30 × 30 grid (the arrow's yardstick)."""
    (a0, a1), (b0, b1) = surface.window
    w1, w2 = np.meshgrid(np.linspace(a0, a1, 30), np.linspace(b0, b1, 30))
    sizes = np.hypot(*np.moveaxis(surface.gradient(np.stack([w1, w2], axis=-1)), -1, 0))
    sizes = sizes[np.isfinite(sizes)]
    return float(np.median(sizes)) if sizes.size else 1.0


def arrow_length(size: float, typical: float, unit: float) -> float:
    """The arrow's length in pixels for a slope of `size`: grows with it and levels off; none where it is all gone."""
    if not (size > 0 and typical > 0 and math.isfinite(size)):
        return 0.0
    r = size / typical
    if r < 1e-3:
        return 0.0
    return max(ARROW_SHORTEST, ARROW_LONGEST * r / (1 + r)) * unit


def clipped_runs(
    points: NDArray[np.float64], low: NDArray[np.float64], high: NDArray[np.float64]
) -> list[NDArray[np.float64]]:
    """The polyline through `points` (rows of w1, w2) cut to the box low..high, as runs of points to draw.

    skia draws nothing for huge numbers, and clamping each point to the box would bend the segments; a segment with
    an end outside is cut where it crosses the box (Liang–Barsky), so what is drawn lies on the true path."""
    inside = np.all((points >= low) & (points <= high), axis=1)
    if inside.all():
        return [points]
    runs: list[list[NDArray[np.float64]]] = [[]]
    for k in range(len(points) - 1):
        cut = _clip(points[k], points[k + 1], low, high)
        if cut is None:
            if runs[-1]:
                runs.append([])
            continue
        a, b = cut
        if runs[-1] and not np.array_equal(runs[-1][-1], a):
            runs.append([])
        if not runs[-1]:
            runs[-1].append(a)
        runs[-1].append(b)
    return [np.array(r) for r in runs if len(r) > 1]


def _clip(
    p: NDArray[np.float64], q: NDArray[np.float64], low: NDArray[np.float64], high: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """The part of the segment p→q inside the box, or None."""
    d = q - p
    t0, t1 = 0.0, 1.0
    for axis in range(2):
        for edge, sign in ((low[axis], -1.0), (high[axis], 1.0)):
            along, gap = sign * d[axis], sign * (edge - p[axis])
            if along == 0:
                if gap < 0:
                    return None
                continue
            t = gap / along
            if along < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return None
    return p + t0 * d, p + t1 * d
