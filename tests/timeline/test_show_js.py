"""The page's show.js reads the timeline exactly as timeline/state.py does: node plays the same JSON at many times."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

from foggyhill.timeline import Envelope, FrameState, ShowSettings, build_timeline, envelope_at, state_at

STATIC = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static"


def js_states(timeline_json: dict[str, object], times: list[float]) -> list[dict[str, object]]:
    """stateAt from show.js (and its import of common/spring.js) evaluated by node at each time."""
    node = shutil.which("node")
    assert node, "node is needed to run the page's show.js"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "common").mkdir()
        (root / "three-runs").mkdir()
        # node loads ES modules by the .mjs name; the page's own files are copied unchanged apart from that
        (root / "common" / "spring.mjs").write_text((STATIC / "common" / "spring.js").read_text())
        show = (STATIC / "three-runs" / "show.js").read_text().replace("../common/spring.js", "../common/spring.mjs")
        (root / "three-runs" / "show.mjs").write_text(show)
        (root / "data.json").write_text(json.dumps({"show": timeline_json, "times": times}))
        harness = root / "run.mjs"
        harness.write_text(
            "import { readFileSync } from 'node:fs';\n"
            "import { stateAt } from './three-runs/show.mjs';\n"
            "const { show, times } = JSON.parse(readFileSync(new URL('./data.json', import.meta.url)));\n"
            "console.log(JSON.stringify(times.map((t) => stateAt(show, t))));\n"
        )
        done = subprocess.run([node, str(harness)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def check_same(py: FrameState, js: dict[str, object]) -> None:
    for name in ("section", "run", "step", "current_step", "phase", "speed", "flown"):
        assert js[name] == getattr(py, name), (py.t, name)
    if py.ball_w is None:
        assert js["ball_w"] is None
    else:
        assert js["ball_w"] == pytest.approx(py.ball_w, abs=1e-9), py.t
        if not py.flown:
            assert js["ball_loss"] == pytest.approx(py.ball_loss, abs=0.02), py.t  # the page reads the drawn curve
    assert (js["tangent"] is None) == (py.tangent is None), py.t
    if py.tangent:
        assert js["tangent"]["opacity"] == pytest.approx(py.tangent.opacity, abs=1e-12)
        assert js["tangent"]["slope"] == py.tangent.slope
    assert [p["w"] for p in js["trail"]] == list(py.trail)
    for js_run, py_run in zip(js["runs"], py.runs, strict=True):
        assert js_run["losses"] == pytest.approx(list(py_run.losses), rel=1e-15)  # JSON may write 3.6e16 as an int
        assert js_run["distances"] == list(py_run.distances)
    assert [r["kind"] for r in js["runs"]] == [r.kind for r in py.runs]
    assert (js["card"] is None) == (py.card is None)
    if py.card:
        assert js["card"]["headline"] == py.card.headline and js["card"]["opacity"] == pytest.approx(py.card.opacity)
    assert js["intro_opacity"] == pytest.approx(py.intro_opacity)
    assert js["summary_opacity"] == pytest.approx(py.summary_opacity)


@pytest.mark.parametrize("settings", [ShowSettings(), ShowSettings(speeds=(0.02, 0.46, 0.9), steps=12)])
def test_the_page_and_the_video_see_the_same_show(settings: ShowSettings) -> None:
    show = build_timeline(settings)
    times = [round(i * 0.0371, 6) for i in range(int(show.total / 0.0371) + 1)] + [show.total]
    times += [p.start for r in show.runs for s in r.steps for p in s.phases]  # every phase edge exactly
    for js, t in zip(js_states(show.to_dict(), times), times, strict=True):
        check_same(state_at(show, t), js)


def test_the_page_shapes_each_tone_with_the_same_envelope() -> None:
    """sound.js's envelope (Web Audio) equals timeline/sound.py's (the exported WAV) on a fine grid."""
    node = shutil.which("node")
    assert node, "node is needed to run the page's sound.js"
    envelope = Envelope()
    times = [i * envelope.duration / 400 for i in range(-10, 411)]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "sound.mjs").write_text((STATIC / "three-runs" / "sound.js").read_text())
        (root / "run.mjs").write_text(
            "import { envelopeAt } from './sound.mjs';\n"
            f"const env = {json.dumps(envelope.to_dict())}; const times = {json.dumps(times)};\n"
            "console.log(JSON.stringify(times.map((t) => envelopeAt(env, t))));\n"
        )
        done = subprocess.run([node, str(root / "run.mjs")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    expected = envelope_at(envelope, np.array(times))
    assert json.loads(done.stdout) == pytest.approx(expected.tolist(), abs=1e-12)
