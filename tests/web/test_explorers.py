"""The explorers' API: the outcome map agrees with single runs, the bifurcation diagram splits where theory says."""

from __future__ import annotations

import base64
import math
import random
from typing import Any

import numpy as np
import pytest

from foggyhill.core import VERDICT_KINDS, get_landscape, stability_bounds
from foggyhill.core.maps import decode_points

SMALL_MAP = {"speeds": 40, "starts": 30, "steps": 150}


def kinds_of(data: dict[str, Any]) -> np.ndarray:
    """The map's verdict indices, speeds x starts."""
    raw = np.frombuffer(base64.b64decode(data["kinds"]), dtype=np.int8)
    return raw.reshape(len(data["speeds"]), len(data["starts"]))


def distinct(values: np.ndarray, tolerance: float = 1e-3) -> int:
    """How many separate values, counting values closer than `tolerance` as one."""
    ordered = np.sort(values[np.isfinite(values)])
    return 0 if ordered.size == 0 else 1 + int(np.count_nonzero(np.diff(ordered) > tolerance))


def test_default_map_covers_the_speeds_and_the_curve_window(client: Any) -> None:
    data = client.get("/api/map").json()
    speeds, starts = data["speeds"], data["starts"]
    assert speeds[0] == 0.001 and speeds[-1] == 2.0
    ratios = np.diff(np.log(speeds))
    assert ratios.max() < 2 * ratios.min()  # log-spaced
    assert starts[0] == -2.2 and starts[-1] == 2.2
    kinds = kinds_of(data)
    assert kinds.shape == (len(speeds), len(starts))
    counts = {v["kind"]: v["count"] for v in data["verdicts"]}
    assert list(counts) == list(VERDICT_KINDS)
    assert sum(counts.values()) == kinds.size
    assert all(counts[kind] == int((kinds == i).sum()) for i, kind in enumerate(VERDICT_KINDS))
    assert all(n > 0 for n in counts.values())  # the default curve shows every verdict somewhere


def test_map_is_small_on_the_wire(client: Any) -> None:
    response = client.get("/api/map", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < 40_000


@pytest.mark.parametrize("query", [{}, {"landscape": "wavy"}, {"formula": "w^4 - w^2 + 0.2*w"}])
def test_map_verdicts_agree_with_single_runs(client: Any, query: dict[str, str]) -> None:
    data = client.get("/api/map", params={**SMALL_MAP, **query}).json()
    kinds = kinds_of(data)
    rng = random.Random(6)
    cells = [(rng.randrange(kinds.shape[0]), rng.randrange(kinds.shape[1])) for _ in range(30)]
    for kind in range(len(VERDICT_KINDS)):  # one cell of every verdict that appears, too
        found = np.argwhere(kinds == kind)
        if found.size:
            cells.append(tuple(found[rng.randrange(len(found))]))
    curve = {"formula": query["formula"]} if "formula" in query else {"landscape": query.get("landscape")}
    for i, j in cells:
        params = {**curve, "speed": data["speeds"][i], "start": data["starts"][j], "steps": SMALL_MAP["steps"]}
        run = client.get("/api/descend", params={k: v for k, v in params.items() if v is not None}).json()
        assert run["verdict"]["kind"] == VERDICT_KINDS[kinds[i, j]], params


def test_map_bounds_are_the_engines(client: Any) -> None:
    data = client.get("/api/map", params={"landscape": "steep-walls", **SMALL_MAP}).json()
    expected = [b.to_dict() for b in stability_bounds(get_landscape("steep-walls"))]
    assert data["landscape"]["minima"] == expected


def test_map_with_momentum_differs_from_plain(client: Any) -> None:
    plain = kinds_of(client.get("/api/map", params=SMALL_MAP).json())
    heavy = kinds_of(client.get("/api/map", params={**SMALL_MAP, "optimizer": "momentum"}).json())
    assert plain.shape == heavy.shape and (plain != heavy).any()


def test_bifurcation_splits_in_two_at_the_stability_bound(client: Any) -> None:
    bound = stability_bounds(get_landscape("tilted-double-well"))[1].bound
    assert bound is not None and math.isclose(bound, 0.5931, abs_tol=1e-4)
    data = client.get("/api/bifurcation", params={"speed_min": 0.5, "speed_max": 0.62, "speeds": 121}).json()
    points = decode_points(data)
    speeds = np.array(data["speeds"])
    below = (speeds > 0.55) & (speeds < bound - 0.005)
    above = (speeds > bound + 0.005) & (speeds < 0.62)
    assert below.sum() > 10 and above.sum() > 5
    assert all(distinct(points[i]) == 1 for i in np.flatnonzero(below))
    assert all(distinct(points[i]) == 2 for i in np.flatnonzero(above))
    settled = points[np.flatnonzero(below)[0], 0]
    assert settled == pytest.approx(1.2345, abs=1e-3)  # the lowest point


def test_bifurcation_by_default_reaches_past_the_last_speed_that_stays_on(client: Any) -> None:
    data = client.get("/api/bifurcation").json()
    points = decode_points(data)
    gone = ~np.isfinite(points).any(axis=1)
    assert gone[-1] and not gone[0]  # it ends where the ball flies off
    assert data["speeds"][-1] <= 2.0
    assert data["landscape"]["minima"] == [b.to_dict() for b in stability_bounds(get_landscape("tilted-double-well"))]


def test_bifurcation_points_survive_the_compact_encoding(client: Any) -> None:
    data = client.get("/api/bifurcation", params={"landscape": "wavy", "speeds": 50, "keep": 8}).json()
    points = decode_points(data)
    assert points.shape == (50, 8)
    low, high = data["w_range"]
    finite = points[np.isfinite(points)]
    assert finite.min() == pytest.approx(low) and finite.max() == pytest.approx(high)


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/api/map", {"speeds": "5000"}, "speeds"),
        ("/api/map", {"starts": "1"}, "starts"),
        ("/api/map", {"steps": "0"}, "steps"),
        ("/api/map", {"steps": "lots"}, "steps"),
        ("/api/map", {"speeds": "1000", "starts": "1000"}, "speeds"),
        ("/api/map", {"speeds": "500", "starts": "400", "steps": "2000"}, "steps"),
        ("/api/map", {"speed_min": "0"}, "speed_min"),
        ("/api/map", {"speed_min": "1", "speed_max": "0.5"}, "speed_max"),
        ("/api/map", {"optimizer": "adam"}, "optimizer"),
        ("/api/map", {"landscape": "moon"}, "landscape"),
        ("/api/map", {"start": "1"}, "start"),
        ("/api/bifurcation", {"keep": "0"}, "keep"),
        ("/api/bifurcation", {"burn_in": "-1"}, "burn_in"),
        ("/api/bifurcation", {"speeds": "2000", "burn_in": "5000"}, "burn_in"),
        ("/api/bifurcation", {"start": "nan"}, "start"),
        ("/api/bifurcation", {"speed_max": "inf"}, "speed_max"),
        ("/api/bifurcation", {"speeds": "9", "speeds ": "1"}, "speeds "),
    ],
)
def test_out_of_range_parameters_get_422_naming_them(client: Any, path: str, query: dict[str, str], field: str) -> None:
    response = client.get(path, params=query)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == field
    assert field.strip() in error["message"]


def test_a_formula_that_does_not_parse_points_at_the_mistake(client: Any) -> None:
    response = client.get("/api/map", params={"formula": "w^2 + * 3"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == "formula" and error["position"] == 6


def test_a_formula_undefined_at_minus_two_still_gets_its_map(client: Any) -> None:
    response = client.get("/api/map", params={"formula": "w^2 - log(w)", **SMALL_MAP})
    assert response.status_code == 200, response.text
    data = response.json()
    kinds, starts = kinds_of(data), np.array(data["starts"])
    settled = VERDICT_KINDS.index("converged-global")
    assert (kinds[:, starts > 0] == settled).any()  # runs that start where log(w) is defined find w = 0.707
    assert not (kinds[:, starts <= 0] == settled).any()  # where it is not, no run settles


def test_repeated_parameter_is_refused(client: Any) -> None:
    response = client.get("/api/map?steps=10&steps=20")
    assert response.status_code == 422 and response.json()["error"]["field"] == "steps"


def test_the_index_has_a_card_for_each_explorer(client: Any) -> None:
    page = client.get("/").text
    for path in ("/sim/learning-rate-map", "/sim/optimizer-race"):
        assert f'href="{path}"' in page
        assert client.get(path).status_code == 200


def test_the_api_reference_lists_every_parameter(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    names = {path: [p["name"] for p in paths[path]["get"]["parameters"]] for path in ("/api/map", "/api/bifurcation")}
    assert names["/api/map"] == [
        "landscape",
        "formula",
        "steps",
        "speeds",
        "starts",
        "speed_min",
        "speed_max",
        "optimizer",
        "lang",
    ]
    assert names["/api/bifurcation"][:3] == ["landscape", "formula", "start"] and "burn_in" in names["/api/bifurcation"]
