"""The SurfaceSimulation widget's Python side: the handover from `Simulation`, checked settings (the start a pair),
the run the ball follows, the table, and the kernel's answers to the surfaces page's requests."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import foggyhill
from foggyhill.core import SettingError
from foggyhill.core.surfaces import descend_surface
from foggyhill.notebook import Simulation, SurfaceSimulation, bundle
from foggyhill.notebook.surface_simulation import SurfaceStepTable

SURFACE = bundle.module_graph("notebook/surface-simulation.js")


def test_simulation_hands_a_surface_over() -> None:
    sim = Simulation(landscape="rosenbrock", start=(-1.5, 2), speed=0.001)
    assert isinstance(sim, SurfaceSimulation) and not isinstance(sim, Simulation)
    assert repr(sim) == "SurfaceSimulation(landscape='rosenbrock', start=(-1.5, 2.0), speed=0.001)"
    typed = foggyhill.Simulation(formula="w1^2 + 10*w2^2")
    assert isinstance(typed, SurfaceSimulation) and typed.formula == "w1^2 + 10*w2^2"
    assert repr(typed) == "SurfaceSimulation(formula='w1^2 + 10*w2^2')"
    # Curves stay with Simulation, a formula in w included.
    assert not isinstance(Simulation(start=-2, speed=0.46), SurfaceSimulation)
    assert not isinstance(Simulation(formula="(w - 1)^2"), SurfaceSimulation)
    assert foggyhill.SurfaceSimulation is SurfaceSimulation


@pytest.mark.parametrize(
    ("settings", "reference"),
    [
        ({"landscape": "rosenbrock", "start": (-1.5, 2), "speed": 0.001}, {}),
        ({"landscape": "ravine", "start": "-2,1", "speed": 0.01, "optimizer": "momentum"}, {"start": (-2, 1)}),
        ({"landscape": "himmelblau", "start": [0.5, 0.5], "optimizer": "newton", "speed": 1}, {}),
        ({"landscape": "round-bowl", "noise": 0.5, "seed": 7, "steps": 50}, {}),
        ({"formula": "w1^2 + 10*w2^2", "start": (3, 1), "speed": 0.09}, {}),
    ],
)
def test_the_trajectory_is_the_engines_run(settings: dict[str, Any], reference: dict[str, Any]) -> None:
    sim = Simulation(**settings)
    run = descend_surface(**{**settings, **reference})
    assert sim.trajectory.steps == run.steps
    assert sim.verdict == run.verdict
    assert sim.trajectory.surface.name == run.surface.name


def test_a_change_of_setting_changes_the_run() -> None:
    sim = Simulation(landscape="ravine", start=(-2, 1), speed=0.01)
    plain = sim.trajectory
    sim.optimizer = "momentum"
    assert sim.trajectory.steps[-1].loss < plain.steps[-1].loss  # momentum glides along the ravine's floor
    assert sim.trajectory.steps == descend_surface("ravine", start=(-2, 1), speed=0.01, optimizer="momentum").steps
    sim.start = "1,1"
    assert sim.start == (1.0, 1.0) and sim.trajectory.steps[0].w == (1.0, 1.0)
    sim.start = None
    assert sim.trajectory.steps[0].w == sim.trajectory.surface.start


def test_choosing_a_landscape_puts_the_formula_away() -> None:
    sim = SurfaceSimulation(formula="w1^2 + w2^2")
    sim.landscape = "saddle"
    assert sim.formula is None and sim.trajectory.surface.name == "saddle"


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"landscape": "rosenbrock", "speed": 0}, "speed must be a number greater than 0"),
        ({"landscape": "rosenbrock", "speed": "fast"}, "speed must be a number"),
        ({"landscape": "rosenbrock", "steps": 20_000}, "at most 10000"),
        ({"landscape": "rosenbrock", "start": (1, 2, 3)}, "start must be two numbers, w1,w2, such as -1.5,2"),
        ({"landscape": "rosenbrock", "start": "a,b"}, "start must be"),
        ({"landscape": "rosenbrock", "start": (5000, 0)}, "at most 1000"),
        ({"landscape": "rosenbrock", "optimizer": "newtonian"}, "optimizer must be one of"),
        ({"landscape": "rosenbrock", "sped": 0.1}, "unknown setting 'sped'"),
        ({"landscape": "rosenbrock", "schedule": "step"}, "unknown setting 'schedule'"),
        ({"formula": "w1^^2 + w2"}, "unexpected '^'"),
        ({"formula": "log(w1) + w2^2", "start": (-1, 0)}, "undefined at the given start (-1, 0)"),
    ],
)
def test_bad_settings_are_refused_by_name(settings: dict[str, Any], words: str) -> None:
    with pytest.raises(SettingError, match=re.escape(words)):
        Simulation(**settings)


def test_a_surface_widget_refuses_a_curve_in_words() -> None:
    with pytest.raises(SettingError, match=re.escape("landscape must be one of")):
        SurfaceSimulation(landscape="tilted-double-well")
    with pytest.raises(SettingError, match=re.escape("uses its two settings, w1 and w2, not w")):
        SurfaceSimulation(formula="w^2")


def test_a_bad_value_set_later_is_refused_and_the_old_one_kept() -> None:
    sim = Simulation(landscape="ravine", speed=0.01)
    with pytest.raises(SettingError, match=r"speed must be a number greater than 0 and at most 100 \(got -1.0\)"):
        sim.speed = -1
    with pytest.raises(SettingError, match="unexpected .* at column 4"):
        sim.formula = "w1^^2"
    with pytest.raises(SettingError, match=re.escape("a surface's formula uses w1 and w2 (got '(w - 1)^2')")):
        sim.formula = "(w - 1)^2"
    with pytest.raises(SettingError, match="start must be two numbers"):
        sim.start = (1,)
    with pytest.raises(SettingError, match="landscape must be one of round-bowl, ravine"):
        sim.landscape = "volcano"
    with pytest.raises(SettingError, match=re.escape("'bowl' is a curve and this simulation rolls on a surface")):
        sim.landscape = "bowl"
    assert (sim.speed, sim.formula, sim.start, sim.landscape) == (0.01, None, None, "ravine")
    sim.formula = "w1^2 + w2^2 + log(w1 + 3)"
    with pytest.raises(SettingError, match=re.escape("undefined at the given start (-3, 0)")):
        sim.start = (-3, 0)
    assert sim.start is None and sim.trajectory.steps[0].w == sim.trajectory.surface.start


def test_the_table_is_plain_dicts_and_html() -> None:
    sim = Simulation(landscape="round-bowl", start=(1, -1), speed=0.25, steps=40)
    table = sim.table
    assert isinstance(table, SurfaceStepTable) and isinstance(table, list)
    assert len(table) == len(sim.trajectory.steps)
    assert table[0] == sim.trajectory.steps[0].to_dict()
    assert table[0]["w"] == [1.0, -1.0] and table[0]["taken"] == [0.0, 0.0]
    html = table._repr_html_()
    assert html.startswith(f"<table><caption>{sim.verdict.headline} (speed 0.25,")
    assert "<td>(1, -1)</td>" in html


def test_actions_wait_as_state_until_a_view_does_them() -> None:
    sim = Simulation(landscape="ravine")
    sim.roll()
    sim.step()
    assert sim._action == {"name": "step", "id": 2} and sim.pending_action == "step"
    sim._acted = 2
    assert sim.pending_action is None


def test_the_kernel_answers_the_surfaces_pages_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    sim = Simulation(landscape="rosenbrock", start=(-1.5, 2), speed=0.001)
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(sim, "send", sent.append)
    asks = [
        ("/api/surfaces", {}),
        ("/api/surface", {"landscape": "rosenbrock", "start": "-1.5,2", "grid": "121"}),
        ("/api/descend", {"landscape": "rosenbrock", "start": "-1.5,2", "speed": "0.001", "steps": "100"}),
    ]
    for k, (path, params) in enumerate(asks):
        sim._on_message(sim, {"type": "ask", "id": f"v:{k}", "path": path, "params": params}, [])
    assert all(m["ok"] for m in sent), sent
    run = json.loads(sent[2]["body"])
    assert [s["w"] for s in run["steps"]] == [list(s.w) for s in sim.trajectory.steps]
    assert run["verdict"]["headline"] == sim.verdict.headline


def test_the_widget_state_is_the_settings() -> None:
    state = Simulation(landscape="rosenbrock", start=(-1.5, 2), speed=0.001).get_state()
    assert state["landscape"] == "rosenbrock" and list(state["start"]) == [-1.5, 2.0] and state["speed"] == 0.001
    assert "schedule" not in state


def test_the_widget_is_made_of_the_surfaces_pages_modules() -> None:
    for page_module in ("surfaces/controller.js", "surfaces/contour.js", "surfaces/mesh.js", "surfaces/controls.js",
                        "surfaces/view.js", "surfaces/zones.js", "notebook/api.js", "notebook/state.js"):  # fmt: skip
        assert page_module in SURFACE, page_module
    assert "surfaces/main.js" not in SURFACE  # the page's own wiring (document, address bar) stays on the page
    assert "common/api.js" in SURFACE  # only through the adapter, which re-exports its ApiError
    assert bundle.imports_of("surfaces/controller.js", SURFACE["surfaces/controller.js"])[0] == "notebook/api.js"


@pytest.mark.parametrize(("name", "value"), [("landscape", "rosenbrock"), ("formula", "w1^2 + 10*w2^2")])
def test_a_curve_simulation_says_how_to_roll_on_a_surface(name: str, value: str) -> None:
    sim = Simulation(start=-2, speed=0.46)
    words = f"{value!r} is a surface of two settings and this simulation rolls on a curve: make a new one, "
    with pytest.raises(SettingError, match=re.escape(words + f"foggyhill.Simulation({name}={value!r})")):
        setattr(sim, name, value)
    assert (sim.landscape, sim.formula) == ("tilted-double-well", None)
