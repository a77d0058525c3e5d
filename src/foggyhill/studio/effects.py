"""What a running program produces, handed one at a time to a sink the caller gives (the CLI prints, the web streams).

Every effect has a kind, the program line it came from, a line of text a person can read, and data for machines.
Kinds: print, loaded, network, show, training, round, notes, trained, plot, evaluation, prediction, stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Effect:
    """One thing the program did, said in words (`text`) and in numbers (`data`)."""

    kind: str
    line: int
    text: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: {"type": kind, "line": …, "text": …, …data}."""
        return {"type": self.kind, "line": self.line, "text": self.text, **self.data}


Sink = Callable[[Effect], object]


def discard(effect: Effect) -> None:
    """A sink that keeps nothing (the checking pass uses it)."""


class Collect:
    """A sink that keeps every effect in a list, for tests and for callers that want them all at the end."""

    def __init__(self) -> None:
        self.effects: list[Effect] = []

    def __call__(self, effect: Effect) -> None:
        """Keep the effect."""
        self.effects.append(effect)

    def kinds(self) -> list[str]:
        """The kinds in order."""
        return [e.kind for e in self.effects]

    def texts(self, kind: str | None = None) -> list[str]:
        """The texts, optionally of one kind only."""
        return [e.text for e in self.effects if kind is None or e.kind == kind]
