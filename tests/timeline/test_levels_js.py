"""The video's loss scale and colours (timeline/levels.py, render/levels.py) are the surfaces page's levels.js: node
runs the page's own file on the same grids and the numbers agree."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

from foggyhill.core.surfaces import SURFACES, get_surface
from foggyhill.render.levels import BANDS, viridis
from foggyhill.timeline.levels import legend_ticks, loss_scale

LEVELS = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static" / "surfaces" / "levels.js"
PROBES = [0.0, 0.001, 0.5, 3.0, 40.0, 1234.5]


def js_levels(grids: list[list[list[float | None]]], ts: list[float]) -> dict[str, object]:
    """lossScale, its t at PROBES above the bottom, legendTicks and viridis, by node from the page's own file."""
    node = shutil.which("node")
    assert node, "node is needed to run the page's levels.js"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "levels.mjs").write_text(LEVELS.read_text())
        (root / "data.json").write_text(json.dumps({"grids": grids, "ts": ts, "probes": PROBES}))
        harness = root / "run.mjs"
        harness.write_text(
            "import { readFileSync } from 'node:fs';\n"
            "import { lossScale, legendTicks, viridis, BANDS } from './levels.mjs';\n"
            "const { grids, ts, probes } = JSON.parse(readFileSync(new URL('./data.json', import.meta.url)));\n"
            "const scales = grids.map((rows) => { const s = lossScale(rows); return { log: s.log, low: s.low,\n"
            "  high: s.high, knee: s.knee, t: probes.map((p) => s.t(s.low + p)), ticks: legendTicks(s) }; });\n"
            "console.log(JSON.stringify({ scales, colours: ts.map(viridis), bands: BANDS }));\n"
        )
        done = subprocess.run([node, str(harness)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def grids() -> list[np.ndarray]:
    return [get_surface(name).field(60)[2] for name in SURFACES]


def test_the_loss_scale_and_its_ticks_are_the_pages(grids: list[np.ndarray]) -> None:
    rows = [[[float(v) if np.isfinite(v) else None for v in row] for row in g] for g in grids]
    js = js_levels(rows, [0.0])
    assert {s["log"] for s in js["scales"]} == {True, False}  # both kinds of scale are compared
    for grid, page in zip(grids, js["scales"], strict=True):
        scale = loss_scale(grid)
        assert (scale.knee is not None) == page["log"]
        assert (scale.low, scale.high) == (page["low"], page["high"])
        assert scale.knee == page["knee"]
        assert [float(scale.t(scale.low + p)) for p in PROBES] == pytest.approx(page["t"], rel=1e-12, abs=1e-15)
        ticks = [(tick["t"], tick["loss"]) for tick in page["ticks"]]
        assert legend_ticks(scale) == pytest.approx(ticks, rel=1e-12, abs=1e-12)


def test_viridis_and_its_bands_are_the_pages() -> None:
    ts = [k / 64 for k in range(65)] + [-0.5, 1.5]
    js = js_levels([[[0.0, 1.0]]], ts)
    assert js["bands"] == BANDS
    assert viridis(np.array(ts)).tolist() == js["colours"]
