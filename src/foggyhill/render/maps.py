"""The learning-rate map as a PNG: the outcome map (a verdict per speed and start) beside the bifurcation diagram.

Light paper colours, as on the web page, and the Okabe–Ito palette, which colour-blind readers can tell apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import skia

from ..core import VERDICT_KINDS, Landscape, stability_bounds
from ..core.sweep import Sweep
from ..lang import N_
from .drawing import fill, stroke, text
from .palette import rgb, verdict_colour
from .theme import typeface

WIDTH, HEIGHT = 1800, 1000
MAP_BOX = (130, 200, 880, 850)  # left, top, right, bottom of the outcome map
DIAGRAM_BOX = (1010, 200, 1740, 850)
PAPER = skia.Color(251, 250, 246)
INK = skia.Color(29, 35, 43)
MUTED = skia.Color(90, 98, 108)
LINE = skia.Color(201, 195, 180)
POINT = skia.Color(0, 114, 178)
BOUND = skia.Color(29, 35, 43)
# Okabe–Ito, one colour per verdict (the page reads the same colours from /api/schema).
VERDICT_RGB: dict[str, tuple[int, int, int]] = {kind: rgb(verdict_colour(kind)) for kind in VERDICT_KINDS}
LEGEND_WORDS: dict[str, str] = {  # marked only: /api/schema translates them per request
    "converged-global": N_("settled at the lowest point"),
    "stuck-local": N_("stuck in a shallow dip"),
    "crawling": N_("not there yet: crawling or swinging in"),
    "oscillating": N_("swings and never settles"),
    "diverged": N_("flew off"),
}


@dataclass(frozen=True)
class Diagram:
    """A bifurcation diagram's numbers: the speeds and, per speed, the kept values of w (NaN: it flew off)."""

    speeds: np.ndarray
    points: np.ndarray
    start: float


def font(size: float, bold: bool = False) -> skia.Font:
    """DejaVu Sans at a size."""
    return skia.Font(typeface(bold), size)


def verdict_image(kinds: np.ndarray) -> skia.Image:
    """One pixel per cell: speeds along x, starts along y with the largest start at the top."""
    palette = np.array([(*VERDICT_RGB[k], 255) for k in VERDICT_KINDS], dtype=np.uint8)
    pixels = np.ascontiguousarray(palette[kinds.astype(np.intp).T[::-1]])
    return skia.Image.fromarray(pixels, colorType=skia.kRGBA_8888_ColorType)


def log_x(low: float, high: float, left: float, right: float) -> Callable[[float], float]:
    """Screen x of a speed on a log scale."""
    a, b = math.log10(low), math.log10(high)
    return lambda s: left + (math.log10(s) - a) / (b - a) * (right - left)


def lin(low: float, high: float, start: float, end: float) -> Callable[[float], float]:
    """A linear map from [low, high] to [start, end]."""
    return lambda v: start + (v - low) / (high - low) * (end - start)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values (1, 2 or 5 times a power of ten) covering [low, high]."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]


def label(value: float) -> str:
    """A tick label with a true minus sign."""
    return f"{value:g}".replace("-", "−")


def frame(canvas: skia.Canvas, box: skia.Rect, title: str, x_name: str, y_name: str) -> None:
    """A panel's title, border and axis names."""
    text(canvas, title, box.left(), box.top() - 44, font(26, bold=True), INK)
    canvas.drawRect(box, stroke(LINE, 1.5, round_caps=False))
    text(canvas, x_name, box.right(), box.bottom() + 58, font(18), MUTED, "right")
    text(canvas, y_name, box.left(), box.top() - 12, font(18), MUTED)


def y_ticks(canvas: skia.Canvas, box: skia.Rect, low: float, high: float) -> None:
    """w ticks along the left edge."""
    y = lin(low, high, box.bottom(), box.top())
    for v in nice_ticks(low, high, 6):
        py = y(v)
        canvas.drawLine(box.left() - 6, py, box.left(), py, stroke(MUTED, 1.5))
        text(canvas, label(v), box.left() - 10, py + 6, font(16), MUTED, "right")


def bound_line(canvas: skia.Canvas, box: skia.Rect, x: float, words: str, row: int) -> None:
    """A dashed vertical line at a stability bound, labelled at the top."""
    if not box.left() <= x <= box.right():
        return
    paint = stroke(BOUND, 2, round_caps=False)
    paint.setPathEffect(skia.DashPathEffect.Make([8, 6], 0))
    canvas.drawLine(x, box.top(), x, box.bottom(), paint)
    size = font(15, bold=True)
    width = size.measureText(words)
    tx = x + 6 if x + 6 + width < box.right() else x - 6 - width
    ty = box.top() + 22 + 22 * row
    canvas.drawRect(skia.Rect.MakeXYWH(tx - 3, ty - 16, width + 6, 21), fill(skia.ColorSetA(PAPER, 225)))
    text(canvas, words, tx, ty, size, INK)


def bound_lines(canvas: skia.Canvas, box: skia.Rect, land: Landscape, x: Callable[[float], float]) -> None:
    """The landscape's stability bounds (2/curvature at each dip), at screen x = x(speed)."""
    for row, b in enumerate(stability_bounds(land)):
        if b.bound is not None:
            name = "lowest point" if b.minimum.is_global else "shallow dip"
            bound_line(canvas, box, x(b.bound), f"2/curvature = {b.bound:.3g} ({name})", row)


def draw_map(canvas: skia.Canvas, box: skia.Rect, land: Landscape, result: Sweep) -> None:
    """The outcome map: a coloured cell per (speed, start), speeds on a log scale, with the stability bounds."""
    lo_s, hi_s = float(result.speeds.min()), float(result.speeds.max())
    lo_w, hi_w = float(result.starts.min()), float(result.starts.max())
    sampling = skia.SamplingOptions(skia.FilterMode.kNearest)
    canvas.drawImageRect(verdict_image(result.kinds), box, sampling)
    frame(canvas, box, f"Where each run ends up ({result.run_steps} steps)", "speed (log scale) →", "start w ↑")
    x = log_x(lo_s, hi_s, box.left(), box.right())
    for power in range(math.floor(math.log10(lo_s)), math.ceil(math.log10(hi_s)) + 1):
        for m in (1, 2, 5):
            s = m * 10.0**power
            if lo_s <= s <= hi_s:
                px = x(s)
                canvas.drawLine(px, box.bottom(), px, box.bottom() + 6, stroke(MUTED, 1.5))
                text(canvas, f"{s:g}", px, box.bottom() + 26, font(16), MUTED, "center")
    y_ticks(canvas, box, lo_w, hi_w)
    bound_lines(canvas, box, land, x)


def draw_legend(canvas: skia.Canvas, left: float, top: float, counts: dict[str, int]) -> None:
    """The verdict colours in plain words, with how many cells got each."""
    total = max(1, sum(counts.values()))
    x = left
    for kind in VERDICT_KINDS:
        r, g, b = VERDICT_RGB[kind]
        canvas.drawRoundRect(skia.Rect.MakeXYWH(x, top - 16, 20, 20), 4, 4, fill(skia.Color(r, g, b)))
        words = f"{LEGEND_WORDS[kind]} {100 * counts.get(kind, 0) / total:.0f}%"
        x += 28 + text(canvas, words, x + 28, top, font(17), INK) + 26


def draw_diagram(canvas: skia.Canvas, box: skia.Rect, land: Landscape, diagram: Diagram) -> None:
    """The bifurcation diagram: each speed's last values of w as dots, with the stability bounds."""
    speeds, points = diagram.speeds, diagram.points
    finite = points[np.isfinite(points)]
    lo_w, hi_w = (float(finite.min()), float(finite.max())) if finite.size else land.window
    pad = max(0.05 * (hi_w - lo_w), 0.05)
    lo_w, hi_w = lo_w - pad, hi_w + pad
    frame(canvas, box, f"Where w ends up, from w = {label(diagram.start)}", "speed →", "w after the burn-in ↑")
    x = lin(float(speeds[0]), float(speeds[-1]), box.left(), box.right())
    y = lin(lo_w, hi_w, box.bottom(), box.top())
    for v in nice_ticks(float(speeds[0]), float(speeds[-1]), 6):
        px = x(v)
        canvas.drawLine(px, box.bottom(), px, box.bottom() + 6, stroke(MUTED, 1.5))
        text(canvas, label(v), px, box.bottom() + 26, font(16), MUTED, "center")
    y_ticks(canvas, box, lo_w, hi_w)
    dots = [skia.Point(x(s), y(w)) for s, row in zip(speeds, points, strict=True) for w in row if np.isfinite(w)]
    paint = fill(POINT)
    paint.setStrokeWidth(2.5)
    paint.setStrokeCap(skia.Paint.kRound_Cap)
    canvas.drawPoints(skia.Canvas.kPoints_PointMode, dots, paint)
    fly_off(canvas, box, [x(s) for s in speeds], ~np.isfinite(points).any(axis=1))
    bound_lines(canvas, box, land, x)


def fly_off(canvas: skia.Canvas, box: skia.Rect, xs: list[float], gone: np.ndarray) -> None:
    """Tint the speeds at which the ball flew off, and name the widest stretch of them."""
    tint, ink = fill(skia.Color(213, 94, 0, 40)), skia.Color(213, 94, 0)
    half = (xs[1] - xs[0]) / 2 if len(xs) > 1 else 1.0
    widest, run_start = (0.0, 0.0, 0.0), None
    for k, x in enumerate([*xs, math.inf]):
        if k < len(xs) and gone[k]:
            canvas.drawRect(skia.Rect.MakeLTRB(max(box.left(), x - half), box.top(), min(box.right(), x + half),
                                               box.bottom()), tint)  # fmt: skip
            run_start = x if run_start is None else run_start
        elif run_start is not None:
            end = xs[k - 1]
            widest = max(widest, (end - run_start, run_start, end))
            run_start = None
    if widest[0] > 40:
        text(canvas, "flies off", (widest[1] + widest[2]) / 2, box.bottom() - 16, font(17, bold=True), ink, "center")


def render_maps(land: Landscape, result: Sweep, diagram: Diagram) -> bytes:
    """The whole picture as PNG bytes."""
    surface = skia.Surface(WIDTH, HEIGHT)
    canvas = surface.getCanvas()
    canvas.clear(PAPER)
    text(canvas, f"The learning-rate map · {land.title}", 60, 62, font(34, bold=True), INK)
    text(canvas, f"loss(w) = {land.formula}   ·   {result.optimizer} descent", 60, 98, font(20), MUTED)
    left = skia.Rect.MakeLTRB(*MAP_BOX)
    right = skia.Rect.MakeLTRB(*DIAGRAM_BOX)
    draw_map(canvas, left, land, result)
    draw_diagram(canvas, right, land, diagram)
    draw_legend(canvas, 60, 950, result.counts())
    image = surface.makeImageSnapshot()
    data = image.encodeToData(skia.EncodedImageFormat.kPNG, 100)
    return bytes(data)


def save_maps(path: Path, land: Landscape, result: Sweep, diagram: Diagram) -> Path:
    """Write the picture to `path` (a .png file)."""
    path.write_bytes(render_maps(land, result, diagram))
    return path


__all__: Sequence[str] = [
    "DIAGRAM_BOX",
    "LEGEND_WORDS",
    "MAP_BOX",
    "VERDICT_RGB",
    "Diagram",
    "render_maps",
    "save_maps",
]
