"""Studio's picture of a dataset of pictures (a `show` effect's data, studio/views.py): its first few side by side,
each pixel a square of paper, darker where there is more ink (as the page draws them), its row and label under it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import skia

from .drawing import fill, stroke, text
from .network_view import HEIGHT, WIDTH, canvas_with_title, save
from .theme import GRID, MUTED, PANEL, TEXT
from .training_chart import font

MARGIN = 60  # between the panel's edge and the pictures
GAP = 36  # between two pictures
MOST_CELL = 40  # a pixel's side at most, so a few small pictures are not blown up past reading


def shade(value: float, top: float) -> int:
    """A pixel's grey: white paper for no ink, black for the most ink."""
    level = round(255 * (1 - min(max(value / top, 0.0), 1.0)))
    return skia.Color(level, level, level)


def layout(count: int, rows: int, columns: int) -> tuple[int, int, int]:
    """A pixel's side and the left and top of the first picture, centred in the panel below the title; whole
    pixels, so the squares meet without a seam."""
    width, height = WIDTH - 2 * MARGIN, HEIGHT - 130 - 2 * MARGIN - 40  # room for each picture's words under it
    cell = max(1, int(min((width - GAP * (count - 1)) / (count * columns), height / rows, MOST_CELL)))
    left = (WIDTH - (count * columns * cell + GAP * (count - 1))) // 2
    top = 130 + MARGIN + (height - rows * cell) // 2
    return cell, left, top


def pictures_image(data: dict[str, Any]) -> skia.Image:
    """The first pictures of a dataset, in a row, each with `row N: label` under it."""
    pictures = data["pictures"]
    rows, columns = data["picture_shape"]
    count = len(pictures)
    surface, canvas = canvas_with_title(
        f"The first {count} pictures of {data['dataset']}",
        f"{data['rows']:,} rows, each {rows} × {columns} pixels; darker is more ink",
    )
    canvas.drawRoundRect(skia.Rect(30, 110, WIDTH - 30, HEIGHT - 30), 14, 14, fill(PANEL))
    top_ink = max((v for p in pictures for line in p["pixels"] for v in line), default=0.0) or 1.0
    cell, left, top = layout(count, rows, columns)
    for k, item in enumerate(pictures):
        x0 = left + k * (columns * cell + GAP)
        for r, line in enumerate(item["pixels"]):
            for c, value in enumerate(line):
                square = skia.Rect(x0 + c * cell, top + r * cell, x0 + (c + 1) * cell, top + (r + 1) * cell)
                canvas.drawRect(square, fill(shade(value, top_ink)))
        canvas.drawRect(skia.Rect(x0, top, x0 + columns * cell, top + rows * cell), stroke(GRID, 2))
        middle = x0 + columns * cell / 2
        text(canvas, f"row {item['row']}", middle, top + rows * cell + 32, font(17), MUTED, "center")
        text(canvas, str(item["label"]), middle, top + rows * cell + 62, font(24), TEXT, "center")
    return surface.makeImageSnapshot()


def write_pictures(path: Path, data: dict[str, Any]) -> Path:
    """Draw a `show` effect's pictures and save them as a PNG."""
    return save(pictures_image(data), path)
