"""The video names what each step is doing above the curve: feel the slope (cyan, as the slope line), step (the
run's colour), settle; the word under way is lit in its colour, and nothing is lit between runs."""

from __future__ import annotations

import numpy as np
import pytest
import skia

from foggyhill.render import Scene, render_frame
from foggyhill.render.phase_strip import strip_words
from foggyhill.render.theme import RUN_COLOURS, TANGENT, TEXT, Layout
from foggyhill.timeline import ShowSettings, build_timeline

SHOW = build_timeline(ShowSettings())
SIZE = (960, 540)
SCENE = Scene(SHOW, *SIZE)
STEP = SHOW.runs[1].steps[4]  # run 2, well away from the strip: its slope line stays below it


def strip_pixels(t: float) -> np.ndarray:
    """The band above the middle of the curve where the strip is drawn (clear of the curve's arms), as RGB."""
    plot = Layout(*SIZE).plot
    frame = render_frame(SHOW, t, *SIZE, scene=SCENE)
    top, bottom = int(plot.top() + 2), int(plot.top() + plot.height() * 0.1)
    left, right = int(plot.left() + 0.2 * plot.width()), int(plot.right() - 0.2 * plot.width())
    return frame[top:bottom, left:right].astype(np.int16)


def share_like(pixels: np.ndarray, colour: int) -> float:
    """The share of pixels within a small distance of `colour`."""
    rgb = np.array([skia.ColorGetR(colour), skia.ColorGetG(colour), skia.ColorGetB(colour)])
    return float((np.abs(pixels - rgb).max(axis=2) < 40).mean())


def middle(phase: str) -> float:
    p = next(p for p in STEP.phases if p.name == phase)
    return (p.start + p.end) / 2


def test_the_strip_has_the_learners_words_in_step_order() -> None:
    assert [words for _, words in strip_words()] == ["feel the slope", "step", "settle"]


@pytest.mark.parametrize(("phase", "lit"), [("gradient", TANGENT), ("step", RUN_COLOURS[1]), ("done", TEXT)])
def test_the_phase_under_way_is_lit_in_its_colour(phase: str, lit: int) -> None:
    assert share_like(strip_pixels(middle(phase)), lit) > 0.01
    assert share_like(strip_pixels(middle("idle")), lit) < 0.002  # resting: nothing is lit


def test_no_strip_outside_a_run() -> None:
    card = (SHOW.runs[1].end + SHOW.runs[1].card_end) / 2
    before = strip_pixels(middle("gradient"))
    assert np.abs(strip_pixels(card) - before).max() > 40  # the check can tell a strip from none
    assert share_like(strip_pixels(SHOW.runs[1].start - 0.5), TANGENT) == 0.0
