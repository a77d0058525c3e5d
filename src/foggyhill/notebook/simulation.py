"""`Simulation`: the gradient descent page's simulation as a notebook widget, its settings shared with Python.

Moving the Speed slider changes `sim.speed`; setting `sim.speed = 0.6` moves the slider; `sim.roll()` rolls the
ball. The kernel answers the widget's requests with the engine (bridge.py), so no foggyhill server is needed, and
`sim.trajectory` is the same run the ball follows, as a `foggyhill.core.Run`. On a surface of two settings (a built-in
one such as `rosenbrock`, or a formula in w1 and w2) `Simulation(...)` gives a `SurfaceSimulation` instead.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from ..core import FIELDS, DescentSettings, Run, SettingError, Verdict, run_descent
from ..lang import say
from ..web.answers import curve_for
from ..web.schema import SERVER_LIMITS
from . import bundle
from .actions import Actions
from .bridge import answer, checked
from .surface_simulation import SurfaceSimulation, names_a_surface
from .table import StepTable

__all__ = ["Simulation"]

# from_step only numbers the steps of a run carried on after a change of speed: the page's own business, not a trait
SETTINGS = tuple(name for name in FIELDS if name != "from_step")
# The page's own styles; lesson.css holds the simulation's section and framed panel (.wide-section, .panel-grid).
STYLES = ("common/base.css", "common/lesson.css", "common/sim.css")


def checked_value(name: str, value: Any) -> Any:
    """One setting checked by the schema (with the server's limits); None means the field's default."""
    field = FIELDS[name]
    limit = SERVER_LIMITS.get(name)
    if limit is not None and isinstance(value, int | float) and not isinstance(value, bool) and value > limit:
        said = say(
            "{name} must be at most {limit} in a notebook widget (got {value})",
            name=name,
            limit=limit,
            value=repr(value),
        )
        raise SettingError(name, said)
    return field.parse(value)


class Simulation(Actions, anywidget.AnyWidget):  # type: ignore[misc]
    """The interactive gradient descent simulation: `Simulation(landscape=…, start=…, speed=…)`."""

    _esm = bundle.esm("notebook/simulation.js", "gradient-descent", STYLES)

    landscape = traitlets.Unicode(FIELDS["landscape"].default).tag(sync=True)
    formula = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    start = traitlets.Float(None, allow_none=True).tag(sync=True)
    speed = traitlets.Float(FIELDS["speed"].default).tag(sync=True)
    steps = traitlets.Int(FIELDS["steps"].default).tag(sync=True)
    optimizer = traitlets.Unicode(FIELDS["optimizer"].default).tag(sync=True)
    seed = traitlets.Int(FIELDS["seed"].default).tag(sync=True)
    noise = traitlets.Float(FIELDS["noise"].default).tag(sync=True)
    schedule = traitlets.Unicode(FIELDS["schedule"].default).tag(sync=True)

    def __new__(cls, landscape: str | None = None, **settings: Any) -> Any:
        """A surface (a built-in one, or a formula in w1 and w2) is the surfaces page's widget: one name for both."""
        if cls is Simulation and names_a_surface(landscape, settings.get("formula")):
            return SurfaceSimulation(landscape, **settings)
        return super().__new__(cls, landscape=landscape, **settings)

    def __init__(self, landscape: str | None = None, **settings: Any) -> None:
        unknown = sorted(set(settings) - set(SETTINGS))
        if unknown:
            said = say(
                "unknown setting {name}: allowed are {allowed}", name=repr(unknown[0]), allowed=", ".join(SETTINGS)
            )
            raise SettingError(unknown[0], said)
        given = {k: v for k, v in {"landscape": landscape, **settings}.items() if v is not None}
        parsed = checked(given)  # every value at once, so a mistake is reported before anything is shown
        super().__init__(**{name: getattr(parsed, name) for name in given})
        self._runs: dict[DescentSettings, Run] = {}
        self.on_msg(self._on_message)

    @traitlets.validate(*SETTINGS)
    def _check(self, proposal: dict[str, Any]) -> Any:
        trait = proposal["trait"].name
        value = proposal["value"]
        if value is None and FIELDS[trait].default is not None:
            allowed = FIELDS[trait].allowed()
            raise SettingError(trait, say("{name} cannot be None: it must be {allowed}", name=trait, allowed=allowed))
        if trait in ("landscape", "formula") and names_a_surface(**{trait: value}):
            raise SettingError(
                trait,
                say(
                    "{value} is a surface of two settings and this simulation rolls on a curve: make a new one, "
                    "foggyhill.Simulation({name}={value}), to roll on it",
                    value=repr(value),
                    name=trait,
                ),
            )
        value = checked_value(trait, value)
        if trait == "formula" and value:
            curve_for(DescentSettings(formula=value))  # a formula that does not parse is refused here, with where
        return value

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
    def settings(self) -> DescentSettings:
        """The current settings, checked."""
        return checked({name: getattr(self, name) for name in SETTINGS})

    @property
    def trajectory(self) -> Run:
        """The whole run for the current settings (what Roll shows from the start), computed by the engine."""
        settings = self.settings
        if settings not in self._runs:
            self._runs = {settings: run_descent(curve_for(settings), settings)}
        return self._runs[settings]

    @property
    def verdict(self) -> Verdict:
        """What becomes of the current run: settled, stuck, crawling, swinging or flew off."""
        return self.trajectory.verdict

    @property
    def table(self) -> StepTable:
        """The run's steps as a list of dicts (step, w, loss, slope, taken), shown as a table in a notebook."""
        return StepTable(self.trajectory)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.settings.to_dict().items() if v != FIELDS[k].default)
        return f"Simulation({shown})"
