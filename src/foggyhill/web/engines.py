"""The engine's worker processes, and the two queues in front of them, so no one waits minutes behind someone else.

Every piece of engine work first goes to a light engine, which estimates its cost (web/costs.py; a formula is parsed
there, never in the server's event loop) before doing anything else (web/engine_work.py is the worker's side). Work
over the light budget goes back and joins the heavy queue instead; work over the limit is refused with a sentence. So
a descent, a landscape or a peek never queues behind a map or a long formula run.

Both queues are bounded: a full one answers 503 with Retry-After at once. Heavy work has a deadline and is stopped (its
process killed, a fresh one started) when the deadline passes or its client leaves; light work is bounded by its
budget, so a light run whose client left just finishes, and only waiting light work is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import os
import pickle
import struct
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from ..core import SettingError
from ..lang import _, current, say
from .cache import Payload
from .costs import Cost
from .engine_work import Job, serve_jobs, write_framed

LIGHT_BUDGET_S = 0.1  # estimated seconds of work a light engine takes on; more goes to the heavy queue
LIGHT_DEADLINE_S = 10.0  # a light job still running after this (its estimate was far off) is stopped
LIGHT_WAITING = 512  # light jobs waiting at once: at a few milliseconds each, under a second of queue
HEAVY_AHEAD_S = 30.0  # estimated seconds of heavy work that may be queued or running ahead of a new one, per engine
HEAVY_DEADLINE_S = 10.0  # at least; a heavy job may take three times its estimate before it is stopped

T = TypeVar("T")


class EngineStopped(RuntimeError):
    """A worker process died while computing (killed, out of memory): the server's fault, not the settings'."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("the engine's worker process stopped: try again"))


class Busy(RuntimeError):
    """A queue is full, or a job ran past its deadline: 503 with a sentence and when to try again."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ClientLeft(Exception):
    """The client closed its connection before the answer was ready: its heavy work was stopped."""


class Refused(SettingError):
    """A setting the engine refused in a worker process, carried back whole (field, message, formula position)."""

    def __init__(self, field: str, message: str, position: int | None) -> None:
        super().__init__(field, message)
        self.position = position


def unpack(outcome: tuple[Any, ...]) -> Payload:
    """The payload from a worker's outcome; a refusal is raised again here."""
    if outcome[0] == "ok":
        payload: Payload = outcome[1]
        return payload
    _, field, message, position = outcome
    raise Refused(field, message, position)


class Engine:
    """One worker process and the pipe to it; one job at a time. The answer is read when the pipe is readable, so
    the event loop never blocks on it."""

    def __init__(self, threads: int, name: str) -> None:
        context = multiprocessing.get_context("spawn")  # no forking of a process that runs threads
        self.answers, their_answers = context.Pipe(duplex=False)  # two one-way OS pipes: `ps`, FIONREAD see them
        their_jobs, self.jobs = context.Pipe(duplex=False)
        args = (their_jobs, their_answers, os.getpid(), threads, name)
        self.process = context.Process(target=serve_jobs, args=args, daemon=True)
        self.process.start()
        their_jobs.close()
        their_answers.close()

        self.answer: asyncio.Future[tuple[Any, ...]] | None = None  # the job in progress's outcome, once sent
        self.loop: asyncio.AbstractEventLoop | None = None  # where the pipe is watched, from the first job on

    def submit(self, job: Job) -> asyncio.Future[tuple[Any, ...]]:
        """Send the job; the future of its outcome."""
        loop = asyncio.get_running_loop()
        if self.loop is not loop:  # the first job, or an app run again in another loop (the tests' client)
            if self.loop is not None and not self.loop.is_closed():
                self.loop.remove_reader(self.answers.fileno())
            self.loop = loop
            loop.add_reader(self.answers.fileno(), self._ready)  # watched for good: no setup per job
        self.answer = loop.create_future()
        try:
            write_framed(self.jobs.fileno(), job)
        except OSError:  # the process is gone (killed from outside, out of memory)
            self.answer.set_exception(EngineStopped())
        return self.answer

    def _ready(self) -> None:
        """Read one outcome: its length (multiprocessing's 4-byte header), then the rest, which is on its way."""
        fd = self.answers.fileno()
        try:
            head = os.read(fd, 4)
        except BlockingIOError:  # woken with nothing to read (uvloop may be, after an fd number is reused)
            return
        except OSError:
            head = b""
        try:
            os.set_blocking(fd, True)
            size = struct.unpack("!i", head + self._exactly(fd, 4 - len(head)))[0] if head else -2
            if size == -1:  # a very long answer writes its length in 8 more bytes
                size = struct.unpack("!Q", self._exactly(fd, 8))[0]
            outcome = pickle.loads(self._exactly(fd, size)) if size >= 0 else None
        except (EOFError, OSError, struct.error):
            outcome = None
        finally:
            with contextlib.suppress(OSError):
                os.set_blocking(fd, False)
        if self.answer is None or self.answer.done():
            pass  # the outcome of a job nobody waits for any more
        elif outcome is None:
            self.answer.set_exception(EngineStopped())
        else:
            self.answer.set_result(outcome)
        if outcome is None and self.loop is not None:
            self.loop.remove_reader(fd)  # the pipe is closed: nothing more will come

    @staticmethod
    def _exactly(fd: int, size: int) -> bytes:
        parts, left = [], size
        while left:
            part = os.read(fd, left)
            if not part:
                raise EOFError
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    def stop(self) -> None:
        """Kill the process now (a run in progress is cut short) and reap it."""
        if self.loop is not None and not self.answers.closed:
            self.loop.remove_reader(self.answers.fileno())
        self.process.kill()
        self.process.join(timeout=5)
        self.jobs.close()
        self.answers.close()


class Lane:
    """A bounded queue in front of `size` engines: one more job joins while `room(ahead, waiting, seconds)` says
    so (None), else it is refused at once with the seconds to wait before trying again."""

    def __init__(self, name: str, size: int, threads: int, room: Callable[[float, int, float], int | None]) -> None:
        self.name, self.size, self.threads, self.room = name, size, threads, room
        self.idle: list[Engine] = []
        self.engines = 0  # started and not stopped, idle or busy
        self.waiting: deque[asyncio.Future[Engine]] = deque()
        self.ahead = 0.0  # estimated seconds of the jobs waiting or running here

    def start(self) -> None:
        """Start the engines (each warms up by itself while nothing waits for it)."""
        while self.engines < self.size:
            self.idle.append(Engine(self.threads, self.name))
            self.engines += 1

    def close(self) -> None:
        """Stop every idle engine; running ones are stopped by their jobs' cancellation."""
        for engine in self.idle:
            engine.stop()
        self.engines -= len(self.idle)
        self.idle.clear()

    async def run(self, job: Job, seconds: float, deadline: float, stop_if_left: bool) -> tuple[Any, ...]:
        """The job's outcome from an engine of this lane. Busy when the queue is full or the deadline passes.

        Cancelled (its client left): a waiting job leaves the queue; a running one is stopped if `stop_if_left`,
        else it finishes in the background and its engine returns to the lane."""
        wait = self.room(self.ahead, len(self.waiting), seconds)
        if wait is not None:
            raise Busy(self.full_words(wait), retry_after=wait)
        self.ahead += seconds
        try:
            engine = await self._take()
            answer = engine.submit(job)
            overdue = asyncio.get_running_loop().call_later(deadline, self._overdue, engine, answer, deadline)
            answer.add_done_callback(lambda _: overdue.cancel())
            try:
                await (answer if stop_if_left else asyncio.shield(answer))
            except asyncio.CancelledError:
                if stop_if_left:
                    self._replace(engine)
                else:  # light work whose client left finishes (it is short), then its engine comes back
                    answer.add_done_callback(lambda done: self._after(engine, done))
                raise
            except Busy:
                raise  # past its deadline: _overdue has stopped the engine and started another
            except EngineStopped:
                pass
            self._after(engine, answer)
            return answer.result()
        finally:
            self.ahead -= seconds

    def _overdue(self, engine: Engine, answer: asyncio.Future[Any], deadline: float) -> None:
        """The deadline passed with the job still running: stop its engine and refuse the job."""
        if answer.done():
            return
        answer.set_exception(
            Busy(
                say(
                    "this work took longer than {deadline:.0f} s, far more than estimated: the server is busy; try "
                    "again in a moment, or ask for less",
                    deadline=deadline,
                ),
                retry_after=math.ceil(deadline),
            )
        )
        self._replace(engine)

    def full_words(self, wait: int) -> str:
        """The sentence of a full queue."""
        waiting = len(self.waiting)
        if self.ahead >= 1:
            return say(
                "the server is busy ({waiting} requests waiting, about {ahead:,.0f} s of work ahead): try again in "
                "{wait} s",
                waiting=waiting,
                ahead=self.ahead,
                wait=wait,
            )
        return say("the server is busy ({waiting} requests waiting): try again in {wait} s", waiting=waiting, wait=wait)

    async def _take(self) -> Engine:
        if self.idle and not self.waiting:
            return self._alive(self.idle.pop())
        if self.engines < self.size:  # not started yet (an app run without its lifespan), or stopped
            self.engines += 1
            return Engine(self.threads, self.name)
        waiter: asyncio.Future[Engine] = asyncio.get_running_loop().create_future()
        self.waiting.append(waiter)
        try:
            return self._alive(await waiter)
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():  # handed an engine just as its client left
                self._give(waiter.result())
            raise
        finally:
            if waiter in self.waiting:
                self.waiting.remove(waiter)

    def _alive(self, engine: Engine) -> Engine:
        """The engine, or a fresh one if its process died while idle (killed from outside)."""
        if engine.process.is_alive():
            return engine
        engine.stop()
        return Engine(self.threads, self.name)

    def _give(self, engine: Engine) -> None:
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():
                waiter.set_result(engine)
                return
        self.idle.append(engine)

    def _after(self, engine: Engine, task: asyncio.Future[Any]) -> None:
        """Return the engine to the lane once its job is done, or a fresh one if its process died."""
        if task.cancelled() or isinstance(task.exception(), EngineStopped):
            self._replace(engine)
        elif not isinstance(task.exception(), Busy):  # overdue: _overdue has replaced it
            self._give(engine)

    def _replace(self, engine: Engine) -> None:
        engine.stop()
        self._give(Engine(self.threads, self.name))


async def unless_gone(work: Awaitable[T], gone: Callable[[], Awaitable[None]] | None) -> T:
    """`work`'s result, unless `gone()` returns first: then `work` is cancelled and ClientLeft raised."""
    if gone is None:
        return await work
    task, left = asyncio.ensure_future(work), asyncio.ensure_future(gone())
    try:
        await asyncio.wait({task, left}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            return task.result()
        raise ClientLeft("the client left before its answer was ready")
    finally:
        left.cancel()
        task.cancel()


def light_room(ahead: float, waiting: int, seconds: float) -> int | None:
    """Light jobs take milliseconds: a queue of hundreds drains within a second."""
    return 1 if waiting >= LIGHT_WAITING else None


class Engines:
    """The light and the heavy lane, started with the app and stopped with it."""

    def __init__(self, light: int | None = None, heavy: int | None = None) -> None:
        cores = os.cpu_count() or 1
        self.light = Lane("foggyhill-light", light or cores, 1, light_room)
        heavy = heavy or max(1, cores // 2)
        self.heavy = Lane("foggyhill-heavy", heavy, max(1, cores - 1), self._heavy_room)

    def _heavy_room(self, ahead: float, waiting: int, seconds: float) -> int | None:
        if ahead == 0 or ahead + seconds <= HEAVY_AHEAD_S * self.heavy.size:
            return None
        return max(1, math.ceil(ahead / self.heavy.size))

    def start(self) -> None:
        """Start both lanes' engines."""
        self.light.start()
        self.heavy.start()

    async def run(
        self,
        compute: Callable[[Any], Any],
        cost_of: Callable[[Any], Cost] | None,
        request: Any,
        gone: Callable[[], Awaitable[None]] | None = None,
    ) -> Payload:
        """`compute(request)` in the light lane, or in the heavy one when its estimate is over the light budget;
        heavy work is stopped when `gone()` returns (its client left). `compute` and `cost_of` must be module-level
        functions: they travel to the worker by name. The words are said in the asking request's language."""
        language = current()
        for attempt in range(2):
            try:
                job = (compute, cost_of, request, LIGHT_BUDGET_S, language)
                outcome = await self.light.run(job, 0.0, LIGHT_DEADLINE_S, stop_if_left=False)
                if outcome[0] == "heavier":
                    seconds = outcome[1]
                    deadline = max(HEAVY_DEADLINE_S, 3 * seconds)
                    job = (compute, None, request, math.inf, language)
                    outcome = await unless_gone(self.heavy.run(job, seconds, deadline, stop_if_left=True), gone)
                return unpack(outcome)
            except EngineStopped:
                if attempt:
                    raise EngineStopped(
                        _("the engine's worker process stopped twice on this request: try other settings")
                    ) from None
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Stop every engine now."""
        self.light.close()
        self.heavy.close()
