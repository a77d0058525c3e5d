"""Errors of the network layer: plain words a learner can act on."""

from __future__ import annotations

import math

from ..core.errors import FoggyhillError
from ..core.settings import Field
from ..lang import say


class NNError(FoggyhillError):
    """Something about the data, the network or the training settings is not allowed; the message says what."""


class TrainingDiverged(NNError):
    """The loss became non-finite or exploded during training; `round` is 1-based."""

    def __init__(self, round: int, loss: float) -> None:
        self.round = round
        self.loss = loss
        if math.isfinite(loss):
            message = say(
                "training diverged in round {round}: the loss became too large ({loss:.3g}) — try a smaller speed",
                round=round,
                loss=loss,
            )
        else:
            message = say(
                "training diverged in round {round}: the loss became infinite or not a number — try a smaller speed",
                round=round,
            )
        super().__init__(message)


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
