"""One table of runs, one for each way a verdict is reached; descend and both sweep engines must agree on each.

The sweep keeps its own copy of the verdict rules for speed (kernels.judge_lane and sweep._Block.judge); the rules
themselves live once in core/stability.py. This table holds the three together, branch by branch.
"""

from __future__ import annotations

import pytest

from foggyhill.core import descend, sweep

# (landscape, optimizer, speed, start, steps) -> the headline descend gives
TABLE = [
    (("bowl", "plain", 1.5, 1.0, 30), "Flew off: the steps grew without bound"),
    (("tilted-double-well", "plain", 0.46, -2.0, 30), "Settled at the lowest point"),
    (("tilted-double-well", "plain", 0.1, -2.0, 100), "Stuck in a shallow dip"),
    (("tilted-double-well", "plain", 0.02, -2.0, 100), "Still crawling"),
    (("tilted-double-well", "plain", 0.59, -2.0, 100), "Swinging in: each swing smaller, it will settle"),
    (("tilted-double-well", "plain", 0.6, -2.0, 100), "Overshooting: it can never settle in this dip"),
    (("tilted-double-well", "plain", 0.6, -2.0, 5), "Overshooting: it can never settle in this dip"),
    (("v-shape", "plain", 0.3, 2.3, 100), "Overshooting: it swings and never settles"),
    (("v-shape", "plain", 0.3, 2.3, 20), "Still swinging: too soon to tell"),
    (("wavy", "plain", 1.2784, -1.0, 40), "Still swinging: too soon to tell"),
    (("tilted-double-well", "momentum", 0.05, -2.2, 40), "Swinging in: each swing smaller"),
    (("tilted-double-well", "momentum", 0.05, -1.65, 40), "Still swinging: too soon to tell"),
    (("tilted-double-well", "nesterov", 0.4593, 0.55, 40), "Overshooting: it can never settle in this dip"),
    (("wavy", "momentum", 0.9089, -4.0, 120), "Swinging in: each swing smaller"),
]


@pytest.mark.parametrize("engine", ["numba", "numpy"])
@pytest.mark.parametrize(("case", "headline"), TABLE, ids=[h for _, h in TABLE])
def test_each_way_to_a_verdict_is_judged_alike(case: tuple[str, str, float, float, int], headline: str, engine: str):
    landscape, optimizer, speed, start, steps = case
    run = descend(landscape, start=start, speed=speed, steps=steps, optimizer=optimizer)
    assert run.verdict.headline == headline, run.verdict.explanation
    grid = sweep(landscape, [speed], [start], steps=steps, optimizer=optimizer, engine=engine)
    assert (grid.kind_at(0, 0), int(grid.steps[0, 0])) == (run.verdict.kind, run.verdict.step)


def test_one_visit_near_the_bottom_is_not_settling() -> None:
    # Nesterov above its limit runs a four-step cycle, one point of which lies within 0.001 of the bottom.
    run = descend("tilted-double-well", start=0.55, speed=0.4593, steps=400, optimizer="nesterov")
    assert abs(run.ws[-1] - 1.2345) < 1e-3
    assert run.verdict.kind == "oscillating"
