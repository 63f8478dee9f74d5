"""Fetch the course's data sets ahead of time (``make data``).

    python -m tools.fetch_data             # every data set the notebooks read
    python -m tools.fetch_data imdb glove  # some of them

Without arguments: every data set of ``utils.data.DATASETS``, and of the two
Jena records only the one ``utils.datasets.jena_period()`` chooses. Archives are
extracted and converted too, so the notebooks find everything ready.
"""

from __future__ import annotations

import sys

from utils import data, datasets


def default_datasets() -> list[str]:
    """Every data set, with one Jena record: the period the notebooks will load."""
    jena = "jena_" + datasets.jena_period().replace("-", "_")
    return [name for name in data.DATASETS if not name.startswith("jena_") or name == jena]


def main(argv: list[str] | None = None) -> int:
    names = (sys.argv[1:] if argv is None else argv) or default_datasets()
    failed = 0
    for name in names:
        try:
            entry = data.DATASETS.get(name)
            ready = data.prepare(name) if entry and entry.extracts_to else data.fetch(name).path
            print(f"{name}: {ready}")
        except KeyError as err:
            print(f"{name}: {err.args[0]}", file=sys.stderr)
            failed += 1
        except data.DataError as err:
            print(f"{name}: FAILED: {err}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
