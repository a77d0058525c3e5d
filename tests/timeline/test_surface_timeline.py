"""A run (or race) on a surface laid out in time: steps land where the engine put them, the ball never jumps, one
tone per step at the pitch of its loss, the timing chosen from the steps, races checked."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.core import SettingError
from foggyhill.core.surfaces import parse_surface_settings
from foggyhill.timeline.surface import (
    DEFAULT_RACE,
    LONGEST_STEP,
    SurfaceShow,
    SurfaceTimeline,
    build_surface_timeline,
    parse_race,
    parse_surface_show,
    surface_state_at,
)

SHOW = SurfaceShow(step_budget=0.5, intro=0.5, card=1.0)


def timeline(
    optimizers: tuple[str, ...] | None = None, show: SurfaceShow = SHOW, **settings: object
) -> SurfaceTimeline:
    raw = {"landscape": "rosenbrock", "start": "-1.5,2", "speed": 0.001, "steps": 12, "optimizer": "momentum"}
    return build_surface_timeline(parse_surface_settings({**raw, **settings}), show, optimizers)


def test_the_same_settings_give_the_same_timeline() -> None:
    a, b = timeline(), timeline()
    assert a.tones == b.tones and a.lanes[0].steps == b.lanes[0].steps and a.total == b.total
    assert surface_state_at(a, 3.21) == surface_state_at(b, 3.21)


def test_each_step_lands_where_the_engine_put_the_ball() -> None:
    tl = timeline()
    ws = tl.lanes[0].run.ws
    for step in tl.lanes[0].steps:
        ball = surface_state_at(tl, step.end).balls[0]
        assert ball.w == tuple(ws[step.step]) and ball.landed == step.step, step
        assert step.w_from == tuple(ws[step.step - 1])


def test_the_ball_glides_without_jumps() -> None:
    tl = timeline(steps=6)
    times = np.arange(0.0, tl.total, 0.002)
    ws = np.array([surface_state_at(tl, t).balls[0].w for t in times])
    moves = np.hypot(*np.diff(ws, axis=0).T)
    longest_step = float(np.max(np.hypot(*np.diff(tl.lanes[0].run.ws, axis=0).T)))
    assert moves.max() < 0.1 * longest_step  # a jump would cover a whole step in one sample


def test_the_arrow_shows_the_slope_while_the_ball_rests_and_the_card_comes_at_the_end() -> None:
    tl = timeline()
    step = tl.lanes[0].steps[3]
    resting = surface_state_at(tl, (step.start + step.moves_at) / 2 + 0.05)
    assert resting.balls[0].arrow is not None and resting.balls[0].arrow.opacity > 0.5
    assert resting.balls[0].arrow.slope == step.slope and resting.section == "run"
    assert surface_state_at(tl, step.end - 0.01).balls[0].arrow is None
    assert surface_state_at(tl, 0.1).section == "intro" and surface_state_at(tl, 0.1).intro_opacity == 1.0
    end = surface_state_at(tl, tl.total)
    assert end.section == "card" and end.card_opacity == 1.0 and end.step == 12


def test_one_tone_per_step_as_the_ball_leaves_with_pitch_falling_as_the_loss_falls() -> None:
    tl = timeline(landscape="round-bowl", start=None, speed=0.1, optimizer="plain", steps=10)
    steps = tl.lanes[0].steps
    assert len(tl.tones) == 10 and [t.start for t in tl.tones] == [s.moves_at for s in steps]
    losses = [t.loss for t in tl.tones]
    assert losses == sorted(losses, reverse=True)  # plain descent in a round bowl: the loss falls every step
    frequencies = [t.frequency for t in tl.tones]
    assert frequencies == sorted(frequencies, reverse=True) and frequencies[0] > frequencies[-1]
    assert tl.pitch.envelope.duration < tl.budget  # a lane's tones never overlap


def test_the_step_budget_shrinks_for_long_runs_and_the_length_adds_up() -> None:
    assert SurfaceShow().budget(10) == LONGEST_STEP
    assert SurfaceShow().budget(100) < SurfaceShow().budget(20) < SurfaceShow().budget(10) + 1e-12
    assert 60 < 1000 * SurfaceShow().budget(1000) < 120  # a thousand steps: a minute or two, not ten
    assert SurfaceShow(step_budget=0.3).budget(1000) == 0.3
    tl = timeline()
    assert tl.total == pytest.approx(0.5 + 12 * 0.5 + 1.0)
    with pytest.raises(SettingError, match="step_budget must be a number at least 0.02"):
        parse_surface_show({"step_budget": "0"})


def test_a_race_steps_every_ball_together_each_with_its_tones() -> None:
    tl = timeline(("plain", "momentum", "adam"), landscape="ravine", start=None, speed=0.05, steps=8)
    assert [lane.optimizer for lane in tl.lanes] == ["plain", "momentum", "adam"] and tl.is_race
    assert len(tl.tones) == 24 and {t.run for t in tl.tones} == {0, 1, 2}
    state = surface_state_at(tl, tl.lanes[0].steps[4].end)
    assert [b.heard for b in state.balls] == [5, 5, 5]
    assert tl.pitch.envelope.gain < 0.3  # three balls sound at once: each more quietly


def test_a_race_needs_known_rules_each_once() -> None:
    assert parse_race(None) == DEFAULT_RACE
    assert parse_race("adam,newton") == ("adam", "newton")
    with pytest.raises(SettingError, match="each optimizer must be one of plain"):
        parse_race("plain,zoom")
    with pytest.raises(SettingError, match="may race once"):
        parse_race("plain,adam,plain")


def test_a_ball_that_flies_off_leaves_the_picture_on_its_last_step() -> None:
    tl = timeline(landscape="round-bowl", start=None, speed=1.5, optimizer="plain", steps=40)
    lane = tl.lanes[0]
    assert lane.run.verdict.kind == "diverged" and lane.steps[-1].flew_off
    assert len(lane.steps) == len(lane.run.steps)  # every step the engine took, and the flight
    assert tl.run_end == pytest.approx(0.5 + len(lane.steps) * 0.5)  # the video does not wait out the other steps
    assert surface_state_at(tl, tl.total).balls[0].flown


def test_a_long_crawl_keeps_falling_in_pitch_decade_by_decade() -> None:
    """On Rosenbrock's valley floor the loss falls by powers of ten: the notes keep falling, no note holds the run."""
    tl = timeline(steps=600)
    frequencies = [t.frequency for t in tl.tones]
    held = max(frequencies.count(f) for f in set(frequencies))
    assert held < 0.4 * len(frequencies) and len(set(frequencies)) >= 8
    assert frequencies[0] == max(frequencies) and frequencies[-1] < frequencies[len(frequencies) // 4]
