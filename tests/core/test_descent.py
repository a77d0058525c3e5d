"""Descent runs and their verdicts."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foggyhill.core import FIELDS, OPTIMIZERS, SCHEDULES, Field, SettingError, descend, get_landscape, judge


@pytest.mark.parametrize(
    ("speed", "steps", "kind"),
    [
        (0.02, 60, "crawling"),
        (0.1, 200, "stuck-local"),
        (0.46, 30, "converged-global"),
        (0.6, 100, "oscillating"),
        (1.5, 100, "diverged"),
    ],
)
def test_the_five_verdicts_on_the_default_curve(speed: float, steps: int, kind: str) -> None:
    run = descend(start=-2.0, speed=speed, steps=steps)
    assert run.verdict.kind == kind
    assert run.verdict.explanation.endswith(".") and len(run.verdict.explanation) < 260


def test_tuned_speed_settles_by_step_12_and_stays() -> None:
    run = descend(start=-2.0, speed=0.46, steps=30)
    assert run.verdict.step <= 12
    assert np.all(np.abs(run.ws[run.verdict.step :] - 1.2345) < 1e-3)


def test_one_step_at_the_tuned_speed_lands_at_0_76() -> None:
    run = descend(start=-2.0, speed=0.46, steps=1)
    assert run.steps[1].w == pytest.approx(0.76)
    assert run.steps[1].taken == pytest.approx(2.76)
    assert run.steps[0].slope == pytest.approx(-6.0)


def test_divergence_is_reported_at_its_step_without_nan() -> None:
    run = descend(start=-2.0, speed=1.5, steps=100)
    assert run.verdict.step == len(run.steps)
    for step in run.steps:
        assert all(math.isfinite(x) for x in (step.w, step.loss, step.slope, step.taken))


def test_oscillation_swings_around_the_lowest_point() -> None:
    run = descend(start=-2.0, speed=0.6, steps=100)
    tail = run.ws[-10:]
    assert tail.min() < 1.2345 < tail.max()
    assert 0 < run.verdict.step < 100


def test_stuck_local_names_both_dips() -> None:
    v = descend(start=-2.0, speed=0.1, steps=200).verdict
    assert "-0.856" in v.explanation and "1.235" in v.explanation


def test_to_dict_has_the_documented_shape() -> None:
    data = descend(start=-2.0, speed=0.46, steps=3).to_dict()
    assert data["landscape"] == "tilted-double-well"
    assert data["settings"]["speed"] == 0.46 and data["settings"]["start"] == -2.0
    assert data["steps"][0] == {"step": 0, "w": -2.0, "loss": pytest.approx(2.4), "slope": -6.0, "taken": 0.0}
    assert set(data["verdict"]) >= {"kind", "step", "explanation"}


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_every_optimizer_gets_downhill(optimizer: str) -> None:
    run = descend("bowl", speed=0.2, steps=400, optimizer=optimizer)
    assert run.losses[-1] < 0.05 * run.losses[0]


def test_momentum_rolls_through_the_shallow_dip() -> None:
    assert descend(speed=0.1, steps=200, optimizer="plain").verdict.kind == "stuck-local"
    assert descend(speed=0.1, steps=200, optimizer="momentum").verdict.kind == "converged-global"


@pytest.mark.parametrize("schedule", list(SCHEDULES))
def test_noisy_runs_repeat_exactly_with_the_same_seed(schedule: str) -> None:
    a = descend(speed=0.1, steps=80, noise=0.5, seed=7, schedule=schedule)
    b = descend(speed=0.1, steps=80, noise=0.5, seed=7, schedule=schedule)
    c = descend(speed=0.1, steps=80, noise=0.5, seed=8, schedule=schedule)
    assert np.array_equal(a.ws, b.ws)
    assert not np.array_equal(a.ws, c.ws)


def test_robbins_monro_calms_the_noise() -> None:
    spread = {}
    for schedule in ("constant", "robbins-monro"):
        ends = [descend("bowl", speed=0.3, steps=300, noise=2.0, seed=s, schedule=schedule).ws[-1] for s in range(30)]
        spread[schedule] = np.std(ends)
    assert spread["robbins-monro"] < 0.5 * spread["constant"]


def just_outside(field: Field) -> object:
    """A value the field refuses: a word it does not know, one character too many, or just past its maximum."""
    if field.kind == "choice":
        return "no-such-" + field.name
    if field.kind == "text":
        return "w" * (int(field.maximum or 0) + 1)
    return int(field.maximum or 0) + 1 if field.kind == "int" else float(field.maximum or 0) * 2


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"speed": 0}, "speed"),
        ({"speed": -1}, "speed"),
        ({"speed": "fast"}, "speed"),
        ({"steps": 2.5}, "steps"),
        ({"seed": -1}, "seed"),
        ({"start": float("nan")}, "start"),
        *(({name: just_outside(spec)}, name) for name, spec in FIELDS.items()),  # every field, whatever it is
    ],
)
def test_bad_settings_name_the_field_and_what_is_allowed(settings: dict[str, object], field: str) -> None:
    with pytest.raises(SettingError) as caught:
        descend(**settings)
    raw = settings[field]
    got = f"{len(raw)} characters" if FIELDS[field].kind == "text" and isinstance(raw, str) else repr(raw)
    assert caught.value.field == field
    assert str(caught.value) == f"{field} must be {FIELDS[field].allowed()} (got {got})"


def test_an_unknown_setting_is_named_with_every_setting_allowed() -> None:
    with pytest.raises(SettingError) as caught:
        descend(rounds=3)
    assert caught.value.field == "rounds"
    assert str(caught.value) == f"unknown setting 'rounds': allowed are {', '.join(FIELDS)}"


def test_judge_sees_a_run_that_stays_put_off_a_minimum_as_crawling() -> None:
    land = get_landscape("tilted-double-well")
    top = land.maxima[0].w
    assert judge(land, np.full(10, top)).kind == "crawling"


BOWL_BOUND = 1.0  # the bowl w^2 has curvature 2


@settings(max_examples=60, deadline=None)
@given(
    speed=st.floats(min_value=1e-3, max_value=BOWL_BOUND * 0.999),
    start=st.floats(-3, 3).filter(lambda w: abs(w) > 1e-3),
)
def test_on_a_bowl_any_speed_below_the_bound_lowers_the_loss_every_step(speed: float, start: float) -> None:
    run = descend("bowl", start=start, speed=speed, steps=50)
    losses = run.losses
    assert np.all((np.diff(losses) < 0) | (losses[1:] == 0))
    assert run.verdict.kind != "diverged"


@settings(max_examples=60, deadline=None)
@given(
    speed=st.floats(min_value=BOWL_BOUND * 1.01, max_value=100), start=st.floats(-3, 3).filter(lambda w: abs(w) > 1e-3)
)
def test_on_a_bowl_any_speed_above_the_bound_diverges(speed: float, start: float) -> None:
    assert descend("bowl", start=start, speed=speed, steps=100_000).verdict.kind == "diverged"


def test_a_step_onto_an_undefined_loss_is_where_the_ball_flew_off() -> None:
    from foggyhill.core import formula_landscape

    land = formula_landscape("w^2 + log(w + 1)", start=2.0)  # undefined left of w = -1
    run = descend(land, start=2.0, speed=0.9, steps=50)
    assert run.verdict.kind == "diverged"
    assert run.verdict.step == len(run.steps)
    assert all(math.isfinite(s.loss) for s in run.steps)


def test_a_start_where_the_loss_is_undefined_is_refused() -> None:
    from foggyhill.core import formula_landscape

    land = formula_landscape("sqrt(w)", start=1.0, window=(0.0, 4.0))
    with pytest.raises(SettingError, match="the loss is undefined at the start w = -1"):
        descend(land, start=-1.0, speed=0.1, steps=5)
