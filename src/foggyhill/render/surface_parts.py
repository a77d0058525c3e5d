"""The parts of a surface frame beside the map: the colour bar, the loss chart, the readout and the title (the
verdict card is surface_card.py's)."""

from __future__ import annotations

import math

import numpy as np
import skia

from ..core.optimizers import OPTIMIZERS
from ..timeline import readable
from ..timeline.levels import LossScale, legend_ticks
from ..timeline.surface import SurfaceFrame, SurfaceTimeline
from .drawing import fill, fitted, panel, stroke, text, wrap
from .levels import BANDS, viridis
from .surface_frame import MapFrame, same_scale
from .theme import GRID, MUTED, PANEL, TEXT, VERDICT_COLOURS, Layout, run_colour, with_alpha

HALO = skia.Color(10, 12, 20)  # the dark rim under lines and words drawn over the map's bright bands
NEWTON_TITLE = "Newton's method"
NEWTON_RULE = "w ← w − speed·H⁻¹·slope(w)  (H: the Hessian, the second slopes)"


def rule_title(rule: str) -> str:
    """An update rule's name as a learner reads it."""
    return OPTIMIZERS[rule].title if rule in OPTIMIZERS else NEWTON_TITLE


def rule_formula(rule: str) -> str:
    """An update rule's one step as a formula."""
    return OPTIMIZERS[rule].rule if rule in OPTIMIZERS else NEWTON_RULE


def verdict_colour(kind: str) -> int:
    """A verdict's colour; the surface-only kinds (saddle, hilltop, stopped) share the 'stuck' colour."""
    return int(VERDICT_COLOURS.get(kind, VERDICT_COLOURS["stuck-local"]))


def haloed(
    canvas: skia.Canvas,
    words: str,
    x: float,
    y: float,
    font: skia.Font,
    colour: int,
    align: str = "left",
    opacity: float = 1.0,
) -> None:
    """Words with a dark rim, readable on any band of the map."""
    width = font.measureText(words)
    left = x - (width / 2 if align == "center" else width if align == "right" else 0.0)
    rim = stroke(with_alpha(HALO, 0.85 * opacity), font.getSize() * 0.22)
    canvas.drawString(words, left, y, font, rim)
    canvas.drawString(words, left, y, font, fill(colour))


def draw_colour_bar(canvas: skia.Canvas, lay: Layout, rect: skia.Rect, scale: LossScale) -> None:
    """The bands' colours under their title, with a few losses under them (none so close it touches the last)."""
    u = lay.u
    panel(
        canvas,
        skia.Rect.MakeLTRB(rect.left() - 20 * u, 110 * lay.height / 1080, rect.right() + 20 * u, rect.bottom()),
        16 * u,
    )
    top = rect.top() + 60 * u
    bar = skia.Rect.MakeLTRB(rect.left(), top, rect.right(), top + 26 * u)
    width = bar.width() / BANDS
    for k, (r, g, b) in enumerate(viridis([(k + 0.5) / BANDS for k in range(BANDS)]).tolist()):
        canvas.drawRect(
            skia.Rect.MakeXYWH(bar.left() + k * width, bar.top(), width + 0.5, bar.height()), fill(skia.Color(r, g, b))
        )
    font = lay.font(18)
    ticks = legend_ticks(scale)
    if not ticks or ticks[0][0] > 0.12:  # no round value near the bottom: label the bottom as it is
        ticks.insert(0, (0.0, scale.low))
    shown = -math.inf
    for t, loss in ticks:
        words, x = readable(loss, 2), bar.left() + t * bar.width()
        half = font.measureText(words) / 2
        if not 0 <= t <= 1 or x - half < shown + 12 * u:  # a label that would touch the last one is left out
            continue
        canvas.drawLine(x, bar.bottom(), x, bar.bottom() + 7 * u, stroke(MUTED, 1.5 * u))
        text(canvas, words, x, bar.bottom() + 28 * u, font, MUTED, "center")
        shown = x + half
    words = "loss, low to high" + (" (log scale)" if scale.knee is not None else "")
    text(canvas, words, rect.left(), rect.top() + 40 * u, lay.font(22, True), TEXT)


def count(n: int, noun: str) -> str:
    """'1 step', '30 steps'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def chart_top(timeline: SurfaceTimeline, scale: LossScale) -> float:
    """The height t at the chart's top: the highest loss any ball reaches, up to the map's highest (a ball that
    climbs beyond it is drawn at the top)."""
    heights = [
        float(np.nanmax(scale.t(np.where(np.isfinite(lane.run.losses), lane.run.losses, np.nan))))
        for lane in timeline.lanes
    ]
    top = min(max(heights, default=1.0), 1.0)
    return top if top > 1e-9 else 1.0


def draw_chart_frame(
    canvas: skia.Canvas, lay: Layout, rect: skia.Rect, timeline: SurfaceTimeline, scale: LossScale
) -> None:
    """The loss chart's panel, heading, the colours of its heights, and its labels."""
    u = lay.u
    panel(
        canvas,
        skia.Rect.MakeLTRB(rect.left() - 80 * u, rect.top() - 90 * u, rect.right() + 20 * u, rect.bottom() + 60 * u),
        16 * u,
    )
    text(canvas, "Loss over the steps", rect.left() - 60 * u, rect.top() - 44 * u, lay.font(26, True), TEXT)
    top = chart_top(timeline, scale)
    rows = 40
    for k in range(rows):  # a strip of the map's colours up the side: the chart's heights are the map's
        t = top * (k + 0.5) / rows
        r, g, b = viridis(t).tolist()
        y = rect.bottom() - (k + 1) * rect.height() / rows
        canvas.drawRect(
            skia.Rect.MakeXYWH(rect.left() - 14 * u, y, 8 * u, rect.height() / rows + 0.5), fill(skia.Color(r, g, b))
        )
    for share in (0.0, 0.5, 1.0):
        y = rect.bottom() - share * rect.height()
        canvas.drawLine(rect.left(), y, rect.right(), y, stroke(GRID, 1.5 * u))
    font = lay.font(18)
    text(canvas, readable(scale.loss(top), 2), rect.left() - 20 * u, rect.top() + 6 * u, font, MUTED, "right")
    text(canvas, readable(scale.loss(0.0), 2), rect.left() - 20 * u, rect.bottom() + 6 * u, font, MUTED, "right")
    steps = timeline.settings.steps
    text(canvas, "0", rect.left(), rect.bottom() + 28 * u, font, MUTED, "center")
    text(
        canvas,
        count(steps, "step"),
        rect.right(),
        rect.bottom() + 28 * u,
        font,
        MUTED,
        "right",
    )
    if scale.knee is not None:
        text(canvas, "log scale", rect.right(), rect.top() - 44 * u, lay.font(18), MUTED, "right")


def draw_chart(
    canvas: skia.Canvas,
    lay: Layout,
    rect: skia.Rect,
    timeline: SurfaceTimeline,
    state: SurfaceFrame,
    scale: LossScale,
) -> None:
    """Each ball's loss, step by step, as far as its tones have sounded."""
    u = lay.u
    top = chart_top(timeline, scale)
    steps = max(timeline.settings.steps, 1)
    for ball in state.balls:
        losses = timeline.lanes[ball.index].run.losses[: ball.heard + 1]
        heights = [min(max(float(scale.t(v)) / top, 0.0), 1.0) if v == v else 1.0 for v in losses.tolist()]
        points = [
            skia.Point(rect.left() + k / steps * rect.width(), rect.bottom() - h * rect.height())
            for k, h in enumerate(heights)
        ]
        colour = run_colour(ball.index)
        if len(points) > 1:
            path = skia.Path()
            path.addPoly(points, False)
            canvas.drawPath(path, stroke(colour, 3 * u))
        canvas.drawCircle(points[-1].x(), points[-1].y(), 5 * u, fill(colour))


def draw_readout(canvas: skia.Canvas, lay: Layout, timeline: SurfaceTimeline, state: SurfaceFrame) -> None:
    """Under the chart: the update rule and where the ball is (one ball), or each ball's loss (a race)."""
    u = lay.u
    rect = lay.rect(1320, 770, 540, 250)
    panel(canvas, rect, 16 * u)
    left, y = rect.left() + 24 * u, rect.top() + 44 * u
    room = rect.width() - 48 * u
    if not timeline.is_race:
        ball = state.balls[0]
        rule = timeline.settings.optimizer
        text(canvas, rule_title(rule), left, y, lay.font(26, True), run_colour(0))
        small = lay.font(19)
        lines = wrap(rule_formula(rule), small, room)[:3]
        for k, line in enumerate(lines):
            text(canvas, line, left, y + (34 + 24 * k) * u, fitted(small, line, room), MUTED)
        y += 24 * max(len(lines) - 1, 0) * u
        where = f"w = ({readable(ball.w[0])}, {readable(ball.w[1])})" if not ball.flown else "w: off the map"
        text(canvas, where, left, y + 92 * u, fitted(lay.font(26), where, room), TEXT)
        text(canvas, f"loss {readable(ball.loss)}", left, y + 132 * u, lay.font(26), TEXT)
        text(canvas, f"speed {timeline.settings.speed:g}", left + room, y + 132 * u, lay.font(22), MUTED, "right")
        return
    text(canvas, f"speed {timeline.settings.speed:g}, loss now", left, y, lay.font(22, True), MUTED)
    gap = min(40.0, 170.0 / len(state.balls)) * u
    for ball in state.balls:
        y += gap
        colour = run_colour(ball.index)
        canvas.drawCircle(left + 9 * u, y - 8 * u, 9 * u, fill(colour))
        name = rule_title(timeline.lanes[ball.index].optimizer)
        text(canvas, name, left + 30 * u, y, lay.font(24, True), colour)
        value = "flew off" if ball.flown else readable(ball.loss)
        text(canvas, value, left + room, y, lay.font(24), TEXT, "right")


def draw_legend(canvas: skia.Canvas, lay: Layout, m: MapFrame) -> None:
    """What the marks on the map mean, under it."""
    u = lay.u
    words = "○ dip    ◇ saddle    △ hilltop    arrow: the slope, pointing uphill (each step goes against it)"
    if not same_scale(m.window):
        words += "    ·    w1 and w2 drawn to different scales"
    y = 1000 * lay.height / 1080
    text(canvas, words, 60 * u, y, fitted(lay.font(20), words, 1200 * u), MUTED)


def draw_title(canvas: skia.Canvas, lay: Layout, m: MapFrame, timeline: SurfaceTimeline, opacity: float) -> None:
    """The opening words over the map: the surface, the rule (or rules), where it starts, how many steps."""
    u = lay.u
    width = min(980 * u, m.width - 40 * u)
    rect = skia.Rect.MakeXYWH(m.left + (m.width - width) / 2, m.top + m.height * 0.28, width, 230 * u)
    panel(canvas, rect, 24 * u, with_alpha(PANEL, 0.94 * opacity))
    cx = rect.centerX()
    surface, s = timeline.surface, timeline.settings
    title = f"loss(w1, w2) = {surface.formula}"
    text(
        canvas,
        title,
        cx,
        rect.top() + 72 * u,
        fitted(lay.font(40, True), title, width - 60 * u),
        with_alpha(TEXT, opacity),
        "center",
    )
    start = timeline.lanes[0].run.steps[0].w
    line = f"from ({readable(start[0])}, {readable(start[1])}), speed {s.speed:g}, {count(s.steps, 'step')}"
    if s.noise > 0:
        line += f", noise {s.noise:g} (seed {s.seed})"
    text(
        canvas,
        line,
        cx,
        rect.top() + 128 * u,
        fitted(lay.font(30), line, width - 60 * u),
        with_alpha(MUTED, opacity),
        "center",
    )
    names = "  ·  ".join(rule_title(lane.optimizer) for lane in timeline.lanes)
    font = fitted(lay.font(32, True), names, width - 60 * u)  # six rules in a race shrink to fit the panel
    x = cx - font.measureText(names) / 2
    for lane in timeline.lanes:
        colour = with_alpha(run_colour(lane.index), opacity)
        x += text(canvas, rule_title(lane.optimizer), x, rect.top() + 188 * u, font, colour)
        if lane.index + 1 < len(timeline.lanes):
            x += text(canvas, "  ·  ", x, rect.top() + 188 * u, font, with_alpha(MUTED, opacity))
