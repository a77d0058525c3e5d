"""Runtime values and the checks on them: what a value is called in a message, numbers, words and options."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core import Field
from ..lang import _, say
from ..nn import Dataset, Network
from . import syntax as s
from .errors import Span, StudioError, did_you_mean, one_of

Value = Any  # float | str | list | Dataset | Network


def describe_value(value: Value) -> str:
    """What a value is, as a message says it: 'the dataset fruits', 'the number 3', 'a network'."""
    if isinstance(value, Dataset):
        return say("the dataset {name}", name=value.name)
    if isinstance(value, Network):
        return _("a network")
    if isinstance(value, bool):
        return _("yes/no")
    if isinstance(value, float | int):
        return say("the number {number}", number=number_text(value))  # as the program writes it: 0.5
    if isinstance(value, str):
        return say('the text "{text}"', text=value)
    if isinstance(value, list):
        if len(value) == 1:
            return _("a list of 1 value")
        return say("a list of {count} values", count=len(value))
    return type(value).__name__


def number_text(value: float) -> str:
    """A number the way a learner wrote it: 30 not 30.0."""
    return f"{value:g}"


def printed(value: Value) -> str:
    """A value as `print` shows it."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, list):
        return "[" + ", ".join(printed(v) for v in value) + "]"
    if isinstance(value, str):
        return value
    return repr(value)


def number(value: Value, what: str, allowed: str, span: Span) -> float:
    """A number (int or float, not yes/no), or a StudioError naming what it is instead."""
    if isinstance(value, str):
        message = say("{what} must be a number, not {value}", what=what, value=describe_value(value))
        raise StudioError(message, span, allowed, _("remove the quotes"))
    if not isinstance(value, float | int) or isinstance(value, bool):
        message = say("{what} must be a number, not {value}", what=what, value=describe_value(value))
        raise StudioError(message, span, allowed)
    return value


def within(value: Value, spec: Field, span: Span, hint: str = "") -> float:
    """A number the settings field `spec` allows, or a StudioError naming the value and (in Field's words) what is."""
    allowed = spec.allowed()
    value = number(value, spec.name, allowed, span)
    if spec.kind == "int" and value != int(value):
        message = say("{what} must be a whole number (got {value})", what=spec.name, value=number_text(value))
        raise StudioError(message, span, allowed)
    if not spec.within(value):
        message = say("{what} is {value}, which is not allowed", what=spec.name, value=number_text(value))
        raise StudioError(message, span, allowed, hint)
    return value


def whole(value: Value, what: str, low: int, high: int, span: Span, hint: str = "") -> int:
    """A whole number in [low, high], or a StudioError naming the value and the range."""
    return int(within(value, Field(what, "int", None, "", low, high), span, hint))


def positive(value: Value, what: str, high: float, span: Span) -> float:
    """A number above 0 and at most `high`."""
    spec = Field(what, "float", None, "", 0, high, above_minimum=True)
    below = number(value, what, spec.allowed(), span) <= 0
    hint = _("speed is how far each step goes downhill, so it must be more than 0") if below else ""
    return float(within(value, spec, span, hint))


def word(expr: s.Expr, what: str, allowed: Iterable[str]) -> str:
    """A bare word (or text) from a fixed list, such as `relu` or `adam`, with a suggestion for a typo."""
    choices = list(allowed)
    if isinstance(expr, s.Name | s.Text):
        text = expr.name if isinstance(expr, s.Name) else expr.value
        if text in choices:
            return text
        message = say("unknown {what} `{word}`", what=what, word=text)
        raise StudioError(message, expr.span, one_of(choices), did_you_mean(text, choices))
    raise StudioError(say("{what} must be a word, like {word}", what=what, word=choices[0]), expr.span, one_of(choices))


def rows_of(value: Value, span: Span) -> list[list[float]]:
    """predict's values: one row `[…]` or rows `[[…], […]]`, every value a number."""
    example = say("for example: {example}", example="predict net, [150, 7.2, 7.5, 0.7]")
    if not isinstance(value, list):
        message = say("`predict` needs values in square brackets, not {what}", what=describe_value(value))
        raise StudioError(message, span, hint=example)
    if not value:
        raise StudioError(_("`predict` needs at least one value"), span, hint=example)
    rows = value if all(isinstance(v, list) for v in value) else [value]
    for number, row in enumerate(rows, start=1):
        if not row:
            raise StudioError(say("row {row} has no values", row=number), span, hint=example)
        for item in row:
            if isinstance(item, list):
                raise StudioError(_("give either one row of numbers or a list of rows, not a mix"), span, hint=example)
            if not isinstance(item, float | int) or isinstance(item, bool):
                hint = _("remove the quotes") if isinstance(item, str) else example
                message = say(
                    "every value must be a number, but row {row} has {what}", row=number, what=describe_value(item)
                )
                raise StudioError(message, span, hint=hint)
    return rows


def check_rows(inputs: int, rows: list[list[Value]], span: Span) -> None:
    """predict's rows each hold one number per input of the network."""
    for number, row in enumerate(rows, start=1):
        if len(row) != inputs or not all(isinstance(v, float) for v in row):
            if len(row) == inputs:
                what = _("numbers only")
            else:
                what = _("1 value") if len(row) == 1 else say("{count} values", count=len(row))
            raise StudioError(
                say("each row needs {count} numbers; row {row} has {what}", count=inputs, row=number, what=what),
                span,
                hint=_("one number per feature, in the order `show` lists them"),
            )


def options(
    found: Iterable[s.Option], command: str, required: tuple[str, ...], optional: tuple[str, ...], span: Span
) -> dict[str, s.Option]:
    """The options of a command by name: no unknown ones, none twice, every required one present."""
    known = (*required, *optional)
    by_name: dict[str, s.Option] = {}
    for option in found:
        if option.name not in known:
            alias = OTHER_NAMES.get(option.name.lower())
            hint = say("Studio calls it `{word}`", word=alias) if alias in known else did_you_mean(option.name, known)
            message = say("`{command}` has no option `{option}`", command=command, option=option.name)
            raise StudioError(message, option.name_span, one_of(known), hint)
        if option.name in by_name:
            message = say("`{option}:` is given twice", option=option.name)
            raise StudioError(message, option.name_span, hint=_("keep one of them"))
        by_name[option.name] = option
    missing = [name for name in required if name not in by_name]
    if missing:
        raise StudioError(
            say("`{command}` needs `{option}:`", command=command, option=missing[0]),
            span,
            expected=", ".join(f"{name}: …" for name in required),
            hint=say("for example: {example}", example=EXAMPLE[command]),
        )
    return by_name


# What other tools call Studio's options: a learner coming from them gets pointed at the Studio word.
OTHER_NAMES = {
    "learning_rate": "speed",
    "lr": "speed",
    "rate": "speed",
    "step_size": "speed",
    "epochs": "rounds",
    "epoch": "rounds",
    "iterations": "rounds",
    "steps": "rounds",
    "batch_size": "batch",
    "data": "on",
    "dataset": "on",
    "optimiser": "optimizer",
    "random_seed": "seed",
    "example": "row",
    "sample": "row",
    "index": "row",
    "neuron": "weight",
    "param": "weight",
    "parameter": "weight",
}

EXAMPLE = {
    "train_network": "train_network net, on: data, rounds: 30, speed: 0.1",
    "evaluate": "evaluate net, on: data",
    "load": 'load "my_file.csv", target: "price"',
    "plot_boundary": "plot_boundary net, on: data",
    "explain_step": "explain_step net, on: data, row: 1",
    "plot_weight": "plot_weight net, on: data, layer: 1, weight: [1, 1]",
}
