"""Facts about the course repository, kept in one place: where it lives, which notebooks it has.

``REPO_URL`` is where Colab clones the course from. Every notebook's setup cell
and Colab badge carry a copy, written by ``python tools/sync_notebooks.py`` and
checked by ``tests/test_notebooks.py``; change it here and re-run that tool.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
REPO_URL = "https://github.com/rnn-keras-course/rnn-keras-course"
BRANCH = "main"
# In Colab the setup cell clones the repository into this folder of the working
# directory, which Colab starts in /content: /content/rnn-keras-course.
COLAB_FOLDER = "rnn-keras-course"


def github_slug() -> str:
    """``owner/name`` of :data:`REPO_URL`."""
    return REPO_URL.removeprefix("https://github.com/").removesuffix(".git")


def colab_url(notebook: str) -> str:
    """The Colab address that opens ``notebooks/<notebook>`` from GitHub."""
    return f"https://colab.research.google.com/github/{github_slug()}/blob/{BRANCH}/notebooks/{notebook}"


def colab_badge(notebook: str) -> str:
    """The Markdown "Open in Colab" badge for ``notebooks/<notebook>``."""
    return (f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
            f"({colab_url(notebook)})")


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The course notebooks, ``notebooks/NN_*.ipynb``, in order (as ``pathlib.Path``).

    The one place that says which files are the course's notebooks: the tools,
    the tests and the Makefile all use it.
    """
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))



# Notebooks that train recurrent models on real data: their Colab metadata asks for a
# GPU runtime ("accelerator": "GPU"), written by tools/sync_notebooks.py.
GPU_NOTEBOOKS = ("04", "06", "08", "09", "10", "11")
