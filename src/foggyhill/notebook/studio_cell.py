"""The notebook's viewer for `foggyhill.studio.run(source)`: a live progress bar per training, the training chart
inline, and a mistake as the Studio's own message (line, caret, hint), never a Python traceback.

Studio finds it by name ("notebook") through the `foggyhill.studio.viewers` entry point, inside any Jupyter kernel.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from IPython.display import HTML, Image, display

from ..render.training_chart import chart_image
from ..studio import Effect, StudioError, format_error
from .progress import Progress

__all__ = ["CellOutput"]

ERROR_STYLE = "border-left: 4px solid #d55e00; padding: 0.4em 0.8em; background: rgba(213, 94, 0, 0.08)"


class CellOutput:
    """Each effect shown in the running cell as it happens."""

    def __init__(self, folder: Path | None = None) -> None:
        self.bar: Progress | None = None

    def __call__(self, effect: Effect) -> None:
        """Show one effect: a round moves the bar, a plot draws the chart, anything else is a line of text."""
        if effect.kind == "round":
            self.progress(effect.data)
            return
        self.bar = None
        if effect.kind == "notes":
            for note in effect.data["notes"]:
                print(f"note: {note}")
        elif effect.kind == "plot":
            data = effect.data
            png = bytes(chart_image(data["network"], data["loss"], data["accuracy"]).encodeToData())
            display(Image(data=png, format="png", width=720))
        else:
            print(effect.text)

    def progress(self, data: dict[str, Any]) -> None:
        """One bar per training, updated in place."""
        if self.bar is None or data["round"] == 1:
            self.bar = Progress(f"Training {data.get('network', 'the network')}", "rounds").__enter__()
        note = f"loss {data['loss']:.4f}"
        if data.get("accuracy") is not None:
            note += f", accuracy {data['accuracy']:.0%}"
        self.bar.update(data["round"], data["of"], note)

    def mistake(self, error: StudioError, source: str) -> None:
        """The Studio's own message, framed, in place of a traceback."""
        display(HTML(f'<pre style="{ERROR_STYLE}">{html.escape(format_error(error, source))}</pre>'))

    def stopped(self) -> None:
        """Say so when the kernel was interrupted."""
        display(HTML("<p>Stopped.</p>"))

    def done(self) -> None:
        """Nothing more: everything was shown while it ran."""
