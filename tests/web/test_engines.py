"""The engine's queues on a real server: light work never waits behind heavy work, too much work is refused before it
starts, a full queue answers 503 at once, and heavy work stops when its client leaves or its deadline passes."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import signal
import socket
import struct
import termios
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from foggyhill.core import parse_settings
from foggyhill.web import answers, costs, engines
from foggyhill.web.tools import TOOLS

SERVER_DEADLINE = 60  # not a speed check: only stops a broken server from hanging the suite
QUICK_RUN = {"landscape": "plateau", "steps": 50}  # a built-in curve, few steps: light work
HEAVY_RUN = {"formula": "sin(3*w) + w^2/5 + cos(w)^3", "start": 0.7, "steps": 10_000}  # a long formula run: heavy
BIG_FORMULA = (
    "sin(3*w)*cos(2*w) + 0.1*w^2 + sin(w)*cos(w)^2 + 0.05*cos(5*w)*sin(7*w) + sin(w/2)*cos(w/3) + 0.2*sin(w)^3 "
    "- 0.1*cos(w)^2*sin(2*w) + 0.03*w^4/(1+w^2)"
)
BIG_MAP = {"formula": BIG_FORMULA, "speeds": 200, "starts": 200, "steps": 300}  # seconds of heavy work


def ask(server, path: str, **params: object) -> tuple[int, dict]:
    """GET from a served app: the status and the JSON body, refusals included."""
    try:
        url = f"{server.url.rstrip('/')}{path}?{urlencode(params)}"
        with urllib.request.urlopen(url, timeout=SERVER_DEADLINE) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def ask_headers(server, path: str, **params: object) -> tuple[int, dict, Any]:
    """The status, the JSON body and the headers."""
    url = f"{server.url.rstrip('/')}{path}?{urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=SERVER_DEADLINE) as answer:
            return answer.status, json.load(answer), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, json.load(error), error.headers


def engine_processes(server, name: str = "foggyhill-") -> set[int]:
    """The living engine processes of a served app whose name (as `ps` shows it) starts with `name`."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if int(fields[1]) == server.process.pid and fields[0] != "Z" and comm.startswith(name):
            found.add(int(entry.name))
    return found


def cpu_ticks(pid: int) -> int:
    """User + system clock ticks a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def unread_input(pid: int) -> int:
    """Bytes waiting in the pipes a process holds, not yet read (Linux: FIONREAD on each pipe, reopened through
    /proc). A stopped engine process's work shows up here as soon as the server hands it over."""
    waiting = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            if os.readlink(fd).startswith("pipe:"):
                handle = os.open(fd, os.O_RDONLY | os.O_NONBLOCK)
                try:
                    waiting += struct.unpack("i", fcntl.ioctl(handle, termios.FIONREAD, b"\0" * 4))[0]
                finally:
                    os.close(handle)
    return waiting


def until(condition, what: str) -> None:
    """Wait for `condition()`, at most SERVER_DEADLINE: not a speed check, only a guard against hanging."""
    deadline = time.monotonic() + SERVER_DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"waited {SERVER_DEADLINE} s for {what}"
        time.sleep(0.01)


def engines_run(**params: object) -> dict:
    """The answer the engine gives for these settings, computed here in the test's own process."""
    return json.loads(answers.encode(answers.descend_data(parse_settings(params))).plain)


def send_and_leave_open(server, path: str, **params: object) -> socket.socket:
    """Send a GET on a raw connection and return it unread: closing it is the client leaving."""
    parts = urlsplit(server.url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=SERVER_DEADLINE)
    sock.sendall(f"GET {path}?{urlencode(params)} HTTP/1.1\r\nHost: {parts.hostname}\r\n\r\n".encode())
    return sock


def test_engines_are_named_and_counted(serve) -> None:
    server = serve("--port", "0")
    assert ask(server, "/api/descend", **QUICK_RUN, speed=0.01)[0] == 200
    light, heavy = os.cpu_count() or 1, max(1, (os.cpu_count() or 1) // 2)
    until(lambda: len(engine_processes(server)) == light + heavy, "every engine to start")  # each names itself
    assert len(engine_processes(server, "foggyhill-light")) == light
    assert len(engine_processes(server, "foggyhill-heavy")) == heavy


def started(server) -> None:
    """Wait until the server answers and every engine has started and named itself."""
    assert ask(server, "/api/descend", **QUICK_RUN, speed=0.01)[0] == 200
    until(lambda: engine_processes(server, "foggyhill-heavy"), "the heavy engine to start")
    until(lambda: quiet(engine_processes(server)), "the engines to finish warming up")


def quiet(pids: set[int]) -> bool:
    """Whether none of these processes used any CPU over a tenth of a second."""
    before = {pid: cpu_ticks(pid) for pid in pids}
    time.sleep(0.1)
    return all(cpu_ticks(pid) == ticks for pid, ticks in before.items())


def test_a_long_run_does_not_hold_up_a_quick_one(serve) -> None:
    server = serve("--port", "0")
    started(server)
    heavy = engine_processes(server, "foggyhill-heavy")
    for pid in heavy:
        os.kill(pid, signal.SIGSTOP)  # from here the heavy lane cannot finish anything until it is let go
    answers_: list[tuple[int, dict]] = []
    long_run = threading.Thread(target=lambda: answers_.append(ask(server, "/api/descend", **HEAVY_RUN, speed=1e-4)))
    try:
        long_run.start()
        until(lambda: any(unread_input(pid) > 0 for pid in heavy), "the long run to reach the heavy lane")
        status, body = ask(server, "/api/descend", **QUICK_RUN, speed=0.0421)  # not asked before: computed now
        assert status == 200 and body == engines_run(**QUICK_RUN, speed=0.0421)
        status, _ = ask(server, "/api/map", landscape="wavy", speeds=4, starts=4, steps=10)  # a tiny map is light
        assert status == 200
        assert answers_ == []  # answered while the long run could not have finished
    finally:
        for pid in heavy:
            os.kill(pid, signal.SIGCONT)
        long_run.join()
    ((status, body),) = answers_
    assert status == 200 and body == engines_run(**HEAVY_RUN, speed=1e-4)


def test_a_dead_engine_process_is_replaced(serve) -> None:
    server = serve("--port", "0")
    started(server)
    until(lambda: len(engine_processes(server)) == 3, "every engine to start")
    killed = engine_processes(server)
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    speeds = (0.0776, 0.0777, 0.0778)  # asked at once: every request that met a dead process is answered
    with ThreadPoolExecutor(len(speeds)) as asking:
        answered = list(asking.map(lambda speed: ask(server, "/api/descend", **QUICK_RUN, speed=speed), speeds))
    assert answered == [(200, engines_run(**QUICK_RUN, speed=speed)) for speed in speeds]
    got = ask(server, "/api/descend", **HEAVY_RUN, speed=0.0778)
    assert got == (200, engines_run(**HEAVY_RUN, speed=0.0778)), got[1].get("error")
    replaced = engine_processes(server)
    assert len(replaced) == len(killed) and not replaced & killed  # one new process for each dead one


def test_too_much_work_is_refused_before_it_starts(serve) -> None:
    server = serve("--port", "0")
    started(server)
    heavy = engine_processes(server, "foggyhill-heavy")
    used = {pid: cpu_ticks(pid) for pid in heavy}
    biggest = {"formula": BIG_FORMULA, "speeds": 500, "starts": 500, "steps": 160}  # within every field's limit
    status, body = ask(server, "/api/map", **biggest)
    assert status == 422
    error = body["error"]
    assert error["field"] == "speeds, starts or steps"
    assert "a map of 250,000 runs x 160 steps on a formula of" in error["message"]
    assert f"at most {costs.LIMIT_S:g} s for one request" in error["message"]
    assert {pid: cpu_ticks(pid) for pid in heavy} == used  # the heavy lane never saw it


def test_heavy_work_stops_when_its_client_leaves(serve) -> None:
    server = serve("--port", "0")
    started(server)
    (heavy,) = engine_processes(server, "foggyhill-heavy")
    before = cpu_ticks(heavy)
    client = send_and_leave_open(server, "/api/map", **BIG_MAP)
    until(lambda: cpu_ticks(heavy) > before + 10, "the heavy engine to start on the map")
    client.close()  # the learner closed the tab
    until(lambda: not Path(f"/proc/{heavy}").exists(), "the heavy engine to be stopped")
    until(lambda: len(engine_processes(server, "foggyhill-heavy")) == 1, "a fresh heavy engine")
    assert ask(server, "/api/descend", **HEAVY_RUN, speed=0.0779) == (200, engines_run(**HEAVY_RUN, speed=0.0779))


def test_a_full_heavy_queue_answers_503_at_once(serve) -> None:
    server = serve("--port", "0")
    started(server)
    heavy = engine_processes(server, "foggyhill-heavy")
    for pid in heavy:
        os.kill(pid, signal.SIGSTOP)
    waiting = []
    try:
        seconds = costs.map_cost(TOOLS["map"].request({k: str(v) for k, v in BIG_MAP.items()})).seconds
        fits = int(engines.HEAVY_AHEAD_S * len(heavy) // seconds)  # how many join the queue before it is full
        for k in range(max(1, fits)):
            waiting.append(send_and_leave_open(server, "/api/map", **BIG_MAP, speed_min=1e-3 + k * 1e-6))
        until(lambda: any(unread_input(pid) > 0 for pid in heavy), "the first map to reach the heavy lane")
        time.sleep(0.5)  # let the others join the queue (an answer now would be a 503 the test reads below)
        status, body, headers = ask_headers(server, "/api/map", **BIG_MAP, speed_min=0.002)
        assert status == 503
        assert "the server is busy" in body["error"]["message"] and "try again in" in body["error"]["message"]
        assert int(headers["Retry-After"]) >= 1
        assert ask(server, "/api/descend", **QUICK_RUN, speed=0.0422)[0] == 200  # light work still answered
    finally:
        for sock in waiting:
            sock.close()
        for pid in heavy:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


def in_own_loop(main: Any) -> Any:
    """`asyncio.run(main())` in a thread of its own: the browser tests' Playwright keeps a loop running in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main()).result()


def test_a_job_past_its_deadline_is_stopped() -> None:
    lane = engines.Lane("foggyhill-test", 1, 1, engines.light_room)
    job = (TOOLS["descend"].compute, None, parse_settings(HEAVY_RUN | {"steps": 10_000, "speed": 1e-9}), 1e9, "en")

    async def run() -> tuple[int, str, int]:
        lane.start()
        (engine,) = lane.idle
        with pytest.raises(engines.Busy) as refused:
            await lane.run(job, 0.0, deadline=0.05, stop_if_left=True)  # the run takes far longer than 0.05 s
        return engine.process.pid, str(refused.value), refused.value.retry_after

    try:
        pid, message, retry = in_own_loop(run)
        assert "took longer than 0 s" in message or "took longer than" in message
        assert retry >= 1
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
        assert len(lane.idle) == 1 and lane.idle[0].process.pid != pid  # a fresh engine took its place
    finally:
        lane.close()


def test_waiting_light_work_leaves_the_queue_with_its_client() -> None:
    lane = engines.Lane("foggyhill-test", 1, 1, lambda ahead, waiting, seconds: 1 if waiting >= 1 else None)
    slow = (TOOLS["descend"].compute, None, parse_settings(HEAVY_RUN | {"speed": 1e-9}), 1e9, "en")
    quick = (TOOLS["descend"].compute, None, parse_settings(QUICK_RUN | {"speed": 0.1}), 1e9, "en")

    async def run() -> None:
        lane.start()
        first = asyncio.ensure_future(lane.run(slow, 0.0, 60, stop_if_left=False))
        await asyncio.sleep(0)
        second = asyncio.ensure_future(lane.run(quick, 0.0, 60, stop_if_left=False))
        await asyncio.sleep(0)
        assert len(lane.waiting) == 1
        with pytest.raises(engines.Busy, match="the server is busy"):
            await lane.run(quick, 0.0, 60, stop_if_left=False)  # the queue holds one: a third is refused at once
        second.cancel()  # its client left while it waited
        await asyncio.sleep(0)
        assert len(lane.waiting) == 0
        assert (await first)[0] == "ok"  # light work whose client stays is answered
        assert len(lane.idle) == 1

    try:
        in_own_loop(run)
    finally:
        lane.close()
