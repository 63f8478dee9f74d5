"""Fetch the course's data sets ahead of time (``make data``).

    python -m tools.fetch_data             # every data set the notebooks read
    python -m tools.fetch_data imdb glove  # some of them

Without arguments: every data set of ``utils.data.DATASETS``, and of the two
Jena records only the one ``utils.datasets.jena_period()`` chooses.
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
            print(f"{name}: {data.fetch(name).path}")
        except KeyError as err:
            print(f"{name}: {err.args[0]}", file=sys.stderr)
            failed += 1
        except data.DataError as err:
            print(f"{name}: FAILED: {err}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
