"""The settings of a descent on a surface, described once as Fields (core/settings.py's own kind), and checked.

Kept here rather than in core/settings.py for now: the registry work (issue 12) will fold these fields in there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ...lang import N_, say
from ..errors import SettingError
from ..optimizers import OPTIMIZERS
from ..settings import FIELDS, MAX_FORMULA, Field, parse_fields
from .builtins import DEFAULT_SURFACE, SURFACES

NEWTON = "newton"
SURFACE_OPTIMIZERS: tuple[str, ...] = (*OPTIMIZERS, NEWTON)
_COORDINATE = Field("start", "float", None, N_("one setting of the start"), -1000, 1000)

SURFACE_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("landscape", "choice", DEFAULT_SURFACE, N_("the loss surface to roll down"), choices=tuple(SURFACES)),
        Field(
            "formula", "text", None, N_("your own loss surface in w1 and w2, e.g. w1^2 + 10*w2^2"), maximum=MAX_FORMULA
        ),
        Field(
            "start",
            "list",
            None,
            N_("where the ball starts, w1,w2 (default: the surface's own start)"),
            2,
            2,
            item=_COORDINATE,
        ),
        FIELDS["speed"],
        FIELDS["steps"],
        Field(
            "optimizer",
            "choice",
            "plain",
            N_("the update rule (newton: the step −H⁻¹·slope)"),
            choices=SURFACE_OPTIMIZERS,
        ),
        FIELDS["seed"],
        FIELDS["noise"],
        FIELDS["from_step"],
    )
}


@dataclass(frozen=True)
class SurfaceSettings:
    """Checked settings for one descent run on a surface."""

    landscape: str = SURFACE_FIELDS["landscape"].default
    formula: str | None = SURFACE_FIELDS["formula"].default
    start: tuple[float, float] | None = SURFACE_FIELDS["start"].default
    speed: float = SURFACE_FIELDS["speed"].default
    steps: int = SURFACE_FIELDS["steps"].default
    optimizer: str = SURFACE_FIELDS["optimizer"].default
    seed: int = SURFACE_FIELDS["seed"].default
    noise: float = SURFACE_FIELDS["noise"].default
    from_step: int = SURFACE_FIELDS["from_step"].default

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data (the start as a list of two numbers)."""
        out = asdict(self)
        out["start"] = None if self.start is None else list(self.start)
        return out


def parse_surface_settings(raw: Mapping[str, object]) -> SurfaceSettings:
    """Check every setting in `raw` ("start" as "-1.5,2" or two numbers); unknown names and bad values raise."""
    given = raw.get("start")
    parts = given.split(",") if isinstance(given, str) and given.strip() else given
    if isinstance(parts, list | tuple) and len(parts) != 2:  # the list field allows "1 to 2": a start needs both
        raise SettingError(
            "start", say("start must be two numbers, w1,w2, such as -1.5,2 (got {got})", got=repr(given))
        )
    values = parse_fields(raw, SURFACE_FIELDS)
    start = values["start"]
    values["start"] = None if start is None else (float(start[0]), float(start[1]))
    return SurfaceSettings(**values)
