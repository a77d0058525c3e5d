"""The gradient descent page in a real browser: the lesson, every control, URL state, and the questions."""

from __future__ import annotations

import json
import math
import re
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode, urlparse

import pytest
from gradient_descent_page import (
    PAGE,
    api,
    button,
    open_sim,
    readout,
    ready,
    shown,
    url_settings,
    wait_for_setting,
    wait_until,
)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SECTIONS = [
    "What it is",
    "Why it matters",
    "The idea, intuitively",
    "Peek at the data first",
    "Try it",
    "Where it shows up",
    "Where it came from",
    "Try it in code",
    "Check your understanding",
]


def test_the_lesson_loads_with_every_section_and_no_console_errors(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    headings = page.locator("main h2").all_inner_texts()
    assert headings == SECTIONS
    assert page.get_by_role("link", name="← All simulations").first.get_attribute("href") == "/"
    page.get_by_text("Go deeper").click()
    assert "new = old − speed × slope" in page.locator(".deeper").inner_text()
    history = page.locator("#history").inner_text()
    assert "1847" in history and "Cauchy" in history and "Robbins" in history and "1951" in history
    code = page.locator("pre.studio").inner_text()
    assert code.splitlines()[0] == 'data = load "fruits"' and "train_network net, on: data, rounds: 30" in code
    assert page.get_by_role("link", name="Open in Studio").get_attribute("href") == "/studio?example=fruits"
    rows = api(base_url, "/api/peek?landscape=tilted-double-well")["rows"]
    assert page.locator("[data-peek-table] tbody tr").count() == len(rows)
    lowest = min(rows, key=lambda r: r["loss"])
    assert page.locator("[data-peek-table] tr.marked td").first.inner_text() == shown(lowest["w"])


def test_the_index_card_opens_the_page(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/")
    card = page.locator(".card", has_text="Gradient descent")
    assert card.evaluate("(node) => getComputedStyle(node).borderTopLeftRadius") != "0px"  # base.css styles the cards
    card.click()
    ready(page)
    assert urlparse(page.url).path == PAGE


def test_one_step_from_the_shared_link_lands_at_0_76(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?start=-2&speed=0.46")
    assert readout(page, "w") == "−2"
    button(page, "Step").click()
    assert readout(page, "step") == "1"
    assert readout(page, "w") == "0.76"
    assert readout(page, "taken") == "+2.76"
    assert readout(page, "sum") == "Step taken = −0.46 × (−6) = +2.76, using the slope before the step"
    assert page.locator("[data-live]").get_attribute("aria-live") == "polite"
    wait_until(page, "() => document.querySelector('[data-live]').textContent.startsWith('Step 1: w 0.76')")


def test_step_back_and_reset_return_to_earlier_steps(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?start=-2&speed=0.46")
    assert button(page, "Step back").is_disabled()
    for _ in range(3):
        button(page, "Step").click()
    assert readout(page, "step") == "3"
    button(page, "Step back").click()
    assert readout(page, "step") == "2"
    assert readout(page, "w") == "1.162"
    button(page, "Reset").click()
    assert readout(page, "step") == "0"
    assert readout(page, "w") == "−2"
    assert readout(page, "taken") == "none yet"


def test_roll_becomes_pause_then_stops_at_the_verdict(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl&speed=0.45")
    button(page, "Roll").click()
    expect_pause = button(page, "Pause")
    expect_pause.wait_for()
    page.locator("[data-verdict]").wait_for(state="visible", timeout=20_000)
    assert "Settled at the lowest point" in page.locator("[data-verdict-headline]").inner_text()
    button(page, "Roll").wait_for()
    settled_at = api(base_url, "/api/descend?landscape=bowl&speed=0.45")["verdict"]["step"]
    assert settled_at > 3 and readout(page, "step") == str(settled_at)


def test_pause_stops_the_roll(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl&speed=0.01")
    button(page, "Roll").click()
    wait_until(page, "() => Number(document.querySelector('[data-out=\"step\"]').textContent) >= 2")
    button(page, "Pause").click()
    paused_at = readout(page, "step")
    page.wait_for_timeout(800)
    assert readout(page, "step") == paused_at
    assert button(page, "Roll").is_visible()


def test_speed_slider_is_on_a_log_scale_and_writes_the_url(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    slider = page.get_by_role("slider", name="Speed")
    slider.fill("1000")
    wait_for_setting(page, "speed", "1.5")
    assert page.locator("[data-speed-number]").input_value() == "1.5"
    slider.fill("0")
    wait_for_setting(page, "speed", "0.001")
    slider.fill("500")  # the middle of a log scale from 0.001 to 1.5 is sqrt(0.0015)
    wait_for_setting(page, "speed", "0.0387")
    ready(page)


def test_typed_speed_moves_the_slider_and_bad_speed_is_explained(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    box = page.locator("[data-speed-number]")
    box.fill("0.46")
    box.press("Enter")
    wait_for_setting(page, "speed", "0.46")
    position = int(page.get_by_role("slider", name="Speed").input_value())
    assert position == round(math.log(0.46 / 0.001) / math.log(1.5 / 0.001) * 1000)  # log scale, 0.001 to 1.5
    box.fill("-3")
    box.press("Enter")
    assert box.get_attribute("aria-invalid") == "true"
    assert "speed must be a number greater than 0" in page.locator("[data-speed-help]").inner_text()
    assert url_settings(page)["speed"] == "0.46"


def test_keyboard_steps_rolls_resets_and_changes_speed(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?start=-2&speed=0.46")
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    assert readout(page, "w") == "0.76"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert readout(page, "step") == "1"
    page.keyboard.press("r")
    assert readout(page, "step") == "0"
    page.keyboard.press("+")
    wait_for_setting(page, "speed", "0.575")
    page.keyboard.press("-")
    page.keyboard.press("-")
    wait_for_setting(page, "speed", "0.368")
    ready(page)
    page.keyboard.press(" ")
    assert button(page, "Pause").is_visible()
    page.keyboard.press(" ")
    assert button(page, "Roll").is_visible()
    step = readout(page, "step")
    page.locator("[data-start]").click()  # keys belong to the box while typing in it
    page.keyboard.press("ArrowRight")
    page.keyboard.press("r")
    assert readout(page, "step") == step
    assert url_settings(page)["speed"] == "0.368"


def test_landscape_picker_offers_every_built_in_curve_and_a_formula(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    built_in = api(base_url, "/api/landscapes")["landscapes"]
    picker = page.get_by_label("Landscape")
    options = picker.locator("option").all_inner_texts()
    assert options == [land["title"] for land in built_in] + ["Your formula…"]
    picker.select_option("bowl")
    ready(page)
    assert url_settings(page)["landscape"] == "bowl"
    assert "Bowl" in page.locator("[data-landscape-note]").inner_text()
    assert readout(page, "w") == "−2.5"
    assert page.locator("[data-peek-table] tbody tr").count() == len(api(base_url, "/api/peek?landscape=bowl")["rows"])


def test_a_typed_formula_draws_its_curve_and_a_bad_one_shows_where_it_went_wrong(
    page: Any, base_url: str, console: Any
) -> None:
    console.allow(r"status of 422")  # the browser's own note on the refused formula; the page shows the message
    open_sim(page, base_url)
    page.get_by_label("Landscape").select_option("formula")
    box = page.get_by_label("Your formula in w")
    box.fill("(w - 1)^2")
    box.press("Enter")
    wait_for_setting(page, "formula", "(w - 1)^2")
    ready(page)
    assert "(w - 1)^2" in page.locator("[data-landscape-note]").inner_text()
    button(page, "Step").click()
    assert readout(page, "step") == "1"

    box.fill("w^2 + * 3")
    box.press("Enter")
    error = page.locator("[data-formula-error]")
    error.wait_for(state="visible")
    refused = urllib.request.Request(f"{base_url}/api/landscape?formula=w%5E2%20%2B%20*%203")
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(refused)
    expected = json.load(answer.value)["error"]
    assert page.locator("[data-formula-message]").inner_text() == expected["message"]
    caret = page.locator("[data-formula-caret]").inner_text().split("\n")
    assert caret[0] == "w^2 + * 3" and caret[1] == " " * expected["position"] + "^"
    assert box.get_attribute("aria-invalid") == "true"
    assert url_settings(page)["formula"] == "(w - 1)^2"


def test_a_formula_undefined_at_minus_two_starts_where_it_is_defined(page: Any, base_url: str, console: Any) -> None:
    console.allow(r"status of 422")
    open_sim(page, base_url)
    page.get_by_label("Landscape").select_option("formula")
    box = page.get_by_label("Your formula in w")
    box.fill("w^2 - log(w)")
    box.press("Enter")
    wait_for_setting(page, "formula", "w^2 - log(w)")
    ready(page)
    assert page.locator("[data-formula-error]").is_hidden()
    assert readout(page, "w") == shown(0.76)  # a quarter of the way into (0, 3], where the curve is defined
    assert readout(page, "loss") == shown(0.76**2 - math.log(0.76))
    start = page.locator("[data-start]")
    start.fill("-1")  # a start the learner types where log(w) has no value: said so, in words, and the run kept
    start.press("Enter")
    notice = page.locator("[data-url-notice]")
    notice.wait_for(state="visible")
    assert notice.inner_text().startswith("the loss is undefined at the start w = -1: log(w) needs w > 0")
    assert page.locator("[data-formula-error]").is_hidden()  # not a typing mistake in the formula
    assert readout(page, "w") == shown(0.76)
    start.fill("2")
    start.press("Enter")
    wait_for_setting(page, "start", "2")
    ready(page)
    assert page.locator("[data-formula-error]").is_hidden()
    assert readout(page, "loss") == shown(4 - math.log(2))
    rows = api(base_url, "/api/peek?formula=w%5E2%20-%20log(w)&start=2")["rows"]
    page.locator(f"[data-peek-table] tbody tr >> nth={len(rows) - 1}").wait_for()  # the table, asked at the start
    assert page.locator("[data-peek-table] tbody tr").count() == len(rows)


def test_a_formula_defined_nowhere_is_explained_without_sending_the_learner_to_the_start_box(
    page: Any, base_url: str, console: Any
) -> None:
    console.allow(r"status of 422")
    open_sim(page, base_url)
    page.get_by_label("Landscape").select_option("formula")
    box = page.get_by_label("Your formula in w")
    box.fill("sqrt(-w^2 - 1)")
    box.press("Enter")
    page.locator("[data-formula-error]").wait_for(state="visible")
    message = page.locator("[data-formula-message]").inner_text()
    assert message.startswith("the loss is not finite anywhere in the window [-3, 3]")
    assert "change the formula or the window" in message and "Start" not in message  # no start would help


def test_a_start_out_of_range_is_explained_beside_its_box(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl")
    start = page.locator("[data-start]")
    start.fill("5000")
    start.press("Enter")
    assert start.get_attribute("aria-invalid") == "true"
    help_line = page.locator("[data-start-help]").inner_text()
    assert help_line == "start must be a number at least -1000 and at most 1000 (got '5000')"
    assert "start" not in url_settings(page)
    start.fill("1.5")
    start.press("Enter")
    wait_for_setting(page, "start", "1.5")
    assert start.get_attribute("aria-invalid") is None
    assert page.locator("[data-start-help]").inner_text() == "Type it, or click or drag on the curve."


def test_clicking_on_the_curve_sets_the_start(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl")
    plot = page.locator("[data-plot]")
    box = plot.bounding_box()
    # the bowl's window is -3..3 between the plot's margins (52 px left, 18 px right)
    x = 52 + (box["width"] - 52 - 18) * (1 - -3) / 6
    plot.click(position={"x": x, "y": box["height"] / 2})
    wait_for_setting(page, "start")
    ready(page)
    start = float(url_settings(page)["start"])
    assert abs(start - 1) < 0.03
    assert page.locator("[data-start]").input_value() == str(start).removesuffix(".0")
    assert readout(page, "w") == f"{start:g}".replace("-", "−")


def test_dragging_on_the_curve_moves_the_start(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl")
    page.locator("[data-plot]").scroll_into_view_if_needed()
    box = page.locator("[data-plot]").bounding_box()
    left = box["x"] + 52
    width = box["width"] - 52 - 18
    page.mouse.move(left + width * 0.25, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(left + width * 0.5, box["y"] + box["height"] / 2, steps=5)
    page.mouse.move(left + width * 0.75, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    wait_for_setting(page, "start")
    ready(page)
    assert abs(float(url_settings(page)["start"]) - 1.5) < 0.05


def test_the_url_round_trips_every_setting(page: Any, base_url: str, browser: Any) -> None:
    open_sim(page, base_url)
    page.get_by_label("Landscape").select_option("wavy")
    ready(page)
    page.locator("[data-speed-number]").fill("0.2")
    page.locator("[data-speed-number]").press("Enter")
    wait_for_setting(page, "speed", "0.2")
    ready(page)
    start = page.locator("[data-start]")
    start.fill("2.5")
    start.press("Enter")
    wait_for_setting(page, "start", "2.5")
    ready(page)
    page.get_by_text("More settings").click()
    page.get_by_label("Steps", exact=True).fill("40")
    page.get_by_label("Steps", exact=True).press("Enter")
    wait_for_setting(page, "steps", "40")
    ready(page)
    for _ in range(4):
        button(page, "Step").click()
    seen = readout(page, "w")
    shared = page.url

    again = browser.new_page(reduced_motion="reduce")
    try:
        again.goto(shared)
        ready(again)
        assert again.get_by_label("Landscape").input_value() == "wavy"
        assert again.locator("[data-speed-number]").input_value() == "0.2"
        assert again.locator("[data-start]").input_value() == "2.5"
        for _ in range(4):
            button(again, "Step").click()
        assert readout(again, "w") == seen
        assert url_settings(again) == {"landscape": "wavy", "start": "2.5", "speed": "0.2", "steps": "40"}
    finally:
        again.close()


BAD_VALUES = [
    ("speed", "abc"),
    ("speed", "0"),
    ("speed", "-1"),
    ("speed", "1e400"),
    ("steps", "20000"),
    ("steps", "1.5"),
    ("steps", "1e3"),
    ("seed", "-1"),
    ("noise", "101"),
    ("start", "5000"),
    ("landscape", "hill"),
    ("optimizer", "fast"),
    ("schedule", "sometimes"),
    ("formula", "w" * 201),
]


def test_the_page_refuses_link_values_in_the_engines_words(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/static/common/state.js")
    found = page.evaluate(
        """async (cases) => {
            const { fieldsOf, parseField } = await import('/static/common/state.js');
            const fields = fieldsOf(await (await fetch('/api/schema')).json());
            return cases.map(([name, raw]) => parseField(name, fields[name], raw).error ?? null);
        }""",
        BAD_VALUES,
    )
    for (name, raw), message in zip(BAD_VALUES, found, strict=True):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base_url}/api/descend?{urlencode({name: raw})}")
        assert message == json.load(refused.value)["error"]["message"], name


def test_a_bad_link_value_is_left_out_and_explained(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=fast&landscape=bowl")
    notice = page.locator("[data-url-notice]")
    assert notice.is_visible()
    assert "speed must be a number greater than 0" in notice.inner_text()
    assert page.locator("[data-speed-number]").input_value() == "0.1"
    assert page.get_by_label("Landscape").input_value() == "bowl"


def test_a_diverging_run_flies_off_and_never_shows_nan(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=1")
    button(page, "Roll").click()
    page.locator("[data-verdict]").wait_for(state="visible", timeout=20_000)
    assert page.locator("[data-verdict-headline]").inner_text().endswith("Flew off: the steps grew without bound")
    explanation = page.locator("[data-verdict-explanation]").inner_text()
    assert "flew off" in explanation and "smaller speed" in explanation
    assert readout(page, "w") == "off the chart"
    assert readout(page, "step") == str(api(base_url, "/api/descend?speed=1")["verdict"]["step"])
    text = page.locator("body").inner_text()
    assert "NaN" not in text and "Infinity" not in text
    wait_until(page, "() => document.querySelector('.ball').getAttribute('opacity') === '0.000'")  # gone
    button(page, "Step back").click()
    assert readout(page, "w") != "off the chart"
    assert page.locator("[data-verdict]").is_hidden()


def test_a_ball_far_off_the_chart_is_marked_at_the_edge(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=steep-walls&speed=0.3&start=2.4")
    button(page, "Step").click()
    button(page, "Step").click()
    far = api(base_url, "/api/descend?landscape=steep-walls&speed=0.3&start=2.4&steps=2")["steps"][2]["w"]
    assert far > 1e4
    marker = page.locator(".offchart")
    shows = "() => document.querySelector('.offchart').getAttribute('visibility') === 'visible'"
    wait_until(page, shows)
    mantissa = f"{far:.2e}".split("e")[0]
    assert re.fullmatch(rf"ball at w = {re.escape(mantissa)}\s×\s10⁴", marker.text_content())
    assert re.fullmatch(rf"{re.escape(mantissa)}\s×\s10⁴", readout(page, "w"))
    assert "NaN" not in page.locator("body").inner_text()
    button(page, "Step back").click()
    wait_until(page, shows)  # step 1 is off the chart too, on the other side
    assert marker.text_content().startswith("ball at w = −")
    button(page, "Step back").click()
    wait_until(page, shows.replace("=== 'visible'", "=== 'hidden'"))


def test_changing_speed_mid_run_carries_on_from_the_ball(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?start=-2&speed=0.1")
    for _ in range(3):
        button(page, "Step").click()
    w_before = readout(page, "w")
    page.locator("[data-speed-number]").fill("0.46")
    page.locator("[data-speed-number]").press("Enter")
    wait_for_setting(page, "speed", "0.46")
    ready(page)
    assert readout(page, "step") == "3"
    assert readout(page, "w") == w_before
    button(page, "Step").click()
    assert readout(page, "step") == "4"
    assert readout(page, "sum").startswith("Step taken = −0.46 ×")
    button(page, "Reset").click()
    ready(page)
    assert readout(page, "w") == "−2"
    button(page, "Step").click()
    assert readout(page, "w") == "0.76"  # the fresh run at the new speed, as the link says


def test_show_me_sets_the_simulation_up(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    question = page.locator(".question", has_text="far too big")
    question.get_by_role("button", name="Show me: far too big").click()
    wait_for_setting(page, "speed", "1")
    assert page.evaluate("() => document.activeElement.dataset.action") == "roll"
    page.locator("[data-verdict]").wait_for(state="visible", timeout=20_000)
    assert "Flew off" in page.locator("[data-verdict-headline]").inner_text()
    page.locator(".question", has_text="V shape").get_by_role("button", name="Show me").click()
    wait_for_setting(page, "landscape", "v-shape")
    assert url_settings(page) == {"landscape": "v-shape", "speed": "0.3"}


def test_questions_give_feedback_on_each_choice(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    questions = page.locator(".question")
    assert questions.count() >= 6
    first = questions.first
    assert "Why does the ball slow down near the bottom?" in first.locator("legend").inner_text()
    first.get_by_label("Friction builds up the longer it rolls.").check()
    assert first.locator(".feedback").inner_text().startswith("Not quite.")
    first.get_by_text("The ground flattens").click()
    assert first.locator(".feedback").inner_text().startswith("Yes.")
    for prompt in ("far too big, and far too small", "flat at the very bottom"):
        assert page.locator(".question", has_text=prompt).get_by_role("button").count() >= 1


def test_finished_runs_are_listed_and_restore_on_click(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl&speed=0.45")
    button(page, "Roll").click()
    page.locator("[data-verdict]").wait_for(state="visible", timeout=20_000)
    entry = page.locator("[data-runs] .run").first
    assert "Settled at the lowest point" in entry.inner_text() and "speed 0.45" in entry.inner_text()
    page.get_by_label("Landscape").select_option("v-shape")
    ready(page)
    entry.click()
    wait_for_setting(page, "landscape", "bowl")
    ready(page)
    assert url_settings(page) == {"landscape": "bowl", "start": "-2.5", "speed": "0.45"}


@pytest.mark.parametrize("page_options", [{"viewport": DESKTOP}])  # real motion: the spring runs
def test_the_ball_moves_by_transform_with_a_spring(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?start=-2&speed=0.46")
    body = page.locator(".ball-body")
    fixed = (body.get_attribute("cx"), body.get_attribute("cy"))
    before = page.locator(".ball").get_attribute("transform")
    samples = page.evaluate(
        """() => new Promise((resolve) => {
            const ball = document.querySelector('.ball');
            const seen = [];
            document.querySelector('[data-action="step"]').click();
            const t0 = performance.now();
            const look = () => {
              seen.push(ball.getAttribute('transform'));
              if (performance.now() - t0 < 1200) requestAnimationFrame(look); else resolve(seen);
            };
            requestAnimationFrame(look);
        })"""
    )
    xs = [float(re.match(r"translate\(([-\d.]+)", s).group(1)) for s in samples]
    start_x = float(re.match(r"translate\(([-\d.]+)", before).group(1))
    end_x = xs[-1]
    between = [x for x in xs if min(start_x, end_x) + 5 < x < max(start_x, end_x) - 5]
    assert len(between) >= 5, "the ball should pass through in-between places, not jump"
    assert len(set(xs)) > 10
    assert (body.get_attribute("cx"), body.get_attribute("cy")) == fixed


def spring_by_integration(times: list[float], stiffness: float, damping: float, mass: float = 1.0) -> list[float]:
    """A spring released at rest at 0 and pulled to 1, integrated step by step (RK4) as an independent check."""
    dt = 1e-4
    x, v, t, out = 0.0, 0.0, 0.0, []

    def accel(x: float, v: float) -> float:
        return (-stiffness * (x - 1.0) - damping * v) / mass

    for target in times:
        while t < target - 1e-12:
            h = min(dt, target - t)
            k1x, k1v = v, accel(x, v)
            k2x, k2v = v + h / 2 * k1v, accel(x + h / 2 * k1x, v + h / 2 * k1v)
            k3x, k3v = v + h / 2 * k2v, accel(x + h / 2 * k2x, v + h / 2 * k2v)
            k4x, k4v = v + h * k3v, accel(x + h * k3x, v + h * k3v)
            x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x)
            v += h / 6 * (k1v + 2 * k2v + 2 * k3v + k4v)
            t += h
        out.append(x)
    return out


def test_the_spring_module_matches_the_spring_equation(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/static/common/spring.js")
    for damping in (16.0, 2 * math.sqrt(110), 40.0):  # under-, critically and over-damped
        found = page.evaluate(
            """async (damping) => {
                const { spring, springSettleTime } = await import('/static/common/spring.js');
                const opts = { stiffness: 110, damping, mass: 1 };
                const settle = springSettleTime(opts);
                const times = Array.from({ length: 40 }, (_, i) => (settle * i) / 40);
                return { settle, times, xs: times.map((t) => spring(t, 0, 1, opts)),
                         after: [1.0001, 1.5, 3].map((k) => spring(settle * k, 0, 1, opts)),
                         before: spring(-0.5, 0, 1, opts) };
            }""",
            damping,
        )
        expected = spring_by_integration(found["times"], 110.0, damping)
        assert max(abs(a - b) for a, b in zip(found["xs"], expected, strict=True)) < 1e-6
        assert found["after"] == [1, 1, 1] and found["before"] == 0
        # at the settle time it is already within 0.1 % of the distance, so snapping to the end is invisible
        assert abs(spring_by_integration([found["settle"]], 110.0, damping)[0] - 1) <= 0.001 + 1e-9


def test_screenshots_at_desktop_and_phone_sizes(browser: Any, base_url: str, screenshots: Any) -> None:
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        tab = browser.new_page(viewport=viewport, reduced_motion="reduce")
        try:
            open_sim(tab, base_url, "?start=-2&speed=0.46")
            settled_at = api(base_url, "/api/descend?start=-2&speed=0.46")["verdict"]["step"]
            for _ in range(settled_at):
                button(tab, "Step").click()
            tab.locator("[data-verdict]").wait_for(state="visible")
            overflow = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"the {name} layout scrolls sideways by {overflow} px"
            tab.evaluate("() => document.querySelector('.sim-grid').scrollIntoView()")
            tab.evaluate("() => window.scrollBy(0, -12)")
            path = screenshots / f"gradient-descent-{name}.png"
            tab.screenshot(path=str(path))
            assert path.stat().st_size > 10_000
        finally:
            tab.close()


def test_a_formula_half_typed_when_a_built_in_is_picked_does_not_come_back(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    picker = page.get_by_label("Landscape")
    picker.select_option("formula")
    page.get_by_label("Your formula in w").press_sequentially("w^2 + 1")
    picker.select_option("bowl")  # before the typing pause runs out
    ready(page)
    page.wait_for_timeout(1500)  # well past the typing pause: the old timer must not fire
    ready(page)
    assert url_settings(page).get("landscape") == "bowl" and "formula" not in url_settings(page)
    assert "Bowl" in page.locator("[data-landscape-note]").inner_text()
