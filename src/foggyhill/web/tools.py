"""Every tool foggyhill offers, declared once: its name, its path, the fields it takes, how they are checked, the
work that answers it, and its words for the docs.

From this table come the API's routes and their OpenAPI (web/api.py), the notebook widgets' endpoints
(notebook/bridge.py), the `tools` of /api/schema (web/schema.py) and the command line's flags (cli/). It imports no
FastAPI, so the widgets and the engine's worker processes load it without a server, and it stays light for the
command line: the work behind each tool is imported when it is first asked for (the functions below the table).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from importlib import import_module
from typing import Any

from ..core import (
    CHALLENGE_FIELDS,
    FIELDS,
    Challenged,
    DescentSettings,
    Field,
    SettingError,
    parse_challenge,
    parse_settings,
)
from ..core.challenges import LINK_FIELDS
from ..core.map_settings import DIAGRAM_FIELDS, MAP_FIELDS, diagram_request, map_request
from ..core.race_settings import RACE_FIELDS
from ..core.settings import tightened
from ..core.surfaces import SURFACE_FIELDS, SURFACE_OPTIMIZERS, SURFACES, SurfaceSettings, parse_surface_settings
from ..core.surfaces.basin_settings import BASIN_FIELDS, basin_request
from ..lang import N_, _
from ..timeline import SHOW_FIELDS, ShowSettings, build_timeline, parse_show

__all__ = ["TOOLS", "Tool", "api_tools", "show_data"]

Limits = Mapping[str, float] | None


# The surfaces page's link also says whether the race of update rules is on (the runs themselves are descents). It
# keeps the run's own start: from_step only numbers a run the page carries on after a change of speed.
SURFACE_PAGE_FIELDS = {
    **{name: spec for name, spec in SURFACE_FIELDS.items() if name != "from_step"},
    "race": Field(
        "race", "choice", "off", N_("race every other update rule from the same start"), choices=("off", "on")
    ),
}


@dataclass(frozen=True)
class Tool:
    """One tool: what a request to it may say, how that is checked, and the work that answers it.

    `runs` says where the server does the work: "engine" in its worker processes, light or heavy by the `cost`
    estimate of each request (web/costs.py; a map or a long formula run takes seconds, a descent milliseconds),
    "here" when it takes a few milliseconds, and "studio" for a program (its own routes: a checked body, a worker
    process per run). A tool without a `path` is a page's settings over other tools (the race asks /api/descend for
    each lane).
    """

    name: str
    path: str | None
    fields: Mapping[str, Field]
    summary: str
    description: str
    check: Callable[[Mapping[str, object], Limits], Any] | None = None
    compute: Callable[[Any], dict[str, Any]] | None = None
    runs: str = "engine"
    cost: Callable[[Any], Any] | None = None  # the work's estimate (web/costs.py), computed in a worker process
    method: str = "GET"
    body: Callable[[], Mapping[str, Any]] | None = None  # a POST's request body in OpenAPI's words
    tag: str = "engine"

    @property
    def parameters(self) -> tuple[str, ...]:
        """The query's parameter names, in the order a link writes them."""
        return tuple(self.fields)

    def request(self, values: Mapping[str, object], limits: Limits = None) -> Any:
        """The checked request for these raw values (SettingError names what is wrong and what is allowed)."""
        assert self.check is not None, f"{self.name} takes no query"
        return self.check(values, limits)

    def key(self, request: Any) -> Hashable:
        """What the answer depends on: the tool and its checked request (frozen, so equal requests share it)."""
        return (self.name, request)

    def answer(self, values: Mapping[str, object], limits: Limits = None) -> dict[str, Any]:
        """The answer's data for raw values, checked first: the same JSON the API sends."""
        assert self.compute is not None, f"{self.name} is not answered here"
        return self.compute(self.request(values, limits))


def fields_of(*names: str) -> dict[str, Field]:
    """The descent settings of these names, in this order."""
    return {name: FIELDS[name] for name in names}


def settings(values: Mapping[str, object], limits: Limits) -> DescentSettings:
    """A descent's settings, checked by the one settings schema."""
    return parse_settings(values, limits)


SURFACE_WORDS = re.compile(r"\bw[12]\b")  # a typed formula in w1 and w2 is a surface


def on_surface(values: Mapping[str, object]) -> bool:
    """Whether the request names a surface: a built-in one, or a formula in w1 and w2."""
    return values.get("landscape") in SURFACES or bool(SURFACE_WORDS.search(str(values.get("formula") or "")))


def descent(values: Mapping[str, object], limits: Limits) -> DescentSettings | SurfaceSettings | Challenged:
    """A descent's settings, on a curve or on a surface (whose start is two numbers, w1,w2), and on a curve the
    challenge to judge it by, if the request names one."""
    DESCENT["start"].parse(values.get("start"))  # its 60 characters hold on a curve too, where it is read as w
    challenge = parse_challenge(values)
    values = {name: value for name, value in values.items() if name not in CHALLENGE_FIELDS}
    if challenge is not None and on_surface(values):
        raise SettingError("challenge", _("challenges are set on curves: leave challenge out on a surface"))
    if not on_surface(values):
        checked = parse_settings(values, limits)
        return checked if challenge is None else Challenged(checked, challenge)
    tightened(FIELDS["steps"], limits).parse(values.get("steps"))  # the server's limit holds on surfaces too
    return parse_surface_settings(values)


def surface(values: Mapping[str, object], limits: Limits) -> tuple[SurfaceSettings, int]:
    """A surface and the size of the grid its loss is sampled on."""
    curve = {name: value for name, value in values.items() if name != "grid"}
    return parse_surface_settings(curve), int(GRID.parse(values.get("grid")))


def show(values: Mapping[str, object], limits: Limits) -> ShowSettings:
    """The three-runs show's settings (the show has its own, smaller limits: at most 200 steps a run)."""
    return parse_show(values)


# ----------------------------------------------------------------------------- the work, imported when first asked for


@dataclass(frozen=True)
class Later:
    """A function of another web module, imported on its first call: the command line reads the table without
    loading the engine's answers, Studio or the sweeps. It travels to a worker process by its two names."""

    module: str
    name: str

    def __call__(self, *args: Any) -> Any:
        return getattr(import_module(f"{__package__}.{self.module}"), self.name)(*args)


def show_data(request: ShowSettings) -> dict[str, Any]:
    """The three-runs show: intro, runs with their phases' times, cards, summary, tones."""
    return build_timeline(request).to_dict()


# ----------------------------------------------------------------------------- the table

CURVE = fields_of("landscape", "formula", "start")
EXPORT_TO = Field(
    "to", "choice", None, N_("the library the script uses: numpy or pytorch"), choices=("numpy", "pytorch")
)
GRID = Field("grid", "int", 121, N_("points per side of the grid the loss is sampled on"), 2, 401)
# A descent runs on a curve or a surface: its landscape, start and update rule take either.
DESCENT = {
    **FIELDS,
    "landscape": replace(
        FIELDS["landscape"],
        help=N_("the loss curve or surface to roll down"),
        choices=(*FIELDS["landscape"].choices, *SURFACES),
    ),
    "start": Field(
        "start",
        "text",
        None,
        N_("where the ball starts: w on a curve, w1,w2 on a surface (default: its own)"),
        maximum=60,
    ),
    "optimizer": replace(
        FIELDS["optimizer"], help=N_("the update rule (newton: on surfaces)"), choices=SURFACE_OPTIMIZERS
    ),
    **CHALLENGE_FIELDS,
}
TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in (
        Tool(
            "landscapes",
            "/api/landscapes",
            {},
            "Every built-in landscape",
            "Every built-in curve with its dips, stability bounds and sampled loss.",
            settings,
            Later("answers", "all_landscapes_data"),
        ),
        Tool(
            "landscape",
            "/api/landscape",
            CURVE,
            "One landscape: a built-in or a typed formula",
            "A landscape by name (`landscape=`) or typed (`formula=`, optional `start=`).",
            settings,
            Later("answers", "one_landscape_data"),
            cost=Later("costs", "curve_cost"),
        ),
        Tool(
            "descend",
            "/api/descend",
            DESCENT,
            "Roll the ball downhill",
            "A descent run for the given settings: every step (w, loss, slope, step taken) and the verdict. On a "
            "surface (a built-in one, or a formula in w1 and w2) the start, each w, slope and step taken are two "
            "numbers: `start=-1.5,2`. On a curve, `challenge=` (with its `goal=`) adds the engine's judgement of the "
            "run against that challenge: met, and how close until then.",
            descent,
            Later("answers", "descend_data"),
            cost=Later("costs", "descend_cost"),
        ),
        Tool(
            "peek",
            "/api/peek",
            CURVE,
            "Peek at the data first",
            "The loss at a handful of evenly spaced settings across the curve.",
            settings,
            Later("answers", "peek_data"),
            cost=Later("costs", "curve_cost"),
        ),
        Tool(
            "map",
            "/api/map",
            {**fields_of("landscape", "formula"), **MAP_FIELDS},
            "The outcome map: a verdict for every speed and start",
            "Verdicts for log-spaced speeds against starts across the curve's window, as base64 int8 (row = speed).",
            map_request,
            Later("sweeps", "map_data"),
            cost=Later("costs", "map_cost"),
            tag="explorers",
        ),
        Tool(
            "bifurcation",
            "/api/bifurcation",
            {**CURVE, **DIAGRAM_FIELDS},
            "The bifurcation diagram: where w ends up for each speed",
            "For each speed, w at the `keep` steps after `burn_in` steps of plain descent, as base64 uint16 levels.",
            diagram_request,
            Later("sweeps", "diagram_data"),
            cost=Later("costs", "diagram_cost"),
            tag="explorers",
        ),
        Tool(
            "surface-list",
            "/api/surfaces",
            {},
            "Every built-in surface",
            "Every surface of two settings (w1, w2) with its dips, saddles, hilltops, stability bounds "
            "(2 / largest curvature) and condition numbers (how stretched each valley is).",
            settings,
            Later("answers", "surfaces_data"),
        ),
        Tool(
            "surface",
            "/api/surface",
            {**{name: SURFACE_FIELDS[name] for name in ("landscape", "formula", "start")}, "grid": GRID},
            "One surface, with its loss on a grid",
            "A surface by name or typed in w1 and w2, with its critical points and its loss on a grid x grid "
            "field over its window (rows follow w2, bottom to top), for a contour map or a 3-D view.",
            surface,
            Later("answers", "surface_data"),
            cost=Later("costs", "surface_cost"),
        ),
        Tool(
            "basins",
            "/api/basins",
            BASIN_FIELDS,
            "The basin map: where a run from every start of a surface ends",
            "Runs from a size x size grid of starts over the surface's window, each judged: which dip's basin it "
            "falls in (dip: index into dips, -1 none), or where it stalls or flies off. Verdicts and dips as base64 "
            "int8, row j at w2[j].",
            basin_request,
            Later("sweeps", "basins_data"),
            cost=Later("costs", "basins_cost"),
            tag="explorers",
        ),
        Tool(
            "surfaces",
            None,
            SURFACE_PAGE_FIELDS,
            "The surfaces page",
            "A ball rolling on a surface of two settings; its runs are descents (/api/descend).",
            tag="pages",
        ),
        Tool(
            "race",
            None,
            RACE_FIELDS,
            "The optimizer race",
            "Every update rule side by side on one curve, or one rule's noisy runs in two clouds; each lane is a "
            "descent (/api/descend).",
            tag="pages",
        ),
        Tool(
            "challenge",
            None,
            LINK_FIELDS,
            "A challenge on the lesson page",
            "A teacher's link to the gradient descent lesson: a challenge the engine checks after every run "
            "(/api/descend's `challenge=` and `goal=`), the settings it locks and a note shown as plain text.",
            tag="pages",
        ),
        Tool(
            "three-runs",
            "/api/three-runs",
            SHOW_FIELDS,
            "The three-runs show",
            "The whole show for these settings: intro, each run's steps with their phases' times, cards, summary, "
            "tones. At most 6 runs of 200 steps: a few milliseconds, so it is computed in the server's process.",
            show,
            show_data,
            runs="here",
            tag="three runs",
        ),
        Tool(
            "studio-check",
            "/api/studio/check",
            {},
            "Find a program's first mistake without running it",
            "The first mistake in a program, found without running it (parse and the checking pass: nothing "
            "trains), so the page can mark mistakes while the learner types.",
            compute=Later("programs", "first_mistake"),
            runs="studio",
            method="POST",
            body=Later("programs", "program_body"),
            tag="studio",
        ),
        Tool(
            "studio-run",
            "/api/studio/run",
            {},
            "Run a program; its events stream back as JSON lines",
            "Run a program in a worker process; its events stream back as JSON lines, one event per line, as "
            "`foggyhill run --json` prints them.",
            runs="studio",
            method="POST",
            body=Later("programs", "program_body"),
            tag="studio",
        ),
        Tool(
            "studio-export",
            "/api/studio/export",
            {"to": EXPORT_TO},
            "Take a program away as a numpy or PyTorch script",
            "The program as a standalone Python script that loads the same numbers, builds the same network with the "
            "same starting weights and trains it step for step as Studio does, printing each round's loss; or, as "
            "/api/studio/check answers, the reason it cannot be exported (a mistake, or nothing trained).",
            compute=Later("programs", "exported"),
            runs="studio",
            method="POST",
            body=Later("programs", "export_body"),
            tag="studio",
        ),
    )
}


def api_tools(*runs: str) -> list[Tool]:
    """The tools with a GET route whose work runs in one of these places (all of them when none is named)."""
    return [t for t in TOOLS.values() if t.path and t.method == "GET" and (not runs or t.runs in runs)]
