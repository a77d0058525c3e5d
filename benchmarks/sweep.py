"""The sweep against plain numpy and a plain Python loop, the learning-rate map and the bifurcation diagram, in one run.

Every engine does the same work per lane: plain descent on the default curve (tilted double well) from its start at
its speed, the check for flying off, and what the verdict needs (which dips it sat near, the tail's moves and swing
sizes), judged at the end. Speeds are log-spaced 0.001..2 and starts spread across the curve's window.

1. One million lanes x 200 steps: our sweep (numba; its compile time on its own line; also its numpy fallback),
   plain numpy written the obvious way (whole arrays, one step at a time), and a plain Python loop over floats.
   The Python loop runs a subset (every 100th lane: 10,000 lanes across all speeds and starts) and its verdicts
   are checked against the sweep's for those lanes.
2. The learning-rate map (issue 6): 1000 x 1000 lanes x 500 steps through the sweep; numpy and Python rates come
   from subsets (100,000 and 2,000 lanes, every 10th and 500th).
3. The bifurcation diagram: 2,000 speeds, 500 burn-in steps and 64 kept.

Updates are counted as lanes x steps; a lane that flies off stops early in every engine but whole-array numpy, which
keeps carrying it. Wall time is what a learner waits; CPU time (all threads) is also shown, as the machine is shared.

    python3 benchmarks/sweep.py
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from foggyhill.core import TOLERANCE, VERDICT_KINDS, get_landscape
from foggyhill.core.stability import dip_limits, settles_later
from foggyhill.core.sweep import bifurcation, sweep
from foggyhill.core.verdicts import tail_length

LAND = get_landscape("tilted-double-well")
MINIMA = [(m.w, m.is_global) for m in LAND.minima]
# what the swing rules read: the dips, the hilltops, each dip's limit for plain steps and its curvature
DIPS = (np.array([m.w for m in LAND.minima]), np.array([m.w for m in LAND.maxima]), dip_limits("plain", LAND.minima))
SPEEDS = np.geomspace(0.001, 2.0, 1000)
STARTS = np.linspace(*LAND.window, 1000)
LANES = SPEEDS.size * STARTS.size
TARGET_LOOP_RATIO, TARGET_MAP_RATE, TARGET_DIAGRAM = 100.0, 250e6, 0.5
T = TypeVar("T")


class Bar:
    """A progress bar on stderr for phases that take a while; drawn only on a terminal, since a piped or logged
    stderr would keep every redraw."""

    def __init__(self, label: str) -> None:
        self.label, self.shown = label, False
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.live:
            return
        filled = int(30 * done / total)
        sys.stderr.write(f"\r  {self.label:<28} [{'#' * filled}{'.' * (30 - filled)}] {100 * done / total:3.0f}%")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the bar's line."""
        if self.shown:
            sys.stderr.write("\r" + " " * 72 + "\r")


def timed(fn: Callable[[], T]) -> tuple[float, float, T]:
    """(wall seconds, CPU seconds, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def python_lane(speed: float, w: float, steps: int) -> str:
    """One lane in pure Python floats: descent, flying off, and judge's rules as the run goes."""
    tail = tail_length(steps)
    s0, mid = steps - tail, steps - tail + (tail + 1) // 2
    last_far = [-1 if abs(w - m) <= TOLERANCE else 0 for m, _ in MINIMA]
    rising = falling = still = True
    early, late = [w] if s0 == 0 else [], []
    for t in range(1, steps + 1):
        prev = w
        w = w - speed * (w * w * w - 1.2 * w - 0.4)
        if not abs(w) <= 1e6:
            return "diverged"
        if t > s0:
            rising, falling, still = rising and w > prev, falling and w < prev, still and abs(w - prev) < 1e-12
        for j, (m, _) in enumerate(MINIMA):
            if abs(w - m) > TOLERANCE:
                last_far[j] = t
        if s0 <= t <= mid:
            early.append(w)
        if t >= mid:
            late.append(w)
    for j, (_, is_global) in enumerate(MINIMA):
        if last_far[j] < steps - 1:  # settling is staying near the bottom two steps at least
            return "converged-global" if is_global else "stuck-local"
    if rising or falling or still:
        return "crawling"
    low, high, window = min(early + late), max(early + late), mid - s0
    swing = (max(early) - min(early), max(late) - min(late))
    return "crawling" if settles_later(low, high, *swing, window, speed, *DIPS, 0) else "oscillating"


def python_loop(lanes: np.ndarray, steps: int) -> list[str]:
    """The Python loop over the given lane numbers (speed-major, as the sweep numbers them)."""
    bar, kinds = Bar(f"Python loop, {lanes.size:,} lanes"), []
    for n, lane in enumerate(lanes):
        kinds.append(python_lane(float(SPEEDS[lane // STARTS.size]), float(STARTS[lane % STARTS.size]), steps))
        if n % 500 == 0:
            bar(n, lanes.size)
    bar.close()
    return kinds


def obvious_numpy(lanes: np.ndarray, steps: int) -> np.ndarray:
    """Plain numpy, whole arrays, one step at a time: the same work as the Python loop on every lane at once."""
    speed, w = SPEEDS[lanes // STARTS.size], STARTS[lanes % STARTS.size].copy()
    tail = tail_length(steps)
    s0, mid = steps - tail, steps - tail + (tail + 1) // 2
    minima = np.array([m for m, _ in MINIMA])
    last_far = np.where(np.abs(w - minima[:, None]) > TOLERANCE, 0, -1)
    flew = np.zeros(w.size, dtype=bool)
    rising, falling, still = (np.ones(w.size, dtype=bool) for _ in range(3))
    lo, hi = np.full((2, w.size), np.inf), np.full((2, w.size), -np.inf)
    bar = Bar(f"numpy, {lanes.size:,} lanes")
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            prev = w
            w = np.where(flew, w, w - speed * LAND.slope(w))
            flew |= ~(np.abs(w) <= 1e6)
            change = w - prev
            if t > s0:
                rising, falling, still = rising & (change > 0), falling & (change < 0), still & (abs(change) < 1e-12)
            last_far = np.where(np.abs(w - minima[:, None]) > TOLERANCE, t, last_far)
            for half, inside in enumerate((s0 <= t <= mid, t >= mid)):
                if inside:
                    lo[half], hi[half] = np.minimum(lo[half], w), np.maximum(hi[half], w)
            bar(t, steps)
    bar.close()
    kind = np.where(rising | falling | still, 2, 3)
    swinging = np.flatnonzero((kind == 3) & ~flew)  # the swing rules read each lane's dip: a loop, on these only
    low, high, early, late = lo.min(0), hi.max(0), hi[0] - lo[0], hi[1] - lo[1]
    for g in swinging:
        kind[g] = 2 if settles_later(low[g], high[g], early[g], late[g], mid - s0, speed[g], *DIPS, 0) else 3
    for j in reversed(range(minima.size)):  # the first dip in judge's order wins
        kind = np.where(last_far[j] < steps - 1, 0 if MINIMA[j][1] else 1, kind)
    return np.where(flew, 4, kind)


def row(label: str, updates: float, wall: float, cpu: float, note: str = "") -> float:
    """Print one engine's line; return its updates per second of wall time."""
    rate = updates / wall
    print(f"  {label:<34} {updates:>13,.0f} {wall:>9.2f} s {cpu:>8.2f} s {rate / 1e6:>11.1f} M/s  {note}")
    return rate


def header(title: str) -> None:
    print(f"\n{title}")
    print(f"  {'engine':<34} {'updates':>13} {'wall':>11} {'CPU':>10} {'updates/s':>15}")


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def million_lanes() -> None:
    steps = 200
    header(f"1. {LANES:,} lanes x {steps} steps on the default curve")
    compile_wall, _, _ = timed(lambda: sweep(LAND, [0.1], [0.0], 2))
    print(f"  {'our sweep: compiling (once per curve)':<34} {'':>13} {compile_wall:>9.2f} s")
    bar = Bar("our sweep")
    wall, cpu, result = timed(lambda: sweep(LAND, SPEEDS, STARTS, steps, progress=bar))
    bar.close()
    ours = row("our sweep (numba, parallel)", LANES * steps, wall, cpu)
    bar = Bar("our sweep, numpy fallback")
    wall, cpu, _ = timed(lambda: sweep(LAND, SPEEDS, STARTS, steps, engine="numpy", progress=bar))
    bar.close()
    fallback = row("our sweep (numpy fallback, blocks)", LANES * steps, wall, cpu)
    wall, cpu, numpy_kinds = timed(lambda: obvious_numpy(np.arange(LANES), steps))
    numpy_rate = row("plain numpy, whole arrays", LANES * steps, wall, cpu)
    subset = np.arange(0, LANES, 100)
    wall, cpu, loop_kinds = timed(lambda: python_loop(subset, steps))
    loop_rate = row("plain Python loop (10,000 lanes)", subset.size * steps, wall, cpu)
    kinds = result.kinds.ravel()
    same_numpy = np.mean(np.asarray(numpy_kinds) == kinds)
    same_loop = np.mean(np.array([VERDICT_KINDS.index(x) for x in loop_kinds]) == kinds[subset])
    print(f"  verdicts that agree with the sweep: numpy {100 * same_numpy:.3f}%, Python loop {100 * same_loop:.3f}%")
    ratio = ours / loop_rate
    print(f"  sweep / Python loop: {ratio:,.0f}x (target >= {TARGET_LOOP_RATIO:.0f}x: {verdict(ratio >= 100)})")
    print(
        f"  sweep / plain numpy: {ours / numpy_rate:,.1f}x;  numpy fallback / plain numpy: "
        f"{fallback / numpy_rate:,.1f}x"
    )


def learning_rate_map() -> None:
    steps = 500
    header(f"2. the learning-rate map: 1000 x 1000 lanes x {steps} steps")
    bar = Bar("our sweep")
    wall, cpu_ours, result = timed(lambda: sweep(LAND, SPEEDS, STARTS, steps, progress=bar))
    bar.close()
    ours = row("our sweep (numba, parallel)", LANES * steps, wall, cpu_ours)
    wall, cpu, _ = timed(lambda: obvious_numpy(np.arange(0, LANES, 10), steps))
    numpy_rate = row("plain numpy (100,000 lanes)", LANES // 10 * steps, wall, cpu)
    wall, cpu, _ = timed(lambda: python_loop(np.arange(0, LANES, 500), steps))
    loop_rate = row("plain Python loop (2,000 lanes)", LANES // 500 * steps, wall, cpu)
    print("  verdicts: " + ", ".join(f"{kind} {n:,}" for kind, n in result.counts().items()))
    print(
        f"  sweep: {ours / 1e6:,.0f} M updates/s, the map in {LANES * steps / ours:.2f} s (target >= "
        f"{TARGET_MAP_RATE / 1e6:.0f} M on two cores: {verdict(ours >= TARGET_MAP_RATE)}); "
        f"{ours / numpy_rate:,.0f}x numpy, {ours / loop_rate:,.0f}x Python"
    )
    print(f"  per core, by CPU time: {LANES * steps / cpu_ours / 1e6:,.0f} M updates/s")


def diagram() -> None:
    speeds = np.linspace(0.001, 2.0, 2000)
    print("\n3. the bifurcation diagram: 2,000 speeds, 500 burn-in steps, 64 points each")
    compile_wall, _, _ = timed(lambda: bifurcation(LAND, [0.1], burn_in=1, keep=1))
    wall, cpu, points = timed(lambda: bifurcation(LAND, speeds))
    fallback, _, _ = timed(lambda: bifurcation(LAND, speeds, engine="numpy"))
    print(f"  compiling: {compile_wall:.2f} s; numba: {wall:.3f} s wall ({cpu:.3f} s CPU); numpy: {fallback:.3f} s")
    flown = int(np.isnan(points).all(axis=1).sum())
    print(f"  {flown} of 2,000 speeds flew off; target < {TARGET_DIAGRAM} s: {verdict(wall < TARGET_DIAGRAM)}")


if __name__ == "__main__":
    import numba

    print(f"foggyhill sweep benchmark: {LAND.name}, loss(w) = {LAND.formula}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{os.cpu_count()} cores, numba {numba.__version__} with {numba.get_num_threads()} threads; load average {load}"
    )
    million_lanes()
    learning_rate_map()
    diagram()
    from map_browser import print_first_drawn_map  # benchmarks/map_browser.py: the map drawn in chromium

    print_first_drawn_map()
