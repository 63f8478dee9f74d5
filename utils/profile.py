"""The run profile: the lesson at real scale (``full``) or a quick run for CI (``quick``).

Every notebook takes its sizes from one place::

    P = utils.profile.current()
    epochs = P.pick(quick=2, full=10)

The profile comes from the environment variable ``COURSE_PROFILE``; unset means
``full``. The same cells run in both profiles: only sizes and epoch counts differ.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_VAR = "COURSE_PROFILE"
PROFILES = {
    "full": "the lesson at real scale (default)",
    "quick": "the same cells on less data and fewer epochs, about a minute per notebook (CI)",
}
DEFAULT = "full"


@dataclass(frozen=True)
class Profile:
    """A named profile; ``pick`` chooses a value for it."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in PROFILES:
            valid = ", ".join(f"'{name}' ({what})" for name, what in PROFILES.items())
            raise ValueError(
                f"unknown course profile {self.name!r}: set {ENV_VAR} to one of {valid}"
            )

    @property
    def quick(self) -> bool:
        """True in the quick (CI) profile."""
        return self.name == "quick"

    def pick(self, *, quick, full):
        """Return ``quick`` in the quick profile and ``full`` in the full one."""
        return quick if self.quick else full


def current() -> Profile:
    """The profile named by ``$COURSE_PROFILE`` (``full`` when unset or empty).

    Raises ``ValueError`` naming the valid profiles for anything else.
    """
    raw = os.environ.get(ENV_VAR, "")
    return Profile(raw.strip().lower() or DEFAULT)
