"""A training's live pictures: the `training` event names what they show (so a page labels a live network picture
without any other event), and the arrays kept between pictures give the same answers as making them afresh."""

from __future__ import annotations

import json

import numpy as np
import pytest

from foggyhill.nn import Dataset, LayerSpec, Network, load_dataset, train
from foggyhill.nn.explain import answers, data_scaling
from foggyhill.studio import Collect, Uploads, run_program
from foggyhill.studio.views import GRID, MAX_EDGES, Edges, Grid, plane

DRAWN = """data = load "{data}"{target}
net = make_network
  layer input from data
  layer hidden size 5 kind relu
  layer output size {out} kind {kind}
end
train_network net, on: data, rounds: {rounds}, speed: 0.1
plot_network net
"""


def trainings(source: str, files: dict[str, str] | None = None) -> list[dict[str, object]]:
    """The program's `training` events as JSON carries them."""
    sink = Collect()
    run_program(source, sink, loader=Uploads(files) if files else None)
    return [json.loads(json.dumps(e.to_dict())) for e in sink.effects if e.kind == "training"]


def test_the_training_event_names_the_inputs_and_classes_of_the_live_network() -> None:
    source = DRAWN.format(data="fruits", target="", out=4, kind="softmax", rounds=3)
    (training,) = trainings(source)
    views = training["views"]
    assert views["inputs"] == ["mass", "width", "height", "color_score"]
    assert views["outputs"] == ["apple", "mandarin", "orange", "lemon"]
    assert views["sizes"] == [4, 5, 4]
    assert views["layers"] == [
        {"role": "hidden", "kind": "relu", "size": 5},
        {"role": "output", "kind": "softmax", "size": 4},
    ]
    assert views["network"] is True and views["boundary"] is None  # four features: no plane to draw


def test_a_number_target_names_its_one_output_and_a_second_training_keeps_the_first_ones_names() -> None:
    csv = "a,b,out\n" + "\n".join(f"{i % 7},{i % 5},{(i % 7) * 2 + (i % 5)}" for i in range(40))
    other = csv.replace("a,b,out", "p,q,size")
    source = (
        DRAWN.format(data="plane.csv", target=', target: "out"', out=1, kind="linear", rounds=2)
        + 'more = load "other.csv", target: "size"\ntrain_network net, on: more, rounds: 2, speed: 0.1\n'
    )
    first, second = trainings(source, {"plane.csv": csv, "other.csv": other})
    assert first["views"]["inputs"] == ["a", "b"] and first["views"]["outputs"] == ["out"]
    # the network keeps the names (and scaling) of its first training, as plot_network draws them
    assert second["views"]["inputs"] == ["a", "b"] and second["views"]["outputs"] == ["out"]


def test_the_live_pictures_are_labelled_as_plot_network_labels_the_network() -> None:
    sink = Collect()
    run_program(DRAWN.format(data="checkerboard", target="", out=2, kind="softmax", rounds=4), sink)
    views = next(e.data["views"] for e in sink.effects if e.kind == "training")
    picture = next(e.data for e in sink.effects if e.kind == "network_picture")
    assert {k: views[k] for k in ("inputs", "outputs", "sizes", "layers")} == {
        k: picture[k] for k in ("inputs", "outputs", "sizes", "layers")
    }


@pytest.mark.parametrize(
    ("data", "hidden", "out", "kind"),
    [
        ("spirals", "tanh", 2, "softmax"),
        ("checkerboard", "relu", 1, "sigmoid"),
        ("checkerboard", "sigmoid", 2, "softmax"),
        ("spirals", "linear", 1, "linear"),
    ],
)
def test_the_kept_arrays_give_the_answers_made_afresh_as_the_weights_change(
    data: str, hidden: str, out: int, kind: str
) -> None:
    table = load_dataset(data)
    if kind == "linear":  # a number target: the spirals' second feature from both, a little apart
        X = np.column_stack([table.X[:, 0], table.X[:, 0] + 0.1 * table.X[:, 1]])
        table = Dataset("line", "a number target", X, table.X[:, 1].copy(), ["p", "q"], "y", None)
    net = Network(2, [LayerSpec(9, hidden), LayerSpec(out, kind, "output")], seed=3)
    grid = Grid(table)
    _, _, xs, ys = plane(table)
    points = np.array([[x, y] for y in ys for x in xs])
    for rounds in (0, 1, 4):  # before training (the data's scaling), then the same arrays again as it learns
        if rounds:
            train(net, table, rounds, speed=0.01 if kind == "linear" else 0.2)
        found, chance = answers(net, points, data_scaling(net, table))
        got = grid.answers(net)
        if chance is None:
            assert got["grid"] == np.round(found.reshape(GRID, GRID), 6).tolist() and got["confidence"] is None
        else:
            assert got["grid"] == found.reshape(GRID, GRID).tolist()
            assert got["confidence"] == np.round(chance.reshape(GRID, GRID), 3).tolist()


@pytest.mark.parametrize("size", [6, 200])
def test_the_kept_edge_places_give_every_weight_or_the_largest(size: int) -> None:
    net = Network(4, [LayerSpec(size, "relu"), LayerSpec(3, "softmax", "output")], seed=1)
    edges = Edges(net)
    for scale in (1.0, -2.5):  # the weights change between pictures; the places do not
        for layer in net.layers:
            layer.W *= scale
        now = edges.now(net)
        total = 4 * size + size * 3
        assert now["edges_total"] == total and len(now["edges"]) == min(total, MAX_EDGES)
        for layer, start, end, weight in now["edges"]:
            assert weight == net.layers[layer - 1].W[start - 1, end - 1]
        every = np.concatenate([np.abs(layer.W).ravel() for layer in net.layers])
        assert (every > min(abs(e[3]) for e in now["edges"])).sum() < MAX_EDGES
        assert now["edges"] == sorted(now["edges"], key=lambda e: e[:3])  # in the weights' order, layer by layer
        assert now["biases"] == [layer.b.tolist() for layer in net.layers]
