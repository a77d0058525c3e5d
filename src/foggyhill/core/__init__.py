"""The engine: landscapes, update rules, descent runs with verdicts, and the theory behind them."""

from typing import TYPE_CHECKING

from .challenges import CHALLENGE_FIELDS, CHALLENGES, Challenge, Challenged, Judgement, parse_challenge
from .descent import Run, Step, descend, landscape_for, run_descent
from .errors import FoggyhillError, FormulaError, SettingError
from .landscapes import DEFAULT_LANDSCAPE, LANDSCAPES, Extremum, Landscape, get_landscape
from .optimizers import OPTIMIZERS, Optimizer, get_optimizer
from .schedules import SCHEDULES, speed_at
from .settings import FIELDS, MAX_FORMULA, MAX_STEPS, DescentSettings, Field, parse_settings
from .surfaces import (
    SURFACE_HEADLINES,
    SURFACE_VERDICT_KINDS,
    SURFACES,
    BasinMap,
    CriticalPoint,
    Surface,
    SurfaceRun,
    SurfaceSettings,
    SurfaceStep,
    basin_map,
    descend_surface,
    get_surface,
    line_fit_surface,
    parse_surface_settings,
    ravine_surface,
    surface_listing,
)
from .sweep import MAX_LANES, Sweep, SweepCancelled, bifurcation, sweep
from .theory import ZONE_WORDS, StabilityBound, peek, stability_bounds
from .verdicts import ESCAPE, HEADLINES, TOLERANCE, VERDICT_KINDS, Verdict, judge

if TYPE_CHECKING:  # the formula parser loads lark, so at run time it is imported on first use (see __getattr__)
    from .formula import (
        Formula,
        SurfaceFormula,
        formula_landscape,
        formula_surface,
        parse_formula,
        parse_surface_formula,
    )

__all__ = [
    "CHALLENGES",
    "CHALLENGE_FIELDS",
    "DEFAULT_LANDSCAPE",
    "ESCAPE",
    "FIELDS",
    "HEADLINES",
    "LANDSCAPES",
    "MAX_FORMULA",
    "MAX_LANES",
    "MAX_STEPS",
    "OPTIMIZERS",
    "SCHEDULES",
    "SURFACES",
    "SURFACE_HEADLINES",
    "SURFACE_VERDICT_KINDS",
    "TOLERANCE",
    "VERDICT_KINDS",
    "ZONE_WORDS",
    "BasinMap",
    "Challenge",
    "Challenged",
    "CriticalPoint",
    "DescentSettings",
    "Extremum",
    "Field",
    "FoggyhillError",
    "Formula",
    "FormulaError",
    "Judgement",
    "Landscape",
    "Optimizer",
    "Run",
    "SettingError",
    "StabilityBound",
    "Step",
    "Surface",
    "SurfaceFormula",
    "SurfaceRun",
    "SurfaceSettings",
    "SurfaceStep",
    "Sweep",
    "SweepCancelled",
    "Verdict",
    "basin_map",
    "bifurcation",
    "descend",
    "descend_surface",
    "formula_landscape",
    "formula_surface",
    "get_landscape",
    "get_optimizer",
    "get_surface",
    "judge",
    "landscape_for",
    "line_fit_surface",
    "parse_challenge",
    "parse_formula",
    "parse_settings",
    "parse_surface_formula",
    "parse_surface_settings",
    "peek",
    "ravine_surface",
    "run_descent",
    "speed_at",
    "stability_bounds",
    "surface_listing",
    "sweep",
]


_LAZY = ("Formula", "SurfaceFormula", "formula_landscape", "formula_surface", "parse_formula", "parse_surface_formula")


def __getattr__(name: str) -> object:
    """Load the formula parser (and lark) only when one of its names is first asked for."""
    if name in _LAZY:
        from . import formula

        value: object = getattr(formula, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
