"""Whole descent runs: the trajectory step by step, and the verdict on it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..lang import say
from .errors import SettingError
from .landscapes import Landscape, get_landscape
from .optimizers import get_optimizer
from .schedules import speed_at
from .settings import DescentSettings, parse_settings
from .verdicts import ESCAPE, Stepping, Verdict, judge


@dataclass(frozen=True)
class Step:
    """The ball at one step: where it is, how high, the slope under it, and the move that brought it here."""

    step: int
    w: float
    loss: float
    slope: float
    taken: float

    def to_dict(self) -> dict[str, float | int]:
        """The step as JSON-ready data."""
        return {"step": self.step, "w": self.w, "loss": self.loss, "slope": self.slope, "taken": self.taken}


@dataclass(frozen=True)
class Run:
    """A descent run: its landscape, settings, steps (0 is the start) and verdict."""

    landscape: Landscape
    settings: DescentSettings
    steps: tuple[Step, ...]
    verdict: Verdict

    @property
    def ws(self) -> NDArray[np.float64]:
        """w at every step, as an array."""
        return np.array([s.w for s in self.steps])

    @property
    def losses(self) -> NDArray[np.float64]:
        """The loss at every step, as an array."""
        return np.array([s.loss for s in self.steps])

    def to_dict(self) -> dict[str, Any]:
        """The run as JSON-ready data (the shape `foggyhill descend --json` prints)."""
        return {
            "landscape": self.landscape.name,
            "settings": {**self.settings.to_dict(), "start": self.steps[0].w},
            "steps": [s.to_dict() for s in self.steps],
            "verdict": self.verdict.to_dict(),
        }

    def __repr__(self) -> str:
        v = self.verdict
        return (
            f"Run({self.landscape.name}, start={self.steps[0].w:g}, speed={self.settings.speed:g}, "
            f"{len(self.steps) - 1} steps: {v.kind} at step {v.step})"
        )


def landscape_for(settings: DescentSettings) -> Landscape:
    """The landscape the settings name: a typed formula wins over a built-in name."""
    if settings.formula:
        from .formula import formula_landscape  # the parser is only loaded when someone types a formula

        return formula_landscape(settings.formula, start=settings.start)
    return get_landscape(settings.landscape)


def descend(landscape: Landscape | str | None = None, **settings: Any) -> Run:
    """Roll the ball downhill with the given settings (speed, start, steps, optimizer, noise, ...)."""
    if isinstance(landscape, Landscape):
        return run_descent(landscape, replace(parse_settings(settings), landscape=landscape.name))
    chosen = parse_settings({**settings, "landscape": landscape} if landscape else settings)
    return run_descent(landscape_for(chosen), chosen)


def run_descent(landscape: Landscape, settings: DescentSettings) -> Run:
    """Run checked settings on a landscape and judge the result."""
    start = landscape.start if settings.start is None else settings.start
    optimizer = get_optimizer(settings.optimizer)
    rng = np.random.default_rng(settings.seed)
    noise = settings.noise

    def felt_slope(w: NDArray[np.float64]) -> NDArray[np.float64]:
        g = landscape.slope(w)
        return g + noise * rng.standard_normal(np.shape(w)) if noise > 0 else g

    ws = [float(start)]
    state: dict[str, NDArray[np.float64]] = {}
    w: NDArray[np.float64] = np.array(start, dtype=np.float64)
    diverged_at = None
    with np.errstate(all="ignore"):
        for t in range(settings.steps):
            w = optimizer.step(w, felt_slope, speed_at(settings.schedule, settings.speed, t), state, t)
            if not np.isfinite(w) or abs(w) > ESCAPE:
                diverged_at = t + 1
                break
            ws.append(float(w))
        # The loss is checked once for the whole path rather than on every step: the first step where it is
        # undefined is where the ball flew off the curve.
        undefined = np.flatnonzero(~np.isfinite(landscape.loss(np.array(ws))))
    if undefined.size and undefined[0] == 0:
        message = say("the loss is undefined at the start w = {start:g}: pick a start on the curve", start=start)
        raise SettingError("start", message)
    if undefined.size:
        diverged_at, ws = int(undefined[0]), ws[: int(undefined[0])]
    trajectory = np.array(ws)
    how = Stepping(settings.speed, settings.optimizer, settings.schedule, settings.noise, settings.from_step)
    verdict = judge(landscape, trajectory, diverged_at, stepping=how)
    return Run(landscape, settings, _steps(landscape, trajectory, settings.from_step), verdict)


def _steps(landscape: Landscape, ws: NDArray[np.float64], first: int) -> tuple[Step, ...]:
    with np.errstate(all="ignore"):
        losses, slopes = landscape.loss(ws), landscape.slope(ws)
    taken = np.concatenate([[0.0], np.diff(ws)])
    return tuple(
        Step(first + k, float(ws[k]), float(losses[k]), float(slopes[k]), float(taken[k])) for k in range(len(ws))
    )
