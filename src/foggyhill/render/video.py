"""Whole renders: the video (MP4 with sound, or GIF), the soundtrack alone, or a folder of PNG frames."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import skia

from ..core import SettingError
from ..timeline import Timeline, state_at
from ..timeline.surface import SurfaceTimeline
from .audio import soundtrack, write_wav
from .encode import atomic_output, command, encode
from .options import RenderOptions, check_file, check_folder, check_length, video_format
from .scene import FrameBuffer, Scene

Progress = Callable[[int, int], None]  # (frames done, frames in all)
Show = Timeline | SurfaceTimeline  # the three-runs show, or a run (or race) on a surface


class _LineScene:
    """The three-runs scene with its state function beside it, as a surface scene has."""

    def __init__(self, timeline: Timeline, width: int, height: int) -> None:
        self.timeline, self.scene = timeline, Scene(timeline, width, height)

    def state_at(self, t: float) -> Any:
        return state_at(self.timeline, t)

    def draw(self, target: FrameBuffer, state: Any) -> None:
        self.scene.draw(target, state)


def scene_for(timeline: Show, width: int, height: int) -> Any:
    """The scene that draws this kind of show: its `state_at(t)` and `draw(target, state)`."""
    if isinstance(timeline, SurfaceTimeline):
        from .surface_scene import SurfaceScene  # loaded only for a surface

        return SurfaceScene(timeline, width, height)
    return _LineScene(timeline, width, height)


def frame_count(timeline: Show, fps: int) -> int:
    """How many frames the video has: the timeline's length, to the frame."""
    return round(timeline.total * fps)


def frame_times(timeline: Show, fps: int) -> list[float]:
    """The time each frame shows: frame i shows t = i / fps."""
    return [i / fps for i in range(frame_count(timeline, fps))]


def frames(timeline: Show, options: RenderOptions, progress: Progress | None = None) -> Iterator[np.ndarray]:
    """Every frame as an RGBA array, to be used before the next one is asked for."""
    scene = scene_for(timeline, options.width, options.height)
    target = FrameBuffer(options.width, options.height)
    times = frame_times(timeline, options.fps)
    shown = None
    for i, t in enumerate(times):
        state = scene.state_at(t)
        still = replace(state, t=0.0)
        if still != shown:  # a frame that shows the same as the last one (a card, the summary) is not redrawn
            scene.draw(target, state)
            shown = still
        yield target.pixels
        if progress:
            progress(i + 1, len(times))


def render_video(timeline: Show, out: Path, options: RenderOptions, progress: Progress | None = None) -> Path:
    """Write the show as MP4 (H.264 + AAC) or GIF, by the file's extension; the file appears only when complete."""
    kind = video_format(out)
    check_file(out)
    check_length(timeline.total)
    count = frame_count(timeline, options.fps)
    size = (options.width, options.height, options.fps, count)
    with tempfile.TemporaryDirectory(prefix="foggyhill-") as scratch, atomic_output(out) as temp:
        if kind == "gif":  # two passes over the same frames: the palette first, then the picture in it
            palette = Path(scratch) / "palette.png"
            encode(frames(timeline, options, _part(progress, 0, 2)), command("palette", *size, None, palette))
            encode(frames(timeline, options, _part(progress, 1, 2)), command("gif", *size, palette, temp))
        else:
            audio = Path(scratch) / "sound.wav"
            write_wav(audio, soundtrack(timeline))
            encode(frames(timeline, options, progress), command("mp4", *size, audio, temp))
    return out


def _part(progress: Progress | None, index: int, parts: int) -> Progress | None:
    """Progress of pass `index` of `parts`, reported as a share of the whole job."""
    if progress is None:
        return None
    return lambda done, total: progress(index * total + done, parts * total)


def render_audio(timeline: Show, out: Path) -> Path:
    """Write the soundtrack alone as a 16-bit 44.1 kHz WAV; the file appears only when complete."""
    if out.suffix.lower() != ".wav":
        raise SettingError("audio", f"the soundtrack file must end in .wav (got {str(out)!r})")
    check_file(out)
    check_length(timeline.total)
    with atomic_output(out) as temp:
        write_wav(temp, soundtrack(timeline))
    return out


def render_frames(timeline: Show, folder: Path, options: RenderOptions, progress: Progress | None = None) -> Path:
    """Write every frame as frame-00000.png, ... into a new folder, which appears only when complete."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SettingError("frames", f"{str(folder)!r} already exists and is not an empty folder: choose a new one")
    check_folder(folder)
    check_length(timeline.total)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.{os.getpid()}.", suffix=".part", dir=folder.parent))
    try:
        for i, pixels in enumerate(frames(timeline, options, progress)):
            skia.Image.fromarray(pixels, colorType=skia.kRGBA_8888_ColorType).save(str(temp / f"frame-{i:05d}.png"))
        if folder.exists():
            folder.rmdir()
        os.replace(temp, folder)
    finally:
        if temp.exists():
            shutil.rmtree(temp)
    return folder
