"""Typed loss formulas in `w`: parse with lark into a small tree, differentiate it exactly, evaluate with numpy."""

from .derive import derivative
from .landscape import formula_landscape
from .parse import MAX_DEPTH, MAX_LENGTH, Formula, parse_formula
from .tree import FUNCTIONS, Binary, Call, Node, Num, Unary, Var, evaluate, may_be_undefined

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
    "may_be_undefined",
    "parse_formula",
]
