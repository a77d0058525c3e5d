"""The embed forms inside a course page of another origin: they work there, the full pages refuse to be framed, and
axe finds nothing serious in them on a phone or a desktop. The course page is served by a second tiny server on
another port of 127.0.0.1 (another port is another origin, and the app's guard answers only loopback names)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

READY = {  # each simulation, and what shows it has drawn its first picture
    "/sim/gradient-descent": '#try-it[data-state="ready"]',
    "/sim/three-runs": '#three-runs[data-state="ready"]',
    "/sim/learning-rate-map": "[data-map][data-drawn]",
    "/sim/optimizer-race": '#race[data-state="ready"]',
    "/sim/surfaces": "body[data-ready]",
    "/sim/studio": "body[data-ready=true]",
}
SIMULATIONS = list(READY)
READY["/studio"] = READY["/sim/studio"]  # Studio's own address beside /sim/studio
COURSE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Week 3: learning rates</title>
<style>body {{ font: 17px/1.5 Georgia, serif; max-width: 62rem; margin: 0 auto; padding: 0 12px; }}</style>
</head><body><main><h1>Week 3: learning rates</h1>
<p>Roll the ball with a few speeds before Thursday, and write down the largest one that still settles.</p>
{frame}
<p>Bring your numbers to class.</p></main></body></html>"""


class CoursePages(BaseHTTPRequestHandler):
    """Serves the course pages a test puts in `pages` (path → HTML)."""

    pages: dict[str, str] = {}

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if self.path == "/favicon.ico":  # asked for by every page; a 404 would be a console error
            self.send_response(204)
            self.end_headers()
            return
        body = self.pages.get(self.path, "not here").encode()
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        """Quiet: the test says what went wrong."""


@pytest.fixture(scope="module")
def course() -> Iterator[tuple[str, dict[str, str]]]:
    """Another origin (127.0.0.1 on another port): its address, and the pages it serves."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), CoursePages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", CoursePages.pages
    server.shutdown()
    server.server_close()


def open_course(page: Any, course: tuple[str, dict[str, str]], frame: str) -> Any:
    """Serve a course page holding `frame` (an <iframe> snippet) from the other origin, open it, give its frame."""
    origin, pages = course
    path = f"/course-{len(pages)}.html"
    pages[path] = COURSE.format(frame=frame)
    page.goto(f"{origin}{path}")
    return page.frame_locator("iframe")


def iframe(src: str, title: str = "A foggyhill simulation", height: int = 760) -> str:
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="{height}" style="border:0"></iframe>'
    )


def snippet_of(page: Any, url: str) -> str:
    """Open the full page at `url`, press its Embed button once the page is set up, and read the snippet it offers."""
    page.goto(url)
    page.wait_for_selector(READY[urlsplit(url).path], timeout=30_000)
    page.get_by_role("button", name="Embed").click()
    dialog = page.get_by_role("dialog", name="Put this simulation in your page")
    assert dialog.is_visible()
    return dialog.get_by_label("The <iframe> code").input_value()


def assert_only_the_simulation(frame: Any) -> None:
    """The embed form shows its heading and simulation, not the site's header, footer, contents or lesson text."""
    assert frame.locator("main h1").is_visible()
    for hidden in (".site-header", ".site-footer", "nav.contents", ".lede", ".kicker"):
        assert frame.locator(hidden).count() == 0 or not frame.locator(hidden).first.is_visible(), hidden
    assert frame.get_by_role("link", name="Open the full page ↗").is_visible()


def test_the_lessons_snippet_carries_its_settings_and_rolls_inside_another_sites_page(
    page: Any, base_url: str, course: Any
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    code = snippet_of(page, f"{base_url}/sim/gradient-descent?speed=0.3&start=-1.5")
    page.get_by_role("button", name="Copy").click()
    page.get_by_role("status").filter(has_text="Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == code
    src = f"{base_url}/sim/gradient-descent?start=-1.5&amp;speed=0.3&amp;embed=1"  # the settings in the schema's order
    assert code.startswith(f'<iframe src="{src}" ')
    assert 'title="Gradient descent · foggyhill"' in code and 'height="980"' in code
    frame = open_course(page, course, code)
    frame.locator(READY["/sim/gradient-descent"]).wait_for()
    assert_only_the_simulation(frame)
    assert frame.locator(".sim-intro").is_hidden() and frame.locator("#speed-number").input_value() == "0.3"
    start = frame.locator('[data-out="w"]').inner_text()
    frame.get_by_role("button", name="Step", exact=True).click()  # the guard lets the frame's own requests through
    frame.locator('[data-out="step"]', has_text="1").wait_for()
    assert frame.locator('[data-out="w"]').inner_text() != start
    frame.get_by_role("button", name="Roll", exact=True).click()
    frame.locator("[data-verdict]").wait_for(state="visible", timeout=20_000)
    assert frame.locator("[data-verdict-headline]").inner_text()
    inner = next(f for f in page.frames if f.parent_frame is not None)
    assert inner.url.endswith("embed=1")  # the page rewrote its link and kept the embed form
    with page.context.expect_page() as opened:  # the full page opens in a tab of its own, set up the same way
        frame.get_by_role("link", name="Open the full page ↗").click()
    assert opened.value.url == f"{base_url}/sim/gradient-descent?start=-1.5&speed=0.3"


def test_studio_runs_its_example_inside_another_sites_page(page: Any, base_url: str, course: Any) -> None:
    page.goto(f"{base_url}/studio")
    page.wait_for_selector(READY["/studio"])
    page.locator("#editor textarea").fill('print "mine"')
    page.get_by_role("button", name="Embed").click()
    assert "fruits example" in page.locator(".embed-note").inner_text()  # a typed program cannot travel in a link
    assert f'src="{base_url}/studio?embed=1"' in page.get_by_label("The <iframe> code").input_value()
    page.keyboard.press("Escape")
    page.locator("#examples").select_option("spirals")
    page.get_by_role("button", name="Embed").click()
    code = page.get_by_label("The <iframe> code").input_value()
    assert page.locator(".embed-note").is_hidden()
    assert f'src="{base_url}/studio?example=spirals&amp;embed=1"' in code
    frame = open_course(page, course, code)
    frame.locator(READY["/sim/studio"]).wait_for()
    assert_only_the_simulation(frame)
    assert frame.locator("#status").inner_text().startswith("Opened the")
    frame.get_by_role("button", name="▶ Run").click()  # a POST from the frame: its origin is the server's own
    frame.locator("#status[data-kind=good]").wait_for(timeout=60_000)
    assert frame.locator("#chart path.line.loss").count() == 1


@pytest.mark.parametrize("path", ["/sim/three-runs", "/sim/learning-rate-map", "/sim/optimizer-race", "/sim/surfaces"])
def test_each_embed_form_draws_inside_another_sites_page(page: Any, base_url: str, course: Any, path: str) -> None:
    frame = open_course(page, course, iframe(f"{base_url}{path}?embed=1"))
    frame.locator(READY[path]).wait_for(timeout=30_000)
    assert_only_the_simulation(frame)
    notices = frame.locator("[data-notice]:not([hidden]), [data-url-notice]:not([hidden])")
    assert notices.count() == 0, notices.all_inner_texts()  # embed=1 is not read as an unknown setting


@pytest.mark.parametrize("path", ["/sim/gradient-descent", "/studio"])
def test_a_full_page_refuses_to_be_framed_by_another_site(
    page: Any, base_url: str, course: Any, console: Any, path: str
) -> None:
    refusal = "violates the following Content Security Policy directive: \"frame-ancestors 'self'\""
    console.allow(re.escape(refusal))  # chromium's own report of the refusal, awaited below
    with page.expect_console_message(lambda message: refusal in message.text) as said:
        open_course(page, course, iframe(f"{base_url}{path}"))
    assert said.value.text.startswith(f"Framing '{base_url}/'")
    inner = next(f for f in page.frames if f.parent_frame is not None)
    assert inner.locator("main h1").count() == 0 and inner.locator(".site-header").count() == 0
    assert not inner.url.startswith(base_url), inner.url


@pytest.mark.parametrize("path", SIMULATIONS)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_embed_forms_have_no_serious_accessibility_violation(
    page: Any, base_url: str, axe: Any, path: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 760})
    page.goto(f"{base_url}{path}?embed=1")
    page.wait_for_selector(READY[path], timeout=30_000)
    assert page.locator("main").count() == 1 and page.locator("main h1").is_visible()
    found = axe(page)
    assert not found, f"{path}?embed=1 at {width} px:\n" + "\n".join(found)


@pytest.mark.parametrize("path", ["/sim/gradient-descent", "/sim/learning-rate-map", "/sim/studio"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_screenshots_of_embed_forms_in_a_course_page(
    page: Any, base_url: str, course: Any, screenshots: Path, viewports: Any, path: str, screen: str
) -> None:
    page.set_viewport_size(viewports[screen])
    query = "?example=spirals" if path == "/sim/studio" else "?speed=0.5"
    frame = open_course(page, course, snippet_of(page, f"{base_url}{path}{query}"))  # the snippet as offered
    frame.locator(READY[path]).wait_for(timeout=30_000)
    page.wait_for_timeout(300)  # let the first drawing settle
    name = path.rsplit("/", 1)[1]
    page.screenshot(path=str(screenshots / f"embed-{name}-{screen}.png"), full_page=True)
