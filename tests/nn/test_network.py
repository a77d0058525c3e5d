"""Building networks: structure checks with plain messages, readable printing, seeded starting weights."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.nn import MAX_LAYER_SIZE, MAX_LAYERS, LayerSpec, Network, NNError

FRUITS_NET = [LayerSpec(16, "relu", "hidden"), LayerSpec(4, "softmax", "output")]


def test_a_network_prints_its_structure_and_size() -> None:
    net = Network(4, FRUITS_NET)
    assert repr(net) == "Network(4 inputs → hidden 16 relu → output 4 softmax, 148 parameters)"
    assert net.n_parameters == 4 * 16 + 16 + 16 * 4 + 4
    assert repr(Network(1, [LayerSpec(1, "linear", "output")])) == "Network(1 input → output 1 linear, 2 parameters)"


def test_the_same_seed_gives_the_same_weights() -> None:
    a, b, c = Network(4, FRUITS_NET, seed=7), Network(4, FRUITS_NET, seed=7), Network(4, FRUITS_NET, seed=8)
    for la, lb in zip(a.layers, b.layers, strict=True):
        assert np.array_equal(la.W, lb.W) and np.array_equal(la.b, lb.b)
    assert not np.array_equal(a.layers[0].W, c.layers[0].W)


def test_relu_layers_start_with_he_scaling_and_others_with_xavier() -> None:
    net = Network(100, [LayerSpec(200, "relu"), LayerSpec(200, "tanh"), LayerSpec(2, "softmax", "output")])
    assert net.layers[0].W.std() == pytest.approx(np.sqrt(2 / 100), rel=0.05)
    assert net.layers[1].W.std() == pytest.approx(np.sqrt(2 / 400), rel=0.05)
    assert not net.layers[0].b.any()


STRUCTURE_ERRORS = [
    (4, [], "a network needs at least an output layer"),
    (4, [LayerSpec(16, "relu")], "the last layer must be the output layer (`layer output size N kind K`)"),
    (
        4,
        [LayerSpec(0, "relu"), LayerSpec(4, "softmax", "output")],
        f"layer 1 (hidden) has size 0: use a whole number at least 1 and at most {MAX_LAYER_SIZE}",
    ),
    (
        4,
        [LayerSpec(MAX_LAYER_SIZE + 1, "relu"), LayerSpec(4, "softmax", "output")],
        f"layer 1 (hidden) has size {MAX_LAYER_SIZE + 1}: use a whole number at least 1 and at most {MAX_LAYER_SIZE}",
    ),
    (
        4,
        [LayerSpec(2.5, "relu"), LayerSpec(4, "softmax", "output")],  # type: ignore[arg-type]
        f"layer 1 (hidden) has size 2.5: use a whole number at least 1 and at most {MAX_LAYER_SIZE}",
    ),
    (
        4,
        [LayerSpec(8, "softmax"), LayerSpec(4, "softmax", "output")],
        "layer 1 (hidden) has kind 'softmax': use one of relu, tanh, sigmoid, linear (softmax turns scores into class "
        "chances, so it only goes on the output layer)",
    ),
    (4, [LayerSpec(4, "relu", "output")], "layer 1 (output) has kind 'relu': use one of softmax, sigmoid, linear"),
    (4, [LayerSpec(4, "relu", "middle")], "layer 1 has role 'middle': use hidden or output"),
    (
        4,
        [LayerSpec(4, "softmax", "output"), LayerSpec(4, "softmax", "output")],
        "layer 1 is an output layer but more layers follow it: the output layer comes last",
    ),
    (0, FRUITS_NET, "the number of inputs must be a whole number at least 1 and at most 100 (got 0)"),
    (
        4,
        [LayerSpec(2, "relu")] * MAX_LAYERS + [LayerSpec(4, "softmax", "output")],
        f"a network may have at most {MAX_LAYERS} layers (got {MAX_LAYERS + 1})",
    ),
]


@pytest.mark.parametrize(("inputs", "layers", "message"), STRUCTURE_ERRORS, ids=[m[:40] for *_, m in STRUCTURE_ERRORS])
def test_a_malformed_network_is_refused_in_words(inputs: int, layers: list[LayerSpec], message: str) -> None:
    with pytest.raises(NNError) as caught:
        Network(inputs, layers)
    assert str(caught.value) == message


def test_a_bad_seed_is_refused() -> None:
    with pytest.raises(NNError, match=r"seed must be a whole number, 0 or more \(got -1\)"):
        Network(4, FRUITS_NET, seed=-1)
