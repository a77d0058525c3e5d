"""The verdict on a run that swings back and forth: by the theory where a dip's speed limit applies, by the
measured swings where it does not, and jittering where the slopes are noisy.

For plain descent (and momentum, Nesterov) at a constant speed, a swing across a dip settles exactly when the speed is
below that dip's limit (2/curvature for plain descent), so a slowly shrinking swing below it is told "it will settle",
and "never settles" is said only above the limit or when the swings measurably stop shrinking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..lang import _, say
from .landscapes import Extremum, Landscape
from .schedules import SCHEDULES, speed_at
from .stability import (
    MIN_WINDOW,
    RULE_INDEX,
    limit_words,
    shrink_factor,
    speed_limit,
    steps_to_settle,
    swing_period,
    swung_dip,
)
from .verdict_kinds import Facts, Stepping, Verdict


@dataclass(frozen=True)
class _Tail:
    """The last quarter of a run, split in two halves: their ranges tell a growing swing from a shrinking one."""

    ws: NDArray[np.float64]
    early: float
    late: float

    @property
    def low(self) -> float:
        return float(self.ws.min())

    @property
    def high(self) -> float:
        return float(self.ws.max())

    @property
    def window(self) -> int:
        """Steps in each half."""
        return len(self.ws) // 2

    @property
    def shrinking(self) -> bool:
        return self.late < self.early


def swung_across(landscape: Landscape, low: float, high: float) -> Extremum | None:
    """The dip a swing between `low` and `high` is about (None when it spans a hilltop, or no dip is near)."""
    minima = np.array([m.w for m in landscape.minima], dtype=np.float64)
    maxima = np.array([m.w for m in landscape.maxima], dtype=np.float64)
    j = swung_dip(low, high, minima, maxima)
    return landscape.minima[j] if j >= 0 else None


def judge_swing(
    landscape: Landscape, ws: NDArray[np.float64], moves: NDArray[np.float64], tolerance: float, how: Stepping
) -> Verdict:
    """The verdict for a run whose last `moves` go both ways: swinging across a dip, or jittering around one."""
    tail_ws = ws[-(len(moves) + 1) :]
    half = len(tail_ws) // 2
    tail = _Tail(tail_ws, float(np.ptp(tail_ws[: half + 1])), float(np.ptp(tail_ws[half:])))
    dip = swung_across(landscape, tail.low, tail.high)
    if how.noise > 0:
        return _jittering(landscape, ws, tail, dip, tolerance, how)
    limit = speed_limit(how.optimizer, dip) if how.speed is not None and dip is not None else None
    if dip is not None and limit is not None:
        return _swing_by_theory(ws, tail, dip, limit, tolerance, how)
    if tail.shrinking:
        return _swinging_in(ws, tail, dip, how)
    if tail.window < MIN_WINDOW or how.optimizer != "plain":
        return _too_soon(ws, tail, dip, how)
    return _never_settles(ws, tail, dip, tolerance, how, _("its swings have stopped shrinking"))


def _swing_by_theory(
    ws: NDArray[np.float64], tail: _Tail, dip: Extremum, limit: float, tolerance: float, how: Stepping
) -> Verdict:
    """A swing across a dip, judged by the dip's speed limit `limit` for this update rule."""
    assert how.speed is not None
    n = len(ws) - 1
    speed = speed_at(how.schedule, how.speed, n - 1)
    facts: Facts = (("dip", dip.w), ("curvature", dip.curvature), ("limit", limit), ("speed", speed))
    if speed >= limit and how.steady:
        words = limit_words(how.optimizer)
        why = say(
            "the speed {speed:g} is above this dip's limit {words} = {limit:.3f}", speed=speed, words=words, limit=limit
        )
        headline = _("Overshooting: it can never settle in this dip")
        return _never_settles(ws, tail, dip, tolerance, how, why, facts, _("cannot settle there"), headline)
    if speed >= limit:
        return _calmed_by_schedule(ws, dip, limit, how, facts)
    if tail.shrinking and how.optimizer == "plain":
        return _will_settle(ws, dip, limit, speed, tolerance, how, facts)
    if tail.shrinking:  # momentum's wide swings are not the bottom's business: measured, with no promise
        return _swinging_in(ws, tail, dip, how)
    if how.optimizer != "plain" or tail.window < 2 * swing_period(RULE_INDEX[how.optimizer], speed, dip.curvature):
        return _too_soon(ws, tail, dip, how)
    why = say(
        "its swings stopped shrinking; the speed {speed:g} is below this dip's limit {limit:.3f}, but that "
        "holds only close to the bottom and this swing is wider",
        speed=speed,
        limit=limit,
    )
    return _never_settles(ws, tail, dip, tolerance, how, why, facts)


def _will_settle(
    ws: NDArray[np.float64], dip: Extremum, limit: float, speed: float, tolerance: float, how: Stepping, facts: Facts
) -> Verdict:
    """Plain steps below the dip's limit, each swing smaller: it settles, in about the steps the factor says."""
    n = len(ws) - 1
    factor = shrink_factor(how.optimizer, speed, dip.curvature)
    left = steps_to_settle(factor, abs(float(ws[-1]) - dip.w), tolerance)
    explanation = say(
        "After {n} steps it still swings across the dip at w = {dip:.3f}, each swing smaller: the speed {speed:g} "
        "is below this dip's limit 2/curvature = {limit:.3f}, so each step multiplies the distance to the bottom by "
        "{factor:.3f} (|1 − speed × curvature|). About {left:,} more steps settle it.",
        n=how.first + n,
        dip=dip.w,
        speed=speed,
        limit=limit,
        factor=factor,
        left=left,
    )
    facts += (("factor", factor), ("steps_left", float(left)))
    headline = _("Swinging in: each swing smaller, it will settle")
    return Verdict("crawling", how.first + n, explanation, headline, facts)


def _calmed_by_schedule(ws: NDArray[np.float64], dip: Extremum, limit: float, how: Stepping, facts: Facts) -> Verdict:
    """Swinging above a dip's limit while a schedule shrinks the speed: it settles once the speed is below it."""
    assert how.speed is not None
    n = len(ws) - 1
    later = np.arange(n, n + 1_000_000)
    below = np.flatnonzero(_speeds(how, later) < limit)
    when = say("at step {step}", step=how.first + int(later[below[0]]) + 1) if below.size else _("later")
    explanation = say(
        "After {n} steps it still swings across the dip at w = {dip:.3f}: the speed is above this dip's limit "
        "{limit:.3f} for now, but the {schedule} schedule shrinks it below that {when}, and from then on each swing "
        "is smaller than the last.",
        n=how.first + n,
        dip=dip.w,
        limit=limit,
        schedule=how.schedule,
        when=when,
    )
    return Verdict("crawling", how.first + n, explanation, _("Swinging, until the shrinking speed calms it"), facts)


def _speeds(how: Stepping, ts: NDArray[np.int64]) -> NDArray[np.float64]:
    """The speed of each step in `ts` under the run's schedule (the schedules' rules work on arrays too)."""
    assert how.speed is not None
    rule: Any = SCHEDULES[how.schedule][1]  # typed for one step t, written so it takes an array of them too
    return np.asarray(rule(how.speed, ts), dtype=np.float64)


def _swinging_in(ws: NDArray[np.float64], tail: _Tail, dip: Extremum | None, how: Stepping) -> Verdict:
    """Measured only (no fixed limit for this rule): the swings shrink, so far."""
    n = len(ws) - 1
    explanation = say(
        "After {n} steps it still swings {across}, each swing smaller than the last so far: more steps would show "
        "whether it settles.",
        n=how.first + n,
        across=_across(tail, dip),
    )
    facts = (("dip", dip.w),) if dip else ()
    return Verdict("crawling", how.first + n, explanation, _("Swinging in: each swing smaller"), facts)


def _across(tail: _Tail, dip: Extremum | None) -> str:
    """Where a swing goes: across a dip, or between the two ends of its range."""
    if dip:
        return say("across the dip at w = {w:.3f}", w=dip.w)
    return say("between w = {low:.3f} and w = {high:.3f}", low=tail.low, high=tail.high)


def _too_soon(ws: NDArray[np.float64], tail: _Tail, dip: Extremum | None, how: Stepping) -> Verdict:
    """Measured only, over too few steps to say whether the swings stopped shrinking."""
    n = len(ws) - 1
    if how.optimizer == "plain":
        why = _("too few steps yet to tell whether the swings shrink")
    else:  # momentum can sway without shrinking for a while and still settle: measure alone cannot say never
        why = say(
            "its swings have not shrunk over the last {steps} steps, which {optimizer} can do and settle",
            steps=2 * tail.window,
            optimizer=how.optimizer,
        )
    explanation = say(
        "After {n} steps it still swings {across}: {why}. More steps would show whether it settles.",
        n=how.first + n,
        across=_across(tail, dip),
        why=why,
    )
    facts: Facts = (("dip", dip.w),) if dip else ()
    return Verdict("crawling", how.first + n, explanation, _("Still swinging: too soon to tell"), facts)


def _never_settles(
    ws: NDArray[np.float64],
    tail: _Tail,
    dip: Extremum | None,
    tolerance: float,
    how: Stepping,
    why: str,
    facts: Facts = (),
    outcome: str = "",
    headline: str = "",
) -> Verdict:
    """A swing that goes on for good: from the step it began, within the range it keeps to."""
    began = swing_began(ws, tail.low, tail.high, tolerance)
    lo, hi = float(ws[began:].min()), float(ws[began:].max())
    across = say(" across the dip at w = {w:.3f}", w=dip.w) if dip else ""
    lately = ""
    if max(tail.low - lo, hi - tail.high) > 0.01 * (hi - lo):  # the range it keeps to by the end is narrower
        lately = say(" (lately {low:.3f} to {high:.3f})", low=tail.low, high=tail.high)
    explanation = say(
        "From step {step} on it swings between w = {low:.3f} and {high:.3f}{lately}{across} and {outcome}: {why}.",
        step=how.first + began,
        low=lo,
        high=hi,
        lately=lately,
        across=across,
        outcome=outcome or _("never settles"),
        why=why,
    )
    facts += (("low", lo), ("high", hi))
    headline = headline or _("Overshooting: it swings and never settles")
    return Verdict("oscillating", how.first + began, explanation, headline, facts)


def swing_began(ws: NDArray[np.float64], low: float, high: float, tolerance: float) -> int:
    """The step after the last one outside the tail's range (with a margin): where the lasting swing began."""
    margin = 0.25 * (high - low) + tolerance
    outside = np.flatnonzero((ws < low - margin) | (ws > high + margin))
    return int(outside[-1]) + 1 if outside.size else 0


def _jittering(
    landscape: Landscape,
    ws: NDArray[np.float64],
    tail: _Tail,
    dip: Extremum | None,
    tolerance: float,
    how: Stepping,
) -> Verdict:
    """Noisy slopes: the ball jitters around a bottom; a shrinking speed calms it, a constant one never does."""
    near = dip or landscape.nearest_minimum(float(tail.ws.mean()))
    where = _("a bump")
    if near is not None and near.is_global:
        where = say("the lowest point at w = {w:.3f}", w=near.w)
    elif near is not None:
        where = say("a shallow dip at w = {w:.3f}", w=near.w)
    noisy = say("each slope it feels is noisy (noise {noise:g}), so every step lands a little off", noise=how.noise)
    facts: Facts = (("noise", how.noise),) + ((("dip", near.w),) if near else ())
    if how.schedule == "constant":
        began = swing_began(ws, tail.low, tail.high, tolerance)
        lo, hi = float(ws[began:].min()), float(ws[began:].max())
        explanation = say(
            "From step {step} on it jitters between w = {low:.3f} and w = {high:.3f} around {where}: {noisy}. A "
            "speed that shrinks over time (a schedule such as robbins-monro) calms it.",
            step=how.first + began,
            low=lo,
            high=hi,
            where=where,
            noisy=noisy,
        )
        headline = _("Jittering: the noise never lets it settle")
        return Verdict("oscillating", how.first + began, explanation, headline, facts + (("low", lo), ("high", hi)))
    return _jitter_calming(ws, tail, near, where, noisy, how, facts)


def _jitter_calming(
    ws: NDArray[np.float64],
    tail: _Tail,
    near: Extremum | None,
    where: str,
    noisy: str,
    how: Stepping,
    facts: Facts,
) -> Verdict:
    """Noisy steps under a shrinking speed: the steps shrink; how far it strays from the bottom, as measured."""
    assert how.speed is not None
    n = len(ws) - 1
    now = speed_at(how.schedule, how.speed, n - 1)
    moves = np.abs(np.diff(ws))
    quarter = max(1, len(moves) // 4)
    first, last = float(moves[:quarter].mean()), float(moves[-quarter:].mean())
    centre = near.w if near is not None else float(tail.ws.mean())
    half = len(tail.ws) // 2
    before, lately = (float(np.abs(part - centre).max()) for part in (tail.ws[: half + 1], tail.ws[half:]))
    if lately < 0.8 * before:
        effect = say(
            "it strays less from the bottom too, ±{lately:.2g} lately against ±{before:.2g} before",
            lately=lately,
            before=before,
        )
    else:
        effect = say(
            "it still strays ±{lately:.2g} from the bottom: a smaller step also pulls it back more slowly",
            lately=lately,
        )
    explanation = say(
        "After {n} steps it still jitters around {where}: {noisy}. The {schedule} schedule has shrunk the speed "
        "from {speed:g} to {now:.3g}, so its steps shrank from about {first:.2g} to {last:.2g}; {effect}.",
        n=how.first + n,
        where=where,
        noisy=noisy,
        schedule=how.schedule,
        speed=how.speed,
        now=now,
        first=first,
        last=last,
        effect=effect,
    )
    facts += (("speed", now), ("step_first", first), ("step_last", last), ("stray", lately))
    return Verdict("crawling", how.first + n, explanation, _("Jittering, with ever smaller steps"), facts)
