"""The Studio language: tokens → parser → syntax tree → interpreter → effects. Imports nn and core; draws nothing.

`run(source)` runs a program and hands its effects to a viewer (a notebook cell, a terminal) found by name.
"""

from .data import FilesBeside, Loader, Uploads
from .effects import Collect, Effect, Sink
from .errors import Span, Stopped, StudioError, format_error
from .grammar import COMMANDS, KEYWORDS
from .interpreter import Limits, check_program, run_program
from .parser import MAX_SOURCE_CHARS, MAX_STATEMENTS, parse
from .session import StudioRun, Viewer, find_viewer, run, where

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
    "StudioRun",
    "Uploads",
    "Viewer",
    "check_program",
    "find_viewer",
    "format_error",
    "parse",
    "run",
    "run_program",
    "where",
]
