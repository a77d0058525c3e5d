"""The web app: the server's pages, the JSON API over the engine, and the static front end."""

from typing import Any

from .simulations import SIMULATION_PAGES, SimulationPage, get_simulation_page

__all__ = ["SIMULATION_PAGES", "SimulationPage", "create_app", "get_simulation_page"]


def __getattr__(name: str) -> Any:
    """`create_app` loads FastAPI on first use: the engine's worker processes import this package without it."""
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
