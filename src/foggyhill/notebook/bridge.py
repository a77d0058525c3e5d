"""The kernel side of the widgets' requests: the same answers as the web API, computed here with the engine.

A widget's front end asks `{"type": "ask", "id", "path", "params"}` over its comm; `answer` replies with the JSON
text the server would send for that path (or the server's error shape), so the page's modules need no server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..core import DescentSettings, FoggyhillError, SettingError, parse_settings
from ..lang import _, say
from ..web.answers import encode
from ..web.errors import error_of
from ..web.schema import SERVER_LIMITS, settings_schema
from ..web.tools import api_tools

__all__ = ["ENDPOINTS", "answer", "ask"]

Endpoint = tuple[tuple[str, ...], Callable[[Mapping[str, str]], Any]]

# Every GET tool of the registry, answered here with the server's limits, and the schema.
ENDPOINTS: dict[str, Endpoint] = {
    "/api/schema": ((), lambda _: settings_schema()),
    **{
        tool.path: (tool.parameters, lambda params, tool=tool: tool.answer(params, SERVER_LIMITS))
        for tool in api_tools()
        if tool.path
    },
}


def ask(path: str, params: Mapping[str, Any]) -> str:
    """The JSON text for a request; bad paths and parameters raise SettingError naming what is allowed."""
    if path not in ENDPOINTS:
        raise SettingError(
            "path", say("no such request {path}: allowed are {allowed}", path=repr(path), allowed=", ".join(ENDPOINTS))
        )
    allowed, compute = ENDPOINTS[path]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        names = ", ".join(allowed) or _("none")
        raise SettingError(
            unknown[0], say("unknown parameter {name}: allowed are {allowed}", name=repr(unknown[0]), allowed=names)
        )
    return encode(compute(dict(params))).plain.decode()


def answer(content: Mapping[str, Any], asker: Callable[[str, Mapping[str, Any]], str] = ask) -> dict[str, Any] | None:
    """The reply to one comm message (the JSON text from `asker`), or None when it is not a request."""
    if not isinstance(content, Mapping) or content.get("type") != "ask":
        return None
    reply: dict[str, Any] = {"type": "answer", "id": content.get("id")}
    params = content.get("params")
    try:
        if not isinstance(params, Mapping):
            said = say("the parameters must be a mapping of names to values (got {params})", params=repr(params))
            raise SettingError("params", said)
        reply.update(ok=True, body=asker(str(content.get("path")), params))
    except FoggyhillError as error:
        reply.update(ok=False, status=422, **error_of(error))
    return reply


def checked(values: Mapping[str, Any]) -> DescentSettings:
    """A widget's settings checked by the one schema, with the server's limits (at most 10,000 steps)."""
    return parse_settings({k: v for k, v in values.items() if v is not None}, SERVER_LIMITS)
