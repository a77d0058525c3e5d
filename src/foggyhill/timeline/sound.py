"""Loss → pitch, defined once: higher loss, higher note on a two-octave pentatonic scale; the tone's envelope."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core import Landscape

SAMPLE_RATE = 44_100
PENTATONIC = (0, 2, 4, 7, 9)  # major pentatonic: no two notes clash, whatever the loss does
OCTAVES = 2
BASE_HZ = 220.0  # A3: the lowest loss sounds here


@dataclass(frozen=True)
class Envelope:
    """A tone's shape: a raised-cosine attack and release (no clicks), a flat middle, a peak gain."""

    duration: float = 0.22
    attack: float = 0.012
    release: float = 0.09
    gain: float = 0.3

    def to_dict(self) -> dict[str, float]:
        """The envelope as JSON-ready data."""
        return {"duration": self.duration, "attack": self.attack, "release": self.release, "gain": self.gain}


@dataclass(frozen=True)
class PitchMapping:
    """Loss in [low, high] spread over the scale's notes; a loss outside the range sounds the nearest end note."""

    low: float
    high: float
    base_hz: float = BASE_HZ
    semitones: tuple[int, ...] = tuple(o * 12 + s for o in range(OCTAVES) for s in PENTATONIC) + (12 * OCTAVES,)
    envelope: Envelope = Envelope()
    sample_rate: int = SAMPLE_RATE

    def note(self, loss: float) -> int:
        """The index of the scale note for this loss (0 is the lowest)."""
        span = self.high - self.low
        share = 0.0 if not span > 0 else (loss - self.low) / span
        share = 1.0 if not math.isfinite(share) and loss > self.low else share
        share = min(1.0, max(0.0, share if math.isfinite(share) else 0.0))
        return int(math.floor(share * (len(self.semitones) - 1) + 0.5))

    def frequency(self, loss: float) -> float:
        """The pitch in hertz for this loss."""
        return self.base_hz * 2.0 ** (self.semitones[self.note(loss)] / 12.0)

    def to_dict(self) -> dict[str, object]:
        """The mapping as JSON-ready data, so the browser sounds the same notes."""
        return {
            "low": self.low,
            "high": self.high,
            "base_hz": self.base_hz,
            "semitones": list(self.semitones),
            "envelope": self.envelope.to_dict(),
            "sample_rate": self.sample_rate,
            "rule": "note = round(clamp((loss - low) / (high - low), 0, 1) * (len(semitones) - 1)); "
            "hz = base_hz * 2^(semitones[note] / 12)",
        }


def mapping_for(landscape: Landscape, envelope: Envelope | None = None) -> PitchMapping:
    """The mapping for a landscape: the lowest and highest loss on its visible window."""
    lo, hi = landscape.window
    with np.errstate(all="ignore"):
        losses = np.asarray(landscape.loss(np.linspace(lo, hi, 801)), dtype=np.float64)
    losses = losses[np.isfinite(losses)]
    low, high = (float(losses.min()), float(losses.max())) if losses.size else (0.0, 1.0)
    return PitchMapping(low, high, envelope=envelope or Envelope())


def envelope_at(envelope: Envelope, t: np.ndarray) -> np.ndarray:
    """The envelope's gain at times t (seconds since the tone began); zero outside the tone."""
    rise = 0.5 - 0.5 * np.cos(np.pi * np.clip(t / envelope.attack, 0.0, 1.0))
    fall = 0.5 - 0.5 * np.cos(np.pi * np.clip((envelope.duration - t) / envelope.release, 0.0, 1.0))
    inside = (t >= 0) & (t <= envelope.duration)
    return np.where(inside, envelope.gain * rise * fall, 0.0)
