"""Colours, typefaces and the 16:9 layout, laid out on a 1920×1080 grid and scaled to the frame."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

import skia

from .palette import SHOW_RUNS, SHOW_VERDICTS, rgb

BACKGROUND = skia.Color(13, 17, 28)
PANEL = skia.Color(22, 28, 44)
GRID = skia.Color(44, 52, 72)
CURVE = skia.Color(226, 232, 240)
TEXT = skia.Color(236, 240, 246)
MUTED = skia.Color(140, 152, 176)
TANGENT = skia.Color(34, 211, 238)  # the cyan slope line
RUN_COLOURS = tuple(skia.Color(*rgb(c)) for c in SHOW_RUNS)
VERDICT_COLOURS = {kind: skia.Color(*rgb(c)) for kind, c in SHOW_VERDICTS.items()}

# The right-hand column: a heading, then one distance chart per run, together as tall as the curve's panel.
CHARTS_TOP = 170
CHARTS_HEIGHT = 740
COMPACT_BELOW = 150  # grid units: a chart panel shorter than this (five runs or more) has no line of its own for notes

# DejaVu ships with Debian; if it is missing, skia's default face is used instead.
FONT_DIR = "/usr/share/fonts/truetype/dejavu"


@cache
def typeface(bold: bool = False) -> skia.Typeface:
    """DejaVu Sans (bold or book) from the system, or skia's default face."""
    path = os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    # An empty font manager reads the file directly, without waking fontconfig (and its warnings).
    face = _file_fonts().makeFromFile(path) if os.path.exists(path) else None
    return face or skia.Typeface("DejaVu Sans", skia.FontStyle.Bold() if bold else skia.FontStyle.Normal())


@cache
def _file_fonts() -> skia.FontMgr:
    return skia.FontMgr.New_Custom_Empty()


def run_colour(index: int) -> int:
    """The colour of run `index` (ball, chart, label)."""
    return RUN_COLOURS[index % len(RUN_COLOURS)]


def with_alpha(colour: int, opacity: float) -> int:
    """The colour with its alpha scaled by `opacity` (0..1)."""
    alpha = max(0, min(255, round(skia.ColorGetA(colour) * opacity)))
    return skia.ColorSetA(colour, alpha)


@dataclass(frozen=True)
class Layout:
    """Where everything goes in a frame of `width`×`height`; `u` is one unit of the 1920×1080 grid."""

    width: int
    height: int

    @property
    def u(self) -> float:
        """Pixels per grid unit (the smaller of the two axes' scales, so text always fits)."""
        return min(self.width / 1920, self.height / 1080)

    def rect(self, x: float, y: float, w: float, h: float) -> skia.Rect:
        """A rectangle given on the 1920×1080 grid, in this frame's pixels."""
        sx, sy = self.width / 1920, self.height / 1080
        return skia.Rect.MakeXYWH(x * sx, y * sy, w * sx, h * sy)

    @property
    def plot(self) -> skia.Rect:
        """The big curve."""
        return self.rect(150, 150, 1130, 700)

    @property
    def plot_panel(self) -> skia.Rect:
        """The panel behind the curve, with room for its axis labels."""
        return self.rect(60, 120, 1250, 790)

    def chart_panel(self, index: int, count: int) -> skia.Rect:
        """The panel of run `index`'s distance chart, in the right-hand column under its heading."""
        gap = 20
        height = (CHARTS_HEIGHT - gap * (count - 1)) / max(count, 1)
        return self.rect(1340, CHARTS_TOP + index * (height + gap), 520, height)

    def chart_compact(self, count: int) -> bool:
        """Whether `count` charts leave each so little height that its note goes up beside its speed."""
        return (CHARTS_HEIGHT - 20 * (count - 1)) / max(count, 1) < COMPACT_BELOW

    def chart_area(self, panel: skia.Rect, compact: bool = False) -> skia.Rect:
        """Where a run's line is drawn inside its panel: room on the left for the decades' labels."""
        u = self.u
        top, bottom = (46, 14) if compact else (54, 46)
        return skia.Rect.MakeLTRB(
            panel.left() + 96 * u, panel.top() + top * u, panel.right() - 24 * u, panel.bottom() - bottom * u
        )

    @property
    def caption(self) -> skia.Rect:
        """The line under the curve that spells out the current step."""
        return self.rect(60, 940, 1800, 100)

    def font(self, size: float, bold: bool = False) -> skia.Font:
        """A font of `size` grid units."""
        font = skia.Font(typeface(bold), size * self.u)
        font.setSubpixel(True)
        font.setEdging(skia.Font.Edging.kAntiAlias)
        return font
