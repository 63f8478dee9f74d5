"""tools/colab_env.py and the Colab version sets in constraints/: what make test-colab installs,
and the supported range utils.setup() warns about."""

from __future__ import annotations

import pytest

from tools import colab_env
from utils import notebook


def test_todays_colab_set_and_the_oldest_supported_set_pin_what_notebooks_import():
    for name in ("colab", "colab-2026-01"):
        pins, python = colab_env.read_set(name)
        names = {p.split("==")[0] for p in pins}
        assert names == {"tensorflow", "keras", "numpy", "pandas", "matplotlib", "tqdm", "pooch"}
        assert python in ("3.12", "3.13")


def test_the_oldest_set_is_what_utils_setup_calls_the_oldest_supported():
    pins = dict(p.split("==") for p in colab_env.read_set("colab-2026-01")[0])
    assert {k: pins[k] for k in notebook.OLDEST_SUPPORTED} == notebook.OLDEST_SUPPORTED
    assert notebook.version_warnings(pins) == []


def test_requirements_add_only_the_test_tools_at_their_pins():
    lines = colab_env.requirements(["tensorflow==2.20.0"])
    assert lines[0] == "tensorflow==2.20.0"
    pins = notebook.pinned_requirements()
    assert lines[1:] == [pins[t] for t in colab_env.TEST_TOOLS]
    assert not any(line.startswith(("jupyterlab", "ruff", "playwright")) for line in lines)


def test_an_unknown_set_names_the_known_ones():
    with pytest.raises(SystemExit,
                       match=r"no version set 'colab-1999'.*there are colab, colab-2026-01"):
        colab_env.read_set("colab-1999")


def test_find_python_falls_back_to_this_one():
    python, how = colab_env.find_python("9.99")
    assert python and "not on this machine" in how


def test_version_warnings_name_the_package_and_the_supported_range():
    found = notebook.version_warnings({"tensorflow": "2.18.1", "keras": "3.10.0",
                                       "numpy": "1.26.4", "pandas": "3.1.1"})
    assert len(found) == 2
    assert found[0].startswith("warning: tensorflow 2.18.1 is older than this course supports "
                               "(tensorflow 2.19.0 to 2.21.0, both tested)")
    assert "numpy 2.0.2 to" in found[1]
    assert notebook.version_warnings({"keras": "3.10"}) == []
    assert notebook.version_warnings({"keras": "2.15.0"})[0].startswith("warning: keras 2.15.0")
