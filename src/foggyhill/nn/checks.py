"""The limits on training and the checks that a network suits its data, each failing with plain words.

Output layers by target: classes take softmax with one neuron per class, or (for exactly 2 classes) sigmoid with
size 1; a number takes linear with size 1. A linear output on classes is refused rather than trained with squared
error on class numbers: it would treat "lemon" as bigger than "apple", and its answers would not be classes.
"""

from __future__ import annotations

import math

from .datasets import MAX_ROWS, Dataset
from .errors import NNError
from .network import Network

OPTIMIZERS = ("plain", "momentum", "adam")
MAX_ROUNDS = 1000
MAX_SPEED = 10.0
MAX_WORK = 2e10  # rows × rounds × parameters: ~10 s of numpy with one BLAS thread, a minute on a busy machine


def check_fit(net: Network, data: Dataset) -> None:
    """Raise NNError in plain words when the network's inputs or output layer do not suit the data."""
    if not isinstance(net, Network):
        raise NNError(f"expected a network, got {type(net).__name__}")
    if not isinstance(data, Dataset):
        raise NNError(f"expected a dataset, got {type(data).__name__}")
    if net.n_inputs != data.features:
        raise NNError(
            f"the network takes {net.n_inputs} input{'s' if net.n_inputs != 1 else ''} but {data.name} has "
            f"{data.features} features ({', '.join(data.feature_names)}): make the input layer from the data"
        )
    out = net.output
    if data.classes is None:
        if out.kind != "linear":
            raise NNError(
                f"{data.name} predicts a number ({data.target_name}), not a class: "
                "use an output layer of size 1 with kind linear"
            )
        if out.size != 1:
            raise NNError(f"{data.name} predicts one number ({data.target_name}), so the output layer needs size 1")
        return
    _check_class_output(net, data)
    if net.classes is not None and net.classes != data.classes:
        raise NNError(
            f"this network was trained to tell {', '.join(net.classes)} apart, "
            f"but {data.name} has {', '.join(data.classes)}: make a new network for it"
        )


def _check_class_output(net: Network, data: Dataset) -> None:
    """The output layer must suit a class target: its kind and its size."""
    k, out = len(data.classes or []), net.output
    count = f"{data.name} has {k} {data.class_noun}"
    if out.kind == "linear":
        raise NNError(
            f"{data.name} sorts rows into {k} {data.class_noun}, but a linear output predicts numbers: "
            f"use an output layer of size {k} with kind softmax"
        )
    if out.kind == "sigmoid" and k != 2:
        raise NNError(
            f"a sigmoid output answers yes or no between 2 classes, but {count}: use kind softmax with size {k}"
        )
    if out.kind == "sigmoid" and out.size != 1:
        raise NNError(f"a sigmoid output gives one yes-or-no chance, so it needs size 1 (or use softmax with size {k})")
    if out.kind == "softmax" and out.size != k:
        also = " (or size 1 with kind sigmoid)" if k == 2 else ""
        raise NNError(f"{count}, so the output layer needs size {k}{also}")


def check_training(rounds: object, speed: object, batch: object, seed: object, optimizer: object) -> None:
    """Raise NNError naming the setting, its value and what is allowed."""
    _whole("rounds", rounds, 1, MAX_ROUNDS)
    if isinstance(speed, bool) or not isinstance(speed, int | float) or not math.isfinite(speed):
        raise NNError(f"speed must be a number greater than 0 and at most {MAX_SPEED:g} (got {speed!r})")
    if not 0 < speed <= MAX_SPEED:
        raise NNError(f"speed must be greater than 0 and at most {MAX_SPEED:g} (got {speed:g})")
    _whole("batch", batch, 1, MAX_ROWS)
    _whole("seed", seed, 0, 2**32 - 1)
    if optimizer not in OPTIMIZERS:
        raise NNError(f"unknown optimizer {optimizer!r}: choose one of {', '.join(OPTIMIZERS)}")


def _whole(name: str, value: object, low: int, high: int) -> None:
    """A whole-number setting within its range."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise NNError(f"{name} must be a whole number from {low} to {high:,} (got {value!r})")


def check_work(net: Network, data: Dataset, rounds: int) -> None:
    """Refuse training that would take minutes: rows × rounds × parameters must stay under MAX_WORK."""
    work = data.rows * rounds * net.n_parameters
    if work > MAX_WORK:
        raise NNError(
            f"this training is too big to run here: {data.rows:,} rows × {rounds:,} rounds × {net.n_parameters:,} "
            f"parameters is {work:.2g}, and the most allowed is {MAX_WORK:.2g}; use fewer rounds or smaller layers"
        )
