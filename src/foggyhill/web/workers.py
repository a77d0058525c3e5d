"""The engine's worker processes, so the server's event loop only passes messages.

A quick run (a few hundred steps on a built-in curve) and a heavy one (a typed formula, thousands of steps) go to
different pools, so a long run never holds up the short ones, and neither holds up the cached answers.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..core import DescentSettings, FoggyhillError, SettingError
from .answers import encode, peek_data
from .cache import Payload

PARENT_CHECK_S = 1.0


class EngineStopped(RuntimeError):
    """A worker process died while computing (killed, out of memory): the server's fault, not the settings'."""


class Refused(SettingError):
    """A setting the engine refused in a worker process, carried back whole (field, message, formula position)."""

    def __init__(self, field: str, message: str, position: int | None) -> None:
        super().__init__(field, message)
        self.position = position


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
