"""The message catalogs: find every word foggyhill shows, keep the translations beside them, compile what runs.

    python3 scripts/catalogs.py update [--domain core]   new messages into lang/catalogs/es/<domain>.po, gone ones out
    python3 scripts/catalogs.py compile                  write lang/catalogs/es.mo and web/static/lang/es.json
    python3 scripts/catalogs.py check                    list what is untranslated or lost a placeholder (exit 1)

Messages are found in the Python sources (`_`, `N_`, `say` with a literal string), the pages' scripts (`t` with a
literal string) and the pages' HTML (every unit of text, `foggyhill.lang.html`). Each part of the program has its own
catalog (its *domain*), so several people can translate at once; the compiled forms merge them. English is the source
and is never written down twice. Needs Babel (the test extras).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_javascript, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "foggyhill"
sys.path.insert(0, str(ROOT / "src"))

from foggyhill.lang import CATALOGS, LANGUAGES, SOURCE  # noqa: E402
from foggyhill.lang.html import units  # noqa: E402

STATIC = PACKAGE / "web" / "static"
PAGE_CATALOGS = STATIC / "lang"
TRANSLATED = [language for language in LANGUAGES if language != SOURCE]
FIXED_DATE = datetime(2026, 12, 7, tzinfo=UTC)  # the compiled files do not change unless a word does
PYTHON_DOMAINS = {
    "core": "core",
    "timeline": "core",
    "render": "core",
    "nn": "studio",
    "studio": "studio",
    "web": "web",
    "cli": "cli",
    "notebook": "cli",
    "lang": "web",
}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[a-z]|%[a-z]")  # str.format's, and %-style (argparse's)
TAG = re.compile(r"<[^>]+>")

Found = dict[str, dict[str, list[str]]]  # domain -> message -> the files it is in


def domain_of(path: Path) -> str | None:
    """The catalog a source file's words belong to."""
    parts = path.relative_to(PACKAGE).parts
    if parts[0] == "web" and len(parts) > 2 and parts[1] == "static":
        return f"pages-{parts[2]}" if len(parts) > 3 else None
    if path.suffix == ".py":
        return PYTHON_DOMAINS.get(parts[0] if len(parts) > 1 else "")
    return None


def messages_in(path: Path) -> Iterator[str]:
    """Every message one source file holds."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        yield from units(text)
        return
    if path.suffix == ".py":
        found = extract_python(io.BytesIO(text.encode()), {"_": None, "N_": None, "say": None}, [], {})
    elif path.suffix == ".js":
        found = extract_javascript(io.BytesIO(text.encode()), {"t": None}, [], {"encoding": "utf-8"})
    else:
        return
    for _line, _function, message, _comments in found:
        if isinstance(message, tuple):  # say("… {n}", n=…) and t("… {n}", {n}): the text is the first argument
            message = message[0]
        if isinstance(message, str) and message:
            yield message


def extract() -> Found:
    """Every message of the program by domain, with the files it was found in (sorted, stable)."""
    found: Found = {}
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".js", ".html") or "catalogs" in path.parts:
            continue
        domain = domain_of(path)
        if domain is None:
            continue
        for message in messages_in(path):
            found.setdefault(domain, {}).setdefault(message, [])
            where = str(path.relative_to(ROOT))
            if where not in found[domain][message]:
                found[domain][message].append(where)
    return found


def po_path(language: str, domain: str) -> Path:
    """Where a domain's catalog for a language lives."""
    return CATALOGS / language / f"{domain}.po"


def read(language: str, domain: str) -> Catalog:
    """A domain's catalog (empty when it does not exist yet)."""
    path = po_path(language, domain)
    if not path.exists():
        return Catalog(locale=language, domain=domain)
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=domain)


def fresh_catalog(language: str, domain: str) -> Catalog:
    """An empty catalog with a header that never changes by itself."""
    return Catalog(
        locale=language,
        domain=domain,
        project="foggyhill",
        version="0.1",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
        charset="utf-8",
    )


def update(language: str, domain: str, messages: dict[str, list[str]]) -> tuple[int, int]:
    """Rewrite a domain's catalog: the found messages in order, their translations kept; (added, dropped)."""
    old = read(language, domain)
    kept = {m.id: m for m in old if m.id}
    new = fresh_catalog(language, domain)
    for message, files in messages.items():
        before = kept.get(message)
        new.add(message, before.string if before else "", locations=[(f, None) for f in files])
    path = po_path(language, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, new, width=120, include_lineno=False, omit_header=False)
    path.write_bytes(buffer.getvalue())
    return len(set(messages) - set(kept)), len(set(kept) - set(messages))


def translations(language: str) -> dict[str, dict[str, str]]:
    """Every domain's translated messages of a language."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted((CATALOGS / language).glob("*.po")):
        catalog = read(language, path.stem)
        found[path.stem] = {m.id: m.string for m in catalog if m.id and isinstance(m.string, str) and m.string}
    return found


def merged(done: dict[str, dict[str, str]], pages_only: bool = False) -> dict[str, str]:
    """One table from every domain's translations (or the pages' domains only), in a stable order."""
    table: dict[str, str] = {}
    for domain, messages in done.items():
        if not pages_only or domain.startswith("pages-"):
            table.update(messages)
    return dict(sorted(table.items()))


def compiled(language: str) -> tuple[bytes, bytes]:
    """The compiled forms of a language: the gettext .mo (everything) and the pages' JSON, from one reading of its
    catalogs."""
    done = translations(language)
    catalog = fresh_catalog(language, "foggyhill")
    for message, text in merged(done).items():
        catalog.add(message, text)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    pages = json.dumps(merged(done, pages_only=True), ensure_ascii=False, indent=0, sort_keys=True)
    return buffer.getvalue(), (pages + "\n").encode()


def write_whole(path: Path, data: bytes) -> None:
    """Write a file so a reader never sees half of it (several people may compile at once)."""
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    part.write_bytes(data)
    part.replace(path)


def compile_all() -> None:
    """Write every language's compiled forms."""
    PAGE_CATALOGS.mkdir(parents=True, exist_ok=True)
    for language in TRANSLATED:
        mo, pages = compiled(language)
        write_whole(CATALOGS / f"{language}.mo", mo)
        write_whole(PAGE_CATALOGS / f"{language}.json", pages)


def problems(language: str, found: Found | None = None) -> list[str]:
    """What keeps a language from being complete: missing, empty, or a placeholder or tag lost or added."""
    found = extract() if found is None else found
    done = translations(language)
    said: list[str] = []
    for domain, messages in found.items():
        table = done.get(domain, {})
        for message in messages:
            text = table.get(message)
            if not text:
                said.append(f"{domain}: no translation of {message!r}")
            elif sorted(PLACEHOLDER.findall(message)) != sorted(PLACEHOLDER.findall(text)):
                said.append(f"{domain}: {message!r} -> {text!r} changes the placeholders")
            elif sorted(TAG.findall(message)) != sorted(TAG.findall(text)):
                said.append(f"{domain}: {message!r} -> {text!r} changes the markup")
    for domain, table in done.items():
        for message in set(table) - set(found.get(domain, {})):
            said.append(f"{domain}: {message!r} is no longer in the program (run `update`)")
    return said


def conflicts(language: str) -> list[str]:
    """Messages translated differently in two domains (the compiled forms can hold only one)."""
    seen: dict[str, tuple[str, str]] = {}
    said = []
    for domain, table in translations(language).items():
        for message, text in table.items():
            if message in seen and seen[message][1] != text:
                said.append(f"{message!r}: {seen[message][0]} says {seen[message][1]!r}, {domain} says {text!r}")
            seen.setdefault(message, (domain, text))
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["update", "compile", "check"])
    parser.add_argument("--domain", help="update only this catalog (core, studio, web, cli, pages-<page>)")
    args = parser.parse_args(argv)
    if args.action == "update":
        found = extract()
        for language in TRANSLATED:
            for domain in sorted(found):
                if args.domain in (None, domain):
                    added, dropped = update(language, domain, found[domain])
                    print(f"{language}/{domain}.po: {len(found[domain])} messages, {added} new, {dropped} dropped")
        return 0
    if args.action == "compile":
        compile_all()
        print("compiled " + ", ".join(TRANSLATED))
        return 0
    said = [p for language in TRANSLATED for p in problems(language) + conflicts(language)]
    if args.domain:
        said = [p for p in said if p.startswith(f"{args.domain}: ") or f" {args.domain} says " in p]
    print("\n".join(said) if said else "every message is translated")
    return 1 if said else 0


if __name__ == "__main__":
    raise SystemExit(main())
