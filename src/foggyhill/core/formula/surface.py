"""Typed loss formulas in w1 and w2: the same grammar and checks as a curve's, with exact partial derivatives.

The gradient is the two first partials, the Hessian the second partials (∂²/∂w1², ∂²/∂w1∂w2, ∂²/∂w2²), each a tree
built by `derivative` with respect to one setting. Unlike a curve's formula, a surface's reads no two-sided limits at
0/0 points: where a piece is undefined, so is the surface there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from ...lang import N_, _, say
from ..errors import FormulaError, SettingError
from ..surfaces.surface import Surface, Window
from .derive import derivative
from .parse import MAX_DERIVED_DEPTH, MAX_DERIVED_SIZE, SURFACE, read_tree
from .tree import Array, Node, compile_tree

__all__ = ["DEFAULT_WINDOW", "SurfaceFormula", "formula_surface", "parse_surface_formula"]

DEFAULT_WINDOW: Window = ((-3.0, 3.0), (-3.0, 3.0))


@dataclass(frozen=True, repr=False)
class SurfaceFormula:
    """A parsed loss formula in w1 and w2 with its exact gradient and Hessian trees."""

    text: str
    tree: Node
    gradient_trees: tuple[Node, Node]
    hessian_trees: tuple[Node, Node, Node]  # ∂²/∂w1², ∂²/∂w1∂w2, ∂²/∂w2²
    _compiled: tuple[Callable[[ArrayLike], Array], ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        trees = (self.tree, *self.gradient_trees, *self.hessian_trees)
        object.__setattr__(self, "_compiled", tuple(compile_tree(t, variables=SURFACE) for t in trees))

    def loss(self, w: ArrayLike) -> Array:
        """The loss at each point of `w` (last axis: w1, w2)."""
        return self._compiled[0](w)

    def gradient(self, w: ArrayLike) -> Array:
        """The two partial slopes at each point, in the shape of `w`."""
        return np.stack([self._compiled[1](w), self._compiled[2](w)], axis=-1)

    def hessian(self, w: ArrayLike) -> Array:
        """The 2×2 matrix of second partials at each point: shape w.shape + (2,)."""
        h11, h12, h22 = (f(w) for f in self._compiled[3:])
        return np.stack([np.stack([h11, h12], axis=-1), np.stack([h12, h22], axis=-1)], axis=-2)

    def js(self) -> dict[str, str]:
        """The loss, the two slopes and the three second partials as JavaScript expressions in w1 and w2."""
        return {key: tree.to_js() for key, tree in self._trees().items()}

    def python(self) -> dict[str, str]:
        """The same as Python expressions in w1 and w2 using numpy as `np`."""
        return {key: tree.to_python() for key, tree in self._trees().items()}

    def _trees(self) -> dict[str, Node]:
        names = ("loss", "slope_w1", "slope_w2", "h11", "h12", "h22")
        return dict(zip(names, (self.tree, *self.gradient_trees, *self.hessian_trees), strict=True))

    def __repr__(self) -> str:
        g1, g2 = (t.to_text() for t in self.gradient_trees)
        return f"SurfaceFormula(loss={self.text!r}, slope=({g1!r}, {g2!r}))"


# Whole sentences for a start the learner gave and for the surface's own.
_UNDEFINED_START = {
    "given": N_(
        "the loss or its slope is undefined at the given start ({w1:g}, {w2:g}): pick a start where the formula is "
        "defined"
    ),
    "default": N_(
        "the loss or its slope is undefined at the default start ({w1:g}, {w2:g}): pick a start where the formula "
        "is defined"
    ),
}


def parse_surface_formula(text: str) -> SurfaceFormula:
    """Parse a loss formula in w1 and w2 and derive its gradient and Hessian; raises FormulaError on any bad text."""
    tree = read_tree(text, SURFACE)
    try:
        g1, g2 = derivative(tree, "w1"), derivative(tree, "w2")
        # ∂²/∂w1∂w2 is taken from ∂/∂w1, so the matrix is symmetric by construction.
        hessian = (derivative(g1, "w1"), derivative(g1, "w2"), derivative(g2, "w2"))
    except RecursionError:
        raise FormulaError(_("the formula is too deeply nested: simplify it"), None, text) from None
    if any(h.size > MAX_DERIVED_SIZE or h.depth > MAX_DERIVED_DEPTH for h in hessian):
        raise FormulaError(_("the formula is too complicated to differentiate: simplify it"), None, text)
    return SurfaceFormula(tree.to_text(), tree, (g1, g2), hessian)


def formula_surface(text: str, start: tuple[float, float] | None = None, window: Window = DEFAULT_WINDOW) -> Surface:
    """A surface from a typed formula in w1 and w2; the start defaults to (-2, 2), or the window's corner quarter."""
    formula = parse_surface_formula(text)
    box = _check_window(window)
    begin = _check_start(start, box)
    at = np.array(begin)
    if not (np.isfinite(formula.loss(at)) and np.isfinite(formula.gradient(at)).all()):
        which = "given" if start is not None else "default"
        raise FormulaError(
            say(_UNDEFINED_START[which], w1=begin[0], w2=begin[1]),
            None,
            formula.text,
        )

    def pair(w1: Array, w2: Array) -> Array:
        return np.stack(np.broadcast_arrays(w1, w2), axis=-1)

    return Surface(
        "formula",
        _("Your formula"),
        formula.text,
        lambda w1, w2: formula.loss(pair(w1, w2)),
        lambda w1, w2: _slopes(formula.gradient(pair(w1, w2))),
        lambda w1, w2: _parts(formula.hessian(pair(w1, w2))),
        box,
        begin,
        say(
            "Your own surface. Its slopes are {first} along w1 and {second} along w2.",
            first=formula.gradient_trees[0].to_text(),
            second=formula.gradient_trees[1].to_text(),
        ),
    )


def _slopes(g: Array) -> tuple[Array, Array]:
    return g[..., 0], g[..., 1]


def _parts(h: Array) -> tuple[Array, Array, Array]:
    return h[..., 0, 0], h[..., 0, 1], h[..., 1, 1]


def _check_window(window: Window) -> Window:
    problem = say(
        "the window {window} must be two ranges of two finite numbers each, low below high", window=repr(window)
    )
    try:
        (a, b), (c, d) = ((float(lo), float(hi)) for lo, hi in window)
    except (TypeError, ValueError, OverflowError):
        raise SettingError("window", problem) from None
    if not all(math.isfinite(v) for v in (a, b, c, d)) or not (a < b and c < d):
        raise SettingError("window", problem)
    return ((a, b), (c, d))


def _check_start(start: tuple[float, float] | None, box: Window) -> tuple[float, float]:
    (a, b), (c, d) = box
    if start is None:
        return (-2.0 if a <= -2.0 <= b else a + (b - a) / 4, 2.0 if c <= 2.0 <= d else d - (d - c) / 4)
    try:
        w1, w2 = (float(v) for v in start)
    except (TypeError, ValueError, OverflowError):
        raise SettingError(
            "start", say("the start {start} must be two numbers, w1 and w2", start=repr(start))
        ) from None
    if not (a <= w1 <= b and c <= w2 <= d):
        raise SettingError(
            "start",
            say(
                "the start ({w1:g}, {w2:g}) must lie inside the window w1 in [{a:g}, {b:g}], w2 in [{c:g}, {d:g}]",
                w1=w1,
                w2=w2,
                a=a,
                b=b,
                c=c,
                d=d,
            ),
        )
    return (w1, w2)
