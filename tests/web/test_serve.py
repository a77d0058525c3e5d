"""`foggyhill serve` as a user runs it: a real uvicorn server in a subprocess."""

from __future__ import annotations

import json
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from foggyhill.cli import main


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def left_behind(pids: set[int]) -> list[int]:
    """The processes of `pids` still running once they have had time to finish exiting."""
    deadline = time.monotonic() + 20  # not a speed check: helpers exit just after the server
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(pid for pid in pids if alive(pid))


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_serve_prints_its_address_answers_and_stops_on_ctrl_c(serve) -> None:
    server = serve("--port", "0")
    assert server.first_line.startswith("foggyhill is running at http://127.0.0.1:")  # loopback unless told
    assert server.first_line.endswith("/  (Ctrl-C to stop)")
    status, headers, body = fetch(server.url + "api/descend?start=-2&speed=0.46&steps=1")
    assert status == 200 and json.loads(body)["steps"][1]["w"] == pytest.approx(0.76)
    status, headers, body = fetch(server.url)
    assert status == 200 and b"All simulations" in body
    assert headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'self'"
    helpers = descendants(server.process.pid)
    code, out, err = server.interrupt()
    assert code == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert out.strip() == "foggyhill stopped"
    assert helpers and left_behind(helpers) == []  # the engine's worker processes stop too


def test_serve_stops_on_sigterm(serve) -> None:
    server = serve("--port", "0")
    server.process.send_signal(signal.SIGTERM)
    out, err = server.process.communicate(timeout=30)
    assert server.process.returncode == 0 and out.strip() == "foggyhill stopped" and "Traceback" not in err


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "foggyhill", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"foggyhill: port {port} is already in use on 127.0.0.1: stop the other server or pick --port"
    ]
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--port", "99999"], "port must be a whole number from 0 to 65535 (got '99999')"),
        (["--port", "eighty"], "port must be a whole number from 0 to 65535 (got 'eighty')"),
        (["--workers", "0"], "workers must be a whole number from 1 to 16 (got '0')"),
        (["--host", "no.such.host.invalid", "--port", "0"], "cannot listen on host 'no.such.host.invalid'"),
    ],
)
def test_bad_flags_are_one_line_and_exit_2(capsys, flags: list[str], words: str) -> None:
    assert main(["serve", *flags]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_open_hands_the_address_to_the_browser(serve, tmp_path) -> None:
    seen = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {seen}.part && mv {seen}.part {seen}\n')  # appears whole
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    server = serve("--port", "0", "--open", env={"BROWSER": f"{browser} %s"})
    deadline = time.monotonic() + 30  # not a speed check: only how long to wait before giving up
    while not seen.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen.read_text().strip() == server.url
    assert server.interrupt()[0] == 0


def test_serve_can_run_several_workers_and_stops_them_all(serve) -> None:
    server = serve("--port", "0", "--workers", "2")
    status, _, body = fetch(server.url + "api/peek?landscape=bowl")
    assert status == 200 and json.loads(body)["landscape"] == "bowl"
    helpers = descendants(server.process.pid)
    code, _, err = server.interrupt()
    assert code == 0 and "Traceback" not in err
    assert len(helpers) >= 2 and left_behind(helpers) == []
