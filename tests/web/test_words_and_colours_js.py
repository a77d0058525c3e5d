"""The words and colours the pages draw with are the engine's: /api/schema carries them from Python, and where a page
keeps a copy (the three-runs stage, which node and the notebook widgets also run; the editor's words; the speed zones;
base.css), node runs the page's own module and its values must equal Python's."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import skia

from foggyhill.core import HEADLINES, VERDICT_KINDS, ZONE_WORDS
from foggyhill.render import theme
from foggyhill.render.maps import LEGEND_WORDS, VERDICT_RGB
from foggyhill.render.palette import OKABE_ITO, SHOW_RUNS, SHOW_VERDICTS, VERDICT_HUES
from foggyhill.studio.grammar import KEYWORDS, editor_words
from foggyhill.web.schema import settings_schema

STATIC = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static"
HARNESS = """
import { RUN_COLOURS, VERDICT_COLOURS } from "./three-runs/overlays.js";
import { phaseColour } from "./three-runs/phase-strip.js";
import { WORDS, classify } from "./studio/highlight.js";
import { ZONES } from "./common/zones.js";
const classes = {};
for (const word of Object.values(WORDS).flat()) classes[word] = [...new Set(classify(word))];
const tangent = phaseColour("gradient", "");
console.log(JSON.stringify({ RUN_COLOURS, VERDICT_COLOURS, tangent, WORDS, classes, ZONES }));
"""


def run_pages(tamper: tuple[str, str, str] | None = None) -> dict[str, object]:
    """The pages' modules run by node; `tamper` = (file, old, new) edits a copy first, to prove a check can fail."""
    node = shutil.which("node")
    assert node, "node is needed to run the page's modules"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for part in ("common", "three-runs", "studio"):
            shutil.copytree(STATIC / part, root / part)
        if tamper:
            path, old, new = tamper
            text = (root / path).read_text()
            assert old in text, (path, old)
            (root / path).write_text(text.replace(old, new))
        (root / "package.json").write_text('{"type": "module"}')
        (root / "run.js").write_text(HARNESS)
        done = subprocess.run([node, str(root / "run.js")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def hex_of(colour: int) -> str:
    """A skia colour as "#rrggbb"."""
    return f"#{skia.ColorGetR(colour):02x}{skia.ColorGetG(colour):02x}{skia.ColorGetB(colour):02x}"


@pytest.fixture(scope="module")
def pages() -> dict[str, object]:
    return run_pages()


def test_the_three_runs_page_draws_in_the_videos_colours(pages: dict[str, object]) -> None:
    assert pages["RUN_COLOURS"] == list(SHOW_RUNS) == [hex_of(c) for c in theme.RUN_COLOURS]
    assert pages["VERDICT_COLOURS"] == SHOW_VERDICTS == {k: hex_of(c) for k, c in theme.VERDICT_COLOURS.items()}
    assert set(SHOW_VERDICTS) == set(VERDICT_KINDS)
    assert pages["tangent"] == hex_of(theme.TANGENT)


def test_the_editor_colours_the_grammars_words(pages: dict[str, object]) -> None:
    words = editor_words()
    assert pages["WORDS"] == words
    assert set(words["commands"] + words["block"]) == set(KEYWORDS)
    expected = {"commands": "keyword", "block": "keyword", "layer": "layer", "choices": "choice"}
    classes = pages["classes"]
    assert isinstance(classes, dict)
    for group, kind in expected.items():
        assert all(classes[word] == [kind] for word in words[group]), group


def test_the_speed_zones_begin_with_the_engines_zone_words(pages: dict[str, object]) -> None:
    zones = pages["ZONES"]
    assert isinstance(zones, list)
    shared = [z for z in zones if z["zone"] in ZONE_WORDS]
    assert len(shared) == 3
    assert all(ZONE_WORDS[z["zone"]].split(":")[0] == z["words"] for z in shared)


@pytest.mark.parametrize(
    "tamper",
    [
        ("three-runs/overlays.js", '"#ef4444"', '"#ef4445"'),
        ("studio/highlight.js", '"momentum", "adam"', '"momentum"'),
        ("common/zones.js", 'words: "settles while swinging"', 'words: "settles swinging"'),
    ],
)
def test_a_page_that_drifts_from_the_engine_is_caught(tamper: tuple[str, str, str]) -> None:
    drifted = run_pages(tamper)
    zones = {z["zone"]: z["words"] for z in drifted["ZONES"]}  # type: ignore[attr-defined]
    zones_agree = all(ZONE_WORDS[zone].split(":")[0] == zones[zone] for zone in zones.keys() & ZONE_WORDS.keys())
    assert (drifted["VERDICT_COLOURS"], drifted["WORDS"], zones_agree) != (SHOW_VERDICTS, editor_words(), True)


def test_the_schema_carries_the_maps_words_and_colours() -> None:
    schema = settings_schema()
    verdicts = schema["verdicts"]
    assert [v["kind"] for v in verdicts] == list(VERDICT_KINDS)
    assert {v["kind"]: v["headline"] for v in verdicts} == HEADLINES
    assert {v["kind"]: v["legend"] for v in verdicts} == LEGEND_WORDS
    assert {v["kind"]: tuple(int(v["colour"][i : i + 2], 16) for i in (1, 3, 5)) for v in verdicts} == VERDICT_RGB
    assert schema["studio"] == editor_words()


def test_the_pages_okabe_ito_colours_are_the_palettes() -> None:
    css = (STATIC / "common" / "base.css").read_text()
    light = css[: css.index("@media (prefers-color-scheme: dark)")]
    declared = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6});", light))
    assert {name: declared[name] for name in OKABE_ITO} == OKABE_ITO
    dark = css[css.index("@media (prefers-color-scheme: dark)") :]
    assert not [hue for hue in VERDICT_HUES.values() if f"--{hue}:" in dark]  # the map's colours in either theme
