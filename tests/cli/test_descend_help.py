"""`foggyhill descend --help` tells how each update rule and schedule steps, with the constants the engine runs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from foggyhill.core import OPTIMIZERS, SCHEDULES
from foggyhill.core.optimizers import ADAM_BETAS, EPSILON, MOMENTUM, RMS_DECAY, shown
from foggyhill.core.schedules import EXP_DECAY, ROBBINS_MONRO_TAU, STEP_EVERY, STEP_FACTOR


@pytest.fixture(scope="module")
def help_text() -> str:
    """The help as a person sees it, from a fresh `foggyhill descend --help`."""
    done = subprocess.run(
        [sys.executable, "-m", "foggyhill", "descend", "--help"], capture_output=True, text=True, check=True
    )
    return done.stdout


def formulas(help_text: str, name: str) -> str:
    """The formula lines the help gives for `name`: its own line and the ones under it, before "PyTorch:"."""
    lines = help_text.splitlines()
    first = next(k for k, line in enumerate(lines) if re.match(rf"  {re.escape(name)} +\S", line))
    block = [lines[first]]
    for line in lines[first + 1 :]:
        if "PyTorch:" in line or not line.startswith(" " * 16):
            break
        block.append(line)
    return "\n".join(block)


def numbers_in(text: str) -> set[float]:
    """Every number written in `text`, rounded so 1 - 0.9 reads as 0.1."""
    return {round(float(x), 12) for x in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?", text)}


def engine_constants() -> dict[str, set[float]]:
    """The constants each rule and schedule runs with, read from the engine."""
    b1, b2 = ADAM_BETAS
    found = {
        "plain": set(),
        "momentum": {MOMENTUM},
        "nesterov": {MOMENTUM},
        "adagrad": {EPSILON},
        "rmsprop": {RMS_DECAY, 1 - RMS_DECAY, EPSILON},
        "adam": {b1, b2, 1 - b1, 1 - b2, EPSILON},
        "constant": set(),
        "step": {STEP_FACTOR, STEP_EVERY},
        "exponential": {EXP_DECAY},
        "robbins-monro": {ROBBINS_MONRO_TAU},
    }
    return {name: {round(x, 12) for x in values} for name, values in found.items()}


@pytest.mark.parametrize("name", [*OPTIMIZERS, *SCHEDULES])
def test_the_help_states_each_rules_constants_as_the_engine_runs_them(help_text: str, name: str) -> None:
    assert numbers_in(formulas(help_text, name)) - {0, 1} == engine_constants()[name]


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_the_help_gives_each_rules_steps_and_pytorchs_way(help_text: str, name: str) -> None:
    for part in OPTIMIZERS[name].rule.split("; "):
        assert part in formulas(help_text, name)
    said = " ".join(help_text.split())
    assert f"PyTorch: {OPTIMIZERS[name].torch}" in said


def test_the_help_names_pytorchs_defaults_where_they_differ(help_text: str) -> None:
    said = " ".join(help_text.split())
    assert f"alpha 0.99 where foggyhill uses {shown(RMS_DECAY)}" in said
    assert f"eps 1e-10 where foggyhill uses {shown(EPSILON)}" in said
    assert "look-ahead point" in said
    assert "the new push only" in said  # how a schedule's speed enters momentum
