"""Activations, each beside its derivative (like TF Playground's `output`/`der` pairs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Activation:
    """A squashing function a = f(z) and its slope da/dz, given both z and a (whichever is cheaper)."""

    name: str
    output: Callable[[Array], Array]
    der: Callable[[Array, Array], Array]
    description: str

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


def sigmoid(z: Array) -> Array:
    """1 / (1 + e^-z), written so that large |z| never overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("relu", lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(z.dtype), "max(0, z)"),
        Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a, "tanh(z), between -1 and 1"),
        Activation("sigmoid", sigmoid, lambda z, a: a * (1.0 - a), "1 / (1 + e^-z), between 0 and 1"),
        Activation("linear", lambda z: z, lambda z, a: np.ones_like(z), "z itself: no squashing"),
    )
}
