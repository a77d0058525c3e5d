"""foggyhill in JupyterLab: a real `jupyter lab` on loopback, the example notebook run in Debian's chromium, the
widget's Speed slider moved by hand, and the kernel seeing the new speed."""

from __future__ import annotations

import json
import os
import secrets
import shutil
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
KERNEL_SECONDS = 90


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


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterLab]:
    """JupyterLab serving a copy of the example notebook (light settings, so it runs in seconds)."""
    folder = tmp_path_factory.mktemp("lab")
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    server = JupyterLab(folder)
    try:
        server.start()
        yield server
    finally:
        server.stop()
