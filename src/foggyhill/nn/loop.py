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

from functools import partial

import numpy as np
from numpy.typing import NDArray

from .activations import PLANS, Plan
from .datasets import Target
from .losses import GRAD_INTO, row_levels, softmax_loss_into, softmax_loss_of, target_table
from .network import Network
from .updates import Update

Array = NDArray[np.float64]


class Scratch:
    """The arrays one batch size needs, and the plan of numpy calls a batch makes on them: forward, the loss's slope,
    backward. Only the rows (taken into x and t first) and the update rule's step count change from batch to batch."""

    def __init__(self, loop: Loop, rows: int, backward: bool = True) -> None:
        sizes = loop.sizes
        self.n = np.full((), float(rows))
        # Each layer's input with its column of 1s; a hidden layer's a is the next input but for that column.
        inputs = [np.ones((rows, n + 1)) for n in sizes[:-1]]
        self.x, self.t = inputs[0], np.empty((rows, loop.targets.shape[1]))
        self.levels = row_levels(rows, sizes[-1])  # scratch for each row's largest score
        self.spare = np.empty((rows, sizes[-1]))
        z = [np.empty((rows, n)) for n in sizes[1:]]
        a = [x[:, :-1] for x in inputs[1:]] + [z[-1]]  # the output layer's a is its z: the head squashes
        self.out = z[-1]
        self.plan = _forward(loop, inputs, z, a) + (_backward(loop, self, inputs, z, a) if backward else [])


def _forward(loop: Loop, inputs: list[Array], z: list[Array], a: list[Array]) -> Plan:
    """Every layer's z = [x 1] [W; b] and a = f(z); a linear hidden layer's a is a copy of z."""
    plan: Plan = []
    for i, (Wb, _) in enumerate(loop.blocks):
        plan.append(partial(np.dot, inputs[i], Wb, z[i]))
        if i < len(z) - 1:
            form = loop.forms[i]
            plan += [partial(np.copyto, a[i], z[i])] if form is None else form[0](z[i], a[i])
    return plan


def _backward(loop: Loop, s: Scratch, inputs: list[Array], z: list[Array], a: list[Array]) -> Plan:
    """The loss's slope dL/dz, then top layer first: through f, into d[W; b], and on to the layer below."""
    grad = np.empty_like(s.out)
    plan = loop.head_grad(s.out, s.t, grad, s.levels, s.n)
    for i in range(len(z) - 1, -1, -1):
        form, (Wb, dWb) = loop.forms[i], loop.blocks[i]
        if form is not None:  # none for linear layers (the output layer among them): dL/da is dL/dz
            plan += form[1](grad, z[i], a[i], slope_z := np.empty_like(z[i]))
            grad = slope_z
        plan.append(partial(np.dot, inputs[i].T, grad, dWb))
        if i:
            plan.append(partial(np.dot, grad, Wb[:-1].T, slope_x := np.empty((len(grad), Wb.shape[0] - 1))))
            grad = slope_x
    return plan


class Loop:
    """One training's flat weights, flat slopes, update rule and scratch arrays for `net` on the scaled table X, y."""

    def __init__(self, net: Network, X: Array, y: Target, optimizer: str, speed: float) -> None:
        self.net, self.X, self.y = net, X, y
        self.sizes = [net.n_inputs] + [layer.W.shape[1] for layer in net.layers]
        self.weights, self.slopes, self.blocks = _flatten(net)
        self.forms = [PLANS.get(layer.activation.name) for layer in net.layers]
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
        if self.picks is not None:
            t = self.table
            t.plan += softmax_loss_into(t.out, self.picks, t.levels, t.spare, self.picked)
        self.right = np.empty(len(X), dtype=bool)  # whether each row's class is picked right
        self.judge = _judge(self.kind, self.table.out, y, self.right)

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
        for call in s.plan:
            call()
        self.update_step(self.weights, self.slopes, self.speed, t)

    def loss(self) -> float:
        """The loss on the whole table, as the head's `loss` gives it; the scores stay in table.out."""
        for call in self.table.plan:
            call()
        if self.picks is None:
            return self.net.head.loss(self.table.out, self.y)
        return softmax_loss_of(self.picked)

    def report(self) -> tuple[float, float | None]:
        """The loss and accuracy (None for a number target) on the whole table, as _report gives them."""
        loss = self.loss()
        if self.kind == "linear":
            return loss, None
        for call in self.judge:
            call()
        # The share right: a count over the rows, as the mean of the right-or-wrong table gives it.
        return loss, int(np.count_nonzero(self.right)) / len(self.right)


def _judge(kind: str, z: Array, y: Target, right: NDArray[np.bool_]) -> Plan:
    """The class each row's scores pick (the largest softmax score, a sigmoid score above 0), checked against y."""
    if kind == "linear":
        return []
    if kind == "softmax":
        guess: NDArray[np.intp] | NDArray[np.bool_] = np.empty(len(z), dtype=np.intp)
        return [partial(z.argmax, 1, guess), partial(np.equal, guess, y, right)]
    guess = np.empty(len(z), dtype=bool)
    return [partial(np.greater, z[:, 0], 0.0, guess), partial(np.equal, guess, y, right)]


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
