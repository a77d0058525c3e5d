"""Descent on surfaces: each update rule against steps worked out by hand, Newton's method, runs as data."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from foggyhill.core import SettingError, Surface, descend_surface, get_surface, parse_surface_settings
from foggyhill.core.surfaces import SURFACE_OPTIMIZERS, newton_step

# The ravine w1^2 + 10 w2^2: slope (2 w1, 20 w2). Start (-2.5, 1).


def ravine_slope(w1: float, w2: float) -> tuple[float, float]:
    return 2.0 * w1, 20.0 * w2


def reference_plain(speed: float, steps: int) -> list[tuple[float, float]]:
    w = (-2.5, 1.0)
    out = [w]
    for _ in range(steps):
        g = ravine_slope(*w)
        w = (w[0] - speed * g[0], w[1] - speed * g[1])
        out.append(w)
    return out


def reference_momentum(speed: float, steps: int, nesterov: bool = False) -> list[tuple[float, float]]:
    w, v = [-2.5, 1.0], [0.0, 0.0]
    out = [tuple(w)]
    for _ in range(steps):
        at = [w[i] + 0.9 * v[i] for i in range(2)] if nesterov else w
        g = ravine_slope(*at)
        v = [0.9 * v[i] - speed * g[i] for i in range(2)]
        w = [w[i] + v[i] for i in range(2)]
        out.append(tuple(w))
    return out


def reference_adagrad(speed: float, steps: int) -> list[tuple[float, float]]:
    w, s = [-2.5, 1.0], [0.0, 0.0]
    out = [tuple(w)]
    for _ in range(steps):
        g = ravine_slope(*w)
        s = [s[i] + g[i] ** 2 for i in range(2)]
        w = [w[i] - speed * g[i] / (math.sqrt(s[i]) + 1e-8) for i in range(2)]
        out.append(tuple(w))
    return out


def reference_rmsprop(speed: float, steps: int) -> list[tuple[float, float]]:
    w, a = [-2.5, 1.0], [0.0, 0.0]
    out = [tuple(w)]
    for _ in range(steps):
        g = ravine_slope(*w)
        a = [0.9 * a[i] + 0.1 * g[i] ** 2 for i in range(2)]
        w = [w[i] - speed * g[i] / (math.sqrt(a[i]) + 1e-8) for i in range(2)]
        out.append(tuple(w))
    return out


def reference_adam(speed: float, steps: int) -> list[tuple[float, float]]:
    w, m, u = [-2.5, 1.0], [0.0, 0.0], [0.0, 0.0]
    out = [tuple(w)]
    for t in range(steps):
        g = ravine_slope(*w)
        m = [0.9 * m[i] + 0.1 * g[i] for i in range(2)]
        u = [0.999 * u[i] + 0.001 * g[i] ** 2 for i in range(2)]
        w = [
            w[i] - speed * (m[i] / (1 - 0.9 ** (t + 1))) / (math.sqrt(u[i] / (1 - 0.999 ** (t + 1))) + 1e-8)
            for i in range(2)
        ]
        out.append(tuple(w))
    return out


REFERENCES = {
    "plain": reference_plain,
    "momentum": reference_momentum,
    "nesterov": lambda speed, steps: reference_momentum(speed, steps, nesterov=True),
    "adagrad": reference_adagrad,
    "rmsprop": reference_rmsprop,
    "adam": reference_adam,
}


@pytest.mark.parametrize("optimizer", list(REFERENCES))
def test_each_rule_takes_the_steps_worked_out_by_hand(optimizer: str) -> None:
    run = descend_surface("ravine", optimizer=optimizer, speed=0.04, steps=6)
    expected = REFERENCES[optimizer](0.04, 6)
    np.testing.assert_allclose(run.ws, np.array(expected), rtol=1e-13, atol=1e-15)
    assert run.ws.shape == (7, 2)


def test_the_first_plain_steps_by_hand_on_rosenbrock() -> None:
    # At (-1.5, 2): w2 - w1^2 = -0.25, slope = (-2(2.5) - 400(-1.5)(-0.25), 200(-0.25)) = (-155, -50).
    run = descend_surface("rosenbrock", start="-1.5,2", speed=0.001, steps=1)
    first, second = run.steps
    assert first.slope == (-155.0, -50.0)
    assert first.loss == pytest.approx(2.5**2 + 100 * 0.25**2)
    assert second.w == pytest.approx((-1.5 + 0.155, 2.0 + 0.05))
    assert second.taken == pytest.approx((0.155, 0.05))


def test_the_reference_check_can_fail() -> None:
    run = descend_surface("ravine", optimizer="momentum", speed=0.04, steps=6)
    with pytest.raises(AssertionError):  # momentum is not plain descent: the check tells them apart
        np.testing.assert_allclose(run.ws, np.array(reference_plain(0.04, 6)), rtol=1e-13)


def random_bowl(seed: int) -> tuple[Surface, np.ndarray]:
    """A quadratic ½(w − c)ᵀA(w − c) + k with a random positive definite A, and its bottom c."""
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((2, 2)))[0]
    a = q @ np.diag(rng.uniform(0.1, 50.0, 2)) @ q.T
    c = rng.uniform(-2.0, 2.0, 2)

    def loss(w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
        d1, d2 = w1 - c[0], w2 - c[1]
        return 0.5 * (a[0, 0] * d1 * d1 + 2 * a[0, 1] * d1 * d2 + a[1, 1] * d2 * d2) + 3.0

    def gradient(w1: np.ndarray, w2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        d1, d2 = w1 - c[0], w2 - c[1]
        return a[0, 0] * d1 + a[0, 1] * d2, a[0, 1] * d1 + a[1, 1] * d2

    def hessian(w1: np.ndarray, w2: np.ndarray) -> tuple[float, float, float]:
        return a[0, 0], a[0, 1], a[1, 1]

    return Surface("bowl", "Bowl", "", loss, gradient, hessian, ((-5.0, 5.0), (-5.0, 5.0)), (4.0, -4.0)), c


@pytest.mark.parametrize("seed", range(8))
def test_newton_lands_on_the_bottom_of_any_bowl_in_one_step(seed: int) -> None:
    surface, bottom = random_bowl(seed)
    start = np.random.default_rng(100 + seed).uniform(-5.0, 5.0, 2)
    run = descend_surface(surface, optimizer="newton", start=tuple(start), speed=1.0, steps=3)
    np.testing.assert_allclose(run.ws[1], bottom, atol=1e-9)
    assert run.verdict.kind == "converged-global" and run.verdict.step == 1
    half = descend_surface(surface, optimizer="newton", start=tuple(start), speed=0.5, steps=1)
    np.testing.assert_allclose(half.ws[1], (start + bottom) / 2, atol=1e-9)  # speed scales Newton's step


def test_newton_goes_to_the_saddle_not_downhill() -> None:
    run = descend_surface("saddle", optimizer="newton", start=(-1.0, 0.3), speed=1.0, steps=20)
    assert np.linalg.norm(run.ws[-1]) < 1e-12
    assert run.verdict.kind == "saddle"
    assert "Newton's step jumps to where the slope is zero" in run.verdict.explanation
    plain = descend_surface("saddle", start=(-1.0, 0.3), speed=0.1, steps=200)
    assert plain.verdict.kind == "converged-global"  # plain descent rolls off it into a dip


def test_newton_stops_where_the_hessian_is_singular() -> None:
    # h22 = -2 + 3 w2^2 is zero at w2 = sqrt(2/3): the surface is flat across w2 there.
    w2 = math.sqrt(2.0 / 3.0)
    run = descend_surface("saddle", optimizer="newton", start=(-1.0, w2), steps=10)
    assert len(run.steps) == 1
    assert run.verdict.kind == "stopped" and run.verdict.step == 0
    assert "cannot be inverted" in run.verdict.explanation
    stepped, ok = newton_step(
        np.array([[-1.0, w2], [-1.0, 0.3]]), get_surface("saddle").gradient, get_surface("saddle").hessian, 1.0
    )
    assert ok.tolist() == [False, True]
    assert stepped[0].tolist() == [-1.0, w2]  # a refused step leaves the point where it was


def test_a_run_as_data_has_two_numbers_for_w_and_slope() -> None:
    run = descend_surface("rosenbrock", start="-1.5,2", speed=0.001, steps=5)
    data = json.loads(json.dumps(run.to_dict()))
    assert data["landscape"] == "rosenbrock"
    assert data["settings"]["start"] == [-1.5, 2.0]
    assert data["settings"]["optimizer"] == "plain" and data["settings"]["speed"] == 0.001
    assert len(data["steps"]) == 6
    for step in data["steps"]:
        assert len(step["w"]) == 2 and len(step["slope"]) == 2 and len(step["taken"]) == 2
    assert data["steps"][0]["slope"] == [-155.0, -50.0]
    assert set(data["verdict"]) == {"kind", "step", "headline", "explanation", "facts"}
    assert repr(run) == "SurfaceRun(rosenbrock, start=(-1.5, 2), speed=0.001, plain, 5 steps: crawling at step 5)"


def test_noise_is_seeded() -> None:
    one = descend_surface("himmelblau", noise=2.0, seed=7, speed=0.01, steps=30)
    again = descend_surface("himmelblau", noise=2.0, seed=7, speed=0.01, steps=30)
    other = descend_surface("himmelblau", noise=2.0, seed=8, speed=0.01, steps=30)
    np.testing.assert_array_equal(one.ws, again.ws)
    assert not np.array_equal(one.ws, other.ws)


@pytest.mark.parametrize(
    ("settings", "field", "words"),
    [
        ({"start": "1,2,3"}, "start", "start must be two numbers"),
        ({"start": "1"}, "start", "start must be two numbers"),
        ({"start": "a,2"}, "start", "each start must be"),
        ({"start": "5000,1"}, "start", "at most 1000"),
        ({"speed": 0}, "speed", "greater than 0"),
        ({"optimizer": "lbfgs"}, "optimizer", "newton"),
        ({"landscape": "banana"}, "landscape", "himmelblau"),
        ({"colour": "red"}, "colour", "unknown setting"),
    ],
)
def test_bad_settings_are_refused_in_words(settings: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(SettingError, match=words) as caught:
        parse_surface_settings(settings)
    assert caught.value.field == field


def test_settings_read_the_start_as_text_or_numbers() -> None:
    assert parse_surface_settings({"start": "-1.5, 2"}).start == (-1.5, 2.0)
    assert parse_surface_settings({"start": [-1.5, 2]}).start == (-1.5, 2.0)
    assert parse_surface_settings({}).start is None
    assert "newton" in SURFACE_OPTIMIZERS


def test_a_formula_surface_runs_like_a_built_in() -> None:
    run = descend_surface(formula="w1^2 + 10*w2^2", start=(-2.5, 1.0), speed=0.04, steps=6)
    np.testing.assert_allclose(run.ws, np.array(reference_plain(0.04, 6)), rtol=1e-13)
    assert run.surface.name == "formula"
