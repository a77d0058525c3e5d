"""The three-runs show, the learning-rate map, the optimizer race and the surfaces page at ?lang=es: headings,
controls and the words their scripts build read in Spanish, numbers with a decimal comma, no sentence of the page's
own catalog left in English, axe clean; a screenshot of each (docs/screenshots/<page>-es.png)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "lang" / "catalogs" / "es"
VISIBLE_TEXT = "() => document.body.innerText"


def english_sentences(page: str) -> list[str]:
    """The sentences of a page's catalog a reader would spot if one were left in English: plain text (tags and
    placeholders out), three words or more, translated to something else."""
    with (CATALOGS / f"pages-{page}.po").open("rb") as file:
        catalog = read_po(file, locale="es")
    found = []
    for message in catalog:
        if not message.id or "{" in message.id or message.string == message.id:
            continue
        text = re.sub(r"<[^>]+>", "", message.id)
        if len(text.split()) >= 3:
            found.append(" ".join(text.split()))
    return found


def assert_spanish(page: Any, catalog: str, axe: Any) -> None:
    """The page says it is Spanish, none of its catalog's sentences is visible in English, and axe finds nothing."""
    assert page.evaluate("() => document.documentElement.lang") == "es"
    shown = " ".join(page.evaluate(VISIBLE_TEXT).split())
    left = [sentence for sentence in english_sentences(catalog) if sentence in shown]
    assert not left, f"still in English: {left}"
    assert not axe(page)


def shoot(page: Any, screenshots: Path, name: str) -> None:
    page.screenshot(path=str(screenshots / f"{name}-es.png"), full_page=True)


def test_the_english_sentence_check_can_fail() -> None:
    """The list the pages are searched for holds real sentences (else the checks below would pass on anything)."""
    sentences = english_sentences("surfaces")
    assert "Each band of colour is the same step of loss." in sentences
    assert "Skip to the simulation" in sentences  # the HTML's units too


def test_three_runs_in_spanish(page: Any, base_url: str, axe: Any, screenshots: Path) -> None:
    page.clock.install()
    page.goto(f"{base_url}/sim/three-runs?lang=es")
    page.wait_for_selector('#three-runs[data-state="ready"]')
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    assert page.locator("h1").text_content() == "Tres recorridos: un número lo decide todo"
    assert page.locator("[data-action=play]").text_content() == "Reproducir"
    page.get_by_role("slider", name="Dónde va el espectáculo").focus()
    for _ in range(30):  # to step 9 of the tuned run, as the English test goes
        page.keyboard.press("ArrowRight")
    assert page.locator("[data-out=where]").text_content() == "Recorrido 2 de 3 · velocidad 0,46 · paso 9 de 20"
    caption = page.locator("[data-stage] .caption").text_content()
    assert caption.startswith("Paso 9:") and re.search(r"\d,\d", caption), caption
    assert page.locator("[data-stage] .chart-heading").text_content() == "Distancia al punto más bajo"
    assert page.locator("[data-stage]").get_attribute("aria-label").startswith("La curva de pérdida")
    page.get_by_role("button", name="Reproducir").focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-action=play]").text_content() == "Pausa"
    page.keyboard.press("Enter")
    assert page.locator("[data-action=play]").text_content() == "Continuar"
    assert_spanish(page, "three-runs", axe)
    shoot(page, screenshots, "three-runs")


def test_learning_rate_map_in_spanish(page: Any, base_url: str, axe: Any, screenshots: Path) -> None:
    page.goto(f"{base_url}/sim/learning-rate-map?lang=es")
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    assert page.locator("h1").text_content() == "El mapa de velocidades"
    assert page.get_by_label("Regla de actualización").locator("option").first.text_content() == "Descenso simple"
    assert page.locator("[data-map]").get_attribute("aria-roledescription") == "mapa de resultados"
    bound = page.locator("[data-bound-numbers]").text_content()
    assert bound.startswith("En la curva") and "0,593" in bound, bound
    assert all(re.fullmatch(r" \d+ %", share) for share in page.locator("[data-legend] .share").all_text_contents())
    page.locator("[data-diagram]").focus()
    page.keyboard.press("ArrowRight")
    assert page.locator("[data-diagram-readout]").text_content().startswith("A velocidad ")
    assert_spanish(page, "learning-rate-map", axe)
    shoot(page, screenshots, "learning-rate-map")


def test_optimizer_race_in_spanish(page: Any, base_url: str, axe: Any, screenshots: Path) -> None:
    page.goto(f"{base_url}/sim/optimizer-race?lang=es")
    page.wait_for_selector('#race[data-state="ready"]', timeout=30_000)
    assert page.locator("h1").text_content() == "La carrera de optimizadores"
    assert page.locator("[data-play]").text_content() == "Reproducir"
    assert page.locator("[data-step-out]").text_content() == "paso 200"
    headings = page.locator("[data-results] thead th").all_text_contents()
    assert headings == ["Regla de actualización", "Veredicto", "Decidido en el paso", "Acaba en w", "Pérdida final"]
    ends = page.locator("[data-results] tbody td.num").all_text_contents()
    assert any(re.fullmatch(r"−?\d+,\d+", end) for end in ends), ends
    page.get_by_label("Pasos con ruido").check()
    page.wait_for_selector('#race[data-state="ready"] .cloud-summary')
    summary = page.locator(".cloud-summary").first.text_content()
    assert summary.startswith("Los ") and "recorridos acaban repartidos" in summary, summary
    assert_spanish(page, "optimizer-race", axe)
    shoot(page, screenshots, "optimizer-race")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_surfaces_in_spanish(
    browser: Any, base_url: str, axe: Any, screenshots: Path, viewports: dict[str, Any], size: str
) -> None:
    context = browser.new_context(viewport=viewports[size], reduced_motion="reduce", bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base_url}/sim/surfaces?lang=es&landscape=ravine&speed=0.095")
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    assert page.locator("h1").text_content() == "La segunda dimensión"
    page.get_by_role("button", name="Paso", exact=True).click()
    page.wait_for_function("() => document.querySelector('[data-out=step]').textContent === '1'")
    assert re.fullmatch(r"−?\d+,\d+", page.locator("[data-out=w2]").text_content())
    assert re.fullmatch(r"\(.+; .+\)", page.locator("[data-out=slope]").text_content())
    page.get_by_label("Mostrar la dirección más empinada de la hondonada hacia la que va").check()
    steepest = page.locator("[data-steepest-words]").text_content()
    assert steepest.startswith("En el punto más bajo en (0; 0)") and "2/20 = 0,1" in steepest, steepest
    assert page.locator("[data-map-label]").text_content().startswith("Mapa de curvas de nivel de ")
    page.get_by_role("button", name="Muéstramelo: momento").click()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewports[size]["width"]
    assert_spanish(page, "surfaces", axe)
    page.screenshot(path=str(screenshots / f"surfaces-es{'' if size == 'desktop' else '-phone'}.png"), full_page=True)
    context.close()
