"""The surfaces simulation as a notebook widget, in VS Code's widget runtime (see test_vscode_widgets.py) on a real
kernel: `foggyhill.Simulation(landscape="rosenbrock", ...)` hands over to `SurfaceSimulation`, whose view draws the
contour map and the 3-D view from the kernel's answers, and whose settings travel both ways."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jupyter_server", reason="the notebook extra is not installed (pip install -e '.[notebook]')")
pytest.importorskip("anywidget", reason="the notebook extra is not installed (pip install -e '.[notebook]')")

from test_vscode_widgets import open_harness, run, server  # noqa: E402, F401  (server: the kernels' fixture)

ROSENBROCK = (
    "import foggyhill\nsim = foggyhill.Simulation(landscape='rosenbrock', start=(-1.5, 2), speed=0.001)\n"
    "print(type(sim).__name__)\nsim"
)
# Distinct colours in a 24 x 24 sample of a canvas: a blank one has 1, a contour map dozens.
COLOURS = """(host, selector) => {
  const canvas = host.shadowRoot.querySelector(selector);
  const probe = document.createElement("canvas");
  probe.width = probe.height = 24;
  const ctx = probe.getContext("2d");
  ctx.drawImage(canvas, 0, 0, 24, 24);
  const data = ctx.getImageData(0, 0, 24, 24).data;
  const seen = new Set();
  for (let k = 0; k < data.length; k += 4) seen.add(`${data[k]},${data[k + 1]},${data[k + 2]}`);
  return seen.size;
}"""


@pytest.fixture
def page_options() -> dict[str, Any]:
    """A laptop screen, reduced motion (every glide instant, so the tests wait for no animation)."""
    return {"viewport": {"width": 1200, "height": 1000}, "reduced_motion": "reduce"}


def python_has(page: Any, expression: str, wanted: str) -> str:
    """`expression` as Python prints it, asked again for a few seconds until it is `wanted` (the widget syncs within
    moments)."""
    deadline = time.monotonic() + 20
    seen = run(page, f"print({expression})").strip()
    while seen != wanted and time.monotonic() < deadline:
        time.sleep(0.3)
        seen = run(page, f"print({expression})").strip()
    return seen


def shown(widget: Any, selector: str) -> str:
    """The value an input of the widget shows."""
    return str(widget.locator(selector).input_value())


def test_the_surface_simulation_draws_rolls_and_syncs(page: Any, server: Any, screenshots: Path) -> None:  # noqa: F811
    open_harness(page, server)
    assert run(page, ROSENBROCK).strip() == "SurfaceSimulation"
    widget = page.locator(".foggyhill-widget-host")
    widget.locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    host = widget.element_handle()
    assert widget.locator("[data-url-notice]").is_hidden()
    assert shown(widget, "[data-speed-number]") == "0.001"
    assert [shown(widget, f"[data-start='{k}']") for k in (0, 1)] == ["-1.5", "2"]
    assert shown(widget, "[data-landscape]") == "rosenbrock"
    # The contour map and the 3-D view are drawn from the kernel's answer.
    page.wait_for_function(f"(host) => ({COLOURS})(host, '[data-map]') > 20", arg=host)
    page.wait_for_function(f"(host) => ({COLOURS})(host, '[data-mesh]') > 20", arg=host)
    assert "Rosenbrock" in (widget.locator("[data-landscape-note]").text_content() or "")
    # The page's own parts stay on the page: its intro, the address bar's line, the race the page's main.js wires.
    for page_only in (".sim-intro", "[data-race]", "[data-race-toggle]"):
        assert widget.locator(page_only).count() == 0, page_only
    assert "address bar" not in (widget.locator(".panel").text_content() or "")

    # Python rolls the ball; the verdict the page shows is the engine's.
    expected = run(page, "print(sim.verdict.headline)").strip()
    run(page, "sim.roll()")
    widget.locator("[data-verdict-headline]").filter(has_text=expected).wait_for(timeout=30_000)
    last = json.loads(run(page, "import json; print(json.dumps(sim.trajectory.steps[-1].to_dict()))"))
    assert widget.locator("[data-out=step]").text_content() == str(last["step"])
    # Reset, Step and Step back from Python: the ball at step 1 is the engine's step 1.
    run(page, "sim.reset()\nsim.step()\nsim.step()\nsim.back()")
    widget.locator("[data-verdict]").wait_for(state="hidden")
    widget.locator("[data-out=step]").filter(has_text="1").wait_for()
    one = json.loads(run(page, "print(json.dumps(sim.trajectory.steps[1].to_dict()))"))
    for k, name in enumerate(("w1", "w2")):
        text = (widget.locator(f"[data-out={name}]").text_content() or "").replace("−", "-")  # the page's minus sign
        assert float(text) == pytest.approx(one["w"][k], abs=5e-4)

    # Python → page: speed, start, update rule and landscape move the controls.
    run(page, "sim.speed = 0.002\nsim.start = (0, 0)\nsim.optimizer = 'momentum'")
    page.wait_for_function(
        "(host) => host.shadowRoot.querySelector('[data-speed-number]').value === '0.002'"
        " && host.shadowRoot.querySelector('[data-start=\"0\"]').value === '0'"
        " && host.shadowRoot.querySelector('[data-optimizer]').value === 'momentum'",
        arg=host,
    )
    run(page, "sim.landscape = 'himmelblau'\nsim.start = None")
    picked = "(host) => host.shadowRoot.querySelector('[data-landscape]').value === 'himmelblau'"
    page.wait_for_function(picked, arg=host)
    widget.locator("section.wide-section[data-state=ready]").wait_for()

    # Page → Python: the learner drags the slider, picks Newton's method and clicks the map to start there.
    widget.locator("[data-speed-slider]").fill("700")
    speed = shown(widget, "[data-speed-number]")
    assert python_has(page, "sim.speed", str(float(speed))) == str(float(speed))
    widget.locator("[data-optimizer]").select_option("newton")
    assert python_has(page, "sim.optimizer", "newton") == "newton"
    box = widget.locator("[data-map]").bounding_box()
    widget.locator("[data-map]").click(position={"x": box["width"] * 0.7, "y": box["height"] * 0.3})
    page.wait_for_function("(host) => host.shadowRoot.querySelector('[data-start=\"0\"]').value !== ''", arg=host)
    widget.locator("section.wide-section[data-state=ready]").wait_for()
    start = [float(shown(widget, f"[data-start='{k}']")) for k in (0, 1)]
    assert python_has(page, "sim.start", str(tuple(start))) == str(tuple(start))
    assert start[0] > 0 and start[1] > 0  # right of and above the middle of Himmelblau's window

    # And the roll from there ends where the engine says, in the engine's words.
    expected = run(page, "print(sim.verdict.headline)").strip()
    run(page, "sim.roll()")
    widget.locator("[data-verdict-headline]").filter(has_text=expected).wait_for(timeout=30_000)
    page.screenshot(path=str(screenshots / "surface-widget.png"), full_page=True)


def test_a_formula_in_w1_and_w2_is_a_surface_and_a_bad_one_is_refused_in_words(page: Any, server: Any) -> None:  # noqa: F811
    open_harness(page, server)
    made = run(page, "import foggyhill\nsim = foggyhill.Simulation(formula='w1^2 + 10*w2^2', speed=0.09)\nsim")
    widget = page.locator(".foggyhill-widget-host")
    widget.locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    assert "Error" not in made
    assert shown(widget, "[data-formula]") == "w1^2 + 10*w2^2"
    page.wait_for_function(f"(host) => ({COLOURS})(host, '[data-map]') > 20", arg=widget.element_handle())
    refused = run(page, "try:\n    sim.speed = -1\nexcept Exception as error:\n    print(type(error).__name__, error)")
    assert refused.startswith("SettingError speed must be a number greater than 0")
    assert python_has(page, "sim.speed", "0.09") == "0.09"


def test_keys_act_on_the_widget_that_has_the_focus(page: Any, server: Any) -> None:  # noqa: F811
    open_harness(page, server)
    run(page, "import foggyhill\nfirst = foggyhill.Simulation(landscape='ravine')\nfirst")
    run(page, "second = foggyhill.Simulation(landscape='ravine')\nsecond")
    views = page.locator(".foggyhill-widget-host")
    for k in range(2):
        views.nth(k).locator("section.wide-section[data-state=ready]").wait_for(timeout=30_000)
    views.nth(0).locator("[data-action=reset]").focus()
    page.keyboard.press("ArrowRight")
    views.nth(0).locator("[data-out=step]").filter(has_text="1").wait_for()
    assert views.nth(1).locator("[data-out=step]").text_content() == "0"
    views.nth(1).locator("[data-action=reset]").focus()
    page.keyboard.press("ArrowRight")
    views.nth(1).locator("[data-out=step]").filter(has_text="1").wait_for()
    assert views.nth(0).locator("[data-out=step]").text_content() == "1"
    # A key pressed outside every widget (the notebook's own) moves none of them.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.locator("body").press("ArrowRight")
    page.wait_for_timeout(300)
    assert [views.nth(k).locator("[data-out=step]").text_content() for k in range(2)] == ["1", "1"]
