"""The API's requests over the engine, each declared once: its path, the parameters it takes, its words, its work.

Free of FastAPI: web/api.py and web/three_runs.py make their routes from it, and the notebook widgets
(notebook/bridge.py) answer the same requests from it without loading a server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..timeline import LIMITS as SHOW_LIMITS
from ..timeline import build_timeline, parse_show
from .schema import DESCEND_PARAMETERS, LANDSCAPE_PARAMETERS

__all__ = ["ENGINE_TOOLS", "SHOW_PARAMETERS", "Tool", "show_data"]

# The three-runs show's query: the curve, the start, the speeds, then each of the show's numbers.
SHOW_PARAMETERS = ("landscape", "start", "speeds", *SHOW_LIMITS)


@dataclass(frozen=True)
class Tool:
    """One engine request: its path, its query parameters, its compute.JOBS kind, and its words for the docs."""

    path: str
    parameters: tuple[str, ...]
    job: str
    summary: str
    description: str


ENGINE_TOOLS: dict[str, Tool] = {
    tool.path: tool
    for tool in (
        Tool(
            "/api/landscapes",
            (),
            "landscapes",
            "Every built-in landscape",
            "Every built-in curve with its dips, stability bounds and sampled loss.",
        ),
        Tool(
            "/api/landscape",
            LANDSCAPE_PARAMETERS,
            "landscape",
            "One landscape: a built-in or a typed formula",
            "A landscape by name (`landscape=`) or typed (`formula=`, optional `start=`).",
        ),
        Tool(
            "/api/descend",
            DESCEND_PARAMETERS,
            "descend",
            "Roll the ball downhill",
            "A descent run for the given settings: every step (w, loss, slope, step taken) and the verdict.",
        ),
        Tool(
            "/api/peek",
            LANDSCAPE_PARAMETERS,
            "peek",
            "Peek at the data first",
            "The loss at a handful of evenly spaced settings across the curve.",
        ),
    )
}


def show_data(params: Mapping[str, Any]) -> dict[str, Any]:
    """The three-runs show for checked parameters: intro, runs with their phases' times, cards, summary, tones."""
    return build_timeline(parse_show(params)).to_dict()
