"""The widgets' front end, gathered from the web pages' own ES modules (not copies) for the notebook to load.

A notebook output cannot fetch `/static/...` from a foggyhill server, so the modules an entry point needs are read
from the package and shipped inside the widget's JavaScript; the loader (static/loader.js) turns each into a blob
URL, rewriting relative imports. A few page modules are swapped for notebook adapters (REDIRECTS): the adapters ask
the kernel instead of the HTTP API and keep the notebook's address bar alone.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import posixpath
import re
from functools import cache
from pathlib import Path

from ..lang import say

WEB_STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
OWN_STATIC = Path(__file__).resolve().parent / "static"
# Virtual folder → real folder: the page's folders keep their names, so their relative imports resolve unchanged.
ROOTS = {"notebook": OWN_STATIC}
IMPORT = re.compile(r"""((?:\bfrom|\bimport)\s*)(["'])(\.{1,2}/[^"']+)\2""")
REDIRECTS = {
    "common/api.js": "notebook/api.js",
    "common/state.js": "notebook/state.js",
}
OWN_STYLE = "notebook/widget.css"
LOADER = "loader.js"
STATIC_URL = re.compile(r"""url\(\s*(["']?)/static/([^"')]+)\1\s*\)""")
PAGE_WIDE = re.compile(r"^(:root|html|body)(?=\s*\{)|^(\s+):root(?=\s*\{)", re.M)

__all__ = ["REDIRECTS", "BundleError", "css", "esm", "module_graph", "page_html", "read"]


class BundleError(RuntimeError):
    """A front-end file the widget needs is missing: the installed package is incomplete."""


def real_path(virtual: str) -> Path:
    """Where a virtual path ('common/api.js', 'notebook/api.js') lives on disk."""
    top, _, rest = virtual.partition("/")
    return ROOTS[top] / rest if top in ROOTS else WEB_STATIC / virtual


def read(virtual: str) -> str:
    """The text of a front-end file, or a BundleError naming the missing file."""
    path = real_path(virtual)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BundleError(
            say("the widget needs {path}, which does not exist: reinstall foggyhill", path=path)
        ) from None


def imports_of(virtual: str, source: str) -> list[str]:
    """The virtual paths `source` imports, redirects applied (an adapter may import the module it stands in for)."""
    found = []
    for match in IMPORT.finditer(source):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(virtual), match[3]))
        found.append(target if REDIRECTS.get(target) in (None, virtual) else REDIRECTS[target])
    return found


def module_graph(entry: str) -> dict[str, str]:
    """Every module `entry` needs, by virtual path, with its source."""
    modules: dict[str, str] = {}
    waiting = [entry]
    while waiting:
        path = waiting.pop()
        if path in modules:
            continue
        modules[path] = read(path)
        waiting.extend(imports_of(path, modules[path]))
    return modules


def inlined(match: re.Match[str]) -> str:
    """A stylesheet's `url(/static/…)` as a data URL: there is no foggyhill server to fetch it from."""
    path = match[2]
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f'url("data:{kind};base64,{base64.b64encode(real_path(path).read_bytes()).decode()}")'


def scoped(text: str) -> str:
    """A page stylesheet for a shadow root: page-wide selectors (:root, html, body) become the widget's host."""
    return STATIC_URL.sub(inlined, PAGE_WIDE.sub(lambda m: (m[2] or "") + ":host", text))


def css(styles: tuple[str, ...]) -> str:
    """The page's styles, scoped to the widget, followed by the notebook's own."""
    return "\n".join([*(scoped(read(path)) for path in styles), read(OWN_STYLE)])


def page_html(page: str) -> str:
    """A page's HTML; the widget takes its simulation's markup from it, so the two cannot drift apart."""
    return read(f"{page}/index.html")


@cache
def esm(entry: str, page: str, styles: tuple[str, ...]) -> str:
    """The widget's JavaScript: the loader with every module, the styles and the page's markup inlined."""
    bundle = {
        "entry": entry,
        "modules": module_graph(entry),
        "redirects": REDIRECTS,
        "css": css(styles),
        "html": page_html(page),
    }
    # "</" is escaped so the JSON can never close a <script> element if a front end inlines the module.
    data = json.dumps(bundle, ensure_ascii=False).replace("</", "<\\/")
    return read(f"notebook/{LOADER}").replace("/*BUNDLE*/null", data, 1)
