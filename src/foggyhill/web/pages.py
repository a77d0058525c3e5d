"""The server-rendered pages: "All simulations", each simulation's page, and a friendly "not found"."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..lang import LANGUAGES, SOURCE, _, current, say, use
from ..lang.html import translate
from .headers import is_embed
from .language import in_link
from .simulations import SIMULATION_PAGES, SimulationPage, get_simulation_page

STATIC = Path(__file__).resolve().parent / "static"
APIDOCS = Path(__file__).resolve().parent / "apidocs"  # Swagger UI, vendored by scripts/fetch_swagger_ui.sh

router = APIRouter(include_in_schema=False)
LANGUAGES_CSS = "/static/common/languages.css"

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{description}">
<title>{title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/common/base.css">
</head>
<body>
<a class="skip-link" href="#main">{skip}</a>
<header class="site-header"><a class="brand" href="/">foggyhill</a></header>
<main id="main" class="page">
{body}
</main>
<footer class="site-footer"><span>{here}</span><a href="/docs">{api}</a></footer>
</body>
</html>
"""

CARD = """<li class="card">
<span class="tag">{tag}</span>
<h2><a href="{path}">{title}</a></h2>
<p>{blurb}</p>
</li>"""

INDEX = """<h1>{heading}</h1>
<p class="lede">{lede}</p>
<ul class="cards">
{cards}
</ul>"""

NOT_FOUND = """<h1>{heading}</h1>
<p class="lede">{reason}</p>
<p><a href="/">{back}</a></p>"""


def render(title: str, body: str, description: str | None = None) -> str:
    """A whole page around `body`, with the shared stylesheet and the language switch, in the current language."""
    description = description or _("See, hear and program gradient descent.")
    page = PAGE.format(
        title=escape(title),
        description=escape(description),
        body=body,
        skip=escape(_("Skip to the content")),
        here=escape(_("foggyhill runs on your own computer.")),
        api=escape(_("The JSON API")),
    )
    page = with_languages(page.replace('<html lang="en">', f'<html lang="{current()}">', 1), current())
    return carrying_language(page) if in_link() else page


def carrying_language(html: str) -> str:
    """A server-made page whose links to this server's pages name the language its own link named (`?lang=es`
    follows the reader from the index to every simulation)."""
    return re.sub(r'href="(/(?:sim/[^"?#]*)?)"', lambda m: f'href="{m.group(1)}?lang={current()}"', html)


def card(page: SimulationPage) -> str:
    """One simulation page's card on the index page."""
    words = {name: escape(text) for name, text in page.to_dict().items()}
    return CARD.format(path=words["path"], tag=words["tag"], title=words["title"], blurb=words["blurb"])


def index_html() -> str:
    """The "All simulations" page: a card per registered simulation."""
    cards = "\n".join(card(page) for page in SIMULATION_PAGES)
    heading = _("All simulations")
    lede = _("Each page explains one idea of machine learning and lets you play with it. Start anywhere.")
    body = INDEX.format(heading=escape(heading), lede=escape(lede), cards=cards)
    return render(say("{page} · foggyhill", page=heading), body)


def not_found_html(reason: str) -> str:
    """A friendly "not found" page with a way back."""
    heading = _("Page not found")
    body = NOT_FOUND.format(heading=escape(heading), reason=escape(reason), back=escape(_("Back to all simulations")))
    return render(say("{page} · foggyhill", page=heading), body)


def not_found(reason: str) -> HTMLResponse:
    """The friendly "not found" page with status 404."""
    return HTMLResponse(not_found_html(reason), status_code=404, headers={"cache-control": "no-cache"})


DOCS = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The JSON API · foggyhill</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/apidocs/vendor/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/apidocs/vendor/swagger-ui-bundle.js"></script>
<script src="/apidocs/docs.js"></script>
</body>
</html>
"""

# The brand's dot: browsers ask for /favicon.ico even when a page names no icon.
ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#d55e00"/></svg>'


@router.get("/favicon.svg")
@router.get("/favicon.ico")
async def favicon() -> Response:
    """The site icon."""
    return Response(ICON, media_type="image/svg+xml", headers={"cache-control": "public, max-age=86400"})


@router.get("/docs", response_class=HTMLResponse)
async def docs() -> HTMLResponse:
    """The JSON API's reference: Swagger UI on /openapi.json, served from this app (works offline)."""
    return HTMLResponse(DOCS, headers={"cache-control": "no-cache"})


@router.get("/", response_class=HTMLResponse)
async def index() -> HTMLResponse:
    """The "All simulations" page."""
    return HTMLResponse(index_html(), headers={"cache-control": "no-cache"})


def embed_form(html: str) -> str:
    """A simulation page marked as its embed form: common/embed.css hides all but the simulation from first paint."""
    return html.replace("<html ", '<html class="embed" ', 1)


@router.get("/sim/{slug}")
async def simulation_page(slug: str, request: Request) -> Response:
    """A registered simulation's page, served from static/<slug>/index.html; `?embed=1` gives its embed form."""
    found = get_simulation_page(slug)
    if found is None:
        return not_found(say("There is no simulation called “{slug}”.", slug=slug))
    page = STATIC / found.slug / "index.html"
    if not page.is_file():
        return not_found(say("The {title} page is not built yet.", title=_(found.title)))
    embed = is_embed(request.url.path, request.url.query)
    return HTMLResponse(page_html(found.slug, current(), embed), headers={"cache-control": "no-cache"})


@lru_cache(maxsize=64)
def page_html(slug: str, language: str, embed: bool) -> str:
    """A simulation page's HTML in `language` with the language switch, as its embed form or whole (each form is
    made once)."""
    html = (STATIC / slug / "index.html").read_text(encoding="utf-8")
    with use(language):
        if language != SOURCE:
            html = translate(html, _, language)
        html = with_languages(html, language)
    return embed_form(html) if embed else html


def language_links(language: str) -> str:
    """The header's links to the page in every other language, each named in its own language."""
    links = "".join(
        f'<a href="?lang={code}" hreflang="{code}" lang="{code}" data-lang="{code}">{escape(name)}</a>'
        for code, name in LANGUAGES.items()
        if code != language
    )
    label = escape(_("Language"))
    return f'<nav class="languages" aria-label="{label}">{links}</nav>'


def with_languages(html: str, language: str) -> str:
    """A page with the language switch at the end of its header and the switch's stylesheet."""
    html = html.replace("</head>", f'<link rel="stylesheet" href="{LANGUAGES_CSS}">\n</head>', 1)
    return html.replace("</header>", language_links(language) + "</header>", 1)
