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
from ..lang import _, say
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
    out.add_argument("--json", action="store_true", help=_("print the whole run as one JSON object"))
    out.add_argument("--csv", action="store_true", help=_("print every step as CSV"))
    run.set_defaults(handler=cmd_descend)

    look = add_command(subparsers, "peek")
    add_flags(look, TOOLS["peek"].fields)  # the start too: a formula must be defined where the ball starts
    look.set_defaults(handler=cmd_peek)

    listing = add_command(subparsers, "landscapes")
    listing.set_defaults(handler=cmd_landscapes)


def rules_epilog(width: int = 100) -> str:
    """How each --optimizer and --schedule steps, with its constants and PyTorch's defaults, from the engine's words."""
    words = conventions()
    lines = [_("how each --optimizer steps (w: where the ball is; slope(w): the slope felt there):")]
    for name, rule in words["optimizers"].items():
        lines += _entry(name, rule["rule"].split("; "), rule["torch"], width)
    lines += ["", _("the speed of step t for each --schedule:")]
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
        words = "\n" + say(
            "Challenge: {task}\n{headline}: {progress}",
            task=challenge.words,
            headline=judged.headline,
            progress=judged.progress,
        )
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
    lines = [
        say("{title}: loss(w) = {formula}", title=_(run.landscape.title), formula=run.landscape.formula),
        settings_line(run),
        "",
        table_line((_("step"), "w", _("loss"), _("slope"), _("step taken"))),
        *table(run.steps, lambda row: (row.w, row.loss, row.slope, row.taken)),
    ]
    v = run.verdict
    lines += ["", picture(run), "", decided(v.headline, v.step), v.explanation]
    return "\n".join(lines)


def settings_line(run: Run) -> str:
    """The run's settings in words: where it started, its speed, steps and rule, and its noise and schedule."""
    s = run.settings
    line = say(
        "start w = {start:g}, speed {speed:g}, {steps} steps, {optimizer} descent",
        start=run.steps[0].w,
        speed=s.speed,
        steps=s.steps,
        optimizer=s.optimizer,
    )
    if s.noise:
        line += say(", noise {noise:g} (seed {seed})", noise=s.noise, seed=s.seed)
    if s.schedule != "constant":
        line += say(", {schedule} schedule", schedule=s.schedule)
    return line


def decided(headline: str, step: int) -> str:
    """The verdict's line: its headline and the step that decided it."""
    return say("{headline} (decided at step {step}).", headline=headline, step=step)


def table_line(cells: Sequence[object]) -> str:
    """One line of a step table: the step, then each column right-aligned (numbers to five significant digits)."""
    first, *rest = cells
    return f"{first:>6}" + "".join(f"  {c:>11.5g}" if isinstance(c, float) else f"  {c:>11}" for c in rest)


def table(steps: Sequence[Any], columns: Callable[[Any], tuple[float, ...]]) -> list[str]:
    """A run's steps as table lines: a long run shows its first and last rows, with a line for those left out."""
    rows = list(steps)
    if len(rows) > TABLE_HEAD + TABLE_TAIL + 1:
        more = say("({count} more steps; --csv shows every one)", count=len(rows) - TABLE_HEAD - TABLE_TAIL)
        left_out = f"{'…':>6}  {more}"
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
        say("{title}: loss(w1, w2) = {formula}", title=_(run.surface.title), formula=run.surface.formula),
        say(
            "start (w1, w2) = ({w1:g}, {w2:g}), speed {speed:g}, {steps} steps, {optimizer} descent",
            w1=w1,
            w2=w2,
            speed=st.speed,
            steps=st.steps,
            optimizer=st.optimizer,
        ),
        "",
        table_line((_("step"), "w1", "w2", _("loss"), _("slope size"))),
        *table(run.steps, lambda row: (*row.w, row.loss, math.hypot(*row.slope))),
    ]
    v = run.verdict
    print("\n".join([*lines, "", decided(v.headline, v.step), v.explanation]))
    return 0


def cmd_peek(args: argparse.Namespace) -> int:
    """Print the loss at a handful of settings."""
    land = landscape_for(settings_from(args))
    print(say("{title}: loss(w) = {formula}", title=_(land.title), formula=land.formula))
    loss_heading = _("loss")
    print(f"{'w':>9}  {loss_heading:>10}")
    for row in peek(land):
        loss = f"{row['loss']:.4f}" if math.isfinite(row["loss"]) else _("undefined")
        print(f"{row['w']:>9.3f}  {loss:>10}")
    return 0


def cmd_landscapes(args: argparse.Namespace) -> int:
    """List the built-in curves with their dips and the speeds each dip can hold."""
    for name in LANDSCAPES:
        land = get_landscape(name)
        lo, hi = land.window
        window = say("(window {low:g} to {high:g}, start {start:g})", low=lo, high=hi, start=land.start)
        print(f"{name}: loss(w) = {land.formula}   {window}")
        print(f"    {_(land.description)}")
        for b in stability_bounds(land):
            print("    " + dip_line(b))
        print()
    for surface in surface_listing():
        print_surface(surface)
    return 0


def dip_line(b: Any) -> str:
    """One dip of a curve in words: where it is, its loss, and the speeds it holds."""
    if b.minimum.kink:
        limit = _("a kink: no speed settles plain descent")
    elif b.bound:
        limit = say("stable below speed {bound:.3f}", bound=b.bound)
    else:
        limit = _("a flat bottom: close to it any speed settles")
    w, loss = b.minimum.w, b.minimum.loss
    if b.minimum.is_global:
        return say("lowest point at w = {w:.4f}, loss {loss:.4f}: {limit}", w=w, loss=loss, limit=limit)
    return say("dip at w = {w:.4f}, loss {loss:.4f}: {limit}", w=w, loss=loss, limit=limit)


def print_surface(surface: dict[str, Any]) -> None:
    """One surface of two settings: its dips with their bounds and condition numbers, its saddles and hilltops."""
    (a, b), (c, d) = surface["window"]["w1"], surface["window"]["w2"]
    window = say("(w1 {a:g} to {b:g}, w2 {c:g} to {d:g})", a=a, b=b, c=c, d=d)
    print(f"{surface['name']}: loss(w1, w2) = {surface['formula']}   {window}")
    print(f"    {_(surface['description'])}")
    for dip in surface["dips"]:
        print("    " + surface_dip_line(dip))
    for kind in ("saddles", "hilltops"):
        for point in surface[kind]:
            w1, w2, loss = point["w"][0], point["w"][1], point["loss"]
            if kind == "saddles":
                print("    " + say("saddle at ({w1:.4g}, {w2:.4g}), loss {loss:.4g}", w1=w1, w2=w2, loss=loss))
            else:
                print("    " + say("hilltop at ({w1:.4g}, {w2:.4g}), loss {loss:.4g}", w1=w1, w2=w2, loss=loss))
    print()


def surface_dip_line(dip: dict[str, Any]) -> str:
    """One dip of a surface in words: where, its loss, the speeds it holds and its condition number."""
    bound = dip["stability_bound"]
    limit = say("stable below speed {bound:.3g}", bound=bound) if bound else _("flat along a direction: no bound")
    if dip["condition"]:
        limit += say(", condition number {condition:.3g}", condition=dip["condition"])
    w1, w2, loss = dip["w"][0], dip["w"][1], dip["loss"]
    if dip["global"]:
        return say(
            "lowest point at ({w1:.4g}, {w2:.4g}), loss {loss:.4g}: {limit}", w1=w1, w2=w2, loss=loss, limit=limit
        )
    return say("dip at ({w1:.4g}, {w2:.4g}), loss {loss:.4g}: {limit}", w1=w1, w2=w2, loss=loss, limit=limit)
