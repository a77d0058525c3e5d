"""The gradient descent page tells one story: its zones, charts, words and readouts never contradict the run shown.

Below 2/curvature the ball settles, above it never does; these tests hold the page to showing that (the distance to
the bottom on a log scale, the zones and what they assume), and to the small things a learner relies on (the live
region, the slider's keys, the readout cards, the list of runs, contrast).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from gradient_descent_page import api, button, open_sim, readout, ready, url_settings, wait_for_setting, wait_until

from foggyhill.core import ZONE_WORDS

PHONE = {"width": 390, "height": 844}
SLIDER = {"min": 0.001, "max": 1.5, "positions": 1000}
LINE_POINTS = """() => [...document.querySelector('[data-distance] .chart-line').getAttribute('d')
    .matchAll(/[ML]([-\\d.]+),([-\\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])"""


def step_to(page: Any, n: int) -> None:
    """Step the ball to step `n` with the → key (the run must have that many steps)."""
    page.locator("h1").click()
    for _ in range(n - int(readout(page, "step"))):
        page.keyboard.press("ArrowRight")
    wait_until(page, f"() => document.querySelector('[data-out=\"step\"]').textContent === '{n}'")


def lowest_dip(base_url: str, query: str = "") -> dict[str, Any]:
    return next(m for m in api(base_url, f"/api/landscape{query}")["minima"] if m["global"])


def zones(page: Any) -> dict[str, str]:
    """The zones' words: caption, scope line, caveat (empty when hidden) and legend."""
    page.wait_for_selector("[data-speed-zones]:not([hidden])")
    caveat = page.locator("[data-zone-caveat]")
    return {
        "caption": page.locator("[data-zone-caption]").inner_text(),
        "scope": page.locator("[data-zone-scope]").inner_text(),
        "caveat": caveat.inner_text() if caveat.is_visible() else "",
        "legend": page.locator(".zone-legend").inner_text(),
    }


def slider_speed(position: int) -> float:
    """The speed at a slider position, as controls.js rounds it."""
    lo, hi, n = SLIDER["min"], SLIDER["max"], SLIDER["positions"]
    return float(f"{lo * (hi / lo) ** (position / n):.3g}")


def contrast(page: Any, selector: str) -> float:
    """The contrast ratio of `selector`'s text colour on its own background colour."""
    colours = page.locator(selector).first.evaluate(
        "(n) => { const s = getComputedStyle(n); return [s.color, s.backgroundColor]; }"
    )

    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted(map(luminance, colours), reverse=True)
    return (a + 0.05) / (b + 0.05)


# ----------------------------------------------------------------------------- the swing made visible


def test_the_distance_chart_falls_at_0_59_and_stays_level_at_0_6(page: Any, base_url: str) -> None:
    bottom = lowest_dip(base_url)
    drops = {}
    for speed in ("0.59", "0.6"):
        open_sim(page, base_url, f"?speed={speed}")
        step_to(page, 100)
        assert page.locator("[data-distance-target]").inner_text() == f"{round(bottom['w'], 3):g}"
        points = page.evaluate(LINE_POINTS)
        assert len(points) == 101  # one point per step, from the engine's steps
        drops[speed] = points[100][1] - points[50][1]  # same side of the swing; screen y grows downward
        trend = page.locator("[data-distance-trend]").inner_text()
        steps = api(base_url, f"/api/descend?speed={speed}")["steps"]
        now, before = abs(steps[100]["w"] - bottom["w"]), abs(steps[90]["w"] - bottom["w"])
        assert trend.startswith(f"Step 100: {float(f'{now:.3g}'):g} from the bottom; 10 steps before, {before:.3g}")
        assert trend.endswith("closer." if speed == "0.59" else "about the same.")
    # On a linear chart (or one scaled to the first steps) the 0.59 swing's shrinking would be a pixel or two.
    assert drops["0.59"] > 20, f"at 0.59 the distance should visibly fall: {drops}"
    assert abs(drops["0.6"]) < 3, f"at 0.6 the distance should stay level: {drops}"


def test_the_distance_chart_rises_when_the_ball_flies_off(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=1")
    steps = api(base_url, "/api/descend?speed=1")["steps"]
    step_to(page, len(steps) - 1)
    ys = [y for _, y in page.evaluate(LINE_POINTS)]
    assert ys[-1] < ys[-2] < ys[1], ys  # rising on screen: further from the bottom each step
    page.keyboard.press("ArrowRight")  # off the chart
    wait_until(page, "() => document.querySelector('[data-out=\"w\"]').textContent === 'off the chart'")
    assert page.locator("[data-distance-trend]").inner_text().startswith("It flew off")


def test_a_settled_ball_rests_on_the_bottom_band(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=0.46")
    step_to(page, 100)
    assert page.locator("[data-distance] .floor-label").text_content() == "at the bottom"
    assert page.locator("[data-distance-trend]").inner_text().startswith("Step 100: at the bottom")
    assert "NaN" not in page.locator("[data-distance]").inner_html()


def test_a_noisy_runs_distance_is_given_without_a_verdict_of_its_own(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?noise=1&schedule=robbins-monro&speed=0.1")
    step_to(page, 40)
    trend = page.locator("[data-distance-trend]").inner_text()
    assert trend.endswith("With noise the distance wanders instead of falling in a line.")
    assert not any(word in trend for word in ("closer", "further", "about the same"))


# ----------------------------------------------------------------------------- the zones and what they assume


def test_the_zones_say_which_dip_they_are_for_and_when_it_changes(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=0.46")
    first = zones(page)  # at w = -2 the slope points right, toward the shallow dip
    assert "(the dip at w = −0.856)" in first["caption"]
    assert first["scope"].startswith("Zones for the dip the ball is heading to, worked out at its bottom")
    button(page, "Step").click()  # w = 0.76: now downhill toward the lowest point
    wait_until(page, "() => document.querySelector('[data-zone-caption]').textContent.includes('lowest point')")
    after = zones(page)
    assert "(the lowest point at w = 1.235)" in after["caption"]
    assert after["scope"].startswith("Now heading to the lowest point at w = 1.235 (it set out toward w = −0.856).")


def test_the_legend_lists_only_speeds_the_slider_reaches(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?start=-1.5&speed=0.1")  # the shallow dip: it holds speeds up to about 2
    dip = next(m for m in api(base_url, "/api/landscape")["minima"] if not m["global"])
    assert dip["stability_bound"] > SLIDER["max"]
    shown = zones(page)
    fastest = f"{round(dip['fastest_stable_speed'], 3):g}"
    assert shown["legend"].split("\n") == [f"smooth below {fastest}", f"swings, settles from {fastest}"]
    page.locator(".zone-why summary").click()
    assert f"{round(dip['stability_bound'], 3):g}" in page.locator(".zone-why-text").inner_text()  # said, not listed


def test_a_run_that_flies_off_from_far_away_is_explained(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?start=-2.2&speed=0.55")  # below both dips' 2/curvature, yet it flies off
    run = api(base_url, "/api/descend?start=-2.2&speed=0.55")
    assert run["verdict"]["kind"] == "diverged"
    assert zones(page)["caveat"] == ""  # nothing said before the run shows it
    step_to(page, len(run["steps"]) - 1)
    page.keyboard.press("ArrowRight")
    page.locator("[data-verdict]").wait_for(state="visible")
    wait_until(page, "() => !document.querySelector('[data-zone-caveat]').hidden")
    shown = zones(page)
    # Last seen far out on the left and heading right, the ball's dip is the shallow one, which holds 0.55 easily.
    assert shown["caption"] == "Speed 0.55: slides straight in (the dip at w = −0.856)."
    assert shown["caveat"].startswith(
        "This run flew off although near the bottom of the dip at w = −0.856 speed 0.55 would slide straight in"
    )
    assert "set out from w = −2.2" in shown["caveat"]
    assert "Far from the bottom the curve is steeper than at the bottom" in shown["caveat"]


def test_far_too_big_from_the_quiz_is_explained_too(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    page.locator(".question", has_text="far too big").get_by_role("button", name="Show me: far too big").click()
    wait_for_setting(page, "speed", "1")
    page.locator("[data-verdict]").wait_for(state="visible", timeout=20_000)
    wait_until(page, "() => !document.querySelector('[data-zone-caveat]').hidden")
    assert "set out from w = −2, far from that bottom" in zones(page)["caveat"]


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("?noise=1&schedule=robbins-monro&speed=0.1", ["noise of size 1", "robbins-monro schedule"]),
        ("?noise=0.5&speed=0.1", ["noise of size 0.5", "keeps jittering"]),
        ("?schedule=exponential&speed=0.5", ["exponential schedule", "first step's speed"]),
        ("?optimizer=momentum&speed=0.1", ["momentum", "new = old − speed × slope"]),
    ],
)
def test_the_zones_name_what_a_run_changes_from_their_theory(
    page: Any, base_url: str, query: str, said: list[str]
) -> None:
    open_sim(page, base_url, query)
    shown = zones(page)
    assert shown["caption"].endswith(", if its steps were plain.")  # not "slides straight in" as if it would
    for words in said:
        assert words in shown["caveat"]


def test_a_plain_run_has_no_caveat(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=0.1")
    shown = zones(page)
    assert shown["caveat"] == "" and not shown["caption"].endswith("if its steps were plain.")


def test_the_zone_labels_are_the_engines_words(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/static/common/zones.js")
    labels = page.evaluate(
        "async () => Object.fromEntries((await import('/static/common/zones.js')).ZONES.map((z) => [z.zone, z.words]))"
    )
    for zone in ("smooth", "swinging", "unstable"):
        assert ZONE_WORDS[zone].split(":")[0] == labels[zone]


def test_every_zone_label_is_readable_on_its_colour(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=0.6&start=1.5")  # the lowest point: all four zones within the slider's reach
    for zone in ("smooth", "swinging", "unstable", "flies"):
        ratio = contrast(page, f".zone-strip .zone-{zone}")
        assert ratio >= 4.5, f"{zone}: {ratio:.2f}:1"


# ----------------------------------------------------------------------------- curvature, defined where first used


def test_curvature_is_defined_where_the_lesson_first_uses_it(page: Any, base_url: str) -> None:
    open_sim(page, base_url)
    text = page.locator("main").inner_text()
    definition = page.locator("dfn#curvature")
    paragraph = definition.locator("xpath=..").inner_text()
    assert text.index("curvature") >= text.index(paragraph)  # nothing earlier uses the word
    assert "how fast the slope changes" in paragraph and "the slope’s own slope" in paragraph
    picture = page.locator(".curvature-figure svg")
    assert picture.get_attribute("role") == "img" and picture.is_visible()
    page.locator(".zone-why summary").click()
    link = page.locator(".zone-why-text a")
    assert link.get_attribute("href") == "#curvature"


# ----------------------------------------------------------------------------- small things a learner relies on


def test_the_live_region_follows_roll_and_pause(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?landscape=bowl&speed=0.01")
    live = "document.querySelector('[data-live]').textContent"
    wait_until(page, f"() => {live}.startsWith('Step 0:')")
    page.locator("h1").click()
    page.keyboard.press(" ")
    wait_until(page, "() => Number(document.querySelector('[data-out=\"step\"]').textContent) >= 3")
    assert page.evaluate(f"() => {live}") == "Rolling from step 0…"  # not the step it left as if it were still there
    page.keyboard.press(" ")
    button(page, "Roll").wait_for()
    paused = readout(page, "step")
    wait_until(page, f"() => {live}.startsWith('Step {paused}:')")


def test_arrow_and_page_keys_move_the_speed_slider_a_visible_step(page: Any, base_url: str) -> None:
    open_sim(page, base_url, "?speed=0.2")
    slider = page.get_by_role("slider", name="Speed")
    start = int(slider.input_value())
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_for_setting(page, "speed", f"{slider_speed(start + 25):g}")  # 1/40 of the log range: about ×1.2
    assert float(url_settings(page)["speed"]) / 0.2 == pytest.approx(1500 ** (1 / 40), rel=0.02)
    ready(page)
    page.keyboard.press("PageUp")
    wait_for_setting(page, "speed", f"{slider_speed(start + 125):g}")
    ready(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("PageDown")
    wait_for_setting(page, "speed", f"{slider_speed(start):g}")
    assert slider.get_attribute("aria-valuetext") == f"{slider_speed(start):g}"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, PHONE])
def test_the_step_sum_does_not_stretch_the_readout_cards(page: Any, base_url: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    open_sim(page, base_url, "?speed=0.6")
    step_to(page, 3)
    sum_line = page.locator('[data-out="sum"]')
    assert sum_line.inner_text().startswith("Step taken = −0.6 × ")
    cards = page.locator("[data-readouts] > div")
    heights = [cards.nth(i).bounding_box()["height"] for i in range(cards.count())]
    assert max(heights) < 90, heights
    assert sum_line.bounding_box()["y"] >= max(cards.nth(i).bounding_box()["y"] for i in range(cards.count()))


def test_your_runs_tell_a_noisy_run_from_a_plain_one(page: Any, base_url: str) -> None:
    for query in ("?landscape=bowl&speed=0.45&steps=20", "?landscape=bowl&speed=0.45&steps=20&noise=1"):
        open_sim(page, base_url, query)
        step_to(page, 20)
        page.locator("[data-verdict]").wait_for(state="visible")
    wait_until(page, "() => document.querySelectorAll('[data-runs] .run').length === 2")
    noisy, plain = page.locator("[data-runs] .run-settings").all_inner_texts()
    assert noisy == "Bowl · start −2.5 · speed 0.45 · noise 1 · constant speed"
    assert plain == "Bowl · start −2.5 · speed 0.45 · no noise · constant speed"
    open_sim(page, base_url, "?landscape=bowl&speed=0.45&steps=20&optimizer=adam&schedule=step")
    step_to(page, 20)
    page.locator("[data-verdict]").wait_for(state="visible")
    wait_until(page, "() => document.querySelectorAll('[data-runs] .run').length === 3")
    assert page.locator("[data-runs] .run-settings").first.inner_text().endswith("adam · no noise · step schedule")


# ----------------------------------------------------------------------------- axe-core in the page's main states


def test_no_serious_accessibility_violations_in_the_lessons_states(page: Any, base_url: str, axe: Any) -> None:
    states = [
        ("?speed=0.6", 100, "swinging at 0.6, the zones' why open"),
        ("?noise=1&schedule=robbins-monro&speed=0.1", 100, "a noisy run with its caveat"),
        ("?speed=1", None, "flown off, explained beside the zones"),
    ]
    for query, steps, where in states:
        open_sim(page, base_url, query)
        if steps is None:
            step_to(page, len(api(base_url, f"/api/descend{query}")["steps"]) - 1)
            page.keyboard.press("ArrowRight")
        else:
            step_to(page, steps)
        page.locator("[data-verdict]").wait_for(state="visible")
        page.locator(".zone-why summary").click()
        for size in ({"width": 1280, "height": 800}, PHONE):
            page.set_viewport_size(size)
            found = axe(page)
            assert not found, f"{where} at {size['width']} px:\n" + "\n".join(found)
