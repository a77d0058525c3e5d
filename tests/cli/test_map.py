"""`foggyhill map`: the text map, --json in the API's shape, --out PNG, and bad input exiting 2 with one line."""

from __future__ import annotations

import base64
import json
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from foggyhill.cli import main
from foggyhill.core import VERDICT_KINDS, descend

SMALL = ("--speeds", "30", "--starts", "20", "--steps", "120")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_map_prints_a_text_map_with_a_legend_and_the_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "map", *SMALL)
    assert code == 0 and err == ""
    assert "speed (log scale)" in out
    assert "'@' settled at the lowest point" in out and "' ' flew off" in out
    assert "2/curvature = 0.593" in out
    rows = [line for line in out.splitlines() if line.startswith("start")]
    assert len(rows) == 18 and all(line.endswith("|") for line in rows)


def test_map_json_matches_single_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "map", "--landscape", "wavy", *SMALL, "--json")
    assert code == 0
    data = json.loads(out)
    kinds = np.frombuffer(base64.b64decode(data["kinds"]), dtype=np.int8).reshape(30, 20)
    assert data["landscape"]["name"] == "wavy" and data["steps"] == 120
    for i, j in [(0, 0), (10, 5), (20, 10), (29, 19), (25, 3)]:
        run = descend("wavy", speed=data["speeds"][i], start=data["starts"][j], steps=120)
        assert run.verdict.kind == VERDICT_KINDS[kinds[i, j]]


def test_map_out_writes_a_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    code, out, _ = run_cli(capsys, "map", "--formula", "w^4 - w^2", *SMALL, "--out", str(target))
    assert code == 0 and str(target) in out
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1800, 1000)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--steps", "0"], "steps must be a whole number"),
        (["--speeds", "many"], "speeds must be a whole number"),
        (["--speeds", "1000", "--starts", "1000"], "at most 250,000"),
        (["--speed-min", "3", "--speed-max", "1"], "speed_max must be greater than speed_min"),
        (["--optimizer", "adam"], "optimizer must be one of plain, momentum, nesterov"),
        (["--landscape", "moon"], "landscape must be one of tilted-double-well"),
        (["--formula", "w^"], "the formula ends too early"),
        (["--out", "map.jpg"], "--out must name a .png file"),
        (["--out", "/no/such/folder/map.png"], "does not exist"),
        (["--start", "nan", "--out", "x.png"], "start must be a number"),
        (["--landscape", "bowl", "--formula", "w^2"], "not allowed with argument"),
        (["--json", "--out", "x.png"], "not allowed with argument"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    code, out, err = run_cli(capsys, "map", *argv)
    assert code == 2 and out == ""
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


# Runs `foggyhill map` in a fresh interpreter, then prints the foggyhill modules it loaded (help exits via SystemExit).
LOADED = """
import contextlib, io, json, sys
from foggyhill.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        code = main(sys.argv[1:])
    except SystemExit as done:
        code = done.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(m for m in sys.modules if "foggyhill" in m)}))
"""


def loaded_by(*argv: str) -> dict[str, Any]:
    """Run `foggyhill map ARGV` in a fresh interpreter: its exit code, what it printed, the modules it loaded."""
    done = subprocess.run([sys.executable, "-c", LOADED, "map", *argv], capture_output=True, text=True, timeout=120)
    report: dict[str, Any] = json.loads(done.stdout)
    # The flags come from the registry of tools (web/tools.py), which is light; the server and Studio stay unloaded.
    web = [m for m in report["modules"] if m == "foggyhill.web" or m.startswith("foggyhill.web.")]
    assert set(web) <= {"foggyhill.web", "foggyhill.web.simulations", "foggyhill.web.tools"}, web
    heavy = ("foggyhill.studio", "fastapi", "foggyhill.web.answers", "foggyhill.web.engines")
    assert not [m for m in report["modules"] if m.startswith(heavy)]
    assert "foggyhill.web.tools" in report["modules"]  # the flags did come from the registry
    return report


def test_map_help_loads_only_the_registry_of_the_web_layer() -> None:
    report = loaded_by("--help")
    assert report["code"] == 0
    assert "--speed-min SPEED_MIN" in report["out"]
    assert "the smallest speed on the map (default 0.001)" in report["out"]


def test_a_small_map_run_does_not_load_the_web_layer() -> None:
    text = loaded_by(*SMALL)
    assert text["code"] == 0 and "speed (log scale)" in text["out"]
    as_json = loaded_by(*SMALL, "--json")
    assert as_json["code"] == 0 and json.loads(as_json["out"])["steps"] == 120
