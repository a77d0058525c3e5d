"""Whatever a learner types, Studio answers with a result or a StudioError: never another exception."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from foggyhill.studio import COMMANDS, Collect, Limits, StudioError, format_error, parse, run_program

# Small limits keep each fuzzed run cheap: a program can still train, just briefly.
SMALL = Limits(max_rounds=2, max_layer_size=8)

VALID = """data = load "fruits"
net = make_network
  layer input from data
  layer hidden size 4 kind relu
  layer output size 4 kind softmax
end
train_network net, on: data, rounds: 2, speed: 0.1, batch: 16, optimizer: adam
plot_training net
show data
evaluate net, on: data
predict net, [150, 7.2, 7.5, 0.7]
print "done", 1, [2, 3]
"""

WORDS = [
    "load",
    "make_network",
    "end",
    "layer",
    "input",
    "hidden",
    "output",
    "from",
    "size",
    "kind",
    "relu",
    "softmax",
    "linear",
    "sigmoid",
    "tanh",
    *(word for word in COMMANDS if word not in ("load", "make_network")),
    "row:",
    "layer:",
    "weight:",
    "on:",
    "rounds:",
    "speed:",
    "batch:",
    "seed:",
    "optimizer:",
    "target:",
    "adam",
    "net",
    "data",
    "x",
    '"fruits"',
    '"lemonade"',
    '"checkerboard"',
    '"spirals"',
    '"tiny.csv"',
    '"',
    "0",
    "1",
    "2",
    "4",
    "-1",
    "0.1",
    "1e9",
    "1e999",
    "=",
    ",",
    ":",
    "[",
    "]",
    "-",
    "#",
    "\n",
    "\n",
    "\n",
    "\t",
    "(",
    ";",
    "\u00a0",
    "“",
]


def check(source: str) -> None:
    """Run the text; only a StudioError may come out, and it must format with a valid place."""
    try:
        run_program(source, Collect(), limits=SMALL)
    except StudioError as error:
        text = format_error(error, source)
        assert text and "Traceback" not in text
        if error.span is not None:
            assert 1 <= error.span.line <= source.count("\n") + source.count("\r") + 2
            assert error.span.column >= 1


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def learners_lines(source: str) -> list[str]:
    """The program's lines as an editor shows them: any line ending (\\n, \\r\\n, \\r), no byte-order mark."""
    return source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


CARET_LINE = re.compile(r"    ( *)(\^+)")


@FUZZ
@given(st.text(max_size=300) | st.text(alphabet='x= "[]1,(\r\n\t\ufeff', max_size=40))
@example("x = 1\ry = (")  # old Mac line endings: the line shown was once the wrong one, or none at all
@example("\ufeffx = (")  # a byte-order mark from a Windows editor
def test_any_text_parses_or_gives_a_studio_error_pointing_into_it(source: str) -> None:
    try:
        parse(source)
    except StudioError as error:
        assert error.message.strip() and error.span is not None, error.message
        line, column = error.span.line, error.span.column
        lines = learners_lines(source)
        assert 1 <= line <= len(lines)
        text = lines[line - 1].replace("\t", " ")
        assert 1 <= column <= len(text) + 1  # on a character of the line, or just past its end
        shown = format_error(error, source).split("\n")
        assert shown[0] == f"line {line}, column {column}: {error.message}"
        assert shown[1] == "    " + text  # the line itself, as the learner wrote it
        caret = CARET_LINE.fullmatch(shown[2])
        assert caret, shown
        spaces, carets = caret.groups()
        assert len(spaces) == column - 1 and column - 1 + len(carets) <= max(len(text), column)  # under the spot


@FUZZ
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
def test_any_soup_of_studio_words_runs_or_gives_a_studio_error(source: str) -> None:
    check(source)


@FUZZ
@given(st.data())
def test_any_small_edit_of_a_valid_program_runs_or_gives_a_studio_error(data: st.DataObject) -> None:
    source = VALID
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(source)))
        edit = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = data.draw(st.sampled_from(WORDS) | st.characters())
        if edit == "delete":
            source = source[:at] + source[at + 1 :]
        elif edit == "insert":
            source = source[:at] + piece + source[at:]
        else:
            source = source[:at] + piece + source[at + len(piece) :]
    check(source)


def test_deeply_nested_lists_are_a_plain_mistake() -> None:
    source = "x = " + "[" * 5000 + "]" * 5000
    try:
        parse(source)
    except StudioError as error:
        assert "lists go two deep at most" in error.message
    else:
        raise AssertionError("a 5000-deep list should be refused")


def test_a_very_long_program_is_refused_in_plain_words() -> None:
    try:
        parse("print 1\n" * 5000)
    except StudioError as error:
        assert "at most 20000" in error.message
    else:
        raise AssertionError("a 40,000-character program should be refused")
