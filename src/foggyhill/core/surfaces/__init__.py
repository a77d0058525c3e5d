"""Surfaces over two settings (w1, w2): landscapes, their critical points, descent runs, verdicts and basin maps."""

from .basins import MAX_GRID, BasinMap, basin_map
from .builtins import (
    DEFAULT_STRETCH,
    DEFAULT_SURFACE,
    SURFACES,
    get_surface,
    himmelblau_surface,
    lemonade_surface,
    line_fit_surface,
    ravine_surface,
    rosenbrock_surface,
    round_bowl_surface,
    saddle_surface,
)
from .critical import CriticalPoint, find_critical_points
from .descent import SurfaceRun, SurfaceStep, descend_surface, run_surface, surface_for
from .lemonade import LEMONADE
from .listing import surface_listing, surface_to_dict
from .newton import newton_step
from .settings import SURFACE_FIELDS, SURFACE_OPTIMIZERS, SurfaceSettings, parse_surface_settings
from .surface import Surface
from .theory import crawl_rate, dip_theory, direction_factors, speed_bound
from .verdicts import SURFACE_HEADLINES, SURFACE_VERDICT_KINDS, SurfaceStepping, judge_surface

__all__ = [
    "DEFAULT_STRETCH",
    "DEFAULT_SURFACE",
    "LEMONADE",
    "MAX_GRID",
    "SURFACES",
    "SURFACE_FIELDS",
    "SURFACE_HEADLINES",
    "SURFACE_OPTIMIZERS",
    "SURFACE_VERDICT_KINDS",
    "BasinMap",
    "CriticalPoint",
    "Surface",
    "SurfaceRun",
    "SurfaceSettings",
    "SurfaceStep",
    "SurfaceStepping",
    "basin_map",
    "crawl_rate",
    "descend_surface",
    "dip_theory",
    "direction_factors",
    "find_critical_points",
    "get_surface",
    "himmelblau_surface",
    "judge_surface",
    "lemonade_surface",
    "line_fit_surface",
    "newton_step",
    "parse_surface_settings",
    "ravine_surface",
    "rosenbrock_surface",
    "round_bowl_surface",
    "run_surface",
    "saddle_surface",
    "speed_bound",
    "surface_for",
    "surface_listing",
    "surface_to_dict",
]
