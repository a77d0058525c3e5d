"""Checked render options: frame size, frame rate and output format, each with a message naming what is allowed."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core import SettingError

MAX_SIZE = (3840, 2160)
MIN_SIDE = 16
MAX_FPS = 120
MAX_SECONDS = 20 * 60  # a take longer than this is almost surely a slip of the settings (and hours of work)
FORMATS = {".mp4": "mp4", ".gif": "gif"}


@dataclass(frozen=True)
class RenderOptions:
    """Frame size in pixels and frames per second."""

    width: int = 1920
    height: int = 1080
    fps: int = 60


def parse_size(raw: str) -> tuple[int, int]:
    """'1920x1080' → (1920, 1080); even sides (H.264 needs them) from 16 up to 3840x2160."""
    allowed = f"WxH with even numbers, from {MIN_SIDE}x{MIN_SIDE} up to {MAX_SIZE[0]}x{MAX_SIZE[1]}"
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", str(raw))
    if not match:
        raise SettingError("size", f"size must be {allowed} (got {raw!r})")
    width, height = int(match[1]), int(match[2])
    if not (MIN_SIDE <= width <= MAX_SIZE[0] and MIN_SIDE <= height <= MAX_SIZE[1]) or width % 2 or height % 2:
        raise SettingError("size", f"size must be {allowed} (got {raw!r})")
    return width, height


def parse_fps(raw: object) -> int:
    """Frames per second: a whole number from 1 to 120."""
    try:
        value = float(str(raw))
        if not value.is_integer() or not 1 <= value <= MAX_FPS:
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise SettingError("fps", f"fps must be a whole number from 1 to {MAX_FPS} (got {raw!r})") from None
    return int(value)


def video_format(path: Path) -> str:
    """'mp4' or 'gif', from the file's extension."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        allowed = " or ".join(FORMATS)
        raise SettingError("out", f"the output file must end in {allowed} (got {str(path)!r})")
    return kind


def check_folder(path: Path) -> None:
    """The folder a file is written into must exist and take new files (checked before any work is done)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SettingError("out", f"the folder {str(folder)!r} does not exist: create it first")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SettingError("out", f"cannot write into the folder {str(folder)!r} ({reason}): choose another") from None


def check_file(path: Path) -> None:
    """A file to write: not a folder already there, in a folder that exists and takes new files."""
    if path.is_dir():
        raise SettingError("out", f"{str(path)!r} is a folder: give the name of a file to write")
    check_folder(path)


def check_length(seconds: float, shorter: Callable[[float], str] | None = None) -> None:
    """A show to render may last at most MAX_SECONDS; `shorter(MAX_SECONDS)` says how to cut it, in its own words."""
    if seconds > MAX_SECONDS:
        how = shorter(MAX_SECONDS) if shorter else "use fewer steps or speeds, or a shorter step budget"
        raise SettingError(
            "steps",
            f"the show would last {seconds / 60:.1f} minutes; at most {MAX_SECONDS // 60} minutes can be rendered: "
            f"{how}",
        )
