"""The public surface: what `import foggyhill` and `foggyhill.core` promise."""

from __future__ import annotations

import foggyhill
import foggyhill.core


def test_every_public_name_exists() -> None:
    for module in (foggyhill, foggyhill.core):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name} is in __all__ but missing"


def test_top_level_surface() -> None:
    assert set(foggyhill.__all__) >= {"descend", "get_landscape", "Landscape", "Run", "Verdict"}


def test_a_run_prints_its_structure() -> None:
    run = foggyhill.descend(start=-2, speed=0.46, steps=30)
    assert repr(run) == "Run(tilted-double-well, start=-2, speed=0.46, 30 steps: converged-global at step 9)"
    assert "global minimum at w=1.2345" in str(foggyhill.get_landscape("tilted-double-well"))
