"""The API at its edges: parameters an ordinary client never sends still get a 4xx naming them, never a 500."""

from __future__ import annotations

import pytest

HUGE = "9" * 400  # a whole number with more digits than any float holds


@pytest.mark.parametrize(
    ("path", "name"),
    [("/api/descend", "steps"), ("/api/descend", "seed"), ("/api/map", "speeds"), ("/api/bifurcation", "keep")],
)
def test_a_whole_number_too_big_for_a_float_is_a_named_422(client, path: str, name: str) -> None:
    response = client.get(path, params={name: HUGE})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["field"] == name and "whole number" in error["message"]
