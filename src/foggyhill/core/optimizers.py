"""Update rules: plain descent and its richer cousins, each one step of `new = old - speed * (something)`.

Every rule works on numpy arrays of weights at once, so a single run and a sweep of a million lanes share it.
Each rule also carries its convention in words, built from the constants below, so the race page, `descend --help`
and docs/optimizers.md state the numbers the engine runs, and how PyTorch's defaults differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..lang import N_, _, say
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
    rule: str = ""  # one step as formulas, parts separated by "; "
    torch: str = ""  # how PyTorch's optimizer with its default settings differs

    def said(self) -> tuple[str, str]:
        """The title and the description in the current language, the momentum's share filled in."""
        return _(self.title), say(self.description, share=MOMENTUM)

    def __repr__(self) -> str:
        return f"Optimizer({self.name!r})"


MOMENTUM = 0.9  # the share of the last move kept: velocity form, v <- 0.9 v - speed * slope
RMS_DECAY = 0.9  # the share of the running average of slope^2 kept each step
ADAM_BETAS = (0.9, 0.999)  # the shares kept of the running slope and of the running slope^2
EPSILON = 1e-8  # added to every root before dividing by it (AdaGrad, RMSProp, Adam)

# PyTorch's defaults, to say where they differ from ours (torch.optim, checked against its documentation).
TORCH_RMSPROP_ALPHA = 0.99
TORCH_RMSPROP_EPS = 1e-8
TORCH_ADAGRAD_EPS = 1e-10
TORCH_ADAM_BETAS = (0.9, 0.999)
TORCH_ADAM_EPS = 1e-8


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


def shown(x: float | tuple[float, ...]) -> str:
    """A constant (or a pair of them) as the words print it: 0.9, 0.001, 1e-8, (0.9, 0.999)."""
    if isinstance(x, tuple):
        return "(" + ", ".join(map(shown, x)) + ")"
    return f"{x:g}".replace("e-0", "e-")


def _versus(name: str, ours: float | tuple[float, ...], theirs: float | tuple[float, ...]) -> str:
    """One of PyTorch's defaults beside ours, in words."""
    if ours == theirs:
        return f"{name} {shown(theirs)} as here"
    return f"{name} {shown(theirs)} where foggyhill uses {shown(ours)}"


_M, _D, (_B1, _B2), _E = shown(MOMENTUM), shown(RMS_DECAY), map(shown, ADAM_BETAS), shown(EPSILON)
_RULES = {
    "plain": ("w ← w − speed·slope(w)", "torch.optim.SGD without momentum takes the same step."),
    "momentum": (
        f"v ← {_M}·v − speed·slope(w); w ← w + v (v starts at 0)",
        f"torch.optim.SGD(momentum={_M}) keeps b ← {_M}·b + slope and steps w ← w − lr·b. The same path at a steady "
        "speed; when a schedule changes the speed, torch rescales all the remembered motion, foggyhill only the new "
        "push.",
    ),
    "nesterov": (
        f"v ← {_M}·v − speed·slope(w + {_M}·v); w ← w + v",
        f"SGD(momentum={_M}, nesterov=True) stores the look-ahead point w + {_M}·v as its weights and feels the "
        f"slope there: b ← {_M}·b + slope, then steps by lr·(slope + {_M}·b). At a steady speed its weights are "
        "this ball's look-ahead points; like momentum, it rescales b when the speed changes.",
    ),
    "adagrad": (
        f"s ← s + slope²; w ← w − speed·slope / (√s + {_E})",
        f"torch.optim.Adagrad takes the same step, with {_versus('eps', EPSILON, TORCH_ADAGRAD_EPS)}.",
    ),
    "rmsprop": (
        f"a ← {_D}·a + {shown(1 - RMS_DECAY)}·slope²; w ← w − speed·slope / (√a + {_E})",
        f"torch.optim.RMSprop takes the same step, with {_versus('decay alpha', RMS_DECAY, TORCH_RMSPROP_ALPHA)} "
        f"(it remembers slopes about {round(1 / (1 - TORCH_RMSPROP_ALPHA))} steps back, not "
        f"{round(1 / (1 - RMS_DECAY))}) and {_versus('eps', EPSILON, TORCH_RMSPROP_EPS)}.",
    ),
    "adam": (
        f"m ← {_B1}·m + {shown(1 - ADAM_BETAS[0])}·slope; u ← {_B2}·u + {shown(1 - ADAM_BETAS[1])}·slope²; "
        f"m′ = m / (1 − {_B1}^(t+1)); u′ = u / (1 − {_B2}^(t+1)); w ← w − speed·m′ / (√u′ + {_E})",
        f"torch.optim.Adam takes the same step, warm-up correction included, with "
        f"{_versus('betas', ADAM_BETAS, TORCH_ADAM_BETAS)} and {_versus('eps', EPSILON, TORCH_ADAM_EPS)}.",
    ),
}

# Titles and descriptions are marked only: shown through Optimizer.said(), in the language asked for.
_NAMED = (
    ("plain", N_("Plain descent"), N_("new = old - speed x slope."), _plain),
    ("momentum", N_("Momentum"), N_("Keeps {share:.0%} of the last move, like a heavy ball."), _momentum),
    ("nesterov", "Nesterov", N_("Momentum that feels the slope one move ahead."), _nesterov),
    ("adagrad", "AdaGrad", N_("Divides each step by the root of all slopes seen so far."), _adagrad),
    ("rmsprop", "RMSProp", N_("Divides each step by a running average of recent slope sizes."), _rmsprop),
    ("adam", "Adam", N_("Momentum plus RMSProp's scaling, with a warm-up correction."), _adam),
)
OPTIMIZERS: dict[str, Optimizer] = {
    name: Optimizer(name, title, description, step, *_RULES[name]) for name, title, description, step in _NAMED
}


def get_optimizer(name: str) -> Optimizer:
    """Look up an update rule by the name a user types."""
    try:
        return OPTIMIZERS[name]
    except KeyError:
        message = say("unknown optimizer {name}: choose one of {names}", name=repr(name), names=", ".join(OPTIMIZERS))
        raise SettingError("optimizer", message) from None
