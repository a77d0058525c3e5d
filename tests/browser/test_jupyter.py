"""foggyhill in JupyterLab: a real `jupyter lab` on loopback, the example notebook run in Debian's chromium, the
widget's Speed slider moved by hand, and the kernel seeing the new speed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jupyterlab", reason="the notebook extra is not installed (pip install -e '.[notebook]')")
pytest.importorskip("anywidget", reason="the notebook extra is not installed (pip install -e '.[notebook]')")

from jupyter_app import JupyterServer, execute, open_and_run, serving, slider_round_trip  # noqa: E402


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """JupyterLab serving a light copy of the example notebook."""
    with serving(tmp_path_factory.mktemp("lab"), "lab") as server:
        yield server


@pytest.fixture
def page_options() -> dict[str, Any]:
    """A laptop screen, reduced motion (every hop instant, so the tests wait for no springs)."""
    return {"viewport": {"width": 1280, "height": 900}, "reduced_motion": "reduce"}


def test_the_slider_moves_python_and_python_moves_the_ball(page: Any, lab: JupyterServer, screenshots: Path) -> None:
    open_and_run(page, lab)
    widget = page.locator(".foggyhill-widget-host").first
    slider_round_trip(page, widget)

    # Keys act on the widget that has the focus, and typing in its boxes is just typing.
    widget.locator("[data-action=reset]").click()
    widget.locator("section.wide-section[data-state=ready] [data-out=step]").filter(has_text="0").wait_for()
    page.keyboard.press("ArrowRight")
    widget.locator("[data-out=step]").filter(has_text="1").wait_for()
    formula = widget.locator("[data-formula]")
    widget.locator("[data-landscape]").select_option("formula")
    formula.fill("")
    formula.press_sequentially("sqrt(w^2 + 1) - r")
    assert formula.input_value() == "sqrt(w^2 + 1) - r"
    assert page.locator(".foggyhill-widget-host").count() == 2  # Jupyter took no key as a shortcut ("1": heading)
    # The formula is checked by the kernel: "r" is not a word it knows, and the message says where.
    widget.locator("[data-formula-message]").filter(has_text="unknown name 'r' at column 17").wait_for()
    assert widget.locator("[data-formula-caret]").text_content() == "sqrt(w^2 + 1) - r\n" + " " * 16 + "^"
    widget.locator("[data-landscape]").select_option("tilted-double-well")

    # And Python moves the slider back.
    execute(page, "sim.speed = 0.1\nsim.roll()")
    page.wait_for_function(
        "(host) => host.shadowRoot.querySelector('[data-speed-number]').value === '0.1'", arg=widget.element_handle()
    )
    widget.locator("[data-verdict-headline]").filter(has_text="Stuck in a shallow dip").wait_for(timeout=30_000)
    # The picture in the README: the notebook full width, the cell that made the simulation at the top.
    page.evaluate("window.jupyterapp.shell.collapseLeft()")
    page.evaluate(
        """(marker) => {
      const panel = window.jupyterapp.shell.currentWidget;
      const cell = panel.content.widgets.find((c) => c.model.sharedModel.getSource().includes(marker));
      cell.node.scrollIntoView({ block: "start" });
      const scroller = cell.node.closest(".jp-WindowedPanel-outer");
      if (scroller) scroller.scrollTop -= 16;
    }""",
        "sim = foggyhill.Simulation(",
    )
    page.wait_for_timeout(500)  # the notebook lays out the cells it scrolled to on the next frames
    page.screenshot(path=str(screenshots / "jupyter.png"))


def test_the_three_runs_play_in_the_notebook(page: Any, lab: JupyterServer, screenshots: Path) -> None:
    open_and_run(page, lab)
    show = page.locator(".foggyhill-widget-host").nth(1)
    clock = show.locator("[data-out=time]")
    assert clock.text_content() == "0:00.0 / 1:00.0"  # intro 3 s, three runs of 20 steps, cards, the summary
    show.locator("[data-action=play]").click()
    show.locator("section[data-state=playing]").wait_for()
    page.wait_for_function(
        "(host) => !host.shadowRoot.querySelector('[data-out=time]').textContent.startsWith('0:00.')",
        arg=show.element_handle(),
    )
    show.locator("[data-action=play]").click()  # Pause
    show.locator("section[data-state=paused]").wait_for()
    assert show.locator("[data-action=play]").text_content() == "Resume"

    # The page's seek bar, keys and all (Record mode stays the page's); JupyterLab takes none of the keys.
    assert show.get_by_role("button", name="Record").count() == 0
    bar = show.get_by_role("slider", name="Where in the show")
    bar.focus()
    page.keyboard.press("Home")
    for _ in range(30):  # to step 9 of the tuned run
        page.keyboard.press("ArrowRight")
    assert show.locator("[data-out=where]").text_content() == "Run 2 of 3 · speed 0.46 · step 9 of 20"
    assert show.locator("section[data-state=paused]").count() == 1
    assert page.locator(".foggyhill-widget-host").count() == 2
    page.evaluate("window.jupyterapp.shell.collapseLeft()")
    show.evaluate("(host) => host.scrollIntoView({ block: 'center' })")
    page.wait_for_timeout(500)  # the notebook lays out the cells it scrolled to on the next frames
    page.screenshot(path=str(screenshots / "jupyter-three-runs.png"))
