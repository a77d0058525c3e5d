"""A landscape from a typed formula, with checks that the window, the start and the curve are usable."""

from __future__ import annotations

import math

import numpy as np

from ...lang import N_, _, say
from ..errors import FormulaError, SettingError
from ..landscapes import Landscape
from .parse import Formula, parse_formula
from .tree import Binary, Call, Node, evaluate

__all__ = ["formula_landscape"]


def formula_landscape(text: str, start: float | None = None, window: tuple[float, float] = (-3.0, 3.0)) -> Landscape:
    """A landscape from a typed formula; the start defaults to -2, or the window's left quarter point, or (where the
    curve is undefined there) the left quarter point of where it is defined."""
    formula = parse_formula(text)
    lo, hi = _check_window(window)
    begin = _check_start(start, lo, hi)
    if start is None:
        begin = _defined_start(formula, lo, hi, begin)
    _check_defined(formula, lo, hi, begin)
    return Landscape(
        name="formula",
        title=_("Your formula"),
        formula=formula.text,
        loss=formula.loss,
        slope=formula.slope,
        curvature=formula.curvature,
        window=(lo, hi),
        start=begin,
        description=say("Your own curve. Its slope is {slope}.", slope=formula.slope_tree.to_text()),
    )


def _check_window(window: tuple[float, float]) -> tuple[float, float]:
    problem = say("the window {window} must be two finite numbers, left below right", window=repr(window))
    try:
        lo, hi = (float(x) for x in window)
    except (TypeError, ValueError, OverflowError):  # not two values, or values float() rejects such as "abc" or None
        raise SettingError("window", problem) from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise SettingError("window", problem)
    return lo, hi


def _check_start(start: float | None, lo: float, hi: float) -> float:
    if start is None:
        return -2.0 if lo <= -2.0 <= hi else lo + (hi - lo) / 4
    try:
        begin = float(start)
    except (TypeError, ValueError, OverflowError):
        message = say(
            "the start {start} must be a number inside the window [{low:g}, {high:g}]",
            start=repr(start),
            low=lo,
            high=hi,
        )
        raise SettingError("start", message) from None
    if not lo <= begin <= hi:
        message = say(
            "the start w = {start:g} must lie inside the window [{low:g}, {high:g}]", start=begin, low=lo, high=hi
        )
        raise SettingError("start", message)
    return begin


def _defined_start(formula: Formula, lo: float, hi: float, preferred: float) -> float:
    """`preferred` if the loss and slope are defined there; else a quarter of the way into where they are (log(w):
    not -2 but a point right of 0), so a curve defined on part of the window still gets a start nobody had to pick."""
    if _defined_at(formula, np.array([preferred]))[0]:
        return preferred
    grid = np.linspace(lo, hi, 1001)
    defined = grid[_defined_at(formula, grid)]
    if defined.size == 0:
        return preferred  # undefined everywhere: _check_defined says so
    begin = float(defined[defined.size // 4])
    tidy = round(begin, 2)  # a start that reads well in a link or a table
    return tidy if _defined_at(formula, np.array([tidy]))[0] else begin


def _defined_at(formula: Formula, w: np.ndarray) -> np.ndarray:
    """Where both the loss and the slope (or its limit, at a 0/0 point) are finite numbers."""
    return np.isfinite(formula.loss(w)) & np.isfinite(formula.slope(w))


def _check_defined(formula: Formula, lo: float, hi: float, start: float) -> None:
    if not np.isfinite(formula.loss(np.linspace(lo, hi, 1001))).any():
        middle = (lo + hi) / 2
        raise FormulaError(
            say(
                "the loss is not finite anywhere in the window [{low:g}, {high:g}]: at w = {middle:g}, {why}; change "
                "the formula or the window",
                low=lo,
                high=hi,
                middle=middle,
                why=_explain(formula.tree, middle),
            ),
            None,
            formula.text,
        )
    undefined = (
        (
            N_("the loss is undefined at the start w = {start:g}: {why}; pick a start where it is defined"),
            formula.loss,
            formula.tree,
        ),
        (
            N_("the slope is undefined at the start w = {start:g}: {why}; pick a start where it is defined"),
            formula.slope,
            formula.slope_tree,
        ),
    )
    for words, curve, tree in undefined:
        if not np.isfinite(curve(start)):
            raise FormulaError(
                say(words, start=start, why=_explain(tree, start)),
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
    return _("it is not a finite number")


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
        return say("{whole} needs {part} {sign} 0", whole=whole, part=_short(node.arg), sign=sign)
    if isinstance(node, Call) and node.name == "tan":
        return say("{whole} is infinite where cos({part}) = 0", whole=whole, part=_short(node.arg))
    if isinstance(node, Binary) and node.op == "/" and kids[1] == 0.0:
        return say("{whole} divides by zero ({part} = 0)", whole=whole, part=_short(node.right))
    if isinstance(node, Binary) and node.op == "^" and kids[0] == 0.0 and kids[1] < 0:
        return say("{whole} divides by zero ({part} = 0)", whole=whole, part=_short(node.left))
    if isinstance(node, Binary) and node.op == "^" and kids[0] < 0:
        return say("{whole} needs {part} >= 0 for a fractional power", whole=whole, part=_short(node.left))
    return say("{whole} is too large to compute", whole=whole)
