"""An engine process's side: estimate a job, do it, write its outcome back; the server's side is web/engines.py.

Free of FastAPI and of asyncio: it runs in the worker processes `Engine` starts (multiprocessing's spawn).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import math
import os
import pickle
import signal
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

from ..core import DescentSettings, FoggyhillError
from ..lang import LANGUAGES, SOURCE, use
from .answers import descend_data, encode, one_landscape_data, peek_data
from .costs import LIMIT_S, Cost, curve_cost, descend_cost

__all__ = ["Job", "serve_jobs", "work", "write_framed"]

PARENT_CHECK_S = 1.0
PR_SET_NAME = 15  # prctl's option that names the calling process

Job = tuple[Callable[[Any], Any], Callable[[Any], Cost] | None, Any, float, str]
Outcome = tuple[Any, ...]

WARM_UP = [
    (compute, cost, DescentSettings(landscape="wavy", formula=formula, start=1.0), math.inf, SOURCE)
    for formula in (None, "w^2")
    for compute, cost in ((descend_data, descend_cost), (one_landscape_data, curve_cost), (peek_data, curve_cost))
] + [  # each other language's catalog, read once: one descent says its words
    (descend_data, descend_cost, DescentSettings(landscape="wavy", start=1.0), math.inf, language)
    for language in LANGUAGES
    if language != SOURCE
]


def work(
    compute: Callable[[Any], Any], cost_of: Callable[[Any], Cost] | None, request: Any, budget: float, language: str
) -> Outcome:
    """The encoded answer, its words in `language`; or ("heavier", seconds) when the estimate is over `budget`; or the
    refusal as plain data (exceptions lose their fields in transit). The estimate comes first: no engine work starts
    before it."""
    with use(language):
        return _work(compute, cost_of, request, budget)


def _work(compute: Callable[[Any], Any], cost_of: Callable[[Any], Cost] | None, request: Any, budget: float) -> Outcome:
    try:
        if cost_of is not None:
            cost = cost_of(request)
            if cost.seconds > LIMIT_S:
                return ("refused", cost.field, cost.too_much(), None)
            if cost.seconds > budget:
                return ("heavier", cost.seconds)
        return ("ok", encode(compute(request)))
    except FoggyhillError as error:
        return ("refused", getattr(error, "field", None), str(error), getattr(error, "position", None))


def serve_jobs(jobs: Any, answers: Any, parent: int, threads: int, name: str) -> None:
    """A worker's life: answer one job after another from the pipe until the server closes it or dies."""
    _call_process(name)
    os.environ["NUMBA_NUM_THREADS"] = str(threads)  # before numba loads: heavy maps leave a core to the rest
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops its workers
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    for warm in WARM_UP:  # every light path's imports and first calls, before the first learner waits on them
        work(*warm)
    gc.freeze()  # what is loaded now lives as long as the process: no full garbage passes over it mid-request
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        write_framed(answers.fileno(), work(*job))


def write_framed(fd: int, message: Any) -> None:
    """Pickle `message` and write it as multiprocessing's Connection.recv reads it (a 4-byte length, then the
    bytes), in one write where the pipe takes it: one wake-up of the reader instead of two."""
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    head = struct.pack("!i", len(data)) if len(data) < 2**31 - 1 else struct.pack("!iQ", -1, len(data))
    view = memoryview(head + data)
    while view:
        view = view[os.write(fd, view) :]


def _call_process(name: str) -> None:
    """Name the process as `ps` and `top` show it (Linux), so a teacher can tell the light engines from the heavy."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_NAME, name.encode()[:15], 0, 0, 0)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)
