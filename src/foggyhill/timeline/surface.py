"""A run (or a race of runs) on a surface laid out in time: when each step lands, the ball's spring between steps,
the slope's arrow, the tones, the verdict card. Every part is a pure function of t.

Each step's budget is split in two: the ball rests and the slope's arrow fades in (REST), then the ball rides a
spring to its next place, the spring's clock squeezed so it arrives exactly at the step's end. The tone sounds as the
ball leaves, at the pitch of the loss it is heading to, as in the three-runs show. On a surface the loss often falls
by many powers of ten (Rosenbrock's valley floor, a settling bowl), so the pitch follows the loss's power of ten above
the lowest point: each decade it descends sounds lower, where a linear scale would hold the lowest note for most of
the run.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from ..core import Field, SettingError
from ..core.settings import parse_fields
from ..core.surfaces import SURFACE_FIELDS, Surface, SurfaceRun, SurfaceSettings, run_surface, surface_for
from ..lang import N_
from .levels import LossScale, loss_scale
from .sound import Envelope, PitchMapping
from .spring import settle_time, spring

REST = 0.35  # share of a step's budget the ball rests with the slope's arrow before it moves
LONGEST_STEP = 0.6  # seconds a step takes on screen when there are few steps
QUICK_SECONDS = 12.0  # about this long is spent on the steps' first few; beyond, each step gets SHORTEST_STEP more
SHORTEST_STEP = 0.06
MAX_LANES = 6
TONE_GAP = 0.03  # seconds between the lanes' tones of one step: a quick strum, not a cluster struck at once
FIELD = 400  # the surface's loss on this many points a side sets the map's scale (its colours)
DECADES = 8.0  # the tones span at most this many powers of ten of the loss above the lowest point
TINY = 1e-300
FAR = 2.0  # a ball that flies off is sent this many window diagonals away, out of the picture
STEADY_ARROW = 0.25  # steps quicker than this (seconds) keep the arrow on the ball, rather than blinking it each step

Pair = tuple[float, float]

SURFACE_SHOW_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field(
            "step_budget",
            "float",
            None,
            f"seconds each step takes on screen (default {LONGEST_STEP:g}, less when there are many steps)",
            0.02,
            10.0,
        ),
        Field("intro", "float", 2.0, N_("seconds the title shows before the ball starts"), 0.0, 30.0),
        Field("card", "float", 6.0, N_("seconds the verdict card shows at the end"), 0.0, 60.0),
    )
}
DEFAULT_RACE = ("plain", "momentum", "adam")
# No default of its own: the flags' help writes a list's default as numbers, so the help says it in words.
RACE_FIELD = Field(
    "optimizers",
    "list",
    None,
    f"the update rules to race, comma-separated, at most {MAX_LANES} (default {','.join(DEFAULT_RACE)})",
    1,
    MAX_LANES,
    item=SURFACE_FIELDS["optimizer"],
)


@dataclass(frozen=True)
class SurfaceShow:
    """Checked timing of a surface video: seconds per step (None: chosen from the steps), title and card."""

    step_budget: float | None = SURFACE_SHOW_FIELDS["step_budget"].default
    intro: float = SURFACE_SHOW_FIELDS["intro"].default
    card: float = SURFACE_SHOW_FIELDS["card"].default

    def budget(self, steps: int) -> float:
        """Seconds per step: as given, or LONGEST_STEP for a short run, shrinking so a long one stays watchable."""
        if self.step_budget is not None:
            return self.step_budget
        return min(LONGEST_STEP, QUICK_SECONDS / max(steps, 1) + SHORTEST_STEP)


def parse_surface_show(raw: Mapping[str, object]) -> SurfaceShow:
    """Check the timing settings in `raw`; unknown names and bad values raise SettingError."""
    return SurfaceShow(**parse_fields(raw, SURFACE_SHOW_FIELDS))


def parse_race(raw: object) -> tuple[str, ...]:
    """The update rules of a race, each once."""
    rules: tuple[str, ...] = RACE_FIELD.parse(raw) or DEFAULT_RACE
    twice = sorted({r for r in rules if rules.count(r) > 1})
    if twice:
        raise SettingError("optimizers", f"each optimizer may race once (got {', '.join(twice)} more than once)")
    return rules


@dataclass(frozen=True)
class LaneStep:
    """Step k of one lane: from w_from (where the slope was felt) to w_to; it rests, then moves at `moves_at`."""

    step: int
    w_from: Pair
    w_to: Pair
    loss_to: float
    slope: Pair
    flew_off: bool
    start: float
    moves_at: float
    end: float


@dataclass(frozen=True)
class Lane:
    """One ball: its index (its colour), the engine's run, and its steps in time."""

    index: int
    run: SurfaceRun
    steps: tuple[LaneStep, ...]

    @property
    def optimizer(self) -> str:
        """The update rule this ball follows."""
        return self.run.settings.optimizer


@dataclass(frozen=True)
class SurfaceTone:
    """A short note: when it starts, its pitch, and the lane, step and loss it stands for."""

    start: float
    frequency: float
    loss: float
    run: int
    step: int


@dataclass(frozen=True)
class SurfaceTimeline:
    """The whole video: title, the lanes stepping together, the verdict card; `total` seconds long."""

    surface: Surface
    settings: SurfaceSettings  # the first lane's settings (a race differs only in the update rule)
    show: SurfaceShow
    lanes: tuple[Lane, ...]
    budget: float
    scale: LossScale  # loss → height on the map, for its colours
    floor: float  # the lowest loss the tones measure from: the lowest dip's, or the lowest any ball reached
    pitch: PitchMapping  # the loss's power of ten above the floor → pitch
    tones: tuple[SurfaceTone, ...]

    def tone_height(self, loss: float) -> float:
        """What the pitch is read from: the loss's power of ten above the floor (above the top if it flew off)."""
        return decade(self.floor, loss)

    @property
    def intro_end(self) -> float:
        """When the title has gone and the first step begins."""
        return self.show.intro

    @property
    def steps_shown(self) -> int:
        """The most steps any lane takes on screen (a ball that flew off stops early)."""
        return max((len(lane.steps) for lane in self.lanes), default=0)

    @property
    def run_end(self) -> float:
        """When the last step has landed and the card begins."""
        return self.show.intro + self.steps_shown * self.budget

    @property
    def total(self) -> float:
        """The video's length in seconds."""
        return self.run_end + self.show.card

    @property
    def is_race(self) -> bool:
        """Several balls on one surface."""
        return len(self.lanes) > 1

    def shorter(self, seconds: float) -> str:
        """How to make the video last at most `seconds`, in the run's own words: how many of its steps would fit."""
        show = self.show

        def lasts(n: int) -> float:
            return show.intro + n * show.budget(n) + show.card

        low, high = 0, self.settings.steps  # n x budget(n) grows with n: halve toward the most steps that fit
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if lasts(middle) <= seconds else (low, middle - 1)
        whose = "the race's runs take" if self.is_race else "the run takes"
        return f"use fewer steps ({whose} {self.settings.steps:,}; at most {low:,} fit), or a shorter step budget"


def build_surface_timeline(
    settings: SurfaceSettings, show: SurfaceShow, optimizers: tuple[str, ...] | None = None
) -> SurfaceTimeline:
    """Lay out one run (or a race of `optimizers`) on the settings' surface; same settings, same timeline."""
    surface = surface_for(settings)
    rules = optimizers or (settings.optimizer,)
    runs = [run_surface(surface, _with_rule(settings, rule)) for rule in rules]
    budget = show.budget(settings.steps)
    lanes = tuple(Lane(k, run, _lane_steps(surface, run, show.intro, budget)) for k, run in enumerate(runs))
    scale = map_scale(surface)
    floor = _floor(surface, runs)
    pitch = _pitch(floor, runs, budget, len(lanes))
    tones = tuple(
        SurfaceTone(
            s.moves_at + lane.index * TONE_GAP,
            pitch.frequency(decade(floor, s.loss_to)),
            s.loss_to,
            lane.index,
            s.step,
        )
        for lane in lanes
        for s in lane.steps
    )
    return SurfaceTimeline(surface, _with_rule(settings, rules[0]), show, lanes, budget, scale, floor, pitch, tones)


def map_scale(surface: Surface) -> LossScale:
    """The loss's scale over the surface's window, its bottom at the lowest dip (which the grid may just miss)."""
    _, _, losses = surface.field(FIELD)
    dip = surface.global_minimum
    return loss_scale(losses, dip.loss if dip else None)


def decade(floor: float, loss: float) -> float:
    """log10 of how far the loss is above the floor; a loss past all numbers (a ball that flew off) is above all."""
    return math.log10(max(loss - floor, TINY)) if math.isfinite(loss) else math.inf


def _floor(surface: Surface, runs: list[SurfaceRun]) -> float:
    """The lowest loss the tones measure from: the lowest dip's, or lower if a ball got lower (a typed formula)."""
    finite = np.concatenate([r.losses[np.isfinite(r.losses)] for r in runs])
    lowest = [float(finite.min())] if finite.size else []
    dip = surface.global_minimum
    return min(lowest + ([dip.loss] if dip else [])) if lowest or dip else 0.0


def _with_rule(settings: SurfaceSettings, rule: str) -> SurfaceSettings:
    """The same settings with another update rule (a race's lane)."""
    values = {**settings.__dict__, "optimizer": rule}
    return SurfaceSettings(**values)


def _lane_steps(surface: Surface, run: SurfaceRun, start: float, budget: float) -> tuple[LaneStep, ...]:
    """Each step of the run in time; a run that flew off gets one last step out of the picture."""
    ws, losses = run.ws, run.losses
    slopes = [s.slope for s in run.steps]
    out = []
    for k in range(1, len(ws) + 1):
        if k < len(ws):
            target, loss, flew = _pair(ws[k]), float(losses[k]), False
        elif run.verdict.kind == "diverged":
            target, loss, flew = _flight(surface, run), math.inf, True
        else:
            break
        begins = start + (k - 1) * budget
        out.append(
            LaneStep(
                k, _pair(ws[k - 1]), target, loss, slopes[k - 1], flew, begins, begins + REST * budget, begins + budget
            )
        )
    return tuple(out)


def _flight(surface: Surface, run: SurfaceRun) -> Pair:
    """Where a ball that flew off is sent: on along its last move (or down its slope), far out of the window."""
    last = run.steps[-1]
    way = np.array(last.taken) if np.hypot(*last.taken) > 0 else -np.array(last.slope)
    size = float(np.hypot(*way))
    way = way / size if size > 0 and math.isfinite(size) else np.array([1.0, 0.0])
    return _pair(np.array(last.w) + FAR * surface.scale * way)


def _pitch(floor: float, runs: list[SurfaceRun], budget: float, lanes: int) -> PitchMapping:
    """Decades → pitch over what the balls go through, from where they started down DECADES powers of ten at most;
    a tone a little shorter than a step, quieter when several balls sound together."""
    heights = [decade(floor, float(v)) for r in runs for v in r.losses if math.isfinite(v)]
    high = max(decade(floor, float(r.losses[0])) for r in runs)
    low = max(min(heights, default=high), high - DECADES)
    duration = min(Envelope.duration, 0.9 * budget)
    envelope = Envelope(
        duration,
        min(Envelope.attack, duration / 4),
        min(Envelope.release, duration / 2),
        Envelope.gain / math.sqrt(lanes),
    )
    return PitchMapping(low, high if high > low else low + 1.0, envelope=envelope)


def _pair(v: object) -> Pair:
    """Two plain floats from an array of two."""
    a = np.asarray(v, dtype=np.float64)
    return (float(a[0]), float(a[1]))


@dataclass(frozen=True)
class Arrow:
    """The slope under a resting ball: where, which way uphill, and how visible."""

    w: Pair
    slope: Pair
    opacity: float


@dataclass(frozen=True)
class BallView:
    """One ball at time t: where it is, how many steps it has finished, its arrow, and whether it left the map."""

    index: int
    w: Pair
    loss: float
    landed: int  # steps whose ball has arrived: the path is drawn through ws[0..landed] and on to `w`
    heard: int  # steps whose tone has sounded: the loss chart shows losses[0..heard]
    arrow: Arrow | None
    flown: bool


@dataclass(frozen=True)
class SurfaceFrame:
    """Everything a frame shows at time t."""

    t: float
    section: str  # "intro", "run" or "card"
    step: int  # the step counter: the most steps any ball has begun
    balls: tuple[BallView, ...]
    intro_opacity: float
    card_opacity: float


def surface_state_at(timeline: SurfaceTimeline, t: float) -> SurfaceFrame:
    """The video at time t seconds (clamped to its length)."""
    t = min(max(float(t), 0.0), timeline.total)
    section = "intro" if t < timeline.intro_end else "run" if t < timeline.run_end else "card"
    balls = tuple(_ball(timeline, lane, t) for lane in timeline.lanes)
    return SurfaceFrame(
        t=t,
        section=section,
        step=max((b.heard for b in balls), default=0),
        balls=balls,
        intro_opacity=1.0 - smooth((t - timeline.intro_end + FADE) / FADE) if timeline.show.intro > 0 else 0.0,
        card_opacity=smooth((t - timeline.run_end) / FADE) if t >= timeline.run_end and timeline.show.card > 0 else 0.0,
    )


FADE = 0.4  # seconds the title takes to fade out and the card to fade in


def _ball(timeline: SurfaceTimeline, lane: Lane, t: float) -> BallView:
    """One ball at time t: waiting at the start, in the step whose budget holds t, or at rest after its last."""
    run = lane.run
    first = run.steps[0]
    if not lane.steps or t < lane.steps[0].start:
        return BallView(lane.index, first.w, first.loss, 0, 0, None, False)
    k = min(int((t - lane.steps[0].start) / timeline.budget), len(lane.steps) - 1)
    while k > 0 and t < lane.steps[k].start:  # float rounding at a step's edge, either way
        k -= 1
    while k + 1 < len(lane.steps) and t >= lane.steps[k].end:
        k += 1
    step = lane.steps[k]
    if t >= step.end:  # after the lane's last step
        w, loss = step.w_to, step.loss_to
        return BallView(lane.index, w, loss, step.step, step.step, None, step.flew_off)
    ball = _placed(timeline, lane, step, t)
    if timeline.budget < STEADY_ARROW and not ball.flown and t < timeline.run_end:
        slope = timeline.surface.gradient(np.array(ball.w))
        return replace(ball, arrow=Arrow(ball.w, _pair(slope), 1.0))
    return ball


def _placed(timeline: SurfaceTimeline, lane: Lane, step: LaneStep, t: float) -> BallView:
    """The ball during step `step`: resting with the slope's arrow fading in, then riding the spring."""
    run = lane.run
    if t < step.moves_at:
        share = (t - step.start) / (step.moves_at - step.start)
        resting = Arrow(step.w_from, step.slope, smooth(share / 0.5))
        loss = float(run.losses[step.step - 1])
        return BallView(lane.index, step.w_from, loss, step.step - 1, step.step - 1, resting, False)
    share = (t - step.moves_at) / (step.end - step.moves_at)
    along = spring(share * settle_time(), 0.0, 1.0)
    w = tuple(a + (b - a) * along for a, b in zip(step.w_from, step.w_to, strict=True))
    w_pair: Pair = (float(w[0]), float(w[1]))
    arrow = Arrow(step.w_from, step.slope, 1.0 - smooth(share / 0.3)) if share < 0.3 else None
    loss = float(timeline.surface.loss(np.array(w_pair))) if not step.flew_off else step.loss_to
    flown = step.flew_off and not _inside(timeline.surface, w_pair)
    return BallView(lane.index, w_pair, loss, step.step - 1, step.step, arrow, flown)


def _inside(surface: Surface, w: Pair) -> bool:
    """Whether w lies in the surface's window."""
    (a, b), (c, d) = surface.window
    return a <= w[0] <= b and c <= w[1] <= d


def smooth(x: float) -> float:
    """Smoothstep on [0, 1]: eases in and out, flat at both ends."""
    x = min(max(x, 0.0), 1.0)
    return x * x * (3.0 - 2.0 * x)
