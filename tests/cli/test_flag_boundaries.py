"""Flags at their edges: every value given is checked, whichever output is asked for, and refused in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from foggyhill.cli import main
from foggyhill.cli.run import MAX_READ_CHARS

SMALL_MAP = ["map", "--speeds", "4", "--starts", "4", "--steps", "4"]


@pytest.mark.parametrize("output", [["--json"], []])
@pytest.mark.parametrize("start", ["abc", "nan", "1e308"])
def test_map_checks_start_even_when_no_diagram_is_drawn(
    output: list[str], start: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*SMALL_MAP, "--start", start, *output])
    captured = capsys.readouterr()
    assert code == 2, captured.out[:200]
    assert f"start must be a number at least -1000 and at most 1000 (got '{start}')" in captured.err


@pytest.mark.parametrize("value", ["-1e-1", "-2.5E0", "-.5e1"])
def test_a_negative_number_in_exponent_form_is_a_value_not_a_flag(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["descend", "--start", value, "--steps", "3", "--json"]) == 0, capsys.readouterr().err
    assert '"start": ' + repr(float(value)) in capsys.readouterr().out


@pytest.mark.parametrize("value", ["-inf", "-nan", "-1e999"])
def test_a_negative_non_number_is_refused_by_the_setting_not_the_flag_parser(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["descend", "--start", value]) == 2
    assert f"start must be a number at least -1000 and at most 1000 (got '{value}')" in capsys.readouterr().err


def test_output_piped_into_a_reader_that_stops_early_ends_quietly() -> None:
    """`foggyhill descend --csv | head -1`: the reader stops, so foggyhill stops, without a traceback."""
    command = [sys.executable, "-m", "foggyhill", "descend", "--steps", "20000", "--csv"]  # far more than a pipe holds
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()  # the reader takes one line and goes away
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait()
    assert "Traceback" not in err and "Error" not in err, err
    assert code in (0, 141)


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["descend", "--speed", ""], "--speed"),
        (["descend", "--formula="], "--formula"),
        (["peek", "--landscape", ""], "--landscape"),
        (["map", "--steps", "", "--json"], "--steps"),
        (["render", "three-runs", "--start", "", "--audio", "{tmp}/x.wav"], "--start"),
    ],
)
def test_an_empty_value_is_refused_instead_of_quietly_meaning_the_default(
    argv: list[str], flag: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([word.format(tmp=tmp_path) for word in argv]) == 2
    assert not list(tmp_path.iterdir())  # nothing written
    captured = capsys.readouterr()
    assert f"{flag} is empty" in captured.err and captured.out == ""


@pytest.mark.parametrize(
    ("command", "shown"),
    [(["descend", "--steps", "3", "--json"], '"formula": "-w^2+w^4/4"'), (["peek"], "loss(w) = -w^2 + w^4/4")],
)
def test_a_formula_that_starts_with_a_minus_is_the_formula_not_a_flag(
    command: list[str], shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--formula", "-w^2+w^4/4"]) == 0, capsys.readouterr().err
    assert shown in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["descend", "--speed", "0.1", "--speed", "0.5"],
        ["descend", "--steps=3", "--steps", "4"],
        ["map", "--speeds", "4", "--speeds=5", "--json"],
        ["render", "three-runs", "--audio", "{tmp}/a.wav", "--audio", "{tmp}/b.wav"],
    ],
)
def test_a_flag_given_twice_is_refused_instead_of_the_last_one_winning(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([word.format(tmp=tmp_path) for word in argv]) == 2
    assert not list(tmp_path.iterdir())  # nothing written
    captured = capsys.readouterr()
    flag = argv[1] if argv[0] != "render" else "--audio"
    assert f"{flag.split('=')[0]} is given more than once: give it once" in captured.err and captured.out == ""


def test_peek_at_a_curve_undefined_at_its_usual_start_takes_the_start_it_asks_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["peek", "--formula", "log(w)", "--start", "-2"]) == 2
    assert "pick a start where it is defined" in capsys.readouterr().err
    assert main(["peek", "--formula", "log(w)"]) == 0, capsys.readouterr().err  # no start: one where it is defined
    capsys.readouterr()
    assert main(["peek", "--formula", "log(w)", "--start", "1"]) == 0, capsys.readouterr().err
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [row.split()[1] for row in rows] == ["undefined"] * 4 + ["0.0000", "0.6931", "1.0986"]


def test_run_reads_no_more_of_a_huge_file_than_a_program_could_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file far past the program limit (or endless, like /dev/zero) is refused after a bounded read."""
    huge = tmp_path / "huge.studio"
    huge.write_text("# " + "x" * (MAX_READ_CHARS + 10))
    assert main(["run", str(huge)]) == 2
    err = capsys.readouterr().err
    assert f"huge.studio is longer than {MAX_READ_CHARS:,} characters" in err and "at most 20,000" in err
