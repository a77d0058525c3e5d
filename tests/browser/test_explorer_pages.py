"""The explorers in a real browser: the learning-rate map (hover, click, keys, URL) and the optimizer race.

Named apart from tests/web/test_explorers.py: test files here share one module namespace.
"""

from __future__ import annotations

import json
import math
import re
import urllib.request
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from gradient_descent_page import wait_until

from foggyhill.core import OPTIMIZERS, SCHEDULES
from foggyhill.core.map_settings import MAP_FIELDS
from foggyhill.core.optimizers import ADAM_BETAS, EPSILON, MOMENTUM, RMS_DECAY
from foggyhill.core.race_settings import RACE_FIELDS
from foggyhill.core.schedules import EXP_DECAY, ROBBINS_MONRO_TAU, STEP_EVERY, STEP_FACTOR
from foggyhill.render.maps import LEGEND_WORDS, VERDICT_RGB

MAP = "/sim/learning-rate-map"
RACE = "/sim/optimizer-race"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MARGIN = {"left": 54, "right": 14, "top": 14, "bottom": 46}  # the canvases' margins (learning-rate-map/canvas.js)


def api(base_url: str, path: str, **params: Any) -> Any:
    query = f"?{urlencode(params)}" if params else ""
    with urllib.request.urlopen(f"{base_url}{path}{query}") as answer:
        return json.load(answer)


def url_settings(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def open_map(page: Any, base_url: str, query: str = "") -> Any:
    page.goto(f"{base_url}{MAP}{query}")
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    page.wait_for_selector("[data-map][data-drawn]")
    page.wait_for_selector("[data-diagram][data-drawn]")
    return page


def cell_point(page: Any, data: dict[str, Any], i: int, j: int) -> tuple[float, float]:
    """The viewport coordinates of the centre of map cell (speed i, start j), scrolled into view."""
    page.locator("[data-map]").scroll_into_view_if_needed()
    box = page.locator("[data-map]").bounding_box()
    width = box["width"] - MARGIN["left"] - MARGIN["right"]
    height = box["height"] - MARGIN["top"] - MARGIN["bottom"]
    n, m = len(data["speeds"]), len(data["starts"])
    x = box["x"] + MARGIN["left"] + (i + 0.5) * width / n
    y = box["y"] + MARGIN["top"] + (m - j - 0.5) * height / m
    return x, y


def preview_link(page: Any) -> dict[str, str]:
    href = page.locator("[data-preview-link]").get_attribute("href")
    return {k: v[0] for k, v in parse_qs(urlparse(href).query).items()}


def test_the_map_page_draws_the_map_the_legend_and_the_diagram(page: Any, base_url: str) -> None:
    open_map(page, base_url)
    data = api(base_url, "/api/map")
    assert page.locator("[data-map]").get_attribute("data-drawn") == f"{len(data['speeds'])}x{len(data['starts'])}"
    legend = page.locator("[data-legend] li").all_inner_texts()
    assert [item.split(" ")[0] for item in legend] == ["settled", "stuck", "not", "swings", "flew"]
    # the legend's words and colours are the engine's, as the PNG draws them (render/maps.py)
    assert [re.sub(r"\s+\d+%$", "", item) for item in legend] == list(LEGEND_WORDS.values())
    assert [rgb_of(page.evaluate(SWATCH, kind)) for kind in LEGEND_WORDS] == list(VERDICT_RGB.values())
    assert "0.593" in page.locator("[data-bound-numbers]").inner_text()
    assert "lowest point" in page.locator("[data-map]").get_attribute("aria-label")
    assert page.evaluate("() => performance.getEntriesByName('map-drawn').length") == 1


def dark_share(page: Any, selector: str, x: float) -> float:
    """The share of rows with a dark (ink) pixel within a pixel of CSS x, over the plotting area of a canvas."""
    script = """([selector, x, top, bottom]) => {
      const canvas = document.querySelector(selector);
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const h = canvas.height - Math.round((top + bottom) * ratio);
      const left = Math.round(x * ratio) - 1;
      const band = canvas.getContext('2d').getImageData(left, Math.round(top * ratio), 3, h).data;
      let dark = 0;
      for (let row = 0; row < h; row += 1) {
        let least = 765;
        for (let k = 0; k < 3; k += 1) {
          const p = (row * 3 + k) * 4;
          least = Math.min(least, band[p] + band[p + 1] + band[p + 2]);
        }
        if (least < 250) dark += 1;
      }
      return dark / h;
    }"""
    return float(page.evaluate(script, [selector, x, MARGIN["top"] + 40, MARGIN["bottom"]]))


def test_the_bounds_drawn_are_the_engines(page: Any, base_url: str) -> None:
    open_map(page, base_url)
    bound = next(m for m in api(base_url, "/api/landscape")["minima"] if m["global"])["stability_bound"]
    data = api(base_url, "/api/map")
    width = page.locator("[data-map]").bounding_box()["width"] - MARGIN["left"] - MARGIN["right"]
    lo, hi = data["speeds"][0], data["speeds"][-1]
    x = MARGIN["left"] + math.log(bound / lo) / math.log(hi / lo) * width
    assert dark_share(page, "[data-map]", x) > 0.3  # the dashed line at 2/curvature
    assert dark_share(page, "[data-map]", x - 15) < 0.05  # and not beside it
    diagram = api(base_url, "/api/bifurcation")
    width = page.locator("[data-diagram]").bounding_box()["width"] - MARGIN["left"] - MARGIN["right"]
    lo, hi = diagram["speeds"][0], diagram["speeds"][-1]
    x = MARGIN["left"] + (bound - lo) / (hi - lo) * width
    assert dark_share(page, "[data-diagram]", x) > 0.3


def test_hovering_a_cell_shows_that_run_and_its_engine_verdict(page: Any, base_url: str) -> None:
    open_map(page, base_url)
    data = api(base_url, "/api/map")
    for i, j in [(150, 120), (60, 20), (195, 80)]:
        page.mouse.move(*cell_point(page, data, i, j))
        wait_until(page, "() => document.querySelector('[data-preview]').dataset.state === 'ready'")
        expected = {"speed": data["speeds"][i], "start": data["starts"][j]}
        wait_until(
            page, f"() => document.querySelector('[data-preview-link]').href.includes('speed={expected['speed']}')"
        )
        link = preview_link(page)
        assert float(link["start"]) == expected["start"] and float(link["speed"]) == expected["speed"]
        run = api(base_url, "/api/descend", steps=200, **expected)
        assert page.locator("[data-preview-headline]").inner_text() == run["verdict"]["headline"]
        assert page.locator("[data-preview-plot] .trail-dot").count() > 1


def test_clicking_a_cell_opens_it_in_the_simulation(page: Any, base_url: str) -> None:
    open_map(page, base_url)
    data = api(base_url, "/api/map")
    page.mouse.click(*cell_point(page, data, 150, 30))
    page.wait_for_url("**/sim/gradient-descent?*")
    settings = url_settings(page)
    assert float(settings["speed"]) == data["speeds"][150] and float(settings["start"]) == data["starts"][30]
    assert settings["steps"] == "200"
    page.wait_for_selector('#try-it[data-state="ready"]')
    assert float(page.locator("[data-speed-number]").input_value()) == data["speeds"][150]


def wait_for_preview_of(page: Any, speed: float, start: float) -> dict[str, str]:
    """Wait until the preview shows the run of exactly this cell (it is fetched after a pause, and a fetch for a cell
    passed on the way may land first), then return its link's settings."""
    wait_until(
        page,
        f"""() => {{
          const link = document.querySelector("[data-preview-link]");
          if (document.querySelector("[data-preview-body]").hidden || !link.href.includes("?")) return false;
          const q = new URL(link.href).searchParams;
          const near = (a, b) => Math.abs(Number(a) - b) <= 1e-9 * Math.max(1, Math.abs(b));
          return near(q.get("speed"), {speed!r}) && near(q.get("start"), {start!r});
        }}""",
    )
    return preview_link(page)


def test_the_keyboard_moves_across_the_map_and_enter_opens_the_run(page: Any, base_url: str) -> None:
    open_map(page, base_url)
    data = api(base_url, "/api/map")
    i, j = len(data["speeds"]) // 2, len(data["starts"]) // 2  # the first arrow puts the cursor in the middle
    page.locator("[data-map]").focus()
    page.keyboard.press("ArrowRight")
    first = wait_for_preview_of(page, data["speeds"][i], data["starts"][j])
    page.keyboard.press("Shift+ArrowRight")  # ten speeds on
    page.keyboard.press("ArrowUp")  # one start up
    moved = wait_for_preview_of(page, data["speeds"][i + 10], data["starts"][j + 1])
    assert float(moved["speed"]) > float(first["speed"]) and float(moved["start"]) > float(first["start"])
    assert page.locator("[data-live]").inner_text().startswith("Speed ")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sim/gradient-descent?*")
    assert url_settings(page)["start"] == moved["start"]


def test_the_map_settings_round_trip_through_the_url(page: Any, base_url: str) -> None:
    open_map(page, base_url, "?landscape=wavy&steps=150&optimizer=momentum&start=3")
    assert page.locator("[data-landscape]").input_value() == "wavy"
    assert page.locator("[data-steps]").input_value() == "150"
    assert page.locator("[data-optimizer]").input_value() == "momentum"
    assert page.locator("[data-diagram-start]").input_value() == "3"
    page.locator("[data-landscape]").select_option("bowl")
    wait_until(page, "() => location.search.includes('landscape=bowl')")
    assert url_settings(page) == {"landscape": "bowl", "steps": "150", "optimizer": "momentum"}
    page.reload()
    page.wait_for_selector("body[data-ready]")
    assert page.locator("[data-landscape]").input_value() == "bowl"
    assert page.locator("[data-optimizer]").input_value() == "momentum"


def test_a_tap_on_a_phone_shows_the_run_without_leaving(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, reduced_motion="reduce")
    tab = context.new_page()
    try:
        open_map(tab, base_url)
        data = api(base_url, "/api/map")
        tab.touchscreen.tap(*cell_point(tab, data, 120, 100))
        wait_until(tab, "() => !document.querySelector('[data-preview-body]').hidden")
        assert urlparse(tab.url).path == MAP
        assert float(preview_link(tab)["speed"]) == data["speeds"][120]
    finally:
        context.close()


def test_a_typed_formula_draws_its_own_map(page: Any, base_url: str) -> None:
    open_map(page, base_url)
    page.locator("[data-landscape]").select_option("formula")
    page.locator("[data-formula]").fill("w^4 - w^2")
    page.locator("[data-formula]").press("Enter")
    wait_until(page, "() => location.search.includes('formula=')")
    wait_until(page, "() => document.querySelector('[data-map]').getAttribute('aria-label').includes('Your formula')")
    assert url_settings(page)["formula"] == "w^4 - w^2"


def test_a_refused_link_value_is_explained_and_the_defaults_drawn(page: Any, base_url: str, console: Any) -> None:
    console.allow(r"status of 422")  # the browser's own note on the refused request; the page says why
    open_map(page, base_url, "?steps=99999")
    notice = page.locator("[data-notice]")
    assert notice.is_visible() and "steps must be a whole number" in notice.inner_text()
    assert page.locator("[data-steps]").input_value() == "200"


def test_a_bad_map_link_value_says_what_is_allowed_in_the_engines_words(page: Any, base_url: str) -> None:
    open_map(page, base_url, "?optimizer=adam&steps=150")
    words = MAP_FIELDS["optimizer"].refused("adam").message  # one of plain, momentum, nesterov
    assert f"Part of the link was left out: {words}" in page.locator("[data-notice]").inner_text()
    assert page.locator("[data-optimizer]").input_value() == "plain"
    assert page.locator("[data-steps]").input_value() == "150"  # the link's good values are kept
    assert url_settings(page) == {"steps": "150"}


def test_the_diagram_reads_one_value_below_the_bound_and_two_above(page: Any, base_url: str) -> None:
    open_map(page, base_url)
    data = api(base_url, "/api/bifurcation")
    page.locator("[data-diagram]").scroll_into_view_if_needed()
    box = page.locator("[data-diagram]").bounding_box()
    speeds = data["speeds"]
    width = box["width"] - MARGIN["left"] - MARGIN["right"]

    def read_at(speed: float) -> str:
        x = box["x"] + MARGIN["left"] + (speed - speeds[0]) / (speeds[-1] - speeds[0]) * width
        page.mouse.move(x, box["y"] + box["height"] / 2)
        return page.locator("[data-diagram-readout]").inner_text()

    assert "one dot" in read_at(0.55)
    assert "two values" in read_at(0.61)
    assert "settles at w = 1.235" in read_at(0.1)  # the default start is beside the lowest point


def test_the_diagram_zooms_on_a_speed_range_kept_in_the_url(page: Any, base_url: str) -> None:
    open_map(page, base_url, "?speed_min=0.55&speed_max=0.9")
    assert page.locator('[data-diagram-range="speed_min"]').input_value() == "0.55"
    assert page.locator('[data-diagram-range="speed_max"]').input_value() == "0.9"
    page.locator('[data-diagram-range="speed_max"]').fill("0.8")
    page.locator('[data-diagram-range="speed_max"]').press("Enter")
    page.locator("[data-diagram-start]").focus()
    wait_until(page, "() => location.search.includes('speed_max=0.8')")
    assert url_settings(page) == {"speed_min": "0.55", "speed_max": "0.8"}
    wait_until(page, "() => document.querySelector('[data-diagram]').dataset.drawn === '600'")


def race_ready(page: Any, base_url: str, query: str = "") -> Any:
    page.goto(f"{base_url}{RACE}{query}")
    page.wait_for_selector('#race[data-state="ready"]', timeout=30_000)
    return page


def test_the_race_shows_each_rules_verdict_from_the_engine(page: Any, base_url: str) -> None:
    race_ready(page, base_url)
    optimizers = api(base_url, "/api/schema")["fields"]["optimizer"]["choices"]
    assert page.locator(".lane").count() == len(optimizers) == 6
    for name in optimizers:
        run = api(base_url, "/api/descend", speed=0.1, steps=200, optimizer=name)
        lane = page.locator(f'.lane[data-optimizer="{name}"]')
        assert lane.locator(".badge").inner_text() == run["verdict"]["headline"]
        assert lane.get_attribute("data-kind") == run["verdict"]["kind"]
    assert page.locator("[data-results] tbody tr").count() == 6
    assert page.locator("[data-race-chart] path.line").count() == 6


def test_the_step_slider_and_play_move_every_ball(page: Any, base_url: str) -> None:
    race_ready(page, base_url)
    page.locator("[data-step-slider]").fill("0")
    assert page.locator("[data-step-out]").inner_text() == "step 0"
    assert all(t.startswith("w = ") for t in page.locator(".lane .badge").all_inner_texts())
    page.locator("body").press("ArrowRight")
    assert page.locator("[data-step-out]").inner_text() == "step 1"
    page.get_by_role("button", name="Play").click()  # reduced motion: straight to the end
    assert page.locator("[data-step-out]").inner_text() == "step 200"
    assert not any(t.startswith("w = ") for t in page.locator(".lane .badge").all_inner_texts())


def test_the_race_settings_round_trip_through_the_url(page: Any, base_url: str) -> None:
    race_ready(page, base_url, "?speed=0.2&start=1.5&steps=120")
    assert page.locator('[data-field="speed"]').input_value() == "0.2"
    assert page.locator('[data-field="start"]').input_value() == "1.5"
    assert page.locator("[data-step-slider]").get_attribute("max") == "120"
    page.locator('[data-field="speed"]').fill("0.05")
    page.locator('[data-field="speed"]').press("Enter")
    page.locator('[data-field="steps"]').focus()
    wait_until(page, "() => location.search.includes('speed=0.05')")
    assert url_settings(page) == {"speed": "0.05", "start": "1.5", "steps": "120"}
    page.reload()
    page.wait_for_selector('#race[data-state="ready"]')
    assert page.locator('[data-field="speed"]').input_value() == "0.05"


def test_the_race_runs_on_a_typed_formula(page: Any, base_url: str) -> None:
    race_ready(page, base_url)
    page.locator("[data-landscape]").select_option("formula")
    page.locator("[data-formula]").fill("(w - 1)^2")
    page.locator("[data-formula]").press("Enter")
    wait_until(page, "() => location.search.includes('formula=')")
    page.wait_for_selector('#race[data-state="ready"]')
    assert url_settings(page)["formula"] == "(w - 1)^2"
    run = api(base_url, "/api/descend", formula="(w - 1)^2", speed=0.1, steps=200, optimizer="nesterov")
    assert page.locator('.lane[data-optimizer="nesterov"] .badge').inner_text() == run["verdict"]["headline"]


def test_noisy_steps_show_two_seeded_clouds(page: Any, base_url: str) -> None:
    race_ready(page, base_url)
    page.get_by_label("Noisy steps").check()
    wait_until(page, "() => location.search.includes('mode=noisy')")
    page.wait_for_selector('#race[data-state="ready"]')
    for schedule in ("constant", "robbins-monro"):
        cloud = page.locator(f'.cloud[data-schedule="{schedule}"]')
        assert cloud.locator(".cloud-dot").count() == 8
        assert cloud.locator("path.line").count() == 8
    calm = page.locator('.cloud[data-schedule="robbins-monro"] .cloud-summary').inner_text()
    wild = page.locator('.cloud[data-schedule="constant"] .cloud-summary').inner_text()

    def spread(text: str) -> float:
        return float(text.split("±")[1].split(" ")[0].replace("−", "-"))

    assert spread(calm) < spread(wild)
    page.reload()
    page.wait_for_selector('#race[data-state="ready"]')
    assert page.get_by_label("Noisy steps").is_checked()


def test_a_bad_seed_count_is_explained_not_run(page: Any, base_url: str) -> None:
    race_ready(page, base_url, "?mode=noisy&seeds=500")
    assert "seeds must be a whole number at least 2 and at most 24" in page.locator("[data-notice]").inner_text()
    assert page.locator('.cloud[data-schedule="constant"] .cloud-dot').count() == 8
    page.locator('[data-field="seeds"]').fill("0")
    page.locator('[data-field="seeds"]').press("Enter")
    wait_until(page, "() => document.querySelector('[data-notice]').textContent.includes(\"(got '0')\")")
    assert page.locator('[data-field="seeds"]').input_value() == "8"


def test_a_bad_race_link_value_says_what_is_allowed_in_the_engines_words(page: Any, base_url: str) -> None:
    race_ready(page, base_url, "?mode=sprint&speed=0.2")
    words = RACE_FIELDS["mode"].refused("sprint").message  # mode must be one of race, noisy (got 'sprint')
    assert f"Part of the link was left out: {words}." in page.locator("[data-notice]").inner_text()
    assert page.get_by_label("Six update rules").is_checked()
    assert url_settings(page) == {"speed": "0.2"}


def numbers_in(text: str) -> set[float]:
    """Every number written in `text`, rounded so 1 - 0.9 reads as 0.1."""
    return {round(float(x), 12) for x in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?", text)}


def engine_constants() -> dict[str, set[float]]:
    """The constants each rule and schedule runs with, read from the engine."""
    b1, b2 = ADAM_BETAS
    found = {
        "Plain descent": set(),
        "Momentum": {MOMENTUM},
        "Nesterov": {MOMENTUM},
        "AdaGrad": {EPSILON},
        "RMSProp": {RMS_DECAY, 1 - RMS_DECAY, EPSILON},
        "Adam": {b1, b2, 1 - b1, 1 - b2, EPSILON},
        "constant": set(),
        "step": {STEP_FACTOR, STEP_EVERY},
        "exponential": {EXP_DECAY},
        "robbins-monro": {ROBBINS_MONRO_TAU},
    }
    return {name: {round(x, 12) for x in values} for name, values in found.items()}


def table_rows(page: Any, table: str) -> dict[str, tuple[str, str]]:
    """Each row of a conventions table as {name: (its formula, its PyTorch words)}."""
    rows = page.locator(f"{table} tbody tr")
    return {
        rows.nth(k).locator("th").inner_text(): (rows.nth(k).locator("code").inner_text(),
                                                 rows.nth(k).locator(".torch").inner_text())
        for k in range(rows.count())
    }  # fmt: skip


def test_the_race_states_each_rules_constants_as_the_engine_runs_them(page: Any, base_url: str) -> None:
    race_ready(page, base_url)
    page.get_by_text("How each rule steps, exactly").click()
    rules = table_rows(page, "[data-rule-table]")
    assert list(rules) == [o.title for o in OPTIMIZERS.values()]
    for title, (formula, _) in rules.items():
        assert numbers_in(formula) - {0, 1} == engine_constants()[title], (title, formula)
    assert "alpha 0.99" in rules["RMSProp"][1] and "eps 1e-10" in rules["AdaGrad"][1]
    assert "look-ahead point" in rules["Nesterov"][1]
    page.get_by_text("The speed schedules, exactly").click()
    schedules = table_rows(page, "[data-schedule-table]")
    assert list(schedules) == list(SCHEDULES)
    for name, (formula, _) in schedules.items():
        assert numbers_in(formula) - {1} == engine_constants()[name], (name, formula)
    said = page.locator('#noisy-steps code[data-schedule-rule="robbins-monro"]').inner_text()
    assert numbers_in(said) - {1} == {ROBBINS_MONRO_TAU}


def test_the_rules_table_fits_a_phone(browser: Any, base_url: str, screenshots: Any) -> None:
    tab = browser.new_page(viewport=PHONE, reduced_motion="reduce")
    try:
        race_ready(tab, base_url)
        tab.get_by_text("How each rule steps, exactly").click()
        tab.locator("#exactly").scroll_into_view_if_needed()
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the rules table on a phone scrolls sideways by {overflow} px"
        tab.locator("#exactly").screenshot(path=str(screenshots / "optimizer-race-rules-phone.png"))
    finally:
        tab.close()


# Web fonts loaded, and the layout they cause drawn (two frames later).
SETTLED = (
    "() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))"
)
PIXELS = """([selector, points]) => {
  const ctx = document.querySelector(selector).getContext('2d');
  return points.map(([x, y]) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
}"""
SWATCH = (
    "(kind) => getComputedStyle(document.querySelector(`[data-legend] [data-kind='${kind}'] .swatch`)).backgroundColor"
)
LINE_WIDTHS = "() => [...document.querySelectorAll('[data-race-chart] path.line')].map((p) => p.getBBox().width)"


def rgb_of(css: str) -> tuple[int, ...]:
    """A computed colour, "rgb(r, g, b)", as numbers."""
    return tuple(int(c) for c in re.findall(r"\d+", css)[:3])


def map_samples(tab: Any, data: dict[str, Any]) -> list[tuple[str, tuple[int, ...]]]:
    """(verdict, the colour drawn there) at points of the map canvas well inside regions of one verdict in the
    API's grid, away from the dashed bound lines and their labels."""
    import base64

    n, m = len(data["speeds"]), len(data["starts"])
    grid = base64.b64decode(data["kinds"])  # row i is speeds[i], column j is starts[j]: one byte each
    canvas = tab.locator("[data-map]").bounding_box()
    ratio = tab.evaluate("() => { const c = document.querySelector('[data-map]'); return c.width / c.clientWidth; }")
    left, top = MARGIN["left"], MARGIN["top"]
    width, height = canvas["width"] - left - MARGIN["right"], canvas["height"] - top - MARGIN["bottom"]
    lo, hi = data["speeds"][0], data["speeds"][-1]
    bounds = [b["stability_bound"] for b in data["landscape"]["minima"] if b.get("stability_bound")]
    lines = [left + math.log(b / lo) / math.log(hi / lo) * width for b in bounds if lo <= b <= hi]

    def kind(i: int, j: int) -> int | None:
        return grid[i * m + j] if 0 <= i < n and 0 <= j < m else None

    points, kinds = [], []
    for y in range(top + 60, int(top + height) - 2, 6):  # the bound lines' labels sit in the top 50 px
        for x in range(left + 2, int(left + width) - 2, 6):
            i, j = int((x + 0.5 - left) / width * n), m - 1 - int((y + 0.5 - top) / height * m)
            neighbours = {kind(i + di, j + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1)}
            if len(neighbours) == 1 and all(abs(x - line) >= 8 for line in lines):  # rounding cannot change it
                points.append([int((x + 0.5) * ratio), int((y + 0.5) * ratio)])
                kinds.append(data["verdicts"][grid[i * m + j]]["kind"])
    return [(k, tuple(pixel)) for k, pixel in zip(kinds, tab.evaluate(PIXELS, ["[data-map]", points]), strict=True)]


def check_the_map(tab: Any, data: dict[str, Any]) -> None:
    """Every sampled cell is drawn in the legend's colour of the verdict the API gives it; every common verdict is
    among them, each in a colour of its own."""
    legend = {v["kind"]: rgb_of(tab.evaluate(SWATCH, v["kind"])) for v in data["verdicts"]}
    assert len(set(legend.values())) == len(legend)
    samples = map_samples(tab, data)
    wrong = [
        (k, legend[k], got) for k, got in samples if max(abs(a - b) for a, b in zip(legend[k], got, strict=True)) > 2
    ]
    assert len(samples) > 100 and not wrong, f"{len(wrong)} of {len(samples)} cells wrong, e.g. {wrong[:5]}"
    cells = len(data["speeds"]) * len(data["starts"])
    assert {k for k, _ in samples} >= {v["kind"] for v in data["verdicts"] if v["count"] > 0.02 * cells}


def check_the_race(tab: Any, rules: list[str]) -> None:
    """One loss line drawn across the shared chart per update rule."""
    widths = tab.evaluate(LINE_WIDTHS)
    assert len(widths) == len(rules) and min(widths) > 50, widths


def check_the_clouds(tab: Any) -> None:
    """A run's end dot and its loss line per seed (8 by default), for both schedules."""
    for schedule in ("constant", "robbins-monro"):
        cloud = tab.locator(f'.cloud[data-schedule="{schedule}"]')
        assert cloud.locator(".cloud-dot").count() == cloud.locator("path.line").count() == 8


def test_screenshots_of_both_explorers_show_what_the_engine_computed(
    browser: Any, base_url: str, screenshots: Any
) -> None:
    data = api(base_url, "/api/map")
    rules = api(base_url, "/api/schema")["fields"]["optimizer"]["choices"]
    race_ready = "#race[data-state='ready']"
    shots = [
        (
            MAP,
            "#the-map",
            "learning-rate-map",
            "body[data-ready] [data-map][data-drawn]",
            lambda t: check_the_map(t, data),
        ),
        (RACE, "#race", "optimizer-race", race_ready, lambda t: check_the_race(t, rules)),
        (f"{RACE}?mode=noisy", "#race", "optimizer-race-noisy", race_ready, check_the_clouds),
    ]
    for path, anchor, name, ready, check in shots:
        for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            tab = browser.new_page(viewport=viewport, reduced_motion="reduce")
            try:
                tab.goto(f"{base_url}{path}")
                tab.wait_for_selector(ready, timeout=30_000)
                tab.evaluate(SETTLED)
                overflow = tab.evaluate(
                    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, f"{name} on a {size} screen scrolls sideways by {overflow} px"
                tab.evaluate(f"() => document.querySelector('{anchor}').scrollIntoView()")
                tab.screenshot(path=str(screenshots / f"{name}-{size}.png"))
                check(tab)
            finally:
                tab.close()


def open_simulation(page: Any, base_url: str, query: str) -> Any:
    page.goto(f"{base_url}/sim/gradient-descent{query}")
    page.wait_for_selector('#try-it[data-state="ready"]')
    page.wait_for_selector("[data-speed-zones]:not([hidden])")
    return page


def zone_caption(page: Any) -> str:
    return page.locator("[data-zone-caption]").inner_text()


def test_the_speed_zones_follow_the_dip_the_ball_is_heading_to(page: Any, base_url: str) -> None:
    open_simulation(page, base_url, "?start=1.5&speed=0.7")
    lowest = next(m for m in api(base_url, "/api/landscape")["minima"] if m["global"])
    assert "never settles in this dip" in zone_caption(page) and "w = 1.235" in zone_caption(page)
    wait_until(page, "() => document.querySelector('.zone-legend').textContent.includes('flies off')")
    legend = page.locator(".zone-legend").inner_text()
    fastest, bound = round(lowest["fastest_stable_speed"], 3), round(lowest["stability_bound"], 3)
    assert f"smooth below {fastest:g}" in legend and f"swings, settles {fastest:g}–{bound:g}" in legend
    page.locator("[data-speed-number]").fill("0.2")
    page.locator("[data-speed-number]").press("Enter")
    wait_until(page, "() => document.querySelector('[data-zone-caption]').textContent.startsWith('Speed 0.2:')")
    assert "slides straight in" in zone_caption(page)
    page.locator(".zone-why summary").click()
    assert "2/3.372 = 0.593" in page.locator(".zone-why-text").inner_text()


def test_the_speed_zones_of_a_bowl_and_of_a_kink(page: Any, base_url: str) -> None:
    open_simulation(page, base_url, "?landscape=bowl&speed=0.7")
    assert "settles while swinging" in zone_caption(page)
    wait_until(page, "() => document.querySelector('.zone-legend').textContent.includes('flies off from 1')")
    assert "never settles" not in page.locator(".zone-legend").inner_text()  # a bowl flies off right at 2/curvature
    open_simulation(page, base_url, "?landscape=v-shape")
    assert "sharp kink" in zone_caption(page)
