"""The training loop's arrays, made once per training, so a batch costs its arithmetic and little else.

The weights and biases of every layer become views into one flat array (and their slopes into another), so one
update call moves the whole network. Each layer's W with b as its last row is one block of that array, and each
layer's input carries a last column of 1s, so z = x W + b is one product and its slope (dL/dW with dL/db below it)
another: the bias is the weight of an input that is always 1. Each batch size gets its own scratch arrays, filled
in place with `out=`. The arithmetic is Dense.forward/backward's, the head's `grad` and `loss`, and core's update
rule: the same operations in the same order, so every loss comes out bit for bit as those functions give it
(tests/nn/test_loop.py checks). Products go through np.dot, which makes the same BLAS call as `@` at a third less
cost per call.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from .activations import IN_PLACE
from .datasets import Target
from .losses import GRAD_INTO, row_levels, softmax_loss_into, target_table
from .network import Network
from .updates import Update

Array = NDArray[np.float64]
Into = Callable[[Array, Array], Array]
Forward = tuple[Array, Array, Array, Into | None, Array]  # [W; b], [x 1], z, f into a, a
Backward = tuple[Callable[..., Array] | None, Array, Array, Array, Array, Array, Array | None, Array | None]
dot = np.dot


def _copy_into(z: Array, out: Array) -> Array:
    """A linear hidden layer's a = z, into the next layer's input."""
    np.copyto(out, z)
    return out


class Scratch:
    """The arrays one batch size needs, and each layer's forward and backward work laid out over them."""

    def __init__(self, loop: Loop, rows: int, backward: bool = True) -> None:
        sizes, blocks = loop.sizes, loop.blocks
        self.n = np.full((), float(rows))
        # Each layer's input with its column of 1s; a hidden layer's a is the next input but for that column.
        inputs = [np.ones((rows, n + 1)) for n in sizes[:-1]]
        self.x = inputs[0]
        self.t = np.empty((rows, loop.targets.shape[1]))
        self.levels = row_levels(rows, sizes[-1])  # scratch for each row's largest score
        self.spare = np.empty((rows, sizes[-1]))
        z = [np.empty((rows, n)) for n in sizes[1:]]
        a = [x[:, :-1] for x in inputs[1:]] + [z[-1]]  # the output layer's a is its z: the head squashes
        into = [_copy_into if form is None else form[0] for form in loop.forms[:-1]] + [None]
        self.out = z[-1]
        self.forward: list[Forward] = [
            (Wb, x, zi, f, ai) for (Wb, _), x, zi, f, ai in zip(blocks, inputs, z, into, a, strict=True)
        ]
        self.backward = [] if not backward else [self._backward(loop, i, inputs, z, a) for i in range(len(z))][::-1]
        self.slope_out = self.backward[0][3] if backward else self.out

    @staticmethod
    def _backward(loop: Loop, i: int, inputs: list[Array], z: list[Array], a: list[Array]) -> Backward:
        """Layer i's f's slope (None for linear), z, a, dL/dz, [x 1]ᵀ, d[W; b], and for every layer but the first
        W's transpose and where dL/dx goes."""
        form, (Wb, dWb) = loop.forms[i], loop.blocks[i]
        below = (Wb[:-1].T, np.empty((len(z[i]), Wb.shape[0] - 1))) if i else (None, None)
        return (None if form is None else form[1], z[i], a[i], np.empty_like(z[i]), inputs[i].T, dWb, *below)


class Loop:
    """One training's flat weights, flat slopes, update rule and scratch arrays for `net` on the scaled table X, y."""

    def __init__(self, net: Network, X: Array, y: Target, optimizer: str, speed: float) -> None:
        self.net, self.X, self.y = net, X, y
        self.sizes = [net.n_inputs] + [layer.W.shape[1] for layer in net.layers]
        self.weights, self.slopes, self.blocks = _flatten(net)
        self.forms = [IN_PLACE.get(layer.activation.name) for layer in net.layers]
        self.kind = net.output.kind
        self.head_grad = GRAD_INTO[self.kind]
        self.targets = target_table(self.kind, y, net.output.size)
        self.update_step = Update(optimizer, self.weights.size).step
        self.speed = np.full((), float(speed))
        self.scratch: dict[int, Scratch] = {}
        self.table = Scratch(self, len(X), backward=False)  # apart from the batches': a batch of all rows is shuffled
        self.table.x[:, :-1] = X
        # The flat place of each row's right class in the scores, and room for those entries, for the loss.
        self.picks = np.arange(len(X)) * self.sizes[-1] + y if self.kind == "softmax" else None
        self.picked = np.empty(len(X))

    def batches(self, size: int) -> list[tuple[int, int, Scratch]]:
        """Where each batch of a round starts and stops in the shuffled order, and its scratch arrays."""
        n, out = len(self.X), []
        for start in range(0, n, size):
            rows = min(size, n - start)
            if rows not in self.scratch:
                self.scratch[rows] = Scratch(self, rows)
            out.append((start, start + rows, self.scratch[rows]))
        return out

    def step(self, rows: Array, s: Scratch, t: int) -> None:
        """One batch: its rows forward, the loss's slope back through every layer, then the update rule."""
        self.table.x.take(rows, 0, s.x)  # the rows with their 1s
        self.targets.take(rows, 0, s.t)
        _forward(s.forward)
        grad = self.head_grad(s.out, s.t, s.slope_out, s.levels, s.n)
        for slope_times, z, a, slope_z, below, dWb, W_T, slope_x in s.backward:
            if slope_times is not None:
                grad = slope_times(grad, z, a, slope_z)
            dot(below, grad, dWb)
            if W_T is not None:
                grad = dot(grad, W_T, slope_x)
        self.update_step(self.weights, self.slopes, self.speed, t)

    def scores(self) -> Array:
        """The output layer's scores on the whole table."""
        _forward(self.table.forward)
        return self.table.out

    def loss(self) -> float:
        """The loss on the whole table, as the head's `loss` gives it."""
        z, s = self.scores(), self.table
        if self.picks is None:
            return self.net.head.loss(z, self.y)
        return softmax_loss_into(z, self.picks, s.levels, s.spare, self.picked)

    def report(self) -> tuple[float, float | None]:
        """The loss and accuracy (None for a number target) on the whole table, as _report gives them."""
        loss, z = self.loss(), self.table.out
        if self.kind == "linear":
            return loss, None
        guess = z.argmax(axis=1) if self.kind == "softmax" else (z[:, 0] > 0)
        # The share right: a count over the rows, as the mean of the right-or-wrong table gives it.
        return loss, int(np.count_nonzero(guess == self.y)) / len(z)


def _forward(layers: list[Forward]) -> None:
    """Every layer's z = [x 1] [W; b] and a = f(z), into the scratch arrays; a hidden a is the next layer's x."""
    for Wb, x, z, into, a in layers:
        dot(x, Wb, z)
        if into is not None:
            into(z, a)


def _flatten(net: Network) -> tuple[Array, Array, list[tuple[Array, Array]]]:
    """Copy every W and b into one flat array, each layer's [W; b] a block of it, and make the layers' W, b, dW and
    db views into it and its twin; also each layer's [W; b] and d[W; b] blocks."""
    weights = np.concatenate([part.ravel() for layer in net.layers for part in (layer.W, layer.b)])
    slopes = np.zeros_like(weights)
    start, blocks = 0, []
    for layer in net.layers:
        shape = (layer.W.shape[0] + 1, layer.W.shape[1])
        end = start + layer.W.size + layer.b.size
        Wb, dWb = weights[start:end].reshape(shape), slopes[start:end].reshape(shape)
        layer.W, layer.b, layer.dW, layer.db = Wb[:-1], Wb[-1], dWb[:-1], dWb[-1]
        blocks.append((Wb, dWb))
        start = end
    return weights, slopes, blocks
