"""Checks shared by the surface tests: derivatives against finite differences."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from foggyhill.core import Surface


def _numeric_gradient(f: Callable[[np.ndarray], np.ndarray], w: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Central differences of f along w1 and w2, with a step h per setting."""
    e1, e2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    return np.stack(
        [(f(w + h[0] * e1) - f(w - h[0] * e1)) / (2 * h[0]), (f(w + h[1] * e2) - f(w - h[1] * e2)) / (2 * h[1])],
        axis=-1,
    )


def check_derivatives(surface: Surface, points: np.ndarray) -> None:
    """The gradient against central differences of the loss, the Hessian against those of the gradient."""
    (a, b), (c, d) = surface.window
    h = 1e-5 * np.array([b - a, d - c])
    numeric = _numeric_gradient(surface.loss, points, h)
    exact = surface.gradient(points)
    scale = np.abs(exact).max() + 1.0
    np.testing.assert_allclose(exact, numeric, atol=1e-6 * scale, rtol=1e-6)
    for column in range(2):
        numeric_h = _numeric_gradient(lambda w, k=column: surface.gradient(w)[..., k], points, h)
        exact_h = surface.hessian(points)[..., column, :]
        scale_h = np.abs(exact_h).max() + 1.0
        np.testing.assert_allclose(exact_h, numeric_h, atol=1e-6 * scale_h, rtol=1e-6)
    hessian = surface.hessian(points)
    np.testing.assert_array_equal(hessian[..., 0, 1], hessian[..., 1, 0])
