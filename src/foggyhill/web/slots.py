"""Places for Studio runs shared by every server process on this machine, as locked files.

`foggyhill serve --workers 4` starts four processes; a count kept in each would let four times the runs through. A
run holds one of RUNS_AT_ONCE lock files (fcntl.flock) in a folder of the user's own; the kernel lets go of the lock
when its holder ends, even by kill -9, so a place is never lost. The same kind of lock says which process may keep
the one spare worker that makes Run answer at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path
from typing import IO

FOLDER_ENV = "FOGGYHILL_SLOTS"  # tests point this at a folder of their own


def folder() -> Path:
    """The folder of lock files: private to this user (another user's server is another machine's worth)."""
    given = os.environ.get(FOLDER_ENV)
    place = Path(given) if given else Path(tempfile.gettempdir()) / f"foggyhill-{os.getuid()}-studio"
    place.mkdir(mode=0o700, parents=True, exist_ok=True)
    return place


class Slot:
    """One held place, let go by `release()` (or by the process ending)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def release(self) -> None:
        """Give the place back."""
        if not self.handle.closed:
            with contextlib.suppress(OSError):
                fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


def take(name: str, count: int) -> Slot | None:
    """One of `count` places called `name`, or None when every one is held (by any process of this user)."""
    place = folder()
    for k in range(count):
        handle = open(place / f"{name}-{k}.lock", "ab")  # noqa: SIM115 (held open as the lock)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        return Slot(handle)
    return None
