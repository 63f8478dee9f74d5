"""utils.notebook, utils.course and utils.plots."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import utils  # noqa: E402
from utils import course, notebook, plots  # noqa: E402


def test_pinned_requirements_are_exact():
    pins = notebook.pinned_requirements()
    for name in ("tensorflow", "keras", "numpy", "pandas", "matplotlib", "jupyterlab",
                 "ipykernel", "nbval", "pytest"):
        assert pins[name].startswith(f"{name}==")
    assert pins["tensorflow"] == "tensorflow==2.21.0"


def test_nothing_missing_here():
    assert notebook.missing_packages() == []
    assert notebook.install_missing() == []
    assert notebook.missing_packages(["no-such-package-xyz"]) == ["no-such-package-xyz"]


def test_set_seed_is_reproducible():
    import keras

    notebook.set_seed(7)
    first = (np.random.rand(3), keras.random.normal((3,)).numpy())
    notebook.set_seed(7)
    second = (np.random.rand(3), keras.random.normal((3,)).numpy())
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


def test_setup_reports_and_returns_the_profile(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    assert utils.setup(seed=1).quick
    line = capsys.readouterr().out
    assert "profile: quick" in line and "TensorFlow 2.21" in line and "CPU" in line
    assert "seed 1" in line


def test_setup_takes_the_seed_from_course_seed(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    monkeypatch.setenv("COURSE_SEED", "7")
    assert utils.setup().seed == 7
    assert "seed 7" in capsys.readouterr().out
    monkeypatch.setenv("COURSE_SEED", "abc")
    with pytest.raises(ValueError, match="COURSE_SEED"):
        utils.setup()


def test_setup_rejects_an_unknown_profile(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "slow")
    with pytest.raises(ValueError, match="'full'"):
        utils.setup()


def test_colab_badge_points_at_the_notebook():
    badge = course.colab_badge("01_sequential_data.ipynb")
    assert f"github/{course.github_slug()}/blob/main/notebooks/01_sequential_data.ipynb" in badge


def test_plot_history():
    history = {"loss": [1.0, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.8]}
    fig, axes = plots.plot_history(history, metrics=("loss", "accuracy"))
    assert len(axes) == 2 and len(axes[0].lines) == 2 and len(axes[1].lines) == 1
    with pytest.raises(KeyError, match="val_loss"):
        plots.plot_history(history, metrics=("mae",))
