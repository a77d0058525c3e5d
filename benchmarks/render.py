"""How fast `foggyhill render` makes the three-runs video, against the encoder alone and against matplotlib.

In one run:
1. The default three-run video (60 s with sound) at 1280x720 30 fps and at 1920x1080 60 fps, through the real
   render (drawing, soundtrack, H.264 + AAC): frames per second and the ratio to real time.
2. The encoder's own bound: the same frames, drawn beforehand (in chunks, off the clock), piped into the same
   ffmpeg command with the same soundtrack. Our whole render over that time should stay within 1.3x.
3. A matplotlib baseline drawing the same scene (curve, ball, tangent, trail, three loss charts, header, caption)
   the efficient way (artists updated in place, one canvas.draw() per frame), piped into the same encoder, against
   ours over the same slice of the show (run 2, at 1280x720 30 fps).

The machine is shared, so the targets are read from wall time measured in this same run, and CPU time (all threads,
ffmpeg included) is printed beside it: it does not depend on how busy the machine is.

    python3 -m pip install -c constraints.txt -e ".[bench]" && python3 benchmarks/render.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from foggyhill.render import RenderOptions, frame_count, render_video, soundtrack, write_wav
from foggyhill.render.encode import command, encode, widen_pipe
from foggyhill.render.scene import FrameBuffer, Scene
from foggyhill.timeline import FrameState, ShowSettings, Timeline, build_timeline, state_at

CONFIGS = [RenderOptions(1280, 720, 30), RenderOptions(1920, 1080, 60)]
CHUNK_BYTES = 1 << 30  # frames drawn ahead for the encoder-only run, at most this much memory at a time
TARGETS = {"1080p60 real time": 1.0, "720p30 real time": 4.0, "vs matplotlib": 5.0, "vs encoder": 1.3}


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (ffmpeg), all threads."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CPU: dict[str, float] = {}  # CPU seconds of each measured job, by name


def timed(work: Callable[[], object], name: str) -> float:
    """Wall seconds that `work` takes; its CPU seconds are kept in CPU[name]."""
    cpu, began = cpu_seconds(), time.perf_counter()
    work()
    CPU[name] = cpu_seconds() - cpu
    return time.perf_counter() - began


def encoder_only(show: Timeline, options: RenderOptions, folder: Path) -> float:
    """Seconds ffmpeg needs for the whole video when every frame is ready beforehand (drawing is off the clock)."""
    wav = folder / "sound.wav"
    write_wav(wav, soundtrack(show))
    count = frame_count(show, options.fps)
    cmd = command("mp4", options.width, options.height, options.fps, count, wav, folder / "encoder-only.mp4")
    scene, target = Scene(show, options.width, options.height), FrameBuffer(options.width, options.height)
    chunk = max(1, CHUNK_BYTES // target.pixels.nbytes)
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    assert process.stdin is not None
    widen_pipe(process.stdin.fileno())  # as the real render does
    clock, own_cpu = 0.0, 0.0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    for first in range(0, count, chunk):
        ready = []
        for i in range(first, min(first + chunk, count)):
            scene.draw(target, state_at(show, i / options.fps))
            ready.append(target.pixels.copy())
        began, cpu = time.perf_counter(), time.process_time()
        for pixels in ready:
            process.stdin.write(pixels.data)
        clock, own_cpu = clock + time.perf_counter() - began, own_cpu + time.process_time() - cpu
    began, cpu = time.perf_counter(), time.process_time()
    process.stdin.close()
    process.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ffmpeg_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    CPU[f"{options.height}p{options.fps} encoder"] = ffmpeg_cpu + own_cpu + time.process_time() - cpu
    return clock + time.perf_counter() - began


class MatplotlibScene:
    """The same picture drawn with matplotlib: artists made once, their data updated for every frame."""

    def __init__(self, show: Timeline, options: RenderOptions) -> None:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot as plt

        self.show = show
        self.fig = plt.figure(figsize=(options.width / 100, options.height / 100), dpi=100, facecolor="#0d111c")
        main = self.fig.add_axes((0.07, 0.17, 0.58, 0.68), facecolor="#161c2c")
        lo, hi = show.landscape.window
        ws = np.linspace(lo, hi, 400)
        main.plot(ws, show.landscape.loss(ws), color="#e2e8f0", lw=2)
        main.set_xlim(lo, hi)
        main.set_ylim(show.pitch.low - 0.3, show.pitch.high + 0.3)
        self.trail = main.plot([], [], "o", color="#f5b041", ms=4, alpha=0.6)[0]
        self.tangent = main.plot([], [], color="#22d3ee", lw=3)[0]
        self.ball = main.plot([], [], "o", color="#f5b041", ms=14, mec="white")[0]
        self.charts = []
        for k in range(len(show.runs)):
            ax = self.fig.add_axes((0.7, 0.66 - k * 0.25, 0.27, 0.19), facecolor="#161c2c")
            ax.set_xlim(0, show.settings.steps)
            ax.set_ylim(show.pitch.low - 0.3, show.pitch.high + 0.3)
            ax.set_title(f"Run {k + 1} · speed {show.runs[k].speed:g}", color="white", fontsize=11, loc="left")
            self.charts.append(ax.plot([], [], color="#4ade80", lw=2)[0])
        self.header = self.fig.text(0.03, 0.93, "", color="white", fontsize=18, weight="bold")
        self.caption = self.fig.text(0.03, 0.07, "", color="white", fontsize=16)

    def draw(self, state: FrameState) -> np.ndarray:
        """Update every artist for `state`, draw, and return the RGBA pixels."""
        loss = self.show.landscape.loss
        self.trail.set_data(list(state.trail), [float(loss(w)) for w in state.trail])
        if state.ball_w is not None and not state.flown:
            self.ball.set_data([state.ball_w], [state.ball_loss])
        tan = state.tangent
        if tan:
            self.tangent.set_data([tan.w - 0.4, tan.w + 0.4], [tan.loss - 0.4 * tan.slope, tan.loss + 0.4 * tan.slope])
            self.tangent.set_alpha(tan.opacity)
        self.tangent.set_visible(tan is not None)
        for line, view in zip(self.charts, state.runs, strict=True):
            line.set_data(range(len(view.losses)), view.losses)
        self.header.set_text(f"Run {(state.run or 0) + 1} · speed {state.speed} · step {state.step}")
        self.caption.set_text(f"{state.section}: step {state.current_step}, {state.phase}")
        self.fig.canvas.draw()
        return np.asarray(self.fig.canvas.buffer_rgba())


def piped(frames: Iterator[np.ndarray], show: Timeline, options: RenderOptions, count: int, out: Path) -> None:
    """Pipe frames into the same H.264 command as the real render (no sound)."""
    encode(frames, command("mp4", options.width, options.height, options.fps, count, None, out))


def slice_frames(draw: Callable[[FrameState], np.ndarray], show: Timeline, times: list[float]) -> Iterator[np.ndarray]:
    """Frames for the given times, drawn by `draw`."""
    for t in times:
        yield draw(state_at(show, t))


def ours_drawer(show: Timeline, options: RenderOptions) -> Callable[[FrameState], np.ndarray]:
    """Our scene as a state → pixels function, cycling three buffers as the real render does."""
    scene = Scene(show, options.width, options.height)
    targets = [FrameBuffer(options.width, options.height) for _ in range(3)]
    count = iter(range(10**9))

    def draw(state: FrameState) -> np.ndarray:
        target = targets[next(count) % 3]
        scene.draw(target, state)
        return target.pixels

    return draw


def verdict(name: str, value: float, target: float, higher_is_better: bool = True) -> str:
    met = value >= target if higher_is_better else value <= target
    sign = "≥" if higher_is_better else "≤"
    return f"  target {name}: {value:.2f} {sign} {target:g}  {'met' if met else 'NOT met'}"


def main() -> int:
    show = build_timeline(ShowSettings())
    print(f"three-runs video: {show.total:g} s, speeds {', '.join(f'{r.speed:g}' for r in show.runs)}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="foggyhill-bench-") as scratch:
        folder = Path(scratch)
        for options in CONFIGS:
            name = f"{options.height}p{options.fps}"
            count = frame_count(show, options.fps)
            ours = timed(lambda o=options, n=name: render_video(show, folder / f"{n}.mp4", o), name)
            alone = encoder_only(show, options, folder)
            results[name] = (show.total / ours, ours / alone)
            print(
                f"{name}: {count} frames in {ours:.1f} s = {count / ours:.1f} frames/s, {show.total / ours:.2f}x real "
                f"time; encoder alone {alone:.1f} s ({count / alone:.1f} frames/s): ours / encoder = {ours / alone:.2f}"
            )
            ours_cpu, alone_cpu = CPU[name], CPU[f"{name} encoder"]
            print(
                f"    CPU (all threads, ffmpeg included): ours {1000 * ours_cpu / count:.1f} ms per frame, encoder "
                f"alone {1000 * alone_cpu / count:.1f} ms per frame: ours / encoder = {ours_cpu / alone_cpu:.2f}"
            )
        base = mine = None
        try:
            import matplotlib  # noqa: F401  (the baseline's only extra: pip install -c constraints.txt -e ".[bench]")
        except ImportError:
            print('matplotlib baseline: not measured (matplotlib is not installed: pip install -e ".[bench]")')
        else:
            base, mine = matplotlib_baseline(show, folder)
    print("targets:")
    print(verdict("1080p60 x real time", results["1080p60"][0], TARGETS["1080p60 real time"]))
    print(verdict("720p30 x real time", results["720p30"][0], TARGETS["720p30 real time"]))
    if base is not None and mine is not None:
        print(verdict("speedup over matplotlib", base / mine, TARGETS["vs matplotlib"]))
    for name in ("720p30", "1080p60"):
        print(verdict(f"{name} ours / encoder alone", results[name][1], TARGETS["vs encoder"], False))
    return 0


def matplotlib_baseline(show: Timeline, folder: Path) -> tuple[float, float]:
    """Seconds for run 2 at 720p30 drawn by matplotlib and by us, each piped into the same encoder."""
    options = CONFIGS[0]
    run = show.runs[1]
    times = [i / options.fps for i in range(round(run.start * options.fps), round(run.end * options.fps))]
    mpl = MatplotlibScene(show, options)
    base = timed(lambda: piped(slice_frames(mpl.draw, show, times), show, options, len(times), folder / "m.mp4"), "mpl")
    draw = ours_drawer(show, options)
    mine = timed(lambda: piped(slice_frames(draw, show, times), show, options, len(times), folder / "o.mp4"), "mine")
    print(
        f"matplotlib baseline, run 2 at 720p30 ({len(times)} frames, drawn and encoded): {base:.1f} s "
        f"({len(times) / base:.1f} frames/s); ours {mine:.1f} s ({len(times) / mine:.1f} frames/s): "
        f"speedup {base / mine:.1f}x"
    )
    print(
        f"    CPU per frame: matplotlib {1000 * CPU['mpl'] / len(times):.1f} ms, ours "
        f"{1000 * CPU['mine'] / len(times):.1f} ms"
    )
    return base, mine


if __name__ == "__main__":
    sys.exit(main())
