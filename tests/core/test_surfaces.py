"""Surfaces of two settings: derivatives against finite differences, critical points, the lemonade data, listings."""

from __future__ import annotations

import csv
import math
from importlib import resources

import numpy as np
import pytest
from surface_checks import check_derivatives

from foggyhill.core import SettingError, get_surface, line_fit_surface, ravine_surface, surface_listing
from foggyhill.core.surfaces import LEMONADE, SURFACES, Surface, find_critical_points, lemonade_surface
from foggyhill.nn.datasets import load_dataset

NAMES = ["round-bowl", "ravine", "rosenbrock", "saddle", "himmelblau", "lemonade-line", "lemonade-line-scaled"]


def test_the_built_ins_have_exactly_the_names_of_the_issue() -> None:
    assert list(SURFACES) == NAMES


def _points(surface: Surface, count: int = 40, seed: int = 1) -> np.ndarray:
    (a, b), (c, d) = surface.window
    rng = np.random.default_rng(seed)
    return np.stack([rng.uniform(a, b, count), rng.uniform(c, d, count)], axis=-1)


@pytest.mark.parametrize("name", NAMES)
def test_gradient_and_hessian_agree_with_finite_differences(name: str) -> None:
    surface = get_surface(name)
    check_derivatives(surface, _points(surface))


def test_the_finite_difference_check_can_fail() -> None:
    good = get_surface("himmelblau")
    wrong = Surface(
        "wrong",
        "Wrong",
        good.formula,
        good.loss_fn,
        lambda w1, w2: (good.gradient_fn(w1, w2)[0] * 1.001, good.gradient_fn(w1, w2)[1]),
        good.hessian_fn,
        good.window,
        good.start,
    )
    with pytest.raises(AssertionError):
        check_derivatives(wrong, _points(wrong))


def test_shapes_follow_the_points() -> None:
    surface = get_surface("rosenbrock")
    grid = np.zeros((3, 4, 2))
    assert surface.loss(grid).shape == (3, 4)
    assert surface.gradient(grid).shape == (3, 4, 2)
    assert surface.hessian(grid).shape == (3, 4, 2, 2)
    assert surface.loss([1.0, 1.0]) == 0.0  # one point: one number
    bowl = get_surface("round-bowl")  # a constant Hessian still comes back one per point
    np.testing.assert_array_equal(bowl.hessian(grid)[2, 3], [[2.0, 0.0], [0.0, 2.0]])
    with pytest.raises(ValueError, match="last axis of length 2"):
        surface.loss(np.zeros(3))


HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]


def test_himmelblau_has_its_four_known_dips_four_saddles_and_a_hilltop() -> None:
    surface = get_surface("himmelblau")
    found = sorted(p.w for p in surface.minima)
    assert len(found) == 4
    for expected, got in zip(sorted(HIMMELBLAU_MINIMA), found, strict=True):
        assert got == pytest.approx(expected, abs=1e-5)
    assert all(p.is_global and p.loss == pytest.approx(0.0, abs=1e-12) for p in surface.minima)
    assert len(surface.saddles) == 4
    (top,) = surface.maxima
    assert top.w == pytest.approx((-0.270845, -0.923039), abs=1e-5)
    assert top.loss == pytest.approx(181.617, abs=1e-3)


def test_rosenbrock_has_one_dip_at_one_one_in_a_stretched_valley() -> None:
    (dip,) = get_surface("rosenbrock").minima
    assert dip.w == pytest.approx((1.0, 1.0), abs=1e-9)
    assert dip.kind == "minimum" and dip.is_global
    # The Hessian at (1, 1) is [[802, -400], [-400, 200]]: its eigenvalues 501 ± sqrt(301^2 + 400^2).
    root = math.sqrt(301.0**2 + 400.0**2)
    assert dip.curvatures == pytest.approx((501.0 - root, 501.0 + root))
    assert dip.stability_bound == pytest.approx(2.0 / (501.0 + root))
    assert dip.condition == pytest.approx((501.0 + root) / (501.0 - root))


def test_the_saddle_surface_has_a_saddle_at_the_origin_between_two_dips() -> None:
    surface = get_surface("saddle")
    (saddle,) = surface.saddles
    assert saddle.w == pytest.approx((0.0, 0.0), abs=1e-12)
    assert saddle.curvatures == pytest.approx((-2.0, 2.0))
    assert saddle.directions[0] == pytest.approx((0.0, 1.0))  # downhill off the saddle: along w2
    assert saddle.stability_bound is None and saddle.condition is None
    dips = sorted(p.w for p in surface.minima)
    assert dips == [pytest.approx((0.0, -math.sqrt(2))), pytest.approx((0.0, math.sqrt(2)))]
    for dip in surface.minima:
        assert dip.curvatures == pytest.approx((2.0, 4.0))  # h22 = -2 + 3 w2^2 = 4 at w2^2 = 2
        assert dip.stability_bound == pytest.approx(0.5)
        assert dip.condition == pytest.approx(2.0)
    assert not surface.maxima


def test_a_hilltop_and_flat_points_are_classified_by_their_curvatures() -> None:
    top = find_critical_points(
        lambda w1, w2: -(w1**2) - 3 * w2**2,
        lambda w1, w2: (-2 * w1, -6 * w2),
        lambda w1, w2: (-2 + 0 * w1, 0 * w1, -6 + 0 * w1),
        ((-1.0, 1.0), (-1.0, 1.0)),
    )
    assert [p.kind for p in top] == ["maximum"] and top[0].curvatures == pytest.approx((-6.0, -2.0))
    flat = find_critical_points(  # w1^4 + w2^2: a dip with no curvature along w1
        lambda w1, w2: w1**4 + w2**2,
        lambda w1, w2: (4 * w1**3, 2 * w2),
        lambda w1, w2: (12 * w1**2, 0 * w1, 2 + 0 * w1),
        ((-1.0, 1.0), (-1.0, 1.0)),
    )
    assert [p.kind for p in flat] == ["flat"]
    assert flat[0].stability_bound is None


@pytest.mark.parametrize("stretch", [1.0, 10.0, 100.0])
def test_the_ravine_is_as_stretched_as_asked(stretch: float) -> None:
    (dip,) = ravine_surface(stretch).minima
    assert dip.curvatures == pytest.approx((2.0, 2.0 * stretch))
    assert dip.condition == pytest.approx(stretch)
    assert dip.stability_bound == pytest.approx(1.0 / stretch)
    assert get_surface("ravine").minima[0].condition == pytest.approx(10.0)


@pytest.mark.parametrize("bad", [0.5, -3.0, float("nan"), float("inf"), "10"])
def test_a_bad_stretch_is_refused_in_words(bad: object) -> None:
    with pytest.raises(SettingError, match="stretch must be a number of at least 1") as caught:
        ravine_surface(bad)  # type: ignore[arg-type]
    assert caught.value.field == "stretch"


def test_an_unknown_surface_names_the_choices() -> None:
    with pytest.raises(SettingError, match="unknown surface 'banana': choose one of round-bowl, ravine"):
        get_surface("banana")
    with pytest.raises(SettingError):
        get_surface(["ravine"])  # type: ignore[arg-type]


def _csv_rows() -> list[tuple[float, float]]:
    text = resources.files("foggyhill.nn").joinpath("data", "lemonade.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return [(float(r["temperature"]), float(r["cups"])) for r in rows]


def test_the_lemonade_constant_is_the_bundled_csv() -> None:
    assert tuple(_csv_rows()) == LEMONADE
    data = load_dataset("lemonade")  # and the dataset nn loads from it
    np.testing.assert_array_equal(np.array(LEMONADE), np.column_stack([data.X[:, 0], data.y]))


def test_the_lemonade_loss_is_the_mean_squared_error_computed_directly_from_the_csv() -> None:
    rows = _csv_rows()
    surface = get_surface("lemonade-line")
    for b, m in [(0.0, 0.0), (-30.0, 4.0), (12.5, -1.25), (-80.0, 10.0)]:
        direct = sum((b + m * t - cups) ** 2 for t, cups in rows) / len(rows)
        assert float(surface.loss([b, m])) == pytest.approx(direct, rel=1e-12)
        slope = [
            2 * sum(b + m * t - c for t, c in rows) / len(rows),
            2 * sum((b + m * t - c) * t for t, c in rows) / len(rows),
        ]
        np.testing.assert_allclose(surface.gradient([b, m]), slope, rtol=1e-10, atol=1e-9)


def test_the_lemonade_dip_is_the_least_squares_line_and_scaling_rounds_the_bowl() -> None:
    rows = np.array(_csv_rows())
    t, cups = rows[:, 0], rows[:, 1]
    best = np.polyfit(t, cups, 1)[::-1]  # intercept, slope
    (raw,) = get_surface("lemonade-line").minima
    assert raw.w == pytest.approx(tuple(best), rel=1e-9)
    assert raw.condition > 10_000  # a ravine: plain descent crawls along it
    (scaled,) = get_surface("lemonade-line-scaled").minima
    zt, zc = (t - t.mean()) / t.std(), (cups - cups.mean()) / cups.std()
    assert scaled.w == pytest.approx((0.0, float(np.corrcoef(t, cups)[0, 1])), abs=1e-12)
    assert scaled.curvatures == pytest.approx((2.0, 2.0))
    assert scaled.condition == pytest.approx(1.0)
    direct = float(np.mean((0.3 + 0.5 * zt - zc) ** 2))
    assert float(get_surface("lemonade-line-scaled").loss([0.3, 0.5])) == pytest.approx(direct, rel=1e-12)
    assert lemonade_surface(True).name == "lemonade-line-scaled"


def test_line_fit_refuses_unusable_data() -> None:
    with pytest.raises(SettingError, match="two equal lists"):
        line_fit_surface([1.0, 2.0], [1.0])
    with pytest.raises(SettingError, match="every x is the same"):
        line_fit_surface([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(SettingError, match="cannot be standardised"):
        line_fit_surface([1.0, 2.0, 3.0], [5.0, 5.0, 5.0], scaled=True)
    fit = line_fit_surface([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])  # y = 1 + 2x exactly
    assert fit.minima[0].w == pytest.approx((1.0, 2.0))
    assert fit.minima[0].loss == pytest.approx(0.0, abs=1e-12)
    (a, b), (c, d) = fit.window
    assert a <= 0.0 <= b and c <= 0.0 <= d and a <= 1.0 <= b and c <= 2.0 <= d


def test_a_surface_prints_its_structure() -> None:
    surface = get_surface("saddle")
    assert (
        repr(surface)
        == "Surface('saddle', loss='w1^2 - w2^2 + w2^4/4', dips=[(0, -1.414), (0, 1.414)], saddles=[(0, 0)])"
    )
    text = str(surface)
    assert "CriticalPoint(saddle at (0.0000, 0.0000), loss=0, curvatures=(-2, 2))" in text
    assert (
        "CriticalPoint(global minimum at (0.0000, 1.4142), loss=-1, curvatures=(2, 4), bound=0.5, condition=2)" in text
    )


def test_the_listing_gives_every_surface_with_its_dips_bounds_and_conditions() -> None:
    listing = surface_listing()
    assert [s["name"] for s in listing] == NAMES
    ravine = listing[1]
    assert ravine["parameters"] == {"stretch": 10.0}
    (dip,) = ravine["dips"]
    assert dip["w"] == [0.0, 0.0] and dip["stability_bound"] == pytest.approx(0.1)
    assert dip["condition"] == pytest.approx(10.0) and dip["global"] is True
    himmelblau = listing[4]
    assert (len(himmelblau["dips"]), len(himmelblau["saddles"]), len(himmelblau["hilltops"])) == (4, 4, 1)
    assert himmelblau["saddles"][0]["stability_bound"] is None
    import json

    json.dumps(listing)  # plain data all the way down


def test_a_dips_speed_zones_follow_its_largest_curvature() -> None:
    (dip,) = get_surface("ravine").minima  # largest curvature 20: smooth to 0.05, swinging to 0.1
    assert [dip.zone(s) for s in (0.01, 0.05, 0.07, 0.1, 0.2)] == [
        "smooth",
        "smooth",
        "swinging",
        "unstable",
        "unstable",
    ]
    assert dip.fastest_stable_speed == pytest.approx(0.05)
    (saddle,) = get_surface("saddle").saddles
    assert saddle.zone(0.01) == "unstable"


def test_a_built_in_takes_its_own_parameters_by_name() -> None:
    assert get_surface("ravine", stretch=25.0).minima[0].condition == pytest.approx(25.0)
    assert get_surface("round-bowl", a=3.0).minima[0].curvatures == pytest.approx((6.0, 6.0))
    with pytest.raises(SettingError, match="the surface 'ravine' has no setting 'width': it takes stretch"):
        get_surface("ravine", width=2.0)
    with pytest.raises(SettingError, match="it takes none"):
        get_surface("himmelblau", stretch=2.0)
    assert get_surface("ravine") is get_surface("ravine")  # the defaults are built once


def test_the_loss_field_for_a_contour_map_is_the_loss_at_each_grid_point() -> None:
    surface = get_surface("himmelblau")
    w1, w2, losses = surface.field(50)
    assert losses.shape == (50, 50) and w1[0] == -5.0 and w2[-1] == 5.0
    assert losses[7, 31] == surface.loss([w1[31], w2[7]])  # row: w2, column: w1
    _, _, flat = get_surface("round-bowl").field(3, window=((0.0, 1.0), (0.0, 1.0)))
    np.testing.assert_array_equal(flat, [[0.0, 0.25, 1.0], [0.25, 0.5, 1.25], [1.0, 1.25, 2.0]])
    with pytest.raises(ValueError, match="2 to 4000 points"):
        surface.field(1)


def test_the_docs_examples_print_what_the_docs_show() -> None:
    from pathlib import Path

    from foggyhill.core import descend_surface

    text = (Path(__file__).resolve().parents[2] / "docs" / "surfaces.md").read_text(encoding="utf-8")
    assert repr(get_surface("saddle")) in text
    run = descend_surface("rosenbrock", start="-1.5,2", speed=0.001, steps=20000)
    assert repr(run) in text
    assert f"about {get_surface('rosenbrock').minima[0].condition:,.0f}" in text
