"""The vectorised sweep: verdict grids that agree with single runs, and the bifurcation diagram."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foggyhill.core import VERDICT_KINDS, SettingError, descend, get_landscape
from foggyhill.core import kernels as k
from foggyhill.core.formula import formula_landscape
from foggyhill.core.settings import FIELDS, MAX_STEPS
from foggyhill.core.sweep import MAX_LANES, MAX_UPDATES, Sweep, SweepCancelled, bifurcation, sweep

DEFAULT = get_landscape("tilted-double-well")


def grid(name: str, n: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Speeds log-spaced 0.001..2 and starts across the curve's window, as the learning-rate map uses them."""
    return np.geomspace(0.001, 2.0, n), np.linspace(*get_landscape(name).window, n)


def assert_matches_descend(result: Sweep, landscape: object, optimizer: str = "plain") -> None:
    for i, speed in enumerate(result.speeds):
        for j, start in enumerate(result.starts):
            run = descend(
                landscape, start=float(start), speed=float(speed), steps=result.run_steps, optimizer=optimizer
            )
            got = (result.kind_at(i, j), int(result.steps[i, j]))
            assert got == (run.verdict.kind, run.verdict.step), f"speed {speed}, start {start}"
            if run.verdict.kind != "diverged":
                assert result.final_w[i, j] == pytest.approx(run.ws[-1], abs=1e-9)


@pytest.mark.parametrize(
    ("speed", "steps", "kind"),
    [
        (0.02, 60, "crawling"),
        (0.1, 200, "stuck-local"),
        (0.46, 30, "converged-global"),
        (0.6, 100, "oscillating"),
        (1.5, 100, "diverged"),
    ],
)
def test_the_five_pinned_verdicts(speed: float, steps: int, kind: str) -> None:
    result = sweep(DEFAULT, [speed], [-2.0], steps)
    assert result.kind_at(0, 0) == kind
    assert int(result.steps[0, 0]) == descend(start=-2.0, speed=speed, steps=steps).verdict.step


def test_default_curve_grid_agrees_with_descend_on_all_five_verdicts() -> None:
    speeds, starts = grid(DEFAULT.name, 14)
    result = sweep(DEFAULT, speeds, starts, 150)
    assert set(result.counts()) == set(VERDICT_KINDS) and all(result.counts().values())
    assert_matches_descend(result, DEFAULT)


@pytest.mark.parametrize("name", ["wavy", "steep-walls", "v-shape", "plateau", "bowl"])
def test_other_curves_agree_with_descend(name: str) -> None:
    speeds, starts = grid(name, 10)
    engine = "numba" if name in ("wavy", "v-shape") else "numpy"  # compiling every curve would slow the suite
    assert_matches_descend(sweep(name, speeds, starts, 120, engine=engine), get_landscape(name))


@pytest.mark.parametrize("optimizer", ["momentum", "nesterov"])
def test_momentum_lanes_agree_with_descend(optimizer: str) -> None:
    speeds, starts = np.geomspace(0.001, 0.3, 8), np.linspace(-2.2, 2.2, 8)
    assert_matches_descend(sweep(DEFAULT, speeds, starts, 150, optimizer=optimizer), DEFAULT, optimizer)


@pytest.mark.parametrize("steps", [0, 1, 2, 3, 7])
def test_very_short_runs_are_judged_like_descend(steps: int) -> None:
    speeds, starts = np.array([0.01, 0.3, 0.46, 0.7, 1.5]), np.array([-2.0, -0.856, 0.0, 1.2345, 2.1])
    assert_matches_descend(sweep(DEFAULT, speeds, starts, steps), DEFAULT)


@settings(max_examples=60, deadline=None)
@given(
    speeds=st.lists(st.floats(0.001, 0.55), min_size=1, max_size=4),
    starts=st.lists(st.floats(-2.2, 2.2), min_size=1, max_size=4),
    steps=st.integers(0, 300),
)
def test_any_calm_speed_start_and_length_is_judged_like_descend(
    speeds: list[float], starts: list[float], steps: int
) -> None:
    # Below the lowest dip's stability bound (0.593) runs settle or crawl: no chaotic swing magnifies a last-bit
    # difference in the slope into another verdict.
    assert_matches_descend(sweep(DEFAULT, speeds, starts, steps), DEFAULT)


def test_a_typed_formula_whose_loss_is_undefined_past_a_wall() -> None:
    # log(w + 3) has no value left of w = -3: a run that jumps there flew off, as descend reports it.
    land = formula_landscape("(w - 1)^2 - log(w + 3)", start=2.5)
    result = sweep(land, [0.05, 0.4, 0.9, 1.2], [-2.5, 0.0, 2.5], 80)
    assert "diverged" in {result.kind_at(i, j) for i in range(4) for j in range(3)}
    assert_matches_descend(result, land)


def test_counts_add_up_and_match_the_grid() -> None:
    speeds, starts = grid(DEFAULT.name, 20)
    result = sweep(DEFAULT, speeds, starts, 100)
    counts = result.counts()
    assert list(counts) == list(VERDICT_KINDS)
    assert sum(counts.values()) == 400
    assert counts["diverged"] == int(np.sum(np.isnan(result.final_w)))
    for kind, n in counts.items():
        assert n == sum(result.kind_at(i, j) == kind for i in range(20) for j in range(20))


def test_the_sweep_is_readable_and_read_only() -> None:
    result = sweep(DEFAULT, [0.1, 0.46], [-2.0, 1.0, 2.0], 50)
    assert result.kinds.shape == result.steps.shape == result.final_w.shape == (2, 3)
    assert (result.kinds.dtype, result.steps.dtype) == (np.int8, np.int32)
    assert repr(result).startswith("Sweep(tilted-double-well, plain, 2 speeds 0.1..0.46 x 3 starts -2..2, 50 steps: ")
    with pytest.raises(ValueError, match="read-only"):
        result.kinds[0, 0] = 0


@pytest.mark.parametrize("optimizer", ["plain", "momentum"])
@pytest.mark.parametrize("name", ["tilted-double-well", "wavy", "v-shape"])
def test_numpy_fallback_gives_identical_results(name: str, optimizer: str) -> None:
    speeds, starts = grid(name, 40)
    fast = sweep(name, speeds, starts, 200, optimizer=optimizer, engine="numba")
    slow = sweep(name, speeds, starts, 200, optimizer=optimizer, engine="numpy")
    np.testing.assert_array_equal(fast.kinds, slow.kinds)
    np.testing.assert_array_equal(fast.steps, slow.steps)
    np.testing.assert_array_equal(fast.final_w, slow.final_w)


def test_without_numba_auto_falls_back_to_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    speeds, starts = grid(DEFAULT.name, 10)
    with_numba = sweep(DEFAULT, speeds, starts, 100)
    monkeypatch.setitem(sys.modules, "numba", None)  # `import numba` now raises ImportError
    assert not k.numba_available()
    without = sweep(DEFAULT, speeds, starts, 100)
    np.testing.assert_array_equal(with_numba.kinds, without.kinds)
    np.testing.assert_array_equal(with_numba.steps, without.steps)
    with pytest.raises(SettingError, match="numba package") as error:
        sweep(DEFAULT, speeds, starts, 100, engine="numba")
    assert error.value.field == "engine"


def test_compiled_kernels_are_kept_per_formula() -> None:
    assert k.compiled("sweep", DEFAULT.formula) is k.compiled("sweep", DEFAULT.formula)
    assert k.compiled("sweep", DEFAULT.formula) is not k.compiled("bifurcation", DEFAULT.formula)


def test_progress_is_reported_and_can_cancel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules["foggyhill.core.sweep"], "CHUNK", 1000)  # the package's `sweep` is the function
    seen: list[tuple[int, int]] = []
    sweep(DEFAULT, np.linspace(0.01, 1, 50), np.linspace(-2, 2, 50), 20, progress=lambda d, n: seen.append((d, n)))
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]
    with pytest.raises(SweepCancelled, match="after 1,000 of 2,500"):
        sweep(DEFAULT, np.linspace(0.01, 1, 50), np.linspace(-2, 2, 50), 20, progress=lambda d, n: False)


def distinct(row: np.ndarray) -> np.ndarray:
    return np.unique(np.round(row, 6))


def test_bifurcation_one_point_below_the_bound_two_above() -> None:
    bound = DEFAULT.global_minimum.stability_bound  # 2/curvature: 0.593 on the default curve
    assert bound == pytest.approx(0.593, abs=1e-3)
    points = bifurcation(DEFAULT, [0.3, 0.55, 0.61, 1.5])
    assert points.shape == (4, 64)
    for row in points[:2]:
        assert distinct(row) == pytest.approx([1.2345], abs=1e-3)
    pair = distinct(points[2])
    assert len(pair) == 2 and pair[0] < 1.2345 < pair[1]
    assert np.isnan(points[3]).all()


def test_bifurcation_doubles_then_turns_chaotic_then_flies_off() -> None:
    points = bifurcation(DEFAULT, [0.55, 0.65, 0.75, 0.77, 0.85, 2.1], keep=64)
    assert [len(distinct(row)) for row in points[:4]] == [1, 2, 4, 8]
    assert len(distinct(points[4])) > 16 and np.isfinite(points[4]).all()  # chaos: it never repeats, never flies off
    assert np.isnan(points[5]).all()
    speeds = np.linspace(0.3, 0.9, 2000)
    np.testing.assert_array_equal(bifurcation(DEFAULT, speeds), bifurcation(DEFAULT, speeds, engine="numpy"))


def test_bifurcation_follows_single_runs() -> None:
    row = bifurcation(DEFAULT, [0.61], start=-1.0, burn_in=40, keep=5)[0]
    ws = descend(start=-1.0, speed=0.61, steps=45).ws
    assert row == pytest.approx(ws[41:46], abs=1e-9)


SPEED_ALLOWED, START_ALLOWED = FIELDS["speed"].allowed(), FIELDS["start"].allowed()
SWEEP_RULES = ", ".join(k.RULES)  # the update rules the compiled lanes run: fewer than descend's


@pytest.mark.parametrize(
    ("kwargs", "field", "allowed"),
    [
        ({"speeds": []}, "speeds", "speeds must be a non-empty list of numbers"),
        ({"speeds": [0.1, 0.0]}, "speeds", f"each of the speeds must be {SPEED_ALLOWED}"),
        ({"speeds": [-0.5]}, "speeds", f"each of the speeds must be {SPEED_ALLOWED}"),
        ({"speeds": "fast"}, "speeds", "speeds must be a list of numbers"),
        ({"starts": []}, "starts", "starts must be a non-empty list of numbers"),
        ({"starts": [float("nan")]}, "starts", f"each of the starts must be {START_ALLOWED}"),
        ({"steps": 100_001}, "steps", f"steps must be a whole number at least 0 and at most {MAX_STEPS}"),
        ({"steps": -1}, "steps", f"steps must be a whole number at least 0 and at most {MAX_STEPS}"),
        ({"steps": 2.5}, "steps", f"steps must be a whole number at least 0 and at most {MAX_STEPS}"),
        ({"optimizer": "adam"}, "optimizer", f"optimizer must be one of {SWEEP_RULES}"),
        ({"optimizer": "sgd"}, "optimizer", f"optimizer must be one of {SWEEP_RULES}"),
        ({"tolerance": 0}, "tolerance", "tolerance must be a number greater than 0 and at most 1"),
        ({"engine": "gpu"}, "engine", "engine must be one of auto, numba, numpy"),
        (
            {"speeds": np.full(2001, 0.1), "starts": np.zeros(2000)},
            "lanes",
            f"2001 speeds x 2000 starts is 4,002,000 lanes: at most {MAX_LANES:,} are allowed",
        ),
        (
            {"speeds": np.full(2000, 0.1), "starts": np.zeros(2000), "steps": 1001},
            "steps",
            f"1,001 steps is too much work: at most {MAX_UPDATES:,} updates are allowed",
        ),
    ],
)  # fmt: skip
def test_bad_sweep_settings_name_the_parameter_and_what_is_allowed(
    kwargs: dict[str, object], field: str, allowed: str
) -> None:
    settings: dict[str, object] = {"speeds": [0.1], "starts": [0.0], "steps": 10, **kwargs}
    with pytest.raises(SettingError) as error:
        sweep(DEFAULT, **settings)  # type: ignore[arg-type]
    assert error.value.field == field
    assert allowed in str(error.value)  # the phrase begins with the parameter's name (or the sizes that add up)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"speeds": []}, "speeds"),
        ({"burn_in": -1}, "burn_in"),
        ({"keep": 0}, "keep"),
        ({"start": 5000}, "start"),
        ({"engine": "fast"}, "engine"),
    ],
)
def test_bad_bifurcation_settings_name_the_parameter(kwargs: dict[str, object], field: str) -> None:
    settings: dict[str, object] = {"speeds": [0.5], **kwargs}
    with pytest.raises(SettingError) as error:
        bifurcation(DEFAULT, **settings)  # type: ignore[arg-type]
    assert error.value.field == field


def test_importing_the_engine_and_cli_does_not_load_numba() -> None:
    code = "import sys, foggyhill.core, foggyhill.cli; print('numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_sweeps_from_several_threads_at_once() -> None:
    # A web server sweeps from worker threads; numba's fallback thread pool would abort the process without the lock.
    code = """
import threading, numpy as np
from foggyhill.core import sweep
grid = (np.geomspace(0.001, 2, 60), np.linspace(-2.2, 2.2, 60))
first = sweep("tilted-double-well", *grid, 100)
same = []
def work():
    same.append(np.array_equal(sweep("tilted-double-well", *grid, 100).kinds, first.kinds))
threads = [threading.Thread(target=work) for _ in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
print(same)
"""
    env = {**os.environ, "NUMBA_THREADING_LAYER": "workqueue"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "[True, True, True, True]"
