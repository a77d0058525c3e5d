"""What a request will cost, estimated before any engine work starts: the server's scheduler reads it.

An estimate is seconds of one core, from the work's size (steps, lanes) times the cost of one step on its curve: a
built-in curve is a fixed price, a typed formula costs more the bigger its slope is (the number of distinct pieces the
derived slope has, which is what every step evaluates). The prices were measured on the numpy lanes of a shared 2-core
machine (benchmarks/api.py prints the estimate beside the time taken), rounded up: the compiled lanes are faster.

Free of FastAPI and of clocks: the estimate is a pure function of the checked request, so the same request always
goes to the same queue. The worker process computes it (a formula is parsed there, never in the server's event loop).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..core import DescentSettings
from ..core.formula.parse import parse_formula
from ..core.formula.surface import parse_surface_formula
from ..core.formula.tree import distinct_nodes
from ..core.map_settings import DiagramRequest, MapRequest
from ..core.surfaces import SurfaceSettings
from ..core.surfaces.basin_settings import BasinRequest
from ..lang import _, say

__all__ = ["LIMIT_S", "Cost", "basins_cost", "curve_cost", "descend_cost", "diagram_cost", "map_cost", "surface_cost"]

LIMIT_S = 20.0  # the most work one request may ask for; more is refused before it starts, saying how to ask for less

# Seconds per step, on a built-in curve (or surface) and per distinct piece of a typed formula's slope.
RUN_STEP = {"curve": 10e-6, "surface": 40e-6}
RUN_PIECE = {"curve": 1.3e-6, "surface": 2e-6}
LANE_STEP = {"map": 50e-9, "diagram": 150e-9, "basins": 60e-9}  # one lane's step in a sweep of many lanes
LANE_PIECE = {"map": 6e-9, "diagram": 22e-9, "basins": 8e-9}
RULE_FACTOR = {"plain": 1.0}  # the other rules keep running sums: about twice the work per step
OTHER_RULE = 2.0
PARSE_S = 0.02  # parsing and deriving a formula of the longest length the server takes
CURVE_S = 0.002  # sampling a curve and finding its dips


@dataclass(frozen=True)
class Cost:
    """Estimated seconds of one core, and the work in words (for the sentence that refuses too much)."""

    seconds: float
    work: str
    field: str  # the setting to lower when the work is too much

    def too_much(self) -> str:
        """The sentence that refuses this work (the settings to lower keep their names: they are the link's)."""
        return say(
            "{work} is about {seconds:,.0f} s of work; the server takes at most {limit:g} s for one request: lower "
            "{names} or simplify the formula",
            work=self.work,
            seconds=self.seconds,
            limit=LIMIT_S,
            names=either(self.field),
        )


def either(names: str) -> str:
    """Settings' names as one choice, "speeds, starts or steps", with the language's "or"."""
    if " or " not in names:
        return names
    some, last = names.rsplit(" or ", 1)
    return say("{names} or {last}", names=some, last=last)


@lru_cache(maxsize=256)
def pieces(formula: str | None, surface: bool = False) -> int:
    """How many distinct pieces a formula's slope has (0 for a built-in curve): what each step evaluates."""
    if not formula:
        return 0
    if surface:
        g1, g2 = parse_surface_formula(formula).gradient_trees
        return len({id(n): n for tree in (g1, g2) for n in distinct_nodes(tree)})
    return len(distinct_nodes(parse_formula(formula).slope_tree))


def _per_step(kind: str, formula: str | None, surface: bool = False) -> float:
    """Seconds of one step of one lane (kind "map", "diagram", "basins") or of one run ("curve", "surface")."""
    n = pieces(formula, surface)
    if kind in LANE_STEP:
        return LANE_STEP[kind] + LANE_PIECE[kind] * n if n else LANE_STEP[kind]
    return RUN_STEP[kind] + RUN_PIECE[kind] * n


def _rule(optimizer: str) -> float:
    """How many times plain descent's work one step of this rule costs."""
    return RULE_FACTOR.get(optimizer, OTHER_RULE)


def descend_cost(settings: DescentSettings | SurfaceSettings) -> Cost:
    """One run: its steps times one step's price, twice that for the rules that keep running sums."""
    surface = isinstance(settings, SurfaceSettings)
    rule = _rule(settings.optimizer)
    step = _per_step("surface" if surface else "curve", settings.formula, surface)
    parse = PARSE_S if settings.formula else 0.0
    return Cost(parse + settings.steps * step * rule, say("{steps:,} steps", steps=settings.steps), "steps")


def curve_cost(settings: DescentSettings | SurfaceSettings) -> Cost:
    """A curve alone (a landscape or its peek table): parse the formula, sample it once."""
    return Cost(CURVE_S + (PARSE_S if settings.formula else 0.0), _("one curve"), "formula")


def surface_cost(request: tuple[SurfaceSettings, int]) -> Cost:
    """A surface and its loss on a grid x grid field."""
    settings, size = request
    per_point = 2 * _per_step("basins", settings.formula, surface=True)  # the loss and its pieces, not a step
    parse = PARSE_S if settings.formula else 0.0
    return Cost(CURVE_S + parse + size * size * per_point, say("a {size} x {size} grid", size=size), "grid")


def map_cost(req: MapRequest) -> Cost:
    """Every speed against every start, each for the map's steps."""
    lanes = req.speeds * req.starts
    seconds = lanes * req.steps * _per_step("map", req.curve.formula) * _rule(req.optimizer)
    formula = req.curve.formula
    if formula:
        words = say(
            "a map of {runs:,} runs x {steps:,} steps on a formula of {pieces} pieces",
            runs=lanes,
            steps=req.steps,
            pieces=pieces(formula),
        )
    else:
        words = say("a map of {runs:,} runs x {steps:,} steps on a built-in curve", runs=lanes, steps=req.steps)
    return Cost(seconds, words, "speeds, starts or steps")


def diagram_cost(req: DiagramRequest) -> Cost:
    """Every speed for its burn-in and its kept steps."""
    steps = req.burn_in + req.keep
    formula = req.curve.formula
    if formula:
        words = say(
            "a diagram of {speeds:,} speeds x {steps:,} steps on a formula of {pieces} pieces",
            speeds=req.speeds,
            steps=steps,
            pieces=pieces(formula),
        )
    else:
        words = say(
            "a diagram of {speeds:,} speeds x {steps:,} steps on a built-in curve", speeds=req.speeds, steps=steps
        )
    return Cost(req.speeds * steps * _per_step("diagram", req.curve.formula), words, "speeds or burn_in")


def basins_cost(req: BasinRequest) -> Cost:
    """A run from every start of a size x size grid."""
    per = _per_step("basins", req.surface.formula, surface=True) * _rule(req.optimizer)
    words = say("a basin map of {size}² starts x {steps:,} steps", size=req.size, steps=req.steps)
    return Cost(req.size * req.size * req.steps * per, words, "size or steps")
