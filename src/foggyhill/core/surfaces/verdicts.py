"""The verdict on a run across a surface, in plain words, as core.verdicts.Verdict data.

Every verdict is true at the step it is decided and agrees with the theory (surfaces/theory.py): "can never settle in
this dip" only when the speed is at or above the dip's bound for a rule that has one, "about N more steps" only where
the surface near the ball is the bowl at the bottom (its Hessian within 10% of the dip's), "stalled near a saddle"
only when the ball has stayed near one for the last quarter of the run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from ...lang import N_, _, say
from ..verdicts import TOLERANCE, Facts, Verdict, settle_step, tail_length
from .critical import CriticalPoint
from .surface import Surface
from .theory import bound_words, direction_factors, escape_factor, speed_bound, steps_for, unstable_directions

Array = NDArray[np.float64]
NEAR = 0.02  # "near" a saddle or hilltop: within this share of the window's diagonal
ROUND = 1.5  # a bowl this little stretched is called nearly round
RAVINE = 4.0  # a valley at least this many times steeper across than along is called a valley, not a bowl
THEORY_HOLDS = 0.1  # the Hessian under the ball within this share of the dip's: the bowl's theory applies

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
__all__ = ["NEAR", "SURFACE_HEADLINES", "SURFACE_VERDICT_KINDS", "SurfaceStepping", "judge_surface"]


@dataclass(frozen=True)
class SurfaceStepping:
    """How a run's steps were made, as far as the verdict needs it (speed None: judge by the steps alone)."""

    speed: float | None = None
    optimizer: str = "plain"
    noise: float = 0.0
    first: int = 0  # the number of the first step: a run that carries on from step `first` of another

    @property
    def steady(self) -> bool:
        """Exact slopes at a known speed: the theory applies."""
        return self.speed is not None and self.noise == 0


def at(p: CriticalPoint) -> str:
    """A point in words: (1.000, 2.000)."""
    return point(p.w[0], p.w[1])


def _headline(kind: str) -> str:
    """A verdict kind's headline in the current language."""
    return _(SURFACE_HEADLINES[kind])


def point(w1: float, w2: float) -> str:
    """Two settings in words, written the language's way: (1.000, 2.000), or (1,000; 2,000) in Spanish."""
    return say("({w1:.3f}, {w2:.3f})", w1=w1, w2=w2)


def _where(p: CriticalPoint) -> Facts:
    return (("w1", p.w[0]), ("w2", p.w[1]))


def distances(ws: Array, p: CriticalPoint) -> Array:
    """How far each point of `ws` is from `p`."""
    out: Array = np.hypot(ws[..., 0] - p.w[0], ws[..., 1] - p.w[1])
    return out


def near_radius(surface: Surface, tolerance: float = TOLERANCE) -> float:
    """How close to a saddle or hilltop counts as near it on this surface."""
    return max(NEAR * surface.scale, tolerance)


def swung_across(
    dip: CriticalPoint, before: Array, after: Array, unstable: tuple[bool, bool] = (False, True)
) -> NDArray[np.bool_]:
    """Whether a move from `before` to `after` swung across the dip along a direction where it cannot settle: its
    distance along that direction changed sign (works on arrays of moves).

    `unstable` says which of the dip's directions (gentle, steep) the speed is too high for; on a stretched valley
    that is the steep one, so the move crossed the valley floor; on a round bowl both are.
    """
    crossed = np.zeros(np.shape(after)[:-1], dtype=bool)
    for direction, too_fast in zip(dip.directions, unstable, strict=True):
        if too_fast:
            v = np.array(direction)
            side_before = (before[..., 0] - dip.w[0]) * v[0] + (before[..., 1] - dip.w[1]) * v[1]
            side_after = (after[..., 0] - dip.w[0]) * v[0] + (after[..., 1] - dip.w[1]) * v[1]
            crossed |= side_before * side_after < 0
    return crossed


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
    return _crawling(surface, ws, dip, limit, tolerance, how)


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


def lingering(surface: Surface, ws: Array, near: float) -> tuple[CriticalPoint, int] | None:
    """The saddle or hilltop the run has stayed near for its last quarter, and the step its stay there began."""
    n = len(ws) - 1
    if n < 1:
        return None
    tail = ws[-(tail_length(n) + 1) :]
    for p in surface.critical_points:
        if p.kind in ("saddle", "maximum") and bool(np.all(distances(tail, p) <= near)):
            far = np.flatnonzero(distances(ws, p) > near)
            return p, int(far[-1]) + 1 if far.size else 0
    return None


def _settled(surface: Surface, dip: CriticalPoint, step: int) -> Verdict:
    if dip.is_global:
        return Verdict(
            "converged-global",
            step,
            say("By step {step} it settled at the lowest point, {at}, and stayed there.", step=step, at=at(dip)),
            _headline("converged-global"),
            _where(dip),
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
        _where(dip) + (("loss", dip.loss), ("lowest", best.loss)),
    )


def unstable(how: SurfaceStepping, dip: CriticalPoint) -> tuple[bool, bool]:
    """The dip's directions (gentle, steep) along which this run's speed is too high to settle."""
    assert how.speed is not None
    return unstable_directions(how.optimizer, how.speed, dip)


def _stalled(surface: Surface, ws: Array, p: CriticalPoint, since: int, how: SurfaceStepping) -> Verdict:
    """Near a saddle or hilltop, where the slope is almost zero and so are the steps."""
    down = np.array(p.directions[0])
    offset = abs(float((ws[-1] - np.array(p.w)) @ down))
    kind = "saddle" if p.kind == "saddle" else "hilltop"
    words = _STALLED[kind]
    facts = _where(p) + (("curvature_down", p.gentlest), ("curvature_up", p.steepest), ("offset", offset))
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
    facts = _where(dip) + (("curvature", dip.steepest), ("bound", limit), ("speed", how.speed), ("factor", steep))
    headline = _headline("oscillating")
    return Verdict("oscillating", min(began, how.first + n), explanation, headline, facts)


def _crawling(
    surface: Surface, ws: Array, dip: CriticalPoint, limit: float | None, tolerance: float, how: SurfaceStepping
) -> Verdict:
    """Not settled, not stalled, not swinging out: on its way, with the theory's words where they hold."""
    n = how.first + len(ws) - 1
    if len(ws) == 1:
        w = ws[-1]
        explanation = say("No steps yet: the ball rests at its start, {at}.", at=point(*w))
        return Verdict("crawling", n, explanation, _("Not moved yet"))
    distance = float(distances(ws[-1], dip))
    condition = dip.condition or 1.0
    facts = _where(dip) + (("distance", distance), ("condition", condition))
    toward = say("the dip at {at}, {distance:.3g} away", at=at(dip), distance=distance)
    valley = _valley(condition)
    if limit is None or how.speed is None:
        if how.noise > 0:  # the theory is for exact slopes: with noise, no promise either way
            why = say(
                "Each slope it feels is noisy (noise {noise:g}), so every step lands a little off: only more steps "
                "show whether it settles.",
                noise=how.noise,
            )
            explanation = say(_ON_ITS_WAY, n=n, toward=toward, valley=valley, why=why)
            headline = _("Not there yet: its slopes are noisy")
            return Verdict("crawling", n, explanation, headline, facts + (("noise", how.noise),))
        why = say(
            "{rule} has no fixed speed limit, so only more steps show when it gets there.",
            rule=how.optimizer.capitalize(),
        )
        explanation = say(_ON_ITS_WAY, n=n, toward=toward, valley=valley, why=why)
        return Verdict("crawling", n, explanation, _crawl_headline(condition), facts)
    if how.speed >= limit:
        explanation = say(
            "After {n} steps it is on its way to {toward}, but the speed {speed:g} is at or above this dip's bound "
            "{bound} = {limit:.4g}: it can never settle there at this speed.",
            n=n,
            toward=toward,
            speed=how.speed,
            bound=bound_words(how.optimizer),
            limit=limit,
        )
        headline = _("On its way to a dip it cannot settle in")
        return Verdict("crawling", n, explanation, headline, facts + (("bound", limit),))
    return _closing_in(surface, ws, dip, limit, tolerance, how, facts, valley)


_ON_ITS_WAY = N_("After {n} steps it is still on its way to {toward}; {valley}. {why}")


def _valley(condition: float) -> str:
    """How stretched the dip's bowl is, in words."""
    if condition >= RAVINE:
        words = N_("its valley is {condition:.3g} times steeper across than along (condition number {condition:.3g})")
    elif condition < ROUND:
        words = N_("its bowl is nearly round (condition number {condition:.3g})")
    else:
        words = N_(
            "its bowl is {condition:.3g} times steeper one way than the other (condition number {condition:.3g})"
        )
    return say(words, condition=condition)


def _crawl_headline(condition: float | None) -> str:
    return _("Crawling along a valley") if (condition or 1.0) >= RAVINE else _("Still crawling")


def _rate(how: SurfaceStepping, dip: CriticalPoint, factor: float) -> str:
    """The gentle direction's factor, with the formula it comes from."""
    if how.optimizer == "plain":
        return say("|1 − speed × {curvature:.4g}| = {factor:.4g}", curvature=dip.gentlest, factor=factor)
    return say("{factor:.4g} (from the theory of {rule}'s two-step recurrence)", factor=factor, rule=how.optimizer)


def _closing_in(
    surface: Surface,
    ws: Array,
    dip: CriticalPoint,
    limit: float,
    tolerance: float,
    how: SurfaceStepping,
    facts: Facts,
    valley: str,
) -> Verdict:
    """Below the bound: each direction's factor, and (where the bowl's theory holds) about how many steps are left."""
    assert how.speed is not None
    n = how.first + len(ws) - 1
    gentle, steep = direction_factors(how.optimizer, how.speed, dip)
    distance = float(distances(ws[-1], dip))
    here, bottom = surface.hessian(ws[-1]), surface.hessian(np.array(dip.w))
    bowl = float(np.linalg.norm(here - bottom)) <= THEORY_HOLDS * float(np.linalg.norm(bottom))
    # A count is promised only where each step multiplies each direction's distance by its factor exactly: plain
    # steps and Newton's in the bowl. Momentum's velocity adds a term the factor alone does not count.
    counted = bowl and how.optimizer in ("plain", "newton")
    left = steps_for(max(gentle, steep), distance, tolerance) if counted else None
    more = ""
    if left == 1:
        more = _(" About 1 more step settles it.")
    elif left:
        more = say(" About {left:,} more steps settle it.", left=left)
    if bowl and not counted:  # its velocity may still carry it out of the bowl: a rate, not a promise
        more = say(
            " Near the bottom its distance shrinks by about {factor:.4g} a step, on average.", factor=max(gentle, steep)
        )
    if not bowl:
        more = _(" It is not yet in the bowl at the bottom where this theory holds, so only more steps show how long.")
    facts += (("bound", limit), ("speed", how.speed), ("factor_gentle", gentle), ("factor_steep", steep))
    # Only inside the bowl at the bottom do the factors describe the steps being taken now; outside it they are
    # what the steps will do once there, and no promise is made.
    near = "" if bowl else _("near the bottom, ")
    ravine = (dip.condition or 1.0) >= RAVINE
    if how.optimizer == "newton":
        headline = _("Swinging in: each swing smaller") if how.speed > 1.0 else _("Closing in")
        why = say(
            "{near}Newton's step divides each direction by its curvature, so the stretch does not slow it: each "
            "step multiplies the distance to the bottom by |1 − speed| = {factor:.4g}.",
            near=near,
            factor=gentle,
        )
    elif steep > gentle or (steep == gentle and how.speed * dip.steepest > 1.0):
        # Close to the bound the steep direction is the slow one: it swings across, each swing a little smaller.
        floor = _("the valley floor") if ravine else _("the bottom")
        headline = _("Swinging in across the valley: each swing smaller") if bowl else _crawl_headline(dip.condition)
        why = say(
            "{near}each step overshoots {floor} and the swing shrinks only by the factor {factor:.4g}.",
            near=near,
            floor=floor,
            factor=steep,
        )
    else:
        headline = _crawl_headline(dip.condition)
        floor = _("along the valley floor") if ravine else _("in its gentlest direction")
        why = say(
            "{near}{floor} each step shrinks the distance only by the factor {rate}.",
            near=near,
            floor=floor,
            rate=_rate(how, dip, gentle),
        )
    if how.optimizer == "newton":
        below = say("below Newton's limit {limit:g}", limit=limit)
    else:
        below = say(
            "below the bound {bound} = {limit:.4g} set by the steep direction",
            bound=bound_words(how.optimizer),
            limit=limit,
        )
    explanation = say(
        "After {n} steps it is {distance:.3g} from the dip at {at}; {valley}. The speed {speed:g} is {below}, and "
        "{why}{more}",
        n=n,
        distance=distance,
        at=at(dip),
        valley=valley,
        speed=how.speed,
        below=below,
        why=why,
        more=more,
    )
    return Verdict("crawling", n, explanation, headline, facts + (("steps_left", float(left or 0)),))


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
