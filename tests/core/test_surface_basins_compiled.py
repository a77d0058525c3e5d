"""The compiled basin map agrees with the numpy map lane by lane, and with single runs; its engine switch speaks up.

Sizes stay small: each surface's compiled copy takes about 4 s of CPU to build the first time (here, on a shared
machine), the lanes take no time. So the surfaces of the module are few: the seven built-ins, six typed formulas and
one surface of someone's own.
"""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.core import SettingError, basin_map, descend_surface, formula_surface, get_surface
from foggyhill.core.surfaces import SURFACE_OPTIMIZERS, SURFACE_VERDICT_KINDS, SURFACES, Surface, speed_bound
from foggyhill.core.surfaces.basins import BasinMap

pytest.importorskip("numba")

COMPILED = ("plain", "momentum", "nesterov", "newton")
TILTED = "w1*w1*w1*w1/4 - w1*w1 + 0.3*w1 + w2^2"  # two dips, one lower: starts on the right get stuck
FLAT_BOTTOM = "w1*w1*w1*w1 + w2^2"  # the Hessian is singular on w1 = 0: Newton stops there
SHARES = (0.3, 0.97, 1.1)  # of the lowest dip's speed bound: settling, swinging in slowly, above the bound
SIZE = (17, 13)


def assert_same(ours: BasinMap, numpy: BasinMap) -> None:
    """Every lane's verdict, dip and deciding step the same; the ends the same to 1e-9 (NaN where it flew off)."""
    where = np.argwhere(ours.kind != numpy.kind)
    assert where.size == 0, [(tuple(ij), ours.kind[tuple(ij)], numpy.kind[tuple(ij)]) for ij in where[:5]]
    np.testing.assert_array_equal(ours.dip, numpy.dip)
    np.testing.assert_array_equal(ours.step, numpy.step)
    np.testing.assert_array_equal(np.isnan(ours.ends), np.isnan(numpy.ends))
    np.testing.assert_allclose(ours.ends, numpy.ends, rtol=0, atol=1e-9)


def both(surface: Surface, speed: float, steps: int, optimizer: str, size: object = SIZE) -> tuple[BasinMap, ...]:
    """The same map through the compiled lanes and through numpy."""
    return tuple(
        basin_map(surface, speed, steps, optimizer, size=size, engine=engine)  # type: ignore[arg-type]
        for engine in ("numba", "numpy")
    )


def speeds_for(surface: Surface, optimizer: str) -> list[float]:
    """Speeds around the lowest dip's bound for this rule."""
    lowest = surface.global_minimum
    assert lowest is not None
    bound = speed_bound(optimizer, lowest)
    assert bound is not None
    return [share * bound for share in SHARES]


@pytest.mark.parametrize("optimizer", COMPILED)
@pytest.mark.parametrize("name", list(SURFACES))
def test_the_compiled_map_is_the_numpy_map_on_every_built_in(name: str, optimizer: str) -> None:
    surface = get_surface(name)
    steps = 12 if optimizer == "newton" else 90
    for speed in speeds_for(surface, optimizer):
        ours, numpy = both(surface, speed, steps, optimizer)
        assert_same(ours, numpy)


def test_the_maps_cover_every_verdict_they_can_give() -> None:
    """The cases above are not all alike: between them they settle, get stuck, swing, stall, fly off and stop."""
    seen: set[int] = set()
    for name, optimizer, speed, steps in [
        ("himmelblau", "plain", 0.01, 60),
        ("saddle", "plain", 0.1, 60),
        ("saddle", "newton", 1.0, 8),
        ("round-bowl", "plain", 1.0, 20),
        ("ravine", "plain", 0.3, 30),
        ("rosenbrock", "plain", 0.0005, 100),
        (TILTED, "plain", 0.05, 100),
        (FLAT_BOTTOM, "newton", 1.0, 10),
    ]:
        surface = formula_surface(name) if "w1" in name else get_surface(name)
        ours, numpy = both(surface, speed, steps, optimizer, size=21)
        assert_same(ours, numpy)
        seen |= set(np.unique(ours.kind).tolist())
    assert {SURFACE_VERDICT_KINDS[k] for k in seen} == set(SURFACE_VERDICT_KINDS) - {"hilltop"}


@pytest.mark.parametrize("steps", [0, 1, 2, 3, 7])
def test_the_first_steps_and_the_tail_agree(steps: int) -> None:
    """A run of 0 to 3 steps is all tail: the saddles' watch starts at the start."""
    for optimizer in ("plain", "newton"):
        assert_same(*both(get_surface("saddle"), 0.3, steps, optimizer, size=21))
        assert_same(*both(get_surface("himmelblau"), 0.02, steps, optimizer, size=9))


FORMULAS = [
    "(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2",
    "abs(w1) + w2^2/2 - w1*w2/10",
    "w1^2 + w2^2 + 1/w1",  # undefined on the line w1 = 0: the loss is checked each step
    "w1 + 2*w2",  # no dip at all
    TILTED,
    FLAT_BOTTOM,
]


@pytest.mark.parametrize("text", FORMULAS)
@pytest.mark.parametrize("optimizer", COMPILED)
def test_typed_formulas_compile_to_the_same_lanes(text: str, optimizer: str) -> None:
    surface = formula_surface(text, window=((-3.0, 3.0), (-2.0, 2.5)))
    for speed in (0.05, 0.2, 1.0):
        assert_same(*both(surface, speed, 12 if optimizer == "newton" else 60, optimizer, size=(14, 12)))


SAMPLES = [
    ("himmelblau", "plain", 0.015, 200),
    ("himmelblau", "nesterov", 0.004, 150),
    ("rosenbrock", "momentum", 0.0008, 300),
    ("saddle", "newton", 0.7, 30),
    ("saddle", "momentum", 0.05, 120),
    ("lemonade-line-scaled", "plain", 0.4, 50),
    ("lemonade-line", "momentum", 0.0005, 200),
]


@pytest.mark.parametrize(("name", "optimizer", "speed", "steps"), SAMPLES)
def test_sampled_lanes_are_what_a_single_run_says(name: str, optimizer: str, speed: float, steps: int) -> None:
    surface = get_surface(name)
    found = basin_map(surface, speed, steps, optimizer, size=40, engine="numba")
    rng = np.random.default_rng(13)
    for i, j in rng.integers(0, 40, size=(12, 2)):
        start = (float(found.w1[j]), float(found.w2[i]))
        run = descend_surface(surface, start=start, speed=speed, steps=steps, optimizer=optimizer)
        kind = SURFACE_VERDICT_KINDS[found.kind[i, j]]
        assert kind == run.verdict.kind, (start, run.verdict.explanation)
        if kind in ("converged-global", "stuck-local", "diverged", "stopped"):
            assert found.step[i, j] == run.verdict.step
        if kind != "diverged":
            np.testing.assert_allclose(found.ends[i, j], run.ws[-1], rtol=0, atol=1e-9)


def test_the_adaptive_rules_stay_with_numpy() -> None:
    surface = get_surface("himmelblau")
    for optimizer in set(SURFACE_OPTIMIZERS) - set(COMPILED):
        auto = basin_map(surface, 0.05, 20, optimizer, size=6)
        assert_same(auto, basin_map(surface, 0.05, 20, optimizer, size=6, engine="numpy"))
        with pytest.raises(SettingError, match=f"engine 'numba' runs plain, momentum, nesterov, newton; {optimizer}"):
            basin_map(surface, 0.05, 20, optimizer, size=6, engine="numba")


def test_an_unknown_engine_is_refused_in_words() -> None:
    with pytest.raises(SettingError, match="engine must be one of auto, numba, numpy"):
        basin_map(get_surface("ravine"), 0.05, 20, size=6, engine="gpu")


def _own_surface(loss: object) -> Surface:
    """A surface of someone's own: 3·w1² + w2², with the given loss function."""
    return Surface(
        "own",
        "My own",
        "3*w1^2 + w2^2",
        loss,  # type: ignore[arg-type]
        lambda w1, w2: (6.0 * w1, 2.0 * w2),
        lambda w1, w2: (6.0 + 0.0 * w1, 0.0 * w1, 2.0 + 0.0 * w1),
        ((-2.0, 2.0), (-2.0, 2.0)),
        (1.0, 1.0),
    )


def test_a_surface_of_ones_own_compiles_or_falls_back_to_numpy() -> None:
    plain = _own_surface(lambda w1, w2: 3.0 * w1 * w1 + w2 * w2)  # numbers only: numba compiles it
    assert_same(*both(plain, 0.1, 40, "plain", size=9))
    table = {"k": 3.0}
    odd = _own_surface(lambda w1, w2: table["k"] * w1 * w1 + w2 * w2)  # reads a dict: numba cannot compile it
    assert_same(basin_map(odd, 0.1, 40, size=9), basin_map(odd, 0.1, 40, size=9, engine="numpy"))
    with pytest.raises(SettingError, match="numba cannot compile the functions of the surface 'own'"):
        basin_map(odd, 0.1, 40, size=9, engine="numba")


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_progress_is_reported_up_to_the_whole(engine: str) -> None:
    seen: list[tuple[int, int]] = []
    basin_map(get_surface("himmelblau"), 0.01, 30, size=200, engine=engine, progress=lambda *p: seen.append(p))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
