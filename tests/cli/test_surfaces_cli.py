"""Surfaces at the command line: `descend` on two settings, and `landscapes` listing the surfaces."""

from __future__ import annotations

import json

import pytest

from foggyhill.cli import main
from foggyhill.core.surfaces import descend_surface


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_descend_on_rosenbrock_prints_two_numbers_per_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "descend", "--landscape", "rosenbrock", "--start=-1.5,2", "--speed", "0.001", "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert data == descend_surface("rosenbrock", start=(-1.5, 2.0), speed=0.001, steps=100).to_dict()
    assert all(len(step["w"]) == 2 and len(step["slope"]) == 2 for step in data["steps"])


def test_descend_on_a_surface_reads_as_a_table_and_a_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "descend", "--landscape", "saddle", "--optimizer", "newton", "--start=0.5,0.3")
    assert code == 0
    assert "loss(w1, w2) = w1^2 - w2^2 + w2^4/4" in out and "Stalled near a saddle" in out


def test_a_curves_start_on_a_surface_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "descend", "--landscape", "himmelblau", "--start", "2")
    assert code == 2 and "start must be two numbers, w1,w2" in err and "Traceback" not in err


def test_landscapes_lists_the_surfaces_with_dips_saddles_and_condition(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "landscapes")
    assert code == 0
    himmelblau = out[out.index("himmelblau:") :].split("\n\n")[0]
    assert himmelblau.count("lowest point at") == 4 and himmelblau.count("saddle at") == 4
    assert "condition number" in himmelblau
    assert "tilted-double-well:" in out  # the curves are still listed first


def test_map_of_a_surface_draws_its_basins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "map", "--landscape", "himmelblau", "--speed", "0.01", "--size", "32")
    assert code == 0
    picture = [line for line in out.splitlines() if line.startswith("w2 ")]
    assert len(picture) == 18 and {"1", "2", "3", "4"} <= set("".join(picture))
    assert out.count("settled in the lowest point") == 4


def test_map_flags_of_the_other_kind_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "map", "--landscape", "saddle", "--speeds", "40")
    assert code == 2 and "--speeds is for a curve's map" in err
    code, _, err = run_cli(capsys, "map", "--landscape", "bowl", "--size", "40")
    assert code == 2 and "--size is for a surface's basin map" in err


def test_a_negative_start_on_a_surface_needs_no_equals_sign(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "descend", "--landscape", "rosenbrock", "--start", "-1.5,2", "--steps", "3", "--json"
    )
    assert code == 0 and json.loads(out)["steps"][0]["w"] == [-1.5, 2.0]


def test_a_shortened_flag_is_not_taken_for_another(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "descend", "--spe", "0.1")
    assert code == 2 and "unrecognized arguments: --spe" in err
