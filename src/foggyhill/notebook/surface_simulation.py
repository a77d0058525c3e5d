"""`SurfaceSimulation`: the surfaces page's simulation as a notebook widget, its settings shared with Python.

A ball on a surface of two settings, w1 and w2: the contour map, the 3-D view, the controls and the verdict of the
page `/sim/surfaces`, answered by the kernel (bridge.py). `foggyhill.Simulation(landscape="rosenbrock", …)` or a
formula in w1 and w2 hands over to this class, so a learner needs one name for curves and surfaces alike.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import anywidget
import traitlets

from ..core import LANDSCAPES, SettingError, Verdict
from ..core.settings import tightened
from ..core.surfaces import (
    DEFAULT_SURFACE,
    SURFACE_FIELDS,
    SurfaceRun,
    SurfaceSettings,
    parse_surface_settings,
    run_surface,
)
from ..lang import N_, _, say
from ..web.answers import surface_of
from ..web.schema import SERVER_LIMITS
from ..web.tools import on_surface
from . import bundle
from .actions import Actions
from .bridge import answer
from .table import SHOWN, caption, more_steps, number

__all__ = ["SurfaceSimulation", "SurfaceStepTable", "names_a_surface"]

# from_step only numbers the steps of a run carried on after a change of speed: the page's own business, not a trait
SETTINGS = tuple(name for name in SURFACE_FIELDS if name != "from_step")
# The page's own styles; zones.css draws the speed zones under the slider, page.css the map and the 3-D view.
STYLES = ("common/base.css", "common/lesson.css", "common/sim.css", "common/zones.css", "surfaces/page.css")
COLUMNS = (
    ("step", N_("step")),
    ("w", "(w1, w2)"),
    ("loss", N_("loss")),
    ("slope", N_("slope")),
    ("taken", N_("step taken")),
)


def names_a_surface(landscape: object = None, formula: object = None) -> bool:
    """Whether these settings name a surface: a built-in one (`rosenbrock`) or a formula in w1 and w2."""
    return on_surface({"landscape": landscape, "formula": formula})


def checked(values: Mapping[str, Any]) -> SurfaceSettings:
    """A surface widget's settings checked by the one schema, with the server's limits (at most 10,000 steps)."""
    given = {name: value for name, value in values.items() if value is not None}
    for name in ("steps", "formula"):
        tightened(SURFACE_FIELDS[name], SERVER_LIMITS).parse(given.get(name))
    return parse_surface_settings(given)


class SurfaceStepTable(list[dict[str, Any]]):
    """One dict per step (step, w, loss, slope, taken; pairs as lists); in a notebook, a table under the verdict."""

    def __init__(self, run: SurfaceRun) -> None:
        super().__init__(step.to_dict() for step in run.steps)
        self.caption = caption(run.verdict.headline, run.settings.speed, len(run.steps) - 1)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(_(label))}</th>" for _key, label in COLUMNS)
        rows = list(self)
        cut = len(rows) > 2 * SHOWN
        shown = rows[:SHOWN] + rows[-SHOWN:] if cut else rows
        body = []
        for index, row in enumerate(shown):
            if cut and index == SHOWN:
                body.append(more_steps(len(rows) - 2 * SHOWN, len(COLUMNS)))
            body.append("<tr>" + "".join(f"<td>{cell(row[key])}</td>" for key, _label in COLUMNS) + "</tr>")
        caption, rows_html = html.escape(self.caption), "".join(body)
        return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>"


def cell(value: Any) -> str:
    """A table cell: a number, or a pair as (a, b)."""
    return f"({number(value[0])}, {number(value[1])})" if isinstance(value, list) else number(value)


class SurfaceSimulation(Actions, anywidget.AnyWidget):  # type: ignore[misc]
    """A ball on a surface of two settings: `SurfaceSimulation(landscape="ravine", start=(-1.5, 2), speed=0.01)`."""

    _esm = bundle.esm("notebook/surface-simulation.js", "surfaces", STYLES)

    landscape = traitlets.Unicode(DEFAULT_SURFACE).tag(sync=True)
    formula = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    # (w1, w2), or None for the surface's own start; also taken as "-1.5,2" or a list, as the page and the API take it
    start = traitlets.Any(None).tag(sync=True)
    speed = traitlets.Float(SURFACE_FIELDS["speed"].default).tag(sync=True)
    steps = traitlets.Int(SURFACE_FIELDS["steps"].default).tag(sync=True)
    optimizer = traitlets.Unicode(SURFACE_FIELDS["optimizer"].default).tag(sync=True)
    seed = traitlets.Int(SURFACE_FIELDS["seed"].default).tag(sync=True)
    noise = traitlets.Float(SURFACE_FIELDS["noise"].default).tag(sync=True)

    def __init__(self, landscape: str | None = None, **settings: Any) -> None:
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            said = say(
                "unknown setting {name}: allowed are {allowed}", name=repr(unknown[0]), allowed=", ".join(SETTINGS)
            )
            raise SettingError(unknown[0], said)
        given = {k: v for k, v in {"landscape": landscape, **settings}.items() if v is not None}
        parsed = checked(given)  # every value at once, so a mistake is reported before anything is shown
        # A formula that does not parse, or a start where the loss is undefined, is refused before anything is shown.
        self._runs: dict[SurfaceSettings, SurfaceRun] = {parsed: run_surface(surface_of(parsed), parsed)}
        self._built = False
        super().__init__(**{name: getattr(parsed, name) for name in given})
        self._built = True
        self.on_msg(self._on_message)

    @traitlets.validate(*SETTINGS)
    def _check(self, proposal: dict[str, Any]) -> Any:
        trait = proposal["trait"].name
        value = proposal["value"]
        if value is None and SURFACE_FIELDS[trait].default is not None:
            allowed = SURFACE_FIELDS[trait].allowed()
            raise SettingError(trait, say("{name} cannot be None: it must be {allowed}", name=trait, allowed=allowed))
        if trait == "landscape" and value in LANDSCAPES:
            raise SettingError(
                "landscape",
                say(
                    "{value} is a curve and this simulation rolls on a surface: make a new one, "
                    "foggyhill.Simulation(landscape={value}), to roll on it",
                    value=repr(value),
                ),
            )
        parsed = checked({trait: value})
        if trait == "formula" and parsed.formula and not names_a_surface(formula=parsed.formula):
            raise SettingError(
                "formula",
                say(
                    "a surface's formula uses w1 and w2 (got {formula}): for a curve in w, make a new simulation, "
                    "foggyhill.Simulation(formula={formula})",
                    formula=repr(parsed.formula),
                ),
            )
        if self._built and trait in ("formula", "start"):
            # A formula that does not parse, or a start where the typed loss is undefined, is refused here, with where
            # (__init__ has checked the first settings together).
            whole = checked({**{name: getattr(self, name) for name in SETTINGS}, trait: getattr(parsed, trait)})
            if whole.formula:
                surface_of(whole)
        return getattr(parsed, trait)

    @traitlets.observe("landscape")
    def _landscape_chosen(self, change: dict[str, Any]) -> None:
        # A typed formula wins over the landscape, as on the page: choosing a landscape in Python puts it away.
        if self._built and self.formula:
            self.formula = None

    def _on_message(self, _: object, content: Any, buffers: object) -> None:
        reply = answer(content)
        if reply is not None:
            self.send(reply)

    def roll(self) -> None:
        """Roll the ball from the start with the current settings (it keeps stepping until the verdict)."""
        self._act("roll")

    def pause(self) -> None:
        """Stop rolling."""
        self._act("pause")

    def step(self) -> None:
        """One step downhill."""
        self._act("step")

    def back(self) -> None:
        """One step back."""
        self._act("back")

    def reset(self) -> None:
        """Back to the start."""
        self._act("reset")

    @property
    def settings(self) -> SurfaceSettings:
        """The current settings, checked."""
        return checked({name: getattr(self, name) for name in SETTINGS})

    @property
    def trajectory(self) -> SurfaceRun:
        """The whole run for the current settings (what Roll shows from the start), computed by the engine."""
        settings = self.settings
        if settings not in self._runs:
            self._runs = {settings: run_surface(surface_of(settings), settings)}
        return self._runs[settings]

    @property
    def verdict(self) -> Verdict:
        """What becomes of the current run: settled, stuck, crawling, swinging, stalled near a saddle or flew off."""
        return self.trajectory.verdict

    @property
    def table(self) -> SurfaceStepTable:
        """The run's steps as a list of dicts (step, w, loss, slope, taken), shown as a table in a notebook."""
        return SurfaceStepTable(self.trajectory)

    def __repr__(self) -> str:
        settings = self.settings.to_dict()
        shown = ", ".join(
            f"{k}={tuple(v) if isinstance(v, list) else v!r}"
            for k, v in settings.items()
            if (k == "landscape" and not settings["formula"]) or (k != "landscape" and v != SURFACE_FIELDS[k].default)
        )
        return f"SurfaceSimulation({shown})"
