"""Run one notebook at several seeds and record its result rows per seed in ``results/seeds/``.

    python -m tools.sweep_seeds 04 --seeds 42 1 2 3 4            # full profile
    python -m tools.sweep_seeds 09 --seeds 5 --profile quick --out /tmp/q.json
    python -m tools.sweep_seeds 04 --seeds 11 23 --profile quick --whole  # and its checks

``make seeds NOTEBOOK=04 SEEDS='42 1 2 3 4'`` calls it. Each seed runs the notebook
headless in a fresh kernel (``tools.run_results.run_notebook``) with ``$COURSE_SEED``
set, from its first cell to its results cell (the one that calls
``utils.record_results``), which every row comes from: the verdicts after it read
these very files, and a sweep judges nothing. The rows are written to
``results/seeds/<profile>-NN.json`` under that seed, with the date, the commit, the
machine and the wall time of the run (to the results cell). With ``--whole`` each seed
runs the whole notebook, checks and solutions included, and a seed whose run fails
stops the sweep (the seeds before it are kept): the way to try the checks at new seeds
(``results/seeds/quick-NN.json``, from the quick profile, records what they held at).
The file is rewritten after every seed, atomically, so a sweep cut short keeps the
seeds it finished; a seed already there is run again and replaced. Runs of one file
must come from one kind of machine (CPU model, cores, device): the seed-to-seed
spread is the point, and another machine's rounding moves the numbers as much as a
seed does.

These files are the measured spread that the notebooks' verdicts rest on
(``utils.results.recorded_seeds``); they are written only by this tool, never
by a notebook, and hold no time that a notebook prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

from tools import run_results
from utils import course
from utils import profile as course_profile
from utils import results as course_results

SCHEMA = 1


def seeds_file(notebook: str, profile_name: str = "full") -> Path:
    """Where the sweeps of ``notebook`` in ``profile_name`` are recorded."""
    return course_results.SEEDS_DIR / f"{profile_name}-{notebook}.json"


def to_results_cell(path: Path, folder: Path) -> Path:
    """A copy of notebook ``path`` in ``folder`` (same name) that ends with its results cell."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    ends = [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
            and "record_results(" in "".join(cell["source"])]
    if len(ends) != 1:
        raise SystemExit(f"{path.name}: {len(ends)} cells call utils.record_results, not one")
    nb["cells"] = nb["cells"][:ends[0] + 1]
    copy = folder / path.name
    copy.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return copy


def machine() -> dict:
    """The CPU model, the cores this process may use and, when ``TF_NUM_INTRAOP_THREADS``
    fixes it, TensorFlow's threads (two one-thread sweeps can share two cores)."""
    here = {"cpu": run_results.cpu_model(), "cores": run_results.cores()}
    if course_results.threads():
        here["threads"] = course_results.threads()
    return here


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", help="the notebook's two-digit number")
    parser.add_argument("--seeds", nargs="+", type=int, required=True, metavar="SEED")
    parser.add_argument("--profile", default="full", help="quick or full (default full)")
    parser.add_argument("--out", type=Path,
                        help="output file (default: results/seeds/<profile>-NN.json)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell (default 3600)")
    parser.add_argument("--whole", action="store_true",
                        help="run the whole notebook, checks and solutions included")
    parser.add_argument("--notebooks", type=Path, default=course.NOTEBOOKS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    profile_name = course_profile.Profile(args.profile).name
    found = [p for p in course.notebooks(args.notebooks) if p.name[:2] == args.notebook]
    if not found:
        parser.error(f"no notebook numbered {args.notebook!r} in {args.notebooks}")
    path = found[0]
    bad = [s for s in args.seeds if not 0 <= s < 2**32]
    if bad:
        parser.error(f"seeds must be integers from 0 to 2**32 - 1, not {bad}")
    out = args.out or seeds_file(args.notebook, profile_name)
    here = machine()
    doc = {"schema": SCHEMA, "notebook": args.notebook, "profile": profile_name,
           "machine": here, "runs": {}}
    if out.is_file():
        doc = json.loads(out.read_text(encoding="utf-8"))
        old = doc.get("machine") or {}
        if any(old.get(k) != here.get(k) for k in ("cpu", "cores", "threads")):
            parser.error(f"{out} holds runs on {old.get('cpu')} ({old.get('cores')} cores, "
                         f"threads {old.get('threads') or 'default'}); this machine is "
                         f"{here['cpu']} ({here['cores']} cores, threads "
                         f"{here.get('threads') or 'default'}): seeds of one file come from "
                         "one kind of machine (move the file away to start anew)")
    saved = os.environ.get(course_profile.SEED_ENV)
    try:
        for seed in args.seeds:
            print(f"[{profile_name}] {path.name} seed {seed} ...", end=" ", flush=True)
            os.environ[course_profile.SEED_ENV] = str(seed)
            try:
                # beside the notebook, so that it finds the course folder as it does there
                with tempfile.TemporaryDirectory(prefix=".sweep-", dir=path.parent) as tmp:
                    copy = path if args.whole else to_results_cell(path, Path(tmp))
                    record = run_results.run_notebook(copy, profile_name, timeout=args.timeout)
            except run_results.RunError as err:
                print("FAILED")
                print(err, file=sys.stderr)
                print(f"{out}: the seeds finished before are kept.", file=sys.stderr)
                return 1
            if record.get("seed") != seed:
                print("FAILED")
                print(f"{path.name} ran with seed {record.get('seed')}, not {seed}: its setup "
                      "cell must take the seed from $COURSE_SEED", file=sys.stderr)
                return 1
            devices = {doc.get("device"), record.get("device")} - {None}
            if len(devices) > 1:
                print("FAILED")
                print(f"{path.name} ran on {record.get('device')}, the file's runs on "
                      f"{doc.get('device')}", file=sys.stderr)
                return 1
            doc["device"] = record.get("device")
            doc["runs"][str(seed)] = {
                "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"),
                "whole": args.whole,
                "commit": record.get("commit"),
                "wall_s": record.get("wall_s"),
                "jena_period": record.get("jena_period"),
                # epoch_s: seconds per training epoch of that seed's run, where one was timed
                "rows": [{k: row.get(k) for k in ("model", "metric", "value", "unit", "epoch_s")
                          if k != "epoch_s" or row.get(k) is not None}
                         for row in record["rows"]],
            }
            doc["runs"] = dict(sorted(doc["runs"].items(), key=lambda kv: int(kv[0])))
            course_results.write_json(out, doc)
            print(f"{record['wall_s']:.0f} s")
    finally:
        if saved is None:
            os.environ.pop(course_profile.SEED_ENV, None)
        else:
            os.environ[course_profile.SEED_ENV] = saved
    print(f"wrote {out.relative_to(course.ROOT) if out.is_relative_to(course.ROOT) else out}: "
          f"seeds {', '.join(doc['runs'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
