"""The update rules' and speed schedules' conventions as data: one step in formulas, and how PyTorch differs.

The race page (through /api/schema), `foggyhill descend --help` and docs/optimizers.md all tell these words, so the
numbers they show are the ones the engine runs.
"""

from __future__ import annotations

from typing import Any

from ..lang import _
from .optimizers import OPTIMIZERS
from .schedules import SCHEDULE_RULES, SCHEDULED_SPEED, schedule_words


def conventions() -> dict[str, Any]:
    """Every update rule and schedule with its formula and its PyTorch counterpart, ready for JSON."""
    return {
        "optimizers": {
            name: dict(zip(("title", "description"), o.said(), strict=True), rule=o.rule, torch=o.torch)
            for name, o in OPTIMIZERS.items()
        },
        "schedules": {
            name: {"description": schedule_words(name), "rule": rule, "torch": torch}
            for name, (rule, torch) in SCHEDULE_RULES.items()
        },
        "scheduled_speed": _(SCHEDULED_SPEED),
    }
