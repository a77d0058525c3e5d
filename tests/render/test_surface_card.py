"""The verdict card of a surface video sits beside the map, never over a ball's path, and holds every line of the
longest verdict the engine writes (and, cut with an ellipsis, of words longer than any verdict)."""

from __future__ import annotations

from dataclasses import replace

import pytest
import skia

from foggyhill.core.surfaces import SURFACE_OPTIMIZERS, parse_surface_settings
from foggyhill.render.surface_card import PAD, card_box, lay_out_card
from foggyhill.render.surface_scene import SurfaceScene
from foggyhill.render.theme import Layout
from foggyhill.timeline.surface import SurfaceShow, SurfaceTimeline, build_surface_timeline

SIZES = [(1920, 1080), (1280, 720), (320, 180), (1080, 1080), (3840, 2160)]
SHOW = SurfaceShow(step_budget=0.05)
RULES = tuple(rule for rule in SURFACE_OPTIMIZERS if rule != "newton")


def timeline(rules: tuple[str, ...] | None = None, **settings: object) -> SurfaceTimeline:
    given = {"landscape": "rosenbrock", "start": "-1.5,2", "steps": 300, **settings}
    return build_surface_timeline(parse_surface_settings(given), SHOW, rules)


def longest_single() -> SurfaceTimeline:
    """The run whose verdict has the most words, among the rules and speeds that write the longest ones."""
    runs = [timeline(optimizer=rule, speed=speed) for rule in RULES for speed in (0.0005, 0.001, 0.002)]
    return max(runs, key=lambda t: len(t.lanes[0].run.verdict.explanation))


def with_words(t: SurfaceTimeline, words: str) -> SurfaceTimeline:
    """The same timeline with every ball's verdict explained in `words`."""
    lanes = tuple(
        replace(lane, run=replace(lane.run, verdict=replace(lane.run.verdict, explanation=words))) for lane in t.lanes
    )
    return replace(t, lanes=lanes)


def apart(a: skia.Rect, b: skia.Rect) -> bool:
    """Whether two boxes share no pixel."""
    return a.right() <= b.left() or b.right() <= a.left() or a.bottom() <= b.top() or b.bottom() <= a.top()


def check_card(t: SurfaceTimeline, width: int, height: int) -> list[str]:
    """The card's lines, after checking it is off the map and every line lies inside it."""
    lay = Layout(width, height)
    m = SurfaceScene(t, width, height).map
    card = lay_out_card(lay, t)
    assert card.box == card_box(lay)
    assert apart(card.box, skia.Rect.MakeXYWH(m.left, m.top, m.width, m.height)), (width, height)
    inner = card.box.makeInset(PAD * lay.u - 0.5, PAD * lay.u - 0.5)
    for line in card.lines:
        shift = line.font.getSize() * 1.2 if line.dot is not None else 0.0
        right = line.x + shift + line.font.measureText(line.words)
        assert inner.left() <= line.x and right <= inner.right(), (line.words, right, inner.right())
        assert inner.top() <= line.y - line.font.getSize() * 0.75 and line.y <= inner.bottom(), line.words
    return [line.words for line in card.lines]


LONGEST = longest_single()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_longest_verdict_fits_its_card_beside_the_map(size: tuple[int, int]) -> None:
    explanation = LONGEST.lanes[0].run.verdict.explanation
    assert len(explanation) > 450
    lines = check_card(LONGEST, *size)
    assert " ".join(lines[2:]) == explanation  # every word of it, none cut
    assert lines[1] == LONGEST.lanes[0].run.verdict.headline


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_race_of_six_fits_its_card_beside_the_map(size: tuple[int, int]) -> None:
    race = timeline(RULES, speed=0.001)
    lines = check_card(race, *size)
    for lane in race.lanes:
        assert lane.run.verdict.headline in lines


def test_words_longer_than_any_verdict_are_cut_inside_the_card() -> None:
    words = "It carried on from step 12 at speed 0.03. " + " ".join(["the valley floor"] * 200)
    lines = check_card(with_words(LONGEST, words), 1920, 1080)
    assert lines[-1].endswith("…") and len(" ".join(lines)) < len(words)


def test_the_check_can_fail() -> None:
    box = skia.Rect.MakeXYWH(100, 100, 200, 200)
    assert apart(box, skia.Rect.MakeXYWH(300, 100, 50, 50))
    assert not apart(box, skia.Rect.MakeXYWH(290, 150, 50, 50))
