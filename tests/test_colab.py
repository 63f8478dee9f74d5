"""The first cell of a notebook, run as Colab runs it.

Colab opens a notebook alone, in an empty working directory (/content), with
``google.colab`` importable and no copy of the repository. The setup cell must
clone the repository, put it on ``sys.path``, install only what is missing and
leave the notebook able to import ``utils`` and load data. Here the clone comes
from a local bare repository (file://) holding the working tree as it would be
pushed, ``google.colab`` is a stand-in module, and the data come from the
offline mirror; nothing reaches the network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from utils import course

pytestmark = pytest.mark.mirror  # reads the offline data mirror

ROOT = Path(__file__).resolve().parents[1]


def _git(*args, cwd: Path) -> str:
    env = os.environ | {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@localhost",
                        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@localhost"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def bare_repository(tmp_path_factory) -> Path:
    """A bare repository holding this working tree's files (tracked and new, not ignored)."""
    tmp = tmp_path_factory.mktemp("colab-origin")
    files = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard",
                 cwd=ROOT).split("\0")
    work = tmp / "work"
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / name)
    _git("init", "-q", "-b", course.BRANCH, cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "snapshot for the Colab test", cwd=work)
    bare = tmp / "rnn-keras-course.git"
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp)
    return bare


def _setup_cell(notebook: str) -> str:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return "".join(next(c for c in cells if c["cell_type"] == "code")["source"])


def _profile_and_setup(notebook: str, profile: str | None = None) -> str:
    """The setup cell as a learner runs it, with ``PROFILE`` set to ``profile`` as a learner
    would set it (in Colab, with the form's drop-down)."""
    cell = _setup_cell(notebook)
    if profile is not None:
        cell = cell.replace('PROFILE = "full"', f"PROFILE = {profile!r}", 1)
    return cell


# What the test runs in the Colab stand-in: the notebook's setup cell, then what
# the notebook's next cells need: utils importable from the clone, data loaded.
COLAB_SCRIPT = """
import json, os, sys
import google.colab                      # the stand-in: Colab's module is importable
exec(compile(SETUP, "<setup cell>", "exec"))
from utils import datasets, notebook
alice = datasets.load_alice()
x_train, y_train = datasets.load_reuters(num_words=1000)[0]
print(json.dumps({"root": str(ROOT), "utils": utils.__file__, "cwd": os.getcwd(),
                  "in_colab": notebook.in_colab(), "profile": P.name,
                  "alice_chars": len(alice), "reuters_train": len(x_train)}))
"""


def _run_in_colab(cell: str, content: Path, fake: Path, bare: Path,
                  profile_env: str | None = "quick", expect_failure: bool = False) -> dict | str:
    env = os.environ | {
        "PYTHONPATH": str(fake),                          # google.colab, and not this repository
        "COURSE_REPO_URL": bare.as_uri(),                 # file://: a real clone, from a local copy
        "COURSE_PROFILE": profile_env or "",
    }
    if profile_env is None:                               # Colab sets no COURSE_PROFILE
        env.pop("COURSE_PROFILE")
    # downloads land in the clone's data/, as in Colab
    env.pop("COURSE_CACHE_DIR", None)
    result = subprocess.run([sys.executable, "-c", f"SETUP = {cell!r}\n{COLAB_SCRIPT}"],
                            cwd=content, env=env, capture_output=True, text=True, timeout=600)
    if expect_failure:
        assert result.returncode != 0, "the setup cell should have stopped"
        return result.stderr
    assert result.returncode == 0, \
        f"the setup cell failed as Colab would run it:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def _colab(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in google.colab module and Colab's empty working directory."""
    fake = tmp_path / "fake"
    (fake / "google" / "colab").mkdir(parents=True)
    # no google/__init__.py: "google" stays a namespace package, protobuf still imports
    (fake / "google" / "colab" / "__init__.py").write_text('"""Stand-in for Colab\'s module."""\n')
    content = tmp_path / "content"                        # Colab's empty working directory
    content.mkdir()
    return fake, content


def test_setup_cell_clones_and_loads_data_as_colab_would(tmp_path, bare_repository):
    fake, content = _colab(tmp_path)
    cell = _setup_cell("09_reuters_topics.ipynb")

    first = _run_in_colab(cell, content, fake, bare_repository)
    clone = content / course.COLAB_FOLDER
    assert first["root"] == str(clone) and first["utils"].startswith(str(clone)), first
    assert first["in_colab"] and first["profile"] == "quick"
    assert first["alice_chars"] > 140_000 and first["reuters_train"] == 8_982
    assert (clone / "notebooks" / "09_reuters_topics.ipynb").is_file()
    assert _git("remote", "get-url", "origin", cwd=clone).strip() == bare_repository.as_uri()

    # Running the cell again (Colab's "Run all" twice) reuses the clone.
    marker = clone / "utils" / "course.py"
    before = marker.stat().st_mtime_ns
    again = _run_in_colab(cell, content, fake, bare_repository)
    assert again["root"] == first["root"] and marker.stat().st_mtime_ns == before

    # An interrupted clone (the folder there, some of its files not): the cell clones it
    # again instead of failing on "import utils" or loading half a package.
    for lost in (clone / "utils" / "registry.toml", clone / "utils"):
        shutil.rmtree(lost) if lost.is_dir() else lost.unlink()
        repaired = _run_in_colab(cell, content, fake, bare_repository)
        assert repaired["root"] == first["root"] and marker.is_file()
        assert (clone / "utils" / "registry.toml").is_file()
        assert not clone.with_name(clone.name + ".partial").exists()


def test_the_profile_switch_needs_no_environment_variable(tmp_path, bare_repository):
    """In Colab there is no shell: PROFILE in the setup cell (the form's drop-down) decides,
    "full" by default; an unknown value stops with the error that names the two."""
    fake, content = _colab(tmp_path)
    notebook = "06_text_generation.ipynb"
    chosen = _run_in_colab(_profile_and_setup(notebook, "quick"), content, fake, bare_repository,
                           profile_env=None)
    assert chosen["profile"] == "quick"
    default = _run_in_colab(_setup_cell(notebook), content, fake, bare_repository,
                            profile_env=None)
    assert default["profile"] == "full"
    error = _run_in_colab(_profile_and_setup(notebook, "fast"), content, fake, bare_repository,
                          profile_env=None, expect_failure=True)
    assert "unknown course profile 'fast'" in error and "PROFILE in the setup cell" in error


def test_every_setup_cell_and_badge_use_the_one_repository_url():
    """The address lives in utils/course.py; the setup cells, the notebooks' badges and the
    README's badges carry generated copies, and all must agree."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge_url = re.compile(r"colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/")
    for path in course.notebooks():
        setup = re.search(r'"COURSE_REPO_URL", "https://github\.com/([^"]+)"',
                          _setup_cell(path.name))
        assert setup and setup.group(1) == course.github_slug(), path.name
        title = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
        assert badge_url.findall(title) == [setup.group(1)], \
            f"{path.name}: the title's Colab badge and the setup cell name other repositories"
        assert course.colab_badge(path.name) in title
        assert course.colab_badge(path.name) in readme, \
            f"README lacks the Colab badge of {path.name}"
    assert set(badge_url.findall(readme)) == {course.github_slug()}
