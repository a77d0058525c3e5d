"""The bundled lemonade data as numbers in core (core reads no files); a test holds it equal to nn/data/lemonade.csv."""

from __future__ import annotations

# (temperature in °C, cups sold) for each of the 30 days of src/foggyhill/nn/data/lemonade.csv, in its order.
LEMONADE: tuple[tuple[float, float], ...] = (
    (25.3, 70), (34.9, 122), (17.2, 32), (34.9, 107), (20.9, 66), (23.3, 67), (32.2, 103), (23, 59), (26.1, 65),
    (14.6, 29), (30.6, 93), (25.8, 66), (21.3, 51), (31.3, 95), (20.7, 47), (24, 65), (16.9, 38), (22.9, 62),
    (18.5, 41), (19.8, 53), (30.5, 97), (20.2, 53), (24.7, 64), (35.6, 117), (35.2, 108), (29.9, 95), (25.9, 67),
    (20.1, 56), (17.5, 40), (35.3, 104),
)  # fmt: skip
