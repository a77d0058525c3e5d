"""The engine: landscapes, update rules, descent runs with verdicts, and the theory behind them."""

from .descent import Run, Step, descend, landscape_for, run_descent
from .errors import FoggyhillError, FormulaError, SettingError
from .landscapes import DEFAULT_LANDSCAPE, LANDSCAPES, Extremum, Landscape, get_landscape
from .optimizers import OPTIMIZERS, Optimizer, get_optimizer
from .schedules import SCHEDULES, speed_at
from .settings import FIELDS, MAX_FORMULA, MAX_STEPS, DescentSettings, Field, parse_settings
from .theory import ZONE_WORDS, StabilityBound, peek, stability_bounds
from .verdicts import ESCAPE, HEADLINES, TOLERANCE, VERDICT_KINDS, Verdict, judge

__all__ = [
    "DEFAULT_LANDSCAPE",
    "ESCAPE",
    "FIELDS",
    "HEADLINES",
    "LANDSCAPES",
    "MAX_FORMULA",
    "MAX_STEPS",
    "OPTIMIZERS",
    "SCHEDULES",
    "TOLERANCE",
    "VERDICT_KINDS",
    "ZONE_WORDS",
    "DescentSettings",
    "Extremum",
    "Field",
    "FoggyhillError",
    "FormulaError",
    "Landscape",
    "Optimizer",
    "Run",
    "SettingError",
    "StabilityBound",
    "Step",
    "Verdict",
    "descend",
    "get_landscape",
    "get_optimizer",
    "judge",
    "landscape_for",
    "parse_settings",
    "peek",
    "run_descent",
    "speed_at",
    "stability_bounds",
]
