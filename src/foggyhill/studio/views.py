"""The data of the pictures of a network: its weights as edges, its answers over a two-feature plane, its
confusion table, and a picture dataset's pixels. JSON-ready (plain lists), numbered as the learner counts (from 1)."""

from __future__ import annotations

import math
from typing import Any, cast

import numpy as np

from ..lang import _, say
from ..nn import Dataset, Network
from ..nn.activations import IN_PLACE
from ..nn.explain import confusion, data_scaling
from ..nn.network import Scaling

MAX_EDGES = 1000  # a bigger network sends its strongest edges only: a page cannot draw 400,000 lines anyway
GRID = 40  # the boundary's cells per side: fine enough to see the regions, cheap enough to send live
MAX_POINTS = 2000  # data points drawn on the boundary; more are thinned evenly
SNAPSHOTS = 30  # live pictures per training at most, besides the last round's
PICTURES = 5  # pictures `show` draws
WRONG = 8  # wrongly guessed pictures `evaluate` lists
SHADES = " .:-=+*#%@"


def layer_list(net: Network) -> list[dict[str, Any]]:
    """Each layer after the inputs: role, kind, size."""
    return [{"role": spec.role, "kind": spec.kind, "size": spec.size} for spec in net.specs]


def network_names(net: Network, data: Dataset | None = None) -> dict[str, Any]:
    """The names beside a network's drawing: its inputs (feature names) and outputs (class names, or the target's
    name), as its first training remembered them; before that, `data`'s (the data about to train it), else
    input 1, input 2, … and no outputs."""
    if net.trained or data is None:
        features, classes, target = net.feature_names, net.classes, net.target_name
    else:
        features, classes, target = list(data.feature_names), data.classes, data.target_name
    return {
        "inputs": list(features or [say("input {number}", number=i) for i in range(1, net.n_inputs + 1)]),
        "outputs": list(classes) if classes else ([target] if target else None),
    }


class Edges:
    """Where each of a network's weights goes as an edge (layer, from, to, counted from 1), worked out once: a
    training's live pictures ask for the edges many times, and only the weights change between them."""

    def __init__(self, net: Network) -> None:
        starts = np.cumsum([0, *(layer.W.size for layer in net.layers)])
        self.total = int(starts[-1])
        every = np.arange(self.total)
        number = np.searchsorted(starts, every, side="right") - 1
        i, j = np.divmod(every - starts[number], np.array([layer.W.shape[1] for layer in net.layers])[number])
        self.places = list(zip((number + 1).tolist(), (i + 1).tolist(), (j + 1).tolist(), strict=True))

    def now(self, net: Network) -> dict[str, Any]:
        """The edges [layer, from, to, weight] (all, or the MAX_EDGES largest in size, in order) and the biases."""
        flat = np.concatenate([layer.W.ravel() for layer in net.layers])
        places = self.places
        if self.total > MAX_EDGES:
            keep = np.sort(np.argpartition(-np.abs(flat), MAX_EDGES)[:MAX_EDGES])
            places, flat = [places[k] for k in keep.tolist()], flat[keep]
        edges = [[layer, i, j, w] for (layer, i, j), w in zip(places, flat.tolist(), strict=True)]
        return {"edges": edges, "biases": [layer.b.tolist() for layer in net.layers], "edges_total": self.total}


def weights_now(net: Network) -> dict[str, Any]:
    """The part of the picture that training changes: the edges (all, or the strongest MAX_EDGES) and biases."""
    return Edges(net).now(net)


def network_picture(net: Network, name: str) -> dict[str, Any]:
    """plot_network's data: the sizes, kinds, every weight as an edge [layer, from, to, weight], the biases."""
    return {
        "network": name,
        **network_names(net),
        "sizes": [net.n_inputs, *(spec.size for spec in net.specs)],
        "layers": layer_list(net),
        **with_shown(weights_now(net)),
    }


def with_shown(now: dict[str, Any]) -> dict[str, Any]:
    """The edges and biases with how many edges are drawn, in numbers and words."""
    shown, total = len(now["edges"]), now["edges_total"]
    words = (
        _("every weight")
        if shown == total
        else say("the {shown:,} weights largest in size, of {total:,}", shown=shown, total=total)
    )
    return {**now, "edges_shown": shown, "shown": words}


def live_pictures(views: dict[str, Any], round_data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A `round` effect's live pictures made whole with its training's `views` (what training does not change),
    in the shapes plot_network and plot_boundary give: {"network_picture": ..., "boundary": ...}, either or none."""
    whole: dict[str, dict[str, Any]] = {}
    name = round_data["network"]
    if "network_picture" in round_data and views.get("network"):
        static = {key: views[key] for key in ("inputs", "outputs", "sizes", "layers")}
        whole["network_picture"] = {"network": name, **static, **with_shown(round_data["network_picture"])}
    if "boundary" in round_data and views.get("boundary"):
        whole["boundary"] = {"network": name, **views["boundary"], **round_data["boundary"]}
    return whole


def network_words(data: dict[str, Any]) -> str:
    """plot_network's line of text."""
    sizes = " → ".join(str(n) for n in data["sizes"])
    return say(
        "network picture of {name}: {sizes} neurons, {shown} drawn as edges",
        name=data["network"],
        sizes=sizes,
        shown=data["shown"],
    )


def plane(data: Dataset) -> tuple[list[float], list[float], list[float], list[float]]:
    """The two features' ranges (a little past the data) and the grid cells' centres: xs left to right, ys top down."""
    ranges = []
    for column in data.X.T:
        low, high = float(column.min()), float(column.max())
        margin = (high - low) * 0.05 or 1.0
        ranges.append([low - margin, high + margin])
    (x0, x1), (y0, y1) = ranges
    xs = [x0 + (k + 0.5) * (x1 - x0) / GRID for k in range(GRID)]
    ys = [y1 - (k + 0.5) * (y1 - y0) / GRID for k in range(GRID)]
    return ranges[0], ranges[1], xs, ys


def boundary_frame(data: Dataset) -> dict[str, Any]:
    """What a boundary picture keeps while training: the axes in the data's units, the grid's cells, the points."""
    x_range, y_range, xs, ys = plane(data)
    rows = np.arange(data.rows)
    if data.rows > MAX_POINTS:
        rows = np.linspace(0, data.rows - 1, MAX_POINTS).astype(np.int64)
    target = data.y[rows].astype(np.int64).tolist() if data.classes is not None else data.y[rows].tolist()
    points = [[float(a), float(b), t] for (a, b), t in zip(data.X[rows], target, strict=True)]
    return {
        "dataset": data.name,
        "features": list(data.feature_names),
        "target": data.target_name,
        "classes": data.classes,
        "x_range": x_range,
        "y_range": y_range,
        "xs": xs,
        "ys": ys,
        "points": points,
        "points_total": data.rows,
    }


class Grid:
    """The network's answers over a dataset's plane, with the cells' scaled points and the layers' arrays kept from
    one call to the next: a training's live pictures ask up to 31 times, and making 1,600-row arrays afresh each
    time cost more than the arithmetic. The same operations as the network's forward pass and nn.explain's
    `answers`, so the same answers as `predict`, bit for bit."""

    def __init__(self, data: Dataset) -> None:
        _, _, xs, ys = plane(data)
        gx, gy = np.meshgrid(xs, ys)
        self.data = data
        self.raw = np.column_stack([gx.ravel(), gy.ravel()])
        self.x = np.empty_like(self.raw)
        self.scaled_by: Scaling | None = None
        self.arrays: list[tuple[np.ndarray, np.ndarray]] = []  # each layer's z and a

    def answers(self, net: Network) -> dict[str, Any]:
        """grid[row][col]: the class index picked in that cell (its chance in confidence), or the number predicted."""
        s = data_scaling(net, self.data)
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.scores(net, s)
            if net.output.kind == "linear":
                numbers = (z[:, 0] * s.target_spread + s.target_mean).reshape(GRID, GRID)
                return {"grid": np.round(numbers, 6).tolist(), "confidence": None}
            p = net.head.output(z)
        if net.output.kind == "softmax":
            found, chance = p.argmax(axis=1), p.max(axis=1)
        else:  # a sigmoid head: class 1 above one half
            found, chance = (z[:, 0] > 0).astype(np.int64), np.where(p[:, 0] > 0.5, p[:, 0], 1.0 - p[:, 0])
        return {
            "grid": found.reshape(GRID, GRID).tolist(),
            "confidence": np.round(chance, 3).reshape(GRID, GRID).tolist(),
        }

    def scores(self, net: Network, s: Scaling) -> np.ndarray:
        """The output layer's scores in every cell, each layer written into the arrays kept for it."""
        if s is not self.scaled_by:
            np.divide(self.raw - s.mean, s.spread, out=self.x)
            self.scaled_by = s
        widths = [layer.W.shape[1] for layer in net.layers]
        if [z.shape[1] for z, _ in self.arrays] != widths:
            self.arrays = [(np.empty((GRID * GRID, n)), np.empty((GRID * GRID, n))) for n in widths]
        x: np.ndarray = self.x
        for layer, (z, a) in zip(net.layers, self.arrays, strict=True):
            np.add(np.dot(x, layer.W, out=z), layer.b, out=z)
            form = IN_PLACE.get(layer.activation.name)  # none for linear: its output is z itself
            x = z if form is None else cast(np.ndarray, form[0](z, a))
        return x


def boundary_grid(net: Network, data: Dataset) -> dict[str, Any]:
    """The network's answer in every cell: grid[row][col] a class index (with its chance in confidence) or a number."""
    return Grid(data).answers(net)


def boundary_words(name: str, data: Dataset, grid: dict[str, Any]) -> str:
    """plot_boundary's line of text: what the regions are."""
    where = {"name": name, "data": data.name, "x": data.feature_names[0], "y": data.feature_names[1]}
    if data.classes is None:
        values = np.array(grid["grid"])
        return say(
            "boundary of {name} on {data} over {x} and {y}: predicted {target} from {low:.4g} to {high:.4g}",
            target=data.target_name,
            low=float(values.min()),
            high=float(values.max()),
            **where,
        )
    cells = np.bincount(np.array(grid["grid"]).ravel(), minlength=len(data.classes))
    shares = ", ".join(
        say("{name} {share:.0%}", name=c, share=float(n / cells.sum()))
        for c, n in zip(data.classes, cells, strict=True)
    )
    return say("boundary of {name} on {data} over {x} and {y}: {shares} of the plane", shares=shares, **where)


def snapshot_rounds(rounds: int, start: int = 0) -> list[int]:
    """The rounds whose `round` effect carries a picture: at most SNAPSHOTS spread evenly, the last always."""
    picked = sorted({math.ceil(k * rounds / SNAPSHOTS) for k in range(1, SNAPSHOTS + 1)} | {rounds})
    return [start + r for r in picked if r >= 1]


def confusion_data(net: Network, data: Dataset) -> tuple[dict[str, Any], np.ndarray]:
    """evaluate's confusion table as data (rows the true class, columns the guess) and every row's guess."""
    counts, guessed = confusion(net, data)
    return {"classes": list(data.classes or []), "counts": counts.tolist()}, guessed


def confusion_words(table: dict[str, Any], name: str) -> str:
    """The confusion table as aligned text, and which two classes are mixed up most."""
    classes, counts = table["classes"], np.array(table["counts"])
    width = max(6, *(len(c) for c in classes), len(str(counts.max())))
    lines = [say("confusion (rows: the true class, columns: what {name} guessed):", name=name)]
    lines.append(" " * width + "  " + "  ".join(c.rjust(width) for c in classes))
    for c, row in zip(classes, counts, strict=True):
        lines.append(c.rjust(width) + "  " + "  ".join(str(n).rjust(width) for n in row))
    off = counts - np.diag(np.diag(counts))
    if off.max() == 0:
        lines.append(_("no class is mixed up with another"))
    else:
        t, g = np.unravel_index(off.argmax(), off.shape)
        lines.append(
            say(
                "mixed up most: {count} {true} guessed as {guessed}",
                count=int(off[t, g]),
                true=classes[t],
                guessed=classes[g],
            )
        )
    return "\n".join(lines)


def picture(data: Dataset, row: int, shape: tuple[int, int]) -> list[list[float]]:
    """Row `row`'s features as a picture's pixel rows."""
    rows: list[list[float]] = data.X[row].reshape(shape).tolist()
    return rows


def shown_pictures(data: Dataset, shape: tuple[int, int]) -> tuple[str, list[dict[str, Any]]]:
    """`show` on pictures: the first few as text art side by side, and their pixels and labels as data."""
    count = min(PICTURES, data.rows)
    items = [
        {"row": r + 1, "label": data.target_words(r + 1)[r], "pixels": picture(data, r, shape)} for r in range(count)
    ]
    top = float(data.X.max()) or 1.0
    art = [text_art(np.array(item["pixels"]), top) for item in items]
    lines = ["  ".join(say("row {row}: {label}", row=i["row"], label=i["label"]).ljust(2 * shape[1]) for i in items)]
    lines += ["  ".join(parts) for parts in zip(*art, strict=True)]
    return "\n".join(lines), items


def text_art(pixels: np.ndarray, top: float) -> list[str]:
    """A picture in characters, darker ink as denser marks, two characters per pixel to keep it square."""
    levels = np.clip((pixels / top * (len(SHADES) - 1)).round().astype(int), 0, len(SHADES) - 1)
    return ["".join(SHADES[v] * 2 for v in row) for row in levels]


def wrong_pictures(data: Dataset, guessed: np.ndarray, shape: tuple[int, int]) -> list[dict[str, Any]]:
    """The first few rows of a picture dataset the network got wrong: row, true, guessed, pixels."""
    classes = data.classes or []
    wrong = np.flatnonzero(guessed != data.y)[:WRONG].tolist()
    return [
        {
            "row": r + 1,
            "true": classes[int(data.y[r])],
            "guessed": classes[int(guessed[r])],
            "pixels": picture(data, r, shape),
        }
        for r in wrong
    ]
