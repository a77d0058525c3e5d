"""The whole show laid out in time: intro, each run step by step (idle → gradient → step → done), cards, summary."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core import ESCAPE, Landscape, Run, Verdict, get_landscape, parse_settings, run_descent
from ..lang import N_, _
from .distance import DistanceScale, distance_scale, distances, how_far, limit_words, lowest_point
from .settings import ShowSettings
from .sound import PitchMapping, mapping_for
from .spring import Spring

# Each step's time budget, split in this order; the shares add up to 1.
PHASES: tuple[tuple[str, float], ...] = (("idle", 0.1), ("gradient", 0.25), ("step", 0.5), ("done", 0.15))
PHASE_NAMES = tuple(name for name, _ in PHASES)
# What the stage calls each phase, in the learner's words; the ball resting before a step has no word of its own.
# Marked only: translated where shown (the video draws them in English).
PHASE_WORDS: dict[str, str] = {"idle": "", "gradient": N_("feel the slope"), "step": N_("step"), "done": N_("settle")}
CURVE_SAMPLES = 241


@dataclass(frozen=True)
class Phase:
    """One phase of a step, from `start` to `end` seconds on the show's clock."""

    name: str
    start: float
    end: float


@dataclass(frozen=True)
class StepPlan:
    """Step k of a run: the ball moves from w_from to w_to, judged by the slope at w_from."""

    step: int
    w_from: float
    w_to: float
    loss_from: float
    loss_to: float
    slope: float
    flew_off: bool
    phases: tuple[Phase, ...]

    @property
    def start(self) -> float:
        """When the step's budget begins."""
        return self.phases[0].start

    @property
    def end(self) -> float:
        """When the step's budget ends."""
        return self.phases[-1].end

    @property
    def moves_at(self) -> float:
        """When the ball leaves w_from (the start of the step phase): the tone sounds here."""
        return self.phases[PHASE_NAMES.index("step")].start

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data."""
        return {
            "step": self.step,
            "w_from": self.w_from,
            "w_to": self.w_to,
            "loss_from": self.loss_from,
            "loss_to": self.loss_to,
            "slope": self.slope,
            "flew_off": self.flew_off,
            "start": self.start,
            "end": self.end,
            "phases": [{"name": p.name, "start": p.start, "end": p.end} for p in self.phases],
        }


@dataclass(frozen=True)
class RunPlan:
    """One run of the show: its speed, the engine's run, its steps in time, and its verdict card."""

    index: int
    speed: float
    run: Run
    start: float
    end: float
    card_end: float
    steps: tuple[StepPlan, ...]
    distances: tuple[float, ...]  # |w − w*| at the start and after each step on the curve

    @property
    def verdict(self) -> Verdict:
        """The engine's verdict on this run."""
        return self.run.verdict

    @property
    def how_far(self) -> str:
        """The summary's words on where the run ended: how far from the lowest point, or when it flew off."""
        return how_far(self.verdict.kind, self.verdict.step, self.distances)

    @property
    def final_w(self) -> float:
        """Where the ball rests when the run is over (the last place it was on the curve)."""
        return self.run.steps[-1].w

    def to_dict(self) -> dict[str, Any]:
        """The run as JSON-ready data."""
        return {
            "index": self.index,
            "speed": self.speed,
            "start": self.start,
            "end": self.end,
            "card": {"start": self.end, "end": self.card_end},
            "w0": self.run.steps[0].w,
            "loss0": self.run.steps[0].loss,
            "distances": list(self.distances),
            "how_far": self.how_far,
            "verdict": self.verdict.to_dict(),
            "steps": [s.to_dict() for s in self.steps],
        }


@dataclass(frozen=True)
class Tone:
    """A short note: when it starts, its pitch, and the step and loss it stands for."""

    start: float
    frequency: float
    loss: float
    run: int
    step: int

    def to_dict(self) -> dict[str, float | int]:
        """The tone as JSON-ready data."""
        return {"start": self.start, "frequency": self.frequency, "loss": self.loss, "run": self.run, "step": self.step}


@dataclass(frozen=True)
class Timeline:
    """The whole show: every part's absolute start and end, the runs, the tones; `total` seconds long."""

    settings: ShowSettings
    landscape: Landscape
    runs: tuple[RunPlan, ...]
    pitch: PitchMapping
    tones: tuple[Tone, ...]
    scale: DistanceScale
    spring: Spring = Spring()

    @property
    def intro_end(self) -> float:
        """When the title ends and the first run begins."""
        return self.settings.intro

    @property
    def summary_start(self) -> float:
        """When the last run's card ends and the summary begins."""
        s = self.settings
        return s.intro + len(self.runs) * (s.steps * s.step_budget + s.card)

    @property
    def total(self) -> float:
        """The show's length in seconds."""
        return self.summary_start + self.settings.summary

    @property
    def limit_words(self) -> str:
        """The summary's line on 2 / curvature and which runs were over it."""
        return limit_words(self.scale, tuple(r.speed for r in self.runs))

    def to_dict(self) -> dict[str, Any]:
        """The timeline as JSON-ready data: the web page plays exactly this."""
        lo, hi = self.landscape.window
        ws = np.linspace(lo, hi, CURVE_SAMPLES)
        with np.errstate(all="ignore"):
            losses = np.asarray(self.landscape.loss(ws), dtype=np.float64)
        return {
            "settings": self.settings.to_dict(),
            "landscape": {
                "name": self.landscape.name,
                "title": _(self.landscape.title),
                "formula": self.landscape.formula,
                "window": [lo, hi],
                "curve": [[float(w), _finite(v)] for w, v in zip(ws, losses, strict=True)],
                "minima": [{"w": m.w, "loss": m.loss, "global": m.is_global} for m in self.landscape.minima],
            },
            "phases": [
                {"name": n, "share": s, "words": _(PHASE_WORDS[n]) if PHASE_WORDS[n] else ""} for n, s in PHASES
            ],
            "distance": self.scale.to_dict(),
            "intro": {"start": 0.0, "end": self.intro_end},
            "runs": [r.to_dict() for r in self.runs],
            "summary": {"start": self.summary_start, "end": self.total, "limit": self.limit_words},
            "total": self.total,
            "spring": self.spring.to_dict(),
            "sound": self.pitch.to_dict(),
            "tones": [t.to_dict() for t in self.tones],
        }


def _finite(value: float) -> float:
    """JSON has no infinity: a loss too big to write is written as the largest float."""
    return float(value) if math.isfinite(value) else math.copysign(np.finfo(np.float64).max, value)


def build_timeline(settings: ShowSettings) -> Timeline:
    """Lay out the show the settings describe; the same settings always give the same timeline."""
    landscape = get_landscape(settings.landscape)
    pitch = mapping_for(landscape)
    run_length = settings.steps * settings.step_budget
    bottom, _ = lowest_point(landscape)
    runs = []
    for index, speed in enumerate(settings.speeds):
        start = settings.intro + index * (run_length + settings.card)
        runs.append(_plan_run(landscape, settings, index, speed, start, bottom))
    tones = tuple(
        Tone(s.moves_at, pitch.frequency(s.loss_to), s.loss_to, r.index, s.step) for r in runs for s in r.steps
    )
    scale = distance_scale(landscape, [r.distances for r in runs])
    return Timeline(settings, landscape, tuple(runs), pitch, tones, scale)


def _plan_run(
    landscape: Landscape, settings: ShowSettings, index: int, speed: float, start: float, bottom: float
) -> RunPlan:
    """One run: the engine's trajectory, each step given its budget; a ball that flies off gets one last step."""
    chosen = parse_settings(
        {"landscape": landscape.name, "start": settings.start, "speed": speed, "steps": settings.steps}
    )
    run = run_descent(landscape, chosen)
    points = [(s.w, s.loss, s.slope) for s in run.steps]
    steps = []
    for k in range(1, len(points) + 1):
        w_from, loss_from, slope = points[k - 1]
        if k < len(points):
            w_to, loss_to, flew_off = points[k][0], points[k][1], False
        elif run.verdict.kind == "diverged" and k == run.verdict.step:
            w_to, loss_to, flew_off = _flight(landscape, w_from, speed, slope)
        else:
            break
        steps.append(StepPlan(k, w_from, w_to, loss_from, loss_to, slope, flew_off, _phases(start, k, settings)))
    end = start + settings.steps * settings.step_budget
    return RunPlan(index, speed, run, start, end, end + settings.card, tuple(steps), distances(run, bottom))


def _flight(landscape: Landscape, w: float, speed: float, slope: float) -> tuple[float, float, bool]:
    """The step that throws the ball off the curve, capped where the engine stops following it."""
    with np.errstate(all="ignore"):
        target = w - speed * slope
        target = math.copysign(ESCAPE, target) if not math.isfinite(target) or abs(target) > ESCAPE else target
        return target, _finite(float(landscape.loss(target))), True


def _phases(run_start: float, k: int, settings: ShowSettings) -> tuple[Phase, ...]:
    """The four phases of step k, as absolute times; each phase ends exactly where the next begins."""
    edges = [0.0]
    for _name, share in PHASES:
        edges.append(edges[-1] + share)
    edges[-1] = 1.0  # the shares' float sum may miss 1 by a hair; the next step must start exactly here
    times = [run_start + (k - 1 + e) * settings.step_budget for e in edges]
    return tuple(Phase(name, times[i], times[i + 1]) for i, (name, _) in enumerate(PHASES))
