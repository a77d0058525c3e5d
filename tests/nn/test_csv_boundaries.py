"""CSV files at their edges: what is not an ordinary file is named for what it is, and nothing is read from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from foggyhill.nn import NNError
from foggyhill.nn.datasets import load_csv


def test_a_device_named_like_a_csv_is_not_called_a_folder(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    link = tmp_path / "zeros.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(NNError) as caught:
        load_csv(link, "y")
    assert "is not an ordinary file" in str(caught.value) and "folder" not in str(caught.value)
