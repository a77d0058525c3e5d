"""Whole renders: exact length in frames and samples, the same output twice, files that appear only when complete."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from render_helpers import decoded_frames, decoded_samples, tiny_show

from foggyhill.core import SettingError
from foggyhill.render import (
    EncoderError,
    RenderOptions,
    frame_count,
    render_frames,
    render_video,
    sample_count,
    soundtrack,
)
from foggyhill.render import encode as encode_module

SMALL = RenderOptions(160, 90, 10)


@pytest.fixture(scope="module")
def mp4_twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("mp4")
    show = tiny_show()
    return render_video(show, folder / "a.mp4", SMALL), render_video(show, folder / "b.mp4", SMALL)


def test_the_video_lasts_the_timeline_to_the_frame_and_the_sound_to_the_sample(mp4_twice: tuple[Path, Path]) -> None:
    show = tiny_show()
    frames = decoded_frames(mp4_twice[0])
    assert len(frames) == frame_count(show, 10) == 42
    assert frames[0].shape == (90, 160, 3)
    samples = decoded_samples(mp4_twice[0])
    assert samples.size == sample_count(show) == round(4.2 * 44100)


def test_the_soundtrack_in_the_video_lines_up_with_the_steps(mp4_twice: tuple[Path, Path]) -> None:
    """AAC is lossy, but the decoded track must follow the WAV's loudness sample for sample (no shift)."""
    show = tiny_show()
    decoded = decoded_samples(mp4_twice[0]).astype(np.float64)
    original = soundtrack(show).astype(np.float64)
    lag = np.argmax(np.correlate(decoded[:20000], original[:20000], "full")) - (20000 - 1)
    assert lag == 0
    assert np.corrcoef(decoded, original)[0, 1] > 0.99


def test_rendering_twice_gives_the_same_frames_and_samples(mp4_twice: tuple[Path, Path]) -> None:
    a, b = mp4_twice
    assert all(np.array_equal(x, y) for x, y in zip(decoded_frames(a), decoded_frames(b), strict=True))
    assert np.array_equal(decoded_samples(a), decoded_samples(b))
    assert a.read_bytes() == b.read_bytes()


def test_a_gif_has_every_frame(tmp_path: Path) -> None:
    show = tiny_show(speeds="0.46")
    out = render_video(show, tmp_path / "one.gif", RenderOptions(96, 54, 5))
    assert out.read_bytes()[:6] == b"GIF89a"
    assert len(decoded_frames(out)) == frame_count(show, 5)


def test_frames_are_written_as_pngs_into_a_new_folder(tmp_path: Path) -> None:
    show = tiny_show(speeds="0.46")
    folder = render_frames(show, tmp_path / "frames", RenderOptions(64, 36, 2))
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"frame-{i:05d}.png" for i in range(frame_count(show, 2))]
    assert (folder / names[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(SettingError, match="already exists"):
        render_frames(show, folder, RenderOptions(64, 36, 2))


class Interrupt:
    """A progress callback that presses Ctrl-C after `at` frames."""

    def __init__(self, at: int) -> None:
        self.at = at

    def __call__(self, done: int, total: int) -> None:
        if done >= self.at:
            raise KeyboardInterrupt


@pytest.mark.parametrize("name", ["cut.mp4", "cut.gif"])
def test_an_interrupted_render_leaves_nothing_behind(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    with pytest.raises(KeyboardInterrupt):
        render_video(tiny_show(), out, SMALL, progress=Interrupt(20))
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_render_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "keep.mp4"
    out.write_bytes(b"the earlier take")
    with pytest.raises(KeyboardInterrupt):
        render_video(tiny_show(), out, SMALL, progress=Interrupt(5))
    assert out.read_bytes() == b"the earlier take"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.mp4"]


def test_an_encoder_failure_is_reported_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = list(encode_module.X264)
    broken[broken.index("-crf") + 1] = "not-a-number"
    monkeypatch.setattr(encode_module, "X264", broken)
    with pytest.raises(EncoderError, match="encoder stopped"):
        render_video(tiny_show(), tmp_path / "bad.mp4", SMALL)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "words"), [("x.avi", "must end in .mp4 or .gif"), ("nowhere/x.mp4", "does not exist")]
)
def test_bad_output_names_are_refused_before_any_work(tmp_path: Path, name: str, words: str) -> None:
    with pytest.raises(SettingError, match=words):
        render_video(tiny_show(), tmp_path / name, SMALL)
