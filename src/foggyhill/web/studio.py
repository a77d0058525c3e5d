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
from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Any

from anyio import CapacityLimiter, to_thread
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse

from ..nn import DATASETS
from ..studio import MAX_SOURCE_CHARS, Limits, StudioError, Uploads, check_program
from ..studio.examples import EXAMPLES
from .errors import error_body, refusals
from .pages import STATIC, not_found

LIMITS = Limits(max_rounds=500, max_layer_size=64, max_rows=5_000)
WALL_SECONDS = 60
CPU_SECONDS = 60
MEMORY_MB = 768
MAX_FILES = 3
MAX_FILE_BYTES = 1_000_000
MAX_NAME_CHARS = 100
MAX_BODY_BYTES = MAX_FILES * MAX_FILE_BYTES + 4 * MAX_SOURCE_CHARS + 10_000
RUNS_AT_ONCE = 4
HEARTBEAT_SECONDS = 0.5  # a blank line this often while quiet, so a closed page is noticed soon

router = APIRouter(tags=["studio"])
_running = 0
_checks = CapacityLimiter(2)  # checks run in threads of this process: a few at a time
_spare: tuple[asyncio.AbstractEventLoop, asyncio.subprocess.Process] | None = None


@router.get("/studio", include_in_schema=False)
async def studio_page() -> Response:
    """The Studio page."""
    page = STATIC / "studio" / "index.html"
    if not page.is_file():
        return not_found("The Studio page is not built yet.")
    return FileResponse(page, media_type="text/html", headers={"cache-control": "no-cache"})


@router.get("/api/studio/examples", summary="The example programs, datasets and limits")
async def examples() -> dict[str, Any]:
    """The example programs, the bundled datasets and the limits a page should show."""
    return {
        "examples": [e.to_dict() for e in EXAMPLES.values()],
        "datasets": DATASETS,
        "limits": {
            **asdict(LIMITS),
            "seconds": WALL_SECONDS,
            "memory_mb": MEMORY_MB,
            "files": MAX_FILES,
            "file_bytes": MAX_FILE_BYTES,
            "source_chars": MAX_SOURCE_CHARS,
        },
    }


def program_body() -> dict[str, Any]:
    """The OpenAPI description of the body /api/studio/check and /api/studio/run take: a program and its CSV files."""
    files = {"type": "string", "description": f"the file's text, at most {MAX_FILE_BYTES:,} bytes"}
    schema = {
        "type": "object",
        "required": ["source"],
        "properties": {
            "source": {"type": "string", "description": "the program", "maxLength": MAX_SOURCE_CHARS},
            "files": {
                "type": "object",
                "description": f"CSV files the program may load, by name (data.csv): at most {MAX_FILES}",
                "maxProperties": MAX_FILES,
                "additionalProperties": files,
            },
        },
        "example": {"source": EXAMPLES[next(iter(EXAMPLES))].source},
    }
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def refuse(message: str, status: int = 422) -> JSONResponse:
    """A request that cannot run, in the API's one error shape."""
    return JSONResponse(error_body(None, message), status_code=status)


def checked_request(body: bytes) -> dict[str, Any] | str:
    """The program and its files from the request body, or the reason they are refused."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested deeper than json can read
        return 'the request must be JSON: {"source": "…", "files": {"name.csv": "…"}}'
    if not isinstance(data, dict) or not isinstance(data.get("source"), str):
        return "the request needs `source`, the program as text"
    files = data.get("files") or {}
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return "`files` must map file names to their text"
    if len(files) > MAX_FILES:
        return f"at most {MAX_FILES} CSV files can be sent with a program (got {len(files)})"
    for name, text in files.items():
        if len(name) > MAX_NAME_CHARS:
            return f"a file name can be at most {MAX_NAME_CHARS} characters (got {len(name)}): rename it, e.g. data.csv"
        if not name.lower().endswith(".csv") or "/" in name or "\\" in name:
            return f"{name!r} is not allowed: upload files named like data.csv"
        if len(text.encode()) > MAX_FILE_BYTES:
            return f"{name} is {len(text.encode()):,} bytes; the most allowed here is {MAX_FILE_BYTES:,}"
    return {"source": data["source"], "files": files}


async def read_request(request: Request) -> dict[str, Any] | Response:
    """The checked program and files of a request, or the answer refusing it."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return refuse(f"the request is larger than the {MAX_BODY_BYTES:,} bytes allowed", 413)
    checked = checked_request(bytes(body))
    return refuse(checked) if isinstance(checked, str) else checked


@router.post(
    "/api/studio/check",
    summary="Find a program's first mistake without running it",
    responses=refusals(413),
    openapi_extra=program_body(),
)
async def check(request: Request) -> Response:
    """The first mistake in a program, found without running it (parse and the checking pass: nothing trains),
    so the page can mark mistakes while the learner types."""
    checked = await read_request(request)
    if isinstance(checked, Response):
        return checked
    result = await to_thread.run_sync(first_mistake, checked, limiter=_checks)
    return JSONResponse(result, headers={"cache-control": "no-store"})


def first_mistake(checked: dict[str, Any]) -> dict[str, Any]:
    """{"ok": true} or {"ok": false, "error": {line, column, message, …}}."""
    source = checked["source"]
    try:
        check_program(source, loader=Uploads(checked["files"]), limits=LIMITS)
    except StudioError as error:
        return {"ok": False, "error": error.to_dict(source)}
    return {"ok": True, "error": None}


@router.post(
    "/api/studio/run",
    summary="Run a program; its events stream back as JSON lines",
    responses={
        200: {"description": "One event per line", "content": {"application/x-ndjson": {}}},
        **refusals(413, 429),
    },
    openapi_extra=program_body(),
)
async def run(request: Request) -> Response:
    """Run a program in a worker process; its events stream back as JSON lines."""
    checked = await read_request(request)
    if isinstance(checked, Response):
        return checked
    if _running >= RUNS_AT_ONCE:
        return refuse(f"{RUNS_AT_ONCE} programs are running already; try again in a moment", 429)
    headers = {"cache-control": "no-cache", "x-accel-buffering": "no"}
    return StreamingResponse(stream(checked, request), media_type="application/x-ndjson", headers=headers)


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
    """The spare worker, already loaded and waiting, or a new one; either way a new spare starts for next time,
    so a learner's Run answers at once instead of after the engine's imports."""
    global _spare
    loop = asyncio.get_running_loop()
    process = None
    if _spare is not None:
        spare_loop, spare = _spare
        _spare = None
        if spare_loop is loop and spare.returncode is None:
            process = spare
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(spare.pid, signal.SIGKILL)
    if process is None:
        process = await spawn()
    _spare = (loop, await spawn())
    return process


async def start_worker(checked: dict[str, Any]) -> asyncio.subprocess.Process:
    """A worker with the program handed to it; it sets its own limits before running it."""
    process = await take_worker()
    request = {**checked, "limits": asdict(LIMITS), "memory_mb": MEMORY_MB, "cpu_seconds": CPU_SECONDS}
    assert process.stdin is not None
    process.stdin.write(json.dumps(request).encode())
    await process.stdin.drain()
    process.stdin.close()
    return process


async def stream(checked: dict[str, Any], request: Request) -> AsyncIterator[bytes]:
    """The worker's events as they come; ends with done, error or stopped; kills the worker however it ends."""
    global _running
    _running += 1
    process = await start_worker(checked)
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
        _running -= 1
        if process.returncode is None:
            process.kill()
            await process.wait()


def time_limit_event() -> dict[str, Any]:
    """The run took longer than the page allows."""
    return {
        "type": "error",
        "message": f"the program ran for more than {WALL_SECONDS} seconds, the most allowed here",
        "hint": "try fewer rounds, smaller layers, or a larger batch",
    }


def worker_died_event(code: int) -> dict[str, Any]:
    """The worker ended without a last word: the kernel stopped it at a limit."""
    if code == -24:  # SIGXCPU: the kernel's computing-time limit
        message = f"the program used more than the {CPU_SECONDS} seconds of computing time allowed here"
    else:
        message = f"the program stopped before it finished (code {code}), most likely out of memory"
    return {"type": "error", "message": message, "hint": "try fewer rounds or smaller layers"}
