"""The show's settings: landscape, start, the list of speeds, steps per run and the time each part takes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core import DEFAULT_LANDSCAPE, FIELDS, SettingError

DEFAULT_SPEEDS = (0.02, 0.46, 0.6)
MAX_RUNS = 6
MAX_STEPS_PER_RUN = 200


@dataclass(frozen=True)
class Limit:
    """A numeric show setting: its default, bounds, whether it is whole, and a one-line help text."""

    default: float
    low: float
    high: float
    help: str
    whole: bool = False

    def parse(self, name: str, raw: object) -> float | int:
        """Check a raw value (text or number) against the bounds."""
        if raw is None or raw == "":
            return self.default
        noun = "a whole number" if self.whole else "a number"
        try:
            if isinstance(raw, bool):
                raise ValueError
            value = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            raise SettingError(
                name, f"{name} must be {noun} from {self.low:g} to {self.high:g} (got {raw!r})"
            ) from None
        if not math.isfinite(value) or not self.low <= value <= self.high or (self.whole and not value.is_integer()):
            raise SettingError(name, f"{name} must be {noun} from {self.low:g} to {self.high:g} (got {raw!r})")
        return int(value) if self.whole else value


LIMITS: dict[str, Limit] = {
    "steps": Limit(20, 1, MAX_STEPS_PER_RUN, "steps in each run", whole=True),
    "step_budget": Limit(0.7, 0.3, 10.0, "seconds each step takes on screen"),
    "intro": Limit(3.0, 0.0, 30.0, "seconds of title before the first run"),
    "card": Limit(3.0, 0.0, 30.0, "seconds the verdict card shows after each run"),
    "summary": Limit(6.0, 0.0, 60.0, "seconds of the closing summary"),
}


@dataclass(frozen=True)
class ShowSettings:
    """Checked settings for a show of one or more runs on the same curve from the same start."""

    landscape: str = DEFAULT_LANDSCAPE
    start: float | None = None
    speeds: tuple[float, ...] = DEFAULT_SPEEDS
    # The numeric defaults are LIMITS', so the flags' help, the API and a bare ShowSettings() agree.
    steps: int = int(LIMITS["steps"].default)
    step_budget: float = LIMITS["step_budget"].default
    intro: float = LIMITS["intro"].default
    card: float = LIMITS["card"].default
    summary: float = LIMITS["summary"].default

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data (the names the URL and the API use)."""
        return {
            "landscape": self.landscape,
            "start": self.start,
            "speeds": list(self.speeds),
            "steps": self.steps,
            "step_budget": self.step_budget,
            "intro": self.intro,
            "card": self.card,
            "summary": self.summary,
        }


def parse_speeds(raw: object) -> tuple[float, ...]:
    """Speeds from "0.02,0.46,0.6" or a list; each must be a speed the engine accepts."""
    if raw is None or raw == "":
        return DEFAULT_SPEEDS
    items = [s.strip() for s in raw.split(",")] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not 1 <= len(items) <= MAX_RUNS:
        raise SettingError("speeds", f"speeds must be 1 to {MAX_RUNS} numbers separated by commas (got {raw!r})")
    speed = FIELDS["speed"]
    out = []
    for item in items:
        if item == "":
            raise SettingError("speeds", f"speeds must be numbers separated by commas (got {raw!r})")
        try:
            out.append(float(speed.parse(item)))
        except SettingError:
            raise SettingError("speeds", f"each speed must be {speed.allowed()} (got {item!r})") from None
    return tuple(out)


def parse_show(raw: Mapping[str, object]) -> ShowSettings:
    """Check every show setting in `raw`; unknown names and bad values raise SettingError."""
    known = ("landscape", "start", "speeds", *LIMITS)
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise SettingError(unknown[0], f"unknown setting {unknown[0]!r}: allowed are {', '.join(known)}")
    start = FIELDS["start"].parse(raw.get("start"))
    numbers = {name: limit.parse(name, raw.get(name)) for name, limit in LIMITS.items()}
    return ShowSettings(
        landscape=FIELDS["landscape"].parse(raw.get("landscape")),
        start=None if start is None else float(start),
        speeds=parse_speeds(raw.get("speeds")),
        **numbers,  # type: ignore[arg-type]
    )
