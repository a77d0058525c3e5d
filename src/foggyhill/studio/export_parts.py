"""The parts of an exported script that numpy and PyTorch share: the data, its scaling, the round lines, evaluate,
predict, show and plot_training. Each is text in the script's words, as Studio computes it (nn/training.py)."""

from __future__ import annotations

DATASET = '''class Dataset:
    """A table of numbers X (rows × features) and a target y: class numbers (classes names them) or numbers."""

    def __init__(self, name, features, target, X, y, classes=None):
        self.name, self.features, self.target = name, features, target
        self.X, self.y, self.classes = X, y, classes


def load(name, target=None):
    """A dataset the program loads; its numbers are written out at the end of this script."""
    return DATA[name, target]


def scaling_of(data):
    """Each feature's mean and spread (and the target's, when it is a number), measured as Studio measures them."""
    mean, spread = data.X.mean(axis=0), data.X.std(axis=0)
    spread = np.where(spread == 0, 1.0, spread)  # a feature with the same value in every row is not stretched
    if data.classes is not None:
        return mean, spread, 0.0, 1.0
    return mean, spread, float(data.y.mean()), float(data.y.std()) or 1.0


def scaled(data, scaling):
    """The rows shifted and stretched by `scaling` (and a number target too)."""
    mean, spread, target_mean, target_spread = scaling
    y = data.y if data.classes is not None else (data.y - target_mean) / target_spread
    return (data.X - mean) / spread, y


def scaled_for_training(net, data):
    """Studio scales every feature to mean 0 and spread 1 before the first training, and says so; the network
    remembers that scaling, so later trainings and predict use the same one."""
    if net.scaling is None:
        net.scaling, net.classes = scaling_of(data), data.classes
        target = "" if data.classes is not None else f" and the target {data.target}"
        print(f"note: scaled the features{target} of {data.name} to mean 0 and spread 1 (kept for predict)")
    else:
        print("note: used the scaling this network remembered from its first training")
    return scaled(data, net.scaling)


def guesses(net, z):
    """The class each row's scores pick: the largest softmax score, or a sigmoid score above 0."""
    return z.argmax(axis=1) if net.output_kind == "softmax" else (z[:, 0] > 0).astype(np.int64)


def accuracy(net, z, y):
    """The share of rows whose class the network gets right (None when it predicts a number)."""
    if net.output_kind == "linear":
        return None
    return float((guesses(net, z) == y).mean())


def report_round(net, number, loss, right, limit):
    """Keep the round for plot_training and print it; stop, in words, if the loss blew up."""
    if not math.isfinite(loss) or loss > limit:
        what = f"too large ({loss:.3g})" if math.isfinite(loss) else "infinite or not a number"
        sys.exit(f"training diverged in round {number}: the loss became {what} — try a smaller speed")
    net.losses.append(loss)
    net.accuracies.append(right)
    line = f"round {len(net.losses)}: loss {loss!r}"  # repr: every digit, to compare with foggyhill run
    print(line if right is None else f"{line} accuracy {100 * right:.1f}%")
'''

EVALUATE = '''def evaluate(net, data, label):
    """The loss and (for classes) the accuracy on a dataset, scaled as the training data was."""
    X, y = scaled(data, net.scaling or scaling_of(data))  # not trained yet: the data's own scaling
    loss, right = measure(net, X, y)
    text = f"{label} on {data.name}: loss {loss!r}"
    if right is not None:
        text += f" accuracy {100 * right:.1f}% ({round(right * len(y))} of {len(y)} rows right)"
    print(text)
'''

PREDICT = '''def predict(net, rows):
    """Answers for new rows of raw feature values, scaled the way the training data was."""
    rows = rows if isinstance(rows[0], list) else [rows]
    mean, spread, target_mean, target_spread = net.scaling
    z = scores(net, (np.array(rows, dtype=np.float64) - mean) / spread)
    if net.classes is None:
        answers = [f"{value:g}" for value in z[:, 0] * target_spread + target_mean]
    else:
        answers = [net.classes[k] for k in guesses(net, z)]
    for row, answer in zip(rows, answers):
        print("[" + ", ".join(f"{value:g}" for value in row) + "] →", answer)
'''

SHOW = '''def show(data, rows=5):
    """The dataset's size, what it predicts, and its first rows."""
    n, features = data.X.shape
    if data.classes is None:
        what = f"predicts a number: {data.target} (from {data.y.min():g} to {data.y.max():g})"
    else:
        what = f"{len(data.classes)} classes: {', '.join(data.classes)}"
    print(f"{data.name}: {n} rows, {features} feature{'s' * (features != 1)}, {what}")
    targets = [data.classes[k] if data.classes else f"{k:g}" for k in data.y[:rows]]
    table = [[*data.features, data.target]] + [[f"{v:g}" for v in x] + [t] for x, t in zip(data.X, targets)]
    widths = [max(len(line[i]) for line in table) for i in range(features + 1)]
    for line in table:
        print("  ".join(cell.rjust(width) for cell, width in zip(line, widths)))
    if n > rows:
        print(f"… and {n - rows} more rows")
'''

PLOT = '''def plot_training(net, label):
    """Every round's loss (and accuracy, for classes) so far, saved as a PNG in this folder."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # draw into a file: no window needed
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot_training: the chart needs matplotlib (pip install matplotlib); the losses are printed above")
        return
    rounds = range(1, len(net.losses) + 1)
    figure, axes = plt.subplots(figsize=(7, 4))
    axes.plot(rounds, net.losses, color="#0072B2")
    axes.set_xlabel("round")
    axes.set_ylabel("loss", color="#0072B2")
    axes.set_title(f"training of {label}")
    if all(right is not None for right in net.accuracies):
        share = axes.twinx()
        share.plot(rounds, [100 * right for right in net.accuracies], color="#E69F00")
        share.set_ylabel("accuracy (%)", color="#E69F00")
    path = f"{PROGRAM}-{label}.png"
    figure.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(figure)
    print(f"chart saved to {path}")
'''

UNPACK = '''def unpack(text, dtype, shape):
    """Numbers written compactly: the array's bytes, compressed with zlib, as base64 text."""
    import base64
    import zlib

    return np.frombuffer(zlib.decompress(base64.b64decode(text)), dtype=dtype).reshape(shape)
'''

HELPERS = {"evaluate": EVALUATE, "predict": PREDICT, "show": SHOW, "plot": PLOT}
