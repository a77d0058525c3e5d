"""A real Jupyter server for the notebook browser tests: `jupyter lab` or `jupyter notebook` (Notebook 7) on a free
loopback port with a random token, a light copy of the example notebook, and the page-side steps every test needs
(open, run all, run one cell and read its output) through the application object the server exposes."""

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
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gradient-descent-in-class.ipynb"
START_SECONDS = 60
RUN_SECONDS = 120
LIGHT = 'VIDEO = "showdown.mp4"\nVIDEO_SIZE = "160x90"\nVIDEO_FPS = 2\nROUNDS = 5\n'
SLIDER_CELL = "The slider is at speed"
COMMON_FLAGS = ("--no-browser", "--ip=127.0.0.1", "--allow-root", "--ServerApp.terminals_enabled=False")
# Each front end: its command, the flags that expose its application object as window.jupyterapp and keep it from
# asking the internet for news, and where it opens a notebook.
APPS = {
    "lab": (
        "lab",
        ("--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"),
        "/lab/tree/",
    ),
    "notebook": ("notebook", ("--JupyterNotebookApp.expose_app_in_browser=True",), "/notebooks/"),
    "server": ("server", (), "/files/"),  # the bare server, its kernels for a front end of the test's own
}  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class JupyterServer:
    """`jupyter lab` or `jupyter notebook` in a subprocess serving `folder`; always stopped with its kernels."""

    def __init__(self, folder: Path, app: str, flags: tuple[str, ...] = ()) -> None:
        if app not in APPS:
            raise ValueError(f"no such Jupyter front end {app!r}: allowed are {', '.join(APPS)}")
        self.folder = folder
        self.app = app
        self.flags = flags
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log = folder / f"jupyter-{app}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, name: str) -> str:
        """Where this front end opens the notebook `name`."""
        return f"{self.url}{APPS[self.app][2]}{name}?token={self.token}"

    def start(self) -> None:
        command, flags, _ = APPS[self.app]
        argv = [
            sys.executable, "-m", "jupyter", command, *COMMON_FLAGS, *flags, *self.flags, f"--port={self.port}",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.folder}",
        ]  # fmt: skip
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(self.folder / ".config"), "PYTHONUNBUFFERED": "1"}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(argv, cwd=self.folder, stdout=log, stderr=subprocess.STDOUT, env=env,
                                            start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter {command} exited early:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        late = self.log.read_text()[-3000:]
        raise RuntimeError(f"jupyter {command} did not answer within {START_SECONDS} s:\n{late}")

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

    def start_kernel(self) -> str:
        """Start a Python kernel through the REST API (as a front end does) and return its id."""
        request = urllib.request.Request(
            f"{self.url}/api/kernels?token={self.token}", data=b'{"name": "python3"}', method="POST"
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return str(json.load(answer)["id"])

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


@contextmanager
def serving(folder: Path, app: str) -> Iterator[JupyterServer]:
    """A started server for `folder` (which holds a light copy of the example), stopped on the way out."""
    light_copy(folder)
    server = JupyterServer(folder, app)
    try:
        server.start()
        yield server
    finally:
        server.stop()


# JavaScript run in the page through the application object (exposed by the *.expose_app_in_browser flag). JupyterLab
# and Notebook 7 are built from the same pieces: the current widget is the notebook panel in both.
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
EXECUTE = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  await kernel.requestExecute({ code }).done;
}"""


def open_and_run(page: Any, server: JupyterServer, name: str = EXAMPLE.name) -> None:
    """Open a notebook in the server's front end and run every cell, waiting until each has run."""
    page.goto(server.notebook_url(name))
    page.wait_for_function(KERNEL_IDLE, timeout=START_SECONDS * 1000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_RAN, timeout=RUN_SECONDS * 1000, polling=250)
    no_thanks = page.get_by_role("button", name="No", exact=True)  # JupyterLab's one-time news question
    if no_thanks.count():
        no_thanks.click()


def execute(page: Any, code: str) -> None:
    """Run `code` in the notebook's kernel (as another cell would) and wait until it has run."""
    page.evaluate(EXECUTE, code)


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


def slider_round_trip(page: Any, widget: Any) -> str:
    """The example's Simulation widget after Run All, then a learner's drag of its Speed slider read back in Python.

    The notebook set `sim.speed = 0.46` and called `sim.roll()`: the slider shows it and the ball settled. The drag
    changes the speed box, and the cell that prints `sim.speed` and `sim.verdict` prints the same number and the
    engine's verdict for it. Returns the speed the slider chose.
    """
    import foggyhill

    speed_box = widget.locator("[data-speed-number]")
    widget.locator("[data-verdict]").wait_for(state="visible", timeout=30_000)
    assert speed_box.input_value() == "0.46"
    assert widget.locator("[data-url-notice]").is_hidden()  # the "waiting for the kernel" note went away
    assert "Settled at the lowest point" in (widget.locator("[data-verdict-headline]").text_content() or "")

    widget.locator("[data-speed-slider]").fill("820")
    shown = speed_box.input_value()
    assert shown not in {"", "0.46"}, f"the slider did not change the speed box (it shows {shown!r})"
    expected = foggyhill.descend("tilted-double-well", start=-2, speed=float(shown)).verdict.headline.lower()
    text = python_sees(page, SLIDER_CELL, f"speed {float(shown)}")
    assert f"The slider is at speed {float(shown)}: {expected}." in text
    return shown
