"""The JSON API: every endpoint, and every way a parameter can be refused."""

from __future__ import annotations

import json
import math
import time

import pytest

import foggyhill
from foggyhill.core import FIELDS, LANDSCAPES, get_landscape, peek
from foggyhill.web import api, replay
from foggyhill.web.cache import ResponseCache
from foggyhill.web.tools import TOOLS


def strict_json(text: str) -> object:
    """Decode JSON, failing on NaN or Infinity (which browsers' JSON.parse refuses)."""

    def refuse(name: str) -> None:
        raise AssertionError(f"the JSON holds {name}")

    return json.loads(text, parse_constant=refuse)


def refused(client, url: str) -> dict:
    """The error a refused request carries (asserting the 422 and the error shape)."""
    response = client.get(url)
    assert response.status_code == 422, response.text
    error = strict_json(response.text)["error"]
    assert set(error) == {"field", "message", "position"}
    return error


def test_schema_comes_from_the_one_settings_schema(client) -> None:
    body = client.get("/api/schema").json()
    assert list(body["fields"]) == list(FIELDS)
    assert body["limits"] == {"steps": 10_000, "formula": 200}
    speed = body["fields"]["speed"]
    assert speed == {
        "kind": "float",
        "default": 0.1,
        "minimum": 0,
        "maximum": 100,
        "above_minimum": True,
        "choices": [],
        "help": FIELDS["speed"].help,
    }
    assert body["fields"]["steps"]["maximum"] == 10_000  # the server's limit, not the command line's
    assert body["fields"]["landscape"]["choices"] == list(LANDSCAPES)


def test_every_built_in_landscape_is_listed_with_its_curve(client) -> None:
    body = strict_json(client.get("/api/landscapes").text)
    assert [land["name"] for land in body["landscapes"]] == list(LANDSCAPES)
    for land in body["landscapes"]:
        assert len(land["curve"]["w"]) == len(land["curve"]["loss"]) == 401
        assert land["curve"]["w"][0] == land["window"][0] and land["curve"]["w"][-1] == land["window"][1]
        assert len(land["minima"]) == len(get_landscape(land["name"]).minima)


def test_a_landscape_carries_its_dips_bounds_and_sampled_loss(client) -> None:
    land = strict_json(client.get("/api/landscape?landscape=tilted-double-well").text)
    assert set(land) == {"name", "title", "formula", "description", "window", "start", "minima", "maxima", "curve"}
    assert land["window"] == [-2.2, 2.2] and land["start"] == -2.0
    lowest = next(m for m in land["minima"] if m["global"])
    assert lowest["w"] == pytest.approx(1.2345, abs=1e-4)
    assert lowest["stability_bound"] == pytest.approx(2 / lowest["curvature"])
    assert lowest["fastest_stable_speed"] == pytest.approx(1 / lowest["curvature"])
    assert [m["global"] for m in land["minima"]].count(True) == 1
    assert len(land["maxima"]) == 1 and set(land["maxima"][0]) == {"w", "loss"}
    middle = land["curve"]["w"][200]
    assert middle == pytest.approx(0.0, abs=1e-12)
    assert land["curve"]["loss"][100] == pytest.approx(float(get_landscape("tilted-double-well").loss(-1.1)), rel=1e-6)


def test_a_typed_formula_becomes_a_landscape(client) -> None:
    land = strict_json(client.get("/api/landscape", params={"formula": "(w-1)^2", "start": "2.5"}).text)
    assert land["name"] == "formula" and land["formula"] == "(w - 1)^2"
    assert land["start"] == 2.5
    assert land["minima"][0]["w"] == pytest.approx(1.0) and land["minima"][0]["stability_bound"] == pytest.approx(1.0)


def test_a_formula_undefined_somewhere_samples_null_not_nan(client) -> None:
    land = strict_json(client.get("/api/landscape", params={"formula": "log(w)", "start": "1"}).text)
    losses = land["curve"]["loss"]
    assert losses[0] is None and losses[-1] == pytest.approx(math.log(3), rel=1e-6)


def test_descend_is_the_engines_run(client) -> None:
    body = strict_json(client.get("/api/descend?start=-2&speed=0.46&steps=30").text)
    assert body == foggyhill.descend(start=-2, speed=0.46, steps=30).to_dict()
    assert body["steps"][1]["w"] == pytest.approx(0.76)
    assert body["verdict"]["kind"] == "converged-global"
    assert body["verdict"]["headline"] == "Settled at the lowest point"
    assert set(body["steps"][0]) == {"step", "w", "loss", "slope", "taken"}


def test_every_setting_reaches_the_run(client) -> None:
    params = {
        "landscape": "wavy",
        "start": "3",
        "speed": "0.05",
        "steps": "40",
        "optimizer": "momentum",
        "seed": "7",
        "noise": "0.5",
        "schedule": FIELDS["schedule"].choices[-1],
        "from_step": "3",
    }
    body = client.get("/api/descend", params=params).json()
    assert body["settings"] == {**{k: type(FIELDS[k].default or 0.0)(v) for k, v in params.items()}, "formula": None}
    assert len(body["steps"]) == 41


def test_a_run_that_flies_off_holds_only_real_numbers(client) -> None:
    body = strict_json(client.get("/api/descend?landscape=steep-walls&start=2&speed=5").text)
    assert body["verdict"]["kind"] == "diverged"
    assert body["verdict"]["headline"] == "Flew off: the steps grew without bound"


def test_a_typed_formula_runs(client) -> None:
    body = client.get("/api/descend", params={"formula": "w^2", "start": "1", "speed": "0.25", "steps": "3"}).json()
    assert [round(s["w"], 9) for s in body["steps"]] == [1.0, 0.5, 0.25, 0.125]
    assert body["landscape"] == "formula"


def test_peek_takes_the_start_a_typed_formula_needs(client) -> None:
    assert client.get("/api/peek", params={"formula": "log(w)", "start": "-2"}).status_code == 422  # undefined there
    assert client.get("/api/peek", params={"formula": "log(w)"}).status_code == 200  # no start: a defined one
    body = client.get("/api/peek", params={"formula": "log(w)", "start": "1"}).json()
    assert body["landscape"] == "formula" and len(body["rows"]) == 7


def test_peek_is_the_engines_table(client) -> None:
    body = client.get("/api/peek?landscape=wavy").json()
    assert body == {"rows": peek(get_landscape("wavy")), "landscape": "wavy"}
    typed = client.get("/api/peek", params={"formula": "w^2"}).json()
    assert typed["landscape"] == "formula" and typed["rows"][0] == {"w": -3.0, "loss": 9.0}


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("speed=abc", "speed", "speed must be a number greater than 0 and at most 100 (got 'abc')"),
        ("speed=0", "speed", "greater than 0"),
        ("speed=nan", "speed", "at most 100"),
        ("start=2000", "start", "at least -1000 and at most 1000"),
        ("steps=2.5", "steps", "a whole number"),
        ("seed=-1", "seed", "at least 0"),
        ("noise=-0.1", "noise", "at least 0 and at most 100"),
        ("optimizer=adamw", "optimizer", "optimizer must be one of " + ", ".join(FIELDS["optimizer"].choices)),
        ("schedule=wobbly", "schedule", "schedule must be one of"),
        ("landscape=everest", "landscape", "landscape must be one of tilted-double-well, bowl"),
    ],
)
def test_a_bad_setting_names_itself_and_what_is_allowed(client, query: str, field: str, words: str) -> None:
    error = refused(client, f"/api/descend?{query}")
    assert error["field"] == field and words in error["message"] and error["position"] is None


def test_too_many_steps_are_refused(client) -> None:
    error = refused(client, "/api/descend?steps=10001")
    assert error == {
        "field": "steps",
        "message": "steps must be a whole number at least 0 and at most 10000 (got '10001')",
        "position": None,
    }
    assert client.get("/api/descend?steps=10000&landscape=bowl").status_code == 200


def test_a_too_long_formula_is_refused_before_parsing(client) -> None:
    error = refused(client, "/api/descend?formula=" + "w+" * 100 + "w")
    assert error["field"] == "formula" and "at most 200 characters" in error["message"]
    assert "201 characters" in error["message"]


def test_a_formula_that_does_not_parse_points_at_the_mistake(client) -> None:
    for url in ("/api/descend", "/api/landscape", "/api/peek"):
        error = refused(client, f"{url}?formula=w%5E2%20%2B%20*%203")  # "w^2 + * 3"
        assert error["field"] == "formula" and error["position"] == 6, error


def test_a_formula_undefined_at_the_start_says_so(client) -> None:
    error = refused(client, "/api/descend?formula=log(w)&start=-1")
    assert error["field"] == "formula"
    assert "undefined at the start w = -1" in error["message"] and "log(w) needs w > 0" in error["message"]


def test_a_start_outside_a_formulas_window_is_refused(client) -> None:
    error = refused(client, "/api/landscape?formula=w%5E2&start=5")
    assert error["field"] == "start" and "[-3, 3]" in error["message"]


def would_leave_a_mark(folder) -> list[str]:
    """Texts that create a file in `folder` if anything hands them to Python's eval or exec, or to a shell."""
    return [
        f"open({str(folder / 'eval')!r}, 'w')",
        f"__import__('os').mkdir({str(folder / 'import')!r})",
        f"exec(\"open({str(folder / 'exec')!r}, 'w')\")",
        f"$(touch {folder / 'shell'})",
        f"`touch {folder / 'backticks'}`; touch {folder / 'semicolon'}",
    ]


def test_user_text_is_never_executed(client, tmp_path) -> None:
    texts = would_leave_a_mark(tmp_path)
    for text in texts:
        assert len(text) <= api.SERVER_LIMITS["formula"]  # refused for its meaning, not its length
        for path in ("/api/descend", "/api/landscape", "/api/peek", "/api/map", "/api/bifurcation"):
            response = client.get(path, params={"formula": text})
            assert response.status_code == 422, (path, text)
            assert response.json()["error"]["field"] == "formula", (path, text)
        response = client.get("/api/three-runs", params={"speeds": text})
        assert response.status_code == 422 and response.json()["error"]["field"] == "speeds", text
        response = client.post("/api/studio/check", json={"source": text})
        assert response.json()["ok"] is False, text
        cell = '"' + text.replace('"', '""') + '"'  # one CSV cell holding the whole text
        program = {"source": f'{text}\nd = load "a.csv", target: "y"\n', "files": {"a.csv": f"x,y\n{cell},1\n"}}
        with client.stream("POST", "/api/studio/run", json=program) as answer:
            lines = [json.loads(line) for line in answer.iter_lines() if line.strip()]
        assert [event["type"] for event in lines] == ["error"], text
        program["source"] = 'd = load "a.csv", target: "y"\n'  # the file's text alone: read as data, not run
        with client.stream("POST", "/api/studio/run", json=program) as answer:
            lines = [json.loads(line) for line in answer.iter_lines() if line.strip()]
        assert lines[-1]["type"] == "error" and "not a number" in lines[-1]["message"], text
    # Every answer above came after the work was done, so a mark made by any of them would be here by now.
    assert sorted(path.name for path in tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        (
            "/api/descend?sped=1",
            "landscape, formula, start, speed, steps, optimizer, seed, noise, schedule, from_step, challenge, goal",
        ),
        ("/api/landscape?speed=1", "landscape, formula, start"),
        ("/api/peek?speed=1", "landscape, formula, start"),
        ("/api/landscapes?landscape=bowl", ""),
    ],
)
def test_an_unknown_parameter_is_refused(client, url: str, allowed: str) -> None:
    name = url.split("?")[1].split("=")[0]
    error = refused(client, url)
    assert error["field"] == name
    assert error["message"] == f"unknown parameter {name!r}: allowed are {allowed}"


def test_a_parameter_given_twice_is_refused(client) -> None:
    error = refused(client, "/api/descend?speed=0.1&speed=0.2")
    assert error["field"] == "speed" and "more than once" in error["message"]


def test_an_unknown_api_path_answers_json(client) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Not Found"


def test_answers_are_compressed_for_clients_that_accept_gzip(client) -> None:
    zipped = client.get("/api/landscapes", headers={"accept-encoding": "gzip"})
    plain = client.get("/api/landscapes", headers={"accept-encoding": "identity"})
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert int(zipped.headers["content-length"]) < int(plain.headers["content-length"]) / 2
    assert zipped.json() == plain.json()


def test_repeated_requests_are_replayed_whole(client) -> None:
    url = "/api/descend?landscape=plateau&speed=0.7&steps=321"
    first = client.get(url)
    hits = replay.answers.hits
    again = client.get(url)
    assert replay.answers.hits == hits + 1
    assert again.content == first.content
    assert {k: v for k, v in again.headers.items() if k != "date"} == {
        k: v for k, v in first.headers.items() if k != "date" and k != "server"
    }


def test_the_cache_keys_on_checked_settings(client) -> None:
    client.get("/api/descend?landscape=bowl&speed=0.3&steps=12")
    hits = api.cache.hits
    client.get("/api/descend?steps=12&speed=0.30&landscape=bowl")  # same settings, written differently
    assert api.cache.hits == hits + 1


def test_a_replayed_answer_respects_the_clients_encoding(client) -> None:
    url = "/api/peek?landscape=plateau"
    zipped = client.get(url, headers={"accept-encoding": "gzip"})
    plain = client.get(url, headers={"accept-encoding": "identity"})
    assert zipped.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert zipped.json() == plain.json()
    assert plain.headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'self'"


@pytest.mark.parametrize(
    ("url", "field", "fixed"),
    [
        ("/api/descend?speed=-1", "speed", "/api/descend?speed=1"),  # refused at the door
        ("/api/descend?formula=log(w)&start=-2", "formula", "/api/descend?formula=log(w)&start=2"),  # by the engine
        ("/api/peek?formula=sqrt(w)&start=-1", "formula", "/api/peek?formula=sqrt(w)&start=1"),
        ("/api/map?steps=0", "steps", "/api/map?steps=1"),
    ],
)
def test_a_refused_request_is_never_remembered(client, url: str, field: str, fixed: str) -> None:
    first = client.get(url, headers={"accept-encoding": "identity"})
    assert first.status_code == 422 and first.json()["error"]["field"] == field
    for encoding in ("identity", "gzip", "identity"):  # a remembered refusal would be replayed, as a 200
        again = client.get(url, headers={"accept-encoding": encoding})
        assert (again.status_code, again.json()) == (422, first.json())
    assert client.get(fixed).status_code == 200  # and the refusal left nothing behind for a good request


def test_the_built_in_curves_are_computed_at_startup(client, monkeypatch: pytest.MonkeyPatch) -> None:
    # An earlier test may have asked for the same address: its replayed answer would never reach the settings cache.
    monkeypatch.setattr(replay, "answers", ResponseCache(budget=replay.answers.budget))
    deadline = time.monotonic() + 60  # not a speed check: how long to wait for the background work at most
    tool = TOOLS["landscape"]
    key = api.cache_key(tool, tool.request({"landscape": "v-shape"}, api.SERVER_LIMITS))  # as warm-up fills it
    while key not in api.cache._items and time.monotonic() < deadline:
        time.sleep(0.05)
    assert key in api.cache._items  # a key of another shape would wait out the deadline and prove nothing
    hits = api.cache.hits
    assert client.get("/api/landscape?landscape=v-shape").json()["name"] == "v-shape"
    assert api.cache.hits == hits + 1  # found ready, not computed on request
