"""The only place that talks to the video encoder: raw frames piped into the imageio-ffmpeg wheel's ffmpeg."""

from __future__ import annotations

import os
import queue
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
QUEUE = 1  # frames waiting for the writer
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
    """Pipe every frame into ffmpeg; a writer thread overlaps piping with drawing the next frame.

    Frames are handed over without a copy: the producer may reuse a frame's buffer only QUEUE + 2 frames later.
    """
    # A new session: Ctrl-C reaches only us, and we stop ffmpeg ourselves (so no half-finished file survives).
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert process.stdin is not None and process.stderr is not None
    widen_pipe(process.stdin.fileno())
    errors: list[str] = []
    drain = threading.Thread(target=lambda: errors.append(process.stderr.read().decode(errors="replace")), daemon=True)
    drain.start()
    pending: queue.Queue[memoryview | None] = queue.Queue(maxsize=QUEUE)
    writer = threading.Thread(target=_write_all, args=(pending, process), daemon=True)
    writer.start()
    finished = False
    try:
        finished = all(_hand_over(pending, frame.data, writer) for frame in frames)
    finally:
        _stop(pending, writer, process, finished)
    drain.join()
    if process.returncode != 0 or not finished:
        raise EncoderError(f"the encoder stopped (exit {process.returncode}): {''.join(errors).strip()[-400:]}")


def widen_pipe(fd: int, size: int = PIPE_BYTES) -> None:
    """Ask for a bigger pipe (Linux): fewer, larger hand-overs to ffmpeg; the default 64 KiB works too."""
    with suppress(ImportError, AttributeError, OSError):
        import fcntl  # not on Windows, where the default pipe does

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)


def _write_all(pending: queue.Queue[memoryview | None], process: subprocess.Popen[bytes]) -> None:
    assert process.stdin is not None
    while (chunk := pending.get()) is not None:
        try:
            process.stdin.write(chunk)
        except (BrokenPipeError, OSError):
            return


def _hand_over(pending: queue.Queue[memoryview | None], item: memoryview | None, writer: threading.Thread) -> bool:
    """Queue an item for the writer; False if the writer has stopped (ffmpeg went away)."""
    while writer.is_alive():
        try:
            pending.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def _stop(
    pending: queue.Queue[memoryview | None], writer: threading.Thread, process: subprocess.Popen[bytes], ok: bool
) -> None:
    """Finish cleanly after the last frame; on an error or Ctrl-C, kill ffmpeg at once (its writes then fail)."""
    assert process.stdin is not None
    if not ok:
        process.kill()
    _hand_over(pending, None, writer)  # the end mark: the writer stops after the frames before it
    writer.join()
    with suppress(BrokenPipeError, OSError):
        process.stdin.close()
    process.wait()
