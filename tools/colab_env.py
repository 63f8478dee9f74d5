"""Make a virtual environment with Colab's package versions, for ``make test-colab``.

    python -m tools.colab_env --set colab            # .venv-colab: Colab's runtime today
    python -m tools.colab_env --set colab-2026-01    # .venv-colab-2026-01: the oldest supported

A version set is a file ``constraints/<set>.txt``: the versions Colab provides of
the packages the notebooks import (TensorFlow, Keras, NumPy, pandas, matplotlib,
tqdm, pooch), and a comment line ``# python: 3.13`` naming Colab's Python. The
environment gets those versions, and from ``requirements.txt`` only what runs
the notebooks under nbval (ipykernel, nbval, nbclient, pytest, pytest-xdist): no
JupyterLab, linter or site tools. It is made with Colab's Python when this
machine has it (on PATH, or installed by pyenv), else with the Python running
this tool, and says which. An environment already made from the same files is
reused. Prints the environment's python on its last line.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from utils import course

ROOT = course.ROOT
CONSTRAINTS = ROOT / "constraints"
# From requirements.txt: what executes the notebooks under nbval.
TEST_TOOLS = ("ipykernel", "nbval", "nbclient", "pytest", "pytest-xdist")


def read_set(name: str) -> tuple[list[str], str | None]:
    """The pins of ``constraints/<name>.txt`` and its Python version (``"3.13"``) if named."""
    path = CONSTRAINTS / f"{name}.txt"
    if not path.is_file():
        sets = sorted(p.stem for p in CONSTRAINTS.glob("*.txt"))
        raise SystemExit(f"no version set {name!r}: constraints/{name}.txt does not exist "
                         f"(there are {', '.join(sets)})")
    pins, python = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"#\s*python:\s*(\d+\.\d+)", line.strip())
        if found:
            python = found.group(1)
        line = line.split("#", 1)[0].strip()
        if line:
            if "==" not in line:
                raise SystemExit(f"constraints/{name}.txt: {line!r} is not pinned with ==")
            pins.append(line)
    return pins, python


def requirements(pins: list[str]) -> list[str]:
    """The environment's requirement lines: the set's pins, then the test tools' pins."""
    pinned = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            pinned[line.split("==", 1)[0].strip().lower()] = line
    missing = [tool for tool in TEST_TOOLS if tool not in pinned]
    if missing:
        raise SystemExit(f"requirements.txt pins no {missing}")
    return pins + [pinned[tool] for tool in TEST_TOOLS]


def find_python(version: str | None) -> tuple[str, str]:
    """An interpreter of ``version`` (``"3.13"``) and how it was found; else this one."""
    if version:
        candidates = [shutil.which(f"python{version}")]
        pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
        candidates += sorted(str(p) for p in pyenv.glob(f"{version}*/bin/python{version}"))
        for candidate in filter(None, candidates):
            try:
                subprocess.run([candidate, "-c", "import venv"], check=True,
                               capture_output=True, timeout=60)
            except (OSError, subprocess.SubprocessError):
                continue
            return candidate, f"Python {version}, as Colab"
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    return sys.executable, (f"Python {here}: Colab's Python {version} is not on this machine"
                            if version and version != here else f"Python {here}")


def make(name: str) -> Path:
    """Create (or reuse) ``.venv-<name>`` for the version set ``name``; return its python."""
    pins, version = read_set(name)
    lines = requirements(pins)
    python, how = find_python(version)
    venv = ROOT / f".venv-{name}"
    stamp = venv / ".installed"
    digest = hashlib.sha256("\n".join(lines + [python]).encode()).hexdigest()
    target = venv / "bin" / "python"
    if stamp.is_file() and stamp.read_text().strip() == digest and target.exists():
        print(f"{venv.name}: up to date ({how})")
        return target
    if venv.exists():
        shutil.rmtree(venv)
    print(f"{venv.name}: {how}; installing {', '.join(pins)}", flush=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(target), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    *lines], check=True)
    stamp.write_text(digest + "\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="colab", help="a file constraints/<SET>.txt")
    args = parser.parse_args(argv)
    print(make(args.set))
    return 0


if __name__ == "__main__":
    sys.exit(main())
