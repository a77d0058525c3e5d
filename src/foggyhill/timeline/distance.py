"""How far each run is from the lowest point, step by step, and the log scale every run's chart shares.

On a log scale a run that settles draws a straight falling line, one that swings forever a flat line, and one that
flies off a rising line: the difference between just below and just above 2 / curvature becomes visible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from ..core import TOLERANCE, ZONE_WORDS, Landscape, Run
from ..lang import N_, _, number, number_text, say

FLOOR = -12  # the chart's foot is never below 10^-12: closer than that is the end of float precision, not a swing
DEEPEST_TOP = -4  # the foot is at least this low, so the engine's "settled" line (10^-3) is always on the chart
MAX_TICKS = 5
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class DistanceScale:
    """The shared log scale: from 10^low to 10^high, its labelled decades, and the engine's numbers it marks."""

    bottom: float  # w of the lowest point the distances are measured to
    low: int
    high: int
    ticks: tuple[int, ...]
    settled: float  # the engine's "settled" tolerance: a run that stays below this line has arrived
    bound: float | None  # 2 / curvature at the lowest point: faster than this, no run can settle there

    def share(self, distance: float) -> float:
        """Where `distance` sits on the scale: 0 at the foot, 1 at the top (clamped; 0 and below at the foot)."""
        if not distance > 0:
            return 0.0
        exponent = math.log10(distance) if math.isfinite(distance) else self.high
        return min(max((exponent - self.low) / (self.high - self.low), 0.0), 1.0)

    def to_dict(self) -> dict[str, object]:
        """The scale as JSON-ready data."""
        return {
            "bottom": self.bottom,
            "low": self.low,
            "high": self.high,
            "ticks": [{"exponent": e, "label": decade_label(e)} for e in self.ticks],
            "settled": self.settled,
            "bound": self.bound,
        }


def decade_label(exponent: int) -> str:
    """A tick's words: 10, 1, 0.1, 0.01, 0.001 as a learner reads them; smaller ones as powers of ten."""
    if exponent >= -3:
        return readable(10.0**exponent)
    return f"10{str(exponent).translate(SUPERSCRIPT)}"


def lowest_point(landscape: Landscape) -> tuple[float, float | None]:
    """The w the distances are measured to, and its stability bound: the lowest dip, else the lowest sampled w."""
    best = landscape.global_minimum
    if best is not None:
        return best.w, best.stability_bound
    lo, hi = landscape.window
    ws = np.linspace(lo, hi, 801)
    with np.errstate(all="ignore"):
        losses = np.asarray(landscape.loss(ws), dtype=np.float64)
    return float(ws[int(np.nanargmin(np.where(np.isfinite(losses), losses, np.nan)))]), None


def distances(run: Run, bottom: float) -> tuple[float, ...]:
    """|w − w*| at the start and after every step the engine kept (the ball on the curve)."""
    return tuple(abs(s.w - bottom) for s in run.steps)


def distance_scale(landscape: Landscape, runs: list[tuple[float, ...]]) -> DistanceScale:
    """One scale for every run: the top a decade above the window's width, the foot a decade below the closest."""
    bottom, bound = lowest_point(landscape)
    lo, hi = landscape.window
    high = math.ceil(math.log10(hi - lo))
    positive = [d for ds in runs for d in ds if d > 0]
    closest = math.floor(math.log10(min(positive))) if positive else FLOOR
    low = max(FLOOR, min(DEEPEST_TOP, closest))
    return DistanceScale(bottom, low, high, _ticks(low, high), TOLERANCE, bound)


def _ticks(low: int, high: int) -> tuple[int, ...]:
    """Decades to label, every 1, 2, 3 or 4 of them so at most MAX_TICKS; 10^0 = 1 is always one of them."""
    every = next(e for e in (1, 2, 3, 4, 6) if (high - low) // e + 1 <= MAX_TICKS)
    return tuple(e for e in range(low, high + 1) if e % every == 0)


def readable(x: float, digits: int = 3) -> str:
    """A number as the page's formatNumber writes it: short, a real minus, tiny or huge ones in powers of ten."""
    size = abs(x)
    if not math.isfinite(x):
        return "—"
    if size != 0 and (size >= 1e4 or size < 10**-digits / 2):
        mantissa, exponent = f"{x:.2e}".split("e")
        return f"{_shortest(float(mantissa))}\u2009×\u200910{str(int(exponent)).translate(SUPERSCRIPT)}"
    places = min(1, digits) if size >= 1000 else digits
    # toFixed rounds a tie up; Python's format would round it to even
    rounded = float(Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return _shortest(0.0 if rounded == 0 else rounded)


def _shortest(x: float) -> str:
    """JavaScript's String(number) for ordinary sizes: no trailing .0, a real minus sign."""
    text = str(int(x)) if x.is_integer() else repr(x)
    return text.replace("-", "\u2212")


def how_far(kind: str, step: int, distances: tuple[float, ...]) -> str:
    """A finished run in the summary's words: how far from the lowest point it ended, or when it flew off."""
    if kind == "diverged":
        return say("flew off at step {step}", step=step)
    steps = len(distances) - 1
    last = distances[-1]
    # two significant digits below 0.01: 0.0009 is under the engine's 0.001, which three decimals would hide
    words = number(last, ".2g") if 5e-4 <= last < 0.01 else number_text(readable(last))
    if steps == 1:
        return say("{distance} from the lowest point after 1 step", distance=words)
    return say("{distance} from the lowest point after {steps} steps", distance=words, steps=steps)


def limit_words(scale: DistanceScale, speeds: tuple[float, ...]) -> str:
    """The summary's line on 2 / curvature: the fastest speed the lowest point can hold, and which runs were over."""
    if scale.bound is None:
        kink = ZONE_WORDS["kink"]
        words = _(kink)
        return f"{words[0].upper()}{words[1:]}."
    below = [number(s) for s in speeds if s < scale.bound]
    above = [number(s) for s in speeds if s >= scale.bound]
    # no-break spaces: a wrapped line never ends in "2 /"
    limit = say(
        "The lowest point can hold a run only below 2\u00a0/\u00a0curvature = {bound}",
        bound=number_text(readable(scale.bound)),
    )
    if not above:
        return say("{limit}: every speed here is below it.", limit=limit)
    if not below:
        return say("{limit}: every speed here is above it.", limit=limit)
    return say(_SPLIT[len(below) == 1, len(above) == 1], limit=limit, below=_listed(below), above=_listed(above))


# Whole sentences for one speed and for several, on each side of the limit.
_SPLIT = {
    (True, True): N_("{limit}: here {below} is below, {above} is above."),
    (True, False): N_("{limit}: here {below} is below, {above} are above."),
    (False, True): N_("{limit}: here {below} are below, {above} is above."),
    (False, False): N_("{limit}: here {below} are below, {above} are above."),
}


def _listed(words: list[str]) -> str:
    """Speeds in a list a reader says aloud: 0.1, 0.5 and 1."""
    if len(words) == 1:
        return words[0]
    some = words[0]
    for word in words[1:-1]:  # Spanish lists decimal commas with semicolons between: 0,1; 0,5 y 1
        some = say("{some}, {next}", some=some, next=word)
    return say("{some} and {last}", some=some, last=words[-1])
