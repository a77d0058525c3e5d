"""Which language a request is answered in: `?lang=`, else `foggyhill --lang`, else the browser's Accept-Language,
else the machine's LANG, else English (foggyhill.lang.pick).

The parameter is taken out of the query here, so no route has to know about it; the answer says its language in
`Content-Language`, and the caches key on it. A language foggyhill does not speak is refused with a sentence.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..lang import LanguageError, pick, use
from .errors import error_body

PARAMETER = "lang"
_in_link: ContextVar[bool] = ContextVar("foggyhill_lang_in_link", default=False)


def in_link() -> bool:
    """Whether this request named its language in its link (`?lang=`): the pages it links to must name it too."""
    return _in_link.get()


def split_language(query: bytes) -> tuple[str | None, bytes]:
    """The query's `lang` (None when absent) and the query without it (untouched when it has none)."""
    if b"lang=" not in query:
        return None, query
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    asked = [value for name, value in pairs if name == PARAMETER]
    rest = [(name, value) for name, value in pairs if name != PARAMETER]
    return (asked[-1] if asked else None), urlencode(rest).encode("latin-1")


def accept_language(scope: Scope) -> str | None:
    """The request's Accept-Language header, if it has one."""
    for name, value in scope["headers"]:
        if name == b"accept-language":
            header: str = value.decode("latin-1")
            return header
    return None


class Language:
    """Pure ASGI middleware: every word said while answering a request is in the language it asked for."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked, query = split_language(scope["query_string"])
        try:
            language = pick(asked or None, accept_language(scope))
        except LanguageError as error:
            body = json.dumps(error_body(PARAMETER, str(error))).encode()
            start = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 422, "headers": start})
            await send({"type": "http.response.body", "body": body})
            return
        if query is not scope["query_string"]:
            scope = {**scope, "query_string": query}
        said = language.encode()

        async def saying(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"content-language", said)]
            await send(message)

        token = _in_link.set(bool(asked))
        try:
            with use(language):
                await self.app(scope, receive, saying)
        finally:
            _in_link.reset(token)
