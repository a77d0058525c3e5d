"""Typed formulas: parsing, exact slope and curvature, error messages, code generation, landscapes."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from foggyhill.core.errors import FormulaError, SettingError
from foggyhill.core.formula import (
    FUNCTIONS,
    MAX_DEPTH,
    Binary,
    Call,
    Node,
    Num,
    Unary,
    Var,
    evaluate,
    formula_landscape,
    parse_formula,
)
from foggyhill.core.landscapes import get_landscape

DOUBLE_WELL = "w^4/4 - 0.6*w^2 - 0.4*w"
POINTS = (-1.3, -0.4, 0.35, 0.9, 1.7)
POSITIVE = (0.3, 0.8, 1.4, 2.1)

# One formula per function and operator, with points where it is smooth.
SMOOTH_FORMULAS = [
    (DOUBLE_WELL, POINTS),
    ("sin(3*w) + cos(w)^2", POINTS),
    ("tan(w/2) - w", POINTS),
    ("exp(-w^2/2)*w", POINTS),
    ("log(w^2 + 1)", POINTS),
    ("sqrt(w^2 + 0.5)", POINTS),
    ("abs(w - 0.3)*w + abs(w)", POINTS),
    ("tanh(2*w) - w/3", POINTS),
    ("(w - 1)/(w^2 + 2)", POINTS),
    ("-(w - 1)^3 + (-w)^2 - -w", POINTS),
    ("w^w", POSITIVE),
    ("2^w - w^0.5 + w^-2", POSITIVE),
    ("w^(sin(w) + 2)", POSITIVE),
    ("sin(cos(tan(w)))/log(w + 3)", POINTS),
    ("1e-3*w^8 + .5*w", POINTS),
]


def _finite_differences(curve: Callable[[np.ndarray], np.ndarray], ws: np.ndarray) -> np.ndarray:
    h = 1e-5
    slope: np.ndarray = (curve(ws + h) - curve(ws - h)) / (2 * h)
    return slope


def test_the_default_curve_matches_the_builtin_double_well() -> None:
    builtin = get_landscape("tilted-double-well")
    formula = parse_formula(DOUBLE_WELL)
    ws = np.linspace(-2.2, 2.2, 101)
    np.testing.assert_allclose(formula.loss(ws), builtin.loss(ws), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(formula.slope(ws), builtin.slope(ws), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(formula.curvature(ws), builtin.curvature(ws), rtol=1e-12, atol=1e-12)
    assert formula.text == DOUBLE_WELL == builtin.formula


def test_the_default_curve_landscape_finds_both_dips() -> None:
    land = formula_landscape(DOUBLE_WELL)
    assert (land.name, land.title, land.formula, land.start, land.window) == (
        "formula",
        "Your formula",
        DOUBLE_WELL,
        -2.0,
        (-3.0, 3.0),
    )
    local, best = land.minima
    assert local.w == pytest.approx(-0.856, abs=1e-3) and not local.is_global
    assert best.w == pytest.approx(1.2345, abs=1e-4) and best.is_global
    builtin = get_landscape("tilted-double-well")
    assert [m.w for m in land.minima] == pytest.approx([m.w for m in builtin.minima], abs=1e-9)


def test_derived_trees_are_simplified_and_readable() -> None:
    formula = parse_formula(DOUBLE_WELL)
    assert formula.slope_tree.to_text() == "w^3 - 1.2*w - 0.4"
    assert formula.curvature_tree.to_text() == "3*w^2 - 1.2"
    assert repr(formula) == (
        "Formula(loss='w^4/4 - 0.6*w^2 - 0.4*w', slope='w^3 - 1.2*w - 0.4', curvature='3*w^2 - 1.2')"
    )
    assert parse_formula("abs(w)").slope_tree.to_text() == "sign(w)"
    assert parse_formula("abs(w)").curvature_tree == Num(0.0)
    assert parse_formula("2*3 + w*0").slope_tree == Num(0.0)
    assert parse_formula("-w^2").slope_tree.to_text() == "-2*w"


@pytest.mark.parametrize(("text", "points"), SMOOTH_FORMULAS)
def test_slope_and_curvature_match_finite_differences(text: str, points: tuple[float, ...]) -> None:
    formula = parse_formula(text)
    ws = np.array(points)
    assert np.isfinite(formula.loss(ws)).all()
    np.testing.assert_allclose(formula.slope(ws), _finite_differences(formula.loss, ws), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(formula.curvature(ws), _finite_differences(formula.slope, ws), rtol=1e-6, atol=1e-6)


def test_the_formulas_cover_every_function_and_operator() -> None:
    texts = " ".join(text for text, _ in SMOOTH_FORMULAS)
    assert all(f"{name}(" in texts for name in FUNCTIONS)
    assert all(op in texts for op in "+-*/^")


def test_precedence_power_binds_tighter_than_minus_and_is_right_associative() -> None:
    assert parse_formula("-w^2").loss(3.0) == -9.0
    assert parse_formula("2^3^2").loss(0.0) == 512.0
    assert parse_formula("2^-1").loss(0.0) == 0.5
    assert parse_formula("8/4/2").loss(0.0) == 1.0
    assert parse_formula("8-4-2").loss(0.0) == 2.0
    assert parse_formula("-2*w").tree == Binary("*", Unary("-", Num(2.0)), Var())
    assert parse_formula("  w ^ 2  +1 ").text == "w^2 + 1"


def test_evaluation_is_vectorised_and_quiet() -> None:
    formula = parse_formula("log(w) + 3")
    assert isinstance(formula.loss(2.0), np.float64)
    assert formula.loss(np.zeros((2, 3))).shape == (2, 3)
    assert parse_formula("3").loss(np.arange(4.0)).tolist() == [3.0] * 4
    assert parse_formula("3").slope(np.arange(4.0)).tolist() == [0.0] * 4
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = formula.loss(np.array([-1.0, 0.0, 1.0]))
        assert np.isnan(values[0]) and values[1] == -np.inf and values[2] == 3.0
        assert np.isinf(parse_formula("1/w").loss(0.0))


def test_code_generation_in_python_agrees_with_evaluation() -> None:
    ws = np.linspace(-2.0, 2.0, 9)
    for text, _ in SMOOTH_FORMULAS:
        formula = parse_formula(text)
        for key, code in formula.python().items():
            # Only our generated code is compiled here, to check that it means what the tree means.
            with np.errstate(all="ignore"):
                compiled = eval(compile(code, "<formula>", "eval"), {"np": np, "w": ws})
            expected = getattr(formula, key)(ws)
            np.testing.assert_allclose(compiled, expected, rtol=1e-12, equal_nan=True)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_code_generation_in_javascript_agrees_with_evaluation() -> None:
    ws = [-1.7, -0.3, 0.4, 1.9]
    formulas = [parse_formula(text) for text, _ in SMOOTH_FORMULAS]
    bodies = [code for formula in formulas for code in formula.js().values()]
    script = f"const ws = {json.dumps(ws)};\n"
    script += f"console.log(JSON.stringify([{', '.join(f'ws.map((w) => {b})' for b in bodies)}]));"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=30)
    got = iter(json.loads(result.stdout))
    for formula in formulas:
        for curve in (formula.loss, formula.slope, formula.curvature):
            values = [np.nan if v is None else v for v in next(got)]
            np.testing.assert_allclose(values, curve(np.array(ws)), rtol=1e-12, equal_nan=True)


BAD_INPUTS = [
    ("", 1, "the formula is empty"),
    ("   ", 1, "the formula is empty"),
    ("w**2", 2, "use ^ for powers"),
    ("**w", 1, "use ^ for powers"),
    ("x^2 + 1", 1, "use w"),
    ("ln(w)", 1, "use log"),
    ("2w", 2, "write 2*w"),
    ("3 + 2(w+1)", 6, "write 2*(...)"),
    ("(w+1)(w-1)", 6, "missing operator"),
    ("w(w+1)", 2, "write w*(...)"),
    ("foo(w)", 1, "the functions are sin cos tan exp log sqrt abs tanh"),
    ("bar + w", 1, "unknown name 'bar'"),
    ("Sin(w)", 1, "function names are lowercase"),
    ("sin w", 1, "needs parentheses"),
    ("w + cos", 5, "needs parentheses"),
    ("sin(w", 4, "is never closed"),
    ("((w+1)*2", 1, "is never closed"),
    ("(w))", 4, "unmatched ')'"),
    (")w", 1, "unmatched ')'"),
    ("()", 2, "empty parentheses"),
    ("w+", 3, "ends too early"),
    ("w^", 3, "ends too early"),
    ("w+*2", 3, "unexpected '*'"),
    ("+", 2, "ends too early"),  # a unary plus still needs something after it
    ("w*+", 4, "ends too early"),
    ("+*w", 2, "unexpected '*'"),
    ("w^2 + $", 7, "a formula may use numbers, w, + - * / ^, parentheses and sin cos tan"),
    ("w\x00", 2, "unexpected '\\x00'"),
    ("wé", 2, "unexpected 'é'"),
    ("1e999*w", 1, "too large"),
    ("1.2.3", 4, "one decimal point"),
    ("loss = w^2", 6, "right-hand side"),
    ("|w|", 1, "abs(w)"),
    ("sin(w, 2)", 6, "one argument"),
    ("pi*w", 1, "as a number"),
    ("w2", 1, "write w*2"),
    ("sign(w)", 1, "unknown function 'sign'"),
    ("-" * 60 + "w", MAX_DEPTH + 1, "too deeply nested"),
    ("w" * 201, 201, "at most 200"),
]


@pytest.mark.parametrize(("text", "column", "phrase"), BAD_INPUTS)
def test_bad_formulas_name_the_column_and_what_is_wrong(text: str, column: int, phrase: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(text)
    error = caught.value
    assert error.position == column - 1, str(error)
    assert error.text == text
    assert phrase in str(error)
    assert error.field == "formula"
    if text.strip() and len(text) <= 200 and "nested" not in phrase:
        assert f"column {column}" in str(error)


def test_formulas_whose_derivatives_explode_are_refused() -> None:
    with pytest.raises(FormulaError, match="too complicated"):
        parse_formula("w^" * 39 + "w")
    assert parse_formula("(" * 90 + "w" + ")" * 90).text == "w"


def test_undefined_at_a_given_start_is_explained() -> None:
    with pytest.raises(FormulaError) as caught:
        formula_landscape("log(w)", start=-2.0)
    assert str(caught.value) == (
        "the loss is undefined at the start w = -2: log(w) needs w > 0; pick a start where it is defined"
    )
    with pytest.raises(FormulaError, match=r"w = 0: 1/w divides by zero \(w = 0\)"):
        formula_landscape("1/w", start=0.0)
    with pytest.raises(FormulaError, match=r"w\^0.5 needs w >= 0"):
        formula_landscape("w^0.5 + 1", start=-1.0)
    with pytest.raises(FormulaError, match="the slope is undefined at the start w = 0"):
        formula_landscape("sqrt(w)", start=0.0)
    assert formula_landscape("log(w)", start=1.0).start == 1.0


def test_without_a_start_a_curve_undefined_at_minus_two_starts_where_it_is_defined() -> None:
    # A quarter of the way into the part of the window where the loss and slope are defined, rounded for links.
    assert formula_landscape("w^2 - log(w)").start == 0.76  # defined on (0, 3]
    assert formula_landscape("sqrt(w - 1) + w").start == 1.5  # the slope needs w > 1: [1, 3] is not enough
    assert formula_landscape("w^2").start == -2.0  # defined at -2: unchanged
    assert formula_landscape("log(w)", window=(-1.0, 4.0)).start == 0.25  # the window's quarter point is defined
    assert formula_landscape("log(w)", window=(-1.0, 3.0)).start == 0.75  # it is w = 0 here: (0, 3] a quarter in
    with pytest.raises(FormulaError, match="not finite anywhere"):
        formula_landscape("log(w)", window=(-3.0, -1.0))


def test_no_finite_loss_in_the_window_is_refused() -> None:
    with pytest.raises(FormulaError, match=r"not finite anywhere in the window \[-3, 3\].*needs -w\^2 - 1 >= 0"):
        formula_landscape("sqrt(-w^2 - 1)")
    with pytest.raises(FormulaError, match="too large to compute"):
        formula_landscape("exp(exp(w + 10))")
    with pytest.raises(FormulaError, match="not finite anywhere"):
        formula_landscape("log(w)", window=(-3.0, -1.0))


def test_default_start_and_window_checks() -> None:
    assert formula_landscape("w^2", window=(0.0, 4.0)).start == 1.0
    assert formula_landscape("w^2", window=(-2.0, 2.0)).start == -2.0
    with pytest.raises(SettingError, match="inside the window"):
        formula_landscape("w^2", start=5.0)
    with pytest.raises(SettingError, match="left below right"):
        formula_landscape("w^2", window=(1.0, -1.0))


@pytest.mark.parametrize("window", [("left", 2.0), (-1.0, None), (-1.0, 10**400), (1.0,), (0.0, 1.0, 2.0), 3.0])
def test_a_window_that_is_not_two_numbers_names_the_window(window: object) -> None:
    with pytest.raises(SettingError) as caught:
        formula_landscape("w^2", window=window)  # type: ignore[arg-type]
    assert caught.value.field == "window"
    assert str(caught.value) == f"the window {window!r} must be two finite numbers, left below right"


@pytest.mark.parametrize("start", ["left", [1.0], 1j])
def test_a_start_that_is_not_a_number_names_the_start(start: object) -> None:
    with pytest.raises(SettingError) as caught:
        formula_landscape("w^2", start=start)  # type: ignore[arg-type]
    assert caught.value.field == "start"
    assert str(caught.value) == f"the start {start!r} must be a number inside the window [-3, 3]"


def test_the_engine_exports_the_formula_names_without_loading_lark_up_front() -> None:
    check = (
        "import sys, foggyhill.core as core; assert 'lark' not in sys.modules, 'lark loaded by import'; "
        "assert {'Formula', 'formula_landscape', 'parse_formula'} <= set(core.__all__); "
        "assert core.parse_formula('w^2').slope_tree.to_text() == '2*w'; assert 'lark' in sys.modules; "
        "assert core.Formula is type(core.parse_formula('w')); "
        "assert core.formula_landscape('w^2').slope(3.0) == 6.0"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# ----------------------------------------------------------------------------- properties

FRAGMENTS = ["w", "2", "0.5", ".5", "1e-3", "+", "-", "*", "/", "^", "(", ")", " ", "**", "x", "ln", "e"]
FRAGMENTS += [f"{name}(" for name in FUNCTIONS] + ["sin", "$", ",", "\x00", "9" * 30, "1e400"]


def _never_anything_but_formula_error(text: str) -> None:
    try:
        formula = parse_formula(text)
    except FormulaError as error:
        assert error.text == text
        assert error.position is None or 0 <= error.position <= len(text)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grid = np.linspace(-3.0, 3.0, 7)
        for curve in (formula.loss, formula.slope, formula.curvature):
            assert curve(grid).shape == grid.shape
        formula.js()
        formula.python()
        with contextlib.suppress(FormulaError):
            formula_landscape(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=250))
def test_arbitrary_text_raises_only_formula_errors(text: str) -> None:
    _never_anything_but_formula_error(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_formula_like_text_raises_only_formula_errors(text: str) -> None:
    _never_anything_but_formula_error(text)


def _trees() -> st.SearchStrategy[Node]:
    numbers = st.floats(min_value=0.0, max_value=1e6, allow_nan=False).map(Num)
    leaves = st.one_of(st.just(Var()), numbers)

    def extend(inner: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        return st.one_of(
            inner.map(lambda a: Unary("-", a)),
            st.builds(Binary, st.sampled_from("+-*/^"), inner, inner),
            st.builds(Call, st.sampled_from(FUNCTIONS), inner),
        )

    return st.recursive(leaves, extend, max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(_trees())
def test_printed_trees_parse_back_to_the_same_tree_and_values(tree: Node) -> None:
    text = tree.to_text()
    assume(len(text) <= 200 and tree.depth <= MAX_DEPTH)
    try:
        formula = parse_formula(text)
    except FormulaError as error:
        assume("too complicated" not in str(error))
        raise
    assert formula.tree == tree
    assert formula.text == text
    grid = np.linspace(-2.5, 2.5, 11)
    np.testing.assert_array_equal(formula.loss(grid), evaluate(tree, grid))
