"""The learning-rate map PNG: every cell in its verdict's colour, the stability bounds drawn, the diagram's dots."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
import skia

from foggyhill.core import VERDICT_KINDS, get_landscape, stability_bounds
from foggyhill.core.sweep import bifurcation, sweep
from foggyhill.render.maps import DIAGRAM_BOX, HEIGHT, MAP_BOX, POINT, VERDICT_RGB, WIDTH, Diagram, render_maps

SPEEDS = np.geomspace(0.001, 2, 60)


def pixels(png: bytes) -> np.ndarray:
    image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(png))
    return np.array(image.toarray(colorType=skia.kRGBA_8888_ColorType))[:, :, :3].astype(int)


@pytest.fixture(scope="module")
def picture() -> tuple[np.ndarray, object, object]:
    land = get_landscape("tilted-double-well")
    result = sweep(land, SPEEDS, np.linspace(-2.2, 2.2, 40), 150, engine="numpy")
    speeds = np.linspace(0.01, 1.2, 150)
    diagram = Diagram(speeds, bifurcation(land, speeds, keep=16, engine="numpy"), land.start)
    return pixels(render_maps(land, result, diagram)), result, diagram


def test_the_picture_has_its_size(picture: tuple[np.ndarray, object, object]) -> None:
    rgb, _, _ = picture
    assert rgb.shape == (HEIGHT, WIDTH, 3)


def test_every_cell_has_its_verdicts_colour(picture: tuple[np.ndarray, object, object]) -> None:
    rgb, result, _ = picture
    left, top, right, bottom = MAP_BOX
    n, m = result.kinds.shape
    bound_x = left + math.log(0.5931 / 0.001) / math.log(2 / 0.001) * (right - left)
    checked = 0
    for i in range(0, n, 3):
        for j in range(0, m, 3):
            x = left + (i + 0.5) * (right - left) / n
            y = bottom - (j + 0.5) * (bottom - top) / m
            if abs(x - bound_x) < 6 or y < top + 70:  # the dashed bound line and its label sit on top of the cells
                continue
            expected = np.array(VERDICT_RGB[VERDICT_KINDS[result.kinds[i, j]]])
            assert np.abs(rgb[int(y), int(x)] - expected).sum() < 10, (i, j)
            checked += 1
    assert checked > 200


def test_the_bound_of_the_lowest_point_is_a_dark_line_at_its_speed(picture: tuple[np.ndarray, object, object]) -> None:
    rgb, _, diagram = picture
    bound = stability_bounds(get_landscape("tilted-double-well"))[1].bound
    assert bound is not None
    left, top, right, bottom = MAP_BOX
    x = round(left + math.log(bound / 0.001) / math.log(2 / 0.001) * (right - left))
    column = rgb[top + 80 : bottom, x - 1 : x + 2].min(axis=1)
    assert (column.sum(axis=1) < 200).mean() > 0.4  # dashed: dark a good part of the way down
    left, top, right, bottom = DIAGRAM_BOX
    speeds = diagram.speeds
    x = round(left + (bound - speeds[0]) / (speeds[-1] - speeds[0]) * (right - left))
    column = rgb[top + 80 : bottom, x - 1 : x + 2].min(axis=1)
    assert (column.sum(axis=1) < 200).mean() > 0.4


def test_the_diagram_draws_its_points_and_the_fly_off_band(picture: tuple[np.ndarray, object, object]) -> None:
    rgb, _, diagram = picture
    left, top, right, bottom = DIAGRAM_BOX
    want = np.array([skia.ColorGetR(POINT), skia.ColorGetG(POINT), skia.ColorGetB(POINT)])
    inside = rgb[top:bottom, left:right]
    assert (np.abs(inside - want).sum(axis=2) < 30).sum() > 300
    gone = [s for s, row in zip(diagram.speeds, diagram.points, strict=True) if not np.isfinite(row).any()]
    assert gone  # up to 1.2 the default curve flies off from w = -2
    speeds = diagram.speeds
    first = int(np.flatnonzero(~np.isfinite(diagram.points).any(axis=1))[0])
    x = round(left + (speeds[first] - speeds[0]) / (speeds[-1] - speeds[0]) * (right - left))
    tinted = rgb[top + 100, x - 1 : x + 2]
    assert (tinted[:, 0] > tinted[:, 2] + 10).all()  # a vermillion tint over the paper where it flew off
    paper = rgb[top + 100, left + 20]
    assert abs(int(paper[0]) - int(paper[2])) < 10


def test_a_png_file_is_written(tmp_path: object) -> None:
    from pathlib import Path

    from foggyhill.render.maps import save_maps

    land = get_landscape("bowl")
    result = sweep(land, SPEEDS[:10], np.linspace(-3, 3, 5), 50, engine="numpy")
    speeds = np.linspace(0.1, 1.2, 20)
    path = save_maps(Path(str(tmp_path)) / "m.png", land, result, Diagram(speeds, bifurcation(land, speeds), -2.5))
    assert io.BytesIO(path.read_bytes()).read(8) == b"\x89PNG\r\n\x1a\n"
