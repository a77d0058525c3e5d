"""What lies over the curve now and then: the title, each run's verdict card, the closing summary."""

from __future__ import annotations

import skia

from ..timeline import Card, RunPlan, Timeline, readable
from .distance_chart import draw_axes, draw_path
from .drawing import fill, fitted, panel, paragraph, text, wrap
from .theme import BACKGROUND, MUTED, PANEL, TEXT, VERDICT_COLOURS, Layout, run_colour, with_alpha

SPARK_LEFT = 370  # grid units from a summary row's right edge to its distance line's left


def draw_card(canvas: skia.Canvas, lay: Layout, card: Card) -> None:
    """A run's verdict over the curve: the speed, the headline, the explanation; as tall as its words."""
    u, a = lay.u, card.opacity
    plot = lay.plot_panel
    width, pad = 960 * u, 48 * u
    body_font = lay.font(30)
    lines = wrap(card.explanation, body_font, width - 2 * pad)
    height = 200 * u + len(lines) * 30 * u * 1.35 + 20 * u
    rect = skia.Rect.MakeXYWH(plot.centerX() - width / 2, plot.top() + 120 * u, width, height)
    colour = VERDICT_COLOURS.get(card.kind, TEXT)
    panel(canvas, rect.makeOutset(4 * u, 4 * u), 26 * u, with_alpha(colour, a))
    panel(canvas, rect, 24 * u, with_alpha(PANEL, a))
    left = rect.left() + pad
    label = f"Run {card.run + 1}  ·  speed {card.speed:g}"
    text(canvas, label, left, rect.top() + 70 * u, lay.font(30, True), with_alpha(run_colour(card.run), a))
    headline = fitted(lay.font(48, True), card.headline, width - 2 * pad)
    text(canvas, card.headline, left, rect.top() + 140 * u, headline, with_alpha(colour, a))
    body = skia.Rect.MakeLTRB(left, rect.top() + 175 * u, rect.right() - pad, rect.bottom())
    paragraph(canvas, card.explanation, body, body_font, with_alpha(TEXT, a))


def draw_intro(canvas: skia.Canvas, lay: Layout, timeline: Timeline, opacity: float) -> None:
    """The title: what is about to happen, and the one thing that changes between runs."""
    u = lay.u
    if opacity < 1:  # fading: the show shows through; once opaque the scene has cleared the frame already
        canvas.drawRect(skia.Rect.MakeWH(lay.width, lay.height), fill(with_alpha(BACKGROUND, opacity)))
    cx = lay.width / 2
    n = len(timeline.runs)
    start = readable(timeline.runs[0].run.steps[0].w, 2) if timeline.runs else "?"
    title = intro_title(timeline)
    text(canvas, title, cx, lay.height * 0.36, lay.font(72, True), with_alpha(TEXT, opacity), "center")
    line = f"Gradient descent from w = {start}, {timeline.settings.steps} steps each. Only the speed changes."
    text(canvas, line, cx, lay.height * 0.36 + 90 * u, lay.font(36), with_alpha(MUTED, opacity), "center")
    x = cx - _speeds_width(lay, timeline) / 2
    y = lay.height * 0.36 + 190 * u
    font = lay.font(44, True)
    for k, r in enumerate(timeline.runs):
        x += text(canvas, f"{r.speed:g}", x, y, font, with_alpha(run_colour(k), opacity))
        if k + 1 < n:
            x += text(canvas, "   ·   ", x, y, font, with_alpha(MUTED, opacity))


def intro_title(timeline: Timeline) -> str:
    """The title's words: three speeds, several, or a single run."""
    n = len(timeline.runs)
    if n == 1:
        return f"Gradient descent at speed {timeline.runs[0].speed:g}"
    return "One curve, one start, three speeds" if n == 3 else f"One curve, one start, {n} speeds"


def _speeds_width(lay: Layout, timeline: Timeline) -> float:
    font = lay.font(44, True)
    words = "   ·   ".join(f"{r.speed:g}" for r in timeline.runs)
    return font.measureText(words)


def draw_summary(canvas: skia.Canvas, lay: Layout, timeline: Timeline, opacity: float) -> None:
    """The closing table: each speed beside what became of it, how far from the lowest point, and its line."""
    u = lay.u
    if opacity < 1:
        canvas.drawRect(skia.Rect.MakeWH(lay.width, lay.height), fill(with_alpha(BACKGROUND, opacity)))
    cx = lay.width / 2
    title = "Same curve, same start, different speeds"
    text(canvas, title, cx, 170 * u, lay.font(60, True), with_alpha(TEXT, opacity), "center")
    n = max(len(timeline.runs), 1)
    row_h = min(190.0, 600.0 / n) * u
    left, width = cx - 760 * u, 1520 * u
    words = "distance to the lowest point"
    text(canvas, words, left + width - SPARK_LEFT * u, 216 * u, lay.font(22), with_alpha(MUTED, opacity))
    for k, plan in enumerate(timeline.runs):
        rect = skia.Rect.MakeXYWH(left, 230 * u + k * row_h, width, row_h - 18 * u)
        _summary_row(canvas, lay, timeline, plan, rect, opacity)
    y = 230 * u + n * row_h + 50 * u
    limit = timeline.limit_words
    text(canvas, limit, cx, y, fitted(lay.font(32), limit, width), with_alpha(TEXT, opacity), "center")
    moral = "Every step was new w = w − speed × slope. Only the speed changed, and it decided everything."
    text(canvas, moral, cx, y + 60 * u, fitted(lay.font(28), moral, width), with_alpha(MUTED, opacity), "center")


def _summary_row(
    canvas: skia.Canvas, lay: Layout, timeline: Timeline, plan: RunPlan, rect: skia.Rect, opacity: float
) -> None:
    """One run in the summary: its colour, its speed, its verdict, how far it ended, and its distance line."""
    u, left = lay.u, rect.left()
    colour = with_alpha(run_colour(plan.index), opacity)
    panel(canvas, rect, 18 * u, with_alpha(PANEL, opacity))
    mid = rect.top() + rect.height() / 2
    canvas.drawCircle(left + 50 * u, mid, 16 * u, fill(colour))
    text(canvas, f"speed {plan.speed:g}", left + 90 * u, mid + 14 * u, lay.font(40, True), colour)
    chart = skia.Rect.MakeLTRB(
        rect.right() - SPARK_LEFT * u, rect.top() + 24 * u, rect.right() - 36 * u, rect.bottom() - 24 * u
    )
    words_left = left + 370 * u
    verdict = plan.verdict
    headline = fitted(lay.font(30, True), verdict.headline, chart.left() - 40 * u - words_left)
    text(
        canvas,
        verdict.headline,
        words_left,
        mid - 6 * u,
        headline,
        with_alpha(VERDICT_COLOURS.get(verdict.kind, TEXT), opacity),
    )
    text(canvas, plan.how_far, words_left, mid + 36 * u, lay.font(26), with_alpha(MUTED, opacity))
    canvas.saveLayerAlpha(chart.makeOutset(12 * u, 12 * u), round(255 * opacity))
    draw_axes(canvas, lay, chart, timeline.scale, labels=False)
    draw_path(canvas, lay, chart, timeline.scale, plan.distances, timeline.settings.steps, run_colour(plan.index))
    canvas.restore()
