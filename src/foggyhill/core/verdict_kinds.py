"""What a verdict is: its kinds and their headlines, the Verdict and Stepping records, and when a run counts as
settled."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..lang import N_, _

Facts = tuple[tuple[str, float], ...]  # the numbers a verdict's words were made from, by name
TOLERANCE = 1e-3  # "settled" means within this distance of a minimum, and staying there
ESCAPE = 1e6  # |w| beyond this means the ball flew off

# The verdict kinds and their words on a map legend; a single run's own headline can say more (Verdict.headline).
# Marked only: the language is chosen per request, so the words are translated where shown, `_(HEADLINES[kind])`.
HEADLINES: dict[str, str] = {
    "converged-global": N_("Settled at the lowest point"),
    "stuck-local": N_("Stuck in a shallow dip"),
    "crawling": N_("Not there yet: still crawling or swinging in"),
    "oscillating": N_("Never settles: it swings forever"),
    "diverged": N_("Flew off: the steps grew without bound"),
}
VERDICT_KINDS: tuple[str, ...] = tuple(HEADLINES)


@dataclass(frozen=True)
class Stepping:
    """How a run's steps were made, as far as the verdict needs it (speed None: judge by the steps alone)."""

    speed: float | None = None
    optimizer: str = "plain"
    schedule: str = "constant"
    noise: float = 0.0
    first: int = 0  # the number of the first step: a run that carries on from step `first` of another

    @property
    def steady(self) -> bool:
        """Constant speed and exact slopes: the stability theory applies."""
        return self.speed is not None and self.schedule == "constant" and self.noise == 0


@dataclass(frozen=True)
class Verdict:
    """What became of a run: one of VERDICT_KINDS, the step it was decided at, its headline, why, and its numbers."""

    kind: str
    step: int
    explanation: str
    headline: str = ""
    facts: Facts = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not self.headline:
            object.__setattr__(self, "headline", _(HEADLINES[self.kind]))

    def to_dict(self) -> dict[str, object]:
        """The verdict as JSON-ready data: the words and the numbers they were made from."""
        return {
            "kind": self.kind,
            "step": self.step,
            "headline": self.headline,
            "explanation": self.explanation,
            "facts": dict(self.facts),
        }


def settle_step(ws: NDArray[np.float64], target: float, tolerance: float = TOLERANCE) -> int | None:
    """The first step from which every later w stays within `tolerance` of `target` (None if it never does)."""
    far = np.flatnonzero(np.abs(ws - target) > tolerance)
    if far.size == 0:
        return 0
    last_far = int(far[-1])
    return None if last_far == len(ws) - 1 else last_far + 1


def tail_length(steps: int) -> int:
    """How many of the last moves are read to tell crawling from swinging."""
    return max(2, steps // 4)
