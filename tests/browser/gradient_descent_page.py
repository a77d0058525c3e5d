"""Helpers for the gradient descent page's browser tests: open it, wait for it, read what it shows."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any
from urllib.parse import parse_qs, urlparse

PAGE = "/sim/gradient-descent"


def open_sim(page: Any, base_url: str, query: str = "") -> Any:
    """Open the page and wait until the simulation has its first run."""
    page.goto(f"{base_url}{PAGE}{query}")
    return ready(page)


def ready(page: Any) -> Any:
    """Wait until no request is pending and the ball has a run to step through."""
    page.wait_for_selector('#try-it[data-state="ready"]')
    wait_until(page, "() => document.querySelector('[data-out=\"w\"]').textContent !== '—'")
    return page


def shown(x: float) -> str:
    """A number as the page shows it: at most 3 decimals, a real minus sign."""
    return f"{round(x, 3):g}".replace("-", "−")


def readout(page: Any, name: str) -> str:
    return page.locator(f'[data-out="{name}"]').inner_text()


def button(page: Any, name: str) -> Any:
    return page.get_by_role("button", name=name, exact=True)


def url_settings(page: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.evaluate("() => location.href")).query).items()}


def wait_until(page: Any, script: str, timeout: float = 10.0) -> None:
    """Poll `script` (a JS function) until it returns true; the page's CSP forbids Playwright's own eval polling."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {script}")
        page.wait_for_timeout(25)


def wait_for_setting(page: Any, name: str, value: str | None = None, timeout: float = 10.0) -> None:
    """Wait until the address bar has `name` (with `value`, if given)."""
    deadline = time.monotonic() + timeout
    while not (name in url_settings(page) and (value is None or url_settings(page)[name] == value)):
        if time.monotonic() > deadline:
            raise AssertionError(f"the URL never got {name}={value}: it is {url_settings(page)}")
        page.wait_for_timeout(25)


def api(base_url: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base_url}{path}") as answer:
        return json.load(answer)
