"""Datasets: the bundled tables and the learner's own CSV files, checked and turned into numbers."""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..lang import N_, say
from .errors import NNError

Target = NDArray[Any]  # int64 class indices, or float64 values when the target is a number

MAX_ROWS = 10_000
MAX_FEATURES = 100
MAX_CSV_BYTES = 5_000_000


@dataclass(frozen=True)
class Dataset:
    """A table of numbers X (rows × features) and a target y: class indices (classes set) or values (classes None)."""

    name: str
    description: str
    X: NDArray[np.float64]
    y: Target
    feature_names: list[str]
    target_name: str
    classes: list[str] | None
    class_noun: str = field(default="classes", repr=False)
    picture_shape: tuple[int, int] | None = field(default=None, repr=False)  # (rows, columns) when rows are pictures

    @property
    def rows(self) -> int:
        """How many rows (examples) the table has."""
        return int(self.X.shape[0])

    @property
    def features(self) -> int:
        """How many feature columns feed the network."""
        return int(self.X.shape[1])

    @property
    def is_classes(self) -> bool:
        """True when the target is a class (a word), False when it is a number."""
        return self.classes is not None

    def target_words(self, k: int | None = None) -> list[str | float]:
        """The target of the first k rows (all rows if k is None) as class names or numbers."""
        values = self.y[:k]
        if self.classes is None:
            return [float(v) for v in values]
        return [self.classes[int(v)] for v in values]

    def head(self, k: int = 5) -> list[dict[str, float | str]]:
        """The first k rows as dicts, features and target by name."""
        k = max(0, min(int(k), self.rows))
        out: list[dict[str, float | str]] = []
        for row, target in zip(self.X[:k], self.target_words(k), strict=True):
            entry: dict[str, float | str] = {name: float(v) for name, v in zip(self.feature_names, row, strict=True)}
            entry[self.target_name] = target
            out.append(entry)
        return out

    def summary(self) -> str:
        """One line: rows, features and what is predicted, e.g. '59 rows, 4 features, 4 classes: apple, ...'."""
        if self.features == 1:
            start = say("{rows} rows, 1 feature", rows=self.rows)
        else:
            start = say("{rows} rows, {count} features", rows=self.rows, count=self.features)
        if self.classes is None:
            low, high = float(self.y.min()), float(self.y.max())
            return say(
                "{start}, predicts a number: {target} (from {low:g} to {high:g})",
                start=start,
                target=self.target_name,
                low=low,
                high=high,
            )
        return say(
            "{start}, {count} classes: {names}", start=start, count=len(self.classes), names=", ".join(self.classes)
        )

    def __repr__(self) -> str:
        predicts = f"{len(self.classes)} classes" if self.classes is not None else "a number"
        return (
            f"Dataset({self.name!r}: {self.rows} rows, features {', '.join(self.feature_names)} "
            f"→ {self.target_name} ({predicts}))"
        )


@dataclass(frozen=True)
class _Bundled:
    file: str
    target: str
    description: str
    class_noun: str = N_("classes")  # translated where said
    classes: bool = False  # the target is classes even though it is written as numbers (the digits 0 to 9)
    picture_shape: tuple[int, int] | None = None


_BUNDLED: dict[str, _Bundled] = {
    "fruits": _Bundled(
        "fruits.csv",
        "fruit",
        N_(
            "Real measurements of 59 apples, mandarins, oranges and lemons: mass (g), width and height (cm) and a "
            "colour score; predict the kind of fruit (Iain Murray's fruit data, University of Edinburgh)."
        ),
        N_("kinds of fruit"),
    ),
    "lemonade": _Bundled(
        "lemonade.csv",
        "cups",
        N_(
            "Illustrative, made up by a seeded rule: cups of lemonade sold on 30 days against the temperature (°C), "
            "about 4 more cups per degree plus noise; a straight line fits it."
        ),
    ),
    "checkerboard": _Bundled(
        "checkerboard.csv",
        "colour",
        N_(
            "Generated: 200 points on a 2×2 checkerboard, black or white by their square; one straight line cannot "
            "split the colours."
        ),
        N_("colours"),
    ),
    "spirals": _Bundled(
        "spirals.csv",
        "arm",
        N_("Generated: 200 points on two interleaved spirals; tell the arms apart, which takes curved boundaries."),
        N_("spiral arms"),
    ),
    "digits": _Bundled(
        "digits.csv",
        "digit",
        N_(
            "Real handwriting: 1,797 digits written by 13 people, each an 8 × 8 picture of pixel counts from 0 (white) "
            "to 16 (black), p0 to p63 row by row; predict the digit, 0 to 9 (UCI Optical Recognition of Handwritten "
            "Digits, E. Alpaydin and C. Kaynak, CC BY 4.0)."
        ),
        N_("digits"),
        classes=True,
        picture_shape=(8, 8),
    ),
}

DATASETS: dict[str, str] = {name: b.description for name, b in _BUNDLED.items()}


def load_dataset(name: str) -> Dataset:
    """A bundled dataset by the name a learner types."""
    bundled = _BUNDLED.get(name) if isinstance(name, str) else None
    if bundled is None:
        raise NNError(say("unknown dataset {name}: try {names}", name=repr(name), names=", ".join(DATASETS)))
    text = resources.files(__package__).joinpath("data", bundled.file).read_text(encoding="utf-8")
    data = parse_csv(text, bundled.target, name, bundled.description, bundled.class_noun, classes=bundled.classes)
    return replace(data, picture_shape=bundled.picture_shape) if bundled.picture_shape else data


def load_csv(path: str | Path, target: str) -> Dataset:
    """A learner's CSV file: a header row, number columns, and the target column (words = classes, numbers = values)."""
    path = Path(path)
    if not path.exists():
        raise NNError(say("no file at {path}: check the name and folder", path=repr(str(path))))
    if path.is_dir():
        raise NNError(say("{path} is a folder, not a CSV file", path=repr(str(path))))
    if not path.is_file():
        raise NNError(
            say(
                "{path} is not an ordinary file (a device or a pipe?): save the data as a CSV file",
                path=repr(str(path)),
            )
        )
    if path.stat().st_size > MAX_CSV_BYTES:
        raise NNError(
            say(
                "{name} is {size:,} bytes; the most allowed is {most:,}",
                name=path.name,
                size=path.stat().st_size,
                most=MAX_CSV_BYTES,
            )
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise NNError(
            say("{name} is not a text file in UTF-8: save it as CSV (comma-separated) text", name=path.name)
        ) from None
    return parse_csv(text, target, name=path.name, description=say("Loaded from {name}.", name=path.name))


def parse_csv(
    text: str,
    target: str,
    name: str = "upload.csv",
    description: str = "",
    class_noun: str = N_("classes"),
    classes: bool = False,
) -> Dataset:
    """CSV text (header first) into a Dataset; every problem is an NNError naming the row, column and value.

    A target of words is classes, one of numbers a number to predict; `classes` makes numbers classes too.
    """
    if len(text) > MAX_CSV_BYTES:
        raise NNError(
            say(
                "{name} has {count:,} characters; the most allowed is {most:,}",
                name=name,
                count=len(text),
                most=MAX_CSV_BYTES,
            )
        )
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        message = say(
            "{name} cannot be read as CSV near line {line}: {error}", name=name, line=reader.line_num, error=error
        )
        raise NNError(message) from None
    if not rows:
        raise NNError(say("{name} is empty: it needs a header row with column names, then rows of values", name=name))
    header = [cell.strip() for cell in rows[0]]
    _check_header(header, target, name)
    body = rows[1:]
    if not body:
        raise NNError(say("{name} has a header but no rows of values", name=name))
    if len(body) > MAX_ROWS:
        raise NNError(
            say("{name} has {count:,} rows; the most allowed is {most:,}", name=name, count=len(body), most=MAX_ROWS)
        )
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise NNError(short_row(name, number, len(row), len(header)))
    t = header.index(target)
    features = [h for i, h in enumerate(header) if i != t]
    X = _features(body, header, t, name).reshape(len(body), len(features))
    y, names = _target(body, t, target, name, classes)
    described = description or say("{name}: {count} rows.", name=name, count=len(body))
    return Dataset(name, described, X, y, features, target, names, class_noun)


def short_row(name: str, number: int, values: int, columns: int) -> str:
    """A row with more or fewer values than the header has columns, in words."""
    words = {"name": name, "row": number, "values": values, "columns": columns}
    if values == 1:
        return say("{name} row {row} has 1 value but the header has {columns} columns", **words)
    return say("{name} row {row} has {values} values but the header has {columns} columns", **words)


def _features(body: list[list[str]], header: list[str], t: int, name: str) -> NDArray[np.float64]:
    """Every cell but the target's as a number: all at once, then cell by cell (naming the bad one) if that fails."""
    try:
        X = np.array([v for row in body for v in map(float, row[:t] + row[t + 1 :])], dtype=np.float64)
        if np.isfinite(X).all():
            return X
    except ValueError:
        pass
    cells = [
        [_number(row[i], number, header[i], name) for i in range(len(header)) if i != t]
        for number, row in enumerate(body, start=2)
    ]
    return np.array(cells, dtype=np.float64)


def _delimiter(text: str) -> str:
    """Commas, unless the header line is clearly split by semicolons or tabs (as some spreadsheets save CSV)."""
    first = text.strip().split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _check_header(header: list[str], target: str, name: str) -> None:
    """The header must name the target once, every column, and not too many features (checked first: the other
    checks then look at a short header, so a header of 60,000 names costs no more than reading it)."""
    if len(header) - 1 > MAX_FEATURES:
        count = len(header) - 1
        raise NNError(
            say(
                "{name} has {count:,} feature columns; the most allowed is {most}",
                name=name,
                count=count,
                most=MAX_FEATURES,
            )
        )
    if not isinstance(target, str) or target not in header:
        columns = ", ".join(header)
        raise NNError(
            say(
                "{name} has no column {target}: its columns are {columns}",
                name=name,
                target=repr(target),
                columns=columns,
            )
        )
    blank = [i + 1 for i, h in enumerate(header) if not h]
    if blank:
        raise NNError(
            say("{name} has a column with no name in its header (column {column})", name=name, column=blank[0])
        )
    twice = sorted(h for h, count in Counter(header).items() if count > 1)
    if twice:
        raise NNError(say("{name} has the column name {column} more than once", name=name, column=repr(twice[0])))
    if len(header) < 2:
        raise NNError(
            say(
                "{name} has only the column {target}: the network needs at least one feature column too",
                name=name,
                target=repr(target),
            )
        )


def _number(cell: str, row: int, column: str, name: str) -> float:
    """One feature cell as a finite number, or an NNError naming its row, column and value."""
    text = cell.strip()
    if not text:
        where = {"name": name, "row": row, "column": repr(column)}
        raise NNError(say("{name} row {row}, column {column} is empty: every feature needs a number", **where))
    where = {"name": name, "row": row, "column": repr(column), "text": repr(text)}
    try:
        value = float(text)
    except ValueError:
        raise NNError(
            say(
                "{name} row {row}, column {column} has {text}, which is not a number "
                "(only the target column may hold words)",
                **where,
            )
        ) from None
    if not math.isfinite(value):
        raise NNError(
            say("{name} row {row}, column {column} has {text}: only ordinary finite numbers are allowed", **where)
        )
    return value


def _target(
    body: list[list[str]], t: int, target: str, name: str, as_classes: bool = False
) -> tuple[Target, list[str] | None]:
    """The target column as numbers (a number target) or as class indices plus the class names."""
    cells = [row[t].strip() for row in body]
    for number, cell in enumerate(cells, start=2):
        if not cell:
            raise NNError(
                say(
                    "{name} row {row}, column {column} is empty: every row needs a target",
                    name=name,
                    row=number,
                    column=repr(target),
                )
            )
    try:
        values = None if as_classes else [float(c) for c in cells]
    except ValueError:
        values = None
    if values is not None and all(math.isfinite(v) for v in values):
        return np.array(values, dtype=np.float64), None
    classes = list(dict.fromkeys(cells))  # in order of first appearance
    if len(classes) < 2:
        raise NNError(
            say(
                "{name}: every row of {target} is {word}; classes need at least two different words",
                name=name,
                target=repr(target),
                word=repr(classes[0]),
            )
        )
    index = {c: i for i, c in enumerate(classes)}
    return np.array([index[c] for c in cells], dtype=np.int64), classes
