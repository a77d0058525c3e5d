"""The Studio page in a real browser: type a program, run it, watch the chart grow, stop a long run, see a mistake
marked at its line and column, keep the program across a reload, upload a CSV."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from studio_programs import MISTAKE

from foggyhill.web import studio

PAGE = "/studio"

TYPED = """data = load "fruits"
net = make_network
  layer input from data
  layer hidden size 16 kind relu
  layer output size 4 kind softmax
end
train_network net, on: data, rounds: 30, speed: 0.1
plot_training net
"""

LONG = """arms = load "spirals"
net = make_network
  layer input from arms
  layer hidden size 64 kind tanh
  layer hidden size 64 kind tanh
  layer output size 2 kind softmax
end
train_network net, on: arms, rounds: 500, speed: 0.01, batch: 4, optimizer: adam
print "never"
"""


def open_studio(page: Any, base_url: str, query: str = "") -> Any:
    page.goto(f"{base_url}{PAGE}{query}")
    page.wait_for_selector("body[data-ready=true]")
    return page


def type_program(page: Any, source: str) -> None:
    """Clear the editor and type the program key by key, as a learner would."""
    box = page.locator("#editor textarea")
    box.fill("")
    box.press_sequentially(source)


def chart_rounds(page: Any) -> int:
    return int(page.locator("#chart").get_attribute("data-rounds") or 0)


def wait_for_rounds(page: Any, more_than: int, timeout: float = 20.0) -> int:
    """Poll the chart (the page's security policy forbids evaluated strings) until it has more rounds."""
    deadline = time.monotonic() + timeout
    while (rounds := chart_rounds(page)) <= more_than:
        assert time.monotonic() < deadline, f"the chart stayed at {rounds} rounds"
        page.wait_for_timeout(30)
    return rounds


def worker_processes() -> list[int]:
    """Studio worker processes running a program, started by this test process (the server runs in a thread)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"foggyhill.web.studio_worker" in cmdline and parent == os.getpid():
            found.append(int(entry.name))
    spare = studio._spare[1].pid if studio._spare else None  # the next run's worker, loaded and waiting
    return [pid for pid in found if pid != spare]


def test_type_a_program_run_it_and_watch_the_chart_grow(page: Any, base_url: str, screenshots: Path) -> None:
    open_studio(page, base_url)
    type_program(page, TYPED)
    assert page.locator("#editor .t-keyword", has_text="train_network").count() == 1  # highlighted as typed
    assert page.locator("#editor .gutter span").count() == 9
    page.click("#run")
    page.wait_for_selector(".out-trained")
    assert chart_rounds(page) == 30
    assert page.locator("#chart path.line.loss").count() == 1
    assert page.locator("#chart path.line.accuracy").count() == 1
    assert page.inner_text("#chart-caption") == "net: round 30/30: loss 0.3307, accuracy 95%"
    assert "note: scaled the 4 features" in page.inner_text("#output")
    page.wait_for_selector("#status[data-kind=good]")
    page.screenshot(path=str(screenshots / "studio.png"), full_page=True)


def test_a_long_run_streams_live_and_stop_ends_it(page: Any, base_url: str, screenshots: Path) -> None:
    open_studio(page, base_url)
    type_program(page, LONG)
    page.click("#run")
    first = wait_for_rounds(page, 2)
    later = wait_for_rounds(page, first)
    assert first < later < 500  # the chart grows while the server trains
    assert page.is_enabled("#stop") and page.is_disabled("#run")
    page.screenshot(path=str(screenshots / "studio-training.png"), full_page=True)
    assert worker_processes()
    page.click("#stop")
    page.wait_for_selector(".out-stopped")
    stopped_at = chart_rounds(page)
    assert page.is_enabled("#run") and page.is_disabled("#stop")
    assert page.inner_text("#status") == "Stopped."
    deadline = time.monotonic() + 5
    while worker_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker_processes() == []  # the closed connection killed the worker
    time.sleep(0.5)
    assert chart_rounds(page) == stopped_at and "never" not in page.inner_text("#output")


def test_a_mistake_is_marked_at_its_line_and_column(page: Any, base_url: str, screenshots: Path) -> None:
    open_studio(page, base_url)
    type_program(page, MISTAKE)
    page.click("#run")
    page.wait_for_selector(".out-error")
    assert page.inner_text("#status") == "A mistake on line 7."
    error = page.inner_text(".out-error")
    assert "line 7, column 37: options take a colon, not `=`" in error
    assert "hint: write `rounds: …`, like rounds: 30" in error
    assert page.inner_text("#editor .gutter span.wrong") == "7"
    assert page.inner_text("#editor mark.mistake") == "="
    page.screenshot(path=str(screenshots / "studio-mistake.png"), full_page=True)
    page.click(".out-error .jump")
    start = page.evaluate("document.querySelector('#editor textarea').selectionStart")
    assert start == MISTAKE.index("= 30")
    page.locator("#editor textarea").press("Delete")
    page.locator("#editor textarea").type(":")
    assert page.locator("#editor mark.mistake").count() == 0  # editing clears the mark
    page.click("#run")
    page.wait_for_selector(".out-trained")


def test_the_program_survives_a_reload(page: Any, base_url: str) -> None:
    open_studio(page, base_url)
    type_program(page, 'print "kept"\n')
    page.wait_for_timeout(400)  # the save waits for a pause in typing
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.input_value("#editor textarea") == 'print "kept"\n'


def test_an_example_link_opens_the_example_and_undo_brings_the_program_back(page: Any, base_url: str) -> None:
    open_studio(page, base_url)
    type_program(page, 'print "mine"\n')
    page.wait_for_timeout(400)
    open_studio(page, base_url, "?example=lemonade")
    assert 'cups = load "lemonade"' in page.input_value("#editor textarea")
    assert page.url.endswith("/studio")  # a reload keeps edits, not the example
    page.click("#undo")
    assert page.input_value("#editor textarea") == 'print "mine"\n'
    page.select_option("#examples", "checkerboard")
    assert 'board = load "checkerboard"' in page.input_value("#editor textarea")


def test_an_uploaded_csv_can_be_loaded_by_name(page: Any, base_url: str) -> None:
    open_studio(page, base_url)
    csv = b"height,weight,label\n1.2,30,small\n1.9,80,big\n1.1,25,small\n2.0,90,big\n"
    page.set_input_files("#upload", files=[{"name": "sizes.csv", "mimeType": "text/csv", "buffer": csv}])
    page.wait_for_selector("#files li")
    assert "sizes.csv" in page.inner_text("#files")
    type_program(page, 'sizes = load "sizes.csv", target: "label"\nshow sizes\n')
    page.click("#run")
    page.wait_for_selector(".out-show")
    assert "sizes.csv: 4 rows, 2 features, 2 classes: small, big" in page.inner_text("#output")


def test_a_mistake_is_marked_while_typing_before_run(page: Any, base_url: str) -> None:
    open_studio(page, base_url)
    type_program(page, TYPED.replace("kind relu", "kind rellu"))
    page.wait_for_selector("#live:not([hidden])")
    assert (
        page.inner_text("#live")
        == "Line 4, column 29: unknown kind `rellu` for a hidden layer. Hint: did you mean `relu`?"
    )
    assert page.inner_text("#editor mark.mistake") == "rellu"
    assert page.inner_text("#output") == ""  # nothing ran
    box = page.locator("#editor textarea")
    box.fill(TYPED)
    page.wait_for_selector("#live", state="hidden")
    assert page.locator("#editor mark.mistake").count() == 0


def test_an_unknown_example_name_is_said_not_ignored(page: Any, base_url: str) -> None:
    open_studio(page, base_url, "?example=fruit")
    assert page.inner_text("#status").startswith("There is no example called “fruit”; the examples are fruits,")
    assert page.input_value("#editor textarea").strip()  # the editor still has a program to start from


LONG_LINE = (
    "train_network net, on: data, rounds: 30, speed: 0.1, batch: 8, seed: 3, optimizer: adam"
    "  # a_long_note_without_one_space_that_still_has_to_fit_on_a_phone and then the END"
)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_a_long_line_wraps_so_every_character_is_seen(
    page: Any, base_url: str, screenshots: Path, viewports: dict[str, dict[str, int]], screen: str
) -> None:
    page.set_viewport_size(viewports[screen])
    open_studio(page, base_url)
    program = TYPED.replace("train_network net, on: data, rounds: 30, speed: 0.1", LONG_LINE)
    page.locator("#editor textarea").fill(program + "\n" * 20 + "# taller than the editor, so it scrolls\n")
    seen = page.evaluate(
        """() => {
        const editor = document.querySelector('#editor').getBoundingClientRect();
        const box = document.querySelector('#editor textarea');
        const copy = document.querySelector('#editor pre');
        const end = copy.querySelector('.t-comment').getBoundingClientRect();  // the long line's note
        const top = (selector) => document.querySelectorAll(selector)[7]?.getBoundingClientRect().top;
        return {
          hiddenWidth: box.scrollWidth - box.clientWidth,
          heights: [box.scrollHeight, Math.round(copy.getBoundingClientRect().height)],
          sizes: [getComputedStyle(box).fontSize, getComputedStyle(copy.querySelector('code')).fontSize],
          lineEightTops: [top('#editor .gutter span'), top('#editor pre .line')],
          endInside: end.right <= editor.right && end.bottom <= editor.bottom,
        };
    }"""
    )
    assert seen["hiddenWidth"] == 0  # nothing to scroll sideways to: the line wraps
    assert seen["sizes"][0] == seen["sizes"][1]  # the coloured copy is drawn at the textarea's own size...
    assert abs(seen["heights"][0] - seen["heights"][1]) <= 1  # ...and wraps where the textarea wraps
    assert seen["lineEightTops"][0] == pytest.approx(seen["lineEightTops"][1], abs=0.5)  # numbers beside their lines
    assert seen["endInside"]  # the long line's last word is in the editor's box
    page.locator("#editor").screenshot(path=str(screenshots / f"studio-long-line-{screen}.png"))


def test_on_a_phone_the_caret_under_a_mistake_is_in_view(
    page: Any, base_url: str, screenshots: Path, viewports: dict[str, dict[str, int]]
) -> None:
    page.set_viewport_size(viewports["phone"])
    open_studio(page, base_url)
    type_program(page, MISTAKE)
    page.click("#run")
    page.wait_for_selector(".out-error")
    shown = page.locator(".out-error pre")
    assert shown.inner_text().splitlines()[1].strip() == "^"
    box, caret = shown.bounding_box(), shown.locator(".caret").bounding_box()
    assert box["x"] <= caret["x"] and caret["x"] + caret["width"] <= box["x"] + box["width"]  # scrolled to the spot
    page.locator(".out-error").screenshot(path=str(screenshots / "studio-mistake-phone.png"))
