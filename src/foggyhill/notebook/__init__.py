"""foggyhill in Jupyter: the simulation and the three runs as widgets, and Studio programs run in a cell.

Needs the notebook extra (`pip install -e '.[notebook]'`); `import foggyhill` alone never loads Jupyter.
`from foggyhill.notebook import studio` then `studio.run(source)` runs a Studio program (also `foggyhill.run_studio`).
"""

from . import studio
from .simulation import Simulation
from .studio import StudioRun
from .table import StepTable
from .three_runs import ThreeRuns

run_studio = studio.run

__all__ = ["Simulation", "StepTable", "StudioRun", "ThreeRuns", "run_studio", "studio"]
