"""The gradient descent lesson in Spanish: its headings, buttons, readouts, charts, quiz and challenge card read in
Spanish, numbers in prose are written with a decimal comma, no English sentence of the page or its scripts is left,
and axe finds nothing serious; screenshots at phone and desktop width."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from gradient_descent_page import button, open_sim, readout, wait_until

from foggyhill.core import HEADLINES
from foggyhill.lang import _, use
from foggyhill.lang.html import units

STATIC = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static"
SPANISH = "?lang=es&landscape=bowl&speed=0.1"
# A few of the page's sentences its scripts write (not in the HTML): none may be left in English.
SCRIPTS_SAY = [
    "Why these zones?",
    "Zones for the dip the ball is heading to",
    "using the slope before the step",
    "from the bottom; 10 steps before",
    "Put this simulation in your page",
    "Why does the ball slow down near the bottom?",
    "Finished runs appear here",
]


def english_sentences() -> list[str]:
    """The lesson's HTML units of four words or more, as the English page shows them (tags dropped)."""
    html = (STATIC / "gradient-descent" / "index.html").read_text(encoding="utf-8")
    plain = (re.sub(r"<[^>]+>", "", unit) for unit in units(html))
    return [text for text in plain if len(text.split()) >= 4]


def roll_to_verdict(page: Any) -> None:
    button(page, "Rodar").click()
    page.locator("[data-verdict]:not([hidden])").wait_for(timeout=30_000)


def test_the_lesson_reads_in_spanish_with_decimal_commas(page: Any, base_url: str) -> None:
    open_sim(page, base_url, SPANISH)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").inner_text() == "Descenso de gradiente"
    assert page.locator("#try-it-title").inner_text() == "Pruébalo"
    for _step in range(2):  # from w = -2.5 to -2, then to -1.6
        button(page, "Paso").click()
    wait_until(page, "() => document.querySelector('[data-out=\"step\"]').textContent === '2'")
    # The readout's sum is prose: the speed 0.1 and every number in it take a decimal comma.
    step_sum = page.locator('[data-out="sum"]').inner_text()
    assert step_sum.startswith("Paso dado = −0,1 × ") and "con la pendiente de antes del paso" in step_sum
    assert readout(page, "w") == "−1,6"
    assert page.locator(".readouts dt").first.inner_text().lower() == "paso"
    # The speed box keeps the number as typed, which a number input needs.
    assert page.locator("[data-speed-number]").input_value() == "0.1"
    caption = page.locator("[data-zone-caption]").inner_text()
    assert caption == "Velocidad 0,1: entra directa (el punto más bajo en w = 0)."
    roll_to_verdict(page)
    with use("es"):
        headline = _(HEADLINES["converged-global"])
    assert headline != HEADLINES["converged-global"], "the engine's verdict has no Spanish words"
    assert page.locator("[data-verdict-headline]").inner_text() == f"✓ {headline}"
    assert "w = 0,000" in page.locator("[data-verdict-explanation]").inner_text()  # the engine's number, in Spanish
    assert page.locator("[data-distance-trend]").inner_text().startswith("Paso ")
    assert page.locator('[data-action="roll"]').inner_text() == "Rodar"  # it said Pausa while rolling


def test_no_english_sentence_is_left_on_the_spanish_page(page: Any, base_url: str) -> None:
    open_sim(page, base_url, SPANISH)
    button(page, "Paso").click()
    roll_to_verdict(page)
    page.locator(".zone-why summary").click()
    # textContent, not innerText: closed details, hidden help lines and the embed dialog count too.
    text = " ".join(page.evaluate("document.body.textContent").split())
    left = [sentence for sentence in english_sentences() + SCRIPTS_SAY if sentence in text]
    assert not left, left
    assert "Roll the ball down" not in text and "Bajo el control de Velocidad" in text


def test_the_quiz_and_the_run_list_answer_in_spanish(page: Any, base_url: str) -> None:
    open_sim(page, base_url, SPANISH)
    roll_to_verdict(page)
    run = page.locator(".run-settings").first
    assert run.inner_text().endswith("inicio −2,5 · velocidad 0,1 · sin ruido · velocidad constante")
    question = page.locator(".question").first
    question.get_by_text("El rozamiento aumenta cuanto más tiempo rueda.").click()
    assert question.locator(".feedback strong").inner_text().startswith("No exactamente.")
    question.get_by_text("El suelo se allana", exact=False).click()
    assert question.locator(".feedback strong").inner_text().startswith("Sí.")
    assert question.get_by_role("button", name="Muéstramelo").is_visible()


def test_a_challenge_link_locks_in_spanish_words(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?lang=es&landscape=tilted-double-well&start=-2&challenge=escape-dip&lock=start,speed")
    card = page.locator("[data-challenge]")
    assert card.locator("#challenge-title").text_content() == "Tu reto"
    assert card.locator("[data-challenge-locks]").inner_text() == "Bloqueado para este reto: el inicio y la velocidad."
    assert page.locator("[data-start-help]").inner_text() == "El reto fija el inicio."
    progress = card.locator("[data-challenge-progress]").inner_text()
    assert progress == "Haz rodar la bola: el reto se comprueba cuando termina el recorrido."


@pytest.mark.parametrize("width", [390, 1280])
def test_the_spanish_lesson_has_no_serious_accessibility_violation(
    page: Any, base_url: str, axe: Any, screenshots: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_sim(page, base_url, SPANISH)
    roll_to_verdict(page)
    found = axe(page)
    assert not found, "\n".join(found)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the Spanish page scrolls sideways by {overflow} px at {width} px"
    name = "phone" if width == 390 else "desktop"
    page.locator(".sim-grid").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('.sim-grid').scrollIntoView()")
    page.screenshot(path=str(screenshots / f"lesson-es-{name}.png"), full_page=False)
