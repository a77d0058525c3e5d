"""foggyhill.studio's public names: what the CLI and the web use, and nothing missing from __all__."""

from __future__ import annotations

import foggyhill.studio as studio


def test_every_public_name_exists() -> None:
    assert all(hasattr(studio, name) for name in studio.__all__)
    assert {"run_program", "check_program", "parse", "StudioError", "format_error", "Limits", "Loader"} <= set(
        studio.__all__
    )


def test_the_commands_are_the_languages_words() -> None:
    assert studio.COMMANDS == (
        "load", "make_network", "train_network", "plot_training", "show", "evaluate", "predict", "print",
        "plot_network", "plot_boundary", "explain_step", "plot_weight",
    )  # fmt: skip
