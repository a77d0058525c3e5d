"""The language switch in every page's header: the page comes back in the other language with its settings, and the
language stays in the link as the learner changes settings."""

from __future__ import annotations

from typing import Any

from gradient_descent_page import open_sim, ready, url_settings, wait_for_setting


def test_switching_language_keeps_the_settings_and_the_language_stays(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=0.3&start=-1.5")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.locator('.languages a[data-lang="es"]').click()
    page.wait_for_url("**lang=es**")
    ready(page)
    assert page.evaluate("() => document.documentElement.lang") == "es"
    assert url_settings(page) == {"speed": "0.3", "start": "-1.5", "lang": "es"}
    box = page.locator("[data-speed-number]")  # a setting changed on the Spanish page keeps the language in the link
    box.fill("0.46")
    box.press("Enter")
    wait_for_setting(page, "speed", "0.46")
    assert url_settings(page)["lang"] == "es"
    page.locator(".site-header .back-link").click()  # a language chosen in the link follows to the other pages
    page.wait_for_url("**/?lang=es")
    assert page.evaluate("() => document.documentElement.lang") == "es"
    page.go_back()
    ready(page)
    page.locator('.languages a[data-lang="en"]').click()
    page.wait_for_url("**lang=en**")
    ready(page)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert url_settings(page)["speed"] == "0.46"


def test_the_index_links_its_other_language(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/")
    page.locator('.languages a[data-lang="es"]').click()
    page.wait_for_url("**/?lang=es")
    assert page.evaluate("() => document.documentElement.lang") == "es"
    assert page.locator('.languages a[data-lang="en"]').inner_text() == "English"
    page.locator('a[href^="/sim/gradient-descent"]').click()  # the chosen language follows to the simulation
    page.wait_for_url("**/sim/gradient-descent?lang=es")
    assert page.evaluate("() => document.documentElement.lang") == "es"


def test_a_spanish_pages_embed_snippet_gives_a_spanish_frame(page: Any, base_url: str) -> None:
    page.set_extra_http_headers({"Accept-Language": "es-ES,es;q=0.9"})  # Spanish by the browser, not by the link
    open_sim(page, base_url, "?speed=0.3")
    assert page.evaluate("() => document.documentElement.lang") == "es"
    page.locator(".site-header .embed-open").click()
    snippet = page.locator("dialog textarea, dialog input").first.input_value()
    assert "speed=0.3" in snippet and "embed=1" in snippet and "lang=es" in snippet
