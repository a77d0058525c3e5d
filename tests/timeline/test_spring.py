"""The spring in closed form: it starts at rest, obeys its equation, settles, and agrees with spring.js."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from foggyhill.timeline import Spring, spring

SPRING_JS = Path(__file__).resolve().parents[2] / "src" / "foggyhill" / "web" / "static" / "common" / "spring.js"
# (stiffness, damping, mass): the default (under-damped), critically damped, over-damped, light and heavy
CASES = [(110.0, 16.0, 1.0), (100.0, 20.0, 1.0), (50.0, 40.0, 1.0), (300.0, 5.0, 1.0), (110.0, 16.0, 3.0)]
TIMES = [0.0, 0.001, 0.01, 0.05, 0.1, 0.17, 0.25, 0.33, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0]


@pytest.mark.parametrize(("k", "c", "m"), CASES)
def test_starts_at_rest_and_settles_on_the_target(k: float, c: float, m: float) -> None:
    assert spring(0.0, -2.0, 1.0, k, c, m) == -2.0
    assert spring(-1.0, -2.0, 1.0, k, c, m) == -2.0
    h = 1e-6
    assert abs(spring(h, -2.0, 1.0, k, c, m) - (-2.0)) < 1e-6  # zero speed at release: moves only as h²
    assert spring(20.0, -2.0, 1.0, k, c, m) == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize(("k", "c", "m"), CASES)
def test_obeys_the_spring_equation(k: float, c: float, m: float) -> None:
    """m x'' + c x' + k (x - target) = 0, checked with central differences."""
    h = 1e-4
    for t in (0.05, 0.2, 0.6, 1.1):
        x0, xp, xm = (spring(s, 3.0, -1.0, k, c, m) for s in (t, t + h, t - h))
        velocity = (xp - xm) / (2 * h)
        acceleration = (xp - 2 * x0 + xm) / h**2
        assert m * acceleration + c * velocity + k * (x0 - (-1.0)) == pytest.approx(0.0, abs=1e-3 * k)


def test_the_default_spring_overshoots_a_little_and_the_over_damped_one_never_does() -> None:
    assert Spring().damping_ratio < 1
    path = [spring(i / 200, 0.0, 1.0) for i in range(400)]
    assert 1.0 < max(path) < 1.1
    creeping = [spring(i / 200, 0.0, 1.0, 50.0, 40.0, 1.0) for i in range(400)]
    assert max(creeping) < 1.0 and creeping == sorted(creeping)


def test_the_branches_meet_at_critical_damping() -> None:
    """Just under, at and just over ζ = 1 give the same motion (no jump between the formulas)."""
    for t in (0.05, 0.2, 0.5):
        near = [spring(t, 0.0, 1.0, 100.0, c, 1.0) for c in (20.0 - 1e-6, 20.0, 20.0 + 1e-6)]
        assert max(near) - min(near) < 1e-6


def _node_values() -> list[list[float]]:
    """spring.js evaluated by node on every case and time (the module is copied as .mjs so node loads it as ESM)."""
    node = shutil.which("node")
    assert node, "node is needed to compare spring.js with the Python spring"
    assert SPRING_JS.exists(), f"{SPRING_JS} is missing: the page's spring must exist to be compared"
    return json.loads(_run_node(node, SPRING_JS.read_text()))


def _run_node(node: str, source: str) -> str:

    with tempfile.TemporaryDirectory() as scratch:
        module = Path(scratch) / "spring.mjs"
        module.write_text(source)
        harness = Path(scratch) / "run.mjs"
        harness.write_text(
            "import { spring } from './spring.mjs';\n"
            f"const cases = {json.dumps(CASES)}; const times = {json.dumps(TIMES)};\n"
            "const out = [];\n"
            "for (const [stiffness, damping, mass] of cases) for (const t of times) {\n"
            "  out.push(spring(t, -2, 1.2345, {stiffness, damping, mass}));\n"
            "  out.push(spring(t, 0.5, -0.25, {stiffness, damping, mass}));\n"
            "}\n"
            "out.push(spring(0.3, -2, 1.2345));\n"
            "console.log(JSON.stringify(out));\n"
        )
        done = subprocess.run([node, str(harness)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_python_and_javascript_springs_agree() -> None:
    got = _node_values()
    expected = []
    for k, c, m in CASES:
        for t in TIMES:
            expected.append(spring(t, -2.0, 1.2345, k, c, m))
            expected.append(spring(t, 0.5, -0.25, k, c, m))
    expected.append(spring(0.3, -2.0, 1.2345))  # the JS defaults are the Python defaults
    assert len(got) == len(expected)
    for js, py in zip(got, expected, strict=True):
        assert math.isclose(js, py, rel_tol=0, abs_tol=1e-9), (js, py)
