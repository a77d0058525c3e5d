"""The notebook's viewer for `foggyhill.studio.run(source)`: a live progress bar per training, the network and its
decision regions growing in place while it trains, every picture inline (the training chart, the network, the
regions, a weight's own hill, digits), and a mistake as the Studio's own message (line, caret, hint), never a Python
traceback.

Studio finds it by name ("notebook") through the `foggyhill.studio.viewers` entry point, inside any Jupyter kernel.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from IPython.display import HTML, Image, display

from ..lang import _, say
from ..render.boundary_view import boundary_image
from ..render.network_view import curve_image, network_image
from ..render.pictures_view import pictures_image
from ..render.training_chart import chart_image
from ..studio import Effect, StudioError, format_error
from ..studio.views import live_pictures
from .progress import Progress

__all__ = ["CellOutput"]

# The pictures a program draws, by effect kind: how each is drawn from the effect's data.
PICTURES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "network_picture": network_image,
    "boundary": boundary_image,
    "weight_curve": curve_image,
    "show": pictures_image,
}
WIDTH = 720  # pixels a picture takes in the notebook

ERROR_STYLE = "border-left: 4px solid #d55e00; padding: 0.4em 0.8em; background: rgba(213, 94, 0, 0.08)"


class CellOutput:
    """Each effect shown in the running cell as it happens."""

    def __init__(self, folder: Path | None = None) -> None:
        self.bar: Progress | None = None
        self.views: dict[str, dict[str, Any]] = {}  # each training's views, by network: what its pictures keep
        self.live: dict[tuple[str, str], Any] = {}  # (network, picture kind) -> the display updated in place

    def __call__(self, effect: Effect) -> None:
        """Show one effect: a round moves the bar and grows the live pictures, a plot or a picture is drawn in
        place, anything else is a line of text."""
        if effect.kind == "round":
            self.progress(effect.data)
            self.grow(effect.data)
            return
        self.bar = None
        if effect.kind == "training" and effect.data.get("views"):
            self.views[effect.data["network"]] = effect.data["views"]
        if effect.kind in PICTURES and (effect.kind != "show" or "pictures" in effect.data):
            print(effect.text)
            self.picture(effect.kind, effect.data, effect.data.get("network"))
        elif effect.kind == "notes":
            for note in effect.data["notes"]:
                print(say("note: {note}", note=note))
        elif effect.kind == "plot":
            data = effect.data
            png = bytes(chart_image(data["network"], data["loss"], data["accuracy"]).encodeToData())
            display(Image(data=png, format="png", width=720))
        else:
            print(effect.text)

    def progress(self, data: dict[str, Any]) -> None:
        """One bar per training, updated in place."""
        if self.bar is None or data["round"] == 1:
            title = (
                say("Training {network}", network=data["network"]) if data.get("network") else _("Training the network")
            )
            self.bar = Progress(title, _("rounds")).__enter__()
        note = say("loss {loss:.4f}", loss=data["loss"])
        if data.get("accuracy") is not None:
            note += say(", accuracy {accuracy:.0%}", accuracy=data["accuracy"])
        self.bar.update(data["round"], data["of"], note)

    def grow(self, data: dict[str, Any]) -> None:
        """A round's live pictures, drawn over the last ones of its network."""
        views = self.views.get(data["network"])
        if views:
            for kind, whole in live_pictures(views, data).items():
                self.picture(kind, whole, data["network"])

    def picture(self, kind: str, data: dict[str, Any], network: str | None) -> None:
        """Draw a picture; a network's network picture or regions replace its live ones in place."""
        png = Image(data=bytes(PICTURES[kind](data).encodeToData()), format="png", width=WIDTH)
        key = (network or "", kind)
        if network is not None and key in self.live:
            self.live[key].update(png)
        elif network is not None and kind in ("network_picture", "boundary"):
            self.live[key] = display(png, display_id=True)
        else:
            display(png)

    def mistake(self, error: StudioError, source: str) -> None:
        """The Studio's own message, framed, in place of a traceback."""
        display(HTML(f'<pre style="{ERROR_STYLE}">{html.escape(format_error(error, source))}</pre>'))

    def stopped(self) -> None:
        """Say so when the kernel was interrupted."""
        display(HTML("<p>Stopped.</p>"))

    def done(self) -> None:
        """Nothing more: everything was shown while it ran."""
