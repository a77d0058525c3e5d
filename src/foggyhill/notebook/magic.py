"""`%load_ext foggyhill`, then a cell that starts with `%%studio` is a Studio program: it runs as
`foggyhill.studio.run(cell)` would, reading CSV files from the notebook's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from IPython.core.error import UsageError

from ..lang import say
from ..studio import run as run_studio

__all__ = ["load_ipython_extension"]


def load_ipython_extension(ipython: Any) -> None:
    """Register `%%studio` (IPython calls this for `%load_ext foggyhill`)."""

    def studio(line: str, cell: str) -> None:
        """Run the cell as a Studio program; `%%studio result` also keeps the run (a StudioRun) in `result`."""
        name = line.strip()
        if name and not name.isidentifier():
            raise UsageError(
                say(
                    "%%studio takes at most a name to keep the run in, like `%%studio result`, not {name}",
                    name=repr(name),
                )
            )
        record = run_studio(cell, folder=Path.cwd())  # the cell viewer in a kernel; text in a terminal IPython
        if name:
            ipython.user_ns[name] = record

    ipython.register_magic_function(studio, magic_kind="cell", magic_name="studio")
