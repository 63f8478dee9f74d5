"""Keep every notebook and its text pair in one form, stored without outputs.

Each ``notebooks/NN_*.ipynb`` has a pair, ``notebooks/py/NN_*.py``, in
jupytext's percent format: the same cells as plain Python, Markdown as ``#``
comment lines, one sentence per line, so that a one-word fix diffs as one
line. The ``.ipynb`` is what learners open (Colab and GitHub need it); the
``.py`` is what reviewers read.

For every notebook this writes

- the setup cell (the first code cell), from :func:`setup_cell`, with the
  repository address of ``utils/course.py``, the profile switch ``PROFILE`` and
  the notebook's number (``utils.setup(PROFILE, notebook="NN")``, the one place a
  notebook names it), and the Markdown note above it;
- cells whose code starts with ``#@title`` (the setup cell, the worked
  solutions) hidden in JupyterLab (``jupyter.source_hidden``) and in Colab's
  form view (``cellView: form``);
- the "Open in Colab" badge line of the title cell, for that notebook, and the
  title's fixed paragraphs (run time, profile, data, GPU);
- the diagrams: a Markdown image ``![alt](images/NAME.png)`` in the pair is
  ``tools.diagrams.NAME()`` drawn into ``notebooks/images/NAME.png`` (redrawn
  when ``tools/diagrams.py`` changed) and embedded in the notebook as a
  ``data:`` URI, which GitHub, Colab and JupyterLab all show before any cell
  runs;
- at the end of the summary cell, a fixed block that points to the results
  table and to the executed copy;
- Markdown with one sentence per line (the rendering is unchanged);
- no outputs, no execution counts, the standard kernel metadata, and Colab's
  GPU runtime for the notebooks ``course.toml`` marks ``gpu = true``;
- the ``.py`` pair;
- the executed copy ``executed/NN_name.ipynb``, where there is one: the
  notebook's cells with the executed outputs of its code cells, as long as the
  code is what ran, comments aside (otherwise it is reported stale: ``make results
  PROFILE=full``), and its generated parts written from ``results/full.json``'s
  record of the run that made it: the title's "This copy" line (that run's
  times), the summary's closing block, and each slow cell's time.

Nothing measured goes into a lesson source: re-running ``make results`` with
unchanged code changes ``results/``, the README's tables and ``executed/``, never
``notebooks/``.

``python -m tools.sync_notebooks`` (``make sync``) syncs both ways: where a
``.py`` is newer than its notebook and differs from it, its cells go into the
notebook (cell ids and metadata kept where the cells match); otherwise the
notebook is written to the ``.py``. ``--check`` changes nothing, reports
every file out of sync and exits 1 (the tests use it).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import struct
import sys
import zlib
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs

from utils import course

ROOT = course.ROOT
PAIRS = course.NOTEBOOKS / "py"
IMAGES = course.NOTEBOOKS / "images"
EXECUTED = ROOT / "executed"
DIAGRAMS_SOURCE = ROOT / "tools" / "diagrams.py"
SETUP_MARKER = "# Setup (the same in every notebook)"
SETUP_TITLE = '#@title Setup: run me first { display-mode: "form" }'
SETUP_NOTE = ("**Setup: run me first.** In JupyterLab and Colab the code of the next cell is "
              "hidden (click it to show); on GitHub and nbviewer, which do not hide cells, it "
              'shows in full. `PROFILE` in it chooses `"full"` (the lesson at real scale) or '
              '`"quick"` (less data, fewer epochs).')
TITLE_PREFIX = "#@title"
PROFILE_LINE = ('**Profile:** `PROFILE = "quick"` in the setup cell (a drop-down in Colab), or '
                "`COURSE_PROFILE=quick` in the shell, runs the same cells on less data and fewer "
                'epochs; `"full"`, the default, is the lesson at real scale.')
GPU_LINE = ("**On a GPU** (Colab asks for a GPU runtime for this notebook): the same cells run "
            "with the same seeds; the numbers may differ a little from the recorded CPU runs "
            "(other kernels, other rounding). Where that was foreseen, a check allows for it "
            "(a looser tolerance, no CPU timing), but the course has not yet been run on a GPU, "
            "so a check may still fail there; its run times are those of the CPU machine the "
            "README's course table names.")
JENA_LINE = ("**Data:** the Jena weather record of 2020 (52,696 rows, one every 10 minutes), "
             "online and offline: online it arrives as the forecasting benchmarks' copy of that "
             "year, converted and checked against the course's record. The measured run times "
             "and every checked sentence are for it. DLwP's 2009-2016 record is one line away: "
             '`os.environ["COURSE_JENA_PERIOD"] = "2009-2016"` before the data is loaded (or '
             "`COURSE_JENA_PERIOD=2009-2016` in the shell); it spans eight years, so each "
             "training epoch reads about eight times as many windows, and the sentences "
             "checked on 2020 are printed with whether each held, not asserted.")
RUN_TIME_LINE = ("**Run time:** the course table of the README gives this notebook's time in each "
                 "profile on two CPU cores, and the setup cell prints the reference run's.")
# The title's generated paragraphs: each is rewritten by every sync (a copy's "This copy" too).
GENERATED_TITLE = ("**Run time", "**Profile:**", "**On a GPU**", "**Data:**", "**This copy**")
SUMMARY_HEADING = "## Summary (학습정리)"
REFERENCE_START = ("<!-- reference-run:start: generated by make sync from results/full.json; "
                   "do not edit -->")
REFERENCE_END = "<!-- reference-run:end -->"
BADGE_PREFIX = "[![Open in Colab]"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# The text pair: no notebook metadata (no jupytext version to go stale), and of
# the cell metadata only the tags (first-result); hidden cells are the #@title ones,
# which normalise() hides, so the pair need not say so.
PAIR_FORMAT = "py:percent"
PAIR_FILTERS = {"notebook_metadata_filter": "-all", "cell_metadata_filter": "tags,-all"}


def pair_path(notebook: Path) -> Path:
    """The ``.py`` pair of ``notebooks/NN_name.ipynb``: ``notebooks/py/NN_name.py``."""
    return notebook.parent / "py" / notebook.with_suffix(".py").name


def setup_cell(number: str) -> str:
    """The source of the setup cell, the same in every notebook but for its number, which
    the notebook names here and nowhere else."""
    return f'''{SETUP_TITLE}
{SETUP_MARKER}: choose the profile, find the course folder
# (in Colab: clone it), import utils, fix the seeds, print the profile, versions and device.
PROFILE = "full"  #@param ["full", "quick"]

import os
import pathlib
import subprocess
import sys

REPO_URL = os.environ.get("COURSE_REPO_URL", "{course.REPO_URL}")
here = pathlib.Path.cwd().resolve()
ROOT = next((p for p in (here, *here.parents) if (p / "utils" / "course.py").is_file()), None)
if ROOT is None and "google.colab" in sys.modules:
    ROOT = here / "{course.COLAB_FOLDER}"  # Colab starts in /content
    missing = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--deleted"],
                             capture_output=True, text=True) if ROOT.exists() else None
    if missing is not None and (missing.returncode or missing.stdout.strip()):
        subprocess.run(["rm", "-rf", str(ROOT)], check=True)  # a clone that was interrupted
    if not ROOT.exists():  # cloned beside it, renamed only once complete
        partial = ROOT.with_name(ROOT.name + ".partial")
        subprocess.run(["rm", "-rf", str(partial)], check=True)
        subprocess.run(["git", "clone", "-q", "--depth=1", REPO_URL, str(partial)], check=True)
        partial.rename(ROOT)
if ROOT is None:
    raise RuntimeError(
        "Cannot find the course folder: open this notebook from the repository (make lab)."
    )
sys.path.insert(0, str(ROOT))
import utils

P = utils.setup(PROFILE, notebook="{number}")'''


def measured_runs(folder: Path = ROOT / "results") -> dict[str, dict[str, dict]]:
    """``{profile: {"01": notebook record}}`` from ``results/<profile>.json``, for the
    profiles measured."""
    runs = {}
    for profile in ("full", "quick"):
        path = folder / f"{profile}.json"
        if path.is_file():
            run = json.loads(path.read_text(encoding="utf-8"))
            runs[profile] = {nb["notebook"]: nb | {"_run": run} for nb in run["notebooks"]}
    return runs


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


def _setup_index(cells: list[dict], filename: str) -> int:
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    if not code or SETUP_MARKER not in "".join(cells[code[0]]["source"]):
        raise ValueError(f"{filename}: the first code cell must be the setup cell ({SETUP_MARKER})")
    return code[0]


def _hide_titled(cell: dict) -> None:
    """A code cell whose first line is ``#@title`` is hidden in JupyterLab and in Colab."""
    if "".join(cell["source"]).startswith(TITLE_PREFIX):
        meta = cell.setdefault("metadata", {})
        meta["cellView"] = "form"
        meta.setdefault("jupyter", {})["source_hidden"] = True


def normalise(nb: dict, filename: str, outputs: bool = False) -> dict:
    """Return ``nb`` with the shared parts rewritten (and outputs removed unless ``outputs``).

    Nothing measured enters a source: the title's run time and the summary's closing block
    are the same words whatever ``results/`` holds; :func:`executed_copy` writes the
    measured ones into the executed copy, from the run that made it.
    """
    cells = nb["cells"]
    title = cells[0]
    if title["cell_type"] != "markdown" or not "".join(title["source"]).startswith("# "):
        raise ValueError(f"{filename}: the first cell must be the Markdown title")
    source = "".join(title["source"]).split("\n")
    badge = course.colab_badge(filename)
    source = [badge if line.startswith(BADGE_PREFIX) else line for line in source]
    if badge not in source:
        source.insert(2, badge)
    kept, generated = [], False          # drop the generated paragraphs, every line of them
    for line in source:
        if line.startswith(GENERATED_TITLE):
            generated = True
        elif not line.strip():
            generated = False
        if not generated:
            kept.append(line)
    source = kept
    while source and not source[-1].strip():
        source.pop()
    source += ["", RUN_TIME_LINE, "", PROFILE_LINE]
    entry = course.notebook(filename[:2])
    if "jena_2020" in entry.data and entry.gpu:
        source += ["", JENA_LINE]
    if filename[:2] in course.GPU_NOTEBOOKS:
        source += ["", GPU_LINE]
    title["source"] = _lines(one_sentence_per_line("\n".join(source)))
    setup = _setup_index(cells, filename)
    cells[setup]["source"] = _lines(setup_cell(filename[:2]))
    before = cells[setup - 1]
    if not (before["cell_type"] == "markdown"
            and "".join(before["source"]).startswith("**Setup: run me first")):
        cells.insert(setup, {"cell_type": "markdown", "id": "setup-note", "metadata": {},
                             "source": []})
        before = cells[setup]
    before["source"] = _lines(SETUP_NOTE)
    for cell in cells:
        if cell["cell_type"] == "markdown":
            text = one_sentence_per_line("".join(cell["source"]))
            if SUMMARY_HEADING in text:
                text = with_reference_block(text, source_block(filename))
            cell["source"] = _lines(embed_images(text))
            cell.pop("attachments", None)
        if cell["cell_type"] == "code":
            _hide_titled(cell)
            if not outputs:
                cell["outputs"] = []
                cell["execution_count"] = None
                cell.get("metadata", {}).pop("execution", None)
    colab = dict(nb.get("metadata", {}).get("colab", {}))
    gpu = entry.gpu
    if gpu:
        colab = {"gpuType": "T4", "provenance": [], **colab}
    nb["metadata"] = {
        **({"accelerator": "GPU"} if gpu else {}),
        **({"colab": dict(sorted(colab.items()))} if colab else {}),
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
    }
    return nb


# --- diagrams as images ---------------------------------------------------------------------

IMAGE_PATH = re.compile(r"!\[([^\]]*)\]\(images/([a-z0-9_]+)\.png\)")
IMAGE_DATA = re.compile(r"!\[([^\]]*)\]\(data:image/png;base64,[A-Za-z0-9+/=]+ "
                        r'"images/([a-z0-9_]+)\.png"\)')


def diagrams_fingerprint() -> str:
    """What an image must have been drawn from: the hash of ``tools/diagrams.py``."""
    return "tools/diagrams.py sha256:" + hashlib.sha256(DIAGRAMS_SOURCE.read_bytes()).hexdigest()


def png_text(png: bytes) -> dict[str, str]:
    """The ``tEXt`` chunks of a PNG file."""
    found, pos = {}, 8
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"tEXt" and b"\0" in body:
            key, value = body.split(b"\0", 1)
            found[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"zTXt" and b"\0" in body:
            key, value = body.split(b"\0", 1)
            found[key.decode("latin-1")] = zlib.decompress(value[1:]).decode("latin-1")
        pos += 12 + length
    return found


def draw_diagram(name: str) -> bytes:
    """``tools.diagrams.<name>()`` as PNG bytes at 100 dpi, stamped with the fingerprint."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tools import diagrams

    draw = getattr(diagrams, name, None)
    if name.startswith("_") or not callable(draw) or name not in diagrams.__all__:
        raise ValueError(f"images/{name}.png: tools.diagrams has no diagram {name!r} "
                         f"(it has {', '.join(diagrams.__all__)})")
    fig = draw()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100,
                metadata={"Software": None, "Source": diagrams_fingerprint()})
    plt.close(fig)
    return buffer.getvalue()


def stale_images(names) -> list[str]:
    """Those of ``images/<name>.png`` that are missing or not drawn from today's diagrams.py."""
    wanted = diagrams_fingerprint()
    return [name for name in sorted(set(names))
            if not (IMAGES / f"{name}.png").is_file()
            or png_text((IMAGES / f"{name}.png").read_bytes()).get("Source") != wanted]


def referenced_images(nb: dict) -> set[str]:
    names = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            names |= {m.group(2) for m in IMAGE_PATH.finditer(text)}
            names |= {m.group(2) for m in IMAGE_DATA.finditer(text)}
    return names


def refresh_images(names) -> list[str]:
    """Redraw the stale images; return their names."""
    stale = stale_images(names)
    for name in stale:
        IMAGES.mkdir(exist_ok=True)
        (IMAGES / f"{name}.png").write_bytes(draw_diagram(name))
    return stale


def embed_images(text: str) -> str:
    """Markdown with every ``![alt](images/NAME.png)`` as an inline ``data:`` URI image.

    The title ``"images/NAME.png"`` says which file it is (and turns it back, in the pair).
    """
    def data_uri(match):
        path = IMAGES / f"{match.group(2)}.png"
        if not path.is_file():
            raise ValueError(f"{path.relative_to(ROOT)} is missing: run make sync")
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'![{match.group(1)}](data:image/png;base64,{encoded} "images/{match.group(2)}.png")'

    text = IMAGE_DATA.sub(lambda m: f"![{m.group(1)}](images/{m.group(2)}.png)", text)
    return IMAGE_PATH.sub(data_uri, text)


def unembed_images(text: str) -> str:
    """The pair's form of :func:`embed_images`: ``![alt](images/NAME.png)``."""
    return IMAGE_DATA.sub(lambda m: f"![{m.group(1)}](images/{m.group(2)}.png)", text)


# --- the reference run ------------------------------------------------------------------------

def source_block(filename: str) -> str:
    """The summary's closing block in a lesson source: where the reference run's numbers are
    (the same words whatever was measured)."""
    return (f"{REFERENCE_START}\n*Your run's numbers are in the results table above, beside "
            f"those of the reference run of your profile; [the copy with outputs]"
            f"(../executed/{filename}) is the full profile's reference run, start to end.*"
            f"\n{REFERENCE_END}")


def copy_block(record: dict | None) -> str:
    """The summary's closing block in an executed copy: which run this copy is, from the
    record that run wrote to ``results/full.json`` (its numbers are the table above)."""
    if not record:
        return (f"{REFERENCE_START}\n**This copy**: its run is not in `results/full.json` "
                f"(make results PROFILE=full).\n{REFERENCE_END}")
    return (f"{REFERENCE_START}\n**This copy is the reference run** ({where_run(record)}): "
            f"{run_time(record)}; its headline numbers are the results table above, and "
            f"`make results` recorded them in `results/full.json`.\n{REFERENCE_END}")


def where_run(record: dict) -> str:
    """``full profile, Intel Xeon, 2 cores, CPU, 2026-12-03, seed 42, Jena 2020``."""
    from utils.results import describe_run

    run = {**record["_run"], "date": record.get("date") or record["_run"].get("date")}
    seed = record.get("seed")
    period = record.get("jena_period")
    return describe_run(run) + (f", seed {seed}" if seed is not None else "") + \
        (f", Jena {period}" if period else "")


def run_time(record: dict) -> str:
    """``14 min 58 s in all (12 min 01 s to the summary, solutions 2 min 57 s)``."""
    from utils.training import duration

    text = f"{duration(record['wall_s'])} in all"
    if record.get("lesson_s") is not None and record.get("solutions_s") is not None:
        text += (f" ({duration(record['lesson_s'])} to the summary, "
                 f"solutions {duration(record['solutions_s'])})")
    return text


def with_reference_block(text: str, block: str) -> str:
    """``text`` (the summary cell) ending with ``block``."""
    if REFERENCE_START in text:
        text = text[:text.index(REFERENCE_START)].rstrip("\n")
    return f"{text}\n\n{block}"


SLOW_LINE = re.compile(r"^Slow cell \(([^)]+)\): .*$", re.M)


def slow_line(key: str, record: dict) -> str:
    """A slow cell's first line in an executed copy: its time in the run that made it."""
    from utils.results import describe_run
    from utils.training import duration

    seconds = (record.get("cells") or {}).get(key)
    if seconds is None:
        return f"Slow cell ({key}): not timed in this run."
    run = {**record["_run"], "date": record.get("date") or record["_run"].get("date")}
    return (f"Slow cell ({key}): {duration(seconds)} in this run ({describe_run(run)});"
            " it printed its progress as it went.")


def executed_copy(nb: dict, executed: dict, record: dict | None) -> dict | None:
    """The executed copy as it is kept: the normalised notebook ``nb`` with the copy's
    outputs (:func:`merge_executed`), and its generated parts written from ``record``, what
    the run that made it wrote to ``results/full.json``: the title's "This copy" line, the
    summary's closing block and each slow cell's time. None when the code is not what ran."""
    merged = merge_executed(nb, executed)
    if merged is None:
        return None
    cells = merged["cells"]
    title = "".join(cells[0]["source"]).split("\n")
    if record:
        at = next((i for i, line in enumerate(title) if line.startswith("**Run time")), None)
        line = (f"**This copy** is the reference run ({where_run(record)}): "
                f"{run_time(record)}; every time it prints is from that run.")
        title = title[:at] + [line] + title[at + 1:] if at is not None else title + ["", line]
        cells[0]["source"] = _lines(one_sentence_per_line("\n".join(title)))
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and REFERENCE_START in text:
            cell["source"] = _lines(with_reference_block(text, copy_block(record)))
        if cell["cell_type"] != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                body = "".join(out["text"])
                new = DATA_PATH.sub(lambda m: DATA_WORDS[m.group(1) or m.group(2)], body)
                if record:
                    new = SLOW_LINE.sub(lambda m: slow_line(m.group(1), record), new)
                if new != body:
                    out["text"] = new.splitlines(keepends=True)
            shown = out.get("metadata", {}).get(RESULTS_KEY)
            if shown and "data" in out:
                out["data"] = results_display(shown["rows"])
    return merged


# The setup line of earlier runs named the data folder by its path on the machine that ran
# it; a copy says where the data came from without it (what utils.notebook.data_source says).
DATA_PATH = re.compile(r"data: (?:(\$COURSE_DATA_DIR)=\S+|\S+ \((downloads)\))")
DATA_WORDS = {"$COURSE_DATA_DIR": "data: the offline copy in $COURSE_DATA_DIR",
              "downloads": "data: downloaded once into the course's data/ folder"}
RESULTS_KEY = "course_results"


def results_display(rows: list[dict]) -> dict:
    """The results cell's table as ``utils.record_results`` shows it in a ``make results``
    run (no reference-run column), from the rows that run recorded in the output."""
    from utils.results import table_of

    table = table_of(rows)
    return {"text/html": _lines(table._repr_html_()), "text/plain": _lines(repr(table))}


def dumps(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def pair_text(nb: dict) -> str:
    """The jupytext percent-format text of ``nb`` (a normalised notebook)."""
    notebook = nbformat.reads(json.dumps(nb), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = unembed_images(cell.source)
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


def without_comments(source: str) -> str:
    """Python ``source`` as the interpreter runs it: comments and blank lines left out (a
    cell whose comments changed is still the code that ran). Source that does not tokenize
    (an IPython magic) is returned as it is."""
    import tokenize

    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
                  if t.type not in (tokenize.COMMENT, tokenize.NL)]
        return tokenize.untokenize((t.type, t.string) for t in tokens)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source


def merge_executed(nb: dict, executed: dict) -> dict | None:
    """The normalised notebook ``nb`` with the outputs of its executed copy, code cell by
    code cell; None when any code cell (the generated setup cell aside) is not what ran,
    comments aside."""
    ours = [c for c in nb["cells"] if c["cell_type"] == "code"]
    ran = [c for c in executed["cells"] if c["cell_type"] == "code"]
    if len(ours) != len(ran) or any(
            without_comments("".join(a["source"])) != without_comments("".join(b["source"]))
            for a, b in list(zip(ours, ran, strict=True))[1:]):
        return None
    merged = json.loads(json.dumps(nb))
    code = [c for c in merged["cells"] if c["cell_type"] == "code"]
    for cell, done in zip(code, ran, strict=True):
        cell["outputs"] = done.get("outputs", [])
        cell["execution_count"] = done.get("execution_count")
    if "course" in executed.get("metadata", {}):
        merged["metadata"]["course"] = executed["metadata"]["course"]
    return merged


def sync(path: Path, check: bool = False, runs: dict | None = None) -> list[str]:
    """Bring ``path``, its pair and its executed copy into the house form; return the files
    that were (or are) stale.

    The pair wins when it is newer than the notebook and their cells differ.
    """
    path = path.resolve()
    runs = measured_runs() if runs is None else runs
    record = runs.get("full", {}).get(path.name[:2])
    pair = pair_path(path)
    before = path.read_text(encoding="utf-8")
    nb = json.loads(before)
    pair_before = pair.read_text(encoding="utf-8") if pair.is_file() else None
    stale = []
    if pair_before is not None:
        names = referenced_images(nb) | {m.group(2) for m in IMAGE_PATH.finditer(pair_before)}
        if check:
            stale += [f"notebooks/images/{n}.png" for n in stale_images(names)]
        else:
            refresh_images(names)
    if (pair_before is not None and not check and pair.stat().st_mtime > path.stat().st_mtime
            and pair_before != pair_text(normalise(json.loads(before), path.name))):
        nb = from_pair(pair_before, nb)
        print(f"{pair.relative_to(ROOT)} -> {path.relative_to(ROOT)}")
    nb = normalise(nb, path.name)
    after, pair_after = dumps(nb), pair_text(nb)
    targets = [(path, before, after), (pair, pair_before, pair_after)]
    executed = EXECUTED / path.name
    if executed.is_file():
        old = executed.read_text(encoding="utf-8")
        merged = executed_copy(nb, json.loads(old), record)
        if merged is None:
            stale.append(f"executed/{path.name} (its code is not what ran: "
                         f"make results PROFILE=full ONLY={path.name[:2]})")
        else:
            targets.append((executed, old, dumps(merged)))
    for target, old, new in targets:
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
    runs = measured_runs()
    stale = [name for path in paths for name in sync(path, check=args.check, runs=runs)]
    expected = {pair_path(p).name for p in course.notebooks()}
    orphans = sorted(p.name for p in PAIRS.glob("*.py") if p.name not in expected)
    used = set()
    for nb in course.notebooks():
        used |= referenced_images(json.loads(nb.read_text(encoding="utf-8")))
    orphans += sorted(f"notebooks/images/{p.name} (no notebook shows it)"
                      for p in IMAGES.glob("*.png") if p.stem not in used)
    if args.check and (stale or orphans):
        print("not in sync (run make sync): " + ", ".join(stale + orphans))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
