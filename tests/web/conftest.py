"""Fixtures for the web tests: an in-process client, and a real `foggyhill serve` in a subprocess."""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import subprocess
import sys
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what we pin
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from foggyhill.web import create_app

STARTUP_DEADLINE = 30.0  # generous: only stops a broken server from hanging the suite


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """The app in this process."""
    with TestClient(create_app(), base_url="http://127.0.0.1") as test_client:
        yield test_client


class Served:
    """A `foggyhill serve` subprocess and the URL it printed."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-m", "foggyhill", "serve", *args]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            start_new_session=True,  # its own group: stop() ends --workers' children too, which hold its output open
        )
        self.first_line = self._read_line()
        found = re.search(r"https?://\S+", self.first_line)  # the address, whatever language the line is in
        self.url = found.group() if found else ""

    def _read_line(self) -> str:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], STARTUP_DEADLINE)
        return self.process.stdout.readline().rstrip("\n") if ready else ""

    def interrupt(self) -> tuple[int, str, str]:
        """Press Ctrl-C; the exit code and what was printed after the first line."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=STARTUP_DEADLINE)
        return self.process.returncode, out, err

    def stop(self) -> None:
        """Make sure the process is gone."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.communicate()


@pytest.fixture
def serve() -> Iterator[Any]:
    """Start `foggyhill serve` with the given flags; every started server is stopped afterwards."""
    started: list[Served] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Served:
        served = Served(*args, env=env)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()
