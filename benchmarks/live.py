"""The real server and Debian's chromium, started the same way by every benchmark that drives them."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright: Any) -> Any:
    """Headless chromium from a running Playwright, kept off the network and free of first-run chores."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def start_server(*options: str) -> tuple[subprocess.Popen[str], str]:
    """`foggyhill serve` on a free port with any extra options: the process and the URL it printed."""
    command = [sys.executable, "-m", "foggyhill", "serve", "--port", "0", *options]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert server.stdout is not None
    line = server.stdout.readline()
    if "running at" not in line:
        server.kill()
        raise SystemExit(f"the server did not start: {line!r} {server.stderr.read() if server.stderr else ''}")
    return server, line.split("running at ", 1)[1].split()[0]
