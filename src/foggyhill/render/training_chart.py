"""The training chart of a Studio network: loss per round, and accuracy per round where the network sorts classes.

Two pictures of the same numbers: a PNG drawn with skia, and a small text plot for the terminal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import skia

from .drawing import fill, stroke
from .theme import BACKGROUND, GRID, MUTED, PANEL, TEXT, typeface

WIDTH, HEIGHT = 1200, 720
LOSS = skia.Color(245, 176, 65)
ACCURACY = skia.Color(74, 222, 128)


@cache
def font(size: float) -> skia.Font:
    """The chart's font at a size."""
    return skia.Font(typeface(), size)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    span = high - low if high > low else abs(high) or 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1.5)) if first + i * step <= high + 1e-12]


def draw_panel(
    canvas: skia.Canvas,
    box: tuple[float, float, float, float],
    values: Sequence[float],
    colour: int,
    label: str,
    percent: bool = False,
) -> None:
    """One panel: axes with round tick labels, the label, and the values as a line with a dot per round."""
    x0, y0, x1, y1 = box
    canvas.drawRoundRect(skia.Rect(x0 - 90, y0 - 46, x1 + 25, y1 + 38), 14, 14, fill(PANEL))
    low, high = (0.0, 1.0) if percent else (min(0.0, min(values)), max(values))
    high = high if high > low else low + 1.0
    small = font(15)
    for tick in nice_ticks(low, high):
        y = y1 - (tick - low) / (high - low) * (y1 - y0)
        canvas.drawLine(x0, y, x1, y, stroke(GRID, 1))
        words = f"{tick:.0%}" if percent else f"{tick:g}"
        canvas.drawString(words, x0 - 10 - small.measureText(words), y + 5, small, fill(MUTED))
    n = len(values)
    canvas.drawString("round", x0 - 80, y1 + 22, small, fill(MUTED))
    for tick in sorted({1.0, *nice_ticks(1, max(n, 2), 8)}):
        if tick >= 1 and tick == int(tick) and (tick == 1 or (tick - 1) / max(n - 1, 1) > 0.04):
            x = x0 + (tick - 1) / max(n - 1, 1) * (x1 - x0)
            words = f"{int(tick)}"
            canvas.drawString(words, x - small.measureText(words) / 2, y1 + 22, small, fill(MUTED))
    canvas.drawString(label, x0, y0 - 18, font(18), fill(colour))
    points = [
        (x0 + i / max(n - 1, 1) * (x1 - x0), y1 - (v - low) / (high - low) * (y1 - y0)) for i, v in enumerate(values)
    ]
    path = skia.Path()
    for i, (x, y) in enumerate(points):
        path.moveTo(x, y) if i == 0 else path.lineTo(x, y)
    canvas.drawPath(path, stroke(colour, 3))
    if n <= 120:
        for x, y in points:
            canvas.drawCircle(x, y, 3.5, fill(colour))


def chart_image(name: str, losses: Sequence[float], accuracies: Sequence[float] | None) -> skia.Image:
    """The chart as an image: a title line, the loss panel, and the accuracy panel when there is one."""
    if not losses:
        raise ValueError("a training chart needs at least one round")
    surface = skia.Surface(WIDTH, HEIGHT)
    canvas = surface.getCanvas()
    canvas.clear(BACKGROUND)
    summary = f"{len(losses)} round{'s' * (len(losses) != 1)}, loss {losses[0]:.4g} → {losses[-1]:.4g}"
    if accuracies:
        summary += f", accuracy {accuracies[-1]:.0%}"
    canvas.drawString(f"Training {name}", 40, 52, font(30), fill(TEXT))
    canvas.drawString(summary, 40, 84, font(18), fill(MUTED))
    left, right = 130, WIDTH - 55
    if accuracies:
        draw_panel(canvas, (left, 160, right, 380), losses, LOSS, "loss per round (lower is better)")
        draw_panel(canvas, (left, 490, right, 660), accuracies, ACCURACY, "accuracy per round", percent=True)
    else:
        draw_panel(canvas, (left, 160, right, 660), losses, LOSS, "loss per round (lower is better)")
    return surface.makeImageSnapshot()


def write_training_chart(
    path: Path, name: str, losses: Sequence[float], accuracies: Sequence[float] | None = None
) -> Path:
    """Draw the chart and save it as a PNG at `path`; returns the path."""
    data = chart_image(name, losses, accuracies).encodeToData()
    Path(path).write_bytes(bytes(data))
    return Path(path)


def text_chart(values: Sequence[float], width: int = 60, height: int = 10) -> str:
    """A small text plot of the values for the terminal: one column per round (or per few rounds)."""
    if not values:
        return ""
    columns = min(width, len(values))
    picked = [values[round(i * (len(values) - 1) / max(columns - 1, 1))] for i in range(columns)]
    low, high = min(picked), max(picked)
    spread = high - low or 1.0
    rows = [[" "] * columns for _ in range(height)]
    for x, v in enumerate(picked):
        rows[height - 1 - round((v - low) / spread * (height - 1))][x] = "•"
    labels = [f"{high:.4g}", *[""] * (height - 2), f"{low:.4g}"]
    pad = max(len(label) for label in labels)
    lines = [f"{label.rjust(pad)} │{''.join(row)}" for label, row in zip(labels, rows, strict=True)]
    lines.append(" " * pad + " └" + "─" * columns)
    lines.append(" " * pad + "  " + round_axis(len(values), columns))
    return "\n".join(lines)


def round_axis(rounds: int, columns: int) -> str:
    """The line under a text chart: `round 1` at the left and the last round at the right, or one short label
    when the chart is too narrow for both (a few rounds)."""
    first, last = "round 1", f"round {rounds}"
    if columns >= len(first) + 1 + len(last):
        return first + last.rjust(columns - len(first))
    return f"rounds 1–{rounds}" if rounds > 1 else first
