"""A verdict given before a run has played out is true: what it promises is what the rest of the run does.

Every built-in dip with a stability limit is tried just below it (0.95–0.999 × 2/curvature) and just above it
(1.001–1.05 ×), and the verdict after every number of steps is checked against the same run carried on for
20,000 steps: "it will settle" must settle (in that dip, about when it said), "never settles" must never settle there.
"""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.core import LANDSCAPES, descend, get_landscape, judge, sweep
from foggyhill.core.verdicts import Stepping, settle_step

BELOW = (0.95, 0.97, 0.99, 0.995, 0.999)
ABOVE = (1.001, 1.005, 1.01, 1.03, 1.05)
LONG = 20_000
SHOWN = 240  # the step counts checked: every one from 1 to this


def dips_with_limits() -> list[tuple[str, int]]:
    """(landscape, index of the dip) for every built-in dip that has a limit 2/curvature."""
    return [(name, j) for name, land in LANDSCAPES.items() for j, m in enumerate(land.minima) if m.stability_bound]


def long_run(name: str, start: float, speed: float) -> np.ndarray:
    """The run carried on for LONG steps (ending early if it flies off)."""
    return descend(name, start=start, speed=speed, steps=LONG).ws


@pytest.mark.parametrize(("name", "j"), dips_with_limits())
@pytest.mark.parametrize("factor", BELOW + ABOVE)
def test_every_verdict_along_the_way_comes_true(name: str, j: int, factor: float) -> None:
    land = get_landscape(name)
    dip = land.minima[j]
    assert dip.stability_bound is not None
    speed = factor * dip.stability_bound
    start = dip.w + 0.02 * (land.window[1] - land.window[0])
    ws = long_run(name, start, speed)
    settled_at = settle_step(ws, dip.w) if len(ws) == LONG + 1 else None
    how = Stepping(speed)
    for k in range(1, SHOWN + 1):
        verdict = judge(land, ws[: k + 1], stepping=how)
        facts = dict(verdict.facts)
        said = f"{name} dip {dip.w:.3f} at {factor} x limit, after {k} steps: {verdict.headline}: {verdict.explanation}"
        if factor > 1:
            assert "will settle" not in verdict.headline, said
            assert verdict.kind not in ("converged-global", "stuck-local") or facts["dip"] != dip.w, said
        if "will settle" in verdict.headline:
            assert settled_at is not None, said
            assert facts["dip"] == dip.w, said
            # "about": the estimate reads the bottom's curvature only, so a wide swing can settle sooner or later
            took = settled_at - k
            assert abs(took - facts["steps_left"]) <= 10 or 0.5 <= facts["steps_left"] / took <= 2, said
        if verdict.kind == "oscillating":
            assert settled_at is None, said
            assert factor > 1 or "stopped shrinking" in verdict.explanation, said


@pytest.mark.parametrize("k", range(1, 201))
def test_just_below_the_limit_the_lesson_never_says_never(k: int) -> None:
    run = descend(start=-2.0, speed=0.59, steps=k)
    assert run.verdict.kind != "oscillating", run.verdict.explanation


def test_at_059_the_verdict_promises_what_happens() -> None:
    verdict = descend(start=-2.0, speed=0.59, steps=100).verdict
    assert verdict.headline == "Swinging in: each swing smaller, it will settle"
    assert "0.593" in verdict.explanation and "0.990" in verdict.explanation
    whole = descend(start=-2.0, speed=0.59, steps=1000).verdict
    assert whole.kind == "converged-global"
    assert abs(whole.step - (100 + dict(verdict.facts)["steps_left"])) <= 10


def test_at_06_it_never_settles_and_says_why() -> None:
    verdict = descend(start=-2.0, speed=0.6, steps=100).verdict
    assert verdict.kind == "oscillating"
    assert "above this dip's limit 2/curvature = 0.593" in verdict.explanation
    ws = descend(start=-2.0, speed=0.6, steps=1000).ws
    low, high = dict(verdict.facts)["low"], dict(verdict.facts)["high"]
    assert np.all((ws[verdict.step :] >= low) & (ws[verdict.step :] <= high))


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_the_map_judges_near_the_limit_as_descend_does(engine: str) -> None:
    land = get_landscape("tilted-double-well")
    bound = land.global_minimum.stability_bound
    speeds = bound * np.array(BELOW + ABOVE)
    starts = np.array([-2.0, 0.5, 1.0, 1.5, 2.0])
    for steps in (3, 17, 60, 200):
        grid = sweep(land, speeds, starts, steps=steps, engine=engine)
        for i, speed in enumerate(speeds):
            for j, start in enumerate(starts):
                run = descend(land, start=start, speed=float(speed), steps=steps)
                assert grid.kind_at(i, j) == run.verdict.kind, (speed, start, steps)
                assert int(grid.steps[i, j]) == run.verdict.step, (speed, start, steps)


def test_a_carried_on_run_counts_its_steps_and_words_from_where_it_carried_on() -> None:
    run = descend(start=1.0, speed=0.59, steps=60, from_step=12)
    assert [s.step for s in run.steps[:3]] == [12, 13, 14]
    assert run.verdict.explanation.startswith("It carried on from step 12 at speed 0.59. After 72 steps")
    assert run.verdict.step == 72
