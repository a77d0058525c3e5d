"""The verdict on a run across a surface, in plain words, as core.verdicts.Verdict data.

Every verdict is true at the step it is decided and agrees with the theory (surfaces/theory.py): "can never settle in
this dip" only when the speed is at or above the dip's bound for a rule that has one, "about N more steps" only where
the surface near the ball is the bowl at the bottom (its Hessian within 10% of the dip's), "stalled near a saddle"
only when the ball has stayed near one for the last quarter of the run.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from ...lang import N_, _, say
from ..verdicts import TOLERANCE, Facts, Verdict, settle_step
from .crawling import RAVINE, ROUND, THEORY_HOLDS, crawling
from .critical import CriticalPoint
from .measures import (
    NEAR,
    Array,
    SurfaceStepping,
    at,
    distances,
    lingering,
    near_radius,
    place_facts,
    point,
    swung_across,
    unstable,
)
from .surface import Surface
from .theory import bound_words, direction_factors, escape_factor, speed_bound, steps_for

SURFACE_HEADLINES: dict[str, str] = {
    "converged-global": N_("Settled at the lowest point"),
    "stuck-local": N_("Stuck in another dip"),
    "crawling": N_("Not there yet: crawling along a valley or swinging in"),
    "oscillating": N_("Swinging across a valley: it can never settle there"),
    "diverged": N_("Flew off: the steps grew without bound"),
    "saddle": N_("Stalled near a saddle"),
    "hilltop": N_("Stopped on a hilltop"),
    "stopped": N_("Newton's method cannot step here"),
}
SURFACE_VERDICT_KINDS: tuple[str, ...] = tuple(SURFACE_HEADLINES)  # marked only: shown as _(SURFACE_HEADLINES[k])
__all__ = [
    "NEAR",
    "RAVINE",
    "ROUND",
    "SURFACE_HEADLINES",
    "SURFACE_VERDICT_KINDS",
    "THEORY_HOLDS",
    "SurfaceStepping",
    "at",
    "distances",
    "judge_surface",
    "lingering",
    "near_radius",
    "point",
    "swung_across",
    "unstable",
]


def _headline(kind: str) -> str:
    """A verdict kind's headline in the current language."""
    return _(SURFACE_HEADLINES[kind])


def judge_surface(
    surface: Surface,
    ws: Array,
    diverged_at: int | None = None,
    stopped_at: int | None = None,
    stepping: SurfaceStepping | None = None,
    tolerance: float = TOLERANCE,
) -> Verdict:
    """The verdict for the trajectory `ws` (shape (N+1, 2): w at steps 0..N, all finite).

    A run carried on from step `first` (after a change of speed) counts its steps, and its words, from there.
    """
    how = stepping or SurfaceStepping()
    verdict = _judge(surface, ws, diverged_at, stopped_at, how, tolerance)
    if how.first and how.speed is not None:
        carried = say("It carried on from step {first} at speed {speed:g}. ", first=how.first, speed=how.speed)
        return replace(verdict, explanation=carried + verdict.explanation)
    return verdict


def _judge(
    surface: Surface, ws: Array, diverged_at: int | None, stopped_at: int | None, how: SurfaceStepping, tolerance: float
) -> Verdict:
    n = len(ws) - 1
    if stopped_at is not None:
        return _stopped(surface, ws, how.first)
    if diverged_at is not None:
        return _flew_off(surface, ws, diverged_at, how)
    for dip in surface.minima:
        k = settle_step(distances(ws, dip), 0.0, tolerance)
        if k is not None and k < n:  # one step near the bottom is a visit; settling is staying for the next one too
            return _settled(surface, dip, how.first + k)
    stall = lingering(surface, ws, near_radius(surface, tolerance))
    if stall is not None:
        return _stalled(surface, ws, *stall, how)
    nearest = surface.nearest(ws[-1])
    if nearest is None:
        return _no_dip(ws, how.first)
    dip = nearest
    limit = speed_bound(how.optimizer, dip) if how.steady else None
    swinging = limit is not None and how.speed is not None and how.speed >= limit and n >= 1
    if swinging and limit is not None and bool(swung_across(dip, ws[-2], ws[-1], unstable(how, dip))):
        return _swinging(ws, dip, limit, how)
    return crawling(surface, ws, dip, limit, tolerance, how)


def _no_dip(ws: Array, first: int) -> Verdict:
    """A surface with no dip in its window: resting on flat ground, or still moving."""
    n = first + len(ws) - 1
    w = ws[-1]
    if len(ws) > 1 and not np.any(ws[-1] != ws[-2]):
        explanation = say(
            "After {n} steps it rests at {at}, where the ground is flat: the slope is zero.", n=n, at=point(*w)
        )
        facts = (("w1", float(w[0])), ("w2", float(w[1])))
        return Verdict("crawling", n, explanation, _("Resting on flat ground"), facts)
    explanation = say("After {n} steps it is still moving and there is no dip in sight.", n=n)
    return Verdict("crawling", n, explanation, _("Still moving"))


def _settled(surface: Surface, dip: CriticalPoint, step: int) -> Verdict:
    if dip.is_global:
        return Verdict(
            "converged-global",
            step,
            say("By step {step} it settled at the lowest point, {at}, and stayed there.", step=step, at=at(dip)),
            _headline("converged-global"),
            place_facts(dip),
        )
    best = surface.global_minimum
    assert best is not None  # a dip exists, so a lowest one does
    return Verdict(
        "stuck-local",
        step,
        say(
            "By step {step} it settled in another dip at {at} (loss {loss:.4g}) while the lowest point is at "
            "{lowest} (loss {lowest_loss:.4g}): the slope there is zero every way, so nothing pushes it out.",
            step=step,
            at=at(dip),
            loss=dip.loss,
            lowest=at(best),
            lowest_loss=best.loss,
        ),
        _headline("stuck-local"),
        place_facts(dip) + (("loss", dip.loss), ("lowest", best.loss)),
    )


def _stalled(surface: Surface, ws: Array, p: CriticalPoint, since: int, how: SurfaceStepping) -> Verdict:
    """Near a saddle or hilltop, where the slope is almost zero and so are the steps."""
    down = np.array(p.directions[0])
    offset = abs(float((ws[-1] - np.array(p.w)) @ down))
    kind = "saddle" if p.kind == "saddle" else "hilltop"
    words = _STALLED[kind]
    facts = place_facts(p) + (("curvature_down", p.gentlest), ("curvature_up", p.steepest), ("offset", offset))
    since += how.first
    if how.optimizer == "newton":
        why = _(words[1])
    elif offset <= 1e-12 * surface.scale:
        why = _(words[2])
    elif how.steady and how.optimizer == "plain" and how.speed is not None:
        factor = escape_factor(how.speed, p)
        left = steps_for(1.0 / factor, near_radius(surface), offset) if factor > 1.0 else None
        more = say(" About {left:,} more steps carry it away.", left=left) if left else ""
        why = say(
            "the slope there is nearly zero, so its steps are tiny. Along {direction} the surface curves down "
            "(curvature {curvature:.3g}), and each step multiplies its small offset that way, now {offset:.2g}, by "
            "1 + speed × {size:.3g} = {factor:.4g}: it will slide off, slowly at first.{more}",
            direction=_direction(down),
            curvature=p.gentlest,
            offset=offset,
            size=abs(p.gentlest),
            factor=factor,
            more=more,
        )
        facts += (("escape_factor", factor),)
    else:
        why = say(
            "the slope there is nearly zero, so its steps are tiny: it slides off along {direction} slowly.",
            direction=_direction(down),
        )
    explanation = say(words[0], step=since, at=at(p), why=why)
    return Verdict(kind, since, explanation, _headline(kind), facts)


# A stall's words, whole sentences for each place (a saddle and a hilltop differ in gender elsewhere): the head, why
# Newton's step went there, and why a run exactly on the line through it never leaves.
_STALLED = {
    "saddle": (
        N_("From step {step} on it has stayed near the saddle at {at}: {why}"),
        N_(
            "Newton's step jumps to where the slope is zero, and the slope is zero on a saddle too: it went to the "
            "saddle instead of downhill. Plain descent or momentum would roll off it."
        ),
        N_(
            "it sits exactly on the line through the saddle along which the slope points straight at it, so no "
            "step ever takes it off that line; start a little to one side and it rolls away."
        ),
    ),
    "hilltop": (
        N_("From step {step} on it has stayed near the hilltop at {at}: {why}"),
        N_(
            "Newton's step jumps to where the slope is zero, and the slope is zero on a hilltop too: it went to the "
            "hilltop instead of downhill. Plain descent or momentum would roll off it."
        ),
        N_(
            "it sits exactly on the line through the hilltop along which the slope points straight at it, so no "
            "step ever takes it off that line; start a little to one side and it rolls away."
        ),
    ),
}


def _direction(v: NDArray[np.float64]) -> str:
    return say("the direction {vector}", vector=_vector(v))


def _vector(v: NDArray[np.float64]) -> str:
    return say("({x:.2f}, {y:.2f})", x=float(v[0]), y=float(v[1]))


def _swinging(ws: Array, dip: CriticalPoint, limit: float, how: SurfaceStepping) -> Verdict:
    """Above the dip's bound and swinging across its valley: it can never settle in this dip."""
    assert how.speed is not None
    n = len(ws) - 1
    crossings = swung_across(dip, ws[:-1], ws[1:], unstable(how, dip))
    calm = np.flatnonzero(~crossings)
    began = how.first + (int(calm[-1]) + 1 if calm.size else 0)
    steep = direction_factors(how.optimizer, how.speed, dip)[1]
    across = _("the valley of the dip") if (dip.condition or 1.0) >= RAVINE else _("the dip")
    if how.optimizer == "newton":
        why = say(
            "Newton's step lands on a bowl's bottom at speed 1, and at {speed:g}, at or above {limit:g}, each swing "
            "across is {factor:.3g} times the last",
            speed=how.speed,
            limit=limit,
            factor=steep,
        )
    else:
        why = say(
            "the speed {speed:g} is at or above this dip's bound {bound} = {limit:.4g}, set by its steep direction "
            "{direction} with curvature {curvature:.4g}. Near the bottom each swing across is {factor:.3g} times the "
            "last",
            speed=how.speed,
            bound=bound_words(how.optimizer),
            limit=limit,
            direction=_vector(np.array(dip.directions[1])),
            curvature=dip.steepest,
            factor=steep,
        )
    explanation = say(
        "From step {step} on it swings back and forth across {across} at {at}: {why}, so it can never settle in "
        "this dip.",
        step=began,
        across=across,
        at=at(dip),
        why=why,
    )
    facts = place_facts(dip) + (("curvature", dip.steepest), ("bound", limit), ("speed", how.speed), ("factor", steep))
    headline = _headline("oscillating")
    return Verdict("oscillating", min(began, how.first + n), explanation, headline, facts)


def _flew_off(surface: Surface, ws: Array, at_step: int, how: SurfaceStepping) -> Verdict:
    """Where the ball left the chart and, as far as the steps and the theory show, why."""
    at_step += how.first
    moves = np.diff(ws[-3:], axis=0)
    lengths = np.hypot(moves[:, 0], moves[:, 1]) if moves.size else np.zeros(0)
    if len(moves) == 2 and lengths[1] > lengths[0] and float(moves[0] @ moves[1]) < 0:
        why = _("each step overshot the bottom by more than the last")
    elif len(moves) == 2 and lengths[1] > lengths[0]:
        why = _("its steps grew longer and longer until one threw it off the chart")
    else:
        where = _("at the start") if at_step - 1 == how.first else say("at step {step}", step=at_step - 1)
        why = say("the slope {where} was so steep that one step threw it off the chart", where=where)
    bounds = [speed_bound(how.optimizer, d) for d in surface.minima] if how.steady else []
    known = [b for b in bounds if b is not None]
    if known and len(known) == len(bounds) and how.speed is not None and how.speed >= max(known):
        advice = say(
            "the speed {speed:g} is at or above every dip's bound {bound} (the largest is {largest:.4g}), so no dip "
            "of this surface can hold it",
            speed=how.speed,
            bound=bound_words(how.optimizer),
            largest=max(known),
        )
    else:
        advice = _("try a smaller speed or a start nearer a dip")
    last = ws[-1]
    facts: Facts = (("w1", float(last[0])), ("w2", float(last[1])))
    explanation = say(
        "At step {step} the ball flew off the surface: {why}; {advice}.", step=at_step, why=why, advice=advice
    )
    return Verdict("diverged", at_step, explanation, _headline("diverged"), facts)


def _stopped(surface: Surface, ws: Array, first: int) -> Verdict:
    """Newton's step is undefined where the Hessian is singular: the run stops there."""
    n = first + len(ws) - 1
    h = surface.hessian(ws[-1])
    w = ws[-1]
    if np.isfinite(h).all():
        low, high = np.linalg.eigvalsh(h)
        why = say(
            "the surface's curvatures are {low:.3g} and {high:.3g}: one is zero, so the Hessian cannot be inverted",
            low=low,
            high=high,
        )
    else:
        why = _("the surface's slope or curvature is undefined")
    explanation = say(
        "At step {n} the ball is at {at}, where {why} and Newton's step −H⁻¹·slope is undefined. The run stops here; "
        "plain descent, or a start elsewhere, gets on.",
        n=n,
        at=point(*w),
        why=why,
    )
    facts: Facts = (("w1", float(w[0])), ("w2", float(w[1])))
    return Verdict("stopped", n, explanation, _headline("stopped"), facts)
