"""The show's settings: landscape, start, the list of speeds, steps per run and the time each part takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..core import FIELDS, Field
from ..core.settings import parse_fields
from ..lang import N_

DEFAULT_SPEEDS = (0.02, 0.46, 0.6)
MAX_RUNS = 6
MAX_STEPS_PER_RUN = 200


# The show's settings, checked and worded by the engine's one settings type, in the order a link writes them.
SHOW_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        FIELDS["landscape"],
        FIELDS["start"],
        Field(
            "speeds",
            "list",
            DEFAULT_SPEEDS,
            f"the runs' speeds, comma-separated: at most {MAX_RUNS}",
            1,
            MAX_RUNS,
            item=FIELDS["speed"],
        ),
        Field("steps", "int", 20, N_("steps in each run"), 1, MAX_STEPS_PER_RUN),
        Field("step_budget", "float", 0.7, N_("seconds each step takes on screen"), 0.3, 10.0),
        Field("intro", "float", 3.0, N_("seconds of title before the first run"), 0.0, 30.0),
        Field("card", "float", 3.0, N_("seconds the verdict card shows after each run"), 0.0, 30.0),
        Field("summary", "float", 6.0, N_("seconds of the closing summary"), 0.0, 60.0),
    )
}
TIMING = ("steps", "step_budget", "intro", "card", "summary")  # the show's numbers, after its curve and speeds


@dataclass(frozen=True)
class ShowSettings:
    """Checked settings for a show of one or more runs on the same curve from the same start."""

    # The defaults are SHOW_FIELDS', so the flags' help, the API and a bare ShowSettings() agree.
    landscape: str = SHOW_FIELDS["landscape"].default
    start: float | None = SHOW_FIELDS["start"].default
    speeds: tuple[float, ...] = SHOW_FIELDS["speeds"].default
    steps: int = SHOW_FIELDS["steps"].default
    step_budget: float = SHOW_FIELDS["step_budget"].default
    intro: float = SHOW_FIELDS["intro"].default
    card: float = SHOW_FIELDS["card"].default
    summary: float = SHOW_FIELDS["summary"].default

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data (the names the URL and the API use)."""
        return {**asdict(self), "speeds": list(self.speeds)}


def parse_show(raw: Mapping[str, object]) -> ShowSettings:
    """Check every show setting in `raw`; unknown names and bad values raise SettingError."""
    values = parse_fields(raw, SHOW_FIELDS)
    start = values["start"]
    return ShowSettings(**{**values, "start": None if start is None else float(start)})
