"""The server's HTTP reader: uvicorn's httptools protocol, with limits on a request's head.

uvicorn reads a request's headers without a limit when it uses httptools: one 200 MB header kept a server busy for
a minute. Here the request line and headers may take at most MAX_HEAD_BYTES and MAX_HEADERS lines; beyond either the
client gets 431 with a sentence, and the connection is closed before more is read.
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ..lang import say
from .errors import error_body

MAX_HEAD_BYTES = 32 * 1024  # a browser's request head is about 1 KB; cookies could add a few
MAX_HEADERS = 100
LINGER_SECONDS = 2.0
STATUS_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\n"


class HeadTooLarge(Exception):
    """Raised from a parser callback: the request has too many header lines."""


class LimitedHttpTools(HttpToolsProtocol):
    """httptools' protocol, refusing with 431 a request head larger than MAX_HEAD_BYTES or MAX_HEADERS lines."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.head_bytes = 0
        self.head_lines = 0
        self.head_done = False
        self.refusal: str | None = None
        self.lingering = False

    def data_received(self, data: bytes) -> None:
        if self.lingering:
            return
        if not self.head_done:
            self.head_bytes += len(data)
            if self.head_bytes > MAX_HEAD_BYTES:
                self.refuse(
                    say("the request's headers are larger than {size} KB: send less", size=MAX_HEAD_BYTES // 1024)
                )
                return
        super().data_received(data)

    def on_message_begin(self) -> None:
        self.head_lines = 0
        super().on_message_begin()

    def on_header(self, name: bytes, value: bytes) -> None:
        self.head_lines += 1
        if self.head_lines > MAX_HEADERS:
            self.refusal = say("the request has more than {count} headers: send less", count=MAX_HEADERS)
            raise HeadTooLarge(self.refusal)  # httptools stops and uvicorn answers through send_400_response
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self.head_done = True
        self.head_bytes = 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self.head_done = False  # a kept-alive connection's next request has a head of its own
        super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        if self.refusal is None:
            super().send_400_response(msg)
        else:
            self.refuse(self.refusal)

    def refuse(self, reason: str) -> None:
        """Answer 431 with `reason` in the error body every API error has, and close the connection (said before any
        request is read, so in the server's language, not a request's)."""
        self.lingering = True
        body = json.dumps(error_body(None, reason)).encode()
        head = [STATUS_431]
        for name, value in self.server_state.default_headers:
            head += [name, b": ", value, b"\r\n"]
        head += [b"content-type: application/json\r\n", b"content-length: %d\r\n" % len(body), b"connection: close\r\n"]
        self.transport.write(b"".join([*head, b"\r\n", body]))
        # Closing with unread bytes would reset the connection and lose the answer: stop writing, read and drop
        # what is still coming for a moment (a "lingering close"), then close.
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)
