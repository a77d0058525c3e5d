"""The verdict card of a surface video, in the engine's own words: beside the map, over the loss chart and the
readout, so it never hides a ball's path. Laid out first (lines, fonts, places), then drawn, so a test can check
that every line stays inside the card and the card off the map."""

from __future__ import annotations

from dataclasses import dataclass

import skia

from ..timeline.surface import Lane, SurfaceTimeline
from .drawing import fill, fitted, panel, wrap
from .surface_parts import count, rule_title, verdict_colour
from .theme import MUTED, PANEL, TEXT, Layout, run_colour, with_alpha

# On the 1920 x 1080 grid: the loss chart's panel and the readout's under it, which the card covers at the end.
CARD = (1320, 340, 540, 680)
PAD = 26
LEADING = 1.3
BODY_SIZES = (22, 21, 20, 19, 18, 17, 16, 15, 14, 13)  # the largest that fits all the words is used
ELLIPSIS = "…"


@dataclass(frozen=True)
class Line:
    """One line of the card: its words, where its baseline starts, its font and colour, and a dot before it."""

    words: str
    x: float
    y: float
    font: skia.Font
    colour: int
    dot: int | None = None  # a race lane's colour, drawn as a dot left of the line


@dataclass(frozen=True)
class CardLayout:
    """The card's box, the colour of its rim, and its lines top to bottom."""

    box: skia.Rect
    rim: int
    lines: tuple[Line, ...]


def card_box(lay: Layout) -> skia.Rect:
    """Where the card goes in this frame: the right column, below the colour bar."""
    return lay.rect(*CARD)


def lay_out_card(lay: Layout, timeline: SurfaceTimeline) -> CardLayout:
    """The card for one ball (its rule, headline and whole explanation) or a race (each ball's headline and first
    sentence), in the largest type that fits the box."""
    box = card_box(lay)
    for size in BODY_SIZES:
        lines, bottom = _lines(lay, timeline, box, size)
        if bottom <= box.bottom() - PAD * lay.u:
            break
    else:
        lines = _cut(lines, box.bottom() - PAD * lay.u)
    lane = timeline.lanes[0]
    rim = MUTED if timeline.is_race else verdict_colour(lane.run.verdict.kind)
    return CardLayout(box, rim, tuple(lines))


def _lines(lay: Layout, timeline: SurfaceTimeline, box: skia.Rect, size: int) -> tuple[list[Line], float]:
    """Every line at body size `size`, and the lowest point they reach."""
    u = lay.u
    cursor = _Cursor(box.left() + PAD * u, box.top() + PAD * u, box.width() - 2 * PAD * u)
    if timeline.is_race:
        for lane in timeline.lanes:
            _race_lane(cursor, lay, lane, size)
    else:
        _one_ball(cursor, lay, timeline, size)
    return cursor.lines, cursor.y + size * u * 0.3


def _one_ball(cursor: _Cursor, lay: Layout, timeline: SurfaceTimeline, size: int) -> None:
    """The rule, speed and steps; the headline; the explanation."""
    lane = timeline.lanes[0]
    verdict = lane.run.verdict
    taken = count(len(lane.run.steps) - 1, "step")
    label = f"{rule_title(lane.optimizer)}  ·  speed {timeline.settings.speed:g}  ·  {taken}"
    cursor.add(label, snug(lay.font(size, True), label, cursor.width), run_colour(0))
    cursor.gap(size * 0.4 * lay.u)
    cursor.paragraph(verdict.headline, lay.font(size * 1.45, True), verdict_colour(verdict.kind))
    cursor.gap(size * 0.5 * lay.u)
    cursor.paragraph(verdict.explanation, lay.font(size), TEXT)


def _race_lane(cursor: _Cursor, lay: Layout, lane: Lane, size: int) -> None:
    """A ball of the race: a dot and its rule, its headline, the first sentence of its explanation."""
    verdict = lane.run.verdict
    colour = run_colour(lane.index)
    cursor.add(rule_title(lane.optimizer), lay.font(size * 1.1, True), colour, dot=colour)
    cursor.paragraph(verdict.headline, lay.font(size, True), verdict_colour(verdict.kind))
    cursor.paragraph(first_sentence(verdict.explanation), lay.font(size * 0.9), TEXT)
    cursor.gap(size * 0.6 * lay.u)


class _Cursor:
    """Lines placed one under another from (x, y), each at most `width` wide."""

    def __init__(self, x: float, y: float, width: float) -> None:
        self.x, self.y, self.width = x, y, width
        self.lines: list[Line] = []

    def add(self, words: str, font: skia.Font, colour: int, dot: int | None = None) -> None:
        """One line, its baseline a line's height below the last."""
        self.y += font.getSize() * LEADING
        self.lines.append(Line(words, self.x, self.y, font, colour, dot))

    def paragraph(self, words: str, font: skia.Font, colour: int) -> None:
        """Words wrapped to the card's width (a word too long for a line is shrunk to fit it)."""
        for line in wrap(words, font, self.width):
            self.add(line, snug(font, line, self.width), colour)

    def gap(self, height: float) -> None:
        self.y += height


def _cut(lines: list[Line], bottom: float) -> list[Line]:
    """The lines that fit above `bottom`, the last one ending in an ellipsis (words longer than any card holds)."""
    kept = [line for line in lines if line.y <= bottom]
    if len(kept) < len(lines) and kept:
        last = kept[-1]
        words = last.words.rstrip(".,;: ") + ELLIPSIS
        font = snug(last.font, words, last.font.measureText(last.words))
        kept[-1] = Line(words, last.x, last.y, font, last.colour, last.dot)
    return kept


def snug(font: skia.Font, words: str, width: float) -> skia.Font:
    """The font, made smaller if need be so `words` fit in `width` (measured again: at small sizes the width of
    words does not shrink exactly with the font)."""
    while (fitting := fitted(font, words, width)) is not font:
        font = skia.Font(fitting.getTypeface(), fitting.getSize() * 0.99)
        font.setSubpixel(True)
        font.setEdging(skia.Font.Edging.kAntiAlias)
    return font


def draw_surface_card(canvas: skia.Canvas, lay: Layout, timeline: SurfaceTimeline, opacity: float) -> None:
    """The engine's verdict beside the map: for one ball its headline and explanation, for a race each ball's."""
    card = lay_out_card(lay, timeline)
    u = lay.u
    panel(canvas, card.box.makeOutset(4 * u, 4 * u), 20 * u, with_alpha(card.rim, opacity))
    panel(canvas, card.box, 18 * u, with_alpha(PANEL, opacity))
    for line in card.lines:
        x = line.x
        if line.dot is not None:
            r = line.font.getSize() * 0.4
            canvas.drawCircle(x + r, line.y - r * 0.9, r, fill(with_alpha(line.dot, opacity)))
            x += r * 2 + line.font.getSize() * 0.4
        canvas.drawString(line.words, x, line.y, line.font, fill(with_alpha(line.colour, opacity)))


def first_sentence(words: str) -> str:
    """The explanation's first sentence, up to its first full stop, colon or semicolon (a decimal point is not one)."""
    for k, ch in enumerate(words):
        if ch in ".:;" and (k + 1 == len(words) or words[k + 1] == " "):
            return words[: k + 1] if ch == "." else words[:k] + "."
    return words
