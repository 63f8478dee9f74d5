"""The executed copies in executed/: one per notebook, from the full-profile run that wrote
results/full.json, with the notebook's cells, no error, and small enough to read on GitHub."""

from __future__ import annotations

import json
import re

import pytest

from tools import sync_notebooks
from utils import course
from utils.results import SLOW_TIMED, Results

ROOT = course.ROOT
EXECUTED = ROOT / "executed"
# Notebooks whose executed copy is still to come from a full-profile run (none: all eleven
# are in executed/). A notebook added to the course goes here until its copy arrives; the
# first test then fails until it is taken out again.
PENDING: set[str] = set()
NOTEBOOKS = [path for path in course.notebooks() if path.name not in PENDING]
MAX_BYTES = 3_500_000      # "at most about 3 MB a notebook"


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _full_rows() -> dict[str, list]:
    run = _load(ROOT / "results" / "full.json")
    return {nb["notebook"]: nb["rows"] for nb in run["notebooks"]}


def test_every_notebook_has_an_executed_copy_and_nothing_else_is_there():
    assert EXECUTED.is_dir(), "executed/ is missing: make results PROFILE=full"
    assert sorted(p.name for p in EXECUTED.glob("*.ipynb")) == [p.name for p in NOTEBOOKS], \
        "executed/ should hold a copy of every notebook except PENDING's: update PENDING"
    assert PENDING <= {p.name for p in course.notebooks()}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_copy_has_the_notebooks_cells_and_outputs(path):
    executed = _load(EXECUTED / path.name)
    assert executed["metadata"]["course"]["profile"] == "full"
    # Same cells as the notebook, apart from outputs (sync carries Markdown and generated
    # lines across, and refuses when the code differs from what ran).
    ours = sync_notebooks.executed_copy(sync_notebooks.normalise(_load(path), path.name),
                                        executed, _record(path.name[:2]))
    assert ours is not None, f"{path.name}: its code is not what ran"
    assert [c["cell_type"] for c in executed["cells"]] == [c["cell_type"] for c in ours["cells"]]
    for mine, ran in zip(ours["cells"], executed["cells"], strict=True):
        assert "".join(mine["source"]) == "".join(ran["source"]), "".join(mine["source"])[:80]
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code), "a code cell did not run"
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, errors[0].get("ename")
    stderr = ["".join(o["text"]) for c in code for o in c["outputs"]
              if o.get("name") == "stderr" and "Traceback" in "".join(o["text"])]
    assert not stderr, stderr[0][-300:]
    warnings = ["".join(o["text"]) for c in code for o in c["outputs"]
                if o.get("output_type") == "stream"
                and re.search(r"WARNING:|Warning:", "".join(o["text"]))]
    assert not warnings, warnings[0][-300:]     # "a test fails if an executed copy shows a warning"
    assert (EXECUTED / path.name).stat().st_size < MAX_BYTES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_copy_recorded_the_rows_of_results_full_json(path):
    executed = _load(EXECUTED / path.name)
    shown = [o["metadata"][Results.METADATA_KEY] for c in executed["cells"]
             if c["cell_type"] == "code" for o in c["outputs"]
             if Results.METADATA_KEY in o.get("metadata", {})]
    assert len(shown) == 1, f"{path.name}: {len(shown)} results tables in the executed copy"
    assert shown[0]["notebook"] == path.name[:2]
    assert shown[0]["rows"] == _full_rows()[path.name[:2]]


def _record(number: str) -> dict:
    run = _load(ROOT / "results" / "full.json")
    record = next(nb for nb in run["notebooks"] if nb["notebook"] == number)
    return record | {"_run": run}


def _printed(executed: dict) -> list[str]:
    return ["".join(o.get("text", "")) for c in executed["cells"] if c["cell_type"] == "code"
            for o in c["outputs"] if o.get("output_type") == "stream"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_time_an_executed_copy_prints_is_its_own_runs(path):
    """One-way build: the copy's title line, its summary block and each slow cell's line are
    written from results/full.json's record of the run that made the copy, and nothing in it
    quotes another run (a learner's notebook prints the reference run; a copy is that run)."""
    executed, record = _load(EXECUTED / path.name), _record(path.name[:2])
    assert executed["metadata"]["course"]["date"] == record.get("date", record["_run"]["date"])
    assert executed["metadata"]["course"]["seed"] == record["seed"]
    printed = "\n".join(_printed(executed))
    slow = sync_notebooks.SLOW_LINE.findall(printed)
    assert sorted(slow) == sorted(record.get("cells") or {}), "a slow cell the run did not time"
    for key in slow:
        assert sync_notebooks.slow_line(key, record) in printed, key
    for other in ("in the reference run (", "reference run of this notebook (", SLOW_TIMED):
        assert other not in printed, f"{path.name} prints {other!r}"
    title = "".join(executed["cells"][0]["source"])
    assert sync_notebooks.run_time(record) in title and "**This copy**" in title
    text = "\n".join("".join(c["source"]) for c in executed["cells"]
                     if c["cell_type"] == "markdown")
    assert sync_notebooks.copy_block(record) in text
    assert "not this one" not in text
