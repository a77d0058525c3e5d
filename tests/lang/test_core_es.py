"""The engine's words in Spanish: verdicts, zones, refusals, formula errors, challenges; numbers written 0,5."""

from __future__ import annotations

import pytest

from foggyhill.core import ZONE_WORDS, Challenge, SettingError, descend, parse_challenge
from foggyhill.core.errors import FormulaError
from foggyhill.core.formula import parse_formula
from foggyhill.core.surfaces import get_surface
from foggyhill.core.theory import stability_bounds
from foggyhill.lang import _, use


def test_a_settled_run_is_told_in_spanish() -> None:
    with use("es"):
        verdict = descend(speed=0.5).verdict
    assert verdict.kind == "converged-global"
    assert verdict.headline == "Se asentó en el punto más bajo"
    assert verdict.explanation == "En el paso 14 se asentó en el punto más bajo, w = 1,235, y se quedó allí."


def test_an_overshooting_run_names_its_speed_and_the_limit_with_decimal_commas() -> None:
    with use("es"):
        verdict = descend(speed=0.6, steps=40).verdict
    assert verdict.kind == "oscillating"
    assert verdict.headline == "Se pasa: nunca puede asentarse en esta hondonada"
    assert "la velocidad 0,6 supera el límite de esta hondonada 2/curvatura = 0,593" in verdict.explanation
    assert "1.235" not in verdict.explanation and "w = 1,235" in verdict.explanation


def test_the_spanish_verdict_agrees_with_the_theory() -> None:
    """The same facts in both languages: only the words change."""
    english = descend(speed=0.6, steps=40).verdict
    with use("es"):
        spanish = descend(speed=0.6, steps=40).verdict
    assert (spanish.kind, spanish.step, spanish.facts) == (english.kind, english.step, english.facts)
    bound = next(b.bound for b in stability_bounds(descend().landscape) if b.minimum.is_global)
    assert bound is not None and bound < 0.6 and f"{bound:.3f}".replace(".", ",") in spanish.explanation


def test_english_is_unchanged_outside_spanish() -> None:
    with use("es"):
        descend(speed=0.5)
    verdict = descend(speed=0.5).verdict
    assert verdict.headline == "Settled at the lowest point"
    assert verdict.explanation == "By step 14 it settled at the lowest point, w = 1.235, and stayed there."


def test_a_refused_speed_names_the_allowed_range_in_spanish() -> None:
    with use("es"), pytest.raises(SettingError) as refused:
        descend(speed=-1)
    assert refused.value.field == "speed"
    assert str(refused.value) == "speed debe ser un número mayor que 0 y como mucho 100 (se recibió -1)"


def test_a_limit_with_a_fraction_is_written_with_a_comma() -> None:
    with use("es"), pytest.raises(SettingError) as refused:
        descend(speed=0.5, noise=101)
    assert "como mucho 100" in str(refused.value)
    with use("es"), pytest.raises(SettingError) as refused:
        parse_challenge({"challenge": "largest-speed", "goal": 0.05})
    assert str(refused.value).startswith("para largest-speed, goal debe ser un número de al menos 0,1 y como mucho 50")


def test_a_formula_error_is_in_spanish_and_keeps_its_position() -> None:
    with use("es"), pytest.raises(FormulaError) as error:
        parse_formula("w^2 + 2w")
    assert error.value.position == 7
    assert str(error.value) == "falta un operador en la columna 8: escribe 2*w para multiplicar"


def test_a_formula_hint_keeps_the_decimal_point_a_formula_needs() -> None:
    """e written as a number is formula text: 2.718282 even in Spanish, since the parser reads points."""
    with use("es"), pytest.raises(FormulaError) as error:
        parse_formula("e*w")
    assert error.value.position == 0
    assert "escribe e como un número, por ejemplo 2.718282" in str(error.value)


def test_zone_words_are_translated_where_shown() -> None:
    with use("es"):
        words = {zone: _(text) for zone, text in ZONE_WORDS.items()}
    assert words["swinging"].startswith("se asienta oscilando:")
    assert words["unstable"].startswith("nunca se asienta en esta hondonada:")
    assert all(words[zone] != ZONE_WORDS[zone] for zone in ZONE_WORDS)
    assert ZONE_WORDS["smooth"].startswith("slides straight in")  # the table itself stays English


def test_a_challenge_is_judged_in_spanish() -> None:
    run = descend(speed=0.5)
    challenge = Challenge("settle-within", 10)
    with use("es"):
        judged = challenge.judged(run)
    assert judged["met"] is False
    assert judged["headline"] == "Todavía no"
    assert judged["task"] == "Asiéntate en el punto más bajo en como mucho 10 pasos."
    assert judged["progress"] == "Se asentó en el punto más bajo en 14 pasos: 4 más de los 10 permitidos."


def test_a_surface_is_named_in_the_language_it_is_asked_in() -> None:
    with use("es"):
        spanish = get_surface("ravine")
    english = get_surface("ravine")
    assert spanish.title == "Barranco" and english.title == "Ravine"
    assert "10 veces más empinado" in spanish.description
