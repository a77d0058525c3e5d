"""The web app: pages, the JSON API, static files, and the headers every answer carries."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware

from .. import __version__
from ..core import FoggyhillError
from ..lang import _, say
from . import api, pages, studio
from .engines import Busy, ClientLeft, EngineStopped
from .errors import error_body, error_of
from .guard import Guard
from .headers import Headers
from .language import Language
from .replay import Replay


async def setting_error(request: Request, error: Exception) -> Response:
    """A bad setting or formula: 422 naming the parameter, what is allowed, and where a formula went wrong."""
    return JSONResponse(error_of(error), status_code=422)


async def engine_stopped(request: Request, error: Exception) -> Response:
    """The engine's process died: 503, and the next request gets a fresh one."""
    return JSONResponse(error_body(None, str(error)), status_code=503)


async def busy(request: Request, error: Exception) -> Response:
    """A full queue, or work past its deadline: 503 with the sentence and when to try again."""
    wait = getattr(error, "retry_after", 1)
    return JSONResponse(error_body(None, str(error)), status_code=503, headers={"Retry-After": str(wait)})


async def client_left(request: Request, error: Exception) -> Response:
    """Nobody is left to read an answer; 499 (as nginx names it) goes to the log, not to a client."""
    return Response(status_code=499)


async def validation_error(request: Request, error: Exception) -> Response:
    """FastAPI's own checks (rarely reached: the API reads raw parameters) in the same shape."""
    problems = getattr(error, "errors", list)()
    first = problems[0] if problems else {}
    field = str(first.get("loc", ["", ""])[-1]) or None
    said = say("{field}: {problem}", field=field, problem=first.get("msg") or _("not allowed"))
    return JSONResponse(error_body(field, said), status_code=422)


async def http_error(request: Request, error: Exception) -> Response:
    """Not found and friends: JSON under /api, a friendly page elsewhere."""
    status = getattr(error, "status_code", 500)
    detail = str(getattr(error, "detail", "error"))
    headers = getattr(error, "headers", None)
    if status == 405 and headers and headers.get("Allow"):  # say which method the route takes
        detail = say(
            "{method} is not allowed at {path}: use {allowed}",
            method=request.method,
            path=request.url.path,
            allowed=headers["Allow"],
        )
    elif detail == "Not Found":  # Starlette's own words for a route that is not there
        detail = _("Not Found")
    if request.url.path.startswith("/api/") or status != 404:
        return JSONResponse(error_body(None, detail), status_code=status, headers=headers)
    return pages.not_found(say("Nothing lives at {path}.", path=request.url.path))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the engine's worker processes with the server, and stop them with it."""
    api.engines.start()
    warming = asyncio.create_task(api.prewarm())
    try:
        yield
    finally:
        warming.cancel()
        api.engines.close()
        studio.close()


def create_app(hosts: Iterable[str] | None = None) -> FastAPI:
    """Build the foggyhill web app, answering to `hosts` (default: `foggyhill serve`'s list, else loopback)."""
    app = FastAPI(
        lifespan=lifespan,
        title="foggyhill",
        version=__version__,
        description="See, hear and program gradient descent. The JSON API behind the simulation pages.",
        docs_url=None,  # pages.py serves /docs from the vendored Swagger UI
        redoc_url=None,
    )
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(studio.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC, check_dir=False), name="static")
    app.mount("/apidocs", StaticFiles(directory=pages.APIDOCS, check_dir=False), name="apidocs")
    app.add_exception_handler(FoggyhillError, setting_error)
    app.add_exception_handler(EngineStopped, engine_stopped)
    app.add_exception_handler(Busy, busy)
    app.add_exception_handler(ClientLeft, client_left)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    # Outermost last: headers are added to every answer, including compressed and error ones.
    app.add_middleware(GZipMiddleware, minimum_size=500, compresslevel=6)
    app.add_middleware(Headers)
    app.add_middleware(Replay)  # a repeated request is answered before the app runs...
    app.add_middleware(Guard, hosts=hosts)  # ...but only once it is known to come from the server's own pages
    app.add_middleware(Language)  # every word of the answer, refusals included, in the language asked for
    return app
