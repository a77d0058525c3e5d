"""foggyhill's widgets rendered the way VS Code renders notebook widgets, outside JupyterLab.

VS Code itself cannot run here, so the test runs its widget runtime: `@vscode/jupyter-ipywidgets8` (the widget
manager the Jupyter extension loads into a notebook's output webview), a kernel connection from
`@jupyterlab/services`, anywidget's module loaded with requirejs from the kernel's nbextensions folder, and each
widget output rendered into a plain element. The kernel is a real one, started by a real `jupyter server`; the page
has no JupyterLab styles or application. Pinned files: tests/browser/vscode/ (fetch.sh, VERSIONS).
"""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jupyter_server", reason="the notebook extra is not installed (pip install -e '.[notebook]')")
pytest.importorskip("anywidget", reason="the notebook extra is not installed (pip install -e '.[notebook]')")

from jupyter_app import JupyterServer  # noqa: E402

HERE = Path(__file__).resolve().parent / "vscode"
PREFIX = "/static/"
# The kernel takes two seconds to answer for the bowl, as a slow network would on the page.
SLOW_BOWL = """import time
from foggyhill.notebook import bridge
allowed, curve = bridge.ENDPOINTS["/api/landscape"]
def slowly(params):
    if params.get("landscape") == "bowl":
        time.sleep(2)
    return curve(params)
bridge.ENDPOINTS["/api/landscape"] = (allowed, slowly)
"""
SIMULATION = "import foggyhill\nsim = foggyhill.Simulation(landscape='tilted-double-well', start=-2, speed=0.46)\nsim"


def nbextensions_parent() -> Path:
    """The folder holding `nbextensions/anywidget/index.js`, where VS Code finds a widget's script: the kernel's
    Jupyter data folders."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path():
        if (Path(folder) / "nbextensions" / "anywidget" / "index.js").exists():
            return Path(folder)
    raise FileNotFoundError(f"no nbextensions/anywidget/index.js in {jupyter_path()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """A bare `jupyter server` on loopback: the kernels, nothing of JupyterLab's page."""
    # The harness and anywidget's script are served as the server's static files, so the page shares the kernel's
    # origin as VS Code's webview shares its kernel (chromium blocks a page it cannot place from reaching loopback).
    static = json.dumps([str(HERE), str(nbextensions_parent())])
    jupyter = JupyterServer(tmp_path_factory.mktemp("vscode"), "server", (f"--ServerApp.extra_static_paths={static}",))
    try:
        jupyter.start()
        yield jupyter
    finally:
        jupyter.stop()


@pytest.fixture
def page_options() -> dict[str, Any]:
    """A laptop screen, reduced motion (every hop instant, so the tests wait for no springs)."""
    return {"viewport": {"width": 1100, "height": 900}, "reduced_motion": "reduce"}


def open_harness(page: Any, server: JupyterServer) -> None:
    """The harness page connected to a fresh kernel; waits until it is ready to run code."""
    scripts = {"anywidget": f"{server.url}{PREFIX}nbextensions/anywidget/index"}
    query = urllib.parse.urlencode(
        {"token": server.token, "kernel": server.start_kernel(), "scripts": json.dumps(scripts)}
    )
    page.goto(f"{server.url}{PREFIX}harness.html?{query}")
    page.wait_for_function("() => window.harnessReady && window.harness", timeout=60_000)


def run(page: Any, code: str) -> str:
    """Run `code` in the kernel as a cell; widgets it shows are rendered. Returns what it printed."""
    return str(page.evaluate("(code) => window.harness.run(code)", code))


def python_sees(page: Any, speed: float) -> float:
    """`sim.speed` as Python has it, asked again for a few seconds until it is `speed` (the widget syncs within
    moments)."""
    deadline = time.monotonic() + 20
    seen = float(run(page, "print(sim.speed)"))
    while seen != speed and time.monotonic() < deadline:
        time.sleep(0.3)
        seen = float(run(page, "print(sim.speed)"))
    return seen


def test_the_simulation_draws_and_syncs_in_vscodes_widget_manager(
    page: Any, server: JupyterServer, screenshots: Path
) -> None:
    import foggyhill

    open_harness(page, server)
    assert page.evaluate("() => document.querySelector('.jp-Notebook, .jp-LabShell') === null")
    run(page, SIMULATION)
    widget = page.locator(".foggyhill-widget-host")
    # The curve is drawn and the ball sits at the start, from the kernel's answers.
    widget.locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    assert widget.locator("[data-speed-number]").input_value() == "0.46"
    assert widget.locator("[data-url-notice]").is_hidden()
    curve = widget.locator("[data-plot] path").first.get_attribute("d") or ""
    assert len(curve) > 200, "the curve is drawn"

    # Python rolls the ball; the verdict is the engine's.
    run(page, "sim.roll()")
    widget.locator("[data-verdict-headline]").filter(has_text="Settled at the lowest point").wait_for(timeout=30_000)

    # A learner drags the slider; Python sees the same speed.
    widget.locator("[data-speed-slider]").fill("820")
    shown = widget.locator("[data-speed-number]").input_value()
    assert shown not in {"", "0.46"}
    assert python_sees(page, float(shown)) == float(shown)
    expected = foggyhill.descend("tilted-double-well", start=-2, speed=float(shown)).verdict.headline
    assert run(page, "print(sim.verdict.headline)").strip() == expected

    # Python moves the slider back and rolls into the shallow dip.
    run(page, "sim.speed = 0.1\nsim.roll()")
    widget.locator("[data-verdict-headline]").filter(has_text="Stuck in a shallow dip").wait_for(timeout=30_000)
    assert widget.locator("[data-speed-number]").input_value() == "0.1"
    page.screenshot(path=str(screenshots / "vscode-widget-manager.png"), full_page=True)


def test_every_view_of_one_simulation_follows_python(page: Any, server: JupyterServer) -> None:
    open_harness(page, server)
    run(page, SIMULATION)
    run(page, "sim")  # the same widget shown again, as a second cell showing `sim` would
    views = page.locator(".foggyhill-widget-host")
    assert views.count() == 2
    for index in range(2):
        views.nth(index).locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    run(page, "sim.roll()")
    for index in range(2):
        headline = views.nth(index).locator("[data-verdict-headline]")
        headline.filter(has_text="Settled at the lowest point").wait_for(timeout=30_000)
    run(page, "sim.speed = 0.1\nsim.roll()")
    for index in range(2):
        headline = views.nth(index).locator("[data-verdict-headline]")
        headline.filter(has_text="Stuck in a shallow dip").wait_for(timeout=30_000)
        assert views.nth(index).locator("[data-speed-number]").input_value() == "0.1"
    # A view shown after the roll was done shows the run, and does not roll it again.
    run(page, "sim")
    third = views.nth(2)
    third.locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    # A replayed roll would start with the view and take its first step on the next animation frame.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert third.locator("section.wide-section").get_attribute("data-state") == "ready"
    assert third.locator("[data-out=step]").text_content() == "0"


def test_a_change_lands_on_top_of_one_still_loading(page: Any, server: JupyterServer) -> None:
    open_harness(page, server)
    run(page, SIMULATION)
    widget = page.locator(".foggyhill-widget-host")
    widget.locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    run(page, SLOW_BOWL)
    # The learner picks the bowl and, while it loads, drags the slider.
    widget.locator("[data-landscape]").select_option("bowl")
    widget.locator("section.wide-section[data-state=loading]").wait_for()
    widget.locator("[data-speed-slider]").fill("820")
    shown = widget.locator("[data-speed-number]").input_value()
    # Both changes are applied once the kernel answers: the bowl at the new speed, in the page and in Python.
    widget.locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    assert python_sees(page, float(shown)) == float(shown)
    assert run(page, "print(sim.landscape)").strip() == "bowl"
    assert widget.locator("[data-landscape]").input_value() == "bowl"


def test_the_three_runs_play_in_vscodes_widget_manager(page: Any, server: JupyterServer) -> None:
    open_harness(page, server)
    run(page, "import foggyhill\nshow = foggyhill.ThreeRuns(speeds=[0.02, 0.46, 0.6])\nshow")
    show = page.locator(".foggyhill-widget-host")
    clock = show.locator("[data-out=time]")
    show.locator("section[data-state=ready]").wait_for(timeout=30_000)
    assert clock.text_content() == "0:00.0 / 1:00.0"
    run(page, "show.play()")
    show.locator("section[data-state=playing]").wait_for()
    page.wait_for_function(
        "(host) => !host.shadowRoot.querySelector('[data-out=time]').textContent.startsWith('0:00.')",
        arg=show.element_handle(),
    )
    # New speeds from Python: the widget plays the show laid out for them, the one Python reports and renders.
    total = float(run(page, "show.speeds = [0.46]\nprint(show.timeline.total)"))
    minutes, seconds = divmod(total, 60)
    show.locator("[data-out=time]").filter(has_text=f"0:00.0 / {int(minutes)}:{seconds:04.1f}").wait_for()
    assert show.locator("section").first.get_attribute("data-state") == "ready"


SHORT_SHOW = {"speeds": "0.02,0.46,0.6", "steps": 4, "step_budget": 0.3, "intro": 0.5, "card": 0.5, "summary": 1}


def test_the_three_runs_seek_bar_moves_the_stage_to_the_timelines_time(page: Any, server: JupyterServer) -> None:
    from three_runs_view import assert_page_shows, timeline_of

    show = timeline_of("?" + urllib.parse.urlencode(SHORT_SHOW))
    open_harness(page, server)
    made = ", ".join(f"{name}={value!r}" for name, value in SHORT_SHOW.items())
    run(page, f"import foggyhill\nshow = foggyhill.ThreeRuns({made})\nshow")
    widget = page.locator(".foggyhill-widget-host")
    widget.locator("section[data-state=ready]").wait_for(timeout=30_000)
    host = widget.element_handle()
    assert float(run(page, "print(show.timeline.total)")) == show.total
    assert widget.get_by_role("button", name="Record").count() == 0  # Record mode is the page's
    bar = widget.get_by_role("slider", name="Where in the show")
    assert bar.is_visible()

    # The keys step through the timeline: run 2, step 3, as on the page.
    bar.focus()
    for key in ("PageUp", "PageUp", "PageUp", "ArrowRight", "ArrowRight"):
        page.keyboard.press(key)
    assert_page_shows(page, show, show.runs[1].steps[2].start, host=host)
    assert widget.locator("section").first.get_attribute("data-state") == "ready"

    # A click on the bar, two fifths along: the stage is the timeline's state at the bar's time.
    box = bar.bounding_box()
    bar.click(position={"x": 11 + 0.4 * (box["width"] - 22), "y": box["height"] / 2})
    sought = float(widget.locator("section").first.get_attribute("data-time"))
    assert 0.35 * show.total < sought < 0.45 * show.total
    assert_page_shows(page, show, sought, host=host)

    # Play plays on from there, not from the start.
    widget.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "([host, t]) => Number(host.shadowRoot.querySelector('section').dataset.time) > t + 0.3", arg=[host, sought]
    )
    widget.get_by_role("button", name="Pause").click()
    paused = float(widget.locator("section").first.get_attribute("data-time"))
    assert sought + 0.3 < paused < sought + 5
    assert_page_shows(page, show, paused, host=host)

    # Python seeks too: the paused show goes to that time and waits there, then plays on from it.
    run(page, "show.seek(1.3)")
    widget.locator("section[data-time='1.3']").wait_for()
    assert_page_shows(page, show, 1.3, host=host)
    assert widget.locator("section").first.get_attribute("data-state") == "paused"
    run(page, "show.play()")
    widget.locator("section[data-state=playing]").wait_for()
    widget.get_by_role("button", name="Pause").click()
    assert 1.3 < float(widget.locator("section").first.get_attribute("data-time")) < 1.3 + 5
