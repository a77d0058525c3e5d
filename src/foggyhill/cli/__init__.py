"""The thin command line: parse flags, call the engine, print for a person, exit with a code.

Each subcommand lives in its own module with `register(subparsers)`. COMMANDS maps every command to its module and
one line of help, so a run imports only the module of the command it runs (the web app, the renderer and Studio each
cost a noticeable fraction of a second to import) and `foggyhill --help` imports none.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from ..core import Field, FoggyhillError
from ..lang import CHOSEN, LANGUAGES, N_, LanguageError, _, checked, default, say, use
from .argwords import argparse_in_our_words

# Each command's line of help is marked only: it is said in the language the command line runs in.
COMMANDS: dict[str, tuple[str, str]] = {
    "descend": ("engine", N_("roll the ball downhill and say what became of it")),
    "peek": ("engine", N_("the loss at a few settings across the curve")),
    "landscapes": ("engine", N_("the built-in curves with their minima and stability bounds")),
    "serve": ("serve", N_("start the web app and print its address")),
    "render": ("render", N_("export the runs as a video with sound, a soundtrack or frames")),
    "run": ("run", N_("run a Studio program (train a network and see its loss go downhill)")),
    "export": ("export", N_("take a Studio program away as a standalone numpy or PyTorch script")),
    "map": ("map", N_("the learning-rate map: the verdict for every speed and start, and the bifurcation diagram")),
}


class UsageError(Exception):
    """A flag the parser could not accept; shown as one line, exit code 2."""


# A word like -1e-3 or -inf is a flag's value, not a flag (argparse before 3.13 knew only -2 and -2.5).
# So is -1.5,2: a start on a surface, two numbers.
_NUMBER = r"(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"
NEGATIVE_NUMBER = re.compile(rf"^-{_NUMBER}(,\s*-?{_NUMBER})*$|^-(inf|infinity|nan)$", re.IGNORECASE)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one plain line instead of usage text and a traceback-like exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)  # --optimizer must not pass for --optimizers
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser(command: str | None = None) -> Parser:
    """The `foggyhill` parser: `command` fully registered from its module, every other command listed by name only."""
    parser = Parser(prog="foggyhill", description=_("See, hear and program gradient descent."))
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=say(
            "the language of every word foggyhill says: {languages} (default: the LANG variable's)",
            languages=", ".join(LANGUAGES),
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    wanted = COMMANDS[command][0] if command in COMMANDS else None
    for name, (module, _help) in COMMANDS.items():
        if name in subparsers.choices:
            continue
        if module == wanted:
            importlib.import_module(f"{__name__}.{module}").register(subparsers)
        else:
            add_command(subparsers, name)
    return parser


def add_command(subparsers: Any, name: str) -> Parser:
    """The parser of command `name`, added with its line of help from COMMANDS."""
    parser: Parser = subparsers.add_parser(name, help=_(COMMANDS[name][1]))
    return parser


def add_flags(parser: argparse.ArgumentParser, fields: Mapping[str, Field]) -> None:
    """One flag per field of a tool in the registry (web/tools.py), its help and default from the field; the values
    stay text here and are checked by the tool's own fields. A landscape and a formula exclude each other."""
    both = {"landscape", "formula"} <= set(fields)
    curve = parser.add_mutually_exclusive_group() if both else parser
    for field in fields.values():
        target = curve if field.name in ("landscape", "formula") else parser
        flag = "--" + field.name.replace("_", "-")  # --from-step, as every other flag is spelled
        metavar = field.name.upper()
        if field.kind == "list":
            metavar = "W1,W2" if field.maximum == 2 else "S1,S2,..."
        target.add_argument(flag, dest=field.name, metavar=metavar, help=f"{field.help_text()}{default_words(field)}")


def default_words(field: Field) -> str:
    """ " (default 0.1)" for the help, the value as a flag takes it; nothing when the default depends on more."""
    if field.default is None:
        return ""
    if field.kind == "list":
        value = ",".join(f"{value:g}" for value in field.default)
    else:
        value = f"{field.default:g}" if field.kind == "float" else str(field.default)
    return " " + say("(default {value})", value=value)  # text, not a number: typed as it is written here


def refuse_empty(args: argparse.Namespace, words: list[str]) -> None:
    """A flag given an empty value (--speed "") is a slip, not a wish for the default: say so."""
    for name, value in vars(args).items():
        if value != "":
            continue
        flag = "--" + name.replace("_", "-")
        if any(word == flag or word.startswith(flag + "=") for word in words):  # a flag, not a command's own word
            raise UsageError(
                say(
                    "foggyhill {command}: {flag} is empty: give it a value, or leave it out for the default",
                    command=args.command,
                    flag=flag,
                )
            )


def glue_formula(words: list[str]) -> list[str]:
    """`--formula -w^2` as `--formula=-w^2`: a formula may start with a minus, which argparse takes for a flag."""
    glued: list[str] = []
    for word in words:
        if glued and glued[-1] == "--formula" and word.startswith("-") and not word.startswith("--"):
            glued[-1] = f"--formula={word}"
        else:
            glued.append(word)
    return glued


def refuse_repeated(args: argparse.Namespace, words: list[str]) -> None:
    """A flag given twice is a slip (which one was meant?), not a wish for the last: say so, as the API does."""
    seen: set[str] = set()
    for word in words:
        flag = word.split("=", 1)[0]
        if flag.startswith("--") and flag in seen:
            raise UsageError(
                say(
                    "foggyhill {command}: {flag} is given more than once: give it once", command=args.command, flag=flag
                )
            )
        seen.add(flag)


def take_language(words: list[str]) -> tuple[str | None, list[str]]:
    """`--lang X` taken from anywhere in the words (X checked), and the other words."""
    rest: list[str] = []
    asked: list[str] = []
    taking = False
    for word in words:
        if taking:
            asked.append(word)
            taking = False
        elif word == "--lang":
            taking = True
        elif word.startswith("--lang="):
            asked.append(word.split("=", 1)[1])
        else:
            rest.append(word)
    if taking:
        raise UsageError(say("foggyhill: --lang needs a language: {languages}", languages=", ".join(LANGUAGES)))
    if len(asked) > 1:
        raise UsageError(_("foggyhill: --lang is given more than once: give it once"))
    if asked:
        try:
            language = checked(asked[0])
        except LanguageError as error:
            raise UsageError(say("foggyhill: --lang: {error}", error=error)) from None
        return language, rest
    return None, rest


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Say every word in `language` (else the machine's) until the command is done; the server processes it starts
    inherit the choice through the environment."""
    before = os.environ.get(CHOSEN)
    if language:
        os.environ[CHOSEN] = language
    try:
        with use(default()):
            yield
    finally:
        if before is None:
            os.environ.pop(CHOSEN, None)
        else:
            os.environ[CHOSEN] = before


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 1 failed, 2 bad input)."""
    words = glue_formula(list(sys.argv[1:] if argv is None else argv))
    try:
        language, words = take_language(words)
    except UsageError as error:
        print(say("{error} (see 'foggyhill --help')", error=str(error)), file=sys.stderr)
        return 2
    with speaking(language), argparse_in_our_words():
        return run_words(words)


def run_words(words: list[str]) -> int:
    """Parse the words and run their command."""
    parser = build_parser(next((w for w in words if not w.startswith("-")), None))
    try:
        args = parser.parse_args(words)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        refuse_empty(args, words)
        refuse_repeated(args, words)
        return int(args.handler(args) or 0)
    except UsageError as error:
        print(say("{error} (see 'foggyhill --help')", error=str(error)), file=sys.stderr)
        return 2
    except FoggyhillError as error:
        print(f"foggyhill: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("foggyhill: stopped"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of the output stopped early (`| head`): stop quietly, and send what is left to nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
