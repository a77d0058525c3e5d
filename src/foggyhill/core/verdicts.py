"""The verdict on a run, in plain words: settled, stuck in a local dip, crawling, swinging, or flew off.

A verdict given before a run has played out must be true by the theory, not only by the steps seen so far. A run that
swings back and forth is judged in swings.py; what a verdict is (its kinds, the records) lives in verdict_kinds.py.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from ..lang import _, say
from .landscapes import Extremum, Landscape
from .swings import judge_swing, swing_began, swung_across
from .verdict_kinds import (
    ESCAPE,
    HEADLINES,
    TOLERANCE,
    VERDICT_KINDS,
    Facts,
    Stepping,
    Verdict,
    settle_step,
    tail_length,
)

__all__ = [
    "ESCAPE",
    "HEADLINES",
    "TOLERANCE",
    "VERDICT_KINDS",
    "Facts",
    "Stepping",
    "Verdict",
    "judge",
    "settle_step",
    "swing_began",
    "swung_across",
    "tail_length",
]


def judge(
    landscape: Landscape,
    ws: NDArray[np.float64],
    diverged_at: int | None = None,
    tolerance: float = TOLERANCE,
    stepping: Stepping | None = None,
) -> Verdict:
    """Decide the verdict for the trajectory `ws` (w at steps 0..N, all finite)."""
    how = stepping or Stepping()
    verdict = _judge(landscape, ws, diverged_at, tolerance, how)
    if how.first and how.speed is not None:
        carried = say("It carried on from step {first} at speed {speed:g}. ", first=how.first, speed=how.speed)
        return replace(verdict, explanation=carried + verdict.explanation)
    return verdict


def _judge(
    landscape: Landscape, ws: NDArray[np.float64], diverged_at: int | None, tolerance: float, how: Stepping
) -> Verdict:
    n = len(ws) - 1
    if diverged_at is not None:
        return _flew_off(landscape, ws, diverged_at, how)
    for minimum in landscape.minima:
        k = settle_step(ws, minimum.w, tolerance)
        if k is not None and k < n:  # one step near the bottom is a visit; settling is staying for the next one too
            return _settled(landscape, minimum, k + how.first)
    if n < 2:
        return _crawling(landscape, ws, how)
    moves = np.diff(ws)[-tail_length(n) :]
    if np.all(moves > 0) or np.all(moves < 0) or np.all(np.abs(moves) < 1e-12):
        return _crawling(landscape, ws, how)
    return judge_swing(landscape, ws, moves, tolerance, how)


def _flew_off(landscape: Landscape, ws: NDArray[np.float64], at: int, how: Stepping) -> Verdict:
    """Where and, as far as the steps show, why the ball left the chart."""
    step = how.first + at
    moves = np.diff(ws[-3:])
    if moves.size == 2 and abs(moves[1]) > abs(moves[0]) and np.sign(moves[1]) != np.sign(moves[0]):
        why = _("each step overshot the bottom by more than the last, so try a smaller speed")
    elif moves.size == 2 and abs(moves[1]) > abs(moves[0]):
        why = _("its steps grew longer and longer until one threw it off the chart, so try a smaller speed")
    else:
        with np.errstate(all="ignore"):
            slope = float(landscape.slope(ws[-1]))
        where = _("at the start") if step - 1 == how.first else say("at step {step}", step=step - 1)
        why = say(
            "the slope {where}, {slope:.3g}, was so steep that one step threw it off the chart: start nearer a dip "
            "or try a smaller speed",
            where=where,
            slope=slope,
        )
    explanation = say("At step {step} the ball flew off the curve: {why}.", step=step, why=why)
    return Verdict("diverged", step, explanation, facts=(("w", float(ws[-1])),))


def _settled(landscape: Landscape, minimum: Extremum, step: int) -> Verdict:
    facts = (("dip", minimum.w),)
    if minimum.is_global:
        return Verdict(
            "converged-global",
            step,
            say(
                "By step {step} it settled at the lowest point, w = {w:.3f}, and stayed there.", step=step, w=minimum.w
            ),
            facts=facts,
        )
    best = landscape.global_minimum
    where = say(" while the lowest point is at w = {w:.3f}", w=best.w) if best else ""
    explanation = say(
        "By step {step} it settled in a shallow dip at w = {w:.3f}{where}, and the slope there is too flat to climb "
        "out.",
        step=step,
        w=minimum.w,
        where=where,
    )
    return Verdict("stuck-local", step, explanation, facts=facts)


def _crawling(landscape: Landscape, ws: NDArray[np.float64], how: Stepping) -> Verdict:
    n = len(ws) - 1
    w = float(ws[-1])
    if n == 0:
        explanation = say("No steps yet: the ball rests at its start, w = {w:.3f}.", w=w)
        return Verdict("crawling", how.first, explanation, _("Not moved yet"))
    heading = float(np.sign(ws[-1] - ws[-2]))
    ahead = [m for m in landscape.minima if heading == 0 or np.sign(m.w - w) == heading]
    target = min(ahead or landscape.minima, key=lambda m: abs(m.w - w), default=None)
    count = how.first + n
    if target is None:
        explanation = say("After {n} steps it is still moving and there is no dip in sight.", n=count)
        return Verdict("crawling", count, explanation, _("Still crawling"))
    if heading == 0:
        explanation = say(
            "After {n} steps it is resting at w = {w:.3f}, where the ground is flat, short of the dip at w = "
            "{dip:.3f}: more steps or a bigger speed would get it there.",
            n=count,
            w=w,
            dip=target.w,
        )
    else:
        explanation = say(
            "After {n} steps it is still creeping toward the dip at w = {dip:.3f}, {away:.3g} away: more steps or a "
            "bigger speed would get it there.",
            n=count,
            dip=target.w,
            away=abs(target.w - w),
        )
    return Verdict("crawling", count, explanation, _("Still crawling"), (("dip", target.w),))
