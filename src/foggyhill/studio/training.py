"""The `train_network` statement: its options checked, then a real training with one `round` effect per round and
the result at the end. Each is a function of the running interpreter and its syntax node, as in looking.py."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..lang import _, say
from ..nn import MAX_ROWS, MAX_SPEED, NN_OPTIMIZERS, Dataset, Network, NNError
from ..nn import evaluate as nn_evaluate
from ..nn import train as nn_train
from . import looking
from . import syntax as s
from .errors import Stopped, StudioError
from .looking import label
from .reports import evaluation_text, round_data
from .values import options, positive, whole, word

# The running interpreter (interpreter.py's Interpreter, which imports this module, so it is not imported back).
Interpreter = Any


@dataclass
class Trained:
    """A network's training so far, across every train_network on it, rounds numbered on from the last."""

    losses: list[float] = field(default_factory=list)
    accuracies: list[float | None] = field(default_factory=list)
    speed: float | None = None  # the last training's, explain_step's default


def do_train(it: Interpreter, node: s.Train) -> None:
    """`train_network NET, on: DATA, rounds: R, speed: S[, batch: B, seed: K, optimizer: O]`."""
    net = it.network(node.network, "train_network")
    given = options(node.options, "train_network", ("on", "rounds", "speed"), ("batch", "seed", "optimizer"), node.span)
    data = it.dataset(given["on"].value, "train_network … on:")
    rounds = whole_option(it, given["rounds"], 1, it.limits.max_rounds)
    speed = positive(it.value(given["speed"].value), "speed", MAX_SPEED, given["speed"].value.span)
    batch = whole_option(it, given["batch"], 1, MAX_ROWS) if "batch" in given else 32
    seed = whole_option(it, given["seed"], 0, 2**32 - 1) if "seed" in given else 0
    optimizer = word(given["optimizer"].value, "optimizer", NN_OPTIMIZERS) if "optimizer" in given else "plain"
    it.check_fit(net, data, given["on"].value.span)
    record = it.trained.setdefault(id(net), Trained())
    record.speed = speed
    if it.dry:
        record.losses.append(0.0)
        return
    fit(it, node, net, data, record, rounds=rounds, speed=speed, batch=batch, seed=seed, optimizer=optimizer)


def whole_option(it: Interpreter, option: s.Option, low: int, high: int) -> int:
    """A whole-number option such as rounds, batch or seed."""
    value = it.value(option.value)
    hint = ""
    if option.name == "rounds" and isinstance(value, float) and value < 1:
        hint = _("0 rounds would train nothing: use 1 or more")
    elif option.name == "rounds" and isinstance(value, float) and value > high:
        hint = say("one program can train for at most {most:,} rounds at a time", most=high)
    return whole(value, option.name, low, high, option.value.span, hint)


def fit(
    it: Interpreter, node: s.Train, net: Network, data: Dataset, record: Trained, rounds: int, **settings: object
) -> None:
    """Really train, one `round` effect per round, then the notes and the result."""
    name = label(node.network)
    start = len(record.losses)
    views = looking.live_views(it, net, name, data, rounds, start)
    live = None if views is None else looking.LivePictures(views, net, data, rounds, start, time.perf_counter)
    it.emit(
        "training",
        node.span,
        say(
            "training {name} on {data}: {rounds} rounds, speed {speed:g}, batch {batch}, {optimizer} descent",
            name=name,
            data=data.name,
            rounds=rounds,
            speed=settings["speed"],
            batch=settings["batch"],
            optimizer=settings["optimizer"],
        ),
        network=name,
        dataset=data.name,
        rounds=rounds,
        **settings,
        views=views,
    )

    def on_round(report: object) -> None:
        """Keep the round for the chart, and pass it on."""
        payload = round_data(report, start, rounds)
        record.losses.append(payload["loss"])
        record.accuracies.append(payload["accuracy"])
        text = payload.pop("text")
        if live is not None and live.wanted(payload["round"]):
            live.send(payload, lambda: it.emit("round", node.span, text, network=name, **payload))
        else:
            it.emit("round", node.span, text, network=name, **payload)

    def on_note(note: str) -> None:
        """Say what was done to the data as it happens, before the rounds, never silently."""
        it.emit("notes", node.span, note, notes=[note])

    try:
        history = nn_train(
            net,
            data,
            rounds,
            on_round=on_round,
            should_stop=it.should_stop,
            on_note=on_note,
            **settings,  # type: ignore[arg-type]
        )
    except NNError as error:
        raise StudioError(str(error), node.span) from None
    if history.stopped:
        raise Stopped()
    result = nn_evaluate(net, data)
    text = say(
        "{name} after {rounds} rounds: {result}",
        name=name,
        rounds=len(record.losses),
        result=evaluation_text(result, data),
    )
    it.emit("trained", node.span, text, network=name, dataset=data.name, **result)
