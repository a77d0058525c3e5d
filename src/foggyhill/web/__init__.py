"""The web app: the server's pages, the JSON API over the engine, and the static front end."""

from .app import create_app
from .simulations import SIMULATIONS, Simulation, get_simulation

__all__ = ["SIMULATIONS", "Simulation", "create_app", "get_simulation"]
