"""Small drawing helpers on a skia canvas: paints, aligned and wrapped text, rounded panels."""

from __future__ import annotations

import skia

from .theme import PANEL


def fill(colour: int) -> skia.Paint:
    """An anti-aliased fill paint."""
    return skia.Paint(Color=colour, AntiAlias=True, Style=skia.Paint.kFill_Style)


def stroke(colour: int, width: float, round_caps: bool = True) -> skia.Paint:
    """An anti-aliased stroke paint."""
    paint = skia.Paint(Color=colour, AntiAlias=True, Style=skia.Paint.kStroke_Style, StrokeWidth=width)
    if round_caps:
        paint.setStrokeCap(skia.Paint.kRound_Cap)
        paint.setStrokeJoin(skia.Paint.kRound_Join)
    return paint


def text(
    canvas: skia.Canvas, words: str, x: float, y: float, font: skia.Font, colour: int, align: str = "left"
) -> float:
    """Draw one line with its baseline at y, aligned left, center or right of x; returns its width."""
    if align == "left":
        canvas.drawString(words, x, y, font, fill(colour))
        return 0.0 if not words else font.measureText(words)
    width = font.measureText(words)
    x -= width / 2 if align == "center" else width
    canvas.drawString(words, x, y, font, fill(colour))
    return width


_WRAPPED: dict[tuple[str, float, int, float], list[str]] = {}


def wrap(words: str, font: skia.Font, width: float) -> list[str]:
    """Break text into lines no wider than `width` (a single long word gets a line of its own); remembered."""
    key = (words, font.getSize(), font.getTypeface().uniqueID(), width)
    if key not in _WRAPPED:
        if len(_WRAPPED) > 4096:
            _WRAPPED.clear()
        _WRAPPED[key] = _wrap(words, font, width)
    return _WRAPPED[key]


def _wrap(words: str, font: skia.Font, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words.split():
        candidate = f"{line} {word}" if line else word
        if line and font.measureText(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def paragraph(
    canvas: skia.Canvas, words: str, rect: skia.Rect, font: skia.Font, colour: int, align: str = "left"
) -> float:
    """Draw wrapped text from the top of `rect`; returns the y below the last line."""
    size = font.getSize()
    y = rect.top() + size
    x = {"left": rect.left(), "center": rect.centerX(), "right": rect.right()}[align]
    for line in wrap(words, font, rect.width()):
        text(canvas, line, x, y, font, colour, align)
        y += size * 1.35
    return y - size


def panel(canvas: skia.Canvas, rect: skia.Rect, radius: float, colour: int = PANEL) -> None:
    """A rounded panel."""
    canvas.drawRoundRect(rect, radius, radius, fill(colour))


def signed(value: float, digits: int = 3) -> str:
    """A number with a true minus sign, as a learner reads it; a huge one in powers of ten."""
    shown = f"{value:.{digits}f}" if abs(value) < 1e4 else f"{value:.2e}".replace("e+", "e")
    return shown.replace("-", "−")


def fitted(font: skia.Font, words: str, width: float) -> skia.Font:
    """The font, made smaller if need be so `words` fit in `width`."""
    measured = font.measureText(words)
    if measured <= width:
        return font
    smaller = skia.Font(font.getTypeface(), font.getSize() * width / measured)
    smaller.setSubpixel(True)
    smaller.setEdging(skia.Font.Edging.kAntiAlias)
    return smaller
