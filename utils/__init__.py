"""The course's helper package: data, profiles, notebook set-up, plots, diagrams and results.

``import utils`` is cheap: TensorFlow is imported only by the functions that
need it (``utils.setup``, ``utils.set_seed``, the Keras-backed loaders), and
matplotlib only by the functions that draw.
"""

from . import course, data, datasets, diagrams, plots, profile, results
from .notebook import set_seed, setup
from .results import record_results

__all__ = ["course", "data", "datasets", "diagrams", "plots", "profile", "record_results",
           "results", "set_seed", "setup"]
