"""docs/studio.md tells the truth: its example programs run, and its error example is what Studio prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foggyhill.studio import Collect, StudioError, format_error, run_program

DOC = (Path(__file__).parents[2] / "docs" / "studio.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```studio\n(.*?)```", DOC, flags=re.S)


# The docs' claim about the first program, read from the docs themselves.
CLAIM = re.search(r"It reaches (\d+)% accuracy on the (\d+) fruits in (\d+) rounds", DOC)
PERCENT, FRUITS, ROUNDS = CLAIM.groups() if CLAIM else ("?", "?", "?")
FRUITS_LOADED = "data: fruits, 59 rows, 4 features, 4 classes: apple, mandarin, orange, lemon"
FRUITS_NET = "net: 4 inputs → hidden 16 relu → output 4 softmax, 148 weights and biases"
SCALED = "scaled the 4 features to mean 0 and spread 1 (the network remembers the scaling for predict)"
CHECKERBOARD_LOADED = "data: checkerboard, 200 rows, 2 features, 2 classes: black, white"
SCALED_TWO = "scaled the 2 features to mean 0 and spread 1 (the network remembers the scaling for predict)"
SEVEN_BATCHES = "each round shuffles the 200 rows (seed 0) into 7 batches of up to 32"
# What each ```studio example in docs/studio.md says it does, in order: every effect's text but the rounds' (which
# are counted instead). A new example in the docs needs its expectation here.
SAYS = [
    [
        FRUITS_LOADED.replace("59", FRUITS),
        FRUITS_NET,
        "training net on fruits: 30 rounds, speed 0.1, batch 32, plain descent",
        SCALED,
        "each round shuffles the 59 rows (seed 0) into 2 batches of up to 32",
        f"net after {ROUNDS} rounds: loss 0.3307, accuracy {PERCENT}% (56 of {FRUITS} rows right)",
        f"training chart of net: {ROUNDS} rounds",
    ],
    ["hello 0.1"],
    [FRUITS_LOADED],
    [
        CHECKERBOARD_LOADED,
        "net: 2 inputs → hidden 8 tanh → output 2 softmax, 42 weights and biases",
    ],
    [
        FRUITS_LOADED,
        FRUITS_NET,
        "training net on fruits: 30 rounds, speed 0.1, batch 16, adam descent",
        SCALED,
        "each round shuffles the 59 rows (seed 1) into 4 batches of up to 16",
        "net after 30 rounds: loss 0.0017, accuracy 100% (59 of 59 rows right)",
    ],
    [
        CHECKERBOARD_LOADED,
        "net: 2 inputs → hidden 8 tanh → output 2 softmax, 42 weights and biases",
        "training net on checkerboard: 20 rounds, speed 0.5, batch 32, plain descent",
        SCALED_TWO,
        SEVEN_BATCHES,
        "net after 20 rounds: loss 0.1080, accuracy 100% (199 of 200 rows right)",
        "network picture of net: 2 → 8 → 2 neurons, every weight drawn as edges",
    ],
    [
        "data: spirals, 200 rows, 2 features, 2 classes: red, blue",
        "net: 2 inputs → hidden 16 tanh → output 2 softmax, 82 weights and biases",
        "training net on spirals: 300 rounds, speed 0.5, batch 32, plain descent",
        SCALED_TWO,
        SEVEN_BATCHES,
        "net after 300 rounds: loss 0.2629, accuracy 88% (177 of 200 rows right)",
        "boundary of net on spirals over x and y: red 46%, blue 54% of the plane",
    ],
    [
        CHECKERBOARD_LOADED,
        "net: 2 inputs → hidden 2 tanh → output 2 softmax, 12 weights and biases",
        "\n".join(
            [
                "one step of net on checkerboard, row 1 (colour black), speed 0.1 (not trained yet, so the usual 0.1)",
                "explain_step changes no weight: the network stays as it was",
                "forward:",
                "  inputs, scaled as in training: [-0.7912, -0.6301]",
                "  layer 1 (hidden 2 tanh): z = x · W + b = [-0.3557, 0.02716]",
                "    a = tanh(z) = [-0.3414, 0.02716]",
                "  layer 2 (output 2 softmax): z = x · W + b = [0.1544, -0.06911]",
                "    chances (softmax): black 0.5556, white 0.4444",
                "loss (cross-entropy) = −log(chance of the right class, black 0.5556) = 0.5876",
                "backward, by the chain rule: a weight's slope = upstream slope × local slope (the value coming in)",
                "  layer 2: slope for z = chance − 1 for the right class, the chance for the others",
                "    = [-0.4444, 0.4444]",
                "    weight [1, 1]: slope = -0.4444 (z1's) × -0.3414 (a1 coming in) = 0.1517",
                "      new = -0.3788 − 0.1 × 0.1517 = -0.3939",
                "    weight [1, 2]: slope = 0.4444 (z2's) × -0.3414 (a1 coming in) = -0.1517",
                "      new = 0.2557 − 0.1 × -0.1517 = 0.2709",
                "    weight [2, 2]: slope = 0.4444 (z2's) × 0.02716 (a2 coming in) = 0.01207",
                "      new = 0.6697 − 0.1 × 0.01207 = 0.6685",
                "    bias 2: slope = 0.4444 (z2's) × 1 = 0.4444",
                "      new = 0 − 0.1 × 0.4444 = -0.04444",
                "  layer 1: slope for a = the slopes for z above, sent back through their weights",
                "    = [0.2819, -0.1121]",
                "    slope for z = slope for a × tanh'(z), the activation's local slope, which is",
                "      [0.8834, 0.9993]",
                "    = [0.2491, -0.1121]",
                "    weight [1, 1]: slope = 0.2491 (z1's) × -0.7912 (input 1 coming in) = -0.1971",
                "      new = 0.0889 − 0.1 × -0.1971 = 0.1086",
                "    weight [2, 1]: slope = 0.2491 (z1's) × -0.6301 (input 2 coming in) = -0.1569",
                "      new = 0.4528 − 0.1 × -0.1569 = 0.4685",
                "    weight [1, 2]: slope = -0.1121 (z2's) × -0.7912 (input 1 coming in) = 0.08866",
                "      new = -0.09341 − 0.1 × 0.08866 = -0.1023",
                "    bias 1: slope = 0.2491 (z1's) × 1 = 0.2491",
                "      new = 0 − 0.1 × 0.2491 = -0.02491",
                "shown: each layer's 3 steepest weights and steepest bias, of 12",
                "(--json and the page have every one)",
            ]
        ),
    ],
    [
        CHECKERBOARD_LOADED,
        "net: 2 inputs → hidden 4 tanh → output 2 softmax, 22 weights and biases",
        "training net on checkerboard: 20 rounds, speed 0.5, batch 32, plain descent",
        SCALED_TWO,
        SEVEN_BATCHES,
        "net after 20 rounds: loss 0.2642, accuracy 88% (176 of 200 rows right)",
        "weight [2, 3] of layer 1 in net: now 1.612, loss 0.2642 on checkerboard, slope -0.07609 "
        "(every other weight held)",
    ],
    [
        FRUITS_LOADED,
        FRUITS_NET,
        "training net on fruits: 30 rounds, speed 0.1, batch 32, plain descent",
        SCALED,
        "each round shuffles the 59 rows (seed 0) into 2 batches of up to 32",
        "net after 30 rounds: loss 0.3307, accuracy 95% (56 of 59 rows right)",
        "[150, 7.2, 7.5, 0.7] → apple",
        "[192, 8.4, 7.3, 0.55] → apple\n[84, 6, 4.6, 0.79] → mandarin",
    ],
]


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_every_example_in_the_docs_does_what_the_docs_say(index: int) -> None:
    assert CLAIM, "docs/studio.md no longer says how well the first program does"
    assert len(SAYS) == len(EXAMPLES), "every ```studio example in docs/studio.md needs its expectation in SAYS"
    sink = Collect()
    run_program(EXAMPLES[index], sink)
    assert [e.text for e in sink.effects if e.kind != "round"] == SAYS[index]
    trainings = [e for e in sink.effects if e.kind == "training"]
    assert sink.kinds().count("round") == sum(e.data["rounds"] for e in trainings)  # a bar for every round


def test_the_error_shown_in_the_docs_is_what_studio_prints() -> None:
    shown = DOC.split("Every mistake is reported the same way", 1)[1].split("```\n", 2)[1].rstrip("\n")
    source = EXAMPLES[0].replace("rounds: 30", "rounds = 30")
    with pytest.raises(StudioError) as caught:
        run_program(source, Collect())
    assert format_error(caught.value, source) == shown


def test_the_catalogue_lists_every_mistake_program() -> None:
    programs = sorted((Path(__file__).parent / "programs").glob("error_*.studio"))
    for path in programs:
        what = path.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("# mistake: ")
        assert f"| {what} |" in DOC, what
