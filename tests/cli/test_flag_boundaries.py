"""Flags at their edges: every value given is checked, whichever output is asked for, and refused in one line."""

from __future__ import annotations

import pytest

from foggyhill.cli import main

SMALL_MAP = ["map", "--speeds", "4", "--starts", "4", "--steps", "4"]


@pytest.mark.parametrize("output", [["--json"], []])
@pytest.mark.parametrize("start", ["abc", "nan", "1e308"])
def test_map_checks_start_even_when_no_diagram_is_drawn(
    output: list[str], start: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*SMALL_MAP, "--start", start, *output])
    captured = capsys.readouterr()
    assert code == 2, captured.out[:200]
    assert f"start must be a number at least -1000 and at most 1000 (got '{start}')" in captured.err
