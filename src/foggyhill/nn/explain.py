"""The numbers behind looking inside a network: one example forward and back (every slope by the chain rule), one
weight's own loss curve with the others held, and the network's answers on any rows (a boundary grid, a confusion
table). Uses the network's own layers, forward and backward; no weight is changed when these return."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .datasets import Dataset, Target
from .network import Network, Scaling

Array = NDArray[np.float64]

CURVE_POINTS = 81


def data_scaling(net: Network, data: Dataset) -> Scaling:
    """The network's remembered scaling; before any training, the data's own (as `evaluate` does)."""
    if net.scaling is not None:
        return net.scaling
    spread = data.X.std(axis=0)
    spread = np.where(spread == 0, 1.0, spread)
    if data.classes is not None:
        return Scaling(data.X.mean(axis=0), spread)
    return Scaling(data.X.mean(axis=0), spread, float(data.y.mean()), float(data.y.std()) or 1.0)


def scale_rows(net: Network, data: Dataset) -> tuple[Array, Target]:
    """The rows (and a number target) as the network sees them."""
    s = data_scaling(net, data)
    X = (data.X - s.mean) / s.spread
    y: Target = data.y if data.classes is not None else (data.y - s.target_mean) / s.target_spread
    return X, y


@dataclass(frozen=True)
class LayerStep:
    """One layer during one example's step: what came in, what went out, and every slope."""

    x: Array  # the values coming in (the scaled inputs for layer 1)
    z: Array  # x W + b, before the activation
    a: Array  # what goes on to the next layer (for the output layer: z itself; the head turns it into answers)
    W: Array  # the weights as they are, W[i, j] from neuron i below to neuron j here
    b: Array
    slope_a: Array  # dL/da: the upstream slope arriving from the layer above (or from the loss)
    local: Array  # f'(z): the activation's own slope, the local factor between a and z
    slope_z: Array  # dL/dz = dL/da × f'(z)
    slope_W: Array  # dL/dW[i, j] = dL/dz[j] × x[i]
    slope_b: Array  # dL/db[j] = dL/dz[j]


@dataclass(frozen=True)
class Step:
    """One example through the network and back: the loss, each layer's step, and `new = old − speed × slope`."""

    row: int  # 0-based
    raw: Array  # the example's features as in the data
    target: float  # the scaled target: a class index, or the number on the training scale
    answer: Array  # what the head makes of the output scores: class chances, or the (scaled) number
    loss: float
    speed: float
    layers: list[LayerStep]

    def new_W(self, number: int) -> Array:
        """Layer `number` (0-based)'s weights after the step: old − speed × slope."""
        layer = self.layers[number]
        return layer.W - self.speed * layer.slope_W

    def new_b(self, number: int) -> Array:
        """Layer `number` (0-based)'s biases after the step."""
        layer = self.layers[number]
        return layer.b - self.speed * layer.slope_b


def explain_step(net: Network, data: Dataset, row: int, speed: float) -> Step:
    """Row `row` (0-based) forward through each layer, its loss, and its slopes back; the weights stay as they were."""
    X, y = scale_rows(net, data)
    x, t = X[row : row + 1], y[row : row + 1]
    inputs, outputs = [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        values = x
        for layer in net.layers:
            inputs.append(values.copy())
            values = layer.forward(values).copy()
            outputs.append(values)
        loss = net.head.loss(values, t)
        upstream = net.head.grad(values, t)
        slopes: list[tuple[Array, Array, Array]] = []
        for layer in reversed(net.layers):
            below = layer.backward(upstream).copy()
            slopes.append((upstream[0].copy(), layer.dW.copy(), layer.db.copy()))
            upstream = below
    steps = []
    for layer, came, went, (slope_a, slope_W, slope_b) in zip(
        net.layers, inputs, outputs, reversed(slopes), strict=True
    ):
        z = came[0] @ layer.W + layer.b  # shown to the learner; backward above used the layer's own
        local = layer.activation.der(z[None], went)[0]
        # With one row the bias slope is dL/dz itself (db sums dL/dz over the rows).
        steps.append(
            LayerStep(came[0], z, went[0], layer.W.copy(), layer.b.copy(), slope_a, local, slope_b, slope_W, slope_b)
        )
    answer = net.head.output(values)[0]
    return Step(row, data.X[row].copy(), float(t[0]), answer, float(loss), speed, steps)


@dataclass(frozen=True)
class Curve:
    """The loss on a dataset as one weight moves, every other weight held: the weight's own hill."""

    weights: Array
    losses: Array
    value: float  # the weight as it is
    loss: float  # the loss there
    slope: float  # dL/dw there, from backpropagation over the whole dataset


def weight_curve(net: Network, data: Dataset, layer: int, name: str, index: tuple[int, ...]) -> Curve:
    """Layer `layer` (0-based)'s weight `name` ('W' or 'b') at `index`, swept across a range around its value."""
    X, y = scale_rows(net, data)
    dense = net.layers[layer]
    array = getattr(dense, name)
    value = float(array[index])
    half = max(1.0, 2.0 * abs(value))  # wide enough to show the hill's shape, centred where the weight is
    sweep = np.linspace(value - half, value + half, CURVE_POINTS)
    losses = np.empty(CURVE_POINTS)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        try:
            for k, w in enumerate(sweep):
                array[index] = w
                losses[k] = net.head.loss(net.forward(X), y)
        finally:
            array[index] = value
        loss = net.head.loss(net.forward(X), y)
        net.backward(net.head.grad(net.forward(X), y))
    slope = float((dense.dW if name == "W" else dense.db)[index])
    return Curve(sweep, losses, value, float(loss), slope)


def answers(net: Network, raw: Array, s: Scaling) -> tuple[Array, Array | None]:
    """For rows of raw feature values scaled by `s`: each row's class index and its chance (classes), or its number
    in the target's units (no chances). The same answers as `predict`, as arrays."""
    X = (raw - s.mean) / s.spread
    with np.errstate(over="ignore", invalid="ignore"):
        z = net.forward(X)
        if net.output.kind == "linear":
            return z[:, 0] * s.target_spread + s.target_mean, None
        p = net.head.output(z)
    if net.output.kind == "softmax":
        return p.argmax(axis=1), p.max(axis=1)
    chance = p[:, 0]  # a sigmoid head: class 1 above one half
    return (z[:, 0] > 0).astype(np.int64), np.where(chance > 0.5, chance, 1.0 - chance)


def confusion(net: Network, data: Dataset) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """counts[true][guessed] over the dataset's rows, and each row's guessed class index."""
    assert data.classes is not None, "a confusion table is for classes"
    X, _ = scale_rows(net, data)
    with np.errstate(over="ignore", invalid="ignore"):
        z = net.forward(X)
    guessed = z.argmax(axis=1) if net.output.kind == "softmax" else (z[:, 0] > 0).astype(np.int64)
    k = len(data.classes)
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (data.y.astype(np.int64), guessed), 1)
    return counts, guessed
