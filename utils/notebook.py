"""What every notebook's first cell calls: quiet TensorFlow, seeds, and a status line.

The setup cell itself (the same in every notebook, written by
``tools/sync_notebooks.py``) finds the repository, or clones it in Colab, puts
it on ``sys.path`` and calls :func:`setup`.
"""

from __future__ import annotations

import importlib.metadata
import os
import random
import re
import subprocess
import sys
import warnings
from pathlib import Path

from . import course, data, profile

# Packages a notebook imports at run time; Colab has most of them already.
RUNTIME_PACKAGES = ("tensorflow", "keras", "numpy", "pandas", "matplotlib", "pooch", "tqdm")
STRICT_WARNINGS_ENV = "COURSE_STRICT_WARNINGS"
# The oldest releases the course supports: Colab's runtime of January 2026
# (constraints/colab-2026-01.txt, tested by `make test-colab COLAB=colab-2026-01`).
# The newest tested are the pins of requirements.txt. tests/test_colab_env.py
# checks that this table and those files agree.
OLDEST_SUPPORTED = {"tensorflow": "2.19.0", "keras": "3.10.0", "numpy": "2.0.2",
                    "pandas": "2.2.2"}


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


def _release(version: str) -> tuple[int, ...]:
    """``"2.19.0rc1"`` -> ``(2, 19, 0)``: the numeric release, for comparisons."""
    parts = []
    for piece in version.split(".")[:3]:
        digits = re.match(r"\d+", piece)
        if not digits:
            break
        parts.append(int(digits.group()))
    return tuple(parts + [0] * (3 - len(parts)))


def version_warnings(installed: dict[str, str] | None = None) -> list[str]:
    """A warning for each package older than the course supports, naming the supported range.

    ``installed``: ``{package: version}``, by default what is installed now.
    The range runs from :data:`OLDEST_SUPPORTED` to the pins of requirements.txt.
    """
    pins = pinned_requirements()
    warnings_ = []
    for name, oldest in OLDEST_SUPPORTED.items():
        if installed is not None:
            version = installed.get(name)
        else:
            try:
                version = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                version = None
        if version is None or _release(version) >= _release(oldest):
            continue
        newest = pins.get(name, "").split("==")[-1] or "the pinned release"
        warnings_.append(
            f"warning: {name} {version} is older than this course supports "
            f"({name} {oldest} to {newest}, both tested); some cells may fail or differ: "
            f"`pip install -U '{name}>={oldest}'` and restart the runtime")
    return warnings_


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


def gpus() -> list:
    """The GPUs TensorFlow sees (an empty list on a CPU machine)."""
    tf = _import_tensorflow_quietly()
    return tf.config.list_physical_devices("GPU")


def set_seed(seed: int = 42) -> None:
    """Seed Python's ``random``, NumPy and TensorFlow, and make TensorFlow ops deterministic.

    With the same seed a notebook trains to the same weights on every run of
    the same machine. On a GPU, TensorFloat-32 is turned off as well, so that
    Keras multiplies in float32 as NumPy does (see :func:`gpu_notes`).
    """
    tf = _import_tensorflow_quietly()
    import keras

    random.seed(seed)
    keras.utils.set_random_seed(seed)  # also seeds NumPy's global generator
    tf.config.experimental.enable_op_determinism()
    if gpus():
        tf.config.experimental.enable_tensor_float_32_execution(False)


def prepare_gpus() -> None:
    """Let TensorFlow take GPU memory as it needs it rather than all at once (a second
    notebook on the same GPU then still gets some); a no-op once the GPU is in use."""
    tf = _import_tensorflow_quietly()
    for gpu in gpus():
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except RuntimeError:          # already initialised: the setup cell ran before
            pass


def gpu_notes() -> list[str]:
    """What :func:`setup` tells a learner on a GPU runtime (nothing on a CPU).

    The course was audited for GPUs op by op: every TensorFlow op the notebooks
    use has a deterministic GPU kernel (notebook 08 builds its multi-hot vectors
    in NumPy, before the model, because ``DenseBincount`` has none), so
    op determinism stays on there too.
    """
    if not gpus():
        return []
    return ["GPU: op determinism stays on, so a run repeats itself on the same GPU; its numbers "
            "still differ a little from the recorded CPU runs (other kernels, other rounding), "
            "and the checks allow for that. TensorFloat-32 is off, so Keras computes in float32 "
            "like NumPy."]


def on_gpu() -> bool:
    """True when TensorFlow computes on a GPU (for the few checks that differ there)."""
    return bool(gpus())


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


def data_source() -> str:
    """Where this run's data comes from, in words that hold on any machine (no paths)."""
    if data.mirror_dir():
        return f"the offline copy in ${data.DATA_DIR_ENV}"
    if os.environ.get(data.CACHE_DIR_ENV, "").strip():
        return f"downloaded once into ${data.CACHE_DIR_ENV}"
    return "downloaded once into the course's data/ folder"


def expected_time(number: str, profile_name: str) -> str | None:
    """This notebook's time in the reference run of ``profile_name`` (results/), for a
    learner's run; None in a ``make results`` run (it prints only what is its own)."""
    from .results import describe_run, recording, reference_run

    if recording():
        return None
    run = reference_run(profile_name) or {}
    record = next((nb for nb in run.get("notebooks", []) if nb["notebook"] == number), None)
    if not record or record.get("wall_s") is None:
        return None
    from .training import duration

    return (f"reference run of this notebook ({describe_run(run)}): {duration(record['wall_s'])} "
            "in all")


def setup(profile_name: str | None = None, seed: int | None = None, *,
          notebook: str | None = None) -> profile.Profile:
    """Prepare a notebook: install what Colab lacks, import TensorFlow quietly, seed, report.

    ``profile_name``: the setup cell's ``PROFILE`` (``"full"`` or ``"quick"``);
    ``$COURSE_PROFILE``, when set, takes precedence (see :func:`utils.profile.choose`).
    ``notebook``: the notebook's number (``"10"``), the one place it names itself;
    :func:`utils.record_results` and :func:`utils.slow_cell` read it.
    The seed is ``seed`` if given, else ``$COURSE_SEED`` (default 42); the
    returned profile carries it as ``P.seed`` for the notebook's models. Prints
    one line with the profile, the TensorFlow and Keras versions, the device,
    the seed and where data comes from, then a warning for any package older
    than the course supports and, on a GPU, what differs there; returns the
    profile, which :func:`utils.profile.current` returns from then on. Raises
    ``ValueError`` for an unknown profile or a ``$COURSE_SEED`` that is not a
    non-negative integer.
    """
    current, note = profile.choose(profile_name, seed)
    if notebook is not None:
        course.set_current(notebook)
    profile.activate(current)
    if in_colab():
        install_missing()
    if os.environ.get(STRICT_WARNINGS_ENV, "").strip() not in ("", "0"):
        _strict_warnings()
    tf = _import_tensorflow_quietly()
    import keras

    prepare_gpus()
    device = describe_device()
    set_seed(current.seed)
    print(f"profile: {current.name}{f' ({note})' if note else ''} | TensorFlow {tf.__version__} | "
          f"Keras {keras.__version__} | {device}, {os.cpu_count()} CPU cores | "
          f"seed {current.seed} | data: {data_source()}")
    expected = expected_time(notebook, current.name) if notebook else None
    for line in version_warnings() + gpu_notes() + ([expected] if expected else []):
        print(line)
    return current
