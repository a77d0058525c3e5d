"""A run's distance to the lowest point on the show's shared log scale: decade lines, the engine's "settled" line,
and the run's path so far. A settling run falls in a straight line, a swinging one stays flat."""

from __future__ import annotations

from collections.abc import Sequence

import skia

from ..timeline import DistanceScale
from ..timeline.distance import decade_label
from .drawing import fill, stroke, text
from .theme import GRID, MUTED, VERDICT_COLOURS, Layout, with_alpha

SETTLED = with_alpha(VERDICT_COLOURS["converged-global"], 0.7)


def point(area: skia.Rect, scale: DistanceScale, k: int, steps: int, distance: float) -> tuple[float, float]:
    """Where step k's distance sits in the chart's area."""
    return area.left() + k / max(steps, 1) * area.width(), area.bottom() - scale.share(distance) * area.height()


def labelled(scale: DistanceScale) -> tuple[int, ...]:
    """The decades that get words beside the chart: the highest and the lowest tick (the rest are plain lines)."""
    return tuple(sorted({scale.ticks[0], scale.ticks[-1]})) if scale.ticks else ()


def draw_axes(
    canvas: skia.Canvas, lay: Layout, area: skia.Rect, scale: DistanceScale, labels: bool = True, decades: bool = True
) -> None:
    """Decade lines and a dashed "settled" line, labelled left of the area (`decades`: the top and foot ones too)."""
    u = lay.u
    font = lay.font(20)
    for exponent in scale.ticks:
        y = area.bottom() - scale.share(10.0**exponent) * area.height()
        canvas.drawLine(area.left(), y, area.right(), y, stroke(GRID, 1.5 * u))
        if labels and decades and exponent in labelled(scale):
            text(canvas, decade_label(exponent), area.left() - 10 * u, y + 7 * u, font, MUTED, "right")
    canvas.drawLine(area.left(), area.top(), area.left(), area.bottom(), stroke(GRID, 1.5 * u))
    y = area.bottom() - scale.share(scale.settled) * area.height()
    dashed = stroke(SETTLED, 2 * u, round_caps=False)
    dashed.setPathEffect(skia.DashPathEffect.Make([8 * u, 7 * u], 0))
    canvas.drawLine(area.left(), y, area.right(), y, dashed)
    if labels:
        text(canvas, "settled", area.left() - 10 * u, y + 6 * u, lay.font(18, True), SETTLED, "right")


def draw_path(
    canvas: skia.Canvas,
    lay: Layout,
    area: skia.Rect,
    scale: DistanceScale,
    distances: Sequence[float],
    steps: int,
    colour: int,
) -> None:
    """The run's distances so far as a line, with a dot on the latest."""
    u = lay.u
    points = [point(area, scale, k, steps, d) for k, d in enumerate(distances)]
    if len(points) > 1:
        path = skia.Path()
        path.moveTo(*points[0])
        for p in points[1:]:
            path.lineTo(*p)
        canvas.drawPath(path, stroke(colour, 3 * u))
    if points:
        canvas.drawCircle(*points[-1], 5 * u, fill(colour))
