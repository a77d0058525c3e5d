"""`foggyhill descend`, `peek` and `landscapes`: the engine at the command line."""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from ..core import (
    FIELDS,
    LANDSCAPES,
    Challenged,
    Landscape,
    Run,
    get_landscape,
    landscape_for,
    parse_settings,
    peek,
    run_descent,
)
from ..core.conventions import conventions
from ..core.settings import DescentSettings
from ..core.surfaces import SurfaceRun, SurfaceSettings, run_surface, surface_for, surface_listing
from ..core.theory import stability_bounds
from ..web.tools import TOOLS
from . import add_command, add_flags
from .textplot import plot_path

TABLE_HEAD = 20  # a long run shows its first and last rows; --csv gives every step
TABLE_TAIL = 10


def register(subparsers: Any) -> None:
    """Add the engine's subcommands."""
    run = add_command(subparsers, "descend")
    add_flags(run, TOOLS["descend"].fields)
    run.epilog = rules_epilog()
    run.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the epilog's lines as they are
    out = run.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the whole run as one JSON object")
    out.add_argument("--csv", action="store_true", help="print every step as CSV")
    run.set_defaults(handler=cmd_descend)

    look = add_command(subparsers, "peek")
    add_flags(look, TOOLS["peek"].fields)  # the start too: a formula must be defined where the ball starts
    look.set_defaults(handler=cmd_peek)

    listing = add_command(subparsers, "landscapes")
    listing.set_defaults(handler=cmd_landscapes)


def rules_epilog(width: int = 100) -> str:
    """How each --optimizer and --schedule steps, with its constants and PyTorch's defaults, from the engine's words."""
    words = conventions()
    lines = ["how each --optimizer steps (w: where the ball is; slope(w): the slope felt there):"]
    for name, rule in words["optimizers"].items():
        lines += _entry(name, rule["rule"].split("; "), rule["torch"], width)
    lines += ["", "the speed of step t for each --schedule:"]
    for name, schedule in words["schedules"].items():
        lines += _entry(name, [schedule["rule"]], schedule["torch"], width)
    return "\n".join([*lines, "", *textwrap.wrap(words["scheduled_speed"], width)])


def _entry(name: str, parts: list[str], torch: str, width: int, column: int = 16) -> list[str]:
    """One rule in the epilog: its name, its formulas one per line, then PyTorch's way, wrapped."""
    lines = [f"  {name if k == 0 else '':<{column - 2}}{part}" for k, part in enumerate(parts)]
    indent = " " * column
    return lines + textwrap.wrap(f"PyTorch: {torch}", width, initial_indent=indent, subsequent_indent=indent + "  ")


def settings_from(args: argparse.Namespace) -> DescentSettings:
    """Checked settings from the flags that were given (the command line has no server limits)."""
    raw = {name: getattr(args, name) for name in FIELDS if getattr(args, name, None) is not None}
    return parse_settings(raw)


def given(args: argparse.Namespace, tool: str) -> dict[str, Any]:
    """The flags of this tool that were given, still as typed."""
    return {name: getattr(args, name) for name in TOOLS[tool].fields if getattr(args, name, None) is not None}


def cmd_descend(args: argparse.Namespace) -> int:
    """Run one descent, on a curve or a surface, and print it."""
    settings = TOOLS["descend"].request(given(args, "descend"))
    if isinstance(settings, SurfaceSettings):
        return print_surface_run(run_surface(surface_for(settings), settings), args)
    challenge = settings.challenge if isinstance(settings, Challenged) else None
    run = run_descent(*on_curve(settings))
    if args.json:
        print(json.dumps({**run.to_dict(), **({"challenge": challenge.judged(run)} if challenge else {})}))
    elif args.csv:
        write_csv(run)
    else:
        print(format_run(run))
    if challenge and not args.json:  # with --csv the table alone goes to standard output
        judged = challenge.check(run)
        words = f"\nChallenge: {challenge.words}\n{judged.headline}: {judged.progress}"
        print(words, file=sys.stderr if args.csv else sys.stdout)
    return 0


def on_curve(request: DescentSettings | Challenged) -> tuple[Landscape, DescentSettings]:
    """The curve and the settings of a descent's request, with or without a challenge."""
    settings = request.settings if isinstance(request, Challenged) else request
    return landscape_for(settings), settings


def write_csv(run: Run) -> None:
    """Every step as CSV on standard output."""
    writer = csv.writer(sys.stdout)
    writer.writerow(["step", "w", "loss", "slope", "taken"])
    for s in run.steps:
        writer.writerow([s.step, repr(s.w), repr(s.loss), repr(s.slope), repr(s.taken)])


def format_run(run: Run) -> str:
    """A readable step table, then the verdict in words."""
    s = run.settings
    lines = [
        f"{run.landscape.title}: loss(w) = {run.landscape.formula}",
        f"start w = {run.steps[0].w:g}, speed {s.speed:g}, {s.steps} steps, {s.optimizer} descent"
        + (f", noise {s.noise:g} (seed {s.seed})" if s.noise else "")
        + (f", {s.schedule} schedule" if s.schedule != "constant" else ""),
        "",
        table_line(("step", "w", "loss", "slope", "step taken")),
        *table(run.steps, lambda row: (row.w, row.loss, row.slope, row.taken)),
    ]
    v = run.verdict
    lines += ["", picture(run), "", f"{v.headline} (decided at step {v.step}).", v.explanation]
    return "\n".join(lines)


def table_line(cells: Sequence[object]) -> str:
    """One line of a step table: the step, then each column right-aligned (numbers to five significant digits)."""
    first, *rest = cells
    return f"{first:>6}" + "".join(f"  {c:>11.5g}" if isinstance(c, float) else f"  {c:>11}" for c in rest)


def table(steps: Sequence[Any], columns: Callable[[Any], tuple[float, ...]]) -> list[str]:
    """A run's steps as table lines: a long run shows its first and last rows, with a line for those left out."""
    rows = list(steps)
    if len(rows) > TABLE_HEAD + TABLE_TAIL + 1:
        left_out = f"{'…':>6}  ({len(rows) - TABLE_HEAD - TABLE_TAIL} more steps; --csv shows every one)"
        head, tail = rows[:TABLE_HEAD], rows[-TABLE_TAIL:]
        return [
            *(table_line((r.step, *columns(r))) for r in head),
            left_out,
            *(table_line((r.step, *columns(r))) for r in tail),
        ]
    return [table_line((r.step, *columns(r))) for r in rows]


def picture(run: Run) -> str:
    """The curve with the ball's path on it: '·' for each step, 'o' where it ended."""
    lo, hi = run.landscape.window
    xs = [lo + (hi - lo) * k / 255 for k in range(256)]
    ys = [float(run.landscape.loss(x)) for x in xs]
    return plot_path(xs, ys, [(s.w, s.loss) for s in run.steps])


def print_surface_run(run: SurfaceRun, args: argparse.Namespace) -> int:
    """A run on a surface as JSON, CSV (w1, w2, slope1, slope2) or a readable table with the verdict."""
    if args.json:
        print(json.dumps(run.to_dict()))
        return 0
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["step", "w1", "w2", "loss", "slope1", "slope2"])
        for s in run.steps:
            writer.writerow([s.step, repr(s.w[0]), repr(s.w[1]), repr(s.loss), repr(s.slope[0]), repr(s.slope[1])])
        return 0
    st, (w1, w2) = run.settings, run.steps[0].w
    lines = [
        f"{run.surface.title}: loss(w1, w2) = {run.surface.formula}",
        f"start (w1, w2) = ({w1:g}, {w2:g}), speed {st.speed:g}, {st.steps} steps, {st.optimizer} descent",
        "",
        table_line(("step", "w1", "w2", "loss", "slope size")),
        *table(run.steps, lambda row: (*row.w, row.loss, math.hypot(*row.slope))),
    ]
    v = run.verdict
    print("\n".join([*lines, "", f"{v.headline} (decided at step {v.step}).", v.explanation]))
    return 0


def cmd_peek(args: argparse.Namespace) -> int:
    """Print the loss at a handful of settings."""
    land = landscape_for(settings_from(args))
    print(f"{land.title}: loss(w) = {land.formula}")
    print(f"{'w':>9}  {'loss':>10}")
    for row in peek(land):
        loss = f"{row['loss']:.4f}" if math.isfinite(row["loss"]) else "undefined"
        print(f"{row['w']:>9.3f}  {loss:>10}")
    return 0


def cmd_landscapes(args: argparse.Namespace) -> int:
    """List the built-in curves with their dips and the speeds each dip can hold."""
    for name in LANDSCAPES:
        land = get_landscape(name)
        lo, hi = land.window
        print(f"{name}: loss(w) = {land.formula}   (window {lo:g} to {hi:g}, start {land.start:g})")
        print(f"    {land.description}")
        for b in stability_bounds(land):
            label = "lowest point" if b.minimum.is_global else "dip"
            limit = f"stable below speed {b.bound:.3f}" if b.bound else "a flat bottom: close to it any speed settles"
            limit = "a kink: no speed settles plain descent" if b.minimum.kink else limit
            print(f"    {label} at w = {b.minimum.w:.4f}, loss {b.minimum.loss:.4f}: {limit}")
        print()
    for surface in surface_listing():
        print_surface(surface)
    return 0


def print_surface(surface: dict[str, Any]) -> None:
    """One surface of two settings: its dips with their bounds and condition numbers, its saddles and hilltops."""
    (a, b), (c, d) = surface["window"]["w1"], surface["window"]["w2"]
    print(f"{surface['name']}: loss(w1, w2) = {surface['formula']}   (w1 {a:g} to {b:g}, w2 {c:g} to {d:g})")
    print(f"    {surface['description']}")
    for dip in surface["dips"]:
        label = "lowest point" if dip["global"] else "dip"
        at = f"({dip['w'][0]:.4g}, {dip['w'][1]:.4g})"
        bound = dip["stability_bound"]
        limit = f"stable below speed {bound:.3g}" if bound else "flat along a direction: no bound"
        condition = f", condition number {dip['condition']:.3g}" if dip["condition"] else ""
        print(f"    {label} at {at}, loss {dip['loss']:.4g}: {limit}{condition}")
    for kind, word in (("saddles", "saddle"), ("hilltops", "hilltop")):
        for point in surface[kind]:
            print(f"    {word} at ({point['w'][0]:.4g}, {point['w'][1]:.4g}), loss {point['loss']:.4g}")
    print()
