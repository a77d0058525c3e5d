"""The API at its edges: parameters an ordinary client never sends still get a 4xx naming them, never a 500."""

from __future__ import annotations

import pytest

HUGE = "9" * 400  # a whole number with more digits than any float holds


@pytest.mark.parametrize(
    ("path", "name"),
    [("/api/descend", "steps"), ("/api/descend", "seed"), ("/api/map", "speeds"), ("/api/bifurcation", "keep")],
)
def test_a_whole_number_too_big_for_a_float_is_a_named_422(client, path: str, name: str) -> None:
    response = client.get(path, params={name: HUGE})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == name and "whole number" in error["message"]


@pytest.mark.parametrize("path", ["/api/studio/check", "/api/studio/run"])
def test_a_studio_request_nested_too_deep_for_the_json_reader_is_a_422(client, path: str) -> None:
    body = b"[" * 100_000 + b"]" * 100_000  # within the size limit, but deeper than Python's recursion limit
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert "must be JSON" in response.json()["error"]["message"]


def test_a_very_long_unknown_parameter_is_named_briefly_not_echoed_whole(client) -> None:
    name = "a" * 50_000
    response = client.get(f"/api/descend?{name}=1")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"].startswith("unknown parameter 'aaaa") and "allowed are landscape" in error["message"]
    assert len(response.content) < 1_000  # the answer stays small whatever the client sends


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("POST", "/api/descend", "GET"), ("DELETE", "/api/schema", "GET"), ("GET", "/api/studio/run", "POST")],
)
def test_a_wrong_method_is_told_which_one_is_allowed(client, method: str, path: str, allowed: str) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.json()["error"]["message"] == f"{method} is not allowed at {path}: use {allowed}"


def test_an_upload_name_too_long_says_the_limit(client) -> None:
    name = "a" * 200 + ".csv"
    response = client.post("/api/studio/check", json={"source": "x = 1", "files": {name: "x,y\n1,2\n"}})
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "at most 100 characters" in message and "204" in message
