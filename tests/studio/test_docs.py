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
        "data: checkerboard, 200 rows, 2 features, 2 classes: black, white",
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
