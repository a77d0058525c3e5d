"""The worker process behind `/studio`: runs one Studio program under resource limits and writes its events to
standard output as JSON lines. Started by web/studio.py, one process per run; killed to stop it.

Reads one JSON object on standard input: {"source", "files", "limits": {...}, "memory_mb", "cpu_seconds", "language"}.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import resource
import signal
import sys
from typing import Any

from ..lang import default, use
from ..studio import Effect, Limits, Stopped, StudioError, Uploads, run_program

PR_SET_PDEATHSIG = 1  # prctl option: the signal this process gets when its parent ends

# Memory set aside before the limit and given back when memory runs out, so the last word can still be said.
RESERVE: list[bytearray] = []


def emit(event: dict[str, Any]) -> None:
    """One event as one line, flushed at once so the page sees it while training goes on."""
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def sink(effect: Effect) -> None:
    """Effects go straight out."""
    emit(effect.to_dict())


def limit_resources(memory_mb: int, cpu_seconds: int) -> None:
    """Cap this process's memory (address space) and computing time; the kernel enforces both."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def run(request: dict[str, Any]) -> None:
    """Run the program, ending with exactly one `done` or `error` event."""
    source = request["source"]
    try:
        run_program(source, sink, loader=Uploads(request.get("files", {})), limits=Limits(**request["limits"]))
    except StudioError as error:
        emit({"type": "error", **error.to_dict(source)})
        return
    except Stopped:
        emit({"type": "stopped"})
        return
    except MemoryError:
        RESERVE.clear()
        emit(
            {
                "type": "error",
                "message": f"the program needed more than the {request['memory_mb']} MB of memory allowed here",
                "hint": "try smaller layers or a smaller batch",
            }
        )
        return
    emit({"type": "done"})


WARM_UP = """d = load "lemonade"
n = make_network
  layer input from d
  layer hidden size 2 kind relu
  layer output size 1 kind linear
end
train_network n, on: d, rounds: 1, speed: 0.1
"""


def warm_up() -> None:
    """Train a tiny network once, so every module the engine imports lazily (numpy.random, …) is loaded before the
    memory limit: a limit that stops an import would read as "Studio itself failed"."""
    run_program(WARM_UP, lambda effect: None)


def die_with_parent() -> None:
    """Ask Linux to end this worker when the server that started it ends (a spare must not outlive it)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def main() -> int:
    """Read the request, limit this process, run."""
    die_with_parent()
    warm_up()  # before waiting: a spare worker is ready the moment its program arrives
    try:
        request = json.loads(sys.stdin.read())
    except ValueError:
        return 0  # the server went away before sending a program: nothing to do
    RESERVE.append(bytearray(4 * 1024 * 1024))
    limit_resources(int(request["memory_mb"]), int(request["cpu_seconds"]))
    try:
        with use(request.get("language") or default()):  # the words of the request that asked for this run
            run(request)
    except Exception as error:  # the learner gets a plain line, never a traceback
        emit({"type": "error", "message": f"Studio itself failed ({type(error).__name__}); this is not your mistake"})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
