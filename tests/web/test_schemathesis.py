"""Schemathesis against the app's own /openapi.json: every operation, no server error, no answer the document
does not describe, every schema-violating request refused; schema-valid ones accepted wherever JSON Schema can
say what the server checks."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance, response_schema_conformance

from foggyhill.web import create_app


@pytest.fixture(scope="module")
def api_schema() -> Any:
    """The document as the app serves it. Loaded when the tests run, not when they are collected: loading runs the
    app's lifespan (the engine's workers, the warm-up), which must not start under other files' tests."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(hosts=["testserver", "127.0.0.1"]))


schema = schemathesis.pytest.from_fixture("api_schema")

# Operations where a schema-valid request may still be refused with 422, and why: what the server checks there
# depends on the meaning of the values or on several of them together, which JSON Schema cannot say. Only
# positive_data_acceptance is off for them; every other check, the refusal of schema-violating requests included,
# stays on.
SEMANTIC: dict[str, str] = {
    "GET /api/landscape": "a formula must parse, and the start lie inside the curve's window",
    "GET /api/peek": "a formula must parse, and the start lie inside the curve's window",
    "GET /api/descend": "a formula must parse; the start lies in the window, and is two numbers on a surface",
    "GET /api/map": "a formula must parse, speed_max be above speed_min, and the work fit the server's budget",
    "GET /api/bifurcation": "a formula must parse, speed_max be above speed_min, and the start lie in the window",
    "GET /api/surface": "a formula in w1 and w2 must parse, and the start lie inside the surface's window",
    "GET /api/basins": "a formula must parse, and size x size x steps fit the server's budget",
    "GET /api/three-runs": "the start must lie inside the curve's window",
}


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,  # the same cases on every run, so CI is reproducible
    deadline=None,  # a Studio run trains for real and a map sweeps: timing is not what is tested here
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_answers_as_its_document_says(case: Any) -> None:
    semantic = SEMANTIC.get(case.operation.label)
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance] if semantic else [])
    assert response.status_code != 503, f"the engine did not answer (its workers are not running): {response.text}"


def test_every_semantic_exception_names_a_real_operation(api_schema: Any) -> None:
    labels = {result.ok().label for result in api_schema.get_all_operations()}
    assert len(labels) == 17 and set(SEMANTIC) <= labels, set(SEMANTIC) - labels


def altered(response: schemathesis.Response, body: dict[str, Any], status: int | None = None) -> schemathesis.Response:
    """The same answer with another JSON body (and status): what a route that drifted from its document sends."""
    content = json.dumps(body).encode()
    headers = {**response.headers, "content-length": [str(len(content))], "content-encoding": []}
    return schemathesis.Response(status or response.status_code, headers, content, response.request, 0.0, True)


def test_the_shape_check_sees_an_answer_that_drifts_from_its_document(api_schema: Any) -> None:
    case = api_schema["/api/descend"]["GET"].Case(query={"steps": 3})
    response = case.call()
    case.validate_response(response, checks=[response_schema_conformance])  # the real answer conforms
    assert set(response.json()) == {"landscape", "settings", "steps", "verdict"}
    drifted = [
        {key: value for key, value in response.json().items() if key != "verdict"},  # a documented key gone
        {**response.json(), "steps": "3"},  # a key of another type
    ]
    for body in drifted:
        with pytest.raises(FailureGroup, match="Response violates schema"):
            case.validate_response(altered(response, body), checks=[response_schema_conformance])
    with pytest.raises(FailureGroup, match="Response violates schema"):  # a refusal without the one error body
        case.validate_response(altered(response, {"detail": "no"}, 422), checks=[response_schema_conformance])
