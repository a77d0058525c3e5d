"""The verdict on a run, in plain words: settled, stuck in a local dip, crawling, swinging, or flew off.

A verdict given before a run has played out must be true by the theory, not only by the steps seen so far. For
plain descent (and momentum, Nesterov) at a constant speed, a swing across a dip settles exactly when the speed is
below that dip's limit (2/curvature for plain descent), so a slowly shrinking swing below it is told "it will settle",
and "never settles" is said only above the limit or when the swings measurably stop shrinking.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .landscapes import Extremum, Landscape
from .schedules import SCHEDULES, speed_at
from .stability import (
    LIMIT_WORDS,
    MIN_WINDOW,
    RULE_INDEX,
    shrink_factor,
    speed_limit,
    steps_to_settle,
    swing_period,
    swung_dip,
)

Facts = tuple[tuple[str, float], ...]  # the numbers a verdict's words were made from, by name
TOLERANCE = 1e-3  # "settled" means within this distance of a minimum, and staying there
ESCAPE = 1e6  # |w| beyond this means the ball flew off

# The verdict kinds and their words on a map legend; a single run's own headline can say more (Verdict.headline).
HEADLINES: dict[str, str] = {
    "converged-global": "Settled at the lowest point",
    "stuck-local": "Stuck in a shallow dip",
    "crawling": "Not there yet: still crawling or swinging in",
    "oscillating": "Never settles: it swings forever",
    "diverged": "Flew off: the steps grew without bound",
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
            object.__setattr__(self, "headline", HEADLINES[self.kind])

    def to_dict(self) -> dict[str, object]:
        """The verdict as JSON-ready data: the words and the numbers they were made from."""
        return {
            "kind": self.kind,
            "step": self.step,
            "headline": self.headline,
            "explanation": self.explanation,
            "facts": dict(self.facts),
        }


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


def swung_across(landscape: Landscape, low: float, high: float) -> Extremum | None:
    """The dip a swing between `low` and `high` is about (None when it spans a hilltop, or no dip is near)."""
    minima = np.array([m.w for m in landscape.minima], dtype=np.float64)
    maxima = np.array([m.w for m in landscape.maxima], dtype=np.float64)
    j = swung_dip(low, high, minima, maxima)
    return landscape.minima[j] if j >= 0 else None


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
        carried = f"It carried on from step {how.first} at speed {how.speed:g}. "
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
    return _never_settles(ws, tail, dip, tolerance, how, "its swings have stopped shrinking")


def _swing_by_theory(
    ws: NDArray[np.float64], tail: _Tail, dip: Extremum, limit: float, tolerance: float, how: Stepping
) -> Verdict:
    """A swing across a dip, judged by the dip's speed limit `limit` for this update rule."""
    assert how.speed is not None
    n = len(ws) - 1
    speed = speed_at(how.schedule, how.speed, n - 1)
    facts: Facts = (("dip", dip.w), ("curvature", dip.curvature), ("limit", limit), ("speed", speed))
    if speed >= limit and how.steady:
        why = f"the speed {speed:g} is above this dip's limit {LIMIT_WORDS[how.optimizer]} = {limit:.3f}"
        headline = "Overshooting: it can never settle in this dip"
        return _never_settles(ws, tail, dip, tolerance, how, why, facts, "cannot settle there", headline)
    if speed >= limit:
        return _calmed_by_schedule(ws, dip, limit, how, facts)
    if tail.shrinking and how.optimizer == "plain":
        return _will_settle(ws, dip, limit, speed, tolerance, how, facts)
    if tail.shrinking:  # momentum's wide swings are not the bottom's business: measured, with no promise
        return _swinging_in(ws, tail, dip, how)
    if how.optimizer != "plain" or tail.window < 2 * swing_period(RULE_INDEX[how.optimizer], speed, dip.curvature):
        return _too_soon(ws, tail, dip, how)
    why = (
        f"its swings stopped shrinking; the speed {speed:g} is below this dip's limit {limit:.3f}, but that "
        "holds only close to the bottom and this swing is wider"
    )
    return _never_settles(ws, tail, dip, tolerance, how, why, facts)


def _will_settle(
    ws: NDArray[np.float64], dip: Extremum, limit: float, speed: float, tolerance: float, how: Stepping, facts: Facts
) -> Verdict:
    """Plain steps below the dip's limit, each swing smaller: it settles, in about the steps the factor says."""
    n = len(ws) - 1
    factor = shrink_factor(how.optimizer, speed, dip.curvature)
    left = steps_to_settle(factor, abs(float(ws[-1]) - dip.w), tolerance)
    explanation = (
        f"After {how.first + n} steps it still swings across the dip at w = {dip.w:.3f}, each swing smaller: the "
        f"speed {speed:g} is below this dip's limit 2/curvature = {limit:.3f}, so each step multiplies the distance "
        f"to the bottom by {factor:.3f} (|1 − speed × curvature|). About {left:,} more steps settle it."
    )
    facts += (("factor", factor), ("steps_left", float(left)))
    return Verdict("crawling", how.first + n, explanation, "Swinging in: each swing smaller, it will settle", facts)


def _calmed_by_schedule(ws: NDArray[np.float64], dip: Extremum, limit: float, how: Stepping, facts: Facts) -> Verdict:
    """Swinging above a dip's limit while a schedule shrinks the speed: it settles once the speed is below it."""
    assert how.speed is not None
    n = len(ws) - 1
    later = np.arange(n, n + 1_000_000)
    below = np.flatnonzero(_speeds(how, later) < limit)
    when = f"at step {how.first + int(later[below[0]]) + 1}" if below.size else "later"
    explanation = (
        f"After {how.first + n} steps it still swings across the dip at w = {dip.w:.3f}: the speed is above this "
        f"dip's limit {limit:.3f} for now, but the {how.schedule} schedule shrinks it below that {when}, and from "
        "then on each swing is smaller than the last."
    )
    return Verdict("crawling", how.first + n, explanation, "Swinging, until the shrinking speed calms it", facts)


def _speeds(how: Stepping, ts: NDArray[np.int64]) -> NDArray[np.float64]:
    """The speed of each step in `ts` under the run's schedule (the schedules' rules work on arrays too)."""
    assert how.speed is not None
    rule: Any = SCHEDULES[how.schedule][1]  # typed for one step t, written so it takes an array of them too
    return np.asarray(rule(how.speed, ts), dtype=np.float64)


def _swinging_in(ws: NDArray[np.float64], tail: _Tail, dip: Extremum | None, how: Stepping) -> Verdict:
    """Measured only (no fixed limit for this rule): the swings shrink, so far."""
    n = len(ws) - 1
    across = f"across the dip at w = {dip.w:.3f}" if dip else f"between w = {tail.low:.3f} and w = {tail.high:.3f}"
    explanation = (
        f"After {how.first + n} steps it still swings {across}, each swing smaller than the last so far: more steps "
        "would show whether it settles."
    )
    facts = (("dip", dip.w),) if dip else ()
    return Verdict("crawling", how.first + n, explanation, "Swinging in: each swing smaller", facts)


def _too_soon(ws: NDArray[np.float64], tail: _Tail, dip: Extremum | None, how: Stepping) -> Verdict:
    """Measured only, over too few steps to say whether the swings stopped shrinking."""
    n = len(ws) - 1
    across = f"across the dip at w = {dip.w:.3f}" if dip else f"between w = {tail.low:.3f} and w = {tail.high:.3f}"
    if how.optimizer == "plain":
        why = "too few steps yet to tell whether the swings shrink"
    else:  # momentum can sway without shrinking for a while and still settle: measure alone cannot say never
        why = (
            f"its swings have not shrunk over the last {2 * tail.window} steps, which {how.optimizer} can do and settle"
        )
    explanation = (
        f"After {how.first + n} steps it still swings {across}: {why}. More steps would show whether it settles."
    )
    facts: Facts = (("dip", dip.w),) if dip else ()
    return Verdict("crawling", how.first + n, explanation, "Still swinging: too soon to tell", facts)


def _never_settles(
    ws: NDArray[np.float64],
    tail: _Tail,
    dip: Extremum | None,
    tolerance: float,
    how: Stepping,
    why: str,
    facts: Facts = (),
    outcome: str = "never settles",
    headline: str = "Overshooting: it swings and never settles",
) -> Verdict:
    """A swing that goes on for good: from the step it began, within the range it keeps to."""
    began = swing_began(ws, tail.low, tail.high, tolerance)
    lo, hi = float(ws[began:].min()), float(ws[began:].max())
    across = f" across the dip at w = {dip.w:.3f}" if dip else ""
    lately = ""
    if max(tail.low - lo, hi - tail.high) > 0.01 * (hi - lo):  # the range it keeps to by the end is narrower
        lately = f" (lately {tail.low:.3f} to {tail.high:.3f})"
    explanation = (
        f"From step {how.first + began} on it swings between w = {lo:.3f} and {hi:.3f}{lately}{across} and "
        f"{outcome}: {why}."
    )
    facts += (("low", lo), ("high", hi))
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
    where = "a bump"
    if near is not None:
        where = f"{'the lowest point' if near.is_global else 'a shallow dip'} at w = {near.w:.3f}"
    noisy = f"each slope it feels is noisy (noise {how.noise:g}), so every step lands a little off"
    facts: Facts = (("noise", how.noise),) + ((("dip", near.w),) if near else ())
    if how.schedule == "constant":
        began = swing_began(ws, tail.low, tail.high, tolerance)
        lo, hi = float(ws[began:].min()), float(ws[began:].max())
        explanation = (
            f"From step {how.first + began} on it jitters between w = {lo:.3f} and w = {hi:.3f} around {where}: "
            f"{noisy}. A speed that shrinks over time (a schedule such as robbins-monro) calms it."
        )
        headline = "Jittering: the noise never lets it settle"
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
        effect = f"it strays less from the bottom too, ±{lately:.2g} lately against ±{before:.2g} before"
    else:
        effect = f"it still strays ±{lately:.2g} from the bottom: a smaller step also pulls it back more slowly"
    explanation = (
        f"After {how.first + n} steps it still jitters around {where}: {noisy}. The {how.schedule} schedule has "
        f"shrunk the speed from {how.speed:g} to {now:.3g}, so its steps shrank from about {first:.2g} to "
        f"{last:.2g}; {effect}."
    )
    facts += (("speed", now), ("step_first", first), ("step_last", last), ("stray", lately))
    return Verdict("crawling", how.first + n, explanation, "Jittering, with ever smaller steps", facts)


def _flew_off(landscape: Landscape, ws: NDArray[np.float64], at: int, how: Stepping) -> Verdict:
    """Where and, as far as the steps show, why the ball left the chart."""
    step = how.first + at
    moves = np.diff(ws[-3:])
    if moves.size == 2 and abs(moves[1]) > abs(moves[0]) and np.sign(moves[1]) != np.sign(moves[0]):
        why = "each step overshot the bottom by more than the last, so try a smaller speed"
    elif moves.size == 2 and abs(moves[1]) > abs(moves[0]):
        why = "its steps grew longer and longer until one threw it off the chart, so try a smaller speed"
    else:
        with np.errstate(all="ignore"):
            slope = float(landscape.slope(ws[-1]))
        where = "at the start" if step - 1 == how.first else f"at step {step - 1}"
        why = (
            f"the slope {where}, {slope:.3g}, was so steep that one step threw it off the chart: start nearer a dip "
            "or try a smaller speed"
        )
    return Verdict(
        "diverged", step, f"At step {step} the ball flew off the curve: {why}.", facts=(("w", float(ws[-1])),)
    )


def _settled(landscape: Landscape, minimum: Extremum, step: int) -> Verdict:
    facts = (("dip", minimum.w),)
    if minimum.is_global:
        return Verdict(
            "converged-global",
            step,
            f"By step {step} it settled at the lowest point, w = {minimum.w:.3f}, and stayed there.",
            facts=facts,
        )
    best = landscape.global_minimum
    where = f" while the lowest point is at w = {best.w:.3f}" if best else ""
    return Verdict(
        "stuck-local",
        step,
        f"By step {step} it settled in a shallow dip at w = {minimum.w:.3f}{where}, and the slope there is too "
        "flat to climb out.",
        facts=facts,
    )


def _crawling(landscape: Landscape, ws: NDArray[np.float64], how: Stepping) -> Verdict:
    n = len(ws) - 1
    w = float(ws[-1])
    if n == 0:
        return Verdict(
            "crawling", how.first, f"No steps yet: the ball rests at its start, w = {w:.3f}.", "Not moved yet"
        )
    heading = float(np.sign(ws[-1] - ws[-2]))
    ahead = [m for m in landscape.minima if heading == 0 or np.sign(m.w - w) == heading]
    target = min(ahead or landscape.minima, key=lambda m: abs(m.w - w), default=None)
    count = how.first + n
    if target is None:
        return Verdict(
            "crawling", count, f"After {count} steps it is still moving and there is no dip in sight.", "Still crawling"
        )
    if heading == 0:
        how_far = f"resting at w = {w:.3f}, where the ground is flat, short of the dip at w = {target.w:.3f}"
    else:
        how_far = f"still creeping toward the dip at w = {target.w:.3f}, {abs(target.w - w):.3g} away"
    explanation = f"After {count} steps it is {how_far}: more steps or a bigger speed would get it there."
    return Verdict("crawling", count, explanation, "Still crawling", (("dip", target.w),))
