"""A dense layer: forward and backward side by side, like micrograd's ops and their `_backward`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .activations import ACTIVATIONS, Activation

Array = NDArray[np.float64]

HIDDEN_KINDS = ("relu", "tanh", "sigmoid", "linear")
OUTPUT_KINDS = ("softmax", "sigmoid", "linear")
ROLES = ("hidden", "output")


@dataclass(frozen=True)
class LayerSpec:
    """What a learner writes for one layer: its size (neurons), kind (activation) and role (hidden or output)."""

    size: int
    kind: str
    role: str = "hidden"

    def __str__(self) -> str:
        return f"{self.role} {self.size} {self.kind}"


def with_ones(x: Array) -> Array:
    """The rows x with a 1 at the end of each: the input a bias is the weight of."""
    return np.hstack([x, np.ones((len(x), 1))])


class Dense:
    """z = x W + b, then a = f(z); backward turns dL/da into dL/dW, dL/db and dL/dx.

    The bias is computed as the weight of one more input that is always 1: z = [x 1] [W; b] is x W + b in one
    product, and its slope [x 1]ᵀ dL/dz holds dL/dW with dL/db (the sum of dL/dz over the rows) as its last row.
    The training loop (loop.py) and the exported numpy script make the very same products.
    """

    def __init__(self, n_in: int, n_out: int, activation: Activation, rng: np.random.Generator) -> None:
        # He scaling keeps relu signals from shrinking layer by layer; Xavier (Glorot) suits the s-shaped ones.
        fan = 2.0 / n_in if activation.name == "relu" else 2.0 / (n_in + n_out)
        self.W: Array = rng.normal(0.0, np.sqrt(fan), size=(n_in, n_out))
        self.b: Array = np.zeros(n_out)
        self.activation = activation
        self.dW: Array = np.zeros_like(self.W)
        self.db: Array = np.zeros_like(self.b)
        self._x: Array = np.zeros((0, n_in + 1))
        self._z: Array = np.zeros((0, n_out))
        self._a: Array = np.zeros((0, n_out))

    def forward(self, x: Array) -> Array:
        """Remember the input (with its 1s) and the pre-activation: backward needs both."""
        self._x = with_ones(x)
        self._z = self._x @ np.vstack([self.W, self.b])
        self._a = self.activation.output(self._z)
        return self._a

    def backward(self, grad_a: Array) -> Array:
        """Chain rule through f, then through x W + b; returns the slope for the layer below."""
        grad_z = grad_a * self.activation.der(self._z, self._a)
        slope = self._x.T @ grad_z
        self.dW, self.db = slope[:-1], slope[-1]
        return grad_z @ self.W.T

    @property
    def n_parameters(self) -> int:
        """Weights plus biases."""
        return int(self.W.size + self.b.size)

    def __repr__(self) -> str:
        return f"Dense({self.W.shape[0]} → {self.W.shape[1]}, {self.activation.name})"


def make_dense(n_in: int, spec: LayerSpec, rng: np.random.Generator) -> Dense:
    """The dense layer for a spec; an output layer stays linear here because its head applies the last squash."""
    kind = spec.kind if spec.role == "hidden" else "linear"
    return Dense(n_in, spec.size, ACTIVATIONS[kind], rng)
