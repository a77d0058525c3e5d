"""The digits dataset at work: Studio's digits example learns to read them, within the page's limits."""

from __future__ import annotations

import pytest

from foggyhill.nn import LayerSpec, Network, evaluate, load_dataset, predict, train
from foggyhill.studio import Collect, run_program
from foggyhill.studio.examples import EXAMPLES
from foggyhill.web.programs import STUDIO_LIMITS


@pytest.fixture(scope="module")
def example_run() -> Collect:
    sink = Collect()
    run_program(EXAMPLES["digits"].source, sink, limits=STUDIO_LIMITS)  # the page's limits: rows, rounds, sizes
    return sink


def test_the_digits_example_reads_most_digits_right(example_run: Collect) -> None:
    rounds = [e.data for e in example_run.effects if e.kind == "round"]
    assert len(rounds) == 10
    assert rounds[1]["accuracy"] >= 0.93  # about 95% after two rounds
    assert rounds[-1]["accuracy"] >= 0.97 and rounds[-1]["loss"] < 0.1
    assert all(later["loss"] < earlier["loss"] for earlier, later in zip(rounds, rounds[1:], strict=False))
    (trained,) = [e for e in example_run.effects if e.kind == "trained"]
    assert trained.data["accuracy"] == rounds[-1]["accuracy"]


def test_the_digits_example_says_what_it_did_to_the_pixels(example_run: Collect) -> None:
    notes = [e.text for e in example_run.effects if e.kind == "notes"]
    assert notes[0].startswith("scaled the 64 features to mean 0 and spread 1")
    assert notes[1] == "p0, p32 and p39 have the same value in every row, so they cannot help tell rows apart"
    assert notes[2] == "each round shuffles the 1797 rows (seed 0) into 57 batches of up to 32"


def test_a_network_trained_on_digits_answers_with_digit_names() -> None:
    data = load_dataset("digits")
    net = Network(64, [LayerSpec(32, "relu"), LayerSpec(10, "softmax", "output")])
    train(net, data, 5, 0.1)
    assert evaluate(net, data)["accuracy"] > 0.95
    answers = predict(net, data.X[:20].tolist())
    assert set(answers) <= set(data.classes or [])
    assert sum(a == t for a, t in zip(answers, data.target_words(20), strict=True)) >= 18
