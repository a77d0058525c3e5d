"""Loss curves ("landscapes"): each carries its loss, slope and curvature side by side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import SettingError

Curve = Callable[[ArrayLike], NDArray[np.float64]]


@dataclass(frozen=True)
class Extremum:
    """A point where the slope is zero: a dip (minimum) or a hilltop (maximum)."""

    w: float
    loss: float
    curvature: float
    kind: str  # "minimum" or "maximum"
    is_global: bool = False

    @property
    def stability_bound(self) -> float | None:
        """Speeds above 2/curvature cannot hold plain descent at this minimum (None: no finite bound)."""
        if self.kind != "minimum" or not self.curvature > 1e-12 or not np.isfinite(self.curvature):
            return None
        return 2.0 / self.curvature

    @property
    def fastest_stable_speed(self) -> float | None:
        """At 1/curvature plain descent lands on the bottom in one step (near the minimum)."""
        bound = self.stability_bound
        return None if bound is None else bound / 2.0

    def __repr__(self) -> str:
        label = "global minimum" if self.is_global else self.kind
        return f"Extremum({label} at w={self.w:.4f}, loss={self.loss:.4f}, curvature={self.curvature:.4f})"


@dataclass(frozen=True)
class Landscape:
    """A named loss curve over one weight `w`, with its slope, curvature, window and default start."""

    name: str
    title: str
    formula: str
    loss: Curve = field(repr=False)
    slope: Curve = field(repr=False)
    curvature: Curve = field(repr=False)
    window: tuple[float, float]
    start: float
    description: str = field(default="", repr=False)
    minima: tuple[Extremum, ...] = field(init=False, repr=False)
    maxima: tuple[Extremum, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        minima, maxima = find_extrema(self.loss, self.slope, self.curvature, self.window)
        object.__setattr__(self, "minima", minima)
        object.__setattr__(self, "maxima", maxima)

    @property
    def global_minimum(self) -> Extremum | None:
        """The lowest dip in the window (None if the curve has no dip there)."""
        return next((m for m in self.minima if m.is_global), None)

    def nearest_minimum(self, w: float) -> Extremum | None:
        """The dip closest to `w`."""
        if not self.minima:
            return None
        return min(self.minima, key=lambda m: abs(m.w - w))

    def __str__(self) -> str:
        dips = ", ".join(repr(m) for m in self.minima) or "none"
        return f"Landscape {self.name!r}: loss(w) = {self.formula}; window {self.window}; minima: {dips}"


def _float(values: ArrayLike) -> NDArray[np.float64]:
    return np.asarray(values, dtype=np.float64)


def find_extrema(
    loss: Curve, slope: Curve, curvature: Curve, window: tuple[float, float], samples: int = 4001
) -> tuple[tuple[Extremum, ...], tuple[Extremum, ...]]:
    """Find the minima and maxima inside `window` by slope sign changes, refined by bisection."""
    lo, hi = window
    grid = np.linspace(lo, hi, samples)
    with np.errstate(all="ignore"):
        s = _float(slope(grid))
    roots: list[float] = []
    for i in np.flatnonzero((np.sign(s[:-1]) != np.sign(s[1:])) & np.isfinite(s[:-1]) & np.isfinite(s[1:])):
        if s[i] == 0.0:
            continue  # counted as the right end of the previous interval
        root = _bisect(slope, float(grid[i]), float(grid[i + 1]), float(s[i]))
        # a bottom at zero found as -1e-17 would print as "-0.0000"
        roots.append(0.0 if abs(root) < 1e-12 * (hi - lo) else root)
    span = hi - lo
    minima: list[Extremum] = []
    maxima: list[Extremum] = []
    for root in roots:
        with np.errstate(all="ignore"):
            left = float(slope(root - 1e-7 * span))
            right = float(slope(root + 1e-7 * span))
            value = float(loss(root))
            bend = float(curvature(root))
        if not np.isfinite(value):
            continue
        if left < 0 < right:
            minima.append(Extremum(root, value, bend, "minimum"))
        elif left > 0 > right:
            maxima.append(Extremum(root, value, bend, "maximum"))
    if minima:
        lowest = min(range(len(minima)), key=lambda k: minima[k].loss)
        minima[lowest] = Extremum(minima[lowest].w, minima[lowest].loss, minima[lowest].curvature, "minimum", True)
    return tuple(minima), tuple(maxima)


def _bisect(slope: Curve, a: float, b: float, slope_a: float) -> float:
    """Shrink [a, b] around the sign change of the slope until it is as narrow as floats allow."""
    for _ in range(200):
        mid = 0.5 * (a + b)
        if mid in (a, b):
            break
        with np.errstate(all="ignore"):
            s_mid = float(slope(mid))
        if s_mid == 0.0:
            return mid
        if (s_mid < 0) == (slope_a < 0):
            a, slope_a = mid, s_mid
        else:
            b = mid
    return 0.5 * (a + b)


def _double_well() -> Landscape:
    return Landscape(
        name="tilted-double-well",
        title="Tilted double well",
        formula="w^4/4 - 0.6*w^2 - 0.4*w",
        loss=lambda w: _float(w) ** 4 / 4 - 0.6 * _float(w) ** 2 - 0.4 * _float(w),
        slope=lambda w: _float(w) ** 3 - 1.2 * _float(w) - 0.4,
        curvature=lambda w: 3 * _float(w) ** 2 - 1.2,
        window=(-2.2, 2.2),
        start=-2.0,
        description="A shallow dip on the left and the deepest point on the right: cautious steps get stuck.",
    )


def _bowl() -> Landscape:
    return Landscape(
        name="bowl",
        title="Bowl",
        formula="w^2",
        loss=lambda w: _float(w) ** 2,
        slope=lambda w: 2 * _float(w),
        curvature=lambda w: np.full_like(_float(w), 2.0),
        window=(-3.0, 3.0),
        start=-2.5,
        description="A plain parabola with one bottom: the friendliest curve there is.",
    )


def _wavy() -> Landscape:
    return Landscape(
        name="wavy",
        title="Wavy bowl",
        formula="w^2/8 + 0.25*(1 - cos(4*w))",
        loss=lambda w: _float(w) ** 2 / 8 + 0.25 * (1 - np.cos(4 * _float(w))),
        slope=lambda w: _float(w) / 4 + np.sin(4 * _float(w)),
        curvature=lambda w: 0.25 + 4 * np.cos(4 * _float(w)),
        window=(-4.0, 4.0),
        start=3.5,
        description="A bowl covered in ripples: several small dips wait to catch the ball.",
    )


def _plateau() -> Landscape:
    def loss(w: ArrayLike) -> NDArray[np.float64]:
        d = _float(w) - 2
        return 0.002 * d**2 + 1 - np.exp(-(d**2) / 2)

    def slope(w: ArrayLike) -> NDArray[np.float64]:
        d = _float(w) - 2
        return 0.004 * d + d * np.exp(-(d**2) / 2)

    def curvature(w: ArrayLike) -> NDArray[np.float64]:
        d = _float(w) - 2
        return 0.004 + (1 - d**2) * np.exp(-(d**2) / 2)

    return Landscape(
        name="plateau",
        title="Plateau",
        formula="0.002*(w-2)^2 + 1 - exp(-(w-2)^2/2)",
        loss=loss,
        slope=slope,
        curvature=curvature,
        window=(-6.0, 4.0),
        start=-5.0,
        description="A long, nearly flat stretch before the valley: the slope almost vanishes, so steps crawl.",
    )


def _steep_walls() -> Landscape:
    return Landscape(
        name="steep-walls",
        title="Steep walls",
        formula="0.1*w^2 + 0.01*w^8",
        loss=lambda w: 0.1 * _float(w) ** 2 + 0.01 * _float(w) ** 8,
        slope=lambda w: 0.2 * _float(w) + 0.08 * _float(w) ** 7,
        curvature=lambda w: 0.2 + 0.56 * _float(w) ** 6,
        window=(-2.5, 2.5),
        start=2.0,
        description="A gentle floor between steep walls: a big step on a wall throws the ball off the chart.",
    )


def _v_shape() -> Landscape:
    return Landscape(
        name="v-shape",
        title="V shape",
        formula="abs(w)",
        loss=lambda w: np.abs(_float(w)),
        slope=lambda w: np.sign(_float(w)),
        curvature=lambda w: np.zeros_like(_float(w)),
        window=(-3.0, 3.0),
        start=2.3,
        description="|w|: the slope is the same size everywhere, so plain descent bounces across the bottom forever.",
    )


LANDSCAPES: dict[str, Landscape] = {
    land.name: land for land in (_double_well(), _bowl(), _wavy(), _plateau(), _steep_walls(), _v_shape())
}
DEFAULT_LANDSCAPE = "tilted-double-well"


def get_landscape(name: str) -> Landscape:
    """Look up a built-in landscape by the name a user types."""
    try:
        return LANDSCAPES[name]
    except KeyError:
        allowed = ", ".join(LANDSCAPES)
        raise SettingError("landscape", f"unknown landscape {name!r}: choose one of {allowed}") from None
