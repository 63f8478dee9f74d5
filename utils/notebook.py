"""What every notebook's first cell calls: quiet TensorFlow, seeds, and a status line.

The setup cell itself (the same in every notebook, written by
``tools/sync_notebooks.py``) finds the repository, or clones it in Colab, puts
it on ``sys.path`` and calls :func:`setup`.
"""

from __future__ import annotations

import importlib.metadata
import os
import random
import subprocess
import sys
import warnings
from pathlib import Path

from . import course, data, profile

# Packages a notebook imports at run time; Colab has most of them already.
RUNTIME_PACKAGES = ("tensorflow", "keras", "numpy", "pandas", "matplotlib", "pooch", "tqdm")
STRICT_WARNINGS_ENV = "COURSE_STRICT_WARNINGS"


def in_colab() -> bool:
    """True when running inside Google Colab."""
    return "google.colab" in sys.modules


def pinned_requirements(path: Path | None = None) -> dict[str, str]:
    """``{package: "package==version"}`` from the repository's ``requirements.txt``."""
    path = path or course.ROOT / "requirements.txt"
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            pins[line.split("==", 1)[0].strip().lower()] = line
    return pins


def missing_packages(names=RUNTIME_PACKAGES) -> list[str]:
    """Those of ``names`` that are not installed."""
    missing = []
    for name in names:
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    return missing


def install_missing(names=RUNTIME_PACKAGES) -> list[str]:
    """pip-install the pinned version of each missing package; return what was installed.

    Used in Colab, which ships TensorFlow, Keras, NumPy, pandas and matplotlib:
    its own versions are kept (replacing TensorFlow would need a restart), and
    only what is absent is installed.
    """
    pins = pinned_requirements()
    missing = [pins.get(name, name) for name in missing_packages(names)]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)
    return missing


def _import_tensorflow_quietly():
    """Import TensorFlow with its C++ start-up log lines kept out of cell output.

    Those lines ("oneDNN custom operations are on", "Could not find cuda
    drivers") are written straight to file descriptor 2 during the import, which
    Jupyter shows as red text; ``TF_CPP_MIN_LOG_LEVEL`` silences the later ones.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            import tensorflow
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    return tensorflow


def set_seed(seed: int = 42) -> None:
    """Seed Python's ``random``, NumPy and TensorFlow, and make TensorFlow ops deterministic.

    With the same seed a notebook trains to the same weights on every run of
    the same machine.
    """
    tf = _import_tensorflow_quietly()
    import keras

    random.seed(seed)
    keras.utils.set_random_seed(seed)  # also seeds NumPy's global generator
    tf.config.experimental.enable_op_determinism()


def _strict_warnings() -> None:
    """Turn deprecation warnings from notebook code, ``utils`` and Keras into errors.

    Switched on by ``$COURSE_STRICT_WARNINGS`` (``make test`` sets it), so a
    notebook that uses a deprecated API fails its test instead of showing a
    warning to learners.
    """
    ours = r"(__main__|utils|keras|tensorflow)"
    for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
        warnings.filterwarnings("error", category=category, module=ours)
    warnings.filterwarnings("error", message=r".*deprecat", module=ours)


def describe_device() -> str:
    """What TensorFlow computes on: ``"GPU: <names>"`` for the visible GPUs, else ``"CPU"``.

    The one description of the device: the setup line prints it and
    ``utils.record_results`` stores it with the numbers.
    """
    tf = _import_tensorflow_quietly()
    names = []
    for gpu in tf.config.list_physical_devices("GPU"):
        try:
            details = tf.config.experimental.get_device_details(gpu)
            names.append(details.get("device_name", gpu.name))
        except (ValueError, RuntimeError):
            names.append(gpu.name)
    return "GPU: " + ", ".join(names) if names else "CPU"


def setup(seed: int | None = None) -> profile.Profile:
    """Prepare a notebook: install what Colab lacks, import TensorFlow quietly, seed, report.

    The seed is ``seed`` if given, else ``$COURSE_SEED`` (default 42); the
    returned profile carries it as ``P.seed`` for the notebook's models. Prints
    one line with the profile, the TensorFlow and Keras versions, the device,
    the seed and where data comes from; returns the current profile (see
    :mod:`utils.profile`). Raises ``ValueError`` for an unknown
    ``$COURSE_PROFILE`` or a ``$COURSE_SEED`` that is not a non-negative integer.
    """
    current = profile.current()
    if seed is not None:
        current = profile.Profile(current.name, seed)
    seed = current.seed
    if in_colab():
        install_missing()
    if os.environ.get(STRICT_WARNINGS_ENV, "").strip() not in ("", "0"):
        _strict_warnings()
    tf = _import_tensorflow_quietly()
    import keras

    set_seed(seed)
    mirror = data.mirror_dir()
    source = f"${data.DATA_DIR_ENV}={mirror}" if mirror else f"{data.cache_dir()} (downloads)"
    print(f"profile: {current.name} | TensorFlow {tf.__version__} | Keras {keras.__version__} | "
          f"{describe_device()}, {os.cpu_count()} CPU cores | seed {seed} | data: {source}")
    return current
