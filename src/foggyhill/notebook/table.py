"""A run's steps as a plain table: a list of dicts that shows as an HTML table in a notebook (no pandas needed)."""

from __future__ import annotations

import html
import math
from typing import Any

from ..core import Run

COLUMNS = (("step", "step"), ("w", "w"), ("loss", "loss"), ("slope", "slope"), ("taken", "step taken"))
SHOWN = 12  # rows shown at each end of a long table


def number(value: Any) -> str:
    """A cell: whole numbers as they are, others to 6 significant digits; NaN and infinity in words."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return "too big" if not math.isnan(value) else "—"
    return f"{value:.6g}"


class StepTable(list[dict[str, Any]]):
    """One dict per step (step, w, loss, slope, taken); in a notebook, a table with the verdict as its caption."""

    def __init__(self, run: Run) -> None:
        super().__init__(step.to_dict() for step in run.steps)
        self.caption = f"{run.verdict.headline} (speed {run.settings.speed:g}, {len(run.steps) - 1} steps)"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(label)}</th>" for _, label in COLUMNS)
        rows = list(self)
        cut = len(rows) > 2 * SHOWN
        shown = rows[:SHOWN] + rows[-SHOWN:] if cut else rows
        body = []
        for index, row in enumerate(shown):
            if cut and index == SHOWN:
                body.append(f'<tr><td colspan="{len(COLUMNS)}">… {len(rows) - 2 * SHOWN} more steps …</td></tr>')
            body.append("<tr>" + "".join(f"<td>{number(row[key])}</td>" for key, _ in COLUMNS) + "</tr>")
        caption = html.escape(self.caption)
        rows_html = "".join(body)
        return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>"
