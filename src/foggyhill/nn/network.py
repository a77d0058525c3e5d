"""The network: dense layers in a row and an output head; it also remembers how its inputs were scaled."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.settings import Field
from ..lang import N_, _, say
from .errors import NNError, allows, check_setting
from .layers import HIDDEN_KINDS, OUTPUT_KINDS, ROLES, Dense, LayerSpec, make_dense
from .losses import HEADS, Head

Array = NDArray[np.float64]

MAX_LAYER_SIZE = 256
MAX_LAYERS = 8
MAX_INPUTS = 100
INPUTS = Field(N_("the number of inputs"), "int", None, N_("how many numbers the network takes"), 1, MAX_INPUTS)
LAYER_SIZE = Field("size", "int", None, N_("how many neurons a layer has"), 1, MAX_LAYER_SIZE)


@dataclass(frozen=True)
class Scaling:
    """How training data was shifted and stretched; predict applies the same to new rows."""

    mean: Array
    spread: Array
    target_mean: float = 0.0
    target_spread: float = 1.0


class Network:
    """A stack of dense layers ending in an output layer; the same seed always gives the same starting weights."""

    def __init__(self, n_inputs: int, layers: list[LayerSpec], seed: int = 0) -> None:
        check_structure(n_inputs, layers)
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise NNError(say("seed must be a whole number, 0 or more (got {seed})", seed=repr(seed)))
        self.n_inputs = n_inputs
        self.specs = list(layers)
        self.seed = seed
        rng = np.random.default_rng(seed)
        sizes = [n_inputs] + [spec.size for spec in layers]
        self.layers: list[Dense] = [make_dense(n, spec, rng) for n, spec in zip(sizes, layers, strict=False)]
        self.head: Head = HEADS[layers[-1].kind]
        # Set by the first training: the input scaling, the class names and the target's name.
        self.scaling: Scaling | None = None
        self.classes: list[str] | None = None
        self.target_name: str | None = None
        self.feature_names: list[str] | None = None

    @property
    def output(self) -> LayerSpec:
        """The output layer's spec."""
        return self.specs[-1]

    @property
    def n_parameters(self) -> int:
        """Every weight and bias the training adjusts."""
        return sum(layer.n_parameters for layer in self.layers)

    @property
    def trained(self) -> bool:
        """True once the network has been trained (it then knows its scaling and targets)."""
        return self.scaling is not None

    def forward(self, x: Array) -> Array:
        """The output layer's scores z for already-scaled rows x; the head turns them into answers."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad_z: Array) -> None:
        """Send the loss's slope back through every layer, leaving dW and db on each."""
        for layer in reversed(self.layers):
            grad_z = layer.backward(grad_z)

    def parameters(self) -> list[tuple[Dense, str]]:
        """Each adjustable array as (layer, 'W' or 'b'): the optimizer updates them by name."""
        return [(layer, name) for layer in self.layers for name in ("W", "b")]

    def structure(self) -> str:
        """The layers in words: '4 inputs → hidden 16 relu → output 4 softmax'."""
        inputs = _("1 input") if self.n_inputs == 1 else say("{count} inputs", count=self.n_inputs)
        return " → ".join([inputs, *map(str, self.specs)])

    def __repr__(self) -> str:
        return f"Network({self.structure()}, {self.n_parameters} parameters)"


def check_structure(n_inputs: int, layers: list[LayerSpec]) -> None:
    """Raise NNError unless the layers form a network: hidden layers first, one output layer last, sizes in range."""
    check_setting(INPUTS, n_inputs)
    if not isinstance(layers, list | tuple) or not layers:
        raise NNError(_("a network needs at least an output layer"))
    if len(layers) > MAX_LAYERS:
        raise NNError(say("a network may have at most {most} layers (got {count})", most=MAX_LAYERS, count=len(layers)))
    for number, spec in enumerate(layers, start=1):
        _check_layer(number, spec)
    roles = [spec.role for spec in layers]
    if roles[-1] != "output":
        raise NNError(_("the last layer must be the output layer (`layer output size N kind K`)"))
    if "output" in roles[:-1]:
        raise NNError(
            say(
                "layer {number} is an output layer but more layers follow it: the output layer comes last",
                number=roles.index("output") + 1,
            )
        )


def _check_layer(number: int, spec: LayerSpec) -> None:
    """One layer's role, size and kind must be allowed."""
    if not isinstance(spec, LayerSpec):
        raise NNError(say("layer {number} must be a LayerSpec (got {spec})", number=number, spec=repr(spec)))
    where = {"number": number, "role": spec.role}
    if spec.role not in ROLES:
        raise NNError(say("layer {number} has role {role}: use hidden or output", number=number, role=repr(spec.role)))
    if not allows(LAYER_SIZE, spec.size):
        allowed = LAYER_SIZE.allowed()
        raise NNError(
            say(
                "layer {number} ({role}) has size {size}: use {allowed}", size=repr(spec.size), allowed=allowed, **where
            )
        )
    kinds = HIDDEN_KINDS if spec.role == "hidden" else OUTPUT_KINDS
    if spec.kind not in kinds:
        words = {"kind": repr(spec.kind), "kinds": ", ".join(kinds), **where}
        if spec.kind == "softmax":
            raise NNError(
                say(
                    "layer {number} ({role}) has kind {kind}: use one of {kinds} "
                    "(softmax turns scores into class chances, so it only goes on the output layer)",
                    **words,
                )
            )
        raise NNError(say("layer {number} ({role}) has kind {kind}: use one of {kinds}", **words))
