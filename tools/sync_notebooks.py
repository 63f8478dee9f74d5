"""Keep every notebook and its text pair in one form, stored without outputs.

Each ``notebooks/NN_*.ipynb`` has a pair, ``notebooks/py/NN_*.py``, in
jupytext's percent format: the same cells as plain Python, Markdown as ``#``
comment lines, one sentence per line, so that a one-word fix diffs as one
line. The ``.ipynb`` is what learners open (Colab and GitHub need it); the
``.py`` is what reviewers read.

For every notebook this writes

- the setup cell (the first code cell), from :func:`setup_cell`, with the
  repository address of ``utils/course.py``;
- the "Open in Colab" badge line of the title cell, for that notebook;
- the run times in the title cell ("full profile about 5 min, quick profile
  about 80 s"), from the measured runs in ``results/full.json`` and
  ``results/quick.json`` (``make results``), rounded;
- Markdown with one sentence per line (the rendering is unchanged);
- no outputs, no execution counts, and the standard kernel metadata;
- the ``.py`` pair.

``python -m tools.sync_notebooks`` (``make sync``) syncs both ways: where a
``.py`` is newer than its notebook and differs from it, its cells go into the
notebook (cell ids and metadata kept where the cells match); otherwise the
notebook is written to the ``.py``. ``--check`` changes nothing, reports
every file out of sync and exits 1 (the tests use it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs

from utils import course

ROOT = course.ROOT
PAIRS = course.NOTEBOOKS / "py"
SETUP_MARKER = "# Setup (the same in every notebook)"
BADGE_PREFIX = "[![Open in Colab]"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# The text pair: no notebook metadata (no jupytext version to go stale), and of
# the cell metadata only what changes what a learner sees (hidden solutions).
PAIR_FORMAT = "py:percent"
PAIR_FILTERS = {"notebook_metadata_filter": "-all", "cell_metadata_filter": "jupyter,tags,-all"}


def pair_path(notebook: Path) -> Path:
    """The ``.py`` pair of ``notebooks/NN_name.ipynb``: ``notebooks/py/NN_name.py``."""
    return notebook.parent / "py" / notebook.with_suffix(".py").name


def setup_cell() -> str:
    """The source of the setup cell, the same in every notebook."""
    return f'''{SETUP_MARKER}: find the course folder (in Colab: clone it),
# import utils, fix the seeds, print the profile, versions and device.
import os
import pathlib
import subprocess
import sys

REPO_URL = os.environ.get("COURSE_REPO_URL", "{course.REPO_URL}")
here = pathlib.Path.cwd().resolve()
ROOT = next((p for p in (here, *here.parents) if (p / "utils" / "course.py").is_file()), None)
if ROOT is None and "google.colab" in sys.modules:
    ROOT = here / "{course.COLAB_FOLDER}"  # Colab starts in /content
    if not ROOT.exists():
        subprocess.run(["git", "clone", "-q", "--depth=1", REPO_URL, str(ROOT)], check=True)
if ROOT is None:
    raise RuntimeError(
        "Cannot find the course folder: open this notebook from the repository (make lab)."
    )
sys.path.insert(0, str(ROOT))
import utils

P = utils.setup()'''


def measured_times(folder: Path = ROOT / "results") -> dict[str, dict[str, float]]:
    """``{profile: {"01": wall seconds}}`` from ``results/<profile>.json``,
    for the profiles measured."""
    times = {}
    for profile in ("full", "quick"):
        path = folder / f"{profile}.json"
        if path.is_file():
            runs = json.loads(path.read_text(encoding="utf-8"))["notebooks"]
            times[profile] = {nb["notebook"]: nb["wall_s"] for nb in runs}
    return times


def about(seconds: float) -> str:
    """A run time as the title cell says it: to 5 s under 100 s, else to the minute."""
    if seconds < 100:
        return f"{max(5, 5 * round(seconds / 5))} s"
    return f"{round(seconds / 60)} min"


# Markdown, one sentence per line: a break after ".", "!" or "?" followed by a
# space and a capital, a quote, a bracket or inline code/math, unless the
# break falls inside `code`, $math$ or "a quotation", or after an abbreviation.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(*`$\[])")
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "al.", "etc.", "cf.", "Fig.", "No.", "approx.", "ed.")
_LIST_MARKER = re.compile(r"^(\s*(?:[-*+]|\d+[.)]|>)\s+)")


def _split_sentences(line: str) -> list[str]:
    marker = _LIST_MARKER.match(line)
    prefix = marker.group(1) if marker else line[: len(line) - len(line.lstrip())]
    indent = "> " if prefix.strip() == ">" else " " * len(prefix)
    body, parts, start = line[len(prefix):], [], 0
    for boundary in _BOUNDARY.finditer(body):
        before = body[: boundary.start()]
        inside = any(before.count(c) % 2 for c in "`$\"")
        if inside or before.endswith(_ABBREVIATIONS) or re.search(r"(?:^|\s)[A-Z]\.$", before):
            continue
        parts.append(body[start : boundary.start()])
        start = boundary.end()
    parts.append(body[start:])
    return [prefix + parts[0]] + [indent + part for part in parts[1:]]


def one_sentence_per_line(text: str) -> str:
    """``text`` (Markdown) with every sentence on its own line; renders the same.

    Code blocks, display math, tables, headings and HTML are left alone; the
    lines of a list item are indented under its text.
    """
    out, verbatim = [], False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```") or stripped == "$$":
            verbatim = not verbatim
            out.append(line)
        elif verbatim or not stripped or stripped.startswith(("|", "#", "<", "$$")):
            out.append(line)
        else:
            out.extend(_split_sentences(line))
    return "\n".join(out)


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def normalise(nb: dict, filename: str) -> dict:
    """Return ``nb`` with the shared parts rewritten and outputs removed."""
    cells = nb["cells"]
    title = cells[0]
    if title["cell_type"] != "markdown" or not "".join(title["source"]).startswith("# "):
        raise ValueError(f"{filename}: the first cell must be the Markdown title")
    source = "".join(title["source"]).split("\n")
    badge = course.colab_badge(filename)
    source = [badge if line.startswith(BADGE_PREFIX) else line for line in source]
    if badge not in source:
        source.insert(2, badge)
    for profile, by_notebook in measured_times().items():
        if filename[:2] in by_notebook:
            wanted = f"{profile} profile about {about(by_notebook[filename[:2]])}"
            source = [re.sub(rf"{profile} profile about [0-9.]+ (?:s|min)", wanted, line)
                      for line in source]
    title["source"] = _lines("\n".join(source))
    for cell in cells:
        if cell["cell_type"] == "markdown":
            cell["source"] = _lines(one_sentence_per_line("".join(cell["source"])))
    code = [c for c in cells if c["cell_type"] == "code"]
    if not code or not "".join(code[0]["source"]).startswith(SETUP_MARKER):
        raise ValueError(f"{filename}: the first code cell must be the setup cell ({SETUP_MARKER})")
    code[0]["source"] = _lines(setup_cell())
    for cell in cells:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            cell.get("metadata", {}).pop("execution", None)
    nb["metadata"] = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        **({"colab": nb["metadata"]["colab"]} if "colab" in nb.get("metadata", {}) else {}),
    }
    return nb


def dumps(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def pair_text(nb: dict) -> str:
    """The jupytext percent-format text of ``nb`` (a normalised notebook)."""
    notebook = nbformat.reads(json.dumps(nb), as_version=4)
    notebook.metadata["jupytext"] = dict(PAIR_FILTERS)
    return jupytext.writes(notebook, fmt=PAIR_FORMAT)


def from_pair(text: str, nb: dict) -> dict:
    """The notebook ``nb`` with its cells replaced by those of the pair ``text``.

    Cells that match keep their id and metadata (jupytext's combine).
    """
    cells = jupytext.reads(text, fmt=PAIR_FORMAT)
    combined = combine_inputs_with_outputs(cells, nbformat.reads(json.dumps(nb), as_version=4),
                                           fmt=PAIR_FORMAT)
    combined.metadata.pop("jupytext", None)
    return json.loads(nbformat.writes(combined))


def sync(path: Path, check: bool = False) -> list[str]:
    """Bring ``path`` and its pair into the house form; return the files that were (or are) stale.

    The pair wins when it is newer than the notebook and their cells differ.
    """
    path = path.resolve()
    pair = pair_path(path)
    before = path.read_text(encoding="utf-8")
    nb = json.loads(before)
    pair_before = pair.read_text(encoding="utf-8") if pair.is_file() else None
    if (pair_before is not None and not check and pair.stat().st_mtime > path.stat().st_mtime
            and pair_before != pair_text(normalise(json.loads(before), path.name))):
        nb = from_pair(pair_before, nb)
        print(f"{pair.relative_to(ROOT)} -> {path.relative_to(ROOT)}")
    nb = normalise(nb, path.name)
    after, pair_after = dumps(nb), pair_text(nb)
    stale = []
    for target, old, new in ((path, before, after), (pair, pair_before, pair_after)):
        if new != old:
            stale.append(str(target.relative_to(ROOT)))
            if not check:
                target.parent.mkdir(exist_ok=True)
                target.write_text(new, encoding="utf-8")
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report differences, change nothing")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or course.notebooks()
    stale = [name for path in paths for name in sync(path, check=args.check)]
    expected = {pair_path(p).name for p in course.notebooks()}
    orphans = sorted(p.name for p in PAIRS.glob("*.py") if p.name not in expected)
    if args.check and (stale or orphans):
        print("not in sync (run make sync): " + ", ".join(stale + orphans))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
