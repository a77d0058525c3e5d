"""The surfaces simulation in JupyterLab: a real `jupyter lab` on loopback, a notebook whose cell makes
`foggyhill.Simulation(landscape="rosenbrock", ...)`, run in Debian's chromium; the widget draws, keys stay in it, and
the learner's slider reaches Python."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jupyterlab", reason="the notebook extra is not installed (pip install -e '.[notebook]')")
pytest.importorskip("anywidget", reason="the notebook extra is not installed (pip install -e '.[notebook]')")

from jupyter_app import JupyterServer, execute, open_and_run, python_sees  # noqa: E402

NOTEBOOK = "surfaces.ipynb"
MAKE = 'import foggyhill\nsim = foggyhill.Simulation(landscape="rosenbrock", start=(-1.5, 2), speed=0.001)\nsim'
READ = 'print(f"Python has speed {sim.speed}: {sim.verdict.headline.lower()}")'


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """JupyterLab serving a notebook of two cells: the surface widget, and a cell that reads it back."""
    import nbformat

    folder = tmp_path_factory.mktemp("surface-lab")
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(MAKE), nbformat.v4.new_code_cell(READ)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )  # the kernel named, so JupyterLab starts it without asking
    nbformat.write(notebook, folder / NOTEBOOK)
    server = JupyterServer(folder, "lab")
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def page_options() -> dict[str, Any]:
    """A laptop screen, reduced motion (every glide instant, so the tests wait for no animation)."""
    return {"viewport": {"width": 1280, "height": 1000}, "reduced_motion": "reduce"}


def test_the_surface_simulation_in_jupyterlab(page: Any, lab: JupyterServer, screenshots: Path) -> None:
    import foggyhill

    open_and_run(page, lab, NOTEBOOK)
    widget = page.locator(".foggyhill-widget-host").first
    widget.locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    assert widget.locator("[data-url-notice]").is_hidden()
    assert widget.locator("[data-speed-number]").input_value() == "0.001"

    # Keys act on the widget and JupyterLab takes none of them as its own ("r" would make the cell raw).
    widget.locator("[data-action=step]").click()
    page.keyboard.press("ArrowRight")
    widget.locator("[data-out=step]").filter(has_text="2").wait_for()
    page.keyboard.press("r")
    widget.locator("[data-out=step]").filter(has_text="0").wait_for()
    kinds = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.map((c) => c.model.type)")
    assert kinds == ["code", "code"]

    # The learner drags the slider; Python has the new speed and the engine's verdict for it.
    widget.locator("[data-speed-slider]").fill("150")
    shown = widget.locator("[data-speed-number]").input_value()
    assert shown not in {"", "0.001"}
    expected = foggyhill.Simulation(landscape="rosenbrock", start=(-1.5, 2), speed=float(shown)).verdict.headline
    text = python_sees(page, "Python has speed", f"speed {float(shown)}")
    assert f"Python has speed {float(shown)}: {expected.lower()}" in text

    # Python rolls the ball to that verdict.
    execute(page, "sim.roll()")
    widget.locator("[data-verdict-headline]").filter(has_text=expected).wait_for(timeout=30_000)
    page.evaluate("window.jupyterapp.shell.collapseLeft()")
    widget.evaluate("(host) => host.closest('.jp-Cell').scrollIntoView({ block: 'start' })")
    page.wait_for_timeout(500)  # the notebook lays out the cells it scrolled to on the next frames
    page.screenshot(path=str(screenshots / "jupyter-surface-widget.png"))
