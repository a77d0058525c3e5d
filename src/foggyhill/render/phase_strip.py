"""The three things every step does, named on the stage (feel the slope → step → settle), the current one lit."""

from __future__ import annotations

import skia

from ..timeline import PHASE_NAMES, PHASE_WORDS
from .drawing import fill, stroke, text
from .theme import MUTED, TANGENT, TEXT, Layout, with_alpha

ARROW = "→"
SIZE = 28
GAP = 34  # grid units between a word's pill and the arrow


def phase_colour(phase: str, run_colour: int) -> int:
    """Feeling the slope is the cyan of the slope line, the step is the run's colour, settling is plain text."""
    return {"gradient": TANGENT, "step": run_colour}.get(phase, TEXT)


def strip_words() -> list[tuple[str, str]]:
    """The phases that have words, in the order a step goes through them: (phase, words)."""
    return [(name, PHASE_WORDS[name]) for name in PHASE_NAMES if PHASE_WORDS[name]]


def draw_phase_strip(canvas: skia.Canvas, lay: Layout, cx: float, y: float, phase: str, run_colour: int) -> None:
    """The words centred on cx with their baseline at y; the phase under way (if it has words) in a lit pill."""
    u = lay.u
    bold, plain = lay.font(SIZE, True), lay.font(SIZE)
    words = strip_words()
    # every word is spaced as if bold, so lighting one never shifts the others
    widths = [bold.measureText(w) for _, w in words]
    arrow = plain.measureText(ARROW)
    total = sum(widths) + (len(words) - 1) * (arrow + 2 * GAP * u)
    x = cx - total / 2
    for k, ((name, label), width) in enumerate(zip(words, widths, strict=True)):
        if name == phase:
            colour = phase_colour(name, run_colour)
            pill = skia.Rect.MakeLTRB(x - 16 * u, y - 30 * u, x + width + 16 * u, y + 11 * u)
            canvas.drawRoundRect(pill, 20 * u, 20 * u, fill(with_alpha(colour, 0.16)))
            canvas.drawRoundRect(pill, 20 * u, 20 * u, stroke(colour, 2 * u))
            text(canvas, label, x, y, bold, colour)
        else:
            text(canvas, label, x + (width - plain.measureText(label)) / 2, y, plain, MUTED)
        x += width
        if k + 1 < len(words):
            text(canvas, ARROW, x + GAP * u, y, plain, MUTED)
            x += arrow + 2 * GAP * u
