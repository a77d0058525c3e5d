"""The theory behind the verdicts: when a minimum can hold a plain-descent run, and the speed zones around it."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang import N_
from .landscapes import Extremum, Landscape


@dataclass(frozen=True)
class StabilityBound:
    """For one minimum: the speeds that keep plain descent there, from the curvature at the bottom."""

    minimum: Extremum
    bound: float | None  # 2 / curvature: above it, the minimum cannot hold a run
    fastest: float | None  # 1 / curvature: the one-step speed near the bottom; below it, no swinging

    def zone(self, speed: float) -> str:
        """Which zone `speed` falls in: smooth, swinging, unstable ('kink' at a corner, 'flat' with no curvature)."""
        if self.minimum.kink:
            return "kink"
        if self.bound is None or self.fastest is None:
            return "flat"
        if speed <= self.fastest:
            return "smooth"
        return "swinging" if speed < self.bound else "unstable"

    def to_dict(self) -> dict[str, object]:
        """The bound as JSON-ready data."""
        m = self.minimum
        return {
            "w": m.w,
            "loss": m.loss,
            "curvature": m.curvature,
            "global": m.is_global,
            "kink": m.kink,
            "stability_bound": self.bound,
            "fastest_stable_speed": self.fastest,
        }


# The simulation page's zone labels (common/zones.js) are the words before each colon; a browser test compares them.
# Marked only: translated where shown, `_(ZONE_WORDS[zone])`.
ZONE_WORDS: dict[str, str] = {
    "smooth": N_("slides straight in: each step lands short of the bottom, never past it"),
    "swinging": N_("settles while swinging: it overshoots the bottom, each swing smaller than the last"),
    "unstable": N_("never settles in this dip: near the bottom each overshoot is bigger than the last"),
    "kink": N_("the bottom is a sharp kink: plain descent always bounces across it"),
    "flat": N_(
        "the bottom is flat, with no curvature: close to it the steps shrink with the slope, so it settles slowly"
    ),
}


def stability_bounds(landscape: Landscape) -> tuple[StabilityBound, ...]:
    """The stability bound 2/curvature and the fastest stable speed 1/curvature of each minimum."""
    return tuple(StabilityBound(m, m.stability_bound, m.fastest_stable_speed) for m in landscape.minima)


def peek(landscape: Landscape, points: int = 7) -> list[dict[str, float]]:
    """The loss at a handful of evenly spaced settings across the window: "peek at the data first"."""
    lo, hi = landscape.window
    rows = []
    for k in range(points):
        w = lo + (hi - lo) * k / (points - 1)
        rows.append({"w": round(w, 6), "loss": float(landscape.loss(w))})
    return rows
