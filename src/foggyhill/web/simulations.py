"""The registry of simulation pages: each card on the "All simulations" page, and the path it opens.

A `SimulationPage` is a page of the site; `foggyhill.Simulation` is the notebook widget, another thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lang import N_, _


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
        """The card as JSON-ready data, its words in the current language."""
        words = {"title": _(self.title), "blurb": _(self.blurb), "tag": _(self.tag)}
        return {"slug": self.slug, **words, "path": self.path}


# The words are marked only (N_): they are said in each request's language where shown.
# Later pages add themselves by appending a SimulationPage here; the slug names their folder under web/static/.
SIMULATION_PAGES: list[SimulationPage] = [
    SimulationPage(
        slug="gradient-descent",
        title=N_("Gradient descent"),
        blurb=N_("Roll a ball down a loss curve one step at a time, and see how the speed decides where it ends up."),
        tag=N_("Optimization"),
    ),
    SimulationPage(
        slug="learning-rate-map",
        title=N_("The learning-rate map"),
        blurb=N_(
            "Every speed and every start at once: where each run ends up, and the speeds at which settling "
            "turns into swinging, chaos and flying off."
        ),
        tag=N_("Explorer"),
    ),
    SimulationPage(
        slug="optimizer-race",
        title=N_("The optimizer race"),
        blurb=N_(
            "Plain descent, momentum, Nesterov, AdaGrad, RMSProp and Adam from the same start: who settles "
            "where, and when. Then add noise."
        ),
        tag=N_("Explorer"),
    ),
    SimulationPage(
        slug="studio",
        title=N_("Studio"),
        blurb=N_("Write a few lines that train a real small network, and watch its loss roll downhill round by round."),
        tag=N_("Code"),
    ),
    SimulationPage(
        slug="three-runs",
        title=N_("Three runs: one number decides"),
        blurb=N_(
            "The same descent three times from the same start, only the speed changed: too low, tuned, too high. "
            "With sound, and a mode for recording it."
        ),
        tag=N_("Show"),
    ),
    SimulationPage(
        slug="surfaces",
        title=N_("The second dimension"),
        blurb=N_(
            "Two settings at once: roll a ball across ravines, saddles and the bowl of a line fitted to data, "
            "on a contour map and in 3-D."
        ),
        tag=N_("Optimization"),
    ),
]


def get_simulation_page(slug: str) -> SimulationPage | None:
    """The registered simulation page with this slug (None if there is none)."""
    return next((page for page in SIMULATION_PAGES if page.slug == slug), None)
