"""Errors of the network layer: plain words a learner can act on."""

from __future__ import annotations

import math

from ..core.errors import FoggyhillError


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
