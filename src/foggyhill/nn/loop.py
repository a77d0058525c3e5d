"""The training loop's arrays, made once per training, so a batch costs its arithmetic and little else.

The weights and biases of every layer become views into one flat array (and their slopes into another), so one
update call moves the whole network. Each batch size gets its own scratch arrays, filled in place with `out=`.
The arithmetic is Dense.forward/backward's, the head's `grad` and `loss`, and core's update rule: the same operations
in the same order, so every loss comes out bit for bit as those functions give it (tests/nn/test_loop.py checks).
Products go through np.dot, which makes the same BLAS call as `@` at a third less cost per call.
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
Forward = tuple[Array, Array, Array, Array, Callable[[Array, Array], Array] | None]  # W, b, z, a, f into a


class Scratch:
    """The arrays one batch size needs, and each layer's forward and backward work laid out over them."""

    def __init__(self, loop: Loop, rows: int, backward: bool = True) -> None:
        sizes, layers = loop.sizes, loop.net.layers
        self.n = np.full((), float(rows))
        self.x = np.empty((rows, sizes[0]))
        self.t = np.empty((rows, loop.targets.shape[1]))
        self.levels = row_levels(rows, sizes[-1])  # scratch for each row's largest score
        self.spare = np.empty((rows, sizes[-1]))
        z = [np.empty((rows, n)) for n in sizes[1:]]
        a = [zi if form is None else np.empty_like(zi) for zi, form in zip(z, loop.forms, strict=True)]
        self.out = a[-1]
        self.forward: list[Forward] = [
            (layer.W, layer.b, zi, ai, None if form is None else form[0])
            for layer, zi, ai, form in zip(layers, z, a, loop.forms, strict=True)
        ]
        # Backward, top layer first: f's slope (None for linear), z, a, dL/dz, the input's transpose, dW, db, and
        # for every layer but the first W's transpose and where dL/dx goes. The whole table's scratch needs none.
        inputs = [self.x, *a[:-1]]
        self.backward = [] if not backward else [
            (
                None if loop.forms[i] is None else loop.forms[i][1],  # type: ignore[index]
                z[i], a[i], np.empty_like(z[i]), inputs[i].T, layers[i].dW, layers[i].db,
                layers[i].W.T if i else None, np.empty_like(inputs[i]) if i else None,
            )
            for i in range(len(layers) - 1, -1, -1)
        ]  # fmt: skip
        self.slope_out = self.backward[0][3] if backward else self.out


class Loop:
    """One training's flat weights, flat slopes, update rule and scratch arrays for `net` on the scaled table X, y."""

    def __init__(self, net: Network, X: Array, y: Target, optimizer: str, speed: float) -> None:
        self.net, self.X, self.y = net, X, y
        self.sizes = [net.n_inputs] + [layer.W.shape[1] for layer in net.layers]
        self.weights, self.slopes = _flatten(net)
        self.forms = [IN_PLACE.get(layer.activation.name) for layer in net.layers]
        self.kind = net.output.kind
        self.head_grad = GRAD_INTO[self.kind]
        self.targets = target_table(self.kind, y, net.output.size)
        self.update_step = Update(optimizer, self.weights.size).step
        self.speed = np.full((), float(speed))
        self.scratch: dict[int, Scratch] = {}
        self.table = Scratch(self, len(X), backward=False)  # apart from the batches': a batch of all rows is shuffled
        self.table.x[...] = X
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
        self.X.take(rows, 0, s.x)
        self.targets.take(rows, 0, s.t)
        _forward(s)
        grad = self.head_grad(s.out, s.t, s.slope_out, s.levels, s.n)
        for slope_times, z, a, slope_z, below, dW, db, W_T, slope_x in s.backward:
            if slope_times is not None:
                grad = slope_times(grad, z, a, slope_z)
            np.dot(below, grad, out=dW)
            np.add.reduce(grad, 0, None, db)
            if W_T is not None:
                grad = np.dot(grad, W_T, out=slope_x)
        self.update_step(self.weights, self.slopes, self.speed, t)

    def scores(self) -> Array:
        """The output layer's scores on the whole table."""
        _forward(self.table)
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


def _forward(s: Scratch) -> None:
    """Every layer's z = x W + b and a = f(z), into the scratch arrays; the first layer reads s.x."""
    x = s.x
    for W, b, z, a, into in s.forward:
        np.add(np.dot(x, W, out=z), b, out=z)
        x = a if into is None else into(z, a)


def _flatten(net: Network) -> tuple[Array, Array]:
    """Copy every W and b into one flat array and make the layers' W, b, dW and db views into it and its twin."""
    weights = np.concatenate([part.ravel() for layer in net.layers for part in (layer.W, layer.b)])
    slopes = np.zeros_like(weights)
    start = 0
    for layer in net.layers:
        w_end = start + layer.W.size
        end = w_end + layer.b.size
        layer.W, layer.dW = weights[start:w_end].reshape(layer.W.shape), slopes[start:w_end].reshape(layer.W.shape)
        layer.b, layer.db = weights[w_end:end], slopes[w_end:end]
        start = end
    return weights, slopes
