"""The learner's language: every word foggyhill shows comes through here, English as the source, Spanish complete.

The words live in gettext catalogs (`lang/catalogs/<language>/*.po`, one per part of the program, compiled into
`<language>.mo` by `scripts/catalogs.py`, which also writes the pages' JSON catalog from the same files). Which
language a word is said in is the context's: the server sets it per request, the command line once, an engine
process per piece of work. Nothing here knows where it was asked from.

    _("Settled at the lowest point")               one message, translated
    N_("Flew off")                                 marked for the catalogs, translated later where it is shown
    say("speed {speed:g} settles", speed=0.5)      translated, then filled in with numbers written the local way
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

CATALOGS = Path(__file__).resolve().parent / "catalogs"
SOURCE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}  # each language's name in itself
CHOSEN = "FOGGYHILL_LANG"  # set by `foggyhill --lang`; child processes inherit it

_asked: ContextVar[str | None] = ContextVar("foggyhill_lang", default=None)


class LanguageError(ValueError):
    """A language foggyhill does not speak."""

    def __init__(self, given: str) -> None:
        self.given = given
        shown = given if len(given) <= 20 else given[:20] + "…"
        super().__init__(
            say("no language {shown}: foggyhill speaks {languages}", shown=repr(shown), languages=", ".join(LANGUAGES))
        )


def checked(name: str) -> str:
    """`name` if foggyhill speaks it (a region such as es-MX or es_ES.UTF-8 is read as its language), else raise."""
    if name in LANGUAGES:  # the usual case, asked once per request and per engine job
        return name
    found = language_of(name)
    if found is None:
        raise LanguageError(name)
    return found


def language_of(tag: str) -> str | None:
    """The language a tag names (`es`, `es-MX`, `es_ES.UTF-8`, `ES`), if foggyhill speaks it."""
    base = re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0].lower()
    return base if base in LANGUAGES else None


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The machine's language from the usual variables (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), if foggyhill speaks it."""
    variables: Mapping[str, str] = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = variables.get(variable, "")
        if not value:
            continue
        for tag in value.split(":"):  # LANGUAGE may list several, best first
            if tag in ("C", "POSIX") or tag.startswith("C."):
                return None
            found = language_of(tag)
            if found:
                return found
        return None  # the first variable that is set decides, as gettext does
    return None


def from_accept_language(header: str) -> str | None:
    """The best language of an Accept-Language header that foggyhill speaks (weights honoured, `*` ignored)."""
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate(header.split(",")[:32]):  # a header is bounded; 32 choices are plenty
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        match = re.search(r"q\s*=\s*(\S{0,8})", params)
        if match:
            try:
                weight = float(match.group(1))
            except ValueError:
                weight = 0.0  # a weight nobody can read is no wish for this language
        found = language_of(tag) if tag and tag != "*" else None
        if found and weight > 0:
            ranked.append((-weight, order, found))
    return min(ranked)[2] if ranked else None


def chosen() -> str | None:
    """The language set for the whole program (`foggyhill --lang`), if any."""
    value = os.environ.get(CHOSEN, "")
    return language_of(value) if value else None


def pick(asked: str | None = None, accept_language: str | None = None) -> str:
    """The language to answer in: the one asked for (`?lang=`), else `--lang`'s, else the browser's, else LANG's.

    `asked` must be a language foggyhill speaks (LanguageError otherwise); the rest fall through when they do not.
    """
    if asked:
        return checked(asked)
    return chosen() or (from_accept_language(accept_language) if accept_language else None) or default()


def default() -> str:
    """The language when nobody asked: `--lang`'s, else the machine's, else English."""
    return chosen() or from_environment() or SOURCE


def current() -> str:
    """The language words are said in here and now."""
    return _asked.get() or default()


@contextmanager
def use(language: str) -> Iterator[None]:
    """Say every word in `language` inside this block (and in tasks started from it)."""
    token = _asked.set(checked(language))
    try:
        yield
    finally:
        _asked.reset(token)


@cache
def messages(language: str) -> dict[str, str]:
    """Every translated message of `language`, by its English source (empty for English)."""
    if language == SOURCE:
        return {}
    compiled = CATALOGS / f"{language}.mo"
    with compiled.open("rb") as file:
        catalog = gettext.GNUTranslations(file)
    return {source: text for source, text in catalog._catalog.items() if isinstance(source, str) and source and text}  # type: ignore[attr-defined]


def _(message: str) -> str:
    """`message` in the current language (itself in English, or when a catalog lacks it)."""
    language = current()
    if language == SOURCE:
        return message
    return messages(language).get(message, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it now: a table's words, translated where shown."""
    return message


_SEPARATORS = {"es": str.maketrans({".": ",", ",": "."})}


def number_text(formatted: str, language: str | None = None) -> str:
    """A number already formatted the English way (`0.5`, `12,345.6`, `1e-05`), written the way `language` writes it.

    Spanish, as CLDR writes it: a decimal comma and a point between thousands (`0,5`, `12.345,6`).
    """
    table = _SEPARATORS.get(language or current())
    return formatted if table is None else formatted.translate(table)


class _Written:
    """A number that writes itself the current language's way in a format field (`{speed:g}` → `0,5`); converted
    with `!s` or `!r` it stays as Python writes it, as any value converted first would."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        return number_text(format(self.value, spec))

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return repr(self.value)


def say(message: str, /, **values: Any) -> str:
    """`message` translated, then filled in: `{speed:g}` takes the value's spec and the language's separators."""
    language = current()
    if language == SOURCE:  # English writes numbers as Python does: str.format itself, the fast way
        return message.format(**values)
    text = messages(language).get(message, message)
    written = {
        name: _Written(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
        for name, value in values.items()
    }
    return text.format(**written)


def number(value: float, spec: str = "g") -> str:
    """One number written the current language's way, as `say` writes it in a sentence."""
    return number_text(format(value, spec))


__all__ = [
    "LANGUAGES",
    "SOURCE",
    "LanguageError",
    "N_",
    "_",
    "checked",
    "current",
    "default",
    "from_accept_language",
    "from_environment",
    "language_of",
    "messages",
    "number",
    "number_text",
    "pick",
    "say",
    "use",
]
