"""Surfaces through the API: runs of two settings on /api/descend, one surface with its grid, the list of them."""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np
import pytest

from foggyhill.core.surfaces import SURFACE_VERDICT_KINDS, SURFACES, descend_surface, get_surface


def test_a_run_on_a_surface_is_the_engines_run(client: Any) -> None:
    query = {"landscape": "rosenbrock", "start": "-1.5,2", "speed": "0.001", "steps": "300"}
    data = client.get("/api/descend", params=query).json()
    expected = descend_surface("rosenbrock", start=(-1.5, 2.0), speed=0.001, steps=300).to_dict()
    assert data == expected
    first = data["steps"][0]
    assert first["w"] == [-1.5, 2.0] and len(first["slope"]) == 2 and len(data["steps"]) == 301
    assert data["verdict"]["kind"] in ("crawling", "converged-global")


def test_a_typed_surface_and_newton(client: Any) -> None:
    bowl = client.get(
        "/api/descend", params={"formula": "w1^2 + 10*w2^2", "start": "1,1", "optimizer": "newton", "speed": "1"}
    )
    steps = bowl.json()["steps"]
    assert bowl.status_code == 200 and max(abs(v) for v in steps[1]["w"]) < 1e-12  # one Newton step on a bowl
    saddle = client.get("/api/descend", params={"landscape": "saddle", "start": "0.5,0.3", "optimizer": "newton"})
    assert saddle.json()["verdict"]["kind"] == "saddle"


def test_a_run_on_a_surface_carries_on_from_a_step(client: Any) -> None:
    query = {"landscape": "ravine", "start": "-0.25,0.125", "speed": "0.03", "steps": "40", "from_step": "12"}
    data = client.get("/api/descend", params=query).json()
    assert data == descend_surface("ravine", start=(-0.25, 0.125), speed=0.03, steps=40, from_step=12).to_dict()
    assert [s["step"] for s in data["steps"][:2]] == [12, 13] and data["steps"][-1]["step"] == 52
    assert data["settings"]["from_step"] == 12 and data["verdict"]["step"] >= 12
    assert data["verdict"]["explanation"].startswith("It carried on from step 12 at speed 0.03. After 52 steps")


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"landscape": "saddle", "start": "1"}, "start must be two numbers"),
        ({"landscape": "bowl", "optimizer": "newton"}, "optimizer must be one of plain"),
        ({"landscape": "himmelblau", "steps": "20000"}, "steps must be a whole number at least 0 and at most 10000"),
        ({"landscape": "ravine", "schedule": "step"}, "unknown setting 'schedule'"),
        ({"landscape": "ravine", "from_step": "-3"}, "from_step must be a whole number at least 0"),
        ({"formula": "w1^2 + w^2"}, "w"),
    ],
)
def test_a_bad_surface_request_is_refused_in_words(client: Any, query: dict[str, str], words: str) -> None:
    answer = client.get("/api/descend", params=query)
    assert answer.status_code == 422
    assert words in answer.json()["error"]["message"]


def test_one_surface_with_its_grid(client: Any) -> None:
    data = client.get("/api/surface", params={"landscape": "himmelblau", "grid": "41"}).json()
    grid = data["grid"]
    assert grid["n"] == 41 and len(grid["w1"]) == len(grid["w2"]) == 41
    assert len(grid["loss"]) == 41 and all(len(row) == 41 for row in grid["loss"])
    surface = get_surface("himmelblau")
    j, i = 7, 30  # a row follows w2, a column w1
    assert grid["loss"][j][i] == pytest.approx(float(surface.loss([grid["w1"][i], grid["w2"][j]])), rel=1e-6)
    assert len(data["dips"]) == 4 and len(data["saddles"]) == 4
    assert all(math.isclose(d["loss"], 0, abs_tol=1e-9) for d in data["dips"])


def test_the_grid_is_bounded(client: Any) -> None:
    answer = client.get("/api/surface", params={"landscape": "ravine", "grid": "4000"})
    assert answer.status_code == 422 and "grid must be a whole number at least 2 and at most 401" in answer.text


def test_every_surface_is_listed_with_its_bounds_and_condition(client: Any) -> None:
    listed = client.get("/api/surfaces").json()["surfaces"]
    assert [s["name"] for s in listed] == list(SURFACES)
    ravine = next(s for s in listed if s["name"] == "ravine")
    [dip] = ravine["dips"]
    assert dip["condition"] == pytest.approx(max(dip["curvatures"]) / min(dip["curvatures"]))
    assert dip["stability_bound"] == pytest.approx(2 / max(dip["curvatures"]))


def test_a_basin_map_agrees_with_single_runs(client: Any) -> None:
    query = {"landscape": "himmelblau", "speed": "0.01", "size": "9", "steps": "200"}
    data = client.get("/api/basins", params=query).json()
    kinds = np.frombuffer(base64.b64decode(data["kinds"]), dtype=np.int8).reshape(9, 9)
    dips = np.frombuffer(base64.b64decode(data["dip"]), dtype=np.int8).reshape(9, 9)
    surface = get_surface("himmelblau")
    for j, i in [(0, 0), (8, 8), (2, 7), (6, 1), (4, 4)]:
        run = descend_surface("himmelblau", start=(data["w1"][i], data["w2"][j]), speed=0.01, steps=200)
        assert SURFACE_VERDICT_KINDS[kinds[j, i]] == run.verdict.kind
        if run.verdict.kind == "converged-global":
            end = np.asarray(run.steps[-1].w)
            assert np.allclose(surface.minima[dips[j, i]].w, end, atol=1e-2)
    assert sum(v["count"] for v in data["verdicts"]) == 81


def test_a_basin_map_is_bounded_before_it_starts(client: Any) -> None:
    answer = client.get("/api/basins", params={"landscape": "ravine", "size": "1000", "steps": "2000"})
    assert answer.status_code == 422 and "too much work" in answer.json()["error"]["message"]
