"""Keep the notebooks' shared parts in one form, and store them without outputs.

For every ``notebooks/NN_*.ipynb`` this writes

- the setup cell (the first code cell), from :func:`setup_cell`, with the
  repository address of ``utils/course.py``;
- the "Open in Colab" badge line of the title cell, for that notebook;
- the run times in the title cell ("full profile about 5 min, quick profile
  about 80 s"), from the measured runs in ``results/full.json`` and
  ``results/quick.json`` (``make results``), rounded;
- no outputs, no execution counts, and the standard kernel metadata.

``python tools/sync_notebooks.py`` rewrites the files (``make strip``);
``--check`` only reports notebooks that differ and exits 1 (the tests use it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils import course  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
SETUP_MARKER = "# Setup (the same in every notebook)"
BADGE_PREFIX = "[![Open in Colab]"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def setup_cell() -> str:
    """The source of the setup cell, the same in every notebook."""
    return f'''{SETUP_MARKER}: find the course folder (in Colab: clone it),
# import utils, fix the seeds, print the profile, versions and device.
import os, pathlib, subprocess, sys
REPO_URL = os.environ.get("COURSE_REPO_URL", "{course.REPO_URL}")
here = pathlib.Path.cwd().resolve()
ROOT = next((p for p in (here, *here.parents) if (p / "utils" / "course.py").is_file()), None)
if ROOT is None and "google.colab" in sys.modules:
    ROOT = here / "{course.COLAB_FOLDER}"                # Colab starts in /content
    if not ROOT.exists():
        subprocess.run(["git", "clone", "-q", "--depth=1", REPO_URL, str(ROOT)], check=True)
if ROOT is None:
    raise RuntimeError("Cannot find the course folder: open this notebook from the repository (make lab).")
sys.path.insert(0, str(ROOT))
import utils
P = utils.setup()'''


def measured_times(folder: Path = ROOT / "results") -> dict[str, dict[str, float]]:
    """``{profile: {"01": wall seconds}}`` from ``results/<profile>.json``, for the profiles measured."""
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
            source = [re.sub(rf"{profile} profile about [0-9.]+ (?:s|min)", wanted, line) for line in source]
    title["source"] = _lines("\n".join(source))
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report differences, change nothing")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    stale = []
    for path in paths:
        before = path.read_text(encoding="utf-8")
        after = dumps(normalise(json.loads(before), path.name))
        if after != before:
            stale.append(path.name)
            if not args.check:
                path.write_text(after, encoding="utf-8")
    if args.check and stale:
        print("not in sync (run python tools/sync_notebooks.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
