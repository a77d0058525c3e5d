"""The Studio API: examples, a run streamed as JSON lines from a worker process, and the limits around it."""

from __future__ import annotations

import json
import os
import time
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


def _workers_of(pid: int) -> list[int]:
    """The Studio worker processes whose parent is `pid`, read from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat, open(f"/proc/{entry}/cmdline", "rb") as cmd:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                command = cmd.read()
        except OSError:
            continue
        if parent == pid and b"foggyhill.web.studio_worker" in command:
            found.append(int(entry))
    return found


def _start_runs(url: str, count: int) -> list[tuple[int, Any]]:
    """`count` long runs started at once: each one's status and its open connection (kept open: the run goes on)."""
    import http.client
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlsplit

    parts = urlsplit(url)

    def one(_: int) -> tuple[int, Any]:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        connection.request("POST", "/api/studio/run", body=json.dumps({"source": LONG_RUN}), headers=JSON)
        response = connection.getresponse()
        if response.status == 200:
            response.readline()  # the first event: the program is running in its worker
        return response.status, connection

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the worker processes from /proc")
def test_runs_started_together_leave_one_spare_not_a_crowd(serve: Any, tmp_path: Any) -> None:
    served = serve("--port", "0", env={"FOGGYHILL_SLOTS": str(tmp_path)})  # its places only, not this process's
    assert served.url, served.first_line
    for _ in range(3):  # bursts of four runs started together, each stopped by its client leaving
        started = _start_runs(served.url, 4)
        assert [status for status, _ in started] == [200] * 4
        for _, connection in started:
            connection.close()
        deadline = time.monotonic() + 20
        while len(_workers_of(served.process.pid)) > 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_workers_of(served.process.pid)) == 1  # the one spare, waiting for the next Run


def test_the_limit_of_runs_at_once_holds_across_server_processes(serve: Any, tmp_path: Any) -> None:
    served = serve("--port", "0", "--workers", "2", env={"FOGGYHILL_SLOTS": str(tmp_path)})
    assert served.url, served.first_line
    started = _start_runs(served.url, studio.RUNS_AT_ONCE + 3)
    try:
        statuses = sorted(status for status, _ in started)
        assert statuses == [200] * studio.RUNS_AT_ONCE + [429] * 3
    finally:
        for _, connection in started:
            connection.close()
