"""How much of each notebook is lesson, and how soon a learner sees a trained result.

    python -m tools.lesson_stats                      # the notebooks, times from results/full.json
    python -m tools.lesson_stats --notebooks DIR --timed DIR   # other copies, times from
                                                      # notebooks executed by nbconvert/nbclient

``make stats`` runs the first form. For each notebook it prints one row:

- the share of code lines that is lesson, setup, checks, verdict-building and
  solutions (non-blank lines that are not only a comment). Checks are ``assert``
  statements, ``if`` blocks holding only asserts, and cells that start with
  ``# Checks``; verdict-building is ``display(Markdown(...))`` and calls into
  ``utils.claims``; solutions are the cells of "Solutions (풀이)" (or, in older
  notebooks, hidden cells); the setup cell is setup. The rest is lesson.
- "lesson / visible": lesson lines over the visible code (everything but the
  setup cell and the solutions).
- the code lines and Markdown words before the first trained result
  (:func:`tools.notebook_parts.first_result`), and its position in the notebook.
- the full-profile time to the first result and to the summary.

This is a measurement for people, not a test: the classification is by syntax,
so code that only feeds a check but is not an assert counts as lesson.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import re
import sys
from pathlib import Path

from tools import notebook_parts as parts
from utils import course

KINDS = ("lesson", "setup", "checks", "verdict", "solutions")


def code_lines(code: str) -> set[int]:
    """The 1-based numbers of the lines of ``code`` that hold code (not blank, not only a
    comment, not an IPython magic)."""
    return {i for i, line in enumerate(code.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith(("#", "%", "!"))}


def _is_verdict(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return bool(re.search(r"\bdisplay\(\s*Markdown\(|\b(?:utils\.)?claims\.", text))


def _is_check(node: ast.stmt) -> bool:
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.If):
        body = node.body + node.orelse
        return bool(body) and all(_is_check(n) for n in body)
    return False


def _names(node: ast.AST) -> tuple[set[str], set[str]]:
    """The names ``node`` defines and the names it reads."""
    defs, uses = set(), set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            (defs if isinstance(n.ctx, ast.Store) else uses).add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            defs.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            defs |= {(a.asname or a.name).split(".")[0] for a in n.names}
        elif isinstance(n, (ast.Subscript, ast.Attribute)) and isinstance(n.ctx, ast.Store):
            base = n.value
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if isinstance(base, ast.Name):
                defs.add(base.id)
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        uses -= ({a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)}
                 if isinstance(node, ast.FunctionDef) else set())
    return defs, uses


class Statement:
    """A top-level statement of a code cell, with its lines, names and kind."""

    def __init__(self, node: ast.stmt | None, lines: set[int], kind: str | None):
        self.lines, self.kind = lines, kind
        self.defs, self.uses = _names(node) if node is not None else (set(), set())


def statements(code: str, solution: bool) -> list[Statement]:
    """The statements of one cell with their first kind: ``solutions``, ``checks`` (asserts,
    if-blocks of asserts, a cell starting ``# Checks``), ``verdict`` (display(Markdown(...)),
    utils.claims), or None (decided later)."""
    lines = code_lines(code)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return [Statement(None, lines, "solutions" if solution else "lesson")]
    cell_is_check = code.lstrip().startswith("# Checks")
    found = []
    for node in tree.body:
        span = set(range(node.lineno, (node.end_lineno or node.lineno) + 1)) & lines
        if solution:
            kind = "solutions"
        elif cell_is_check or _is_check(node):
            kind = "checks"
        elif _is_verdict(node):
            kind = "verdict"
        else:
            kind = None
        if kind is None:      # asserts nested in a loop or a block are checks all the same
            for inner in ast.walk(node):
                if inner is not node and isinstance(inner, ast.Assert):
                    nested = set(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
                    found.append(Statement(inner, nested & span, "checks"))
                    span -= nested
        found.append(Statement(node, span, kind))
    return found


def settle(stmts: list[Statement]) -> None:
    """Decide the undecided statements: one whose names are read only by checks (or only by
    verdict-building) later in the notebook serves them, and so does one that only reads
    what such statements made; everything else is lesson."""
    changed = True
    while changed:
        changed = False
        for i, st in enumerate(stmts):
            if st.kind is not None:
                continue
            later = stmts[i + 1:]
            readers = [o for o in later if st.defs & o.uses]
            kinds = {o.kind for o in readers}
            if st.defs and readers and kinds <= {"checks", "verdict"}:
                st.kind = "checks" if "checks" in kinds else "verdict"
                changed = True
            elif not st.defs and st.uses:
                makers = [o for o in stmts[:i] if o.defs & st.uses]
                if makers and {o.kind for o in makers} <= {"checks", "verdict"}:
                    st.kind = "checks" if any(m.kind == "checks" for m in makers) else "verdict"
                    changed = True
    for st in stmts:
        st.kind = st.kind or "lesson"


def classify_cell(code: str) -> dict[str, int]:
    """``{kind: lines}`` for one visible code cell on its own (no names across cells)."""
    stmts = statements(code, solution=False)
    settle(stmts)
    counts = dict.fromkeys(KINDS, 0)
    for st in stmts:
        counts[st.kind] += len(st.lines)
    return counts


def is_solution(cells: list[dict], i: int) -> bool:
    start = parts.solutions_start(cells)
    if start is not None:
        return i > start
    cell = cells[i]
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def markdown_words(text: str) -> int:
    text = re.sub(r"<!--.*?-->.*?<!--.*?-->", " ", text, flags=re.S)   # generated blocks
    text = re.sub(r"\(data:[^)]*\)", " ", text)
    return len(text.split())


def cell_times(nb: dict) -> dict[int, tuple[float, float]] | None:
    """``{index: (start, end)}`` in seconds from the first cell's start, from the timing
    metadata nbclient records (``metadata.execution``); None when there is none."""
    stamps = {}
    for i, cell in enumerate(nb["cells"]):
        ex = cell.get("metadata", {}).get("execution", {})
        start = ex.get("iopub.execute_input") or ex.get("iopub.status.busy")
        end = ex.get("shell.execute_reply") or ex.get("iopub.status.idle")
        if start and end:
            stamps[i] = tuple(dt.datetime.fromisoformat(t.replace("Z", "+00:00"))
                              for t in (start, end))
    if not stamps:
        return None
    zero = min(s for s, _ in stamps.values())
    return {i: ((s - zero).total_seconds(), (e - zero).total_seconds())
            for i, (s, e) in stamps.items()}


def stats(nb: dict, record: dict | None = None, timed: dict | None = None) -> dict:
    """One notebook's row (see the module's docstring). ``record``: its entry of
    results/full.json; ``timed``: the same notebook executed with timing metadata."""
    cells = nb["cells"]
    counts = dict.fromkeys(KINDS, 0)
    code_index = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    stmts = []
    for i in code_index:
        code = parts.source(cells[i])
        if i == code_index[0]:
            counts["setup"] += len(code_lines(code))
        else:
            stmts += statements(code, solution=is_solution(cells, i))
    settle(stmts)
    for st in stmts:
        counts[st.kind] += len(st.lines)
    first = parts.first_result(cells)
    before = range(first + 1) if first is not None else range(0)
    visible = counts["lesson"] + counts["checks"] + counts["verdict"]
    row = {**counts, "total": sum(counts.values()),
           "lesson_share": counts["lesson"] / visible if visible else None,
           "first_result_cell": first,
           "code_before": sum(len(code_lines(parts.source(cells[i]))) for i in before
                              if cells[i]["cell_type"] == "code" and i != code_index[0]),
           "words_before": sum(markdown_words(parts.source(cells[i])) for i in before
                               if cells[i]["cell_type"] == "markdown"),
           "cells": len(cells), "first_result_s": None, "summary_s": None}
    times = cell_times(timed) if timed else None
    summary = parts.heading_index(cells, parts.SUMMARY_HEADING)
    if times is not None:
        if first is not None and first in times:
            row["first_result_s"] = times[first][1]
        ends = [t[1] for i, t in times.items() if summary is None or i < summary]
        row["summary_s"] = max(ends) if ends else None
    elif record:
        row["first_result_s"] = record.get("first_result_s")
        row["summary_s"] = record.get("lesson_s")
    return row


def _minutes(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f}"


def table(rows: dict[str, dict]) -> str:
    lines = ["| # | code lines | lesson | setup | checks | verdict | solutions | lesson / visible "
             "| first result: cell of | code lines before | words before | min to it "
             "| min to summary |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for key, r in rows.items():
        share = "—" if r["lesson_share"] is None else f"{r['lesson_share']:.0%}"
        first = ("—" if r["first_result_cell"] is None
                 else f"{r['first_result_cell']} of {r['cells']}")
        lines.append(f"| {key} | {r['total']} | {r['lesson']} | {r['setup']} | {r['checks']} "
                     f"| {r['verdict']} | {r['solutions']} | {share} | {first} "
                     f"| {r['code_before'] if r['first_result_cell'] is not None else '—'} "
                     f"| {r['words_before'] if r['first_result_cell'] is not None else '—'} "
                     f"| {_minutes(r['first_result_s'])} | {_minutes(r['summary_s'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notebooks", type=Path, default=course.NOTEBOOKS)
    parser.add_argument("--timed", type=Path,
                        help="a folder of the same notebooks executed with timing metadata")
    parser.add_argument("--results", type=Path, default=course.ROOT / "results" / "full.json")
    args = parser.parse_args(argv)
    records = {}
    if args.results.is_file():
        records = {r["notebook"]: r for r in
                   json.loads(args.results.read_text(encoding="utf-8"))["notebooks"]}
    rows = {}
    for path in course.notebooks(args.notebooks):
        nb = json.loads(path.read_text(encoding="utf-8"))
        timed = None
        if args.timed and (args.timed / path.name).is_file():
            timed = json.loads((args.timed / path.name).read_text(encoding="utf-8"))
        rows[path.name[:2]] = stats(nb, records.get(path.name[:2]), timed)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
