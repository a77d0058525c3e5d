"""Errors of the network layer: plain words a learner can act on."""

from __future__ import annotations

import math

from ..core.errors import FoggyhillError
from ..core.settings import Field


class NNError(FoggyhillError):
    """Something about the data, the network or the training settings is not allowed; the message says what."""


class TrainingDiverged(NNError):
    """The loss became non-finite or exploded during training; `round` is 1-based."""

    def __init__(self, round: int, loss: float) -> None:
        self.round = round
        self.loss = loss
        what = "too large" if math.isfinite(loss) else "infinite or not a number"
        shown = f" ({loss:.3g})" if math.isfinite(loss) else ""
        super().__init__(f"training diverged in round {round}: the loss became {what}{shown} — try a smaller speed")


def allows(spec: Field, value: object) -> bool:
    """Whether `spec` allows `value` as a Python caller passes it: no text to parse, no yes/no for a number, and a
    whole number for an int field (3.0 is refused)."""
    if spec.kind == "choice":
        return isinstance(value, str) and value in spec.choices
    kinds = int if spec.kind == "int" else int | float
    return not isinstance(value, bool) and isinstance(value, kinds) and bool(spec.within(value))


def check_setting(spec: Field, value: object) -> None:
    """Raise NNError, in core.Field's words (the name, what is allowed, the value), unless `spec` allows `value`."""
    if not allows(spec, value):
        raise NNError(spec.refused(value).message)
