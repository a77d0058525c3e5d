"""Studio's picture of what a network learned over two features (a `boundary` effect's data, studio/views.py): each
grid cell in the colour of the class the network picks there, paler where it is less sure, the data points on top;
for a number target, cells shaded from the lowest prediction to the highest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import skia

from .drawing import fill, stroke, text
from .network_view import canvas_with_title, save
from .palette import OKABE_ITO, rgb
from .theme import BACKGROUND, MUTED, PANEL, TEXT, with_alpha
from .training_chart import font, nice_ticks

# A class's colour: Okabe–Ito, in an order whose first two (most boundaries) differ most.
CLASS_HUES = ("sky", "orange", "green", "purple", "yellow", "vermillion", "blue")
CLASS_COLOURS = tuple(skia.Color(*rgb(OKABE_ITO[h])) for h in CLASS_HUES)
LOW, HIGH = CLASS_COLOURS[0], CLASS_COLOURS[1]
BOX = (140, 120, 140 + 530, 120 + 530)  # a square plot, the legend to its right


def class_colour(index: int) -> int:
    """Class `index`'s colour."""
    return CLASS_COLOURS[index % len(CLASS_COLOURS)]


def blend(a: int, b: int, t: float) -> int:
    """The colour t of the way from a to b."""
    mix = [round(f(a) + (f(b) - f(a)) * t) for f in (skia.ColorGetR, skia.ColorGetG, skia.ColorGetB)]
    return skia.Color(*mix)


def cell_colours(data: dict[str, Any]) -> list[list[int]]:
    """Each cell's colour: its class's, fainter where the network is less sure; or a shade between two colours."""
    grid = data["grid"]
    if data["confidence"] is not None:
        classes = len(data["classes"] or [0, 1])
        return [
            [
                with_alpha(class_colour(c), 0.25 + 0.6 * (p - 1 / classes) / (1 - 1 / classes))
                for c, p in zip(row, chances, strict=True)
            ]
            for row, chances in zip(grid, data["confidence"], strict=True)
        ]
    low, high = min(min(r) for r in grid), max(max(r) for r in grid)
    spread = high - low or 1.0
    return [[with_alpha(blend(LOW, HIGH, (v - low) / spread), 0.75) for v in row] for row in grid]


def boundary_image(data: dict[str, Any]) -> skia.Image:
    """The plane of two features: the network's regions, the data points, the axes in the data's units."""
    untrained = "" if data.get("trained", True) else " (not trained yet)"
    surface, canvas = canvas_with_title(
        f"What {data['network']} answers over {data['features'][0]} and {data['features'][1]}{untrained}",
        f"{data['dataset']}: {data['points_total']} rows; each cell is the network's answer there",
    )
    x0, y0, x1, y1 = BOX
    canvas.drawRect(skia.Rect(x0, y0, x1, y1), fill(PANEL))
    n = len(data["grid"])
    cell = (x1 - x0) / n
    for r, row in enumerate(cell_colours(data)):
        for c, colour in enumerate(row):
            # half a pixel over, so neighbouring cells leave no hairline between them
            left, top = x0 + c * cell, y0 + r * cell
            canvas.drawRect(skia.Rect(left, top, left + cell + 0.5, top + cell + 0.5), fill(colour))
    (xl, xh), (yl, yh) = data["x_range"], data["y_range"]
    for x, y, target in data["points"]:
        px, py = x0 + (x - xl) / (xh - xl) * (x1 - x0), y1 - (y - yl) / (yh - yl) * (y1 - y0)
        colour = class_colour(int(target)) if data["classes"] else TEXT
        canvas.drawCircle(px, py, 5, fill(colour))
        canvas.drawCircle(px, py, 5, stroke(BACKGROUND, 1.5))
    axes(canvas, data)
    key(canvas, data)
    return surface.makeImageSnapshot()


def axes(canvas: skia.Canvas, data: dict[str, Any]) -> None:
    """Tick labels in the data's own units and the features' names."""
    x0, y0, x1, y1 = BOX
    small = font(15)
    (xl, xh), (yl, yh) = data["x_range"], data["y_range"]
    for tick in nice_ticks(xl, xh, 6):
        if tick >= xl:
            text(canvas, f"{tick:g}", x0 + (tick - xl) / (xh - xl) * (x1 - x0), y1 + 22, small, MUTED, "center")
    for tick in nice_ticks(yl, yh, 6):
        if tick >= yl:
            text(canvas, f"{tick:g}", x0 - 10, y1 - (tick - yl) / (yh - yl) * (y1 - y0) + 5, small, MUTED, "right")
    text(canvas, data["features"][0], (x0 + x1) / 2, y1 + 46, font(17), TEXT, "center")
    canvas.save()
    canvas.rotate(-90)
    text(canvas, data["features"][1], -(y0 + y1) / 2, x0 - 70, font(17), TEXT, "center")
    canvas.restore()


def key(canvas: skia.Canvas, data: dict[str, Any]) -> None:
    """Which colour is which class, or the range of the predicted number."""
    x, y = BOX[2] + 70, BOX[1] + 20
    small = font(17)
    if data["classes"]:
        for index, name in enumerate(data["classes"]):
            canvas.drawCircle(x + 8, y + 34 * index - 6, 9, fill(class_colour(index)))
            text(canvas, name, x + 28, y + 34 * index, small, TEXT)
        y += 34 * len(data["classes"]) + 20
        text(canvas, "paler: the network is less sure", x, y, font(15), MUTED)
        return
    values = [v for row in data["grid"] for v in row]
    text(canvas, f"predicted {data['target']}", x, y, small, TEXT)
    for k, (colour, value) in enumerate(((LOW, min(values)), (HIGH, max(values)))):
        canvas.drawRect(skia.Rect(x, y + 20 + 34 * k, x + 18, y + 38 + 34 * k), fill(colour))
        text(canvas, f"{value:.4g}", x + 28, y + 35 + 34 * k, small, TEXT)


def write_boundary(path: Path, data: dict[str, Any]) -> Path:
    """Draw a `boundary` effect's data and save it as a PNG."""
    return save(boundary_image(data), path)
