"""The parts of a course notebook, found the same way by every tool that times or counts them.

- the setup cell: the first code cell (``# Setup (the same in every notebook)``);
- the solutions: every cell from the Markdown heading ``## Solutions (풀이)`` on;
- the first trained result: the first code cell tagged ``first-result``, else the
  first code cell that calls ``.fit(`` or ``.train_on_batch(``;
- slow cells: code cells that call ``utils.slow_cell("key")`` (or the older
  ``utils.slow_cell("NN", "key")``), by key.

``tools/run_results.py`` times these parts, ``tools/lesson_stats.py`` counts them.
"""

from __future__ import annotations

import ast
import re

SOLUTIONS_HEADING = "## Solutions (풀이)"
SUMMARY_HEADING = "## Summary (학습정리)"
FIRST_RESULT_TAG = "first-result"
SLOW_CELL = re.compile(r"""utils\.slow_cell\(\s*(?:["']\d\d["']\s*,\s*)?["']([^"']+)["']""")
TRAINING_CALLS = ("fit", "train_on_batch")


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def heading_index(cells: list[dict], heading: str) -> int | None:
    """The index of the first Markdown cell with a line that starts with ``heading``."""
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown" and any(
                line.strip().startswith(heading) for line in source(cell).splitlines()):
            return i
    return None


def solutions_start(cells: list[dict]) -> int | None:
    """The index of the "Solutions (풀이)" heading cell, or None when there is none."""
    return heading_index(cells, SOLUTIONS_HEADING)


def calls_training(code: str) -> bool:
    """True when ``code`` calls ``something.fit(...)`` or ``something.train_on_batch(...)``."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr in TRAINING_CALLS for node in ast.walk(tree))


def first_result(cells: list[dict]) -> int | None:
    """The index of the cell that shows the first trained result (see the module's docstring)."""
    code = [(i, c) for i, c in enumerate(cells) if c["cell_type"] == "code"][1:]   # not setup
    for i, cell in code:
        if FIRST_RESULT_TAG in cell.get("metadata", {}).get("tags", []):
            return i
    end = solutions_start(cells)
    for i, cell in code:
        if (end is None or i < end) and calls_training(source(cell)):
            return i
    return None


def slow_cells(cells: list[dict]) -> dict[int, str]:
    """``{cell index: key}`` for every cell that calls ``utils.slow_cell``."""
    found = {}
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            match = SLOW_CELL.search(source(cell))
            if match:
                found[i] = match.group(1)
    return found
