"""A page's words: the units of text a reader takes as one sentence, found and translated in its HTML."""

from __future__ import annotations

import re
from pathlib import Path

from foggyhill.lang.html import translate, units

STATIC = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static"

PAGE = """<!doctype html>
<html lang="en">
<head><title>Gradient descent · foggyhill</title>
<meta name="description" content="Roll a ball downhill.">
<script type="module">const words = "not a message";</script>
<style>p::after { content: "not a message"; }</style>
</head>
<body>
<header><a class="brand" href="/">foggyhill</a> <a href="/">← All simulations</a></header>
<nav aria-label="On this page"><ol><li><a href="#a">What it is</a></li></ol></nav>
<p>The <em>loss</em> goes
   down, one step at a time.</p>
<pre><code>w = w - speed * slope</code></pre>
<button title="Take one step">Step</button>
<p>·</p>
<!-- a comment is not a message -->
<div><span class="value">0.5</span></div>
</body>
</html>
"""


def test_a_sentence_is_one_unit_with_its_markup_and_folded_spaces() -> None:
    assert units(PAGE) == [
        "Gradient descent · foggyhill",
        "foggyhill",
        "← All simulations",
        "What it is",
        "The <em>loss</em> goes down, one step at a time.",
        "Step",
        "Roll a ball downhill.",
        "On this page",
        "Take one step",
    ]


def test_translating_replaces_each_unit_and_says_the_pages_language() -> None:
    spanish = {
        "The <em>loss</em> goes down, one step at a time.": "La <em>pérdida</em> baja, paso a paso.",
        "Step": "Paso",
        "Take one step": "Da un paso",
        "On this page": "En esta página",
    }
    page = translate(PAGE, lambda message: spanish.get(message, message), "es")
    assert '<html lang="es">' in page
    assert "<p>La <em>pérdida</em> baja, paso a paso.</p>" in page
    assert '<button title="Da un paso">Paso</button>' in page
    assert '<nav aria-label="En esta página">' in page
    assert 'const words = "not a message";' in page and "<pre><code>w = w - speed * slope</code></pre>" in page
    assert '<span class="value">0.5</span>' in page


def test_every_page_keeps_its_markup_when_each_unit_is_said_again() -> None:
    # Saying every unit as itself must give the page back (but for folded spaces): nothing cut, lost or doubled.
    for page in sorted(STATIC.glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        assert re.sub(r"\s+", "", translate(html, lambda message: message, "en")) == re.sub(r"\s+", "", html), page
        assert len(units(html)) > 20, page


def test_a_unit_keeps_the_spaces_around_it() -> None:
    # `<label>row <input></label>`: the unit is "row", and the space before the box is the page's, not the word's.
    page = translate("<p><label>row <input id=x> of <b>them</b></label></p>", lambda m: m.upper(), "es")
    assert page == "<p><label>ROW <input id=x> OF <B>THEM</B></label></p>"
