"""Where a surface sits in the frame: one scale unless the window is too stretched, and paths cut (not bent) at the
edge of what is drawn."""

from __future__ import annotations

import numpy as np

from foggyhill.core.surfaces import get_surface
from foggyhill.render.surface_frame import clipped_runs, frame_of, same_scale

LOW, HIGH = np.array([-1.0, -1.0]), np.array([1.0, 1.0])


def test_one_scale_for_both_axes_unless_the_window_is_too_stretched() -> None:
    ravine = frame_of(get_surface("ravine"), 0, 0, 1000, 1000)
    assert (
        same_scale(ravine.window) and abs(ravine.sx - ravine.sy) < 0.01 * ravine.sx
    )  # to the whole pixel and ravine.height < ravine.width
    lemonade = frame_of(get_surface("lemonade-line"), 0, 0, 1000, 800)
    assert not same_scale(lemonade.window) and (lemonade.width, lemonade.height) == (1000, 800)
    assert np.allclose(ravine.point((0.0, 0.0)), (ravine.left + ravine.width / 2, ravine.top + ravine.height / 2))


def test_a_path_inside_the_box_is_drawn_whole() -> None:
    points = np.array([[0.0, 0.0], [0.5, 0.2], [-0.3, 0.9]])
    (run,) = clipped_runs(points, LOW, HIGH)
    assert np.array_equal(run, points)


def test_segments_that_leave_the_box_are_cut_on_their_own_line() -> None:
    """A swing through the middle out to huge numbers stays on its line: clamping each point would bend it."""
    points = np.array([[0.5, 0.5], [-3000.0, -2999.0], [4000.0, 4001.0], [5.0, 5.0]])
    runs = clipped_runs(points, LOW, HIGH)
    assert len(runs) == 2  # the last segment lies outside altogether
    for run in runs:
        assert np.all((run >= LOW - 1e-12) & (run <= HIGH + 1e-12))
    first, second = runs
    assert np.allclose(first[0], [0.5, 0.5])
    for run, (a, b) in ((first, points[0:2]), (second, points[1:3])):
        d = b - a
        for p in run:  # each drawn point lies on its own segment's line
            assert abs((p - a)[0] * d[1] - (p - a)[1] * d[0]) < 1e-6 * np.hypot(*d)
