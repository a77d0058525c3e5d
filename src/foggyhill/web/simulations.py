"""The registry of simulation pages: each card on the "All simulations" page, and the path it opens.

A `SimulationPage` is a page of the site; `foggyhill.Simulation` is the notebook widget, another thing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SimulationPage:
    """One simulation page: its slug (the folder under static/), title, one-line blurb and a short text tag."""

    slug: str
    title: str
    blurb: str
    tag: str

    @property
    def path(self) -> str:
        """Where the page lives on the server."""
        return f"/sim/{self.slug}"

    def to_dict(self) -> dict[str, str]:
        """The card as JSON-ready data."""
        return {"slug": self.slug, "title": self.title, "blurb": self.blurb, "tag": self.tag, "path": self.path}


# Later pages add themselves by appending a SimulationPage here; the slug names their folder under web/static/.
SIMULATION_PAGES: list[SimulationPage] = [
    SimulationPage(
        slug="gradient-descent",
        title="Gradient descent",
        blurb="Roll a ball down a loss curve one step at a time, and see how the speed decides where it ends up.",
        tag="Optimization",
    ),
    SimulationPage(
        slug="learning-rate-map",
        title="The learning-rate map",
        blurb="Every speed and every start at once: where each run ends up, and the speeds at which settling "
        "turns into swinging, chaos and flying off.",
        tag="Explorer",
    ),
    SimulationPage(
        slug="optimizer-race",
        title="The optimizer race",
        blurb="Plain descent, momentum, Nesterov, AdaGrad, RMSProp and Adam from the same start: who settles "
        "where, and when. Then add noise.",
        tag="Explorer",
    ),
    SimulationPage(
        slug="studio",
        title="Studio",
        blurb="Write a few lines that train a real small network, and watch its loss roll downhill round by round.",
        tag="Code",
    ),
    SimulationPage(
        slug="three-runs",
        title="Three runs: one number decides",
        blurb="The same descent three times from the same start, only the speed changed: too low, tuned, too high. "
        "With sound, and a mode for recording it.",
        tag="Show",
    ),
    SimulationPage(
        slug="surfaces",
        title="The second dimension",
        blurb="Two settings at once: roll a ball across ravines, saddles and the bowl of a line fitted to data, "
        "on a contour map and in 3-D.",
        tag="Optimization",
    ),
]


def get_simulation_page(slug: str) -> SimulationPage | None:
    """The registered simulation page with this slug (None if there is none)."""
    return next((page for page in SIMULATION_PAGES if page.slug == slug), None)
