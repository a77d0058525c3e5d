"""The show's settings: landscape, start, the list of speeds, steps per run and the time each part takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core import DEFAULT_LANDSCAPE, FIELDS, Field, SettingError

DEFAULT_SPEEDS = (0.02, 0.46, 0.6)
MAX_RUNS = 6
MAX_STEPS_PER_RUN = 200


# The show's numeric settings, checked and worded by the engine's one settings type.
LIMITS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("steps", "int", 20, "steps in each run", 1, MAX_STEPS_PER_RUN),
        Field("step_budget", "float", 0.7, "seconds each step takes on screen", 0.3, 10.0),
        Field("intro", "float", 3.0, "seconds of title before the first run", 0.0, 30.0),
        Field("card", "float", 3.0, "seconds the verdict card shows after each run", 0.0, 30.0),
        Field("summary", "float", 6.0, "seconds of the closing summary", 0.0, 60.0),
    )
}


@dataclass(frozen=True)
class ShowSettings:
    """Checked settings for a show of one or more runs on the same curve from the same start."""

    landscape: str = DEFAULT_LANDSCAPE
    start: float | None = None
    speeds: tuple[float, ...] = DEFAULT_SPEEDS
    # The numeric defaults are LIMITS', so the flags' help, the API and a bare ShowSettings() agree.
    steps: int = LIMITS["steps"].default
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
    numbers = {name: field.parse(raw.get(name)) for name, field in LIMITS.items()}
    return ShowSettings(
        landscape=FIELDS["landscape"].parse(raw.get("landscape")),
        start=None if start is None else float(start),
        speeds=parse_speeds(raw.get("speeds")),
        **numbers,  # type: ignore[arg-type]
    )
