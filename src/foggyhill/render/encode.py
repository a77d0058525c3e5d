"""The only place that talks to the video encoder: raw frames piped into the imageio-ffmpeg wheel's ffmpeg."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from ..core import FoggyhillError

# Pinned encoder settings: same frames and settings in, same decoded frames and samples out.
X264 = ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "animation", "-crf", "20", "-pix_fmt", "yuv420p"]
AAC = ["-c:a", "aac", "-b:a", "160k", "-ar", "44100", "-ac", "1"]
BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1"]
THREADS = "2"
PIPE_BYTES = 1 << 20
PALETTE = "palettegen=stats_mode=full"
GIF_FILTER = "[0:v][1:v]paletteuse=dither=bayer:bayer_scale=4"


class EncoderError(FoggyhillError):
    """ffmpeg stopped or refused the frames; the message carries its last words."""


def ffmpeg_exe() -> str:
    """The ffmpeg binary that ships inside the imageio-ffmpeg wheel."""
    return imageio_ffmpeg.get_ffmpeg_exe()


def command(kind: str, width: int, height: int, fps: int, frames: int, side: Path | None, out: Path) -> list[str]:
    """The ffmpeg command reading RGBA frames from standard input, for `kind`:

    'mp4' (H.264, with `side` as its soundtrack if given), 'palette' (a GIF's 256 colours from every frame, as a
    PNG) or 'gif' (the frames in `side`'s palette). A GIF takes two passes so that memory stays flat however long.
    """
    args = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-threads", THREADS]
    args += ["-f", "rawvideo", "-pix_fmt", "rgba", "-s", f"{width}x{height}", "-framerate", str(fps), "-i", "pipe:0"]
    if kind == "palette":
        return [*args, "-vf", PALETTE, "-frames:v", str(frames), "-update", "1", "-f", "image2", str(out)]
    if kind == "gif":
        assert side is not None, "a GIF needs its palette"
        args += ["-i", str(side), "-filter_complex", GIF_FILTER, "-frames:v", str(frames), "-loop", "0"]
        return [*args, *BITEXACT, "-f", "gif", str(out)]
    if side is not None:
        args += ["-i", str(side), "-map", "0:v", "-map", "1:a", *AAC]
    return [*args, *X264, "-threads", THREADS, "-frames:v", str(frames), *BITEXACT, "-f", "mp4", str(out)]


def leftovers(target: Path) -> list[Path]:
    """What renders of `target` that were killed left beside it: `.NAME.PID.part` files, or `.NAME.PID.*.part`
    frame folders, whose process is gone (a running render's own part is never counted)."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)(\.[A-Za-z0-9_]+)?\.part")
    found = []
    with suppress(OSError):
        for path in target.parent.iterdir():
            match = pattern.fullmatch(path.name)
            if match and not _running(int(match.group(1))):
                found.append(path)
    return sorted(found)


def clear_leftovers(target: Path) -> list[Path]:
    """Remove what `leftovers` finds and return it, so the caller can say what was cleaned."""
    removed = []
    for path in leftovers(target):
        with suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id is alive (one of another user's counts as alive: leave its file be)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


@contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """A temporary name beside `out`; renamed to `out` only when the block finishes without error."""
    temp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        yield temp
        os.replace(temp, out)
    finally:
        if temp.exists():
            temp.unlink()


def encode(frames: Iterator[np.ndarray], cmd: list[str]) -> None:
    """Pipe every frame into ffmpeg, which converts and encodes in its own threads while we draw the next one.

    Frames are written from this thread, so Ctrl-C lands between plain calls, never inside a lock another thread
    waits on; once a frame's write returns, its buffer may be drawn over.
    """
    # A new session: Ctrl-C reaches only us, and we stop ffmpeg ourselves (so no half-finished file survives).
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert process.stdin is not None and process.stderr is not None
    widen_pipe(process.stdin.fileno())
    errors: list[str] = []
    drain = threading.Thread(target=lambda: errors.append(process.stderr.read().decode(errors="replace")), daemon=True)
    drain.start()
    finished = False
    try:
        for frame in frames:
            process.stdin.write(frame.data)
        process.stdin.close()
        finished = True
    except BrokenPipeError:
        pass  # ffmpeg went away: its own words, drained below, say why
    finally:
        if not finished:
            process.kill()
        with suppress(BrokenPipeError, OSError):
            process.stdin.close()
        process.wait()
    drain.join()
    if process.returncode != 0 or not finished:
        raise EncoderError(f"the encoder stopped (exit {process.returncode}): {''.join(errors).strip()[-400:]}")


def widen_pipe(fd: int, size: int = PIPE_BYTES) -> None:
    """Ask for a bigger pipe (Linux): fewer, larger hand-overs to ffmpeg; the default 64 KiB works too."""
    with suppress(ImportError, AttributeError, OSError):
        import fcntl  # not on Windows, where the default pipe does

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
