"""The whole suite's setting: Studio's machine-wide run places in a folder of this test session's own, and English.

The places are shared by every server process of a user (web/slots.py); a suite running beside a teacher's server,
or beside another suite, must not find them taken.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("FOGGYHILL_SLOTS", tempfile.mkdtemp(prefix="foggyhill-slots-"))

# The tests read English unless they ask for another language, whatever the machine's LANG says (a Spanish
# machine would otherwise answer every test in Spanish); the servers the tests start inherit it.
os.environ["LANGUAGE"] = "en"
os.environ.pop("FOGGYHILL_LANG", None)
