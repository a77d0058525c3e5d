"""How far each run is from the lowest point, on the log scale all its charts share: the numbers are the engine's,
and on that scale a speed just below 2 / curvature visibly closes in while one just above does not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foggyhill.core import TOLERANCE, descend, get_landscape
from foggyhill.timeline import PHASE_NAMES, PHASE_WORDS, ShowSettings, build_timeline, parse_show, readable, state_at
from foggyhill.timeline.distance import decade_label

DEFAULT = build_timeline(ShowSettings())
EDGE = build_timeline(parse_show({"speeds": "0.59,0.6", "steps": "150", "step_budget": "0.3"}))
WELL = get_landscape("tilted-double-well")


def test_distances_are_the_engines_trajectory_measured_to_its_lowest_point() -> None:
    bottom = WELL.global_minimum
    assert DEFAULT.scale.bottom == bottom.w and DEFAULT.scale.bound == pytest.approx(2 / bottom.curvature)
    for plan in DEFAULT.runs:
        engine = descend(start=-2.0, speed=plan.speed, steps=20)
        assert plan.distances == pytest.approx(np.abs(engine.ws - bottom.w).tolist(), abs=0)


def test_a_frame_shows_the_distances_so_far() -> None:
    plan = DEFAULT.runs[1]
    view = state_at(DEFAULT, plan.steps[4].moves_at + 0.01).runs[1]
    assert view.distances == plan.distances[:6] and len(view.distances) == len(view.losses)
    assert state_at(DEFAULT, 0.0).runs[1].distances == ()


def edge_share(index: int, step: int) -> float:
    """Where run `index` of the 0.59-against-0.6 show is on its chart's height at `step` (0 foot, 1 top)."""
    plan = EDGE.runs[index]
    if index == 1:  # 0.6 swings between two places: read the wider of its last two
        return max(EDGE.scale.share(d) for d in plan.distances[step - 1 : step + 1])
    return EDGE.scale.share(plan.distances[step])


def test_just_below_the_limit_the_line_visibly_falls_just_above_it_stays_flat() -> None:
    """The lesson's claim on the chart itself: 0.59 < 2 / curvature ≈ 0.593 < 0.6."""
    assert EDGE.runs[0].speed < EDGE.scale.bound < EDGE.runs[1].speed
    falls = edge_share(0, 30) - edge_share(0, 150)
    drifts = abs(edge_share(1, 70) - edge_share(1, 150))
    assert falls > 0.08  # a tenth of the chart's height: seen at a glance
    assert drifts < 0.005  # flat to the pixel
    assert EDGE.runs[0].distances[-1] < TOLERANCE < EDGE.runs[1].distances[-1]
    assert [plan.how_far for plan in EDGE.runs] == [  # under 0.001 reads so, not rounded up to it
        "0.0009 from the lowest point after 150 steps",
        "0.068 from the lowest point after 150 steps",
    ]


def test_a_settling_run_falls_in_a_straight_line() -> None:
    """Below the limit each swing (two steps, one each side) shrinks the distance by the same factor."""
    logs = np.log10(EDGE.runs[0].distances[20:])
    drops = logs[:-2] - logs[2:]
    assert np.all(drops > 0) and np.ptp(drops) < 0.1 * drops.mean()


def test_one_scale_for_every_run_from_a_decade_above_the_window_to_below_the_closest() -> None:
    scale = DEFAULT.scale
    lo, hi = WELL.window
    assert 10**scale.high >= hi - lo > 10 ** (scale.high - 1)
    closest = min(d for plan in DEFAULT.runs for d in plan.distances if d > 0)
    assert 10**scale.low <= closest < 10 ** (scale.low + 1)
    assert scale.low < math.log10(scale.settled)  # the engine's "settled" line is always on the chart
    assert 0 in scale.ticks and len(scale.ticks) <= 5
    assert scale.share(0.0) == 0.0 and scale.share(10**scale.high) == 1.0 and scale.share(1e300) == 1.0


def test_a_run_that_lands_exactly_on_the_bottom_is_drawn_at_the_foot() -> None:
    show = build_timeline(ShowSettings(landscape="bowl", speeds=(0.5,), steps=5))
    assert show.runs[0].distances[1:] == (0.0,) * 5  # speed 1 / curvature: there in one step
    assert show.scale.share(0.0) == 0.0 and show.scale.low == -4


def test_the_summary_tells_the_tuned_run_from_the_swinging_one() -> None:
    crawl, tuned, swing = (plan.how_far for plan in DEFAULT.runs)
    assert tuned == "1.32\u2009×\u200910⁻⁶ from the lowest point after 20 steps"
    assert swing == "0.079 from the lowest point after 20 steps"
    assert crawl.startswith("2.423 from the lowest point")
    assert DEFAULT.limit_words == (
        "The lowest point can hold a run only below 2\u00a0/\u00a0curvature = 0.593: here 0.02 and 0.46 are below, "
        "0.6 is above."
    )


def test_the_summary_names_a_flight_and_a_show_all_on_one_side() -> None:
    show = build_timeline(ShowSettings(speeds=(0.7, 0.9)))
    assert [p.how_far for p in show.runs] == [f"flew off at step {p.verdict.step}" for p in show.runs]
    assert show.limit_words.endswith("every speed here is above it.")
    kink = build_timeline(ShowSettings(landscape="v-shape"))
    assert kink.scale.bound is None and "kink" in kink.limit_words


def test_the_json_carries_the_scale_the_distances_and_the_summary_words() -> None:
    data = EDGE.to_dict()
    assert data["distance"]["ticks"] == [{"exponent": e, "label": decade_label(e)} for e in EDGE.scale.ticks]
    assert data["distance"]["settled"] == TOLERANCE and data["distance"]["bound"] == EDGE.scale.bound
    assert data["runs"][1]["distances"] == list(EDGE.runs[1].distances)
    assert data["runs"][0]["how_far"] == EDGE.runs[0].how_far and data["summary"]["limit"] == EDGE.limit_words


def test_the_phases_have_the_learners_words() -> None:
    assert [PHASE_WORDS[name] for name in PHASE_NAMES] == ["", "feel the slope", "step", "settle"]
    assert [p["words"] for p in DEFAULT.to_dict()["phases"]] == ["", "feel the slope", "step", "settle"]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0.0791, "0.079"),
        (2.0, "2"),
        (-0.815, "−0.815"),
        (0.0625, "0.063"),  # a tie rounds up, as toFixed does
        (1.3e-6, "1.3\u2009×\u200910⁻⁶"),
        (19600.0, "1.96\u2009×\u200910⁴"),
        (float("nan"), "—"),
    ],
)
def test_numbers_read_as_the_page_writes_them(value: float, words: str) -> None:
    assert readable(value) == words


def test_decades_read_as_numbers_down_to_a_thousandth_then_as_powers_of_ten() -> None:
    assert [decade_label(e) for e in (1, 0, -2, -3, -4, -12)] == ["10", "1", "0.01", "0.001", "10⁻⁴", "10⁻¹²"]


def test_a_curve_without_a_dip_is_measured_to_its_lowest_place_in_view() -> None:
    from foggyhill.core import formula_landscape
    from foggyhill.timeline.distance import lowest_point

    slope = formula_landscape("w")  # no dip: the lowest place shown is the window's left edge
    assert slope.global_minimum is None
    assert lowest_point(slope) == (slope.window[0], None)
