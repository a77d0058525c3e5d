"""Output heads: the last activation fused with its loss, so the slope dL/dz is simple and numerically stable.

softmax + cross-entropy: dL/dz = (p - onehot) / n
sigmoid + binary cross-entropy: dL/dz = (p - y) / n
linear + mean squared error: dL/dz = 2 (z - y) / n
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..lang import N_
from .activations import PLANS, Plan, sigmoid

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
        Head("softmax", N_("cross-entropy"), softmax, _softmax_loss, _softmax_grad),
        Head("sigmoid", N_("binary cross-entropy"), sigmoid, _bce_loss, _bce_grad),
        Head("linear", N_("mean squared error"), lambda z: z, _mse_loss, _mse_grad),
    )
}


# The training loop's forms of each slope: plans of numpy calls (activations.Plan) into arrays it made once, with the
# targets as a table `t` made once per training (`target_table`) and the batch's row count n as a 0-d array: the same
# operations in the same order as `grad`, so every number comes out bit for bit the same (tests/nn/test_loop.py).
# `levels` (from `row_levels`) is scratch for a row's largest score, its last array one number a row. `out` goes by
# place, not by keyword: a bound call with keywords builds a dictionary every time (np.maximum alone needs the word).
_TWO = np.full((), 2.0)


def row_levels(rows: int, k: int) -> list[Array]:
    """Scratch for `row_max` on rows × k scores: the scores turned k × rows (for more than two), then a column."""
    return ([np.empty((k, rows))] if k > 2 else []) + [np.empty((rows, 1))]


def row_max(z: Array, levels: list[Array]) -> Plan:
    """Each row's largest score into levels[-1], as z.max(axis=1, keepdims=True) gives it, at less cost.

    The largest of some numbers is the same number whichever way it is found (a largest zero may come out +0 or -0,
    and z - max is then ±0 where it is 0, so exp() and the loss get the same numbers). numpy's reduction along short
    rows costs a call per row; across the rows of the scores turned k × rows it is a few long calls, and for two
    columns one comparison does it.
    """
    col = levels[-1]
    if z.shape[1] == 2:
        return [partial(np.maximum, z[:, :1], z[:, 1:], out=col)]
    return [partial(np.copyto, levels[0], z.T), partial(np.maximum.reduce, levels[0], 0, None, col[:, 0])]


def _row_sum(e: Array, col: Array) -> Plan:
    """Each row's sum into col, as e.sum(axis=1, keepdims=True): for two classes the one addition it makes."""
    if e.shape[1] == 2:
        return [partial(np.add, e[:, :1], e[:, 1:], col)]
    return [partial(np.add.reduce, e, 1, None, col, True)]  # along each row, into col, kept a column


def _softmax_grad_into(z: Array, t: Array, out: Array, levels: list[Array], n: Array) -> Plan:
    return [
        *row_max(z, levels),
        partial(np.subtract, z, levels[-1], out),
        partial(np.exp, out, out),
        *_row_sum(out, levels[-1]),
        partial(np.divide, out, levels[-1], out),
        # The one-hot row subtracts 1.0 from the right class and 0.0 (which changes nothing) from the others.
        partial(np.subtract, out, t, out),
        partial(np.divide, out, n, out),
    ]


def _sigmoid_grad_into(z: Array, t: Array, out: Array, levels: list[Array], n: Array) -> Plan:
    return [*PLANS["sigmoid"][0](z, out), partial(np.subtract, out, t, out), partial(np.divide, out, n, out)]


def _mse_grad_into(z: Array, t: Array, out: Array, levels: list[Array], n: Array) -> Plan:
    return [
        partial(np.subtract, z, t, out),
        partial(np.multiply, _TWO, out, out),
        partial(np.divide, out, n, out),
    ]


GRAD_INTO: dict[str, Callable[[Array, Array, Array, list[Array], Array], Plan]] = {
    "softmax": _softmax_grad_into,
    "sigmoid": _sigmoid_grad_into,
    "linear": _mse_grad_into,
}


def target_table(kind: str, y: Labels, k: int) -> Array:
    """The targets as `GRAD_INTO` reads them: one-hot rows of k for softmax, else a column of numbers."""
    if kind == "softmax":
        return np.eye(k)[y]
    return np.asarray(y, dtype=np.float64)[:, None]


def softmax_loss_into(z: Array, picks: Array, levels: list[Array], spare: Array, picked: Array) -> Plan:
    """_softmax_loss in arrays made once, up to `softmax_loss_of`: `picks` are the flat places of the right classes
    in z, row by row; `picked` ends up holding each row's right-class entry of log_softmax."""
    col = levels[-1]
    return [
        *row_max(z, levels),
        partial(np.subtract, z, col, spare),
        # Each row's right-class entry of z minus its largest, taken before exp overwrites it.
        partial(spare.take, picks, None, picked),
        partial(np.exp, spare, spare),
        *_row_sum(spare, col),
        partial(np.log, col, col),
        partial(np.subtract, picked, col[:, 0], picked),
    ]


def softmax_loss_of(picked: Array) -> float:
    """The loss from softmax_loss_into's `picked`: minus their mean."""
    return float(-(np.add.reduce(picked) / len(picked)))
