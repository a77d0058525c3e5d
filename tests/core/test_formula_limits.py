"""Honest words at the bottom of abs and sqrt: 0/0 slopes are their limits, and a kink is only a real corner."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.cli import main
from foggyhill.core import descend, get_landscape
from foggyhill.core import kernels as k
from foggyhill.core.formula import formula_landscape, parse_formula
from foggyhill.core.sweep import bifurcation, sweep

ENGINES = ["numba", "numpy"]


@pytest.mark.parametrize(
    "text", ["abs(w^2)", "abs(w*w)", "abs(w)^2", "sqrt(w^4)", "abs(w^3) + w^2", "sqrt(w^6) + w^2", "sqrt((w - 1)^4)"]
)
def test_a_bottom_reached_through_abs_or_sqrt_is_smooth_with_curvature_two(text: str) -> None:
    (dip,) = formula_landscape(text).minima
    bottom = 1.0 if "w - 1" in text else 0.0
    assert dip.w == pytest.approx(bottom, abs=1e-9)
    assert not dip.kink
    assert dip.curvature == pytest.approx(2.0, rel=1e-6)
    assert dip.stability_bound == pytest.approx(1.0, rel=1e-6)


@pytest.mark.parametrize(
    ("text", "kink", "bound"),
    [
        ("abs(w)", True, None),
        ("abs(w) + w^2", True, None),  # the curvature beside the corner is 2, but the corner still throws the ball
        ("sqrt(w^2)", True, None),  # |w| written another way: slopes -1 and +1 meet at 0
        ("w^4", False, None),  # smooth and flat: no corner, but no curvature to give a bound either
        ("abs(w)^2.5", False, None),  # flat too: its curvature 3.75*|w|^0.5 tends to 0
        ("abs(w)^1.5", False, None),  # no corner, but its curvature grows without bound: no speed is safe
        ("sqrt(abs(w))", True, None),  # a cusp: the slopes beside it run off to -inf and +inf
    ],
)
def test_a_kink_is_only_where_the_slopes_on_the_two_sides_differ(text: str, kink: bool, bound: float | None) -> None:
    (dip,) = formula_landscape(text).minima
    assert dip.kink is kink
    assert dip.stability_bound == (None if bound is None else pytest.approx(bound, rel=1e-6))


def test_the_builtin_v_shape_is_a_kink_and_the_bowl_is_not() -> None:
    assert get_landscape("v-shape").minima[0].kink
    assert not get_landscape("bowl").minima[0].kink
    assert "kink" in repr(get_landscape("v-shape").minima[0])


def test_slope_and_curvature_at_a_zero_over_zero_point_are_their_limits() -> None:
    formula = parse_formula("sqrt(w^4)")
    ws = np.array([-1.0, 0.0, 1.0])
    np.testing.assert_allclose(formula.slope(ws), [-2.0, 0.0, 2.0], atol=1e-9)
    np.testing.assert_allclose(formula.curvature(ws), [2.0, 2.0, 2.0], rtol=1e-9)
    assert float(formula.slope(0.0)) == pytest.approx(0.0, abs=1e-9)
    assert float(parse_formula("abs(w^2)").curvature(0.0)) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("text", "w"),
    [
        ("w^2/w", 0.0),  # 0/0 in the loss itself: the curve has a hole there, so its slope has no limit to take
        ("sqrt(w)", 0.0),  # the loss is 0 but the slope is infinite there, and left of 0 there is no curve
    ],
)
def test_a_slope_with_no_two_sided_limit_stays_undefined(text: str, w: float) -> None:
    assert not np.isfinite(parse_formula(text).slope(w))


def test_at_a_cusp_the_slope_is_zero_as_abs_is_at_its_kink() -> None:
    # the slopes beside sqrt(|w|)'s bottom grow without bound in opposite directions: no limit, and no side wins
    formula = parse_formula("sqrt(abs(w))")
    assert float(formula.slope(0.0)) == 0.0
    assert float(parse_formula("-sqrt(abs(w - 1))").slope(1.0)) == 0.0


def test_descend_that_lands_exactly_on_a_zero_over_zero_bottom_settles_there() -> None:
    run = descend(formula="sqrt(w^4)", start=-2.5, speed=0.5)
    assert run.ws[1] == 0.0
    assert run.verdict.kind == "converged-global"
    assert run.verdict.step == 1


def test_a_formula_may_start_on_its_zero_over_zero_bottom() -> None:
    run = descend(formula="sqrt(w^4)", start=0.0, speed=0.3, steps=5)
    assert run.verdict.kind == "converged-global"
    assert run.steps[0].slope == pytest.approx(0.0, abs=1e-9)


def test_the_command_line_says_the_ball_settled_not_that_it_flew_off(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["descend", "--formula", "sqrt(w^4)", "--start", "-2.5", "--speed", "0.5"])
    out = capsys.readouterr().out
    assert code == 0
    assert "flew off" not in out
    assert "nan" not in out


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("text", "speed", "start"),
    [
        ("sqrt(w^4)", 0.5, -2.5),  # lands on the bottom, where the slope's limit is 0
        ("sqrt(abs(w))", 2.0, -1.0),  # lands on the cusp, as flat there as abs(w) is at its kink
    ],
)
def test_the_sweep_gives_descends_verdict_where_the_slope_is_zero_over_zero(
    engine: str, text: str, speed: float, start: float
) -> None:
    land = formula_landscape(text)
    speeds, starts = [0.25, speed, 1.2], [start, -1.7, 0.0, 1.5]
    result = sweep(land, speeds, starts, 60, engine=engine)
    assert (result.kind_at(1, 0), int(result.steps[1, 0])) == ("converged-global", 1)
    for i, each_speed in enumerate(speeds):
        for j, each_start in enumerate(starts):
            run = descend(land, start=each_start, speed=each_speed, steps=60)
            assert (result.kind_at(i, j), int(result.steps[i, j])) == (run.verdict.kind, run.verdict.step)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_bifurcation_keeps_a_ball_that_lands_on_a_zero_over_zero_bottom(engine: str) -> None:
    out = bifurcation(formula_landscape("sqrt(w^4)"), [0.5], start=-2.5, burn_in=3, keep=4, engine=engine)
    np.testing.assert_allclose(out, 0.0, atol=1e-9)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_sweep_still_flies_off_where_the_loss_is_undefined(engine: str) -> None:
    # sqrt(w)'s slope is infinite at 0 and left of 0 there is no curve: a limit must not keep that ball alive.
    land = formula_landscape("sqrt(w) + (w - 1)^2", start=2.0)
    result = sweep(land, [0.1, 1.5], [2.0], 40, engine=engine)
    for i, speed in enumerate((0.1, 1.5)):
        run = descend(land, start=2.0, speed=speed, steps=40)
        assert result.kind_at(i, 0) == run.verdict.kind
    assert result.kind_at(1, 0) == "diverged"


def test_ordinary_formulas_are_compiled_without_the_limit_fallback() -> None:
    # The map's inner loop must not pay for 0/0 on curves that cannot divide by zero.
    plain = k.formula_source("w^4/4 - 0.6*w^2 - 0.4*w + sin(3*w) + abs(w)")
    guarded = k.formula_source("sqrt(w^4)")
    assert "LIMIT_STEP" not in plain
    assert "LIMIT_STEP" in guarded


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("+w", "w"),
        ("+w^2", "w^2"),
        ("2*+w", "2*w"),
        ("w^+2", "w^2"),
        ("w - +w", "w - w"),
        ("+(w - 1)^2 + +3", "(w - 1)^2 + 3"),
        ("-+w", "-w"),
        ("exp(+w)", "exp(w)"),
    ],
)
def test_a_unary_plus_is_read_as_nothing_at_all(typed: str, meant: str) -> None:
    assert parse_formula(typed).tree == parse_formula(meant).tree
    assert parse_formula(typed).text == meant
