"""Reading a typed formula with lark into our tree, with lark's errors as FormulaError messages and hints."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from numpy.typing import ArrayLike

from ..errors import FormulaError
from ..landscapes import Curve, two_sided_limits
from .derive import derivative
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
    "ALLOWED",
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
CURVE: tuple[str, ...] = ("w",)  # the variable of a curve's formula
SURFACE: tuple[str, ...] = ("w1", "w2")  # the two settings of a surface's formula


def allowed(variables: tuple[str, ...] = CURVE) -> str:
    """What a formula may use, in words."""
    return f"a formula may use numbers, {', '.join(variables)}, + - * / ^, parentheses and {' '.join(FUNCTIONS)}"


ALLOWED = allowed(CURVE)

# ----------------------------------------------------------------------------- the grammar and its errors

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
_CHARACTER_HINTS = {
    "=": "write only the right-hand side, e.g. w^2 rather than loss = w^2",
    ",": "each function takes one argument, e.g. sin(w)",
    "[": "use ( and ) for grouping",
    "]": "use ( and ) for grouping",
    "{": "use ( and ) for grouping",
    "}": "use ( and ) for grouping",
    "|": "write abs(w) for an absolute value",
}


def _fail(text: str, position: int | None, message: str) -> FormulaError:
    return FormulaError(message, position, text)


def _col(position: int) -> str:
    return f"column {position + 1}"


def _parse_tree(text: str, variables: tuple[str, ...] = CURVE) -> Tree[Token]:
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, not {type(text).__name__}", None, "")
    if len(text) > MAX_LENGTH:
        raise _fail(text, MAX_LENGTH, f"the formula has {len(text)} characters: at most {MAX_LENGTH} are allowed")
    if not text.strip():
        example = "w^2" if variables == CURVE else "w1^2 + 10*w2^2"
        raise _fail(
            text,
            0,
            f"the formula is empty: type a loss in {' and '.join(variables)}, e.g. {example} ({allowed(variables)})",
        )
    try:
        return _PARSER.parse(text)
    except UnexpectedCharacters as error:
        raise _character_error(text, error.pos_in_stream or 0, variables) from None
    except UnexpectedToken as error:
        raise _token_error(text, error.token, variables) from None
    except UnexpectedInput as error:
        raise _fail(text, len(text), f"unexpected end of the formula: {allowed(variables)}") from error


def _things(variables: tuple[str, ...]) -> str:
    """What may come next, in words: a number, w, a function or '('."""
    return f"a number, {', '.join(variables)}, a function or '('"


def _character_error(text: str, position: int, variables: tuple[str, ...] = CURVE) -> FormulaError:
    char = text[position]
    hint = _CHARACTER_HINTS.get(char, allowed(variables))
    return _fail(text, position, f"unexpected {char!r} at {_col(position)}: {hint}")


def _token_error(text: str, token: Token, variables: tuple[str, ...] = CURVE) -> FormulaError:
    if token.type == "$END":
        return _end_error(text, variables)
    position = token.start_pos or 0
    tokens = list(_PARSER.lex(text[:position]))
    before = tokens[-1] if tokens else None
    start = position - 1 if before is not None and before.type == "STAR" else position
    if token.type == "STAR" and text.startswith("**", start):
        return _fail(text, start, f"'**' at {_col(start)}: use ^ for powers, e.g. w^2")
    if token.type == "RPAR":
        return _close_error(text, position, before, variables)
    if before is not None and before.type in ("NUMBER", "NAME", "RPAR"):
        return _juxtaposition_error(text, before, token)
    return _fail(text, position, f"unexpected {token.value!r} at {_col(position)}: expected {_things(variables)}")


def _end_error(text: str, variables: tuple[str, ...] = CURVE) -> FormulaError:
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            opened.pop()
    if opened:
        return _fail(text, opened[-1], f"'(' at {_col(opened[-1])} is never closed: add a matching ')'")
    end = len(text.rstrip())
    return _fail(text, end, f"the formula ends too early at {_col(end)}: expected {_things(variables)} next")


def _close_error(text: str, position: int, before: Token | None, variables: tuple[str, ...] = CURVE) -> FormulaError:
    if text[:position].count("(") <= text[:position].count(")"):
        return _fail(text, position, f"unmatched ')' at {_col(position)}: every ')' needs an earlier '('")
    if before is not None and before.type == "LPAR":
        return _fail(text, position, f"empty parentheses at {_col(position)}: put an expression inside, e.g. (w+1)")
    return _fail(text, position, f"unexpected ')' at {_col(position)}: expected {_things(variables)} before it")


def _juxtaposition_error(text: str, before: Token, token: Token) -> FormulaError:
    position = token.start_pos or 0
    if before.type == "NUMBER" and token.type == "NUMBER" and token.value.startswith("."):
        return _fail(text, position, f"unexpected '.' at {_col(position)}: a number has at most one decimal point")
    if before.type == "NAME" and before.value in FUNCTIONS:
        start = before.start_pos or 0
        return _fail(text, start, f"{before.value} at {_col(start)} needs parentheses: write {before.value}(w)")
    left = "(...)" if before.type == "RPAR" else before.value
    right = "(...)" if token.type == "LPAR" else token.value
    return _fail(text, position, f"missing operator at {_col(position)}: write {left}*{right} to multiply")


def _check_depth(text: str, tree: Tree[Token]) -> None:
    stack: list[tuple[Tree[Token], int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            position = getattr(node.meta, "start_pos", 0)
            raise _fail(
                text, position, f"the formula is too deeply nested at {_col(position)}: at most {MAX_DEPTH} levels"
            )
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
        raise _fail(text, position, f"the number {token.value} at {_col(position)} is too large for a float")
    return Num(value)


def _build_name(text: str, token: Token, variables: tuple[str, ...] = CURVE) -> Node:
    name, position = str(token.value), token.start_pos or 0
    if name in variables:
        return Var(name)
    if name in FUNCTIONS:
        raise _fail(text, position, f"{name} at {_col(position)} needs parentheses: write {name}({variables[0]})")
    hint = _name_hint(name) if variables == CURVE else _surface_name_hint(name)
    raise _fail(text, position, f"unknown name {name!r} at {_col(position)}: {hint}")


def _build_call(text: str, token: Token, arg: Node, variables: tuple[str, ...] = CURVE) -> Node:
    name, position = str(token.value), token.start_pos or 0
    if name in FUNCTIONS:
        return Call(name, arg)
    if name in variables:
        where = _col(position + len(name))
        raise _fail(text, position + len(name), f"missing operator at {where}: write {name}*(...) to multiply")
    if name == "ln":
        hint = "use log for the natural logarithm, e.g. log(w)"
    elif name.lower() in FUNCTIONS:
        hint = f"function names are lowercase: write {name.lower()}(...)"
    else:
        hint = f"the functions are {' '.join(FUNCTIONS)}"
    raise _fail(text, position, f"unknown function {name!r} at {_col(position)}: {hint}")


def _name_hint(name: str) -> str:
    if name in ("x", "y", "t", "theta", "W"):
        return "the variable is called w: use w, e.g. w^2"
    if name in ("e", "pi"):
        return f"write {name} as a number, e.g. {math.e if name == 'e' else math.pi:.6f}"
    if name == "ln":
        return "use log for the natural logarithm, e.g. log(w)"
    if name in SURFACE:
        return (
            f"a curve's formula has one variable, w ({' and '.join(SURFACE)} belong to surfaces of two settings); "
            f"to multiply, write w*{name[1:]}"
        )
    if name.startswith("w") and (name[1:].isdigit() or set(name) == {"w"}):
        return f"write w*{name[1:]} to multiply"
    return f"the only variable is w and the functions are {' '.join(FUNCTIONS)}"


def _surface_name_hint(name: str) -> str:
    if name == "w":
        return "a surface's formula uses its two settings, w1 and w2, not w: e.g. w1^2 + 10*w2^2"
    if name in ("x", "y", "x1", "x2", "W1", "W2"):
        return "the variables are called w1 and w2: e.g. w1^2 + w2^2"
    if name in ("e", "pi"):
        return f"write {name} as a number, e.g. {math.e if name == 'e' else math.pi:.6f}"
    if name[:2] in SURFACE and name[2:].isdigit():  # w12: w1 times 12, most likely
        return f"a surface has two settings, w1 and w2; to multiply, write {name[:2]}*{name[2:]}"
    if name.startswith("w") and name[1:].isdigit():
        return "a surface has two settings, w1 and w2"
    return f"the variables are w1 and w2 and the functions are {' '.join(FUNCTIONS)}"


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
        raise _fail(text, None, "the formula is too deeply nested: simplify it") from None


def parse_formula(text: str) -> Formula:
    """Parse a loss formula in `w` and derive its slope and curvature; raises FormulaError on any bad text."""
    lark_tree = _parse_tree(text)
    _check_depth(text, lark_tree)
    try:
        tree = _build(text, lark_tree)
        slope = derivative(tree)
        curvature = derivative(slope)
    except RecursionError:  # a safety net: the depth check should already have stopped this
        raise _fail(text, None, "the formula is too deeply nested: simplify it") from None
    if curvature.size > MAX_DERIVED_SIZE or curvature.depth > MAX_DERIVED_DEPTH:
        raise _fail(text, None, "the formula is too complicated to differentiate: simplify it")
    return Formula(tree.to_text(), tree, slope, curvature)
