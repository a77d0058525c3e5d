"""Loss surfaces over two settings (w1, w2): loss, gradient and Hessian side by side, on arrays of points."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .critical import CriticalPoint, find_critical_points

Array = NDArray[np.float64]
Window = tuple[tuple[float, float], tuple[float, float]]
# Each takes w1 and w2 (arrays of one shape) and returns the loss, the two slopes, or the Hessian's h11, h12, h22.
LossFn = Callable[[Array, Array], Array]
GradientFn = Callable[[Array, Array], tuple[Array, Array]]
HessianFn = Callable[[Array, Array], tuple[Array, Array, Array]]


def _points(w: ArrayLike) -> tuple[Array, Array]:
    """w1 and w2 from an array whose last axis holds the two settings."""
    p = np.asarray(w, dtype=np.float64)
    if p.shape[-1:] != (2,):
        raise ValueError(f"points on a surface need a last axis of length 2 (w1, w2), got shape {p.shape}")
    return p[..., 0], p[..., 1]


@dataclass(frozen=True)
class Surface:
    """A named loss surface over (w1, w2) with its gradient, Hessian, window, default start and critical points."""

    name: str
    title: str
    formula: str
    loss_fn: LossFn = field(repr=False)
    gradient_fn: GradientFn = field(repr=False)
    hessian_fn: HessianFn = field(repr=False)
    window: Window
    start: tuple[float, float]
    description: str = field(default="", repr=False)
    parameters: tuple[tuple[str, float], ...] = field(default=(), repr=False)  # e.g. (("stretch", 10.0),)
    critical_points: tuple[CriticalPoint, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        found = find_critical_points(self.loss_fn, self.gradient_fn, self.hessian_fn, self.window)
        object.__setattr__(self, "critical_points", found)

    def loss(self, w: ArrayLike) -> Array:
        """The loss at each point of `w` (last axis: w1, w2); one value per point."""
        w1, w2 = _points(w)
        with np.errstate(all="ignore"):
            out: Array = np.asarray(self.loss_fn(w1, w2), dtype=np.float64) + np.zeros_like(w1)
        return out

    def gradient(self, w: ArrayLike) -> Array:
        """The gradient (the two slopes ∂loss/∂w1, ∂loss/∂w2) at each point, in the same shape as `w`."""
        w1, w2 = _points(w)
        with np.errstate(all="ignore"):
            g1, g2 = self.gradient_fn(w1, w2)
        zero = np.zeros_like(w1)  # a constant slope comes back as a number; give it the points' shape
        return np.stack([g1 + zero, g2 + zero], axis=-1)

    def hessian(self, w: ArrayLike) -> Array:
        """The Hessian (the 2×2 matrix of second slopes) at each point: shape w.shape + (2,)."""
        w1, w2 = _points(w)
        with np.errstate(all="ignore"):
            h11, h12, h22 = (np.asarray(h, dtype=np.float64) + np.zeros_like(w1) for h in self.hessian_fn(w1, w2))
        return np.stack([np.stack([h11, h12], axis=-1), np.stack([h12, h22], axis=-1)], axis=-2)

    def field(self, size: int = 400, window: Window | None = None) -> tuple[Array, Array, Array]:
        """The loss on a size × size grid over the window (default: the surface's): the w1 values (columns), the w2
        values (rows) and the losses, shape (size, size), for a contour map or a 3-D view."""
        if not (isinstance(size, int) and 2 <= size <= 4000):
            raise ValueError(f"a field needs 2 to 4000 points per side, got {size!r}")
        (a, b), (c, d) = window or self.window
        w1, w2 = np.linspace(a, b, size), np.linspace(c, d, size)
        with np.errstate(all="ignore"):
            losses = np.asarray(self.loss_fn(w1[None, :], w2[:, None]), dtype=np.float64)
        return w1, w2, np.broadcast_to(losses, (size, size)).copy()

    @property
    def minima(self) -> tuple[CriticalPoint, ...]:
        """The dips, lowest first."""
        return tuple(p for p in self.critical_points if p.kind == "minimum")

    @property
    def saddles(self) -> tuple[CriticalPoint, ...]:
        """The saddle points: a dip one way, a hilltop the other."""
        return tuple(p for p in self.critical_points if p.kind == "saddle")

    @property
    def maxima(self) -> tuple[CriticalPoint, ...]:
        """The hilltops."""
        return tuple(p for p in self.critical_points if p.kind == "maximum")

    @property
    def global_minimum(self) -> CriticalPoint | None:
        """The lowest dip in the window (one of them, if several are equally low)."""
        return self.minima[0] if self.minima else None

    def nearest(self, w: ArrayLike, kinds: tuple[str, ...] = ("minimum",)) -> CriticalPoint | None:
        """The critical point of one of `kinds` closest to the point `w`."""
        chosen = [p for p in self.critical_points if p.kind in kinds]
        if not chosen:
            return None
        at = np.asarray(w, dtype=np.float64)
        return min(chosen, key=lambda p: float(np.hypot(*(at - np.array(p.w)))))

    @property
    def scale(self) -> float:
        """The window's diagonal: the yardstick for "near" on this surface."""
        (a, b), (c, d) = self.window
        return float(np.hypot(b - a, d - c))

    def __repr__(self) -> str:
        dips = ", ".join(f"({p.w[0]:.4g}, {p.w[1]:.4g})" for p in self.minima)
        saddles = ", ".join(f"({p.w[0]:.4g}, {p.w[1]:.4g})" for p in self.saddles)
        return f"Surface({self.name!r}, loss={self.formula!r}, dips=[{dips}], saddles=[{saddles}])"

    def __str__(self) -> str:
        (a, b), (c, d) = self.window
        points = "\n".join(f"  {p!r}" for p in self.critical_points) or "  none"
        return (
            f"Surface {self.name!r}: loss(w1, w2) = {self.formula}; window w1 in [{a:g}, {b:g}], w2 in [{c:g}, {d:g}]; "
            f"start ({self.start[0]:g}, {self.start[1]:g})\n{points}"
        )
