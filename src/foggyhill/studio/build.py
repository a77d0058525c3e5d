"""`make_network … end` → a Network: each layer line checked with its own span, then the output against the data."""

from __future__ import annotations

from collections.abc import Callable

from ..lang import N_, _, say
from ..nn import HIDDEN_KINDS, MAX_LAYERS, OUTPUT_KINDS, Dataset, LayerSpec, Network, NNError, check_fit
from . import syntax as s
from .errors import StudioError, did_you_mean, one_of
from .values import Value, describe_value, whole

ROLES = ("input", "hidden", "output")
PARTS = {"input": ("from",), "hidden": ("size", "kind"), "output": ("size", "kind")}
NEEDS = {  # a whole sentence per role: the role's name is a keyword inside `layer …`, but prose here
    "input": N_("this input layer needs `{needed}`"),
    "hidden": N_("this hidden layer needs `{needed}`"),
    "output": N_("this output layer needs `{needed}`"),
}
UNKNOWN_KIND = {
    "hidden": N_("unknown kind `{kind}` for a hidden layer"),
    "output": N_("unknown kind `{kind}` for an output layer"),
}
LAYER_EXAMPLE = {
    "input": "layer input from data",
    "hidden": "layer hidden size 16 kind relu",
    "output": "layer output size 4 kind softmax",
}


def build(node: s.MakeNetwork, lookup: Callable[[s.Expr], Value], max_size: int) -> Network:
    """Check the block line by line and make the network; errors point at the line that is wrong."""
    if not node.layers:
        raise StudioError(
            _("this network has no layers"),
            node.span,
            expected=_("`layer input from DATA`, hidden layers, then one output layer, then `end`"),
        )
    for layer in node.layers:
        if layer.role not in ROLES:
            raise StudioError(
                say("unknown layer role `{role}`", role=layer.role),
                layer.role_span,
                one_of(ROLES),
                did_you_mean(layer.role, ROLES),
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
            _("the first layer must be the input layer"),
            first.span,
            "`layer input from DATA`",
            say("the input layer says which data the network reads: {example}", example="layer input from data"),
        )
    for later in layers[1:]:
        if later.role == "input":
            raise StudioError(_("a network has only one input layer, and it comes first"), later.span)
    parts = layer_parts(first)
    if "from" not in parts:
        raise StudioError(_("`layer input` needs `from` and the data"), first.span, hint=LAYER_EXAMPLE["input"])
    value_node = parts["from"].value
    data = lookup(value_node)
    if not isinstance(data, Dataset):
        hint = (
            say("load it first: {load}, then {layer}", load=f'data = load "{data}"', layer="layer input from data")
            if isinstance(data, str)
            else ""
        )
        raise StudioError(
            say("`layer input from` needs a dataset, not {what}", what=describe_value(data)), value_node.span, hint=hint
        )
    return data


def layer_parts(layer: s.Layer) -> dict[str, s.LayerPart]:
    """The `word value` pairs of a layer line by word, each allowed for its role and given once."""
    allowed = PARTS[layer.role]
    found: dict[str, s.LayerPart] = {}
    for part in layer.parts:
        if part.word not in allowed:
            raise StudioError(
                say("`{layer}` has no `{word}`", layer=f"layer {layer.role}", word=part.word),
                part.word_span,
                one_of(allowed),
                did_you_mean(part.word, allowed) or say("write it like: {example}", example=LAYER_EXAMPLE[layer.role]),
            )
        if part.word in found:
            raise StudioError(
                say("`{word}` is given twice in this layer", word=part.word), part.word_span, hint=_("keep one of them")
            )
        found[part.word] = part
    return found


def spec(layer: s.Layer, lookup: Callable[[s.Expr], Value], max_size: int) -> LayerSpec:
    """A hidden or output layer line as a LayerSpec."""
    parts = layer_parts(layer)
    for needed in ("size", "kind"):
        if needed not in parts:
            raise StudioError(
                say(NEEDS[layer.role], needed=needed),
                layer.span,
                hint=say("write it like: {example}", example=LAYER_EXAMPLE[layer.role]),
            )
    size_node = parts["size"].value
    size = whole(lookup(size_node), _("a layer's size"), 1, max_size, size_node.span)
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
            hint = say("{kind} turns scores into chances of each class, so it only goes on the output layer", kind=text)
        elif role == "output" and text in HIDDEN_KINDS:
            hint = say(
                "an output layer is softmax (classes), sigmoid (yes/no) or linear (a number), not {kind}", kind=text
            )
        else:
            hint = did_you_mean(text, allowed)
        raise StudioError(
            say(UNKNOWN_KIND[role], kind=text),
            node.span,
            one_of(allowed),
            hint,
        )
    raise StudioError(say("a layer's kind must be a word, like {kind}", kind=allowed[0]), node.span, one_of(allowed))


def check_roles(node: s.MakeNetwork, specs: list[LayerSpec]) -> None:
    """One output layer, last; not too many layers."""
    layers = node.layers[1:]
    outputs = [i for i, spec in enumerate(specs) if spec.role == "output"]
    if not outputs:
        raise StudioError(
            _("this network has no output layer"),
            layers[-1].span if layers else node.span,
            _("`layer output size N kind K` as the last layer"),
            say("for example: {example}", example=LAYER_EXAMPLE["output"]),
        )
    if len(outputs) > 1:
        raise StudioError(
            _("a network has one output layer, but this is a second one"),
            layers[outputs[1]].span,
            hint=_("make the first one `layer hidden …`"),
        )
    if outputs[0] != len(specs) - 1:
        raise StudioError(
            _("the output layer must be the last layer"),
            layers[outputs[0] + 1].span,
            hint=_("move this layer above the output layer"),
        )
    if len(specs) > MAX_LAYERS:
        raise StudioError(
            say(
                "a network can have at most {most} layers besides the input (this one has {count})",
                most=MAX_LAYERS,
                count=len(specs),
            ),
            layers[MAX_LAYERS].span,
        )


def output_hint(data: Dataset) -> str:
    """What the output layer for this data looks like."""
    if data.classes is None:
        return say("for a number: {example}", example="layer output size 1 kind linear")
    return say("for {data}: {example}", data=data.name, example=f"layer output size {len(data.classes)} kind softmax")
