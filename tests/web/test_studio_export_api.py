"""POST /api/studio/export: a program as a numpy or PyTorch script, or the reason it cannot be one, as the check
answers; its row in the registry gives its route, its OpenAPI and its place in /api/schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from foggyhill.studio.examples import EXAMPLES
from foggyhill.studio.export import TARGETS
from foggyhill.web.tools import TOOLS

TINY = "height,weight,label\n1.1,20,small\n1.2,25,small\n1.9,80,big\n2.0,90,big\n"
UPLOADED = """people = load "mine.csv", target: "label"
net = make_network
  layer input from people
  layer output size 2 kind softmax
end
train_network net, on: people, rounds: 5, speed: 0.5, batch: 2
"""


@pytest.mark.parametrize("to", ["numpy", "pytorch"])
def test_a_program_comes_back_as_a_script(client: Any, to: str) -> None:
    answer = client.post("/api/studio/export", json={"source": EXAMPLES["fruits"].source, "to": to})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    data = answer.json()
    assert data["ok"] is True and data["to"] == to
    assert data["code"].startswith("# program.studio, taken away from foggyhill Studio")
    assert ("import torch" in data["code"]) == (to == "pytorch")
    compile(data["code"], "program.py", "exec")  # Python reads it


def test_the_script_from_the_page_runs_on_the_uploaded_file_and_prints_each_round(client: Any, tmp_path: Path) -> None:
    data = client.post("/api/studio/export", json={"source": UPLOADED, "to": "numpy", "files": {"mine.csv": TINY}})
    code = data.json()["code"]
    path = tmp_path / "mine.py"
    path.write_text(code, encoding="utf-8")
    ran = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert [line.split(":")[0] for line in ran.stdout.splitlines() if line.startswith("round")] == [
        f"round {n}" for n in range(1, 6)
    ]


def test_a_mistake_or_nothing_to_train_answers_as_the_check_does(client: Any) -> None:
    mistake = client.post("/api/studio/export", json={"source": 'data = load "fruit"\n', "to": "numpy"}).json()
    checked = client.post("/api/studio/check", json={"source": 'data = load "fruit"\n'}).json()
    assert mistake == {"ok": False, "error": checked["error"]}
    idle = client.post("/api/studio/export", json={"source": 'data = load "fruits"\nshow data\n', "to": "numpy"})
    error = idle.json()["error"]
    assert idle.status_code == 200 and idle.json()["ok"] is False
    assert error["message"] == "this program trains no network, so there is nothing to take away yet"
    assert "train_network" in error["hint"] and error["line"] is None


def test_the_page_limits_hold_for_an_export(client: Any) -> None:
    source = EXAMPLES["fruits"].source.replace("size 16", "size 100")
    error = client.post("/api/studio/export", json={"source": source, "to": "numpy"}).json()["error"]
    assert error["expected"] == "a whole number at least 1 and at most 64"


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        ({"source": EXAMPLES["fruits"].source}, "the request needs `to`: numpy or pytorch"),
        ({"source": EXAMPLES["fruits"].source, "to": "jax"}, "to must be one of numpy, pytorch (got 'jax')"),
        ({"source": EXAMPLES["fruits"].source, "to": 3}, "to must be one of numpy, pytorch (got 3)"),
        ({"to": "numpy"}, "the request needs `source`"),
        ({"source": "x = 1\n", "to": "numpy", "files": {"../a.csv": "a"}}, "is not allowed: upload files named"),
    ],
)
def test_a_bad_body_is_refused_in_words(client: Any, body: dict[str, Any], phrase: str) -> None:
    answer = client.post("/api/studio/export", json=body)
    assert answer.status_code == 422
    assert phrase in answer.json()["error"]["message"]


def test_the_row_gives_the_route_its_openapi_and_the_schema(client: Any) -> None:
    tool = TOOLS["studio-export"]
    assert tool.fields["to"].choices == tuple(TARGETS)  # the registry offers what the exporter writes
    operation = client.get("/openapi.json").json()["paths"]["/api/studio/export"]["post"]
    assert operation["summary"] == tool.summary and operation["description"] == tool.description
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["source", "to"] and schema["properties"]["to"]["enum"] == ["numpy", "pytorch"]
    listed = client.get("/api/schema").json()["tools"]["studio-export"]
    assert listed["path"] == "/api/studio/export" and listed["fields"]["to"]["choices"] == ["numpy", "pytorch"]
