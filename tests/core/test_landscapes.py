"""Landscapes: derivatives against finite differences, minima, stability bounds."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.core import LANDSCAPES, SettingError, get_landscape, peek, stability_bounds


@pytest.mark.parametrize("name", list(LANDSCAPES))
def test_slope_and_curvature_match_finite_differences(name: str) -> None:
    land = get_landscape(name)
    lo, hi = land.window
    ws = np.linspace(lo, hi, 37) + 0.0123  # off-grid so the v-shape's kink is never sampled
    h = 1e-5
    slope_fd = (land.loss(ws + h) - land.loss(ws - h)) / (2 * h)
    curv_fd = (land.slope(ws + h) - land.slope(ws - h)) / (2 * h)
    np.testing.assert_allclose(land.slope(ws), slope_fd, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(land.curvature(ws), curv_fd, rtol=1e-5, atol=1e-5)


def test_default_curve_has_a_shallow_dip_left_and_the_lowest_point_right() -> None:
    land = get_landscape("tilted-double-well")
    local, best = land.minima
    assert local.w == pytest.approx(-0.856, abs=1e-3) and not local.is_global
    assert best.w == pytest.approx(1.2345, abs=1e-4) and best.is_global
    assert best.loss == pytest.approx(-0.8276, abs=1e-4)
    assert land.start == -2.0
    assert [m.w for m in land.maxima] == [pytest.approx(-0.3785, abs=1e-3)]


def test_stability_bounds_of_the_default_curve() -> None:
    bounds = {round(b.minimum.w, 2): b for b in stability_bounds(get_landscape("tilted-double-well"))}
    assert bounds[1.23].bound == pytest.approx(0.593, abs=1e-3)
    assert bounds[-0.86].bound == pytest.approx(2.004, abs=1e-3)
    assert bounds[1.23].fastest == pytest.approx(0.2966, abs=1e-3)
    assert [bounds[1.23].zone(s) for s in (0.2, 0.5, 0.6)] == ["smooth", "swinging", "unstable"]


def test_every_builtin_has_its_lowest_point_inside_its_window() -> None:
    for land in LANDSCAPES.values():
        assert land.global_minimum is not None
        lo, hi = land.window
        assert lo < land.global_minimum.w < hi and lo <= land.start <= hi


def test_wavy_has_several_dips_and_the_v_shape_has_no_stability_bound() -> None:
    assert len(get_landscape("wavy").minima) >= 3
    (bottom,) = get_landscape("v-shape").minima
    assert bottom.w == 0.0 and bottom.stability_bound is None


def test_plateau_is_nearly_flat_at_its_start() -> None:
    land = get_landscape("plateau")
    assert abs(float(land.slope(land.start))) < 0.05


def test_unknown_landscape_names_the_choices() -> None:
    with pytest.raises(SettingError, match="unknown landscape 'bowel': choose one of tilted-double-well, bowl"):
        get_landscape("bowel")


def test_peek_spans_the_window() -> None:
    land = get_landscape("bowl")
    rows = peek(land, points=5)
    assert [r["w"] for r in rows] == [-3.0, -1.5, 0.0, 1.5, 3.0]
    assert [r["loss"] for r in rows] == [9.0, 2.25, 0.0, 2.25, 9.0]
