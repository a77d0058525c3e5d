"""The kernel answers the widgets' requests with the same JSON as the web API, and refuses bad ones the same way."""

from __future__ import annotations

import json
import re

import pytest

from foggyhill.core import DescentSettings, SettingError
from foggyhill.notebook.bridge import ENDPOINTS, answer, ask
from foggyhill.web.answers import descend_data, encode
from foggyhill.web.api import SERVER_LIMITS


def test_a_run_is_the_apis_bytes() -> None:
    body = ask("/api/descend", {"speed": "0.46", "start": "-2", "steps": "30"})
    expected = encode(descend_data(DescentSettings(speed=0.46, start=-2.0, steps=30))).plain.decode()
    assert body == expected
    assert json.loads(body)["verdict"]["kind"] == "converged-global"


def test_every_page_request_has_an_answer() -> None:
    assert set(ENDPOINTS) >= {"/api/schema", "/api/landscapes", "/api/landscape", "/api/descend", "/api/peek"}
    schema = json.loads(ask("/api/schema", {}))
    assert schema["limits"] == SERVER_LIMITS
    assert schema["fields"]["steps"]["maximum"] == SERVER_LIMITS["steps"]
    names = [land["name"] for land in json.loads(ask("/api/landscapes", {}))["landscapes"]]
    assert "tilted-double-well" in names
    show = json.loads(ask("/api/three-runs", {"speeds": "0.1,0.46", "steps": "5"}))
    assert [run["speed"] for run in show["runs"]] == [0.1, 0.46]


def test_each_request_takes_the_apis_parameters() -> None:
    from foggyhill.web import create_app

    document = create_app().openapi()
    served = {path for path, methods in document["paths"].items() if "get" in methods}
    # every GET the server answers with a computation, the widgets answer too (the rest are lists and pages' data)
    assert served - set(ENDPOINTS) == {"/api/simulations", "/api/studio/examples", "/api/three-runs/schema"}
    for path, (allowed, _) in ENDPOINTS.items():
        # `lang` is the server's, read before any route: a widget speaks its kernel's language
        documented = tuple(p["name"] for p in document["paths"][path]["get"]["parameters"] if p["name"] != "lang")
        assert allowed == documented, path


def test_the_widgets_map_is_the_apis_map() -> None:
    from fastapi.testclient import TestClient

    from foggyhill.web import create_app

    query = {"landscape": "wavy", "speeds": "12", "starts": "9", "steps": "40"}
    with TestClient(create_app(), base_url="http://127.0.0.1") as client:
        served = client.get("/api/map", params=query)
    assert served.status_code == 200
    assert json.loads(ask("/api/map", query)) == served.json()


def test_a_reply_carries_the_request_id() -> None:
    reply = answer({"type": "ask", "id": "v:7", "path": "/api/peek", "params": {"landscape": "tilted-double-well"}})
    assert reply is not None
    assert reply["id"] == "v:7" and reply["ok"] is True
    assert json.loads(reply["body"])["rows"]


def test_other_messages_are_not_requests() -> None:
    assert answer({"type": "something else"}) is None
    assert answer("not even a mapping") is None  # type: ignore[arg-type]


def test_a_refusal_has_the_servers_error_shape() -> None:
    reply = answer({"type": "ask", "id": 1, "path": "/api/landscape", "params": {"formula": "w^^2"}})
    assert reply is not None and reply["ok"] is False and reply["status"] == 422
    assert reply["error"]["field"] == "formula"
    assert reply["error"]["position"] == 2
    assert "unexpected '^'" in reply["error"]["message"]


@pytest.mark.parametrize(
    ("path", "params", "words"),
    [
        ("/api/descend", {"speed": "-1"}, "speed must be a number greater than 0"),
        ("/api/descend", {"steps": "20000"}, "at most 10000"),
        ("/api/descend", {"sped": "1"}, "unknown parameter 'sped'"),
        ("/api/landscape", {"speed": "1"}, "unknown parameter 'speed': allowed are landscape, formula, start"),
        ("/api/nothing", {}, "no such request '/api/nothing'"),
    ],
)
def test_bad_requests_name_the_value_and_what_is_allowed(path: str, params: dict[str, str], words: str) -> None:
    with pytest.raises(SettingError, match=re.escape(words)):
        ask(path, params)
    reply = answer({"type": "ask", "id": 1, "path": path, "params": params})
    assert reply is not None and not reply["ok"] and words in reply["error"]["message"]


def test_parameters_must_be_a_mapping() -> None:
    reply = answer({"type": "ask", "id": 1, "path": "/api/descend", "params": ["speed", 1]})
    assert reply is not None and reply["error"]["field"] == "params"
