"""docs/studio.md tells the truth: its example programs run, and its error example is what Studio prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foggyhill.studio import Collect, StudioError, format_error, run_program

DOC = (Path(__file__).parents[2] / "docs" / "studio.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```studio\n(.*?)```", DOC, flags=re.S)


@pytest.mark.parametrize("source", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_every_example_in_the_docs_runs(source: str) -> None:
    sink = Collect()
    run_program(source, sink)
    assert sink.effects


def test_the_error_shown_in_the_docs_is_what_studio_prints() -> None:
    shown = DOC.split("Every mistake is reported the same way", 1)[1].split("```\n", 2)[1].rstrip("\n")
    source = EXAMPLES[0].replace("rounds: 30", "rounds = 30")
    with pytest.raises(StudioError) as caught:
        run_program(source, Collect())
    assert format_error(caught.value, source) == shown


def test_the_catalogue_lists_every_mistake_program() -> None:
    programs = sorted((Path(__file__).parent / "programs").glob("error_*.studio"))
    for path in programs:
        what = path.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("# mistake: ")
        assert f"| {what} |" in DOC, what
