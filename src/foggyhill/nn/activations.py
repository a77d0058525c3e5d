"""Activations, each beside its derivative (like TF Playground's `output`/`der` pairs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Activation:
    """A squashing function a = f(z) and its slope da/dz, given both z and a (whichever is cheaper)."""

    name: str
    output: Callable[[Array], Array]
    der: Callable[[Array, Array], Array]
    description: str

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


def sigmoid(z: Array) -> Array:
    """1 / (1 + e^-z), written so that large |z| never overflows."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# The in-place forms' constants as 0-d arrays: numpy reads them faster than Python floats, and they are the same.
_ZERO, _ONE = np.zeros(()), np.ones(())
Plan = list[Callable[[], object]]  # numpy calls bound to arrays made once, run in order: `for call in plan: call()`


def _relu_into(z: Array, out: Array) -> Plan:
    return [partial(np.maximum, z, _ZERO, out=out)]


def _relu_slope_times(grad: Array, z: Array, a: Array, out: Array) -> Plan:
    # grad × (z > 0) as 1.0 or 0.0, as der gives it: the same products as multiplying by der's array.
    return [partial(np.greater, z, _ZERO, out), partial(np.multiply, grad, out, out)]


def _tanh_into(z: Array, out: Array) -> Plan:
    return [partial(np.tanh, z, out)]


def _tanh_slope_times(grad: Array, z: Array, a: Array, out: Array) -> Plan:
    return [
        partial(np.multiply, a, a, out),
        partial(np.subtract, _ONE, out, out),
        partial(np.multiply, grad, out, out),
    ]


def _sigmoid_into(z: Array, out: Array) -> Plan:
    return [partial(_store_sigmoid, z, out)]


def _store_sigmoid(z: Array, out: Array) -> None:
    out[...] = sigmoid(z)


def _sigmoid_slope_times(grad: Array, z: Array, a: Array, out: Array) -> Plan:
    return [
        partial(np.subtract, _ONE, a, out),
        partial(np.multiply, a, out, out),
        partial(np.multiply, grad, out, out),
    ]


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("relu", lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(z.dtype), "max(0, z)"),
        Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a, "tanh(z), between -1 and 1"),
        Activation("sigmoid", sigmoid, lambda z, a: a * (1.0 - a), "1 / (1 + e^-z), between 0 and 1"),
        Activation("linear", lambda z: z, lambda z, a: np.ones_like(z), "z itself: no squashing"),
    )
}

# The training loop's forms of each activation: plans of numpy calls into arrays it made once, with the same
# operations in the same order as `output` and `grad × der`, so every number comes out bit for bit the same
# (tests/nn/test_loop.py). linear has none: its output is z itself, and a slope times 1.0 is the slope.
PLANS: dict[str, tuple[Callable[[Array, Array], Plan], Callable[[Array, Array, Array, Array], Plan]]] = {
    "relu": (_relu_into, _relu_slope_times),
    "tanh": (_tanh_into, _tanh_slope_times),
    "sigmoid": (_sigmoid_into, _sigmoid_slope_times),
}


def _at_once(plan_of: Callable[..., Plan]) -> Callable[..., Array]:
    """A plan's maker as a function that makes its calls now and returns the array they wrote (the last given)."""

    def into(*arrays: Array) -> Array:
        for call in plan_of(*arrays):
            call()
        return arrays[-1]

    return into


# The same forms called at once, for code that fills its arrays in place now and then (studio's pictures).
IN_PLACE: dict[str, tuple[Callable[[Array, Array], Array], Callable[[Array, Array, Array, Array], Array]]] = {
    kind: (_at_once(into), _at_once(slope_times)) for kind, (into, slope_times) in PLANS.items()
}
