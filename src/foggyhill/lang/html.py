"""The words of a page: the runs of text a reader takes as one sentence, found and translated in the page's HTML.

A page stays plain English HTML. A *unit* is a run of text and inline markup (`<em>`, `<a>`, `<code>` ...) between
two block boundaries, with any element wrapping all of it peeled off: `<li><a href="#x">What it is</a></li>` gives
"What it is", and `<p>The <em>loss</em> goes down.</p>` gives "The <em>loss</em> goes down." whole, so a translator
can move the emphasis with the words. Whitespace inside a unit is folded to single spaces. A few attributes a reader
hears or sees (title, aria-label, placeholder, alt, a page's description) are units too. Scripts, styles, comments
and `<pre>` blocks are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "br",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
_TOKENS = re.compile(
    r"<!--.*?-->|<(script|style|pre|svg)\b.*?</\1\s*>|<[^>]*>|[^<]+",
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ATTRIBUTE = re.compile(
    r'(\s(?:title|aria-label|aria-description|aria-roledescription|placeholder|alt)\s*=\s*")([^"]*)(")'
)
_DESCRIPTION = re.compile(r'(<meta\s+name="description"\s+content=")([^"]*)(")')
_LETTER = re.compile(r"[A-Za-z]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Token:
    """One piece of the page: text, a tag, or a chunk left alone (script, style, comment, pre)."""

    text: str
    kind: str  # "text", "start", "end", "void" or "other"
    name: str = ""


def tokens(html: str) -> list[Token]:
    """The page cut into text, tags and untouched chunks."""
    found = []
    for match in _TOKENS.finditer(html):
        piece = match.group(0)
        if match.group(1) or piece.startswith("<!"):
            found.append(Token(piece, "other"))
        elif piece.startswith("<"):
            tag = _TAG.match(piece)
            if tag is None:
                found.append(Token(piece, "other"))
                continue
            name = tag.group(2).lower()
            closing = bool(tag.group(1))
            kind = "end" if closing else ("void" if name in VOID or piece.endswith("/>") else "start")
            found.append(Token(piece, kind, name))
        else:
            found.append(Token(piece, "text"))
    return found


def normal(text: str) -> str:
    """A unit's message: its whitespace folded to single spaces, trimmed."""
    return _SPACE.sub(" ", text).strip()


def _inline(token: Token) -> bool:
    return token.kind == "text" or (token.kind in ("start", "end", "void") and token.name in INLINE)


def _runs(found: list[Token]) -> Iterator[tuple[int, int]]:
    """Each maximal stretch [first, last) of inline tokens."""
    start = None
    for index, token in enumerate(found):
        if _inline(token):
            start = index if start is None else start
        elif start is not None:
            yield start, index
            start = None
    if start is not None:
        yield start, len(found)


def _balanced(found: list[Token], first: int, last: int) -> Iterator[tuple[int, int]]:
    """Split [first, last) at tags whose partner lies outside it."""
    stack: list[int] = []
    unmatched: set[int] = set()
    for index in range(first, last):
        token = found[index]
        if token.kind == "start":
            stack.append(index)
        elif token.kind == "end":
            if stack and found[stack[-1]].name == token.name:
                stack.pop()
            else:
                unmatched.add(index)
    unmatched.update(stack)
    start = first
    for index in sorted(unmatched) + [last]:
        if index > start:
            yield start, index
        start = index + 1


def _partner(found: list[Token], first: int, last: int) -> int:
    """The index of the end tag that closes the start tag at `first`, within [first, last)."""
    depth = 0
    for index in range(first, last):
        if found[index].kind == "start":
            depth += 1
        elif found[index].kind == "end":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _trimmed(found: list[Token], first: int, last: int) -> tuple[int, int]:
    """[first, last) without blank text at its edges or an element wrapping all of it."""
    while True:
        while first < last and found[first].kind == "text" and not found[first].text.strip():
            first += 1
        while last > first and found[last - 1].kind == "text" and not found[last - 1].text.strip():
            last -= 1
        if last - first >= 2 and found[first].kind == "start" and _partner(found, first, last) == last - 1:
            first, last = first + 1, last - 1
            continue
        return first, last


def _children(found: list[Token], first: int, last: int) -> list[tuple[int, int]] | None:
    """The top-level elements of [first, last) when only blank text lies between them (links side by side), else
    None: such a row is several units, not one sentence."""
    pieces: list[tuple[int, int]] = []
    depth, start = 0, first
    for index in range(first, last):
        token = found[index]
        if depth == 0 and token.kind == "text":
            if token.text.strip():
                return None
            continue
        if depth == 0:
            start = index
        depth += {"start": 1, "end": -1}.get(token.kind, 0)
        if depth == 0:
            pieces.append((start, index + 1))
    return pieces if len(pieces) > 1 else None


def _units_in(found: list[Token], first: int, last: int) -> Iterator[tuple[int, int]]:
    first, last = _trimmed(found, first, last)
    children = _children(found, first, last)
    if children:
        for child in children:
            yield from _units_in(found, *child)
    elif any(found[i].kind == "text" and _LETTER.search(found[i].text) for i in range(first, last)):
        yield first, last


def spans(found: list[Token]) -> Iterator[tuple[int, int]]:
    """Each unit of the page as [first, last) token indices: a sentence-like run holding at least one letter."""
    for run in _runs(found):
        for piece in _balanced(found, *run):
            yield from _units_in(found, *piece)


def _tags_outside(found: list[Token], covered: list[tuple[int, int]]) -> Iterator[int]:
    """The tags not inside any unit (a unit's own tags travel with its words)."""
    inside = {index for first, last in covered for index in range(first, last)}
    return (i for i, token in enumerate(found) if token.kind in ("start", "void") and i not in inside)


def _attributes(tag: str) -> Iterator[re.Match[str]]:
    """The attribute values of a tag a reader meets, each holding a letter."""
    for pattern in (_ATTRIBUTE, _DESCRIPTION):
        yield from (m for m in pattern.finditer(tag) if _LETTER.search(m.group(2)))


def units(html: str) -> list[str]:
    """Every message of a page, in reading order: text units, then the attributes a reader meets."""
    found = tokens(html)
    covered = list(spans(found))
    messages = [normal("".join(t.text for t in found[a:b])) for a, b in covered]
    for index in _tags_outside(found, covered):
        messages += [m.group(2) for m in _attributes(found[index].text)]
    return messages


def translate(html: str, say: Callable[[str], str], language: str) -> str:
    """The page with each unit replaced by `say(unit)` and `<html lang>` set to `language`."""
    found = tokens(html)
    covered = list(spans(found))
    pieces = [t.text for t in found]
    for first, last in covered:
        raw = "".join(pieces[first:last])
        lead, trail = raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()) :]  # `row <input>` keeps its space
        pieces[first:last] = [lead + say(normal(raw)) + trail] + [""] * (last - first - 1)
    for index in _tags_outside(found, covered):
        tag = pieces[index]
        for match in reversed(list(_attributes(tag))):
            tag = tag[: match.start(2)] + say(match.group(2)) + tag[match.end(2) :]
        pieces[index] = tag
    page = "".join(pieces)
    return re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', page, count=1)
