"""ThreeRuns lays its show out once, answers its views with that show, and lays it out again when its settings change:
what plays in the notebook, what `verdicts` says and what `render` writes are always the current settings' show."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from foggyhill.core import SettingError
from foggyhill.notebook import ThreeRuns, three_runs
from foggyhill.timeline import build_timeline, parse_show
from foggyhill.web import tools


def count_builds(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every timeline laid out from now on, by the widget or by the bridge answering a view."""
    built: list[Any] = []

    def counted(settings: Any) -> Any:
        built.append(settings)
        return build_timeline(settings)

    monkeypatch.setattr(three_runs, "build_timeline", counted)
    monkeypatch.setattr(tools, "build_timeline", counted)  # the bridge's show comes from web/tools.py
    return built


def view_asks(show: ThreeRuns, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What a view of the widget gets when it asks for its show, as its front end does on mount and on change."""
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(show, "send", sent.append)
    request = {"type": "ask", "id": "v:1", "path": "/api/three-runs", "params": dict(show.settings)}
    show._on_message(show, request, [])
    [reply] = sent
    assert reply["ok"], reply
    return dict(json.loads(reply["body"]))


def test_the_show_is_laid_out_once_and_the_views_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    built = count_builds(monkeypatch)
    show = ThreeRuns(speeds=[0.02, 0.46, 0.6], steps=20)
    played = view_asks(show, monkeypatch)
    view_asks(show, monkeypatch)  # a second view of the same widget
    assert len(built) == 1
    assert played == json.loads(json.dumps(build_timeline(parse_show(show.settings)).to_dict()))
    assert [run["speed"] for run in played["runs"]] == [0.02, 0.46, 0.6]


def test_new_settings_lay_the_show_out_again(monkeypatch: pytest.MonkeyPatch) -> None:
    show = ThreeRuns(speeds=[0.02, 0.46, 0.6], steps=20)
    built = count_builds(monkeypatch)
    show.settings = {"speeds": "0.46,0.9", "steps": "10"}
    assert len(built) == 1
    assert [v["speed"] for v in show.verdicts] == [0.46, 0.9]
    assert [v["kind"] for v in show.verdicts] == ["converged-global", "diverged"]
    played = view_asks(show, monkeypatch)
    assert [run["speed"] for run in played["runs"]] == [0.46, 0.9]
    assert len(built) == 1  # the view got the show just laid out, not a second copy
    assert played["total"] == show.timeline.total


def test_speeds_can_be_set_alone() -> None:
    show = ThreeRuns(speeds=[0.02, 0.46, 0.6], steps=20)
    show.speeds = [0.1]
    assert show.speeds == [0.1]
    assert show.settings == {"speeds": "0.1", "steps": "20"}
    assert [v["speed"] for v in show.verdicts] == [0.1]


def test_a_bad_change_is_refused_and_the_show_kept() -> None:
    show = ThreeRuns(speeds=[0.46], steps=5)
    with pytest.raises(SettingError, match="each speed must be a number greater than 0"):
        show.speeds = [0.1, -1]
    with pytest.raises(SettingError, match="unknown setting 'sped'"):
        show.settings = {"sped": "1"}
    assert show.settings == {"speeds": "0.46", "steps": "5"}
    assert show.speeds == [0.46]


def test_render_writes_the_current_show(tmp_path: Path) -> None:
    from imageio_ffmpeg import count_frames_and_secs  # the encoder's own ffmpeg; PIL is not a dependency

    show = ThreeRuns(speeds=[0.46], steps=3, intro=0, card=0, summary=0)
    one = show.render(tmp_path / "one.gif", size="64x36", fps=4)
    show.speeds = [0.46, 0.6]
    two = show.render(tmp_path / "two.gif", size="64x36", fps=4)
    frames = count_frames_and_secs(str(one))[0], count_frames_and_secs(str(two))[0]
    assert frames[1] > frames[0] * 1.8  # two runs take twice as long as one


def test_seek_goes_to_a_time_in_the_show_as_an_action_the_views_do() -> None:
    show = ThreeRuns(speeds=[0.46], steps=3)
    show.seek(2.5)
    assert show.pending_action == "seek" and show._seek_at == 2.5
    show.seek(show.timeline.total)  # the very end is a place too (the summary, fully shown)
    assert show._seek_at == show.timeline.total
    show.seek(0)
    assert show._seek_at == 0.0


@pytest.mark.parametrize("seconds", [-0.1, 1000, float("nan"), float("inf"), "3", None, True])
def test_seek_refuses_a_time_outside_the_show_naming_it_and_the_range(seconds: Any) -> None:
    show = ThreeRuns(speeds=[0.46], steps=3)
    total = f"{show.timeline.total:g}"
    with pytest.raises(SettingError, match=rf"from 0 to {total} \(the show's length\), got {re.escape(repr(seconds))}"):
        show.seek(seconds)
    assert show.pending_action is None  # nothing was sent to the views


def test_the_widget_plays_with_the_pages_own_player() -> None:
    from foggyhill.notebook import bundle

    modules = bundle.module_graph("notebook/three-runs.js")
    assert "three-runs/player.js" in modules and "three-runs/seek.js" in modules
    assert "class Player" not in modules["notebook/three-runs.js"]  # no copy of the clock of its own
