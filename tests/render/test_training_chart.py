"""The training chart: a PNG with the loss (and accuracy) per round, and the text plot for the terminal."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import skia

from foggyhill.render.training_chart import ACCURACY, LOSS, nice_ticks, text_chart, write_training_chart

LOSSES = [1.3 * 0.9**i + 0.2 for i in range(30)]
ACCURACIES = [min(1.0, 0.3 + i / 40) for i in range(30)]


def pixels(path: Path) -> np.ndarray:
    image = skia.Image.open(str(path))
    return np.array(image.toarray(colorType=skia.kRGBA_8888_ColorType))[:, :, :3]


def has_colour(rgb: np.ndarray, colour: int) -> int:
    want = np.array([skia.ColorGetR(colour), skia.ColorGetG(colour), skia.ColorGetB(colour)])
    return int((np.abs(rgb.astype(int) - want).sum(axis=2) < 12).sum())


def test_chart_with_accuracy_has_both_curves(tmp_path: Path) -> None:
    path = write_training_chart(tmp_path / "c.png", "net", LOSSES, ACCURACIES)
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    assert (width, height) == (1200, 720)
    rgb = pixels(path)
    assert has_colour(rgb, LOSS) > 500 and has_colour(rgb, ACCURACY) > 500


def test_chart_for_a_number_target_has_no_accuracy_curve(tmp_path: Path) -> None:
    rgb = pixels(write_training_chart(tmp_path / "c.png", "line", LOSSES, None))
    assert has_colour(rgb, LOSS) > 500 and has_colour(rgb, ACCURACY) == 0


def test_the_loss_curve_falls_from_left_to_right(tmp_path: Path) -> None:
    rgb = pixels(write_training_chart(tmp_path / "c.png", "line", LOSSES, None))
    ys, xs = np.nonzero(
        np.abs(rgb.astype(int) - [skia.ColorGetR(LOSS), skia.ColorGetG(LOSS), skia.ColorGetB(LOSS)]).sum(axis=2) < 12
    )
    curve = ys > 140  # below the title and the panel label
    left, right = ys[curve & (xs < 300)].mean(), ys[curve & (xs > 900)].mean()
    assert left < right  # higher loss is higher up the picture


def test_text_chart_draws_a_falling_curve_with_its_range() -> None:
    lines = text_chart(LOSSES, width=30, height=8).split("\n")
    assert lines[0].strip().startswith("1.5 │•")
    assert lines[7].rstrip().endswith("•") and lines[7].strip().startswith("0.2")
    assert lines[-1].strip() == "round 1               round 30"


def test_a_narrow_text_chart_keeps_its_round_labels_apart() -> None:
    assert text_chart([0.41, 0.34, 0.28]).split("\n")[-1].strip() == "rounds 1–3"
    assert text_chart([0.5]).split("\n")[-1].strip() == "round 1"
    assert text_chart(LOSSES[:16]).split("\n")[-1].strip() == "round 1 round 16"  # just wide enough for both


def test_nice_ticks_are_round_numbers() -> None:
    assert nice_ticks(0, 1.3) == [0.0, 0.5, 1.0]
    assert nice_ticks(1, 30, 8) == [0, 5, 10, 15, 20, 25, 30]
