"""Text → syntax tree: lark parses, this module turns lark's tree into Studio nodes, each with its span."""

from __future__ import annotations

import math

from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from . import syntax as s
from .diagnose import explain
from .errors import Span, StudioError
from .grammar import PARSER

MAX_SOURCE_CHARS = 20_000
MAX_STATEMENTS = 200
MAX_LIST_DEPTH = 2  # a row of values, or a list of rows


def normalise(source: str) -> str:
    """No byte-order mark (Windows editors add one), one kind of line ending, and a final newline so the last
    statement ends like every other."""
    text = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def parse(source: str) -> s.Program:
    """Parse a program; any mistake raises one StudioError in plain words."""
    if len(source) > MAX_SOURCE_CHARS:
        raise StudioError(
            f"the program is {len(source)} characters long; a Studio program can be at most {MAX_SOURCE_CHARS}",
            hint="split it into smaller programs",
        )
    text = normalise(source)
    try:
        tree = PARSER.parse(text)
    except UnexpectedInput as error:
        raise explain(error, text) from None
    statements = tuple(statement(child) for child in tree.children)
    if len(statements) > MAX_STATEMENTS:
        raise StudioError(
            f"the program has {len(statements)} statements; a Studio program can have at most {MAX_STATEMENTS}",
            span=statements[MAX_STATEMENTS].span,
        )
    return s.Program(statements=statements, source=source)


def span_of(token: Token) -> Span:
    """The span a token covers."""
    return Span(token.line or 1, token.column or 1, max(1, len(str(token))))


def tree_span(tree: Tree) -> Span:
    """The span of a tree: from its first token, as long as its first line reaches."""
    meta = tree.meta
    if getattr(meta, "empty", True):
        return Span(1, 1)
    length = meta.end_column - meta.column if meta.end_line == meta.line else 1
    return Span(meta.line, meta.column, max(1, length))


def statement(tree: Tree) -> s.Statement:
    """One statement node from its lark tree."""
    kids = [c for c in tree.children if not (isinstance(c, Token) and c.type in ("COMMA", "EQUAL"))]
    span = tree_span(tree)
    kind = tree.data
    if kind == "assign":
        return s.Assign(target=s.Name(str(kids[0]), span_of(kids[0])), value=value(kids[1]), span=span)
    if kind == "train":
        return s.Train(network=expr(kids[1]), options=options(kids[2]), span=span)
    if kind == "evaluate":
        return s.Evaluate(network=expr(kids[1]), options=options(kids[2]), span=span)
    if kind == "plot":
        return s.Plot(network=expr(kids[1]), span=span)
    if kind == "show":
        return s.Show(data=expr(kids[1]), span=span)
    if kind == "plot_network":
        return s.PlotNetwork(network=expr(kids[1]), span=span)
    if kind in LOOKS:
        return LOOKS[kind](network=expr(kids[1]), options=options(kids[2]), span=span)
    if kind == "predict":
        return s.Predict(network=expr(kids[1]), rows=expr(kids[2]), span=span)
    assert kind == "print", kind
    return s.Print(values=tuple(expr(k) for k in kids[1:]), span=span)


# The commands written `COMMAND NET, option: value, …` that look inside a network.
LOOKS = {"plot_boundary": s.PlotBoundary, "explain_step": s.ExplainStep, "plot_weight": s.PlotWeight}


def value(node: Tree | Token) -> s.Load | s.MakeNetwork | s.Expr:
    """The right-hand side of `=`."""
    if isinstance(node, Tree) and node.data == "load":
        return s.Load(source=expr(node.children[1]), options=options(node.children[2]), span=tree_span(node))
    if isinstance(node, Tree) and node.data == "network":
        layers = tuple(layer(c) for c in node.children if isinstance(c, Tree))
        return s.MakeNetwork(layers=layers, span=span_of(node.children[0]))
    return expr(node)


def layer(tree: Tree) -> s.Layer:
    """One `layer ROLE word value …` line."""
    role = tree.children[1]
    parts = tuple(
        s.LayerPart(word=str(p.children[0]), word_span=span_of(p.children[0]), value=expr(p.children[1]))
        for p in tree.children[2:]
    )
    return s.Layer(role=str(role), role_span=span_of(role), parts=parts, span=tree_span(tree))


def options(tree: Tree) -> tuple[s.Option, ...]:
    """The `, word: value` options after a command."""
    found = []
    for child in tree.children:
        if isinstance(child, Tree):
            word, _, val = child.children
            found.append(s.Option(name=str(word), name_span=span_of(word), value=expr(val)))
    return tuple(found)


def expr(node: Tree | Token, depth: int = 0) -> s.Expr:
    """A number, text, name or list."""
    if isinstance(node, Token):
        if node.type == "NUMBER":
            return number(str(node), span_of(node))
        if node.type == "STRING":
            return s.Text(str(node)[1:-1], span_of(node))
        return s.Name(str(node), span_of(node))
    if node.data == "neg":
        minus, digits = node.children
        return number("-" + str(digits), Span(minus.line or 1, minus.column or 1, len(digits) + 1))
    span = tree_span(node)
    if depth >= MAX_LIST_DEPTH:
        raise StudioError("lists go two deep at most: a row `[1, 2]` or a list of rows `[[1, 2], [3, 4]]`", span)
    punctuation = ("COMMA", "LSQB", "RSQB")
    items = tuple(expr(c, depth + 1) for c in node.children if not (isinstance(c, Token) and c.type in punctuation))
    return s.ListOf(items=items, span=span)


def number(text: str, span: Span) -> s.Number:
    """A number node; a number too large to hold is a mistake, not infinity."""
    result = float(text)
    if not math.isfinite(result):
        raise StudioError(f"the number {text} is too large", span)
    return s.Number(result, text, span)
