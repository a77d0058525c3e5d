"""A folder that exists but takes no new files is refused before any work, in one line naming it (exit 2)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from foggyhill.cli import main

TINY = ["--size", "32x18", "--fps", "2", "--steps", "2", "--step-budget", "0.3", "--intro", "0", "--card", "0"]


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder no new file can be made in: a read-only one, or /proc where the tests run as root."""
    if os.geteuid() == 0:
        if not Path("/proc/self").is_dir():
            pytest.skip("needs /proc to stand for a folder root cannot write into")
        yield Path("/proc")
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


@pytest.mark.parametrize(
    ("flag", "name"),
    [("--audio", "sound.wav"), ("--frames", "frames"), ("--out", "take.gif")],
)
def test_render_into_a_folder_that_takes_no_files_is_one_line_and_exit_2(
    unwritable: Path, flag: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["render", "three-runs", flag, str(unwritable / name), *TINY])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert f"cannot write into the folder {str(unwritable)!r}" in err


def test_map_into_a_folder_that_takes_no_files_is_refused_before_the_sweep(
    unwritable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["map", "--speeds", "4", "--starts", "4", "--steps", "4", "--out", str(unwritable / "map.png")])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert f"cannot write into the folder {str(unwritable)!r}" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""  # refused before it swept or saved anything


@pytest.mark.parametrize(("flag", "name"), [("--audio", "sound.wav"), ("--out", "take.gif")])
def test_render_onto_a_path_that_is_a_folder_is_refused_up_front(
    tmp_path: Path, flag: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / name).mkdir()
    assert main(["render", "three-runs", flag, str(tmp_path / name), *TINY]) == 2
    err = capsys.readouterr().err
    assert f"{str(tmp_path / name)!r} is a folder: give the name of a file to write" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no half-written file left beside it


def test_map_onto_a_path_that_is_a_folder_is_refused_before_the_sweep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "map.png").mkdir()
    code = main(["map", "--speeds", "4", "--starts", "4", "--steps", "4", "--out", str(tmp_path / "map.png")])
    captured = capsys.readouterr()
    assert code == 2 and "is a folder: give the name of a file to write" in captured.err
    assert captured.out == ""
