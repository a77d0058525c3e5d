"""The Simulation widget's Python side: checked settings, the run the ball follows, the table, actions as state."""

from __future__ import annotations

import re
from typing import Any

import pytest

import foggyhill
from foggyhill.core import SettingError
from foggyhill.notebook import Simulation, StepTable


def test_the_trajectory_is_the_engines_run() -> None:
    sim = Simulation(landscape="tilted-double-well", start=-2, speed=0.46)
    run = foggyhill.descend("tilted-double-well", start=-2, speed=0.46)
    assert sim.trajectory.steps == run.steps
    assert sim.verdict == run.verdict
    assert sim.verdict.kind == "converged-global"
    assert repr(sim) == "Simulation(start=-2.0, speed=0.46)"


def test_changing_the_speed_changes_the_run() -> None:
    sim = Simulation(start=-2, speed=0.46)
    sim.speed = 0.6
    assert sim.verdict.kind == "oscillating"
    assert sim.trajectory.settings.speed == 0.6


def test_the_table_is_plain_dicts_and_html() -> None:
    sim = Simulation(start=-2, speed=0.46, steps=40)
    table = sim.table
    assert isinstance(table, StepTable) and isinstance(table, list)
    assert len(table) == 41
    assert table[0] == {"step": 0, "w": -2.0, "loss": pytest.approx(2.4), "slope": pytest.approx(-6.0), "taken": 0.0}
    html = table._repr_html_()
    assert html.startswith("<table><caption>Settled at the lowest point (speed 0.46, 40 steps)</caption>")
    assert "… 17 more steps …" in html  # 41 rows: the first and last 12 shown


def test_a_run_that_flies_off_reads_in_words() -> None:
    html = Simulation(start=-2, speed=0.9, steps=30).table._repr_html_()
    assert "Flew off" in html


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"speed": 0}, "speed must be a number greater than 0"),
        ({"speed": "fast"}, "speed must be a number"),
        ({"landscape": "volcano"}, "landscape must be one of"),
        ({"steps": 20_000}, "at most 10000"),
        ({"formula": "w^^2"}, "unexpected '^'"),
        ({"sped": 0.1}, "unknown setting 'sped'"),
    ],
)
def test_bad_settings_are_refused_by_name(settings: dict[str, Any], words: str) -> None:
    with pytest.raises(SettingError, match=re.escape(words)):
        Simulation(**settings)


def test_a_bad_value_set_later_is_refused_and_the_old_one_kept() -> None:
    sim = Simulation(speed=0.1)
    with pytest.raises(SettingError, match=r"speed must be a number greater than 0 and at most 100 \(got -1.0\)"):
        sim.speed = -1
    with pytest.raises(SettingError, match="unexpected .* at column 3"):
        sim.formula = "w^^2"
    assert sim.speed == 0.1 and sim.formula is None
    sim.formula = "(w - 1)^2"
    assert sim.verdict.kind == "converged-global"


def test_actions_wait_as_state_until_a_view_does_them() -> None:
    sim = Simulation()
    assert sim.pending_action is None
    sim.speed = 0.6
    sim.roll()
    assert sim._action == {"name": "roll", "id": 1}
    assert sim.pending_action == "roll"
    sim._acted = 1  # what the front end reports once it has rolled
    assert sim.pending_action is None
    sim.step()
    assert sim.pending_action == "step" and sim._action["id"] == 2


def test_the_kernel_answers_the_widget(monkeypatch: pytest.MonkeyPatch) -> None:
    sim = Simulation()
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(sim, "send", sent.append)
    sim._on_message(sim, {"type": "ask", "id": "a:1", "path": "/api/descend", "params": {"speed": "0.46"}}, [])
    sim._on_message(sim, {"type": "unrelated"}, [])
    assert [m["id"] for m in sent] == ["a:1"] and sent[0]["ok"]


def test_the_widget_state_is_the_settings() -> None:
    state = Simulation(start=-1.5, speed=0.2).get_state()
    assert state["speed"] == 0.2 and state["start"] == -1.5 and state["landscape"] == "tilted-double-well"
    assert "<script" not in state["_esm"].split("const BUNDLE", 1)[1][:200]
