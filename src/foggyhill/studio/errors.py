"""The one Studio error and its one formatter: line, column, the source line, a caret, what was expected, a hint."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..lang import say


@dataclass(frozen=True)
class Span:
    """Where something is in the program: 1-based line and column, and how many characters it covers."""

    line: int
    column: int
    length: int = 1


class StudioError(Exception):
    """Anything wrong with a Studio program, at parse time or while it runs, in words a learner can act on."""

    def __init__(self, message: str, span: Span | None = None, expected: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.expected = expected
        self.hint = hint

    def to_dict(self, source: str = "") -> dict[str, object]:
        """The error as JSON-ready data, with the formatted text a learner reads."""
        span = self.span
        return {
            "message": self.message,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "length": span.length if span else None,
            "expected": self.expected,
            "hint": self.hint,
            "text": format_error(self, source),
        }


class Stopped(Exception):
    """The program was asked to stop (the Stop button, a closed page, Ctrl-C); not a mistake."""


def format_error(error: StudioError, source: str = "") -> str:
    """The learner's view of an error: where, the line with a caret under the spot, what was expected, a hint."""
    lines: list[str] = []
    span = error.span
    if span is None:
        lines.append(error.message)
    else:
        lines.append(
            say("line {line}, column {column}: {message}", line=span.line, column=span.column, message=error.message)
        )
        source_lines = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as parsed
        if 1 <= span.line <= len(source_lines):
            text = source_lines[span.line - 1].replace("\t", " ").rstrip("\r")
            lines.append(f"    {text}")
            width = max(1, min(span.length, len(text) - span.column + 1))
            lines.append("    " + " " * (span.column - 1) + "^" * width)
    if error.expected:
        lines.append(say("expected {what}", what=error.expected))
    if error.hint:
        lines.append(say("hint: {hint}", hint=error.hint))
    return "\n".join(lines)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent swaps counted as one edit (the commonest typo)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word nearest to `word`, if it is near enough to be a typo of it."""
    lowered = word.lower()
    best, best_distance = None, None
    for candidate in known:
        distance = edit_distance(lowered, candidate.lower())
        if best_distance is None or distance < best_distance:
            best, best_distance = candidate, distance
    if best is None or best_distance is None:
        return None
    allowed = 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3
    return best if best_distance <= allowed else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A hint naming the nearest known word, or an empty string when nothing is close."""
    guess = closest(word, known)
    return say("did you mean `{word}`?", word=guess) if guess else ""


def one_of(words: Iterable[str]) -> str:
    """`a`, `b` or `c`: a list of allowed words for a message."""
    quoted = [f"`{w}`" for w in words]
    if len(quoted) <= 1:
        return "".join(quoted)
    return say("{some} or {last}", some=", ".join(quoted[:-1]), last=quoted[-1])


def either(words: Iterable[str]) -> str:
    """a or b or c: alternatives for a message, every one said."""
    listed = list(words)
    said = listed[0] if listed else ""
    for word in listed[1:]:
        said = say("{some} or {last}", some=said, last=word)
    return said
