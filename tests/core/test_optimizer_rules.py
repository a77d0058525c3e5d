"""Each update rule and speed schedule against its formula written out by hand, so a changed constant or form fails;
and the words that tell the conventions (core/conventions.py, docs/optimizers.md) against the engine's constants."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from foggyhill.core import OPTIMIZERS, SCHEDULES, descend, get_landscape, speed_at
from foggyhill.core.conventions import conventions
from foggyhill.core.optimizers import ADAM_BETAS, EPSILON, MOMENTUM, RMS_DECAY
from foggyhill.core.schedules import EXP_DECAY, ROBBINS_MONRO_TAU, SCHEDULE_RULES, STEP_EVERY, STEP_FACTOR

DOCS = Path(__file__).resolve().parents[2] / "docs" / "optimizers.md"
STARTS = np.array([-1.7, -0.3, 0.4, 1.9])
# Speeds that change from step to step, as a schedule's do: momentum's form shows in how it meets a new speed.
SPEEDS = [0.1, 0.05, 0.08, 0.02, 0.1, 0.07]


def slope(w: np.ndarray) -> np.ndarray:
    """A curved slope (of w^4/4 - w^2 + w/2), so feeling it one move ahead gives a different number."""
    return w**3 - 2 * w + 0.5


def engine(name: str, w: np.ndarray = STARTS, speeds: list[float] = SPEEDS) -> np.ndarray:
    """Where the engine's rule `name` takes the weights after one step per speed."""
    state: dict[str, np.ndarray] = {}
    for t, speed in enumerate(speeds):
        w = OPTIMIZERS[name].step(w, slope, speed, state, t)
    return w


def by_hand_plain(w: np.ndarray, speeds: list[float]) -> np.ndarray:
    for speed in speeds:
        w = w - speed * slope(w)
    return w


def by_hand_momentum(w: np.ndarray, speeds: list[float]) -> np.ndarray:
    v = np.zeros_like(w)
    for speed in speeds:
        v = 0.9 * v - speed * slope(w)
        w = w + v
    return w


def by_hand_nesterov(w: np.ndarray, speeds: list[float]) -> np.ndarray:
    v = np.zeros_like(w)
    for speed in speeds:
        v = 0.9 * v - speed * slope(w + 0.9 * v)
        w = w + v
    return w


def by_hand_adagrad(w: np.ndarray, speeds: list[float]) -> np.ndarray:
    s = np.zeros_like(w)
    for speed in speeds:
        g = slope(w)
        s = s + g**2
        w = w - speed * g / (np.sqrt(s) + 1e-8)
    return w


def by_hand_rmsprop(w: np.ndarray, speeds: list[float]) -> np.ndarray:
    a = np.zeros_like(w)
    for speed in speeds:
        g = slope(w)
        a = 0.9 * a + 0.1 * g**2
        w = w - speed * g / (np.sqrt(a) + 1e-8)
    return w


def by_hand_adam(w: np.ndarray, speeds: list[float]) -> np.ndarray:
    m, u = np.zeros_like(w), np.zeros_like(w)
    for t, speed in enumerate(speeds):
        g = slope(w)
        m = 0.9 * m + 0.1 * g
        u = 0.999 * u + 0.001 * g**2
        m_fair, u_fair = m / (1 - 0.9 ** (t + 1)), u / (1 - 0.999 ** (t + 1))
        w = w - speed * m_fair / (np.sqrt(u_fair) + 1e-8)
    return w


BY_HAND: dict[str, Callable[[np.ndarray, list[float]], np.ndarray]] = {
    "plain": by_hand_plain,
    "momentum": by_hand_momentum,
    "nesterov": by_hand_nesterov,
    "adagrad": by_hand_adagrad,
    "rmsprop": by_hand_rmsprop,
    "adam": by_hand_adam,
}


def test_every_rule_has_a_formula_by_hand() -> None:
    assert list(BY_HAND) == list(OPTIMIZERS)


@pytest.mark.parametrize("name", list(BY_HAND))
def test_each_rule_steps_as_its_formula_says(name: str) -> None:
    np.testing.assert_allclose(engine(name), BY_HAND[name](STARTS, SPEEDS), rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", list(BY_HAND))
def test_the_check_tells_the_rules_apart(name: str) -> None:
    # Every other rule's formula lands elsewhere: the comparison above could fail.
    for other, by_hand in BY_HAND.items():
        if other != name:
            assert np.max(np.abs(engine(name) - by_hand(STARTS, SPEEDS))) > 1e-6


def torch_momentum(w: np.ndarray, speeds: list[float], nesterov: bool = False) -> np.ndarray:
    """PyTorch's SGD(momentum=0.9[, nesterov=True]) from its documented algorithm: b <- 0.9 b + g, w <- w - lr (...)."""
    b = None
    for speed in speeds:
        g = slope(w)
        b = g if b is None else 0.9 * b + g
        w = w - speed * (g + 0.9 * b if nesterov else b)
    return w


def test_momentum_matches_torchs_buffer_at_a_steady_speed_but_not_when_it_changes() -> None:
    steady = [0.05] * 6
    np.testing.assert_allclose(engine("momentum", speeds=steady), torch_momentum(STARTS, steady), atol=1e-12)
    assert np.max(np.abs(engine("momentum") - torch_momentum(STARTS, SPEEDS))) > 1e-3


def test_torchs_nesterov_weights_are_this_balls_look_ahead_points() -> None:
    steady = [0.05] * 6
    state: dict[str, np.ndarray] = {}
    w = STARTS
    for t, speed in enumerate(steady):
        w = OPTIMIZERS["nesterov"].step(w, slope, speed, state, t)
    ahead = w + 0.9 * state["velocity"]
    np.testing.assert_allclose(torch_momentum(STARTS, steady, nesterov=True), ahead, atol=1e-12)
    assert np.max(np.abs(ahead - w)) > 1e-3


SCHEDULES_BY_HAND: dict[str, Callable[[float, int], float]] = {
    "constant": lambda speed, t: speed,
    "step": lambda speed, t: speed * 0.5 ** (t // 25),
    "exponential": lambda speed, t: speed * 0.98**t,
    "robbins-monro": lambda speed, t: speed / (1 + t / 10),
}


@pytest.mark.parametrize("name", list(SCHEDULES_BY_HAND))
def test_each_schedule_gives_the_speed_its_formula_says(name: str) -> None:
    assert list(SCHEDULES_BY_HAND) == list(SCHEDULES)
    for t in (0, 1, 9, 10, 24, 25, 26, 49, 50, 99, 137):
        assert speed_at(name, 0.3, t) == pytest.approx(SCHEDULES_BY_HAND[name](0.3, t), rel=0, abs=1e-12)


def test_a_schedule_sets_the_speed_of_momentums_new_push_only() -> None:
    land = get_landscape("tilted-double-well")
    run = descend(land, start=-1.8, speed=0.05, steps=60, optimizer="momentum", schedule="step")
    w, v, path = -1.8, 0.0, [-1.8]
    for t in range(60):
        v = 0.9 * v - 0.05 * 0.5 ** (t // 25) * float(land.slope(w))
        w = w + v
        path.append(w)
    np.testing.assert_allclose([s.w for s in run.steps], path, rtol=0, atol=1e-12)


def numbers_in(text: str) -> set[float]:
    """Every number written in `text` (0.9, 1e-8, 25, ...)."""
    return {float(x) for x in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?", text)}


def same_numbers(found: set[float], expected: set[float]) -> bool:
    return {round(x, 12) for x in found} == {round(x, 12) for x in expected}


def test_each_rules_words_state_the_constants_the_engine_runs() -> None:
    b1, b2 = ADAM_BETAS
    stated = {
        "plain": set(),
        "momentum": {MOMENTUM},
        "nesterov": {MOMENTUM},
        "adagrad": {EPSILON},
        "rmsprop": {RMS_DECAY, 1 - RMS_DECAY, EPSILON},
        "adam": {b1, b2, 1 - b1, 1 - b2, EPSILON},
    }
    for name, optimizer in OPTIMIZERS.items():
        assert same_numbers(numbers_in(optimizer.rule) - {0, 1}, stated[name]), (name, optimizer.rule)


def test_each_schedules_words_state_its_constants() -> None:
    stated = {"constant": set(), "step": {STEP_FACTOR, STEP_EVERY}, "exponential": {EXP_DECAY}}
    stated["robbins-monro"] = {ROBBINS_MONRO_TAU}
    for name, (rule, _) in SCHEDULE_RULES.items():
        assert same_numbers(numbers_in(rule) - {1}, stated[name]), (name, rule)


def test_the_words_name_pytorchs_documented_defaults() -> None:
    words = conventions()["optimizers"]
    assert "alpha 0.99" in words["rmsprop"]["torch"]
    assert "eps 1e-10" in words["adagrad"]["torch"]
    assert "look-ahead point" in words["nesterov"]["torch"]
    assert f"b ← {MOMENTUM:g}·b + slope" in words["momentum"]["torch"]
    assert "betas (0.9, 0.999)" in words["adam"]["torch"]


def test_the_docs_state_every_rule_and_schedule_as_the_engine_does() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name, words in {**conventions()["optimizers"], **conventions()["schedules"]}.items():
        for part in words["rule"].split("; "):
            assert part in text, f"docs/optimizers.md does not say {name}'s `{part}`"
        assert words["torch"] in text, f"docs/optimizers.md does not compare {name} with PyTorch as the engine does"
