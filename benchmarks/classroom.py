"""A class on one machine, as benchmarks/api.py measures it: learners on distinct settings, and heavy maps that leave.

The client runs in its own process (`python benchmarks/api.py --classroom-client ...`) so it does not share the
server's event loop; it prints its figures as JSON.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

LANDSCAPES = ["tilted-double-well", "bowl", "wavy", "plateau", "steep-walls", "v-shape"]
WINDOWS = {"tilted-double-well": 2.2, "bowl": 3.0, "wavy": 4.0, "plateau": 4.0, "steep-walls": 2.5, "v-shape": 2.5}
# A 181-character sin/cos formula, as a learner types to see a rough curve: the heaviest kind of map per step.
HEAVY_FORMULA = (
    "sin(3*w)*cos(2*w) + 0.1*w^2 + sin(w)*cos(w)^2 + 0.05*cos(5*w)*sin(7*w) + sin(w/2)*cos(w/3) + 0.2*sin(w)^3 "
    "- 0.1*cos(w)^2*sin(2*w) + 0.03*w^4/(1+w^2) + 0.02*cos(9*w)*sin(w/5)"
)


def learner_paths(count: int, seed: int) -> list[str]:
    """The lesson page's requests on settings never asked before: mostly descents (a new speed or start), some
    landscapes and peeks (a new start on a curve)."""
    rng = random.Random(seed)
    paths = []
    for _ in range(count):
        name = rng.choice(LANDSCAPES)
        start = f"{rng.uniform(-0.9, 0.9) * WINDOWS[name]:.6f}"
        kind = rng.choices(("descend", "landscape", "peek"), (8, 1, 1))[0]
        query = {"landscape": name, "start": start}
        if kind == "descend":
            query |= {"speed": f"{rng.uniform(0.01, 1.0):.6f}", "steps": "100"}
        paths.append(f"/api/{kind}?" + urlencode(query))
    return paths


def biggest_heavy_map() -> dict[str, Any]:
    """The largest square-ish map on HEAVY_FORMULA the server still accepts (its estimate just under the limit)."""
    from foggyhill.web import costs
    from foggyhill.web.tools import TOOLS

    size = 500
    while True:
        values = {"formula": HEAVY_FORMULA, "speeds": size, "starts": size, "steps": 160}
        cost = costs.map_cost(TOOLS["map"].request({k: str(v) for k, v in values.items()}))
        if cost.seconds <= costs.LIMIT_S:
            return values | {"estimate_s": cost.seconds}
        size -= 10


def ask(writer: asyncio.StreamWriter, host: str, path: str) -> None:
    """Send one GET on a keep-alive connection, as the page's fetch does (gzip accepted)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\n\r\n".encode())


async def read_answer(reader: asyncio.StreamReader) -> int:
    """Read one whole answer from a keep-alive connection; its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = next(int(line.split(b":", 1)[1]) for line in lines if line.lower().startswith(b"content-length:"))
    await reader.readexactly(length)
    return int(head[9:12])


async def learner(host: str, port: int, paths: list[str], end: float, think: float, seed: int) -> list[Any]:
    """One learner's keep-alive connection: a request, `think` seconds on average to look at it, the next one.
    Returns (latency, status, sent at) for each request."""
    rng = random.Random(seed)
    records: list[Any] = []
    await asyncio.sleep(rng.uniform(0, think))  # learners do not all click at the same instant
    reader, writer = await asyncio.open_connection(host, port)
    for path in paths:
        if time.perf_counter() >= end:
            break
        began = time.perf_counter()
        ask(writer, host, path)
        try:
            status = await read_answer(reader)
        except (asyncio.IncompleteReadError, ConnectionError):
            # the server closed a connection left idle: as browsers do, ask again once on a new one
            writer.close()
            reader, writer = await asyncio.open_connection(host, port)
            ask(writer, host, path)
            try:
                status = await read_answer(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                status = 0
        records.append((time.perf_counter() - began, status, began))
        if think:
            await asyncio.sleep(rng.expovariate(1 / think))
    writer.close()
    return records


async def classroom(url: str, learners: int, seconds: float, think: float, seed: int = 7) -> dict[str, Any]:
    """`learners` at once for `seconds`; latency percentiles, rate, errors."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    per = int(seconds * (1 / think if think else 40)) + 10  # with no thought: room for 4,000 requests/s
    paths = learner_paths(learners * per, seed)
    began = time.perf_counter()
    end = began + seconds
    tasks = [learner(host, port, paths[k * per : (k + 1) * per], end, think, seed + k) for k in range(learners)]
    records = [r for done in await asyncio.gather(*tasks) for r in done]
    elapsed = time.perf_counter() - began
    latencies = sorted(latency for latency, _, _ in records)
    errors = sum(1 for _, status, _ in records if status != 200)
    wrong = sorted({status for _, status, _ in records if status != 200})
    slow = sorted((round(sent - began, 1), round(1000 * latency)) for latency, _, sent in records if latency > 0.05)
    return {
        "slow": slow[:40],
        "wrong": {str(status): sum(1 for _, s, _ in records if s == status) for status in wrong},
        "requests": len(records),
        "rate": len(records) / elapsed,
        "errors": errors,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


async def while_maps_leave(url: str, maps: int, leave_after: float) -> dict[str, Any]:
    """`maps` maximum-size heavy maps whose clients leave after `leave_after` s, while one learner asks for default
    descents (each at a new speed, about 50 a second) until then; its latencies, and when the maps' clients left."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    biggest = biggest_heavy_map()
    query = {k: v for k, v in biggest.items() if k != "estimate_s"}
    socks = []
    for k in range(maps):
        sock = socket.create_connection((host, port))
        path = "/api/map?" + urlencode(query | {"speed_min": f"{0.001 + k * 1e-5:.5f}"})
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        socks.append(sock)
    rng = random.Random(3)
    descents = ["/api/descend?" + urlencode({"speed": f"{rng.uniform(0.05, 0.9):.6f}"}) for _ in range(100_000)]
    latencies: list[float] = []
    statuses: list[int] = []
    left_at = None
    reader, writer = await asyncio.open_connection(host, port)
    began = time.perf_counter()
    for path in descents:
        now = time.perf_counter()
        if now - began >= leave_after:
            for sock in socks:
                sock.close()  # the learners closed their tabs; nothing else asks from here
            left_at = time.time()
            break
        ask(writer, host, path)
        statuses.append(await read_answer(reader))
        latencies.append(time.perf_counter() - now)
        await asyncio.sleep(0.02)  # a learner dragging the speed slider: about 50 requests a second
    writer.close()
    latencies.sort()
    return {
        "map": f"{query['speeds']} x {query['starts']} x {query['steps']} on a {len(HEAVY_FORMULA)}-character formula "
        f"(estimated {biggest['estimate_s']:.1f} s each)",
        "requests": len(latencies),
        "errors": sum(1 for s in statuses if s != 200),
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "left_at": left_at,
    }


def process_tree(root: int) -> list[int]:
    """The server and its children (the engines), from /proc."""
    pids = [root]
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == root:
                pids.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


def tree_ticks(root: int) -> int:
    """CPU clock ticks used so far by the server and its living children."""
    total = 0
    for pid in process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return total


class CpuSampler:
    """The server tree's CPU ticks sampled every `every` seconds in a thread of the parent, to say afterwards when
    the server fell quiet."""

    def __init__(self, root: int, every: float = 0.05) -> None:
        self.root, self.every = root, every
        self.samples: list[tuple[float, int]] = []
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while self.running:
            self.samples.append((time.time(), tree_ticks(self.root)))
            time.sleep(self.every)

    def stop(self) -> None:
        """Stop sampling."""
        self.running = False
        self.thread.join()

    def free_after(self, left_at: float, window: float = 0.2) -> float | None:
        """Seconds from `left_at` until the server used under a tenth of a core over `window` (None: never)."""
        hz = os.sysconf("SC_CLK_TCK")
        later = [(t, ticks) for t, ticks in self.samples if t >= left_at]
        for k, (t, ticks) in enumerate(later):
            ahead = next(((t2, x2) for t2, x2 in later[k:] if t2 - t >= window), None)
            if ahead and (ahead[1] - ticks) / hz / (ahead[0] - t) < 0.1:
                return t - left_at
        return None


def client_main(url: str, mode: str, learners: int, seconds: float, think: float) -> None:
    """The client process: one scenario, its figures printed as JSON."""
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    if mode == "maps":
        figures = runner(while_maps_leave(url, maps=4, leave_after=seconds))
    else:
        figures = runner(classroom(url, learners, seconds, think))
    print(json.dumps(figures))
