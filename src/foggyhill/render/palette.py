"""The colours foggyhill draws with, as "#rrggbb", written once for the frames, the map's PNG and /api/schema.

Free of skia, so the schema (web/schema.py) reads it as plain strings; render/ turns them into skia colours.
"""

from __future__ import annotations

# Okabe–Ito: colours that colour-blind readers can tell apart (base.css names them the same way).
OKABE_ITO: dict[str, str] = {
    "blue": "#0072b2",
    "sky": "#56b4e9",
    "green": "#009e73",
    "orange": "#e69f00",
    "vermillion": "#d55e00",
    "purple": "#cc79a7",
    "yellow": "#f0e442",
}
# Each verdict kind's Okabe–Ito colour on the learning-rate map (the page's canvas and legend, the PNG).
VERDICT_HUES: dict[str, str] = {
    "converged-global": "green",
    "stuck-local": "orange",
    "crawling": "sky",
    "oscillating": "purple",
    "diverged": "vermillion",
}
# The three-runs show on its dark stage (the video's frames and the page's SVG): a colour per run, per verdict.
SHOW_RUNS: tuple[str, ...] = ("#f5b041", "#4ade80", "#fb7185", "#a78bfa", "#60a5fa", "#facc15")
SHOW_VERDICTS: dict[str, str] = {
    "converged-global": "#4ade80",
    "stuck-local": "#f5b041",
    "crawling": "#f5b041",
    "oscillating": "#fb7185",
    "diverged": "#ef4444",
}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """A "#rrggbb" colour as (r, g, b)."""
    value = int(hex_colour.removeprefix("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def verdict_colour(kind: str) -> str:
    """A verdict kind's colour on the learning-rate map."""
    return OKABE_ITO[VERDICT_HUES[kind]]


__all__ = ["OKABE_ITO", "SHOW_RUNS", "SHOW_VERDICTS", "VERDICT_HUES", "rgb", "verdict_colour"]
