"""The headers every answer carries: the security policy, who may frame it, and cache rules for static files."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# frame-ancestors is not covered by default-src: without it any site could frame a page under a decoy (clickjacking).
CSP = "default-src 'self'; frame-ancestors 'self'"
# Swagger UI at /docs (vendored, served from here) sets style attributes and draws icons from data: URIs.
DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'"
# A simulation's embed form (`/sim/<slug>?embed=1`) is made to sit in a teacher's course page, on any site.
EMBED_CSP = "default-src 'self'; frame-ancestors *"
EMBEDDABLE = ("/sim/", "/studio")  # the simulation pages, and Studio's own address beside /sim/studio
STATIC_CACHE = "no-cache"  # files change while the app is developed: always revalidate (ETag makes it a cheap 304)
SECURITY: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
# For browsers that predate frame-ancestors; left off embed forms, which any site may frame.
SAME_ORIGIN_FRAMES = (b"x-frame-options", b"SAMEORIGIN")


def is_embed(path: str, query: str | bytes = "") -> bool:
    """Whether a request asks for a simulation's embed form: `/sim/<slug>?embed=1` (or `/studio?embed=1`)."""
    text = query.decode("latin-1") if isinstance(query, bytes) else query
    page = path.startswith(EMBEDDABLE[0]) or path == EMBEDDABLE[1]
    return page and ("embed", "1") in parse_qsl(text)


def security_headers(path: str, query: str | bytes = "") -> list[tuple[bytes, bytes]]:
    """The security headers for an answer at `path` with this query string."""
    if is_embed(path, query):
        return [(b"content-security-policy", EMBED_CSP.encode()), *SECURITY]
    policy = DOCS_CSP if path.startswith("/docs") else CSP
    return [(b"content-security-policy", policy.encode()), *SECURITY, SAME_ORIGIN_FRAMES]


class Headers:
    """Pure ASGI middleware adding the security headers to every answer, and cache rules to static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = security_headers(path, scope.get("query_string", b""))
        static = path.startswith(("/static/", "/apidocs/"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *extra]
                if static and not any(name == b"cache-control" for name, _ in headers):
                    headers.append((b"cache-control", STATIC_CACHE.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
