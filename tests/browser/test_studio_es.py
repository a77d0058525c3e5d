"""Studio in Spanish, in a real browser: the page's words, the run's status and chart, a Studio mistake with its
Spanish message at its line, one step of backpropagation with numbers written 0,1, the Python panel; axe on the
Spanish page, and screenshots of it on a desktop and a phone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from studio_programs import BOARD, MISTAKE

from foggyhill.lang import use
from foggyhill.studio.errors import StudioError
from foggyhill.studio.parser import parse

PAGE = "/studio?lang=es"

# The fruits network with a misspelled keyword on its last line: the run stops there before training.
MISSPELLED = MISTAKE.replace("rounds = 30", "rounds: 30").replace("train_network", "trian_network")


def open_spanish(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}{PAGE}")
    page.wait_for_selector("body[data-ready=true]")


def run_and_wait(page: Any) -> None:
    page.click("#run")
    page.wait_for_selector("#status[data-kind=good]", timeout=60_000)
    page.wait_for_selector("#run:not([disabled])", timeout=60_000)


def studio_error(source: str, language: str = "es") -> dict[str, Any]:
    """The engine's own error for `source`, said in `language`, to hold the page's words against."""
    with use(language):
        try:
            parse(source)
        except StudioError as error:
            return error.to_dict(source)
    raise AssertionError("the program was meant to hold a mistake")


def test_the_seed_program_runs_in_spanish(page: Any, base_url: str, screenshots: Path, axe: Any) -> None:
    open_spanish(page, base_url)
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("#run") == "▶ Ejecutar"
    assert page.inner_text("#stop") == "■ Detener"
    assert page.inner_text("#output-title") == "Salida"
    assert page.inner_text("#chart-caption") == "El gráfico se completa mientras una red entrena."
    assert page.inner_text("#status").startswith("Ejemplo abierto: Frutas. ")  # the seed program, its title translated
    assert page.locator("#examples option").first.inner_text() == "Abrir un ejemplo…"
    assert re.fullmatch(
        r"Aquí un programa puede entrenar hasta \d+ rondas, con capas de hasta \d+ neuronas y datos de hasta "
        r"[\d.]+ filas, durante \d+ segundos\.",
        page.inner_text("#limits"),
    )
    run_and_wait(page)
    assert re.fullmatch(r"Terminado en \d+,\d s\.", page.inner_text("#status"))  # a decimal comma
    names = page.locator("#chart .axis-name").all_text_contents()  # svg text has no inner text
    assert names[:2] == ["ronda", "pérdida"] and "exactitud" in names
    assert any(re.fullmatch(r"\d+,\d+", tick) for tick in page.locator("#chart .tick").all_text_contents())  # 0,5
    page.get_by_text("El lenguaje en una tarjeta").click()
    card = page.inner_text("#card").splitlines()
    assert card[3] == "  layer input from data".ljust(43) + "# primero: una entrada por característica"
    page.screenshot(path=str(screenshots / "studio-es-run.png"), full_page=True)
    assert not axe(page)

    page.click("#python")
    page.wait_for_selector("#python-dialog[data-state=ready]")
    assert page.inner_text("#python-dialog [data-said]").startswith("Un script de numpy independiente:")
    assert page.inner_text("#python-dialog [data-download]") == "Descargar program.py"
    page.locator("#python-dialog").screenshot(path=str(screenshots / "studio-es-python.png"))


def test_a_misspelled_keyword_is_told_in_spanish_at_its_line(page: Any, base_url: str, screenshots: Path) -> None:
    error = studio_error(MISSPELLED)
    assert error["line"] == 7
    assert error["message"] != studio_error(MISSPELLED, "en")["message"]  # Studio's own words are translated
    open_spanish(page, base_url)
    page.locator("#editor textarea").fill(MISSPELLED)
    page.wait_for_selector("#live:not([hidden])")  # checked while typing, before Run
    live = page.inner_text("#live")
    assert live.startswith(f"Línea 7, columna 1: {error['message']}")
    page.click("#run")
    page.wait_for_selector(".out-error")
    assert page.inner_text("#status") == "Un error en la línea 7."
    shown = page.inner_text(".out-error")
    assert f"línea 7, columna 1: {error['message']}" in shown
    if error["hint"]:
        assert f"pista: {error['hint']}" in shown
    assert page.inner_text(".out-error .caret") == "^" * len("trian_network")  # the caret under the misspelled word
    assert page.inner_text(".out-error .jump") == "Ir a la línea 7"
    assert page.inner_text("#editor .gutter span.wrong") == "7"
    assert page.inner_text("#editor mark.mistake").startswith("trian")
    page.locator(".result-pane").screenshot(path=str(screenshots / "studio-es-mistake.png"))


def test_one_step_of_backpropagation_in_spanish(page: Any, base_url: str, screenshots: Path, axe: Any) -> None:
    open_spanish(page, base_url)
    page.locator("#editor textarea").fill(BOARD)
    run_and_wait(page)
    assert page.inner_text("#network-title") == "La red"
    caption = page.inner_text("#network-caption")
    assert re.search(
        r"^net, entrenada: 2 entradas → 6 tanh → 2 softmax; se muestran .+; el peso más fuerte es −?\d+,\d+", caption
    )
    page.click("#explain")
    page.wait_for_selector("#step-card:not([hidden])")
    page.wait_for_selector("#run:not([disabled])", timeout=60_000)
    assert page.inner_text("#status") == "Hecho: explain_step net, on: board, row: 1"
    count = page.inner_text("#step-card [data-count]")
    assert re.fullmatch(r"Parte 1 de \d+: hacia delante, las entradas", count)
    assert page.inner_text("#step-card .step-buttons [data-next]") == "Siguiente →"
    for _ in range(10):
        if page.get_attribute("#step-card", "data-stage") == "update":
            break
        page.click("#step-card [data-next]")
    update = page.inner_text("#step-card [data-stage]")
    assert "Cada peso da un paso cuesta abajo: nuevo = antiguo − velocidad × pendiente, con velocidad 0,5 (" in update
    assert re.search(r"capa 1, peso \[\d+, \d+\]\s+−?\d+,\d+", update)  # the table's numbers with a decimal comma
    page.locator("#step-card").screenshot(path=str(screenshots / "studio-es-step.png"))
    assert not axe(page)


def test_the_spanish_page_fits_a_phone(
    page: Any, base_url: str, screenshots: Path, viewports: dict[str, dict[str, int]], axe: Any
) -> None:
    page.set_viewport_size(viewports["phone"])
    open_spanish(page, base_url)
    run_and_wait(page)
    wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 0  # no sideways scroll with the longer Spanish words
    toolbar = page.locator(".toolbar").bounding_box()
    assert toolbar["x"] + toolbar["width"] <= viewports["phone"]["width"]
    page.screenshot(path=str(screenshots / "studio-es-phone.png"), full_page=True)
    assert not axe(page)


def test_the_server_writes_the_page_in_spanish(page: Any, base_url: str) -> None:
    response = page.request.get(f"{base_url}{PAGE}")
    assert response.headers["content-language"] == "es"
    assert '<h2 id="output-title" class="output-title">Salida</h2>' in response.text()
    assert 'aria-label="Dentro de la red"' in response.text()  # what a screen reader says is Spanish too
