"""The soundtrack: one synthesized tone per step at the sample the step begins, 44.1 kHz, 16-bit mono."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from ..timeline import SAMPLE_RATE, Timeline, envelope_at
from ..timeline.surface import SurfaceTimeline

OVERTONE = 0.18  # a little of the octave above makes the sine less glassy without moving its pitch


def sample_count(timeline: Timeline | SurfaceTimeline, rate: int = SAMPLE_RATE) -> int:
    """How many samples the soundtrack has: exactly the timeline's length."""
    return round(timeline.total * rate)


def tone_start(start: float, rate: int = SAMPLE_RATE) -> int:
    """The sample a tone that starts at `start` seconds begins on."""
    return round(start * rate)


def soundtrack(timeline: Timeline | SurfaceTimeline, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Every tone of the timeline mixed into one int16 track as long as the show."""
    mix = np.zeros(sample_count(timeline, rate), dtype=np.float64)
    envelope = timeline.pitch.envelope
    length = round(envelope.duration * rate)
    t = np.arange(length) / rate
    shape = envelope_at(envelope, t)
    for tone in timeline.tones:
        first = tone_start(tone.start, rate)
        if first >= mix.size:
            continue
        phase = 2 * np.pi * tone.frequency * t
        wave_ = (np.sin(phase) + OVERTONE * np.sin(2 * phase)) / (1 + OVERTONE) * shape
        part = wave_[: mix.size - first]
        mix[first : first + part.size] += part
    return np.round(np.clip(mix, -1.0, 1.0) * 32767).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """Write mono 16-bit samples as a WAV file."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())
