"""The public surface: what `import foggyhill` and `foggyhill.core` promise."""

from __future__ import annotations

from importlib import metadata

import foggyhill
import foggyhill.core


def test_every_public_name_exists() -> None:
    for module in (foggyhill, foggyhill.core):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name} is in __all__ but missing"


PROMISED = {"descend", "get_landscape", "Landscape", "Run", "Verdict", "__version__"}


def test_top_level_surface() -> None:
    assert sorted(foggyhill.__all__) == sorted(PROMISED)  # nothing missing, nothing extra, nothing twice
    star: dict[str, object] = {}
    exec("from foggyhill import *", star)  # what a learner's `import *` gets: exactly the promise, nothing lazy
    assert set(star) - {"__builtins__"} == PROMISED
    for name in PROMISED - {"__version__"}:
        assert star[name] is getattr(foggyhill.core, name), f"foggyhill.{name} is not foggyhill.core.{name}"
    assert star["__version__"] == metadata.version("foggyhill")


def test_a_run_prints_its_structure() -> None:
    run = foggyhill.descend(start=-2, speed=0.46, steps=30)
    assert repr(run) == "Run(tilted-double-well, start=-2, speed=0.46, 30 steps: converged-global at step 9)"
    assert "global minimum at w=1.2345" in str(foggyhill.get_landscape("tilted-double-well"))
