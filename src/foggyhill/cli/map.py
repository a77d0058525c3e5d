"""`foggyhill map`: where every speed and start ends up, as a text map, JSON, or a PNG with the bifurcation diagram."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..core import VERDICT_KINDS, SettingError, landscape_for, stability_bounds
from ..core.map_settings import diagram_request, map_request
from ..core.maps import diagram, map_data, sweep_map
from ..core.surfaces import SURFACE_HEADLINES, SURFACE_VERDICT_KINDS, BasinMap, basin_map, surface_for
from ..core.surfaces.basin_settings import MAX_CLI_WORK, basin_data, basin_request
from ..core.sweep import Sweep
from ..lang import _, say
from ..render.maps import LEGEND_WORDS, Diagram, save_maps
from ..render.options import check_file
from ..web.tools import TOOLS, on_surface
from . import add_command, add_flags
from .render import ProgressBar

MAP_FLAGS = ("landscape", "formula", "steps", "speeds", "starts", "speed_min", "speed_max", "optimizer", "start")

# One character per verdict in the terminal, in VERDICT_KINDS order.
SYMBOLS = {"converged-global": "@", "stuck-local": "o", "crawling": ".", "oscillating": "~", "diverged": " "}
TEXT_COLUMNS = 64
TEXT_ROWS = 18


def register(subparsers: Any) -> None:
    """Add `foggyhill map`."""
    parser = add_command(subparsers, "map")
    add_flags(parser, TOOLS["map"].fields)
    start = TOOLS["bifurcation"].fields["start"]
    add_flags(
        parser, {"start": replace(start, help=_("where the bifurcation diagram's runs start (default: the curve's)"))}
    )
    basins = TOOLS["basins"].fields
    on = {
        name: replace(field, help=say("on a surface: {help}", help=field.help_text()))
        for name, field in basins.items()
        if name not in MAP_FLAGS
    }
    add_flags(parser, on)
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--out", metavar="FILE.png", help=_("save the map and the bifurcation diagram as a PNG"))
    out.add_argument("--json", action="store_true", help=_("print the map as JSON (the shape of GET /api/map)"))
    parser.set_defaults(handler=cmd_map)


def cmd_map(args: argparse.Namespace) -> int:
    """Sweep the grid, then print it, write it as JSON or save the PNG; on a surface, its basin map."""
    if on_surface(vars(args)):
        return cmd_basins(args)
    for name in TOOLS["basins"].fields:
        if name not in MAP_FLAGS and getattr(args, name) is not None:
            raise SettingError(
                name, say("--{name} is for a surface's basin map; a curve's map takes --speeds and --starts", name=name)
            )
    raw = {name: getattr(args, name) for name in TOOLS["map"].fields}
    req = map_request({k: v for k, v in raw.items() if v is not None})
    target = checked_out(args.out) if args.out else None
    diagram_raw = {"landscape": args.landscape, "formula": args.formula, "start": args.start}
    diagram_req = diagram_request({k: v for k, v in diagram_raw.items() if v is not None})  # checks --start too
    land = landscape_for(req.curve)
    result = sweep_map(land, req, engine="numpy")  # a one-off run: compiling the curve would take longer than this
    if args.json:
        print(json.dumps(map_data(land, req, result)))
        return 0
    if target is None:
        print(text_map(result, land.title, land.formula))
        print(bounds_text(land))
        return 0
    start, speeds, points = diagram(landscape_for(diagram_req.curve), diagram_req)
    save_maps(target, land, result, Diagram(speeds, points, start))
    print(say("saved the map and the bifurcation diagram of {title} to {path}", title=_(land.title), path=target))
    return 0


def cmd_basins(args: argparse.Namespace) -> int:
    """A surface's basin map: where a run from every start ends, as characters or JSON."""
    for name in ("speeds", "starts", "speed_min", "speed_max", "start", "out"):
        if getattr(args, name) is not None:
            flag = "--" + name.replace("_", "-")
            raise SettingError(
                name, say("{flag} is for a curve's map; a surface's basin map takes --speed and --size", flag=flag)
            )
    raw = {name: getattr(args, name) for name in TOOLS["basins"].fields}
    req = basin_request({k: v for k, v in raw.items() if v is not None}, most_work=MAX_CLI_WORK)
    surface = surface_for(req.surface)
    # Compiling a surface's lanes takes several seconds: worth it only for a map numpy would take longer on.
    engine = "auto" if req.size**2 * req.steps > COMPILE_PAYS else "numpy"
    with ProgressBar(req.steps, _("basin map"), unit=_("steps")) as bar:
        result = basin_map(surface, req.speed, req.steps, req.optimizer, req.size, engine=engine, progress=bar.update)
    if args.json:
        print(json.dumps(basin_data(result)))
        return 0
    print(basin_text(result))
    return 0


COMPILE_PAYS = 80_000_000  # starts x steps: about five seconds on numpy's lanes, as long as compiling takes

COMPILE_PAYS = 80_000_000  # starts x steps: about five seconds on numpy's lanes, as long as compiling takes

BASIN_SYMBOLS = {"crawling": ".", "oscillating": "~", "diverged": " ", "saddle": "s", "hilltop": "h", "stopped": "x"}


def basin_text(result: BasinMap) -> str:
    """The basin map in characters: w1 left to right, w2 bottom to top; a settled start shows its dip's number."""
    surface = result.surface
    cols = np.linspace(0, result.w1.size - 1, min(TEXT_COLUMNS, result.w1.size)).round().astype(int)
    rows = np.linspace(0, result.w2.size - 1, min(TEXT_ROWS, result.w2.size)).round().astype(int)[::-1]
    kinds = SURFACE_VERDICT_KINDS
    lines = [
        say("{title}: loss(w1, w2) = {formula}", title=_(surface.title), formula=surface.formula),
        say(
            "{steps} steps of {optimizer} descent at speed {speed:g} from each start",
            steps=result.steps,
            optimizer=result.optimizer,
            speed=result.speed,
        ),
        "",
    ]
    for j in rows:
        cells = []
        for i in cols:
            kind, dip = kinds[result.kind[j, i]], int(result.dip[j, i])
            settled = kind in ("converged-global", "stuck-local") and 0 <= dip < 9
            cells.append(str(dip + 1) if settled else BASIN_SYMBOLS.get(kind, "?"))
        lines.append(f"w2 {result.w2[j]:>7.3g} |{''.join(cells)}|")
    width = len(cols)
    low, high = f"{result.w1[0]:g}", f"{result.w1[-1]:g}"
    lines.append(" " * 11 + "+" + "-" * width + "+")
    lines.append(" " * 12 + low + " " * max(1, width - len(low) - len(high)) + high)
    lines.append(" " * 12 + "w1 →")
    summary = result.summary()
    total = result.kind.size
    lines.append("")
    for n, dip in enumerate(summary["dips"], start=1):
        lines.append(settled_line(n, dip))
    for kind, symbol in BASIN_SYMBOLS.items():
        if summary["kinds"][kind]:
            share = 100 * summary["kinds"][kind] / total
            lines.append(
                say(
                    "'{symbol}' {words} ({share:.0f}%)",
                    symbol=symbol,
                    words=_(SURFACE_HEADLINES[kind]).lower(),
                    share=share,
                )
            )
    return "\n".join(lines)


def settled_line(n: int, dip: dict[str, Any]) -> str:
    """The line of the basin map's legend for the starts that settled in one dip."""
    w1, w2, share = dip["w"][0], dip["w"][1], 100 * dip["settled"]
    if dip["global"]:
        return say(
            "'{n}' settled in the lowest point at ({w1:.3g}, {w2:.3g}): {share:.0f}% of the starts",
            n=n,
            w1=w1,
            w2=w2,
            share=share,
        )
    return say(
        "'{n}' settled in a dip at ({w1:.3g}, {w2:.3g}): {share:.0f}% of the starts", n=n, w1=w1, w2=w2, share=share
    )


def checked_out(raw: str) -> Path:
    """The PNG path to write: it must end in .png and its folder must exist."""
    path = Path(raw)
    if path.suffix.lower() != ".png":
        raise SettingError("out", say("--out must name a .png file (got {raw})", raw=repr(raw)))
    if not path.parent.is_dir():
        raise SettingError("out", say("--out: the folder {folder} does not exist", folder=repr(str(path.parent))))
    check_file(path)
    return path


def text_map(result: Sweep, title: str, formula: str) -> str:
    """The map in characters: speeds left to right (log scale), starts bottom to top, a symbol per verdict."""
    cols = np.linspace(0, result.speeds.size - 1, min(TEXT_COLUMNS, result.speeds.size)).round().astype(int)
    rows = np.linspace(0, result.starts.size - 1, min(TEXT_ROWS, result.starts.size)).round().astype(int)[::-1]
    lines = [
        say(
            "{title}: loss(w) = {formula}, {steps} steps of {optimizer} descent",
            title=_(title),
            formula=formula,
            steps=result.run_steps,
            optimizer=result.optimizer,
        ),
        "",
    ]
    label = _("start")
    margin = len(label) + 9  # the label, a start written in 7 characters, and the spaces around it
    for j in rows:
        cells = "".join(SYMBOLS[VERDICT_KINDS[result.kinds[i, j]]] for i in cols)
        lines.append(f"{label} {result.starts[j]:>7.3g} |{cells}|")
    width = len(cols)
    low, high = f"{result.speeds[0]:g}", f"{result.speeds[-1]:g}"
    lines.append(" " * margin + "+" + "-" * width + "+")
    lines.append(" " * (margin + 1) + low + " " * max(1, width - len(low) - len(high)) + high)
    lines.append(" " * (margin + 1) + _("speed (log scale) →"))
    counts, total = result.counts(), result.kinds.size
    legend = [
        say(
            "'{symbol}' {words} ({share:.0f}%)",
            symbol=SYMBOLS[k],
            words=_(LEGEND_WORDS[k]),
            share=100 * counts[k] / total,
        )
        for k in VERDICT_KINDS
    ]
    return "\n".join([*lines, "", *legend])


def bounds_text(land: Any) -> str:
    """The stability bound of each dip, in words."""
    lines = [""]
    for b in stability_bounds(land):
        where = say(
            "At w = {w:.3f} ({name})",
            w=b.minimum.w,
            name=_("the lowest point") if b.minimum.is_global else _("a shallow dip"),
        )
        if b.minimum.kink:
            lines.append(say("{where} the bottom is a kink: no speed settles there.", where=where))
        elif b.bound is None:
            lines.append(
                say("{where} the bottom is flat (no curvature): close to it any speed settles, slowly.", where=where)
            )
        else:
            lines.append(
                say("{where} speeds above 2/curvature = {bound:.3g} cannot settle.", where=where, bound=b.bound)
            )
    return "\n".join(lines)


__all__ = ["cmd_map", "register"]
