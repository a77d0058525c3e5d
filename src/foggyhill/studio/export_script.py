"""An exported script put together: what it is and how to run it, the parts the program needs (and no others), the
program line by line in main(), then its data."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from types import ModuleType

from ..nn import Dataset
from . import export_numpy, export_parts
from .export_data import comment, dataset_code

RULE = "# " + "-" * 114
PROMISE = (
    "It loads the same numbers, starts the network from the same weights, scales the features and shuffles the rows "
    "into batches as Studio does, and takes the same steps downhill (new = old - speed × slope, or the momentum or "
    "adam rule), so "
)


@dataclass
class Parts:
    """What a walk through the program found it needs, and main()'s body."""

    body: list[str]
    datasets: dict[tuple[str, str | None], Dataset]
    squashes: set[str] = field(default_factory=set)
    losses: set[str] = field(default_factory=set)
    rules: set[str] = field(default_factory=set)
    helpers: set[str] = field(default_factory=set)


def section(title: str) -> str:
    """A heading between the script's parts."""
    return f"{RULE}\n# {title}\n{RULE}"


def table(name: str, entries: dict[str, str]) -> str:
    """`NAME = {"word": thing, …}`: how the script finds a part by the word Studio uses."""
    inside = ", ".join(f"{word!r}: {thing}" for word, thing in sorted(entries.items()))
    return f"{name} = {{{inside}}}"


def header(target: ModuleType, program: str, saved_as: str) -> str:
    """What the script is, how to run it and what it promises, in the learner's words."""
    name = comment(program)
    return "\n".join(
        [
            f"# {name}, taken away from foggyhill Studio as a standalone {target.NAME} script.",
            "#",
            f"# Run it with: python {comment(saved_as)}   (it needs {target.NEEDS}; plot_training uses matplotlib)",
            "#",
            *[f"# {line}" for line in textwrap.wrap(PROMISE + target.PROMISE, 114)],
            "# The program itself is main(), near the end: each Studio line above the Python it became.",
        ]
    )


def network_part(target: ModuleType, parts: Parts) -> list[str]:
    """The network, its squashes (only those used) and its losses."""
    blocks: list[str] = []
    if target is export_numpy:
        if "sigmoid" in parts.squashes | parts.losses:
            blocks.append(export_numpy.SIGMOID)
        blocks += [export_numpy.SQUASHES[kind] for kind in sorted(parts.squashes)]
        pairs = {kind: export_numpy.SQUASH_PAIRS[kind] for kind in parts.squashes}
    else:
        pairs = {kind: target.SQUASHES[kind] for kind in parts.squashes if kind != "linear"}
    blocks += [table("SQUASH", pairs), target.NETWORK]
    blocks += [target.LOSSES[kind] for kind in sorted(parts.losses)]
    blocks.append(table("LOSSES", {kind: target.LOSS_PAIRS[kind] for kind in parts.losses}))
    return blocks


def script(target: ModuleType, parts: Parts, program: str, saved_as: str) -> str:
    """The whole script as text."""
    blocks = [header(target, program, saved_as), target.IMPORTS]
    blocks += [section("The network: dense layers, each z = x W + b then a squash; the loss at the end")]
    blocks += network_part(target, parts)
    blocks += [section("The update rules: how each step moves the weights downhill")]
    blocks += [target.RULES[rule] for rule in sorted(parts.rules)]
    blocks.append(table("RULES", {rule: target.RULE_NAMES[rule] for rule in parts.rules}))
    blocks += [section("The data, scaled as Studio scales it, and the training"), export_parts.DATASET, target.TRAIN]
    if parts.helpers:
        blocks.append(section("What the program asks for after training"))
        if "plot" in parts.helpers:
            stem = program.rsplit(".", 1)[0]
            blocks.append(f"PROGRAM = {stem!r}  # the chart's file is named after the program")
        blocks += [export_parts.HELPERS[helper] for helper in sorted(parts.helpers)]
    blocks += [section("The program, line by line")]
    blocks.append(
        "\n".join(["def main():", '    """The Studio program, each line above the Python it became."""', *parts.body])
    )
    blocks += data_part(parts.datasets)
    blocks.append('if __name__ == "__main__":\n    main()')
    return "\n\n\n".join(block.strip("\n") for block in blocks) + "\n"


def data_part(datasets: dict[tuple[str, str | None], Dataset]) -> list[str]:
    """Every dataset the program loads, with all its numbers."""
    blocks = [section("The data: every number Studio loaded, written out so the script needs no other file")]
    written = [dataset_code(key, data) for key, data in datasets.items()]
    if any(packed for _, packed in written):
        blocks.append(export_parts.UNPACK)
    blocks.append("DATA = {}")
    blocks += ["\n".join(code) for code, _ in written]
    return blocks
