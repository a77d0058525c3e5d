"""The interpreter: walks the syntax tree, trains real networks, and hands every effect to the caller's sink.

It never prints. A program is checked first by a dry pass (same code, no training, no effects), so a mistake on
the last line is reported before thirty rounds of training, and then run for real.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..lang import _, say
from ..nn import MAX_LAYER_SIZE, MAX_ROUNDS, MAX_ROWS, Dataset, Network, NNError, check_fit
from ..nn import evaluate as nn_evaluate
from ..nn import predict as nn_predict
from . import looking, training
from . import syntax as s
from .build import build
from .data import Loader
from .effects import Effect, Sink, discard
from .errors import Span, Stopped, StudioError, closest
from .parser import parse
from .reports import dataset_table, evaluation_text, plot_data
from .training import Trained
from .values import Value, check_rows, describe_value, options, printed, rows_of


@dataclass(frozen=True)
class Limits:
    """How much one program may ask for; the web page sets tighter ones than the command line."""

    max_rounds: int = MAX_ROUNDS
    max_layer_size: int = MAX_LAYER_SIZE
    max_rows: int = MAX_ROWS


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
        training.do_train(self, node)

    def check_fit(self, net: Network, data: Dataset, span: Span) -> None:
        """The network suits the data (inputs, output layer), else a StudioError at the `on:` value."""
        try:
            check_fit(net, data)
        except NNError as error:
            raise StudioError(str(error), span) from None

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
