"""The settings schema at its edges: values a flag or a URL can carry that ordinary checks miss."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.core import SettingError, parse_settings


@pytest.mark.parametrize("name", ["steps", "seed"])
def test_a_whole_number_too_long_for_a_float_is_refused_by_name(name: str) -> None:
    huge = "9" * 400  # parses as an int, but is larger than any float
    with pytest.raises(SettingError) as caught:
        parse_settings({name: huge})
    assert caught.value.field == name
    assert f"{name} must be a whole number" in str(caught.value)


def test_the_largest_seed_is_written_out_in_full_in_the_message() -> None:
    with pytest.raises(SettingError) as caught:
        parse_settings({"seed": -1})
    assert "at most 4294967295 (got -1)" in str(caught.value)


@pytest.mark.parametrize("name", ["start", "speed", "landscape", "optimizer", "formula"])
def test_an_array_where_one_value_belongs_is_refused_by_name(name: str) -> None:
    with pytest.raises(SettingError) as caught:
        parse_settings({name: np.array([1.0, 2.0])})
    assert caught.value.field == name and f"{name} must be" in str(caught.value)
