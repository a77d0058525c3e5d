"""Typed loss formulas in `w` (curves) or in `w1` and `w2` (surfaces): parse with lark into a small tree,
differentiate it exactly, evaluate with numpy."""

from .derive import derivative
from .landscape import formula_landscape
from .parse import MAX_DEPTH, MAX_LENGTH, Formula, parse_formula
from .surface import SurfaceFormula, formula_surface, parse_surface_formula
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
    "SurfaceFormula",
    "Unary",
    "Var",
    "derivative",
    "evaluate",
    "formula_landscape",
    "formula_surface",
    "may_be_undefined",
    "parse_formula",
    "parse_surface_formula",
]
