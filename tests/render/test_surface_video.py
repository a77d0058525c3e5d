"""Surface videos: frames are pure functions of t (same settings, same bytes), they change as the ball rolls, the
soundtrack sounds one tone per step at the pitch of its loss, and a real MP4 has every frame and sample.

After a deliberate change of the picture, look at the new frames and save them:
    FOGGYHILL_REGOLD=1 python3 -m pytest tests/render/test_surface_video.py
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest
import skia
from render_helpers import decoded_frames, decoded_samples

from foggyhill.cli import main
from foggyhill.core.surfaces import parse_surface_settings
from foggyhill.render import RenderOptions, frame_count, render_frames, render_video, sample_count, soundtrack
from foggyhill.render.surface_scene import SurfaceScene, render_surface_frame
from foggyhill.timeline import SAMPLE_RATE
from foggyhill.timeline.surface import SurfaceShow, SurfaceTimeline, build_surface_timeline

GOLDEN = Path(__file__).parent / "golden"
SIZE = (320, 180)
ROSENBROCK = {"landscape": "rosenbrock", "start": "-1.5,2", "speed": 0.001, "steps": 30, "optimizer": "momentum"}
TINY = SurfaceShow(step_budget=0.2, intro=0.2, card=0.3)


def surface_show(race: tuple[str, ...] | None = None, show: SurfaceShow = TINY, **settings: object) -> SurfaceTimeline:
    return build_surface_timeline(parse_surface_settings({**ROSENBROCK, **settings}), show, race)


RUN = surface_show(show=SurfaceShow(step_budget=0.3))
RACE = surface_show(
    ("plain", "momentum", "adam"), SurfaceShow(step_budget=0.3), landscape="ravine", start=None, speed=0.05
)
SCENE = SurfaceScene(RUN, *SIZE)
MOMENTS = {
    "surface-title": (RUN, 0.5),
    "surface-rolling": (RUN, RUN.lanes[0].steps[11].start + 0.08),
    "surface-card": (RUN, RUN.total - 0.1),
    "surface-race": (RACE, RACE.lanes[0].steps[9].moves_at + 0.05),
    "surface-race-card": (RACE, RACE.total - 0.1),
}


def _load(path: Path) -> np.ndarray:
    return skia.Image.open(str(path)).toarray(colorType=skia.kRGBA_8888_ColorType)[:, :, :3]


def _save(path: Path, rgb: np.ndarray) -> None:
    rgba = np.dstack([rgb, np.full(rgb.shape[:2], 255, dtype=np.uint8)])
    skia.Image.fromarray(rgba, colorType=skia.kRGBA_8888_ColorType).save(str(path), skia.kPNG)


@pytest.mark.parametrize("name", sorted(MOMENTS))
def test_frame_matches_the_saved_one(name: str) -> None:
    timeline, t = MOMENTS[name]
    frame = render_surface_frame(timeline, t, *SIZE, scene=SCENE if timeline is RUN else None)
    path = GOLDEN / f"{name}.png"
    if os.environ.get("FOGGYHILL_REGOLD"):
        _save(path, frame)
    saved = _load(path)
    assert saved.shape == frame.shape
    diff = np.abs(saved.astype(np.int16) - frame.astype(np.int16))
    # small tolerance: anti-aliasing may shift by a level or two between skia builds, a moved ball may not
    assert diff.mean() < 0.5, f"{name}: mean difference {diff.mean():.3f}"
    assert (diff.max(axis=2) > 40).mean() < 0.002, f"{name}: {(diff.max(axis=2) > 40).sum()} pixels changed"


def test_the_same_settings_give_the_same_bytes() -> None:
    """Two timelines and two scenes built apart draw the same pixels at the same t."""
    again = surface_show(show=SurfaceShow(step_budget=0.3))
    for t in (0.1, 3.37, 9.9):
        a = render_surface_frame(RUN, t, *SIZE)
        b = render_surface_frame(again, t, *SIZE, scene=SurfaceScene(again, *SIZE))
        assert a.tobytes() == b.tobytes()


def test_frames_differ_from_moment_to_moment() -> None:
    """The checks above can fail: two moments of a roll do not pass for each other."""
    t = MOMENTS["surface-rolling"][1]
    a = render_surface_frame(RUN, t, *SIZE, scene=SCENE)
    b = render_surface_frame(RUN, t + 0.05, *SIZE, scene=SCENE)
    diff = np.abs(a.astype(np.int16) - b.astype(np.int16))
    assert (diff.max(axis=2) > 40).mean() > 0.0005


def _pitch(window: np.ndarray) -> float:
    """The strongest frequency in a window (Hann-windowed, zero-padded FFT, parabolic peak)."""
    size = 1 << 16
    spectrum = np.abs(np.fft.rfft(window * np.hanning(window.size), size))
    k = int(np.argmax(spectrum[1:])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2] + 1e-12)
    return (k + 0.5 * (a - c) / (a - 2 * b + c)) * SAMPLE_RATE / size


def test_the_soundtrack_has_a_tone_per_step_falling_as_the_loss_falls() -> None:
    show = surface_show(
        show=SurfaceShow(step_budget=0.4, intro=0.2, card=0.2),
        landscape="round-bowl",
        start=None,
        speed=0.15,
        optimizer="plain",
        steps=8,
    )
    track = soundtrack(show).astype(np.float64)
    assert track.size == sample_count(show) == round(show.total * SAMPLE_RATE)
    length = round(show.pitch.envelope.duration * SAMPLE_RATE)
    assert len(show.tones) == 8
    heard = []
    for tone in show.tones:
        first = round(tone.start * SAMPLE_RATE)
        assert not track[first - 400 : first].any()  # silence just before each tone: one tone per step, no more
        heard.append(_pitch(track[first : first + length]))
        assert abs(heard[-1] - tone.frequency) < 1.5, (tone, heard[-1])
    assert all(b <= a + 1.5 for a, b in zip(heard, heard[1:], strict=False)) and heard[0] > heard[-1] * 1.5


def test_a_short_mp4_has_every_frame_and_sample(tmp_path: Path) -> None:
    show = surface_show(steps=3)
    options = RenderOptions(160, 90, 10)
    out = render_video(show, tmp_path / "roll.mp4", options)
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(out))
    assert frames == frame_count(show, 10) == round(show.total * 10) == 11
    assert seconds == pytest.approx(show.total, abs=0.05)
    decoded = decoded_frames(out)
    assert decoded[0].shape == (90, 160, 3) and not np.array_equal(decoded[2], decoded[-1])
    samples = decoded_samples(out).astype(np.float64)
    assert samples.size == sample_count(show)
    original = soundtrack(show).astype(np.float64)
    assert np.corrcoef(samples, original)[0, 1] > 0.99  # the tones sit where the steps are, sample for sample
    again = render_video(show, tmp_path / "again.mp4", options)
    assert out.read_bytes() == again.read_bytes()


def test_the_frames_folder_holds_every_frame(tmp_path: Path) -> None:
    show = surface_show(steps=2)
    folder = render_frames(show, tmp_path / "frames", RenderOptions(64, 36, 5))
    assert len(list(folder.iterdir())) == frame_count(show, 5)


SMALL = ["--size", "160x90", "--fps", "5", "--step-budget", "0.2", "--intro", "0.2", "--card", "0.2", "--steps", "2"]


def test_render_surface_race_writes_the_video_and_the_soundtrack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, wav = tmp_path / "race.mp4", tmp_path / "race.wav"
    flags = ["--landscape", "ravine", "--optimizers", "plain,adam", *SMALL]
    assert main(["render", "surface-race", *flags, "--out", str(out), "--audio", str(wav)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out} (0.8 s, 4 frames at 5 fps, 160x90)" in printed and "4 tones" in printed
    assert len(decoded_frames(out)) == 4


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--landscape", "mountain"], "landscape must be one of round-bowl, ravine"),
        (["--start", "1"], "start must be two numbers, w1,w2"),
        (["--start=-1.5,2,3"], "start must be two numbers"),
        (["--speed", "0"], "speed must be a number greater than 0"),
        (["--optimizer", "zoom"], "optimizer must be one of plain"),
        (["--formula", "w1^2 +"], "the formula ends too early"),
        (["--formula", "w1^2", "--landscape", "ravine"], "--landscape: not allowed with argument --formula"),
        (["--steps", "100000"], "at most 20 minutes can be rendered: use fewer steps (the run takes 100,000; at most"),
        (["--step-budget", "0"], "step_budget must be a number at least 0.02"),
        (["--size", "161x90"], "even numbers"),
        (["--fps", "0"], "fps must be a whole number from 1 to 120"),
        (["--speeds", "0.1"], "unrecognized arguments: --speeds"),
    ],
)
def test_bad_surface_flags_get_one_clear_line_and_exit_2(
    flags: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.mp4"
    assert main(["render", "surface", "--out", str(out), *flags]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert not out.exists()


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (["--optimizers", "plain,zoom"], "each optimizer must be one of plain"),
        (["--optimizers", "adam,adam"], "each optimizer may race once"),
        (["--optimizers", "plain,momentum,nesterov,adagrad,rmsprop,adam,newton"], "optimizers must be"),
        (["--optimizers", "plain", "--noise", "-1"], "noise must be a number at least 0"),
    ],
)
def test_bad_race_flags_get_one_clear_line_and_exit_2(
    flags: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "surface-race", "--out", str(tmp_path / "x.mp4"), *flags]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize(
    ("scene", "flags", "whose", "most"),
    [
        ("surface", [], "the run takes 20,000", 19_666),  # 2 s title + 12 s + 0.06 s a step + 6 s card = 20 minutes
        ("surface-race", ["--step-budget", "0.1"], "the race's runs take 20,000", 11_920),  # (1200 - 8) / 0.1
    ],
)
def test_a_surface_video_too_long_to_render_says_how_many_of_its_steps_fit(
    scene: str, flags: list[str], whose: str, most: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", scene, "--steps", "20000", *flags, "--out", "x.mp4"]) == 2
    err = capsys.readouterr().err
    words = f"at most 20 minutes can be rendered: use fewer steps ({whose}; at most {most:,} fit), or a shorter step"
    assert words in err and "speeds" not in err, err
    settings = parse_surface_settings({"landscape": "ravine", "speed": "0.01", "steps": str(most + 1)})
    show = SurfaceShow(step_budget=0.1 if flags else None)
    longest = build_surface_timeline(settings, show)
    assert longest.total > 20 * 60 >= build_surface_timeline(replace(settings, steps=most), show).total
