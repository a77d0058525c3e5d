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
        parser, {"start": replace(start, help="where the bifurcation diagram's runs start (default: the curve's)")}
    )
    basins = TOOLS["basins"].fields
    add_flags(parser, {n: replace(f, help=f"on a surface: {f.help}") for n, f in basins.items() if n not in MAP_FLAGS})
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--out", metavar="FILE.png", help="save the map and the bifurcation diagram as a PNG")
    out.add_argument("--json", action="store_true", help="print the map as JSON (the shape of GET /api/map)")
    parser.set_defaults(handler=cmd_map)


def cmd_map(args: argparse.Namespace) -> int:
    """Sweep the grid, then print it, write it as JSON or save the PNG; on a surface, its basin map."""
    if on_surface(vars(args)):
        return cmd_basins(args)
    for name in TOOLS["basins"].fields:
        if name not in MAP_FLAGS and getattr(args, name) is not None:
            raise SettingError(
                name, f"--{name} is for a surface's basin map; a curve's map takes --speeds and --starts"
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
    print(f"saved the map and the bifurcation diagram of {land.title} to {target}")
    return 0


def cmd_basins(args: argparse.Namespace) -> int:
    """A surface's basin map: where a run from every start ends, as characters or JSON."""
    for name in ("speeds", "starts", "speed_min", "speed_max", "start", "out"):
        if getattr(args, name) is not None:
            flag = "--" + name.replace("_", "-")
            raise SettingError(name, f"{flag} is for a curve's map; a surface's basin map takes --speed and --size")
    raw = {name: getattr(args, name) for name in TOOLS["basins"].fields}
    req = basin_request({k: v for k, v in raw.items() if v is not None}, most_work=MAX_CLI_WORK)
    surface = surface_for(req.surface)
    # Compiling a surface's lanes takes several seconds: worth it only for a map numpy would take longer on.
    engine = "auto" if req.size**2 * req.steps > COMPILE_PAYS else "numpy"
    with ProgressBar(req.steps, "basin map", unit="steps") as bar:
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
        f"{surface.title}: loss(w1, w2) = {surface.formula}",
        f"{result.steps} steps of {result.optimizer} descent at speed {result.speed:g} from each start",
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
        label = "the lowest point" if dip["global"] else "a dip"
        where = f"({dip['w'][0]:.3g}, {dip['w'][1]:.3g})"
        lines.append(f"'{n}' settled in {label} at {where}: {100 * dip['settled']:.0f}% of the starts")
    for kind, symbol in BASIN_SYMBOLS.items():
        if summary["kinds"][kind]:
            share = 100 * summary["kinds"][kind] / total
            lines.append(f"'{symbol}' {SURFACE_HEADLINES[kind].lower()} ({share:.0f}%)")
    return "\n".join(lines)


def checked_out(raw: str) -> Path:
    """The PNG path to write: it must end in .png and its folder must exist."""
    path = Path(raw)
    if path.suffix.lower() != ".png":
        raise SettingError("out", f"--out must name a .png file (got {raw!r})")
    if not path.parent.is_dir():
        raise SettingError("out", f"--out: the folder {str(path.parent)!r} does not exist")
    check_file(path)
    return path


def text_map(result: Sweep, title: str, formula: str) -> str:
    """The map in characters: speeds left to right (log scale), starts bottom to top, a symbol per verdict."""
    cols = np.linspace(0, result.speeds.size - 1, min(TEXT_COLUMNS, result.speeds.size)).round().astype(int)
    rows = np.linspace(0, result.starts.size - 1, min(TEXT_ROWS, result.starts.size)).round().astype(int)[::-1]
    lines = [f"{title}: loss(w) = {formula}, {result.run_steps} steps of {result.optimizer} descent", ""]
    for j in rows:
        cells = "".join(SYMBOLS[VERDICT_KINDS[result.kinds[i, j]]] for i in cols)
        lines.append(f"start {result.starts[j]:>7.3g} |{cells}|")
    width = len(cols)
    low, high = f"{result.speeds[0]:g}", f"{result.speeds[-1]:g}"
    lines.append(" " * 14 + "+" + "-" * width + "+")
    lines.append(" " * 15 + low + " " * max(1, width - len(low) - len(high)) + high)
    lines.append(" " * 15 + "speed (log scale) →")
    counts, total = result.counts(), result.kinds.size
    legend = [f"'{SYMBOLS[k]}' {LEGEND_WORDS[k]} ({100 * counts[k] / total:.0f}%)" for k in VERDICT_KINDS]
    return "\n".join([*lines, "", *legend])


def bounds_text(land: Any) -> str:
    """The stability bound of each dip, in words."""
    lines = [""]
    for b in stability_bounds(land):
        name = "the lowest point" if b.minimum.is_global else "a shallow dip"
        if b.minimum.kink:
            lines.append(f"At w = {b.minimum.w:.3f} ({name}) the bottom is a kink: no speed settles there.")
        elif b.bound is None:
            flat = "the bottom is flat (no curvature): close to it any speed settles, slowly"
            lines.append(f"At w = {b.minimum.w:.3f} ({name}) {flat}.")
        else:
            lines.append(f"At w = {b.minimum.w:.3f} ({name}) speeds above 2/curvature = {b.bound:.3g} cannot settle.")
    return "\n".join(lines)


__all__ = ["cmd_map", "register"]
