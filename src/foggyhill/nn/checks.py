"""The limits on training and the checks that a network suits its data, each failing with plain words.

Output layers by target: classes take softmax with one neuron per class, or (for exactly 2 classes) sigmoid with
size 1; a number takes linear with size 1. A linear output on classes is refused rather than trained with squared
error on class numbers: it would treat "lemon" as bigger than "apple", and its answers would not be classes.
"""

from __future__ import annotations

from ..core.settings import Field
from ..lang import N_, _, say
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
        Field("rounds", "int", None, N_("how many passes over the data"), 1, MAX_ROUNDS),
        Field("speed", "float", None, N_("how far each step goes"), 0, MAX_SPEED, above_minimum=True),
        Field("batch", "int", 32, N_("how many rows each step learns from"), 1, MAX_ROWS),
        Field("seed", "int", 0, N_("seed for the shuffling: same seed, same training"), 0, 2**32 - 1),
        Field("optimizer", "choice", "plain", N_("the update rule"), choices=NN_OPTIMIZERS),
    )
}


def check_fit(net: Network, data: Dataset) -> None:
    """Raise NNError in plain words when the network's inputs or output layer do not suit the data."""
    if not isinstance(net, Network):
        raise NNError(say("expected a network, got {type}", type=type(net).__name__))
    if not isinstance(data, Dataset):
        raise NNError(say("expected a dataset, got {type}", type=type(data).__name__))
    if net.n_inputs != data.features:
        words = {"data": data.name, "count": data.features, "names": ", ".join(data.feature_names)}
        if net.n_inputs == 1:
            message = say(
                "the network takes 1 input but {data} has {count} features ({names}): "
                "make the input layer from the data",
                **words,
            )
        else:
            message = say(
                "the network takes {inputs} inputs but {data} has {count} features ({names}): "
                "make the input layer from the data",
                inputs=net.n_inputs,
                **words,
            )
        raise NNError(message)
    out = net.output
    if data.classes is None:
        if out.kind != "linear":
            raise NNError(
                say(
                    "{data} predicts a number ({target}), not a class: use an output layer of size 1 with kind linear",
                    data=data.name,
                    target=data.target_name,
                )
            )
        if out.size != 1:
            raise NNError(
                say(
                    "{data} predicts one number ({target}), so the output layer needs size 1",
                    data=data.name,
                    target=data.target_name,
                )
            )
        return
    _check_class_output(net, data)
    if net.classes is not None and net.classes != data.classes:
        raise NNError(
            say(
                "this network was trained to tell {known} apart, but {data} has {classes}: make a new network for it",
                known=", ".join(net.classes),
                data=data.name,
                classes=", ".join(data.classes),
            )
        )


def _check_class_output(net: Network, data: Dataset) -> None:
    """The output layer must suit a class target: its kind and its size."""
    k, out = len(data.classes or []), net.output
    words = {"data": data.name, "k": k, "noun": _(data.class_noun)}
    if out.kind == "linear":
        raise NNError(
            say(
                "{data} sorts rows into {k} {noun}, but a linear output predicts numbers: "
                "use an output layer of size {k} with kind softmax",
                **words,
            )
        )
    if out.kind == "sigmoid" and k != 2:
        raise NNError(
            say(
                "a sigmoid output answers yes or no between 2 classes, but {data} has {k} {noun}: "
                "use kind softmax with size {k}",
                **words,
            )
        )
    if out.kind == "sigmoid" and out.size != 1:
        raise NNError(
            say("a sigmoid output gives one yes-or-no chance, so it needs size 1 (or use softmax with size {k})", k=k)
        )
    if out.kind == "softmax" and out.size != k:
        if k == 2:
            raise NNError(
                say("{data} has {k} {noun}, so the output layer needs size {k} (or size 1 with kind sigmoid)", **words)
            )
        raise NNError(say("{data} has {k} {noun}, so the output layer needs size {k}", **words))


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
            say(
                "this training is too big to run here: {rows:,} rows × {rounds:,} rounds × {parameters:,} "
                "parameters is {work:.2g}, and the most allowed is {most:.2g}; use fewer rounds or smaller layers",
                rows=data.rows,
                rounds=rounds,
                parameters=net.n_parameters,
                work=float(work),
                most=float(MAX_WORK),
            )
        )
