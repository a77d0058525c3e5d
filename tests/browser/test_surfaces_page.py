"""The surfaces page (/sim/surfaces) in chromium: the contour map and the 3-D view drawn, the view turning, a click
on the map setting the start, the link round-tripping, Roll reaching the engine's own verdict, keys, formulas,
Newton's step, and axe. Screenshots (desktop and phone) go where the other browser tests put theirs, for a person to
look at."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from gradient_descent_page import wait_until

PAGE = "/sim/surfaces"
ROLL_SECONDS = 40.0
# How much a canvas's pixels must change for a turn to count: a few hundred pixels' worth of colour.
TURNED = 0.002

PIXELS = """(selector) => {
  const canvas = document.querySelector(selector);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  let painted = 0;
  let sum = 0;
  for (let k = 0; k < data.length; k += 4) {
    if (data[k + 3] > 0) painted += 1;
    sum += (data[k] * 3 + data[k + 1] * 5 + data[k + 2] * 7) * ((k / 4) % 97 + 1);
    if (k % 64 === 0) colours.add((data[k] >> 3) * 1024 + (data[k + 1] >> 3) * 32 + (data[k + 2] >> 3));
  }
  return {painted: painted / (data.length / 4), colours: colours.size, sum, count: data.length / 4};
}"""


def api(base_url: str, path: str, **params: Any) -> Any:
    with urllib.request.urlopen(f"{base_url}{path}?{urlencode(params)}") as answer:
        return json.load(answer)


def url_settings(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.evaluate("() => location.href")).query).items()}


def open_page(page: Any, base_url: str, query: str = "") -> Any:
    """Open the page and wait until the surface is drawn and the run is in."""
    page.goto(f"{base_url}{PAGE}{query}")
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    settled(page)
    return page


def settled(page: Any) -> None:
    wait_until(page, "() => document.querySelector('#try-it').dataset.state === 'ready'")
    wait_until(page, "() => Boolean(document.querySelector('[data-map]').dataset.drawn)")


def readout(page: Any, name: str) -> str:
    return str(page.locator(f'[data-out="{name}"]').inner_text())


def shown(x: float) -> str:
    """A number as the page shows it: at most 3 decimals, a real minus sign."""
    return f"{round(x, 3):g}".replace("-", "−")


def map_point(page: Any, window: dict[str, list[float]], w1: float, w2: float) -> tuple[float, float]:
    """Viewport coordinates of (w1, w2) on the contour map, from the frame the page publishes and the window."""
    canvas = page.locator("[data-map]")
    canvas.scroll_into_view_if_needed()
    left, top, width, height = (float(v) for v in canvas.get_attribute("data-frame").split(","))
    box = canvas.bounding_box()
    (a0, a1), (b0, b1) = window["w1"], window["w2"]
    return box["x"] + left + (w1 - a0) / (a1 - a0) * width, box["y"] + top + (b1 - w2) / (b1 - b0) * height


def roll_to_verdict(page: Any) -> None:
    page.get_by_role("button", name="Roll", exact=True).click()
    page.wait_for_selector("[data-verdict]:not([hidden])", timeout=ROLL_SECONDS * 1000)
    settled(page)


def snapshot(page: Any, selector: str) -> None:
    """Keep the canvas's pixels in the page, to compare with later (a million numbers need not cross to Python)."""
    page.evaluate(
        """(selector) => {
          const canvas = document.querySelector(selector);
          window.__snapshot = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        }""",
        selector,
    )


def changed_since_snapshot(page: Any, selector: str) -> float:
    """The share of the canvas's pixel values that differ from the last snapshot."""
    return float(
        page.evaluate(
            """(selector) => {
              const canvas = document.querySelector(selector);
              const now = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              const before = window.__snapshot;
              if (!before || before.length !== now.length) return 1;
              let differ = 0;
              for (let k = 0; k < now.length; k += 1) if (now[k] !== before[k]) differ += 1;
              return differ / now.length;
            }""",
            selector,
        )
    )


def test_the_page_draws_the_map_the_3d_view_and_the_readouts(page: Any, base_url: str) -> None:
    open_page(page, base_url)
    surface = api(base_url, "/api/surface", landscape="ravine")
    contour = page.evaluate(PIXELS, "[data-map]")
    assert contour["painted"] > 0.5 and contour["colours"] > 12  # the bands of the palette, not a blank canvas
    mesh = page.evaluate(PIXELS, "[data-mesh]")
    assert mesh["painted"] > 0.2 and mesh["colours"] > 20  # shaded: many tones
    assert readout(page, "step") == "0"
    assert readout(page, "w1") == shown(surface["start"][0]) and readout(page, "w2") == shown(surface["start"][1])
    assert "Ravine" in page.locator("[data-landscape-note]").inner_text()
    label = page.locator("[data-map-label]").inner_text()
    assert "w1^2 + 10*w2^2" in label and "lowest at (0, 0)" in label
    # the zones come from the dip's largest curvature: 2/20 = 0.1 for the ravine
    assert "never settles from 0.1" in page.locator(".zone-legend").inner_text()


def test_the_3d_view_turns_with_a_drag_and_with_keys(page: Any, base_url: str) -> None:
    open_page(page, base_url)
    mesh = page.locator("[data-mesh]")
    mesh.scroll_into_view_if_needed()
    snapshot(page, "[data-mesh]")
    view = home = mesh.get_attribute("data-view")
    box = mesh.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 9):
        page.mouse.move(x + 15 * k, y + 4 * k)
    page.mouse.up()
    assert mesh.get_attribute("data-view") != view
    assert changed_since_snapshot(page, "[data-mesh]") > TURNED
    # keys turn it while it has the focus, and do not step the ball
    turned = mesh.get_attribute("data-view")
    mesh.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    assert mesh.get_attribute("data-view") != turned
    assert readout(page, "step") == "0"
    page.keyboard.press("Home")
    assert mesh.get_attribute("data-view") == home
    page.get_by_role("button", name="Turn right").click()
    azimuth, elevation = (int(v) for v in home.split(","))
    assert mesh.get_attribute("data-view") == f"{azimuth + 15},{elevation}"


def test_a_click_on_the_map_sets_the_start(page: Any, base_url: str) -> None:
    open_page(page, base_url)
    window = api(base_url, "/api/surface", landscape="ravine", grid=3)["window"]
    page.mouse.click(*map_point(page, window, 1.5, -1.0))
    wait_until(page, "() => new URL(location.href).searchParams.has('start')")
    settled(page)
    w1, w2 = (float(v) for v in url_settings(page)["start"].split(","))
    assert abs(w1 - 1.5) < 0.03 and abs(w2 + 1.0) < 0.03
    assert readout(page, "step") == "0"
    assert readout(page, "w1") == shown(w1) and readout(page, "w2") == shown(w2)
    assert page.locator("#start-w1").input_value() == f"{w1:g}"
    run = api(base_url, "/api/descend", landscape="ravine", start=f"{w1},{w2}")
    roll_to_verdict(page)
    assert page.locator("[data-verdict-headline]").get_attribute("data-headline") == run["verdict"]["headline"]


def test_the_link_round_trips(page: Any, base_url: str) -> None:
    query = "?landscape=rosenbrock&start=-1,1.5&speed=0.0015&steps=300&optimizer=momentum"
    open_page(page, base_url, query)
    expected = {
        "landscape": "rosenbrock",
        "start": "-1,1.5",
        "speed": "0.0015",
        "steps": "300",
        "optimizer": "momentum",
    }
    assert url_settings(page) == expected

    def state() -> dict[str, str]:
        return {
            "landscape": page.locator("#landscape").input_value(),
            "rule": page.locator("#optimizer").input_value(),
            "speed": page.locator("#speed-number").input_value(),
            "start": f"{page.locator('#start-w1').input_value()},{page.locator('#start-w2').input_value()}",
            "steps": page.locator("#setting-steps").input_value(),
            "w": f"{readout(page, 'w1')} {readout(page, 'w2')}",
            "note": page.locator("[data-landscape-note]").inner_text(),
        }

    first = state()
    assert first["landscape"] == "rosenbrock" and first["rule"] == "momentum" and first["speed"] == "0.0015"
    assert first["start"] == "-1,1.5" and first["steps"] == "300" and first["w"] == "−1 1.5"
    page.reload()
    page.wait_for_selector("body[data-ready]")
    settled(page)
    assert state() == first and url_settings(page) == expected
    # a change made on the page goes into the link, and the link brings it back
    page.locator("#speed-number").fill("0.001")
    page.locator("#speed-number").press("Enter")
    wait_until(page, "() => new URL(location.href).searchParams.get('speed') === '0.001'")
    settled(page)
    page.reload()
    page.wait_for_selector("body[data-ready]")
    settled(page)
    assert page.locator("#speed-number").input_value() == "0.001"
    assert url_settings(page) == {**expected, "speed": "0.001"}
    assert "start=-1,1.5" in page.url  # the comma stays readable in the address bar
    # the race is part of the link too
    race = page.get_by_label("Race every other update rule from the same start")
    race.check()
    wait_until(page, "() => new URL(location.href).searchParams.get('race') === 'on'")
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert race.is_checked()
    wait_until(page, "() => document.querySelectorAll('[data-race] li[data-rule]').length === 6")
    race.uncheck()
    wait_until(page, "() => !new URL(location.href).searchParams.has('race')")


@pytest.mark.parametrize(
    "settings",
    [
        {"landscape": "ravine", "speed": "0.09"},
        {"landscape": "saddle", "start": "-2,0"},
        {"landscape": "rosenbrock", "speed": "0.0015", "steps": "300"},
        {"landscape": "ravine", "speed": "0.3"},
        {"landscape": "himmelblau", "speed": "0.01", "optimizer": "adam", "steps": "150"},
    ],
    ids=["settles", "saddle", "crawls", "flies-off", "adam"],
)
def test_roll_reaches_the_engines_verdict(page: Any, base_url: str, settings: dict[str, str]) -> None:
    open_page(page, base_url, f"?{urlencode(settings, safe=',')}")
    run = api(base_url, "/api/descend", **settings)
    assert page.locator("[data-verdict]").is_hidden()  # not before the run gets there
    roll_to_verdict(page)
    verdict = run["verdict"]
    assert page.locator("[data-verdict-headline]").get_attribute("data-headline") == verdict["headline"]
    assert page.locator("[data-verdict-explanation]").inner_text() == verdict["explanation"]
    assert page.locator("[data-verdict]").get_attribute("data-kind") == verdict["kind"]
    if verdict["kind"] == "converged-global":
        assert readout(page, "step") == str(verdict["step"])  # shown from the step it settled at
    if verdict["kind"] == "diverged":
        assert readout(page, "w1") == "off the map"
    live = page.locator("[data-live]")
    wait_until(page, "() => document.querySelector('[data-live]').textContent.includes('Step')")
    assert verdict["headline"] in live.inner_text()


def test_the_keys_step_back_roll_and_reset(page: Any, base_url: str) -> None:
    open_page(page, base_url, "?speed=0.05")
    run = api(base_url, "/api/descend", landscape="ravine", speed=0.05)
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert readout(page, "step") == "2"
    assert readout(page, "w2") == shown(run["steps"][2]["w"][1])
    page.keyboard.press("ArrowLeft")
    assert readout(page, "step") == "1"
    page.keyboard.press("r")
    assert readout(page, "step") == "0"
    page.keyboard.press(" ")
    page.wait_for_selector("[data-verdict]:not([hidden])", timeout=ROLL_SECONDS * 1000)
    assert page.locator("[data-verdict-headline]").get_attribute("data-headline") == run["verdict"]["headline"]


def test_a_typed_formula_is_drawn_and_a_wrong_one_is_pointed_at(page: Any, base_url: str, console: Any) -> None:
    console.allow(r"status of 422")
    open_page(page, base_url)
    page.locator("#landscape").select_option("formula")
    page.locator("#formula").fill("(w1 - 1)^2 + 4*(w2 + 0.5)^2")
    page.locator("#formula").press("Enter")
    wait_until(page, "() => new URL(location.href).searchParams.has('formula')")
    settled(page)
    assert "(w1 - 1)^2 + 4*(w2 + 0.5)^2" in page.locator("[data-landscape-note]").inner_text()
    assert "landscape" not in url_settings(page)
    assert "lowest at (1, −0.5)" in page.locator("[data-map-label]").inner_text()
    page.locator("#formula").fill("w1^2 + * w2")
    page.locator("#formula").press("Enter")
    page.wait_for_selector("[data-formula-error]:not([hidden])")
    assert "^" in page.locator("[data-formula-caret]").inner_text()
    assert page.locator("[data-formula-message]").inner_text()


def test_newtons_step_lands_on_the_bottom_of_the_round_bowl(page: Any, base_url: str) -> None:
    open_page(page, base_url, "?landscape=round-bowl&speed=1&optimizer=newton")
    assert page.locator("#optimizer").input_value() == "newton"
    assert "−H⁻¹" in page.locator("[data-optimizer-help]").inner_text()
    page.get_by_role("button", name="Step", exact=True).click()
    assert readout(page, "loss") == "0" and readout(page, "w1") == "0" and readout(page, "w2") == "0"


def test_the_steepest_direction_on_request(page: Any, base_url: str) -> None:
    open_page(page, base_url)
    snapshot(page, "[data-map]")
    assert page.locator("[data-steepest-words]").is_hidden()
    page.get_by_label("Show the steepest direction of the dip ahead").check()
    words = page.locator("[data-steepest-words]").inner_text()
    assert "steepest along (0, 1)" in words and "curvature 20" in words and "2/20 = 0.1" in words
    assert changed_since_snapshot(page, "[data-map]") > TURNED


def test_the_page_passes_axe_fresh_and_after_a_roll(page: Any, base_url: str, axe: Any) -> None:
    open_page(page, base_url, "?speed=0.09")
    assert not axe(page)
    page.get_by_label("Show the steepest direction of the dip ahead").check()
    page.get_by_label("Race every other update rule from the same start").check()
    wait_until(page, "() => document.querySelectorAll('[data-race] li[data-rule]').length === 6")
    page.locator(".zone-why summary").click()
    roll_to_verdict(page)
    assert not axe(page)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_screenshots(
    browser: Any, base_url: str, viewports: dict[str, dict[str, int]], screen: str, screenshots: Path
) -> None:
    """Each state at both sizes, for a person to look at; the page must still read its state right at each."""
    states = {
        "ravine-swinging": "?speed=0.095",
        "rosenbrock-crawling": "?landscape=rosenbrock&speed=0.0015&steps=300",
        "saddle-newton": "?landscape=saddle&optimizer=newton&speed=1&start=-2,0.5",
        "himmelblau-momentum": "?landscape=himmelblau&speed=0.005&optimizer=momentum&start=-1,-4.5",
        "lemonade-raw": "?landscape=lemonade-line&speed=0.0014&steps=300",
        "lemonade-scaled": "?landscape=lemonade-line-scaled&speed=0.1",
    }
    context = browser.new_context(viewport=viewports[screen], reduced_motion="reduce")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    tab.on("console", on_console)
    try:
        for name, query in states.items():
            open_page(tab, base_url, query)
            if name == "ravine-swinging":
                tab.get_by_label("Show the steepest direction of the dip ahead").check()
            roll_to_verdict(tab)
            tab.locator("#try-it").scroll_into_view_if_needed()
            tab.locator("#try-it").screenshot(path=str(screenshots / f"surfaces-{name}-{screen}.png"))
        assert not errors
    finally:
        context.close()


def test_the_pages_pure_modules(page: Any, base_url: str) -> None:
    """The palette, the loss scale, the map's geometry and when a verdict shows, checked in the page's own modules."""
    open_page(page, base_url)
    rosenbrock = api(base_url, "/api/surface", landscape="rosenbrock", grid=61)["grid"]["loss"]
    ravine = api(base_url, "/api/surface", landscape="ravine", grid=61)["grid"]["loss"]
    found = page.evaluate(
        """async ([rosenbrock, ravine]) => {
          const levels = await import('/static/surfaces/levels.js');
          const geometry = await import('/static/surfaces/geometry.js');
          const run = await import('/static/surfaces/run.js');
          const log = levels.lossScale(rosenbrock);
          const flat = levels.lossScale(ravine);
          const frame = geometry.frameOf({w1: [-3, 3], w2: [-2, 2]}, {left: 10, top: 20, width: 600, height: 600});
          const verdict = (kind, step) => ({steps: new Array(101).fill(null), verdict: {kind, step}});
          return {
            ends: [levels.viridis(0), levels.viridis(0.5), levels.viridis(1)],
            log: [log.log, log.t(0), log.t(2509), Math.abs(log.loss(log.t(37)) - 37) < 1e-9],
            linear: [flat.log, flat.t(flat.low), flat.t(flat.high)],
            frame: [frame.sx === frame.sy, frame.x(-3), frame.w1(frame.x(1.25)), frame.w2(frame.y(-0.5))],
            start: geometry.startText({w1: [-80, 40], w2: [-2, 10]}, -32.41514, 4.08965),
            heading: geometry.headingTo({dips: [{w: [3, 2]}, {w: [-3, -3]}]}, [0, 0], [1, 1]).w,
            shown: [verdict('converged-global', 40), verdict('oscillating', 0), verdict('saddle', 12),
              verdict('crawling', 100)].map(run.decidedAt),
          };
        }""",
        [rosenbrock, ravine],
    )
    # viridis: #440154, #21918c, #fde725 within a step or two of each channel
    for got, want in zip(found["ends"], [(68, 1, 84), (33, 145, 140), (253, 231, 37)], strict=True):
        assert all(abs(a - b) <= 4 for a, b in zip(got, want, strict=True)), (got, want)
    assert found["log"][0] is True and found["log"][1] == 0 and abs(found["log"][2] - 1) < 0.01 and found["log"][3]
    assert found["linear"] == [False, 0, 1]
    assert found["frame"][0] is True and found["frame"][1] >= 10
    assert abs(found["frame"][2] - 1.25) < 1e-9 and abs(found["frame"][3] + 0.5) < 1e-9
    assert found["start"] == "-32.4,4.09"
    assert found["heading"] == [-3, -3]  # downhill from (0, 0) with slope (1, 1): the dip behind, not the nearer one
    assert found["shown"] == [40, 30, 100, 100]


def test_show_me_sets_up_and_rolls_the_answer(page: Any, base_url: str) -> None:
    open_page(page, base_url)
    page.get_by_text("At the saddle point in the middle, and it stays there.").click()
    assert "Yes." in page.locator(".question .feedback.right").first.inner_text()
    page.get_by_role("button", name="Show me: on the line").click()
    page.wait_for_selector("[data-verdict]:not([hidden])", timeout=ROLL_SECONDS * 1000)
    run = api(base_url, "/api/descend", landscape="saddle", start="-2,0")
    assert page.locator("[data-verdict]").get_attribute("data-kind") == run["verdict"]["kind"] == "saddle"
    assert url_settings(page) == {"landscape": "saddle", "start": "-2,0"}
    page.get_by_role("button", name="Show me: momentum").click()
    wait_until(page, "() => new URL(location.href).searchParams.get('optimizer') === 'momentum'")
    page.wait_for_selector("[data-verdict]:not([hidden])", timeout=ROLL_SECONDS * 1000)
    assert page.locator("[data-verdict-explanation]").inner_text().startswith("By step 146 it settled")


def test_the_lemonade_fits_show_their_line_in_both_units(page: Any, base_url: str) -> None:
    from foggyhill.core.surfaces import LEMONADE

    open_page(page, base_url)
    assert page.locator("[data-lemonade]").is_hidden()  # only for the two lemonade fits
    copy = page.evaluate("async () => (await import('/static/surfaces/lemonade.js')).LEMONADE")
    assert [tuple(p) for p in copy] == [tuple(p) for p in LEMONADE]
    open_page(page, base_url, "?landscape=lemonade-line")
    assert page.locator("[data-lemonade]").is_visible()
    assert "cups = 0 + 0 × temperature" in page.locator("[data-lemonade-words]").inner_text()
    # the lowest point of the raw fit is the lowest point of the scaled one, in the other units
    dip = api(base_url, "/api/surface", landscape="lemonade-line", grid=3)["dips"][0]["w"]
    scaled = api(base_url, "/api/surface", landscape="lemonade-line-scaled", grid=3)["dips"][0]["w"]
    both = page.evaluate(
        "async (w) => (await import('/static/surfaces/lemonade.js')).bothUnits('raw', w)",
        dip,
    )
    assert abs(both["scaled"][0] - scaled[0]) < 1e-9 and abs(both["scaled"][1] - scaled[1]) < 1e-9
    page.get_by_role("button", name="Step", exact=True).click()
    # the line moves with the ball (once the step's glide has drawn)
    wait_until(page, "() => !document.querySelector('[data-lemonade-words]').textContent.includes('cups = 0 + 0 ×')")


def test_the_race_gives_each_rule_its_engine_verdict(page: Any, base_url: str) -> None:
    open_page(page, base_url, "?speed=0.05")
    page.get_by_label("Race every other update rule from the same start").check()
    wait_until(page, "() => document.querySelectorAll('[data-race] li[data-rule]').length === 6")
    snapshot(page, "[data-map]")
    roll_to_verdict(page)
    wait_until(page, "() => document.querySelector('#try-it').dataset.state === 'ready'")
    for rule in ["momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton"]:
        run = api(base_url, "/api/descend", landscape="ravine", speed=0.05, optimizer=rule)
        wait_until(
            page, f"() => !document.querySelector('[data-race] li[data-rule=\"{rule}\"]').textContent.includes('step ')"
        )
        assert page.locator(f'[data-race] li[data-rule="{rule}"]').inner_text().endswith(run["verdict"]["headline"])
    assert changed_since_snapshot(page, "[data-map]") > TURNED
    page.get_by_label("Race every other update rule from the same start").uncheck()
    assert page.locator("[data-race]").is_hidden()


def change_speed(page: Any, speed: str) -> None:
    """Type a speed in the box, as a learner does mid-run, and wait for the run to come back."""
    box = page.locator("[data-speed-number]")
    box.fill(speed)
    box.press("Enter")
    wait_until(page, f"() => new URL(location.href).searchParams.get('speed') === '{speed}'")
    settled(page)


def test_a_speed_change_mid_run_carries_on_from_where_the_ball_is(page: Any, base_url: str) -> None:
    open_page(page, base_url, "?speed=0.09&steps=300")
    before = api(base_url, "/api/descend", landscape="ravine", speed=0.09, steps=300)
    for _ in range(8):
        page.get_by_role("button", name="Step", exact=True).click()
    w8 = before["steps"][8]["w"]
    assert readout(page, "step") == "8" and readout(page, "w2") == shown(w8[1])
    change_speed(page, "0.03")
    # the ball stays where it was and the step counter goes on from there
    assert readout(page, "step") == "8"
    assert (readout(page, "w1"), readout(page, "w2")) == (shown(w8[0]), shown(w8[1]))
    assert url_settings(page) == {"speed": "0.03", "steps": "300"}  # the run's own start, and no from_step
    at_w8 = {"start": f"{w8[0]!r},{w8[1]!r}", "from_step": 8}
    later = api(base_url, "/api/descend", landscape="ravine", speed=0.03, steps=300, **at_w8)
    page.get_by_role("button", name="Step", exact=True).click()
    assert readout(page, "step") == "9" and readout(page, "w2") == shown(later["steps"][1]["w"][1])
    assert later["steps"][1]["w"] != before["steps"][9]["w"]  # the new speed, not the old run's next step
    roll_to_verdict(page)
    words = page.locator("[data-verdict-explanation]").inner_text()
    assert words == later["verdict"]["explanation"]
    assert words.startswith("It carried on from step 8 at speed 0.03. By step ")
    assert all(int(n) > 8 for n in re.findall(r"\bstep (\d+) it", words))
    assert int(readout(page, "step")) == later["verdict"]["step"] > 8
    # Reset starts over from the link's start at the speed set now: the fresh run the link describes
    page.get_by_role("button", name="Reset").click()
    settled(page)
    assert readout(page, "step") == "0"
    fresh = api(base_url, "/api/descend", landscape="ravine", speed=0.03, steps=300)
    assert readout(page, "w1") == shown(fresh["steps"][0]["w"][0])
    roll_to_verdict(page)
    assert page.locator("[data-verdict-explanation]").inner_text() == fresh["verdict"]["explanation"]


def test_the_race_changes_speed_where_the_ball_did(page: Any, base_url: str) -> None:
    open_page(page, base_url, "?speed=0.09&race=on")
    wait_until(page, "() => document.querySelectorAll('[data-race] li[data-rule]').length === 6")
    for _ in range(5):
        page.get_by_role("button", name="Step", exact=True).click()
    change_speed(page, "0.03")
    note = page.locator("[data-race-note]")
    wait_until(page, "() => !document.querySelector('[data-race-note]').hidden")
    assert note.inner_text() == (
        "Every rule rolls from the same start at speed 0.09, then 0.03 from step 5, changing speed where the ball did."
    )
    first = api(base_url, "/api/descend", landscape="ravine", speed=0.09, optimizer="momentum")
    w5 = first["steps"][5]["w"]
    carried = api(
        base_url, "/api/descend", landscape="ravine", speed=0.03, optimizer="momentum", start=f"{w5[0]!r},{w5[1]!r}",
        from_step=5,
    )  # fmt: skip
    momentum = '[data-race] li[data-rule="momentum"]'
    page.get_by_role("button", name="Step", exact=True).click()  # the racer is where its own carried-on run says
    loss = page.evaluate(
        "async (x) => (await import('/static/common/format.js')).formatNumber(x)", carried["steps"][1]["loss"]
    )
    wait_until(page, f"() => document.querySelector('{momentum}').textContent.endsWith('step 6, loss {loss}')")
    roll_to_verdict(page)
    wait_until(page, f"() => !document.querySelector('{momentum}').textContent.includes('step ')")
    assert page.locator(momentum).inner_text().endswith(carried["verdict"]["headline"])
    page.get_by_role("button", name="Reset").click()
    settled(page)
    wait_until(page, "() => document.querySelector('[data-race-note]').hidden")
