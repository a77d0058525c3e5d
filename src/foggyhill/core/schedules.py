"""Speed schedules: how the speed changes from step to step, each with its formula and PyTorch's nearest scheduler."""

from __future__ import annotations

import math
from collections.abc import Callable

from ..lang import N_, say
from .errors import SettingError

STEP_EVERY = 25  # step decay: halve the speed every 25 steps
STEP_FACTOR = 0.5
EXP_DECAY = 0.98  # exponential: 2% less speed each step
ROBBINS_MONRO_TAU = 10.0  # speed / (1 + t / tau)

SCHEDULES: dict[str, tuple[str, Callable[[float, int], float]]] = {
    "constant": (N_("The same speed at every step."), lambda speed, t: speed),
    "step": (
        N_("Halve the speed every {every} steps."),
        lambda speed, t: speed * STEP_FACTOR ** (t // STEP_EVERY),
    ),
    "exponential": (
        N_("Multiply the speed by {decay} each step."),
        lambda speed, t: speed * EXP_DECAY**t,
    ),
    "robbins-monro": (
        N_("speed / (1 + t/{tau:g}): shrinks slowly enough to get anywhere, fast enough to calm noise."),
        lambda speed, t: speed / (1.0 + t / ROBBINS_MONRO_TAU),
    ),
}


# How a scheduled speed enters the update rules (core/optimizers.py), in words.
SCHEDULED_SPEED = N_(
    "t counts the steps from 0. With a schedule, speed in each rule is the speed of step t; momentum and Nesterov "
    "use it for the new push only, so the v already gathered keeps its size."
)


def schedule_words(schedule: str) -> str:
    """A schedule's description in the current language, its constants filled in."""
    return say(SCHEDULES[schedule][0], every=STEP_EVERY, decay=EXP_DECAY, tau=ROBBINS_MONRO_TAU)


# Each schedule's speed at step t, and the PyTorch scheduler (stepped once after every step) that gives the same.
SCHEDULE_RULES: dict[str, tuple[str, str]] = {
    "constant": ("speed", "No scheduler: the optimizer's own lr."),
    "step": (
        f"speed × {STEP_FACTOR:g}^⌊t/{STEP_EVERY}⌋",
        f"torch.optim.lr_scheduler.StepLR(step_size={STEP_EVERY}, gamma={STEP_FACTOR:g}); its gamma defaults to 0.1.",
    ),
    "exponential": (
        f"speed × {EXP_DECAY:g}^t",
        f"torch.optim.lr_scheduler.ExponentialLR(gamma={EXP_DECAY:g}); gamma has no default.",
    ),
    "robbins-monro": (
        f"speed / (1 + t/{ROBBINS_MONRO_TAU:g})",
        f"No built-in scheduler: LambdaLR(lr_lambda=lambda t: 1 / (1 + t/{ROBBINS_MONRO_TAU:g})).",
    ),
}


def speed_at(schedule: str, speed: float, t: int) -> float:
    """The speed used for step t (t = 0 is the first step)."""
    try:
        rule = SCHEDULES[schedule][1]
    except KeyError:
        message = say("unknown schedule {name}: choose one of {names}", name=repr(schedule), names=", ".join(SCHEDULES))
        raise SettingError("schedule", message) from None
    value = rule(speed, t)
    assert math.isfinite(value)
    return value
