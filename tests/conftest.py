"""The whole suite's setting: Studio's machine-wide run places in a folder of this test session's own.

The places are shared by every server process of a user (web/slots.py); a suite running beside a teacher's server,
or beside another suite, must not find them taken.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("FOGGYHILL_SLOTS", tempfile.mkdtemp(prefix="foggyhill-slots-"))
