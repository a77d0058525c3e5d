"""The three-runs API: its query goes through the same checks and words as the rest of the API."""

from __future__ import annotations

from typing import Any

import pytest

from foggyhill.timeline import build_timeline, parse_show


@pytest.mark.parametrize("path", ["/api/three-runs", "/api/descend"])
def test_a_repeated_parameter_is_refused_in_the_same_words_everywhere(client: Any, path: str) -> None:
    response = client.get(f"{path}?steps=3&steps=4")
    assert response.status_code == 422
    assert response.json()["error"] == {
        "field": "steps",
        "message": "steps is given more than once: give it once",
        "position": None,
    }


def test_an_unknown_parameter_is_refused_with_what_is_allowed(client: Any) -> None:
    response = client.get("/api/three-runs?speed=0.4")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "speed"
    assert error["message"] == (
        "unknown parameter 'speed': allowed are landscape, start, speeds, steps, step_budget, intro, card, summary"
    )


def test_the_timeline_is_the_timeline_modules(client: Any) -> None:
    data = client.get("/api/three-runs", params={"speeds": "0.1,0.46", "steps": "5", "start": "-1.5"}).json()
    expected = build_timeline(parse_show({"speeds": "0.1,0.46", "steps": "5", "start": "-1.5"}))
    assert data["total"] == expected.total
    assert [r["speed"] for r in data["runs"]] == [0.1, 0.46]
    assert [s["w_to"] for s in data["runs"][1]["steps"]] == [s.w_to for s in expected.runs[1].steps]
