"""Every program in programs/: valid ones print what their `# expect:` lines say, in order; invalid ones fail with
the `# expect error: LINE:COL phrase` they carry (jlox-style expectations inline)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foggyhill.studio import Collect, FilesBeside, StudioError, format_error, run_program

PROGRAMS = Path(__file__).parent / "programs"
EXPECT = re.compile(r"^# expect: ?(.*)$")
EXPECT_ERROR = re.compile(r"^# expect error: (\d+):(\d+) (.+)$")


def expectations(source: str) -> tuple[list[str], tuple[int, int, str] | None]:
    """The expected output lines, and the expected error (line, column, phrase) if the program has one."""
    lines = [line.rstrip("\r") for line in source.split("\n")]
    outputs = [m.group(1) for line in lines if (m := EXPECT.match(line))]
    errors = [m for line in lines if (m := EXPECT_ERROR.match(line))]
    assert len(errors) <= 1, "a program expects at most one error"
    error = (int(errors[0].group(1)), int(errors[0].group(2)), errors[0].group(3)) if errors else None
    return outputs, error


def output_lines(sink: Collect) -> list[str]:
    """What the program said, line by line, notes marked as the command line marks them."""
    lines: list[str] = []
    for effect in sink.effects:
        if effect.kind == "notes":
            lines += [f"note: {note}" for note in effect.data["notes"]]
        else:
            lines += effect.text.split("\n")
    return lines


def in_order(expected: list[str], lines: list[str]) -> list[str]:
    """The expected lines not found, in order, each as part of an output line."""
    position = 0
    for wanted in expected:
        while position < len(lines) and wanted not in lines[position]:
            position += 1
        if position == len(lines):
            return expected[expected.index(wanted) :]
        position += 1
    return []


ALL = sorted(PROGRAMS.glob("*.studio"))
VALID = [p for p in ALL if expectations(p.read_text(encoding="utf-8"))[1] is None]
INVALID = [p for p in ALL if p not in VALID]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_program_prints_what_it_expects(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    expected, _ = expectations(source)
    sink = Collect()
    run_program(source, sink, loader=FilesBeside(PROGRAMS))
    lines = output_lines(sink)
    assert expected, "a valid program should say what it expects to print"
    assert in_order(expected, lines) == [], "\n".join(lines)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_mistake_is_reported_at_its_place_in_plain_words(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    _, (line, column, phrase) = expectations(source)
    sink = Collect()
    with pytest.raises(StudioError) as caught:
        run_program(source, sink, loader=FilesBeside(PROGRAMS))
    error = caught.value
    text = format_error(error, source)
    assert error.span is not None, text
    assert (error.span.line, error.span.column) == (line, column), text
    assert phrase in text, text
    assert "Traceback" not in text and "lark" not in text.lower()


def test_there_are_at_least_forty_distinct_mistakes() -> None:
    phrases = {expectations(p.read_text(encoding="utf-8"))[1][2] for p in INVALID}
    assert len(INVALID) >= 40 and len(phrases) >= 40


def test_a_mistake_found_while_checking_stops_the_program_before_it_trains() -> None:
    source = (PROGRAMS / "error_plot_before_training.studio").read_text(encoding="utf-8")
    sink = Collect()
    with pytest.raises(StudioError):
        run_program(
            source.replace("plot_training net", "train_network net, on: data, rounds: 2, speed: 0.1\nshow net"), sink
        )
    assert sink.effects == []
