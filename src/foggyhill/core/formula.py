"""Typed loss formulas in `w`: parse with lark into a small tree, differentiate it exactly, evaluate with numpy."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from numpy.typing import ArrayLike, NDArray

from .errors import FormulaError, SettingError
from .landscapes import Landscape

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Binary",
    "Call",
    "Formula",
    "Node",
    "Num",
    "Unary",
    "Var",
    "derivative",
    "evaluate",
    "formula_landscape",
    "parse_formula",
]

Array = NDArray[np.float64]

MAX_LENGTH = 200
MAX_DEPTH = 40
# Derived trees grow with nesting; beyond this the slope text and the per-step cost stop being useful.
MAX_DERIVED_SIZE = 20_000
MAX_DERIVED_DEPTH = 200

_NUMPY: dict[str, Callable[[Array], Array]] = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
    "sign": np.sign,  # appears only in derived trees (the slope of abs)
}
FUNCTIONS: tuple[str, ...] = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh")
_OPERATORS: dict[str, Callable[[Array, Array], Array]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "^": np.power,
}
ALLOWED = f"a formula may use numbers, w, + - * / ^, parentheses and {' '.join(FUNCTIONS)}"

# ----------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Node:
    """One node of an expression in `w`; knows whether it is constant, its size and its depth."""

    constant: bool = field(init=False, repr=False, compare=False)
    size: int = field(init=False, repr=False, compare=False)
    depth: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kids = self.children()
        object.__setattr__(self, "constant", not isinstance(self, Var) and all(k.constant for k in kids))
        object.__setattr__(self, "size", 1 + sum(k.size for k in kids))
        object.__setattr__(self, "depth", 1 + max((k.depth for k in kids), default=0))

    def children(self) -> tuple[Node, ...]:
        """The sub-expressions this node combines."""
        return ()

    def to_text(self) -> str:
        """The formula as a person would type it, with only the parentheses it needs."""
        return _text(self)

    def to_js(self) -> str:
        """A JavaScript expression in `w` (Math.sin, Math.pow, ...)."""
        return _code(self, _JS_STYLE)

    def to_python(self) -> str:
        """A Python expression in `w` using numpy as `np` (np.sin, np.power, np.divide, ...)."""
        return _code(self, _PY_STYLE)

    def __call__(self, w: ArrayLike) -> Array:
        """The value at `w` (see `evaluate`)."""
        return evaluate(self, w)


@dataclass(frozen=True)
class Num(Node):
    """A finite number."""

    value: float


@dataclass(frozen=True)
class Var(Node):
    """The weight `w`."""


@dataclass(frozen=True)
class Unary(Node):
    """A unary minus."""

    op: str
    operand: Node

    def children(self) -> tuple[Node, ...]:
        """The sub-expressions this node combines."""
        return (self.operand,)


@dataclass(frozen=True)
class Binary(Node):
    """One of + - * / ^ applied to two sub-expressions."""

    op: str
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        """The sub-expressions this node combines."""
        return (self.left, self.right)


@dataclass(frozen=True)
class Call(Node):
    """A function such as sin or log applied to one sub-expression."""

    name: str
    arg: Node

    def children(self) -> tuple[Node, ...]:
        """The sub-expressions this node combines."""
        return (self.arg,)


ZERO, ONE, TWO = Num(0.0), Num(1.0), Num(2.0)

# ----------------------------------------------------------------------------- evaluation


def evaluate(node: Node, w: ArrayLike) -> Array:
    """Evaluate `node` at `w` (a number or an array); undefined points give nan or inf, never warnings."""
    values = np.asarray(w, dtype=np.float64)
    with np.errstate(all="ignore"):
        out = np.asarray(_eval(node, values, {}), dtype=np.float64)
    if out.shape != values.shape:
        out = np.broadcast_to(out, values.shape).copy()
    result: Array = out[()]
    return result


def _eval(node: Node, w: Array, memo: dict[int, Array]) -> Array:
    # Derived trees share sub-trees; memoising by identity keeps the cost linear in distinct nodes.
    key = id(node)
    if key not in memo:
        memo[key] = _eval_node(node, w, memo)
    return memo[key]


def _eval_node(node: Node, w: Array, memo: dict[int, Array]) -> Array:
    match node:
        case Num(value):
            return np.float64(value)  # type: ignore[return-value]
        case Var():
            return w
        case Unary(_, operand):
            return np.negative(_eval(operand, w, memo))
        case Binary(op, left, right):
            return _OPERATORS[op](_eval(left, w, memo), _eval(right, w, memo))
        case Call(name, arg):
            return _NUMPY[name](_eval(arg, w, memo))
    raise AssertionError(f"unknown node {node!r}")


def _scalar(node: Node) -> float:
    return float(evaluate(node, 0.0))


# ----------------------------------------------------------------------------- building with light simplification


def _num(value: float) -> Node | None:
    return Num(float(value)) if math.isfinite(value) else None


def _fold(node: Node) -> Node:
    """Replace a constant sub-tree by its value when that value is finite."""
    if node.constant and not isinstance(node, Num):
        return _num(_scalar(node)) or node
    return node


def _is(node: Node, value: float) -> bool:
    return isinstance(node, Num) and node.value == value


def _neg(a: Node) -> Node:
    """-a, simplified."""
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Unary):
        return a.operand
    if isinstance(a, Binary) and a.op == "*" and isinstance(a.left, Num):
        return _mul(Num(-a.left.value), a.right)
    return Unary("-", a)


def _add(a: Node, b: Node) -> Node:
    """a + b, simplified."""
    if _is(a, 0.0):
        return b
    if _is(b, 0.0):
        return a
    if isinstance(b, Unary):
        return _sub(a, b.operand)
    return _fold(Binary("+", a, b))


def _sub(a: Node, b: Node) -> Node:
    """a - b, simplified."""
    if _is(b, 0.0):
        return a
    if _is(a, 0.0):
        return _neg(b)
    if isinstance(b, Unary):
        return _add(a, b.operand)
    return _fold(Binary("-", a, b))


def _mul(a: Node, b: Node) -> Node:
    """a * b, simplified (0*x = 0, 1*x = x, c*(k*x) = (c*k)*x)."""
    if isinstance(b, Num) and not isinstance(a, Num):
        a, b = b, a
    if _is(a, 0.0) or _is(b, 0.0):
        return ZERO
    if _is(a, 1.0):
        return b
    if _is(a, -1.0):
        return _neg(b)
    if isinstance(b, Unary):
        return _neg(_mul(a, b.operand))
    if isinstance(a, Unary):
        return _neg(_mul(a.operand, b))
    if isinstance(a, Num) and isinstance(b, Binary) and b.op == "*" and isinstance(b.left, Num):
        merged = _num(a.value * b.left.value)
        if merged is not None:
            return _mul(merged, b.right)
    return _fold(Binary("*", a, b))


def _div(a: Node, b: Node) -> Node:
    """a / b, simplified (0/x = 0, x/1 = x, (c*x)/k = (c/k)*x)."""
    if _is(a, 0.0):
        return ZERO
    if _is(b, 1.0):
        return a
    if isinstance(b, Num) and isinstance(a, Binary) and a.op == "*" and isinstance(a.left, Num):
        merged = _num(a.left.value / b.value) if b.value != 0.0 else None
        if merged is not None:
            return _mul(merged, a.right)
    return _fold(Binary("/", a, b))


def _power(a: Node, b: Node) -> Node:
    """a ^ b, simplified (x^0 = 1, x^1 = x)."""
    if _is(b, 0.0):
        return ONE
    if _is(b, 1.0):
        return a
    return _fold(Binary("^", a, b))


def _call(name: str, a: Node) -> Node:
    """name(a), folded when `a` is constant."""
    return _fold(Call(name, a))


# ----------------------------------------------------------------------------- exact derivatives


def derivative(node: Node) -> Node:
    """The exact derivative of `node` with respect to `w`, as another tree."""
    memo: dict[int, Node] = {}

    def d(n: Node) -> Node:
        key = id(n)
        if key not in memo:
            memo[key] = _derive(n, d)
        return memo[key]

    return d(node)


def _derive(node: Node, d: Callable[[Node], Node]) -> Node:
    match node:
        case Num():
            return ZERO
        case Var():
            return ONE
        case Unary(_, u):
            return _neg(d(u))
        case Binary("+", a, b):
            return _add(d(a), d(b))
        case Binary("-", a, b):
            return _sub(d(a), d(b))
        case Binary("*", a, b):
            return _add(_mul(d(a), b), _mul(a, d(b)))
        case Binary("/", a, b) if b.constant:
            return _div(d(a), _fold(b))
        case Binary("/", a, b):
            return _div(_sub(_mul(d(a), b), _mul(a, d(b))), _power(b, TWO))
        case Binary("^", a, b):
            return _derive_power(node, _fold(a), _fold(b), d)
        case Call(name, u):
            return _derive_call(node, name, u, d)
    raise AssertionError(f"unknown node {node!r}")


def _derive_power(node: Node, a: Node, b: Node, d: Callable[[Node], Node]) -> Node:
    if isinstance(b, Num):
        return _mul(_mul(b, _power(a, Num(b.value - 1.0))), d(a))
    if a.constant:
        return _mul(_mul(node, _call("log", a)), d(b))
    # u^v = exp(v*log(u)), so its slope is u^v * (v'*log(u) + v*u'/u).
    return _mul(node, _add(_mul(d(b), _call("log", a)), _div(_mul(b, d(a)), a)))


def _derive_call(node: Node, name: str, u: Node, d: Callable[[Node], Node]) -> Node:
    du = d(u)
    if name == "sin":
        return _mul(_call("cos", u), du)
    if name == "cos":
        return _neg(_mul(_call("sin", u), du))
    if name == "tan":
        return _div(du, _power(_call("cos", u), TWO))
    if name == "exp":
        return _mul(node, du)
    if name == "log":
        return _div(du, u)
    if name == "sqrt":
        return _div(du, _mul(TWO, node))
    if name == "abs":
        return _mul(_call("sign", u), du)
    if name == "tanh":
        return _mul(_sub(ONE, _power(node, TWO)), du)
    return ZERO  # sign: flat away from the kink


# ----------------------------------------------------------------------------- text and code

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}
_UNARY, _ATOM = 3, 5


def _precedence(node: Node) -> int:
    if isinstance(node, Binary):
        return _PRECEDENCE[node.op]
    if isinstance(node, Unary) or (isinstance(node, Num) and math.copysign(1.0, node.value) < 0):
        return _UNARY
    return _ATOM


def _number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _wrap(node: Node, need: int) -> str:
    text = _text(node)
    return f"({text})" if _precedence(node) < need else text


def _text(node: Node) -> str:
    match node:
        case Num(value):
            return _number(value)
        case Var():
            return "w"
        case Unary(op, operand):
            return op + _wrap(operand, _UNARY + 1)
        case Binary("^", left, right):
            return f"{_wrap(left, _ATOM)}^{_wrap(right, _PRECEDENCE['^'])}"
        case Binary(op, left, right):
            # The right side is wrapped at equal precedence so the printed text keeps the tree's exact shape.
            gap = " " if op in "+-" else ""
            return f"{_wrap(left, _PRECEDENCE[op])}{gap}{op}{gap}{_wrap(right, _PRECEDENCE[op] + 1)}"
        case Call(name, arg):
            return f"{name}({_text(arg)})"
    raise AssertionError(f"unknown node {node!r}")


@dataclass(frozen=True)
class _CodeStyle:
    functions: str
    power: str
    divide: str | None


_JS_STYLE = _CodeStyle("Math.", "Math.pow", None)
_PY_STYLE = _CodeStyle("np.", "np.power", "np.divide")


def _code(node: Node, style: _CodeStyle) -> str:
    """Fully parenthesised code, so no target-language precedence rule can change the meaning."""
    match node:
        case Num(value):
            text = repr(float(value))
            return f"({text})" if math.copysign(1.0, value) < 0 else text
        case Var():
            return "w"
        case Unary(op, operand):
            return f"({op}{_code(operand, style)})"
        case Binary("^", left, right):
            return f"{style.power}({_code(left, style)}, {_code(right, style)})"
        case Binary("/", left, right) if style.divide:
            return f"{style.divide}({_code(left, style)}, {_code(right, style)})"
        case Binary(op, left, right):
            return f"({_code(left, style)} {op} {_code(right, style)})"
        case Call(name, arg):
            return f"{style.functions}{name}({_code(arg, style)})"
    raise AssertionError(f"unknown node {node!r}")


# ----------------------------------------------------------------------------- parsing

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


def _parse_tree(text: str) -> Tree[Token]:
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, not {type(text).__name__}", None, "")
    if len(text) > MAX_LENGTH:
        raise _fail(text, MAX_LENGTH, f"the formula has {len(text)} characters: at most {MAX_LENGTH} are allowed")
    if not text.strip():
        raise _fail(text, 0, f"the formula is empty: type a loss in w, e.g. w^2 ({ALLOWED})")
    try:
        return _PARSER.parse(text)
    except UnexpectedCharacters as error:
        raise _character_error(text, error.pos_in_stream or 0) from None
    except UnexpectedToken as error:
        raise _token_error(text, error.token) from None
    except UnexpectedInput as error:
        raise _fail(text, len(text), f"unexpected end of the formula: {ALLOWED}") from error


def _character_error(text: str, position: int) -> FormulaError:
    char = text[position]
    hint = _CHARACTER_HINTS.get(char, ALLOWED)
    return _fail(text, position, f"unexpected {char!r} at {_col(position)}: {hint}")


def _token_error(text: str, token: Token) -> FormulaError:
    if token.type == "$END":
        return _end_error(text)
    position = token.start_pos or 0
    tokens = list(_PARSER.lex(text[:position]))
    before = tokens[-1] if tokens else None
    start = position - 1 if before is not None and before.type == "STAR" else position
    if token.type == "STAR" and text.startswith("**", start):
        return _fail(text, start, f"'**' at {_col(start)}: use ^ for powers, e.g. w^2")
    if token.type == "RPAR":
        return _close_error(text, position, before)
    if before is not None and before.type in ("NUMBER", "NAME", "RPAR"):
        return _juxtaposition_error(text, before, token)
    return _fail(
        text, position, f"unexpected {token.value!r} at {_col(position)}: expected a number, w, a function or '('"
    )


def _end_error(text: str) -> FormulaError:
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            opened.pop()
    if opened:
        return _fail(text, opened[-1], f"'(' at {_col(opened[-1])} is never closed: add a matching ')'")
    end = len(text.rstrip())
    return _fail(text, end, f"the formula ends too early at {_col(end)}: expected a number, w, a function or '(' next")


def _close_error(text: str, position: int, before: Token | None) -> FormulaError:
    if text[:position].count("(") <= text[:position].count(")"):
        return _fail(text, position, f"unmatched ')' at {_col(position)}: every ')' needs an earlier '('")
    if before is not None and before.type == "LPAR":
        return _fail(text, position, f"empty parentheses at {_col(position)}: put an expression inside, e.g. (w+1)")
    return _fail(
        text, position, f"unexpected ')' at {_col(position)}: expected a number, w, a function or '(' before it"
    )


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


def _build(text: str, tree: Tree[Token]) -> Node:
    kids = tree.children
    if tree.data == "number":
        return _build_number(text, _token(kids[0]))
    if tree.data == "name":
        return _build_name(text, _token(kids[0]))
    if tree.data == "call":
        return _build_call(text, _token(kids[0]), _build(text, _subtree(kids[1])))
    if tree.data == "neg":
        return Unary("-", _build(text, _subtree(kids[0])))
    return Binary(_RULE_OPS[str(tree.data)], _build(text, _subtree(kids[0])), _build(text, _subtree(kids[1])))


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


def _build_name(text: str, token: Token) -> Node:
    name, position = str(token.value), token.start_pos or 0
    if name == "w":
        return Var()
    if name in FUNCTIONS:
        raise _fail(text, position, f"{name} at {_col(position)} needs parentheses: write {name}(w)")
    raise _fail(text, position, f"unknown name {name!r} at {_col(position)}: {_name_hint(name)}")


def _build_call(text: str, token: Token, arg: Node) -> Node:
    name, position = str(token.value), token.start_pos or 0
    if name in FUNCTIONS:
        return Call(name, arg)
    if name == "w":
        raise _fail(text, position + 1, f"missing operator at {_col(position + 1)}: write w*(...) to multiply")
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
    if name.startswith("w") and (name[1:].isdigit() or set(name) == {"w"}):
        return f"write w*{name[1:]} to multiply"
    return f"the only variable is w and the functions are {' '.join(FUNCTIONS)}"


# ----------------------------------------------------------------------------- the public formula


@dataclass(frozen=True, repr=False)
class Formula:
    """A parsed loss formula with its exact slope and curvature trees."""

    text: str
    tree: Node
    slope_tree: Node
    curvature_tree: Node

    def loss(self, w: ArrayLike) -> Array:
        """The loss at `w`."""
        return evaluate(self.tree, w)

    def slope(self, w: ArrayLike) -> Array:
        """The exact slope d loss / dw at `w`."""
        return evaluate(self.slope_tree, w)

    def curvature(self, w: ArrayLike) -> Array:
        """The exact curvature d² loss / dw² at `w` (0 at the kink of abs)."""
        return evaluate(self.curvature_tree, w)

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


def formula_landscape(text: str, start: float | None = None, window: tuple[float, float] = (-3.0, 3.0)) -> Landscape:
    """A landscape from a typed formula; the start defaults to -2, or the window's left quarter point."""
    formula = parse_formula(text)
    lo, hi = _check_window(window)
    begin = _check_start(start, lo, hi)
    _check_defined(formula, lo, hi, begin)
    return Landscape(
        name="formula",
        title="Your formula",
        formula=formula.text,
        loss=formula.loss,
        slope=formula.slope,
        curvature=formula.curvature,
        window=(lo, hi),
        start=begin,
        description=f"Your own curve. Its slope is {formula.slope_tree.to_text()}.",
    )


def _check_window(window: tuple[float, float]) -> tuple[float, float]:
    lo, hi = (float(x) for x in window)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise SettingError("window", f"the window {window!r} must be two finite numbers, left below right")
    return lo, hi


def _check_start(start: float | None, lo: float, hi: float) -> float:
    if start is None:
        return -2.0 if lo <= -2.0 <= hi else lo + (hi - lo) / 4
    begin = float(start)
    if not lo <= begin <= hi:
        raise SettingError("start", f"the start w = {begin:g} must lie inside the window [{lo:g}, {hi:g}]")
    return begin


def _check_defined(formula: Formula, lo: float, hi: float, start: float) -> None:
    if not np.isfinite(formula.loss(np.linspace(lo, hi, 1001))).any():
        middle = (lo + hi) / 2
        raise FormulaError(
            f"the loss is not finite anywhere in the window [{lo:g}, {hi:g}]: at w = {middle:g}, "
            f"{_explain(formula.tree, middle)}; change the formula or the window",
            None,
            formula.text,
        )
    for label, tree in (("loss", formula.tree), ("slope", formula.slope_tree)):
        if not np.isfinite(evaluate(tree, start)):
            raise FormulaError(
                f"the {label} is undefined at the start w = {start:g}: {_explain(tree, start)}; "
                "pick a start where it is defined",
                None,
                formula.text,
            )


def _explain(tree: Node, w: float) -> str:
    """Name the innermost piece of `tree` that turns finite inputs into nan or inf at `w`."""
    for node in _post_order(tree):
        value = float(evaluate(node, w))
        kids = [float(evaluate(kid, w)) for kid in node.children()]
        if not math.isfinite(value) and all(math.isfinite(k) for k in kids):
            return _reason(node, kids)
    return "it is not a finite number"


def _post_order(tree: Node) -> list[Node]:
    order: list[Node] = []
    stack: list[tuple[Node, bool]] = [(tree, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((kid, False) for kid in reversed(node.children()))
    return order


def _short(node: Node) -> str:
    text = node.to_text()
    return text if len(text) <= 40 else text[:39] + "…"


def _reason(node: Node, kids: list[float]) -> str:
    whole = _short(node)
    if isinstance(node, Call) and node.name in ("log", "sqrt"):
        sign = ">" if node.name == "log" else ">="
        return f"{whole} needs {_short(node.arg)} {sign} 0"
    if isinstance(node, Call) and node.name == "tan":
        return f"{whole} is infinite where cos({_short(node.arg)}) = 0"
    if isinstance(node, Binary) and node.op == "/" and kids[1] == 0.0:
        return f"{whole} divides by zero ({_short(node.right)} = 0)"
    if isinstance(node, Binary) and node.op == "^" and kids[0] == 0.0 and kids[1] < 0:
        return f"{whole} divides by zero ({_short(node.left)} = 0)"
    if isinstance(node, Binary) and node.op == "^" and kids[0] < 0:
        return f"{whole} needs {_short(node.left)} >= 0 for a fractional power"
    return f"{whole} is too large to compute"
