"""What a frame shows at time t, read off the timeline."""

from __future__ import annotations

import json

import pytest

from foggyhill.timeline import ShowSettings, build_timeline, spring, state_at

SHOW = build_timeline(ShowSettings())
FIRST = SHOW.runs[0]


def test_intro_shows_the_first_ball_at_the_start() -> None:
    state = state_at(SHOW, 0.0)
    assert state.section == "intro" and state.intro_opacity == 1.0
    assert state.ball_w == -2.0 and state.tangent is None
    assert all(v.status == "waiting" for v in state.runs)


def test_the_four_phases_of_a_step() -> None:
    step = FIRST.steps[2]
    idle, gradient, move, done = step.phases
    at = {name: state_at(SHOW, (p.start + p.end) / 2) for name, p in zip("igsd", step.phases, strict=True)}
    assert [at[k].phase for k in "igsd"] == ["idle", "gradient", "step", "done"]
    assert all(at[k].current_step == 3 for k in "igsd")
    assert at["i"].tangent is None and at["d"].tangent is None
    assert at["g"].tangent is not None and at["g"].tangent.w == step.w_from and at["g"].tangent.slope == step.slope
    assert state_at(SHOW, gradient.end - 1e-9).tangent.opacity == pytest.approx(1.0)
    assert at["i"].step == 2 and at["s"].step == 3  # the move of step 3 has begun
    t = (move.start + move.end) / 2
    assert at["s"].ball_w == pytest.approx(spring(t - move.start, step.w_from, step.w_to))


def test_the_ball_is_where_the_spring_puts_it_between_steps() -> None:
    before = FIRST.steps[4].moves_at - 1e-6
    assert state_at(SHOW, before).ball_w == pytest.approx(FIRST.steps[3].w_to, abs=1e-3)
    assert state_at(SHOW, FIRST.steps[4].moves_at).ball_w == FIRST.steps[4].w_from


def test_chart_points_grow_with_each_move_and_stay_after_the_run() -> None:
    counts = [len(state_at(SHOW, s.moves_at + 0.01).runs[0].losses) for s in FIRST.steps]
    assert counts == list(range(2, 22))
    later = state_at(SHOW, SHOW.runs[1].start + 1.0)
    assert later.runs[0].status == "finished" and len(later.runs[0].losses) == 21
    assert later.runs[0].headline == "Still crawling"
    assert later.runs[1].status == "playing" and later.runs[2].status == "waiting"


def test_a_card_follows_each_run_and_the_summary_closes() -> None:
    for plan in SHOW.runs:
        state = state_at(SHOW, (plan.end + plan.card_end) / 2)
        assert state.section == "card" and state.card is not None
        assert state.card.headline == plan.verdict.headline and state.card.opacity == 1.0
    end = state_at(SHOW, SHOW.total)
    assert end.section == "summary" and end.summary_opacity == 1.0
    assert [v.kind for v in end.runs] == ["crawling", "converged-global", "oscillating"]


def test_state_is_a_pure_function_of_t() -> None:
    times = [i * 0.37 for i in range(170)]
    first = [json.dumps(state_at(SHOW, t).to_dict()) for t in times]
    again = [json.dumps(state_at(build_timeline(ShowSettings()), t).to_dict()) for t in reversed(times)]
    assert first == list(reversed(again))
    assert state_at(SHOW, -5).t == 0.0 and state_at(SHOW, 1e9).t == SHOW.total


def test_a_ball_that_flies_off_is_marked_flown() -> None:
    show = build_timeline(ShowSettings(speeds=(2.0,), steps=10))
    last = show.runs[0].steps[-1]
    state = state_at(show, last.moves_at + 0.3)
    assert state.flown and state.current_step == last.step
    assert not state_at(show, show.runs[0].start).flown
    assert state_at(show, show.runs[0].end - 0.01).flown
