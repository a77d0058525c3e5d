"""`import foggyhill` never loads Jupyter; the notebook names load it on first use."""

from __future__ import annotations

import subprocess
import sys

JUPYTER = ("anywidget", "ipywidgets", "ipykernel", "IPython", "jupyter_client", "traitlets")


def loaded_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {JUPYTER!r})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    return out.stdout.split()


def test_import_foggyhill_stays_light() -> None:
    assert loaded_after("import foggyhill\nfrom foggyhill import *\nfoggyhill.descend(speed=0.1)") == []


def test_the_notebook_names_load_on_first_use() -> None:
    loaded = loaded_after("import foggyhill\nassert foggyhill.Simulation.__name__ == 'Simulation'")
    assert "anywidget" in loaded


def test_the_notebook_does_not_load_the_web_server() -> None:
    probe = (
        "import sys\nimport foggyhill.notebook\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'fastapi', 'starlette', 'uvicorn'})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == []
