"""Small pictures in the terminal: a curve drawn with braille dots, with marks on top."""

from __future__ import annotations

import math
from collections.abc import Sequence

# Braille cells are 2 dots wide and 4 high: each dot is one bit of the code point.
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


class Canvas:
    """A grid of braille cells addressed in dots, with optional single-character marks."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.bits = [[0] * width for _ in range(height)]
        self.marks: dict[tuple[int, int], str] = {}

    def dot(self, x: int, y: int) -> None:
        """Set the dot at (x, y), counted in dots from the top left; dots off the canvas are ignored."""
        if 0 <= x < 2 * self.width and 0 <= y < 4 * self.height:
            self.bits[y // 4][x // 2] |= _DOTS[y % 4][x % 2]

    def mark(self, x: int, y: int, char: str) -> None:
        """Put a character over the cell holding dot (x, y)."""
        if 0 <= x < 2 * self.width and 0 <= y < 4 * self.height:
            self.marks[(y // 4, x // 2)] = char

    def lines(self) -> list[str]:
        """The canvas as text, one string per row."""
        return [
            "".join(self.marks.get((r, c), chr(0x2800 + self.bits[r][c])) for c in range(self.width))
            for r in range(self.height)
        ]


def plot_path(
    xs: Sequence[float], ys: Sequence[float], path: Sequence[tuple[float, float]], width: int = 64, height: int = 14
) -> str:
    """The curve (xs, ys) in dots, the path's points as '·' and its last point as 'o', with axis labels."""
    lo_x, hi_x = xs[0], xs[-1]
    # the path's own points count too: a ball at the very bottom may sit a hair below the sampled curve
    finite = [y for y in ys if math.isfinite(y)] + [y for x, y in path if math.isfinite(y) and lo_x <= x <= hi_x]
    lo_y, hi_y = min(finite), max(finite)
    span_y = (hi_y - lo_y) or 1.0
    canvas = Canvas(width, height)

    def to_dots(x: float, y: float) -> tuple[int, int]:
        dx = round((x - lo_x) / (hi_x - lo_x) * (2 * width - 1))
        dy = round((hi_y - y) / span_y * (4 * height - 1))
        return dx, dy

    for x, y in zip(xs, ys, strict=True):
        if math.isfinite(y):
            canvas.dot(*to_dots(x, y))
    for k, (x, y) in enumerate(path):
        if math.isfinite(x) and math.isfinite(y) and lo_x <= x <= hi_x and lo_y <= y <= hi_y:
            canvas.mark(*to_dots(x, y), "o" if k == len(path) - 1 else "·")
    rows = canvas.lines()
    label = max(len(f"{hi_y:.3g}"), len(f"{lo_y:.3g}"))
    framed = [
        f"{(f'{hi_y:.3g}' if r == 0 else f'{lo_y:.3g}' if r == height - 1 else ''):>{label}} │{row}"
        for r, row in enumerate(rows)
    ]
    framed.append(" " * label + " └" + "─" * width)
    framed.append(" " * label + f"  {lo_x:<{width // 2}.3g}{hi_x:>{width - width // 2}.3g}")
    return "\n".join(framed)
