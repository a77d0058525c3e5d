"""The soundtrack: each step's tone at its sample, at the pitch the loss mapping gives, with no clicks."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
from render_helpers import tiny_show

from foggyhill.render import render_audio, sample_count, soundtrack, tone_start
from foggyhill.timeline import SAMPLE_RATE


def _pitch(window: np.ndarray) -> float:
    """The strongest frequency in a window (Hann-windowed, zero-padded FFT, parabolic peak)."""
    size = 1 << 16
    spectrum = np.abs(np.fft.rfft(window * np.hanning(window.size), size))
    k = int(np.argmax(spectrum[1:])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2] + 1e-12)
    shift = 0.5 * (a - c) / (a - 2 * b + c)
    return (k + shift) * SAMPLE_RATE / size


def test_every_tone_sounds_the_pitch_of_its_loss(tmp_path: Path) -> None:
    show = tiny_show()
    out = render_audio(show, tmp_path / "sound.wav")
    with wave.open(str(out)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44100)
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float64)
    length = round(show.pitch.envelope.duration * SAMPLE_RATE)
    assert len(show.tones) == 9
    heard = set()
    for tone in show.tones:
        first = tone_start(tone.start)
        window = samples[first : first + length]
        found = _pitch(window)
        assert abs(found - show.pitch.frequency(tone.loss)) < 1.0, (tone, found)
        heard.add(round(tone.frequency))
    assert len(heard) >= 3  # the runs' losses differ, and so do their notes


def test_the_track_is_exactly_as_long_as_the_show_and_silent_between_tones() -> None:
    show = tiny_show()
    track = soundtrack(show)
    assert track.dtype == np.int16 and track.size == sample_count(show) == round(show.total * 44100)
    first = tone_start(show.tones[0].start)
    assert first == round(show.runs[0].steps[0].moves_at * 44100)
    assert not track[:first].any()  # nothing before the first step moves
    assert track[first + 1 : first + 40].any()  # and sound from that very sample on
    assert abs(int(track[first])) <= 1  # each tone fades in from silence: no click


def test_same_settings_same_samples() -> None:
    assert np.array_equal(soundtrack(tiny_show()), soundtrack(tiny_show()))
