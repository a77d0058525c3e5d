"""Reading a typed formula with lark into our tree, with lark's errors as FormulaError messages and hints (their
words in mistakes.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from numpy.typing import ArrayLike

from ...lang import _, say
from ..errors import FormulaError
from ..landscapes import Curve, two_sided_limits
from .derive import derivative
from .mistakes import (
    CURVE,
    SURFACE,
    allowed,
    at_column,
    character_error,
    close_error,
    end_error,
    fail,
    juxtaposition_error,
    name_hint,
    surface_name_hint,
    things,
)
from .tree import (
    FUNCTIONS,
    Array,
    Binary,
    Call,
    Node,
    Num,
    Unary,
    Var,
    compile_tree,
    compile_with_signs_from_both_sides,
    distinct_nodes,
    may_be_undefined,
)

__all__ = [
    "CURVE",
    "SURFACE",
    "MAX_DEPTH",
    "MAX_DERIVED_DEPTH",
    "MAX_DERIVED_SIZE",
    "MAX_LENGTH",
    "Formula",
    "allowed",
    "parse_formula",
    "read_tree",
]

MAX_LENGTH = 200
MAX_DEPTH = 40
# Derived trees grow with nesting; beyond this the slope text and the per-step cost stop being useful.
MAX_DERIVED_SIZE = 20_000
MAX_DERIVED_DEPTH = 200

# ----------------------------------------------------------------------------- the grammar

_GRAMMAR = r"""
?start: sum
?sum: product
    | sum "+" product   -> add
    | sum "-" product   -> sub
?product: unary
    | product "*" unary -> mul
    | product "/" unary -> div
?unary: power
    | "-" unary         -> neg
    | "+" unary         -> pos
?power: atom
    | atom "^" unary    -> pow
?atom: NUMBER           -> number
    | NAME              -> name
    | NAME "(" sum ")"  -> call
    | "(" sum ")"
NUMBER: /([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/
NAME: /[A-Za-z_][A-Za-z_0-9]*/
%ignore /[ \t\r\n]+/
"""
_PARSER = Lark(_GRAMMAR, parser="lalr", lexer="basic", propagate_positions=True)
_RULE_OPS = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "^"}


def _parse_tree(text: str, variables: tuple[str, ...] = CURVE) -> Tree[Token]:
    if not isinstance(text, str):
        raise FormulaError(say("a formula must be text, not {type}", type=type(text).__name__), None, "")
    if len(text) > MAX_LENGTH:
        message = say(
            "the formula has {count} characters: at most {most} are allowed", count=len(text), most=MAX_LENGTH
        )
        raise fail(text, MAX_LENGTH, message)
    if not text.strip():
        example = "w^2" if variables == CURVE else "w1^2 + 10*w2^2"
        raise fail(
            text,
            0,
            say(
                "the formula is empty: type a loss in {variables}, e.g. {example} ({allowed})",
                variables=say("{first} and {second}", first=variables[0], second=variables[1])
                if len(variables) == 2
                else variables[0],
                example=example,
                allowed=allowed(variables),
            ),
        )
    try:
        return _PARSER.parse(text)
    except UnexpectedCharacters as error:
        raise character_error(text, error.pos_in_stream or 0, variables) from None
    except UnexpectedToken as error:
        raise _token_error(text, error.token, variables) from None
    except UnexpectedInput as error:
        message = say("unexpected end of the formula: {allowed}", allowed=allowed(variables))
        raise fail(text, len(text), message) from error


def _token_error(text: str, token: Token, variables: tuple[str, ...] = CURVE) -> FormulaError:
    if token.type == "$END":
        return end_error(text, variables)
    position = token.start_pos or 0
    tokens = list(_PARSER.lex(text[:position]))
    before = tokens[-1] if tokens else None
    start = position - 1 if before is not None and before.type == "STAR" else position
    if token.type == "STAR" and text.startswith("**", start):
        return fail(text, start, say("'**' at {column}: use ^ for powers, e.g. w^2", column=at_column(start)))
    if token.type == "RPAR":
        return close_error(text, position, before, variables)
    if before is not None and before.type in ("NUMBER", "NAME", "RPAR"):
        return juxtaposition_error(text, before, token)
    message = say(
        "unexpected {token} at {column}: expected {things}",
        token=repr(token.value),
        column=at_column(position),
        things=things(variables),
    )
    return fail(text, position, message)


def _check_depth(text: str, tree: Tree[Token]) -> None:
    stack: list[tuple[Tree[Token], int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            position = getattr(node.meta, "start_pos", 0)
            message = say(
                "the formula is too deeply nested at {column}: at most {most} levels",
                column=at_column(position),
                most=MAX_DEPTH,
            )
            raise fail(text, position, message)
        stack.extend((kid, depth + 1) for kid in node.children if isinstance(kid, Tree))


def _build(text: str, tree: Tree[Token], variables: tuple[str, ...] = CURVE) -> Node:
    kids = tree.children
    if tree.data == "number":
        return _build_number(text, _token(kids[0]))
    if tree.data == "name":
        return _build_name(text, _token(kids[0]), variables)
    if tree.data == "call":
        return _build_call(text, _token(kids[0]), _build(text, _subtree(kids[1]), variables), variables)
    if tree.data == "neg":
        return Unary("-", _build(text, _subtree(kids[0]), variables))
    if tree.data == "pos":  # +w is w, as in Python: no node, so the printed formula drops the plus
        return _build(text, _subtree(kids[0]), variables)
    left, right = (_build(text, _subtree(kid), variables) for kid in kids[:2])
    return Binary(_RULE_OPS[str(tree.data)], left, right)


def _token(item: Tree[Token] | Token) -> Token:
    assert isinstance(item, Token)
    return item


def _subtree(item: Tree[Token] | Token) -> Tree[Token]:
    assert isinstance(item, Tree)
    return item


def _build_number(text: str, token: Token) -> Node:
    value = float(token.value)
    if not math.isfinite(value):
        position = token.start_pos or 0
        message = say(
            "the number {number} at {column} is too large for a float", number=token.value, column=at_column(position)
        )
        raise fail(text, position, message)
    return Num(value)


def _build_name(text: str, token: Token, variables: tuple[str, ...] = CURVE) -> Node:
    name, position = str(token.value), token.start_pos or 0
    if name in variables:
        return Var(name)
    if name in FUNCTIONS:
        message = say(
            "{name} at {column} needs parentheses: write {name}({variable})",
            name=name,
            column=at_column(position),
            variable=variables[0],
        )
        raise fail(text, position, message)
    hint = name_hint(name) if variables == CURVE else surface_name_hint(name)
    message = say("unknown name {name} at {column}: {hint}", name=repr(name), column=at_column(position), hint=hint)
    raise fail(text, position, message)


def _build_call(text: str, token: Token, arg: Node, variables: tuple[str, ...] = CURVE) -> Node:
    name, position = str(token.value), token.start_pos or 0
    if name in FUNCTIONS:
        return Call(name, arg)
    if name in variables:
        where = at_column(position + len(name))
        message = say("missing operator at {column}: write {name}*(...) to multiply", column=where, name=name)
        raise fail(text, position + len(name), message)
    if name == "ln":
        hint = _("use log for the natural logarithm, e.g. log(w)")
    elif name.lower() in FUNCTIONS:
        hint = say("function names are lowercase: write {name}(...)", name=name.lower())
    else:
        hint = say("the functions are {functions}", functions=" ".join(FUNCTIONS))
    message = say("unknown function {name} at {column}: {hint}", name=repr(name), column=at_column(position), hint=hint)
    raise fail(text, position, message)


# ----------------------------------------------------------------------------- the public formula


@dataclass(frozen=True, repr=False)
class Formula:
    """A parsed loss formula with its exact slope and curvature trees."""

    text: str
    tree: Node
    slope_tree: Node
    curvature_tree: Node
    # each tree compiled once: a descent evaluates them thousands of times
    _compiled: tuple[Callable[[ArrayLike], Array], ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        loss, slope, bend = (compile_tree(t) for t in (self.tree, self.slope_tree, self.curvature_tree))
        if may_be_undefined(self.slope_tree):  # only a slope that can be 0/0 pays for the check
            slope = _with_limits(slope, loss)
        if any(isinstance(n, Call) and n.name == "sign" for n in distinct_nodes(self.curvature_tree)):
            bend = compile_with_signs_from_both_sides(self.curvature_tree)
        object.__setattr__(self, "_compiled", (loss, slope, _with_limits(bend, loss)))

    def loss(self, w: ArrayLike) -> Array:
        """The loss at `w`."""
        return self._compiled[0](w)

    def slope(self, w: ArrayLike) -> Array:
        """The exact slope d loss / dw at `w`; where it is 0/0 but the loss is defined, its two-sided limit."""
        return self._compiled[1](w)

    def curvature(self, w: ArrayLike) -> Array:
        """The exact curvature d² loss / dw² at `w`; its two-sided limit where it is 0/0 or abs turns round."""
        return self._compiled[2](w)

    def js(self) -> dict[str, str]:
        """Loss, slope and curvature as JavaScript expressions in `w`."""
        trees = {"loss": self.tree, "slope": self.slope_tree, "curvature": self.curvature_tree}
        return {key: tree.to_js() for key, tree in trees.items()}

    def python(self) -> dict[str, str]:
        """Loss, slope and curvature as Python expressions in `w` using numpy as `np`."""
        trees = {"loss": self.tree, "slope": self.slope_tree, "curvature": self.curvature_tree}
        return {key: tree.to_python() for key, tree in trees.items()}

    def __repr__(self) -> str:
        slope, bend = self.slope_tree.to_text(), self.curvature_tree.to_text()
        return f"Formula(loss={self.text!r}, slope={slope!r}, curvature={bend!r})"


def _with_limits(curve: Curve, loss: Curve) -> Curve:
    """`curve`, reading its two-sided limit wherever it is undefined but the loss is not."""
    return lambda w: two_sided_limits(curve, loss, w, curve(w))


def read_tree(text: str, variables: tuple[str, ...] = CURVE) -> Node:
    """Parse `text` into a tree in `variables`, with the same checks and words as parse_formula."""
    lark_tree = _parse_tree(text, variables)
    _check_depth(text, lark_tree)
    try:
        return _build(text, lark_tree, variables)
    except RecursionError:  # a safety net: the depth check should already have stopped this
        raise fail(text, None, _("the formula is too deeply nested: simplify it")) from None


def parse_formula(text: str) -> Formula:
    """Parse a loss formula in `w` and derive its slope and curvature; raises FormulaError on any bad text."""
    lark_tree = _parse_tree(text)
    _check_depth(text, lark_tree)
    try:
        tree = _build(text, lark_tree)
        slope = derivative(tree)
        curvature = derivative(slope)
    except RecursionError:  # a safety net: the depth check should already have stopped this
        raise fail(text, None, _("the formula is too deeply nested: simplify it")) from None
    if curvature.size > MAX_DERIVED_SIZE or curvature.depth > MAX_DERIVED_DEPTH:
        raise fail(text, None, _("the formula is too complicated to differentiate: simplify it"))
    return Formula(tree.to_text(), tree, slope, curvature)
