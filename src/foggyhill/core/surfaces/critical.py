"""Where a surface is flat: its dips, saddles and hilltops, found by Newton's method and told apart by curvature."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Pair = tuple[float, float]

SEEDS = 21  # Newton starts from a SEEDS × SEEDS grid over the window, so every flat point has one nearby
ITERATIONS = 80
SAME = 1e-6  # two points closer than this share of the window's diagonal are one point
FLAT = 1e-9  # a curvature smaller than this share of the largest one counts as none


@dataclass(frozen=True)
class CriticalPoint:
    """A point where both slopes are zero: a dip (minimum), a saddle, a hilltop (maximum), or flat (no curvature)."""

    w: Pair
    loss: float
    kind: str  # "minimum", "saddle", "maximum" or "flat"
    curvatures: Pair  # the Hessian's eigenvalues, smallest first: how the surface bends along `directions`
    directions: tuple[Pair, Pair]  # unit vectors; the first is the gentlest (or most downward) direction
    is_global: bool = False

    @property
    def steepest(self) -> float:
        """The largest curvature: the bend of the steep direction."""
        return self.curvatures[1]

    @property
    def gentlest(self) -> float:
        """The smallest curvature: the bend along the valley's floor (negative: the way down off a saddle)."""
        return self.curvatures[0]

    @property
    def stability_bound(self) -> float | None:
        """Plain descent can settle in this dip only below speed 2/(largest curvature) (None: not a dip)."""
        if self.kind != "minimum":
            return None
        return 2.0 / self.steepest

    @property
    def fastest_stable_speed(self) -> float | None:
        """At 1/(largest curvature) plain descent crosses the steep direction's bottom in one step (None: not a dip)."""
        bound = self.stability_bound
        return None if bound is None else bound / 2.0

    def zone(self, speed: float) -> str:
        """The speed zone of plain descent here, in core.theory.ZONE_WORDS' names: smooth, swinging or unstable at a
        dip; flat at a flat point; unstable at a saddle or hilltop, where no speed lets a run settle."""
        bound, fastest = self.stability_bound, self.fastest_stable_speed
        if bound is None or fastest is None:
            return "flat" if self.kind == "flat" else "unstable"
        if speed <= fastest:
            return "smooth"
        return "swinging" if speed < bound else "unstable"

    @property
    def condition(self) -> float | None:
        """Largest over smallest curvature: how stretched the valley is (1: round; None: not a dip)."""
        if self.kind != "minimum":
            return None
        return self.steepest / self.gentlest

    def to_dict(self) -> dict[str, object]:
        """The point as JSON-ready data."""
        return {
            "w": list(self.w),
            "loss": self.loss,
            "kind": self.kind,
            "global": self.is_global,
            "curvatures": list(self.curvatures),
            "directions": [list(d) for d in self.directions],
            "stability_bound": self.stability_bound,
            "fastest_stable_speed": self.fastest_stable_speed,
            "condition": self.condition,
        }

    def __repr__(self) -> str:
        label = "global minimum" if self.is_global else self.kind
        lo, hi = self.curvatures
        more = ""
        if self.kind == "minimum":
            more = f", bound={self.stability_bound:.4g}, condition={self.condition:.4g}"
        return (
            f"CriticalPoint({label} at ({self.w[0]:.4f}, {self.w[1]:.4f}), loss={self.loss:.4g}, "
            f"curvatures=({lo:.4g}, {hi:.4g}){more})"
        )


def newton_direction(
    g1: Array, g2: Array, h11: Array, h12: Array, h22: Array
) -> tuple[Array, Array, NDArray[np.bool_]]:
    """H⁻¹g for a field of symmetric 2×2 matrices, and where H can be inverted (not singular, all finite)."""
    det = h11 * h22 - h12 * h12
    size = np.abs(h11) + np.abs(h22) + 2.0 * np.abs(h12)
    # A determinant this small next to the entries' size is rounding: the matrix is singular.
    ok = np.isfinite(det) & (np.abs(det) > 1e-12 * size * size) & np.isfinite(g1) & np.isfinite(g2)
    safe = np.where(ok, det, 1.0)
    d1: Array = np.where(ok, (h22 * g1 - h12 * g2) / safe, 0.0)
    d2: Array = np.where(ok, (h11 * g2 - h12 * g1) / safe, 0.0)
    return d1, d2, ok


def find_critical_points(
    loss: Callable[[Array, Array], Array],
    gradient: Callable[[Array, Array], tuple[Array, Array]],
    hessian: Callable[[Array, Array], tuple[Array, Array, Array]],
    window: tuple[Pair, Pair],
    seeds: int = SEEDS,
) -> tuple[CriticalPoint, ...]:
    """The critical points inside `window`: Newton on the gradient from a grid of seeds, merged and classified."""
    (a, b), (c, d) = window
    scale = math.hypot(b - a, d - c)
    w1, w2 = (m.ravel() for m in np.meshgrid(np.linspace(a, b, seeds), np.linspace(c, d, seeds)))
    alive = np.ones(w1.shape, dtype=bool)
    steep = 0.0  # the largest slope among the seeds: the yardstick for "the slope is zero here"
    with np.errstate(all="ignore"):
        for k in range(ITERATIONS):
            g1, g2 = (np.asarray(g, dtype=np.float64) + 0.0 * w1 for g in gradient(w1, w2))
            if k == 0:
                steep = float(np.nanmax(np.hypot(g1, g2), initial=0.0))
            h11, h12, h22 = (np.asarray(h, dtype=np.float64) + 0.0 * w1 for h in hessian(w1, w2))
            d1, d2, _ = newton_direction(g1, g2, h11, h12, h22)
            # Cap each move at a quarter of the window so a seed on a near-flat patch is not thrown far away.
            length = np.hypot(d1, d2)
            cap = np.minimum(1.0, 0.25 * scale / np.maximum(length, 1e-300))
            w1, w2 = w1 - cap * d1, w2 - cap * d2
            alive &= np.isfinite(w1) & np.isfinite(w2)
        g1, g2 = (np.asarray(g, dtype=np.float64) + 0.0 * w1 for g in gradient(w1, w2))
    inside = (w1 >= a - 1e-9 * scale) & (w1 <= b + 1e-9 * scale) & (w2 >= c - 1e-9 * scale) & (w2 <= d + 1e-9 * scale)
    # Converged: the last Newton move was rounding-sized and the slope is zero next to the steepest seen. A seed whose
    # Hessian turned singular stays put (a flat bottom such as w1^4's): kept only if its slope is zero too.
    flat = np.hypot(g1, g2) <= 1e-8 * max(steep, 1e-300)
    done = alive & inside & (length <= 1e-9 * scale) & flat
    points = _merge(w1[done], w2[done], SAME * scale)
    return _classify(points, loss, hessian)


def _merge(w1: Array, w2: Array, near: float) -> list[Pair]:
    """One point for each cluster of seeds that found the same place."""
    kept: list[Pair] = []
    for p in sorted(zip(w1.tolist(), w2.tolist(), strict=True)):
        if all(math.hypot(p[0] - q[0], p[1] - q[1]) > near for q in kept):
            kept.append((float(p[0]), float(p[1])))
    return kept


def _classify(
    points: list[Pair],
    loss: Callable[[Array, Array], Array],
    hessian: Callable[[Array, Array], tuple[Array, Array, Array]],
) -> tuple[CriticalPoint, ...]:
    found: list[CriticalPoint] = []
    for w1, w2 in points:
        at1, at2 = np.array(w1), np.array(w2)
        h11, h12, h22 = (float(h) for h in hessian(at1, at2))
        values, vectors = np.linalg.eigh(np.array([[h11, h12], [h12, h22]]))
        lo, hi = float(values[0]), float(values[1])
        flat = FLAT * max(1.0, abs(lo), abs(hi))
        kind = "minimum" if lo > flat else "maximum" if hi < -flat else "saddle" if lo < -flat < flat < hi else "flat"
        directions = (_unit(vectors[:, 0]), _unit(vectors[:, 1]))
        found.append(CriticalPoint((w1, w2), float(loss(at1, at2)), kind, (lo, hi), directions))
    return _rank(found)


def _unit(v: Array) -> Pair:
    """A direction with a fixed sign (first nonzero part positive), so the same surface always prints the same."""
    x, y = float(v[0]), float(v[1])
    if x < -1e-12 or (abs(x) <= 1e-12 and y < 0):
        x, y = -x, -y
    return (x + 0.0, y + 0.0)


def _rank(found: list[CriticalPoint]) -> tuple[CriticalPoint, ...]:
    """Dips lowest first (every dip as low as the lowest marked global), then saddles, hilltops and flat points."""
    order = {"minimum": 0, "saddle": 1, "maximum": 2, "flat": 3}
    found.sort(key=lambda p: (order[p.kind], p.loss, p.w))
    dips = [p for p in found if p.kind == "minimum"]
    if not dips:
        return tuple(found)
    lowest = dips[0].loss
    tie = 1e-9 * max(1.0, abs(lowest))
    return tuple(
        CriticalPoint(p.w, p.loss, p.kind, p.curvatures, p.directions, p.kind == "minimum" and p.loss <= lowest + tie)
        for p in found
    )
