"""Training: rounds of shuffled mini-batches, each batch one `new = old - speed × slope` step (or a richer rule)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..core.optimizers import Optimizer, State, get_optimizer
from .datasets import MAX_ROWS, Dataset, Target
from .errors import NNError, TrainingDiverged
from .network import Network, Scaling

Array = NDArray[np.float64]

OPTIMIZERS = ("plain", "momentum", "adam")
MAX_ROUNDS = 1000
MAX_SPEED = 10.0
MAX_WORK = 2e10  # rows × rounds × parameters: ~10 s of numpy with one BLAS thread, a minute on a busy machine
EXPLODE_FACTOR = 1000.0  # a loss this many times above the starting loss (or 1) counts as diverged


@dataclass(frozen=True)
class RoundReport:
    """How the network does on the whole dataset after one round: loss, and accuracy (0 to 1) for classes."""

    round: int
    loss: float
    accuracy: float | None

    def __str__(self) -> str:
        acc = "" if self.accuracy is None else f", accuracy {self.accuracy:.0%}"
        return f"round {self.round}: loss {self.loss:.4f}{acc}"


@dataclass
class History:
    """Every round's report, the notes on what was done to the data, and whether a stop request ended it early."""

    rounds: list[RoundReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stopped: bool = False

    @property
    def losses(self) -> list[float]:
        """The loss after each round."""
        return [r.loss for r in self.rounds]

    @property
    def accuracies(self) -> list[float | None]:
        """The accuracy after each round (None for a number target)."""
        return [r.accuracy for r in self.rounds]

    def __repr__(self) -> str:
        last = f", last {self.rounds[-1]}" if self.rounds else ""
        return f"History({len(self.rounds)} rounds{last}{', stopped' if self.stopped else ''})"


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
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise NNError(f"{name} must be a whole number from {low} to {high:,} (got {value!r})")


def train(
    net: Network,
    data: Dataset,
    rounds: int,
    speed: float,
    batch: int = 32,
    seed: int = 0,
    optimizer: str = "plain",
    on_round: Callable[[RoundReport], object] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> History:
    """Train in rounds (one shuffled pass over the data each), reporting after each; the weights change in place."""
    check_fit(net, data)
    check_training(rounds, speed, batch, seed, optimizer)
    check_work(net, data, rounds)
    history = History()
    X, y = _prepare(net, data, history.notes)
    size = min(batch, len(X))
    history.notes.append(_batch_note(batch, len(X), size, seed))
    rule, states = get_optimizer(optimizer), [State() for _ in net.parameters()]
    rng = np.random.default_rng(seed)
    stop = should_stop or (lambda: False)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        limit = EXPLODE_FACTOR * max(_loss(net, X, y), 1.0)
        for number in range(1, rounds + 1):
            batches = np.array_split(rng.permutation(len(X)), range(size, len(X), size))
            for step, rows in enumerate(batches, start=(number - 1) * len(batches)):
                if stop():
                    history.stopped = True
                    history.notes.append(f"stopped on request during round {number}; the network keeps the "
                                         "weights it had reached")  # fmt: skip
                    return history
                _step(net, X[rows], y[rows], rule, speed, states, step)
            report = _report(net, X, y, number)
            if not math.isfinite(report.loss) or report.loss > limit:
                raise TrainingDiverged(number, report.loss)
            history.rounds.append(report)
            if on_round is not None:
                on_round(report)
    return history


def check_work(net: Network, data: Dataset, rounds: int) -> None:
    """Refuse training that would take minutes: rows × rounds × parameters must stay under MAX_WORK."""
    work = data.rows * rounds * net.n_parameters
    if work > MAX_WORK:
        raise NNError(
            f"this training is too big to run here: {data.rows:,} rows × {rounds:,} rounds × {net.n_parameters:,} "
            f"parameters is {work:.2g}, and the most allowed is {MAX_WORK:.2g}; use fewer rounds or smaller layers"
        )


def _step(net: Network, X: Array, y: Target, rule: Optimizer, speed: float, states: list[State], t: int) -> None:
    """One mini-batch: forward, the loss's slope, backward, then every weight moves downhill."""
    net.backward(net.head.grad(net.forward(X), y))
    for (layer, name), state in zip(net.parameters(), states, strict=True):
        slope: Array = layer.dW if name == "W" else layer.db
        setattr(layer, name, rule.step(getattr(layer, name), _constant(slope), speed, state, t))


def _constant(slope: Array) -> Callable[[Array], Array]:
    """The core's update rules ask for a slope function; a batch's slope is already known."""
    return lambda _w: slope


def _prepare(net: Network, data: Dataset, notes: list[str]) -> tuple[Array, Target]:
    """Scale the features (and a number target) once, remember how, and say so in the notes."""
    if net.scaling is None:
        net.scaling = _scaling(data, notes)
        net.classes, net.target_name, net.feature_names = data.classes, data.target_name, list(data.feature_names)
    else:
        notes.append("used the scaling this network remembered from its first training")
    s = net.scaling
    X = (data.X - s.mean) / s.spread
    y: Target = data.y if data.classes is not None else (data.y - s.target_mean) / s.target_spread
    return X, y


def _scaling(data: Dataset, notes: list[str]) -> Scaling:
    mean, spread = data.X.mean(axis=0), data.X.std(axis=0)
    flat = [name for name, s in zip(data.feature_names, spread, strict=True) if s == 0]
    spread = np.where(spread == 0, 1.0, spread)
    count = f"{data.features} features" if data.features > 1 else f"feature {data.feature_names[0]}"
    notes.append(f"scaled the {count} to mean 0 and spread 1 (the network remembers the scaling for predict)")
    if flat:
        notes.append(f"{', '.join(flat)} has the same value in every row, so it cannot help tell rows apart")
    if data.classes is not None:
        return Scaling(mean, spread)
    t_mean, t_spread = float(data.y.mean()), float(data.y.std()) or 1.0
    notes.append(
        f"scaled the target {data.target_name} to mean 0 and spread 1 while training: the loss is measured "
        f"on that scale, and predictions come back in {data.target_name}"
    )
    return Scaling(mean, spread, t_mean, t_spread)


def _batch_note(batch: int, n: int, size: int, seed: int) -> str:
    batches = -(-n // size)
    if batch > n:
        return (
            f"the batch size {batch} is more than the {n} rows, so each round is one batch of all {n} rows "
            f"(shuffled with seed {seed})"
        )
    return f"each round shuffles the {n} rows (seed {seed}) into {batches} batch{'es' * (batches != 1)} of up to {size}"


def _loss(net: Network, X: Array, y: Target) -> float:
    return net.head.loss(net.forward(X), y)


def _report(net: Network, X: Array, y: Target, number: int) -> RoundReport:
    z = net.forward(X)
    return RoundReport(number, net.head.loss(z, y), _accuracy(net, z, y))


def _accuracy(net: Network, z: Array, y: Target) -> float | None:
    if net.output.kind == "linear":
        return None
    guess = z.argmax(axis=1) if net.output.kind == "softmax" else (z[:, 0] > 0).astype(np.int64)
    return float((guess == y).mean())


def evaluate(net: Network, data: Dataset) -> dict[str, float | None]:
    """The loss and accuracy (None for a number target) on a dataset, scaled as in training."""
    check_fit(net, data)
    s = net.scaling or _scaling(data, [])  # an untrained network sees the data scaled by its own spread
    X = (data.X - s.mean) / s.spread
    y: Target = data.y if data.classes is not None else (data.y - s.target_mean) / s.target_spread
    with np.errstate(over="ignore", invalid="ignore"):
        report = _report(net, X, y, 0)
    return {"loss": report.loss, "accuracy": report.accuracy}


def predict(net: Network, rows: list[list[float]] | list[float]) -> list[str | float]:
    """Answers for new rows of raw feature values: class names, or numbers in the target's units."""
    if not isinstance(net, Network):
        raise NNError(f"expected a network, got {type(net).__name__}")
    if net.scaling is None:
        raise NNError("train the network before asking it to predict: it has not learned anything yet")
    X = _rows(net, rows)
    with np.errstate(over="ignore", invalid="ignore"):
        z = net.forward((X - net.scaling.mean) / net.scaling.spread)
    if net.classes is None:
        return [float(v) for v in z[:, 0] * net.scaling.target_spread + net.scaling.target_mean]
    guess = z.argmax(axis=1) if net.output.kind == "softmax" else (z[:, 0] > 0).astype(np.int64)
    return [net.classes[int(g)] for g in guess]


def _rows(net: Network, rows: object) -> Array:
    """Check and convert rows; a single flat list of numbers counts as one row."""
    if not isinstance(rows, list | tuple) or not rows:
        raise NNError(f"predict needs a list of rows, each a list of {net.n_inputs} numbers (got {rows!r})")
    if all(_is_number(v) for v in rows):
        rows = [rows]
    names = f" ({', '.join(net.feature_names)})" if net.feature_names else ""
    if len(rows) > MAX_ROWS:
        raise NNError(f"predict takes at most {MAX_ROWS:,} rows at once (got {len(rows):,})")
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list | tuple) or len(row) != net.n_inputs:
            got = f"{len(row)} values" if isinstance(row, list | tuple) else repr(row)
            raise NNError(f"each row needs {net.n_inputs} numbers{names}; row {number} has {got}")
        for value in row:
            if not _is_number(value):
                raise NNError(f"row {number} has {value!r}, which is not a number")
    return np.array(rows, dtype=np.float64)


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
