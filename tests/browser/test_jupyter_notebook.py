"""foggyhill in Jupyter Notebook 7: a real `jupyter notebook` on loopback, the example notebook run in Debian's
chromium, the widget's Speed slider moved by hand, the kernel seeing the new speed, and Python moving the ball."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("notebook", reason="the notebook extra is not installed (pip install -e '.[notebook]')")
pytest.importorskip("anywidget", reason="the notebook extra is not installed (pip install -e '.[notebook]')")

from jupyter_app import JupyterServer, execute, open_and_run, serving, slider_round_trip  # noqa: E402


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """Jupyter Notebook 7 serving a light copy of the example notebook."""
    with serving(tmp_path_factory.mktemp("notebook7"), "notebook") as server:
        yield server


@pytest.fixture
def page_options() -> dict[str, Any]:
    """A laptop screen, reduced motion (every hop instant, so the tests wait for no springs)."""
    return {"viewport": {"width": 1280, "height": 900}, "reduced_motion": "reduce"}


# Notebook 7.6.5's own keyboard-shortcuts settings code throws this while the page loads, on an empty notebook too
# (without foggyhill); allowed only when its stack is in Notebook's core bundle.
NOTEBOOK_OWN_ERROR = "Cannot read properties of undefined (reading 'schema')"


def test_the_example_runs_in_notebook_7(page: Any, console: Any, notebook7: JupyterServer, screenshots: Path) -> None:
    console.allow(f"^page error: {re.escape(NOTEBOOK_OWN_ERROR)}$")
    stacks: list[str] = []
    page.on(
        "pageerror", lambda error: stacks.append(error.stack or "") if error.message == NOTEBOOK_OWN_ERROR else None
    )
    open_and_run(page, notebook7)
    assert page.evaluate("window.jupyterapp.name") == "Jupyter Notebook"  # Notebook 7's own app, not JupyterLab
    widget = page.locator(".foggyhill-widget-host").first
    slider_round_trip(page, widget)

    # Python moves the slider and rolls the ball into the shallow dip.
    execute(page, "sim.speed = 0.1\nsim.roll()")
    page.wait_for_function(
        "(host) => host.shadowRoot.querySelector('[data-speed-number]').value === '0.1'", arg=widget.element_handle()
    )
    widget.locator("[data-verdict-headline]").filter(has_text="Stuck in a shallow dip").wait_for(timeout=30_000)

    # The three runs are there too, with their clock at the start.
    show = page.locator(".foggyhill-widget-host").nth(1)
    assert show.locator("[data-out=time]").text_content() == "0:00.0 / 1:00.0"

    widget.scroll_into_view_if_needed()
    page.evaluate("(host) => host.closest('.jp-Cell').scrollIntoView({ block: 'start' })", widget.element_handle())
    page.wait_for_timeout(500)  # the notebook lays out the cells it scrolled to on the next frames
    page.screenshot(path=str(screenshots / "jupyter-notebook7.png"))
    assert all("/static/notebook/notebook_core." in stack for stack in stacks), stacks
