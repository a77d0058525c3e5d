"""Every page's link goes through common/state.js with /api/schema's fields: node runs state.js on each page's tool,
a link read and written again comes back the same, and a refused value is worded as the engine words it."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from foggyhill.core import FIELDS, Field, SettingError
from foggyhill.core.map_settings import DIAGRAM_FIELDS, MAP_FIELDS
from foggyhill.core.race_settings import RACE_FIELDS
from foggyhill.lang import use
from foggyhill.timeline import SHOW_FIELDS
from foggyhill.web.schema import SERVER_LIMITS, settings_schema

STATIC = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static"
HARNESS = """
import { readFileSync } from "node:fs";
import { decodeSettings, encodeSettings, toolFields } from "./common/state.js";
const { schema, cases } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = cases.map(([tool, search]) => {
  const fields = toolFields(schema, tool);
  const { settings, problems } = decodeSettings(search, schema, fields);
  return { settings, problems, query: encodeSettings(settings, schema, fields) };
});
console.log(JSON.stringify(out));
"""

# Links each page opens from, written as the page writes them: only what differs from the defaults, in its order.
LINKS = [
    ("map", "?landscape=wavy&steps=150&optimizer=momentum"),
    ("map", "?formula=w%5E2&speed_min=0.01&speed_max=1.5"),
    ("bifurcation", "?start=3&speed_min=0.55&speed_max=0.9"),
    ("race", "?start=1.5&speed=0.2&steps=120"),
    ("race", "?formula=%28w+-+1%29%5E2&mode=noisy&noise=2&seeds=12&optimizer=adam"),
    ("three-runs", "?speeds=0.1,0.46&steps=5&step_budget=0.5"),
    ("three-runs", "?landscape=bowl&start=-2&intro=0&card=1.5&summary=10"),
    ("race", ""),
]
# One refused value per kind of field (choice, whole number, number above a minimum, text), on every page's tool.
BAD = [
    ("map", "steps", "99999"),
    ("map", "optimizer", "adam"),
    ("bifurcation", "speed_min", "0"),
    ("race", "mode", "sprint"),
    ("race", "seeds", "500"),
    ("race", "speed", "-1"),
    ("race", "formula", "w" * 201),
    ("three-runs", "steps", "500"),
    ("three-runs", "landscape", "mountain"),
    ("three-runs", "step_budget", "abc"),
]


def run_state(
    cases: list[tuple[str, str]], tamper: tuple[str, str] | None = None, language: str = "en"
) -> list[dict[str, Any]]:
    """state.js run by node on each (tool, query string) with today's schema, on a page in `language`; `tamper` edits
    a copy first."""
    node = shutil.which("node")
    assert node, "node is needed to run the page's modules"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(STATIC / "common", root / "common")
        if tamper:
            path = root / "common" / "state.js"
            assert tamper[0] in path.read_text()
            path.write_text(path.read_text().replace(*tamper))
        if language != "en":  # node has no page: give words.js the page's language and catalog as a browser would
            words = root / "common" / "words.js"
            table = (STATIC / "lang" / f"{language}.json").read_text()
            text = words.read_text().replace("const TABLE = await load(LANGUAGE);", f"const TABLE = {table};")
            old = 'const DOCUMENT = typeof document === "undefined" ? null : document;'
            assert old in text
            words.write_text(text.replace(old, f"const DOCUMENT = {{ documentElement: {{ lang: {language!r} }} }};"))
        (root / "package.json").write_text('{"type": "module"}')
        (root / "run.js").write_text(HARNESS)
        with use(language):
            schema = settings_schema()
        (root / "in.json").write_text(json.dumps({"schema": schema, "cases": cases}))
        done = subprocess.run(
            [node, str(root / "run.js"), str(root / "in.json")], capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def engine_words(tool: str, name: str, raw: str) -> str:
    """What the engine says of `raw` for this field, from the Field the schema was made from (server limits applied)."""
    own = {"map": MAP_FIELDS, "bifurcation": DIAGRAM_FIELDS, "race": RACE_FIELDS, "three-runs": SHOW_FIELDS}[tool]
    field: Field = own.get(name) or FIELDS[name]
    if name in SERVER_LIMITS and field.maximum is not None and field.maximum > SERVER_LIMITS[name]:
        field = Field(**{**field.__dict__, "maximum": SERVER_LIMITS[name]})
    with pytest.raises(SettingError) as refused:
        field.parse(raw)
    return refused.value.message


def test_every_pages_link_round_trips_through_state_js() -> None:
    results = run_state(LINKS)
    for (tool, search), got in zip(LINKS, results, strict=True):
        assert got["problems"] == [], (tool, search, got["problems"])
        assert got["query"] == search, (tool, search)


def test_every_tool_reads_its_defaults_from_the_schema() -> None:
    tools = settings_schema()["tools"]
    results = run_state([(tool, "") for tool in tools])
    for tool, got in zip(tools, results, strict=True):
        assert got["settings"] == {name: spec["default"] for name, spec in tools[tool]["fields"].items()}
        assert got["query"] == ""


def test_a_refused_value_says_what_is_allowed_in_the_engines_words() -> None:
    results = run_state([(tool, "?" + urlencode({name: raw})) for tool, name, raw in BAD])
    for (tool, name, raw), got in zip(BAD, results, strict=True):
        assert [p["field"] for p in got["problems"]] == [name]
        assert got["problems"][0]["message"] == engine_words(tool, name, raw), (tool, name)
        assert got["query"] == "", "a refused value stays at its default"


def test_a_refused_value_says_what_is_allowed_in_the_engines_spanish() -> None:
    results = run_state([(tool, "?" + urlencode({name: raw})) for tool, name, raw in BAD], language="es")
    for (tool, name, raw), got in zip(BAD, results, strict=True):
        with use("es"):
            said = engine_words(tool, name, raw)
        assert got["problems"][0]["message"] == said, (tool, name)
        assert said != engine_words(tool, name, raw), "the same words in English: nothing was translated"


def test_the_wording_check_can_fail() -> None:
    tool, name, raw = BAD[4]
    tamper = ('"a whole number at least {low} and at most {high}"', '"a whole number from {low} up to {high}"')
    [got] = run_state([(tool, "?" + urlencode({name: raw}))], tamper=tamper)
    assert got["problems"][0]["message"] != engine_words(tool, name, raw)
