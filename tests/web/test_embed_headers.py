"""Who may frame what: a simulation's embed form (`?embed=1`) any site, every other answer only this server's pages."""

from __future__ import annotations

import re

import pytest

from foggyhill.web.headers import is_embed
from foggyhill.web.simulations import SIMULATION_PAGES

EMBED_PATHS = [page.path for page in SIMULATION_PAGES] + ["/studio"]
REFUSED = "default-src 'self'; frame-ancestors 'self'"


def frame_policy(headers) -> str:
    """The frame-ancestors directive of an answer's security policy."""
    found = re.search(r"frame-ancestors ([^;]+)", headers["content-security-policy"])
    assert found, f"no frame-ancestors in {headers['content-security-policy']!r}"
    return found.group(1).strip()


@pytest.mark.parametrize("path", EMBED_PATHS)
def test_an_embed_form_may_be_framed_by_any_site(client, path: str) -> None:
    answer = client.get(f"{path}?embed=1")
    assert answer.status_code == 200
    assert frame_policy(answer.headers) == "*"
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")  # still calls no other host
    assert "x-frame-options" not in answer.headers  # it would forbid what frame-ancestors allows in old browsers
    assert "set-cookie" not in answer.headers
    assert answer.text.startswith('<!doctype html>\n<html class="embed" lang="en">')


@pytest.mark.parametrize("path", EMBED_PATHS)
def test_a_full_page_refuses_other_sites_frames(client, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["content-security-policy"] == REFUSED
    assert answer.headers["x-frame-options"] == "SAMEORIGIN"
    assert 'class="embed"' not in answer.text


@pytest.mark.parametrize("path", [page.path for page in SIMULATION_PAGES])
def test_every_simulation_page_marks_what_its_embed_form_keeps(client, path: str) -> None:
    html = client.get(path).text
    assert '<script type="module" src="/static/common/embed.js"></script>' in html
    assert '<link rel="stylesheet" href="/static/common/embed.css">' in html
    assert re.search(r'<main id="main" class="[^"]*" data-embed-height="\d+">', html)
    assert "embed-keep" in html and re.search(r"<main[^>]*>\s*<p class=\"kicker\">[^<]*</p>\s*<h1>", html)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?embed=1",
        "/docs",
        "/api/schema",
        "/api/descend?speed=0.1&embed=1",
        "/sim/gradient-descent?embed=0",
        "/sim/gradient-descent?embed=yes",
        "/static/common/base.css",
        "/favicon.ico",
    ],
)
def test_everything_else_refuses_other_sites_frames(client, url: str) -> None:
    headers = client.get(url).headers
    assert frame_policy(headers) == "'self'"
    assert headers["x-frame-options"] == "SAMEORIGIN"


def test_a_missing_simulations_embed_form_is_a_page_not_found(client) -> None:
    answer = client.get("/sim/no-such-thing?embed=1")
    assert answer.status_code == 404 and "Page not found" in answer.text


@pytest.mark.parametrize(
    ("path", "query", "embed"),
    [
        ("/sim/studio", "embed=1", True),
        ("/sim/studio", b"example=spirals&embed=1", True),
        ("/studio", "embed=1", True),
        ("/studio/x", "embed=1", False),
        ("/sim/studio", "embed=1x", False),
        ("/sim/studio", "", False),
        ("/api/schema", "embed=1", False),
        ("/static/common/embed.js", "embed=1", False),
    ],
)
def test_which_requests_ask_for_an_embed_form(path: str, query: str | bytes, embed: bool) -> None:
    assert is_embed(path, query) is embed
