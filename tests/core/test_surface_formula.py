"""Typed formulas in w1 and w2: exact partial derivatives, and mistakes explained in the curve formulas' words."""

from __future__ import annotations

import numpy as np
import pytest
from surface_checks import check_derivatives

from foggyhill.core import FormulaError, SettingError, formula_surface, parse_formula, parse_surface_formula
from foggyhill.core.formula import Var, derivative

FORMULAS = [
    "w1^2 + 10*w2^2",
    "(1 - w1)^2 + 100*(w2 - w1^2)^2",
    "sin(w1*w2) + w1^2/4 + w2^2",
    "exp(-w1^2 - w2^2) + 0.1*(w1^2 + w2^2)",
    "log(1 + w1^2 + w2^4) + tanh(w1 - w2)",
    "sqrt(1 + w1^2)*cos(w2) + w2^2/2",
    "w1^w2 + w2",  # a variable power: u^v = exp(v log u)
]


@pytest.mark.parametrize("text", FORMULAS)
def test_gradient_and_hessian_of_formulas_agree_with_finite_differences(text: str) -> None:
    window = ((0.5, 2.5), (-1.5, 1.5)) if "w1^w2" in text else ((-2.0, 2.0), (-2.0, 2.0))
    surface = formula_surface(text, start=(1.0, 0.5), window=window)
    (a, b), (c, d) = window
    rng = np.random.default_rng(3)
    points = np.stack([rng.uniform(a, b, 30), rng.uniform(c, d, 30)], axis=-1)
    check_derivatives(surface, points)


def test_the_partials_read_like_a_person_wrote_them() -> None:
    f = parse_surface_formula("w1^2 + 10*w2^2 + w1*w2")
    assert [t.to_text() for t in f.gradient_trees] == ["2*w1 + w2", "20*w2 + w1"]
    assert [t.to_text() for t in f.hessian_trees] == ["2", "1", "20"]
    assert repr(f) == "SurfaceFormula(loss='w1^2 + 10*w2^2 + w1*w2', slope=('2*w1 + w2', '20*w2 + w1'))"
    assert f.python()["slope_w1"] == "((2.0 * w1) + w2)"
    assert f.js()["h22"] == "20.0"


def test_a_formula_surface_finds_its_dips_like_a_built_in() -> None:
    surface = formula_surface("(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2", window=((-5.0, 5.0), (-5.0, 5.0)))
    assert len(surface.minima) == 4 and len(surface.saddles) == 4 and len(surface.maxima) == 1
    assert surface.start == (-2.0, 2.0)
    assert surface.loss([3.0, 2.0]) == 0.0


def test_derivative_by_name_leaves_the_other_setting_alone() -> None:
    assert derivative(Var("w1"), "w1").to_text() == "1"
    assert derivative(Var("w1"), "w2").to_text() == "0"
    assert Var() == Var("w")  # a curve's variable is still plain w
    assert parse_formula("w^2").slope_tree.to_text() == "2*w"


SURFACE_MISTAKES = [
    ("w^2 + 1", 1, "a surface's formula uses its two settings, w1 and w2, not w"),
    ("x^2 + y^2", 1, "the variables are called w1 and w2"),
    ("w1^2 + w3", 8, "a surface has two settings, w1 and w2"),
    ("w12", 1, "write w1*2"),
    ("w1(w2 + 1)", 3, "write w1*(...) to multiply"),
    ("2w1", 2, "write 2*w1"),
    ("w1^2 +", 7, "expected a number, w1, w2, a function or '(' next"),
    ("", 1, "type a loss in w1 and w2"),
    ("w1^2 + $", 8, "a formula may use numbers, w1, w2, + - * / ^"),
    ("sin w1", 1, "needs parentheses"),
    ("cos + w1", 1, "write cos(w1)"),
    ("w1 * (w2", 6, "is never closed"),
    ("Sin(w1)", 1, "function names are lowercase"),
    ("foo(w1)", 1, "the functions are sin cos"),
]


@pytest.mark.parametrize(("text", "column", "phrase"), SURFACE_MISTAKES)
def test_mistakes_in_a_surface_formula_name_the_column_and_what_is_allowed(text: str, column: int, phrase: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_surface_formula(text)
    error = caught.value
    assert error.position == column - 1, str(error)
    assert phrase in str(error), str(error)
    assert error.field == "formula" and error.text == text


@pytest.mark.parametrize("text", ["w1^2", "w2 + w", "sin(w1)"])
def test_a_curve_formula_in_w1_or_w2_says_which_variable_a_curve_has(text: str) -> None:
    with pytest.raises(FormulaError, match=r"a curve's formula has one variable, w \(w1 and w2 belong to surfaces"):
        parse_formula(text)


def test_formula_surface_checks_its_start_and_window() -> None:
    with pytest.raises(FormulaError, match=r"undefined at the given start \(-1, 0\)"):
        formula_surface("log(w1) + w2^2", start=(-1.0, 0.0))
    with pytest.raises(SettingError, match="must lie inside the window"):
        formula_surface("w1^2 + w2^2", start=(9.0, 0.0))
    with pytest.raises(SettingError, match="two ranges of two finite numbers"):
        formula_surface("w1^2 + w2^2", window=((1.0, -1.0), (0.0, 1.0)))
    with pytest.raises(SettingError, match="two numbers, w1 and w2"):
        formula_surface("w1^2 + w2^2", start=("a", 1.0))  # type: ignore[arg-type]


def test_a_too_complicated_surface_formula_is_refused() -> None:
    with pytest.raises(FormulaError, match="too complicated"):
        parse_surface_formula("w1^" * 30 + "w2")
