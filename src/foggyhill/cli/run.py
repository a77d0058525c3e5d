"""`foggyhill run FILE.studio`: run a Studio program, with a progress bar per round and the training chart."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from ..lang import N_, _, say
from ..studio import MAX_SOURCE_CHARS, Effect, StudioError, format_error
from ..studio import run as run_studio
from . import add_command

BAR = 24
MAX_READ_CHARS = 1_000_000  # far past MAX_SOURCE_CHARS, so a long program still gets Studio's own message
PLAIN_ROUND_LINES = 20  # without a terminal, print about this many round lines, not one per round


class UsageError(Exception):
    """The command itself was misused (no such file, not text): exit code 2."""


def register(subparsers: Any) -> None:
    """Add `run`."""
    run = add_command(subparsers, "run")
    run.add_argument("file", metavar="FILE.studio", help=_("the program to run"))
    run.add_argument("--json", action="store_true", help=_("print every event as one JSON object per line"))
    run.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the program; 0 when it ran, 1 for a mistake in it, 2 when the file cannot be read."""
    path = Path(args.file)
    try:
        source = read_program(path)
    except UsageError as error:
        print(say("foggyhill run: {error}", error=str(error)), file=sys.stderr)
        return 2
    out = JsonOut(sys.stdout, path) if args.json else TextOut(sys.stdout, path)
    try:
        record = run_studio(source, folder=path.parent, viewer=out)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, like other command-line tools.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    if record.error is not None:
        return 1
    return 130 if record.stopped else 0


def read_program(path: Path) -> str:
    """The program's text, or a UsageError saying why it cannot be read."""
    if not path.exists():
        raise UsageError(say("no file at {path}", path=repr(str(path))))
    if path.is_dir():
        raise UsageError(say("{path} is a folder; give a .studio file", path=repr(str(path))))
    try:
        with path.open(encoding="utf-8") as file:
            source = file.read(MAX_READ_CHARS + 1)  # bounded: the file may be huge, or endless like /dev/zero
    except UnicodeDecodeError:
        raise UsageError(say("{name} is not a text file in UTF-8", name=path.name)) from None
    except OSError as error:
        raise UsageError(say("cannot read {path}: {reason}", path=repr(str(path)), reason=error.strerror)) from None
    if len(source) > MAX_READ_CHARS:
        raise UsageError(
            say(
                "{name} is longer than {length:,} characters; a Studio program can be at most {most:,}",
                name=path.name,
                length=MAX_READ_CHARS,
                most=MAX_SOURCE_CHARS,
            )
        )
    return source


def chart_path(program: Path, network: str) -> Path:
    """Where a network's chart goes: beside the program, named after it and the network."""
    return program.with_name(f"{program.stem}-{network.replace(' ', '_')}.png")


def save_chart(program: Path, data: dict[str, Any]) -> Path | None:
    """Write the chart PNG beside the program; if the folder cannot be written, say so and go on."""
    from ..render.training_chart import write_training_chart  # skia loads only when a chart is drawn

    path = chart_path(program, data["network"])
    try:
        return write_training_chart(path, data["network"], data["loss"], data["accuracy"])
    except OSError as error:
        print(
            say("foggyhill run: could not save the chart to {path}: {reason}", path=path, reason=error.strerror),
            file=sys.stderr,
        )
        return None


# The pictures a run saves besides the training chart: effect kind -> its file's suffix, and the sentences saying it
# was saved or could not be (marked only: said in the command line's language).
PICTURES = {"network_picture": "network", "boundary": "boundary", "weight_curve": "weight", "show": "pictures"}
SAVED = {
    "network_picture": N_("network saved to {path}"),
    "boundary": N_("boundary saved to {path}"),
    "weight_curve": N_("weight's loss curve saved to {path}"),
    "show": N_("pictures saved to {path}"),
}
NOT_SAVED = {
    "network_picture": N_("foggyhill run: could not save the network to {path}: {reason}"),
    "boundary": N_("foggyhill run: could not save the boundary to {path}: {reason}"),
    "weight_curve": N_("foggyhill run: could not save the weight's loss curve to {path}: {reason}"),
    "show": N_("foggyhill run: could not save the pictures to {path}: {reason}"),
}


def pictured(effect: Effect) -> bool:
    """Whether an effect is drawn as a PNG: the looking statements', and `show` on a dataset of pictures (digits)."""
    return effect.kind in PICTURES and (effect.kind != "show" or "pictures" in effect.data)


def picture_path(program: Path, data: dict[str, Any], kind: str) -> Path:
    """Where a picture goes: beside the program, named after it, the network (or the dataset shown) and the picture
    (and the weight)."""
    suffix = PICTURES[kind]
    if kind == "weight_curve":
        which = data["weight"] if data["weight"] is not None else ["bias", data["bias"]]
        suffix += "-" + "-".join(str(part) for part in [data["layer"], *which])
    # A dataset's name may be a CSV file's, so anything but letters, digits, - and . becomes _.
    owner = re.sub(r"[^\w.-]", "_", data["dataset"], flags=re.ASCII) if kind == "show" else data["network"]
    return program.with_name(f"{program.stem}-{owner.replace(' ', '_')}-{suffix}.png")


def save_picture(program: Path, data: dict[str, Any], kind: str) -> Path | None:
    """Draw a picture effect's data as a PNG beside the program; if it cannot be written, say so and go on."""
    from ..render.boundary_view import write_boundary  # skia loads only when a picture is drawn
    from ..render.network_view import write_network_picture, write_weight_curve
    from ..render.pictures_view import write_pictures

    writer = {"network_picture": write_network_picture, "boundary": write_boundary, "weight_curve": write_weight_curve,
              "show": write_pictures}  # fmt: skip
    path = picture_path(program, data, kind)
    try:
        return writer[kind](path, data)
    except OSError as error:
        print(say(NOT_SAVED[kind], path=path, reason=error.strerror), file=sys.stderr)
        return None


class TextOut:
    """Effects as text for a person: a progress bar while training, the chart saved and drawn in text."""

    def __init__(self, stream: TextIO, program: Path) -> None:
        self.stream = stream
        self.program = program
        self.live = stream.isatty()
        self.open_bar = False

    @classmethod
    def beside(cls, folder: Path) -> TextOut:
        """The terminal viewer for `foggyhill.studio.run` outside a notebook: standard output, charts into `folder`."""
        return cls(sys.stdout, folder / "studio.studio")

    def __call__(self, effect: Effect) -> None:
        """Show one effect."""
        if effect.kind == "round":
            self.progress(effect.data)
            return
        self.end_bar()
        if effect.kind == "notes":
            for note in effect.data["notes"]:
                self.write(say("note: {note}", note=note))
        elif effect.kind == "plot":
            self.plot(effect.data)
        elif pictured(effect):
            self.write(effect.text)
            path = save_picture(self.program, effect.data, effect.kind)
            if path is not None:
                self.write(say(SAVED[effect.kind], path=path))
        else:
            self.write(effect.text)

    def write(self, text: str) -> None:
        """One or more lines."""
        print(text, file=self.stream, flush=True)

    def progress(self, data: dict[str, Any]) -> None:
        """A bar for this round: redrawn in place on a terminal, a line every few rounds elsewhere."""
        done, total = data["round"], data["of"]
        filled = round(BAR * done / total) if total else BAR
        bar = f"[{'#' * filled}{'.' * (BAR - filled)}]"
        line = say("round {done:>4}/{total} {bar} loss {loss:.4f}", done=done, total=total, bar=bar, loss=data["loss"])
        if data["accuracy"] is not None:
            line += "  " + say("accuracy {accuracy:.0%}", accuracy=data["accuracy"])
        if self.live:
            self.stream.write("\r" + line)
            self.stream.flush()
            self.open_bar = True
        elif done == total or done % max(1, total // PLAIN_ROUND_LINES) == 0 or done == 1:
            self.write(line)

    def end_bar(self) -> None:
        """Finish a bar drawn in place."""
        if self.open_bar:
            self.stream.write("\n")
            self.open_bar = False

    def plot(self, data: dict[str, Any]) -> None:
        """Save the PNG beside the program and draw the loss in text."""
        from ..render.training_chart import text_chart

        self.write(say("loss per round of {network}:", network=data["network"]))
        self.write(text_chart(data["loss"]))
        path = save_chart(self.program, data)
        if path is not None:
            self.write(say("chart saved to {path}", path=path))

    def mistake(self, error: StudioError, source: str) -> None:
        """The formatted mistake, on standard error."""
        self.end_bar()
        print(format_error(error, source), file=sys.stderr)

    def stopped(self) -> None:
        """Say the run was stopped."""
        self.end_bar()
        self.write(_("stopped"))

    def done(self) -> None:
        """Nothing more to say."""
        self.end_bar()


class JsonOut:
    """Effects as JSON lines, one per event, ending with a `done`, `stopped` or `error` line."""

    def __init__(self, stream: TextIO, program: Path) -> None:
        self.stream = stream
        self.program = program

    def __call__(self, effect: Effect) -> None:
        """Show one effect."""
        event = effect.to_dict()
        if effect.kind == "plot":
            path = save_chart(self.program, effect.data)
            event["png"] = None if path is None else str(path)
        elif pictured(effect):
            path = save_picture(self.program, effect.data, effect.kind)
            event["png"] = None if path is None else str(path)
        self.send(event)

    def send(self, event: dict[str, Any]) -> None:
        """One JSON line."""
        print(json.dumps(event), file=self.stream, flush=True)

    def mistake(self, error: StudioError, source: str) -> None:
        """The mistake as an event."""
        self.send({"type": "error", **error.to_dict(source)})

    def stopped(self) -> None:
        """The run was stopped."""
        self.send({"type": "stopped"})

    def done(self) -> None:
        """The program ran to its end."""
        self.send({"type": "done"})
