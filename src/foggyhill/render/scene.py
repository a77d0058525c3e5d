"""One frame of the show drawn with skia, as a pure function of the timeline and t."""

from __future__ import annotations

import math

import numpy as np
import skia

from ..timeline import FrameState, RunView, Timeline, readable, state_at
from .distance_chart import draw_axes, draw_path
from .drawing import fill, fitted, panel, paragraph, stroke, text
from .overlays import draw_card, draw_intro, draw_summary
from .phase_strip import draw_phase_strip
from .theme import BACKGROUND, CURVE, GRID, MUTED, TANGENT, TEXT, VERDICT_COLOURS, Layout, run_colour, with_alpha

NO_RESTING_PLACE = ("oscillating", "diverged")  # a ring marks where a run came to rest: these never did


class FrameBuffer:
    """RGBA pixels in a numpy array with a skia canvas drawing straight into them."""

    def __init__(self, width: int, height: int) -> None:
        self.pixels = np.zeros((height, width, 4), dtype=np.uint8)
        self.surface = skia.Surface(self.pixels, colorType=skia.kRGBA_8888_ColorType)
        self.canvas = self.surface.getCanvas()


class Scene:
    """The static picture (panels, curve, axes) drawn once, and the moving parts drawn per frame."""

    def __init__(self, timeline: Timeline, width: int, height: int) -> None:
        self.timeline = timeline
        self.layout = Layout(width, height)
        self.lo, self.hi = timeline.landscape.window
        pad = 0.08 * (timeline.pitch.high - timeline.pitch.low or 1.0)
        self.ymin, self.ymax = timeline.pitch.low - pad, timeline.pitch.high + pad
        # Copying pixels with numpy is many times faster than skia's drawImage on a CPU surface.
        self.backdrop = self._backdrop()
        self.blank = np.empty_like(self.backdrop)
        self.blank[:] = (skia.ColorGetR(BACKGROUND), skia.ColorGetG(BACKGROUND), skia.ColorGetB(BACKGROUND), 255)

    def x(self, w: float) -> float:
        """Screen x of weight w on the big curve."""
        plot = self.layout.plot
        return plot.left() + (w - self.lo) / (self.hi - self.lo) * plot.width()

    def y(self, loss: float) -> float:
        """Screen y of a loss on the big curve."""
        plot = self.layout.plot
        return plot.bottom() - (loss - self.ymin) / (self.ymax - self.ymin) * plot.height()

    def draw(self, target: FrameBuffer, state: FrameState) -> None:
        """Draw the frame for `state` into the buffer, every pixel of it."""
        canvas = target.canvas
        if state.intro_opacity >= 1 or state.summary_opacity >= 1:
            np.copyto(target.pixels, self.blank)  # a title or summary hides everything beneath it
        else:
            np.copyto(target.pixels, self.backdrop)
            self._moving_parts(canvas, state)
        if state.intro_opacity > 0:
            draw_intro(canvas, self.layout, self.timeline, state.intro_opacity)
        if state.summary_opacity > 0:
            draw_summary(canvas, self.layout, self.timeline, state.summary_opacity)

    def _moving_parts(self, canvas: skia.Canvas, state: FrameState) -> None:
        self._header(canvas, state)
        for view in state.runs:
            self._chart(canvas, view)
        canvas.save()
        canvas.clipRect(self.layout.plot_panel)
        self._resting_places(canvas, state)
        if state.section == "run" and state.run is not None:
            plot = self.layout.plot
            y = plot.top() + 40 * self.layout.u
            draw_phase_strip(canvas, self.layout, plot.centerX(), y, state.phase, run_colour(state.run))
        if state.ball_w is not None:
            self._trail(canvas, state)
            self._tangent(canvas, state)
            self._ball(canvas, state)
        canvas.restore()
        self._caption(canvas, state)
        if state.card:
            draw_card(canvas, self.layout, state.card)

    def _backdrop(self) -> np.ndarray:
        """Everything that never moves, as RGBA pixels: panels, grid, the curve, the dips, the chart frames."""
        lay = self.layout
        target = FrameBuffer(lay.width, lay.height)
        canvas = target.canvas
        canvas.clear(BACKGROUND)
        u = lay.u
        panel(canvas, lay.plot_panel, 18 * u)
        plot = lay.plot
        for k in range(5):
            y = plot.top() + k * plot.height() / 4
            canvas.drawLine(plot.left(), y, plot.right(), y, stroke(GRID, 1.5 * u))
        canvas.drawPath(self._curve_path(), stroke(CURVE, 4 * u))
        small = lay.font(22)
        for m in self.timeline.landscape.minima:
            label = "lowest point" if m.is_global else "shallow dip"
            x, y = self.x(m.w), self.y(m.loss)
            canvas.drawCircle(x, y, 5 * u, fill(MUTED))
            text(canvas, label, x, y + 40 * u, small, MUTED, "center")
        text(canvas, "w", plot.right(), plot.bottom() + 48 * u, lay.font(26, True), MUTED, "right")
        text(canvas, "loss", plot.left() - 10 * u, plot.top() - 4 * u, lay.font(26, True), MUTED, "right")
        column = lay.chart_panel(0, 1)
        text(canvas, "Distance to the lowest point", column.left(), column.top() - 22 * u, lay.font(24, True), TEXT)
        for plan in self.timeline.runs:
            self._chart_frame(canvas, plan.index, plan.speed)
        return target.pixels.copy()

    def _curve_path(self) -> skia.Path:
        """The loss curve over the window, clipped to the plot's height."""
        plot = self.layout.plot
        ws = np.linspace(self.lo, self.hi, 400)
        with np.errstate(all="ignore"):
            ys = np.clip([self.y(v) for v in self.timeline.landscape.loss(ws)], plot.top() - 200, plot.bottom())
        path = skia.Path()
        path.moveTo(self.x(ws[0]), ys[0])
        for w, y in zip(ws[1:], ys[1:], strict=True):
            path.lineTo(self.x(w), y)
        return path

    def _chart_frame(self, canvas: skia.Canvas, index: int, speed: float) -> None:
        """A run's chart panel with its label and decades; the line itself is drawn per frame."""
        lay, u = self.layout, self.layout.u
        count = len(self.timeline.runs)
        rect, compact = lay.chart_panel(index, count), lay.chart_compact(count)
        panel(canvas, rect, 16 * u)
        label, font, y = f"speed {speed:g}", lay.font(26, True), rect.top() + 38 * u
        if compact:  # the note takes the right of the title line
            text(canvas, label, rect.left() + 24 * u, y, font, run_colour(index))
        else:
            text(canvas, f"Run {index + 1}", rect.left() + 24 * u, y, font, TEXT)
            text(canvas, label, rect.right() - 24 * u, y, font, run_colour(index), "right")
        # a short chart has room for one label: where the engine calls a run settled
        draw_axes(canvas, lay, lay.chart_area(rect, compact), self.timeline.scale, decades=not compact)

    def _chart(self, canvas: skia.Canvas, view: RunView) -> None:
        """A run's distance to the lowest point so far, step by step, and its verdict once it is over."""
        lay, u = self.layout, self.layout.u
        count = len(self.timeline.runs)
        rect, compact = lay.chart_panel(view.index, count), lay.chart_compact(count)
        area = lay.chart_area(rect, compact)
        steps = self.timeline.settings.steps
        draw_path(canvas, lay, area, self.timeline.scale, view.distances, steps, run_colour(view.index))
        finished = view.status == "finished" and view.headline and view.kind
        words = view.headline if finished else chart_note(view)
        colour = VERDICT_COLOURS.get(view.kind or "", TEXT) if finished else MUTED
        room = rect.width() - 48 * u
        if compact:
            room -= lay.font(26, True).measureText(f"speed {view.speed:g}") + 30 * u
            place, align = (rect.right() - 24 * u, rect.top() + 38 * u), "right"
        else:
            place, align = (rect.left() + 24 * u, rect.bottom() - 16 * u), "left"
        text(canvas, words or "", *place, fitted(lay.font(22, bool(finished)), words or "", room), colour, align)

    def _header(self, canvas: skia.Canvas, state: FrameState) -> None:
        lay, u = self.layout, self.layout.u
        n = len(self.timeline.runs)
        title = f"Same curve, same start, {n} speeds" if n > 1 else "One run down the curve"
        text(canvas, title, 60 * u, 78 * u, lay.font(40, True), TEXT)
        if state.run is not None and state.section != "intro":
            step = f"step {state.current_step or state.step} of {self.timeline.settings.steps}"
            where = f"Run {state.run + 1} of {n}   ·   speed {state.speed:g}   ·   {step}"
            text(canvas, where, lay.width - 60 * u, 78 * u, lay.font(30), run_colour(state.run), "right")

    def _resting_places(self, canvas: skia.Canvas, state: FrameState) -> None:
        """Hollow rings where the finished runs came to rest, so the next run can be compared."""
        u = self.layout.u
        for plan, view in zip(self.timeline.runs, state.runs, strict=True):
            if view.status != "finished" or plan.index == state.run or plan.verdict.kind in NO_RESTING_PLACE:
                continue
            x, y = self.x(plan.final_w), self.y(float(self.timeline.landscape.loss(plan.final_w)))
            canvas.drawCircle(x, y, 15 * u, stroke(with_alpha(run_colour(plan.index), 0.8), 4 * u))

    def _trail(self, canvas: skia.Canvas, state: FrameState) -> None:
        """Dots where the ball has rested in this run, older ones fainter."""
        if not state.trail:
            return
        colour = run_colour(state.run or 0)
        u = self.layout.u
        ws = np.asarray(state.trail)
        with np.errstate(all="ignore"):
            losses = np.asarray(self.timeline.landscape.loss(ws), dtype=np.float64)
        count = len(ws)
        for k, (w, loss) in enumerate(zip(ws.tolist(), losses.tolist(), strict=True)):
            fade = 0.25 + 0.6 * (k + 1) / count
            canvas.drawCircle(self.x(w), self.y(loss), 6 * u, fill(with_alpha(colour, fade)))

    def _tangent(self, canvas: skia.Canvas, state: FrameState) -> None:
        """The cyan slope line, a fixed length on screen, centred under the ball."""
        tan = state.tangent
        if tan is None or tan.opacity <= 0:
            return
        plot, u = self.layout.plot, self.layout.u
        dx = plot.width() / (self.hi - self.lo)
        dy = plot.height() / (self.ymax - self.ymin)
        vx, vy = 1.0, -tan.slope * dy / dx
        norm = math.hypot(vx, vy)
        half = 170 * u
        x, y = self.x(tan.w), self.y(tan.loss)
        ex, ey = vx / norm * half, vy / norm * half
        paint = stroke(with_alpha(TANGENT, tan.opacity), 5 * u)
        canvas.drawLine(x - ex, y - ey, x + ex, y + ey, paint)
        label = f"slope {readable(tan.slope, 2)}"
        font = self.layout.font(24, True)
        colour = with_alpha(TANGENT, tan.opacity)
        if x + abs(ex) + 20 * u + font.measureText(label) < plot.right():
            text(canvas, label, x + abs(ex) + 12 * u, y + (ey if ex > 0 else -ey), font, colour)
        else:  # no room on the right: label the left end
            text(canvas, label, x - abs(ex) - 12 * u, y - (ey if ex > 0 else -ey), font, colour, "right")

    def _ball(self, canvas: skia.Canvas, state: FrameState) -> None:
        u = self.layout.u
        plot = self.layout.plot
        colour = run_colour(state.run or 0)
        if state.flown:
            side = plot.right() - 30 * u if (state.ball_w or 0) > 0 else plot.left() + 30 * u
            text(
                canvas,
                "flew off →" if side > plot.centerX() else "← flew off",
                side,
                plot.top() + 40 * u,
                self.layout.font(30, True),
                VERDICT_COLOURS["diverged"],
                "right" if side > plot.centerX() else "left",
            )
            return
        x, y = self.x(state.ball_w or 0.0), self.y(state.ball_loss or 0.0)
        canvas.drawCircle(x, y, 17 * u, fill(colour))
        canvas.drawCircle(x, y, 17 * u, stroke(TEXT, 3 * u))

    def _caption(self, canvas: skia.Canvas, state: FrameState) -> None:
        """The step spelled out in words and numbers: new w = old w − speed × slope."""
        lay = self.layout
        rect = lay.caption
        words = caption_for(self.timeline, state)
        paragraph(canvas, words, rect, lay.font(34), TEXT if state.section == "run" else MUTED)


def chart_note(view: RunView) -> str:
    """The line under a run's chart while it plays (or waits): the step, and how far from the lowest point."""
    if view.status == "waiting" or not view.distances:
        return "waiting"
    return f"step {len(view.distances) - 1}   ·   {readable(view.distances[-1])} away"


def caption_for(timeline: Timeline, state: FrameState) -> str:
    """What the line under the curve says at this moment."""
    if state.section == "intro":
        return f"Gradient descent on loss(w) = {timeline.landscape.formula}: each step, new w = w − speed × slope."
    if state.section == "summary":
        return ""
    if state.section == "card" or state.run is None:
        return "The verdict on this run."
    plan = timeline.runs[state.run]
    if not state.current_step:
        return "The ball has left the curve." if state.flown else "The run is over."
    step = plan.steps[state.current_step - 1]
    if state.phase == "idle":
        return f"Step {step.step}: the ball rests at w = {readable(step.w_from)}, loss {readable(step.loss_from)}."
    if state.phase == "gradient":
        return f"Step {step.step}: the slope under the ball is {readable(step.slope)}, so the step goes the other way."
    target = "off the curve" if step.flew_off else readable(step.w_to)
    return f"Step {step.step}: new w = {readable(step.w_from)} − {plan.speed:g} × ({readable(step.slope)}) = {target}"


def render_frame(timeline: Timeline, t: float, width: int, height: int, scene: Scene | None = None) -> np.ndarray:
    """The frame at time t as an RGB array of shape (height, width, 3)."""
    scene = scene or Scene(timeline, width, height)
    target = FrameBuffer(width, height)
    scene.draw(target, state_at(timeline, t))
    return target.pixels[:, :, :3].copy()
