"""Only the server's own hosts and pages may drive it: a rebound name, a cross-site POST or a form post is refused."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
from typing import Any
from urllib.parse import urlsplit

import pytest

from foggyhill.cli.serve import hosts_for
from foggyhill.web.guard import Guard, host_name

PROGRAM = 'print "ran"\n'


def test_the_loopback_names_are_answered_with_or_without_a_port(client: Any) -> None:
    for host in ("127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"):
        response = client.get("/api/schema", headers={"host": host})
        assert response.status_code == 200, host


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "[::2]:80"])
def test_another_host_is_refused_in_words(client: Any, host: str) -> None:
    # DNS rebinding: a site points its own name at 127.0.0.1; the browser then sends that name as the Host
    response = client.get("/api/descend", headers={"host": host})
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "answers only to 127.0.0.1, ::1, localhost" in message and "--allow-host" in message


def test_a_cross_site_simple_post_does_not_run_the_program(client: Any) -> None:
    # what any page a learner visits can send without the browser asking first
    body = json.dumps({"source": PROGRAM})
    for headers in (
        {"content-type": "text/plain", "origin": "http://evil.example"},
        {"content-type": "application/json", "origin": "http://evil.example"},
        {"content-type": "application/json", "origin": "null"},  # a sandboxed frame or a file
        {"content-type": "application/json", "origin": "http://127.0.0.1:9999"},  # another port is another site
    ):
        response = client.post("/api/studio/run", content=body, headers=headers)
        assert response.status_code == 403, headers
        assert "only this server's own pages" in response.json()["error"]["message"]
        assert "ran" not in response.text


def test_a_post_that_is_not_json_is_refused_even_without_an_origin(client: Any) -> None:
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None):
        headers = {"content-type": kind} if kind else {}
        response = client.post("/api/studio/check", content=json.dumps({"source": PROGRAM}), headers=headers)
        assert response.status_code == 415, kind
        assert "application/json" in response.json()["error"]["message"]


def test_the_pages_own_posts_go_through(client: Any) -> None:
    headers = {"origin": "http://127.0.0.1", "content-type": "application/json; charset=utf-8"}
    response = client.post("/api/studio/check", content=json.dumps({"source": PROGRAM}), headers=headers)
    assert response.status_code == 200 and response.json()["ok"] is True
    assert client.post("/api/studio/check", json={"source": PROGRAM}).status_code == 200  # no Origin: not a browser


def test_host_names_are_read_as_a_browser_writes_them() -> None:
    assert host_name("Example.COM:8000") == "example.com"
    assert host_name("[::1]:8000") == "::1" and host_name("::1") == "::1"
    assert Guard(app=None, hosts=["classroom.local"]).hosts == {"classroom.local"}  # type: ignore[arg-type]


def test_serving_a_class_answers_the_machines_names_and_the_teachers_extra_ones() -> None:
    alone = hosts_for("127.0.0.1", [])
    assert alone == ["127.0.0.1", "::1", "localhost"]
    everyone = hosts_for("0.0.0.0", ["classroom.local"])
    assert {"127.0.0.1", "localhost", "classroom.local"} <= set(everyone) and "0.0.0.0" not in everyone
    assert socket.gethostname().lower() in everyone


def _get(url: str, host: str) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.request("GET", "/api/schema", headers={"Host": host})
    status = connection.getresponse().status
    connection.close()
    return status


def test_foggyhill_serve_refuses_other_hosts_unless_allowed(serve: Any) -> None:
    served = serve("--port", "0", "--allow-host", "Classroom.Local")
    assert served.url, served.first_line
    port = urlsplit(served.url).port
    assert _get(served.url, f"127.0.0.1:{port}") == 200
    assert _get(served.url, f"classroom.local:{port}") == 200
    assert _get(served.url, "evil.example") == 400


def test_a_bad_allow_host_is_refused_with_what_is_allowed() -> None:
    command = [sys.executable, "-m", "foggyhill", "serve", "--port", "0", "--allow-host", "evil example/"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "allow-host must be a host name or address such as classroom.local" in done.stderr


def _head(url: str, head: bytes) -> bytes:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as sock:
        sock.sendall(head)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def test_a_huge_or_crowded_request_head_gets_431_and_the_server_keeps_answering(serve: Any) -> None:
    from foggyhill.web.http_limits import MAX_HEAD_BYTES, MAX_HEADERS

    served = serve("--port", "0")
    assert served.url, served.first_line
    port = urlsplit(served.url).port
    start = f"GET /api/schema HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode()
    huge = start + b"X-Big: " + b"a" * (4 * MAX_HEAD_BYTES) + b"\r\n\r\n"
    crowded = start + b"".join(b"X-%d: 1\r\n" % k for k in range(MAX_HEADERS + 1)) + b"\r\n"
    for head, words in ((huge, b"headers are larger than 32 KB"), (crowded, b"more than 100 headers")):
        answer = _head(served.url, head)
        assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
        assert words in answer and b'"error"' in answer
    fine = start + b"".join(b"X-%d: 1\r\n" % k for k in range(MAX_HEADERS - 2)) + b"Connection: close\r\n\r\n"
    assert _head(served.url, fine).startswith(b"HTTP/1.1 200 ")
