"""`%load_ext foggyhill` and the `%%studio` cell magic, in a real IPython shell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from IPython.core.error import UsageError
from IPython.testing.globalipapp import start_ipython

import foggyhill
from foggyhill.studio import StudioRun


@pytest.fixture(scope="module")
def shell() -> Iterator[Any]:
    """IPython's own test shell, with the extension loaded the way a notebook user loads it."""
    ipython = start_ipython()
    ipython.run_line_magic("load_ext", "foggyhill")
    yield ipython


def test_load_ext_finds_the_hook_on_the_package() -> None:
    assert callable(foggyhill.load_ipython_extension)


def test_a_studio_cell_runs_its_program(shell: Any, capsys: pytest.CaptureFixture[str]) -> None:
    shell.run_cell_magic("studio", "kept", 'data = load "fruits"\nprint data\n')
    assert "fruits, 59 rows, 4 features, 4 classes" in capsys.readouterr().out
    kept = shell.user_ns["kept"]
    assert isinstance(kept, StudioRun) and kept.ok and kept.variables["data"].name == "fruits"


def test_a_mistake_in_a_studio_cell_counts_lines_from_the_cell(shell: Any) -> None:
    shell.run_cell_magic("studio", "kept", 'print 1\ndata = load "fruts"\n')
    kept = shell.user_ns["kept"]
    assert kept.error.startswith("line 2, column 13: unknown dataset `fruts`")


def test_csv_files_load_from_the_working_folder(shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tiny.csv").write_text("x,y\n1,2\n2,4\n3,6\n4,8\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shell.run_cell_magic("studio", "kept", 'data = load "tiny.csv", target: "y"\n')
    assert shell.user_ns["kept"].ok


def test_only_a_name_may_follow_the_magic(shell: Any) -> None:
    with pytest.raises(UsageError, match=r"%%studio takes at most a name .* not 'my run'"):
        shell.run_cell_magic("studio", "my run", "print 1\n")
