"""The engine work behind the API, run in separate processes so the server's event loop only passes messages.

A quick run (a few hundred steps on a built-in curve) and a heavy one (a typed formula, thousands of steps) go to
different pools, so a long run never holds up the short ones, and neither holds up the cached answers.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import math
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from typing import Any

import numpy as np

from ..core import LANDSCAPES, DescentSettings, FoggyhillError, Landscape, SettingError, landscape_for, run_descent
from ..core import peek as peek_rows
from ..core.theory import stability_bounds
from .cache import Payload

CURVE_POINTS = 401
GZIP_LEVEL = 6
PARENT_CHECK_S = 1.0
LIGHT_STEPS = 500  # runs on a built-in curve up to this many steps take a couple of milliseconds


class EngineStopped(RuntimeError):
    """A worker process died while computing (killed, out of memory): the server's fault, not the settings'."""


class Refused(SettingError):
    """A setting the engine refused in a worker process, carried back whole (field, message, formula position)."""

    def __init__(self, field: str, message: str, position: int | None) -> None:
        super().__init__(field, message)
        self.position = position


def finite(value: Any) -> Any:
    """The same data with every NaN or infinity replaced by None, so the JSON holds only real numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def encode(data: Any) -> Payload:
    """JSON bytes (strict: no NaN or Infinity) and their gzip form."""
    try:
        text = json.dumps(data, allow_nan=False, separators=(",", ":"))
    except ValueError:  # rare: a formula with an infinite slope somewhere; clean only then
        text = json.dumps(finite(data), allow_nan=False, separators=(",", ":"))
    plain = text.encode()
    return Payload(plain, gzip.compress(plain, GZIP_LEVEL, mtime=0))


def landscape_data(land: Landscape, start: float | None = None) -> dict[str, Any]:
    """A landscape with its dips, hilltops and the loss sampled across its window."""
    lo, hi = land.window
    ws = np.linspace(lo, hi, CURVE_POINTS)
    with np.errstate(all="ignore"):
        losses = np.asarray(land.loss(ws), dtype=np.float64)
    return {
        "name": land.name,
        "title": land.title,
        "formula": land.formula,
        "description": land.description,
        "window": [lo, hi],
        "start": land.start if start is None else start,
        "minima": [bound.to_dict() for bound in stability_bounds(land)],
        "maxima": [{"w": m.w, "loss": m.loss} for m in land.maxima],
        "curve": {
            "w": [float(f"{w:.7g}") for w in ws],
            "loss": [float(f"{v:.7g}") if math.isfinite(v) else None for v in losses.tolist()],
        },
    }


@lru_cache(maxsize=64)
def _typed_landscape(formula: str, start: float | None) -> Landscape:
    return landscape_for(DescentSettings(formula=formula, start=start))


def curve_for(settings: DescentSettings) -> Landscape:
    """The settings' landscape; a typed formula is parsed once and reused by later runs with other speeds."""
    if settings.formula:
        return _typed_landscape(settings.formula, settings.start)
    return landscape_for(settings)


def descend_data(settings: DescentSettings) -> dict[str, Any]:
    """A whole run: settings, every step and the verdict."""
    return run_descent(curve_for(settings), settings).to_dict()


def peek_data(settings: DescentSettings) -> dict[str, Any]:
    """The loss at a handful of settings across the curve."""
    land = curve_for(settings)
    return {"rows": peek_rows(land), "landscape": land.name}


def one_landscape_data(settings: DescentSettings) -> dict[str, Any]:
    """One landscape, built-in or typed."""
    return landscape_data(curve_for(settings), settings.start)


def all_landscapes_data(settings: DescentSettings) -> dict[str, Any]:
    """Every built-in landscape."""
    return {"landscapes": [landscape_data(land) for land in LANDSCAPES.values()]}


def work(compute: Callable[[Any], Any], request: Any) -> tuple[Any, ...]:
    """In a worker process: the encoded answer, or the refusal as plain data (exceptions lose fields in transit)."""
    try:
        return ("ok", encode(compute(request)))
    except FoggyhillError as error:
        return ("refused", getattr(error, "field", None), str(error), getattr(error, "position", None))


def unpack(outcome: tuple[Any, ...]) -> Payload:
    """The payload from a worker's outcome; a refusal is raised again here."""
    if outcome[0] == "ok":
        payload: Payload = outcome[1]
        return payload
    _, field, message, position = outcome
    raise Refused(field, message, position)


def is_heavy(settings: DescentSettings) -> bool:
    """Descents on typed formulas and long runs may take seconds: they get their own pool.

    A curve alone (a landscape or the peek table, even of a typed formula) is a parse and one vectorised pass.
    """
    return bool(settings.formula) or settings.steps > LIGHT_STEPS


def _child_setup(parent: int) -> None:
    """Workers leave Ctrl-C to the server, which stops them; and they end by themselves if the server dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


class Workers:
    """Two pools of engine processes, quick and heavy, started with the app and shut down with it."""

    def __init__(self, quick: int = 1, heavy: int = 1) -> None:
        self.sizes = {False: quick, True: heavy}
        self._pools: dict[bool, ProcessPoolExecutor] = {}

    def _pool(self, heavy: bool) -> ProcessPoolExecutor:
        if heavy not in self._pools:
            context = multiprocessing.get_context("spawn")  # no forking of a process that runs threads
            self._pools[heavy] = ProcessPoolExecutor(
                self.sizes[heavy], context, initializer=_child_setup, initargs=(os.getpid(),)
            )
        return self._pools[heavy]

    def start(self) -> None:
        """Start both pools, each warming up on a small formula (imports, parser) in the background."""
        for heavy in (False, True):
            self._pool(heavy).submit(work, peek_data, DescentSettings(formula="w^2"))

    async def run(self, compute: Callable[[Any], Any], request: Any, heavy: bool = False) -> Payload:
        """`compute(request)` in the quick or the heavy pool; a pool whose process died is replaced and the work
        tried once more. `compute` must be a module-level function: it travels to the worker by name."""
        for _ in range(2):
            pool = self._pool(heavy)
            try:
                return unpack(await asyncio.wrap_future(pool.submit(work, compute, request)))
            except BrokenProcessPool:
                if self._pools.get(heavy) is pool:  # not a replacement another request has started already
                    del self._pools[heavy]
        raise EngineStopped("the engine's worker process stopped twice on this request: try other settings")

    def close(self) -> None:
        """Stop the pools now: queued work is dropped and a run in progress is cut short."""
        for pool in self._pools.values():
            processes = list(getattr(pool, "_processes", {}).values())  # the executor offers no way to stop a run
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)
        self._pools.clear()
