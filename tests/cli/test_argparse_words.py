"""argparse's own words (usage, options, its refusals) in the command line's language, and put back after."""

from __future__ import annotations

import argparse
import contextlib
import gettext

from foggyhill.cli import main


def test_argparses_words_are_spanish_with_lang_es_and_english_without(capsys) -> None:
    assert main(["--lang", "es", "descend", "--bogus"]) == 2
    assert "argumentos no reconocidos: --bogus" in capsys.readouterr().err
    assert main(["descend", "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_the_help_says_usage_and_options_in_spanish(capsys) -> None:
    with contextlib.suppress(SystemExit):
        main(["--lang", "es", "descend", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("uso: foggyhill descend") and "opciones:" in out and "muestra esta ayuda y termina" in out


def test_argparse_gets_its_own_words_back_after_a_command() -> None:
    main(["--lang", "es", "descend", "--bogus"])
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]
