"""One error body: the API and the notebook widgets refuse the same bad request with the same bytes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from foggyhill.notebook.bridge import answer
from foggyhill.web.errors import error_body, error_of


def as_the_server_writes(body: dict[str, Any]) -> bytes:
    """JSON as the server's JSONResponse renders it (compact, UTF-8 as is)."""
    return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/landscape", {"formula": "w^^2"}),
        ("/api/descend", {"speed": "-1"}),
        ("/api/descend", {"steps": "20000"}),
        ("/api/descend", {"sped": "1"}),
        ("/api/peek", {"formula": "sin(w"}),
        ("/api/three-runs", {"speeds": "0.1,abc"}),
        ("/api/three-runs", {"intro": "99"}),
    ],
)
def test_the_api_and_the_widgets_refuse_in_the_same_bytes(client: Any, path: str, params: dict[str, str]) -> None:
    response = client.get(path, params=params)
    reply = answer({"type": "ask", "id": 1, "path": path, "params": params})
    assert response.status_code == 422 and reply is not None and reply["status"] == 422 and reply["ok"] is False
    assert response.content == as_the_server_writes({"error": reply["error"]})


def test_the_comparison_sees_a_different_body(client: Any) -> None:
    response = client.get("/api/descend", params={"speed": "-1"})
    reply = answer({"type": "ask", "id": 1, "path": "/api/descend", "params": {"speed": "-2"}})
    assert reply is not None and response.content != as_the_server_writes({"error": reply["error"]})


def test_the_body_names_the_field_the_words_and_the_position_in_that_order() -> None:
    class Refusal(Exception):
        field = "formula"
        position = 2

    assert list(error_of(Refusal("unexpected '^'"))["error"].items()) == [
        ("field", "formula"),
        ("message", "unexpected '^'"),
        ("position", 2),
    ]
    assert error_body(None, "busy") == {"error": {"field": None, "message": "busy", "position": None}}
