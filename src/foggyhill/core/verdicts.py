"""The verdict on a run, in plain words: settled, stuck in a local dip, crawling, swinging, or flew off."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .landscapes import Extremum, Landscape

TOLERANCE = 1e-3  # "settled" means within this distance of a minimum, and staying there
ESCAPE = 1e6  # |w| beyond this means the ball flew off

HEADLINES: dict[str, str] = {
    "converged-global": "Settled at the lowest point",
    "stuck-local": "Stuck in a shallow dip",
    "crawling": "Still crawling",
    "oscillating": "Overshooting: it swings and never settles",
    "diverged": "Flew off: the steps grew without bound",
}
VERDICT_KINDS: tuple[str, ...] = tuple(HEADLINES)


@dataclass(frozen=True)
class Verdict:
    """What became of a run: one of VERDICT_KINDS, the step it was decided at, and why."""

    kind: str
    step: int
    explanation: str

    @property
    def headline(self) -> str:
        """The verdict as a learner reads it on the page."""
        return HEADLINES[self.kind]

    def to_dict(self) -> dict[str, object]:
        """The verdict as JSON-ready data."""
        return {"kind": self.kind, "step": self.step, "headline": self.headline, "explanation": self.explanation}


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


def judge(
    landscape: Landscape, ws: NDArray[np.float64], diverged_at: int | None = None, tolerance: float = TOLERANCE
) -> Verdict:
    """Decide the verdict for the trajectory `ws` (w at steps 0..N, all finite)."""
    n = len(ws) - 1
    if diverged_at is not None:
        return Verdict(
            "diverged",
            diverged_at,
            f"At step {diverged_at} the ball flew off the curve: each step overshot the bottom by more than "
            "the last, so try a smaller speed.",
        )
    for minimum in landscape.minima:
        k = settle_step(ws, minimum.w, tolerance)
        if k is not None:
            return _settled(landscape, minimum, k)
    if n < 2:
        return _crawling(landscape, ws, swinging=False)
    moves = np.diff(ws)[-tail_length(n) :]
    if np.all(moves > 0) or np.all(moves < 0) or np.all(np.abs(moves) < 1e-12):
        return _crawling(landscape, ws, swinging=False)
    tail = ws[-(len(moves) + 1) :]
    half = len(tail) // 2
    early, late = np.ptp(tail[: half + 1]), np.ptp(tail[half:])
    if late < 0.5 * early:
        return _crawling(landscape, ws, swinging=True)
    lo, hi = float(tail.min()), float(tail.max())
    margin = 0.25 * (hi - lo) + tolerance
    outside = np.flatnonzero((ws < lo - margin) | (ws > hi + margin))
    began = int(outside[-1]) + 1 if outside.size else 0
    return Verdict(
        "oscillating",
        began,
        f"From step {began} it swings between w = {lo:.3f} and w = {hi:.3f} and never settles: every step "
        "jumps over the bottom, so a smaller speed would calm it.",
    )


def _settled(landscape: Landscape, minimum: Extremum, step: int) -> Verdict:
    if minimum.is_global:
        return Verdict(
            "converged-global",
            step,
            f"By step {step} it settled at the lowest point, w = {minimum.w:.3f}, and stayed there.",
        )
    best = landscape.global_minimum
    where = f" while the lowest point is at w = {best.w:.3f}" if best else ""
    return Verdict(
        "stuck-local",
        step,
        f"By step {step} it settled in a shallow dip at w = {minimum.w:.3f}{where}, and the slope there is too "
        "flat to climb out.",
    )


def _crawling(landscape: Landscape, ws: NDArray[np.float64], swinging: bool) -> Verdict:
    n = len(ws) - 1
    w = float(ws[-1])
    heading = float(np.sign(ws[-1] - ws[-2])) if n >= 1 else 0.0
    ahead = [m for m in landscape.minima if heading == 0 or np.sign(m.w - w) == heading]
    target = min(ahead or landscape.minima, key=lambda m: abs(m.w - w), default=None)
    if target is None:
        return Verdict("crawling", n, f"After {n} steps it is still moving and there is no dip in sight.")
    if swinging:
        how = f"still swinging in toward the dip at w = {target.w:.3f}, each swing smaller than the last"
    elif heading == 0:
        how = f"resting at w = {w:.3f}, where the ground is flat, short of the dip at w = {target.w:.3f}"
    else:
        how = f"still creeping toward the dip at w = {target.w:.3f}, {abs(target.w - w):.3g} away"
    return Verdict("crawling", n, f"After {n} steps it is {how}: more steps or a bigger speed would get it there.")
