"""A dataset written into an exported script: small ones as plain numbers a learner can read, large ones (digits)
as compressed bytes, so the script needs no other file and loads exactly the numbers Studio loaded."""

from __future__ import annotations

import base64
import math
import textwrap
import zlib

import numpy as np
from numpy.typing import NDArray

from ..nn import DATASETS, Dataset

WIDTH = 116
MAX_PLAIN_CHARS = 40_000  # past this, the numbers go in compressed: a few hundred kB of digits helps no reader


def number(value: float) -> str:
    """A number as Python reads it back exactly: 30 for 30.0, repr for the rest (-0.0 keeps its sign)."""
    if value == 0 and math.copysign(1.0, value) < 0:
        return "-0.0"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def comment(text: str) -> str:
    """Text that is safe inside a `#` comment: no line breaks, no invisible or control characters."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text.replace("\t", " "))


def wrapped(items: list[str], indent: str) -> list[str]:
    """Items joined by commas, wrapped to the script's width between items (never inside one: a text may hold
    spaces)."""
    lines = [""]
    for item in items:
        joined = f"{lines[-1]}, {item}" if lines[-1] else item
        if lines[-1] and len(indent) + len(joined) + 1 > WIDTH:
            lines[-1] += ","
            lines.append(item)
        else:
            lines[-1] = joined
    return lines


def plain(array: NDArray[np.float64] | NDArray[np.int64], indent: str) -> list[str]:
    """`np.array([...])` written out, one row of a table per line (wrapped if long)."""
    dtype = "np.int64" if array.dtype.kind == "i" else "np.float64"
    if array.ndim == 1:
        body = wrapped([number(v) for v in array], indent + "    ")
        return ["np.array([", *[f"{indent}    {line}" for line in body], f"{indent}], dtype={dtype})"]
    lines = ["np.array(["]
    for row in array:
        parts = wrapped([number(v) for v in row], indent + "     ")
        lines += [f"{indent}    [{parts[0]}"] + [f"{indent}     {part}" for part in parts[1:]]
        lines[-1] += "],"
    return [*lines, f"{indent}], dtype={dtype})"]


def packed(array: NDArray[np.float64] | NDArray[np.int64], indent: str) -> list[str]:
    """`unpack("…")`: the array's bytes compressed, in the smallest type that holds every value exactly."""
    small = bool(np.all((array >= 0) & (array <= 255) & (array == np.round(array))))
    kind = "uint8" if small else "<f8" if array.dtype.kind == "f" else "<i8"
    text = base64.b64encode(zlib.compress(array.astype(kind).tobytes(), 9)).decode("ascii")
    step = WIDTH - len(indent) - 6
    chunks = [f'{indent}    "{text[i : i + step]}"' for i in range(0, len(text), step)]
    target = "np.float64" if array.dtype.kind == "f" else "np.int64"
    return ["unpack(", *chunks, f"{indent}    , {kind!r}, {array.shape!r}", f"{indent}).astype({target})"]


def array_code(array: NDArray[np.float64] | NDArray[np.int64], indent: str) -> tuple[list[str], bool]:
    """The array as code, written out or compressed; and whether it was compressed."""
    written = plain(array, indent)
    if sum(len(line) for line in written) <= MAX_PLAIN_CHARS:
        return written, False
    return packed(array, indent), True


def dataset_code(key: tuple[str, str | None], data: Dataset) -> tuple[list[str], bool]:
    """`DATA[name, target] = Dataset(...)` with every number the program loaded; and whether any are compressed."""
    name, target = key
    where = "foggyhill's bundled dataset" if name in DATASETS and target is None else "the CSV file the program loaded"
    about = f"{data.name} ({where}): {data.description}"
    lines = [*[f"# {comment(line)}" for line in textwrap.wrap(about, WIDTH - 2)]]
    X, packed_x = array_code(data.X, "    ")
    y, packed_y = array_code(data.y, "    ")
    features = wrapped([repr(f) for f in data.feature_names], " " * 14)
    lines += [
        f"DATA[{name!r}, {target!r}] = Dataset(",
        f"    name={data.name!r},",
        f"    features=[{features[0]}" + "".join(f"\n              {line}" for line in features[1:]) + "],",
        f"    target={data.target_name!r},",
    ]
    if data.classes is not None:
        numbered = ", ".join(f"{k} {c}" for k, c in enumerate(data.classes))
        lines.append(f"    classes={list(data.classes)!r},")
        if data.classes != [str(k) for k in range(len(data.classes))]:
            lines[-1] += f"  # y holds each row's class number: {comment(numbered)}"
    lines += [f"    X={X[0]}", *X[1:-1], X[-1] + ",", f"    y={y[0]}", *y[1:-1], y[-1] + ",", ")"]
    return lines, packed_x or packed_y
