"""The catalogs: every message the program says has its Spanish, keeps its placeholders and tags, is said one way,
and what runs (the compiled .mo and the pages' JSON) is what the catalogs hold."""

from __future__ import annotations

import ast
import importlib.util
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

from foggyhill import lang

ROOT = Path(__file__).resolve().parents[2]


def load_catalogs() -> ModuleType:
    """scripts/catalogs.py, the one tool that finds, checks and compiles the messages."""
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogs = load_catalogs()
FOUND = catalogs.extract()


def test_the_program_has_words_in_every_part() -> None:
    # If extraction broke (a keyword renamed, a folder moved), every other test here would pass on nothing.
    for domain in ("core", "studio", "web", "cli", "pages-gradient-descent", "pages-studio", "pages-common"):
        assert len(FOUND.get(domain, {})) >= 10, f"only {len(FOUND.get(domain, {}))} messages found in {domain}"


@pytest.mark.parametrize("language", catalogs.TRANSLATED)
def test_every_message_has_a_translation_with_its_placeholders_and_tags(language: str) -> None:
    problems = catalogs.problems(language, FOUND)
    assert problems == [], f"{len(problems)} problems, e.g.\n" + "\n".join(problems[:30])


@pytest.mark.parametrize("language", catalogs.TRANSLATED)
def test_the_same_english_is_said_one_way(language: str) -> None:
    assert catalogs.conflicts(language) == []


@pytest.mark.parametrize("language", catalogs.TRANSLATED)
def test_what_runs_is_what_the_catalogs_hold(language: str) -> None:
    mo, pages = catalogs.compiled(language)
    assert (lang.CATALOGS / f"{language}.mo").read_bytes() == mo, "run scripts/catalogs.py compile"
    assert (catalogs.PAGE_CATALOGS / f"{language}.json").read_bytes() == pages, "run scripts/catalogs.py compile"


def test_the_check_catches_a_lost_placeholder_a_lost_tag_and_a_missing_message(monkeypatch) -> None:
    found = {"core": {"speed {speed:g} settles": [], "the <em>loss</em>": [], "new words": []}}
    done = {"core": {"speed {speed:g} settles": "velocidad {v:g} se asienta", "the <em>loss</em>": "la pérdida"}}
    monkeypatch.setattr(catalogs, "translations", lambda language: done)
    said = catalogs.problems("es", found)
    assert len(said) == 3
    assert "changes the placeholders" in said[0] and "changes the markup" in said[1] and "no translation" in said[2]


def test_a_spanish_page_reads_the_words_its_scripts_say() -> None:
    """words.js's t() and num() in node, with the compiled JSON: the same Spanish Python says."""
    node = shutil.which("node")
    assert node, "node is needed to run the page's modules"
    table = json.loads((catalogs.PAGE_CATALOGS / "es.json").read_text())
    message, text = next((m, t) for m, t in sorted(table.items()) if "{" not in m)
    harness = (
        'import { t, num } from "./words.js";\n'
        f"console.log(JSON.stringify([t({json.dumps(message)}), "
        "num('12,345.5', 'es'), num('0.5', 'es'), num('0.5', 'en')]));"
    )
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        words = (catalogs.STATIC / "common" / "words.js").read_text()
        # node has no page: give the module the page's language and its catalog as the browser would
        words = words.replace(
            'const DOCUMENT = typeof document === "undefined" ? null : document;',
            "const DOCUMENT = { documentElement: { lang: 'es' } };",
        )
        words = words.replace("const TABLE = await load(LANGUAGE);", f"const TABLE = {json.dumps(table)};")
        (root / "words.js").write_text(words)
        (root / "harness.mjs").write_text(harness)
        out = subprocess.run([node, str(root / "harness.mjs")], capture_output=True, text=True, check=True).stdout
    translated, grouped, decimal, english = json.loads(out)
    assert translated == text
    assert grouped == lang.number_text("12,345.5", "es") == "12.345,5"
    assert decimal == "0,5" and english == "0.5"


def test_no_message_hides_inside_an_f_string() -> None:
    # The extractor reads calls, not f-strings' insides: f"{_('Language')}" would never reach a catalog.
    hidden = []
    for path in sorted((ROOT / "src" / "foggyhill").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in ("_", "N_", "say")
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []
