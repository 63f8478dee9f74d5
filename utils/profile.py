"""The run profile: the lesson at real scale (``full``) or a quick run for CI (``quick``).

Every notebook takes its sizes from one place::

    P = utils.profile.current()
    epochs = P.pick(quick=2, full=10)

The profile is chosen in the notebook's setup cell (``PROFILE = "full"``, a
drop-down in Colab), handed to ``utils.setup``; the environment variable
``COURSE_PROFILE``, when set, takes precedence, so that ``make test`` and
``make results`` choose the profile of every notebook they run. The same cells
run in both profiles: only sizes and epoch counts differ.

The random seed comes from ``COURSE_SEED`` (an integer; unset means 42) and
travels with the profile as ``P.seed``: notebooks seed every model with it, so
a check can be tried under other seeds (``COURSE_SEED=7 make test``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_VAR = "COURSE_PROFILE"
PROFILES = {
    "full": "the lesson at real scale (default)",
    "quick": "the same cells on less data and fewer epochs (CI)",
}
DEFAULT = "full"
SEED_ENV = "COURSE_SEED"
DEFAULT_SEED = 42
MAX_SEED = 2**32 - 1  # NumPy's and Keras' random seeds are 32-bit


@dataclass(frozen=True)
class Profile:
    """A named profile; ``pick`` chooses a value for it."""

    name: str
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if self.name not in PROFILES:
            valid = ", ".join(f"'{name}' ({what})" for name, what in PROFILES.items())
            raise ValueError(
                f"unknown course profile {self.name!r}: set PROFILE in the setup cell, "
                f"or {ENV_VAR}, to one of {valid}"
            )
        if (isinstance(self.seed, bool) or not isinstance(self.seed, int)
                or not 0 <= self.seed <= MAX_SEED):
            raise ValueError(f"the seed must be an integer from 0 to {MAX_SEED:,} "
                             f"(2**32 - 1, NumPy's limit), not {self.seed!r}")

    @property
    def quick(self) -> bool:
        """True in the quick (CI) profile."""
        return self.name == "quick"

    def pick(self, *, quick, full):
        """Return ``quick`` in the quick profile and ``full`` in the full one."""
        return quick if self.quick else full


def current_seed() -> int:
    """The seed named by ``$COURSE_SEED`` (42 when unset or empty).

    Raises ``ValueError`` for anything but an integer from 0 to 2**32 - 1.
    """
    raw = os.environ.get(SEED_ENV, "").strip()
    if not raw:
        return DEFAULT_SEED
    try:
        seed = int(raw)
    except ValueError:
        seed = -1
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(
            f"{SEED_ENV}={raw!r} is not a seed: set it to an integer from 0 to {MAX_SEED:,} "
            f"(for example {SEED_ENV}=7) or unset it for the default {DEFAULT_SEED}"
        )
    return seed


# The profile utils.setup() chose for this kernel (None until it runs).
_active: Profile | None = None


def current() -> Profile:
    """The profile of this notebook: the one ``utils.setup`` chose, else the one
    ``$COURSE_PROFILE`` names (``full`` when unset), seeded by ``$COURSE_SEED``.

    Raises ``ValueError`` naming the valid profiles for an unknown profile, and
    for a seed that is not a non-negative integer.
    """
    if _active is not None:
        return _active
    raw = os.environ.get(ENV_VAR, "")
    return Profile(raw.strip().lower() or DEFAULT, current_seed())


def choose(requested: str | None = None, seed: int | None = None) -> tuple[Profile, str]:
    """The profile a notebook runs in, and a note on where it came from.

    ``requested`` is the setup cell's ``PROFILE`` (``"full"`` or ``"quick"``,
    ``None`` for the default). ``$COURSE_PROFILE``, when set, wins over it (CI and
    ``make results`` set it), and the note says so when the two differ. The seed
    is ``seed`` if given, else ``$COURSE_SEED`` (42 when unset). Raises
    ``ValueError`` for an unknown profile or a bad seed.
    """
    env = os.environ.get(ENV_VAR, "").strip().lower()
    wanted = (requested or "").strip().lower()
    if wanted:
        Profile(wanted)                  # an unknown value in the notebook stops here too
    name = env or wanted or DEFAULT
    note = ""
    if env and wanted and env != wanted:
        note = f"{ENV_VAR}={env} overrides PROFILE = {wanted!r} of the setup cell"
    elif env:
        note = f"from ${ENV_VAR}"
    return Profile(name, current_seed() if seed is None else seed), note


def activate(chosen: Profile | None) -> None:
    """Make ``chosen`` the profile :func:`current` returns in this kernel (``None`` resets)."""
    global _active
    _active = chosen
