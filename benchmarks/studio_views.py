"""What the live pictures cost a training: the same programs trained with and without `plot_network` /
`plot_boundary` (which make every training of the network carry up to 30 pictures plus the last), timed from the
`training` event to the `trained` event, every event turned into JSON as the page's stream does.

Prints each case's training time both ways, their ratio (the issue allows at most 1.20) and the load average.
The page's workers run with one BLAS thread (web/studio.py's spawn), and so does this benchmark unless
OPENBLAS_NUM_THREADS is set: OPENBLAS_NUM_THREADS=2 measures what `foggyhill run` on two cores does.
Run: python benchmarks/studio_views.py [--repeats N]
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # before numpy loads
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402

from foggyhill.studio import Effect, run_program  # noqa: E402
from foggyhill.studio.examples import FRUITS as SEED  # noqa: E402

FRUITS = SEED.replace("plot_training net\n", "")  # the seed program, its chart left out: only the training is timed
SPIRALS = """data = load "spirals"
net = make_network
  layer input from data
  layer hidden size 32 kind tanh
  layer hidden size 32 kind tanh
  layer output size 2 kind softmax
end
train_network net, on: data, rounds: 500, speed: 0.3
"""
CASES = {
    "fruits (the seed program), network picture": (FRUITS, "plot_network net\n"),
    "spirals, 2 x 32 tanh, 500 rounds, network and boundary": (
        SPIRALS,
        "plot_network net\nplot_boundary net, on: data\n",
    ),
}


class Stopwatch:
    """A sink that turns every event into JSON (as the page's stream does) and times the training: its wall-clock
    seconds, and the process's CPU seconds (every thread's), which other work on a shared machine disturbs less."""

    def __init__(self) -> None:
        self.started = (0.0, 0.0)
        self.seconds = (0.0, 0.0)
        self.pictures = 0

    def __call__(self, effect: Effect) -> None:
        """Time from `training` to `trained`; count the rounds that carry pictures."""
        json.dumps(effect.to_dict())
        if effect.kind == "training":
            self.started = (time.perf_counter(), time.process_time())
        elif effect.kind == "trained":
            self.seconds = (time.perf_counter() - self.started[0], time.process_time() - self.started[1])
        elif effect.kind == "round" and ("boundary" in effect.data or "network_picture" in effect.data):
            self.pictures += 1


def timed(source: str) -> tuple[tuple[float, float], int]:
    """The training's (wall, CPU) seconds and how many rounds carried pictures."""
    watch = Stopwatch()
    run_program(source, watch)
    return watch.seconds, watch.pictures


def measure(base: str, drawing: str, repeats: int) -> tuple[list[float], list[float], int]:
    """The fastest training (wall, CPU) seconds without and with the pictures, alternating runs so both see the same
    machine (the fastest, because other work on a shared machine only ever adds time)."""
    plain, drawn, pictures = [], [], 0
    for _ in range(repeats):
        plain.append(timed(base)[0])
        seconds, pictures = timed(base + drawing)
        drawn.append(seconds)
    return [min(x) for x in zip(*plain, strict=True)], [min(x) for x in zip(*drawn, strict=True)], pictures


def main() -> None:
    """Each case's figures, one line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15, help="runs of each program both ways (the fastest taken)")
    repeats = parser.parse_args().repeats
    timed(FRUITS)  # warm the imports and caches once
    for name, (base, drawing) in CASES.items():
        (plain, plain_cpu), (drawn, drawn_cpu), pictures = measure(base, drawing, repeats)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(
            f"{name}: training {plain * 1000:.1f} ms without the live pictures, {drawn * 1000:.1f} ms with "
            f"{pictures} of them: {drawn / plain:.2f}x (allowed 1.20x); CPU time {drawn_cpu / plain_cpu:.2f}x; "
            f"load average {load}; BLAS threads {os.environ['OPENBLAS_NUM_THREADS']}"
        )


if __name__ == "__main__":
    main()
