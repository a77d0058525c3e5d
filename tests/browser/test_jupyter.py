"""foggyhill in JupyterLab: a real `jupyter lab` on loopback, the example notebook run in Debian's chromium, the
widget's Speed slider moved by hand, and the kernel seeing the new speed."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jupyterlab", reason="the notebook extra is not installed (pip install -e '.[notebook]')")
pytest.importorskip("anywidget", reason="the notebook extra is not installed (pip install -e '.[notebook]')")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gradient-descent-in-class.ipynb"
START_SECONDS = 60
RUN_SECONDS = 120
LIGHT = 'VIDEO = "showdown.mp4"\nVIDEO_SIZE = "160x90"\nVIDEO_FPS = 2\nROUNDS = 5\n'
SLIDER_CELL = "The slider is at speed"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class JupyterLab:
    """`jupyter lab` in a subprocess on a free loopback port with a random token; always stopped."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log = folder / "jupyter.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={self.port}", "--ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}", "--allow-root", f"--ServerApp.root_dir={self.folder}",
            "--LabApp.expose_app_in_browser=True", "--ServerApp.terminals_enabled=False",
            "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]  # fmt: skip
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(self.folder / ".config"), "PYTHONUNBUFFERED": "1"}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT, env=env,
                                            start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited early:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {START_SECONDS} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Stop the server and the kernels it started (its whole process group)."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def sessions(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.url}/api/sessions?token={self.token}", timeout=5) as answer:
            return list(json.load(answer))


def light_copy(folder: Path) -> Path:
    """The example notebook with a tiny video and a short training, so it runs in seconds."""
    import nbformat

    notebook = nbformat.read(EXAMPLE, as_version=4)
    [parameters] = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    parameters.source = LIGHT
    path = folder / EXAMPLE.name
    nbformat.write(notebook, path)
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterLab]:
    """JupyterLab serving a light copy of the example notebook."""
    folder = tmp_path_factory.mktemp("lab")
    light_copy(folder)
    server = JupyterLab(folder)
    try:
        server.start()
        yield server
    finally:
        server.stop()


# JavaScript run in JupyterLab's page through its application object (exposed by --LabApp.expose_app_in_browser).
KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return Boolean(kernel && kernel.status === "idle" && kernel.connectionStatus === "connected");
}"""
ALL_RAN = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets.filter((cell) => cell.model.type === "code");
  return panel.sessionContext.session.kernel.status === "idle" && cells.every((cell) => cell.model.executionCount);
}"""
RUN_CELL = """async (marker) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const index = panel.content.widgets.findIndex((cell) => cell.model.sharedModel.getSource().includes(marker));
  panel.content.activeCellIndex = index;
  const before = panel.content.widgets[index].model.executionCount;
  await window.jupyterapp.commands.execute("notebook:run-cell");
  return before;
}"""
CELL_OUTPUT = """(marker) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cell = panel.content.widgets.find((c) => c.model.sharedModel.getSource().includes(marker));
  return { count: cell.model.executionCount, text: cell.node.querySelector(".jp-OutputArea").innerText };
}"""


def open_and_run(page: Any, lab: JupyterLab) -> None:
    """Open the example in JupyterLab and run every cell, waiting until each has run."""
    page.goto(f"{lab.url}/lab/tree/{EXAMPLE.name}?token={lab.token}")
    page.wait_for_function(KERNEL_IDLE, timeout=START_SECONDS * 1000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_RAN, timeout=RUN_SECONDS * 1000, polling=250)
    no_thanks = page.get_by_role("button", name="No", exact=True)  # JupyterLab's one-time news question
    if no_thanks.count():
        no_thanks.click()


def python_sees(page: Any, marker: str, wanted: str) -> str:
    """Run the cell containing `marker` until its output contains `wanted` (the widget syncs within moments)."""
    deadline = time.monotonic() + 20
    text = ""
    while time.monotonic() < deadline:
        before = page.evaluate(RUN_CELL, marker)
        page.wait_for_function(
            f"() => {{ const o = ({CELL_OUTPUT})({json.dumps(marker)}); return o.count && o.count !== {before or 0}; }}"
        )
        text = page.evaluate(CELL_OUTPUT, marker)["text"]
        if wanted in text:
            return text
        time.sleep(0.3)
    return text


@pytest.fixture
def page_options() -> dict[str, Any]:
    """A laptop screen, reduced motion (every hop instant, so the tests wait for no springs)."""
    return {"viewport": {"width": 1280, "height": 900}, "reduced_motion": "reduce"}


def test_the_slider_moves_python_and_python_moves_the_ball(page: Any, lab: JupyterLab, screenshots: Path) -> None:
    import foggyhill

    open_and_run(page, lab)
    widget = page.locator(".foggyhill-widget-host").first
    # The notebook set sim.speed = 0.46 and called sim.roll(): the slider shows it and the ball settled.
    speed_box = widget.locator("[data-speed-number]")
    widget.locator("[data-verdict]").wait_for(state="visible", timeout=30_000)
    assert speed_box.input_value() == "0.46"
    assert widget.locator("[data-url-notice]").is_hidden()  # the "waiting for the kernel" note went away
    assert "Settled at the lowest point" in (widget.locator("[data-verdict-headline]").text_content() or "")

    # A learner drags the slider: the page shows a new speed, and Python sees the same number.
    widget.locator("[data-speed-slider]").fill("820")
    shown = speed_box.input_value()
    assert shown not in {"", "0.46"}
    expected = foggyhill.descend("tilted-double-well", start=-2, speed=float(shown)).verdict.headline.lower()
    text = python_sees(page, SLIDER_CELL, f"speed {float(shown)}")
    assert f"The slider is at speed {float(shown)}: {expected}." in text

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
    page.evaluate(
        """async () => {
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      await kernel.requestExecute({ code: "sim.speed = 0.1\\nsim.roll()" }).done;
    }"""
    )
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


def test_the_three_runs_play_in_the_notebook(page: Any, lab: JupyterLab) -> None:
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
