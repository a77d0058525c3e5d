"""foggyhill in Jupyter: the simulation (on a curve or a surface) and the three runs as widgets, and the cell viewer
for Studio programs.

Needs the notebook extra (`pip install -e '.[notebook]'`); `import foggyhill` alone never loads Jupyter.
`foggyhill.studio.run(source)` runs a Studio program; inside a kernel it shows it with `studio_cell.CellOutput`.
`%load_ext foggyhill` adds the `%%studio` cell magic: the cell is the program.
"""

from .magic import load_ipython_extension
from .simulation import Simulation
from .surface_simulation import SurfaceSimulation
from .table import StepTable
from .three_runs import ThreeRuns

__all__ = ["Simulation", "StepTable", "SurfaceSimulation", "ThreeRuns", "load_ipython_extension"]
