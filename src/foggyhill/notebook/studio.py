"""Studio in a notebook cell: `studio.run(source)` shows a live progress bar per training, the training chart
inline, and a mistake as the Studio's own message (line, caret, hint), never a Python traceback."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from IPython.display import HTML, Image, display

from ..render.training_chart import chart_image
from ..studio import Effect, FilesBeside, Limits, Stopped, StudioError, format_error, run_program
from .progress import Progress

__all__ = ["StudioRun", "run"]

ERROR_STYLE = "border-left: 4px solid #d55e00; padding: 0.4em 0.8em; background: rgba(213, 94, 0, 0.08)"


@dataclass
class StudioRun:
    """What a program did: its effects in order, and the formatted mistake if it stopped on one."""

    effects: list[Effect] = field(default_factory=list)
    error: str | None = None
    stopped: bool = False

    @property
    def ok(self) -> bool:
        """Did the program run to its end?"""
        return self.error is None and not self.stopped

    def texts(self, kind: str | None = None) -> list[str]:
        """The effects' lines of text, optionally of one kind only."""
        return [e.text for e in self.effects if kind is None or e.kind == kind]

    def _ipython_display_(self) -> None:
        """Nothing more to show: everything was shown while it ran."""


class CellOutput:
    """The sink: each effect shown in the cell as it happens."""

    def __init__(self, record: StudioRun) -> None:
        self.record = record
        self.bar: Progress | None = None

    def __call__(self, effect: Effect) -> None:
        self.record.effects.append(effect)
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


def run(source: str, folder: str | Path = ".", limits: Limits | None = None) -> StudioRun:
    """Run a Studio program in this cell; `load "file.csv"` reads from `folder` (the notebook's folder)."""
    if not isinstance(source, str):
        raise TypeError(f"studio.run needs the program as text (got {type(source).__name__})")
    record = StudioRun()
    try:
        run_program(source, CellOutput(record), loader=FilesBeside(Path(folder)), limits=limits)
    except StudioError as error:
        record.error = format_error(error, source)
        display(HTML(f'<pre style="{ERROR_STYLE}">{html.escape(record.error)}</pre>'))
    except (Stopped, KeyboardInterrupt):
        record.stopped = True
        display(HTML("<p>Stopped.</p>"))
    return record
