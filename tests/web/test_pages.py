"""The pages: "All simulations", a simulation's page, the friendly not-found page, docs, and the headers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from foggyhill.web import SIMULATION_PAGES, get_simulation_page, pages


class Links(HTMLParser):
    """Collects the links and stylesheets of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts_inline = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag == "script" and not found.get("src"):
            self.scripts_inline += 1


def links_of(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def test_the_index_lists_every_simulation(client) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<h1>All simulations</h1>" in response.text
    found = links_of(response.text)
    for page in SIMULATION_PAGES:
        assert page.path in found.hrefs and page.title in response.text and page.blurb in response.text
    assert "/sim/gradient-descent" in found.hrefs
    assert "/static/common/base.css" in found.hrefs and found.scripts_inline == 0


def test_a_new_simulation_adds_itself_to_the_index(client, monkeypatch) -> None:
    extra = pages.SimulationPage("ball-<pit>", "Ball pit & friends", "A test card.", "Play")
    monkeypatch.setattr(pages, "SIMULATION_PAGES", [*SIMULATION_PAGES, extra])
    html = client.get("/").text
    assert "Ball pit &amp; friends" in html and 'href="/sim/ball-&lt;pit&gt;"' in html  # escaped, never raw


def test_the_registry_starts_with_gradient_descent() -> None:
    page = get_simulation_page("gradient-descent")
    assert page is not None and page.path == "/sim/gradient-descent" and page.title == "Gradient descent"
    assert get_simulation_page("nope") is None


def test_a_registered_page_is_served_from_its_static_folder(client, tmp_path, monkeypatch) -> None:
    (tmp_path / "gradient-descent").mkdir()
    (tmp_path / "gradient-descent" / "index.html").write_text("<!doctype html><title>the page</title>")
    monkeypatch.setattr(pages, "STATIC", tmp_path)
    pages.page_html.cache_clear()  # each form of a page is made once: an earlier test may have made the real one
    response = client.get("/sim/gradient-descent")
    pages.page_html.cache_clear()
    assert response.status_code == 200 and "<title>the page</title>" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_a_registered_page_not_built_yet_says_so(client, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(pages, "STATIC", tmp_path)
    response = client.get("/sim/gradient-descent")
    assert response.status_code == 404 and "not built yet" in response.text


@pytest.mark.parametrize("path", ["/sim/no-such-thing", "/sim/common", "/sim/..%2F..%2Fetc", "/nowhere"])
def test_unknown_pages_get_a_friendly_404_with_a_way_back(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "Page not found" in response.text and 'href="/"' in response.text
    assert "root:" not in response.text


def test_the_api_docs_exist_and_work_offline(client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-security-policy"].startswith("default-src 'self'")
    assert "script-src" not in page.headers["content-security-policy"]  # scripts only from this server
    found = links_of(page.text)
    assert found.scripts_inline == 0
    assets = [*found.hrefs, *re.findall(r'<script src="([^"]+)"', page.text)]
    assert "/apidocs/vendor/swagger-ui-bundle.js" in assets and "/apidocs/docs.js" in assets
    for asset in assets:
        assert asset.startswith("/") and client.get(asset).status_code == 200, asset
    spec = client.get("/openapi.json").json()
    assert {"/api/schema", "/api/landscapes", "/api/landscape", "/api/descend", "/api/peek"} <= set(spec["paths"])
    speed = next(p for p in spec["paths"]["/api/descend"]["get"]["parameters"] if p["name"] == "speed")
    assert speed["schema"] == {"type": "number", "exclusiveMinimum": 0, "maximum": 100, "default": 0.1}


@pytest.mark.parametrize("path", ["/", "/api/schema", "/sim/nope", "/api/descend?speed=abc", "/favicon.ico"])
def test_every_answer_carries_the_security_policy(client, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'self'"
    assert headers["x-content-type-options"] == "nosniff"


def test_static_files_are_revalidated_and_compressed(client) -> None:
    response = client.get("/static/common/base.css", headers={"accept-encoding": "gzip"})
    if response.status_code == 404:
        pytest.skip("the front end's base.css is not there yet")
    assert response.headers["cache-control"] == "no-cache" and response.headers["etag"]
    assert response.headers["content-encoding"] == "gzip"
    again = client.get("/static/common/base.css", headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304
