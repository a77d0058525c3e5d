"""The teacher's example notebook, executed headless with nbclient exactly as committed (lighter video/training)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "gradient-descent-in-class.ipynb"
LIGHT = 'VIDEO = "showdown.mp4"\nVIDEO_SIZE = "160x90"\nVIDEO_FPS = 2\nROUNDS = 5\n'
WIDGET = "application/vnd.jupyter.widget-view+json"


def text_of(cell: Any) -> str:
    """Everything a cell printed or showed as text or HTML."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def cell_with(notebook: Any, marker: str) -> Any:
    [cell] = [c for c in notebook.cells if c.cell_type == "code" and marker in c.source]
    return cell


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """The example run top to bottom in a fresh kernel, in a scratch folder (the video is written there)."""
    folder = tmp_path_factory.mktemp("example")
    notebook = nbformat.read(EXAMPLE, as_version=4)
    [parameters] = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    parameters.source = LIGHT
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    return notebook, folder


def test_the_committed_notebook_has_no_outputs() -> None:
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert code, "the example has code cells"
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    nbformat.validate(nbformat.reads(EXAMPLE.read_text(encoding="utf-8"), as_version=4))


def test_every_cell_runs_without_an_error(executed: tuple[Any, Path]) -> None:
    notebook, _ = executed
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert "Traceback" not in "\n".join(text_of(c) for c in notebook.cells if c.cell_type == "code")


def test_the_simulation_and_three_runs_are_widgets(executed: tuple[Any, Path]) -> None:
    notebook, _ = executed
    for marker in ("foggyhill.Simulation(", "foggyhill.ThreeRuns("):
        outputs = cell_with(notebook, marker).outputs
        assert any(WIDGET in o.get("data", {}) for o in outputs), marker


def test_the_verdicts_are_the_engines(executed: tuple[Any, Path]) -> None:
    notebook, _ = executed
    [verdict] = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip() == "sim.verdict"]
    assert "kind='stuck-local'" in text_of(verdict)
    assert "The slider is at speed 0.46: settled at the lowest point." in text_of(cell_with(notebook, "slider is at"))
    speeds = text_of(cell_with(notebook, "for speed in"))
    assert "speed 0.02  → Still crawling" in speeds
    assert "speed 0.9   → Flew off" in speeds
    assert "<table>" in text_of(cell_with(notebook, "sim.table"))


def test_the_video_is_written(executed: tuple[Any, Path]) -> None:
    notebook, folder = executed
    video = folder / "showdown.mp4"
    assert video.stat().st_size > 1000
    assert video.read_bytes()[4:8] == b"ftyp"  # an MP4 container
    assert "Wrote <code>showdown.mp4</code> (160x90, 2 fps" in text_of(cell_with(notebook, "show.render("))


def test_studio_shows_the_chart_and_a_friendly_mistake(executed: tuple[Any, Path]) -> None:
    notebook, _ = executed
    training = cell_with(notebook, "plot_training")
    assert any("image/png" in o.get("data", {}) for o in training.outputs)
    assert "<progress" in text_of(training)
    mistake = cell_with(notebook, "round: 30")
    assert mistake.source.startswith("%%studio\n")  # the cell magic: the cell is the program, lines count from it
    assert "line 6, column 30: `train_network` has no option `round`" in text_of(mistake)
    assert "did you mean `rounds`?" in text_of(mistake)
    assert all(o.output_type != "error" for o in mistake.outputs)
    framed = [o.data["text/html"] for o in mistake.outputs if "text/html" in o.get("data", {})]
    assert framed and framed[0].startswith("<pre")  # the kernel's cell show, not the terminal's plain text
