"""Frames, sound and encoding: the show drawn with skia, its tones synthesized, piped to ffmpeg."""

from .audio import sample_count, soundtrack, tone_start, write_wav
from .encode import EncoderError, ffmpeg_exe
from .options import RenderOptions, parse_fps, parse_size, video_format
from .scene import Scene, render_frame
from .video import frame_count, frame_times, render_audio, render_frames, render_video

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
