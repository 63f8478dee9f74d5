"""A notebook's headline numbers, shown as a table and collected for the README.

Each notebook's results cell makes one call::

    utils.record_results([
        {"model": "LSTM(32)", "metric": "test accuracy", "value": 0.883,
         "epoch_s": 61.2, "reference": "0.87-0.89"},
        ...
    ])

It returns the rows as a small table (three significant digits; the cell shows
it, beside the reference run's values when one is recorded and this is not a
``make results`` run; the rows also travel in the output's metadata, so that an
executed copy of the notebook says what it recorded). The notebook is the one
its setup cell named (``utils.setup(..., notebook="08")``). When
``$COURSE_RESULTS_FILE`` is set, as ``make results`` does for every notebook it
runs (``tools/run_results.py``), it also writes them there as JSON, with the
profile, the device, the package versions and the data files the notebook
read, so that ``results/<profile>.json`` and the README's tables come from real
runs.
"""

from __future__ import annotations

import json
import math
import numbers
import os
import platform
import tempfile
from pathlib import Path

from . import course, data, profile
from .notebook import describe_device
from .training import duration

RESULTS_FILE_ENV = "COURSE_RESULTS_FILE"
# Seed sweeps (tools/sweep_seeds.py): results/seeds/<profile>-NN.json
SEEDS_DIR = course.ROOT / "results" / "seeds"

# Keys of a row: the first four are required.
REQUIRED = ("model", "metric", "value")
OPTIONAL = ("unit", "epoch_s", "reference")


def _is_number(x) -> bool:
    """A real, finite number (Python or NumPy), not a bool."""
    return (isinstance(x, numbers.Real) and not isinstance(x, bool) and type(x).__name__ != "bool_"
            and math.isfinite(float(x)))


def _check_row(i: int, row: dict) -> dict:
    if not isinstance(row, dict):
        raise TypeError(f"result row {i} is a {type(row).__name__}, not a dict with keys "
                        f"{REQUIRED + OPTIONAL}")
    unknown = set(row) - set(REQUIRED + OPTIONAL)
    missing = [k for k in REQUIRED if k not in row]
    if unknown or missing:
        raise ValueError(f"result row {i}: missing {missing} / unknown {sorted(unknown)}; "
                         f"a row has {REQUIRED} and optionally {OPTIONAL}")
    for key in ("model", "metric"):
        if not isinstance(row[key], str) or not row[key].strip():
            raise ValueError(f"result row {i}: {key!r} must be a non-empty string, "
                             f"got {row[key]!r}")
    value = row["value"]
    if not _is_number(value):
        raise ValueError(f"result row {i} ({row['model']}): value must be a finite number, "
                         f"got {value!r}")
    epoch_s = row.get("epoch_s")
    if epoch_s is not None and not (_is_number(epoch_s) and epoch_s > 0):
        raise ValueError(f"result row {i} ({row['model']}): epoch_s must be a positive number of "
                         f"seconds or None, got {epoch_s!r}")
    reference = row.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise ValueError(f"result row {i} ({row['model']}): reference must be a string "
                         f"(e.g. '0.85 (DLwP)') or None, got {reference!r}")
    return {"model": row["model"], "metric": row["metric"], "value": float(value),
            "unit": row.get("unit") or "", "epoch_s": None if epoch_s is None else float(epoch_s),
            "reference": reference}


def versions() -> dict[str, str]:
    """Python and the versions of the packages the numbers depend on."""
    import importlib.metadata as md

    found = {"python": platform.python_version()}
    for name in ("tensorflow", "keras", "numpy", "pandas"):
        try:
            found[name] = md.version(name)
        except md.PackageNotFoundError:
            found[name] = "not installed"
    return found


def recording() -> bool:
    """True in a run of ``make results``: what it prints must be of this run only, so nothing
    is read from ``results/`` (the files this run is about to replace)."""
    return bool(os.environ.get(RESULTS_FILE_ENV, "").strip())


def record_results(*args, jena_period: str | None = None):
    """Show ``rows`` as a table; also write them to ``$COURSE_RESULTS_FILE`` when it is set.

    ``record_results(rows)``: the notebook is the one the setup cell named;
    ``record_results("08", rows)``, the form the notebooks still use until their next
    reference run, names it again (it must agree). Each row: ``model``,
    ``metric`` (say which split: "test accuracy", "validation MAE"),
    ``value`` (a finite number), optional ``unit`` ("°C", "" for ratios),
    ``epoch_s`` (seconds per training epoch, None when nothing was trained)
    and ``reference`` (the published number, as text). ``jena_period``: the
    Jena record the numbers come from, ``df.attrs["period"]`` of the loaded
    frame, for notebooks that read it. Returns a DataFrame.
    """
    *number, rows = args
    if len(number) > 1:
        raise TypeError("record_results(rows) or record_results(notebook, rows)")
    notebook = course.named(number[0] if number else None)
    if not rows:
        raise ValueError("record_results needs at least one row")
    checked = [_check_row(i, row) for i, row in enumerate(rows)]
    target = os.environ.get(RESULTS_FILE_ENV, "").strip()
    if target:
        record = {
            "notebook": notebook,
            "profile": profile.current().name,
            "seed": profile.current().seed,
            "device": describe_device(),
            "versions": versions(),
            "data_files": dict(sorted(data.USED.items())),
            "jena_period": jena_period,
            "rows": checked,
        }
        write_json(Path(target), record)
    reference = None if target else _reference_rows(notebook)
    return Results(notebook, table_of(checked, reference), checked)


def _reference_rows(notebook: str) -> dict | None:
    """``{(model, metric): row}`` of the reference run of this profile, or None."""
    run = reference_run()
    record = next((nb for nb in (run or {}).get("notebooks", []) if nb["notebook"] == notebook),
                  None)
    if record is None:
        return None
    return {(r["model"], r["metric"]): r for r in record["rows"]}


def number(value: float | None, unit: str = "") -> str:
    """Three significant digits and the unit (``2.82 °C``, ``0.886``), or ``""``."""
    if value is None:
        return ""
    text = f"{value:.3g}"
    return f"{text} {unit}" if unit else text


def table_of(rows: list[dict], reference: dict | None = None):
    """The rows as a small ``pandas.DataFrame``: model, metric, value (three significant
    digits, with its unit), seconds per epoch and the published reference where any row has
    them, and the reference run's value when ``reference`` is given; no empty column."""
    import pandas as pd

    columns = {"model": [r["model"] for r in rows], "metric": [r["metric"] for r in rows],
               "value": [number(r["value"], r["unit"]) for r in rows]}
    if reference is not None:
        columns["reference run"] = [number(reference[(r["model"], r["metric"])]["value"],
                                           r["unit"])
                                    if (r["model"], r["metric"]) in reference else ""
                                    for r in rows]
    if any(r["epoch_s"] is not None for r in rows):
        columns["s/epoch"] = [number(r["epoch_s"]) for r in rows]
    if any(r["reference"] for r in rows):
        columns["published"] = [r["reference"] or "" for r in rows]
    table = pd.DataFrame(columns)
    table.index = range(1, len(table) + 1)
    return table


class Results:
    """The rows a notebook recorded: shown as a table, with the rows in the output's metadata.

    Behaves like the ``pandas.DataFrame`` it wraps (``.loc``, columns, ...).
    Displayed, it is that DataFrame, and the output's metadata holds
    ``{"course_results": {"notebook": ..., "rows": [...]}}``: the executed
    copies in ``executed/`` keep it, and a test compares it with ``results/full.json``.
    """

    METADATA_KEY = "course_results"

    def __init__(self, notebook: str, table, rows: list[dict]):
        self.notebook, self.table, self.rows = notebook, table, rows

    def __getattr__(self, name):
        return getattr(self.table, name)

    def __getitem__(self, key):
        return self.table[key]

    def __len__(self):
        return len(self.table)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/plain": repr(self.table), "text/html": self.table._repr_html_()}
        return data, {self.METADATA_KEY: {"notebook": self.notebook, "rows": self.rows}}

    def __repr__(self):
        return repr(self.table)


def reference_run(profile_name: str | None = None, folder: Path | None = None) -> dict | None:
    """``results/<profile>.json`` (the current profile by default), or None when not measured."""
    name = profile_name or profile.current().name
    path = (folder or course.ROOT / "results") / f"{name}.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def describe_run(run: dict) -> str:
    """``full profile, AMD EPYC 7B13, 2 cores, CPU, 2026-12-03``: where a recorded run ran
    (``2 cores, one thread each`` when its notebooks ran one TensorFlow thread each)."""
    env = run.get("environment", {})
    cpu = " ".join(str(env.get("cpu", "")).split()[:3]) or "unknown CPU"
    return (f"{run.get('profile')} profile, {cpu}, {env.get('cores')} cores"
            f"{threads_said(env.get('threads'))}, {env.get('device', 'CPU')}, {run.get('date')}")


def threads_said(setting: str | None) -> str:
    """``, one thread each`` for a fixed setting of one thread, ``""`` for TensorFlow's default."""
    if not setting:
        return ""
    return ", one thread each" if str(setting) == "1" else f", {setting} threads each"


SLOW_TIMED = "timed by this run"


def slow_cell(*args: str, folder: Path | None = None) -> str:
    """Print, and return, how long this slow cell took in the reference run of this profile.

    The first line of a slow cell: ``utils.slow_cell("seven models")``.
    ``make results`` times every cell that calls it and stores the time under
    ``key`` in ``results/<profile>.json``; this prints that time, so the note
    above a slow cell is measured, never typed in. In a ``make results`` run it
    prints that the cell is being timed; the executed copy then shows this run's
    time in that line (``make sync`` writes it from ``results/``). ``slow_cell("08", "key")``,
    the form the notebooks still use until their next reference run, names the notebook again.
    """
    *number, key = args
    notebook = course.named(number[0] if number else None)
    if recording():
        line = f"Slow cell ({key}): {SLOW_TIMED}; it prints its progress as it goes."
        print(line, flush=True)
        return line
    run = reference_run(folder=folder)
    record = next((nb for nb in (run or {}).get("notebooks", []) if nb["notebook"] == notebook),
                  None)
    seconds = ((record or {}).get("cells") or {}).get(key)
    if seconds is None:
        line = (f"Slow cell ({key}): not yet timed in a reference run of the "
                f"{profile.current().name} profile (make results).")
    else:
        line = (f"Slow cell ({key}): {duration(seconds)} in the reference run "
                f"({describe_run(run)}); it prints its progress as it goes.")
    print(line, flush=True)
    return line


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (or platform's answer elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def threads() -> str | None:
    """TensorFlow's thread setting when ``TF_NUM_INTRAOP_THREADS`` fixes it, else None.

    One thread per process gives steady epoch times (``../shared/MEASUREMENTS.md``), so
    two sweeps can share two cores; their seconds are then of that setting, not the default.
    """
    return os.environ.get("TF_NUM_INTRAOP_THREADS") or None


class SeedRecord:
    """The seed sweeps of one notebook (``results/seeds/<profile>-NN.json``, written by
    ``tools/sweep_seeds.py``): the same notebook run at several seeds on one machine.

    ``seeds`` lists them in the order recorded; :meth:`values` gives one row's value at
    every seed; :meth:`describe` says which runs they are, for the sentence that uses them.
    """

    def __init__(self, doc: dict):
        self.doc = doc
        self.notebook = doc["notebook"]
        self.profile = doc["profile"]
        self.machine = doc.get("machine") or {}
        self.device = doc.get("device") or "CPU"
        self.runs = {int(seed): run for seed, run in doc["runs"].items()}

    @property
    def seeds(self) -> list[int]:
        return list(self.runs)

    def values(self, model: str, metric: str) -> dict[int, float]:
        """``{seed: value}`` of the row ``(model, metric)`` at every recorded seed; ``KeyError``
        naming the rows there are when a run lacks it."""
        found = {}
        for seed, run in self.runs.items():
            row = next((r for r in run["rows"]
                        if r["model"] == model and r["metric"] == metric), None)
            if row is None:
                names = sorted({(r["model"], r["metric"]) for r in run["rows"]})
                raise KeyError(f"the run of notebook {self.notebook} at seed {seed} recorded no "
                               f"row ({model!r}, {metric!r}); it has {names}")
            found[seed] = float(row["value"])
        return found

    def epoch_seconds(self, model: str, metric: str) -> dict[int, float]:
        """``{seed: seconds per epoch}`` of the row ``(model, metric)``, at the seeds whose run
        timed it (an empty dict when none did)."""
        found = {}
        for seed, run in self.runs.items():
            row = next((r for r in run["rows"]
                        if r["model"] == model and r["metric"] == metric), None)
            if row is not None and row.get("epoch_s") is not None:
                found[seed] = float(row["epoch_s"])
        return found

    def same_machine(self) -> bool:
        """True when this process runs on the kind of machine the sweeps ran on."""
        return (self.machine.get("cpu") == cpu_model() and self.machine.get("cores") == cores()
                and self.machine.get("threads") == threads() and self.device == describe_device())

    def with_run(self, model: str, metric: str, value: float, *,
                 jena_period: str | None = None) -> tuple[dict[int, float], str]:
        """The values a verdict rests on, and the words that say which runs they are.

        The recorded seeds' values of ``(model, metric)``, and ``value`` of this run under
        its seed when this run is one more of the same kind: same profile, same kind of
        machine, a seed not recorded (the reference run of the full profile, seed 42, is one),
        and, for a notebook that reads the Jena record, the same record (``jena_period``).
        Otherwise the recorded seeds alone: the learner's value is then shown beside them,
        not mixed in.
        """
        values = self.values(model, metric)
        current = profile.current()
        said = f"the {self.describe()}"
        periods = {run.get("jena_period") for run in self.runs.values()}
        if (current.name == self.profile and current.seed not in values
                and self.same_machine() and periods == {jena_period}):
            values = {**values, current.seed: float(value)}
            said = f"the {self.describe()}, and this run (seed {current.seed})"
        return values, said

    def describe(self) -> str:
        """``5 seeds (42, 1, 2, 3, 4) of the full profile, AMD EPYC, 2 cores, CPU, 2026-12-07``."""
        cpu = " ".join(str(self.machine.get("cpu", "")).split()[:3]) or "unknown CPU"
        dates = sorted({run.get("date") for run in self.runs.values() if run.get("date")})
        when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}" if dates else "?"
        seeds = ", ".join(str(s) for s in self.seeds)
        one = threads_said(self.machine.get("threads"))
        return (f"{len(self.runs)} seeds ({seeds}) of the {self.profile} profile, {cpu}, "
                f"{self.machine.get('cores')} cores{one}, {self.device}, {when}")


def recorded_seeds(notebook: str | None = None, profile_name: str = "full",
                   folder: Path | None = None, *, required: bool = True) -> SeedRecord | None:
    """The recorded seed sweeps of ``notebook`` (the one the setup cell named) in
    ``profile_name`` (``full`` by default: the reference runs the verdicts rest on,
    whatever profile the learner runs).

    These are other runs than the learner's, read from ``results/seeds/`` and named as
    such where they are used. When none are recorded: ``FileNotFoundError`` saying how to
    record them, or None with ``required=False``.
    """
    notebook = course.named(notebook)
    path = (folder or SEEDS_DIR) / f"{profile_name}-{notebook}.json"
    if not path.is_file():
        if required:
            raise FileNotFoundError(
                f"notebook {notebook} judges its models on recorded seeds, and {path} is "
                f"missing: record them with make seeds NOTEBOOK={notebook} SEEDS='1 2 3 4 5' "
                "(or restore the file from the repository)")
        return None
    return SeedRecord(json.loads(path.read_text(encoding="utf-8")))


def write_json(path: Path, obj) -> None:
    """Write ``obj`` to ``path`` as JSON, atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, indent=1, ensure_ascii=False)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
