"""Challenges a teacher sets and the engine checks: each kind a function of a finished run, saying whether the goal is
met and, until then, how close the learner is, in the learner's words (speed, steps, slope) and with the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..lang import N_, _, number, say
from .descent import Run
from .errors import SettingError
from .landscapes import Extremum, Landscape
from .settings import MAX_STEPS, DescentSettings, Field

Facts = tuple[tuple[str, float], ...]  # the numbers a judgement's words were made from, by name
MET = N_("Challenge met")
NOT_YET = N_("Not yet")


@dataclass(frozen=True)
class Judgement:
    """What a challenge says of one run: met or not, the words of how close, and the numbers behind them."""

    kind: str
    met: bool
    progress: str
    facts: Facts = field(default=())

    @property
    def headline(self) -> str:
        """'Challenge met' or 'Not yet'."""
        return _(MET if self.met else NOT_YET)

    def to_dict(self) -> dict[str, object]:
        """The judgement as JSON-ready data."""
        return {
            "kind": self.kind,
            "met": self.met,
            "headline": self.headline,
            "progress": self.progress,
            "facts": dict(self.facts),
        }


Check = Callable[[Run, Any], Judgement]


@dataclass(frozen=True)
class ChallengeKind:
    """One kind of challenge: its name, its task in words ({goal} filled in), its goal's field and its check."""

    name: str
    task: str
    check: Check
    goal: Field | None = None

    def words(self, goal: Any) -> str:
        """The task in words, with the goal's number in it."""
        return say(self.task, goal=goal if goal is None else number(goal))  # 5, not 5.0: as a link writes it

    def to_dict(self) -> dict[str, object]:
        """The kind as /api/schema lists it: its task's words and its goal's limits."""
        goal = self.goal
        described = None
        if goal is not None:
            described = {"kind": goal.kind, "default": goal.default, "minimum": goal.minimum, "maximum": goal.maximum}
            described["help"] = goal.help_text()
        return {"name": self.name, "task": _(self.task), "goal": described}


@dataclass(frozen=True)
class Challenge:
    """A checked challenge: its kind and its goal (None for the kinds that take none)."""

    kind: str
    goal: float | int | None = None

    @property
    def words(self) -> str:
        """The task in words."""
        return CHALLENGES[self.kind].words(self.goal)

    def check(self, run: Run) -> Judgement:
        """Judge a finished run against this challenge."""
        return CHALLENGES[self.kind].check(run, self.goal)

    def to_dict(self) -> dict[str, object]:
        """The challenge as JSON-ready data."""
        return {"kind": self.kind, "goal": self.goal, "task": self.words}

    def judged(self, run: Run) -> dict[str, object]:
        """The challenge and its judgement of `run`, as the API and `foggyhill descend --json` give them."""
        return {**self.to_dict(), **self.check(run).to_dict()}


@dataclass(frozen=True)
class Challenged:
    """A descent and the challenge to judge it by. Its cost is the run's: a check reads the steps once."""

    settings: DescentSettings
    challenge: Challenge

    # The work's estimate (web/costs.py) reads these of any descent's request.
    @property
    def steps(self) -> int:
        return self.settings.steps

    @property
    def optimizer(self) -> str:
        return self.settings.optimizer

    @property
    def formula(self) -> str | None:
        return self.settings.formula


# ----------------------------------------------------------------------------- what the checks share


def lowest(landscape: Landscape) -> Extremum | None:
    """The lowest point of the curve (its deepest dip)."""
    return landscape.global_minimum


def end_dip(run: Run) -> float | None:
    """The dip the run settles in, or will settle in by the theory (a swing in that shrinks each time)."""
    facts = dict(run.verdict.facts)
    if run.verdict.kind in ("converged-global", "stuck-local"):
        return facts.get("dip")
    if run.verdict.kind == "crawling" and facts.get("factor", 1.0) < 1.0:
        return facts.get("dip")
    return None


def ends_lowest(run: Run) -> bool:
    """Whether the run settles, or will settle, at the lowest point."""
    best, dip = lowest(run.landscape), end_dip(run)
    return best is not None and dip is not None and abs(dip - best.w) < 1e-9


def what_happened(run: Run) -> str:
    """The run's verdict in a short clause: it flew off at step k, never settles, settled in a shallow dip..."""
    v, speed = run.verdict, run.settings.speed
    facts = dict(v.facts)
    if v.kind == "diverged":
        return say("at speed {speed:g} it flew off the curve at step {step}", speed=speed, step=v.step)
    if v.kind == "oscillating":
        return say("at speed {speed:g} it never settles: it swings forever", speed=speed)
    if v.kind == "stuck-local":
        return say("at speed {speed:g} it settled in the shallow dip at w = {dip:.3f}", speed=speed, dip=facts["dip"])
    if v.kind == "converged-global":
        return say("at speed {speed:g} it settled at the lowest point at step {step}", speed=speed, step=v.step)
    return say("at speed {speed:g}, after {step} steps, it has not settled yet", speed=speed, step=v.step)


# ----------------------------------------------------------------------------- the kinds


def settle_within(run: Run, goal: int) -> Judgement:
    """Settle at the lowest point in at most `goal` steps."""
    v = run.verdict
    facts: Facts = (("goal", float(goal)), ("speed", run.settings.speed))
    if v.kind == "converged-global":
        facts += (("steps", float(v.step)),)
        if v.step <= goal:
            words = say("It settled at the lowest point in {steps} steps.", steps=v.step)
            return Judgement("settle-within", True, words, facts)
        over = v.step - goal
        words = say(
            "It settled at the lowest point in {steps} steps: {over} more than the {goal} allowed.",
            steps=v.step,
            over=over,
            goal=goal,
        )
        return Judgement("settle-within", False, words, facts + (("over", float(over)),))
    best = lowest(run.landscape)
    last = run.steps[-1].w
    if best is None:
        words = _("This curve has no lowest dip in its window to settle in.")
        return Judgement("settle-within", False, words, facts)
    away = abs(last - best.w)
    words = say(
        "Not settled at the lowest point: {what}. Its last step is at w = {last:.3f}, {away:.3g} from the lowest "
        "point at w = {lowest:.3f}.",
        what=what_happened(run),
        last=last,
        away=away,
        lowest=best.w,
    )
    return Judgement("settle-within", False, words, facts + (("w", last), ("lowest", best.w), ("away", away)))


def start_dip(landscape: Landscape, start: float) -> Extremum | None:
    """The dip the ball slides into from `start` with tiny steps: the nearest one downhill."""
    slope = float(landscape.slope(start))
    if slope == 0:
        return min(landscape.minima, key=lambda m: abs(m.w - start), default=None)
    downhill = [m for m in landscape.minima if np.sign(m.w - start) == -np.sign(slope)]
    return min(downhill, key=lambda m: abs(m.w - start), default=None)


def hilltop_between(landscape: Landscape, a: float, b: float) -> Extremum | None:
    """The highest hilltop between two points: what the ball must get over to go from one dip to the other."""
    low, high = sorted((a, b))
    tops = [m for m in landscape.maxima if low < m.w < high]
    return max(tops, key=lambda m: m.loss, default=None)


def escape_dip(run: Run, goal: None) -> Judgement:
    """From a start above a shallow dip, end in the deepest dip instead."""
    land, start = run.landscape, run.steps[0].w
    best, first = lowest(land), start_dip(land, start)
    facts: Facts = (("start", start), ("speed", run.settings.speed))
    if best is None or first is None or first.is_global:
        words = say(
            "From w = {start:g} the ball rolls into the lowest dip anyway: start above a shallow dip instead.",
            start=start,
        )
        return Judgement("escape-dip", False, words, facts)
    facts += (("shallow", first.w), ("lowest", best.w))
    if ends_lowest(run):
        words = say("At speed {speed:g} it got out of the shallow dip.", speed=run.settings.speed)
        return Judgement("escape-dip", True, words, facts)
    top = hilltop_between(land, first.w, best.w)
    ws = run.ws
    farthest = float(ws.max() if best.w > first.w else ws.min())
    words = say("Still not in the deepest dip at w = {lowest:.3f}: {what}.", lowest=best.w, what=what_happened(run))
    if top is not None and run.verdict.kind != "diverged":
        words = say(
            "{words} Its farthest step reached w = {farthest:.3f}; the hilltop to get over is at w = {top:.3f}.",
            words=words,
            farthest=farthest,
            top=top.w,
        )
        facts += (("farthest", farthest), ("hilltop", top.w))
    return Judgement("escape-dip", False, words, facts)


def largest_speed(run: Run, goal: float) -> Judgement:
    """The largest speed that still settles at the lowest point, within `goal` percent of the largest there is."""
    s, best = run.settings, lowest(run.landscape)
    bound = None if best is None else best.stability_bound
    facts: Facts = (("goal", goal), ("speed", s.speed))
    if bound is None:
        words = _("This curve's lowest point has no largest settling speed (a sharp kink or a flat bottom).")
        return Judgement("largest-speed", False, words, facts)
    if s.optimizer != "plain" or s.schedule != "constant" or s.noise > 0:
        words = _("This challenge is for plain steps at a constant speed with no noise.")
        return Judgement("largest-speed", False, words, facts)
    short = 100 * (bound - s.speed) / bound  # how far below the largest, in percent of it
    facts += (("short", short),)
    if ends_lowest(run) and short <= goal:
        words = say("Speed {speed:g} settles, within {goal:g}% of the largest.", speed=s.speed, goal=goal)
        return Judgement("largest-speed", True, words, facts)
    if ends_lowest(run):
        words = say(
            "Speed {speed:g} settles, {short:.1f}% below the largest speed that settles (goal: within {goal:g}%).",
            speed=s.speed,
            short=short,
            goal=goal,
        )
        return Judgement("largest-speed", False, words, facts)
    if s.speed >= bound:
        words = say(
            "Too fast: {what}; that is {over:.1f}% above the largest speed that settles.",
            what=what_happened(run),
            over=-short,
        )
        return Judgement("largest-speed", False, words, facts)
    words = say("Not settled at the lowest point: {what}. Try another start or more steps.", what=what_happened(run))
    return Judgement("largest-speed", False, words, facts)


def swing_forever(run: Run, goal: None) -> Judgement:
    """Keep swinging in a lasting cycle without flying off (exact slopes: a jitter is not a swing)."""
    v, speed = run.verdict, run.settings.speed
    facts: Facts = (("speed", speed), ("step", float(v.step)))
    if v.kind == "oscillating" and run.settings.noise == 0:
        words = say("At speed {speed:g} it swings forever and never flies off.", speed=speed)
        return Judgement("swing-forever", True, words, facts)
    if v.kind == "oscillating":
        words = _("With noise it jitters rather than swings: set the noise to 0.")
        return Judgement("swing-forever", False, words, facts)
    if v.kind == "diverged":
        return Judgement("swing-forever", False, say("Too fast: {what}.", what=what_happened(run)), facts)
    return Judgement("swing-forever", False, say("Too calm: {what}.", what=what_happened(run)), facts)


GOAL_STEPS = Field("goal", "int", 40, N_("settle in at most this many steps"), 1, MAX_STEPS)
GOAL_PERCENT = Field("goal", "float", 5.0, N_("how close to the largest settling speed, in percent of it"), 0.1, 50)

CHALLENGES: dict[str, ChallengeKind] = {
    kind.name: kind
    for kind in (
        ChallengeKind(
            "settle-within", N_("Settle at the lowest point in at most {goal} steps."), settle_within, GOAL_STEPS
        ),
        ChallengeKind(
            "escape-dip", N_("Find a speed that gets out of the shallow dip into the deepest one."), escape_dip
        ),
        ChallengeKind(
            "largest-speed",
            N_("Find the largest speed that still settles, within {goal}%."),
            largest_speed,
            GOAL_PERCENT,
        ),
        ChallengeKind("swing-forever", N_("Make the ball swing forever without flying off."), swing_forever),
    )
}

# The fields a request names a challenge with: `goal` is checked again by its kind's own field.
CHALLENGE_FIELDS: dict[str, Field] = {
    "challenge": Field(
        "challenge",
        "choice",
        None,
        "a goal the engine checks the run against: " + ", ".join(CHALLENGES),
        choices=tuple(CHALLENGES),
    ),
    "goal": Field(
        "goal",
        "float",
        None,
        N_("the challenge's number: steps for settle-within, percent for largest-speed"),
        0,
        MAX_STEPS,
    ),
}


# A challenge link's words for the lesson page alone: which settings the learner cannot change, and the teacher's note.
LINK_FIELDS: dict[str, Field] = {
    **CHALLENGE_FIELDS,
    "lock": Field("lock", "text", None, N_("settings the learner cannot change, by name: landscape,start"), maximum=80),
    "note": Field("note", "text", None, N_("the teacher's note to the learner, shown as plain text"), maximum=280),
}


def parse_challenge(raw: Mapping[str, object]) -> Challenge | None:
    """The challenge `raw` names (None when it names none); a goal its kind does not take, or allow, is refused."""
    kind_name = CHALLENGE_FIELDS["challenge"].parse(raw.get("challenge"))
    given = raw.get("goal")
    if kind_name is None:
        if given is not None:
            raise SettingError("goal", _("goal needs a challenge: name one with challenge=, e.g. settle-within"))
        return None
    kind = CHALLENGES[kind_name]
    if kind.goal is None:
        if given is not None:
            message = say(
                "the {kind} challenge takes no goal (got {got}): leave goal out", kind=kind_name, got=repr(given)
            )
            raise SettingError("goal", message)
        return Challenge(kind_name)
    try:
        return Challenge(kind_name, kind.goal.parse(given))
    except SettingError as refused:
        raise SettingError("goal", say("for {kind}, {refused}", kind=kind_name, refused=refused.message)) from None


def challenge_listing() -> list[dict[str, object]]:
    """Every challenge kind as /api/schema lists it."""
    return [kind.to_dict() for kind in CHALLENGES.values()]
