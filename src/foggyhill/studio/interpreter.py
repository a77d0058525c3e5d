"""The interpreter: walks the syntax tree, trains real networks, and hands every effect to the caller's sink.

It never prints. A program is checked first by a dry pass (same code, no training, no effects), so a mistake on
the last line is reported before thirty rounds of training, and then run for real.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lang import _, say
from ..nn import MAX_LAYER_SIZE, MAX_ROUNDS, MAX_ROWS, MAX_SPEED, NN_OPTIMIZERS, Dataset, Network, NNError, check_fit
from ..nn import evaluate as nn_evaluate
from ..nn import predict as nn_predict
from ..nn import train as nn_train
from . import looking
from . import syntax as s
from .build import build
from .data import Loader
from .effects import Effect, Sink, discard
from .errors import Span, Stopped, StudioError, closest
from .parser import parse
from .reports import dataset_table, evaluation_text, plot_data, round_data
from .values import Value, check_rows, describe_value, options, positive, printed, rows_of, whole, word


@dataclass(frozen=True)
class Limits:
    """How much one program may ask for; the web page sets tighter ones than the command line."""

    max_rounds: int = MAX_ROUNDS
    max_layer_size: int = MAX_LAYER_SIZE
    max_rows: int = MAX_ROWS


@dataclass
class Trained:
    """A network's training so far, across every train_network on it, rounds numbered on from the last."""

    losses: list[float] = field(default_factory=list)
    accuracies: list[float | None] = field(default_factory=list)
    speed: float | None = None  # the last training's, explain_step's default


class Interpreter:
    """Runs statements one by one against its variables."""

    def __init__(self, sink: Sink, loader: Loader, limits: Limits, should_stop: Callable[[], bool], dry: bool):
        self.sink = sink
        self.loader = loader
        self.limits = limits
        self.should_stop = should_stop
        self.dry = dry
        self.variables: dict[str, Value] = {}
        self.trained: dict[int, Trained] = {}
        self.drawn: dict[str, set[str]] = {"network": set(), "boundary": set()}

    def run(self, program: s.Program) -> dict[str, Value]:
        """Every statement in order; returns the variables at the end."""
        self.drawn = looking.drawn(program)
        for statement in program.statements:
            if self.should_stop():
                raise Stopped()
            try:
                self.execute(statement)
            except NNError as error:
                raise StudioError(str(error), statement.span) from None
        return self.variables

    def emit(self, kind: str, span: Span, text: str, **data: object) -> None:
        """Hand one effect to the sink (not during the dry pass)."""
        if not self.dry:
            self.sink(Effect(kind, span.line, text, data))

    def execute(self, statement: s.Statement) -> None:
        """One statement."""
        handler = getattr(self, "do_" + type(statement).__name__.lower())
        handler(statement)

    # values -----------------------------------------------------------------------------------------------

    def value(self, node: s.Expr) -> Value:
        """The value of an expression: numbers, text, lists, or what a name holds."""
        if isinstance(node, s.Number):
            return node.value
        if isinstance(node, s.Text):
            return node.value
        if isinstance(node, s.ListOf):
            return [self.value(item) for item in node.items]
        if node.name in self.variables:
            return self.variables[node.name]
        raise self.unknown_name(node)

    def unknown_name(self, node: s.Name) -> StudioError:
        """`net` used before `net = …`: say so, with the likely name meant."""
        guess = closest(node.name, self.variables)
        hint = (
            say("did you mean `{word}`?", word=guess)
            if guess
            else say("give it a value first, like: {example}", example=f"{node.name} = …")
        )
        if node.name in self.loader.names():
            hint = say("to load that dataset: {example}", example=f'{node.name} = load "{node.name}"')
        return StudioError(say("`{name}` has no value yet", name=node.name), node.span, hint=hint)

    def network(self, node: s.Expr, command: str) -> Network:
        """The value of `node`, which must be a network."""
        found = self.value(node)
        if not isinstance(found, Network):
            make = say("make one with: {example}", example="net = make_network … end")
            hint = make if not isinstance(found, Dataset) else ""
            message = say(
                "`{command}` needs a network, but this is {what}", command=command, what=describe_value(found)
            )
            raise StudioError(message, node.span, hint=hint)
        return found

    def dataset(self, node: s.Expr, command: str) -> Dataset:
        """The value of `node`, which must be a dataset."""
        found = self.value(node)
        if not isinstance(found, Dataset):
            raise StudioError(
                say("`{command}` needs a dataset, but this is {what}", command=command, what=describe_value(found)),
                node.span,
                hint=say("load one with: {example}", example='data = load "fruits"')
                if not isinstance(found, Network)
                else "",
            )
        return found

    # statements -------------------------------------------------------------------------------------------

    def do_assign(self, node: s.Assign) -> None:
        """`name = value`."""
        if isinstance(node.value, s.Load):
            result: Value = self.load(node.value)
            self.emit(
                "loaded",
                node.span,
                f"{node.target.name}: {result.name}, {result.summary()}",
                name=node.target.name,
                dataset=result.name,
            )
        elif isinstance(node.value, s.MakeNetwork):
            result = build(node.value, self.value, self.limits.max_layer_size)
            self.emit(
                "network",
                node.span,
                say(
                    "{name}: {structure}, {count} weights and biases",
                    name=node.target.name,
                    structure=result.structure(),
                    count=result.n_parameters,
                ),
                name=node.target.name,
                layers=[str(spec) for spec in result.specs],
                parameters=result.n_parameters,
            )
        else:
            result = self.value(node.value)
        self.variables[node.target.name] = result

    def load(self, node: s.Load) -> Dataset:
        """`load "NAME"` or `load "file.csv", target: "column"`."""
        given = options(node.options, "load", (), ("target",), node.span)
        source = node.source
        if isinstance(source, s.Name) and source.name not in self.variables:
            raise StudioError(
                say("put the dataset's name in quotes: {example}", example=f'load "{source.name}"'), source.span
            )
        name = self.value(source)
        if not isinstance(name, str):
            raise StudioError(
                say("`load` needs a name in quotes, not {what}", what=describe_value(name)),
                source.span,
                hint=say("for example: {example}", example='load "fruits"'),
            )
        target = None
        if "target" in given:
            target = self.value(given["target"].value)
            if not isinstance(target, str):
                raise StudioError(
                    say("target must be a column name in quotes, not {what}", what=describe_value(target)),
                    given["target"].value.span,
                )
        try:
            data = self.loader.load(name, target)
        except StudioError as error:
            raise StudioError(error.message, error.span or source.span, error.expected, error.hint) from None
        except NNError as error:
            raise StudioError(str(error), source.span) from None
        if data.rows > self.limits.max_rows:
            raise StudioError(
                say(
                    "{name} has {rows:,} rows; here a dataset can have at most {most:,}",
                    name=name,
                    rows=data.rows,
                    most=self.limits.max_rows,
                ),
                source.span,
            )
        return data

    def do_train(self, node: s.Train) -> None:
        """`train_network NET, on: DATA, rounds: R, speed: S[, batch: B, seed: K, optimizer: O]`."""
        net = self.network(node.network, "train_network")
        given = options(
            node.options, "train_network", ("on", "rounds", "speed"), ("batch", "seed", "optimizer"), node.span
        )
        data = self.dataset(given["on"].value, "train_network … on:")
        rounds = self.whole_option(given["rounds"], 1, self.limits.max_rounds)
        speed = positive(self.value(given["speed"].value), "speed", MAX_SPEED, given["speed"].value.span)
        batch = self.whole_option(given["batch"], 1, MAX_ROWS) if "batch" in given else 32
        seed = self.whole_option(given["seed"], 0, 2**32 - 1) if "seed" in given else 0
        optimizer = word(given["optimizer"].value, "optimizer", NN_OPTIMIZERS) if "optimizer" in given else "plain"
        self.check_fit(net, data, given["on"].value.span)
        record = self.trained.setdefault(id(net), Trained())
        record.speed = speed
        if self.dry:
            record.losses.append(0.0)
            return
        self.fit(node, net, data, record, rounds=rounds, speed=speed, batch=batch, seed=seed, optimizer=optimizer)

    def check_fit(self, net: Network, data: Dataset, span: Span) -> None:
        """The network suits the data (inputs, output layer), else a StudioError at the `on:` value."""
        try:
            check_fit(net, data)
        except NNError as error:
            raise StudioError(str(error), span) from None

    def whole_option(self, option: s.Option, low: int, high: int) -> int:
        """A whole-number option such as rounds, batch or seed."""
        value = self.value(option.value)
        hint = ""
        if option.name == "rounds" and isinstance(value, float) and value < 1:
            hint = _("0 rounds would train nothing: use 1 or more")
        elif option.name == "rounds" and isinstance(value, float) and value > high:
            hint = say("one program can train for at most {most:,} rounds at a time", most=high)
        return whole(value, option.name, low, high, option.value.span, hint)

    def fit(self, node: s.Train, net: Network, data: Dataset, record: Trained, rounds: int, **settings: object) -> None:
        """Really train, one `round` effect per round, then the notes and the result."""
        name = label(node.network)
        start = len(record.losses)
        views = looking.live_views(self, net, name, data, rounds, start)
        live = None if views is None else looking.LivePictures(views, net, data, rounds, start, time.perf_counter)
        self.emit(
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
                live.send(payload, lambda: self.emit("round", node.span, text, network=name, **payload))
            else:
                self.emit("round", node.span, text, network=name, **payload)

        def on_note(note: str) -> None:
            """Say what was done to the data as it happens, before the rounds, never silently."""
            self.emit("notes", node.span, note, notes=[note])

        try:
            history = nn_train(
                net,
                data,
                rounds,
                on_round=on_round,
                should_stop=self.should_stop,
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
        self.emit("trained", node.span, text, network=name, dataset=data.name, **result)

    def do_plot(self, node: s.Plot) -> None:
        """`plot_training NET`: a plot request with every round's loss (and accuracy)."""
        net = self.network(node.network, "plot_training")
        record = self.trained.get(id(net))
        if record is None:
            raise StudioError(
                say("`{name}` has not been trained yet", name=label(node.network)),
                node.network.span,
                hint=say("train it first: {example}", example="train_network net, on: data, rounds: 30, speed: 0.1"),
            )
        data = plot_data(label(node.network), record.losses, record.accuracies)
        text = say("training chart of {name}: {rounds} rounds", name=label(node.network), rounds=len(record.losses))
        self.emit("plot", node.span, text, **data)

    def do_show(self, node: s.Show) -> None:
        """`show DATA`: the first rows and a summary."""
        data = self.dataset(node.data, "show")
        text, table = dataset_table(data)
        more, pictures = looking.show_extras(data)
        self.emit("show", node.span, text + more, **table, **pictures)

    def do_evaluate(self, node: s.Evaluate) -> None:
        """`evaluate NET, on: DATA`."""
        net = self.network(node.network, "evaluate")
        given = options(node.options, "evaluate", ("on",), (), node.span)
        data = self.dataset(given["on"].value, "evaluate … on:")
        self.check_fit(net, data, given["on"].value.span)
        if self.dry:
            return
        result = nn_evaluate(net, data)
        more, extras = looking.evaluate_extras(net, data, label(node.network))
        words = {"name": label(node.network), "data": data.name, "result": evaluation_text(result, data)}
        text = say("{name} on {data}: {result}", **words)
        if not net.trained:
            text = say("{name} on {data} (not trained yet): {result}", **words)
        self.emit(
            "evaluation",
            node.span,
            text + more,
            network=label(node.network),
            dataset=data.name,
            **result,
            **extras,
        )

    def do_predict(self, node: s.Predict) -> None:
        """`predict NET, [values]` or `predict NET, [[row], [row]]`."""
        net = self.network(node.network, "predict")
        rows = rows_of(self.value(node.rows), node.rows.span)
        if id(net) not in self.trained:
            raise StudioError(
                say("`{name}` has not been trained yet, so it cannot predict", name=label(node.network)),
                node.network.span,
                hint=_("train it first with train_network"),
            )
        if self.dry:
            check_rows(net.n_inputs, rows, node.rows.span)
            return
        try:
            answers = nn_predict(net, rows)
        except NNError as error:
            raise StudioError(str(error), node.rows.span) from None
        lines = [f"{printed(row)} → {printed(answer)}" for row, answer in zip(rows, answers, strict=True)]
        self.emit("prediction", node.span, "\n".join(lines), rows=rows, predictions=answers)

    def do_print(self, node: s.Print) -> None:
        """`print a, b, …`."""
        self.emit("print", node.span, " ".join(printed(self.value(v)) for v in node.values))

    # looking inside a network (looking.py) ------------------------------------------------------------------

    def do_plotnetwork(self, node: s.PlotNetwork) -> None:
        """`plot_network NET`."""
        looking.plot_network(self, node)

    def do_plotboundary(self, node: s.PlotBoundary) -> None:
        """`plot_boundary NET, on: DATA`."""
        looking.plot_boundary(self, node)

    def do_explainstep(self, node: s.ExplainStep) -> None:
        """`explain_step NET, on: DATA[, row: N, speed: S]`."""
        looking.do_explain_step(self, node)

    def do_plotweight(self, node: s.PlotWeight) -> None:
        """`plot_weight NET, on: DATA, layer: L, weight: [I, J]`."""
        looking.plot_weight(self, node)


label = looking.label


def run_program(
    source: str,
    sink: Sink,
    loader: Loader | None = None,
    limits: Limits | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, Value]:
    """Parse, check (a dry pass), then run; raises StudioError for a mistake and Stopped when asked to stop."""
    program = parse(source)
    stop = should_stop or (lambda: False)
    loader = loader or Loader()
    limits = limits or Limits()
    Interpreter(discard, loader, limits, lambda: False, dry=True).run(program)
    return Interpreter(sink, loader, limits, stop, dry=False).run(program)


def check_program(source: str, loader: Loader | None = None, limits: Limits | None = None) -> None:
    """Parse and check without training anything; raises StudioError for the first mistake."""
    Interpreter(discard, loader or Loader(), limits or Limits(), lambda: False, dry=True).run(parse(source))
