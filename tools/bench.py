"""Time the notebooks before and after a change, in one run on one machine.

    python -m tools.bench --before 299bc19                  # every notebook, full profile
    python -m tools.bench --before 299bc19 --only 08 10     # some notebooks
    python -m tools.bench --compare old.json new.json       # two saved runs, no training

``make bench BEFORE=<commit>`` calls the first form. For each notebook it runs
the ``--before`` commit (checked out in a temporary git worktree, with its own
``utils``) and then the working tree, one after the other, each in a fresh
kernel, so both sides see the same machine at nearly the same moment. Every
notebook's results cell already records its headline numbers and the seconds
per training epoch of each model (``utils.record_results``); this script
collects them and writes:

- ``results/bench.json``: both runs, in the format of ``results/<profile>.json``;
- ``results/bench.md``: the table printed at the end (stable format, so that a
  later run can be compared with this one line by line);
- ``results/bench-log.md``: every run's table, newest first, with its commits,
  so that a new run does not erase the evidence for an earlier change.

The table has three parts: each notebook's wall time, each model's seconds per
epoch, and each headline number, before, after and after/before. A headline is
marked ``worse`` when it falls outside the course's tolerance for a speed-up:
an accuracy more than 0.5 points lower, or an MAE, MSE or perplexity more than
2 % higher. The exit status is 1 when any headline is worse, or when a notebook
failed: the notebooks timed before and after it are kept, and the failures are
listed under the tables and in ``bench.json`` (``"failed"``).

This is a measurement, not a test: it trains every model twice. Run it on an
otherwise idle machine. ``python -m tools.run_results --profile full --from-bench
results/bench.json`` then merges the "after" run into ``results/full.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tools import run_results
from utils import course
from utils import profile as course_profile
from utils import results as course_results

ROOT = course.ROOT
RESULTS = ROOT / "results"
ACCURACY_POINTS = 0.5      # an accuracy may fall by at most this many points
ERROR_RATIO = 1.02         # an MAE, MSE or perplexity may grow by at most 2 %


LOG_NAME = "bench-log.md"
LOG_TITLE = "# Benchmark log (python -m tools.bench), newest first\n"


def add_to_log(log: Path, entry: str) -> None:
    """Put ``entry`` (a Markdown section) at the top of the log, keeping every earlier one."""
    old = log.read_text(encoding="utf-8") if log.is_file() else LOG_TITLE
    if not old.startswith(LOG_TITLE):
        raise ValueError(f"{log} does not start with {LOG_TITLE.strip()!r}: it is not a bench "
                         "log; move it away or give --out a folder of its own")
    body = old[len(LOG_TITLE):].lstrip("\n")
    log.write_text(f"{LOG_TITLE}\n{entry.rstrip()}\n" + (f"\n{body}" if body else ""),
                   encoding="utf-8")


def direction(metric: str) -> int:
    """+1 when larger is better (accuracy, F1), -1 when smaller is (MAE, perplexity), else 0."""
    m = metric.lower()
    if any(w in m for w in ("accuracy", "f1", "recall", "precision")):
        return 1
    if any(w in m for w in ("mae", "mse", "perplexity", "loss")):
        return -1
    return 0


def verdict(metric: str, before: float, after: float) -> str:
    """``ok`` or ``worse`` by the course's tolerance for a speed-up, ``-`` for other numbers."""
    d = direction(metric)
    if d > 0:
        return "worse" if (before - after) * 100 > ACCURACY_POINTS else "ok"
    if d < 0:
        return "worse" if after > before * ERROR_RATIO else "ok"
    return "-"


def epoch_times(record: dict) -> dict[str, float]:
    """Seconds per epoch of each model in a notebook's record (first row that gives it)."""
    times: dict[str, float] = {}
    for row in record.get("rows") or []:
        if row.get("epoch_s") and row["model"] not in times:
            times[row["model"]] = row["epoch_s"]
    return times


def headlines(record: dict) -> dict[tuple[str, str], float]:
    """The record's numbers by (model, metric)."""
    return {(row["model"], row["metric"]): row["value"] for row in record.get("rows") or []}


def ratio(before: float | None, after: float | None) -> str:
    return f"{after / before:.2f}" if before and after else "-"


def fmt(x: float | None, digits: int = 1) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def table(before: dict, after: dict) -> str:
    """The before/after table in Markdown; ``before`` and ``after`` are results documents."""
    b_nb = {r["notebook"]: r for r in before["notebooks"]}
    a_nb = {r["notebook"]: r for r in after["notebooks"]}
    both = [k for k in a_nb if k in b_nb]
    env = after["environment"]
    lines = [
        f"Profile {after['profile']}, {env.get('cpu')}, {env.get('cores')} cores, "
        f"{env.get('device')}; before {before['environment'].get('commit')}, "
        f"after {env.get('commit')}.",
        "",
        "| notebook | before s | after s | after/before |",
        "|---|---:|---:|---:|",
    ]
    for k in both:
        lines.append(f"| {k} | {fmt(b_nb[k]['wall_s'], 0)} | {fmt(a_nb[k]['wall_s'], 0)} | "
                     f"{ratio(b_nb[k]['wall_s'], a_nb[k]['wall_s'])} |")
    tb = sum(b_nb[k]["wall_s"] for k in both)
    ta = sum(a_nb[k]["wall_s"] for k in both)
    lines.append(f"| all | {tb:.0f} | {ta:.0f} | {ratio(tb, ta)} |")

    lines += ["", "| notebook | model | before s/epoch | after s/epoch | after/before |",
              "|---|---|---:|---:|---:|"]
    for k in both:
        eb, ea = epoch_times(b_nb[k]), epoch_times(a_nb[k])
        for model in list(eb) + [m for m in ea if m not in eb]:
            lines.append(f"| {k} | {model} | {fmt(eb.get(model), 2)} | {fmt(ea.get(model), 2)} | "
                         f"{ratio(eb.get(model), ea.get(model))} |")

    lines += ["", "| notebook | model | metric | before | after | verdict |",
              "|---|---|---|---:|---:|---|"]
    for k in both:
        hb, ha = headlines(b_nb[k]), headlines(a_nb[k])
        for key in list(hb) + [m for m in ha if m not in hb]:
            vb, va = hb.get(key), ha.get(key)
            mark = verdict(key[1], vb, va) if vb is not None and va is not None else "-"
            lines.append(f"| {k} | {key[0]} | {key[1]} | {fmt(vb, 4)} | {fmt(va, 4)} | {mark} |")
    return "\n".join(lines) + "\n"


def any_worse(text: str) -> bool:
    return any(line.endswith("| worse |") for line in text.splitlines())


class Worktree:
    """A temporary detached git worktree of ``rev`` (removed on exit)."""

    def __init__(self, rev: str):
        self.rev = rev
        self.tmp = tempfile.TemporaryDirectory(prefix="course-bench-")
        self.path = Path(self.tmp.name) / "before"

    def __enter__(self) -> Path:
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(self.path), self.rev],
                       cwd=ROOT, check=True)
        return self.path

    def __exit__(self, *exc) -> None:
        subprocess.run(["git", "worktree", "remove", "--force", str(self.path)], cwd=ROOT,
                       check=False)
        self.tmp.cleanup()


def commit_of(rev: str) -> str:
    return subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", metavar="REV", help="the git commit to compare with")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE.json", "AFTER.json"),
                        help="print the table for two saved results files and exit")
    parser.add_argument("--profile", default="full", help="quick or full (default full)")
    parser.add_argument("--only", nargs="+", metavar="NN", help="only these notebooks")
    parser.add_argument("--out", type=Path, default=RESULTS / "bench.json")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(argv)

    if args.compare:
        docs = [json.loads(p.read_text(encoding="utf-8")) for p in args.compare]
        docs = [d.get("after", d) if i else d.get("before", d) for i, d in enumerate(docs)]
        text = table(*docs)
        print(text, end="")
        return 1 if any_worse(text) else 0
    if not args.before:
        parser.error("give --before REV (a commit to compare the working tree with) or --compare")

    if not os.environ.get("COURSE_DATA_DIR"):
        print("note: COURSE_DATA_DIR is not set, so the notebooks read data/ (and download "
              "what is missing); `make bench` sets it to ../shared/data when that exists",
              file=sys.stderr)
    profile_name = course_profile.Profile(args.profile).name
    after_paths = course.notebooks()
    if args.only:
        unknown = set(args.only) - {p.name[:2] for p in after_paths}
        if unknown:
            parser.error(f"no notebook numbered {sorted(unknown)}")
        after_paths = [p for p in after_paths if p.name[:2] in set(args.only)]
    before_commit = commit_of(args.before)
    started = dt.datetime.now(dt.timezone.utc)
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    failed: list[str] = []
    with Worktree(before_commit) as tree:
        for path in after_paths:
            old = tree / "notebooks" / path.name
            sides = [("before", old), ("after", path)] if old.is_file() else [("after", path)]
            for side, nb in sides:
                print(f"[{profile_name}] {side:6} {path.name} ...", end=" ", flush=True)
                try:
                    record = run_results.run_notebook(nb, profile_name, timeout=args.timeout)
                except run_results.RunError as err:
                    # keep the notebooks already timed: a failure late in a long run
                    # must not throw away an hour of measurements
                    print("FAILED")
                    print(err, file=sys.stderr)
                    if side == "after" and len(sides) == 2:
                        runs["before"].pop()     # a before run with no after run to compare
                    failed.append(f"{path.name[:2]} ({side})")
                    break
                runs[side].append(record)
                print(f"{record['wall_s']:.0f} s", flush=True)
    if not runs["after"]:
        print(f"nothing was timed: {', '.join(failed)} failed", file=sys.stderr)
        return 1
    docs = {side: run_results.assemble(recs, profile_name, started)
            for side, recs in runs.items()}
    docs["before"]["environment"]["commit"] = before_commit
    docs["failed"] = failed
    course_results.write_json(args.out, docs)
    text = table(docs["before"], docs["after"])
    if failed:
        text += (f"\nFailed, so left out of the tables: {', '.join(failed)} "
                 "(a notebook that failed on either side is in neither).\n")
    report = f"# Benchmark, {started:%Y-%m-%d} (python -m tools.bench)\n\n{text}"
    args.out.with_suffix(".md").write_text(report, encoding="utf-8")
    log = args.out.parent / LOG_NAME
    add_to_log(log, f"## {started:%Y-%m-%d %H:%M} UTC, python -m tools.bench {' '.join(argv)}"
               f"\n\n{text}")
    print(text, end="")
    print(f"wrote {args.out}, {args.out.with_suffix('.md')} and {log}")
    return 1 if failed or any_worse(text) else 0


if __name__ == "__main__":
    sys.exit(main())
