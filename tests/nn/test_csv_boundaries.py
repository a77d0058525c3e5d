"""CSV files at their edges: what is not an ordinary file is named for what it is, and nothing is read from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from foggyhill.nn import NNError
from foggyhill.nn.datasets import load_csv, parse_csv


def test_a_device_named_like_a_csv_is_not_called_a_folder(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    link = tmp_path / "zeros.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(NNError) as caught:
        load_csv(link, "y")
    assert "is not an ordinary file" in str(caught.value) and "folder" not in str(caught.value)


def test_a_header_of_sixty_thousand_names_is_refused_for_its_width_at_once() -> None:
    # the duplicate check used to count each name in the whole list: 60,000 names took minutes of server time
    header = ",".join(f"c{k}" for k in range(60_000)) + ",label"
    with pytest.raises(NNError, match=r"wide\.csv has 60,000 feature columns; the most allowed is 100"):
        parse_csv(header + "\n" + ",".join("1" for _ in range(60_000)) + ",a\n", "label", name="wide.csv")


def test_a_repeated_name_is_still_found_in_a_long_header() -> None:
    header = ",".join(f"c{k}" for k in range(99)) + ",c7,label"
    with pytest.raises(NNError, match="'c7' more than once"):
        parse_csv(header + "\n" + ",".join("1" for _ in range(100)) + ",a\n", "label", name="long.csv")
