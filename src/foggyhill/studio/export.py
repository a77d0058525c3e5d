"""`foggyhill export`: a program taken away as a standalone numpy or PyTorch script that trains the same network on
the same numbers, step for step, under comments in the learner's words.

The program is parsed and checked by the interpreter's own dry pass, statement by statement; each statement then
becomes a line of Python under the Studio line it came from. Nothing of the program is ever run as Python: names are
checked and renamed where Python needs it, and every text goes into the script through repr().
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re
from types import ModuleType

from ..lang import N_, _, say
from ..nn import Dataset, Network, NNError
from . import export_numpy, export_parts, export_pytorch
from . import syntax as s
from .data import Loader
from .effects import discard
from .errors import StudioError
from .export_data import comment, number
from .export_script import Parts, script
from .interpreter import Interpreter, Limits, label
from .parser import normalise, parse
from .values import options, printed, word

TARGETS: dict[str, ModuleType] = {"numpy": export_numpy, "pytorch": export_pytorch}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# What Studio shows for the statements still to come to the language, for the comment that stands in for them.
LATER = {
    "plot_network": "a picture of the network, each weight an edge",
    "plot_boundary": "the regions the network sorts the feature plane into",
    "explain_step": "one step of backpropagation, layer by layer",
    "plot_weight": "one weight's own loss curve",
}
NOTHING_TO_EXPORT = N_("this program trains no network, so there is nothing to take away yet")  # said in _()


def export_program(
    source: str,
    to: str,
    loader: Loader | None = None,
    limits: Limits | None = None,
    program: str = "program.studio",
    saved_as: str | None = None,
) -> str:
    """The program (its file called `program`) as a standalone script for `to` ("numpy" or "pytorch"), to be saved
    as `saved_as`; StudioError for a program that has a mistake or cannot be exported, in Studio's words."""
    if to not in TARGETS:
        raise ValueError(f"export to one of {', '.join(TARGETS)}, not {to!r}")
    walk = Walk(parse(source), loader or Loader(), limits or Limits())
    walk.run()
    if not walk.parts.rules:
        example = "train_network net, on: data, rounds: 30, speed: 0.1"
        raise StudioError(_(NOTHING_TO_EXPORT), hint=say("train it first: {example}", example=example))
    return script(TARGETS[to], walk.parts, program, saved_as or program.rsplit(".", 1)[0] + ".py")


def reserved_names() -> set[str]:
    """Every name the script itself defines or uses, Python's keywords and builtins: a program's names avoid them."""
    texts = [export_numpy.NETWORK, export_pytorch.NETWORK, *export_parts.HELPERS.values(), export_parts.DATASET]
    for module in TARGETS.values():
        texts += [module.IMPORTS, *module.LOSSES.values(), *module.RULES.values(), module.TRAIN]
    texts += [export_numpy.SIGMOID, export_parts.UNPACK, *export_numpy.SQUASHES.values()]
    names = {"main", "DATA", "SQUASH", "LOSSES", "RULES", "PROGRAM", "F", "torch", "np", "math", "sys"}
    for text in texts:
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names |= {n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names | set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins))


class Walk:
    """Checks the program as the interpreter's dry pass does, one statement at a time, and writes each as Python."""

    def __init__(self, program: s.Program, loader: Loader, limits: Limits) -> None:
        self.program = program
        self.lines = normalise(program.source).split("\n")
        self.check = Interpreter(discard, loader, limits, lambda: False, dry=True)
        self.parts = Parts([], {}, squashes={"linear"})  # every output layer is linear before its loss
        self.names = python_names(program, reserved_names())
        self.done_line = 0

    def run(self) -> None:
        """Every statement: checked (a mistake stops the export in Studio's words), then written."""
        for statement in self.program.statements:
            try:
                self.check.execute(statement)
            except NNError as error:
                raise StudioError(str(error), statement.span) from None
            self.parts.body += self.quoted(statement)
            self.parts.body += [f"    {line}" for line in self.written(statement)]

    def quoted(self, statement: s.Statement) -> list[str]:
        """The learner's own comments above the statement, then the statement's Studio lines, as comments."""
        first = statement.span.line
        last = first
        if isinstance(statement, s.Assign) and isinstance(statement.value, s.MakeNetwork):
            last = next((n for n in range(first, len(self.lines)) if self.lines[n].strip() == "end"), first - 1) + 1
        above = [t.strip() for t in self.lines[self.done_line : first - 1] if t.strip().startswith("#")]
        self.done_line = last
        own = [f"    {comment(text)}" for text in above]
        span = f"line {first}" if last == first else f"lines {first}-{last}"
        studio = [comment(t.strip()) for t in self.lines[first - 1 : last]]
        return ["", *own, f"    # {span}: {studio[0]}", *[f"    #   {text}" for text in studio[1:]]]

    def written(self, statement: s.Statement) -> list[str]:
        """The statement as Python, after a comment on what it does."""
        if isinstance(statement, s.Assign):
            return self.assign(statement)
        if isinstance(statement, s.Train):
            return self.train(statement)
        if isinstance(statement, s.Plot):
            self.parts.helpers.add("plot")
            net = self.code(statement.network)
            return ["# Every round's loss so far, as a chart.", f"plot_training({net}, {label(statement.network)!r})"]
        if isinstance(statement, s.Show):
            self.parts.helpers.add("show")
            return ["# The dataset's size and first rows.", f"show({self.code(statement.data)})"]
        if isinstance(statement, s.Evaluate):
            self.parts.helpers.add("evaluate")
            on = self.code(options(statement.options, "evaluate", ("on",), (), statement.span)["on"].value)
            net = self.code(statement.network)
            return ["# How well the network does on this data.", f"evaluate({net}, {on}, {label(statement.network)!r})"]
        if isinstance(statement, s.Predict):
            self.parts.helpers.add("predict")
            rows = self.code(statement.rows)
            return [
                "# Answers for new rows, scaled as the training data was.",
                f"predict({self.code(statement.network)}, {rows})",
            ]
        if isinstance(statement, s.Print):
            return [f"print({', '.join(self.shown(value) for value in statement.values)})"]
        return self.later(statement)

    def later(self, statement: s.Statement) -> list[str]:
        """A statement this exporter does not know yet: a comment on what Studio shows there."""
        command = self.lines[statement.span.line - 1].split()[0] if self.lines[statement.span.line - 1].split() else ""
        what = LATER.get(command, "something this script does not draw")
        return [f"# Here Studio shows {comment(what)} ({comment(command)}); this script leaves it out."]

    def assign(self, node: s.Assign) -> list[str]:
        """`name = load …`, `name = make_network … end`, or `name = value`."""
        target = self.names[node.target.name]
        value = self.check.variables[node.target.name]
        if isinstance(node.value, s.Load):
            given = options(node.value.options, "load", (), ("target",), node.span)
            found = self.check.value(given["target"].value) if "target" in given else None
            key = (str(self.check.value(node.value.source)), None if found is None else str(found))
            self.parts.datasets[key] = value
            call = f"load({key[0]!r})" if key[1] is None else f"load({key[0]!r}, target={key[1]!r})"
            return [f"# The data: {comment(value.name)}, {comment(value.summary())}.", f"{target} = {call}"]
        if isinstance(node.value, s.MakeNetwork):
            return self.network(target, value, node.value)
        return [f"{target} = {self.code(node.value)}"]

    def network(self, target: str, net: Network, node: s.MakeNetwork) -> list[str]:
        """`make_network … end`: the layers, built with Studio's starting weights."""
        source = next(part.value for part in node.layers[0].parts if part.word == "from")
        layers = ", ".join(repr((spec.role, spec.size, spec.kind)) for spec in net.specs)
        self.parts.squashes |= {spec.kind for spec in net.specs if spec.role == "hidden"}
        self.parts.losses.add(net.output.kind)
        return [
            f"# The network: {comment(net.structure())}, {net.n_parameters} weights and biases.",
            f"{target} = Network(len({self.code(source)}.features), [{layers}])",
        ]

    def train(self, node: s.Train) -> list[str]:
        """`train_network …`: rounds of shuffled batches, each a step downhill."""
        given = options(
            node.options, "train_network", ("on", "rounds", "speed"), ("batch", "seed", "optimizer"), node.span
        )
        rule = word(given["optimizer"].value, "optimizer", export_numpy.RULE_NAMES) if "optimizer" in given else "plain"
        self.parts.rules.add(rule)
        settings = [
            f"{name}={self.code(given[name].value)}" for name in ("rounds", "speed", "batch", "seed") if name in given
        ]
        if rule != "plain":
            settings.append(f"optimizer={rule!r}")
        rounds = self.check.value(given["rounds"].value)
        speed = self.check.value(given["speed"].value)
        batch = self.check.value(given["batch"].value) if "batch" in given else 32
        what = f"{number(rounds)} rounds at speed {number(speed)}, batches of {number(batch)}, {rule} descent"
        call = f"train({self.code(node.network)}, {self.code(given['on'].value)}, {', '.join(settings)})"
        return [f"# Train: {what}; each round is one shuffled pass over the rows.", call]

    def shown(self, node: s.Expr) -> str:
        """A value to print: a dataset or network as Studio prints it, anything else as the program wrote it."""
        value = self.check.value(node)
        if isinstance(value, Dataset | Network):
            return repr(printed(value))
        return self.code(node)

    def code(self, node: s.Expr) -> str:
        """An expression as Python: numbers and texts as literals, names as the script's names, lists of them."""
        if isinstance(node, s.Number):
            return number(node.value)
        if isinstance(node, s.Text):
            return repr(node.value)
        if isinstance(node, s.Name):
            return self.names[node.name]
        return "[" + ", ".join(self.code(item) for item in node.items) + "]"


def python_names(program: s.Program, reserved: set[str]) -> dict[str, str]:
    """Each name of the program as the script calls it: itself, or with `_` added where Python or the script
    already uses it. Only Studio's own names (letters, digits, _) ever get here."""
    found = sorted({m.group() for m in NAME.finditer(program.source)})
    taken = set(found) | reserved
    names: dict[str, str] = {}
    for name in found:
        if not name.isidentifier() or NAME.fullmatch(name) is None:
            raise StudioError(say("the name {name} cannot be written in Python", name=repr(name)))
        chosen = name
        while chosen in reserved or (chosen != name and chosen in taken):
            chosen += "_"
        taken.add(chosen)
        names[name] = chosen
    return names
