"""A progress bar in a notebook output that updates in place (plain HTML, so every front end shows it)."""

from __future__ import annotations

import html
from typing import Any

from IPython import get_ipython
from IPython.display import HTML, DisplayHandle, display

from ..lang import _, say

__all__ = ["Progress"]


class Progress:
    """`with Progress("Rendering", "frames") as bar: work(bar.update)`; redrawn only when the percentage moves."""

    def __init__(self, title: str, unit: str) -> None:
        self.title = title
        self.unit = unit
        self.handle: DisplayHandle | None = None
        self.shown = -1

    def __enter__(self) -> Progress:
        # Outside IPython (a plain script) there is nowhere to draw a bar: the work runs quietly.
        self.handle = display(HTML(self.html(0, 0)), display_id=True) if get_ipython() is not None else None
        return self

    def __exit__(self, kind: Any, *rest: object) -> None:
        if kind is not None and self.handle is not None:
            stopped = say("{title}: stopped.", title=self.title)
            self.handle.update(HTML(f"<p>{html.escape(stopped)}</p>"))

    def html(self, done: int, total: int, note: str = "") -> str:
        """The bar and a line of text."""
        value = f'value="{done}" max="{total}"' if total else ""
        words = f"{done}/{total} {html.escape(self.unit)}" if total else _("starting…")
        extra = f" · {html.escape(note)}" if note else ""
        return (
            f'<div class="foggyhill-progress"><strong>{html.escape(self.title)}</strong> '
            f'<progress {value} style="width: 16em; vertical-align: middle"></progress> {words}{extra}</div>'
        )

    def finish(self, message: str) -> None:
        """Replace the bar with a closing line (HTML the caller has escaped)."""
        if self.handle is not None:
            self.handle.update(HTML(message))

    def update(self, done: int, total: int, note: str = "") -> None:
        """Show `done` of `total`; only a new whole percentage (or the end) is sent to the front end."""
        percent = 100 * done // total if total else 0
        if self.handle is None or (percent == self.shown and done != total):
            return
        self.shown = percent
        self.handle.update(HTML(self.html(done, total, note)))
