"""nn/explain.py: every slope explain_step reports equals the loss's finite difference; the weights stay as they were;
the weight curve's slope is the curve's own; answers are predict's; the confusion table counts predict's guesses."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.nn import Dataset, LayerSpec, Network, load_dataset, predict, train
from foggyhill.nn.explain import answers, confusion, data_scaling, explain_step, scale_rows, weight_curve

H = 1e-6


def case(name: str, hidden: list[LayerSpec], output: LayerSpec, rounds: int) -> tuple[Network, Dataset]:
    """A network on a bundled dataset, trained a little (or not at all)."""
    data = load_dataset(name)
    net = Network(data.features, [*hidden, output], seed=3)
    if rounds:
        train(net, data, rounds, speed=0.05)
    return net, data


CASES = {
    "fruits relu softmax": ("fruits", [LayerSpec(6, "relu")], LayerSpec(4, "softmax", "output"), 5),
    "checkerboard two tanh": (
        "checkerboard",
        [LayerSpec(5, "tanh"), LayerSpec(3, "sigmoid")],
        LayerSpec(2, "softmax", "output"),
        3,
    ),
    "spirals sigmoid head": ("spirals", [LayerSpec(4, "tanh")], LayerSpec(1, "sigmoid", "output"), 0),
    "lemonade number": (
        "lemonade",
        [LayerSpec(3, "tanh"), LayerSpec(3, "linear")],
        LayerSpec(1, "linear", "output"),
        4,
    ),
}


def one_row_loss(net: Network, data: Dataset, row: int) -> float:
    """The loss of one example as the network sees it."""
    X, y = scale_rows(net, data)
    return net.head.loss(net.forward(X[row : row + 1]), y[row : row + 1])


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("row", [0, 7])
def test_every_slope_is_the_finite_difference_of_the_loss(name: str, row: int) -> None:
    net, data = case(*CASES[name])
    step = explain_step(net, data, row, speed=0.1)
    assert step.loss == pytest.approx(one_row_loss(net, data, row), rel=1e-12)
    for number, (layer, explained) in enumerate(zip(net.layers, step.layers, strict=True)):
        for attribute, slopes in (("W", explained.slope_W), ("b", explained.slope_b)):
            array = getattr(layer, attribute)
            for index in np.ndindex(array.shape):
                old = array[index]
                array[index] = old + H
                up = one_row_loss(net, data, row)
                array[index] = old - H
                down = one_row_loss(net, data, row)
                array[index] = old
                assert slopes[index] == pytest.approx((up - down) / (2 * H), abs=1e-6), (number, attribute, index)


@pytest.mark.parametrize("name", CASES)
def test_the_chain_rule_pieces_multiply_to_the_slopes(name: str) -> None:
    net, data = case(*CASES[name])
    step = explain_step(net, data, 2, speed=0.3)
    for number, layer in enumerate(step.layers):
        assert np.allclose(layer.slope_z, layer.slope_a * layer.local)
        assert np.allclose(layer.slope_W, np.outer(layer.x, layer.slope_z))
        assert np.allclose(step.new_W(number), layer.W - 0.3 * layer.slope_W)
        assert np.allclose(step.new_b(number), layer.b - 0.3 * layer.slope_b)
        if number + 1 < len(step.layers):  # what goes up is what the next layer takes in
            assert np.allclose(layer.a, step.layers[number + 1].x)
            assert np.allclose(layer.slope_a, step.layers[number + 1].W @ step.layers[number + 1].slope_z)


def test_explain_step_changes_no_weight() -> None:
    net, data = case(*CASES["fruits relu softmax"])
    before = [(layer.W.copy(), layer.b.copy()) for layer in net.layers]
    explain_step(net, data, 4, speed=1.0)
    weight_curve(net, data, 0, "W", (1, 2))
    assert all(np.array_equal(w, d.W) and np.array_equal(b, d.b) for (w, b), d in zip(before, net.layers, strict=True))


@pytest.mark.parametrize("name", CASES)
def test_the_weight_curve_passes_through_the_loss_now_with_the_backprop_slope(name: str) -> None:
    net, data = case(*CASES[name])
    curve = weight_curve(net, data, 0, "W", (0, 1))
    middle = len(curve.weights) // 2
    assert curve.weights[middle] == pytest.approx(curve.value)
    assert curve.losses[middle] == pytest.approx(curve.loss, rel=1e-12)
    X, y = scale_rows(net, data)
    assert curve.loss == pytest.approx(net.head.loss(net.forward(X), y), rel=1e-12)
    step = curve.weights[1] - curve.weights[0]
    numeric = (curve.losses[middle + 1] - curve.losses[middle - 1]) / (2 * step)
    assert curve.slope == pytest.approx(numeric, rel=0.05, abs=1e-4)  # a coarse grid's difference, so loosely


@pytest.mark.parametrize("name", ["fruits relu softmax", "spirals sigmoid head", "lemonade number"])
def test_answers_are_what_predict_says(name: str) -> None:
    net, data = case(*CASES[name][:3], rounds=3)
    found, chance = answers(net, data.X, data_scaling(net, data))
    said = predict(net, data.X.tolist())
    if data.classes is None:
        assert chance is None and np.allclose(found, said)
    else:
        assert [data.classes[int(k)] for k in found] == said
        assert chance is not None and np.all((chance >= 1 / len(data.classes) - 1e-12) & (chance <= 1))


def test_the_confusion_table_counts_predicts_guesses() -> None:
    net, data = case(*CASES["fruits relu softmax"])
    counts, guessed = confusion(net, data)
    said = predict(net, data.X.tolist())
    assert [data.classes[g] for g in guessed] == said
    assert counts.sum(axis=1).tolist() == np.bincount(data.y, minlength=4).tolist()
    for t in range(4):
        for g in range(4):
            assert counts[t, g] == sum(1 for y, s in zip(data.y, said, strict=True) if y == t and s == data.classes[g])
