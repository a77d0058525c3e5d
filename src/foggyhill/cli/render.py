"""`foggyhill render three-runs|descent|surface|surface-race`: a show as a video with sound, a soundtrack, or PNG
frames."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from ..core import SettingError
from ..core.surfaces import parse_surface_settings
from ..lang import _, say
from ..render import RenderOptions, frame_count, parse_fps, parse_size, render_audio, render_frames, render_video
from ..render.encode import clear_leftovers
from ..render.options import check_file, check_folder, check_length, video_format
from ..render.video import Show
from ..timeline import build_timeline, parse_show
from ..timeline.surface import (
    RACE_FIELD,
    SURFACE_SHOW_FIELDS,
    SurfaceTimeline,
    build_surface_timeline,
    parse_race,
    parse_surface_show,
)
from ..web.tools import TOOLS
from . import add_command, add_flags

SHOW = TOOLS["three-runs"].fields  # the show's settings, as the API's /api/three-runs takes them
SURFACE = TOOLS["surfaces"].fields  # a run on a surface, as the surfaces page sets it up
SURFACE_SCENES = ("surface", "surface-race")


def register(subparsers: Any) -> None:
    """Add `render` with its four scenes."""
    render = add_command(subparsers, "render")
    scenes = render.add_subparsers(dest="scene", metavar="SCENE", parser_class=type(render))
    three = scenes.add_parser("three-runs", help=_("the same curve and start at several speeds, one after another"))
    add_flags(three, {"speeds": SHOW["speeds"]})
    one = scenes.add_parser("descent", help=_("a single run at one speed"))
    one.add_argument("--speed", metavar="SPEED", required=True, help=_("the learning rate: how far each step goes"))
    for parser in (three, one):
        _add_outputs(parser)
        add_flags(parser, {name: field for name, field in SHOW.items() if name != "speeds"})
        parser.set_defaults(handler=cmd_render)
    surface = scenes.add_parser("surface", help=_("a ball rolling on a surface of two settings, w1 and w2"))
    add_flags(surface, SURFACE)
    race = scenes.add_parser("surface-race", help=_("several update rules racing on one surface, a ball each"))
    add_flags(race, {name: field for name, field in SURFACE.items() if name != "optimizer"})
    add_flags(race, {"optimizers": RACE_FIELD})
    for parser in (surface, race):
        _add_outputs(parser)
        add_flags(parser, SURFACE_SHOW_FIELDS)
        parser.set_defaults(handler=cmd_render)
    render.set_defaults(handler=lambda args: _no_scene(render))


def _no_scene(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _add_outputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="FILE", help=_("the video to write: .mp4 (with sound) or .gif"))
    parser.add_argument("--audio", metavar="FILE.wav", help=_("write the soundtrack alone as a WAV file"))
    parser.add_argument("--frames", metavar="DIR", help=_("write every frame as a PNG into this new folder"))
    parser.add_argument("--size", default="1920x1080", help=_("frame size WxH (default 1920x1080, at most 3840x2160)"))
    parser.add_argument("--fps", default="60", help=_("frames per second, 1 to 120 (default 60)"))


def show_settings(args: argparse.Namespace) -> dict[str, object]:
    """The show settings the flags name, still unchecked."""
    raw: dict[str, object] = {name: getattr(args, name) for name in SHOW if name != "speeds"}
    raw["speeds"] = args.speed if args.scene == "descent" else args.speeds
    if args.scene == "descent" and "," in str(args.speed):
        raise SettingError(
            "speed", say("descent takes one speed (got {speed}); three-runs takes a list", speed=repr(args.speed))
        )
    return {k: v for k, v in raw.items() if v is not None}


def _given(args: argparse.Namespace, names: Iterable[str]) -> dict[str, object]:
    """The flags among `names` that were given, still unchecked."""
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def surface_timeline(args: argparse.Namespace) -> Show:
    """The run (or race) on a surface that the flags describe, checked by the surfaces page's own fields."""
    settings = parse_surface_settings(_given(args, SURFACE))
    show = parse_surface_show(_given(args, SURFACE_SHOW_FIELDS))
    rules = parse_race(args.optimizers) if args.scene == "surface-race" else None
    return build_surface_timeline(settings, show, rules)


def timeline_for(args: argparse.Namespace) -> Show:
    """The show the flags describe: the three-runs show (or one descent), or a run or race on a surface."""
    if args.scene in SURFACE_SCENES:
        return surface_timeline(args)
    return build_timeline(parse_show(show_settings(args)))


def cmd_render(args: argparse.Namespace) -> int:
    """Check every setting first, then write what was asked for."""
    if not (args.out or args.audio or args.frames):
        raise SettingError("out", _("say what to write: --out FILE.mp4 or FILE.gif, --audio FILE.wav, or --frames DIR"))
    width, height = parse_size(args.size)
    options = RenderOptions(width, height, parse_fps(args.fps))
    timeline = timeline_for(args)
    check_length(timeline.total, timeline.shorter if isinstance(timeline, SurfaceTimeline) else None)
    if args.out:
        video_format(Path(args.out))
    for target in (args.out, args.audio):
        if target:
            check_file(Path(target))
    if args.frames:
        check_folder(Path(args.frames))
    for target in (args.out, args.audio, args.frames):
        for path in clear_leftovers(Path(target)) if target else ():
            print(say("removed {path}, left half-written by a render that was stopped before it finished", path=path))
    if args.audio:
        render_audio(timeline, Path(args.audio))
        print(
            say(
                "wrote {path} ({seconds:g} s of sound, {tones} tones)",
                path=args.audio,
                seconds=timeline.total,
                tones=len(timeline.tones),
            )
        )
    if args.frames:
        with ProgressBar(frame_count(timeline, options.fps), _("frames")) as bar:
            render_frames(timeline, Path(args.frames), options, bar.update)
        print(say("wrote {count} frames into {folder}", count=frame_count(timeline, options.fps), folder=args.frames))
    if args.out:
        label = _("gif (palette, then picture)") if video_format(Path(args.out)) == "gif" else _("video")
        with ProgressBar(frame_count(timeline, options.fps), label) as bar:
            render_video(timeline, Path(args.out), options, bar.update)
        print(say("wrote {path} ({what})", path=args.out, what=_length_and_size(timeline, options)))
    return 0


def _length_and_size(timeline: Show, options: RenderOptions) -> str:
    """The video's length, frames, rate and size, as the "wrote" line says them."""
    frames = frame_count(timeline, options.fps)
    return say(
        "{seconds:g} s, {frames} frames at {fps} fps, {size}",
        seconds=timeline.total,
        frames=frames,
        fps=options.fps,
        size=f"{options.width}x{options.height}",
    )


class ProgressBar:
    """Frames done, a bar, and the time left, redrawn in place on a terminal (a few times a second)."""

    def __init__(
        self,
        total: int,
        label: str,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        unit: str | None = None,
    ) -> None:
        self.total, self.label, self.unit = total, label, unit or _("frames")
        self.stream = stream or sys.stderr
        self.clock = clock
        self.began = clock()
        self.shown = -1.0

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.shown >= 0 and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()

    def update(self, done: int, total: int) -> None:
        """Note that `done` of `total` frames are finished: redraw in place on a terminal, else a line per tenth."""
        now = self.clock()
        self.total = total
        if self.stream.isatty():
            if done < total and now - self.shown < 0.1:
                return
            self.stream.write("\r" + self.line(done, now - self.began))
        else:
            if done * 10 // max(total, 1) == (done - 1) * 10 // max(total, 1) and done != 1:
                return
            self.stream.write(self.line(done, now - self.began) + "\n")
        self.shown = now
        self.stream.flush()

    def line(self, done: int, elapsed: float) -> str:
        """One line: label, frames (or other units) done of all, a bar, percent, the rate and the time left."""
        share = done / self.total if self.total else 1.0
        filled = int(share * 30)
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else 0.0
        bar = "█" * filled + "░" * (30 - filled)
        unit = self.unit
        return say(
            "{label} {done}/{total} {unit} {bar} {share:4.0%}  {rate:5.1f} {unit}/s  {left} left",
            label=self.label,
            done=done,
            total=self.total,
            unit=unit,
            bar=bar,
            share=share,
            rate=rate,
            left=_clock(left),
        )


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
