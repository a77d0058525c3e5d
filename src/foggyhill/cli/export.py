"""`foggyhill export FILE.studio --to numpy|pytorch [--out FILE.py]`: take a program away as a standalone script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core import SettingError
from ..lang import _, say
from ..studio import FilesBeside, StudioError, format_error
from ..studio.export import export_program
from ..web.tools import TOOLS
from . import UsageError, add_command, add_flags
from .run import UsageError as FileError
from .run import read_program


def register(subparsers: Any) -> None:
    """Add `export`."""
    parser = add_command(subparsers, "export")
    parser.add_argument("file", metavar="FILE.studio", help=_("the program to take away"))
    add_flags(parser, TOOLS["studio-export"].fields)
    parser.add_argument("--out", metavar="FILE.py", help=_("save the script here (default: print it)"))
    parser.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the script; 0 when written, 1 for a program that has a mistake or cannot be exported, 2 for bad input."""
    try:
        to = TOOLS["studio-export"].fields["to"].parse(args.to)
    except SettingError as error:
        raise UsageError(f"foggyhill export: --{error}") from None
    if to is None:
        raise UsageError(_("foggyhill export: --to is needed: --to numpy or --to pytorch"))
    path = Path(args.file)
    out = checked_out(args.out, path) if args.out else None
    try:
        source = read_program(path)
    except FileError as error:
        print(say("foggyhill export: {error}", error=str(error)), file=sys.stderr)
        return 2
    try:
        saved_as = str(out) if out else None
        code = export_program(source, to, FilesBeside(path.parent), program=path.name, saved_as=saved_as)
    except StudioError as error:
        print(format_error(error, source), file=sys.stderr)
        return 1
    if out is None:
        sys.stdout.write(code)
        return 0
    try:
        out.write_text(code, encoding="utf-8")
    except OSError as error:
        print(
            say("foggyhill export: cannot write {path}: {reason}", path=repr(str(out)), reason=error.strerror),
            file=sys.stderr,
        )
        return 2
    print(say("saved the {to} script to {path}: run it with python {path}", to=to, path=out))
    return 0


def checked_out(given: str, program: Path) -> Path:
    """Where --out may write: a .py file in a folder that exists, never the program itself."""
    out = Path(given)
    if out.suffix != ".py":
        raise UsageError(say("foggyhill export: --out must name a .py file (got {given})", given=repr(given)))
    if out.is_dir():
        raise UsageError(
            say("foggyhill export: --out {given} is a folder; give a file name like program.py", given=repr(given))
        )
    if not out.parent.is_dir():
        raise UsageError(
            say(
                "foggyhill export: --out {given}: the folder {folder} does not exist",
                given=repr(given),
                folder=repr(str(out.parent)),
            )
        )
    if out.exists() and program.exists() and out.samefile(program):
        raise UsageError(say("foggyhill export: --out {given} is the program itself", given=repr(given)))
    return out
