"""Facts about the course repository, kept in one place: where it lives, which notebooks it
has (the manifest ``course.toml``: number, file, titles, topics, data sets, GPU runtime).

``REPO_URL`` is where Colab clones the course from. Every notebook's setup cell
and Colab badge carry a copy, written by ``python -m tools.sync_notebooks`` (``make sync``) and
checked by ``tests/test_notebooks.py``; change it here and re-run that tool.
"""

import tomllib
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course manifest, ``course.toml``."""

    number: str
    file: str
    title: str
    title_ko: str
    topics: str
    data: tuple[str, ...] = ()
    other_data: str = ""
    gpu: bool = False

    @property
    def heading(self) -> str:
        """The title cell's first line: ``# 10 · Forecasting the Jena weather (예나 ...)``."""
        return f"# {self.number} · {self.title} ({self.title_ko})"


def _load_manifest(path: Path) -> dict[str, Notebook]:
    with open(path, "rb") as f:
        entries = tomllib.load(f)["notebook"]
    manifest = {}
    for entry in entries:
        item = Notebook(**{**entry, "data": tuple(entry.get("data", ()))})
        if not (len(item.number) == 2 and item.number.isdigit()
                and item.file.startswith(item.number + "_") and item.file.endswith(".ipynb")):
            raise ValueError(f"course.toml: notebook {item.number!r} has the file {item.file!r}; "
                             "a file is NN_name.ipynb with its two-digit number NN")
        if item.number in manifest:
            raise ValueError(f"course.toml: notebook {item.number} is listed twice")
        manifest[item.number] = item
    return dict(sorted(manifest.items()))


MANIFEST_FILE = ROOT / "course.toml"
# The course's notebooks by number: the one list of their facts (course.toml).
MANIFEST: dict[str, Notebook] = _load_manifest(MANIFEST_FILE)


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The course notebooks, ``notebooks/NN_*.ipynb``, in order (as ``pathlib.Path``), as the
    manifest lists them: the tools, the tests and the Makefile all use it. For another
    ``folder`` (the tools' tests run small notebooks of their own), its ``NN_*.ipynb``."""
    if Path(folder).resolve() != NOTEBOOKS.resolve():
        return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))
    return [NOTEBOOKS / item.file for item in MANIFEST.values()]


def notebook(number: str) -> Notebook:
    """The manifest's entry for notebook ``number`` (``"08"``); ``ValueError`` if none."""
    if number not in MANIFEST:
        raise ValueError(f"no notebook {number!r} in course.toml; the course has "
                         f"{', '.join(MANIFEST)}")
    return MANIFEST[number]


# Notebooks that train recurrent models on real data: their Colab metadata asks for a
# GPU runtime ("accelerator": "GPU"), written by tools/sync_notebooks.py.
GPU_NOTEBOOKS = tuple(n for n, item in MANIFEST.items() if item.gpu)


_current: str | None = None


def set_current(number: str | None) -> None:
    """Name the notebook this process runs (the setup cell does, once: ``utils.setup(...,
    notebook="10")``); ``None`` forgets it."""
    global _current
    _current = None if number is None else notebook(number).number


def current() -> str:
    """The number of the notebook this process runs, as its setup cell named it."""
    if _current is None:
        raise RuntimeError("no course notebook is running here: run the notebook's setup cell "
                           "first (it calls utils.setup(PROFILE, notebook=...))")
    return _current


def site_url() -> str:
    """The published site (GitHub Pages of :data:`REPO_URL`)."""
    owner, name = github_slug().split("/")
    return f"https://{owner}.github.io/{name}/"


def named(number: str | None) -> str:
    """The notebook a helper was told it serves: ``number`` when a call still passes it
    (``utils.slow_cell("08", "key")``, the form the executed copies of the last reference
    run ran), which must agree with the setup cell's; else the setup cell's."""
    if number is None:
        return current()
    notebook(number)
    if _current is not None and _current != number:
        raise ValueError(f"this is notebook {_current} (its setup cell says so), not {number}")
    return number
