"""The course's helper package: data, profiles, notebook set-up and plots.

``import utils`` is cheap: TensorFlow is imported only by the functions that
need it (``utils.setup``, ``utils.set_seed``, the Keras-backed loaders).
"""

from . import course, data, datasets, plots, profile
from .notebook import set_seed, setup

__all__ = ["course", "data", "datasets", "plots", "profile", "set_seed", "setup"]
