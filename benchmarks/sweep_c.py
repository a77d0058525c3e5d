"""The C baseline of benchmarks/sweep.py: sweep_lanes.c compiled in the same run with the machine's compiler, loaded
with ctypes.

The C does the compiled sweep's work per lane (the update rule, flying off, what the verdict needs, the same judge),
on the curve's slope written from the same tree the sweep is generated from, with -ffp-contract=off so no multiply
and add are fused: its arithmetic is the sweep's to the last bit, and its verdicts can be compared with the sweep's.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from foggyhill.core import TOLERANCE, kernels
from foggyhill.core.landscapes import Landscape
from foggyhill.core.sweep import _plan  # the sweep's own plan: the C reads exactly its dips, limits and tail

SOURCE = Path(__file__).with_name("sweep_lanes.c")
FLAGS = ("-O3", "-march=native", "-fopenmp", "-ffp-contract=off", "-shared", "-fPIC")
# gcc keeps to 256-bit vectors on most AVX-512 chips unless asked; both builds run, the faster is the baseline
WIDE = ("-mprefer-vector-width=512",)
PLAIN_ARITHMETIC = re.compile(r"[w0-9.e+\-*/() ]+")  # a slope C reads as Python does: numbers, w, + - * / only

_P, _L = ctypes.c_void_p, ctypes.c_long
_ARGS = [_P, _P, _L, _P, _P, _L, _P, _P, _L, _L, _L, _L, ctypes.c_double, ctypes.c_int, _L, _L, _P, _P, _P]


def compiler() -> str | None:
    """The machine's C compiler (cc, else gcc), or None."""
    return shutil.which("cc") or shutil.which("gcc")


@dataclass
class CLanes:
    """The compiled C lanes for one curve: run(speeds, starts, steps) gives (kinds, deciding steps, final w)."""

    land: Landscape
    library: ctypes.CDLL
    label: str

    def run(
        self, speeds: NDArray[np.float64], starts: NDArray[np.float64], steps: int, optimizer: str = "plain"
    ) -> tuple[NDArray[np.int8], NDArray[np.int32], NDArray[np.float64]]:
        """Every (speed, start) lane, speed-major as the sweep numbers them."""
        plan = _plan(self.land, steps, optimizer, TOLERANCE)
        lanes = speeds.size * starts.size
        kinds, decided, final = np.empty(lanes, np.int8), np.empty(lanes, np.int32), np.empty(lanes)
        is_global, limits = plan.is_global.astype(np.uint8), np.ascontiguousarray(plan.limits)
        held = (speeds, starts, plan.minima, is_global, limits, plan.maxima, kinds, decided, final)
        if not all(a.flags.c_contiguous for a in held):
            raise ValueError("the C lanes read contiguous arrays only")
        failed = self.library.sweep_lanes(
            speeds.ctypes.data, starts.ctypes.data, starts.size, plan.minima.ctypes.data, is_global.ctypes.data,
            plan.minima.size, limits.ctypes.data, plan.maxima.ctypes.data, plan.maxima.size, plan.steps, plan.s0,
            plan.mid, plan.tol, plan.rule, 0, lanes, kinds.ctypes.data, decided.ctypes.data, final.ctypes.data,
        )  # fmt: skip
        if failed:
            raise ValueError(f"{self.land.name} has more dips than sweep_lanes.c's MAX_DIPS")
        return kinds, decided, final

    def threads(self) -> int:
        """The OpenMP threads the C loop runs on."""
        return int(self.library.lanes_threads())


def build(land: Landscape, workdir: Path) -> tuple[list[CLanes], str]:
    """The C lanes compiled for `land`, the 256-bit build and (where the compiler takes it) the 512-bit one.

    Returns what was built and, when nothing could be, the reason in words.
    """
    cc = compiler()
    if cc is None:
        return [], "no C compiler (cc or gcc) on this machine"
    slope_tree, loss_tree = kernels.lane_pieces(land.formula)
    slope = slope_tree.to_python()
    if loss_tree is not None or not PLAIN_ARITHMETIC.fullmatch(slope):
        return [], f"the C baseline takes curves of + - * / and numbers only, not {land.formula}"
    built, errors = [], []
    for label, extra in (("C loop, OpenMP + SIMD", ()), ("C loop, OpenMP + 512-bit SIMD", WIDE)):
        target = workdir / f"lanes{len(built)}.so"
        command = [cc, *FLAGS, *extra, f"-DSLOPE(w)={slope}", str(SOURCE), "-o", str(target), "-lm"]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            errors.append(f"{' '.join(extra) or 'the plain build'}: {result.stderr.strip().splitlines()[-1:]}")
            continue
        library = ctypes.CDLL(str(target))
        library.sweep_lanes.argtypes, library.sweep_lanes.restype = _ARGS, ctypes.c_int
        library.lanes_threads.restype = ctypes.c_int
        built.append(CLanes(land, library, label))
    return built, "; ".join(errors)


def scratch() -> tempfile.TemporaryDirectory[str]:
    """A folder for the compiled libraries, removed when the benchmark ends."""
    return tempfile.TemporaryDirectory(prefix="foggyhill-sweep-c-")
