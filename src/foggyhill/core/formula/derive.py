"""Exact derivatives of a formula tree, built with light simplification so the slope reads like a person wrote it."""

from __future__ import annotations

import math
from collections.abc import Callable

from .tree import ONE, TWO, ZERO, Binary, Call, Node, Num, Unary, Var, scalar

__all__ = ["derivative"]

# ----------------------------------------------------------------------------- building with light simplification


def _num(value: float) -> Node | None:
    return Num(float(value)) if math.isfinite(value) else None


def _fold(node: Node) -> Node:
    """Replace a constant sub-tree by its value when that value is finite."""
    if node.constant and not isinstance(node, Num):
        return _num(scalar(node)) or node
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


def derivative(node: Node, variable: str = "w") -> Node:
    """The exact derivative of `node` with respect to `variable` (`w`, or `w1` or `w2` on a surface), as a tree."""
    memo: dict[int, Node] = {}

    def d(n: Node) -> Node:
        key = id(n)
        if key not in memo:
            memo[key] = _derive(n, d, variable)
        return memo[key]

    return d(node)


def _derive(node: Node, d: Callable[[Node], Node], variable: str) -> Node:
    match node:
        case Num():
            return ZERO
        case Var(name):
            return ONE if name == variable else ZERO
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
