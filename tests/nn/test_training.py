"""Training, evaluating and predicting: it learns, it is repeatable, and every misuse gets plain words."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.nn import (
    MAX_ROUNDS,
    NN_OPTIMIZERS,
    Dataset,
    LayerSpec,
    Network,
    NNError,
    RoundReport,
    TrainingDiverged,
    evaluate,
    load_dataset,
    predict,
    train,
)

FRUITS_NET = [LayerSpec(16, "relu", "hidden"), LayerSpec(4, "softmax", "output")]


def fruits_net(seed: int = 0) -> Network:
    return Network(4, FRUITS_NET, seed=seed)


def test_the_fruits_program_reaches_ninety_percent() -> None:
    data = load_dataset("fruits")
    net = fruits_net()
    history = train(net, data, rounds=30, speed=0.1)
    assert len(history.rounds) == 30 and [r.round for r in history.rounds] == list(range(1, 31))
    assert history.rounds[-1].accuracy >= 0.9
    assert history.rounds[-1].loss < history.rounds[0].loss / 2
    assert evaluate(net, data) == {"loss": history.rounds[-1].loss, "accuracy": history.rounds[-1].accuracy}


def test_the_same_program_gives_the_same_numbers() -> None:
    data = load_dataset("fruits")
    first, second = train(fruits_net(), data, 10, 0.1, seed=3), train(fruits_net(), data, 10, 0.1, seed=3)
    assert first.rounds == second.rounds
    assert train(fruits_net(), data, 10, 0.1, seed=4).rounds != first.rounds


def test_the_notes_say_what_was_done_to_the_data() -> None:
    history = train(fruits_net(), load_dataset("fruits"), 1, 0.1)
    assert history.notes == [
        "scaled the 4 features to mean 0 and spread 1 (the network remembers the scaling for predict)",
        "each round shuffles the 59 rows (seed 0) into 2 batches of up to 32",
    ]
    lemonade = train(Network(1, [LayerSpec(1, "linear", "output")]), load_dataset("lemonade"), 1, 0.1, batch=64)
    assert "scaled the feature temperature to mean 0 and spread 1" in lemonade.notes[0]
    assert "scaled the target cups" in lemonade.notes[1] and "predictions come back in cups" in lemonade.notes[1]
    assert lemonade.notes[2].startswith("the batch size 64 is more than the 30 rows")


def test_lemonade_with_no_hidden_layer_recovers_the_line() -> None:
    data = load_dataset("lemonade")
    net = Network(1, [LayerSpec(1, "linear", "output")])
    train(net, data, rounds=200, speed=0.1, batch=10)
    at_20, at_30 = predict(net, [[20.0], [30.0]])
    slope, intercept = np.polyfit(data.X[:, 0], data.y, 1)  # the least-squares line through the table
    assert (at_30 - at_20) / 10 == pytest.approx(slope, rel=0.01)
    assert at_20 == pytest.approx(slope * 20 + intercept, abs=0.5)
    assert slope == pytest.approx(4.0, abs=0.5)  # and that is close to the rule that made the table


def test_checkerboard_needs_a_hidden_layer() -> None:
    data = load_dataset("checkerboard")
    flat = Network(2, [LayerSpec(2, "softmax", "output")])
    deep = Network(2, [LayerSpec(8, "tanh"), LayerSpec(2, "softmax", "output")])
    assert train(flat, data, 200, 0.3).rounds[-1].accuracy < 0.7
    assert train(deep, data, 200, 0.3).rounds[-1].accuracy >= 0.95


def test_spirals_need_curves_that_two_hidden_layers_can_draw() -> None:
    data = load_dataset("spirals")
    flat = Network(2, [LayerSpec(2, "softmax", "output")])
    deep = Network(2, [LayerSpec(16, "tanh"), LayerSpec(16, "tanh"), LayerSpec(2, "softmax", "output")])
    assert train(flat, data, 100, 0.1).rounds[-1].accuracy < 0.75
    assert train(deep, data, 300, 0.01, optimizer="adam").rounds[-1].accuracy >= 0.95


def test_a_sigmoid_output_of_size_one_learns_two_classes() -> None:
    data = load_dataset("checkerboard")
    net = Network(2, [LayerSpec(8, "tanh"), LayerSpec(1, "sigmoid", "output")])
    assert train(net, data, 200, 0.3).rounds[-1].accuracy >= 0.95
    assert predict(net, [[0.5, 0.5], [-0.5, 0.5]]) == ["black", "white"]


@pytest.mark.parametrize("optimizer", NN_OPTIMIZERS)
def test_every_optimizer_brings_the_loss_down(optimizer: str) -> None:
    data = load_dataset("fruits")
    speed = 0.01 if optimizer == "adam" else 0.05
    history = train(fruits_net(), data, 20, speed, optimizer=optimizer)
    assert history.rounds[-1].loss < 0.6 * evaluate(fruits_net(), data)["loss"]


def test_on_round_hears_every_round_and_should_stop_cancels() -> None:
    heard: list[RoundReport] = []
    history = train(fruits_net(), load_dataset("fruits"), 5, 0.1, on_round=heard.append)
    assert heard == history.rounds and not history.stopped
    calls = []

    def stop_after_five_batches() -> bool:
        calls.append(1)
        return len(calls) > 5

    stopped = train(fruits_net(), load_dataset("fruits"), 100, 0.1, should_stop=stop_after_five_batches)
    assert stopped.stopped and len(stopped.rounds) == 2  # 2 batches a round: rounds 1-2 finish, round 3 is stopped
    assert stopped.notes[-1].startswith("stopped on request during round 3")


def test_a_huge_speed_diverges_with_the_round_named() -> None:
    with pytest.raises(TrainingDiverged) as caught:
        train(Network(4, [LayerSpec(16, "relu"), LayerSpec(4, "softmax", "output")]), load_dataset("fruits"), 30, 10.0)
    error = caught.value
    assert 1 <= error.round <= 30 and str(error).startswith(f"training diverged in round {error.round}: the loss")
    assert str(error).endswith("— try a smaller speed")


def test_regression_divergence_reports_a_non_finite_loss() -> None:
    net = Network(1, [LayerSpec(16, "linear"), LayerSpec(16, "linear"), LayerSpec(1, "linear", "output")])
    with pytest.raises(TrainingDiverged, match="in round 1: the loss became infinite or not a number"):
        train(net, load_dataset("lemonade"), 50, 10.0, batch=1)


FIT_ERRORS = [
    (
        "fruits",
        [LayerSpec(16, "relu"), LayerSpec(3, "softmax", "output")],
        "fruits has 4 kinds of fruit, so the output layer needs size 4",
    ),
    (
        "checkerboard",
        [LayerSpec(3, "softmax", "output")],
        "checkerboard has 2 colours, so the output layer needs size 2 (or size 1 with kind sigmoid)",
    ),
    (
        "fruits",
        [LayerSpec(1, "sigmoid", "output")],
        "a sigmoid output answers yes or no between 2 classes, but fruits has 4 kinds of fruit: use kind softmax with "
        "size 4",
    ),
    (
        "checkerboard",
        [LayerSpec(2, "sigmoid", "output")],
        "a sigmoid output gives one yes-or-no chance, so it needs size 1 (or use softmax with size 2)",
    ),
    (
        "fruits",
        [LayerSpec(4, "linear", "output")],
        "fruits sorts rows into 4 kinds of fruit, but a linear output predicts numbers: use an output layer of size 4 "
        "with kind softmax",
    ),
    (
        "lemonade",
        [LayerSpec(1, "softmax", "output")],
        "lemonade predicts a number (cups), not a class: use an output layer of size 1 with kind linear",
    ),
    (
        "lemonade",
        [LayerSpec(3, "linear", "output")],
        "lemonade predicts one number (cups), so the output layer needs size 1",
    ),
]


@pytest.mark.parametrize(("name", "layers", "message"), FIT_ERRORS, ids=[m[:40] for *_, m in FIT_ERRORS])
def test_a_network_that_does_not_suit_the_data_is_refused(name: str, layers: list[LayerSpec], message: str) -> None:
    data = load_dataset(name)
    net = Network(data.features, layers)
    for action in (lambda: train(net, data, 1, 0.1), lambda: evaluate(net, data)):
        with pytest.raises(NNError) as caught:
            action()
        assert str(caught.value) == message


def test_the_wrong_number_of_inputs_is_refused() -> None:
    with pytest.raises(NNError) as caught:
        train(Network(3, FRUITS_NET), load_dataset("fruits"), 1, 0.1)
    assert str(caught.value) == (
        "the network takes 3 inputs but fruits has 4 features (mass, width, height, color_score): "
        "make the input layer from the data"
    )


def test_a_network_trained_on_one_set_of_classes_refuses_another() -> None:
    net = Network(2, [LayerSpec(4, "tanh"), LayerSpec(2, "softmax", "output")])
    train(net, load_dataset("checkerboard"), 1, 0.1)
    with pytest.raises(NNError, match="trained to tell black, white apart, but spirals has red, blue"):
        train(net, load_dataset("spirals"), 1, 0.1)


SETTING_ERRORS = [
    ({"rounds": 0}, f"rounds must be a whole number at least 1 and at most {MAX_ROUNDS} (got 0)"),
    (
        {"rounds": MAX_ROUNDS + 1},
        f"rounds must be a whole number at least 1 and at most {MAX_ROUNDS} (got {MAX_ROUNDS + 1})",
    ),
    ({"rounds": 2.5}, f"rounds must be a whole number at least 1 and at most {MAX_ROUNDS} (got 2.5)"),
    ({"rounds": 3.0}, f"rounds must be a whole number at least 1 and at most {MAX_ROUNDS} (got 3.0)"),
    ({"speed": 0}, "speed must be a number greater than 0 and at most 10 (got 0)"),
    ({"speed": -0.1}, "speed must be a number greater than 0 and at most 10 (got -0.1)"),
    ({"speed": 10.5}, "speed must be a number greater than 0 and at most 10 (got 10.5)"),
    ({"speed": "fast"}, "speed must be a number greater than 0 and at most 10 (got 'fast')"),
    ({"speed": True}, "speed must be a number greater than 0 and at most 10 (got True)"),
    ({"speed": float("nan")}, "speed must be a number greater than 0 and at most 10 (got nan)"),
    ({"speed": float("inf")}, "speed must be a number greater than 0 and at most 10 (got inf)"),
    ({"batch": 0}, "batch must be a whole number at least 1 and at most 10000 (got 0)"),
    ({"seed": -2}, "seed must be a whole number at least 0 and at most 4294967295 (got -2)"),
    ({"optimizer": "sgd"}, "optimizer must be one of plain, momentum, adam (got 'sgd')"),
    ({"optimizer": ["adam"]}, "optimizer must be one of plain, momentum, adam (got ['adam'])"),
]


@pytest.mark.parametrize(("change", "message"), SETTING_ERRORS, ids=[m[:40] for _, m in SETTING_ERRORS])
def test_bad_training_settings_are_named(change: dict, message: str) -> None:
    settings = {"rounds": 1, "speed": 0.1} | change
    with pytest.raises(NNError) as caught:
        train(fruits_net(), load_dataset("fruits"), **settings)
    assert str(caught.value) == message


def test_predict_answers_in_class_names_and_checks_rows() -> None:
    net = fruits_net()
    with pytest.raises(NNError, match="train the network before asking it to predict"):
        predict(net, [[192, 8.4, 7.3, 0.55]])
    train(net, load_dataset("fruits"), 30, 0.1)
    assert predict(net, [[192, 8.4, 7.3, 0.55], [80, 5.8, 4.3, 0.77], [194, 7.2, 10.3, 0.70]]) == [
        "apple",
        "mandarin",
        "lemon",
    ]
    assert predict(net, [356, 9.2, 9.2, 0.75]) == ["orange"]  # one flat row is one row
    with pytest.raises(NNError) as caught:
        predict(net, [[192, 8.4, 7.3]])
    assert str(caught.value) == "each row needs 4 numbers (mass, width, height, color_score); row 1 has 3 values"
    with pytest.raises(NNError, match="row 1 has 'big', which is not a number"):
        predict(net, [[192, "big", 7.3, 0.55]])
    with pytest.raises(NNError, match="predict needs a list of rows"):
        predict(net, [])


def test_evaluate_works_before_training_without_changing_the_network() -> None:
    net = fruits_net()
    before = evaluate(net, load_dataset("fruits"))
    assert before["loss"] > 0.5 and 0 <= before["accuracy"] <= 1 and not net.trained


def test_a_tiny_dataset_trains_as_one_batch() -> None:
    X = np.array([[0.0], [1.0], [2.0]])
    data = Dataset("tiny", "three rows", X, np.array([1.0, 3.0, 5.0]), ["x"], "y", None)
    net = Network(1, [LayerSpec(1, "linear", "output")])
    train(net, data, 300, 0.1)
    assert predict(net, [[3.0]])[0] == pytest.approx(7.0, abs=0.01)
