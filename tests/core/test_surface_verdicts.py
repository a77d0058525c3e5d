"""Verdicts on surfaces agree with the theory: on grids of starts and speeds, and lane by lane on the basin map."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foggyhill.core import SettingError, basin_map, descend_surface, formula_surface, get_surface, ravine_surface
from foggyhill.core.surfaces import SURFACE_VERDICT_KINDS, crawl_rate, dip_theory, direction_factors, speed_bound

STARTS = [(-2.5, 2.0), (2.0, 0.0), (0.0, -1.0), (1.5, 1.5), (-0.3, 0.1)]


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("speed", [0.1, 0.5, 0.9, 0.98])
def test_below_the_bound_the_round_bowl_always_settles(start: tuple[float, float], speed: float) -> None:
    run = descend_surface("round-bowl", start=start, speed=speed, steps=2000)
    assert run.verdict.kind == "converged-global", run.verdict.explanation
    # and no later than the theory's factor |1 - 2 speed| allows, plus one step to show it stayed
    factor = abs(1.0 - 2.0 * speed)
    needed = math.ceil(math.log(1e-3 / math.hypot(*start)) / math.log(factor)) if factor > 0 else 1
    assert run.verdict.step <= max(needed, 1)


@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("speed", [1.0, 1.02, 1.5])
def test_at_or_above_the_bound_the_round_bowl_never_settles(start: tuple[float, float], speed: float) -> None:
    short = descend_surface("round-bowl", start=start, speed=speed, steps=40)
    assert short.verdict.kind in ("oscillating", "diverged")
    if short.verdict.kind == "oscillating":
        assert "can never settle in this dip" in short.verdict.explanation
        assert dict(short.verdict.facts)["bound"] == pytest.approx(1.0)
    long = descend_surface("round-bowl", start=start, speed=speed, steps=5000)
    assert long.verdict.kind != "converged-global"
    if speed > 1.0:
        assert long.verdict.kind == "diverged"  # each swing grows by |1 - 2 speed| > 1 until it leaves the chart


@pytest.mark.parametrize("stretch", [4.0, 10.0, 50.0])
def test_the_ravine_swings_across_above_its_bound_and_settles_below_it(stretch: float) -> None:
    surface = ravine_surface(stretch)
    bound = 2.0 / (2.0 * stretch)
    above = descend_surface(surface, speed=bound * 1.05, steps=60)
    assert above.verdict.kind == "oscillating"
    assert above.verdict.headline.startswith("Swinging across a valley")
    facts = dict(above.verdict.facts)
    assert facts["bound"] == pytest.approx(bound) and facts["curvature"] == pytest.approx(2.0 * stretch)
    below = descend_surface(surface, speed=bound * 0.95, steps=20_000)
    assert below.verdict.kind == "converged-global"


def test_crawling_along_a_valley_names_its_condition_number_and_the_crawl_rate() -> None:
    run = descend_surface("lemonade-line", speed=0.001, steps=300)
    v = run.verdict
    assert (v.kind, v.headline) == ("crawling", "Crawling along a valley")
    (dip,) = get_surface("lemonade-line").minima
    assert f"condition number {dip.condition:.3g}" in v.explanation
    facts = dict(v.facts)
    assert facts["condition"] == pytest.approx(dip.condition)
    assert facts["factor_gentle"] == pytest.approx(1.0 - 0.001 * dip.gentlest)
    # The loss is a quadratic, so the theory's count holds: that many more steps settle it, and fewer do not.
    left = int(facts["steps_left"])
    assert f"About {left:,} more steps settle it" in v.explanation
    done = descend_surface("lemonade-line", speed=0.001, steps=300 + left + 1)
    assert done.verdict.kind == "converged-global"
    not_yet = descend_surface("lemonade-line", speed=0.001, steps=300 + left // 2)
    assert not_yet.verdict.kind == "crawling"


def test_scaling_the_lemonade_data_turns_the_ravine_into_a_round_bowl() -> None:
    raw = descend_surface("lemonade-line", speed=0.001, steps=1000)
    scaled = descend_surface("lemonade-line-scaled", speed=0.5, steps=1000)
    assert raw.verdict.kind == "crawling"
    assert scaled.verdict.kind == "converged-global" and scaled.verdict.step <= 3  # speed 1/curvature: one step
    assert get_surface("lemonade-line").minima[0].stability_bound < 0.0015


def test_stalled_near_a_saddle() -> None:
    on_the_line = descend_surface("saddle", start=(-2.0, 0.0), speed=0.1, steps=200)
    assert on_the_line.verdict.kind == "saddle"
    assert on_the_line.verdict.headline == "Stalled near a saddle"
    assert "sits exactly on the line" in on_the_line.verdict.explanation
    beside = descend_surface("saddle", start=(-2.0, 1e-9), speed=0.1, steps=40)
    v = beside.verdict
    assert v.kind == "saddle", v.explanation
    facts = dict(v.facts)
    assert facts["escape_factor"] == pytest.approx(1.2)  # 1 + speed × |−2|
    assert "it will slide off" in v.explanation
    later = descend_surface("saddle", start=(-2.0, 1e-9), speed=0.1, steps=400)
    assert later.verdict.kind == "converged-global"  # and so it did


def test_stuck_in_another_dip() -> None:
    # A tilted saddle: the dip at w2 < 0 is lower than the one at w2 > 0.
    surface = formula_surface("w1^2 - w2^2 + w2^4/4 + 0.3*w2", start=(-1.0, 1.0))
    low, high = surface.minima
    assert low.is_global and not high.is_global and low.w[1] < 0 < high.w[1]
    run = descend_surface(surface, start=(-1.0, 1.0), speed=0.1, steps=300)
    assert run.verdict.kind == "stuck-local"
    assert run.verdict.headline == "Stuck in another dip"
    other = descend_surface(surface, start=(-1.0, -1.0), speed=0.1, steps=300)
    assert other.verdict.kind == "converged-global"


def test_flew_off_says_no_dip_can_hold_it_when_every_bound_is_below_the_speed() -> None:
    run = descend_surface("himmelblau", speed=0.1, steps=100)
    assert run.verdict.kind == "diverged"
    largest = max(speed_bound("plain", d) or 0.0 for d in get_surface("himmelblau").minima)
    assert f"(the largest is {largest:.4g}), so no dip of this surface can hold it" in run.verdict.explanation


def test_the_theory_in_one_place() -> None:
    (dip,) = ravine_surface(10.0).minima
    assert speed_bound("plain", dip) == pytest.approx(0.1)
    assert speed_bound("momentum", dip) == pytest.approx(3.8 / 20.0)
    assert speed_bound("adam", dip) is None
    assert speed_bound("newton", dip) == 2.0
    assert direction_factors("plain", 0.05, dip) == pytest.approx((0.9, 0.0))
    assert crawl_rate("plain", 0.05, dip) == pytest.approx(0.9)
    theory = dip_theory(dip, 0.05)
    assert theory["settles"] is True and theory["condition"] == pytest.approx(10.0)
    assert dip_theory(dip, 0.2)["settles"] is False


CASES = [
    ("himmelblau", "plain", 0.01, 80),
    ("himmelblau", "plain", 0.03, 60),
    ("saddle", "plain", 0.1, 60),
    ("saddle", "newton", 1.0, 8),
    ("ravine", "plain", 0.1, 40),
    ("round-bowl", "plain", 1.0, 20),
    ("rosenbrock", "momentum", 0.001, 150),
    ("rosenbrock", "nesterov", 0.0015, 150),
    ("himmelblau", "adam", 0.05, 80),
    ("himmelblau", "rmsprop", 0.05, 60),
    ("himmelblau", "adagrad", 0.3, 60),
]


@pytest.mark.parametrize(("name", "optimizer", "speed", "steps"), CASES)
def test_the_basin_map_judges_every_lane_as_a_single_run_does(
    name: str, optimizer: str, speed: float, steps: int
) -> None:
    surface = get_surface(name)
    found = basin_map(surface, speed, steps, optimizer, size=(13, 11))
    assert found.kind.shape == (11, 13) and found.ends.shape == (11, 13, 2)
    for i, w2 in enumerate(found.w2):
        for j, w1 in enumerate(found.w1):
            run = descend_surface(surface, start=(float(w1), float(w2)), speed=speed, steps=steps, optimizer=optimizer)
            kind = SURFACE_VERDICT_KINDS[found.kind[i, j]]
            assert kind == run.verdict.kind, ((w1, w2), run.verdict.explanation)
            if kind in ("converged-global", "stuck-local", "diverged", "stopped"):
                assert found.step[i, j] == run.verdict.step
            if kind != "diverged":
                np.testing.assert_allclose(found.ends[i, j], run.ws[-1], rtol=1e-12, atol=1e-12)


def test_the_basin_map_finds_himmelblaus_four_basins() -> None:
    found = basin_map(get_surface("himmelblau"), 0.01, 200, size=40)
    summary = found.summary()
    assert summary["kinds"]["converged-global"] + summary["kinds"]["crawling"] == 1600
    shares = [d["basin"] for d in summary["dips"]]
    assert len(shares) == 4 and all(share > 0.1 for share in shares)
    assert sum(shares) == pytest.approx(1.0)
    # each start near a dip ends in that dip's basin
    for j, dip in enumerate(get_surface("himmelblau").minima):
        col = int(np.argmin(np.abs(found.w1 - dip.w[0])))
        row = int(np.argmin(np.abs(found.w2 - dip.w[1])))
        assert found.dip[row, col] == j
    assert "BasinMap(himmelblau, plain, speed=0.01, 200 steps, 40×40 starts" in repr(found)


def test_the_basin_map_shows_the_saddles_line_and_the_flights() -> None:
    found = basin_map(get_surface("saddle"), 0.1, 60, size=21)  # 21 points: w2 = 0 is on the grid
    on_line = found.w2 == 0.0
    assert (found.kind[on_line] == SURFACE_VERDICT_KINDS.index("saddle")).all()
    assert (found.dip[on_line] == -1).all()
    # On the ravine at speed 0.3 the steep direction (curvature 20) grows by |1 - 6| = 5 a step, the gentle one
    # (curvature 2) shrinks by 0.4: every start flies off except those already on the valley floor, w2 = 0.
    flown = basin_map(get_surface("ravine"), 0.3, 50, size=9)
    on_floor = np.broadcast_to((flown.w2 == 0.0)[:, None], flown.kind.shape)
    assert (flown.kind[~on_floor] == SURFACE_VERDICT_KINDS.index("diverged")).all()
    assert (flown.kind[on_floor] == SURFACE_VERDICT_KINDS.index("converged-global")).all()
    assert np.isnan(flown.ends[~on_floor]).all()


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"speed": 0.0}, "speed must be"),
        ({"steps": -1}, "steps must be"),
        ({"optimizer": "sgd"}, "unknown optimizer"),
        ({"size": 1}, "size must be"),
        ({"size": (10, 2000)}, "size must be"),
    ],
)
def test_the_basin_map_refuses_bad_settings(settings: dict[str, object], words: str) -> None:
    chosen: dict[str, object] = {"speed": 0.01, "steps": 10, "optimizer": "plain", "size": 10, **settings}
    with pytest.raises(SettingError, match=words):
        basin_map(get_surface("ravine"), **chosen)  # type: ignore[arg-type]


PROMISES = [
    ("ravine", "plain", 0.01),
    ("ravine", "plain", 0.09),
    ("ravine", "plain", 0.099),
    ("round-bowl", "plain", 0.95),
    ("lemonade-line-scaled", "plain", 0.1),
    ("ravine", "newton", 0.1),
    ("ravine", "newton", 1.95),
    ("round-bowl", "newton", 1.9),
]


@pytest.mark.parametrize(("name", "optimizer", "speed"), PROMISES)
@pytest.mark.parametrize("start", [None, (1.0, -0.7), (-2.9, 1.9)])
def test_on_a_bowl_the_steps_left_the_verdict_promises_are_enough(
    name: str, optimizer: str, speed: float, start: tuple[float, float] | None
) -> None:
    given: dict[str, object] = {"optimizer": optimizer, "speed": speed} | ({} if start is None else {"start": start})
    run = descend_surface(name, steps=30, **given)
    assert run.verdict.kind == "crawling"
    left = int(dict(run.verdict.facts)["steps_left"])
    assert left > 1 and f"About {left:,} more steps settle it" in run.verdict.explanation
    assert descend_surface(name, steps=30 + left + 1, **given).verdict.kind == "converged-global"
    assert descend_surface(name, steps=30 + left // 2, **given).verdict.kind == "crawling"


@pytest.mark.parametrize("optimizer", ["momentum", "nesterov"])
def test_momentum_in_the_bowl_gets_its_rate_but_no_promise(optimizer: str) -> None:
    run = descend_surface("ravine", optimizer=optimizer, speed=0.03, steps=30)
    assert run.verdict.kind == "crawling"
    assert "Near the bottom its distance shrinks by about" in run.verdict.explanation
    assert "will settle" not in run.verdict.explanation
    assert "more steps settle it" not in run.verdict.explanation
    assert descend_surface("ravine", optimizer=optimizer, speed=0.03, steps=2000).verdict.kind == "converged-global"


def test_noisy_slopes_get_no_promise() -> None:
    run = descend_surface("himmelblau", noise=1.0, speed=0.01, steps=100)
    assert run.verdict.kind == "crawling"
    assert run.verdict.headline == "Not there yet: its slopes are noisy"
    assert "About" not in run.verdict.explanation and "will settle" not in run.verdict.explanation
    assert dict(run.verdict.facts)["noise"] == 1.0


def test_a_surface_with_no_dip_says_so() -> None:
    flat = descend_surface(formula="5", speed=0.1, steps=10)
    assert (flat.verdict.kind, flat.verdict.headline) == ("crawling", "Resting on flat ground")
    tilted = descend_surface(formula="w1 + w2", speed=0.1, steps=10)
    assert (tilted.verdict.kind, tilted.verdict.headline) == ("crawling", "Still moving")
    assert "no dip in sight" in tilted.verdict.explanation
