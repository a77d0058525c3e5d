"""A teacher's challenge link on the lesson: met by a run and told, how close until then, the note shown as text, the
locked controls held, and nothing serious for axe; screenshots at phone and desktop width."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from gradient_descent_page import api, button, open_sim, ready, url_settings, wait_for_setting, wait_until

NOTE = "Ana's class, week 3: <script>window.pwned = 1</script><b>roll</b> it!"
SETUP = {"landscape": "tilted-double-well", "start": "-2", "speed": "0.5"}


def link(**extra: str) -> str:
    """A challenge link: the double well from w = -2, curve and start locked, with the teacher's note."""
    return "?" + urlencode({**SETUP, "lock": "landscape,start", "note": NOTE, **extra})


def roll_to_judgement(page: Any) -> Any:
    """Roll the ball until the engine's judgement is on the card."""
    button(page, "Roll").click()
    result = page.locator('[data-challenge-result][data-state="met"], [data-challenge-result][data-state="unmet"]')
    result.wait_for(timeout=30_000)
    return page.locator("[data-challenge-result]")


def test_a_challenge_link_is_met_by_a_run_and_told(page: Any, base_url: str) -> None:
    open_sim(page, base_url, link(challenge="settle-within", goal="40"))
    card = page.get_by_role("region", name="Your challenge")
    assert card.locator("[data-challenge-task]").inner_text() == "Settle at the lowest point in at most 40 steps."
    waiting = card.locator("[data-challenge-progress]").inner_text()
    assert waiting == "Roll the ball: the challenge is checked when the run is over."
    result = roll_to_judgement(page)
    judged = api(base_url, "/api/descend?" + urlencode({**SETUP, "challenge": "settle-within", "goal": "40"}))
    assert result.get_attribute("data-state") == "met"
    assert card.locator("[data-challenge-headline]").inner_text() == "Challenge met"
    assert card.locator("[data-challenge-progress]").inner_text() == judged["challenge"]["progress"]
    assert f"in {judged['verdict']['step']} steps" in judged["challenge"]["progress"]


def test_an_unmet_run_shows_how_close_and_a_new_speed_is_judged_again(page: Any, base_url: str) -> None:
    open_sim(page, base_url, link(challenge="settle-within", goal="10"))
    result = roll_to_judgement(page)
    assert result.get_attribute("data-state") == "unmet"
    progress = page.locator("[data-challenge-progress]").inner_text()
    assert page.locator("[data-challenge-headline]").inner_text() == "Not yet"
    assert "more than the 10 allowed" in progress
    page.locator("[data-speed-number]").fill("0.2")
    page.locator("[data-speed-number]").press("Enter")
    wait_for_setting(page, "speed", "0.2")
    button(page, "Reset").click()
    ready(page)
    assert url_settings(page)["challenge"] == "settle-within" and url_settings(page)["lock"] == "landscape,start"
    roll_to_judgement(page)
    assert "shallow dip" in page.locator("[data-challenge-progress]").inner_text()


def test_the_note_is_shown_as_text_never_as_html(page: Any, base_url: str) -> None:
    open_sim(page, base_url, link(challenge="escape-dip"))
    note = page.locator("[data-challenge-note]")
    assert note.inner_text() == NOTE
    assert note.locator("b, script").count() == 0
    assert page.evaluate("() => window.pwned") is None


def test_locked_controls_cannot_be_changed_and_say_why(page: Any, base_url: str) -> None:
    open_sim(page, base_url, link(challenge="escape-dip"))
    assert page.locator("[data-speed-zones]").count() == 1 and page.locator("[data-challenge-zones]").is_hidden()
    locks = page.locator("#challenge-locks")
    assert locks.inner_text() == "Locked for this challenge: the curve and the start."
    for control in ("[data-landscape]", "[data-start]"):
        assert page.locator(control).is_disabled()
        assert "challenge-locks" in (page.locator(control).get_attribute("aria-describedby") or "").split()
    picker = page.get_by_role("combobox", name="Landscape")
    assert picker.is_disabled()  # still in the accessibility tree, with its name
    box = page.locator("[data-plot]").bounding_box()
    page.locator("[data-plot]").click(position={"x": box["width"] * 0.8, "y": box["height"] / 2})
    page.wait_for_timeout(300)
    assert url_settings(page)["start"] == "-2" and page.locator("[data-start]").input_value() == "-2"
    page.get_by_role("button", name="Show me").first.click()  # a quiz demonstration sets its own curve and start
    ready(page)
    assert "landscape" not in url_settings(page) and url_settings(page)["start"] == "-2"  # the default curve


def test_a_bad_challenge_is_left_out_in_words(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?" + urlencode({"challenge": "settle-within", "goal": "2.5", "lock": "colour"}))
    notice = page.locator("[data-url-notice]").inner_text()
    assert "for settle-within, goal must be a whole number" in notice and "lock names settings" in notice
    assert page.locator("[data-challenge-task]").inner_text() == "Settle at the lowest point in at most 40 steps."


@pytest.mark.parametrize("width", [390, 1280])
def test_a_challenge_page_has_no_serious_accessibility_violation(
    page: Any, base_url: str, axe: Any, screenshots: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_sim(page, base_url, link(challenge="largest-speed", goal="5"))
    roll_to_judgement(page)
    # The zones under the slider would tell the largest settling speed: the page leaves them out, and says so.
    assert page.locator("[data-speed-zones]").count() == 0 and page.locator("[data-challenge-zones]").is_visible()
    page.get_by_text("Make a challenge").click()  # the teacher's panel, open, is checked too
    page.locator("[data-maker-link]").wait_for()
    found = axe(page)
    assert not found, "\n".join(found)
    card = page.locator("[data-challenge]")
    card.scroll_into_view_if_needed()
    name = "phone" if width == 390 else "desktop"
    page.screenshot(path=str(screenshots / f"challenge-{name}.png"), full_page=False)


def test_make_a_challenge_writes_a_link_that_sets_the_task(page: Any, base_url: str, screenshots: Path) -> None:
    open_sim(page, base_url, "?landscape=bowl&start=2&speed=0.3")
    page.get_by_text("Make a challenge").click()
    page.get_by_label("Task", exact=True).select_option("settle-within")
    goal = page.get_by_label("Goal, N")
    assert goal.get_attribute("min") == "1" and goal.input_value() == "40"
    goal.fill("12")
    page.get_by_role("checkbox", name="The speed").check()
    page.get_by_label("A note to the class (shown as plain text)").fill("Fewest steps wins <3")
    written = page.locator("[data-maker-link]").input_value()
    assert written.startswith(f"{base_url}/sim/gradient-descent?landscape=bowl&start=2&speed=0.3&")
    assert "challenge=settle-within&goal=12&lock=landscape,start,speed&note=Fewest+steps+wins+%3C3" in written
    page.get_by_role("button", name="Copy the link").click()
    said = page.locator("[data-maker-said]")
    wait_until(page, "() => document.querySelector('[data-maker-said]').textContent !== ''")
    said = page.locator("[data-maker-said]").inner_text()
    assert said == "Copied. Share it with your class." or "refused to copy it: the text is selected" in said
    goal.fill("0.5")
    assert "goal must be a whole number" in page.locator("[data-maker-goal-help]").inner_text()
    goal.fill("12")
    page.locator("[data-maker]").screenshot(path=str(screenshots / "challenge-maker.png"))
    page.goto(written)
    ready(page)
    assert page.locator("[data-challenge-task]").inner_text() == "Settle at the lowest point in at most 12 steps."
    assert page.locator("[data-challenge-note]").inner_text() == "Fewest steps wins <3"
    assert page.locator("[data-speed-number]").is_disabled()


def test_the_printed_lesson_is_a_worksheet(page: Any, base_url: str, screenshots: Path) -> None:
    open_sim(page, base_url, link(challenge="escape-dip"))
    page.emulate_media(media="print")
    for gone in ("[data-maker]", ".panel", ".site-header", "#what-it-is", "[data-worksheet]", ".quiz .demos"):
        assert page.locator(gone).first.is_hidden(), gone
    for kept in ("[data-plot]", "[data-challenge-task]", ".quiz .question", ".worksheet-name"):
        assert page.locator(kept).first.is_visible(), kept
    assert page.locator(".quiz .question").count() >= 4
    page.screenshot(path=str(screenshots / "challenge-worksheet.png"), full_page=True)


def test_a_link_that_only_locks_still_says_why(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl&lock=landscape")
    assert page.locator("[data-challenge]").is_visible() and page.locator("[data-challenge-task]").inner_text() == ""
    assert page.locator("#challenge-locks").inner_text() == "Locked for this challenge: the curve."
    assert page.locator("[data-challenge-result]").is_hidden() and page.locator("[data-landscape]").is_disabled()


def test_the_embed_form_carries_the_challenge_but_not_the_teachers_panel(
    page: Any, base_url: str, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    open_sim(page, base_url, link(challenge="settle-within", goal="40", embed="1"))
    assert page.locator("[data-maker]").is_hidden() and page.locator("[data-worksheet]").is_hidden()
    roll_to_judgement(page)
    assert page.locator("[data-challenge-headline]").inner_text() == "Challenge met"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the embed form is {overflow} px wider than the phone"
    page.locator("[data-challenge]").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "challenge-embed-phone-met.png"))
