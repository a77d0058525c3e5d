"""The Studio API: examples, a run streamed as JSON lines from a worker process, and the limits around it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from foggyhill.studio.examples import EXAMPLES
from foggyhill.web import studio

JSON = {"content-type": "application/json"}


def events(client: Any, body: dict[str, Any]) -> list[dict[str, Any]]:
    with client.stream("POST", "/api/studio/run", json=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-ndjson"
        return [json.loads(line) for line in response.iter_lines() if line.strip()]


def test_examples_include_the_issue_program_and_the_limits(client: Any) -> None:
    data = client.get("/api/studio/examples").json()
    names = [e["name"] for e in data["examples"]]
    assert names[0] == "fruits" and "spirals" in names
    assert "train_network net, on: data, rounds: 30, speed: 0.1" in data["examples"][0]["source"]
    assert data["limits"]["max_rounds"] == 500 and data["limits"]["max_layer_size"] == 64
    assert set(data["datasets"]) == {"fruits", "lemonade", "checkerboard", "spirals", "digits"}


def test_a_run_streams_every_event_and_ends_with_done(client: Any) -> None:
    got = events(client, {"source": EXAMPLES["fruits"].source})
    kinds = [e["type"] for e in got]
    assert kinds == ["loaded", "network", "training", "notes", "notes", *["round"] * 30, "trained", "plot", "done"]
    assert got[-3]["accuracy"] >= 0.9


def test_a_mistake_ends_the_stream_with_an_error_event(client: Any) -> None:
    (event,) = events(client, {"source": 'data = load "fruit"\n'})
    assert event["type"] == "error" and (event["line"], event["column"]) == (1, 13)
    assert event["hint"] == 'did you mean "fruits"?' and "^^^^^^^" in event["text"]


def test_the_web_limits_are_tighter_than_the_command_line(client: Any) -> None:
    source = EXAMPLES["fruits"].source.replace("size 16", "size 100")
    (event,) = events(client, {"source": source})
    assert event["type"] == "error" and event["expected"] == "a whole number at least 1 and at most 64"


def test_uploaded_csv_files_load_and_server_paths_do_not(client: Any) -> None:
    files = {"plants.csv": "height,width,kind\n1,2,a\n3,4,b\n1.5,2.5,a\n3.5,4.5,b\n"}
    got = events(client, {"source": 'p = load "plants.csv", target: "kind"\nshow p\n', "files": files})
    assert got[1]["type"] == "show" and got[1]["rows"] == 4
    (event,) = events(client, {"source": 'p = load "/etc/hosts.csv", target: "x"\n', "files": files})
    assert "no uploaded file called /etc/hosts.csv" in event["message"]


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        (b"not json", "the request must be JSON"),
        (b'{"files": {}}', "the request needs `source`"),
        (b'{"source": "x", "files": {"../a.csv": "x"}}', "is not allowed: upload files named like data.csv"),
        (b'{"source": "x", "files": {"a.txt": "x"}}', "is not allowed"),
        (b'{"source": "x", "files": {"a.csv": 3}}', "`files` must map file names to their text"),
        (
            json.dumps({"source": "x", "files": {f"f{i}.csv": "a" for i in range(4)}}).encode(),
            "at most 3 CSV files",
        ),
    ],
)
def test_bad_requests_are_refused_in_words(client: Any, body: bytes, phrase: str) -> None:
    response = client.post("/api/studio/run", content=body, headers=JSON)
    assert response.status_code == 422 and phrase in response.json()["error"]["message"]


def test_an_oversized_request_is_refused(client: Any) -> None:
    body = json.dumps({"source": "x" * (studio.MAX_BODY_BYTES + 10)}).encode()
    response = client.post("/api/studio/run", content=body, headers=JSON)
    assert response.status_code == 413 and "larger than" in response.json()["error"]["message"]


LONG_RUN = """arms = load "spirals"
net = make_network
  layer input from arms
  layer hidden size 64 kind tanh
  layer hidden size 64 kind tanh
  layer output size 2 kind softmax
end
train_network net, on: arms, rounds: 500, speed: 0.01, batch: 1, optimizer: adam
"""  # 100,000 updates of two 64-wide layers: many seconds on any machine, so the 1-second limit must end it


def test_a_run_past_the_time_limit_is_ended(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(studio, "WALL_SECONDS", 1)
    got = events(client, {"source": LONG_RUN})
    assert got[-1]["type"] == "error" and "ran for more than 1 seconds" in got[-1]["message"]
    assert sum(e["type"] == "round" for e in got) < 500  # ended early (on a busy machine, before any round)


def test_the_memory_limit_is_set_in_the_worker(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Below what the worker already uses: its next allocation fails, and the learner hears it in words.
    monkeypatch.setattr(studio, "MEMORY_MB", 60)
    got = events(client, {"source": EXAMPLES["fruits"].source})
    assert got[-1]["type"] == "error" and "memory" in got[-1]["message"]


def test_a_loaded_spare_worker_takes_the_next_run(client: Any) -> None:
    events(client, {"source": "print 1\n"})
    spare = studio._spare[1] if studio._spare else None
    assert spare is not None and spare.returncode is None
    assert [e["type"] for e in events(client, {"source": "print 2\n"})] == ["print", "done"]
    assert spare.returncode == 0  # it ran that program to its end
    assert studio._spare is not None and studio._spare[1].pid != spare.pid  # and a new spare waits


def test_check_finds_the_first_mistake_without_running(client: Any) -> None:
    source = EXAMPLES["fruits"].source.replace("speed: 0.1", "sped: 0.1")
    answer = client.post("/api/studio/check", json={"source": source}).json()
    assert answer["ok"] is False
    assert (answer["error"]["line"], answer["error"]["column"]) == (7, 42)
    assert answer["error"]["hint"] == "did you mean `speed`?"
    assert client.post("/api/studio/check", json={"source": EXAMPLES["spirals"].source}).json() == {
        "ok": True,
        "error": None,
    }
    assert client.post("/api/studio/check", content=b"[]", headers=JSON).status_code == 422


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"source": "x\\ud800"}', "the program"),
        (b'{"source": "data = load \\"a.csv\\", target: \\"y\\"", "files": {"a.csv": "y\\n1\\udfff"}}', "a.csv"),
        (b'{"source": "x", "files": {"a\\ud83d.csv": "y\\n1"}}', "a file name"),
    ],
)
@pytest.mark.parametrize("path", ["/api/studio/check", "/api/studio/run"])
def test_a_lone_surrogate_is_a_422_in_words_not_a_traceback(client: Any, path: str, body: bytes, where: str) -> None:
    response = client.post(path, content=body, headers=JSON)
    assert response.status_code == 422, response.text
    message = response.json()["error"]["message"]
    assert message.startswith(f"{where} holds a lone surrogate") and "UTF-8" in message
