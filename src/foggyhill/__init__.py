"""foggyhill: see, hear and program gradient descent."""

from typing import Any

from .core import Landscape, Run, Verdict, descend, get_landscape

__version__ = "0.1.0"

# The notebook names load Jupyter's packages, so they are imported on first use: `import foggyhill` stays light.
# load_ipython_extension is what `%load_ext foggyhill` calls: it adds the `%%studio` cell magic.
NOTEBOOK_NAMES = ("Simulation", "SurfaceSimulation", "ThreeRuns", "load_ipython_extension")

# Not in __all__: `from foggyhill import *` must not load Jupyter either.
__all__ = ["Landscape", "Run", "Verdict", "__version__", "descend", "get_landscape"]


def __getattr__(name: str) -> Any:
    """`foggyhill.Simulation`, `foggyhill.SurfaceSimulation`, `foggyhill.ThreeRuns`, `foggyhill.studio` and the
    `%load_ext` hook, loaded when first asked for."""
    if name == "studio":  # `foggyhill.studio.run(source)` after a plain `import foggyhill`
        import foggyhill.studio  # not `from . import studio`: that asks this __getattr__ again before importing

        return foggyhill.studio
    if name in NOTEBOOK_NAMES:
        try:
            from . import notebook
        except ModuleNotFoundError as error:
            raise ImportError(
                f"foggyhill.{name} needs the notebook extra ({error.name} is missing): "
                "pip install -c constraints.txt -e '.[notebook]'"
            ) from None
        return getattr(notebook, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
