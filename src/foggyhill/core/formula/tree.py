"""The formula tree: node dataclasses, quiet numpy evaluation, and printing as text, JavaScript or Python."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..landscapes import LIMIT_STEP

__all__ = [
    "FUNCTIONS",
    "ONE",
    "TWO",
    "ZERO",
    "Array",
    "Binary",
    "Call",
    "Node",
    "Num",
    "Unary",
    "Var",
    "compile_tree",
    "compile_with_signs_from_both_sides",
    "distinct_nodes",
    "evaluate",
    "may_be_undefined",
    "scalar",
]

Array = NDArray[np.float64]

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

# ----------------------------------------------------------------------------- the nodes


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
    """A weight: `w` on a curve, `w1` or `w2` on a surface."""

    name: str = "w"


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


def evaluate(node: Node, w: ArrayLike, variables: tuple[str, ...] = ("w",)) -> Array:
    """Evaluate `node` at `w` (a number or an array); undefined points give nan or inf, never warnings.

    With two `variables` (w1, w2) the last axis of `w` holds them, and one value comes back per point.
    """
    values = np.asarray(w, dtype=np.float64)
    with np.errstate(all="ignore"):
        out = np.asarray(_eval(node, _picker(values, variables), {}), dtype=np.float64)
    shape = _shape(values, variables)
    if out.shape != shape:
        out = np.broadcast_to(out, shape).copy()
    result: Array = out[()]
    return result


def _picker(values: Array, variables: tuple[str, ...]) -> Callable[[str], Array]:
    """Each variable's values: `w` itself for one variable, or w[..., i] for the i-th of several."""
    if len(variables) == 1:
        return lambda name: values
    return lambda name: values[..., variables.index(name)]


def _shape(values: Array, variables: tuple[str, ...]) -> tuple[int, ...]:
    """The shape of the result: one value per point (the last axis holds the variables when there are several)."""
    if len(variables) == 1:
        return values.shape
    if values.shape[-1:] != (len(variables),):
        raise ValueError(f"points in {', '.join(variables)} need a last axis of length {len(variables)}")
    return values.shape[:-1]


Closure = Callable[[Array], Array]


def _sign_nan_at_zero(inner: Closure) -> Closure:
    def sign(w: Array) -> Array:
        u = inner(w)
        return np.where(u == 0.0, np.nan, np.sign(u))

    return sign


def _sign_from(side: float) -> Callable[[Closure], Closure]:
    """sign(u), with sign(0) read just beside w on one side: the limit of sign(u) from that side."""

    def make(inner: Closure) -> Closure:
        def sign(w: Array) -> Array:
            here = np.sign(inner(w))
            if not np.any(here == 0.0):
                return here
            beside = np.sign(inner(w + side * LIMIT_STEP * np.maximum(1.0, np.abs(w))))
            return np.where(here == 0.0, beside, here)

        return sign

    return make


# What sign(0) gives: numpy's 0; nan, to mark a point whose value must come from its sides; or the sign just left or
# right of w, so that sign(w^2)*sign(w^2) tends to 1 from both sides, as it should, not 0.
SIGN_AT_ZERO: dict[str, Callable[[Closure], Closure]] = {
    "zero": lambda inner: lambda w: np.sign(inner(w)),
    "nan": _sign_nan_at_zero,
    "left": _sign_from(-1.0),
    "right": _sign_from(1.0),
}


def compile_tree(
    node: Node, sign_at_zero: str = "zero", variables: tuple[str, ...] = ("w",)
) -> Callable[[ArrayLike], Array]:
    """Turn `node` into a function of `w` made of closures, built once: no tree walk on each call, no eval.

    `sign_at_zero` picks what sign(0) gives (see SIGN_AT_ZERO). With two `variables` (w1, w2) the function takes
    points whose last axis holds them, and gives one value per point.
    """
    body = _closure(node, SIGN_AT_ZERO[sign_at_zero], variables)

    def run(w: ArrayLike) -> Array:
        values = np.asarray(w, dtype=np.float64)
        shape = _shape(values, variables)
        with np.errstate(all="ignore"):
            out = np.asarray(body(values), dtype=np.float64)
        if out.shape != shape:
            out = np.broadcast_to(out, shape).copy()
        result: Array = out[()]
        return result

    return run


def compile_with_signs_from_both_sides(node: Node) -> Callable[[ArrayLike], Array]:
    """compile_tree where no sign is 0; where one is (abs turning round), the mean of the tree with every sign(0) read
    just left of w and just right of it, so abs(w^2)'s curvature is 2 at its bottom, not sign(0) * 2 = 0."""
    marked, left, right = (compile_tree(node, side) for side in ("nan", "left", "right"))

    def run(w: ArrayLike) -> Array:
        values = marked(w)
        if np.isfinite(values).all():
            return values
        at = np.broadcast_to(np.asarray(w, dtype=np.float64), np.shape(values))
        out = np.array(values)
        bad = ~np.isfinite(out)
        out[bad] = 0.5 * (left(at[bad]) + right(at[bad]))
        result: Array = out[()]
        return result

    return run


def _closure(node: Node, sign: Callable[[Closure], Closure], variables: tuple[str, ...] = ("w",)) -> Closure:
    if node.constant:
        value = evaluate(node, 0.0)
        return lambda w: value
    match node:
        case Var(name) if len(variables) > 1:
            i = variables.index(name)
            return lambda w: w[..., i]
        case Var():
            return lambda w: w
        case Unary(_, operand):
            inner = _closure(operand, sign, variables)
            return lambda w: np.negative(inner(w))
        case Binary(op, left, right):
            combine, first, second = _OPERATORS[op], _closure(left, sign, variables), _closure(right, sign, variables)
            return lambda w: combine(first(w), second(w))
        case Call("sign", arg):
            return sign(_closure(arg, sign, variables))
        case Call(name, arg):
            function, inner = _NUMPY[name], _closure(arg, sign, variables)
            return lambda w: function(inner(w))
    raise AssertionError(f"unknown node {node!r}")


def distinct_nodes(node: Node) -> list[Node]:
    """Every node of the tree once, though derived trees share sub-trees."""
    seen: dict[int, Node] = {}
    stack = [node]
    while stack:
        n = stack.pop()
        if id(n) not in seen:
            seen[id(n)] = n
            stack.extend(n.children())
    return list(seen.values())


def may_be_undefined(node: Node) -> bool:
    """Whether `node` can be nan or inf at a finite w other than by overflow: it divides, or uses log, sqrt, tan or
    a power that is not a whole non-negative one."""
    return any(_can_break(n) for n in distinct_nodes(node))


def _can_break(node: Node) -> bool:
    match node:
        case Binary("/", _, right):
            return not (right.constant and scalar(right) != 0.0)
        case Binary("^", _, right):
            return not (right.constant and float(scalar(right)).is_integer() and scalar(right) >= 0)
        case Call("log" | "sqrt" | "tan", _):
            return True
    return False


def scalar(node: Node) -> float:
    """The value of a constant tree as a float."""
    return float(evaluate(node, 0.0))


def _eval(node: Node, w: Callable[[str], Array], memo: dict[int, Array]) -> Array:
    # Derived trees share sub-trees; memoising by identity keeps the cost linear in distinct nodes.
    key = id(node)
    if key not in memo:
        memo[key] = _eval_node(node, w, memo)
    return memo[key]


def _eval_node(node: Node, w: Callable[[str], Array], memo: dict[int, Array]) -> Array:
    match node:
        case Num(value):
            return np.float64(value)  # type: ignore[return-value]
        case Var(name):
            return w(name)
        case Unary(_, operand):
            return np.negative(_eval(operand, w, memo))
        case Binary(op, left, right):
            return _OPERATORS[op](_eval(left, w, memo), _eval(right, w, memo))
        case Call(name, arg):
            return _NUMPY[name](_eval(arg, w, memo))
    raise AssertionError(f"unknown node {node!r}")


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
        case Var(name):
            return name
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
        case Var(name):
            return name
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
