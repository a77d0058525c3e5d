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

ROUNDS, SPEED, BATCH, HIDDEN = 30, 0.1, 32, 16
PROGRAM = """data = load "fruits"
net = make_network
  layer input from data
  layer hidden size 16 kind relu
  layer output size 4 kind softmax
end
train_network net, on: data, rounds: 30, speed: 0.1
plot_training net
"""
Result = tuple[float, float]  # (seconds, accuracy on the table)


def ours(seed: int) -> Result:
    """Our engine, exactly as Studio calls it."""
    data = load_dataset("fruits")
    net = Network(data.features, [LayerSpec(HIDDEN, "relu", "hidden"), LayerSpec(4, "softmax", "output")], seed=seed)
    start = time.perf_counter()
    train(net, data, ROUNDS, SPEED, batch=BATCH, seed=seed)
    seconds = time.perf_counter() - start
    return seconds, float(evaluate(net, data)["accuracy"])


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
    start = time.perf_counter()
    for _ in range(ROUNDS):
        order = torch.from_numpy(rng.permutation(len(X))) if same_start else torch.randperm(len(X), generator=generator)
        for i in range(0, len(X), BATCH):
            rows = order[i : i + BATCH]
            opt.zero_grad()
            loss_fn(model(X[rows]), y[rows]).backward()
            opt.step()
        with torch.no_grad():
            float(loss_fn(model(X), y))
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = float((model(X).argmax(dim=1) == y).float().mean())
    return seconds, accuracy


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
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # 30 rounds on purpose: the same budget for all
        model.fit(X, y)
    seconds = time.perf_counter() - start
    return seconds, float(model.score(X, y))


def measure(engine: Callable[[int], Result], seeds: int) -> Result:
    """The median time and the mean accuracy over seeds 0..seeds-1, after one untimed warm-up run."""
    engine(seeds)
    results = [engine(seed) for seed in range(seeds)]
    return statistics.median(r[0] for r in results), statistics.fmean(r[1] for r in results)


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
          f"{seeds} seeds (median time, mean accuracy on the table)")  # fmt: skip
    base_time, base_acc = measure(ours, seeds)
    print(f"  {'engine':<28}{'time':>10}{'accuracy':>10}{'time vs ours':>15}{'accuracy vs ours':>19}")
    print(f"  {'foggyhill.nn (numpy)':<28}{base_time * 1e3:>8.2f}ms{base_acc:>10.1%}{'1.00×':>15}{'':>19}")
    rows = [
        ("torch", "PyTorch CPU", pytorch),
        ("torch", "PyTorch, our start & order", lambda seed: pytorch(seed, same_start=True)),
        ("sklearn", "scikit-learn MLPClassifier", sklearn),
    ]
    for module, label, engine in rows:
        if not available(module):
            print(f"  {label:<28}skipped: {module} is not installed (pip install torch==2.13.0 / .[bench])")
            continue
        seconds, acc = measure(engine, seeds)
        gap = (acc - base_acc) * 100
        print(f"  {label:<28}{seconds * 1e3:>8.2f}ms{acc:>10.1%}{seconds / base_time:>14.1f}×{gap:>+16.1f} pts")
    if available("torch"):
        import torch

        print(f"  (PyTorch {torch.__version__}, float32, {torch.get_num_threads()} thread: its fastest at this size; "
              "its own default start is smaller than ours, hence the first row's accuracy)")  # fmt: skip


def whole_run() -> None:
    """`foggyhill run` on the program in a child process: wall time and the child's peak memory."""
    command = shutil.which("foggyhill")
    runner = Path(__file__).resolve().parents[1] / "src" / "foggyhill" / "cli" / "run.py"
    if command is None or not runner.exists():
        print("foggyhill run: not measured yet (cli/run.py is not there)")
        return
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "fruits.studio"
        program.write_text(PROGRAM, encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([command, "run", str(program)], cwd=folder, capture_output=True, text=True,
                              env={**os.environ, "MPLBACKEND": "Agg"}, check=False)  # fmt: skip
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux reports kilobytes
    if done.returncode != 0:
        print(f"foggyhill run: failed with exit code {done.returncode}: {(done.stderr or done.stdout).strip()[-300:]}")
        return
    print(f"foggyhill run fruits.studio: {seconds:.2f} s wall (target under 1.5 s), "
          f"peak memory {peak_mb:.0f} MB (target under 200 MB)")  # fmt: skip


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
