"""The command line: output, JSON shape, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from foggyhill.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_descend_prints_a_table_and_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "descend", "--start", "-2", "--speed", "0.46", "--steps", "30")
    assert code == 0
    assert "step taken" in out and "0.76" in out
    assert "Settled at the lowest point" in out


def test_descend_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "descend", "--speed", "0.6", "--steps", "100", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["landscape"] == "tilted-double-well"
    assert data["settings"]["speed"] == 0.6
    assert data["steps"][0]["step"] == 0 and set(data["steps"][0]) >= {"w", "loss", "slope"}
    assert data["verdict"]["kind"] == "oscillating"


def test_descend_csv_has_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "descend", "--steps", "75", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 76 and rows[0]["w"] == "-2.0"


def test_peek_and_landscapes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "peek", "--landscape", "bowl")
    assert code == 0 and "9.0000" in out
    code, out, _ = run_cli(capsys, "landscapes")
    assert code == 0 and "stable below speed 0.593" in out and "stable below speed 2.004" in out


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (["descend", "--landscape", "hill"], "landscape must be one of tilted-double-well"),
        (["descend", "--speed", "0"], "speed must be a number greater than 0"),
        (["descend", "--speed", "fast"], "speed must be a number greater than 0"),
        (["descend", "--steps", "100001"], "steps must be a whole number at least 0 and at most 100000"),
        (["descend", "--steps", "many"], "steps must be a whole number"),
        (["descend", "--wobble"], "unrecognized arguments: --wobble"),
        (["descend", "--landscape", "bowl", "--formula", "w^2"], "not allowed with argument"),
        (["descend", "--optimizer", "sgd"], "optimizer must be one of plain, momentum"),
        (["fly"], "invalid choice: 'fly'"),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], phrase: str
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert phrase in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_descend_draws_the_path_on_the_curve(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "descend", "--speed", "0.46", "--steps", "30")
    picture = [line for line in out.splitlines() if "│" in line]
    assert len(picture) == 14 and sum(line.count("o") for line in picture) == 1


def test_help_lists_every_command_without_importing_them() -> None:
    import subprocess
    import sys

    code = (
        "import contextlib, sys; from foggyhill.cli import main\n"
        "with contextlib.suppress(SystemExit): main(['--help'])\n"
        "heavy = [m for m in ('fastapi', 'foggyhill.web', 'foggyhill.render', 'foggyhill.studio', 'lark')"
        " if m in sys.modules]\n"
        "print('heavy:', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False).stdout
    for name in ("descend", "peek", "landscapes", "serve", "render", "run", "map"):
        assert name in out
    assert "heavy: []" in out


def test_each_command_still_gets_its_own_flags(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "peek", "--speed", "0.1")
    assert code == 2 and "unrecognized arguments: --speed" in err
