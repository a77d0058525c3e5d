"""What the three-runs show must read at time t, from foggyhill.timeline (Python, not the page's JavaScript), and a
check that the page, or a notebook widget made of the page's modules, shows exactly that."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

import pytest

SNAPSHOT = """(host) => {
  const root = host ? host.shadowRoot : document;
  const $ = (s) => root.querySelector(s);
  const all = (s) => [...root.querySelectorAll(s)];
  const bar = $("[data-seek-bar]");
  return {
    t: Number($("section[data-state]").dataset.time),
    bar: Number(bar.value),
    time: $("[data-out=time]").textContent,
    where: $("[data-out=where]").textContent,
    valuetext: bar.getAttribute("aria-valuetext"),
    ball: $(".ball").getAttribute("visibility") === "visible" ? $(".ball").getAttribute("transform") : null,
    status: $(".status-line").textContent,
    caption: $(".caption").textContent,
    notes: all(".chart-note").map((n) => n.textContent),
    charts: all(".chart-path").map((p) => p.getAttribute("d")),
    trail: all(".trail circle, g > circle[opacity]").length,
    rings: all(".ring").map((r) => [r.getAttribute("cx"), r.getAttribute("cy")]),
    card: $(".card").getAttribute("visibility"),
    summary: $(".summary").getAttribute("visibility"),
    layout: $("[data-stage]").dataset.layout,
    lit: $(".phase-strip").getAttribute("visibility") !== "visible" ? null
      : ($('.phase[data-lit="true"] text') || { textContent: "" }).textContent,
  };
}"""


def timeline_of(query: str) -> Any:
    """The timeline module's own show for a page query: what the page must show at every t."""
    from foggyhill.timeline import build_timeline, parse_show

    return build_timeline(parse_show({k: v[0] for k, v in parse_qs(query.lstrip("?")).items()}))


def clock_text(s: float) -> str:
    return f"{int(s // 60)}:{s % 60:04.1f}"


def expected_view(show: Any, t: float) -> dict[str, Any]:
    """What the page should read at time t, from foggyhill.timeline.state_at (Python, not the page's JS)."""
    from foggyhill.timeline import state_at

    frame = state_at(show, t)
    lo, hi = show.landscape.window
    pad = 0.08 * ((show.pitch.high - show.pitch.low) or 1)
    ymin, ymax = show.pitch.low - pad, show.pitch.high + pad  # the stage's plot box: x 150..1280, y 850..150
    ball = None
    if frame.ball_w is not None and not frame.flown:
        ball = (150 + (frame.ball_w - lo) / (hi - lo) * 1130, 850 - (frame.ball_loss - ymin) / (ymax - ymin) * 700)
    from foggyhill.render.scene import chart_note  # the video's words under each chart

    notes = [view.headline or chart_note(view) for view in frame.runs]
    status = where = ""
    if frame.run is not None and frame.section in ("run", "card"):
        run = f"Run {frame.run + 1} of {len(show.runs)}"
        step = f"step {frame.current_step or frame.step} of {show.settings.steps}"
        status = f"{run}   ·   speed {frame.speed}   ·   {step}"
        where = f"{run} · speed {frame.speed} · " + ("its verdict" if frame.section == "card" else step)
    where = {"intro": "The title, before the first run", "summary": "The summary of every run"}.get(
        frame.section, where
    )
    return {"ball": ball, "notes": notes, "status": status, "where": where, "frame": frame, **stage_parts(show, frame)}


def stage_parts(show: Any, frame: Any) -> dict[str, Any]:
    """The phase words lit, how many rings, and each chart's points, where the video (foggyhill.render) puts them."""
    from foggyhill.render.distance_chart import point
    from foggyhill.render.scene import NO_RESTING_PLACE
    from foggyhill.render.theme import Layout
    from foggyhill.timeline import PHASE_WORDS

    lay, count = Layout(1920, 1080), len(show.runs)
    areas = [lay.chart_area(lay.chart_panel(k, count), lay.chart_compact(count)) for k in range(count)]
    charts = [
        [point(areas[v.index], show.scale, k, show.settings.steps, d) for k, d in enumerate(v.distances)]
        for v in frame.runs
    ]
    rings = [
        v
        for v, plan in zip(frame.runs, show.runs, strict=True)
        if v.status == "finished" and v.index != frame.run and plan.verdict.kind not in NO_RESTING_PLACE
    ]
    lit = PHASE_WORDS[frame.phase] if frame.section == "run" and frame.run is not None else None
    return {"lit": lit, "rings": len(rings), "charts": charts}


def chart_points(d: str) -> list[tuple[float, float]]:
    """The points of an SVG path written as M x,y L x,y …"""
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", d)]


def assert_page_shows(page: Any, show: Any, t: float, within: float = 1e-9, host: Any = None) -> dict[str, Any]:
    """The seek bar stands at t, and the stage and the readouts say what the timeline says at the bar's time.

    `within`: Playwright's fake performance.now() counts from the epoch, so its times are only good to 0.25 ms.
    `host`: a notebook widget's shadow host (its element handle), when the show is a widget's, not the page's.
    """
    seen = page.evaluate(SNAPSHOT, host)
    assert seen["t"] == pytest.approx(t, abs=within) and seen["bar"] == pytest.approx(seen["t"], abs=1e-12)
    want = expected_view(show, seen["t"])
    assert seen["time"] == f"{clock_text(seen['t'])} / {clock_text(show.total)}"
    assert seen["notes"] == want["notes"]
    assert seen["where"] == want["where"] and seen["valuetext"].endswith(want["where"])
    if want["status"]:
        assert seen["status"] == want["status"]
    if want["ball"] is None:
        assert seen["ball"] is None
    else:
        x, y = (float(v) for v in seen["ball"].split("(")[1].rstrip(")").split())
        assert x == pytest.approx(want["ball"][0], abs=0.006)  # written with 2 decimals
        assert y == pytest.approx(want["ball"][1], abs=0.5)  # the page reads the loss off the drawn curve
    assert seen["lit"] == want["lit"]
    assert len(seen["rings"]) == want["rings"]
    if seen["layout"] == "wide":  # the video's own layout: each chart's points where the video draws them
        for d, points in zip(seen["charts"], want["charts"], strict=True):
            flat = [v for p in points for v in p]
            assert [v for p in chart_points(d) for v in p] == pytest.approx(flat, abs=0.06)  # written with 1 decimal
    assert seen["card"] == ("visible" if want["frame"].card else "hidden")
    assert seen["summary"] == ("visible" if want["frame"].summary_opacity > 0 else "hidden")
    return seen
