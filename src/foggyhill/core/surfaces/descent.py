"""Whole descent runs on a surface: the trajectory step by step, and the verdict on it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ...lang import say
from ..errors import SettingError
from ..optimizers import get_optimizer
from ..verdicts import ESCAPE, Verdict
from .builtins import get_surface
from .newton import newton_step
from .settings import NEWTON, SurfaceSettings, parse_surface_settings
from .surface import Array, Surface
from .verdicts import SurfaceStepping, judge_surface

Pair = tuple[float, float]


@dataclass(frozen=True)
class SurfaceStep:
    """The ball at one step: where it is (w1, w2), how high, the slope under it, and the move that brought it here."""

    step: int
    w: Pair
    loss: float
    slope: Pair  # the gradient: ∂loss/∂w1, ∂loss/∂w2
    taken: Pair

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data: `w`, `slope` and `taken` as lists of two numbers."""
        return {
            "step": self.step,
            "w": list(self.w),
            "loss": self.loss,
            "slope": list(self.slope),
            "taken": list(self.taken),
        }


@dataclass(frozen=True)
class SurfaceRun:
    """A descent run on a surface: its surface, settings, steps (0 is the start) and verdict."""

    surface: Surface
    settings: SurfaceSettings
    steps: tuple[SurfaceStep, ...]
    verdict: Verdict

    @property
    def ws(self) -> Array:
        """(w1, w2) at every step, as an array of shape (steps + 1, 2)."""
        return np.array([s.w for s in self.steps], dtype=np.float64).reshape(-1, 2)

    @property
    def losses(self) -> Array:
        """The loss at every step."""
        return np.array([s.loss for s in self.steps], dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """The run as JSON-ready data (the shape `foggyhill descend --landscape <surface> --json` prints)."""
        return {
            "landscape": self.surface.name,
            "settings": {**self.settings.to_dict(), "start": list(self.steps[0].w)},
            "steps": [s.to_dict() for s in self.steps],
            "verdict": self.verdict.to_dict(),
        }

    def __repr__(self) -> str:
        v, (w1, w2) = self.verdict, self.steps[0].w
        return (
            f"SurfaceRun({self.surface.name}, start=({w1:g}, {w2:g}), speed={self.settings.speed:g}, "
            f"{self.settings.optimizer}, {len(self.steps) - 1} steps: {v.kind} at step {v.step})"
        )


def surface_for(settings: SurfaceSettings) -> Surface:
    """The surface the settings name: a typed formula in w1 and w2 wins over a built-in name."""
    if settings.formula:
        from ..formula.surface import formula_surface  # the parser is only loaded when someone types a formula

        return formula_surface(settings.formula, start=settings.start)
    return get_surface(settings.landscape)


def descend_surface(surface: Surface | str | None = None, **settings: Any) -> SurfaceRun:
    """Roll the ball down a surface with the given settings (start=(w1, w2), speed, steps, optimizer, noise, seed)."""
    if isinstance(surface, Surface):
        return run_surface(surface, replace(parse_surface_settings(settings), landscape=surface.name))
    chosen = parse_surface_settings({**settings, "landscape": surface} if surface else settings)
    return run_surface(surface_for(chosen), chosen)


def run_surface(surface: Surface, settings: SurfaceSettings) -> SurfaceRun:
    """Run checked settings on a surface and judge the result."""
    start = np.array(surface.start if settings.start is None else settings.start, dtype=np.float64)
    if not np.isfinite(surface.loss(start)) or not np.isfinite(surface.gradient(start)).all():
        raise SettingError(
            "start",
            say("the loss is undefined at the start ({w1:g}, {w2:g}): pick another start", w1=start[0], w2=start[1]),
        )
    rng = np.random.default_rng(settings.seed)

    def felt_slope(w: Array) -> Array:
        g = surface.gradient(w)
        return g + settings.noise * rng.standard_normal(np.shape(w)) if settings.noise > 0 else g

    ws, diverged_at, stopped_at = _roll(surface, settings, start, felt_slope)
    how = SurfaceStepping(settings.speed, settings.optimizer, settings.noise, settings.from_step)
    verdict = judge_surface(surface, ws, diverged_at, stopped_at, how)
    return SurfaceRun(surface, settings, _steps(surface, ws, settings.from_step), verdict)


def _roll(
    surface: Surface, settings: SurfaceSettings, start: Array, felt_slope: Any
) -> tuple[Array, int | None, int | None]:
    """The trajectory, and the step it flew off at or the step Newton could not take (None: neither)."""
    ws = [start]
    w, state = start, dict[str, Array]()
    diverged_at = stopped_at = None
    with np.errstate(all="ignore"):
        for t in range(settings.steps):
            if settings.optimizer == NEWTON:
                w, ok = newton_step(w, felt_slope, surface.hessian, settings.speed)
                if not bool(ok):
                    stopped_at = t
                    break
            else:
                w = get_optimizer(settings.optimizer).step(w, felt_slope, settings.speed, state, t)
            if not np.isfinite(w).all() or float(np.abs(w).max()) > ESCAPE or not np.isfinite(surface.loss(w)):
                diverged_at = t + 1
                break
            ws.append(w)
    return np.array(ws, dtype=np.float64), diverged_at, stopped_at


def _steps(surface: Surface, ws: Array, first: int) -> tuple[SurfaceStep, ...]:
    """Each point of the trajectory as a step, numbered from `first` (a run carried on from step `first`)."""
    with np.errstate(all="ignore"):
        losses, slopes = surface.loss(ws), surface.gradient(ws)
    taken = np.concatenate([np.zeros((1, 2)), np.diff(ws, axis=0)])
    return tuple(
        SurfaceStep(first + k, _pair(ws[k]), float(losses[k]), _pair(slopes[k]), _pair(taken[k]))
        for k in range(len(ws))
    )


def _pair(v: Array) -> Pair:
    return (float(v[0]), float(v[1]))
