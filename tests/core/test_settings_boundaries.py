"""The settings schema at its edges: values a flag or a URL can carry that ordinary checks miss."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from foggyhill.core import FIELDS, DescentSettings, SettingError, parse_settings


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


def test_a_bare_descent_settings_is_every_field_at_its_default() -> None:
    assert [f.name for f in fields(DescentSettings)] == list(FIELDS)
    assert DescentSettings() == parse_settings({})
    assert DescentSettings().to_dict() == {name: spec.default for name, spec in FIELDS.items()}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"speed": "abc"}, "speed must be a number greater than 0 and at most 100 (got 'abc')"),
        ({"speed": "inf"}, "speed must be a number greater than 0 and at most 100 (got 'inf')"),
        ({"start": "nan"}, "start must be a number at least -1000 and at most 1000 (got 'nan')"),
        ({"steps": "-1"}, "steps must be a whole number at least 0 and at most 100000 (got '-1')"),
    ],
)
def test_every_number_is_refused_in_the_one_wording(raw: dict[str, object], message: str) -> None:
    with pytest.raises(SettingError) as caught:
        parse_settings(raw)
    assert str(caught.value) == message
