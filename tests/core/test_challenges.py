"""The challenges a teacher sets, checked against real runs: met and not met, and the numbers in the words true."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foggyhill.core import CHALLENGES, Challenge, SettingError, descend, get_landscape, parse_challenge
from foggyhill.core.challenges import challenge_listing
from foggyhill.core.verdicts import TOLERANCE, settle_step

WELL = "tilted-double-well"


def numbers(words: str) -> list[float]:
    """Every number written in the words, in order."""
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", words)]


def test_settle_within_met_when_the_run_settles_at_the_lowest_point_in_time() -> None:
    run = descend(WELL, start=-2, speed=0.5)
    judged = Challenge("settle-within", 40).check(run)
    assert judged.met and judged.headline == "Challenge met"
    lowest = get_landscape(WELL).global_minimum
    assert lowest is not None
    settled = settle_step(run.ws, lowest.w, TOLERANCE)
    assert judged.progress == f"It settled at the lowest point in {settled} steps."


def test_settle_within_says_how_many_steps_too_many() -> None:
    run = descend(WELL, start=-2, speed=0.5)
    judged = Challenge("settle-within", 10).check(run)
    assert not judged.met and judged.headline == "Not yet"
    took = run.verdict.step
    assert numbers(judged.progress)[:3] == [took, took - 10, 10]
    assert dict(judged.facts)["over"] == took - 10


def test_settle_within_stuck_in_the_shallow_dip_says_how_far_from_the_lowest_point() -> None:
    run = descend(WELL, start=-2, speed=0.1)
    judged = Challenge("settle-within", 40).check(run)
    assert not judged.met and "shallow dip" in judged.progress
    lowest = get_landscape(WELL).global_minimum
    assert lowest is not None
    assert dict(judged.facts)["away"] == pytest.approx(abs(run.steps[-1].w - lowest.w))
    assert f"{abs(run.steps[-1].w - lowest.w):.3g} from the lowest point" in judged.progress


@settings(max_examples=30, deadline=None)
@given(speed=st.floats(0.01, 1.2), goal=st.integers(1, 200))
def test_settle_within_is_met_exactly_when_the_verdict_says_settled_in_time(speed: float, goal: int) -> None:
    run = descend(WELL, start=-2, speed=speed, steps=200)
    met = run.verdict.kind == "converged-global" and run.verdict.step <= goal
    assert Challenge("settle-within", goal).check(run).met == met


def test_escape_dip_met_by_a_speed_that_crosses_the_hilltop() -> None:
    judged = Challenge("escape-dip").check(descend(WELL, start=-2, speed=0.5))
    assert judged.met, judged.progress


def test_escape_dip_unmet_says_how_far_the_ball_got_toward_the_hilltop() -> None:
    run = descend(WELL, start=-2, speed=0.1)
    judged = Challenge("escape-dip").check(run)
    facts = dict(judged.facts)
    assert not judged.met
    assert facts["farthest"] == pytest.approx(float(run.ws.max()))
    hill = get_landscape(WELL).maxima[0]
    assert facts["hilltop"] == pytest.approx(hill.w)
    assert f"reached w = {run.ws.max():.3f}" in judged.progress and f"at w = {hill.w:.3f}" in judged.progress


def test_escape_dip_from_a_start_above_the_deepest_dip_is_not_an_escape() -> None:
    judged = Challenge("escape-dip").check(descend(WELL, start=2, speed=0.1))
    assert not judged.met and "start above a shallow dip" in judged.progress


def test_largest_speed_met_just_below_the_bound_and_not_far_below_it() -> None:
    bound = 1.0  # the bowl w^2: curvature 2, so 2/curvature is 1
    assert Challenge("largest-speed", 5.0).check(descend("bowl", speed=0.97, steps=100)).met
    far = Challenge("largest-speed", 5.0).check(descend("bowl", speed=0.5))
    assert not far.met
    assert dict(far.facts)["short"] == pytest.approx(100 * (bound - 0.5) / bound)
    assert "50.0% below the largest speed that settles" in far.progress


def test_largest_speed_above_the_bound_is_too_fast_by_its_percent() -> None:
    judged = Challenge("largest-speed", 5.0).check(descend("bowl", speed=1.1))
    assert not judged.met and judged.progress.startswith("Too fast")
    assert "10.0% above the largest speed that settles" in judged.progress


@settings(max_examples=40, deadline=None)
@given(speed=st.floats(0.3, 1.3), goal=st.floats(0.1, 50))
def test_largest_speed_is_met_exactly_within_the_goal_below_the_bound(speed: float, goal: float) -> None:
    met = Challenge("largest-speed", goal).check(descend("bowl", speed=speed, steps=60)).met
    assert met == (100 * (1.0 - speed) / 1.0 <= goal and speed < 1.0)  # within goal% of the bound 1, below it


def test_largest_speed_is_for_plain_steps_only() -> None:
    judged = Challenge("largest-speed", 5.0).check(descend("bowl", speed=0.98, optimizer="momentum"))
    assert not judged.met and "plain steps" in judged.progress


def test_swing_forever_met_at_the_bound_and_told_too_fast_or_too_calm_around_it() -> None:
    assert Challenge("swing-forever").check(descend("bowl", speed=1.0)).met
    fast = Challenge("swing-forever").check(descend("bowl", speed=1.5))
    calm = Challenge("swing-forever").check(descend("bowl", speed=0.3))
    assert not fast.met and fast.progress.startswith("Too fast") and "flew off" in fast.progress
    assert not calm.met and calm.progress.startswith("Too calm")
    assert dict(fast.facts)["step"] == descend("bowl", speed=1.5).verdict.step


def test_swing_forever_is_not_met_by_noise() -> None:
    judged = Challenge("swing-forever").check(descend("bowl", speed=1.0, noise=0.5))
    assert not judged.met


def test_parse_challenge_takes_each_kinds_default_goal_and_refuses_in_words() -> None:
    assert parse_challenge({}) is None
    assert parse_challenge({"challenge": "settle-within"}) == Challenge("settle-within", 40)
    assert parse_challenge({"challenge": "settle-within", "goal": "25"}) == Challenge("settle-within", 25)
    assert parse_challenge({"challenge": "escape-dip"}) == Challenge("escape-dip")
    cases = [
        ({"challenge": "fly"}, "challenge must be one of settle-within"),
        ({"challenge": "settle-within", "goal": "2.5"}, "for settle-within, goal must be a whole number"),
        ({"challenge": "largest-speed", "goal": "80"}, "for largest-speed, goal must be a number at least 0.1"),
        ({"challenge": "swing-forever", "goal": "3"}, "takes no goal"),
        ({"goal": "3"}, "goal needs a challenge"),
    ]
    for raw, words in cases:
        with pytest.raises(SettingError, match=words) as caught:
            parse_challenge(raw)
        assert caught.value.field in ("challenge", "goal")


def test_every_kind_is_listed_with_its_task_and_goal() -> None:
    listed = {kind["name"]: kind for kind in challenge_listing()}
    assert list(listed) == list(CHALLENGES)
    assert listed["settle-within"]["goal"] == {
        "kind": "int",
        "default": 40,
        "minimum": 1,
        "maximum": 100_000,
        "help": "settle in at most this many steps",
    }
    assert listed["escape-dip"]["goal"] is None
    assert Challenge("settle-within", 40).words == "Settle at the lowest point in at most 40 steps."
    assert np.isfinite(listed["largest-speed"]["goal"]["maximum"])  # type: ignore[index]
