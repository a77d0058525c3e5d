"""foggyhill: see, hear and program gradient descent."""

from .core import Landscape, Run, Verdict, descend, get_landscape

__version__ = "0.1.0"

__all__ = ["Landscape", "Run", "Verdict", "__version__", "descend", "get_landscape"]
