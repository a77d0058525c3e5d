"""Whatever a client sends as a parameter, the API answers 200 or a 422 naming it, and never sends NaN."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foggyhill.core import FIELDS

NAMES = [name for name in FIELDS if name != "steps"]  # steps is fuzzed below within a small range, to stay quick
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
NUMBERISH = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers().map(str), TEXT)


def strict(text: str) -> object:
    def refuse(name: str) -> None:
        raise AssertionError(f"the JSON holds {name}")

    return json.loads(text, parse_constant=refuse)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.dictionaries(st.sampled_from(NAMES), NUMBERISH, max_size=4), steps=st.integers(-5, 60).map(str))
def test_any_descend_parameters_get_a_run_or_a_named_refusal(client, values: dict[str, str], steps: str) -> None:
    response = client.get("/api/descend", params={**values, "steps": steps})
    body = strict(response.text)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert body["error"]["field"] in (*FIELDS, "window") and body["error"]["message"]
    else:
        assert body["verdict"]["kind"] and len(body["steps"]) >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(formula=st.text(st.sampled_from("w0123456789.+-*/^() sincoexplgqrtabh"), max_size=40))
def test_any_typed_formula_gets_a_landscape_or_a_refusal_with_a_position(client, formula: str) -> None:
    response = client.get("/api/landscape", params={"formula": formula, "start": "0.5"})
    body = strict(response.text)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        error = body["error"]
        assert error["field"] in ("formula", "start") and error["message"]
        assert error["position"] is None or 0 <= error["position"] <= len(formula)
    else:
        assert len(body["curve"]["loss"]) == 401
