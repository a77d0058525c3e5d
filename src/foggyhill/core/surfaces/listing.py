"""The surfaces as plain data: each with its dips, saddles and hilltops, bounds and condition numbers."""

from __future__ import annotations

from typing import Any

from .builtins import SURFACES, get_surface
from .surface import Surface


def surface_to_dict(surface: Surface) -> dict[str, Any]:
    """One surface as JSON-ready data (what `foggyhill landscapes` and the API list)."""
    (a, b), (c, d) = surface.window
    return {
        "name": surface.name,
        "title": surface.title,
        "formula": surface.formula,
        "description": surface.description,
        "window": {"w1": [a, b], "w2": [c, d]},
        "start": list(surface.start),
        "parameters": dict(surface.parameters),
        "dips": [p.to_dict() for p in surface.minima],
        "saddles": [p.to_dict() for p in surface.saddles],
        "hilltops": [p.to_dict() for p in surface.maxima],
        "flat": [p.to_dict() for p in surface.critical_points if p.kind == "flat"],
    }


def surface_listing() -> list[dict[str, Any]]:
    """Every built-in surface as data, in the registry's order."""
    return [surface_to_dict(get_surface(name)) for name in SURFACES]
