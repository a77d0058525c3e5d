"""The words and numbers of a program's output: dataset tables, round lines, results, plot requests."""

from __future__ import annotations

from typing import Any

from ..lang import _, say
from ..nn import Dataset

SHOW_ROWS = 5


def round_data(report: Any, start: int, rounds: int) -> dict[str, Any]:
    """One round's report as effect data, numbered on from the network's earlier training."""
    number = start + report.round
    accuracy = None if report.accuracy is None else float(report.accuracy)
    text = say("round {round}/{rounds}: loss {loss:.4f}", round=report.round, rounds=rounds, loss=report.loss)
    if accuracy is not None:
        text = say(
            "round {round}/{rounds}: loss {loss:.4f}, accuracy {accuracy:.0%}",
            round=report.round,
            rounds=rounds,
            loss=report.loss,
            accuracy=accuracy,
        )
    return {
        "text": text,
        "round": number,
        "of": start + rounds,
        "loss": float(report.loss),
        "accuracy": accuracy,
    }


def evaluation_text(result: dict[str, float | None], data: Dataset) -> str:
    """'loss 0.1234, accuracy 93% (55 of 59 rows right)'."""
    accuracy = result.get("accuracy")
    if accuracy is None:
        return say("loss {loss:.4f}", loss=result["loss"])
    return say(
        "loss {loss:.4f}, accuracy {accuracy:.0%} ({right} of {rows} rows right)",
        loss=result["loss"],
        accuracy=accuracy,
        right=round(accuracy * data.rows),
        rows=data.rows,
    )


def plot_data(name: str, losses: list[float], accuracies: list[float | None]) -> dict[str, Any]:
    """A plot request: every round's loss, and accuracy where the network sorts into classes."""
    has_accuracy = bool(accuracies) and all(a is not None for a in accuracies)
    return {
        "network": name,
        "rounds": list(range(1, len(losses) + 1)),
        "loss": list(losses),
        "accuracy": list(accuracies) if has_accuracy else None,
    }


def dataset_table(data: Dataset) -> tuple[str, dict[str, Any]]:
    """`show DATA`: the summary, then the first rows as an aligned table; and the same as data."""
    head = data.head(SHOW_ROWS)
    columns = [*data.feature_names, data.target_name]
    cells = [[cell(row[c]) for c in columns] for row in head]
    widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(columns)]
    lines = [f"{data.name}: {data.summary()}", "  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    if data.rows > SHOW_ROWS:
        lines.append(say("… and {count} more rows", count=data.rows - SHOW_ROWS))
    table = {
        "dataset": data.name,
        "rows": data.rows,
        "features": list(data.feature_names),
        "target": data.target_name,
        "classes": data.classes,
        "head": head,
        "description": _(data.description),
    }
    return "\n".join(lines), table


def cell(value: float | str) -> str:
    """A table cell: numbers short, words as they are."""
    return f"{value:g}" if isinstance(value, float) else str(value)
