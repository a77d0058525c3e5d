"""Every round's loss and accuracy, exactly as the engine gave them before its training loop was made lean.

exact_losses.json holds repr() of each number, written by `python tests/nn/test_exact_losses.py`: the cases are
Studio's example programs and a few more that reach every output kind, every hidden kind, every update rule, a batch
larger than the table and a second training. The exported scripts reproduce these numbers, so the arithmetic may not
change, only what surrounds it. Saved first by commit 8938fe3 (before nn/loop.py); saved again when the bias became
the weight of an input that is always 1 (one product for x W + b): every loss moved by at most 7e-15 relative
(3.5e-9 on spirals' 500 rounds), every accuracy stayed the same.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from foggyhill.nn import LayerSpec, Network, load_dataset, train

SAVED = Path(__file__).with_name("exact_losses.json")

# name: (dataset, network seed, layers as (size, kind), trainings as (rounds, speed, batch, seed, optimizer))
CASES: dict[str, tuple[str, int, list[tuple[int, str]], list[tuple[int, float, int, int, str]]]] = {
    "fruits example": ("fruits", 0, [(16, "relu"), (4, "softmax")], [(30, 0.1, 32, 0, "plain")]),
    "speeds example, fast": ("fruits", 0, [(16, "relu"), (4, "softmax")], [(30, 0.5, 32, 0, "plain")]),
    "lemonade example": ("lemonade", 0, [(1, "linear")], [(40, 0.05, 32, 0, "plain")]),
    "checkerboard example": ("checkerboard", 0, [(16, "tanh"), (2, "softmax")], [(150, 0.05, 32, 0, "adam")]),
    "spirals example": ("spirals", 0, [(32, "tanh"), (32, "tanh"), (2, "softmax")], [(500, 0.01, 16, 0, "adam")]),
    "digits example": ("digits", 0, [(32, "relu"), (10, "softmax")], [(10, 0.1, 32, 0, "plain")]),
    "sigmoid everywhere, momentum, twice": (
        "checkerboard",
        3,
        [(6, "sigmoid"), (5, "linear"), (1, "sigmoid")],
        [(20, 0.1, 7, 3, "momentum"), (5, 0.05, 1000, 4, "momentum")],
    ),
    "a number, one batch, adam": ("lemonade", 5, [(4, "relu"), (1, "linear")], [(25, 0.02, 1000, 1, "adam")]),
}


def dataset(name: str) -> Any:
    """The dataset; the engine before digits read it as a CSV whose digits are words, in the same class order."""
    try:
        return load_dataset(name)
    except Exception:
        from importlib import resources

        from foggyhill.nn import parse_csv

        lines = resources.files("foggyhill.nn").joinpath("data", "digits.csv").read_text().splitlines()
        worded = [lines[0]] + [line.rsplit(",", 1)[0] + ",digit" + line.rsplit(",", 1)[1] for line in lines[1:]]
        return parse_csv("\n".join(worded), "digit", name="digits")


def rounds(case: str) -> list[list[str]]:
    """[repr(loss), repr(accuracy)] after every round of every training of a case."""
    name, seed, layers, trainings = CASES[case]
    data = dataset(name)
    specs = [LayerSpec(size, kind) for size, kind in layers[:-1]] + [LayerSpec(*layers[-1], role="output")]
    net = Network(data.features, specs, seed=seed)
    out: list[list[str]] = []
    for count, speed, batch, shuffle, optimizer in trainings:
        history = train(net, data, count, speed, batch=batch, seed=shuffle, optimizer=optimizer)
        out += [[repr(r.loss), repr(r.accuracy)] for r in history.rounds]
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_every_round_gives_the_same_numbers_to_the_last_bit(case: str) -> None:
    saved = json.loads(SAVED.read_text(encoding="utf-8"))[case]
    got = rounds(case)
    assert len(got) == len(saved)
    first = next((i for i, (a, b) in enumerate(zip(got, saved, strict=True)) if a != b), None)
    assert first is None, f"round {first + 1}: {got[first]} where it was {saved[first]}"


if __name__ == "__main__":
    SAVED.write_text(json.dumps({case: rounds(case) for case in CASES}, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {SAVED} with {len(CASES)} cases", file=sys.stderr)
