"""The test tree itself: pytest imports test files by their bare names, so two folders must not share one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_two_test_files_share_a_name() -> None:
    # Folders with an __init__.py are packages, whose files are imported by their dotted names instead.
    loose = [p.name for p in TESTS.rglob("test_*.py") if not (p.parent / "__init__.py").exists()]
    shared = sorted(name for name, count in Counter(loose).items() if count > 1)
    assert shared == [], f"rename one of each: {shared} (pytest stops the whole run on a clash)"
