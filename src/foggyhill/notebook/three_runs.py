"""`ThreeRuns`: the same descent at several speeds, played with sound in the notebook; `.render()` exports it."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..core import SettingError
from ..lang import _, say
from ..render import RenderOptions, parse_fps, parse_size, render_video
from ..timeline import Timeline, build_timeline, parse_show
from ..web.answers import encode
from . import bundle
from .actions import Actions
from .bridge import answer, ask
from .progress import Progress

__all__ = ["ThreeRuns"]

NOTEBOOK_SIZE = "1280x720"  # lighter than the command line's 1920x1080: a class waits for it
NOTEBOOK_FPS = 30


def as_text(show: Mapping[str, Any]) -> dict[str, str]:
    """Show settings as the page sends them: text values, speeds comma-separated, unset ones left out."""
    if not isinstance(show, Mapping):
        raise SettingError(
            "settings", say("the show settings must be a mapping of names to values (got {show})", show=repr(show))
        )
    text = {}
    for name, value in show.items():
        if value is None:
            continue
        if name == "speeds" and not isinstance(value, str) and isinstance(value, Iterable):
            value = ",".join(str(speed) for speed in value)
        text[str(name)] = str(value)
    return text


def written_html(path: Path, options: RenderOptions) -> str:
    """The closing line of a render, with a player (the file sits beside the notebook, which serves it)."""
    where = html.escape(str(path))
    player = "" if path.suffix.lower() == ".gif" else f'<video src="{where}" controls width="640"></video>'
    said = say(
        "Wrote {path} ({size}, {fps} fps, {megabytes:.1f} MB).",
        path="\0",  # the file's name goes in as code, after the sentence is escaped
        size=f"{options.width}x{options.height}",
        fps=options.fps,
        megabytes=path.stat().st_size / 1e6,
    )
    return f"<p>{html.escape(said).replace(chr(0), f'<code>{where}</code>')}</p>{player}"


class ThreeRuns(Actions, anywidget.AnyWidget):  # type: ignore[misc]
    """Same curve, same start, one run per speed (too low, tuned, too high by default), each step a tone."""

    _esm = bundle.esm("notebook/three-runs.js", "three-runs", ("common/base.css", "three-runs/page.css"))

    settings = traitlets.Dict().tag(sync=True)
    _seek_at = traitlets.Float(0.0).tag(sync=True)  # the time the last seek() asked for

    def __init__(self, speeds: Sequence[float] | str | None = None, **show: Any) -> None:
        self._body: str | None = None
        super().__init__(settings={**show, "speeds": speeds})
        self.on_msg(self._on_message)

    @traitlets.validate("settings")
    def _check(self, proposal: dict[str, Any]) -> dict[str, str]:
        settings = as_text(proposal["value"])
        parse_show(settings)  # every mistake reported here, naming the value and what is allowed
        return settings

    @traitlets.observe("settings")
    def _rebuild(self, change: dict[str, Any]) -> None:
        """The show the settings describe, laid out once per change: what plays, renders and is reported."""
        self.show_settings = parse_show(change["new"])
        self.timeline: Timeline = build_timeline(self.show_settings)
        self._body = None

    def _ask(self, path: str, params: Mapping[str, Any]) -> str:
        """A view asking for this show gets the timeline already built; anything else goes to the bridge."""
        if path != "/api/three-runs" or dict(params) != self.settings:
            return ask(path, params)
        if self._body is None:
            self._body = encode(self.timeline.to_dict()).plain.decode()
        return self._body

    def _on_message(self, _: object, content: Any, buffers: object) -> None:
        reply = answer(content, self._ask)
        if reply is not None:
            self.send(reply)

    @property
    def speeds(self) -> list[float]:
        """The speeds of the runs, in the order they play; setting them lays the show out again."""
        return list(self.show_settings.speeds)

    @speeds.setter
    def speeds(self, speeds: Sequence[float] | str) -> None:
        self.settings = {**self.settings, "speeds": speeds}

    def play(self) -> None:
        """Play on from where the show stands (from the start once it is over); sound needs a click on the page."""
        self._act("play")

    def pause(self) -> None:
        """Pause the show."""
        self._act("pause")

    def restart(self) -> None:
        """Back to the beginning."""
        self._act("restart")

    def seek(self, seconds: float) -> None:
        """Go to `seconds` into the show, as the seek bar does: a playing show plays on from there."""
        total = self.timeline.total
        if isinstance(seconds, bool) or not isinstance(seconds, Real) or not 0 <= seconds <= total:
            said = say(
                "seconds must be a number from 0 to {total:g} (the show's length), got {seconds}",
                total=total,
                seconds=repr(seconds),
            )
            raise SettingError("seconds", said)
        with self.hold_sync():
            self._seek_at = float(seconds)
            self._act("seek")

    @property
    def verdicts(self) -> list[dict[str, Any]]:
        """Each run's speed and verdict, in the order they play."""
        return [{"speed": run.speed, **run.run.verdict.to_dict()} for run in self.timeline.runs]

    def render(self, out: str | Path, size: str = NOTEBOOK_SIZE, fps: int = NOTEBOOK_FPS) -> Path:
        """Export the show as MP4 (H.264 + AAC) or GIF, by the file's extension, with a progress bar meanwhile."""
        width, height = parse_size(size)
        options = RenderOptions(width, height, parse_fps(fps))
        path = Path(out)
        if not str(out).strip():
            raise SettingError("out", _("give a file name ending in .mp4 or .gif, for example 'showdown.mp4'"))
        with Progress(say("Rendering {name}", name=path.name), _("frames")) as bar:
            written = render_video(self.timeline, path, options, bar.update)
            bar.finish(written_html(written, options))
        return written

    def __repr__(self) -> str:
        return f"ThreeRuns(speeds={list(self.show_settings.speeds)}, landscape={self.show_settings.landscape!r})"
