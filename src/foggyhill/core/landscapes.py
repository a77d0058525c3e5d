"""Loss curves ("landscapes"): each carries its loss, slope and curvature side by side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..lang import N_, say
from .errors import SettingError

Curve = Callable[[ArrayLike], NDArray[np.float64]]

# How far either side of a 0/0 point its limit is read, relative to max(1, |w|): close enough that the estimate is
# off by about 6e-11 x the curve's own second derivative, far enough that neither side is lost in rounding.
LIMIT_STEP = 2.0**-17
SETTLING = 0.75  # near a limit each gap between values at h, 2h, 4h is at most this share of the next (1/2 on a line)
ROUNDING = 1e-9  # gaps smaller than this (relative) are rounding, not a trend


@dataclass(frozen=True)
class Extremum:
    """A point where the slope is zero: a dip (minimum) or a hilltop (maximum)."""

    w: float
    loss: float
    curvature: float
    kind: str  # "minimum" or "maximum"
    is_global: bool = False
    kink: bool = False  # a corner: the slopes just left and right of it differ, as at the bottom of abs(w)

    @property
    def stability_bound(self) -> float | None:
        """Speeds above 2/curvature cannot hold plain descent at this minimum (None: a kink, or no curvature)."""
        if self.kind != "minimum" or self.kink or not self.curvature > 1e-12 or not np.isfinite(self.curvature):
            return None
        return 2.0 / self.curvature

    @property
    def fastest_stable_speed(self) -> float | None:
        """At 1/curvature plain descent lands on the bottom in one step (near the minimum)."""
        bound = self.stability_bound
        return None if bound is None else bound / 2.0

    def __repr__(self) -> str:
        label = "global minimum" if self.is_global else self.kind
        corner = ", a kink" if self.kink else ""
        return f"Extremum({label} at w={self.w:.4f}, loss={self.loss:.4f}, curvature={self.curvature:.4f}{corner})"


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


def two_sided_limits(curve: Curve, loss: Curve, w: ArrayLike, values: ArrayLike) -> NDArray[np.float64]:
    """`values` (= curve(w)) where finite; elsewhere, where the loss is finite and the curve has a limit from each
    side, the mean of those two limits: the value at a 0/0 point such as the bottom of sqrt(w^4)."""
    if np.isfinite(values).all():
        return _float(values)[()]
    shape = np.broadcast_shapes(np.shape(w), np.shape(values))
    where, out = np.broadcast_to(_float(w), shape), np.array(np.broadcast_to(_float(values), shape))
    bad = ~np.isfinite(out)
    at = where[bad]
    with np.errstate(all="ignore"):
        limit = _limit(curve, at)
        usable = np.isfinite(limit) & np.isfinite(_float(loss(at)))
    out[bad] = np.where(usable, limit, out[bad])
    return out[()]


def _limit(curve: Curve, at: NDArray[np.float64]) -> NDArray[np.float64]:
    """The mean of the curve's limits from the left and from the right of each point (nan where one has none), or
    0 at a cusp, where they run off to -inf and +inf: flat there in the sense abs(w) is flat at 0 (sign(0) = 0).

    kernels.formula_source renders this same arithmetic for the sweep, so the map and descend agree.
    """
    h = LIMIT_STEP * np.maximum(1.0, np.abs(at))
    left = right = np.zeros_like(at)
    for side in (-1.0, 1.0):
        f1 = f2 = f4 = np.zeros_like(at)
        for step in (4.0, 2.0, 1.0):
            f4, f2, f1 = f2, f1, _float(curve(at + side * (step * h)))
        # A curve with a limit settles as w closes in: each gap smaller than the one before (a slope that grows
        # without bound, like sqrt(w)'s, does not). The straight line through the two nearest points then reaches
        # the limit exactly at a corner such as 6|w|, where the nearest point alone would be off by 6h.
        settled = np.abs(f1 - f2) <= SETTLING * np.abs(f2 - f4) + ROUNDING * (1.0 + np.abs(f1))
        runaway = (np.abs(f1) > np.abs(f2)) & (np.abs(f2) > np.abs(f4)) & (f1 * f4 > 0.0)
        end = np.where(settled, 2.0 * f1 - f2, np.where(runaway, np.copysign(np.inf, f1), np.nan))
        left, right = right, end
    mean = 0.5 * (left + right)
    return np.where(np.isinf(left) & (left == -right), 0.0, mean)


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
    found = [e for e in (_extremum(loss, slope, curvature, root, hi - lo) for root in roots) if e is not None]
    minima = [e for e in found if e.kind == "minimum"]
    maxima = tuple(e for e in found if e.kind == "maximum")
    if minima:
        lowest = min(range(len(minima)), key=lambda k: minima[k].loss)
        minima[lowest] = replace(minima[lowest], is_global=True)
    return tuple(minima), maxima


def _extremum(loss: Curve, slope: Curve, curvature: Curve, root: float, span: float) -> Extremum | None:
    """The dip or hilltop at a root of the slope (None if the loss is undefined there or the slope only touches 0)."""
    with np.errstate(all="ignore"):
        left, right = _sides(slope, root, 1e-7 * span)
        value = float(loss(root))
        bend = float(curvature(root))
    if not np.isfinite(value) or not (left < 0 < right or left > 0 > right):
        return None
    kind = "minimum" if left < 0 else "maximum"
    return Extremum(root, value, bend, kind, kink=_is_kink(slope, root, span))


def _sides(slope: Curve, root: float, step: float) -> tuple[float, float]:
    return float(slope(root - step)), float(slope(root + step))


def _is_kink(slope: Curve, root: float, span: float) -> bool:
    """Whether the slopes just left and right of `root` differ: near a smooth bottom their gap shrinks with the
    distance (100 times closer, 100 times smaller); at a corner such as abs(w)'s it stays."""
    with np.errstate(all="ignore"):
        near_left, near_right = _sides(slope, root, 1e-8 * span)
        far_left, far_right = _sides(slope, root, 1e-6 * span)
    gap = abs(near_right - near_left)
    # below 1e-12 the gap is rounding, not a corner (flat bottoms such as w^4's have next to no slope near them)
    return gap > 1e-12 and gap > 0.5 * abs(far_right - far_left)


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
        title=N_("Tilted double well"),
        formula="w^4/4 - 0.6*w^2 - 0.4*w",
        loss=lambda w: _float(w) ** 4 / 4 - 0.6 * _float(w) ** 2 - 0.4 * _float(w),
        slope=lambda w: _float(w) ** 3 - 1.2 * _float(w) - 0.4,
        curvature=lambda w: 3 * _float(w) ** 2 - 1.2,
        window=(-2.2, 2.2),
        start=-2.0,
        description=N_("A shallow dip on the left and the deepest point on the right: cautious steps get stuck."),
    )


def _bowl() -> Landscape:
    return Landscape(
        name="bowl",
        title=N_("Bowl"),
        formula="w^2",
        loss=lambda w: _float(w) ** 2,
        slope=lambda w: 2 * _float(w),
        curvature=lambda w: np.full_like(_float(w), 2.0),
        window=(-3.0, 3.0),
        start=-2.5,
        description=N_("A plain parabola with one bottom: the friendliest curve there is."),
    )


def _wavy() -> Landscape:
    return Landscape(
        name="wavy",
        title=N_("Wavy bowl"),
        formula="w^2/8 + 0.25*(1 - cos(4*w))",
        loss=lambda w: _float(w) ** 2 / 8 + 0.25 * (1 - np.cos(4 * _float(w))),
        slope=lambda w: _float(w) / 4 + np.sin(4 * _float(w)),
        curvature=lambda w: 0.25 + 4 * np.cos(4 * _float(w)),
        window=(-4.0, 4.0),
        start=3.5,
        description=N_("A bowl covered in ripples: several small dips wait to catch the ball."),
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
        title=N_("Plateau"),
        formula="0.002*(w-2)^2 + 1 - exp(-(w-2)^2/2)",
        loss=loss,
        slope=slope,
        curvature=curvature,
        window=(-6.0, 4.0),
        start=-5.0,
        description=N_("A long, nearly flat stretch before the valley: the slope almost vanishes, so steps crawl."),
    )


def _steep_walls() -> Landscape:
    return Landscape(
        name="steep-walls",
        title=N_("Steep walls"),
        formula="0.1*w^2 + 0.01*w^8",
        loss=lambda w: 0.1 * _float(w) ** 2 + 0.01 * _float(w) ** 8,
        slope=lambda w: 0.2 * _float(w) + 0.08 * _float(w) ** 7,
        curvature=lambda w: 0.2 + 0.56 * _float(w) ** 6,
        window=(-2.5, 2.5),
        start=2.0,
        description=N_("A gentle floor between steep walls: a big step on a wall throws the ball off the chart."),
    )


def _v_shape() -> Landscape:
    return Landscape(
        name="v-shape",
        title=N_("V shape"),
        formula="abs(w)",
        loss=lambda w: np.abs(_float(w)),
        slope=lambda w: np.sign(_float(w)),
        curvature=lambda w: np.zeros_like(_float(w)),
        window=(-3.0, 3.0),
        start=2.3,
        description=N_(
            "|w|: the slope is the same size everywhere, so plain descent bounces across the bottom forever."
        ),
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
        message = say("unknown landscape {name}: choose one of {names}", name=repr(name), names=allowed)
        raise SettingError("landscape", message) from None
