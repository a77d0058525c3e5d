"""The Studio fruits program's training through our numpy engine, PyTorch (CPU) and scikit-learn, in one run.

Same data (fruits, features scaled to mean 0 and spread 1), same network (4 inputs → hidden 16 relu → output 4
softmax), plain descent at speed 0.1, batch 32, 30 rounds, over several seeds. Each engine's time covers its
training loop and a loss on the whole table after every round (what Studio shows), not building the model.
Then the whole `foggyhill run` of the program, as a learner would start it: wall time and peak memory.

    python3 benchmarks/studio.py            # add --seeds N to change how many seeds (default 10)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from foggyhill.nn import LayerSpec, Network, evaluate, load_dataset, train
from foggyhill.studio.examples import FRUITS

ROUNDS, SPEED, BATCH, HIDDEN = 30, 0.1, 32, 16
PROGRAM = FRUITS  # the program, as the Studio page opens it
Result = tuple[float, float, float]  # (wall seconds, CPU seconds, accuracy on the table)


class Stopwatch:
    """Wall time and this process's CPU time since it was made; CPU time barely moves when others load the machine."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds) so far."""
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def ours(seed: int) -> Result:
    """Our engine, exactly as Studio calls it."""
    data = load_dataset("fruits")
    net = Network(data.features, [LayerSpec(HIDDEN, "relu", "hidden"), LayerSpec(4, "softmax", "output")], seed=seed)
    clock = Stopwatch()
    train(net, data, ROUNDS, SPEED, batch=BATCH, seed=seed)
    wall, cpu = clock.stop()
    return wall, cpu, float(evaluate(net, data)["accuracy"])


def scaled_fruits() -> tuple[np.ndarray, np.ndarray]:
    """The fruits table scaled the way our engine scales it."""
    data = load_dataset("fruits")
    return (data.X - data.X.mean(axis=0)) / data.X.std(axis=0), data.y


def pytorch(seed: int, same_start: bool = False) -> Result:
    """The same network and loop in PyTorch: Linear-ReLU-Linear, cross-entropy, SGD without momentum.

    same_start: begin from our engine's starting weights and shuffle the rows in our order, so any gap in
    accuracy can only come from the arithmetic (PyTorch computes in float32, ours in float64).
    """
    import torch

    X_np, y_np = scaled_fruits()
    X, y = torch.tensor(X_np, dtype=torch.float32), torch.tensor(y_np)
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(4, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 4))
    if same_start:
        start_from_ours(model, seed)
    loss_fn, opt = torch.nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=SPEED)
    generator, rng = torch.Generator().manual_seed(seed), np.random.default_rng(seed)
    clock = Stopwatch()
    for _ in range(ROUNDS):
        order = torch.from_numpy(rng.permutation(len(X))) if same_start else torch.randperm(len(X), generator=generator)
        for i in range(0, len(X), BATCH):
            rows = order[i : i + BATCH]
            opt.zero_grad()
            loss_fn(model(X[rows]), y[rows]).backward()
            opt.step()
        with torch.no_grad():
            float(loss_fn(model(X), y))
    wall, cpu = clock.stop()
    with torch.no_grad():
        accuracy = float((model(X).argmax(dim=1) == y).float().mean())
    return wall, cpu, accuracy


def start_from_ours(model: object, seed: int) -> None:
    """Copy our engine's seeded starting weights into the PyTorch model (PyTorch stores W transposed)."""
    import torch

    net = Network(4, [LayerSpec(HIDDEN, "relu", "hidden"), LayerSpec(4, "softmax", "output")], seed=seed)
    with torch.no_grad():
        for linear, dense in zip((model[0], model[2]), net.layers, strict=True):  # type: ignore[index]
            linear.weight.copy_(torch.from_numpy(dense.W.T))
            linear.bias.copy_(torch.from_numpy(dense.b))


def sklearn(seed: int) -> Result:
    """scikit-learn's MLPClassifier told to do the same: sgd, no momentum, no weight penalty, no early stop."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    X, y = scaled_fruits()
    model = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,), activation="relu", solver="sgd", learning_rate_init=SPEED, momentum=0.0,
        nesterovs_momentum=False, alpha=0.0, batch_size=BATCH, max_iter=ROUNDS, shuffle=True, random_state=seed,
        tol=0.0, n_iter_no_change=ROUNDS + 1,
    )  # fmt: skip
    clock = Stopwatch()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # 30 rounds on purpose: the same budget for all
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


def training_table(seeds: int) -> None:
    """Time and accuracy for each engine, with ratios against ours."""
    print(f"fruits: 4 → hidden {HIDDEN} relu → 4 softmax, {ROUNDS} rounds, speed {SPEED}, batch {BATCH}, "
          f"{seeds} seeds (median times, mean accuracy on the table)")  # fmt: skip
    engines: dict[str, Callable[[int], Result]] = {"foggyhill.nn (numpy)": ours}
    if available("torch"):
        engines["PyTorch CPU"] = pytorch
        engines["PyTorch, our start & order"] = lambda seed: pytorch(seed, same_start=True)
    if available("sklearn"):
        engines["scikit-learn MLPClassifier"] = sklearn
    results = measure(engines, seeds)
    base_wall, base_cpu, base_acc = results["foggyhill.nn (numpy)"]
    print(f"  {'engine':<28}{'CPU time':>10}{'wall':>10}{'accuracy':>10}{'CPU vs ours':>13}{'wall vs ours':>14}"
          f"{'accuracy vs ours':>18}")  # fmt: skip
    for label, (wall, cpu, acc) in results.items():
        print(f"  {label:<28}{cpu * 1e3:>8.2f}ms{wall * 1e3:>8.2f}ms{acc:>10.1%}{cpu / base_cpu:>12.1f}×"
              f"{wall / base_wall:>13.1f}×{(acc - base_acc) * 100:>+14.1f} pts")  # fmt: skip
    for module, label in (("torch", "PyTorch (pip install torch==2.13.0)"), ("sklearn", "scikit-learn (.[bench])")):
        if not available(module):
            print(f"  {label}: skipped, {module} is not installed")
    if available("torch"):
        import torch

        print(f"  (PyTorch {torch.__version__}, float32, {torch.get_num_threads()} thread: its fastest at this size; "
              "its own default start is smaller than ours, hence the first row's accuracy)")  # fmt: skip


def whole_run(times: int = 3) -> None:
    """`foggyhill run` on the program in a child process, a few times: median wall and CPU time, peak memory."""
    command = shutil.which("foggyhill")
    runner = Path(__file__).resolve().parents[1] / "src" / "foggyhill" / "cli" / "run.py"
    if command is None or not runner.exists():
        print("foggyhill run: not measured yet (cli/run.py is not there)")
        return
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "fruits.studio"
        program.write_text(PROGRAM, encoding="utf-8")
        for _ in range(times):
            before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            done = subprocess.run([command, "run", str(program)], cwd=folder, capture_output=True, text=True,
                                  env={**os.environ, "MPLBACKEND": "Agg"}, check=False)  # fmt: skip
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode != 0:
                output = (done.stderr or done.stdout).strip()[-300:]
                print(f"foggyhill run: failed with exit code {done.returncode}: {output}")
                return
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux reports kilobytes
    print(f"foggyhill run fruits.studio ({times} runs): {statistics.median(walls):.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU (target under 1.5 s); peak memory {peak_mb:.0f} MB "
          "(target under 200 MB)")  # fmt: skip


def main() -> None:
    """Print the training table, then the whole-run figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds to average over (default 10)")
    seeds = parser.parse_args().seeds
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs (shared: figures are noisy)")
    # The whole run goes first: a child's peak memory counts the pages it shares with this process before it
    # starts the new program, so it must start while this process is still small (no torch, no scikit-learn).
    whole_run()
    if available("torch"):
        import torch

        torch.set_num_threads(1)  # tiny matrices: threads only add hand-over costs (measured: 2 threads ~2× slower)
    training_table(seeds)


if __name__ == "__main__":
    main()
