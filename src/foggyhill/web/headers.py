"""The headers every answer carries: the security policy, and cache rules for static files."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "default-src 'self'"
# Swagger UI at /docs (vendored, served from here) sets style attributes and draws icons from data: URIs.
DOCS_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
STATIC_CACHE = "no-cache"  # files change while the app is developed: always revalidate (ETag makes it a cheap 304)
SECURITY: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    """The security headers for an answer at `path`."""
    policy = DOCS_CSP if path.startswith("/docs") else CSP
    return [(b"content-security-policy", policy.encode()), *SECURITY]


class Headers:
    """Pure ASGI middleware adding the security headers to every answer, and cache rules to static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = security_headers(path)
        static = path.startswith(("/static/", "/apidocs/"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *extra]
                if static and not any(name == b"cache-control" for name, _ in headers):
                    headers.append((b"cache-control", STATIC_CACHE.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
