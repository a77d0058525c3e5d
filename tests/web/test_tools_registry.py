"""The registry of tools (web/tools.py) is the one description: routes, OpenAPI, flags, widgets and schema follow it."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from foggyhill.cli import Parser, add_flags, build_parser
from foggyhill.core import FIELDS, Field
from foggyhill.notebook.bridge import ENDPOINTS
from foggyhill.web import create_app
from foggyhill.web.api import add_tool_routes
from foggyhill.web.app import setting_error
from foggyhill.web.schema import settings_schema
from foggyhill.web.tools import TOOLS, Tool, api_tools

# A made-up tool: one row is all it should take to be served, documented, flagged and described.
ECHO = Tool(
    "echo",
    "/api/echo",
    {"speed": FIELDS["speed"], "times": Field("times", "int", 2, "how many times", 1, 5)},
    "Say the speed again",
    "The speed, repeated.",
    check=lambda values, limits: (
        float(FIELDS["speed"].parse(values.get("speed"))),
        int(Field("times", "int", 2, "how many times", 1, 5).parse(values.get("times"))),
    ),
    compute=lambda request: {"speeds": [request[0]] * request[1]},
    runs="here",
)


def served(*tools: Tool) -> TestClient:
    """An app with only these tools' routes, refusing as the real one does."""
    router = APIRouter(prefix="/api")
    add_tool_routes(router, list(tools))
    app = FastAPI()
    app.include_router(router)
    app.add_exception_handler(Exception, setting_error)
    return TestClient(app, raise_server_exceptions=False)


def flags_of(parser: argparse.ArgumentParser) -> list[str]:
    """Every long flag the parser takes, in order, without --help."""
    return [a.option_strings[-1] for a in parser._actions if a.option_strings and a.option_strings[-1] != "--help"]


def test_one_row_gives_a_route_with_its_openapi_and_checks() -> None:
    with served(ECHO) as client:
        assert client.get("/api/echo", params={"speed": "0.5", "times": "3"}).json() == {"speeds": [0.5, 0.5, 0.5]}
        refused = client.get("/api/echo", params={"times": "9"})
        assert refused.status_code == 422 and "times must be a whole number" in refused.json()["error"]["message"]
        unknown = client.get("/api/echo", params={"pace": "1"}).json()["error"]["message"]
        assert unknown == "unknown parameter 'pace': allowed are speed, times"
        document = client.get("/openapi.json").json()["paths"]["/api/echo"]["get"]
    assert [p["name"] for p in document["parameters"]] == ["speed", "times", "lang"]
    assert document["parameters"][1]["schema"] == {"type": "integer", "minimum": 1, "maximum": 5, "default": 2}


def test_one_row_gives_the_command_lines_flags() -> None:
    parser = Parser(prog="foggyhill echo")
    add_flags(parser, ECHO.fields)
    assert flags_of(parser) == ["--speed", "--times"]
    assert "how many times (default 2)" in parser.format_help()


@pytest.mark.parametrize(("command", "tool"), [("descend", "descend"), ("peek", "peek"), ("map", "map")])
def test_each_commands_flags_are_its_tools_fields(command: str, tool: str) -> None:
    sub = build_parser(command)._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    flags = flags_of(sub)
    for name in TOOLS[tool].fields:
        assert "--" + name.replace("_", "-") in flags, name


def test_the_renders_flags_are_the_shows_fields() -> None:
    render = build_parser("render")._subparsers._group_actions[0].choices["render"]  # type: ignore[union-attr]
    three = render._subparsers._group_actions[0].choices["three-runs"]  # type: ignore[union-attr]
    flags = flags_of(three)
    for name in TOOLS["three-runs"].fields:
        assert "--" + name.replace("_", "-") in flags, name


def test_every_get_tool_is_served_answered_by_the_widgets_and_in_the_schema() -> None:
    document = create_app().openapi()["paths"]
    schema = settings_schema()["tools"]
    for tool in api_tools():
        assert tool.path in document and tool.path in ENDPOINTS, tool.name
        assert [p["name"] for p in document[tool.path]["get"]["parameters"]] == [*tool.fields, "lang"]
        if tool.fields:
            assert list(schema[tool.name]["fields"]) == list(tool.fields) and schema[tool.name]["path"] == tool.path


def test_studios_routes_are_described_by_their_rows() -> None:
    document = create_app().openapi()["paths"]
    for name in ("studio-check", "studio-run"):
        tool = TOOLS[name]
        assert tool.path is not None
        operation: dict[str, Any] = document[tool.path]["post"]
        assert operation["summary"] == tool.summary and operation["description"] == tool.description
        assert "source" in operation["requestBody"]["content"]["application/json"]["schema"]["properties"]


def test_the_check_can_fail_when_a_field_is_missing_from_the_flags() -> None:
    parser = Parser(prog="foggyhill echo")
    add_flags(parser, {"speed": FIELDS["speed"]})
    assert "--times" not in flags_of(parser)
    bigger = replace(ECHO, fields={**ECHO.fields, "noise": FIELDS["noise"]})
    with served(bigger) as client:
        names = [p["name"] for p in client.get("/openapi.json").json()["paths"]["/api/echo"]["get"]["parameters"]]
    assert names == ["speed", "times", "noise", "lang"]
