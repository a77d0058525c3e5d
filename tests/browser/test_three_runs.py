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
from three_runs_view import assert_page_shows, chart_points, timeline_of

from foggyhill.timeline import SHOW_FIELDS

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


def test_a_bad_link_value_says_what_is_allowed_in_the_engines_words(page: Any, base_url: str) -> None:
    open_show(page, base_url, "?steps=500&speeds=0.1")
    words = SHOW_FIELDS["steps"].refused("500").message  # steps must be a whole number at least 1 and at most 200
    assert (
        f"The link's settings were refused ({words}); showing the defaults."
        in page.locator("[data-notice]").text_content()
    )
    assert page.locator("#steps").get_attribute("aria-invalid") == "true"
    assert page.locator(".run-chart").count() == 3


def test_the_api_refuses_bad_and_unknown_parameters(base_url: str) -> None:
    for query, words in [("?speeds=0", "each speed must be"), ("?steps=500", "steps must be"), ("?speed=1", "unknown")]:
        with pytest.raises(urllib.error.HTTPError) as refused:
            api(base_url, query)
        assert refused.value.code == 422
        assert words in json.loads(refused.value.read())["error"]["message"]
    show = api(base_url, "?speeds=0.46&steps=3")
    assert [r["speed"] for r in show["runs"]] == [0.46] and len(show["runs"][0]["steps"]) == 3


# ----------------------------------------------------------------------------- the seek bar

ENVELOPE = 0.22  # seconds a tone lasts (timeline.sound.Envelope.duration)
CATCH_UP = 0.005  # a tone joined part way fades in over this (sound.js); what is left of it must be over twice this
# Web Audio as the page uses it, recorded: each tone sets one gain curve, then starts its fundamental and overtone.
RECORD_TONES = """
window.heard = { curves: [], frequencies: [] };
const curve = AudioParam.prototype.setValueCurveAtTime;
AudioParam.prototype.setValueCurveAtTime = function (values, start, duration) {
  window.heard.curves.push(duration);
  return curve.call(this, values, start, duration);
};
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.heard.frequencies.push(this.frequency.value);
  return start.apply(this, args);
};
"""


def card_shown(run: Any) -> float:
    """When a run's verdict card has faded in (FADE = 0.25 s, or half the card when it is shorter)."""
    return run.end + min(0.25, (run.card_end - run.end) / 2)


def step_marks(show: Any) -> list[float]:
    """Where the arrow keys stop: every step's start, each card and the summary once shown, the ends."""
    marks = [0.0, show.intro_end, show.summary_start + min(0.25, show.total - show.summary_start), show.total]
    for run in show.runs:
        marks += [run.start, card_shown(run), run.card_end, *(s.start for s in run.steps)]
    kept: list[float] = []
    for t in sorted(marks):  # a part's end and the next one's start may differ in the last bit: land on the later
        if kept and t - kept[-1] <= 1e-9:
            kept[-1] = t
        else:
            kept.append(t)
    return kept


def test_the_seek_bar_keys_step_through_the_timeline_and_land_where_it_says(page: Any, base_url: str) -> None:
    open_show(page, base_url, SHORT)
    show = timeline_of(SHORT)
    bar = page.get_by_role("slider", name="Where in the show")
    bar.focus()
    marks = step_marks(show)
    for t in marks[1:]:
        page.keyboard.press("ArrowRight")
        assert_page_shows(page, show, t)
    assert state(page) == "finished"  # at the end; nothing started playing on its own
    page.keyboard.press("ArrowLeft")
    assert_page_shows(page, show, marks[-2])
    page.keyboard.press("Home")
    assert_page_shows(page, show, 0.0)
    page.keyboard.press("PageUp")  # a part on: the first run
    assert_page_shows(page, show, show.runs[0].start)
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    assert_page_shows(page, show, show.runs[1].start)
    page.keyboard.press("PageDown")  # back to run 1's verdict card, fully shown
    assert_page_shows(page, show, card_shown(show.runs[0]))
    assert page.locator(".card").get_attribute("opacity") == "1.000"
    page.keyboard.press("End")
    assert_page_shows(page, show, show.total)
    page.get_by_role("button", name="Jump to run 3, speed 0.6").click()
    assert_page_shows(page, show, show.runs[2].start)
    assert state(page) == "ready" and page.locator("[data-action=play]").text_content() == "Play"


def drag_to(page: Any, share: float, release: bool = True) -> None:
    """Press on the seek bar's thumb track at `share` of the show and (optionally) let go."""
    box = page.locator("[data-seek-bar]").bounding_box()
    thumb = 22  # --thumb in page.css: the thumb's centre travels from half a thumb to width minus half a thumb
    x = box["x"] + thumb / 2 + share * (box["width"] - thumb)
    page.mouse.move(x, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(x + 1, box["y"] + box["height"] / 2)
    if release:
        page.mouse.up()


def test_dragging_the_seek_bar_holds_the_show_then_plays_on_from_there(page: Any, base_url: str) -> None:
    open_show(page, base_url, SHORT)
    show = timeline_of(SHORT)
    page.get_by_role("button", name="Play").click()
    page.clock.run_for(1000)
    drag_to(page, 0.55, release=False)
    held = float(page.locator("#three-runs").get_attribute("data-time"))
    assert 0.5 * show.total < held < 0.6 * show.total
    assert_page_shows(page, show, held)
    page.clock.run_for(700)  # the pointer still holds the thumb: the show stands still under it
    assert state(page) == "playing"
    assert_page_shows(page, show, held)
    page.mouse.up()
    page.clock.run_for(800)  # let go: it plays on from exactly there
    page.get_by_role("button", name="Pause").click()
    assert_page_shows(page, show, held + 0.8, within=1e-3)
    drag_to(page, 0.2)  # paused: the stage follows the bar, and the show stays paused
    moved = float(page.locator("#three-runs").get_attribute("data-time"))
    assert 0.15 * show.total < moved < 0.25 * show.total
    assert state(page) == "paused"
    assert_page_shows(page, show, moved)


def heard(page: Any) -> list[tuple[float, float]]:
    """(frequency, seconds) of each tone the page handed to Web Audio, in order."""
    record = page.evaluate("() => window.heard")
    return list(zip(record["frequencies"][::2], record["curves"], strict=True))


def test_a_seek_then_play_matches_an_uninterrupted_play(page: Any, base_url: str) -> None:
    page.add_init_script(RECORD_TONES)
    open_show(page, base_url, SHORT)
    show = timeline_of(SHORT)
    until = 3.8
    page.get_by_role("button", name="Play").click()
    page.clock.run_for(until * 1000)
    page.get_by_role("button", name="Pause").click()
    straight = assert_page_shows(page, show, until)
    tones = [tone for tone in show.tones if tone.start < until]
    assert heard(page)[: len(tones)] == [(pytest.approx(t.frequency), pytest.approx(ENVELOPE)) for t in tones]

    page.get_by_role("button", name="Restart").click()
    page.evaluate("() => { window.heard = { curves: [], frequencies: [] }; }")
    page.get_by_role("slider", name="Where in the show").focus()
    for key in ("PageUp", "PageUp", "PageUp", "ArrowRight", "ArrowRight"):  # run 2, step 3
        page.keyboard.press(key)
    begin = show.runs[1].steps[2].start
    assert_page_shows(page, show, begin)
    assert any(t.start < begin < t.start + ENVELOPE for t in tones)  # step 2's tone still sounds as step 3 begins
    page.get_by_role("button", name="Play").click()
    page.clock.run_for((until - begin) * 1000)
    page.get_by_role("button", name="Pause").click()
    seeked = assert_page_shows(page, show, until)
    for name in ("time", "ball", "status", "caption", "notes", "charts", "trail", "rings", "card", "where"):
        assert seeked[name] == straight[name], name
    # The tones from `begin` on, a tone already sounding at `begin` joined part way, exactly as the timeline has it.
    left = [(t, ENVELOPE - max(0.0, begin - t.start)) for t in tones if t.start + ENVELOPE - begin > 2 * CATCH_UP]
    assert heard(page)[: len(left)] == [(pytest.approx(t.frequency), pytest.approx(s, abs=1e-9)) for t, s in left]


def test_record_mode_hides_the_seek_bar_and_plays_from_the_start(page: Any, base_url: str) -> None:
    open_show(page, base_url, SHORT)
    page.get_by_role("slider", name="Where in the show").focus()
    page.keyboard.press("End")
    page.get_by_role("button", name="Record").click()
    assert not page.locator("[data-seek]").is_visible()
    page.clock.run_for(3100)  # the countdown, then the take from t = 0
    assert state(page) == "playing"
    assert page.locator("[data-out=time]").text_content().startswith("0:00.")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshot_of_the_seek_bar(
    browser: Any, base_url: str, screenshots: Path, viewports: dict[str, Any], size: str
) -> None:
    context = browser.new_context(viewport=viewports[size], reduced_motion="reduce")
    page = context.new_page()
    open_show(page, base_url, "")
    page.get_by_role("slider", name="Where in the show").focus()
    for _ in range(30):  # to step 9 of the tuned run
        page.keyboard.press("ArrowRight")
    assert page.locator("[data-out=where]").text_content() == "Run 2 of 3 · speed 0.46 · step 9 of 20"
    page.locator("#three-runs").evaluate("(show) => show.scrollIntoView()")  # the stage at the top, the bar below
    page.screenshot(path=str(screenshots / f"three-runs-seek-{size}.png"), full_page=size == "phone")
    context.close()


# ----------------------------------------------------------------------------- the swing, the phases, the phone

EDGE = "?speeds=0.59,0.6&steps=150&step_budget=0.3"
SEEN_TEXT = """() => {
  const svg = document.querySelector("[data-stage]");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")]
    .filter((t) => getComputedStyle(t).visibility === "visible" && t.textContent.trim())
    .map((t) => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
}"""


def seek(page: Any, t: float) -> None:
    """Drag the seek bar to show time t, as a pointer does (the bar reports each value it passes)."""
    bar = "document.querySelector('[data-seek-bar]')"
    page.evaluate(f"(t) => {{ {bar}.value = String(t); {bar}.dispatchEvent(new Event('input')); }}", t)


def mid_phase(show: Any, run: int, step: int, phase: str) -> float:
    """The middle of a phase of a step: a moment where that phase's words are lit."""
    p = next(p for p in show.runs[run].steps[step - 1].phases if p.name == phase)
    return (p.start + p.end) / 2


def test_each_step_names_its_phase_above_the_curve(page: Any, base_url: str) -> None:
    open_show(page, base_url, "")
    show = timeline_of("")
    lit = page.locator('.phase[data-lit="true"] text')
    for phase, words in [("gradient", "feel the slope"), ("step", "step"), ("done", "settle")]:
        seek(page, mid_phase(show, 1, 5, phase))
        assert lit.all_text_contents() == [words]
        assert_page_shows(page, show, mid_phase(show, 1, 5, phase))
    seek(page, mid_phase(show, 1, 5, "idle"))  # the ball resting before a step: nothing lit, the words stay
    assert lit.count() == 0 and page.locator(".phase-strip").get_attribute("visibility") == "visible"
    seek(page, (show.runs[1].end + show.runs[1].card_end) / 2)
    assert page.locator(".phase-strip").get_attribute("visibility") == "hidden"


def test_just_below_the_limit_the_line_falls_just_above_it_stays_flat(page: Any, base_url: str) -> None:
    """The lesson's edge: the page's own link plays 0.59 against 0.6, and the charts tell them apart."""
    open_show(page, base_url, "")
    page.get_by_role("link", name="0.59 with 0.6, 150 steps each").click()
    page.wait_for_selector('#three-runs[data-state="ready"]')
    page.wait_for_function("() => document.querySelectorAll('.run-chart').length === 2")
    show = timeline_of(EDGE)
    page.get_by_role("slider", name="Where in the show").press("End")
    assert_page_shows(page, show, show.total)
    below, above = (
        chart_points(d) for d in page.locator(".chart-path").evaluate_all("(ps) => ps.map((p) => p.getAttribute('d'))")
    )
    from foggyhill.render.theme import Layout  # the video's grid, which the page's wide stage shares

    lay = Layout(1920, 1080)
    height = lay.chart_area(lay.chart_panel(0, 2)).height()
    assert below[150][1] - below[30][1] > 0.08 * height  # down the page: closer to the bottom
    assert abs(max(y for _, y in above[149:151]) - max(y for _, y in above[69:71])) < 0.005 * height
    assert page.locator(".summary-how").all_text_contents() == [plan.how_far for plan in show.runs]
    assert page.locator(".summary-limit").text_content() == show.limit_words
    assert "0.59 is below, 0.6 is above" in show.limit_words


@pytest.mark.parametrize("moment", ["playing", "summary"])
def test_on_a_phone_the_stage_stacks_up_and_no_word_is_drawn_below_10px(
    browser: Any, base_url: str, screenshots: Path, viewports: dict[str, Any], moment: str
) -> None:
    context = browser.new_context(viewport=viewports["phone"], reduced_motion="reduce", device_scale_factor=2)
    page = context.new_page()
    open_show(page, base_url, "")
    show = timeline_of("")
    seek(page, mid_phase(show, 2, 6, "gradient") if moment == "playing" else show.total)
    stage = page.locator("[data-stage]")
    assert stage.get_attribute("data-layout") == "tall"
    frame = page.locator(".stage-frame").bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= viewports["phone"]["width"]
    words = page.evaluate(SEEN_TEXT)
    assert len(words) > 8
    small = [(text, round(px, 1)) for text, px in words if px < 10]
    assert not small, small
    page.locator(".stage-frame").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"three-runs-phone-{moment}.png"))
    context.close()


def test_record_on_a_phone_plays_the_videos_wide_stage_then_stacks_up_again(
    browser: Any, base_url: str, viewports: dict[str, Any]
) -> None:
    context = browser.new_context(viewport=viewports["phone"], reduced_motion="reduce")
    page = context.new_page()
    open_show(page, base_url, SHORT)
    layout = page.locator("[data-stage]")
    assert layout.get_attribute("data-layout") == "tall"
    page.get_by_role("button", name="Record").click()
    page.wait_for_function("() => document.querySelector('[data-stage]').dataset.layout === 'wide'")
    frame = page.locator(".stage-frame").bounding_box()
    assert frame["width"] / frame["height"] == pytest.approx(16 / 9, rel=0.01)
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelector('[data-stage]').dataset.layout === 'tall'")
    context.close()


@pytest.mark.parametrize("moment", ["playing", "summary"])
def test_screenshot_of_the_stage_on_a_desktop(page: Any, base_url: str, screenshots: Path, moment: str) -> None:
    open_show(page, base_url, "")
    show = timeline_of("")
    t = mid_phase(show, 2, 17, "step") if moment == "playing" else show.total
    seek(page, t)
    assert_page_shows(page, show, t)
    assert page.locator("[data-stage]").get_attribute("data-layout") == "wide"
    page.locator(".stage-frame").screenshot(path=str(screenshots / f"three-runs-{moment}.png"))


# The stage's words at rest: a word part way through a fade (its own or a group's opacity below 1) is not read.
STAGE_INKS = """() => {
  const steady = (node) =>
    !node || node.tagName === "svg" || (getComputedStyle(node).opacity === "1" && steady(node.parentElement));
  return [...document.querySelectorAll("[data-stage] text")]
    .filter((t) => getComputedStyle(t).visibility === "visible" && t.textContent.trim() && steady(t))
    .map((t) => {
      const style = getComputedStyle(t);
      const pill = t.closest('.phase[data-lit="true"]');
      return { text: t.textContent, fill: style.fill, alpha: Number(style.fillOpacity),
               on: pill ? getComputedStyle(pill.querySelector(".pill")).fill : null };
    });
}"""
PANEL = (22, 28, 44)  # the lighter of the stage's two grounds (#161c2c): the worst case for light text


def rgb(css: str) -> tuple[float, ...]:
    """An rgb(…)/rgba(…) or color(srgb …) computed colour as 0–255 channels (and its alpha, 1 if none)."""
    import re as regex

    numbers = [float(n) for n in regex.findall(r"[\d.]+", css)]
    if css.startswith("color("):
        numbers = [255 * n for n in numbers[:3]] + numbers[3:]
    return tuple(numbers) + (1.0,) * (4 - len(numbers))


def over(top: tuple[float, ...], alpha: float, ground: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(alpha * a + (1 - alpha) * b for a, b in zip(top[:3], ground[:3], strict=True))


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""

    def luminance(c: tuple[float, ...]) -> float:
        lin = [(v / 255 / 12.92) if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_word_on_the_stage_reads_at_4_5_to_1(
    browser: Any, base_url: str, viewports: dict[str, Any], size: str
) -> None:
    """axe cannot see inside the stage (an SVG image), so its words are measured here, on the lighter ground."""
    context = browser.new_context(viewport=viewports[size], reduced_motion="reduce")
    page = context.new_page()
    open_show(page, base_url, "?speeds=0.02,0.46,0.6,0.9")
    show = timeline_of("?speeds=0.02,0.46,0.6,0.9")
    moments = [mid_phase(show, 1, 5, phase) for phase in ("gradient", "step", "done")]
    moments += [show.runs[3].steps[-1].moves_at + 0.3, (show.runs[2].end + show.runs[2].card_end) / 2, show.total]
    checked = 0
    for t in moments:
        seek(page, t)
        for ink in page.evaluate(STAGE_INKS):
            fill = rgb(ink["fill"])
            ground = PANEL if ink["on"] is None else over(rgb(ink["on"]), rgb(ink["on"])[3], PANEL)
            assert contrast(over(fill, ink["alpha"] * fill[3], ground), ground) >= 4.5, (t, ink)
            checked += 1
    assert checked > 100
    context.close()
