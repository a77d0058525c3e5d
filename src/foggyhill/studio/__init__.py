"""The Studio language: tokens → parser → syntax tree → interpreter → effects. Imports nn and core; draws nothing."""

from .data import FilesBeside, Loader, Uploads
from .effects import Collect, Effect, Sink
from .errors import Span, Stopped, StudioError, format_error
from .grammar import COMMANDS, KEYWORDS
from .interpreter import Limits, check_program, run_program
from .parser import MAX_SOURCE_CHARS, MAX_STATEMENTS, parse

__all__ = [
    "COMMANDS",
    "KEYWORDS",
    "MAX_SOURCE_CHARS",
    "MAX_STATEMENTS",
    "Collect",
    "Effect",
    "FilesBeside",
    "Limits",
    "Loader",
    "Sink",
    "Span",
    "Stopped",
    "StudioError",
    "Uploads",
    "check_program",
    "format_error",
    "parse",
    "run_program",
]
