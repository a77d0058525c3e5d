"""The verdict on a run across a surface that is still on its way to a dip: crawling, closing in, or headed for a dip
it cannot settle in; with the theory's factors and step counts where they hold."""

from __future__ import annotations

import numpy as np

from ...lang import N_, _, say
from ..verdicts import Facts, Verdict
from .critical import CriticalPoint
from .measures import Array, SurfaceStepping, at, distances, place_facts, point
from .surface import Surface
from .theory import bound_words, direction_factors, steps_for

ROUND = 1.5  # a bowl this little stretched is called nearly round
RAVINE = 4.0  # a valley at least this many times steeper across than along is called a valley, not a bowl
THEORY_HOLDS = 0.1  # the Hessian under the ball within this share of the dip's: the bowl's theory applies


def crawling(
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
    facts = place_facts(dip) + (("distance", distance), ("condition", condition))
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
