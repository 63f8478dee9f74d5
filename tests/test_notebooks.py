"""The notebooks as files: stored clean, in the house layout, in sync, on current APIs.

Executing them is nbval's job (``make test-notebooks``).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools import sync_notebooks
from utils import course

ROOT = course.ROOT
NOTEBOOKS = course.notebooks()
REMOVED_APIS = re.compile(
    r"fit_generator|evaluate_generator|predict_generator|[(, ]lr=|keras\.preprocessing\.text"
    r"|preprocessing\.sequence|input_length=|from keras\.layers import \*|Tokenizer\(")


def _stored(path: Path) -> str:
    """The notebook as git stores it (the index), or the file outside a git checkout."""
    rel = path.relative_to(ROOT).as_posix()
    result = subprocess.run(["git", "show", f":{rel}"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else path.read_text(encoding="utf-8")


def test_there_are_notebooks():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "01_sequential_data.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    nb = json.loads(_stored(path))
    dirty = [i for i, c in enumerate(nb["cells"])
             if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; run `make sync` before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_house_layout(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    markdown = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    number = path.name[:2]
    assert markdown[0].startswith(f"# {number} · "), "title cell: '# NN · Title (한국어)'"
    assert "Open in Colab" in markdown[0]
    assert sync_notebooks.RUN_TIME_LINE in markdown[0], "the title says where the run times are"
    assert not re.search(r"\d+ (?:s|min)\b", markdown[0]), \
        "a lesson source states no measured time (they live in results/, the README and the copies)"
    text = "\n".join(markdown)
    for heading in ("학습목표", "학습정리", "확장하기", "풀이"):
        assert heading in text, f"missing section {heading}"
    assert "RUNTIME_" not in text


def _heading(cells, heading):
    found = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
             and any(line.startswith(heading) for line in "".join(c["source"]).splitlines())]
    assert len(found) == 1, f"one Markdown cell must start a line with {heading!r}: {found}"
    return found[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_come_before_their_hidden_solutions(path):
    """Summary, then the exercises with an attempt cell each, then every solution, hidden:
    Run All reaches the summary before any solution runs."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    summary = _heading(cells, "## Summary (학습정리)")
    further = _heading(cells, "## Going further (확장하기)")
    solutions = _heading(cells, "## Solutions (풀이)")
    assert summary < further < solutions, (summary, further, solutions)
    exercises = []
    for i in range(further, solutions):
        numbers = re.findall(r"^\s*(\d+)\. ", "".join(cells[i]["source"]), flags=re.M)
        if cells[i]["cell_type"] == "markdown" and numbers:
            assert len(numbers) == 1, f"one exercise per Markdown cell: {numbers}"
            attempt = cells[i + 1]
            assert attempt["cell_type"] == "code" and \
                "".join(attempt["source"]).strip() == f"# Your attempt: exercise {numbers[0]}", \
                f"exercise {numbers[0]} needs an attempt cell right after it"
            exercises.append(int(numbers[0]))
    assert exercises == list(range(1, len(exercises) + 1)) and exercises, exercises
    answered = set()
    for i, cell in enumerate(cells):
        code = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
        if i > solutions and cell["cell_type"] == "code":
            title = re.match(r"#@title Solution (\d+)", code)
            assert title, f"cell {i} in Solutions must start '#@title Solution N': {code[:60]!r}"
            answered.add(int(title.group(1)))
        elif code.startswith("#@title") and not code.startswith("#@title Setup"):
            raise AssertionError(f"cell {i}, a titled (hidden) cell, sits outside Solutions")
    assert answered == set(exercises), f"solutions {sorted(answered)} for exercises {exercises}"


def test_shared_parts_in_sync():
    """Setup cell, Colab badge and text pair match the notebook (fix: make sync)."""
    result = subprocess.run([sys.executable, "-m", "tools.sync_notebooks", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_removed_keras_apis():
    files = NOTEBOOKS + sorted((ROOT / "utils").glob("*.py"))
    hits = [f"{f.name}: {m.group(0)}" for f in files
            for m in REMOVED_APIS.finditer(f.read_text(encoding="utf-8"))]
    assert not hits, hits
