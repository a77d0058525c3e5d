"""Update rules: plain descent and its richer cousins, each one step of `new = old - speed * (something)`.

Every rule works on numpy arrays of weights at once, so a single run and a sweep of a million lanes share it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .errors import SettingError

Array = NDArray[np.float64]
SlopeFn = Callable[[Array], Array]
State = dict[str, Array]


@dataclass(frozen=True)
class Optimizer:
    """A named update rule with its state (velocity, running averages) kept in a dict of arrays."""

    name: str
    title: str
    description: str
    step: Callable[[Array, SlopeFn, float, State, int], Array]

    def __repr__(self) -> str:
        return f"Optimizer({self.name!r})"


MOMENTUM = 0.9
RMS_DECAY = 0.9
ADAM_BETAS = (0.9, 0.999)
EPSILON = 1e-8


def _plain(w: Array, slope: SlopeFn, speed: float, state: State, t: int) -> Array:
    return w - speed * slope(w)


def _momentum(w: Array, slope: SlopeFn, speed: float, state: State, t: int) -> Array:
    velocity = MOMENTUM * state.get("velocity", np.zeros_like(w)) - speed * slope(w)
    state["velocity"] = velocity
    return w + velocity


def _nesterov(w: Array, slope: SlopeFn, speed: float, state: State, t: int) -> Array:
    # Feel the slope where momentum is about to carry the ball, not where it stands.
    velocity = state.get("velocity", np.zeros_like(w))
    velocity = MOMENTUM * velocity - speed * slope(w + MOMENTUM * velocity)
    state["velocity"] = velocity
    return w + velocity


def _adagrad(w: Array, slope: SlopeFn, speed: float, state: State, t: int) -> Array:
    g = slope(w)
    total = state.get("sum_sq", np.zeros_like(w)) + g * g
    state["sum_sq"] = total
    return w - speed * g / (np.sqrt(total) + EPSILON)


def _rmsprop(w: Array, slope: SlopeFn, speed: float, state: State, t: int) -> Array:
    g = slope(w)
    avg = RMS_DECAY * state.get("avg_sq", np.zeros_like(w)) + (1 - RMS_DECAY) * g * g
    state["avg_sq"] = avg
    return w - speed * g / (np.sqrt(avg) + EPSILON)


def _adam(w: Array, slope: SlopeFn, speed: float, state: State, t: int) -> Array:
    b1, b2 = ADAM_BETAS
    g = slope(w)
    m = b1 * state.get("m", np.zeros_like(w)) + (1 - b1) * g
    v = b2 * state.get("v", np.zeros_like(w)) + (1 - b2) * g * g
    state["m"], state["v"] = m, v
    m_hat = m / (1 - b1 ** (t + 1))
    v_hat = v / (1 - b2 ** (t + 1))
    return w - speed * m_hat / (np.sqrt(v_hat) + EPSILON)


OPTIMIZERS: dict[str, Optimizer] = {
    o.name: o
    for o in (
        Optimizer("plain", "Plain descent", "new = old - speed x slope.", _plain),
        Optimizer("momentum", "Momentum", "Keeps 90% of the last move, like a heavy ball.", _momentum),
        Optimizer("nesterov", "Nesterov", "Momentum that feels the slope one move ahead.", _nesterov),
        Optimizer("adagrad", "AdaGrad", "Divides each step by the root of all slopes seen so far.", _adagrad),
        Optimizer("rmsprop", "RMSProp", "Divides each step by a running average of recent slope sizes.", _rmsprop),
        Optimizer("adam", "Adam", "Momentum plus RMSProp's scaling, with a warm-up correction.", _adam),
    )
}


def get_optimizer(name: str) -> Optimizer:
    """Look up an update rule by the name a user types."""
    try:
        return OPTIMIZERS[name]
    except KeyError:
        raise SettingError("optimizer", f"unknown optimizer {name!r}: choose one of {', '.join(OPTIMIZERS)}") from None
