"""foggyhill in Jupyter: the simulation and the three runs as widgets, and Studio programs run in a cell.

Needs the notebook extra (`pip install -e '.[notebook]'`); `import foggyhill` alone never loads Jupyter.
"""

from .simulation import Simulation
from .table import StepTable

__all__ = ["Simulation", "StepTable"]
