"""The JSON API: one GET route per tool of the registry (web/tools.py), with its OpenAPI generated from its fields.

Every parameter is checked by the tool's fields with the server's tighter limits. Answers are pure functions of the
checked request, so finished bodies are cached; the engine's work goes to worker processes in a light or a heavy queue
by its estimated cost (engines.py), never into the event loop, and heavy work stops when its client leaves.
"""

from __future__ import annotations

import gc
from collections.abc import Awaitable, Callable, Hashable
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..core import FIELDS, LANDSCAPES, Field, SettingError
from ..lang import current, say, use
from ..timeline import SHOW_FIELDS, TIMING
from .answers import encode
from .cache import Payload, ResponseCache, budget_bytes
from .engines import Engines
from .errors import refusals
from .replay import remember
from .schema import SERVER_LIMITS, server_field, settings_schema
from .shapes import LANGUAGE_PARAMETER, answered
from .simulations import SIMULATION_PAGES
from .tools import TOOLS, Tool, api_tools

__all__ = ["SERVER_LIMITS", "cache", "engines", "respond", "router"]

router = APIRouter(prefix="/api")
cache = ResponseCache(budget=budget_bytes(96))
engines = Engines()  # started and stopped with the app (see app.py)


# A number as core's fields read it (ASCII digits, one point, an exponent), and descend's start written with it: w
# on a curve, w1,w2 on a surface. Every other text (a formula) is free, but never blank.
NUMBER = r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?"
PATTERNS = {"start": rf"^\s*{NUMBER}\s*(,\s*{NUMBER}\s*)?$"}
NOT_BLANK = r"\S"


def value_schema(field: Field) -> dict[str, Any]:
    """The JSON schema of one field's value: its type, and its bounds, choices or pattern."""
    schema: dict[str, Any]
    if field.kind == "choice":
        schema = {"type": "string", "enum": list(field.choices)}
    elif field.kind == "text":
        schema = {"type": "string", "maxLength": field.maximum, "pattern": PATTERNS.get(field.name, NOT_BLANK)}
    elif field.kind == "list":  # written "0.02,0.46,0.6": the parameter says so with `explode: false`
        assert field.item is not None
        schema = {"type": "array", "items": value_schema(field.item), "minItems": 1, "maxItems": field.maximum}
    else:
        low = "exclusiveMinimum" if field.above_minimum else "minimum"
        kind = "integer" if field.kind == "int" else "number"
        schema = {"type": kind, low: field.minimum, "maximum": field.maximum}
    return schema


def openapi_parameter(field: Field) -> dict[str, Any]:
    """One query parameter's OpenAPI description, from its field with the server's limit."""
    field = server_field(field)
    text = field.help if field.item is None else f"{field.help}, each {field.item.allowed()}"
    text = text.replace("*", "\\*")  # the docs read descriptions as Markdown: w^2 - 0.4*w is not italics
    described = {"name": field.name, "in": "query", "required": False, "description": text}
    if field.kind == "list":
        described |= {"style": "form", "explode": False}
    schema = value_schema(field)
    if field.default is not None:
        schema["default"] = list(field.default) if field.kind == "list" else field.default
    return described | {"schema": schema}


def query_values(request: Request, allowed: tuple[str, ...]) -> dict[str, str]:
    """The request's query parameters by name; unknown or repeated ones are refused."""
    given: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed:
            shown = name if len(name) <= 40 else name[:40] + "…"  # a huge name is not worth echoing whole
            raise SettingError(
                shown,
                say("unknown parameter {name}: allowed are {allowed}", name=repr(shown), allowed=", ".join(allowed)),
            )
        if name in given:
            raise SettingError(name, say("{name} is given more than once: give it once", name=name))
        given[name] = value
    return given


def respond(request: Request, payload: Payload) -> Response:
    """Send the gzip form to clients that accept it, the plain bytes to the rest; remember it for replay."""
    remember(request.url.path, request.scope["query_string"], payload)
    headers = {"cache-control": "no-cache", "vary": "Accept-Encoding, Accept-Language"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["content-encoding"] = "gzip"
        return Response(payload.gzipped, media_type="application/json", headers=headers)
    return Response(payload.plain, media_type="application/json", headers=headers)


def cache_key(tool: Tool, request: Any) -> Hashable:
    """Where the settings cache keeps a tool's answer: its settings, and the language its words are in."""
    return (tool.key(request), current())


async def computed(tool: Tool, request: Any, gone: Callable[[], Awaitable[None]] | None = None) -> Payload:
    """The tool's answer: from the cache, or computed where the tool says (an engine process, or here); heavy work
    stops when `gone()` returns."""
    assert tool.compute is not None
    key = cache_key(tool, request)
    payload = cache.get(key)
    if payload is None:
        if tool.runs == "engine":
            payload = await engines.run(tool.compute, tool.cost, request, gone)
        else:
            payload = encode(tool.compute(request))
        cache.put(key, payload)
    return payload


async def disconnected(request: Request) -> None:
    """Return once the client has closed its connection (a GET has no body, so the next message says so)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def prewarm() -> None:
    """Compute every built-in curve's answers at startup, so the first page load finds them ready."""
    asks = [("landscapes", {})] + [(tool, {"landscape": name}) for name in LANDSCAPES for tool in ("landscape", "peek")]
    for tool, values in asks:
        await computed(TOOLS[tool], TOOLS[tool].request(values, SERVER_LIMITS))
    # Everything loaded so far lives as long as the server: kept out of the garbage collector's full passes, which
    # otherwise walk it all (a tenth of a second, while every request waits) when the first class arrives.
    gc.freeze()


ANY_LANGUAGE = {"parameters": [LANGUAGE_PARAMETER]}  # every request may say its language: web/language.py reads it


def wordy_get(path: str, summary: str, answer: str, tag: str = "engine") -> Callable[[Any], Any]:
    """A GET route that takes no settings, only the language of its words (422 for one it does not speak)."""
    responses = {**answered(answer), **refusals()}
    return router.get(path, summary=summary, tags=[tag], responses=responses, openapi_extra=ANY_LANGUAGE)


@lru_cache(maxsize=8)
def schema_in(language: str) -> dict[str, Any]:
    """/api/schema's answer with its words in `language`, made once per language."""
    with use(language):
        return settings_schema()


@wordy_get("/schema", "The settings schema and the server's limits", "schema")
async def schema() -> dict[str, Any]:
    """Every setting with its kind, default, allowed range or choices and help; the URL state uses the same."""
    return schema_in(current())


@wordy_get("/simulations", "The simulation pages", "simulations")
async def simulations() -> dict[str, Any]:
    """Every registered simulation page, as on the "All simulations" page."""
    return {"simulations": [sim.to_dict() for sim in SIMULATION_PAGES]}


@wordy_get("/three-runs/schema", "The three-runs page's settings", "three-runs-schema", tag="three runs")
async def three_runs_schema() -> dict[str, Any]:
    """The show's settings with their defaults and bounds (/api/schema's `tools` holds the same, in its shape)."""
    numbers = {
        name: {
            "default": f.default,
            "minimum": f.minimum,
            "maximum": f.maximum,
            "whole": f.kind == "int",
            "help": f.help_text(),
        }
        for name, f in SHOW_FIELDS.items()
        if name in TIMING
    }
    speeds = SHOW_FIELDS["speeds"]
    return {
        "landscape": {"default": FIELDS["landscape"].default, "choices": list(LANDSCAPES)},
        "start": {"default": None, "minimum": FIELDS["start"].minimum, "maximum": FIELDS["start"].maximum},
        "speeds": {"default": list(speeds.default), "most": speeds.maximum, "maximum": FIELDS["speed"].maximum},
        **numbers,
    }


def tool_route(tool: Tool) -> Callable[[Request], Awaitable[Response]]:
    """The route of one tool: its query checked by its fields, its answer computed and cached."""

    async def route(request: Request) -> Response:
        checked = tool.request(query_values(request, tool.parameters), SERVER_LIMITS)
        return respond(request, await computed(tool, checked, lambda: disconnected(request)))

    route.__name__ = tool.name.replace("-", "_")  # the OpenAPI operation's id
    return route


def add_tool_routes(into: APIRouter, tools: list[Tool]) -> None:
    """A GET route for each tool, its OpenAPI parameters generated from the tool's fields (server limits applied)."""
    for tool in tools:
        assert tool.path is not None
        into.add_api_route(
            tool.path.removeprefix("/api"),
            tool_route(tool),
            methods=["GET"],
            summary=tool.summary,
            description=tool.description,
            responses={**answered(tool.name), **refusals(*((503,) if tool.runs == "engine" else ()))},
            tags=[tool.tag],
            openapi_extra={"parameters": [*(openapi_parameter(f) for f in tool.fields.values()), LANGUAGE_PARAMETER]},
        )


add_tool_routes(router, api_tools())
