"""The show laid out in time: phase order and times, total length, verdicts, sameness, JSON."""

from __future__ import annotations

import json

import pytest

from foggyhill.core import SettingError, descend
from foggyhill.timeline import PHASE_NAMES, ShowSettings, build_timeline, parse_show

DEFAULT = build_timeline(ShowSettings())


def test_each_step_runs_idle_gradient_step_done_back_to_back() -> None:
    budget = DEFAULT.settings.step_budget
    for plan in DEFAULT.runs:
        previous_end = plan.start
        for step in plan.steps:
            assert [p.name for p in step.phases] == list(PHASE_NAMES) == ["idle", "gradient", "step", "done"]
            assert step.start == previous_end  # no gap, no overlap, no drift across the run
            assert step.end == pytest.approx(step.start + budget, abs=1e-12)
            for a, b in zip(step.phases, step.phases[1:], strict=False):
                assert a.end == b.start and a.start < a.end
            previous_end = step.end
        assert previous_end == pytest.approx(plan.end, abs=1e-9)


def test_parts_follow_each_other_intro_runs_cards_summary() -> None:
    s = DEFAULT.settings
    assert DEFAULT.intro_end == s.intro
    edge = DEFAULT.intro_end
    for plan in DEFAULT.runs:
        assert plan.start == pytest.approx(edge, abs=1e-9)
        assert plan.end - plan.start == pytest.approx(s.steps * s.step_budget)
        assert plan.card_end - plan.end == pytest.approx(s.card)
        edge = plan.card_end
    assert DEFAULT.summary_start == pytest.approx(edge)
    assert DEFAULT.total == pytest.approx(DEFAULT.summary_start + s.summary)


@pytest.mark.parametrize(
    "raw",
    [{}, {"speeds": "0.1"}, {"speeds": "0.02,0.46,0.6,5", "steps": 7, "step_budget": 1.25}, {"intro": 0, "card": 0}],
)
def test_total_length_follows_from_the_settings_alone(raw: dict[str, object]) -> None:
    s = parse_show(raw)
    expected = s.intro + len(s.speeds) * (s.steps * s.step_budget + s.card) + s.summary
    assert build_timeline(s).total == pytest.approx(expected, abs=1e-9)


def test_the_default_show_is_one_minute_with_three_runs() -> None:
    assert DEFAULT.total == pytest.approx(60.0)
    assert [r.speed for r in DEFAULT.runs] == [0.02, 0.46, 0.6]
    assert len(DEFAULT.tones) == 3 * 20


def test_verdicts_come_from_the_engine() -> None:
    for plan in DEFAULT.runs:
        engine = descend(start=-2.0, speed=plan.speed, steps=20)
        assert plan.verdict == engine.verdict
        assert [s.w_to for s in plan.steps] == [s.w for s in engine.steps[1:]]
    assert [p.verdict.kind for p in DEFAULT.runs] == ["crawling", "converged-global", "oscillating"]


def test_same_settings_same_timeline() -> None:
    again = build_timeline(parse_show({"speeds": "0.02,0.46,0.6"}))
    assert json.dumps(again.to_dict()) == json.dumps(DEFAULT.to_dict())
    other = build_timeline(parse_show({"speeds": "0.02,0.46,0.61"}))
    assert json.dumps(other.to_dict()) != json.dumps(DEFAULT.to_dict())


def test_a_ball_that_flies_off_gets_one_last_step_and_the_run_keeps_its_length() -> None:
    show = build_timeline(parse_show({"speeds": "2", "steps": 10}))
    (plan,) = show.runs
    assert plan.verdict.kind == "diverged"
    last = plan.steps[-1]
    assert last.flew_off and last.step == plan.verdict.step and len(plan.steps) == plan.verdict.step
    assert plan.end - plan.start == pytest.approx(10 * show.settings.step_budget)
    json.dumps(show.to_dict(), allow_nan=False)


def test_the_timeline_is_plain_json_with_the_curve_and_the_sound() -> None:
    data = json.loads(json.dumps(DEFAULT.to_dict(), allow_nan=False))
    assert data["total"] == DEFAULT.total
    assert data["settings"]["speeds"] == [0.02, 0.46, 0.6]
    assert len(data["runs"]) == 3 and len(data["runs"][0]["steps"]) == 20
    assert data["runs"][1]["verdict"]["kind"] == "converged-global"
    assert [p["name"] for p in data["runs"][0]["steps"][0]["phases"]] == list(PHASE_NAMES)
    assert data["spring"] == {"stiffness": 110.0, "damping": 16.0, "mass": 1.0}
    assert data["sound"]["semitones"][0] == 0 and data["sound"]["semitones"][-1] == 24
    assert len(data["landscape"]["curve"]) > 100
    assert data["tones"][0]["start"] == data["runs"][0]["steps"][0]["phases"][2]["start"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ({"landscape": "hill"}, "landscape must be one of"),
        ({"speeds": "0.1,-1"}, "each speed must be a number greater than 0"),
        ({"speeds": "0.1,,2"}, "speeds must be numbers separated by commas"),
        ({"speeds": ",".join(["0.1"] * 7)}, "speeds must be 1 to 6 numbers"),
        ({"steps": "2.5"}, "steps must be a whole number at least 1 and at most 200"),
        ({"step_budget": "0.01"}, "step_budget must be a number at least 0.3 and at most 10"),
        ({"start": "nan"}, "start must be a number"),
        ({"speed": "1"}, "unknown setting 'speed'"),
    ],
)
def test_bad_settings_say_what_is_allowed(raw: dict[str, object], words: str) -> None:
    with pytest.raises(SettingError, match=words):
        parse_show(raw)
