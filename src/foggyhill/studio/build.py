"""`make_network … end` → a Network: each layer line checked with its own span, then the output against the data."""

from __future__ import annotations

from collections.abc import Callable

from ..nn import HIDDEN_KINDS, MAX_LAYERS, OUTPUT_KINDS, Dataset, LayerSpec, Network, NNError, check_fit
from . import syntax as s
from .errors import StudioError, did_you_mean, one_of
from .values import Value, describe_value, whole

ROLES = ("input", "hidden", "output")
PARTS = {"input": ("from",), "hidden": ("size", "kind"), "output": ("size", "kind")}
LAYER_EXAMPLE = {
    "input": "layer input from data",
    "hidden": "layer hidden size 16 kind relu",
    "output": "layer output size 4 kind softmax",
}


def build(node: s.MakeNetwork, lookup: Callable[[s.Expr], Value], max_size: int) -> Network:
    """Check the block line by line and make the network; errors point at the line that is wrong."""
    if not node.layers:
        raise StudioError(
            "this network has no layers",
            node.span,
            expected="`layer input from DATA`, hidden layers, then one output layer, then `end`",
        )
    for layer in node.layers:
        if layer.role not in ROLES:
            raise StudioError(
                f"unknown layer role `{layer.role}`", layer.role_span, one_of(ROLES), did_you_mean(layer.role, ROLES)
            )
    data = input_data(node.layers, lookup)
    specs = [spec(layer, lookup, max_size) for layer in node.layers[1:]]
    check_roles(node, specs)
    try:
        network = Network(data.features, specs)
    except NNError as error:
        raise StudioError(str(error), node.span) from None
    try:
        check_fit(network, data)
    except NNError as error:
        raise StudioError(str(error), node.layers[-1].span, hint=output_hint(data)) from None
    return network


def input_data(layers: tuple[s.Layer, ...], lookup: Callable[[s.Expr], Value]) -> Dataset:
    """The dataset named by the first line, which must be `layer input from DATA`."""
    first = layers[0]
    if first.role != "input":
        raise StudioError(
            "the first layer must be the input layer",
            first.span,
            "`layer input from DATA`",
            "the input layer says which data the network reads: layer input from data",
        )
    for later in layers[1:]:
        if later.role == "input":
            raise StudioError("a network has only one input layer, and it comes first", later.span)
    parts = layer_parts(first)
    if "from" not in parts:
        raise StudioError("`layer input` needs `from` and the data", first.span, hint=LAYER_EXAMPLE["input"])
    value_node = parts["from"].value
    data = lookup(value_node)
    if not isinstance(data, Dataset):
        hint = f'load it first: data = load "{data}", then layer input from data' if isinstance(data, str) else ""
        raise StudioError(f"`layer input from` needs a dataset, not {describe_value(data)}", value_node.span, hint=hint)
    return data


def layer_parts(layer: s.Layer) -> dict[str, s.LayerPart]:
    """The `word value` pairs of a layer line by word, each allowed for its role and given once."""
    allowed = PARTS[layer.role]
    found: dict[str, s.LayerPart] = {}
    for part in layer.parts:
        if part.word not in allowed:
            raise StudioError(
                f"`layer {layer.role}` has no `{part.word}`",
                part.word_span,
                one_of(allowed),
                did_you_mean(part.word, allowed) or f"write it like: {LAYER_EXAMPLE[layer.role]}",
            )
        if part.word in found:
            raise StudioError(f"`{part.word}` is given twice in this layer", part.word_span, hint="keep one of them")
        found[part.word] = part
    return found


def spec(layer: s.Layer, lookup: Callable[[s.Expr], Value], max_size: int) -> LayerSpec:
    """A hidden or output layer line as a LayerSpec."""
    parts = layer_parts(layer)
    for needed in ("size", "kind"):
        if needed not in parts:
            raise StudioError(
                f"this {layer.role} layer needs `{needed}`",
                layer.span,
                hint=f"write it like: {LAYER_EXAMPLE[layer.role]}",
            )
    size_node = parts["size"].value
    size = whole(lookup(size_node), "a layer's size", 1, max_size, size_node.span)
    kind = kind_word(parts["kind"].value, layer.role)
    return LayerSpec(size, kind, layer.role)


def kind_word(node: s.Expr, role: str) -> str:
    """The layer's kind (its activation) from the allowed list for its role."""
    allowed = HIDDEN_KINDS if role == "hidden" else OUTPUT_KINDS
    if isinstance(node, s.Name | s.Text):
        text = node.name if isinstance(node, s.Name) else node.value
        if text in allowed:
            return text
        if role == "hidden" and text in OUTPUT_KINDS:
            hint = f"{text} turns scores into chances of each class, so it only goes on the output layer"
        elif role == "output" and text in HIDDEN_KINDS:
            hint = f"an output layer is softmax (classes), sigmoid (yes/no) or linear (a number), not {text}"
        else:
            hint = did_you_mean(text, allowed)
        raise StudioError(
            f"unknown kind `{text}` for {'an' if role == 'output' else 'a'} {role} layer",
            node.span,
            one_of(allowed),
            hint,
        )
    raise StudioError(f"a layer's kind must be a word, like {allowed[0]}", node.span, one_of(allowed))


def check_roles(node: s.MakeNetwork, specs: list[LayerSpec]) -> None:
    """One output layer, last; not too many layers."""
    layers = node.layers[1:]
    outputs = [i for i, spec in enumerate(specs) if spec.role == "output"]
    if not outputs:
        raise StudioError(
            "this network has no output layer",
            layers[-1].span if layers else node.span,
            "`layer output size N kind K` as the last layer",
            "for example: " + LAYER_EXAMPLE["output"],
        )
    if len(outputs) > 1:
        raise StudioError(
            "a network has one output layer, but this is a second one",
            layers[outputs[1]].span,
            hint="make the first one `layer hidden …`",
        )
    if outputs[0] != len(specs) - 1:
        raise StudioError(
            "the output layer must be the last layer",
            layers[outputs[0] + 1].span,
            hint="move this layer above the output layer",
        )
    if len(specs) > MAX_LAYERS:
        raise StudioError(
            f"a network can have at most {MAX_LAYERS} layers besides the input (this one has {len(specs)})",
            layers[MAX_LAYERS].span,
        )


def output_hint(data: Dataset) -> str:
    """What the output layer for this data looks like."""
    if data.classes is None:
        return "for a number: layer output size 1 kind linear"
    return f"for {data.name}: layer output size {len(data.classes)} kind softmax"
