"""Speed schedules: how the speed changes from step to step."""

from __future__ import annotations

import math
from collections.abc import Callable

from .errors import SettingError

STEP_EVERY = 25  # step decay: halve the speed every 25 steps
STEP_FACTOR = 0.5
EXP_DECAY = 0.98  # exponential: 2% less speed each step
ROBBINS_MONRO_TAU = 10.0  # speed / (1 + t / tau)

SCHEDULES: dict[str, tuple[str, Callable[[float, int], float]]] = {
    "constant": ("The same speed at every step.", lambda speed, t: speed),
    "step": (
        f"Halve the speed every {STEP_EVERY} steps.",
        lambda speed, t: speed * STEP_FACTOR ** (t // STEP_EVERY),
    ),
    "exponential": (
        f"Multiply the speed by {EXP_DECAY} each step.",
        lambda speed, t: speed * EXP_DECAY**t,
    ),
    "robbins-monro": (
        f"speed / (1 + t/{ROBBINS_MONRO_TAU:g}): shrinks slowly enough to get anywhere, fast enough to calm noise.",
        lambda speed, t: speed / (1.0 + t / ROBBINS_MONRO_TAU),
    ),
}


def speed_at(schedule: str, speed: float, t: int) -> float:
    """The speed used for step t (t = 0 is the first step)."""
    try:
        rule = SCHEDULES[schedule][1]
    except KeyError:
        raise SettingError("schedule", f"unknown schedule {schedule!r}: choose one of {', '.join(SCHEDULES)}") from None
    value = rule(speed, t)
    assert math.isfinite(value)
    return value
