"""The settings of the learning-rate map and the bifurcation diagram: their fields, checks and work limits.

One description for `foggyhill map`'s flags and `/api/map` and `/api/bifurcation`'s parameters, as
`settings.FIELDS` is for a descent run; the curve itself (landscape, formula, start) is checked by `FIELDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..lang import N_, say
from .errors import SettingError
from .settings import DescentSettings, Field, parse_settings

MAP_OPTIMIZERS = ("plain", "momentum", "nesterov")  # the update rules the sweep runs
MAX_CELLS = 250_000  # speeds x starts in one map
MAX_MAP_WORK = 40_000_000  # cells x steps: a few seconds on the numpy lanes, a fraction of one compiled
MAX_DIAGRAM_WORK = 4_000_000  # speeds x (burn-in + kept points): a tenth of a second in numpy

MAP_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("steps", "int", 200, N_("how many steps each run of the map takes"), 1, 2000),
        Field("speeds", "int", 200, N_("how many speeds (rows of the map), log-spaced"), 2, 1000),
        Field("starts", "int", 160, N_("how many starts (columns of the map) across the curve's window"), 2, 1000),
        Field("speed_min", "float", 0.001, N_("the smallest speed on the map"), 0, 100, above_minimum=True),
        Field("speed_max", "float", 2.0, N_("the largest speed on the map"), 0, 100, above_minimum=True),
        Field("optimizer", "choice", "plain", N_("the update rule"), choices=MAP_OPTIMIZERS),
    )
}
DIAGRAM_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("speeds", "int", 600, N_("how many speeds across the diagram"), 2, 2000),
        Field("speed_min", "float", 0.005, N_("the smallest speed in the diagram"), 0, 100, above_minimum=True),
        Field(
            "speed_max",
            "float",
            None,
            N_("the largest speed (default: a bit past the last that stays on)"),
            0,
            100,
            above_minimum=True,
        ),
        Field("burn_in", "int", 500, N_("steps taken before the points are kept"), 0, 5000),
        Field("keep", "int", 48, N_("how many of the following steps are plotted per speed"), 1, 200),
    )
}
CURVE_FIELDS = ("landscape", "formula")
DIAGRAM_CURVE_FIELDS = (*CURVE_FIELDS, "start")


@dataclass(frozen=True)
class MapRequest:
    """Checked settings of an outcome map."""

    curve: DescentSettings
    steps: int
    speeds: int
    starts: int
    speed_min: float
    speed_max: float
    optimizer: str


@dataclass(frozen=True)
class DiagramRequest:
    """Checked settings of a bifurcation diagram."""

    curve: DescentSettings
    speeds: int
    speed_min: float
    speed_max: float | None
    burn_in: int
    keep: int


def split_values(
    given: Mapping[str, object],
    own: Mapping[str, Field],
    curve: tuple[str, ...],
    limits: Mapping[str, float] | None = None,
) -> tuple[dict[str, Any], DescentSettings]:
    """The explorer's own values (checked by `own`) and the curve's settings (checked by the settings schema)."""
    values = {name: spec.parse(given.get(name)) for name, spec in own.items()}
    settings = parse_settings({k: v for k, v in given.items() if k in curve and v is not None}, limits)
    return values, settings


def checked_range(low: float, high: float | None) -> None:
    """speed_min must stay below speed_max."""
    if high is not None and not low < high:
        message = say("speed_max must be greater than speed_min (got {high:g} <= {low:g})", high=high, low=low)
        raise SettingError("speed_max", message)


def map_request(given: Mapping[str, object], limits: Mapping[str, float] | None = None) -> MapRequest:
    """A map's settings, checked: grid sizes, speeds and the work they add up to."""
    v, curve = split_values(given, MAP_FIELDS, CURVE_FIELDS, limits)
    checked_range(v["speed_min"], v["speed_max"])
    cells = v["speeds"] * v["starts"]
    if cells > MAX_CELLS:
        raise SettingError(
            "speeds",
            say(
                "{speeds} speeds x {starts} starts is {cells:,} cells: at most {most:,} are allowed",
                speeds=v["speeds"],
                starts=v["starts"],
                cells=cells,
                most=MAX_CELLS,
            ),
        )
    if cells * v["steps"] > MAX_MAP_WORK:
        raise SettingError(
            "steps",
            say(
                "{cells:,} cells x {steps:,} steps is too much work: at most {most:,} are allowed; use fewer steps or "
                "a smaller map",
                cells=cells,
                steps=v["steps"],
                most=MAX_MAP_WORK,
            ),
        )
    return MapRequest(curve, **v)


def diagram_request(given: Mapping[str, object], limits: Mapping[str, float] | None = None) -> DiagramRequest:
    """A diagram's settings, checked."""
    v, curve = split_values(given, DIAGRAM_FIELDS, DIAGRAM_CURVE_FIELDS, limits)
    checked_range(v["speed_min"], v["speed_max"])
    work = v["speeds"] * (v["burn_in"] + v["keep"])
    if work > MAX_DIAGRAM_WORK:
        raise SettingError(
            "burn_in",
            say(
                "{speeds:,} speeds x (burn_in {burn_in:,} + keep {keep:,}) steps is too much work: at most {most:,} "
                "are allowed",
                speeds=v["speeds"],
                burn_in=v["burn_in"],
                keep=v["keep"],
                most=MAX_DIAGRAM_WORK,
            ),
        )
    return DiagramRequest(curve, **v)
