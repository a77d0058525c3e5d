"""The built-in surfaces, each loss beside its gradient and Hessian, and the registry keyed by the name a user types."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import ArrayLike

from ...lang import _, current, say
from ..errors import SettingError
from .lemonade import LEMONADE
from .surface import Array, Surface, Window

DEFAULT_SURFACE = "ravine"
DEFAULT_STRETCH = 10.0  # the ravine's steep curvature over its gentle one: its condition number


def round_bowl_surface(a: float = 1.0) -> Surface:
    """a·(w1² + w2²): curvature 2a every way, so every direction has the same speed limit 1/a."""
    return Surface(
        "round-bowl",
        _("Round bowl"),
        f"{a:g}*(w1^2 + w2^2)" if a != 1.0 else "w1^2 + w2^2",
        lambda w1, w2: a * (w1 * w1 + w2 * w2),
        lambda w1, w2: (2.0 * a * w1, 2.0 * a * w2),
        lambda w1, w2: (2.0 * a + 0.0 * w1, 0.0 * w1, 2.0 * a + 0.0 * w1),
        ((-3.0, 3.0), (-3.0, 3.0)),
        (-2.5, 2.0),
        _("A round bowl: the slope points straight at the bottom from everywhere."),
        (("a", a),),
    )


def ravine_surface(stretch: float = DEFAULT_STRETCH) -> Surface:
    """w1² + stretch·w2²: a valley `stretch` times steeper across (w2) than along (w1)."""
    if not (isinstance(stretch, int | float) and math.isfinite(stretch) and stretch >= 1.0):
        raise SettingError("stretch", say("stretch must be a number of at least 1 (got {got})", got=repr(stretch)))
    s = float(stretch)
    return Surface(
        "ravine",
        _("Ravine"),
        f"w1^2 + {s:g}*w2^2",
        lambda w1, w2: w1 * w1 + s * w2 * w2,
        lambda w1, w2: (2.0 * w1, 2.0 * s * w2),
        lambda w1, w2: (2.0 + 0.0 * w1, 0.0 * w1, 2.0 * s + 0.0 * w1),
        ((-3.0, 3.0), (-2.0, 2.0)),
        (-2.5, 1.0),
        say(
            "A stretched bowl, {stretch:g} times steeper across than along: plain descent zig-zags across it and "
            "crawls along.",
            stretch=s,
        ),
        (("stretch", s),),
    )


def rosenbrock_surface() -> Surface:
    """(1 − w1)² + 100·(w2 − w1²)²: a curved, narrow valley with its dip at (1, 1)."""
    return Surface(
        "rosenbrock",
        _("Rosenbrock's banana"),
        "(1 - w1)^2 + 100*(w2 - w1^2)^2",
        lambda w1, w2: (1.0 - w1) ** 2 + 100.0 * (w2 - w1 * w1) ** 2,
        lambda w1, w2: (-2.0 * (1.0 - w1) - 400.0 * w1 * (w2 - w1 * w1), 200.0 * (w2 - w1 * w1)),
        lambda w1, w2: (2.0 - 400.0 * (w2 - w1 * w1) + 800.0 * w1 * w1, -400.0 * w1, 200.0 + 0.0 * w1),
        ((-2.0, 2.0), (-1.0, 3.0)),
        (-1.5, 2.0),
        _("A curved valley shaped like a banana: finding it is quick, following its floor to (1, 1) is slow."),
    )


def saddle_surface() -> Surface:
    """w1² − w2² + w2⁴/4: a saddle at the origin, bounded by the quartic so runs end in one of two dips (0, ±√2)."""
    return Surface(
        "saddle",
        _("Saddle"),
        "w1^2 - w2^2 + w2^4/4",
        lambda w1, w2: w1 * w1 - w2 * w2 + 0.25 * w2**4,
        lambda w1, w2: (2.0 * w1, -2.0 * w2 + w2**3),
        lambda w1, w2: (2.0 + 0.0 * w1, 0.0 * w1, -2.0 + 3.0 * w2 * w2),
        ((-2.5, 2.5), (-2.5, 2.5)),
        (-2.0, 0.05),
        _("A saddle at the origin: downhill along w1 into it, downhill along w2 out of it to one of two equal dips."),
    )


def himmelblau_surface() -> Surface:
    """(w1² + w2 − 11)² + (w1 + w2² − 7)²: four dips of equal depth, a hilltop and four saddles."""
    return Surface(
        "himmelblau",
        _("Himmelblau's four dips"),
        "(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2",
        lambda w1, w2: (w1 * w1 + w2 - 11.0) ** 2 + (w1 + w2 * w2 - 7.0) ** 2,
        lambda w1, w2: (
            4.0 * w1 * (w1 * w1 + w2 - 11.0) + 2.0 * (w1 + w2 * w2 - 7.0),
            2.0 * (w1 * w1 + w2 - 11.0) + 4.0 * w2 * (w1 + w2 * w2 - 7.0),
        ),
        lambda w1, w2: (
            12.0 * w1 * w1 + 4.0 * w2 - 42.0,
            4.0 * (w1 + w2),
            4.0 * w1 + 12.0 * w2 * w2 - 26.0,
        ),
        ((-5.0, 5.0), (-5.0, 5.0)),
        (0.0, 0.0),
        _("Four dips, all equally low: where the ball ends depends on where it starts."),
    )


def standardised(values: ArrayLike) -> Array:
    """Values shifted to mean 0 and scaled to spread (population standard deviation) 1."""
    v = np.asarray(values, dtype=np.float64)
    spread = float(v.std())
    if not spread > 0.0:
        raise SettingError("data", _("the values all equal one another: they cannot be standardised"))
    out: Array = (v - v.mean()) / spread
    return out


def line_fit_surface(
    x: ArrayLike,
    y: ArrayLike,
    scaled: bool = False,
    name: str = "line-fit",
    window: Window | None = None,
    start: tuple[float, float] | None = None,
) -> Surface:
    """The mean squared error of the line y ≈ w1 + w2·x through the data (x, y); `scaled` standardises both first.

    The loss is a quadratic in (w1, w2), so it is kept as the data's five means: the same numbers at any grid size.
    """
    xs, ys = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size < 2 or not (np.isfinite(xs).all() and np.isfinite(ys).all()):
        raise SettingError(
            "data",
            say(
                "a line needs x and y as two equal lists of at least 2 finite numbers: got {shape}", shape=str(xs.shape)
            ),
        )
    if scaled:
        xs, ys = standardised(xs), standardised(ys)
    mx, my, mxx, mxy, myy = (float(v.mean()) for v in (xs, ys, xs * xs, xs * ys, ys * ys))
    if not mxx - mx * mx > 0.0:
        raise SettingError("data", _("every x is the same: no single line fits best"))
    best = np.linalg.solve([[1.0, mx], [mx, mxx]], [my, mxy])
    units = _("standardised units (mean 0, spread 1)") if scaled else _("the data's own units")
    return Surface(
        name,
        _("A line through the data, scaled") if scaled else _("A line through the data"),
        "mean((w1 + w2*x - y)^2)",
        lambda w1, w2: w1 * w1 + 2.0 * mx * w1 * w2 + mxx * w2 * w2 - 2.0 * my * w1 - 2.0 * mxy * w2 + myy,
        lambda w1, w2: (2.0 * (w1 + mx * w2 - my), 2.0 * (mx * w1 + mxx * w2 - mxy)),
        lambda w1, w2: (2.0 + 0.0 * w1, 2.0 * mx + 0.0 * w1, 2.0 * mxx + 0.0 * w1),
        window or _around(float(best[0]), float(best[1])),
        start or (0.0, 0.0),
        say(
            "The mean squared error of the line w1 + w2·x through {points} points, in {units}: w1 is the intercept, "
            "w2 the slope.",
            points=xs.size,
            units=units,
        ),
        (("scaled", float(scaled)), ("points", float(xs.size))),
    )


def _around(b: float, m: float) -> Window:
    """A window holding the best line and the start (0, 0), with room to spare."""
    pads = (max(1.0, 1.5 * abs(b)), max(1.0, 1.5 * abs(m)))
    (lo1, hi1), (lo2, hi2) = ((min(0.0, v) - p, max(0.0, v) + p) for v, p in zip((b, m), pads, strict=True))
    return ((math.floor(lo1), math.ceil(hi1)), (math.floor(lo2), math.ceil(hi2)))


def lemonade_surface(scaled: bool = False) -> Surface:
    """The bundled lemonade data fitted by a line: cups = w1 + w2·temperature, raw or standardised."""
    temperature, cups = (np.array(column, dtype=np.float64) for column in zip(*LEMONADE, strict=True))
    if scaled:
        # Standardised, the bowl is round (curvature 2 both ways); the start is a line that is wrong in both settings.
        return line_fit_surface(
            temperature, cups, True, "lemonade-line-scaled", ((-1.5, 1.5), (-1.0, 2.0)), (-1.0, -0.5)
        )
    return line_fit_surface(temperature, cups, False, "lemonade-line", ((-80.0, 40.0), (-2.0, 10.0)), (0.0, 0.0))


# Each built-in by the name a user types; built on first use, since finding the critical points takes a moment.
SURFACES: dict[str, Callable[[], Surface]] = {
    "round-bowl": round_bowl_surface,
    "ravine": ravine_surface,
    "rosenbrock": rosenbrock_surface,
    "saddle": saddle_surface,
    "himmelblau": himmelblau_surface,
    "lemonade-line": lambda: lemonade_surface(False),
    "lemonade-line-scaled": lambda: lemonade_surface(True),
}


def get_surface(name: str, **parameters: float) -> Surface:
    """A built-in surface by name, with its default settings or the `parameters` it takes (the ravine's stretch)."""
    if not isinstance(name, str) or name not in SURFACES:
        message = say("unknown surface {name}: choose one of {names}", name=repr(name), names=", ".join(SURFACES))
        raise SettingError("landscape", message)
    if not parameters:
        return _built(name)
    takes = list(inspect.signature(SURFACES[name]).parameters)
    unknown = sorted(set(parameters) - set(takes))
    if unknown:
        allowed = say("it takes {names}", names=", ".join(takes)) if takes else _("it takes none")
        message = say(
            "the surface {name} has no setting {setting}: {allowed}",
            name=repr(name),
            setting=repr(unknown[0]),
            allowed=allowed,
        )
        raise SettingError(unknown[0], message)
    return SURFACES[name](**parameters)


def _built(name: str) -> Surface:
    return _built_in(name, current())


@cache
def _built_in(name: str, language: str) -> Surface:
    """A built-in surface, its title and description in `language` (built once per language)."""
    return SURFACES[name]()
