"""The learner's language: which one a request or a command speaks, and numbers written its way."""

from __future__ import annotations

import string
from typing import Any

import babel.numbers
import numpy as np
import pytest

from foggyhill import lang
from foggyhill.lang import LanguageError, from_accept_language, from_environment, number_text, pick, say, use


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("en-US,en;q=0.9,es;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,es;q=0.5", "es"),  # the best language foggyhill speaks, not the best overall
        ("en;q=0.2, es;q=0.7", "es"),  # weights, not order
        ("es;q=0", None),  # q=0 means "not this one"
        ("fr, de, *", None),
        ("", None),
        ("es;q=abc", None),
    ],
)
def test_the_browsers_language_is_its_best_one_foggyhill_speaks(header: str, expected: str | None) -> None:
    assert from_accept_language(header) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "es_MX"}, "es"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LC_ALL": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),  # LC_ALL wins over LANG, as in gettext
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),  # LANGUAGE lists several, best first
        ({"LANGUAGE": "en", "LANG": "es_ES.UTF-8"}, "en"),
        ({}, None),
    ],
)
def test_the_machines_language_comes_from_its_variables(environ: dict[str, str], expected: str | None) -> None:
    assert from_environment(environ) == expected


def test_the_asked_language_wins_then_the_flag_then_the_browser_then_the_machine(monkeypatch) -> None:
    monkeypatch.delenv("FOGGYHILL_LANG", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert pick(None, "es") == "es"
    assert pick("en", "es") == "en"
    assert pick(None, None) == "en"
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert pick(None, None) == "es"
    assert pick(None, "en-US,en") == "en"  # the browser's choice beats the machine's
    monkeypatch.setenv("FOGGYHILL_LANG", "es")  # the teacher's `foggyhill --lang es`
    assert pick(None, "en-US,en") == "es"
    assert pick("en", "en-US,en") == "en"  # a learner's ?lang= still wins


def test_a_language_foggyhill_does_not_speak_is_refused_in_words() -> None:
    with pytest.raises(LanguageError, match=r"no language 'xx': foggyhill speaks en, es"):
        pick("xx", None)
    assert lang.checked("es_ES.UTF-8") == "es"


@pytest.mark.parametrize(
    "value",
    [0.5, -0.25, 1234.5, 12345.678, 1234567.0, 0.001, 2.0, 100.0, 99999.5, -12345.25],
)
def test_numbers_in_prose_are_written_as_spanish_writes_them(value: float) -> None:
    # Babel's CLDR data is the reference: a decimal comma, a point between thousands, none in four digits.
    expected = babel.numbers.format_decimal(value, format="#,##0.###", locale="es")
    assert number_text(f"{value:,.3f}".rstrip("0").rstrip("."), "es") == expected


def test_say_translates_first_and_writes_its_numbers_the_languages_way() -> None:
    assert say("speed {speed:g}, {steps:,} steps", speed=0.5, steps=12345) == "speed 0.5, 12,345 steps"
    with use("es"):
        assert lang.current() == "es"
        assert say("speed {speed:g}, {steps:,} steps", speed=0.5, steps=12345) == "speed 0,5, 12.345 steps"
        assert say("{name} at {w:.2f}", name="v1.2", w=-1.5) == "v1.2 at -1,50"  # text values are left alone
    assert lang.current() == "en"


def test_every_language_has_its_catalog_and_english_needs_none() -> None:
    assert lang.messages("en") == {}
    for language in lang.LANGUAGES.keys() - {"en"}:
        assert lang.messages(language), f"{language}.mo is empty: run scripts/catalogs.py compile"


class _Reference(string.Formatter):
    """say()'s meaning, written the slow obvious way: each number field formatted, then written the language's way."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        return number_text(text) if isinstance(value, (int, float)) and not isinstance(value, bool) else text


@pytest.mark.parametrize("language", ["en", "es"])
def test_say_fills_in_as_the_obvious_formatter_would(language: str) -> None:
    values = {
        "x": 12345.678,
        "n": 3,
        "flag": True,
        "name": "v1.2",
        "big": 10**7,
        "tiny": 1.5e-7,
        "np": np.float64(0.25),
    }
    templates = [
        "{x:g} {x:.2f} {x:,.1f} {x:.1%} {x:e}",
        "{n} {n:d} {n:03d} {big:,} {tiny:g} {np:.3f}",
        "{x!r} {x!s} {name} {name!r} {flag} {x}",
    ]
    with use(language):
        for template in templates:
            assert say(template, **values) == _Reference().format(template, **values)
