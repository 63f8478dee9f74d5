"""The course's helper package: data, profiles, notebook set-up, training progress, plots,
claims and results. (The lessons' diagrams are drawn by ``tools/diagrams.py`` for ``make
sync``; the notebooks show them as images.)

``import utils`` is cheap: TensorFlow is imported only by the functions that
need it (``utils.setup``, ``utils.set_seed``, ``utils.progress``, the
Keras-backed loaders), and matplotlib only by the functions that draw.
"""

from . import claims, course, data, datasets, plots, profile, results, training
from .notebook import set_seed, setup
from .results import record_results, slow_cell
from .training import progress

__all__ = ["claims", "course", "data", "datasets", "plots", "profile", "progress",
           "record_results", "results", "set_seed", "setup", "slow_cell", "training"]
