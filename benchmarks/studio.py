"""Studio's training through our numpy engine, PyTorch (CPU) and scikit-learn, in one run, with the ratios.

Two cases. The seed program (Studio's fruits example): 4 inputs → hidden 16 relu → output 4 softmax, plain descent
at speed 0.1, batch 32, 30 rounds. A larger one (the spirals example): 2 inputs → two hidden layers of 32 tanh →
output 2 softmax, adam at speed 0.01, batch 16, 500 rounds. Same data (features scaled to mean 0 and spread 1), same
network, over several seeds. Each engine's time covers its training loop and a loss on the whole table after every
round (what Studio shows), not building the model. Then the whole `foggyhill run` of the seed program, as a learner
would start it: wall time and peak memory. The load average is printed beside the figures: the machine is shared.

    python3 benchmarks/studio.py            # --seeds N (default 10) for fruits; spirals takes a third as many
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from foggyhill.nn import LayerSpec, Network, evaluate, load_dataset, train
from foggyhill.studio.examples import FRUITS

PROGRAM = FRUITS  # the seed program, as the Studio page opens it
TARGET_RATIO, TARGET_POINTS = 8.0, 2.0  # at least 8× PyTorch's time, accuracy within two points
TARGET_WALL, TARGET_MB = 0.5, 100  # the whole `foggyhill run` of the seed program
Result = tuple[float, float, float]  # (wall seconds, CPU seconds, accuracy on the table)


@dataclass(frozen=True)
class Case:
    """One training: the data, the hidden layers, and train()'s settings."""

    dataset: str
    hidden: tuple[tuple[int, str], ...]
    classes: int
    rounds: int
    speed: float
    batch: int
    optimizer: str

    def __str__(self) -> str:
        layers = " → ".join(f"hidden {size} {kind}" for size, kind in self.hidden)
        return (f"{self.dataset}: {layers} → {self.classes} softmax, {self.optimizer} at speed {self.speed}, "
                f"batch {self.batch}, {self.rounds} rounds")  # fmt: skip

    def network(self, seed: int) -> Network:
        """Our network for this case."""
        layers = [LayerSpec(size, kind) for size, kind in self.hidden]
        return Network(load_dataset(self.dataset).features, [*layers, LayerSpec(self.classes, "softmax", "output")],
                       seed=seed)  # fmt: skip


FRUITS_CASE = Case("fruits", ((16, "relu"),), 4, 30, 0.1, 32, "plain")
SPIRALS_CASE = Case("spirals", ((32, "tanh"), (32, "tanh")), 2, 500, 0.01, 16, "adam")


class Stopwatch:
    """Wall time and this process's CPU time since it was made; CPU time barely moves when others load the machine."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds) so far."""
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def load() -> str:
    """The load average over 1, 5 and 15 minutes, in words."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def ours(case: Case, seed: int) -> Result:
    """Our engine, exactly as Studio calls it."""
    data, net = load_dataset(case.dataset), case.network(seed)
    clock = Stopwatch()
    train(net, data, case.rounds, case.speed, batch=case.batch, seed=seed, optimizer=case.optimizer)
    wall, cpu = clock.stop()
    return wall, cpu, float(evaluate(net, data)["accuracy"])


def scaled(case: Case) -> tuple[np.ndarray, np.ndarray]:
    """The case's table scaled the way our engine scales it."""
    data = load_dataset(case.dataset)
    return (data.X - data.X.mean(axis=0)) / data.X.std(axis=0), data.y


def pytorch(case: Case, seed: int, same_start: bool = False) -> Result:
    """The same network and loop in PyTorch: Linear layers and activations, cross-entropy, SGD or Adam.

    same_start: begin from our engine's starting weights and shuffle the rows in our order, so any gap in
    accuracy can only come from the arithmetic (PyTorch computes in float32, ours in float64).
    """
    import torch

    X_np, y_np = scaled(case)
    X, y = torch.tensor(X_np, dtype=torch.float32), torch.tensor(y_np)
    torch.manual_seed(seed)
    model = torch_model(case, X.shape[1])
    if same_start:
        start_from_ours(case, model, seed)
    loss_fn = torch.nn.CrossEntropyLoss()
    opt: Any = (torch.optim.SGD(model.parameters(), lr=case.speed) if case.optimizer == "plain"
                else torch.optim.Adam(model.parameters(), lr=case.speed, betas=(0.9, 0.999), eps=1e-8))  # fmt: skip
    generator, rng = torch.Generator().manual_seed(seed), np.random.default_rng(seed)
    clock = Stopwatch()
    for _ in range(case.rounds):
        order = torch.from_numpy(rng.permutation(len(X))) if same_start else torch.randperm(len(X), generator=generator)
        for i in range(0, len(X), case.batch):
            rows = order[i : i + case.batch]
            opt.zero_grad()
            loss_fn(model(X[rows]), y[rows]).backward()
            opt.step()
        with torch.no_grad():
            float(loss_fn(model(X), y))
    wall, cpu = clock.stop()
    with torch.no_grad():
        accuracy = float((model(X).argmax(dim=1) == y).float().mean())
    return wall, cpu, accuracy


def torch_model(case: Case, n_inputs: int) -> Any:
    """Linear, activation, …, Linear: the case's network in PyTorch (its softmax sits in the loss)."""
    import torch

    kinds = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}
    parts: list[Any] = []
    for size, kind in case.hidden:
        parts += [torch.nn.Linear(n_inputs, size), kinds[kind]()]
        n_inputs = size
    return torch.nn.Sequential(*parts, torch.nn.Linear(n_inputs, case.classes))


def start_from_ours(case: Case, model: Any, seed: int) -> None:
    """Copy our engine's seeded starting weights into the PyTorch model (PyTorch stores W transposed)."""
    import torch

    linears = [part for part in model if isinstance(part, torch.nn.Linear)]
    with torch.no_grad():
        for linear, dense in zip(linears, case.network(seed).layers, strict=True):
            linear.weight.copy_(torch.from_numpy(dense.W.T))
            linear.bias.copy_(torch.from_numpy(dense.b))


def sklearn(case: Case, seed: int) -> Result:
    """scikit-learn's MLPClassifier told to do the same: no momentum, no weight penalty, no early stop."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    X, y = scaled(case)
    solver = {"solver": "sgd", "momentum": 0.0, "nesterovs_momentum": False} if case.optimizer == "plain" else {
        "solver": "adam", "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8}  # fmt: skip
    model = MLPClassifier(
        hidden_layer_sizes=tuple(size for size, _ in case.hidden), activation=case.hidden[0][1],
        learning_rate_init=case.speed, alpha=0.0, batch_size=case.batch, max_iter=case.rounds, shuffle=True,
        random_state=seed, tol=0.0, n_iter_no_change=case.rounds + 1, **solver,
    )  # fmt: skip
    clock = Stopwatch()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # the rounds are fixed on purpose: the same budget for all
        model.fit(X, y)
    wall, cpu = clock.stop()
    return wall, cpu, float(model.score(X, y))


def measure(engines: dict[str, Callable[[int], Result]], seeds: int) -> dict[str, Result]:
    """Each engine's median wall and CPU times and mean accuracy over seeds 0..seeds-1, after a warm-up run each.

    The engines take turns seed by seed, so a busy spell on the shared machine slows them all alike.
    """
    for engine in engines.values():
        engine(seeds)
    results: dict[str, list[Result]] = {label: [] for label in engines}
    for seed in range(seeds):
        for label, engine in engines.items():
            results[label].append(engine(seed))
    return {
        label: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                statistics.fmean(r[2] for r in runs))
        for label, runs in results.items()
    }  # fmt: skip


def available(module: str) -> bool:
    """True if a module can be imported here."""
    try:
        __import__(module)
    except ImportError:
        return False
    return True


OURS, SAME = "foggyhill.nn (numpy)", "PyTorch, our start & order"


def training_table(case: Case, seeds: int, with_sklearn: bool) -> None:
    """Time and accuracy for each engine, with ratios against ours, then the ratio line against the target."""
    print(f"{case}, {seeds} seeds (median times, mean accuracy on the table); {load()}")
    engines: dict[str, Callable[[int], Result]] = {OURS: lambda seed: ours(case, seed)}
    if available("torch"):
        engines["PyTorch CPU"] = lambda seed: pytorch(case, seed)
        engines[SAME] = lambda seed: pytorch(case, seed, same_start=True)
    if with_sklearn and available("sklearn"):
        engines["scikit-learn MLPClassifier"] = lambda seed: sklearn(case, seed)
    results = measure(engines, seeds)
    base_wall, base_cpu, base_acc = results[OURS]
    print(f"  {'engine':<28}{'CPU time':>10}{'wall':>10}{'accuracy':>10}{'CPU vs ours':>13}{'wall vs ours':>14}"
          f"{'accuracy vs ours':>18}")  # fmt: skip
    for label, (wall, cpu, acc) in results.items():
        print(f"  {label:<28}{cpu * 1e3:>8.2f}ms{wall * 1e3:>8.2f}ms{acc:>10.1%}{cpu / base_cpu:>12.1f}×"
              f"{wall / base_wall:>13.1f}×{(acc - base_acc) * 100:>+14.1f} pts")  # fmt: skip
    if SAME in results:
        wall, cpu, acc = results[SAME]
        print(f"  ratio: PyTorch takes {cpu / base_cpu:.1f}× our CPU time ({wall / base_wall:.1f}× the wall time); "
              f"from the same start the accuracies are {abs(acc - base_acc) * 100:.1f} pts apart (target: at least "
              f"{TARGET_RATIO:g}×, within {TARGET_POINTS:g} pts); {load()}")  # fmt: skip


def whole_run(times: int = 5) -> None:
    """`foggyhill run` on the program in a child process, a few times: median wall and CPU time, peak memory."""
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "fruits.studio"
        program.write_text(PROGRAM, encoding="utf-8")
        for _ in range(times):
            before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            # This interpreter, not a `foggyhill` found on PATH: a venv's scripts need not be on it.
            done = subprocess.run([sys.executable, "-m", "foggyhill", "run", str(program)], cwd=folder,
                                  capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"},
                                  check=False)  # fmt: skip
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode != 0:
                output = (done.stderr or done.stdout).strip()[-300:]
                print(f"foggyhill run: failed with exit code {done.returncode}: {output}")
                return
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux reports kilobytes
    print(f"foggyhill run fruits.studio ({times} runs, {sys.executable} -m foggyhill): "
          f"{statistics.median(walls):.2f} s wall (fastest {min(walls):.2f} s), {statistics.median(cpus):.2f} s CPU "
          f"(target under {TARGET_WALL:g} s wall); peak memory {peak_mb:.0f} MB (target under {TARGET_MB} MB); "
          f"{load()}")  # fmt: skip


def main() -> None:
    """Print the whole-run figures, then the two training tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds for fruits (default 10)")
    seeds = parser.parse_args().seeds
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs (shared: figures are "
          f"noisy); {load()}")  # fmt: skip
    # The whole run goes first: a child's peak memory counts the pages it shares with this process before it
    # starts the new program, so it must start while this process is still small (no torch, no scikit-learn).
    whole_run()
    if available("torch"):
        import torch

        torch.set_num_threads(1)  # tiny matrices: threads only add hand-over costs (measured: 2 threads ~2× slower)
        print(f"(PyTorch {torch.__version__}, float32, 1 thread: its fastest at this size; its own default start is "
              "smaller than ours, hence its accuracy; the row from our start is the fair comparison)")  # fmt: skip
    else:
        print("PyTorch: skipped, torch is not installed (pip install torch)")
    training_table(FRUITS_CASE, seeds, with_sklearn=True)
    training_table(SPIRALS_CASE, max(1, seeds // 3), with_sklearn=False)


if __name__ == "__main__":
    main()
