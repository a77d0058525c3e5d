"""A run on a surface carried on from step k (the page's speed change mid-run): steps and words count from k."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest

from foggyhill.core import SettingError, descend_surface, parse_surface_settings

FIRST = 37
# Step numbers in a verdict's words ("step 12", "After 40 steps"), not counts of steps still to come.
STEP_NUMBER = re.compile(r"(?<=\bstep )\d[\d,]*|(?<=After )\d[\d,]*(?= steps)")
LOCAL = "(w1^2 - 1)^2 + w2^2 + 0.3*w1"  # two dips, the one at w1 > 0 the higher

# One run for each kind of verdict (the start is where the carried-on run begins).
KINDS: dict[str, dict[str, Any]] = {
    "converged-global": {"landscape": "round-bowl", "start": (1.0, 1.0), "speed": 0.1, "steps": 200},
    "stuck-local": {"formula": LOCAL, "start": (1.5, 0.5), "speed": 0.05, "steps": 300},
    "crawling": {"landscape": "rosenbrock", "start": (-1.5, 2.0), "speed": 0.001, "steps": 300},
    "oscillating": {"landscape": "ravine", "start": (-1.5, 1.0), "speed": 0.1, "steps": 100},
    "diverged": {"landscape": "ravine", "start": (-1.5, 1.0), "speed": 0.5, "steps": 100},
    "saddle": {"landscape": "saddle", "start": (-1.0, 0.3), "speed": 1.0, "steps": 20, "optimizer": "newton"},
    "stopped": {"landscape": "saddle", "start": (-1.0, math.sqrt(2 / 3)), "steps": 10, "optimizer": "newton"},
}


def shifted(words: str, by: int) -> str:
    """The words with every step number moved on by `by`."""
    return STEP_NUMBER.sub(lambda m: f"{int(m.group().replace(',', '')) + by:,}", words)


def test_a_carried_on_run_numbers_its_steps_from_where_it_carried_on() -> None:
    run = descend_surface("ravine", start=(-1.2, 0.4), speed=0.03, steps=50, from_step=FIRST)
    assert [s.step for s in run.steps] == list(range(FIRST, FIRST + 51))
    assert run.verdict.step >= FIRST
    assert run.verdict.explanation.startswith(f"It carried on from step {FIRST} at speed 0.03. ")
    assert run.to_dict()["settings"]["from_step"] == FIRST


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_verdict_counts_from_the_step_it_carried_on_from(kind: str) -> None:
    settings = KINDS[kind]
    once = descend_surface(**settings)
    carried = descend_surface(**settings, from_step=FIRST)
    assert once.verdict.kind == carried.verdict.kind == kind
    assert carried.verdict.step == once.verdict.step + FIRST
    speed = carried.settings.speed
    assert carried.verdict.explanation == f"It carried on from step {FIRST} at speed {speed:g}. " + shifted(
        once.verdict.explanation, FIRST
    )
    assert carried.verdict.facts == once.verdict.facts
    np.testing.assert_array_equal(carried.ws, once.ws)


def test_the_shift_check_can_fail() -> None:
    words = "From step 3 on it swings. After 12 steps it is near; about 1,500 more steps settle it."
    moved = "From step 13 on it swings. After 22 steps it is near; about 1,500 more steps settle it."
    assert shifted(words, 10) == moved
    assert shifted(words, 0) == words


def test_carrying_on_after_a_speed_change_is_a_run_at_the_new_speed_from_there() -> None:
    before = descend_surface("ravine", start=(-1.5, 1.0), speed=0.09, steps=30)
    here = tuple(float(v) for v in before.ws[12])
    carried = descend_surface("ravine", start=here, speed=0.03, steps=400, from_step=12)
    fresh = descend_surface("ravine", start=here, speed=0.03, steps=400)
    np.testing.assert_array_equal(carried.ws, fresh.ws)
    assert carried.steps[0].w == before.steps[12].w
    # plain descent at 0.03 multiplies each distance by |1 - 0.03 x curvature|: the path, worked out here
    w = np.array(here)
    for step in carried.steps[1:20]:
        w = w - 0.03 * np.array([2.0 * w[0], 20.0 * w[1]])
        np.testing.assert_allclose(step.w, w, rtol=1e-12)
    assert carried.verdict.kind == fresh.verdict.kind == "converged-global"
    assert carried.verdict.step == fresh.verdict.step + 12
    assert f"By step {fresh.verdict.step + 12} it settled" in carried.verdict.explanation


def test_a_noisy_carried_on_run_draws_its_noise_from_its_seed_as_the_line_engine_does() -> None:
    noisy = {"landscape": "himmelblau", "start": (0.5, 0.5), "noise": 2.0, "seed": 7, "speed": 0.01, "steps": 30}
    carried = descend_surface(**noisy, from_step=FIRST)
    np.testing.assert_array_equal(carried.ws, descend_surface(**noisy).ws)


def test_no_steps_yet_is_the_step_it_carried_on_from() -> None:
    run = descend_surface("ravine", start=(1.0, 1.0), steps=0, from_step=FIRST)
    assert run.verdict.step == FIRST and run.steps[0].step == FIRST
    assert "No steps yet" in run.verdict.explanation


@pytest.mark.parametrize("bad", ["-1", "1.5", "x", "100001"])
def test_a_bad_from_step_is_refused_in_words(bad: str) -> None:
    with pytest.raises(SettingError, match="from_step must be a whole number at least 0 and at most 100000"):
        parse_surface_settings({"from_step": bad})
