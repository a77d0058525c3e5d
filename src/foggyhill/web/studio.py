"""`/studio`: the page, its examples, and running a program in a worker process whose events stream back as JSON
lines (one event per line, as `foggyhill run --json` prints them).

Each run is its own process (web/studio_worker.py) with a memory and computing-time limit set in the child, a
wall-clock limit here, and tighter limits on rounds, layer sizes and rows. Stop in the page closes the connection;
a closed connection kills the process. Programs load the bundled datasets and CSV files sent with the request,
never paths on the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import asdict
from typing import Any

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ..lang import _, current, say
from ..nn import DATASETS
from ..studio import MAX_SOURCE_CHARS
from ..studio.examples import EXAMPLES
from . import slots
from .errors import error_body, refusals
from .pages import simulation_page
from .programs import (
    MAX_BODY_BYTES,
    MAX_FILE_BYTES,
    MAX_FILES,
    STUDIO_LIMITS,
    checked_export,
    checked_program,
    exported,
    first_mistake,
)
from .shapes import LANGUAGE_PARAMETER, answered
from .tools import TOOLS, Tool

WALL_SECONDS = 60
CPU_SECONDS = 60
MEMORY_MB = 768
RUNS_AT_ONCE = 4
HEARTBEAT_SECONDS = 0.5  # a blank line this often while quiet, so a closed page is noticed soon

SPARE_IDLE_SECONDS = 300  # a spare nobody takes for this long is stopped; the next Run starts one again

router = APIRouter()
_checks = CapacityLimiter(2)  # checks run in threads of this process: a few at a time
# The one spare worker this process keeps (only while it holds the machine's spare place), with its idle timer.
_spare: tuple[asyncio.AbstractEventLoop, asyncio.subprocess.Process, asyncio.TimerHandle] | None = None
_spare_place: slots.Slot | None = None


@router.get("/studio", include_in_schema=False)
async def studio_page(request: Request) -> Response:
    """The Studio page (its embed form with `?embed=1`), as /sim/studio serves it."""
    return await simulation_page("studio", request)


@router.get(
    "/api/studio/examples",
    summary="The example programs, datasets and limits",
    tags=["studio"],
    responses={**answered("studio-examples"), **refusals()},  # 422: a language it does not speak
    openapi_extra={"parameters": [LANGUAGE_PARAMETER]},
)
async def examples() -> dict[str, Any]:
    """The example programs, the bundled datasets and the limits a page should show."""
    return {
        "examples": [e.to_dict() for e in EXAMPLES.values()],
        "datasets": {name: _(about) for name, about in DATASETS.items()},  # marked where they are described
        "limits": {
            **asdict(STUDIO_LIMITS),
            "seconds": WALL_SECONDS,
            "memory_mb": MEMORY_MB,
            "files": MAX_FILES,
            "file_bytes": MAX_FILE_BYTES,
            "source_chars": MAX_SOURCE_CHARS,
        },
    }


def refuse(message: str, status: int = 422) -> JSONResponse:
    """A request that cannot run, in the API's one error shape."""
    return JSONResponse(error_body(None, message), status_code=status)


async def read_request(
    request: Request, checked_body: Callable[[bytes], dict[str, Any] | str] = checked_program
) -> dict[str, Any] | Response:
    """The checked program and files of a request, or the answer refusing it."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return refuse(say("the request is larger than the {most:,} bytes allowed", most=MAX_BODY_BYTES), 413)
    checked = checked_body(bytes(body))
    return refuse(checked) if isinstance(checked, str) else checked


async def check(request: Request) -> Response:
    """The first mistake in a program, found without running it (web/tools.py: studio-check)."""
    checked = await read_request(request)
    if isinstance(checked, Response):
        return checked
    result = await to_thread.run_sync(first_mistake, checked, limiter=_checks)
    return JSONResponse(result, headers={"cache-control": "no-store"})


async def export(request: Request) -> Response:
    """The program as a standalone numpy or PyTorch script (web/tools.py: studio-export)."""
    checked = await read_request(request, checked_export)
    if isinstance(checked, Response):
        return checked
    result = await to_thread.run_sync(exported, checked, limiter=_checks)
    return JSONResponse(result, headers={"cache-control": "no-store"})


async def run(request: Request) -> Response:
    """Run a program in a worker process; its events stream back as JSON lines (web/tools.py: studio-run)."""
    checked = await read_request(request)
    if isinstance(checked, Response):
        return checked
    place = slots.take("run", RUNS_AT_ONCE)  # shared by every server process on this machine
    if place is None:
        return refuse(say("{count} programs are running already; try again in a moment", count=RUNS_AT_ONCE), 429)
    headers = {"cache-control": "no-cache", "x-accel-buffering": "no"}
    return StreamingResponse(stream(checked, request, place), media_type="application/x-ndjson", headers=headers)


def add_route(
    tool: Tool,
    handler: Callable[[Request], Awaitable[Response]],
    responses: dict[int | str, Any],
    response_class: type[Response] = JSONResponse,
) -> None:
    """One of Studio's POST routes, described by its row in the registry (its answers' media types included)."""
    assert tool.path is not None and tool.body is not None
    router.add_api_route(
        tool.path,
        handler,
        response_class=response_class,
        methods=[tool.method],
        summary=tool.summary,
        description=tool.description,
        responses=responses,
        tags=[tool.tag],
        openapi_extra={**tool.body(), "parameters": [LANGUAGE_PARAMETER]},
    )


add_route(TOOLS["studio-check"], check, {**answered("studio-check"), **refusals(413)})
add_route(TOOLS["studio-export"], export, {**answered("studio-export"), **refusals(413)})
add_route(
    TOOLS["studio-run"],
    run,
    {200: {"description": "One event per line", "content": {"application/x-ndjson": {}}}, **refusals(413, 429)},
    StreamingResponse,  # no media type of its own: the answer's is only the JSON lines above
)


def line(event: dict[str, Any]) -> bytes:
    """One event as a JSON line."""
    return (json.dumps(event) + "\n").encode()


async def spawn() -> asyncio.subprocess.Process:
    """A new worker process; it loads the engine, then waits for its program on standard input."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "foggyhill.web.studio_worker",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=env,
        limit=8 * 1024 * 1024,
    )


async def take_worker() -> asyncio.subprocess.Process:
    """The spare worker, already loaded and waiting, or a new one; then a new spare for next time (if this process
    keeps the machine's spare), so a learner's Run answers at once instead of after the engine's imports."""
    loop = asyncio.get_running_loop()
    process = claim_spare(loop) or await spawn()
    await refill(loop)
    return process


def claim_spare(loop: asyncio.AbstractEventLoop) -> asyncio.subprocess.Process | None:
    """The spare, if there is a live one started on this loop; any other spare is stopped."""
    global _spare
    if _spare is None:
        return None
    spare_loop, spare, timer = _spare
    _spare = None
    timer.cancel()
    if spare_loop is loop and spare.returncode is None:
        return spare
    stop(spare)
    return None


async def refill(loop: asyncio.AbstractEventLoop) -> None:
    """Start a spare unless there is one, or another server process keeps the machine's spare."""
    global _spare, _spare_place
    if _spare is not None:
        return
    if _spare_place is None:
        _spare_place = slots.take("spare", 1)
        if _spare_place is None:
            return
    fresh = await spawn()
    if _spare is not None:  # runs that started together: one of them refilled it while this one waited
        stop(fresh)
        return
    _spare = (loop, fresh, loop.call_later(SPARE_IDLE_SECONDS, expire, fresh))


def expire(process: asyncio.subprocess.Process) -> None:
    """The spare waited too long: stop it (the next Run starts another)."""
    global _spare
    if _spare is not None and _spare[1] is process:
        _spare = None
    stop(process)


def stop(process: asyncio.subprocess.Process) -> None:
    """Stop a worker that has no program (asyncio reaps it)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGKILL)


def close() -> None:
    """The server is stopping: no spare outlives it."""
    global _spare
    if _spare is not None:
        _spare[2].cancel()
        stop(_spare[1])
        _spare = None


async def start_worker(checked: dict[str, Any]) -> asyncio.subprocess.Process:
    """A worker with the program handed to it; it sets its own limits before running it."""
    process = await take_worker()
    limits = {"limits": asdict(STUDIO_LIMITS), "memory_mb": MEMORY_MB, "cpu_seconds": CPU_SECONDS}
    request = {**checked, **limits, "language": current()}  # the worker speaks the asking request's language
    assert process.stdin is not None
    process.stdin.write(json.dumps(request).encode())
    await process.stdin.drain()
    process.stdin.close()
    return process


async def stream(checked: dict[str, Any], request: Request, place: slots.Slot) -> AsyncIterator[bytes]:
    """The worker's events as they come; ends with done, error or stopped; kills the worker however it ends and
    gives its place back."""
    try:
        process = await start_worker(checked)
    except BaseException:
        place.release()
        raise
    assert process.stdout is not None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WALL_SECONDS
    finished = False
    try:
        while True:
            if await request.is_disconnected():
                return
            left = deadline - loop.time()
            if left <= 0:
                yield line(time_limit_event())
                return
            try:
                raw = await asyncio.wait_for(process.stdout.readline(), timeout=min(HEARTBEAT_SECONDS, left))
            except TimeoutError:
                yield b"\n"
                continue
            if not raw:
                break
            event = json.loads(raw)
            finished = event.get("type") in ("done", "error", "stopped")
            yield raw
        code = await process.wait()  # standard output closed: the worker is ending
        if not finished:
            yield line(worker_died_event(code))
    finally:
        place.release()
        if process.returncode is None:
            process.kill()
            await process.wait()


def time_limit_event() -> dict[str, Any]:
    """The run took longer than the page allows."""
    return {
        "type": "error",
        "message": say("the program ran for more than {seconds} seconds, the most allowed here", seconds=WALL_SECONDS),
        "hint": _("try fewer rounds, smaller layers, or a larger batch"),
    }


def worker_died_event(code: int) -> dict[str, Any]:
    """The worker ended without a last word: the kernel stopped it at a limit."""
    if code == -24:  # SIGXCPU: the kernel's computing-time limit
        message = say(
            "the program used more than the {seconds} seconds of computing time allowed here", seconds=CPU_SECONDS
        )
    else:
        message = say("the program stopped before it finished (code {code}), most likely out of memory", code=code)
    return {"type": "error", "message": message, "hint": _("try fewer rounds or smaller layers")}
