"""A notebook's headline numbers, shown as a table and collected for the README.

Each notebook's results cell makes one call::

    utils.record_results("08", [
        {"model": "LSTM(32)", "metric": "test accuracy", "value": 0.883,
         "epoch_s": 61.2, "reference": "0.87-0.89"},
        ...
    ])

It returns the rows as a ``pandas.DataFrame`` (the cell shows it). When
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

from . import data, profile
from .notebook import describe_device

RESULTS_FILE_ENV = "COURSE_RESULTS_FILE"

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


def record_results(notebook: str, rows: list[dict], *, jena_period: str | None = None):
    """Show ``rows`` as a table; also write them to ``$COURSE_RESULTS_FILE`` when it is set.

    ``notebook``: the two-digit number (``"08"``). Each row: ``model``,
    ``metric`` (say which split: "test accuracy", "validation MAE"),
    ``value`` (a finite number), optional ``unit`` ("°C", "" for ratios),
    ``epoch_s`` (seconds per training epoch, None when nothing was trained)
    and ``reference`` (the published number, as text). ``jena_period``: the
    Jena record the numbers come from, ``df.attrs["period"]`` of the loaded
    frame, for notebooks that read it. Returns a DataFrame.
    """
    import pandas as pd

    if not (isinstance(notebook, str) and len(notebook) == 2 and notebook.isdigit()):
        raise ValueError(f"notebook must be its two-digit number such as '08', got {notebook!r}")
    if not rows:
        raise ValueError("record_results needs at least one row")
    checked = [_check_row(i, row) for i, row in enumerate(rows)]
    target = os.environ.get(RESULTS_FILE_ENV, "").strip()
    if target:
        record = {
            "notebook": notebook,
            "profile": profile.current().name,
            "device": describe_device(),
            "versions": versions(),
            "data_files": dict(sorted(data.USED.items())),
            "jena_period": jena_period,
            "rows": checked,
        }
        write_json(Path(target), record)
    table = pd.DataFrame(checked).rename(columns={"epoch_s": "s/epoch"})
    table.index = range(1, len(table) + 1)
    return table


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
