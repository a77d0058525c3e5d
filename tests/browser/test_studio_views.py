"""The Studio page with the hood open, in a real browser: the network and its decision regions growing live while a
network trains, one step of backpropagation walked through, a weight's own hill from a click on its edge, digits
and the ones the network got wrong, the confusion table, and "Show the Python" giving the export endpoint's script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from studio_programs import BOARD, DIGITS, SPIRALS_LIVE

from foggyhill.studio.interpreter import run_program

PAGE = "/studio"


def open_and_run(page: Any, base_url: str, source: str) -> None:
    """Open the page, put the program in the editor, Run it and wait until it is done."""
    page.goto(f"{base_url}{PAGE}")
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#editor textarea").fill(source)
    page.click("#run")
    page.wait_for_selector("#status[data-kind=good]", timeout=60_000)
    wait_until_idle(page)  # the status turns good a moment before Run, and the picking of edges, come back


def wait_until_idle(page: Any) -> None:
    """A page-mode run (the program again with a line added) is over when Run is enabled again."""
    page.wait_for_selector("#run:not([disabled])", timeout=60_000)


def effects(source: str) -> list[Any]:
    """The engine's own effects for `source`, to hold the page's numbers against."""
    found: list[Any] = []
    run_program(source, found.append)
    return found


# Watches the drawings from inside the page: each time the network is redrawn for a new round, its edges (where each
# runs, its colour, its width) and the plane's cells (colour and paleness) are kept, so no redraw is missed.
WATCH_DRAWINGS = """() => {
    window.drawings = [];
    const network = document.querySelector('#network');
    const keep = () => window.drawings.push([
        network.dataset.round,
        [...network.querySelectorAll('.edge')].map(
            (l) => ['x1', 'y1', 'x2', 'y2', 'class', 'stroke-width'].map((a) => l.getAttribute(a)).join()).join(';'),
        [...document.querySelectorAll('#boundary .cells rect')].map(
            (c) => c.getAttribute('fill') + c.getAttribute('fill-opacity')).join(';'),
    ]);
    new MutationObserver(keep).observe(network, {attributes: true, attributeFilter: ['data-round']});
}"""


def run_watched(page: Any, base_url: str, source: str, watch: str, kept: str) -> Any:
    """open_and_run, with `watch` started in the page before Run; what it kept in window[kept]."""
    page.goto(f"{base_url}{PAGE}")
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#editor textarea").fill(source)
    page.evaluate(watch)
    page.click("#run")
    page.wait_for_selector("#status[data-kind=good]", timeout=60_000)
    wait_until_idle(page)  # the status turns good a moment before Run, and the picking of edges, come back
    return page.evaluate(f"window.{kept}")


def test_the_network_and_its_boundary_grow_live_while_it_trains(page: Any, base_url: str) -> None:
    drawn = run_watched(page, base_url, SPIRALS_LIVE, WATCH_DRAWINGS, "drawings")
    rounds = [int(r) for r, _, _ in drawn if r]
    assert rounds == sorted(rounds) and len(rounds) >= 3 and rounds[-1] == 500  # live, in order, the last always
    assert len({edges for r, edges, _ in drawn if r}) >= len(set(rounds))  # each snapshot drew the edges anew...
    assert len({cells for r, _, cells in drawn if r}) >= 2  # ...and the regions changed as it learned
    assert page.get_attribute("#network", "data-round") == "500"  # the last round is always drawn
    assert page.get_attribute("#boundary", "data-round") == "500"
    assert int(page.get_attribute("#network", "data-snapshots") or 0) >= 2  # it grew through the run
    assert int(page.get_attribute("#boundary", "data-snapshots") or 0) >= 2
    assert page.get_attribute("#network", "data-edges") == "1000"  # of 2 × 32 + 32 × 32 + 32 × 2 = 1,152
    caption = page.inner_text("#network-caption")
    assert caption.startswith(
        "net, after round 500: 2 inputs → 32 tanh → 32 tanh → 2 softmax; the 1,000 weights largest in size, of 1,152"
    )
    assert "strongest weight" in caption
    assert page.locator("#boundary-legend li").count() == 2  # a class each
    assert page.locator("#boundary .points > *").count() == 200  # every point, on top of the cells


FRUITS_LIVE = """data = load "fruits"
net = make_network
  layer input from data
  layer hidden size 8 kind relu
  layer output size 4 kind softmax
end
train_network net, on: data, rounds: 500, speed: 0.1
plot_network net
"""

# Keeps the names beside the network each time it is redrawn for a new round (a live picture).
WATCH_LABELS = """() => {
    window.labelled = [];
    const network = document.querySelector('#network');
    new MutationObserver(() => window.labelled.push([
        network.dataset.round, [...network.querySelectorAll('.label')].map((t) => t.textContent),
    ])).observe(network, {attributes: true, attributeFilter: ['data-round']});
}"""


def test_a_live_picture_of_a_network_without_a_plane_names_its_inputs_and_classes(page: Any, base_url: str) -> None:
    live = [labels for r, labels in run_watched(page, base_url, FRUITS_LIVE, WATCH_LABELS, "labelled") if r]
    assert live, "no live picture was drawn"
    names = ["mass", "width", "height", "color_score", "apple", "mandarin", "orange", "lemon"]
    for labels in live:  # four features and four classes, each named (a long name may be cut to fit, with …)
        assert len(labels) == len(names), labels
        for got, want in zip(labels, names, strict=True):
            assert got == want or (got.endswith("…") and want.startswith(got[:-1])), labels


def test_a_backpropagation_step_is_shown_and_walked_through(page: Any, base_url: str, screenshots: Path) -> None:
    open_and_run(page, base_url, BOARD)
    assert page.is_visible("#look")
    page.fill("#step-row", "5")
    page.click("#explain")
    page.wait_for_selector("#step-card:not([hidden])", timeout=60_000)
    wait_until_idle(page)
    assert page.inner_text("#status") == "Done: explain_step net, on: board, row: 5"
    count = page.locator("#step-card [data-count]")
    assert count.inner_text() == "Part 1 of 7: forward, the inputs"
    assert page.get_attribute("#network", "data-focus") == "0"  # the inputs are lit
    page.click("#step-card [data-next]")
    assert count.inner_text() == "Part 2 of 7: forward, layer 1"
    assert page.get_attribute("#network", "data-focus") == "1"
    assert page.locator("#network .edge.lit").count() == 2 * 6  # the layer's own edges stay bright
    page.keyboard.press("ArrowRight")  # the keys step too, from the focused Next button
    page.keyboard.press("ArrowRight")
    assert count.inner_text() == "Part 4 of 7: the loss"
    step = next(e for e in effects(BOARD + "explain_step net, on: board, row: 5\n") if e.kind == "step").data
    assert step["loss"] > 0.001  # shown with four decimals, not as a power of ten
    assert f"loss (cross-entropy) = {round(step['loss'], 4)}" in page.inner_text("#step-card")
    page.click("#step-card [data-next]")
    assert count.inner_text() == "Part 5 of 7: backward, layer 2"
    slope = step["layers"][1]["slope_z"][0]
    assert f"{round(slope, 4)}".replace("-", "−") in page.inner_text("#step-card")
    page.click("#step-card [data-back]")
    assert count.inner_text() == "Part 4 of 7: the loss"
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert count.inner_text() == "Part 7 of 7: the update"
    assert page.is_disabled("#step-card [data-next]")
    assert page.get_attribute("#network", "data-focus") is None
    assert "new = old − speed × slope" in page.inner_text("#step-card")
    page.locator("#step-card").screenshot(path=str(screenshots / "studio-step.png"))


def test_clicking_an_edge_shows_that_weights_own_hill(page: Any, base_url: str) -> None:
    open_and_run(page, base_url, BOARD)
    page.locator('#network .hit[data-layer="1"][data-from="2"][data-to="3"]').dispatch_event("click")
    page.wait_for_selector("#weight-card:not([hidden])", timeout=60_000)
    wait_until_idle(page)
    assert [page.input_value(f"#weight-{name}") for name in ("layer", "from", "to")] == ["1", "2", "3"]
    assert page.get_attribute("#weight", "data-weight") == "2,3"
    curve = next(
        e for e in effects(BOARD + "plot_weight net, on: board, layer: 1, weight: [2, 3]\n") if e.kind == "weight_curve"
    ).data
    caption = page.inner_text("#weight-caption")
    assert caption.startswith("weight [2, 3] of layer 1 in net: now ")
    assert f"now {round(curve['value'], 3)}".replace("-", "−") in caption
    assert page.locator("#weight .ball").count() == 1 and page.locator("#weight .curve").count() == 1
    assert page.locator("#weight .dip.lowest").count() == 1
    # The program's own lines did not change, and only the added line's picture was taken from the second run.
    assert page.input_value("#editor textarea") == BOARD
    assert page.is_hidden("#step-card")


def test_digits_are_drawn_with_the_ones_it_got_wrong_and_the_confusion_table(page: Any, base_url: str) -> None:
    open_and_run(page, base_url, DIGITS)
    found = {e.kind: e.data for e in effects(DIGITS)}
    assert page.locator("#pictures canvas").count() == 5
    assert page.get_attribute("#pictures canvas >> nth=0", "aria-label") == "row 1, a 0"
    wrong = found["evaluation"]["wrong"]
    assert 0 < len(wrong) == page.locator("#wrong canvas").count()
    first = wrong[0]
    label = f"row {first['row']}: a {first['true']}, guessed {first['guessed']}"
    assert page.get_attribute("#wrong canvas >> nth=0", "aria-label") == label
    counts = found["evaluation"]["confusion"]["counts"]
    assert page.locator("table.confusion th[scope=col]").count() == 10
    assert page.locator("table.confusion th[scope=row]").count() == 10
    off = max((v, t, g) for t, row in enumerate(counts) for g, v in enumerate(row) if t != g)
    assert page.inner_text("table.confusion td.most") == str(off[0])
    assert page.inner_text(".mixed-most") == f"Mixed up most: {off[0]} {off[1]} guessed as {off[2]} (marked)."


def post_export(page: Any, base_url: str, source: str, to: str) -> dict[str, Any]:
    answer = page.request.post(f"{base_url}/api/studio/export", data={"source": source, "to": to, "files": {}})
    return answer.json()


def test_show_the_python_gives_the_export_endpoints_script(page: Any, base_url: str) -> None:
    open_and_run(page, base_url, BOARD)
    page.click("#python")
    page.wait_for_selector("#python-dialog[data-state=ready]", timeout=30_000)
    assert page.get_attribute("#tab-numpy", "aria-selected") == "true"
    assert page.inner_text("#python-dialog [data-code]") == post_export(page, base_url, BOARD, "numpy")["code"]
    assert page.get_attribute("#python-dialog [data-download]", "download") == "program.py"
    page.click("#tab-pytorch")
    page.wait_for_selector("#python-dialog[data-state=ready]", timeout=30_000)  # the click set it to loading
    assert page.get_attribute("#tab-pytorch", "aria-selected") == "true"
    assert page.inner_text("#python-dialog [data-code]") == post_export(page, base_url, BOARD, "pytorch")["code"]
    page.keyboard.press("Escape")
    assert not page.is_visible("#python-dialog")


def test_a_program_that_cannot_be_exported_says_why(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}{PAGE}")
    page.wait_for_selector("body[data-ready=true]")
    page.locator("#editor textarea").fill('data = load "fruits"\nshow data\n')
    page.click("#python")
    page.wait_for_selector("#python-dialog[data-state=refused]", timeout=30_000)
    said = page.inner_text("#python-dialog [data-said]")
    assert said.startswith("This program cannot be taken away yet: ")
    assert "trains no network" in said
    assert page.is_hidden("#python-dialog [data-copy]") and page.is_hidden("#python-dialog [data-download]")


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_views_fit_the_screen_and_pass_axe(
    page: Any, base_url: str, axe: Any, screenshots: Path, viewports: dict[str, dict[str, int]], screen: str
) -> None:
    page.set_viewport_size(viewports[screen])
    open_and_run(page, base_url, BOARD + "show board\n")
    page.click("#explain")
    page.wait_for_selector("#step-card:not([hidden])", timeout=60_000)
    wait_until_idle(page)
    page.click("#step-card [data-next]")
    page.click("#hill")
    page.wait_for_selector("#weight-card:not([hidden])", timeout=60_000)
    wait_until_idle(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    for card in ("network", "boundary", "step", "weight", "confusion"):
        box = page.locator(f"#{card}-card").bounding_box()
        assert box and box["width"] > 0 and box["x"] + box["width"] <= viewports[screen]["width"]
    assert page.is_hidden("#pictures-card")  # checkerboard rows are not pictures
    found = axe(page)
    assert not found, "\n".join(found)
    page.screenshot(path=str(screenshots / f"studio-views-{screen}.png"), full_page=True)
    page.click("#python")
    page.wait_for_selector("#python-dialog[data-state=ready]", timeout=30_000)
    found = axe(page)
    assert not found, "\n".join(found)
    page.screenshot(path=str(screenshots / f"studio-python-{screen}.png"))
