"""One description of the descent settings: it drives CLI flags, API parameters, URL state and validation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from ..lang import N_, _, number, say
from .errors import SettingError
from .landscapes import DEFAULT_LANDSCAPE, LANDSCAPES
from .optimizers import OPTIMIZERS
from .schedules import SCHEDULES

MAX_STEPS = 100_000
MAX_FORMULA = 200


@dataclass(frozen=True)
class Field:
    """One setting: its type, default, allowed values and a one-line help text.

    Every layer checks its settings with a Field (descent, map, show, sweep, Studio), so "what is allowed" is
    worded in one place: `allowed()`.
    """

    name: str
    kind: str  # "float", "int", "choice", "text" or "list" (comma-separated values, each checked by `item`)
    default: Any
    help: str  # English, marked N_(): shown to a learner as help_text()
    minimum: float | None = None
    maximum: float | None = None  # a list's: how many values at most
    above_minimum: bool = False  # True: the value must be strictly greater than `minimum`
    choices: tuple[str, ...] = ()
    item: Field | None = None  # a list's values: each is checked and worded by this field

    def help_text(self) -> str:
        """The help text in the current language."""
        return _(self.help)

    def allowed(self) -> str:
        """What values are allowed, in words."""
        if self.kind == "choice":
            return say("one of {choices}", choices=", ".join(self.choices))
        if self.kind == "text":
            return say("text of at most {most:g} characters", most=self.maximum)
        if self.kind == "list":
            return say("1 to {most} numbers separated by commas", most=_shown(self.maximum))
        words = _ALLOWED[self.kind == "int", self.above_minimum]
        return say(words, low=_shown(self.minimum), high=_shown(self.maximum))

    def within(self, value: Any) -> Any:
        """Whether a number (or each number of an array) lies within the bounds; NaN and infinities never do."""
        assert self.minimum is not None and self.maximum is not None
        low = value > self.minimum if self.above_minimum else value >= self.minimum
        return low & (value <= self.maximum)

    def refused(self, got: object) -> SettingError:
        """The error for a value this field does not allow: the name, what is allowed, and the value as given."""
        return SettingError(
            self.name,
            say("{name} must be {allowed} (got {got})", name=self.name, allowed=self.allowed(), got=repr(got)),
        )

    def parse(self, raw: object) -> Any:
        """Turn a raw value (text from a flag or URL, or a JSON value) into a checked one."""
        if raw is None:
            return self.default
        if isinstance(raw, str) and raw.strip() == "":  # `?speed=` is a slip, not a wish for the default
            message = say("{name} is empty: give {allowed}, or leave it out", name=self.name, allowed=self.allowed())
            raise SettingError(self.name, message)
        if self.kind == "choice":
            if not isinstance(raw, str) or raw not in self.choices:
                raise self.refused(raw)
            return raw
        if self.kind == "text":
            if not isinstance(raw, str) or len(raw) > (self.maximum or 0):
                shown = say("{count} characters", count=len(raw)) if isinstance(raw, str) else repr(raw)
                message = say("{name} must be {allowed} (got {got})", name=self.name, allowed=self.allowed(), got=shown)
                raise SettingError(self.name, message)
            return raw
        if self.kind == "list":
            return self._list(raw)
        return self._number(raw)

    def _list(self, raw: object) -> tuple[Any, ...]:
        """Values from "0.02,0.46,0.6" or a list, each checked by `item`, worded by its name ("each speed must be")."""
        assert self.item is not None and self.maximum is not None
        items = [part.strip() for part in raw.split(",")] if isinstance(raw, str) else raw
        if not isinstance(items, list | tuple) or not 1 <= len(items) <= self.maximum:
            raise self.refused(raw)
        if any(item == "" for item in items):
            message = say("{name} must be numbers separated by commas (got {got})", name=self.name, got=repr(raw))
            raise SettingError(self.name, message)
        values = []
        for item in items:
            try:
                values.append(self.item.parse(item))
            except SettingError:
                message = say(
                    "each {name} must be {allowed} (got {got})",
                    name=self.item.name,
                    allowed=self.item.allowed(),
                    got=repr(item),
                )
                raise SettingError(self.name, message) from None
        return tuple(values)

    def _number(self, raw: object) -> float | int:
        try:
            if isinstance(raw, bool) or (isinstance(raw, str) and not _PLAIN_NUMBER.fullmatch(raw.strip())):
                raise ValueError  # Python's own reading also takes 1_0, full-width digits and "infinity"
            value: float | int = int(raw) if self.kind == "int" else float(raw)  # type: ignore[call-overload,arg-type]
            if isinstance(raw, float) and self.kind == "int" and not raw.is_integer():
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            raise self.refused(raw) from None
        if not self.within(value):
            raise self.refused(raw)
        return value


# A number as a person types it: ASCII digits, one point, an exponent.
_PLAIN_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")  # \d would take ０-９ too


def _shown(limit: float | None) -> str:
    """A limit in a message: whole numbers in full (4294967295, not 4.29497e+09), written the language's way."""
    if limit is not None and float(limit).is_integer():
        return str(int(limit))
    return number(limit)


# What a number field allows, as whole sentences: (whole number?, strictly above the minimum?) -> words.
_ALLOWED = {
    (True, True): N_("a whole number greater than {low} and at most {high}"),
    (True, False): N_("a whole number at least {low} and at most {high}"),
    (False, True): N_("a number greater than {low} and at most {high}"),
    (False, False): N_("a number at least {low} and at most {high}"),
}


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("landscape", "choice", DEFAULT_LANDSCAPE, N_("the loss curve to roll down"), choices=tuple(LANDSCAPES)),
        Field(
            "formula", "text", None, N_("your own loss curve in w, e.g. w^4/4 - 0.6*w^2 - 0.4*w"), maximum=MAX_FORMULA
        ),
        Field("start", "float", None, N_("where the ball starts (default: the curve's own start)"), -1000, 1000),
        Field("speed", "float", 0.1, N_("the learning rate: how far each step goes"), 0, 100, above_minimum=True),
        Field("steps", "int", 100, N_("how many steps to take"), 0, MAX_STEPS),
        Field("optimizer", "choice", "plain", N_("the update rule"), choices=tuple(OPTIMIZERS)),
        Field("seed", "int", 0, N_("seed for noisy steps: same seed, same run"), 0, 2**32 - 1),
        Field("noise", "float", 0.0, N_("size of the Gaussian noise added to each slope (0: none)"), 0, 100),
        Field("schedule", "choice", "constant", N_("how the speed changes over the steps"), choices=tuple(SCHEDULES)),
        Field(
            "from_step", "int", 0, N_("number the steps from this one: a run carrying on from another"), 0, MAX_STEPS
        ),
    )
}


@dataclass(frozen=True)
class DescentSettings:
    """Checked settings for one descent run."""

    # The defaults are FIELDS', written once: the flags' help, the API's schema and a bare DescentSettings() agree.
    landscape: str = FIELDS["landscape"].default
    formula: str | None = FIELDS["formula"].default
    start: float | None = FIELDS["start"].default
    speed: float = FIELDS["speed"].default
    steps: int = FIELDS["steps"].default
    optimizer: str = FIELDS["optimizer"].default
    seed: int = FIELDS["seed"].default
    noise: float = FIELDS["noise"].default
    schedule: str = FIELDS["schedule"].default
    from_step: int = FIELDS["from_step"].default

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready data."""
        return asdict(self)


def parse_fields(
    raw: Mapping[str, object], fields: Mapping[str, Field], limits: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """Every field's checked value from `raw` (its default when absent); unknown names and bad values raise.

    `limits` tightens a field's maximum (a server may allow fewer steps than the command line).
    """
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        message = say("unknown setting {name}: allowed are {names}", name=repr(unknown[0]), names=", ".join(fields))
        raise SettingError(unknown[0], message)
    return {name: tightened(spec, limits).parse(raw.get(name)) for name, spec in fields.items()}


def tightened(field: Field, limits: Mapping[str, float] | None) -> Field:
    """The field with a tighter maximum from `limits`, if it names one that is tighter; else the field itself."""
    limit = limits.get(field.name) if limits else None
    if limit is None or (field.maximum is not None and field.maximum <= limit):
        return field
    return replace(field, maximum=limit)


def parse_settings(raw: Mapping[str, object], limits: Mapping[str, float] | None = None) -> DescentSettings:
    """Check every known setting in `raw`; unknown names and bad values raise SettingError."""
    return DescentSettings(**parse_fields(raw, FIELDS, limits))
