"""`foggyhill.studio.run(source)`: runs a program, hands its effects to a viewer found by name, keeps the record."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

import foggyhill
from foggyhill.studio import Effect, StudioError, StudioRun, find_viewer, run, where
from foggyhill.studio.session import VIEWERS, viewers

PROGRAM = (Path(__file__).parent / "programs" / "lemonade_chart.studio").read_text(encoding="utf-8")


class Recorder:
    """A viewer that writes down what it was given, in order."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, effect: Effect) -> None:
        self.seen.append(effect.kind)

    def mistake(self, error: StudioError, source: str) -> None:
        self.seen.append(f"mistake: {error.message}")

    def stopped(self) -> None:
        self.seen.append("stopped")

    def done(self) -> None:
        self.seen.append("done")


def test_plain_import_foggyhill_reaches_studio_run() -> None:
    code = "import foggyhill; print(foggyhill.studio.run is foggyhill.studio.session.run)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_a_viewer_gets_every_effect_then_how_it_ended() -> None:
    viewer = Recorder()
    record = run(PROGRAM, viewer=viewer)
    assert record.ok and not record.stopped and record.error is None
    assert viewer.seen == [effect.kind for effect in record.effects] + ["done"]
    assert viewer.seen.count("round") == 3 and "plot" in viewer.seen
    assert type(record.variables["net"]).__name__ == "Network"
    assert repr(record) == f"StudioRun(ran to its end, {len(record.effects)} effects, variables: data, net)"


def test_a_mistake_reaches_the_viewer_and_the_record_before_any_training() -> None:
    viewer = Recorder()
    record = run(PROGRAM.replace("rounds: 3", "round: 3"), viewer=viewer)
    assert viewer.seen == ["mistake: `train_network` has no option `round`"]
    assert record.error is not None and record.error.startswith("line 8, column 30: `train_network` has no option")
    assert "did you mean `rounds`?" in record.error
    assert not record.ok and record.effects == [] and record.variables == {}


def test_an_interrupt_stops_the_run_and_says_so() -> None:
    class Interrupting(Recorder):
        def __call__(self, effect: Effect) -> None:
            super().__call__(effect)
            if effect.kind == "round":
                raise KeyboardInterrupt  # what a kernel interrupt or Ctrl-C raises mid-training

    viewer = Interrupting()
    record = run(PROGRAM, viewer=viewer)
    assert record.stopped and not record.ok and record.error is None
    assert viewer.seen[-2:] == ["round", "stopped"] and "plot" not in viewer.seen
    assert repr(record).startswith("StudioRun(stopped,")


def test_a_program_must_be_text() -> None:
    with pytest.raises(TypeError, match=r"studio.run needs the program as text \(got int\)"):
        run(42, viewer=Recorder())  # type: ignore[arg-type]


def test_files_load_from_the_given_folder(tmp_path: Path) -> None:
    (tmp_path / "tiny.csv").write_text("x,y\n1,2\n2,4\n3,6\n4,8\n", encoding="utf-8")
    record = run('data = load "tiny.csv", target: "y"\nprint data\n', folder=tmp_path, viewer=Recorder())
    assert record.ok, record.error
    assert record.variables["data"].name == "tiny.csv"


def test_outside_a_kernel_the_viewer_is_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert where() == "terminal"
    record = run(PROGRAM, folder=tmp_path)
    out = capsys.readouterr().out
    assert record.ok
    assert "round    3/3 [########################] loss" in out
    assert f"chart saved to {tmp_path / 'studio-net.png'}" in out
    assert (tmp_path / "studio-net.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_terminal_viewer_prints_a_mistake_on_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    record = run('data = load "lemonad"\n', viewer="terminal")
    err = capsys.readouterr().err
    assert not record.ok and err.startswith("line 1, column 13: unknown dataset `lemonad`")
    assert "Traceback" not in err


def test_inside_a_jupyter_kernel_the_viewer_is_the_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    kernel_shell = types.SimpleNamespace(kernel=object())  # what ipykernel's shell has and a terminal IPython lacks
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: kernel_shell))
    assert where() == "notebook"
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: types.SimpleNamespace()))
    assert where() == "terminal"


def test_every_declared_viewer_loads_and_can_show_a_run() -> None:
    declared = viewers()
    assert {"terminal", "notebook"} <= set(declared), f"entry points in {VIEWERS}: reinstall with pip install -e ."
    for name in declared:
        if name == "notebook":
            pytest.importorskip("anywidget", reason="the notebook extra is not installed")
        viewer = find_viewer(name)(Path("."))
        assert all(callable(getattr(viewer, part)) for part in ("__call__", "mistake", "stopped", "done")), name


def test_an_unknown_viewer_names_the_installed_ones() -> None:
    with pytest.raises(LookupError, match=r"no Studio viewer called 'cinema'; the installed viewers are: notebook, "):
        run("print 1\n", viewer="cinema")


def test_the_record_is_public() -> None:
    assert foggyhill.studio.StudioRun is StudioRun
    assert {"run", "StudioRun", "Viewer", "find_viewer", "where"} <= set(foggyhill.studio.__all__)
