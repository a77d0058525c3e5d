"""Make the generated datasets (lemonade, checkerboard, spirals) from fixed seeds: `python -m foggyhill.nn.make_data`.

The CSV files in data/ are this module's output; a test checks they still match it. fruits.csv is real data and
is not made here (see data/SOURCES.md). digits.csv is real data too, converted from scikit-learn's copy by
`digits_csv` (`python -m foggyhill.nn.make_data PATH/TO/digits.csv.gz`); a test converts it again where
scikit-learn is installed.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"

# lemonade's rule: cups = LEMONADE_SLOPE × temperature + LEMONADE_INTERCEPT + noise (spread LEMONADE_NOISE cups).
LEMONADE_SLOPE = 4.0
LEMONADE_INTERCEPT = -30.0
LEMONADE_NOISE = 6.0


def lemonade(seed: int = 1) -> tuple[list[str], list[list[float | str]]]:
    """30 days: temperature (°C) between 14 and 36 and the cups sold on a noisy straight line."""
    rng = np.random.default_rng(seed)
    temperature = np.round(rng.uniform(14.0, 36.0, size=30), 1)
    noise = rng.normal(0.0, LEMONADE_NOISE, size=30)
    cups = np.round(LEMONADE_SLOPE * temperature + LEMONADE_INTERCEPT + noise)
    return ["temperature", "cups"], [[float(t), float(c)] for t, c in zip(temperature, cups, strict=True)]


def checkerboard(seed: int = 2, n: int = 200) -> tuple[list[str], list[list[float | str]]]:
    """Points in the square [-1, 1]²: black where x and y have the same sign, white elsewhere (a 2×2 board)."""
    rng = np.random.default_rng(seed)
    points: list[list[float | str]] = []
    while len(points) < n:
        x, y = np.round(rng.uniform(-1.0, 1.0, size=2), 3)
        if min(abs(x), abs(y)) < 0.05:  # a thin gap along the lines keeps every point clearly on one square
            continue
        points.append([float(x), float(y), "black" if x * y > 0 else "white"])
    return ["x", "y", "colour"], points


def spirals(seed: int = 3, n: int = 200) -> tuple[list[str], list[list[float | str]]]:
    """Two arms winding one and a half turns around the centre, the second the first turned half a circle."""
    rng = np.random.default_rng(seed)
    rows: list[list[float | str]] = []
    for arm, name in enumerate(("red", "blue")):
        t = np.sqrt(rng.uniform(0.0, 1.0, size=n // 2))  # more points further out, where the arms are longer
        angle = 3.0 * np.pi * t + arm * np.pi
        radius = 0.1 + 0.9 * t
        noise = rng.normal(0.0, 0.02, size=(n // 2, 2))
        x = np.round(radius * np.cos(angle) + noise[:, 0], 3)
        y = np.round(radius * np.sin(angle) + noise[:, 1], 3)
        rows += [[float(a), float(b), name] for a, b in zip(x, y, strict=True)]
    order = rng.permutation(len(rows))
    return ["x", "y", "arm"], [rows[i] for i in order]


GENERATED = {"lemonade": lemonade, "checkerboard": checkerboard, "spirals": spirals}


def as_csv(header: list[str], rows: list[list[float | str]]) -> str:
    """CSV text with numbers written as short as they read (14.5, not 14.500000001)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[f"{v:g}" if isinstance(v, float) else v for v in row] for row in rows])
    return out.getvalue()


DIGITS_SIDE = 8  # the pictures are 8 × 8 pixels, each a count from 0 to 16


def digits_csv(source: str | Path) -> str:
    """scikit-learn's digits.csv.gz (64 pixel counts, then the digit, no header) as our CSV: a header p0..p63, digit
    (pixel p{8 × row + column}, row by row from the top left), the rows in their order, every value as written."""
    with gzip.open(source, "rt", encoding="ascii") as file:
        rows = [line.strip().split(",") for line in file if line.strip()]
    header = [f"p{i}" for i in range(DIGITS_SIDE * DIGITS_SIDE)] + ["digit"]
    bad = [n for n, row in enumerate(rows, start=1) if len(row) != len(header)]
    if bad:
        raise ValueError(f"{source}: row {bad[0]} has {len(rows[bad[0] - 1])} values, not {len(header)}")
    return "\n".join(",".join(row) for row in [header, *rows]) + "\n"


def main() -> None:
    """Write every generated dataset into data/, and digits.csv too when given the path of scikit-learn's copy."""
    for name, make in GENERATED.items():
        (DATA / f"{name}.csv").write_text(as_csv(*make()), encoding="utf-8")
    if len(sys.argv) > 1:
        (DATA / "digits.csv").write_text(digits_csv(sys.argv[1]), encoding="utf-8")


if __name__ == "__main__":
    main()
