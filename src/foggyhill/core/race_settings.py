"""The optimizer race page's settings: the descent fields it shares, with its own defaults, and the two of its own.

The race asks /api/descend for each lane, so most of its settings are `FIELDS`; what the page alone has (its mode
and how many seeded runs make a cloud) is described here once, for /api/schema and the page's link.
"""

from __future__ import annotations

from dataclasses import replace

from ..lang import N_
from .settings import FIELDS, Field

MAX_SEEDS = 24  # runs per cloud: each is one request, two clouds a page
MODES = ("race", "noisy")  # every rule side by side, or one rule's noisy runs in two clouds

RACE_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        FIELDS["landscape"],
        FIELDS["formula"],
        FIELDS["start"],
        FIELDS["speed"],
        replace(FIELDS["steps"], default=200),
        Field("mode", "choice", "race", N_("every rule side by side, or noisy steps in two clouds"), choices=MODES),
        replace(FIELDS["noise"], default=1.0),
        Field("seeds", "int", 8, N_("how many seeded runs make each cloud"), 2, MAX_SEEDS),
        FIELDS["optimizer"],
    )
}
