"""The PyTorch script's own parts: torch.nn layers with Studio's starting weights, torch's losses and torch.optim's
update rules, all in float64, so the losses match `foggyhill run` to about a billionth."""

from __future__ import annotations

from ..core.optimizers import ADAM_BETAS, EPSILON, MOMENTUM

NAME = "PyTorch"
NEEDS = "numpy and torch"
PROMISE = (
    "every round's loss agrees with `foggyhill run`'s to about a billionth: the same numbers and steps, "
    "added up in torch's order."
)
IMPORTS = """import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)  # Studio's networks are small: one thread is faster than several taking turns
"""

SQUASHES = {"relu": "torch.nn.ReLU()", "tanh": "torch.nn.Tanh()", "sigmoid": "torch.nn.Sigmoid()"}

NETWORK = '''class Network:
    """torch.nn.Linear layers in a row, each followed by its squash; the loss applies the output layer's own."""

    def __init__(self, n_inputs, layers):
        """`layers`: (role, size, kind) for every layer after the input, the output layer last."""
        rng = np.random.default_rng(0)  # Studio starts every network from seed 0: same layers, same weights
        self.output_kind = layers[-1][2]
        parts = []
        for role, size, kind in layers:
            squash = kind if role == "hidden" else "linear"  # softmax or sigmoid comes with the loss, below
            # He scaling for relu, Xavier (Glorot) for the others, drawn as Studio draws them (inputs × outputs).
            spread = 2.0 / n_inputs if squash == "relu" else 2.0 / (n_inputs + size)
            W = rng.normal(0.0, np.sqrt(spread), size=(n_inputs, size))
            linear = torch.nn.Linear(n_inputs, size, dtype=torch.float64)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(W.T))  # torch keeps the weights as outputs × inputs
                linear.bias.zero_()
            parts.append(linear)
            if squash != "linear":
                parts.append(SQUASH[squash])
            n_inputs = size
        self.model = torch.nn.Sequential(*parts)
        self.scaling = None  # set by the first training (how the features were scaled), kept for predict
        self.classes = None
        self.losses, self.accuracies = [], []  # every round's, across trainings, for plot_training


def scores(net, X):
    """The network's output scores for scaled rows X, as a numpy array."""
    with torch.no_grad():
        return net.model(torch.from_numpy(X)).numpy()


def measure(net, X, y):
    """The loss and the accuracy on scaled rows X with targets y."""
    with torch.no_grad():
        z = net.model(torch.from_numpy(X))
        loss = LOSSES[net.output_kind](z, torch.from_numpy(y)).item()
    return loss, accuracy(net, z.numpy(), y)
'''

LOSSES = {
    "softmax": '''def cross_entropy(z, y):
    """Softmax cross-entropy: minus the log of the chance the network gives the right class, averaged."""
    return F.cross_entropy(z, y)
''',
    "sigmoid": '''def binary_cross_entropy(z, y):
    """Binary cross-entropy of sigmoid(z) against the classes 0 and 1, averaged."""
    return F.binary_cross_entropy_with_logits(z[:, 0], y.to(z.dtype))
''',
    "linear": '''def squared_error(z, y):
    """The mean of the squared misses."""
    return F.mse_loss(z[:, 0], y)
''',
}
LOSS_PAIRS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy", "linear": "squared_error"}

RULES = {
    "plain": '''def plain_rule(parameters, speed):
    """new = old - speed × slope."""
    return torch.optim.SGD(parameters, lr=speed)
''',
    "momentum": f'''def momentum_rule(parameters, speed):
    """A heavy ball keeping {MOMENTUM!r} of its last move. torch keeps b ← {MOMENTUM!r}·b + slope and steps
    w ← w - speed·b; Studio keeps v ← {MOMENTUM!r}·v - speed·slope and steps w ← w + v: at a steady speed, the same
    path."""
    return torch.optim.SGD(parameters, lr=speed, momentum={MOMENTUM!r})
''',
    "adam": f'''def adam_rule(parameters, speed):
    """Momentum on the slope, divided by the root of the running slope², with the warm-up correction."""
    return torch.optim.Adam(parameters, lr=speed, betas=({ADAM_BETAS[0]!r}, {ADAM_BETAS[1]!r}), eps={EPSILON!r})
''',
}
RULE_NAMES = {"plain": "plain_rule", "momentum": "momentum_rule", "adam": "adam_rule"}

TRAIN = '''def train(net, data, rounds, speed, batch=32, seed=0, optimizer="plain"):
    """Rounds of shuffled batches; each batch is one step downhill for every weight. Prints each round."""
    X, y = scaled_for_training(net, data)
    size = min(batch, len(X))
    step = RULES[optimizer](net.model.parameters(), speed)  # what it remembers (momentum, adam) starts fresh
    rng = np.random.default_rng(seed)  # the shuffles: the same seed cuts the same batches as Studio
    inputs, targets = torch.from_numpy(X), torch.from_numpy(y)
    limit = 1000.0 * max(measure(net, X, y)[0], 1.0)
    for number in range(1, rounds + 1):
        batches = np.array_split(rng.permutation(len(X)), range(size, len(X), size))
        for rows in batches:
            rows = torch.from_numpy(rows)
            # Forward, the loss, backward (torch works out every slope), then every weight moves downhill.
            step.zero_grad()
            LOSSES[net.output_kind](net.model(inputs[rows]), targets[rows]).backward()
            step.step()
        loss, right = measure(net, X, y)
        report_round(net, number, loss, right, limit)
'''
