"""Tiny shows and decoders shared by the render tests: small frames, few steps, so every test stays fast."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from foggyhill.render import ffmpeg_exe
from foggyhill.timeline import Timeline, build_timeline, parse_show

TINY = {"steps": 3, "step_budget": 0.3, "intro": 0.3, "card": 0.3, "summary": 0.3}


def tiny_show(**more: object) -> Timeline:
    """Three runs of three steps: 4.2 seconds in all."""
    return build_timeline(parse_show({**TINY, **more}))


def decoded_frames(path: Path) -> list[np.ndarray]:
    """Every frame of a video, decoded to RGB by the same ffmpeg."""
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    width, height = meta["size"]
    return [np.frombuffer(f, dtype=np.uint8).reshape(height, width, 3) for f in reader]


def decoded_samples(path: Path) -> np.ndarray:
    """The soundtrack of a file, decoded to 16-bit mono at 44.1 kHz."""
    cmd = [ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:a", "-f", "s16le", "-ac", "1", "-ar", "44100", "-"]
    done = subprocess.run(cmd, capture_output=True, check=True)
    return np.frombuffer(done.stdout, dtype="<i2")
