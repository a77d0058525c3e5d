"""A few small frames compared with saved ones, so a change in the picture is seen and chosen, not stumbled on.

After a deliberate change of the picture, look at the new frames and save them:
    FOGGYHILL_REGOLD=1 python3 -m pytest tests/render/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import skia

from foggyhill.render import Scene, render_frame
from foggyhill.timeline import ShowSettings, build_timeline

GOLDEN = Path(__file__).parent / "golden"
SHOW = build_timeline(ShowSettings())
SIZE = (320, 180)
MOMENTS = {
    "intro": 1.0,
    "run1-gradient": SHOW.runs[0].steps[0].phases[1].end - 0.01,
    "run2-step": SHOW.runs[1].steps[1].moves_at + 0.1,
    "card3": (SHOW.runs[2].end + SHOW.runs[2].card_end) / 2,
    "summary": SHOW.total - 0.5,
}
SCENE = Scene(SHOW, *SIZE)


def _load(path: Path) -> np.ndarray:
    image = skia.Image.open(str(path))
    return image.toarray(colorType=skia.kRGBA_8888_ColorType)[:, :, :3]


def _save(path: Path, rgb: np.ndarray) -> None:
    rgba = np.dstack([rgb, np.full(rgb.shape[:2], 255, dtype=np.uint8)])
    skia.Image.fromarray(rgba, colorType=skia.kRGBA_8888_ColorType).save(str(path), skia.kPNG)


@pytest.mark.parametrize("name", sorted(MOMENTS))
def test_frame_matches_the_saved_one(name: str) -> None:
    frame = render_frame(SHOW, MOMENTS[name], *SIZE, scene=SCENE)
    path = GOLDEN / f"{name}.png"
    if os.environ.get("FOGGYHILL_REGOLD"):
        GOLDEN.mkdir(exist_ok=True)
        _save(path, frame)
    saved = _load(path)
    assert saved.shape == frame.shape
    diff = np.abs(saved.astype(np.int16) - frame.astype(np.int16))
    # small tolerance: anti-aliasing may shift by a level or two between skia builds, a moved ball may not
    assert diff.mean() < 0.5, f"{name}: mean difference {diff.mean():.3f}"
    assert (diff.max(axis=2) > 40).mean() < 0.002, f"{name}: {(diff.max(axis=2) > 40).sum()} pixels changed"


def test_frames_differ_from_moment_to_moment() -> None:
    """The check can fail: two moments of the show do not pass for each other."""
    a = render_frame(SHOW, MOMENTS["run2-step"], *SIZE, scene=SCENE)
    b = render_frame(SHOW, MOMENTS["run2-step"] + 0.05, *SIZE, scene=SCENE)
    diff = np.abs(a.astype(np.int16) - b.astype(np.int16))
    assert (diff.max(axis=2) > 40).mean() > 0.0005
