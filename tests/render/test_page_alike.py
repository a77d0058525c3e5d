"""The page writes what the video writes: node runs the page's own stage.js on the same timeline JSON and its
caption, chart notes and numbers must equal the video's (foggyhill/render/scene.py) at every moment."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from foggyhill.render.scene import caption_for, chart_note
from foggyhill.timeline import ShowSettings, build_timeline, readable, state_at

STATIC = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static"
HARNESS = """
import { readFileSync } from "node:fs";
import { formatNumber } from "./common/format.js";
import { stateAt } from "./three-runs/show.js";
import { captionFor, chartNote } from "./three-runs/stage.js";
const { show, times, numbers } = JSON.parse(readFileSync(new URL("./data.json", import.meta.url)));
const frames = times.map((t) => {
  const state = stateAt(show, t);
  return { caption: captionFor(show, state), notes: state.runs.map(chartNote) };
});
console.log(JSON.stringify({ frames, numbers: numbers.map((x) => [formatNumber(x), formatNumber(x, { digits: 2 })]) }));
"""


def run_page(data: dict[str, object]) -> dict[str, object]:
    """The page's modules, unchanged, run by node on `data` (a folder marked as ES modules holds them)."""
    node = shutil.which("node")
    assert node, "node is needed to run the page's modules"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for part in ("common", "three-runs"):
            shutil.copytree(STATIC / part, root / part)
        (root / "package.json").write_text('{"type": "module"}')
        (root / "data.json").write_text(json.dumps(data))
        (root / "run.js").write_text(HARNESS)
        done = subprocess.run([node, str(root / "run.js")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.mark.parametrize("settings", [ShowSettings(), ShowSettings(speeds=(0.59, 0.6, 0.9), steps=12)])
def test_the_page_and_the_video_write_the_same_words(settings: ShowSettings) -> None:
    show = build_timeline(settings)
    times = [round(i * 0.0531, 6) for i in range(int(show.total / 0.0531) + 1)]
    seen = run_page({"show": show.to_dict(), "times": times, "numbers": []})
    for frame, t in zip(seen["frames"], times, strict=True):  # type: ignore[call-overload]
        state = state_at(show, t)
        assert frame["caption"] == caption_for(show, state), t
        assert frame["notes"] == [chart_note(view) for view in state.runs], t


def test_numbers_read_the_same_on_the_page_and_in_the_video() -> None:
    numbers = [0.0, 2.0, -0.815, 0.0791, 0.0625, 1.2345, 999.95, 1000.45, 4.9e-4, 5e-4, 1.3e-6, -2.18e4, 3.2e7]
    seen = run_page(
        {"show": build_timeline(ShowSettings(speeds=(0.46,), steps=1)).to_dict(), "times": [], "numbers": numbers}
    )
    assert seen["numbers"] == [[readable(x), readable(x, 2)] for x in numbers]
