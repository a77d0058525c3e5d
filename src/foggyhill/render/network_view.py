"""Studio's pictures of a network from the data its effects carry (studio/views.py): the network itself, each weight
an edge coloured by its sign and thickened by its size; and one weight's own loss curve with the ball on it.

Drawn with skia on the training chart's dark panel; the sign colours are Okabe–Ito's sky blue and orange, which
colour-blind readers tell apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import skia

from .drawing import fill, stroke, text
from .palette import OKABE_ITO, rgb
from .theme import BACKGROUND, CURVE, GRID, MUTED, PANEL, TANGENT, TEXT, with_alpha
from .training_chart import font, nice_ticks

WIDTH, HEIGHT = 1200, 720
POSITIVE = skia.Color(*rgb(OKABE_ITO["sky"]))
NEGATIVE = skia.Color(*rgb(OKABE_ITO["orange"]))
NEURON = skia.Color(226, 232, 240)
MAX_NEURONS_DRAWN = 40  # per column; a bigger layer is drawn as its first and last neurons with a gap between


def save(image: skia.Image, path: Path) -> Path:
    """The image as a PNG at `path`."""
    Path(path).write_bytes(bytes(image.encodeToData()))
    return Path(path)


def canvas_with_title(title: str, subtitle: str) -> tuple[skia.Surface, skia.Canvas]:
    """A blank chart with its title and a line under it, as the training chart has."""
    surface = skia.Surface(WIDTH, HEIGHT)
    canvas = surface.getCanvas()
    canvas.clear(BACKGROUND)
    canvas.drawString(title, 40, 52, font(30), fill(TEXT))
    canvas.drawString(subtitle, 40, 84, font(18), fill(MUTED))
    return surface, canvas


def drawn_rows(size: int) -> list[int]:
    """Which neurons of a layer get a circle (0-based): all, or the first and last halves of MAX_NEURONS_DRAWN."""
    if size <= MAX_NEURONS_DRAWN:
        return list(range(size))
    half = MAX_NEURONS_DRAWN // 2
    return [*range(half), *range(size - half, size)]


def neuron_places(sizes: list[int], box: tuple[float, float, float, float]) -> list[dict[int, tuple[float, float]]]:
    """Where each drawn neuron sits: one column per layer, spread evenly top to bottom."""
    x0, y0, x1, y1 = box
    places = []
    for column, size in enumerate(sizes):
        x = x0 + column * (x1 - x0) / max(len(sizes) - 1, 1)
        rows = drawn_rows(size)
        gap = (y1 - y0) / max(len(rows), 1)
        places.append({n: (x, y0 + (k + 0.5) * gap) for k, n in enumerate(rows)})
    return places


def network_image(data: dict[str, Any]) -> skia.Image:
    """The network: inputs on the left, each layer a column of neurons, each weight an edge."""
    sizes = data["sizes"]
    surface, canvas = canvas_with_title(f"The network {data['network']}", f"{' → '.join(map(str, sizes))} "
                                        f"neurons; {data['shown']} drawn")  # fmt: skip
    canvas.drawRoundRect(skia.Rect(30, 110, WIDTH - 30, HEIGHT - 30), 14, 14, fill(PANEL))
    places = neuron_places(sizes, (230, 150, WIDTH - 230, HEIGHT - 80))
    strongest = max((abs(e[3]) for e in data["edges"]), default=0.0) or 1.0
    for layer, start, end, weight in sorted(data["edges"], key=lambda e: abs(e[3])):
        a, b = places[layer - 1].get(start - 1), places[layer].get(end - 1)
        if a is None or b is None:
            continue
        share = abs(weight) / strongest
        colour = with_alpha(POSITIVE if weight > 0 else NEGATIVE, 0.25 + 0.75 * share)
        canvas.drawLine(*a, *b, stroke(colour, 0.6 + 6.0 * share))
    radius = max(3.0, min(14.0, (HEIGHT - 230) / (2.6 * max(len(drawn_rows(n)) for n in sizes))))
    for column in places:
        for x, y in column.values():
            canvas.drawCircle(x, y, radius, fill(NEURON))
            canvas.drawCircle(x, y, radius, stroke(BACKGROUND, 1.5))
    small = font(15)
    names = [*data["inputs"], *[""] * sizes[0]][: sizes[0]]
    for n, (x, y) in places[0].items():
        text(canvas, names[n], x - radius - 10, y + 5, small, MUTED, "right")
    outputs = data.get("outputs") or []
    for n, (x, y) in places[-1].items():
        if n < len(outputs):
            text(canvas, outputs[n], x + radius + 10, y + 5, small, MUTED)
    for column, (role, place) in enumerate(zip(["inputs", *[f"layer {k}" for k in range(1, len(sizes))]], places,
                                               strict=True)):  # fmt: skip
        x = next(iter(place.values()))[0]
        kind = "" if column == 0 else f" {data['layers'][column - 1]['kind']}"
        text(canvas, f"{role}{kind}", x, HEIGHT - 45, small, TEXT, "center")
    legend(canvas)
    return surface.makeImageSnapshot()


def legend(canvas: skia.Canvas) -> None:
    """What the colours and widths mean."""
    small = font(15)
    x = WIDTH - 470
    canvas.drawLine(x, 100, x + 40, 100, stroke(POSITIVE, 4))
    text(canvas, "positive weight", x + 50, 105, small, TEXT)
    canvas.drawLine(x + 200, 100, x + 240, 100, stroke(NEGATIVE, 4))
    text(canvas, "negative (thicker = larger)", x + 250, 105, small, TEXT)


def write_network_picture(path: Path, data: dict[str, Any]) -> Path:
    """Draw a `network_picture` effect's data and save it as a PNG."""
    return save(network_image(data), path)


def curve_image(data: dict[str, Any]) -> skia.Image:
    """One weight's loss curve with the others held: the curve, the ball where the weight is, its slope there."""
    what = f"weight {data['weight']}" if data.get("weight") else f"bias {data['bias']}"
    surface, canvas = canvas_with_title(
        f"{what} of layer {data['layer']} in {data['network']}: its own hill",
        f"now {data['value']:.4g}, loss {data['loss']:.4f} on {data['dataset']}, slope {data['slope']:.4g}; "
        "every other weight held",
    )
    ws, losses = data["curve"]["weights"], data["curve"]["losses"]
    x0, y0, x1, y1 = 130, 150, WIDTH - 60, HEIGHT - 80
    canvas.drawRoundRect(skia.Rect(x0 - 90, y0 - 30, x1 + 30, y1 + 50), 14, 14, fill(PANEL))
    finite = [v for v in losses if v == v and abs(v) != float("inf")] or [0.0]
    low, high = min(finite), max(finite)
    high = high if high > low else low + 1.0

    def at(w: float, loss: float) -> tuple[float, float]:
        return x0 + (w - ws[0]) / (ws[-1] - ws[0]) * (x1 - x0), y1 - (loss - low) / (high - low) * (y1 - y0)

    small = font(15)
    for tick in nice_ticks(low, high):
        y = at(ws[0], tick)[1]
        canvas.drawLine(x0, y, x1, y, stroke(GRID, 1))
        text(canvas, f"{tick:g}", x0 - 10, y + 5, small, MUTED, "right")
    for tick in nice_ticks(ws[0], ws[-1], 8):
        if tick >= ws[0]:
            text(canvas, f"{tick:g}", at(tick, low)[0], y1 + 24, small, MUTED, "center")
    text(canvas, "the weight's value", (x0 + x1) / 2, y1 + 44, small, MUTED, "center")
    text(canvas, "loss", x0 - 80, y0 - 8, small, MUTED)
    path = skia.Path()
    for k, (w, v) in enumerate(zip(ws, losses, strict=True)):
        x, y = at(w, min(max(v, low), high) if v == v else high)
        path.moveTo(x, y) if k == 0 else path.lineTo(x, y)
    canvas.save()
    canvas.clipRect(skia.Rect(x0, y0 - 10, x1, y1 + 2))
    canvas.drawPath(path, stroke(CURVE, 3))
    half = (ws[-1] - ws[0]) / 6  # the tangent drawn a third of the range wide
    a = at(data["value"] - half, data["loss"] - data["slope"] * half)
    b = at(data["value"] + half, data["loss"] + data["slope"] * half)
    canvas.drawLine(*a, *b, stroke(TANGENT, 3))
    canvas.restore()
    ball = at(data["value"], data["loss"])
    canvas.drawCircle(*ball, 11, fill(NEGATIVE))
    canvas.drawCircle(*ball, 11, stroke(BACKGROUND, 2))
    return surface.makeImageSnapshot()


def write_weight_curve(path: Path, data: dict[str, Any]) -> Path:
    """Draw a `weight_curve` effect's data and save it as a PNG."""
    return save(curve_image(data), path)
