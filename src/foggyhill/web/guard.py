"""Who may drive the server: only its own host names, and POSTs only as JSON from its own pages.

A page on another site can make a learner's browser send a "simple" request (a form-like POST with `text/plain`) or,
after rebinding a name of its own to 127.0.0.1, any request at all (DNS rebinding). So every request must name one of
the server's hosts in its `Host` header, and a POST must be `application/json` (which no other site can send without
the browser asking first) from the server's own origin when the browser says where it comes from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from ..lang import _, say
from .errors import error_body

ALLOWED_HOSTS_ENV = "FOGGYHILL_ALLOWED_HOSTS"  # set by `foggyhill serve` for the server processes it starts
LOOPBACK = ("localhost", "127.0.0.1", "::1")
JSON_TYPE = "application/json"
POSTING = ("POST", "PUT", "PATCH", "DELETE")


def allowed_hosts(names: Iterable[str] | None = None) -> frozenset[str]:
    """The host names the server answers to: `names`, else the environment's list, else this computer's loopback."""
    if names is None:
        given = os.environ.get(ALLOWED_HOSTS_ENV, "")
        names = [name for name in given.split(",") if name.strip()] or LOOPBACK
    return frozenset(host_name(name) for name in names)


def host_name(value: str) -> str:
    """The name in a Host header or an origin's authority, without its port, brackets or case: `[::1]:80` → `::1`."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


class Guard:
    """Pure ASGI middleware: a request for another host gets 400; a cross-site or non-JSON POST gets 403 or 415."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.hosts = allowed_hosts(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        refusal = self.refusal(scope.get("method", "GET"), headers)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, message = refusal
        body = json.dumps(error_body(None, message)).encode()
        start = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": start})
        await send({"type": "http.response.body", "body": body})

    def refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str] | None:
        """Why this request is refused (a status and a sentence), or None when it may go on."""
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            names = ", ".join(sorted(self.hosts))
            named = repr(host) if host else _("no host")
            return 400, say(
                "this server answers only to {names} (the request named {named}); "
                "to open it under another name, start it with --allow-host NAME",
                names=names,
                named=named,
            )
        if method not in POSTING:
            return None
        origin = headers.get("origin")
        if origin is not None and not same_origin(origin, host):
            return 403, say(
                "requests from {origin} are refused: only this server's own pages may send it work", origin=origin
            )
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        carries_body = headers.get("content-length", "0") != "0" or "transfer-encoding" in headers
        if carries_body and kind != JSON_TYPE:  # no body, nothing to run: the route says 405 or what it wants
            got = kind or _("no content type")
            return 415, say("send the request as {kind} (got {got})", kind=JSON_TYPE, got=got)
        return None


def same_origin(origin: str, host: str) -> bool:
    """Whether a browser's Origin header (`http://127.0.0.1:8000`) names the host (and port) the request went to."""
    scheme, _, authority = origin.partition("://")
    return scheme in ("http", "https") and authority.lower() == host.strip().lower()
