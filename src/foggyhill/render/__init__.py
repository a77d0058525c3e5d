"""Frames, sound and encoding: the show drawn with skia, its tones synthesized, piped to ffmpeg.

Each name loads its module on first use (see __getattr__), so a command that draws one chart
(`foggyhill run`'s training chart) does not load the video and sound modules as well.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .audio import sample_count, soundtrack, tone_start, write_wav
    from .encode import EncoderError, ffmpeg_exe
    from .options import RenderOptions, parse_fps, parse_size, video_format
    from .scene import Scene, render_frame
    from .video import frame_count, frame_times, render_audio, render_frames, render_video

_HOMES = {
    "audio": ("sample_count", "soundtrack", "tone_start", "write_wav"),
    "encode": ("EncoderError", "ffmpeg_exe"),
    "options": ("RenderOptions", "parse_fps", "parse_size", "video_format"),
    "scene": ("Scene", "render_frame"),
    "video": ("frame_count", "frame_times", "render_audio", "render_frames", "render_video"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "EncoderError",
    "RenderOptions",
    "Scene",
    "ffmpeg_exe",
    "frame_count",
    "frame_times",
    "parse_fps",
    "parse_size",
    "render_audio",
    "render_frame",
    "render_frames",
    "render_video",
    "sample_count",
    "soundtrack",
    "tone_start",
    "video_format",
    "write_wav",
]


def __getattr__(name: str) -> object:
    """Load the module that holds `name` the first time it is asked for."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value: object = getattr(import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value
