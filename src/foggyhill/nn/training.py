"""Training: rounds of shuffled mini-batches, each batch one `new = old - speed × slope` step (or a richer rule)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..lang import _, say
from .checks import check_fit, check_training, check_work
from .datasets import MAX_ROWS, Dataset, Target
from .errors import NNError, TrainingDiverged
from .loop import Loop
from .network import Network, Scaling

Array = NDArray[np.float64]

EXPLODE_FACTOR = 1000.0  # a loss this many times above the starting loss (or 1) counts as diverged


@dataclass(frozen=True)
class RoundReport:
    """How the network does on the whole dataset after one round: loss, and accuracy (0 to 1) for classes."""

    round: int
    loss: float
    accuracy: float | None

    def __str__(self) -> str:
        if self.accuracy is None:
            return say("round {round}: loss {loss:.4f}", round=self.round, loss=self.loss)
        return say(
            "round {round}: loss {loss:.4f}, accuracy {accuracy:.0%}",
            round=self.round,
            loss=self.loss,
            accuracy=self.accuracy,
        )


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
    on_note: Callable[[str], object] | None = None,
) -> History:
    """Train in rounds (one shuffled pass over the data each), reporting after each; the weights change in place.

    `on_note` hears each note on what was done to the data as soon as it is done, before the first round.
    """
    check_fit(net, data)
    check_training(rounds, speed, batch, seed, optimizer)
    check_work(net, data, rounds)
    history = History()
    X, y = _prepare(net, data, history.notes)
    size = min(batch, len(X))
    history.notes.append(_batch_note(batch, len(X), size, seed))
    if on_note is not None:
        for note in history.notes:
            on_note(note)
    loop = Loop(net, X, y, optimizer, speed)
    rng = np.random.default_rng(seed)
    batches = loop.batches(size)  # `size` rows each, the last one what is left
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        limit = EXPLODE_FACTOR * max(loop.loss(), 1.0)
        every, order = np.arange(len(X)), np.empty(len(X), dtype=np.int64)
        for number in range(1, rounds + 1):
            # rng.permutation(n) shuffles a fresh arange(n): the same order, without making new arrays every round.
            np.copyto(order, every)
            rng.shuffle(order)
            for step, (start, stop, scratch) in enumerate(batches, start=(number - 1) * len(batches)):
                if should_stop is not None and should_stop():
                    return _stopped(history, number, on_note)
                loop.step(order[start:stop], scratch, step)
            report = RoundReport(number, *loop.report())
            if not math.isfinite(report.loss) or report.loss > limit:
                raise TrainingDiverged(number, report.loss)
            history.rounds.append(report)
            if on_round is not None:
                on_round(report)
    return history


def _stopped(history: History, number: int, on_note: Callable[[str], object] | None) -> History:
    """End the training on a stop request, saying so in the notes."""
    history.stopped = True
    history.notes.append(
        say("stopped on request during round {round}; the network keeps the weights it had reached", round=number)
    )
    if on_note is not None:
        on_note(history.notes[-1])
    return history


def _prepare(net: Network, data: Dataset, notes: list[str]) -> tuple[Array, Target]:
    """Scale the features (and a number target) once, remember how, and say so in the notes."""
    if net.scaling is None:
        net.scaling = _scaling(data, notes)
        net.classes, net.target_name, net.feature_names = data.classes, data.target_name, list(data.feature_names)
    else:
        notes.append(_("used the scaling this network remembered from its first training"))
    return _scaled(data, net.scaling)


def _scaled(data: Dataset, s: Scaling) -> tuple[Array, Target]:
    """The rows (and a number target) shifted and stretched by `s`."""
    X = (data.X - s.mean) / s.spread
    y: Target = data.y if data.classes is not None else (data.y - s.target_mean) / s.target_spread
    return X, y


def _scaling(data: Dataset, notes: list[str]) -> Scaling:
    """Each feature's mean and spread (and the target's, for numbers), with a note saying so."""
    mean, spread = data.X.mean(axis=0), data.X.std(axis=0)
    flat = [name for name, s in zip(data.feature_names, spread, strict=True) if s == 0]
    spread = np.where(spread == 0, 1.0, spread)
    if data.features > 1:
        notes.append(
            say(
                "scaled the {count} features to mean 0 and spread 1 (the network remembers the scaling for predict)",
                count=data.features,
            )
        )
    else:
        notes.append(
            say(
                "scaled the feature {name} to mean 0 and spread 1 (the network remembers the scaling for predict)",
                name=data.feature_names[0],
            )
        )
    if len(flat) == 1:
        notes.append(say("{name} has the same value in every row, so it cannot help tell rows apart", name=flat[0]))
    elif flat:
        notes.append(
            say(
                "{names} and {last} have the same value in every row, so they cannot help tell rows apart",
                names=", ".join(flat[:-1]),
                last=flat[-1],
            )
        )
    if data.classes is not None:
        return Scaling(mean, spread)
    t_mean, t_spread = float(data.y.mean()), float(data.y.std()) or 1.0
    notes.append(
        say(
            "scaled the target {target} to mean 0 and spread 1 while training: the loss is measured "
            "on that scale, and predictions come back in {target}",
            target=data.target_name,
        )
    )
    return Scaling(mean, spread, t_mean, t_spread)


def _batch_note(batch: int, n: int, size: int, seed: int) -> str:
    """How the rows are cut into batches each round, in words."""
    batches = -(-n // size)
    if batch > n:
        return say(
            "the batch size {batch} is more than the {n} rows, so each round is one batch of all {n} rows "
            "(shuffled with seed {seed})",
            batch=batch,
            n=n,
            seed=seed,
        )
    if batches == 1:
        return say(
            "each round shuffles the {n} rows (seed {seed}) into 1 batch of up to {size}", n=n, seed=seed, size=size
        )
    return say(
        "each round shuffles the {n} rows (seed {seed}) into {batches} batches of up to {size}",
        n=n,
        seed=seed,
        batches=batches,
        size=size,
    )


def _report(net: Network, X: Array, y: Target, number: int) -> RoundReport:
    """The loss and accuracy on the whole (scaled) table after a round."""
    z = net.forward(X)
    return RoundReport(number, net.head.loss(z, y), _accuracy(net, z, y))


def _accuracy(net: Network, z: Array, y: Target) -> float | None:
    """The share of rows whose class the network picks right (None for a number target)."""
    if net.output.kind == "linear":
        return None
    return float((_guess(net, z) == y).mean())


def _guess(net: Network, z: Array) -> NDArray[np.int64]:
    """The class number each row's scores pick: the largest softmax score, or a sigmoid score above 0."""
    return z.argmax(axis=1) if net.output.kind == "softmax" else (z[:, 0] > 0).astype(np.int64)


def evaluate(net: Network, data: Dataset) -> dict[str, float | None]:
    """The loss and accuracy (None for a number target) on a dataset, scaled as in training."""
    check_fit(net, data)
    X, y = _scaled(data, net.scaling or _scaling(data, []))  # untrained: the data scaled by its own spread
    with np.errstate(over="ignore", invalid="ignore"):
        report = _report(net, X, y, 0)
    return {"loss": report.loss, "accuracy": report.accuracy}


def predict(net: Network, rows: list[list[float]] | list[float]) -> list[str | float]:
    """Answers for new rows of raw feature values: class names, or numbers in the target's units."""
    if not isinstance(net, Network):
        raise NNError(say("expected a network, got {type}", type=type(net).__name__))
    if net.scaling is None:
        raise NNError(_("train the network before asking it to predict: it has not learned anything yet"))
    X = _rows(net, rows)
    with np.errstate(over="ignore", invalid="ignore"):
        z = net.forward((X - net.scaling.mean) / net.scaling.spread)
    if net.classes is None:
        return [float(v) for v in z[:, 0] * net.scaling.target_spread + net.scaling.target_mean]
    return [net.classes[int(g)] for g in _guess(net, z)]


def _rows(net: Network, rows: object) -> Array:
    """Check and convert rows; a single flat list of numbers counts as one row."""
    if not isinstance(rows, list | tuple) or not rows:
        raise NNError(
            say(
                "predict needs a list of rows, each a list of {count} numbers (got {rows})",
                count=net.n_inputs,
                rows=repr(rows),
            )
        )
    if all(_is_number(v) for v in rows):
        rows = [rows]
    names = f" ({', '.join(net.feature_names)})" if net.feature_names else ""
    if len(rows) > MAX_ROWS:
        raise NNError(
            say("predict takes at most {most:,} rows at once (got {count:,})", most=MAX_ROWS, count=len(rows))
        )
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list | tuple) or len(row) != net.n_inputs:
            got = say("{count} values", count=len(row)) if isinstance(row, list | tuple) else repr(row)
            raise NNError(
                say(
                    "each row needs {count} numbers{names}; row {row} has {got}",
                    count=net.n_inputs,
                    names=names,
                    row=number,
                    got=got,
                )
            )
        for value in row:
            if not _is_number(value):
                raise NNError(say("row {row} has {value}, which is not a number", row=number, value=repr(value)))
    return np.array(rows, dtype=np.float64)


def _is_number(value: object) -> bool:
    """True for an ordinary finite int or float (not a bool)."""
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
