"""The statements that look inside a network (plot_network, plot_boundary, explain_step, plot_weight), the live
pictures a training carries when the program draws its network, and what `show` and `evaluate` add for pictures
and classes. Each is a function of the running interpreter and its syntax node."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..lang import _, say
from ..nn import MAX_SPEED, Dataset, Network
from ..nn.explain import explain_step, weight_curve
from . import syntax as s
from .errors import Span, StudioError
from .stepwords import step_report
from .values import describe_value, options, positive, whole
from .views import (
    Edges,
    Grid,
    boundary_frame,
    boundary_grid,
    boundary_words,
    confusion_data,
    confusion_words,
    layer_list,
    network_names,
    network_picture,
    network_words,
    shown_pictures,
    snapshot_rounds,
    wrong_pictures,
)

# The running interpreter (interpreter.py's Interpreter, which imports this module, so it is not imported back).
Interpreter = Any

DEFAULT_SPEED = 0.1


def label(node: s.Expr) -> str:
    """What to call a network in the output: its variable's name."""
    return node.name if isinstance(node, s.Name) else _("the network")


def drawn(program: s.Program) -> dict[str, set[str]]:
    """The networks the program draws anywhere (by name): their trainings carry live pictures of them."""
    found: dict[str, set[str]] = {"network": set(), "boundary": set()}
    for statement in program.statements:
        if isinstance(statement, s.PlotNetwork):
            found["network"].add(label(statement.network))
        elif isinstance(statement, s.PlotBoundary):
            found["boundary"].add(label(statement.network))
    return found


def live_views(
    it: Interpreter, net: Network, name: str, data: Dataset, rounds: int, start: int
) -> dict[str, Any] | None:
    """What the training of `name` on `data` shows live: which pictures, the network's names and layers (so a live
    picture is drawn and labelled on its own), the boundary's frame, how many at most."""
    network = name in it.drawn["network"]
    boundary = name in it.drawn["boundary"] and data.features == 2
    if not (network or boundary):
        return None
    return {
        "network": network,
        **network_names(net, data),
        "sizes": [net.n_inputs, *(spec.size for spec in net.specs)],
        "layers": layer_list(net),
        "boundary": boundary_frame(data) if boundary else None,
        "most": len(snapshot_rounds(rounds, start)),
    }


class LivePictures:
    """Decides which rounds carry pictures: at most SNAPSHOTS spread evenly, always the last, none sooner than GAP
    of training after the training began or after the last picture, and none while the pictures so far (making and
    sending them) would pass BUDGET of the training's time so far; so a short training carries only its last picture
    and no training is slowed by more than about a tenth. It keeps the arrays the pictures are made in."""

    BUDGET = 0.07  # with the last round's picture and what a picture leaves behind (caches), about a tenth
    GAP = 0.02  # seconds of training: a screen shows at most ~50 pictures a second, closer ones are never seen

    def __init__(
        self, views: dict[str, Any], net: Network, data: Dataset, rounds: int, start: int, clock: Callable[[], float]
    ) -> None:
        self.net, self.data = net, data
        self.edges = Edges(net) if views["network"] else None
        self.grid = Grid(data) if views["boundary"] is not None else None
        self.candidates = set(snapshot_rounds(rounds, start))
        self.last = start + rounds
        self.clock = clock
        self.began = clock()
        self.spent = 0.0  # seconds spent on pictures so far
        self.cost = 0.0  # the last picture's seconds: the next one will cost about as much
        self.previous = 0.0  # the training's seconds when the last picture was made

    def wanted(self, number: int) -> bool:
        """Whether round `number` carries pictures."""
        if number == self.last:
            return True
        training = self.clock() - self.began - self.spent
        if number not in self.candidates or training < self.previous + self.GAP:
            return False
        return self.spent + self.cost <= self.BUDGET * training

    def send(self, payload: dict[str, Any], emit: Callable[[], None]) -> None:
        """Add the pictures to a round's payload and emit it, timing both."""
        started = self.clock()
        self.previous = started - self.began - self.spent
        payload.update(self.snapshot())
        emit()
        self.cost = self.clock() - started
        self.spent += self.cost

    def snapshot(self) -> dict[str, Any]:
        """A round's pictures: the weights as edges and biases, and the boundary's grid."""
        found: dict[str, Any] = {}
        if self.edges is not None:
            found["network_picture"] = self.edges.now(self.net)
        if self.grid is not None:
            found["boundary"] = self.grid.answers(self.net)
        return found


def plot_network(it: Interpreter, node: s.PlotNetwork) -> None:
    """`plot_network NET`: the network as inputs, neurons and weighted edges."""
    net = it.network(node.network, "plot_network")
    if it.dry:
        return
    data = network_picture(net, label(node.network))
    it.emit("network_picture", node.span, network_words(data), trained=net.trained, **data)


def plot_boundary(it: Interpreter, node: s.PlotBoundary) -> None:
    """`plot_boundary NET, on: DATA`: the network's answer all over the plane of DATA's two features."""
    net = it.network(node.network, "plot_boundary")
    given = options(node.options, "plot_boundary", ("on",), (), node.span)
    data = it.dataset(given["on"].value, "plot_boundary … on:")
    if data.features != 2:
        message = say(
            "`plot_boundary` draws the plane of two features, but {data} has {count} features",
            data=data.name,
            count=data.features,
        )
        if data.features == 1:
            message = say("`plot_boundary` draws the plane of two features, but {data} has 1 feature", data=data.name)
        raise StudioError(
            message,
            given["on"].value.span,
            hint=_(
                "use data with two feature columns (checkerboard, spirals, or a CSV with two besides the target); "
                "for other data, `evaluate` shows which classes the network mixes up"
            ),
        )
    it.check_fit(net, data, given["on"].value.span)
    if it.dry:
        return
    name = label(node.network)
    grid = boundary_grid(net, data)
    text = boundary_words(name, data, grid)
    if not net.trained:
        text = say("{picture} (not trained yet)", picture=text)
    it.emit("boundary", node.span, text, network=name, trained=net.trained, **boundary_frame(data), **grid)


def do_explain_step(it: Interpreter, node: s.ExplainStep) -> None:
    """`explain_step NET, on: DATA[, row: N, speed: S]`: one example forward and back; no weight changes."""
    net = it.network(node.network, "explain_step")
    given = options(node.options, "explain_step", ("on",), ("row", "speed"), node.span)
    data = it.dataset(given["on"].value, "explain_step … on:")
    it.check_fit(net, data, given["on"].value.span)
    row = row_option(it, given.get("row"), data)
    speed, source = step_speed(it, net, given.get("speed"))
    if it.dry:
        return
    step = explain_step(net, data, row - 1, speed)
    text, payload = step_report(step, net, data, label(node.network), source)
    it.emit("step", node.span, text, **payload)


def row_option(it: Interpreter, option: s.Option | None, data: Dataset) -> int:
    """The row to explain, counted from 1 (row 1 when not given)."""
    if option is None:
        return 1
    value = it.value(option.value)
    hint = say("{data} has {rows} rows, counted from 1", data=data.name, rows=data.rows)
    if value == 0:
        hint = say("rows are counted from 1: the first row is {example}", example="row: 1")
    return whole(value, "row", 1, data.rows, option.value.span, hint)


def step_speed(it: Interpreter, net: Network, option: s.Option | None) -> tuple[float, str]:
    """The step's speed: as given, else the last training's, else 0.1; and where it came from, in words."""
    if option is not None:
        return positive(it.value(option.value), "speed", MAX_SPEED, option.value.span), _("as given")
    record = it.trained.get(id(net))
    if record is not None and record.speed is not None:
        return record.speed, _("the last training's speed")
    return DEFAULT_SPEED, say("not trained yet, so the usual {speed:g}", speed=DEFAULT_SPEED)


def plot_weight(it: Interpreter, node: s.PlotWeight) -> None:
    """`plot_weight NET, on: DATA, layer: L, weight: [I, J]` or `bias: J`: the loss as that one weight moves."""
    net = it.network(node.network, "plot_weight")
    given = options(node.options, "plot_weight", ("on", "layer"), ("weight", "bias"), node.span)
    data = it.dataset(given["on"].value, "plot_weight … on:")
    it.check_fit(net, data, given["on"].value.span)
    number = layer_option(it, given["layer"], net, label(node.network))
    kind, index = which_weight(it, given, net, number, node.span)
    if it.dry:
        return
    curve = weight_curve(net, data, number - 1, kind, tuple(i - 1 for i in index))
    name = label(node.network)
    numbers = {"layer": number, "name": name, "value": curve.value, "loss": curve.loss, "data": data.name}
    text = say(
        "weight [{first}, {second}] of layer {layer} in {name}: now {value:.4g}, loss {loss:.4f} on {data}, "
        "slope {slope:.4g} (every other weight held)",
        first=index[0],
        second=index[-1],
        slope=curve.slope,
        **numbers,
    )
    if kind != "W":
        text = say(
            "bias {first} of layer {layer} in {name}: now {value:.4g}, loss {loss:.4f} on {data}, "
            "slope {slope:.4g} (every other weight held)",
            first=index[0],
            slope=curve.slope,
            **numbers,
        )
    it.emit(
        "weight_curve",
        node.span,
        text,
        network=name,
        dataset=data.name,
        layer=number,
        weight=list(index) if kind == "W" else None,
        bias=index[0] if kind == "b" else None,
        value=curve.value,
        loss=curve.loss,
        slope=curve.slope,
        curve={"weights": curve.weights.tolist(), "losses": curve.losses.tolist()},
    )


def layer_option(it: Interpreter, option: s.Option, net: Network, name: str) -> int:
    """`layer: L`, counted from 1, the first layer after the inputs."""
    value = it.value(option.value)
    count = len(net.layers)
    if value == 0:
        raise StudioError(
            _("layer 0 is the inputs: no weights lead into them"),
            option.value.span,
            hint=say(
                "layers count from 1, the first layer after the inputs; {name} has layers 1 to {count}",
                name=name,
                count=count,
            ),
        )
    hint = say("{name} has {count} layers after its inputs: layer 1 to {count}", name=name, count=count)
    if count == 1:
        hint = say("{name} has 1 layer after its inputs: layer 1 to 1", name=name)
    return whole(value, "layer", 1, count, option.value.span, hint)


def which_weight(
    it: Interpreter, given: dict[str, s.Option], net: Network, number: int, span: Span
) -> tuple[str, list[int]]:
    """('W', [from, to]) for `weight: [I, J]` or ('b', [J]) for `bias: J`, each within the layer, counted from 1."""
    if ("weight" in given) == ("bias" in given):
        where = given["bias"].name_span if "bias" in given else span
        message = _("`plot_weight` needs one of `weight: [FROM, TO]` or `bias: NEURON`")
        if "bias" in given:
            message = _("`plot_weight` needs one of `weight: [FROM, TO]` or `bias: NEURON`, not both")
        example = "plot_weight net, on: data, layer: 1, weight: [1, 1]"
        raise StudioError(message, where, hint=say("for example: {example}", example=example))
    below, size = net.layers[number - 1].W.shape
    words = say(
        "layer {layer} takes {below} values from below and has {size} neurons", layer=number, below=below, size=size
    )
    if below == 1:
        words = say("layer {layer} takes 1 value from below and has {size} neurons", layer=number, size=size)
    if "bias" in given:
        option = given["bias"]
        return "b", [whole(it.value(option.value), "bias", 1, size, option.value.span, words)]
    option = given["weight"]
    pair = option.value
    if not isinstance(pair, s.ListOf) or len(pair.items) != 2:
        raise StudioError(
            say("`weight:` takes two numbers [FROM, TO], not {what}", what=describe_value(it.value(pair))),
            pair.span,
            hint=say("for example weight: [1, 2], from value 1 below to neuron 2; {words}", words=words),
        )
    first, second = pair.items
    return "W", [
        whole(it.value(first), _("the weight's first number (from)"), 1, below, first.span, words),
        whole(it.value(second), _("the weight's second number (to)"), 1, size, second.span, words),
    ]


def show_extras(data: Dataset) -> tuple[str, dict[str, Any]]:
    """What `show` adds for a dataset of pictures: a few drawn as text, and their pixels and labels."""
    shape = getattr(data, "picture_shape", None)
    if shape is None:
        return "", {}
    art, items = shown_pictures(data, tuple(shape))
    return "\n" + art, {"picture_shape": list(shape), "pictures": items}


def evaluate_extras(net: Network, data: Dataset, name: str) -> tuple[str, dict[str, Any]]:
    """What `evaluate` adds for classes: the confusion table; for pictures, a few it got wrong."""
    if data.classes is None:
        return "", {}
    table, guessed = confusion_data(net, data)
    text = "\n" + confusion_words(table, name)
    extras: dict[str, Any] = {"confusion": table}
    shape = getattr(data, "picture_shape", None)
    if shape is not None:
        wrong = wrong_pictures(data, guessed, tuple(shape))
        extras["wrong"] = wrong
        listed = "; ".join(say("row {row} is {true}, guessed {guessed}", **w) for w in wrong)
        text += "\n" + (say("some it got wrong: {listed}", listed=listed) if wrong else _("it got every picture right"))
    return text, extras
