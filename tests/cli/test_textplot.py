"""Terminal pictures: the curve in braille dots and the path marked on it."""

from __future__ import annotations

from foggyhill.cli.textplot import Canvas, plot_path


def test_a_dot_sets_one_braille_bit() -> None:
    canvas = Canvas(2, 1)
    canvas.dot(0, 0)
    canvas.dot(3, 3)
    assert canvas.lines() == ["\u2801\u2880"]


def test_dots_off_the_canvas_are_ignored() -> None:
    canvas = Canvas(1, 1)
    canvas.dot(-1, 0)
    canvas.dot(5, 9)
    assert canvas.lines() == ["\u2800"]


def test_the_path_ends_with_the_ball_and_the_axes_are_labelled() -> None:
    xs = [x / 10 for x in range(-20, 21)]
    ys = [x * x for x in xs]
    text = plot_path(xs, ys, [(-2.0, 4.0), (0.0, 0.0)], width=20, height=5)
    rows = text.splitlines()
    assert rows[0].startswith("4 │") and rows[4].startswith("0 │")
    assert "o" in rows[4] and "·" in rows[0]
    assert rows[-1].split() == ["-2", "2"]
