"""Output heads: the last activation fused with its loss, so the slope dL/dz is simple and numerically stable.

softmax + cross-entropy: dL/dz = (p - onehot) / n
sigmoid + binary cross-entropy: dL/dz = (p - y) / n
linear + mean squared error: dL/dz = 2 (z - y) / n
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .activations import sigmoid

Array = NDArray[np.float64]
Labels = NDArray[Any]  # class indices (int) or values (float)


@dataclass(frozen=True)
class Head:
    """An output kind: what it turns z into, its loss for targets y, and the loss's slope with respect to z."""

    kind: str
    loss_name: str
    output: Callable[[Array], Array]
    loss: Callable[[Array, Labels], float]
    grad: Callable[[Array, Labels], Array]

    def __repr__(self) -> str:
        return f"Head({self.kind!r}, loss={self.loss_name!r})"


def _log_softmax(z: Array) -> Array:
    """log(softmax(z)) computed without overflow."""
    # Subtracting the row maximum keeps exp() from overflowing without changing the result.
    shifted = z - z.max(axis=1, keepdims=True)
    out: Array = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return out


def softmax(z: Array) -> Array:
    """Turn scores into probabilities that sum to 1 on each row."""
    e = np.exp(z - z.max(axis=1, keepdims=True))  # the same shift as in _log_softmax
    p: Array = e / e.sum(axis=1, keepdims=True)
    return p


def _softmax_loss(z: Array, y: Labels) -> float:
    """Cross-entropy: minus the log of the chance given to the right class, averaged."""
    return float(-_log_softmax(z)[np.arange(len(y)), y].mean())


def _softmax_grad(z: Array, y: Labels) -> Array:
    """(p - onehot) / n: the softmax and the log cancel into this simple slope."""
    g = softmax(z)
    g[np.arange(len(y)), y] -= 1.0
    return g / len(y)


def _bce_loss(z: Array, y: Labels) -> float:
    """Binary cross-entropy for one sigmoid output."""
    # -[y log p + (1-y) log(1-p)] with p = sigmoid(z) equals log(1 + e^z) - y z, which never takes log(0).
    z = z[:, 0]
    return float((np.logaddexp(0.0, z) - y * z).mean())


def _bce_grad(z: Array, y: Labels) -> Array:
    """(p - y) / n, the sigmoid and the log cancelling as for softmax."""
    return (sigmoid(z) - y[:, None]) / len(y)


def _mse_loss(z: Array, y: Labels) -> float:
    """The mean of the squared misses."""
    return float(((z[:, 0] - y) ** 2).mean())


def _mse_grad(z: Array, y: Labels) -> Array:
    """2 (z - y) / n."""
    return 2.0 * (z - y[:, None]) / len(y)


HEADS: dict[str, Head] = {
    h.kind: h
    for h in (
        Head("softmax", "cross-entropy", softmax, _softmax_loss, _softmax_grad),
        Head("sigmoid", "binary cross-entropy", sigmoid, _bce_loss, _bce_grad),
        Head("linear", "mean squared error", lambda z: z, _mse_loss, _mse_grad),
    )
}
