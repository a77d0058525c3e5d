"""The widgets ship the web pages' own modules, markup and styles, read from the package (no copies)."""

from __future__ import annotations

import json
import re

from foggyhill.notebook import bundle

SIM = bundle.module_graph("notebook/simulation.js")
SHOW = bundle.module_graph("notebook/three-runs.js")


def test_the_simulation_is_made_of_the_pages_modules() -> None:
    for page_module in ("gradient-descent/sim.js", "gradient-descent/controls.js", "gradient-descent/view.js",
                        "gradient-descent/trajectory.js", "common/curve.js", "common/chart.js", "common/ball.js",
                        "common/spring.js", "common/state.js", "common/api.js"):  # fmt: skip
        assert page_module in SIM, page_module


def test_the_three_runs_player_is_made_of_the_pages_modules() -> None:
    assert {"three-runs/stage.js", "three-runs/show.js", "three-runs/sound.js", "common/spring.js"} <= set(SHOW)
    assert "three-runs/main.js" not in SHOW  # the page's own wiring stays on the page


def test_page_modules_are_the_files_themselves() -> None:
    for path, source in {**SIM, **SHOW}.items():
        if not path.startswith("notebook/"):
            assert source == (bundle.WEB_STATIC / path).read_text(encoding="utf-8"), path


def test_the_page_modules_reach_the_kernel_through_the_adapters() -> None:
    assert bundle.imports_of("gradient-descent/sim.js", SIM["gradient-descent/sim.js"]) == [
        "notebook/api.js", "common/ball.js", "notebook/state.js", "gradient-descent/trajectory.js",
    ]  # fmt: skip
    # An adapter imports the module it stands in for, not itself.
    assert bundle.imports_of("notebook/state.js", SIM["notebook/state.js"]) == ["common/state.js"]
    assert "export function writeUrl" in SIM["notebook/state.js"]


def test_the_esm_inlines_everything_once() -> None:
    esm = bundle.esm("notebook/simulation.js", "gradient-descent", ("common/base.css", "common/sim.css"))
    assert "/*BUNDLE*/null" not in esm
    data = json.loads(esm.split("const BUNDLE = ", 1)[1].split(";\nconst IMPORT", 1)[0].replace("<\\/", "</"))
    assert data["entry"] == "notebook/simulation.js"
    assert set(data["modules"]) == set(SIM)
    assert 'id="try-it"' in data["html"] and "data-speed-slider" in data["html"]
    assert "</script" not in esm


def test_the_styles_are_scoped_to_the_widget() -> None:
    css = bundle.css(("common/base.css", "common/sim.css"))
    assert not re.search(r"^(:root|html|body)\s*\{", css, re.M)
    assert ":host {" in css
    assert "/static/" not in css  # page images travel inside the styles: no server to fetch them from
    assert "data:image/svg+xml;base64," in css


def test_a_missing_file_says_which() -> None:
    try:
        bundle.read("common/nothing-here.js")
    except bundle.BundleError as error:
        assert "nothing-here.js" in str(error) and "reinstall foggyhill" in str(error)
    else:
        raise AssertionError("a missing module must be reported")


def api_calls(source: str) -> dict[str, str]:
    """The `api` object's calls in an api module: name → the path it asks for."""
    body = source.split("export const api = {", 1)[1].split("};", 1)[0]
    return dict(re.findall(r'^\s*(\w+): \([^)]*\) => getJSON\("([^"]+)"', body, re.M))


def test_the_adapter_offers_every_call_the_pages_api_has() -> None:
    page = api_calls(bundle.read("common/api.js"))
    assert page, "the page's api module lists its calls"
    assert api_calls(bundle.read("notebook/api.js")) == page
