"""How quickly the notebook widget's kernel answers the simulation's requests, against the engine alone.

1. In process: `bridge.answer` for a descent request (the settings checked, the engine run, the same JSON as the
   web API) against the engine alone (`run_descent` + `to_dict`) on the same settings: the bridge's overhead.
2. Through a real kernel (jupyter_client): a comm message like the widget sends when the Speed slider moves, and
   the answer back on IOPub: what a learner waits for between letting go of the slider and the ball moving.
3. The widget's JavaScript: its size and how long gathering the page's modules takes (once per process).

    python3 benchmarks/notebook.py [--requests 300]
"""

from __future__ import annotations

import argparse
import statistics
import time

from foggyhill.core import DescentSettings, run_descent
from foggyhill.web.answers import curve_for


def millis(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"median {1000 * statistics.median(ordered):.3f} ms, p99 {1000 * p99:.3f} ms"


def speeds(n: int) -> list[float]:
    return [round(0.01 + 0.89 * i / n, 4) for i in range(n)]


def in_process(n: int) -> None:
    from foggyhill.notebook.bridge import answer

    engine, bridge = [], []
    for speed in speeds(n):
        settings = DescentSettings(speed=speed, start=-2.0)
        t0 = time.perf_counter()
        run_descent(curve_for(settings), settings).to_dict()
        engine.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        reply = answer({"type": "ask", "id": 1, "path": "/api/descend", "params": {"speed": str(speed), "start": "-2"}})
        bridge.append(time.perf_counter() - t0)
        assert reply is not None and reply["ok"]
    ratio = statistics.median(bridge) / statistics.median(engine)
    print(f"engine alone, {n} runs of 100 steps:  {millis(engine)}")
    print(f"bridge.answer, same settings:        {millis(bridge)}  ({ratio:.2f}x the engine alone)")


def through_kernel(n: int) -> None:
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        client.execute_interactive("from foggyhill.notebook import Simulation\nsim = Simulation()", timeout=60)
        client.execute_interactive("print(sim.comm.comm_id, end='')", timeout=30, output_hook=_capture)
        comm_id = _captured.pop()
        waits = []
        for i, speed in enumerate(speeds(n)):
            content = {"type": "ask", "id": f"b:{i}", "path": "/api/descend", "params": {"speed": str(speed)}}
            message = client.session.msg(
                "comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": content}}
            )
            t0 = time.perf_counter()
            client.shell_channel.send(message)
            while True:
                got = client.get_iopub_msg(timeout=30)
                data = got["content"].get("data", {}) if got["msg_type"] == "comm_msg" else {}
                if data.get("content", {}).get("id") == f"b:{i}":
                    break
            waits.append(time.perf_counter() - t0)
        print(f"slider request through the kernel:   {millis(waits)}  ({n} round trips over ZMQ)")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


_captured: list[str] = []


def _capture(message: dict) -> None:
    if message["msg_type"] == "stream":
        _captured.append(message["content"]["text"])


def bundle_figures() -> None:
    t0 = time.perf_counter()
    from foggyhill.notebook import bundle

    imported = time.perf_counter() - t0
    bundle.esm.cache_clear()
    t0 = time.perf_counter()
    esm = bundle.esm("notebook/simulation.js", "gradient-descent", ("common/base.css", "common/sim.css"))
    took = time.perf_counter() - t0
    modules = len(bundle.module_graph("notebook/simulation.js"))
    print(f"Simulation widget JavaScript:        {len(esm.encode()) / 1024:.0f} KB, {modules} modules, "
          f"gathered in {1000 * took:.1f} ms (importing foggyhill.notebook: {1000 * imported:.0f} ms)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement")
    args = parser.parse_args()
    bundle_figures()
    in_process(args.requests)
    through_kernel(min(args.requests, 200))
    print("(one run on this machine: the ratio says more than the absolute times)")


if __name__ == "__main__":
    main()
