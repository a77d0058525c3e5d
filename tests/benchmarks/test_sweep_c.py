"""The C baseline of benchmarks/sweep.py judges as the sweep does, so the ratio it prints compares the same work."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from foggyhill.core import get_landscape, sweep

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
DEFAULT = get_landscape("tilted-double-well")


def load_sweep_c() -> ModuleType:
    """benchmarks/sweep_c.py, imported from its path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("sweep_c", BENCHMARKS / "sweep_c.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sweep_c"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def c_lanes(tmp_path_factory: pytest.TempPathFactory) -> list[object]:
    sweep_c = load_sweep_c()
    if sweep_c.compiler() is None:
        pytest.skip("no C compiler here: the benchmark skips its C baseline too")
    built, why = sweep_c.build(DEFAULT, tmp_path_factory.mktemp("sweep-c"))
    if not built:
        pytest.skip(f"the C baseline could not be built here: {why}")
    return list(built)


@pytest.mark.parametrize("optimizer", ["plain", "momentum", "nesterov"])
def test_the_c_lanes_give_the_sweeps_verdicts_steps_and_final_w(c_lanes: list[object], optimizer: str) -> None:
    speeds, starts = np.geomspace(0.001, 2.0, 40), np.linspace(*DEFAULT.window, 40)
    ours = sweep(DEFAULT, speeds, starts, 150, optimizer=optimizer, engine="numba")
    assert all(ours.counts()[kind] for kind in ("converged-global", "crawling", "diverged"))
    for lanes in c_lanes:
        kinds, steps, final = lanes.run(speeds, starts, 150, optimizer)  # type: ignore[attr-defined]
        np.testing.assert_array_equal(kinds, ours.kinds.ravel())
        np.testing.assert_array_equal(steps, ours.steps.ravel())
        np.testing.assert_array_equal(final, ours.final_w.ravel())


def test_a_curve_the_c_cannot_take_is_refused_in_words(tmp_path: Path) -> None:
    sweep_c = load_sweep_c()
    built, why = sweep_c.build(get_landscape("wavy"), tmp_path)
    assert built == [] and why  # a compiler-less machine says so; one with a compiler refuses sin
    assert "no C compiler" in why or "+ - * / and numbers only" in why
