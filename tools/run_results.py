"""Execute the notebooks headless in one profile and write ``results/<profile>.json``.

    python -m tools.run_results --profile quick            # every notebook
    python -m tools.run_results --profile full --only 08   # re-run one, keep the others

``make results PROFILE=quick|full`` calls this and then ``tools/render_readme.py``.
Each notebook runs in a fresh kernel (nbclient), in order, one at a time so
that its wall time is its own; its results cell (``utils.record_results``)
writes the headline numbers to a file named by ``$COURSE_RESULTS_FILE``. The
JSON holds, per notebook, the wall time, the time to the end of the lesson
(everything before "Solutions (풀이)", ``lesson_s``) and of the solutions
(``solutions_s``), the time to the first trained result (``first_result_s``),
the time of each slow cell (``cells``, by the key it gives
``utils.slow_cell``), those rows, the seed, the data files read and the Jena
period; and once, the machine: CPU model, cores, GPU, versions.

With ``--executed DIR`` (``make results PROFILE=full`` passes ``executed``),
each notebook is also saved as it executed, outputs included, into
``DIR/NN_name.ipynb``: long printed logs trimmed, no widget state, no timing
metadata; ``make sync`` then keeps its cells in step with the notebook.

A notebook that fails, or never calls ``record_results``, stops the run with
an error naming it; the JSON and the executed copies are written only when
every notebook succeeded, atomically, so a failed run never leaves a
half-written file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools import notebook_parts
from utils import course
from utils import profile as course_profile
from utils import results as course_results

ROOT = course.ROOT
NOTEBOOKS = course.NOTEBOOKS
RESULTS = ROOT / "results"
SCHEMA = 1
# Printed logs longer than this many lines keep their first and last KEEP_LINES lines.
MAX_LINES, KEEP_LINES = 80, 30


class RunError(RuntimeError):
    """A notebook failed or recorded no results."""


# the machine's description, shared with the notebooks' reading of the seed sweeps
cpu_model = course_results.cpu_model
cores = course_results.cores


def git_commit() -> str | None:
    """The repository's HEAD, with ``+dirty`` when notebooks or utils differ from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "notebooks", "utils"],
                               cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def part_times(cells: list[dict], ends: dict[int, float], starts: dict[int, float],
               wall_s: float) -> dict:
    """The times of a notebook's parts from each cell's start and end (seconds since the
    kernel started): ``lesson_s``, ``solutions_s``, ``first_result_s`` and ``cells``."""
    solutions = notebook_parts.solutions_start(cells)
    lesson_end = max((t for i, t in ends.items() if solutions is None or i < solutions),
                     default=wall_s)
    lesson_s = wall_s if solutions is None else lesson_end
    first = notebook_parts.first_result(cells)
    return {
        "lesson_s": round(lesson_s, 1),
        "solutions_s": round(wall_s - lesson_s, 1),
        "first_result_s": None if first is None or first not in ends else round(ends[first], 1),
        "cells": {key: round(ends[i] - starts[i], 1)
                  for i, key in notebook_parts.slow_cells(cells).items() if i in ends},
    }


def trimmed(nb: dict) -> dict:
    """An executed notebook as the executed copies keep it: long printed logs cut in the
    middle, no widget state or widget outputs, no timing metadata."""
    nb = json.loads(json.dumps(nb))
    nb.get("metadata", {}).pop("widgets", None)
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if cell["cell_type"] != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                continue
            if out.get("output_type") == "stream":
                text = "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
                lines = text.splitlines(keepends=True)
                if len(lines) > MAX_LINES:
                    cut = len(lines) - 2 * KEEP_LINES
                    text = "".join(lines[:KEEP_LINES] + [f"[... {cut} lines trimmed ...]\n"]
                                   + lines[-KEEP_LINES:])
                out["text"] = text
            kept.append(out)
        cell["outputs"] = kept
    return nb


def run_notebook(path: Path, profile_name: str, timeout: int | None = None,
                 kernel_name: str = "python3") -> dict:
    """Execute ``path`` in a fresh kernel in ``profile_name``; return its record with
    ``wall_s``, the times of its parts (:func:`part_times`) and, under ``"executed"``, the
    notebook as it ran (:func:`trimmed`).

    Raises :class:`RunError` naming the notebook and the failing cell when a
    cell raises, or when the notebook records no results.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="course-results-") as tmp:
        target = Path(tmp) / "record.json"
        saved = {k: os.environ.get(k) for k in ("COURSE_PROFILE", course_results.RESULTS_FILE_ENV)}
        os.environ["COURSE_PROFILE"] = profile_name
        os.environ[course_results.RESULTS_FILE_ENV] = str(target)
        # IPC sockets rather than loopback TCP: private to this user, and no
        # "running over TCP without encryption" warning from every kernel.
        km = KernelManager(kernel_name=kernel_name, transport="ipc", ip=str(Path(tmp) / "kernel"))
        starts, ends = {}, {}
        client = NotebookClient(
            nb, km=km, timeout=timeout, kernel_name=kernel_name,
            resources={"metadata": {"path": str(path.parent)}},
            on_cell_start=lambda cell, cell_index: starts.__setitem__(
                cell_index, time.perf_counter() - start),
            on_cell_executed=lambda cell, cell_index, execute_reply: ends.__setitem__(
                cell_index, time.perf_counter() - start))
        start = time.perf_counter()
        try:
            client.execute()
            # the notebook's own time, kernel start included
            wall_s = time.perf_counter() - start
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(err))     # the traceback's terminal colours
            raise RunError(f"{path.name} failed in the {profile_name} profile:\n"
                           f"{text[-3000:]}") from None
        finally:
            if km.has_kernel:            # a kernel manager passed in is not shut down by nbclient
                km.shutdown_kernel(now=True)
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        if not target.is_file():
            raise RunError(f"{path.name} ran but recorded no results: its results cell must call "
                           "utils.record_results(...)")
        record = json.loads(target.read_text(encoding="utf-8"))
    expected = path.name[:2]
    if record.get("notebook") != expected:
        raise RunError(f"{path.name} recorded its results as notebook {record.get('notebook')!r}, "
                       f"not {expected!r}: its setup cell must name it (utils.setup(PROFILE, "
                       f"notebook=\"{expected}\"); make sync writes it)")
    if record.get("profile") != profile_name:
        raise RunError(f"{path.name} ran in profile {record.get('profile')!r}, "
                       f"not {profile_name!r}")
    record["file"] = path.name
    # when and from what this notebook ran: a later merge (--only) keeps them per notebook
    record["date"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    record["commit"] = git_commit()
    record["wall_s"] = round(wall_s, 1)
    record.update(part_times(client.nb["cells"], ends, starts, wall_s))
    record["executed"] = trimmed(client.nb)
    return record


def environment(records: list[dict]) -> dict:
    """The machine and software the records came from."""
    devices = sorted({r["device"] for r in records if r.get("device")}) or ["CPU"]
    periods = sorted({r["jena_period"] for r in records if r.get("jena_period")})
    data_files = {}
    for r in records:
        data_files.update(r.get("data_files") or {})
    return {
        "cpu": cpu_model(),
        "cores": cores(),
        # TensorFlow's threads when fixed (two one-thread runs can share two cores), else None
        "threads": course_results.threads(),
        "device": devices[0] if len(devices) == 1 else devices,
        "platform": platform.platform(),
        "versions": (next((r["versions"] for r in records if r.get("versions")), None)
                     or course_results.versions()),
        "data_files": dict(sorted(data_files.items())),
        "data_dir": ("offline mirror ($COURSE_DATA_DIR)" if os.environ.get("COURSE_DATA_DIR")
                     else "data/ (downloads)"),
        "jena_period": periods[0] if len(periods) == 1 else (periods or None),
        "commit": git_commit(),
    }


RECORD_KEYS = ("notebook", "file", "date", "commit", "wall_s", "lesson_s", "solutions_s",
               "first_result_s", "cells", "seed", "device", "jena_period", "data_files", "rows")


def save_executed(records: list[dict], folder: Path, profile_name: str, date: str) -> None:
    """Write each record's executed notebook to ``folder/<file>``, atomically."""
    for r in records:
        nb = r.get("executed")
        if nb is None:
            continue
        nb["metadata"]["course"] = {"profile": profile_name, "seed": r.get("seed"),
                                    "date": r.get("date") or date,
                                    "commit": r.get("commit") or git_commit()}
        course_results.write_json(folder / r["file"], nb)


def assemble(records: list[dict], profile_name: str, started: dt.datetime,
             env: dict | None = None) -> dict:
    """The ``results/<profile>.json`` document for ``records`` (one per notebook, in order)."""
    return {
        "schema": SCHEMA,
        "profile": profile_name,
        "date": started.strftime("%Y-%m-%d"),
        "environment": env or environment(records),
        "total_s": round(sum(r["wall_s"] for r in records), 1),
        "notebooks": [{k: r.get(k) for k in RECORD_KEYS} for r in records],
    }


def same_machine(old: dict, new: dict) -> bool:
    """True when two environments are the same kind of machine (CPU, cores, device) under
    the same thread setting."""
    return all(old.get(k) == new.get(k) for k in ("cpu", "cores", "device", "threads"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", required=True, help="quick or full")
    parser.add_argument("--only", nargs="+", metavar="NN",
                        help="run only these notebooks (two-digit numbers) "
                             "and merge into the existing JSON")
    parser.add_argument("--out", type=Path, help="output file (default: results/<profile>.json)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell (default 3600)")
    parser.add_argument("--executed", type=Path, metavar="DIR",
                        help="also save each notebook as it executed into DIR")
    parser.add_argument("--from-bench", type=Path, metavar="BENCH.json",
                        help="run nothing: merge the 'after' side of a tools.bench run "
                             "(results/bench.json) into the existing JSON")
    args = parser.parse_args(argv)

    # unknown names raise, naming the valid ones
    profile_name = course_profile.Profile(args.profile).name
    out = args.out or RESULTS / f"{profile_name}.json"
    paths = course.notebooks(args.notebooks)
    if args.only:
        wanted = set(args.only)
        unknown = wanted - {p.name[:2] for p in paths}
        if unknown:
            parser.error(f"no notebook numbered {sorted(unknown)}; "
                         f"there are {[p.name[:2] for p in paths]}")
        if not out.is_file() and out == RESULTS / f"{profile_name}.json":
            parser.error(f"--only merges into {out}, which does not exist yet: "
                         "run every notebook first (or run in pieces into another file, "
                         "--out, and move it there when every notebook is in it)")
        paths = [p for p in paths if p.name[:2] in wanted]
        # the CPU and cores are known before anything runs: refuse now, not after the run
        # (a merge refused at the end threw away a 28-minute run of 08 on 2026-12-03)
        if not args.from_bench and out.is_file():
            old_env = json.loads(out.read_text(encoding="utf-8"))["environment"]
            here = {"cpu": cpu_model(), "cores": cores(), "threads": course_results.threads()}
            if not all(old_env.get(k) == v for k, v in here.items()):
                parser.error(f"{out} was measured on {old_env.get('cpu')} "
                             f"({old_env.get('cores')} cores, threads {old_env.get('threads')}), "
                             f"this machine is {here['cpu']} ({here['cores']} cores, threads "
                             f"{here['threads']}): its times would not compare; "
                             "re-run every notebook (drop --only)")
    if not paths:
        parser.error(f"no notebooks NN_*.ipynb in {args.notebooks}")

    records, started = [], dt.datetime.now(dt.timezone.utc)
    if args.from_bench:
        if args.only:
            parser.error("--from-bench merges every notebook of the bench run; drop --only")
        bench = json.loads(args.from_bench.read_text(encoding="utf-8"))
        after = bench.get("after") or {}
        if bench.get("failed"):
            print(f"note: {args.from_bench} lists failed notebooks, not merged: "
                  f"{', '.join(bench['failed'])}", file=sys.stderr)
        if after.get("profile") != profile_name or not after.get("notebooks"):
            parser.error(f"{args.from_bench} holds no {profile_name}-profile 'after' run")
        if not out.is_file():
            parser.error(f"--from-bench merges into {out}, which does not exist yet")
        records, paths = after["notebooks"], []
        args.only = [r["notebook"] for r in records]
        started = dt.datetime.strptime(after["date"], "%Y-%m-%d")
    for path in paths:
        print(f"[{profile_name}] {path.name} ...", end=" ", flush=True)
        try:
            record = run_notebook(path, profile_name, timeout=args.timeout)
        except RunError as err:
            print("FAILED")
            print(err, file=sys.stderr)
            print(f"{out} left unchanged.", file=sys.stderr)
            return 1
        records.append(record)
        print(f"{record['wall_s']:.0f} s")

    env = after["environment"] if args.from_bench else environment(records)
    if args.only and out.is_file():
        old = json.loads(out.read_text(encoding="utf-8"))
        if not same_machine(old["environment"], env):
            print(f"refusing to merge: {out} was measured on {old['environment'].get('cpu')} "
                  f"({old['environment'].get('cores')} cores, {old['environment'].get('device')}), "
                  f"this run on {env['cpu']} ({env['cores']} cores, {env['device']}); "
                  "re-run every notebook",
                  file=sys.stderr)
            return 1
        merged = {r["notebook"]: r for r in old["notebooks"]}
        merged.update({r["notebook"]: r for r in records})
        records = [merged[k] for k in sorted(merged)]
        # the machine, software, data source and commit of this run (or of the bench run)
        env = environment(records) | {k: env[k] for k in ("cpu", "cores", "threads", "platform",
                                                          "versions", "data_dir", "commit")
                                      if k in env}
    result = assemble(records, profile_name, started, env)
    course_results.write_json(out, result)
    if args.executed:
        save_executed([r for r in records if "executed" in r], args.executed, profile_name,
                      result["date"])
        print(f"saved the executed notebooks into {args.executed}")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: "
          f"{len(records)} notebooks, {result['total_s']:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
