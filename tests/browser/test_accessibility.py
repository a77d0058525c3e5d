"""Every page in its main states, checked by axe-core: no serious or critical violation (contrast, names, roles, …).

Each test brings a page to one state a learner sees, then asks the `axe` fixture (conftest.py) what is wrong there.
"""

from __future__ import annotations

from typing import Any

import pytest
from studio_programs import MISTAKE

PHONE = {"width": 390, "height": 844}


def assert_no_violations(axe: Any, page: Any, where: str) -> None:
    """Fail with axe's serious and critical violations, one per line, named by the state the page is in."""
    found = axe(page)
    assert not found, f"{where}: {len(found)} serious or critical accessibility violations:\n" + "\n".join(found)


def on_phone_and_in_the_dark(page: Any) -> Any:
    """Look again at the same state on a phone-sized screen in the dark colour scheme."""
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme="dark")
    return page


# ----------------------------------------------------------------------------- the front page


def test_the_front_page(page: Any, base_url: str, axe: Any) -> None:
    page.goto(f"{base_url}/")
    page.wait_for_selector(".cards .card")
    assert_no_violations(axe, page, "the front page")
    on_phone_and_in_the_dark(page)
    assert_no_violations(axe, page, "the front page, on a phone, dark")


def test_a_page_not_found(page: Any, base_url: str, axe: Any, console: Any) -> None:
    console.allow("status of 404")  # the browser's own note about the page's status
    page.goto(f"{base_url}/sim/no-such-thing")
    page.wait_for_selector("main h1")
    assert_no_violations(axe, page, "the page-not-found page")


# ----------------------------------------------------------------------------- the gradient-descent lesson

LESSON = "/sim/gradient-descent"


def open_lesson(page: Any, base_url: str, query: str = "") -> Any:
    page.goto(f"{base_url}{LESSON}{query}")
    page.wait_for_selector('#try-it[data-state="ready"]')
    page.wait_for_function("() => document.querySelector('[data-out=\"w\"]').textContent !== '—'")
    return page


def test_the_lesson_fresh(page: Any, base_url: str, axe: Any) -> None:
    open_lesson(page, base_url)
    assert_no_violations(axe, page, "the gradient-descent lesson, fresh")


def test_the_lesson_after_a_roll_to_its_verdict(page: Any, base_url: str, axe: Any) -> None:
    open_lesson(page, base_url)
    page.get_by_role("button", name="Roll", exact=True).click()
    page.locator("[data-verdict]").wait_for(state="visible", timeout=20_000)
    assert_no_violations(axe, page, "the gradient-descent lesson after Roll, its verdict shown")


def test_the_lesson_with_noisy_steps(page: Any, base_url: str, axe: Any) -> None:
    open_lesson(page, base_url, "?noise=1&schedule=robbins-monro")
    assert_no_violations(axe, page, "the gradient-descent lesson with noise=1&schedule=robbins-monro")


# ----------------------------------------------------------------------------- three runs

THREE_RUNS = "/sim/three-runs?steps=4&step_budget=0.3&intro=0.5&card=0.5&summary=1"  # a 6.6 s show


def test_three_runs_playing_then_its_summary(page: Any, base_url: str, axe: Any) -> None:
    page.clock.install()  # the show's time moves only when the test says so
    page.goto(f"{base_url}{THREE_RUNS}")
    page.wait_for_selector('#three-runs[data-state="ready"]')
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    page.get_by_role("button", name="Play").click()
    page.clock.run_for(2400)
    assert page.evaluate("() => document.querySelector('#three-runs').dataset.state") == "playing"
    assert_no_violations(axe, page, "three runs, playing")
    page.clock.run_for(6000)
    assert page.evaluate("() => document.querySelector('#three-runs').dataset.state") == "finished"
    assert page.locator(".summary").is_visible()
    assert_no_violations(axe, page, "three runs, its summary shown")


# ----------------------------------------------------------------------------- the learning-rate map

MAP = "/sim/learning-rate-map"


def test_the_map_drawn_and_a_cell_pointed_at(page: Any, base_url: str, axe: Any) -> None:
    page.goto(f"{base_url}{MAP}")
    page.wait_for_selector("[data-map][data-drawn]", timeout=30_000)
    page.wait_for_selector("[data-diagram][data-drawn]", timeout=30_000)
    assert_no_violations(axe, page, "the learning-rate map, drawn")
    canvas = page.locator("[data-map]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    page.wait_for_selector('[data-preview][data-state="ready"]')
    assert_no_violations(axe, page, "the learning-rate map, a cell pointed at")
    on_phone_and_in_the_dark(page)
    assert_no_violations(axe, page, "the learning-rate map, a cell pointed at, on a phone, dark")


# ----------------------------------------------------------------------------- the optimizer race

RACE = "/sim/optimizer-race"


def test_the_race_after_it_ran(page: Any, base_url: str, axe: Any) -> None:
    page.goto(f"{base_url}{RACE}")
    page.wait_for_selector('#race[data-state="ready"]', timeout=30_000)
    page.get_by_role("button", name="Play").click()  # reduced motion: straight to the end
    page.wait_for_function("() => document.querySelector('[data-step-out]').textContent === 'step 200'")
    assert_no_violations(axe, page, "the optimizer race, after a race")


def test_the_race_in_noisy_mode(page: Any, base_url: str, axe: Any) -> None:
    page.goto(f"{base_url}{RACE}?mode=noisy")
    page.wait_for_selector('#race[data-state="ready"]', timeout=30_000)
    page.wait_for_selector('.cloud[data-schedule="robbins-monro"] .cloud-dot')
    assert_no_violations(axe, page, "the optimizer race, noisy mode")


# ----------------------------------------------------------------------------- Studio


def open_studio(page: Any, base_url: str) -> Any:
    page.goto(f"{base_url}/studio")
    page.wait_for_selector("body[data-ready=true]")
    return page


@pytest.mark.parametrize("screen", ["desktop", "phone, dark"])
def test_studio_after_a_run_of_the_first_example(page: Any, base_url: str, axe: Any, screen: str) -> None:
    if screen != "desktop":
        on_phone_and_in_the_dark(page)
    open_studio(page, base_url)
    page.locator("#examples").select_option(index=1)
    assert page.locator("#status").inner_text().startswith("Opened the")
    assert_no_violations(axe, page, f"Studio ({screen}), the first example opened")
    page.click("#run")
    page.wait_for_selector("#status[data-kind=good]", timeout=30_000)
    assert page.locator("#chart path.line.loss").count() == 1
    assert_no_violations(axe, page, f"Studio ({screen}), after a run of the first example")
    page.get_by_text("The language on one card").click()
    assert_no_violations(axe, page, f"Studio ({screen}), the language card open")


@pytest.mark.parametrize("screen", ["desktop", "phone, dark"])
def test_studio_after_a_program_with_a_mistake(page: Any, base_url: str, axe: Any, screen: str) -> None:
    if screen != "desktop":
        on_phone_and_in_the_dark(page)
    open_studio(page, base_url)
    page.locator("#editor textarea").fill(MISTAKE)
    page.wait_for_selector("#live:not([hidden])")  # marked while typing, before any run
    assert_no_violations(axe, page, f"Studio ({screen}), a mistake marked while typing")
    page.click("#run")
    page.wait_for_selector("#status[data-kind=bad]")
    page.wait_for_selector(".out-error")
    assert_no_violations(axe, page, f"Studio ({screen}), after running a program with a mistake")
