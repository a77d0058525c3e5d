"""Replaying finished API answers: a byte-identical request skips routing, checking and computing.

Only answers that were checked and computed in full (status 200) are remembered, keyed by path and query string;
the settings-keyed cache in api.py still serves the same settings written differently.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from ..lang import current
from .cache import Payload, ResponseCache, budget_bytes
from .headers import security_headers

REPLAYED_PATHS = frozenset({"/api/descend", "/api/landscape", "/api/landscapes", "/api/peek"})

answers = ResponseCache(budget=budget_bytes(32))


def remember(path: str, query: bytes, payload: Payload) -> None:
    """Keep a finished answer for replay (its words are in the request's language: that is part of the key)."""
    answers.put((path, query, current()), payload)


def accepts_gzip(scope: Scope) -> bool:
    """Whether the client said it takes gzip."""
    return any(name == b"accept-encoding" and b"gzip" in value for name, value in scope["headers"])


def answer_headers(path: str, body: bytes, gzipped: bool) -> list[tuple[bytes, bytes]]:
    """Every header of a JSON answer."""
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-cache"),
        (b"vary", b"Accept-Encoding, Accept-Language"),
        *security_headers(path),
    ]
    if gzipped:
        headers.append((b"content-encoding", b"gzip"))
    return headers


class Replay:
    """Pure ASGI middleware: answer a repeated GET from the remembered answers, pass everything else on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in REPLAYED_PATHS:
            payload = answers.get((scope["path"], scope["query_string"], current()))
            if payload is not None:
                gzipped = accepts_gzip(scope)
                body = payload.gzipped if gzipped else payload.plain
                headers = answer_headers(scope["path"], body, gzipped)
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
