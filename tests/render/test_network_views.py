"""`foggyhill run` draws plot_network, plot_boundary and plot_weight as PNGs beside the program (render/network_view.py,
render/boundary_view.py), and --json carries each picture's documented fields with the PNG's path."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import skia

PROGRAM = """data = load "spirals"
net = make_network
  layer input from data
  layer hidden size 8 kind tanh
  layer output size 2 kind softmax
end
train_network net, on: data, rounds: 15, speed: 0.5
plot_network net
plot_boundary net, on: data
plot_weight net, on: data, layer: 1, weight: [2, 3]
plot_weight net, on: data, layer: 2, bias: 1
explain_step net, on: data, row: 4
"""
FIELDS = {
    "network_picture": {"network", "inputs", "outputs", "sizes", "layers", "edges", "biases", "edges_total", "shown"},
    "boundary": {"features", "x_range", "y_range", "xs", "ys", "grid", "confidence", "points", "points_total"},
    "weight_curve": {"layer", "weight", "bias", "value", "loss", "slope", "curve"},
    "step": {"row", "speed", "changes_network", "raw", "target", "answer", "loss", "layers"},
}


def run(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """foggyhill run on the program, written into tmp_path."""
    (tmp_path / "look.studio").write_text(PROGRAM, encoding="utf-8")
    command = [sys.executable, "-m", "foggyhill", "run", str(tmp_path / "look.studio"), *flags]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def size_of(path: Path) -> tuple[int, int]:
    """A PNG's width and height from its header, after checking the signature."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def hues(path: Path) -> tuple[int, int]:
    """How many pixels are clearly blue (sky) and clearly orange: the two signs, or the first two classes."""
    rgb = np.array(skia.Image.open(str(path)).toarray(colorType=skia.kRGBA_8888_ColorType))[:, :, :3].astype(int)
    return int((rgb[:, :, 2] - rgb[:, :, 0] > 60).sum()), int((rgb[:, :, 0] - rgb[:, :, 2] > 60).sum())


def test_the_pictures_are_saved_beside_the_program_as_pngs(tmp_path: Path) -> None:
    done = run(tmp_path)
    assert done.returncode == 0, done.stderr
    names = [
        "look-net-network.png",
        "look-net-boundary.png",
        "look-net-weight-1-2-3.png",
        "look-net-weight-2-bias-1.png",
    ]
    for name in names:
        path = tmp_path / name
        assert f"saved to {path}" in done.stdout
        assert size_of(path) == (1200, 720) and path.stat().st_size > 10_000
    blue, orange = hues(tmp_path / "look-net-network.png")
    assert blue > 2000 and orange > 2000  # edges of both signs, far more than the legend's two short lines
    blue, orange = hues(tmp_path / "look-net-boundary.png")
    assert blue > 20_000 and orange > 20_000  # regions of both classes
    assert "explain_step changes no weight" in done.stdout


def test_json_events_carry_the_documented_fields_and_the_pngs(tmp_path: Path) -> None:
    done = run(tmp_path, "--json")
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    for kind, fields in FIELDS.items():
        found = [e for e in events if e["type"] == kind]
        assert found and all(fields <= set(e) for e in found), kind
        if kind != "step":
            assert all(Path(e["png"]).exists() for e in found)
    training = next(e for e in events if e["type"] == "training")
    assert training["views"]["network"] is True and training["views"]["boundary"]["features"] == ["x", "y"]
    pictured = [e for e in events if e["type"] == "round" and "boundary" in e]
    assert len(pictured) <= training["views"]["most"] and pictured[-1]["round"] == 15
