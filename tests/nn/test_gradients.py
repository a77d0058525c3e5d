"""Every slope the engine computes, checked against finite differences of the thing it is the slope of."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.nn import ACTIVATIONS, HEADS, LayerSpec, Network

EPS = 1e-6


def numeric_slope(f, x: np.ndarray) -> np.ndarray:
    """Central differences of a scalar function f at every entry of x."""
    slope = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        keep = x[i]
        x[i] = keep + EPS
        up = f(x)
        x[i] = keep - EPS
        down = f(x)
        x[i] = keep
        slope[i] = (up - down) / (2 * EPS)
    return slope


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_each_activation_carries_its_derivative(name: str) -> None:
    act = ACTIVATIONS[name]
    z = np.random.default_rng(1).normal(0, 2, size=(5, 3))
    z[np.abs(z) < 0.01] = 0.5  # keep relu away from its kink, where the slope jumps
    analytic = act.der(z, act.output(z))
    numeric = (act.output(z + EPS) - act.output(z - EPS)) / (2 * EPS)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


def test_sigmoid_does_not_overflow_at_large_scores() -> None:
    out = ACTIVATIONS["sigmoid"].output(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0])


def _targets(kind: str, rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    if kind == "softmax":
        return rng.integers(0, k, size=n)
    if kind == "sigmoid":
        return rng.integers(0, 2, size=n)
    return rng.normal(size=n)


@pytest.mark.parametrize("kind", list(HEADS))
def test_each_loss_slope_matches_finite_differences(kind: str) -> None:
    rng = np.random.default_rng(2)
    k = 4 if kind == "softmax" else 1
    z, y = rng.normal(0, 3, size=(6, k)), _targets(kind, rng, 6, k)
    head = HEADS[kind]
    np.testing.assert_allclose(head.grad(z, y), numeric_slope(lambda v: head.loss(v, y), z), rtol=1e-5, atol=1e-9)


def test_softmax_cross_entropy_is_stable_for_huge_scores() -> None:
    z = np.array([[1000.0, 0.0, -1000.0]])
    head = HEADS["softmax"]
    assert head.loss(z, np.array([0])) == pytest.approx(0.0)
    assert head.loss(z, np.array([2])) == pytest.approx(2000.0)
    assert np.isfinite(head.grad(z, np.array([2]))).all()


def test_binary_cross_entropy_matches_its_definition() -> None:
    z, y = np.array([[0.3], [-1.2]]), np.array([1, 0])
    p = 1 / (1 + np.exp(-z[:, 0]))
    expected = -(y * np.log(p) + (1 - y) * np.log(1 - p)).mean()
    assert HEADS["sigmoid"].loss(z, y) == pytest.approx(expected)


NETWORKS = [
    [LayerSpec(5, "relu"), LayerSpec(3, "softmax", "output")],
    [LayerSpec(4, "tanh"), LayerSpec(3, "sigmoid"), LayerSpec(3, "softmax", "output")],
    [LayerSpec(4, "sigmoid"), LayerSpec(1, "sigmoid", "output")],
    [LayerSpec(3, "linear"), LayerSpec(4, "tanh"), LayerSpec(1, "linear", "output")],
    [LayerSpec(1, "linear", "output")],
]


@pytest.mark.parametrize("specs", NETWORKS, ids=lambda s: " → ".join(map(str, s)))
def test_a_whole_network_backpropagates_the_true_slope(specs: list[LayerSpec]) -> None:
    rng = np.random.default_rng(3)
    net = Network(3, specs, seed=4)
    X = rng.normal(size=(7, 3))
    y = _targets(specs[-1].kind, rng, 7, specs[-1].size)

    def loss(_: np.ndarray) -> float:
        return net.head.loss(net.forward(X), y)

    net.backward(net.head.grad(net.forward(X), y))
    for layer in net.layers:
        analytic_w, analytic_b = layer.dW.copy(), layer.db.copy()
        np.testing.assert_allclose(analytic_w, numeric_slope(loss, layer.W), rtol=1e-4, atol=1e-8)
        np.testing.assert_allclose(analytic_b, numeric_slope(loss, layer.b), rtol=1e-4, atol=1e-8)
