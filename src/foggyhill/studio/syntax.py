"""The syntax tree: one small frozen dataclass per kind of node, each with the span it came from."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Span


@dataclass(frozen=True)
class Number:
    """A number as typed, e.g. `0.1` or `-3`."""

    value: float
    text: str
    span: Span


@dataclass(frozen=True)
class Text:
    """Text in quotes, e.g. `"fruits"`."""

    value: str
    span: Span


@dataclass(frozen=True)
class Name:
    """A bare word: a variable (`data`) or, where a word is expected, the word itself (`relu`)."""

    name: str
    span: Span


@dataclass(frozen=True)
class ListOf:
    """`[a, b, c]`."""

    items: tuple[Expr, ...]
    span: Span


Expr = Number | Text | Name | ListOf


@dataclass(frozen=True)
class Option:
    """`rounds: 30` after a command: the option's word and its value."""

    name: str
    name_span: Span
    value: Expr


@dataclass(frozen=True)
class Load:
    """`load "fruits"` or `load "file.csv", target: "column"`."""

    source: Expr
    options: tuple[Option, ...]
    span: Span


@dataclass(frozen=True)
class LayerPart:
    """One `word value` pair in a layer line: `size 16`, `kind relu`, `from data`."""

    word: str
    word_span: Span
    value: Expr


@dataclass(frozen=True)
class Layer:
    """`layer ROLE word value …`: one line inside make_network."""

    role: str
    role_span: Span
    parts: tuple[LayerPart, ...]
    span: Span


@dataclass(frozen=True)
class MakeNetwork:
    """The `make_network … end` block."""

    layers: tuple[Layer, ...]
    span: Span


@dataclass(frozen=True)
class Assign:
    """`name = value`."""

    target: Name
    value: Load | MakeNetwork | Expr
    span: Span


@dataclass(frozen=True)
class NetworkCommand:
    """`COMMAND NET, option: value, …`: a command on a network, with its options."""

    network: Expr
    options: tuple[Option, ...]
    span: Span


class Train(NetworkCommand):
    """`train_network NET, on: DATA, rounds: R, speed: S, …`."""


@dataclass(frozen=True)
class Plot:
    """`plot_training NET`."""

    network: Expr
    span: Span


@dataclass(frozen=True)
class Show:
    """`show DATA`."""

    data: Expr
    span: Span


class Evaluate(NetworkCommand):
    """`evaluate NET, on: DATA`."""


@dataclass(frozen=True)
class Predict:
    """`predict NET, [values]` or `predict NET, [[row], [row]]`."""

    network: Expr
    rows: Expr
    span: Span


@dataclass(frozen=True)
class Print:
    """`print a, b, …`."""

    values: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True)
class PlotNetwork:
    """`plot_network NET`: the network drawn, each weight an edge."""

    network: Expr
    span: Span


class PlotBoundary(NetworkCommand):
    """`plot_boundary NET, on: DATA`: what the network answers all over a two-feature plane."""


class ExplainStep(NetworkCommand):
    """`explain_step NET, on: DATA[, row: N, speed: S]`: one example forward and back, slope by slope."""


class PlotWeight(NetworkCommand):
    """`plot_weight NET, on: DATA, layer: L, weight: [I, J]` (or `bias: J`): one weight's own loss curve."""


Statement = (
    Assign | Train | Plot | Show | Evaluate | Predict | Print | PlotNetwork | PlotBoundary | ExplainStep | PlotWeight
)


@dataclass(frozen=True)
class Program:
    """A whole parsed program and the text it came from."""

    statements: tuple[Statement, ...]
    source: str
