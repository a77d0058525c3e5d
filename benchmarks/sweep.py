"""The sweep against a C loop, plain numpy and a plain Python loop, the learning-rate map and the bifurcation diagram.

Every engine does the same work per lane: plain descent on the default curve (tilted double well) from its start at
its speed, the check for flying off, and what the verdict needs (which dips it sat near, the tail's moves and swing
sizes), judged at the end. Speeds are log-spaced 0.001..2 and starts spread across the curve's window.

1. One million lanes x 200 steps: our sweep (numba; also its numpy fallback), the C loop of sweep_lanes.c (the
   same lanes and judge in C with OpenMP threads and SIMD, compiled in this run by the machine's compiler: skipped,
   with the reason, where there is none), plain numpy written the obvious way (whole arrays, one step at a time), and
   a plain Python loop over floats. The Python loop runs a subset (every 100th lane: 10,000 lanes across all speeds
   and starts). Every baseline's verdicts are checked against the sweep's (the C loop's on every lane, with their
   deciding steps, and for momentum and Nesterov too).
2. The learning-rate map (issue 6): 1000 x 1000 lanes x 500 steps through the sweep and the C loop; numpy and Python
   rates come from subsets (100,000 and 2,000 lanes, every 10th and 500th).
3. The bifurcation diagram: 2,000 speeds, 500 burn-in steps and 64 kept.

The sweep and the C loop are timed in turn, REPEATS times each, since the machine may be shared: the figures are
the medians, each run's ratio is printed, and so are the load average before each measurement and what explains
figures from one machine to another: the CPU and its widest vectors (gcc keeps to 256-bit vectors on most AVX-512
chips unless asked, and numba's compiler does too, hence the C loop's two builds), the cores, numba's threading
layer (omp where the system has libgomp, tbb where the tbb package is installed, else its own workqueue) and
threads, and the compiler and its OpenMP threads. Other work on shared cores moves wall times most; the ratio by
CPU time moves less.

Updates are counted as lanes x steps; a lane that flies off stops early in every engine but whole-array numpy, which
keeps carrying it. Wall time is what a learner waits; CPU time (all threads) is also shown, as the machine is shared.

    python3 benchmarks/sweep.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from sweep_c import CLanes, build, compiler, scratch  # benchmarks/sweep_c.py: the C baseline

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
TARGET_C_SHARE = 0.4  # issue 13: the compiled sweep at least 40% of the C loop's updates per second
REPEATS = 5
MOMENTUM_GRID = (np.geomspace(0.001, 0.6, 300), np.linspace(*LAND.window, 300))  # where momentum lanes stay calm
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


def load() -> str:
    """The load average (1, 5, 15 minutes), as printed beside each measurement."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def alternate(engines: dict[str, Callable[[], object]]) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each engine's REPEATS runs, the engines taking turns so that noise falls on all alike."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in engines}
    for _ in range(REPEATS):
        for name, fn in engines.items():
            wall, cpu, _ = timed(fn)
            times[name].append((wall, cpu))
    return times


def median_row(label: str, updates: float, runs: list[tuple[float, float]]) -> float:
    """Print an engine's line from the median of its runs (its spread as a note); return its median rate."""
    wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
    rates = sorted(updates / w / 1e6 for w, _ in runs)
    return row(label, updates, wall, cpu, f"runs {' '.join(f'{r:,.0f}' for r in rates)} M/s")


def against_c(updates: float, times: dict[str, list[tuple[float, float]]], c_lanes: list[CLanes]) -> None:
    """Print the sweep's share of the fastest C build's rate, run by run (each pair timed back to back)."""
    if not c_lanes:
        return
    best = min(c_lanes, key=lambda c: statistics.median(w for w, _ in times[c.label]))
    shares = [c_wall / ours_wall for (ours_wall, _), (c_wall, _) in zip(times["ours"], times[best.label], strict=True)]
    share = statistics.median(shares)
    # CPU time counts only the time each engine ran, so it moves less than wall time when others share the cores
    by_cpu = statistics.median(c for _, c in times[best.label]) / statistics.median(c for _, c in times["ours"])
    print(
        f"  sweep / {best.label}: {share:.2f} (runs {' '.join(f'{x:.2f}' for x in shares)}; "
        f"target >= {TARGET_C_SHARE:.2f}: {verdict(share >= TARGET_C_SHARE)}); by CPU time {by_cpu:.2f}"
    )


def c_agreement(result_kinds: np.ndarray, result_steps: np.ndarray, c_out: tuple[np.ndarray, ...]) -> str:
    """How many of the C loop's verdicts, and of its deciding steps, are the sweep's."""
    same_kind, same_step = np.mean(c_out[0] == result_kinds), np.mean(c_out[1] == result_steps)
    return f"C loop {100 * same_kind:.3f}% (deciding steps {100 * same_step:.3f}%)"


def million_lanes(c_lanes: list[CLanes]) -> None:
    steps = 200
    header(f"1. {LANES:,} lanes x {steps} steps on the default curve (load before: {load()})")
    result = sweep(LAND, SPEEDS, STARTS, steps)
    engines: dict[str, Callable[[], object]] = {"ours": lambda: sweep(LAND, SPEEDS, STARTS, steps)}
    engines.update({c.label: (lambda c=c: c.run(SPEEDS, STARTS, steps)) for c in c_lanes})
    times = alternate(engines)
    ours = median_row("our sweep (numba, parallel)", LANES * steps, times["ours"])
    for c in c_lanes:
        median_row(c.label, LANES * steps, times[c.label])
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
    agree = [f"numpy {100 * same_numpy:.3f}%", f"Python loop {100 * same_loop:.3f}%"]
    agree += [c_agreement(kinds, result.steps.ravel(), c_lanes[0].run(SPEEDS, STARTS, steps))] if c_lanes else []
    print(f"  verdicts that agree with the sweep: {', '.join(agree)}")
    for optimizer in ("momentum", "nesterov") if c_lanes else ():
        other = sweep(LAND, *MOMENTUM_GRID, steps, optimizer=optimizer)
        same = c_agreement(other.kinds.ravel(), other.steps.ravel(), c_lanes[0].run(*MOMENTUM_GRID, steps, optimizer))
        print(f"  {optimizer}, 300 x 300 lanes: {same}")
    against_c(LANES * steps, times, c_lanes)
    ratio = ours / loop_rate
    print(f"  sweep / Python loop: {ratio:,.0f}x (target >= {TARGET_LOOP_RATIO:.0f}x: {verdict(ratio >= 100)})")
    print(
        f"  sweep / plain numpy: {ours / numpy_rate:,.1f}x;  numpy fallback / plain numpy: "
        f"{fallback / numpy_rate:,.1f}x"
    )


def learning_rate_map(c_lanes: list[CLanes]) -> None:
    steps = 500
    header(f"2. the learning-rate map: 1000 x 1000 lanes x {steps} steps (load before: {load()})")
    result = sweep(LAND, SPEEDS, STARTS, steps)
    engines: dict[str, Callable[[], object]] = {"ours": lambda: sweep(LAND, SPEEDS, STARTS, steps)}
    engines.update({c.label: (lambda c=c: c.run(SPEEDS, STARTS, steps)) for c in c_lanes})
    times = alternate(engines)
    ours = median_row("our sweep (numba, parallel)", LANES * steps, times["ours"])
    for c in c_lanes:
        median_row(c.label, LANES * steps, times[c.label])
    wall, cpu, _ = timed(lambda: obvious_numpy(np.arange(0, LANES, 10), steps))
    numpy_rate = row("plain numpy (100,000 lanes)", LANES // 10 * steps, wall, cpu)
    wall, cpu, _ = timed(lambda: python_loop(np.arange(0, LANES, 500), steps))
    loop_rate = row("plain Python loop (2,000 lanes)", LANES // 500 * steps, wall, cpu)
    print("  verdicts: " + ", ".join(f"{kind} {n:,}" for kind, n in result.counts().items()))
    if c_lanes:
        agree = c_agreement(result.kinds.ravel(), result.steps.ravel(), c_lanes[0].run(SPEEDS, STARTS, steps))
        print(f"  verdicts that agree with the sweep: {agree}")
    against_c(LANES * steps, times, c_lanes)
    print(
        f"  sweep: {ours / 1e6:,.0f} M updates/s, the map in {LANES * steps / ours:.2f} s (target >= "
        f"{TARGET_MAP_RATE / 1e6:.0f} M on two cores: {verdict(ours >= TARGET_MAP_RATE)}); "
        f"{ours / numpy_rate:,.0f}x numpy, {ours / loop_rate:,.0f}x Python"
    )
    cpu_ours = statistics.median(c for _, c in times["ours"])
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


def cpu_facts() -> str:
    """The CPU model and its widest vectors, from /proc/cpuinfo (where there is one)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return "CPU model unknown (no /proc/cpuinfo)"
    model = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")), "?")
    flags = next((line.split(":", 1)[1].split() for line in info.splitlines() if line.startswith("flags")), [])
    vectors = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE or other"
    return f"{model}, {vectors} vectors"


def machine(c_lanes: list[CLanes], why_no_c: str) -> None:
    """What explains figures from one machine to another, printed once the sweep has run in parallel."""
    import numba

    print(f"  machine: {cpu_facts()}; os.cpu_count() {os.cpu_count()}; load average {load()}")
    asked = os.environ.get("NUMBA_THREADING_LAYER", "default")
    print(
        f"  numba {numba.__version__}: threading layer {numba.threading_layer()} (asked: {asked}), "
        f"{numba.get_num_threads()} threads"
    )
    if c_lanes:
        cc = str(compiler())
        version = subprocess.run([cc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        builds = ", ".join(c.label for c in c_lanes)
        print(f"  C: {cc} ({version}), {c_lanes[0].threads()} OpenMP threads; builds: {builds}")
    if why_no_c:
        print(f"  C loop {'partly ' if c_lanes else ''}skipped: {why_no_c}")


if __name__ == "__main__":
    print(f"foggyhill sweep benchmark: {LAND.name}, loss(w) = {LAND.formula}")
    compile_wall, _, _ = timed(lambda: sweep(LAND, [0.1], [0.0], 2))
    print(f"  our sweep: compiling (once per curve): {compile_wall:.2f} s")
    with scratch() as folder:
        c_lanes, why_no_c = build(LAND, Path(folder))
        machine(c_lanes, why_no_c)
        million_lanes(c_lanes)
        learning_rate_map(c_lanes)
    diagram()
    from map_browser import print_first_drawn_map  # benchmarks/map_browser.py: the map drawn in chromium

    print_first_drawn_map()
