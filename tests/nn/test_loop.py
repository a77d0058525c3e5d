"""The lean training loop's pieces give bit for bit what the plain functions give, and leave a usable network."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.core.optimizers import OPTIMIZERS
from foggyhill.nn import ACTIVATIONS, HEADS, NN_OPTIMIZERS, LayerSpec, Network, load_dataset, predict, train
from foggyhill.nn.activations import IN_PLACE, Plan
from foggyhill.nn.losses import GRAD_INTO, row_levels, row_max, softmax_loss_into, softmax_loss_of, target_table
from foggyhill.nn.training import _scaled, _scaling
from foggyhill.nn.updates import Update


def scores(rows: int = 13, k: int = 4, seed: int = 0) -> np.ndarray:
    """Scores with the awkward values too: zeros of both signs, ties, large ones."""
    z = np.random.default_rng(seed).normal(0.0, 3.0, size=(rows, k))
    z[0, :] = 0.0
    z[1, 0], z[1, -1] = -0.0, 0.0
    z[2, :] = 700.0
    z[3, 0] = -750.0
    return z


def run(plan: Plan) -> None:
    """Make a plan's numpy calls, in order, as the loop does."""
    for call in plan:
        call()


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal to the last bit, the sign of zero and NaN included."""
    return a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.parametrize("kind", list(IN_PLACE))
def test_each_in_place_activation_is_output_and_der_to_the_bit(kind: str) -> None:
    act, (into, slope_times) = ACTIVATIONS[kind], IN_PLACE[kind]
    z, grad = scores(), scores(seed=1)
    a = into(z, np.empty_like(z))  # the loop's plans (activations.PLANS), made at once
    assert same(a, act.output(z))
    assert same(slope_times(grad, z, a, np.empty_like(z)), grad * act.der(z, act.output(z)))


def test_linear_needs_no_in_place_form_because_times_one_changes_nothing() -> None:
    grad = scores()
    assert "linear" not in IN_PLACE and same(grad * ACTIVATIONS["linear"].der(grad, grad), grad)


@pytest.mark.parametrize(
    ("kind", "k"), [("softmax", 2), ("softmax", 3), ("softmax", 4), ("softmax", 10), ("sigmoid", 1), ("linear", 1)]
)
def test_each_in_place_slope_is_the_heads_grad_to_the_bit(kind: str, k: int) -> None:
    z = scores(k=k)
    y = np.random.default_rng(2).integers(0, max(k, 2), size=len(z))
    if kind == "linear":
        y = np.random.default_rng(2).normal(size=len(z))
    out = np.empty_like(z)
    run(GRAD_INTO[kind](z, target_table(kind, y, k), out, row_levels(len(z), k), np.full((), len(z))))
    assert same(out, HEADS[kind].grad(z, y))


@pytest.mark.parametrize("k", range(2, 12))
def test_the_largest_score_of_each_row_is_numpys_row_max(k: int) -> None:
    z = scores(rows=40, k=k)
    z[4, -1], z[5, 0], z[6, k // 2] = np.inf, -np.inf, np.nan
    levels = row_levels(len(z), k)
    run(row_max(z, levels))
    np.testing.assert_array_equal(levels[-1], z.max(axis=1, keepdims=True))  # NaN where numpy has NaN


@pytest.mark.parametrize("k", [2, 3, 4, 5, 10])
def test_the_in_place_loss_is_the_softmax_loss_to_the_bit(k: int) -> None:
    z = scores(rows=40, k=k)
    y = np.random.default_rng(3).integers(0, k, size=len(z))
    picks, picked = np.arange(len(z)) * k + y, np.empty(len(z))
    run(softmax_loss_into(z, picks, row_levels(len(z), k), np.empty_like(z), picked))
    assert repr(softmax_loss_of(picked)) == repr(HEADS["softmax"].loss(z, y))


@pytest.mark.parametrize("name", NN_OPTIMIZERS)
def test_each_in_place_rule_is_cores_rule_to_the_bit(name: str) -> None:
    rng = np.random.default_rng(4)
    w = rng.normal(size=30)
    theirs, state = w.copy(), {}
    update = Update(name, w.size)
    for t in range(6):
        g = rng.normal(size=30) * 10.0 ** (t - 3)
        theirs = OPTIMIZERS[name].step(theirs, lambda _w, g=g: g, 0.03, state, t)
        update.step(w, g, np.full((), 0.03), t)
        assert same(w, theirs), f"step {t}"


@pytest.mark.parametrize("rows", [1, 3, 16, 59, 200])
@pytest.mark.parametrize(("n_in", "n_out"), [(1, 1), (1, 16), (4, 16), (16, 4), (64, 10), (32, 2), (100, 256)])
def test_the_loops_products_are_matmuls_to_the_bit(rows: int, n_in: int, n_out: int) -> None:
    # The loop calls np.dot, which costs less to call; it must make the very products np.matmul (`@`) makes.
    rng = np.random.default_rng(rows * 1000 + n_in)
    x, W, g = rng.normal(size=(rows, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=(rows, n_out))
    for a, b in ((x, W), (x.T, g), (g, W.T)):
        assert same(np.dot(a, b, out=np.empty((a.shape[0], b.shape[1]))), a @ b)


def test_training_leaves_weights_a_network_can_use_and_train_again() -> None:
    data = load_dataset("fruits")
    net = Network(4, [LayerSpec(8, "relu"), LayerSpec(4, "softmax", "output")])
    train(net, data, 5, 0.1)
    before = [layer.W.copy() for layer in net.layers]
    answers = predict(net, data.X[:5].tolist())
    # Reading and replacing a layer's arrays works as before: the loop copies them in again at the next training.
    net.layers[0].W = net.layers[0].W.copy()
    assert predict(net, data.X[:5].tolist()) == answers
    history = train(net, data, 3, 0.1, batch=100)
    assert len(history.rounds) == 3
    assert not all(np.array_equal(a, layer.W) for a, layer in zip(before, net.layers, strict=True))
    assert net.layers[0].W.shape == (4, 8) and net.layers[1].b.shape == (4,)


@pytest.mark.parametrize(
    ("dataset", "layers", "optimizer", "batch"),
    [
        ("fruits", [(16, "relu"), (4, "softmax")], "plain", 32),
        ("checkerboard", [(6, "tanh"), (5, "linear"), (1, "sigmoid")], "momentum", 7),
        ("lemonade", [(4, "sigmoid"), (1, "linear")], "adam", 1000),
    ],
)
def test_a_training_is_the_plain_functions_training_to_the_bit(
    dataset: str, layers: list[tuple[int, str]], optimizer: str, batch: int
) -> None:
    # Network.forward/backward, the head's grad and core's rule, one array at a time: what the loop's plans must make.
    data = load_dataset(dataset)
    specs = [LayerSpec(*layer) for layer in layers[:-1]] + [LayerSpec(*layers[-1], role="output")]
    net, twin = Network(data.features, specs, seed=1), Network(data.features, specs, seed=1)
    train(net, data, 4, 0.05, batch=batch, seed=2, optimizer=optimizer)
    X, y = _scaled(data, _scaling(data, []))
    rng, size, states = np.random.default_rng(2), min(batch, len(X)), [{} for _ in twin.parameters()]
    for number in range(4):
        order = rng.permutation(len(X))
        starts = range(0, len(X), size)
        for t, start in enumerate(starts, start=number * len(starts)):
            rows = order[start : start + size]
            twin.backward(twin.head.grad(twin.forward(X[rows]), y[rows]))
            for (layer, name), state in zip(twin.parameters(), states, strict=True):
                slope = getattr(layer, "d" + name)
                setattr(
                    layer, name, OPTIMIZERS[optimizer].step(getattr(layer, name), lambda _w, g=slope: g, 0.05, state, t)
                )
    for ours, theirs in zip(net.layers, twin.layers, strict=True):
        assert same(ours.W, theirs.W) and same(ours.b, theirs.b)
