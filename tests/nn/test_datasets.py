"""The bundled datasets and the learner's own CSV files: shapes, contents and every error message."""

from __future__ import annotations

import hashlib
from collections import Counter
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from foggyhill.core import FoggyhillError
from foggyhill.nn import DATASETS, MAX_ROWS, NNError, load_csv, load_dataset, parse_csv
from foggyhill.nn.make_data import GENERATED, as_csv, digits_csv

DIGITS_SHA256 = "ba6ee5aa91a99912e5e4e601339a3d45bb1c136a5df153daf68d7a8e45a04ce5"

SHAPES = {
    "fruits": (59, 4, ["apple", "mandarin", "orange", "lemon"]),
    "lemonade": (30, 1, None),
    "checkerboard": (200, 2, ["black", "white"]),
    "spirals": (200, 2, ["red", "blue"]),
    "digits": (1797, 64, [str(d) for d in range(10)]),
}


def test_the_registry_names_the_five_datasets_with_descriptions() -> None:
    assert list(DATASETS) == ["fruits", "lemonade", "checkerboard", "spirals", "digits"]
    assert all(len(text) > 40 for text in DATASETS.values())
    assert "illustrative" in DATASETS["lemonade"].lower()
    assert "real measurements" in DATASETS["fruits"].lower()


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_dataset_loads_with_the_right_shapes(name: str) -> None:
    rows, features, classes = SHAPES[name]
    data = load_dataset(name)
    assert data.X.shape == (rows, features) and data.X.dtype == np.float64
    assert data.y.shape == (rows,)
    assert data.classes == classes
    assert data.y.dtype == (np.int64 if classes else np.float64)
    assert len(data.feature_names) == features and data.description == DATASETS[name]


def test_fruits_holds_the_real_measurements() -> None:
    data = load_dataset("fruits")
    assert data.feature_names == ["mass", "width", "height", "color_score"]
    assert data.head(1) == [{"mass": 192.0, "width": 8.4, "height": 7.3, "color_score": 0.55, "fruit": "apple"}]
    assert Counter(data.target_words()) == {"apple": 19, "orange": 19, "lemon": 16, "mandarin": 5}
    assert data.X[:, 0].min() == 76 and data.X[:, 0].max() == 362  # the smallest mandarin, the largest orange


def test_a_dataset_describes_itself() -> None:
    data = load_dataset("fruits")
    assert data.summary() == "59 rows, 4 features, 4 classes: apple, mandarin, orange, lemon"
    assert repr(data) == "Dataset('fruits': 59 rows, features mass, width, height, color_score → fruit (4 classes))"
    assert load_dataset("lemonade").summary() == "30 rows, 1 feature, predicts a number: cups (from 29 to 122)"
    assert len(data.head(3)) == 3 and len(data.head(500)) == 59


@pytest.mark.parametrize("name", list(GENERATED))
def test_the_generator_still_makes_the_shipped_files(name: str) -> None:
    shipped = resources.files("foggyhill.nn").joinpath("data", f"{name}.csv").read_text(encoding="utf-8")
    assert shipped == as_csv(*GENERATED[name]())


def test_digits_are_8_by_8_pictures_of_pixel_counts_with_ten_classes() -> None:
    data = load_dataset("digits")
    assert data.picture_shape == (8, 8) and data.features == 8 * 8
    assert data.feature_names == [f"p{i}" for i in range(64)] and data.target_name == "digit"
    assert data.X.min() == 0 and data.X.max() == 16 and (np.round(data.X) == data.X).all()
    counts = Counter(data.target_words())
    assert len(counts) == 10 and min(counts.values()) == 174 and max(counts.values()) == 183  # about 180 of each
    assert data.target_words(10) == [str(d) for d in range(10)]  # the file starts 0, 1, ..., 9
    assert data.summary() == "1797 rows, 64 features, 10 classes: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9"
    # The first row is a zero: a ring of ink round a white middle.
    picture = data.X[0].reshape(8, 8)
    assert picture[3:5, 3:5].max() == 0 and picture[1:7, 1:7].sum() > 200


def test_only_the_digits_are_pictures() -> None:
    assert [name for name in DATASETS if load_dataset(name).picture_shape] == ["digits"]
    assert all(load_dataset(name).picture_shape is None for name in DATASETS if name != "digits")


def test_digits_are_scikit_learns_copy_converted() -> None:
    datasets = pytest.importorskip("sklearn.datasets", reason="scikit-learn is not installed: nothing to compare")
    source = resources.files("sklearn.datasets").joinpath("data", "digits.csv.gz")
    shipped = resources.files("foggyhill.nn").joinpath("data", "digits.csv").read_text(encoding="utf-8")
    assert digits_csv(str(source)) == shipped
    theirs, data = datasets.load_digits(), load_dataset("digits")
    np.testing.assert_array_equal(data.X, theirs.data)
    np.testing.assert_array_equal(data.y, theirs.target)
    assert data.X.reshape(-1, 8, 8).tolist() == theirs.images.tolist()


def test_the_digits_file_holds_what_sources_md_says() -> None:
    text = resources.files("foggyhill.nn").joinpath("data", "digits.csv").read_text(encoding="utf-8")
    assert hashlib.sha256(text.encode()).hexdigest() == DIGITS_SHA256
    sources = resources.files("foggyhill.nn").joinpath("data", "SOURCES.md").read_text(encoding="utf-8")
    assert "digits.csv" in sources and "CC BY 4.0" in sources and "1,797" in sources


def test_a_number_target_can_be_read_as_classes() -> None:
    text = "x,label\n1,3\n2,1\n3,3\n"
    assert parse_csv(text, "label").classes is None
    data = parse_csv(text, "label", classes=True)
    assert data.classes == ["3", "1"] and data.y.tolist() == [0, 1, 0]


def test_lemonade_follows_its_documented_line() -> None:
    data = load_dataset("lemonade")
    slope, intercept = np.polyfit(data.X[:, 0], data.y, 1)
    assert slope == pytest.approx(4.0, abs=0.5) and intercept == pytest.approx(-30.0, abs=12)


def test_checkerboard_colours_follow_the_squares() -> None:
    data = load_dataset("checkerboard")
    same_sign = data.X[:, 0] * data.X[:, 1] > 0
    assert (np.array(data.target_words()) == np.where(same_sign, "black", "white")).all()


def test_an_unknown_dataset_lists_the_ones_there_are() -> None:
    with pytest.raises(NNError) as caught:
        load_dataset("fruit")
    assert str(caught.value) == "unknown dataset 'fruit': try fruits, lemonade, checkerboard, spirals, digits"
    assert isinstance(caught.value, FoggyhillError)


def write(tmp_path: Path, text: str, name: str = "shop.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_with_a_word_target_has_classes(tmp_path: Path) -> None:
    data = load_csv(write(tmp_path, "size,weight,pet\n1,2,cat\n3,4,dog\n5,6.5,cat\n"), target="pet")
    assert data.classes == ["cat", "dog"] and data.y.tolist() == [0, 1, 0]
    assert data.feature_names == ["size", "weight"] and data.X.tolist() == [[1, 2], [3, 4], [5, 6.5]]
    assert data.name == "shop.csv"


def test_a_csv_with_a_number_target_predicts_numbers(tmp_path: Path) -> None:
    data = load_csv(write(tmp_path, "\ufeffprice, rooms\n 100 ,3\n\n150,4\n"), target="price")
    assert data.classes is None and data.y.tolist() == [100.0, 150.0] and data.feature_names == ["rooms"]


CSV_ERRORS = [
    ("", "shop.csv is empty: it needs a header row with column names, then rows of values"),
    ("a,pet\n", "shop.csv has a header but no rows of values"),
    ("a,b\n1,2\n", "shop.csv has no column 'pet': its columns are a, b"),
    (
        "a,pet\n1,cat\nlots,dog\n",
        "shop.csv row 3, column 'a' has 'lots', which is not a number (only the target column may hold words)",
    ),
    ("a,pet\n1,cat\n,dog\n", "shop.csv row 3, column 'a' is empty: every feature needs a number"),
    ("a,pet\n1,cat\nnan,dog\n", "shop.csv row 3, column 'a' has 'nan': only ordinary finite numbers are allowed"),
    ("a,pet\n1,cat\n2\n", "shop.csv row 3 has 1 value but the header has 2 columns"),
    ("a,pet\n1,cat\n2,\n", "shop.csv row 3, column 'pet' is empty: every row needs a target"),
    ("pet\ncat\ndog\n", "shop.csv has only the column 'pet': the network needs at least one feature column too"),
    ("a,a,pet\n1,2,cat\n", "shop.csv has the column name 'a' more than once"),
    ("a,pet\n1,cat\n2,cat\n", "shop.csv: every row of 'pet' is 'cat'; classes need at least two different words"),
]


@pytest.mark.parametrize(("text", "message"), CSV_ERRORS, ids=[m[:40] for _, m in CSV_ERRORS])
def test_csv_mistakes_get_a_plain_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(NNError) as caught:
        load_csv(write(tmp_path, text), target="pet")
    assert str(caught.value) == message


def test_semicolons_and_tabs_are_read_as_separators() -> None:
    for separator in (";", "\t"):
        text = separator.join(["mass", "width", "fruit"]) + "\n" + separator.join(["192", "8.4", "apple"]) + "\n"
        text += separator.join(["86", "6.2", "mandarin"]) + "\n"
        data = parse_csv(text, "fruit")
        assert data.feature_names == ["mass", "width"] and data.X.tolist() == [[192, 8.4], [86, 6.2]]


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(NNError, match="no file at '.*nothere.csv': check the name and folder"):
        load_csv(tmp_path / "nothere.csv", target="y")
    with pytest.raises(NNError, match="is a folder, not a CSV file"):
        load_csv(tmp_path, target="y")


def test_a_binary_file_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(NNError, match="photo.csv is not a text file in UTF-8"):
        load_csv(path, target="y")


def test_too_many_rows_are_refused() -> None:
    text = "a,y\n" + "1,2\n" * (MAX_ROWS + 1)
    with pytest.raises(NNError, match=f"has {MAX_ROWS + 1:,} rows; the most allowed is {MAX_ROWS:,}"):
        parse_csv(text, "y")
