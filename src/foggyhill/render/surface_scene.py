"""One frame of a run (or a race) on a surface, drawn with skia as a pure function of the timeline and t: the filled
contour map with its dips and saddles, each ball's path, ball and slope arrow, the loss chart and the verdict card."""

from __future__ import annotations

import math

import numpy as np
import skia

from ..timeline import readable
from ..timeline.levels import nice_ticks
from ..timeline.surface import BallView, SurfaceFrame, SurfaceTimeline, surface_state_at
from .drawing import fill, fitted, panel, stroke, text
from .levels import banded
from .scene import FrameBuffer
from .surface_card import draw_surface_card
from .surface_frame import arrow_length, clipped_runs, frame_of, typical_slope
from .surface_parts import (
    HALO,
    draw_chart,
    draw_chart_frame,
    draw_colour_bar,
    draw_legend,
    draw_readout,
    draw_title,
    haloed,
    rule_title,
)
from .theme import BACKGROUND, MUTED, TEXT, VERDICT_COLOURS, Layout, run_colour, with_alpha

MARK_WORDS = {"minimum": "dip", "saddle": "saddle", "maximum": "hilltop"}


class SurfaceScene:
    """The still picture (map, marks, panels) drawn once; the balls, paths, chart and card drawn per frame."""

    def __init__(self, timeline: SurfaceTimeline, width: int, height: int) -> None:
        """Lay out the frame and draw its still picture once (the map's bands at the frame's own pixels)."""
        self.timeline = timeline
        self.layout = lay = Layout(width, height)
        box = lay.rect(150, 125, 1080, 800)
        self.map = frame_of(timeline.surface, box.left(), box.top(), box.width(), box.height())
        losses = timeline.surface.loss(self.map.pixel_centres())
        self.scale = timeline.scale
        self.typical = typical_slope(timeline.surface)
        self.chart = lay.rect(1400, 430, 440, 250)
        self.backdrop = self._backdrop(banded(losses, self.scale))

    def state_at(self, t: float) -> SurfaceFrame:
        """What the frame at t shows."""
        return surface_state_at(self.timeline, t)

    def draw(self, target: FrameBuffer, state: SurfaceFrame) -> None:
        """Draw the frame for `state` into the buffer, every pixel of it."""
        np.copyto(target.pixels, self.backdrop)
        canvas, lay = target.canvas, self.layout
        self._counter(canvas, state)
        canvas.save()
        canvas.clipRect(skia.Rect.MakeXYWH(self.map.left, self.map.top, self.map.width, self.map.height))
        for ball in state.balls:
            self._path(canvas, ball)
        for ball in state.balls:
            self._arrow(canvas, ball)
        for ball in reversed(state.balls):  # the first lane's ball on top
            self._ball(canvas, ball)
        canvas.restore()
        for ball in state.balls:
            self._off_map(canvas, ball)
        draw_chart(canvas, lay, self.chart, self.timeline, state, self.scale)
        draw_readout(canvas, lay, self.timeline, state)
        if state.intro_opacity > 0:
            draw_title(canvas, lay, self.map, self.timeline, state.intro_opacity)
        if state.card_opacity > 0:
            draw_surface_card(canvas, lay, self.timeline, state.card_opacity)

    def _backdrop(self, bands: np.ndarray) -> np.ndarray:
        """Everything that never moves, as RGBA pixels."""
        lay, u, m = self.layout, self.layout.u, self.map
        target = FrameBuffer(lay.width, lay.height)
        canvas = target.canvas
        canvas.clear(BACKGROUND)
        panel(canvas, lay.rect(40, 110, 1260, 910), 18 * u)
        target.pixels[m.top : m.top + m.height, m.left : m.left + m.width] = bands
        canvas.drawRect(skia.Rect.MakeXYWH(m.left, m.top, m.width, m.height), stroke(MUTED, 1.5 * u, False))
        self._axes(canvas)
        self._marks(canvas)
        self._start(canvas)
        headline = _heading(self.timeline)
        text(canvas, headline, 60 * u, 78 * u, fitted(lay.font(40, True), headline, 1300 * u), TEXT)
        draw_colour_bar(canvas, lay, lay.rect(1340, 150, 500, 150), self.scale)
        draw_chart_frame(canvas, lay, self.chart, self.timeline, self.scale)
        draw_legend(canvas, lay, m)
        return target.pixels.copy()

    def _axes(self, canvas: skia.Canvas) -> None:
        """w1 along the bottom, w2 up the left, with a few round values."""
        lay, u, m = self.layout, self.layout.u, self.map
        (a0, a1), (b0, b1) = m.window
        font = lay.font(20)
        for v in _round_values(a0, a1):
            x = m.x(v)
            canvas.drawLine(x, m.top + m.height, x, m.top + m.height + 8 * u, stroke(MUTED, 1.5 * u))
            text(canvas, readable(v, 2), x, m.top + m.height + 32 * u, font, MUTED, "center")
        for v in _round_values(b0, b1):
            y = m.y(v)
            canvas.drawLine(m.left - 8 * u, y, m.left, y, stroke(MUTED, 1.5 * u))
            text(canvas, readable(v, 2), m.left - 14 * u, y + 7 * u, font, MUTED, "right")
        bold = lay.font(24, True)
        text(canvas, "w1", m.left + m.width + 34 * u, m.top + m.height + 32 * u, bold, MUTED, "left")
        text(canvas, "w2", m.left - 14 * u, m.top - 12 * u, bold, MUTED, "right")

    def _marks(self, canvas: skia.Canvas) -> None:
        """The dips (rings), saddles (diamonds) and hilltops (triangles), each named."""
        u, m, font = self.layout.u, self.map, self.layout.font(22, True)
        for p in self.timeline.surface.critical_points:
            if p.kind not in MARK_WORDS:
                continue
            x, y = m.point(p.w)
            if not m.inside(x, y):
                continue
            r = 11 * u
            if p.kind == "minimum":
                canvas.drawCircle(x, y, r, stroke(HALO, 7 * u))
                canvas.drawCircle(x, y, r, stroke(TEXT, 3 * u))
                canvas.drawCircle(x, y, 3 * u, fill(TEXT))
            else:
                shape = _diamond(x, y, r * 1.2) if p.kind == "saddle" else _triangle(x, y, r * 1.3)
                canvas.drawPath(shape, stroke(HALO, 7 * u))
                canvas.drawPath(shape, stroke(TEXT, 3 * u))
            words = "lowest point" if p.kind == "minimum" and p.is_global else MARK_WORDS[p.kind]
            below = y + 40 * u < m.top + m.height - 6 * u
            haloed(canvas, words, x, y + 40 * u if below else y - 24 * u, font, TEXT, "center")

    def _start(self, canvas: skia.Canvas) -> None:
        """A ring where the balls start, named."""
        u = self.layout.u
        first = self.timeline.lanes[0].run.steps[0].w if self.timeline.lanes else self.timeline.surface.start
        x, y = self.map.point(first)
        if self.map.inside(x, y):
            canvas.drawCircle(x, y, 8 * u, stroke(HALO, 6 * u))
            canvas.drawCircle(x, y, 8 * u, stroke(TEXT, 2.5 * u))
            left = x > self.map.left + self.map.width - 90 * u
            haloed(
                canvas,
                "start",
                x + (-14 if left else 14) * u,
                y - 14 * u,
                self.layout.font(20, True),
                TEXT,
                "right" if left else "left",
            )

    def _path(self, canvas: skia.Canvas, ball: BallView) -> None:
        """Where the ball has been: a line through every place it landed and on to where it is now."""
        lane = self.timeline.lanes[ball.index]
        ws = lane.run.ws[: ball.landed + 1]
        if ball.landed == 0 and ball.w == tuple(ws[0]):
            return
        u, m = self.layout.u, self.map
        (a0, a1), (b0, b1) = m.window
        reach = 2 * np.array([a1 - a0, b1 - b0])  # drawn as far as this beyond the window: off the frame already
        low, high = np.array([a0, b0]) - reach, np.array([a1, b1]) + reach
        points = np.vstack([ws, np.array(ball.w)[None, :]])
        path = skia.Path()
        for run in clipped_runs(points, low, high):
            xs, ys = m.left + (run[:, 0] - a0) * m.sx, m.top + (b1 - run[:, 1]) * m.sy
            path.addPoly([skia.Point(float(x), float(y)) for x, y in zip(xs, ys, strict=True)], False)
        colour = run_colour(ball.index)
        canvas.drawPath(path, stroke(with_alpha(HALO, 0.75), 7 * u))
        canvas.drawPath(path, stroke(colour, 3.5 * u))
        if len(ws) <= 80:  # few steps: each landing is a dot, so the steps can be counted
            dot = fill(colour)
            for w in ws:
                x, y = m.point((float(w[0]), float(w[1])))
                if m.inside(x, y, -10 * u):
                    canvas.drawCircle(x, y, 4.5 * u, dot)

    def _arrow(self, canvas: skia.Canvas, ball: BallView) -> None:
        """The slope under the resting ball, pointing uphill: the step goes the other way."""
        arrow = ball.arrow
        if arrow is None or arrow.opacity <= 0:
            return
        u, m = self.layout.u, self.map
        dx, dy = arrow.slope[0] * m.sx, -arrow.slope[1] * m.sy
        size = math.hypot(dx, dy)
        length = arrow_length(math.hypot(*arrow.slope), self.typical, u)
        if not (size > 0 and length > 0 and math.isfinite(size)):
            return
        ux, uy = dx / size, dy / size
        x, y = m.point(arrow.w)
        gap = 20 * u
        x0, y0, x1, y1 = x + ux * gap, y + uy * gap, x + ux * (gap + length), y + uy * (gap + length)
        colour, halo = with_alpha(TEXT, arrow.opacity), with_alpha(HALO, 0.8 * arrow.opacity)
        head = _arrowhead(x1, y1, ux, uy, 16 * u)
        for paint in (stroke(halo, 9 * u), stroke(colour, 4 * u)):
            canvas.drawLine(x0, y0, x1 - ux * 8 * u, y1 - uy * 8 * u, paint)
        canvas.drawPath(head, stroke(halo, 5 * u))
        canvas.drawPath(head, fill(colour))
        if not self.timeline.is_race:
            font = self.layout.font(22, True)
            right = ux >= 0
            haloed(
                canvas,
                "slope",
                x1 + (12 if right else -12) * u,
                y1 + 8 * u,
                font,
                colour,
                "left" if right else "right",
                arrow.opacity,
            )

    def _ball(self, canvas: skia.Canvas, ball: BallView) -> None:
        """The ball in its run's colour with a dark rim, on or just over the map's edge."""
        x, y = self.map.point(ball.w)
        if not (math.isfinite(x) and math.isfinite(y)) or not self.map.inside(x, y, -20 * self.layout.u):
            return
        u = self.layout.u
        canvas.drawCircle(x, y, 15 * u, fill(run_colour(ball.index)))
        canvas.drawCircle(x, y, 15 * u, stroke(HALO, 3.5 * u))
        canvas.drawCircle(x - 4.5 * u, y - 4.5 * u, 4 * u, fill(with_alpha(TEXT, 0.7)))  # a glint: a ball, not a dot

    def _off_map(self, canvas: skia.Canvas, ball: BallView) -> None:
        """A ball outside the window: a pointer on the map's edge nearest to it, and (once gone for good) 'flew off'."""
        m, u = self.map, self.layout.u
        x, y = m.point(ball.w)
        if not (math.isfinite(x) and math.isfinite(y)) or m.inside(x, y):
            return
        inset = 18 * u
        ex = min(max(x, m.left + inset), m.left + m.width - inset)
        ey = min(max(y, m.top + inset), m.top + m.height - inset)
        dx, dy = x - ex, y - ey
        norm = math.hypot(dx, dy)
        if not norm > 0:
            return
        colour = run_colour(ball.index)
        canvas.drawPath(_arrowhead(ex, ey, dx / norm, dy / norm, 26 * u), fill(colour))
        words = "flew off" if ball.flown else "off the map"
        font = self.layout.font(24, True)
        tx = min(max(ex - dx / norm * 60 * u, m.left + 80 * u), m.left + m.width - 80 * u)  # a little inside it
        ty = min(max(ey - dy / norm * 50 * u + 8 * u, m.top + 30 * u), m.top + m.height - 12 * u)
        hue = VERDICT_COLOURS["diverged"] if ball.flown else colour
        haloed(canvas, words, tx, ty, font, hue, "center")

    def _counter(self, canvas: skia.Canvas, state: SurfaceFrame) -> None:
        """The step counter, top right."""
        lay, u = self.layout, self.layout.u
        steps = self.timeline.settings.steps
        colour = TEXT if self.timeline.is_race else run_colour(0)
        text(canvas, f"step {state.step} of {steps}", lay.width - 60 * u, 78 * u, lay.font(34, True), colour, "right")


def _heading(timeline: SurfaceTimeline) -> str:
    """The title line: who rolls down which surface."""
    surface = timeline.surface
    if timeline.is_race:
        rules = [rule_title(lane.optimizer) for lane in timeline.lanes]
        return f"{', '.join(rules[:-1])} and {rules[-1]} on {_named(surface.title)}"
    return f"{rule_title(timeline.settings.optimizer)} on {_named(surface.title)}, speed {timeline.settings.speed:g}"


def _named(title: str) -> str:
    """A surface's title inside a sentence: 'the ravine', but 'Rosenbrock's banana' and 'your formula'."""
    if title[0].isupper() and "'" in title.split()[0]:
        return title
    return ("the " if not title.lower().startswith(("a ", "your")) else "") + title[0].lower() + title[1:]


def _round_values(lo: float, hi: float) -> list[float]:
    """Round values to label an axis from lo to hi."""
    return [v for v in nice_ticks(lo, hi, 6) if lo <= v <= hi]


def _arrowhead(x: float, y: float, ux: float, uy: float, size: float) -> skia.Path:
    """A filled triangle with its tip at (x, y) pointing along (ux, uy)."""
    bx, by = x - ux * size, y - uy * size
    px, py = -uy * size * 0.55, ux * size * 0.55
    path = skia.Path()
    path.addPoly([skia.Point(x, y), skia.Point(bx + px, by + py), skia.Point(bx - px, by - py)], True)
    return path


def _diamond(x: float, y: float, r: float) -> skia.Path:
    """A saddle's mark."""
    path = skia.Path()
    path.addPoly([skia.Point(x, y - r), skia.Point(x + r, y), skia.Point(x, y + r), skia.Point(x - r, y)], True)
    return path


def _triangle(x: float, y: float, r: float) -> skia.Path:
    """A hilltop's mark."""
    path = skia.Path()
    path.addPoly([skia.Point(x, y - r), skia.Point(x + r, y + r * 0.75), skia.Point(x - r, y + r * 0.75)], True)
    return path


def render_surface_frame(
    timeline: SurfaceTimeline, t: float, width: int, height: int, scene: SurfaceScene | None = None
) -> np.ndarray:
    """The frame at time t as an RGB array of shape (height, width, 3)."""
    scene = scene or SurfaceScene(timeline, width, height)
    target = FrameBuffer(width, height)
    scene.draw(target, scene.state_at(t))
    return target.pixels[:, :, :3].copy()
