"""The API at its edges: parameters an ordinary client never sends still get a 4xx naming them, never a 500."""

from __future__ import annotations

import subprocess
import sys

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


@pytest.mark.parametrize(
    ("query", "name", "words"),
    [
        ("speed=", "speed", "speed is empty: give a number greater than 0"),
        ("speed_max=", "speed_max", "speed_max is empty"),
        ("speed=1_0", "speed", "(got '1_0')"),
        ("steps=１０", "steps", "(got '１０')"),  # full-width digits
        ("speed=infinity", "speed", "(got 'infinity')"),
        ("landscape=", "landscape", "landscape is empty: give one of"),
    ],
)
def test_empty_values_underscores_and_other_digits_are_refused_as_the_command_line_refuses_them(
    client, query: str, name: str, words: str
) -> None:
    path = "/api/map" if name == "speed_max" else "/api/descend"
    response = client.get(f"{path}?{query}")
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == name and words in error["message"]
    flag = f"--{name.replace('_', '-')}={query.split('=', 1)[1]}"
    command = "map" if name == "speed_max" else "descend"
    done = subprocess.run([sys.executable, "-m", "foggyhill", command, flag], capture_output=True, text=True)
    said = "is empty" if words.endswith("is empty") or "is empty:" in words else words  # the CLI names the flag
    assert done.returncode == 2 and said in done.stderr, done.stderr


STUDIO_POSTS = [("/api/studio/check", {}), ("/api/studio/run", {}), ("/api/studio/export", {"to": "numpy"})]


@pytest.mark.parametrize(("path", "extra"), STUDIO_POSTS)
@pytest.mark.parametrize(("files", "got"), [(None, "null"), ([], "a list"), (0, "0"), ("", '""'), (False, "false")])
def test_files_that_are_not_an_object_are_refused_in_words(client, path: str, extra: dict, files, got: str) -> None:
    # The document says `files` is an object; null once stood for "no files" without a word (schemathesis: ST201).
    response = client.post(path, json={"source": "x = 1\n", "files": files, **extra})
    assert response.status_code == 422, response.text
    message = response.json()["error"]["message"]
    assert message.startswith("`files` must map file names to their text") and f"(got {got})" in message


def test_files_left_out_mean_no_files_and_upper_case_names_still_load(client) -> None:
    assert client.post("/api/studio/check", json={"source": "x = 1\n"}).json() == {"ok": True, "error": None}
    source = 'd = load "DATA.CSV", target: "y"\nshow d\n'
    answer = client.post("/api/studio/check", json={"source": source, "files": {"DATA.CSV": "x,y\n1,2\n2,3\n"}})
    assert answer.status_code == 200 and answer.json()["ok"], answer.text


@pytest.mark.parametrize(("path", "extra"), STUDIO_POSTS)
def test_a_program_longer_than_the_document_allows_is_a_422_before_any_work(client, path: str, extra: dict) -> None:
    from foggyhill.studio import MAX_SOURCE_CHARS

    schema = client.get("/openapi.json").json()["paths"][path]["post"]["requestBody"]["content"]
    assert schema["application/json"]["schema"]["properties"]["source"]["maxLength"] == MAX_SOURCE_CHARS
    response = client.post(path, json={"source": "x = 1\n" + " " * MAX_SOURCE_CHARS, **extra})
    assert response.status_code == 422, response.text  # was a 200 (or a stream) with a mistake at line 1
    assert response.json()["error"]["message"] == "the program is 20,006 characters long; Studio takes at most 20,000"


def test_a_descent_start_longer_than_documented_is_refused_on_a_curve_too(client) -> None:
    # Read as w on a curve, a 61-character start ("000…01") was taken although the document says at most 60.
    assert client.get("/api/descend", params={"start": "0" * 59 + "1", "steps": 2}).status_code == 200
    response = client.get("/api/descend", params={"start": "0" * 60 + "1", "steps": 2})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert (
        error["field"] == "start"
        and error["message"] == "start must be text of at most 60 characters (got 61 characters)"
    )
