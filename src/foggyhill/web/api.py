"""The JSON API over the engine: the settings schema, landscapes with their curves, descent runs and the peek table.

Every parameter goes through `core.parse_settings` (the one settings schema) with the server's tighter limits.
Answers are pure functions of the checked settings, so finished bodies are cached; the engine runs in worker
processes (compute.py), never in the event loop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..core import FIELDS, LANDSCAPES, DescentSettings, Field, SettingError, parse_settings
from .cache import Payload, ResponseCache
from .compute import Workers
from .errors import refusals
from .replay import remember
from .schema import LIMITS, server_field, settings_schema
from .simulations import SIMULATIONS
from .tools import ENGINE_TOOLS, Tool

__all__ = ["LIMITS", "cache", "computed", "respond", "router", "workers"]

router = APIRouter(prefix="/api", tags=["engine"])
cache = ResponseCache(budget=64 * 1024 * 1024)
workers = Workers()  # started and stopped with the app (see app.py)


def openapi_parameters(names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The OpenAPI description of the query parameters, generated from the settings schema."""
    return [openapi_parameter(server_field(FIELDS[name])) for name in names]


def openapi_parameter(field: Field) -> dict[str, Any]:
    """One query parameter's OpenAPI description, from its field (the engine's settings and the explorers' own)."""
    schema: dict[str, Any]
    if field.kind == "choice":
        schema = {"type": "string", "enum": list(field.choices)}
    elif field.kind == "text":
        schema = {"type": "string", "maxLength": field.maximum}
    else:
        low = "exclusiveMinimum" if field.above_minimum else "minimum"
        kind = "integer" if field.kind == "int" else "number"
        schema = {"type": kind, low: field.minimum, "maximum": field.maximum}
    if field.default is not None:
        schema["default"] = field.default
    text = field.help.replace("*", "\\*")  # the docs read descriptions as Markdown: w^2 - 0.4*w is not italics
    return {"name": field.name, "in": "query", "required": False, "description": text, "schema": schema}


def query_values(request: Request, allowed: tuple[str, ...]) -> dict[str, str]:
    """The request's query parameters by name; unknown or repeated ones are refused."""
    given: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed:
            shown = name if len(name) <= 40 else name[:40] + "…"  # a huge name is not worth echoing whole
            raise SettingError(shown, f"unknown parameter {shown!r}: allowed are {', '.join(allowed)}")
        if name in given:
            raise SettingError(name, f"{name} is given more than once: give it once")
        given[name] = value
    return given


def checked_settings(request: Request, allowed: tuple[str, ...]) -> DescentSettings:
    """The request's query parameters, checked by the settings schema; anything else is refused."""
    return parse_settings(query_values(request, allowed), LIMITS)


def respond(request: Request, payload: Payload) -> Response:
    """Send the gzip form to clients that accept it, the plain bytes to the rest; remember it for replay."""
    remember(request.url.path, request.scope["query_string"], payload)
    headers = {"cache-control": "no-cache", "vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["content-encoding"] = "gzip"
        return Response(payload.gzipped, media_type="application/json", headers=headers)
    return Response(payload.plain, media_type="application/json", headers=headers)


async def computed(key: Any, kind: str, settings: DescentSettings) -> Payload:
    """The cached payload for `key`; on a miss the engine computes it (one of compute.JOBS) in a worker process."""
    payload = cache.get(key)
    if payload is None:
        payload = await workers.run(kind, settings)
        cache.put(key, payload)
    return payload


def curve_key(settings: DescentSettings) -> tuple[str | None, str | None]:
    """Only the curve matters: a typed formula wins over a built-in name, as in the engine."""
    return (None, settings.formula) if settings.formula else (settings.landscape, None)


def landscape_key(settings: DescentSettings) -> tuple[Any, ...]:
    """The cache key of a landscape answer."""
    return ("landscape", *curve_key(settings), settings.start)


def peek_key(settings: DescentSettings) -> tuple[Any, ...]:
    """The cache key of a peek answer (the start matters: a formula must be defined where the ball starts)."""
    return ("peek", *curve_key(settings), settings.start)


async def prewarm() -> None:
    """Compute every built-in curve's answers at startup, so the first page load finds them ready."""
    jobs: list[tuple[tuple[Any, ...], str, DescentSettings]] = [(("landscapes",), "landscapes", DescentSettings())]
    for name in LANDSCAPES:
        settings = DescentSettings(landscape=name)
        jobs += [(landscape_key(settings), "landscape", settings), (peek_key(settings), "peek", settings)]
    for key, kind, settings in jobs:
        await computed(key, kind, settings)


@router.get("/schema", summary="The settings schema and the server's limits")
async def schema() -> dict[str, Any]:
    """Every setting with its kind, default, allowed range or choices and help; the URL state uses the same."""
    return settings_schema()


@router.get("/simulations", summary="The simulation pages")
async def simulations() -> dict[str, Any]:
    """Every registered simulation page, as on the "All simulations" page."""
    return {"simulations": [sim.to_dict() for sim in SIMULATIONS]}


def tool_key(tool: Tool, settings: DescentSettings) -> tuple[Any, ...]:
    """The cache key of a tool's answer: only what its answer depends on."""
    if tool.job == "landscape":
        return landscape_key(settings)
    if tool.job == "peek":
        return peek_key(settings)
    return (tool.job, settings) if tool.parameters else (tool.job,)


def tool_route(tool: Tool) -> Callable[[Request], Awaitable[Response]]:
    """The route of one engine tool: its parameters checked by the settings schema, its answer computed and cached."""

    async def route(request: Request) -> Response:
        settings = checked_settings(request, tool.parameters)
        return respond(request, await computed(tool_key(tool, settings), tool.job, settings))

    route.__name__ = tool.job  # the OpenAPI operation's id, as when each route was written out
    return route


for _tool in ENGINE_TOOLS.values():
    router.add_api_route(
        _tool.path.removeprefix("/api"),
        tool_route(_tool),
        methods=["GET"],
        summary=_tool.summary,
        description=_tool.description,
        responses=refusals(),
        openapi_extra={"parameters": openapi_parameters(_tool.parameters)} if _tool.parameters else None,
    )
