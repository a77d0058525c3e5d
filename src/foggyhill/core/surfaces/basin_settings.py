"""The settings of a basin map (a run from every start of a grid on a surface): fields, checks and the work limit.

One description for `foggyhill map --landscape <surface>` and `/api/basins`, as map_settings.py is for curves.
The map's verdicts travel as base64 int8 and each start's dip as base64 int8 (-1: none), row j at w2[j].
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...lang import N_, say
from ..errors import SettingError
from ..settings import FIELDS, Field, parse_fields
from .basins import BasinMap
from .settings import SURFACE_FIELDS, SurfaceSettings, parse_surface_settings
from .verdicts import SURFACE_HEADLINES, SURFACE_VERDICT_KINDS

MAX_BASIN_WORK = 40_000_000  # starts x steps for a server: a few seconds on the numpy lanes, well under one compiled
MAX_CLI_WORK = 500_000_000  # at the command line: a second on the compiled lanes, once they are compiled

BASIN_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        SURFACE_FIELDS["landscape"],
        SURFACE_FIELDS["formula"],
        FIELDS["speed"],
        Field("steps", "int", 200, N_("how many steps each run of the map takes"), 1, 2000),
        SURFACE_FIELDS["optimizer"],
        Field("size", "int", 101, N_("how many starts along each side of the grid"), 2, 1000),
    )
}


@dataclass(frozen=True)
class BasinRequest:
    """Checked settings of a basin map."""

    surface: SurfaceSettings
    speed: float
    steps: int
    optimizer: str
    size: int


def basin_request(
    given: Mapping[str, object], limits: Mapping[str, float] | None = None, most_work: int = MAX_BASIN_WORK
) -> BasinRequest:
    """A basin map's settings, checked: the surface, the rule, and the work they add up to (at most `most_work`)."""
    values = parse_fields(given, BASIN_FIELDS, limits)
    curve = {name: given[name] for name in ("landscape", "formula") if given.get(name) not in (None, "")}
    surface = parse_surface_settings(curve)
    work = values["size"] ** 2 * values["steps"]
    if work > most_work:
        raise SettingError(
            "steps",
            say(
                "{size}x{size} starts x {steps:,} steps is too much work: at most {most:,} are allowed; use fewer "
                "steps or a smaller grid",
                size=values["size"],
                steps=values["steps"],
                most=most_work,
            ),
        )
    return BasinRequest(surface, values["speed"], values["steps"], values["optimizer"], values["size"])


def basin_data(result: BasinMap) -> dict[str, Any]:
    """The basin map in the API's shape: axes, each start's verdict and dip, the dips, and the counts."""
    summary = result.summary()
    return {
        **summary,
        "formula": result.surface.formula,
        "w1": result.w1.tolist(),
        "w2": result.w2.tolist(),
        "kinds": _b64(result.kind),
        "dip": _b64(result.dip),
        "verdicts": [
            {"kind": k, "headline": SURFACE_HEADLINES[k], "count": summary["kinds"][k]} for k in SURFACE_VERDICT_KINDS
        ],
    }


def _b64(values: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype=np.int8).tobytes()).decode()
