"""argparse's own words (`usage:`, `options`, `unrecognized arguments: …`) in the command line's language.

argparse looks its words up through its module's `_` and `ngettext` each time it says one; while a command runs they
are pointed at foggyhill's catalogs and put back after, so nothing else that uses argparse is touched. The messages
below are argparse's (Python 3.11), listed so the catalogs hold them.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from ..lang import N_, _

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)


def _plural(one: str, many: str, count: int) -> str:
    return _(one if count == 1 else many)


@contextmanager
def argparse_in_our_words() -> Iterator[None]:
    """argparse says its words through foggyhill's catalogs inside this block."""
    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, _plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]
