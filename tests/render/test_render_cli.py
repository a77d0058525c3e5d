"""`foggyhill render`: flags in, files out, one clear line and exit 2 for bad settings, Ctrl-C leaves nothing."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest
from render_helpers import decoded_frames

from foggyhill.cli import main
from foggyhill.cli.render import ProgressBar

TINY_FLAGS = ["--steps", "3", "--step-budget", "0.3", "--intro", "0.3", "--card", "0.3", "--summary", "0.3"]


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--landscape", "mountain"], "landscape must be one of tilted-double-well"),
        (["--speeds", "0.1,0,0.5"], "each speed must be a number greater than 0"),
        (["--speeds", "fast"], "each speed must be a number"),
        (["--size", "1920by1080"], "size must be WxH"),
        (["--size", "7680x4320"], "up to 3840x2160"),
        (["--size", "161x90"], "even numbers"),
        (["--fps", "0"], "fps must be a whole number from 1 to 120"),
        (["--fps", "121"], "fps must be a whole number from 1 to 120"),
        (["--fps", "29.97"], "fps must be a whole number"),
        (["--start", "left"], "start must be a number"),
        (["--steps", "0"], "steps must be a whole number at least 1 and at most 200"),
        (["--steps", "200", "--step-budget", "5"], "at most 20 minutes can be rendered"),
    ],
)
def test_bad_settings_get_one_clear_line_and_exit_2(
    flags: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.mp4"
    assert main(["render", "three-runs", "--out", str(out), *flags]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["three-runs", "--out", "x.avi"], "must end in .mp4 or .gif"),
        (["three-runs", "--out", "no/such/folder/x.mp4"], "does not exist"),
        (["three-runs"], "say what to write"),
        (["three-runs", "--audio", "x.mp3"], "must end in .wav"),
        (["descent", "--out", "x.mp4"], "required: --speed"),
        (["descent", "--speed", "0.1,0.2", "--out", "x.mp4"], "descent takes one speed"),
    ],
)
def test_bad_outputs_exit_2(args: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", *args]) == 2
    assert words in capsys.readouterr().err


def test_render_descent_writes_a_gif_and_the_soundtrack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gif, wav = tmp_path / "one.gif", tmp_path / "one.wav"
    flags = ["--speed", "0.46", "--size", "96x54", "--fps", "5", *TINY_FLAGS]
    assert main(["render", "descent", *flags, "--out", str(gif), "--audio", str(wav)]) == 0
    printed = capsys.readouterr()
    assert f"wrote {gif}" in printed.out and f"wrote {wav}" in printed.out
    bar = "gif (palette, then picture)"  # two passes over the 9 frames
    assert f"{bar} 1/18 frames" in printed.err and f"{bar} 18/18 frames" in printed.err and "left" in printed.err
    assert len(decoded_frames(gif)) == 9  # 0.3 + 0.9 + 0.3 + 0.3 seconds at 5 fps
    with wave.open(str(wav)) as sound:
        assert sound.getnframes() == round(1.8 * 44100)


def test_the_progress_bar_shows_frames_done_and_time_left() -> None:
    ticks = iter([0.0, 2.0])
    bar = ProgressBar(100, "video", stream=io.StringIO(), clock=lambda: next(ticks))
    bar.update(30, 100)
    line = bar.stream.getvalue()
    assert "video 30/100 frames" in line and "30%" in line and "15.0 frames/s" in line and "0:05 left" in line


@pytest.mark.parametrize("wait", [0.05, 0.4])
def test_ctrl_c_stops_the_render_and_leaves_no_file(tmp_path: Path, wait: float) -> None:
    out = tmp_path / "long.mp4"
    cmd = [sys.executable, "-m", "foggyhill", "render", "three-runs", "--out", str(out), "--size", "320x180"]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    time.sleep(wait)  # let the encoder write part of the file
    os.kill(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert b"stopped" in err and b"Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_killed_render_leaves_a_part_that_the_next_render_removes_and_names(tmp_path: Path) -> None:
    out = tmp_path / "long.mp4"
    cmd = [sys.executable, "-m", "foggyhill", "render", "three-runs", "--out", str(out), "--size", "320x180"]
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".part") and p.stat().st_size > 0]:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    process.kill()  # kill -9: no chance to clean up
    process.communicate(timeout=30)
    left = [p.name for p in tmp_path.iterdir()]
    assert left == [f".long.mp4.{process.pid}.part"]
    flags = ["--speed", "0.46", "--size", "96x54", "--fps", "5", *TINY_FLAGS]
    again = subprocess.run(
        [sys.executable, "-m", "foggyhill", "render", "descent", *flags, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert f"removed {tmp_path / left[0]}, left half-written by a render that was stopped" in again.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.mp4"]
