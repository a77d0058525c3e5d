"""Everything a frame shows at time t, read off the timeline: a pure function, no clock."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .choreography import RunPlan, StepPlan, Timeline
from .spring import spring

FADE = 0.25  # seconds a card, the intro or the summary takes to fade in or out


@dataclass(frozen=True)
class Tangent:
    """The cyan slope line under the ball: where it touches, its slope, and how visible it is."""

    w: float
    loss: float
    slope: float
    opacity: float


@dataclass(frozen=True)
class Card:
    """A run's verdict, shown after the run."""

    run: int
    speed: float
    kind: str
    headline: str
    explanation: str
    opacity: float


@dataclass(frozen=True)
class RunView:
    """One run as a frame shows it: waiting, playing or finished, with its chart points so far."""

    index: int
    speed: float
    status: str
    losses: tuple[float, ...]
    distances: tuple[float, ...]  # how far from the lowest point at each of those points
    kind: str | None
    headline: str | None


@dataclass(frozen=True)
class FrameState:
    """The show at time t: the section, the active run and step, the ball, the tangent, charts, card, summary."""

    t: float
    section: str  # "intro", "run", "card" or "summary"
    run: int | None
    step: int  # steps whose move has begun
    current_step: int  # the step whose time budget holds t (0: none)
    phase: str
    speed: float | None
    ball_w: float | None
    ball_loss: float | None
    flown: bool  # the ball is off the picture: its run threw it beyond the curve's window
    tangent: Tangent | None
    trail: tuple[float, ...]
    runs: tuple[RunView, ...]
    card: Card | None
    intro_opacity: float
    summary_opacity: float

    def to_dict(self) -> dict[str, Any]:
        """The frame's state as JSON-ready data."""
        return asdict(self)


def state_at(timeline: Timeline, t: float) -> FrameState:
    """The show at time t seconds (clamped to the show's length)."""
    t = min(max(float(t), 0.0), timeline.total)
    runs = tuple(_run_view(r, t) for r in timeline.runs)
    section, plan = _section(timeline, t)
    ball = _ball(timeline, plan, t) if plan else (None, None, False)
    step = _current_step(plan, t) if plan and section == "run" else None
    return FrameState(
        t=t,
        section=section,
        run=plan.index if plan else None,
        step=_steps_taken(plan, t) if plan else 0,
        current_step=step.step if step else 0,
        phase=_phase_name(step, t) if step else ("done" if section == "run" else ""),
        speed=plan.speed if plan else None,
        ball_w=ball[0],
        ball_loss=ball[1],
        flown=ball[2],
        tangent=_tangent(step, t) if step else None,
        trail=_trail(plan, t) if plan else (),
        runs=runs,
        card=_card(timeline, plan, t) if section == "card" and plan else None,
        intro_opacity=_fade(t, 0.0, timeline.intro_end, fade_in=False),
        summary_opacity=_fade(t, timeline.summary_start, timeline.total, fade_out=False),
    )


def _section(timeline: Timeline, t: float) -> tuple[str, RunPlan | None]:
    """Which part of the show t falls in, and the run it is about (the first run during the intro)."""
    if not timeline.runs:
        return ("intro" if t < timeline.intro_end else "summary"), None
    if t < timeline.intro_end:
        return "intro", timeline.runs[0]
    if t >= timeline.summary_start:
        return "summary", None
    plan = next(r for r in timeline.runs if t < r.card_end)
    return ("run" if t < plan.end else "card"), plan


def _current_step(plan: RunPlan, t: float) -> StepPlan | None:
    """The step whose budget contains t (None once a run that flew off has no steps left)."""
    if not plan.steps or t < plan.start:
        return None
    budget = plan.steps[0].end - plan.steps[0].start
    k = int((t - plan.start) / budget)
    k = min(max(k, 0), len(plan.steps) - 1)
    while k > 0 and t < plan.steps[k].start:
        k -= 1
    while k + 1 < len(plan.steps) and t >= plan.steps[k].end:
        k += 1
    step = plan.steps[k]
    return step if step.start <= t < step.end else None


def _moving_step(plan: RunPlan, t: float) -> StepPlan | None:
    """The last step whose ball has begun to move by time t."""
    current = _current_step(plan, t) if t < plan.end else None
    if current is None:
        return plan.steps[-1] if plan.steps and t >= plan.steps[-1].moves_at else None
    if t >= current.moves_at:
        return current
    return plan.steps[current.step - 2] if current.step > 1 else None


def _steps_taken(plan: RunPlan, t: float) -> int:
    """How many steps' moves have begun by time t."""
    moving = _moving_step(plan, t)
    return moving.step if moving else 0


def _phase_name(step: StepPlan, t: float) -> str:
    return next(p.name for p in step.phases if t < p.end)


def _ball(timeline: Timeline, plan: RunPlan, t: float) -> tuple[float, float, bool]:
    """The ball's w (riding the spring from its last step), its loss on the curve, and whether it flew off."""
    moving = _moving_step(plan, t)
    if moving is None:
        w0 = plan.run.steps[0]
        return w0.w, w0.loss, False
    sp = timeline.spring
    w = spring(t - moving.moves_at, moving.w_from, moving.w_to, sp.stiffness, sp.damping, sp.mass)
    lo, hi = timeline.landscape.window
    loss = moving.loss_to if moving.flew_off else float(timeline.landscape.loss(w))
    return w, loss, not lo <= w <= hi


def _tangent(step: StepPlan, t: float) -> Tangent | None:
    """The slope line fades in during the gradient phase and out as the ball moves."""
    phase = next(p for p in step.phases if t < p.end)
    share = (t - phase.start) / max(phase.end - phase.start, 1e-12)
    if phase.name == "gradient":
        opacity = _smooth(share / 0.6)
    elif phase.name == "step":
        opacity = 1.0 - _smooth(share / 0.5)
    else:
        return None
    return Tangent(step.w_from, step.loss_from, step.slope, opacity)


def _trail(plan: RunPlan, t: float) -> tuple[float, ...]:
    """The places the ball has rested so far in this run, the start included."""
    taken = _steps_taken(plan, t)
    return tuple(s.w for s in plan.run.steps[:taken])


def _run_view(plan: RunPlan, t: float) -> RunView:
    """A run's chart points so far: the start, then each step's loss once the ball begins moving there."""
    if t < plan.start:
        return RunView(plan.index, plan.speed, "waiting", (), (), None, None)
    taken = _steps_taken(plan, t)
    losses = (plan.run.steps[0].loss, *(s.loss_to for s in plan.steps[:taken] if not s.flew_off))
    done = t >= plan.end
    kind = plan.verdict.kind if done else None
    headline = plan.verdict.headline if done else None
    status = "finished" if done else "playing"
    return RunView(plan.index, plan.speed, status, losses, plan.distances[: len(losses)], kind, headline)


def _card(timeline: Timeline, plan: RunPlan, t: float) -> Card:
    v = plan.verdict
    return Card(plan.index, plan.speed, v.kind, v.headline, v.explanation, _fade(t, plan.end, plan.card_end))


def _fade(t: float, start: float, end: float, fade_in: bool = True, fade_out: bool = True) -> float:
    """1 inside [start, end), easing in and out over FADE seconds at the ends; 0 outside."""
    if not start <= t < end and not (t == end and not fade_out):
        return 0.0
    rise = _smooth((t - start) / FADE) if fade_in else 1.0
    fall = _smooth((end - t) / FADE) if fade_out else 1.0
    return min(rise, fall)


def _smooth(x: float) -> float:
    """Smoothstep on [0, 1]: eases in and out, flat at both ends."""
    x = min(max(x, 0.0), 1.0)
    return x * x * (3.0 - 2.0 * x)
