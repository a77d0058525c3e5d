"""`foggyhill run`: output, the chart beside the program, --json events, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from foggyhill.cli import main

PROGRAMS = Path(__file__).parents[1] / "studio" / "programs"


@pytest.fixture
def program(tmp_path: Path) -> Path:
    path = tmp_path / "fruits.studio"
    shutil.copy(PROGRAMS / "fruits.studio", path)
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_run_shows_progress_notes_and_saves_the_chart(program: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "run", str(program))
    assert code == 0 and err == ""
    assert "round   30/30 [########################] loss 0.3307  accuracy 95%" in out
    assert "note: scaled the 4 features to mean 0 and spread 1" in out
    chart = program.with_name("fruits-net.png")
    assert f"chart saved to {chart}" in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "└" in out and "round 30" in out  # the loss curve in text


def test_run_json_streams_one_event_per_line(program: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", str(program), "--json")
    events = [json.loads(line) for line in out.splitlines()]
    kinds = [e["type"] for e in events]
    assert code == 0
    assert kinds == ["loaded", "network", "training", "notes", "notes", *["round"] * 30, "trained", "plot", "done"]
    assert events[3]["notes"] == [
        "scaled the 4 features to mean 0 and spread 1 (the network remembers the scaling for predict)"
    ]
    assert events[5] == {**events[5], "round": 1, "of": 30, "line": 8}
    assert Path(events[-2]["png"]).exists()


def test_a_mistake_prints_the_formatted_error_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.studio"
    path.write_text('data = load "fruit"\n')
    code, out, err = run_cli(capsys, "run", str(path))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "line 1, column 13: unknown dataset `fruit`: try fruits, lemonade, checkerboard, spirals, digits",
        '    data = load "fruit"',
        "                ^^^^^^^",
        'hint: did you mean "fruits"?',
    ]


def test_a_mistake_in_json_mode_is_an_error_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.studio"
    path.write_text("x = 1\ntrain_network x, on: x, rounds: 3, speed: 0.1\n")
    code, out, _ = run_cli(capsys, "run", str(path), "--json")
    event = json.loads(out.splitlines()[-1])
    assert code == 1
    assert (event["type"], event["line"], event["column"]) == ("error", 2, 15)
    assert "needs a network, but this is the number 1" in event["message"]


def test_training_that_diverges_is_reported_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "run", str(PROGRAMS / "error_training_diverges.studio"))
    assert code == 1
    assert "training diverged in round 1: the loss became too large" in err
    assert "try a smaller speed" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (["run", "nowhere.studio"], "no file at 'nowhere.studio'"),
        (["run", "."], "is a folder"),
        (["run"], "the following arguments are required: FILE.studio"),
        (["run", "x.studio", "--fast"], "unrecognized arguments: --fast"),
    ],
)
def test_usage_mistakes_exit_2(argv: list[str], phrase: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and phrase in err


def test_a_file_that_is_not_text_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "binary.studio"
    path.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run_cli(capsys, "run", str(path))
    assert code == 2 and "not a text file in UTF-8" in err


def test_a_folder_that_cannot_be_written_loses_the_png_not_the_run(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program.with_name("fruits-net.png").mkdir()  # a folder where the PNG would go: writing it fails
    code, out, err = run_cli(capsys, "run", str(program))
    assert code == 0 and "loss per round of net:" in out
    assert "could not save the chart to" in err and "Traceback" not in err
