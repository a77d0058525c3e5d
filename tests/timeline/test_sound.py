"""Loss → pitch: higher loss, higher note, on a two-octave pentatonic scale; a click-free envelope."""

from __future__ import annotations

import numpy as np
import pytest

from foggyhill.core import get_landscape
from foggyhill.timeline import Envelope, envelope_at, mapping_for


def test_higher_loss_never_sounds_lower() -> None:
    mapping = mapping_for(get_landscape("tilted-double-well"))
    losses = np.linspace(mapping.low - 1, mapping.high + 1, 500)
    pitches = [mapping.frequency(v) for v in losses]
    assert pitches == sorted(pitches)
    assert mapping.frequency(mapping.low) == 220.0
    assert mapping.frequency(mapping.high) == pytest.approx(880.0)
    assert mapping.frequency(1e300) == pytest.approx(880.0) and mapping.frequency(float("inf")) == pytest.approx(880.0)
    assert len({round(p, 6) for p in pitches}) == 11


def test_every_note_is_on_the_pentatonic_scale() -> None:
    mapping = mapping_for(get_landscape("wavy"))
    allowed = {0, 2, 4, 7, 9}
    for loss in np.linspace(mapping.low, mapping.high, 50):
        semitone = round(12 * np.log2(mapping.frequency(float(loss)) / mapping.base_hz))
        assert semitone % 12 in allowed


def test_the_envelope_starts_and_ends_silent() -> None:
    env = Envelope()
    t = np.linspace(-0.01, env.duration + 0.01, 5000)
    gain = envelope_at(env, t)
    assert gain[0] == 0 and gain[-1] == 0
    assert envelope_at(env, np.array([0.0, env.duration]))[0] == 0
    assert envelope_at(env, np.array([env.duration]))[0] == pytest.approx(0, abs=1e-12)
    assert gain.max() == pytest.approx(env.gain)
    assert np.abs(np.diff(gain)).max() < 0.01  # no jump anywhere: no click
