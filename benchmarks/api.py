"""How fast `foggyhill serve` answers a class, and how light and smooth the simulation page is.

Starts the real server as the README does (`foggyhill serve`, on a free port), then from a second process:
1. a class: 300 learners on settings never asked before (the lesson page's mix of descents, landscapes and peeks),
   about a second of thought between requests: p99 and errors; then 100 learners with no thought: requests per second;
2. four maximum-size formula maps whose clients leave after a few seconds, while a learner drags the speed slider:
   the descents' p99, and how soon after the maps' clients left the server's CPU is free;
3. the slider mix of earlier sessions (100 clients, a few hundred distinct settings, the rest from the cache).
Then, with chromium, the first-load transfer size of /sim/gradient-descent and the frame rate of a Roll. Every figure
is printed with the load average beside it.

    python3 benchmarks/api.py [--clients 100] [--seconds 20] [--workers 1 2] [--only classroom]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import classroom
import live

TARGET_READY_S = 2.0
TARGET_P99_MS = 20.0
TARGET_PAGE_KB = 200.0
TARGET_FPS = 58.0
TARGET_CLASS_P99_MS = 50.0
TARGET_DISTINCT_RATE = 1000.0
TARGET_BESIDE_MAPS_P99_MS = 100.0
TARGET_CPU_FREE_S = 1.0
PAGE = "sim/gradient-descent"
PAGE_FILE = Path(__file__).resolve().parents[1] / "src/foggyhill/web/static/gradient-descent/index.html"
LANDSCAPES = ["tilted-double-well", "bowl", "wavy", "plateau", "steep-walls", "v-shape"]


def request_paths(count: int, seed: int = 1, distinct: bool = False) -> list[str]:
    """Descent requests like the page sends while a learner drags the speed slider: a few hundred distinct ones.

    `distinct`: all different instead (speed and start drawn to six digits), so no answer can be reused.
    """
    rng = random.Random(seed)
    paths = []
    for _ in range(count):
        query = {"landscape": rng.choice(LANDSCAPES), "speed": f"{rng.choice(range(1, 101)) / 100:g}", "steps": "100"}
        if distinct:
            query.update(speed=f"{rng.uniform(0.01, 1.0):.6f}", start=f"{rng.uniform(-2.5, 2.5):.6f}")
        paths.append("/api/descend?" + urlencode(query))
    return paths


# ----------------------------------------------------------------------------- the client process


async def one_client(
    host: str, port: int, paths: list[str], end: float, records: list[tuple[float, float, bool]], seen: set[str]
) -> int:
    """One keep-alive connection sending requests back to back until `end`; returns its error count.

    Each answer adds (sent at, latency, first time these settings were asked for) to `records`.
    """
    errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    k = 0
    while time.perf_counter() < end:
        path = paths[k % len(paths)]
        k += 1
        first = path not in seen
        seen.add(path)
        began = time.perf_counter()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\n\r\n".encode())
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)
        except (asyncio.IncompleteReadError, ConnectionError, StopIteration):
            errors += 1
            writer.close()
            reader, writer = await asyncio.open_connection(host, port)
            continue
        records.append((began, time.perf_counter() - began, first))
        if not head.startswith(b"HTTP/1.1 200"):
            errors += 1
    writer.close()
    return errors


async def load(url: str, clients: int, seconds: float, mix: str = "slider") -> dict[str, object]:
    """Run `clients` connections for `seconds`; the figures as a dict."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    paths = request_paths(4000) if mix == "slider" else request_paths(200_000, 2, distinct=True)
    records: list[tuple[float, float, bool]] = []
    seen: set[str] = set()
    began = time.perf_counter()
    end = began + seconds
    tasks = [one_client(host, port, paths[k::clients], end, records, seen) for k in range(clients)]
    errors = sum(await asyncio.gather(*tasks))
    elapsed = time.perf_counter() - began
    latencies = [latency for _, latency, _ in records]
    # warm-up: until the last first-time request was answered; after it every answer is a cache hit
    warm = max((sent + latency for sent, latency, first in records if first), default=began)
    steady = [latency for sent, latency, _ in records if sent > warm]
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "errors": errors,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "warm_up_s": warm - began,
        "steady_p50_ms": percentile(steady, 50),
        "steady_p99_ms": percentile(steady, 99),
        "distinct": len(seen),
    }


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile of `values` (seconds), in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))] if ordered else float("nan")


def client_main(url: str, clients: int, seconds: float, mix: str) -> None:
    """The second process: run the load and print the figures as JSON."""
    try:
        import uvloop  # the client must not be the bottleneck

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    print(json.dumps(runner(load(url, clients, seconds, mix))))


# ----------------------------------------------------------------------------- the browser


def measure_page(url: str) -> tuple[str, str]:
    """First-load transfer size of the page and the frame rate of a Roll, as printable lines."""
    if not PAGE_FILE.exists():
        return "not measured: page not built", "not measured: page not built"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = live.launch_chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(url + PAGE)
        page.wait_for_load_state("networkidle")
        total = 0
        for request in responses:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        size_kb = total / 1024
        page.get_by_role("button", name="Roll", exact=True).click()
        fps = page.evaluate(
            """() => new Promise(resolve => {
                let frames = 0; const start = performance.now();
                function tick(now) {
                    frames += 1;
                    if (now - start < 3000) requestAnimationFrame(tick);
                    else resolve(frames / ((now - start) / 1000));
                }
                requestAnimationFrame(tick);
            })"""
        )
        browser.close()
    size_line = f"{size_kb:.1f} KB in {len(responses)} requests (target < {TARGET_PAGE_KB:.0f} KB): "
    size_line += "met" if size_kb < TARGET_PAGE_KB else "MISSED"
    fps_line = f"{fps:.1f} fps (target >= {TARGET_FPS:.0f}): " + ("met" if fps >= TARGET_FPS else "MISSED")
    return size_line, fps_line


# ----------------------------------------------------------------------------- the parent


def start_server(workers: int, caches: bool = True) -> tuple[subprocess.Popen[str], str]:
    """`foggyhill serve` on a free port; the process and its URL. Prints how long it took to answer."""
    began = time.perf_counter()
    os.environ.pop("FOGGYHILL_CACHE_MB", None)
    if not caches:
        os.environ["FOGGYHILL_CACHE_MB"] = "0"  # the server's answer caches hold nothing
    server, url = live.start_server("--workers", str(workers))
    printed = time.perf_counter() - began
    while True:
        try:
            with urllib.request.urlopen(url + "api/schema", timeout=10) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.01)
    ready = time.perf_counter() - began
    verdict = "met" if ready < TARGET_READY_S else "MISSED"
    target = f"(target < {TARGET_READY_S:g} s): {verdict}" if workers == 1 else "(workers start one after another)"
    times = f"address printed after {printed:.2f} s, first answer after {ready:.2f} s"
    print(f"startup:                      {times} {target}")
    return server, url


def main() -> None:
    """Start the server, load it from a second process, measure the page, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes; one load run each")
    parser.add_argument("--caches", action="store_true", help="only measure what the answer caches are worth")
    parser.add_argument("--client", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--mix", choices=("slider", "distinct"), default="slider", help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=("classroom",), help="only the class's figures (the issue's targets)")
    parser.add_argument("--classroom-client", nargs=5, metavar="X", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.classroom_client:
        url, mode, learners, seconds, think = args.classroom_client
        classroom.client_main(url, mode, int(learners), float(seconds), float(think))
        return
    if args.client:
        client_main(args.client, args.clients, args.seconds, args.mix)
        return
    server, url = start_server(1)
    try:
        time.sleep(1.0)  # the engines import and warm up
        report_classroom(url, server.pid)
    finally:
        server.send_signal(2)
        server.wait(timeout=30)
    if args.only:
        return
    print()
    if args.caches:
        compare_caches(args)
        return
    for workers in args.workers:
        server, url = start_server(workers)
        try:
            time.sleep(1.0 if workers > 1 else 0.2)  # let the other worker processes import the app
            report_load(url, args, workers)
            if workers == args.workers[-1]:
                print()
                size_line, fps_line = measure_page(url)
                print(f"first load of /{PAGE}:  {size_line}")
                print(f"Roll frame rate:              {fps_line}")
        finally:
            server.send_signal(2)
            server.wait(timeout=30)
        print()


def compare_caches(args: argparse.Namespace) -> None:
    """Requests per second with the answer caches and without them, on the slider's repeats and on all-new settings."""
    rates: dict[tuple[bool, str], float] = {}
    for caches in (True, False):
        server, url = start_server(1, caches)
        try:
            time.sleep(0.2)
            for mix in ("slider", "distinct"):
                figures = client_figures(url, args, mix)
                rates[caches, mix] = figures["requests"] / figures["seconds"]
                print(
                    f"  caches {'on ' if caches else 'off'}, {mix:>8} settings: {rates[caches, mix]:>8,.0f} req/s, "
                    f"p99 {figures['p99_ms']:.1f} ms, {figures['distinct']} distinct, {figures['errors']} errors"
                )
        finally:
            server.send_signal(2)
            server.wait(timeout=30)
    for mix in ("slider", "distinct"):
        ratio = rates[True, mix] / rates[False, mix]
        print(
            f"{mix} settings: the caches make the server {ratio:.2f}x as fast (load average {os.getloadavg()[0]:.2f})"
        )


def classroom_figures(url: str, mode: str, learners: int, seconds: float, think: float) -> dict[str, Any]:
    """Run one class scenario in the client process; its figures."""
    command = [sys.executable, __file__, "--classroom-client", url, mode, str(learners), str(seconds), str(think)]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ, check=True)
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def met(ok: bool) -> str:
    """The verdict word beside a target."""
    return "met" if ok else "MISSED"


def load_now() -> str:
    """The load average, as printed beside every figure."""
    return f"load average {os.getloadavg()[0]:.2f}"


def report_classroom(url: str, pid: int) -> None:
    """The issue's figures for a class, against their targets."""
    print(f"A class on one machine: foggyhill serve at {url}, {os.cpu_count()} cores shared with the client")
    calm = classroom_figures(url, "class", 300, 20.0, 1.0)
    ok = calm["p99_ms"] < TARGET_CLASS_P99_MS and calm["errors"] == 0
    print(
        f"  300 learners, ~1 s of thought, distinct settings: {calm['requests']:,} requests, p50 "
        f"{calm['p50_ms']:.1f} ms, p99 {calm['p99_ms']:.1f} ms, {calm['errors']} errors {calm['wrong'] or ''}"
        f"(target p99 < {TARGET_CLASS_P99_MS:g} ms, no errors): {met(ok)} ({load_now()})"
    )
    rush = classroom_figures(url, "class", 100, 10.0, 0.0)
    ok = rush["rate"] >= TARGET_DISTINCT_RATE and rush["errors"] == 0
    print(
        f"  100 learners, no thought, distinct settings: {rush['rate']:,.0f} requests/s, p99 {rush['p99_ms']:.1f} ms, "
        f"{rush['errors']} errors (target >= {TARGET_DISTINCT_RATE:,.0f}/s): {met(ok)} ({load_now()})"
    )
    sampler = classroom.CpuSampler(pid)
    try:
        maps = classroom_figures(url, "maps", 0, 4.0, 0.0)
        time.sleep(3.0)
    finally:
        sampler.stop()
    free = sampler.free_after(maps["left_at"])
    ok = maps["p99_ms"] < TARGET_BESIDE_MAPS_P99_MS and maps["errors"] == 0
    print(f"  four maps of {maps['map']}, their clients leaving after 4 s:")
    print(
        f"    default descents beside them: {maps['requests']} requests, p50 {maps['p50_ms']:.1f} ms, p99 "
        f"{maps['p99_ms']:.1f} ms, {maps['errors']} errors (target p99 < {TARGET_BESIDE_MAPS_P99_MS:g} ms): "
        f"{met(ok)} ({load_now()})"
    )
    shown = "not within 3 s" if free is None else f"{free:.2f} s"
    ok = free is not None and free < TARGET_CPU_FREE_S
    print(f"    the server's CPU free again {shown} after the last client left (target < 1 s): {met(ok)}")


def client_figures(url: str, args: argparse.Namespace, mix: str = "slider") -> dict[str, Any]:
    """Run the client process on this mix of requests; its figures."""
    command = [
        sys.executable,
        __file__,
        "--client",
        url,
        "--clients",
        str(args.clients),
        "--seconds",
        str(args.seconds),
        "--mix",
        mix,
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ, check=True)
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def report_load(url: str, args: argparse.Namespace, workers: int) -> None:
    """Run the client process and print its figures against the targets."""
    figures = client_figures(url, args)
    rate = figures["requests"] / figures["seconds"]
    print(f"foggyhill serve --workers {workers} at {url}, on {os.cpu_count()} cores shared with the client")
    print(
        f"descent runs (100 steps each) from {args.clients} concurrent keep-alive clients "
        f"for {figures['seconds']:.1f} s; "
        f"{figures['distinct']} distinct settings (6 curves x 100 speeds): the first request for each is computed, "
        f"repeats come from the cache"
    )
    p99 = figures["p99_ms"]
    verdict = "met" if p99 < TARGET_P99_MS else "MISSED"
    print(f"requests per second:          {rate:,.0f}")
    target = f"(target p99 < {TARGET_P99_MS:g} ms): {verdict}"
    print(f"latency p50 / p99:            {figures['p50_ms']:.2f} ms / {p99:.2f} ms {target}")
    steady = f"{figures['steady_p50_ms']:.2f} ms / {figures['steady_p99_ms']:.2f} ms"
    print(f"  after the {figures['warm_up_s']:.1f} s warm-up:  {steady} (every setting computed once by then)")
    errors = figures["errors"]
    print(f"errors:                       {errors} (target 0): " + ("met" if errors == 0 else "MISSED"))


if __name__ == "__main__":
    main()
