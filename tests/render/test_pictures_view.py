"""`foggyhill run` draws `show` on a dataset of pictures (digits) as a PNG beside the program
(render/pictures_view.py), keeps the text art in the terminal, and says where the PNG is; the PNG's squares are
the dataset's own pixels, darker where there is more ink."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import skia

from foggyhill.nn import load_dataset
from foggyhill.render.pictures_view import GAP, layout

SHOWN = 5  # studio/views.py's PICTURES


def run(tmp_path: Path, source: str, *flags: str) -> subprocess.CompletedProcess[str]:
    """foggyhill run on `source`, written into tmp_path as show.studio."""
    (tmp_path / "show.studio").write_text(source, encoding="utf-8")
    command = [sys.executable, "-m", "foggyhill", "run", str(tmp_path / "show.studio"), *flags]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def pixels_of(path: Path) -> np.ndarray:
    """The PNG's pixels as rows of RGB, after checking the signature."""
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
    return np.array(skia.Image.open(str(path)).toarray(colorType=skia.kRGBA_8888_ColorType))[:, :, :3].astype(int)


def drawn_greys(image: np.ndarray, k: int) -> np.ndarray:
    """Picture k's 8 × 8 squares as the grey at each square's middle (the mean of its three channels)."""
    cell, left, top = layout(SHOWN, 8, 8)
    x0 = left + k * (8 * cell + GAP)
    middles = [[image[top + r * cell + cell // 2, x0 + c * cell + cell // 2] for c in range(8)] for r in range(8)]
    return np.array(middles).mean(axis=2)


def expected_greys(row: int) -> np.ndarray:
    """A digits row's pixels as the grey they are drawn in: white for no ink, black for the most the five carry."""
    X = load_dataset("digits").X
    top = X[:SHOWN].max()
    return np.round(255 * (1 - X[row].reshape(8, 8) / top))


def test_show_digits_saves_a_png_of_the_pictures_and_keeps_the_text_art(tmp_path: Path) -> None:
    done = run(tmp_path, 'data = load "digits"\nshow data\n')
    assert done.returncode == 0, done.stderr
    path = tmp_path / "show-digits-pictures.png"
    assert f"pictures saved to {path}" in done.stdout
    assert "row 1: 0" in done.stdout and "@@" in done.stdout  # the text art is still printed
    image = pixels_of(path)
    assert image.shape == (720, 1200, 3) and path.stat().st_size > 10_000
    for k in range(SHOWN):
        drawn = drawn_greys(image, k)
        assert np.abs(drawn - expected_greys(k)).max() <= 1, k  # every square is its pixel's grey
    # The check can fail: a picture held against another row's pixels is far off (a 0 is not a 1).
    assert np.abs(drawn_greys(image, 0) - expected_greys(1)).max() > 100
    white = [(drawn_greys(image, k) > 250).sum() for k in range(SHOWN)]
    assert all(10 < w < 54 for w in white)  # paper and ink in every picture, not a blank or a black square


def test_json_lines_carry_the_pngs_path_and_other_data_saves_none(tmp_path: Path) -> None:
    done = run(tmp_path, 'data = load "digits"\nshow data\nfruit = load "fruits"\nshow fruit\n', "--json")
    assert done.returncode == 0, done.stderr
    shown = [json.loads(line) for line in done.stdout.splitlines() if '"type": "show"' in line]
    assert [e["dataset"] for e in shown] == ["digits", "fruits"]
    assert shown[0]["png"] == str(tmp_path / "show-digits-pictures.png") and Path(shown[0]["png"]).exists()
    assert "png" not in shown[1]  # fruits' rows are not pictures
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["show-digits-pictures.png"]
