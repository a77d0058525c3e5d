"""The notebook layer needs the notebook extra; without it these tests are skipped, saying how to install it."""

import pytest

pytest.importorskip("anywidget", reason="the notebook extra is not installed: pip install -e '.[notebook]'")
