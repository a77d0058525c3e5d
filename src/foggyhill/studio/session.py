"""`foggyhill.studio.run(source)`: run a program and show it where it runs, in a notebook cell or a terminal.

Studio draws nothing itself: its layer sits below the ones that draw. A *viewer* takes the effects and draws them.
The layers that can draw offer their viewers as entry points in the group `foggyhill.studio.viewers`
(pyproject.toml), so this module finds a viewer by name without importing a layer above its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Protocol

from .data import FilesBeside
from .effects import Effect
from .errors import Stopped, StudioError, format_error
from .interpreter import Limits, run_program
from .values import Value

VIEWERS = "foggyhill.studio.viewers"


class Viewer(Protocol):
    """Where a program's effects appear, one at a time, then how it ended."""

    def __call__(self, effect: Effect) -> object:
        """Show one effect as it happens."""

    def mistake(self, error: StudioError, source: str) -> None:
        """The program stopped on a mistake."""

    def stopped(self) -> None:
        """The run was stopped (the kernel was interrupted, Ctrl-C)."""

    def done(self) -> None:
        """The program ran to its end."""


ViewerMaker = Callable[[Path], Viewer]  # given the folder the program loads its files from


@dataclass
class StudioRun:
    """What a program did: its effects in order, its variables at the end, the formatted mistake if it made one."""

    effects: list[Effect] = field(default_factory=list)
    variables: dict[str, Value] = field(default_factory=dict)
    error: str | None = None
    stopped: bool = False

    @property
    def ok(self) -> bool:
        """Did the program run to its end?"""
        return self.error is None and not self.stopped

    def texts(self, kind: str | None = None) -> list[str]:
        """The effects' lines of text, optionally of one kind only."""
        return [e.text for e in self.effects if kind is None or e.kind == kind]

    def __repr__(self) -> str:
        ending = "ran to its end" if self.ok else "stopped" if self.stopped else "stopped on a mistake"
        names = ", ".join(self.variables) or "none"
        return f"StudioRun({ending}, {len(self.effects)} effects, variables: {names})"

    def _ipython_display_(self) -> None:
        """Nothing more to show in a cell: the viewer drew everything while the program ran."""


def where() -> str:
    """The viewer that fits this process: "notebook" inside a Jupyter kernel (JupyterLab, Notebook, VS Code), else
    "terminal"."""
    ipython: Any = sys.modules.get("IPython")  # only ever loaded already, by the kernel or the user
    shell = ipython.get_ipython() if ipython is not None else None
    return "notebook" if getattr(shell, "kernel", None) is not None else "terminal"


def viewers() -> dict[str, Any]:
    """The installed viewers by name, as entry points (not loaded yet)."""
    return {point.name: point for point in entry_points(group=VIEWERS)}


def find_viewer(name: str) -> ViewerMaker:
    """The maker of the viewer called `name`, loaded; a clear ImportError or LookupError if it cannot be."""
    found = viewers()
    if name not in found:
        known = ", ".join(sorted(found)) or "none (is foggyhill installed with pip?)"
        raise LookupError(f"no Studio viewer called {name!r}; the installed viewers are: {known}")
    try:
        maker: ViewerMaker = found[name].load()
    except ModuleNotFoundError as error:
        raise ImportError(
            f"the {name} viewer needs a package that is not installed ({error.name}); "
            "for notebooks: pip install -c constraints.txt -e '.[notebook]'"
        ) from None
    return maker


def run(
    source: str, *, folder: str | Path = ".", limits: Limits | None = None, viewer: Viewer | str | None = None
) -> StudioRun:
    """Run a Studio program and show it: in a notebook a progress bar per training, the chart inline and mistakes
    as the Studio's own message; `load "file.csv"` reads from `folder`. `viewer` picks another viewer by name or object.
    """
    if not isinstance(source, str):
        raise TypeError(f"studio.run needs the program as text (got {type(source).__name__})")
    folder = Path(folder)
    if viewer is None or isinstance(viewer, str):
        viewer = find_viewer(viewer or where())(folder)
    record = StudioRun()

    def sink(effect: Effect) -> None:
        record.effects.append(effect)
        viewer(effect)

    try:
        record.variables = run_program(source, sink, loader=FilesBeside(folder), limits=limits)
    except StudioError as error:
        record.error = format_error(error, source)
        viewer.mistake(error, source)
    except (Stopped, KeyboardInterrupt):
        record.stopped = True
        viewer.stopped()
    else:
        viewer.done()
    return record
