"""The limits on training and the checks that a network suits its data, each failing with plain words.

Output layers by target: classes take softmax with one neuron per class, or (for exactly 2 classes) sigmoid with
size 1; a number takes linear with size 1. A linear output on classes is refused rather than trained with squared
error on class numbers: it would treat "lemon" as bigger than "apple", and its answers would not be classes.
"""

from __future__ import annotations

from ..core.settings import Field
from .datasets import MAX_ROWS, Dataset
from .errors import NNError, check_setting
from .network import Network

# The update rules train() takes: three of core.OPTIMIZERS' six (as core.MAP_OPTIMIZERS names the sweep's).
NN_OPTIMIZERS = ("plain", "momentum", "adam")
OPTIMIZERS = NN_OPTIMIZERS  # the name foggyhill.nn first exported; kept for callers
MAX_ROUNDS = 1000
MAX_SPEED = 10.0
MAX_WORK = 2e10  # rows × rounds × parameters: ~10 s of numpy with one BLAS thread, a minute on a busy machine

# train()'s settings, checked and worded by core.Field as every layer's settings are (rounds and speed have no
# default: a caller always gives them).
TRAINING_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("rounds", "int", None, "how many passes over the data", 1, MAX_ROUNDS),
        Field("speed", "float", None, "how far each step goes", 0, MAX_SPEED, above_minimum=True),
        Field("batch", "int", 32, "how many rows each step learns from", 1, MAX_ROWS),
        Field("seed", "int", 0, "seed for the shuffling: same seed, same training", 0, 2**32 - 1),
        Field("optimizer", "choice", "plain", "the update rule", choices=NN_OPTIMIZERS),
    )
}


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
    """Raise NNError naming the setting, its value and (in core.Field's words) what is allowed."""
    given = {"rounds": rounds, "speed": speed, "batch": batch, "seed": seed, "optimizer": optimizer}
    for name, value in given.items():
        check_setting(TRAINING_FIELDS[name], value)


def check_work(net: Network, data: Dataset, rounds: int) -> None:
    """Refuse training that would take minutes: rows × rounds × parameters must stay under MAX_WORK."""
    work = data.rows * rounds * net.n_parameters
    if work > MAX_WORK:
        raise NNError(
            f"this training is too big to run here: {data.rows:,} rows × {rounds:,} rounds × {net.n_parameters:,} "
            f"parameters is {work:.2g}, and the most allowed is {MAX_WORK:.2g}; use fewer rounds or smaller layers"
        )
