"""The thin command line: parse flags, call the engine, print for a person, exit with a code.

Each subcommand lives in its own module with `register(subparsers)`; COMMANDS lists them in help order.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..core import FoggyhillError

COMMANDS = ["engine", "serve", "render", "run", "map"]


class UsageError(Exception):
    """A flag the parser could not accept; shown as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one plain line instead of usage text and a traceback-like exit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> Parser:
    """The `foggyhill` parser with every subcommand registered."""
    parser = Parser(prog="foggyhill", description="See, hear and program gradient descent.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 1 failed, 2 bad input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        return int(args.handler(args) or 0)
    except UsageError as error:
        print(f"{error} (see 'foggyhill --help')", file=sys.stderr)
        return 2
    except FoggyhillError as error:
        print(f"foggyhill: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("foggyhill: stopped", file=sys.stderr)
        return 130
