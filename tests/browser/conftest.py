"""Browser test fixtures: the real app on a free loopback port, Debian's chromium driven by Playwright, and a page
that fails its test on any console error or uncaught page error."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Each run saves screenshots here (ignored by git); FOGGYHILL_SCREENSHOTS=docs/screenshots refreshes the docs.
SCREENSHOTS = Path(os.environ.get("FOGGYHILL_SCREENSHOTS", Path(__file__).resolve().parent / "screenshots"))
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
STARTUP_SECONDS = 10
# axe-core, installed from the npm registry at the version pinned in axe/package-lock.json by scripts/test.sh.
AXE_SCRIPT = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_IMPACTS = ("serious", "critical")
# axe waits on setTimeout between rules, which Playwright's fake clock (page.clock) stops; so axe gets the browser's
# own timers (Playwright keeps them in __pwClock.builtins) and the page's time stays where the test put it.
AXE_WITH_REAL_TIMERS = """(function (timers) {{
(function (setTimeout, clearTimeout, setInterval, clearInterval) {{
{axe}
}})(timers.setTimeout, timers.clearTimeout, timers.setInterval, timers.clearInterval);
}})(window.__pwClock ? window.__pwClock.builtins : window);"""


if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium (`bash scripts/test.sh` installs it)",
        allow_module_level=True,
    )


@pytest.fixture(scope="session")
def viewports() -> dict[str, dict[str, int]]:
    """The two screens every page is looked at on (a test module cannot import conftest: its name is not unique)."""
    return {"desktop": DESKTOP, "phone": PHONE}


class RunningServer:
    """The real foggyhill app served by uvicorn in a background thread."""

    def __init__(self) -> None:
        import uvicorn

        from foggyhill.web.app import create_app

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(create_app(), host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"the foggyhill app did not start on {self.url} within {STARTUP_SECONDS} s")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=STARTUP_SECONDS)
        self.socket.close()


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The URL of the real app, started once for the whole session."""
    server = RunningServer()
    server.start()
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, launched headless once per session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class ConsoleWatch:
    """Console errors and uncaught page errors seen during a test; a test may allow the ones it expects."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.allowed: list[re.Pattern[str]] = []

    def allow(self, pattern: str) -> None:
        """Expect console errors matching `pattern` (e.g. the browser's own note about a 422 answer)."""
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.fixture
def console() -> ConsoleWatch:
    """The console watch of this test's page."""
    return ConsoleWatch()


@pytest.fixture
def page_options() -> dict[str, Any]:
    """Browser context options; reduced motion makes every move instant, so tests need not wait for springs."""
    return {"viewport": DESKTOP, "reduced_motion": "reduce"}


@pytest.fixture
def page(browser: Any, console: ConsoleWatch, page_options: dict[str, Any], request: Any) -> Iterator[Any]:
    """A fresh page; the test fails if the page logged a console error or threw an uncaught error."""
    options = dict(page_options)
    if "axe" in request.fixturenames:
        # The pages' Content-Security-Policy refuses injected scripts, axe.min.js among them.
        options["bypass_csp"] = True
    context = browser.new_context(**options)
    tab = context.new_page()
    tab.set_default_timeout(10_000)

    def on_console(message: Any) -> None:
        if message.type == "error":
            console.errors.append(f"console.error: {message.text}")

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: console.errors.append(f"page error: {error}"))
    yield tab
    context.close()
    unexpected = console.unexpected()
    assert not unexpected, "the page reported errors:\n" + "\n".join(unexpected)


@pytest.fixture
def screenshots() -> Path:
    """Where the tests save their screenshots (tests/browser/screenshots, or $FOGGYHILL_SCREENSHOTS)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def axe_violations(tab: Any) -> list[str]:
    """Run axe-core on the page as it is now; its serious and critical violations, one readable line per element."""
    if not tab.evaluate("typeof window.axe === 'object'"):
        try:
            tab.add_script_tag(content=AXE_WITH_REAL_TIMERS.format(axe=AXE_SCRIPT.read_text(encoding="utf-8")))
        except Exception as error:  # Playwright's Error: the page refused the script
            raise AssertionError(
                "could not inject axe-core: the page's context needs bypass_csp=True "
                f"(the axe fixture sets it on the `page` fixture; set it on a context you make yourself): {error}"
            ) from error
    violations = tab.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
            }));
        }"""
    )
    lines = []
    for violation in violations:
        if violation["impact"] not in AXE_IMPACTS:
            continue
        for node in violation["nodes"]:
            detail = " ".join(node["summary"].split())
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at `{node['target']}`: {detail}"
            )
    return lines


@pytest.fixture
def axe() -> Any:
    """axe-core as a function of a page: `assert not axe(page)`; it lists the serious and critical violations.

    Asking for this fixture makes the `page` fixture's context bypass the pages' CSP, which would block axe.min.js;
    a context a test makes itself needs `bypass_csp=True`.
    """
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core is not installed at {AXE_SCRIPT}: `bash scripts/test.sh` installs it with npm ci")
    return axe_violations
