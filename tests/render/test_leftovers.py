"""What a killed render leaves beside its file is found and removed by the next one; a running render's is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from foggyhill.render.encode import clear_leftovers, leftovers


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_only_the_parts_of_processes_that_are_gone_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        stale_file = tmp_path / f".x.mp4.{dead}.part"
        stale_file.write_bytes(b"half a video")
        stale_folder = tmp_path / f".x.mp4.{dead}.k2j3h4.part"  # render_frames' folder, named by mkdtemp
        stale_folder.mkdir()
        (stale_folder / "frame-00000.png").write_bytes(b"png")
        running = tmp_path / f".x.mp4.{alive.pid}.part"
        running.write_bytes(b"still being written")
        other = tmp_path / f".y.mp4.{dead}.part"  # another file's leftovers wait for that file's next render
        other.write_bytes(b"")
        unrelated = tmp_path / ".x.mp4.notes.part"
        unrelated.write_bytes(b"")
        assert leftovers(tmp_path / "x.mp4") == sorted([stale_file, stale_folder])
        assert clear_leftovers(tmp_path / "x.mp4") == sorted([stale_file, stale_folder])
        assert not stale_file.exists() and not stale_folder.exists()
        assert running.exists() and other.exists() and unrelated.exists()
        assert leftovers(tmp_path / "x.mp4") == []
    finally:
        alive.kill()
        alive.wait()


def test_a_missing_folder_has_no_leftovers(tmp_path: Path) -> None:
    assert leftovers(tmp_path / "nowhere" / "x.mp4") == []
