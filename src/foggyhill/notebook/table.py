"""A run's steps as a plain table: a list of dicts that shows as an HTML table in a notebook (no pandas needed)."""

from __future__ import annotations

import html
import math
from typing import Any

from ..core import Run
from ..lang import N_, _, say

COLUMNS = (("step", N_("step")), ("w", "w"), ("loss", N_("loss")), ("slope", N_("slope")), ("taken", N_("step taken")))
SHOWN = 12  # rows shown at each end of a long table


def number(value: Any) -> str:
    """A cell: whole numbers as they are, others to 6 significant digits; NaN and infinity in words."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return _("too big") if not math.isnan(value) else "—"
    return f"{value:.6g}"


def caption(headline: str, speed: float, steps: int) -> str:
    """A step table's caption: the verdict, its speed and how many steps were taken."""
    return say("{headline} (speed {speed:g}, {steps} steps)", headline=headline, speed=speed, steps=steps)


def more_steps(count: int, columns: int) -> str:
    """The row standing for the steps a long table leaves out."""
    left_out = say("… {count} more steps …", count=count)
    return f'<tr><td colspan="{columns}">{html.escape(left_out)}</td></tr>'


class StepTable(list[dict[str, Any]]):
    """One dict per step (step, w, loss, slope, taken); in a notebook, a table with the verdict as its caption."""

    def __init__(self, run: Run) -> None:
        super().__init__(step.to_dict() for step in run.steps)
        self.caption = caption(run.verdict.headline, run.settings.speed, len(run.steps) - 1)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(_(label))}</th>" for _key, label in COLUMNS)
        rows = list(self)
        cut = len(rows) > 2 * SHOWN
        shown = rows[:SHOWN] + rows[-SHOWN:] if cut else rows
        body = []
        for index, row in enumerate(shown):
            if cut and index == SHOWN:
                body.append(more_steps(len(rows) - 2 * SHOWN, len(COLUMNS)))
            body.append("<tr>" + "".join(f"<td>{number(row[key])}</td>" for key, _label in COLUMNS) + "</tr>")
        caption = html.escape(self.caption)
        rows_html = "".join(body)
        return f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>"
