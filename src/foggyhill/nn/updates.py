"""The training loop's update rules: core.optimizers' plain, momentum and adam, on arrays changed in place.

Each makes the same operations in the same order as its rule in core (tests/nn/test_loop.py checks bit for bit), on
one flat array holding every weight and bias, so one call moves the whole network instead of one per array. The
constants are 0-d arrays: numpy reads them faster than Python floats, and they hold the same numbers. Each
call's last argument is where it writes (`out`, given by place: a call costs less without keywords).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from ..core.optimizers import ADAM_BETAS, EPSILON, MOMENTUM

Array = NDArray[np.float64]

_B1, _B2 = ADAM_BETAS
_NUMBERS = {"momentum": MOMENTUM, "b1": _B1, "1-b1": 1 - _B1, "b2": _B2, "1-b2": 1 - _B2, "eps": EPSILON}
_CONSTANTS = {name: np.full((), value) for name, value in _NUMBERS.items()}


class Update:
    """One rule's remembered arrays (velocity, running averages) and scratch, sized like the flat weights."""

    def __init__(self, name: str, size: int) -> None:
        self.step: Callable[[Array, Array, Array, int], None] = getattr(self, f"_{name}")
        self.tmp = np.zeros(size)
        self.first = np.zeros(size)  # momentum's velocity, adam's running slope m
        self.second = np.zeros(size) if name == "adam" else self.first  # adam's running slope² v
        self.hat = np.zeros(size) if name == "adam" else self.first

    def _plain(self, w: Array, g: Array, speed: Array, t: int) -> None:
        """w - speed * g."""
        np.subtract(w, np.multiply(speed, g, self.tmp), w)

    def _momentum(self, w: Array, g: Array, speed: Array, t: int) -> None:
        """v = MOMENTUM * v - speed * g; w + v."""
        v = np.multiply(_CONSTANTS["momentum"], self.first, self.first)
        np.subtract(v, np.multiply(speed, g, self.tmp), v)
        np.add(w, v, w)

    def _adam(self, w: Array, g: Array, speed: Array, t: int) -> None:
        """m and v, their warm-up corrections, then w - speed * m_hat / (sqrt(v_hat) + EPSILON)."""
        c, m, v, tmp, hat = _CONSTANTS, self.first, self.second, self.tmp, self.hat
        np.add(np.multiply(c["b1"], m, m), np.multiply(c["1-b1"], g, tmp), m)
        np.multiply(c["1-b2"], g, tmp)
        np.add(np.multiply(c["b2"], v, v), np.multiply(tmp, g, tmp), v)
        np.divide(m, 1 - _B1 ** (t + 1), hat)
        np.divide(v, 1 - _B2 ** (t + 1), tmp)
        np.add(np.sqrt(tmp, tmp), c["eps"], tmp)
        np.subtract(w, np.divide(np.multiply(speed, hat, hat), tmp, hat), w)
