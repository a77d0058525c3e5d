"""The three-runs page in a real browser with Playwright's stubbed clock: Record mode plays the whole show and the
three verdicts appear; the clock drives positions (drift-free); settings live in the URL and the form."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

PAGE = "/sim/three-runs"
SHORT = "?steps=4&step_budget=0.3&intro=0.5&card=0.5&summary=1"  # 1.5 + 3 × (1.2 + 0.5) = 6.6 s
TAKE = "?steps=10&step_budget=0.3&intro=0.5&card=0.5&summary=1"  # 12 s: long enough for three different verdicts


def api(base_url: str, query: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{base_url}/api/three-runs{query}") as answer:
        return json.loads(answer.read())


def open_show(page: Any, base_url: str, query: str = SHORT) -> Any:
    """Install the fake clock first, so every animation frame runs on it; then open the page and stop time.

    From then on time moves only when the test says so (run_for: steady frames; fast_forward: a jump).
    """
    page.clock.install()
    page.goto(f"{base_url}{PAGE}{query}")
    page.wait_for_selector('#three-runs[data-state="ready"]')
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    return page


def state(page: Any) -> str:
    return page.evaluate("() => document.querySelector('#three-runs').dataset.state")


def test_record_mode_plays_hands_free_and_the_three_verdicts_appear(
    page: Any, base_url: str, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_show(page, base_url, TAKE)
    expected = [run["verdict"] for run in api(base_url, TAKE)["runs"]]
    assert [v["kind"] for v in expected] == ["crawling", "converged-global", "oscillating"]
    page.get_by_role("button", name="Record").click()
    assert page.evaluate("() => document.body.classList.contains('recording')")
    assert not page.get_by_role("button", name="Play").is_visible()  # controls hidden, only the stage
    assert page.evaluate("() => getComputedStyle(document.body).cursor") == "none"
    frame = page.locator(".stage-frame").bounding_box()
    assert frame["width"] / frame["height"] == pytest.approx(16 / 9, rel=0.01)
    page.clock.run_for(1200)
    assert state(page) == "countdown" and page.locator(".countdown text").text_content() == "2"
    page.clock.run_for(1900)  # the countdown ends and the take begins
    assert state(page) == "playing"
    page.clock.run_for(4000)  # mid-show: the first run is judged, the others not yet
    notes = page.locator(".chart-note")
    assert notes.nth(0).get_attribute("data-verdict") == expected[0]["kind"]
    assert notes.nth(2).get_attribute("data-verdict") == ""
    page.clock.run_for(8500)
    assert state(page) == "finished"
    for k, verdict in enumerate(expected):
        assert notes.nth(k).get_attribute("data-verdict") == verdict["kind"]
        assert notes.nth(k).text_content() == verdict["headline"]
    summary = page.locator(".summary-verdict")
    assert summary.all_text_contents() == [v["headline"] for v in expected]
    assert page.locator(".summary").is_visible()
    page.screenshot(path=str(screenshots / "three-runs-record.png"))
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.body.classList.contains('recording')")


def ball_x(page: Any) -> float:
    transform = page.locator(".ball").get_attribute("transform")
    return float(transform.split("(")[1].split()[0])


def test_positions_follow_the_clock_not_the_frame_count(page: Any, base_url: str) -> None:
    """A stalled tab (one long jump of the clock) lands exactly where steady frames land: no drift."""
    open_show(page, base_url)
    page.get_by_role("button", name="Play").click()
    page.clock.run_for(2400)
    steady = (ball_x(page), page.locator("[data-out=time]").text_content())
    page.get_by_role("button", name="Restart").click()
    page.clock.fast_forward(2300)  # no frames for 2.3 s, as if the page were starved
    page.clock.run_for(100)
    assert page.locator("[data-out=time]").text_content() == steady[1] == "0:02.4 / 0:06.6"
    assert ball_x(page) == pytest.approx(steady[0], abs=0.5)


def test_pause_resume_and_the_show_keeps_its_length(page: Any, base_url: str) -> None:
    open_show(page, base_url)
    play = page.locator("[data-action=play]")
    play.click()
    page.clock.run_for(1000)
    play.click()
    assert state(page) == "paused" and play.text_content() == "Resume"
    page.clock.run_for(5000)
    assert page.locator("[data-out=time]").text_content().startswith("0:01.0")
    play.click()
    page.clock.run_for(5700)
    assert state(page) == "finished"
    assert page.locator("[data-out=time]").text_content() == "0:06.6 / 0:06.6"


def test_space_plays_and_pauses_once_per_press(page: Any, base_url: str) -> None:
    open_show(page, base_url)
    page.keyboard.press("Space")
    assert state(page) == "playing"
    page.locator("[data-action=play]").focus()  # on the focused button, Space presses it, and only that
    page.keyboard.press("Space")
    assert state(page) == "paused"


def test_every_step_sounds_its_tone_at_the_mapped_pitch(page: Any, base_url: str) -> None:
    open_show(page, base_url)
    tones = api(base_url, SHORT)["tones"]
    page.get_by_role("button", name="Mute").click()  # muted tones are still played, just silent
    assert page.get_by_role("button", name="Mute").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Play").click()
    page.clock.run_for(7000)
    assert state(page) == "finished"
    played = page.evaluate("() => document.querySelector('#three-runs').dataset.tones")
    assert int(played) == len(tones) == 12


def test_settings_come_from_the_url_and_the_form_writes_them_back(page: Any, base_url: str) -> None:
    open_show(page, base_url, "?speeds=0.1,0.46&steps=5")
    assert page.locator("#speeds").input_value() == "0.1, 0.46"
    assert page.locator(".run-chart").count() == 2
    page.locator("#speeds").fill("0.02, 0.46, 0.9")
    page.locator("#step-budget").fill("0.5")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_function("() => document.querySelectorAll('.run-chart').length === 3")
    query = parse_qs(urlparse(page.evaluate("() => location.href")).query)
    assert query["speeds"] == ["0.02,0.46,0.9"] and query["step_budget"] == ["0.5"] and query["steps"] == ["5"]
    assert page.locator("[data-out=time]").text_content() == "0:00.0 / 0:25.5"  # 3 + 3 × (5 × 0.5 + 3) + 6


def test_a_bad_setting_is_named_and_the_show_stays(page: Any, base_url: str, console: Any) -> None:
    console.allow("422")
    open_show(page, base_url)
    page.locator("#speeds").fill("0.1, -1")
    page.get_by_role("button", name="Apply").click()
    notice = page.locator("[data-notice]")
    notice.wait_for(state="visible")
    assert "each speed must be a number greater than 0" in notice.text_content()
    assert page.locator("#speeds").get_attribute("aria-invalid") == "true"
    assert page.locator(".run-chart").count() == 3


def test_a_bad_link_falls_back_to_the_defaults_and_says_so(page: Any, base_url: str, console: Any) -> None:
    console.allow("422")
    open_show(page, base_url, "?landscape=mountain")
    assert "landscape must be one of" in page.locator("[data-notice]").text_content()
    assert page.locator("#landscape").input_value() == "tilted-double-well"


def test_the_api_refuses_bad_and_unknown_parameters(base_url: str) -> None:
    for query, words in [("?speeds=0", "each speed must be"), ("?steps=500", "steps must be"), ("?speed=1", "unknown")]:
        with pytest.raises(urllib.error.HTTPError) as refused:
            api(base_url, query)
        assert refused.value.code == 422
        assert words in json.loads(refused.value.read())["error"]["message"]
    show = api(base_url, "?speeds=0.46&steps=3")
    assert [r["speed"] for r in show["runs"]] == [0.46] and len(show["runs"][0]["steps"]) == 3
