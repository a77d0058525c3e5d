"""The statements that look inside a network: their effects' data agree with the network itself (its weights,
predict on the same points, the dataset's rows), and a training of a drawn network carries bounded live pictures."""

from __future__ import annotations

import json

import numpy as np
import pytest

from foggyhill.nn import LayerSpec, Network, load_dataset, predict
from foggyhill.studio import Collect, run_program
from foggyhill.studio.views import GRID, MAX_EDGES, SNAPSHOTS, network_picture, snapshot_rounds

NET = """data = load "{data}"
net = make_network
  layer input from data
  layer hidden size {size} kind tanh
  layer output size {out} kind {kind}
end
"""


def run(source: str) -> tuple[Collect, dict[str, object]]:
    """Run a program; its effects and its variables."""
    sink = Collect()
    variables = run_program(source, sink)
    return sink, variables


def effect(sink: Collect, kind: str) -> dict[str, object]:
    """The data of the one effect of a kind, as JSON carries it."""
    found = [e for e in sink.effects if e.kind == kind]
    assert len(found) == 1, sink.kinds()
    return json.loads(json.dumps(found[0].to_dict()))


def program(data: str = "checkerboard", size: int = 6, out: int = 2, kind: str = "softmax", rest: str = "") -> str:
    """A network on a dataset, then `rest`."""
    return NET.format(data=data, size=size, out=out, kind=kind) + rest


def test_the_network_picture_is_the_networks_weights() -> None:
    sink, variables = run(program(rest="train_network net, on: data, rounds: 5, speed: 0.3\nplot_network net\n"))
    net = variables["net"]
    assert isinstance(net, Network)
    picture = effect(sink, "network_picture")
    assert (
        picture["sizes"] == [2, 6, 2] and picture["inputs"] == ["x", "y"] and picture["outputs"] == ["black", "white"]
    )
    assert picture["edges_total"] == picture["edges_shown"] == 2 * 6 + 6 * 2
    for layer, start, end, weight in picture["edges"]:
        assert weight == net.layers[layer - 1].W[start - 1, end - 1]
    assert picture["biases"] == [layer.b.tolist() for layer in net.layers]
    assert [layer["kind"] for layer in picture["layers"]] == ["tanh", "softmax"]


def test_a_big_network_sends_its_largest_weights_and_says_so() -> None:
    sink, variables = run(program(data="fruits", size=256, out=4) + "plot_network net\n")
    net = variables["net"]
    picture = effect(sink, "network_picture")
    assert picture["edges_shown"] == MAX_EDGES < picture["edges_total"] == 4 * 256 + 256 * 4
    assert "largest" in picture["shown"] and "largest" in picture["text"]
    smallest_sent = min(abs(e[3]) for e in picture["edges"])
    every = np.concatenate([np.abs(layer.W).ravel() for layer in net.layers])
    assert (every > smallest_sent).sum() < MAX_EDGES


@pytest.mark.parametrize(("data", "out", "kind"), [("spirals", 2, "softmax"), ("checkerboard", 1, "sigmoid")])
def test_the_boundary_grid_is_predict_on_the_grid_points(data: str, out: int, kind: str) -> None:
    rest = "train_network net, on: data, rounds: 20, speed: 0.5\nplot_boundary net, on: data\n"
    sink, variables = run(program(data=data, out=out, kind=kind, rest=rest))
    boundary = effect(sink, "boundary")
    assert len(boundary["grid"]) == len(boundary["xs"]) == len(boundary["ys"]) == GRID
    assert all(len(row) == GRID for row in boundary["grid"] + boundary["confidence"])
    points = [[x, y] for y in boundary["ys"] for x in boundary["xs"]]
    said = predict(variables["net"], points)
    classes = boundary["classes"]
    assert [classes[c] for row in boundary["grid"] for c in row] == said
    assert boundary["ys"][0] > boundary["ys"][-1] and boundary["xs"][0] < boundary["xs"][-1]  # top row first
    low, high = boundary["x_range"]
    assert low < min(p[0] for p in boundary["points"]) and max(p[0] for p in boundary["points"]) < high
    assert len(boundary["points"]) == boundary["points_total"] == 200


def test_the_boundary_of_a_number_is_the_predicted_number() -> None:
    csv = "a,b,out\n" + "\n".join(f"{i % 7},{i % 5},{(i % 7) * 2 + (i % 5)}" for i in range(40))
    from foggyhill.studio import Uploads

    source = (
        'data = load "plane.csv", target: "out"\n'
        "net = make_network\n  layer input from data\n  layer hidden size 4 kind tanh\n"
        "  layer output size 1 kind linear\nend\n"
        "train_network net, on: data, rounds: 10, speed: 0.1\nplot_boundary net, on: data\n"
    )
    sink = Collect()
    variables = run_program(source, sink, loader=Uploads({"plane.csv": csv}))
    boundary = effect(sink, "boundary")
    assert boundary["confidence"] is None and boundary["classes"] is None
    points = [[x, y] for y in boundary["ys"][:3] for x in boundary["xs"]]
    said = predict(variables["net"], points)
    assert np.allclose([v for row in boundary["grid"][:3] for v in row], said, atol=1e-5)


def test_evaluate_gives_a_confusion_table_that_counts_the_rows() -> None:
    rest = "train_network net, on: data, rounds: 10, speed: 0.1\nevaluate net, on: data\n"
    sink, variables = run(program(data="fruits", size=8, out=4, rest=rest))
    evaluation = effect(sink, "evaluation")
    counts = np.array(evaluation["confusion"]["counts"])
    assert evaluation["confusion"]["classes"] == ["apple", "mandarin", "orange", "lemon"]
    assert counts.sum() == 59 and counts.sum(axis=1).tolist() == [19, 5, 19, 16]
    assert np.trace(counts) == round(evaluation["accuracy"] * 59)
    lines = evaluation["text"].split("\n")
    assert lines[0].startswith("net on fruits: loss ") and "rows right)" in lines[0]  # the line older readers parse
    assert lines[1].startswith("confusion (rows: the true class")


def test_a_drawn_network_trains_with_at_most_thirty_live_pictures_and_the_last() -> None:
    rest = "train_network net, on: data, rounds: 95, speed: 0.3\nplot_boundary net, on: data\nplot_network net\n"
    sink, variables = run(program(data="spirals", rest=rest))
    training = effect(sink, "training")
    rounds = [e for e in sink.effects if e.kind == "round"]
    pictured = [e for e in rounds if "boundary" in e.data]
    candidates = snapshot_rounds(95)
    assert training["views"]["most"] == len(candidates) <= SNAPSHOTS + 1
    assert {e.data["round"] for e in pictured} <= set(candidates) and pictured[-1].data["round"] == 95
    assert all("network_picture" in e.data for e in pictured)
    assert len(training["views"]["boundary"]["points"]) == 200
    last = pictured[-1].data
    assert last["boundary"]["grid"] == effect(sink, "boundary")["grid"]
    assert last["network_picture"]["edges"] == network_picture(variables["net"], "net")["edges"]


def test_a_picture_waits_while_the_pictures_so_far_cost_more_than_their_share() -> None:
    from foggyhill.studio.looking import LivePictures

    now = [0.0]
    net = Network(2, [LayerSpec(3, "tanh"), LayerSpec(2, "softmax", "output")])
    live = LivePictures({"network": True, "boundary": None}, net, load_dataset("checkerboard"), 100, 0, lambda: now[0])
    gap = live.GAP
    now[0] = gap / 2
    assert not live.wanted(4) and live.wanted(100)  # too soon for a candidate (never seen); the last round always
    now[0] = gap
    assert live.wanted(4)  # the first candidate once the training has run a while: nothing spent yet

    def a_second() -> None:
        now[0] += 1.0

    live.send({}, a_second)  # the picture takes a second ...
    assert live.spent == live.cost == 1.0
    now[0] = gap + 5.0  # ... of five: four of training
    assert not live.wanted(7) and live.wanted(100)  # too dear for a candidate; the last round always
    now[0] = 1.0 + (1.0 + 1.0) / live.BUDGET
    assert live.wanted(10) and not live.wanted(11)  # after enough training, a candidate again; never a non-candidate


def test_pictures_come_at_least_a_gap_of_training_apart() -> None:
    from foggyhill.studio.looking import LivePictures

    now = [0.0]
    net = Network(2, [LayerSpec(3, "tanh"), LayerSpec(2, "softmax", "output")])
    live = LivePictures({"network": True, "boundary": None}, net, load_dataset("checkerboard"), 100, 0, lambda: now[0])
    now[0] = 10 * live.GAP
    assert live.wanted(4)
    live.send({}, lambda: None)  # a picture that costs nothing
    now[0] += live.GAP / 2
    assert not live.wanted(7)  # cheap, but too soon after the last one
    now[0] += live.GAP / 2
    assert live.wanted(7)


def test_a_network_the_program_does_not_draw_trains_without_pictures() -> None:
    sink, _ = run(program(rest="train_network net, on: data, rounds: 5, speed: 0.3\n"))
    assert effect(sink, "training")["views"] is None
    assert not any("boundary" in e.data or "network_picture" in e.data for e in sink.effects if e.kind == "round")


def test_explain_step_reports_the_step_and_leaves_the_network_as_it_was() -> None:
    rest = "train_network net, on: data, rounds: 3, speed: 0.25\nexplain_step net, on: data, row: 5\n"
    sink, variables = run(program(rest=rest))
    step = effect(sink, "step")
    net = variables["net"]
    assert step["changes_network"] is False and "changes no weight" in step["text"]
    assert step["speed"] == 0.25 and step["speed_from"] == "the last training's speed" and step["row"] == 5
    for layer, data in zip(net.layers, step["layers"], strict=True):
        assert data["weights"] == layer.W.tolist()
        assert np.allclose(data["new_weights"], layer.W - 0.25 * np.array(data["slopes"]))
    assert step["target"] in ("black", "white") and len(step["answer"]) == 2


def test_plot_weight_gives_the_curve_around_the_weights_value() -> None:
    rest = "train_network net, on: data, rounds: 3, speed: 0.25\nplot_weight net, on: data, layer: 2, weight: [4, 1]\n"
    sink, variables = run(program(rest=rest))
    curve = effect(sink, "weight_curve")
    assert curve["value"] == variables["net"].layers[1].W[3, 0]
    weights = curve["curve"]["weights"]
    assert weights[0] < curve["value"] < weights[-1] and len(weights) == len(curve["curve"]["losses"])
    assert curve["weight"] == [4, 1] and curve["bias"] is None and curve["layer"] == 2


def test_show_and_evaluate_on_pictures_draw_a_few(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until `digits` is bundled, a dataset that says it holds 2 × 2 pictures stands in for it."""
    from foggyhill.studio import interpreter

    original = interpreter.Loader.load

    def pictures(self: object, name: str, target: str | None) -> object:
        data = original(self, name, target)
        object.__setattr__(data, "picture_shape", (2, 2))
        return data

    monkeypatch.setattr(interpreter.Loader, "load", pictures)
    rest = "show data\ntrain_network net, on: data, rounds: 2, speed: 0.1\nevaluate net, on: data\n"
    csv_free = program(data="fruits", size=4, out=4, rest=rest)
    sink, _ = run(csv_free)
    shown = effect(sink, "show")
    assert shown["picture_shape"] == [2, 2] and len(shown["pictures"]) == 5
    assert shown["pictures"][0]["pixels"] == [[192.0, 8.4], [7.3, 0.55]] and shown["pictures"][0]["label"] == "apple"
    evaluation = effect(sink, "evaluation")
    wrong = evaluation["wrong"]
    assert 0 < len(wrong) <= 8 and all(w["true"] != w["guessed"] for w in wrong)
