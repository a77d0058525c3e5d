"""Errors raised by the engine: each names what was wrong and what is allowed."""

from __future__ import annotations


class FoggyhillError(ValueError):
    """Base of every error a user can cause; its message is meant to be shown as it is."""


class SettingError(FoggyhillError):
    """A setting (speed, steps, landscape, ...) has a value that is not allowed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class FormulaError(SettingError):
    """A typed formula does not parse, or has no usable loss; `position` is 0-based (None if not tied to one)."""

    def __init__(self, message: str, position: int | None = None, text: str = "") -> None:
        super().__init__("formula", message)
        self.position = position
        self.text = text
