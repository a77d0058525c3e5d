"""A challenge named in /api/descend's query: the engine's judgement in the answer, refusals in words, the schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from foggyhill.core import CHALLENGES, Challenge, descend
from foggyhill.web.costs import descend_cost
from foggyhill.web.tools import TOOLS


def refused(client, query: str) -> dict:
    """The error of a refused descend request (asserting the 422)."""
    response = client.get(f"/api/descend?{query}")
    assert response.status_code == 422, response.text
    return response.json()["error"]


def test_the_answer_carries_the_engines_judgement_when_met(client) -> None:
    body = client.get("/api/descend?challenge=settle-within&goal=40&speed=0.5&start=-2").json()
    run = descend("tilted-double-well", speed=0.5, start=-2)
    assert body["verdict"]["kind"] == run.verdict.kind
    assert body["challenge"] == {
        "kind": "settle-within",
        "goal": 40,
        "task": "Settle at the lowest point in at most 40 steps.",
        "met": True,
        "headline": "Challenge met",
        "progress": f"It settled at the lowest point in {run.verdict.step} steps.",
        "facts": {"goal": 40.0, "speed": 0.5, "steps": float(run.verdict.step)},
    }


def test_an_unmet_challenge_says_how_close(client) -> None:
    body = client.get("/api/descend?challenge=settle-within&goal=10&speed=0.5&start=-2").json()["challenge"]
    expected = Challenge("settle-within", 10).check(descend("tilted-double-well", speed=0.5, start=-2))
    assert body["met"] is False and body["headline"] == "Not yet"
    assert body["progress"] == expected.progress and "more than the 10 allowed" in body["progress"]


def test_each_kind_is_answered_with_its_default_goal(client) -> None:
    for kind in CHALLENGES:
        body = client.get(f"/api/descend?challenge={kind}&landscape=bowl&speed=1").json()["challenge"]
        assert body["kind"] == kind and isinstance(body["met"], bool) and body["progress"]
        goal = CHALLENGES[kind].goal
        assert body["goal"] == (goal.default if goal else None)
    assert client.get("/api/descend?challenge=swing-forever&landscape=bowl&speed=1").json()["challenge"]["met"]


def test_without_a_challenge_the_answer_is_as_before(client) -> None:
    assert "challenge" not in client.get("/api/descend?speed=0.5").json()


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("challenge=fly", "challenge", "challenge must be one of settle-within, escape-dip, largest-speed"),
        ("challenge=settle-within&goal=0", "goal", "for settle-within, goal must be a whole number at least 1"),
        ("challenge=settle-within&goal=4.5", "goal", "for settle-within, goal must be a whole number"),
        ("challenge=largest-speed&goal=90", "goal", "for largest-speed, goal must be a number at least 0.1"),
        ("challenge=escape-dip&goal=3", "goal", "the escape-dip challenge takes no goal"),
        ("goal=30", "goal", "goal needs a challenge"),
        (
            "challenge=settle-within&goal=many",
            "goal",
            "goal must be a whole number at least 1 and at most 100000 (got 'many')",
        ),
        ("challenge=swing-forever&landscape=ravine", "challenge", "challenges are set on curves"),
    ],
)
def test_bad_challenges_and_goals_are_refused_in_words(client, query: str, field: str, words: str) -> None:
    error = refused(client, query)
    assert error["field"] == field and words in error["message"], error


def test_the_schema_lists_the_kinds_their_goals_and_words(client) -> None:
    body = client.get("/api/schema").json()
    listed = {kind["name"]: kind for kind in body["challenges"]}
    assert list(listed) == list(CHALLENGES)
    assert listed["settle-within"]["task"] == "Settle at the lowest point in at most {goal} steps."
    assert listed["settle-within"]["goal"]["kind"] == "int" and listed["settle-within"]["goal"]["default"] == 40
    assert listed["largest-speed"]["goal"]["maximum"] == 50 and listed["swing-forever"]["goal"] is None
    fields = body["tools"]["descend"]["fields"]
    assert fields["challenge"]["choices"] == list(CHALLENGES)


def test_openapi_documents_the_challenge_parameters(client) -> None:
    document = client.get("/openapi.json").json()["paths"]["/api/descend"]["get"]
    names = [p["name"] for p in document["parameters"]]
    assert names[-3:] == ["challenge", "goal", "lang"]  # the language, as every operation takes it, comes last


def test_a_challenge_costs_what_its_run_costs() -> None:
    plain = TOOLS["descend"].request({"speed": "0.5", "steps": "500"})
    challenged = TOOLS["descend"].request({"speed": "0.5", "steps": "500", "challenge": "escape-dip"})
    assert descend_cost(challenged) == descend_cost(plain)


def test_the_command_line_takes_the_flags_and_prints_the_judgement() -> None:
    command = [sys.executable, "-m", "foggyhill", "descend", "--challenge", "settle-within", "--goal", "10"]
    shown = subprocess.run([*command, "--speed", "0.5"], capture_output=True, text=True, check=True).stdout
    assert "Challenge: Settle at the lowest point in at most 10 steps.\nNot yet: It settled" in shown
    printed = subprocess.run([*command, "--speed", "0.5", "--json"], capture_output=True, text=True, check=True)
    assert json.loads(printed.stdout)["challenge"]["met"] is False
    bad = subprocess.run([*command[:-1], "ten"], capture_output=True, text=True)
    assert bad.returncode == 2 and "goal must be" in bad.stderr and "Traceback" not in bad.stderr
