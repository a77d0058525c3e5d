"""Time to the first drawn learning-rate map in a real browser.

Starts `foggyhill serve` on a free port, opens /sim/learning-rate-map in chromium and waits for the outcome map's
canvas to be drawn (its `data-drawn` attribute and the `map-drawn` performance mark, set right after the first draw).
Reports the time from navigation to that mark on a fresh server (the map is swept for the request) and on a reload
(the server answers from its cache), the size of /api/map on the wire, and the map's own sweep time in the server.

    python3 benchmarks/map_browser.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
import urllib.request
from typing import Any

from live import launch_chromium, start_server

PAGE = "/sim/learning-rate-map"
TARGET_MS = 1000.0  # "fast enough to feel instant" for a whole page with its map


def map_drawn_ms(page: Any, url: str) -> float:
    """Navigate to the page and return the milliseconds from navigation start to the first drawn map."""
    page.goto(url)
    page.wait_for_selector("[data-map][data-drawn]", timeout=120_000)
    return float(page.evaluate("() => performance.getEntriesByName('map-drawn')[0].startTime"))


def wire_size(url: str) -> int:
    """Bytes of the default map's answer, gzip-compressed as the browser receives it."""
    request = urllib.request.Request(f"{url}/api/map", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as answer:
        return len(answer.read())


def first_drawn_map(runs: int = 3) -> dict[str, float]:
    """Start a server and chromium; the cold and warm times to the first drawn map (ms) and the map's wire size."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, float] = {}
    server, url = start_server()
    url = url.rstrip("/")
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            figures["cold_ms"] = map_drawn_ms(page, f"{url}{PAGE}")
            warm = [map_drawn_ms(page, f"{url}{PAGE}") for _ in range(runs)]
            figures["warm_ms"] = statistics.median(warm)
            start = time.perf_counter()
            other = f"{url}/api/map?landscape=wavy&steps=300"
            urllib.request.urlopen(other).read()
            figures["sweep_ms"] = (time.perf_counter() - start) * 1000
            browser.close()
        figures["wire_kb"] = wire_size(url) / 1024
    finally:
        server.terminate()
        server.wait(timeout=30)
    return figures


def print_first_drawn_map(runs: int = 3) -> None:
    """Print the time to the first drawn map in chromium (used by benchmarks/sweep.py too)."""
    print(f"\n4. the learning-rate map in the browser ({PAGE}, 200 x 160 runs x 200 steps, chromium)")
    f = first_drawn_map(runs)
    met = "met" if f["cold_ms"] < TARGET_MS else "NOT met"
    print(f"  first drawn map on a fresh server: {f['cold_ms']:.0f} ms (target < {TARGET_MS:.0f} ms: {met})")
    print(f"  on a reload (answer cached): {f['warm_ms']:.0f} ms (median of {runs})")
    print(f"  another map (wavy, 300 steps) from the API: {f['sweep_ms']:.0f} ms; default map on the wire: "
          f"{f['wire_kb']:.1f} kB gzipped")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="reloads to time after the first load")
    print_first_drawn_map(parser.parse_args().runs)
