"""The notebook's Studio viewer and the three runs from Python: mistakes as the Studio's own message, checked show
settings, a render."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import foggyhill
from foggyhill.core import SettingError
from foggyhill.notebook import ThreeRuns, studio_cell
from foggyhill.notebook.studio_cell import CellOutput
from foggyhill.studio import StudioRun, find_viewer, views
from foggyhill.studio.examples import EXAMPLES

PROGRAM = (Path(__file__).parents[1] / "studio" / "programs" / "lemonade_chart.studio").read_text(encoding="utf-8")


def test_studio_finds_the_notebook_viewer_by_name() -> None:
    assert find_viewer("notebook") is CellOutput


def test_a_program_runs_in_the_cell_viewer_and_keeps_its_effects(capsys: pytest.CaptureFixture[str]) -> None:
    result = foggyhill.studio.run(PROGRAM, viewer="notebook")
    assert isinstance(result, StudioRun) and result.ok
    kinds = [effect.kind for effect in result.effects]
    assert kinds.count("round") == 3 and "plot" in kinds and "trained" in kinds
    shown = capsys.readouterr().out
    assert "net after 3 rounds" in shown
    assert "<IPython.core.display.Image object>" in shown  # the chart, displayed (as text outside a kernel)
    assert type(result.variables["net"]).__name__ == "Network"


def test_a_mistake_is_the_formatted_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    result = foggyhill.studio.run('data = load "lemonad"\n', viewer="notebook")
    assert not result.ok
    assert result.error is not None
    assert result.error.startswith("line 1, column 13: unknown dataset `lemonad`")
    assert 'hint: did you mean "lemonade"?' in result.error
    assert "Traceback" not in capsys.readouterr().out


def test_the_cell_viewer_frames_the_mistake_as_html(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Any] = []
    monkeypatch.setattr(studio_cell, "display", lambda *objects, **_: shown.extend(objects))
    error = foggyhill.studio.StudioError("unknown dataset `x`", foggyhill.studio.Span(1, 13, 3))
    CellOutput().mistake(error, 'data = load "x"\n')
    [html] = shown
    assert html.data.startswith("<pre") and "line 1, column 13: unknown dataset `x`" in html.data
    assert "data = load &quot;x&quot;\n" in html.data and "^^^</pre>" in html.data  # escaped, not markup


def test_three_runs_settings_are_checked_by_name() -> None:
    with pytest.raises(SettingError, match=re.escape("each speed must be a number greater than 0")):
        ThreeRuns(speeds=[0.1, -1])
    with pytest.raises(SettingError, match="unknown setting 'sped'"):
        ThreeRuns(sped=1)
    with pytest.raises(SettingError, match="steps must be a whole number at least 1 and at most 200"):
        ThreeRuns(steps=1000)


def test_three_runs_verdicts_and_actions() -> None:
    show = ThreeRuns(speeds=[0.02, 0.46, 0.6], steps=20)
    assert [v["kind"] for v in show.verdicts] == ["crawling", "converged-global", "oscillating"]
    assert show.settings == {"speeds": "0.02,0.46,0.6", "steps": "20"}
    show.play()
    assert show.pending_action == "play"


def test_render_writes_the_file_and_checks_its_options(tmp_path: Path) -> None:
    show = ThreeRuns(speeds=[0.46], steps=3, intro=0, card=0, summary=0)
    out = show.render(tmp_path / "take.gif", size="64x36", fps=4)
    assert out == tmp_path / "take.gif" and out.read_bytes()[:6] == b"GIF89a"
    with pytest.raises(SettingError, match="size must be WxH"):
        show.render(tmp_path / "take.mp4", size="big")
    with pytest.raises(SettingError, match=r"must end in \.mp4 or \.gif"):
        show.render(tmp_path / "take.avi", size="64x36")
    assert not (tmp_path / "take.avi").exists()


class Handle:
    """What IPython's display(..., display_id=True) gives: a display updated in place."""

    def __init__(self, shown: list[Any]) -> None:
        self.shown = shown

    def update(self, image: Any) -> None:
        self.shown.append(("update", self, image))


def test_the_network_and_its_regions_grow_in_place_while_it_trains(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Any] = []

    def display(*objects: Any, display_id: bool = False, **_: Any) -> Handle | None:
        handle = Handle(shown) if display_id else None
        shown.extend(("display", handle, image) for image in objects)
        return handle

    monkeypatch.setattr(studio_cell, "display", display)
    result = foggyhill.studio.run(EXAMPLES["checkerboard"].source, viewer="notebook")  # draws its regions and network
    assert result.ok
    live = [handle for how, handle, _ in shown if how == "display" and handle is not None]
    assert len(live) == 2  # the network and its regions, each shown once and then redrawn in place
    updates = [handle for how, handle, _ in shown if how == "update"]
    assert set(updates) == set(live) and len(updates) >= 2  # the final pictures at least replace the live ones
    for _, _, image in shown:
        assert image.data.startswith(b"\x89PNG") and image.format == "png"
    # The last round's live picture is plot_network's own picture: the same weights, names and words.
    [training] = [e.data for e in result.effects if e.kind == "training"]
    last = [e.data for e in result.effects if e.kind == "round"][-1]
    live_data = views.live_pictures(training["views"], last)
    [final] = [e.data for e in result.effects if e.kind == "network_picture"]
    assert live_data["network_picture"] == {k: v for k, v in final.items() if k != "trained"}
    [regions] = [e.data for e in result.effects if e.kind == "boundary"]
    assert live_data["boundary"] == {k: v for k, v in regions.items() if k != "trained"}
