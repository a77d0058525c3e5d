"""Newton's method on a surface: the step −speed·H⁻¹·slope, which jumps to where the slope is zero.

On a bowl (a quadratic with positive curvatures) one step at speed 1 lands on the bottom from anywhere. But the step
solves "where would the slope be zero if the surface were this quadratic?", and a saddle or a hilltop is such a place
too: near a saddle Newton goes TO the saddle, not downhill, and near a hilltop it climbs it. We take that step as it
is, wherever the Hessian can be inverted (positive curvatures or not), because that is what the method does and the
verdict says so. Where the Hessian is singular (a curvature of zero: the surface is flat along some direction) the
step is undefined, so the run stops there with the verdict "stopped" rather than divide by zero or fall back to
another rule in disguise.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from .critical import newton_direction
from .surface import Array

NEWTON_TITLE = "Newton's method"
NEWTON_RULE = "w ← w − speed·H⁻¹·slope(w) (H: the Hessian at w; stops where H is singular)"
NEWTON_DESCRIPTION = "Divides the slope by the curvature in every direction: one step to a bowl's bottom."


def newton_step(
    w: Array, slope: Callable[[Array], Array], hessian: Callable[[Array], Array], speed: float
) -> tuple[Array, NDArray[np.bool_]]:
    """One Newton step for each point of `w` (last axis: w1, w2), and where it was defined (a bool per point).

    Where the Hessian is singular the point stays where it is and its flag is False.
    """
    g, h = slope(w), hessian(w)
    d1, d2, ok = newton_direction(g[..., 0], g[..., 1], h[..., 0, 0], h[..., 0, 1], h[..., 1, 1])
    moved = w - speed * np.stack([d1, d2], axis=-1)
    stepped: Array = np.where(ok[..., None], moved, w)
    return stepped, ok
