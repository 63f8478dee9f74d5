"""Shared test set-up: the offline mirror, a private cache, and no network.

Tests read real data from ``$COURSE_DATA_DIR`` (the offline mirror,
``../shared/data``), write only into temporary folders, and may open sockets
to 127.0.0.1 only: anything else fails at once.
"""

import os
import socket
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Keras reads KERAS_HOME once, at import: point it at a private folder first.
_session_tmp = Path(tempfile.mkdtemp(prefix="course-tests-"))
os.environ["KERAS_HOME"] = str(_session_tmp / "keras")
os.environ["COURSE_CACHE_DIR"] = str(_session_tmp / "cache")

_NAMED = os.environ.get("COURSE_DATA_DIR")
MIRROR = Path(_NAMED) if _NAMED else ROOT.parent / "shared" / "data"
# Without the mirror (the pull-request workflow on GitHub), COURSE_TESTS_WITHOUT_MIRROR=1 runs
# the tests that do not read it and skips the rest, each marked `mirror` or asking for it.
# An empty COURSE_DATA_DIR means no mirror: it is how this decision reaches xdist's workers.
HAVE_MIRROR = _NAMED != "" and (MIRROR / "SHA256SUMS").is_file()
WITHOUT_MIRROR = os.environ.get("COURSE_TESTS_WITHOUT_MIRROR", "").strip() not in ("", "0")
if not HAVE_MIRROR and not WITHOUT_MIRROR:
    pytest.exit(f"the tests need the offline data mirror: set COURSE_DATA_DIR to a folder laid "
                f"out like ../shared/data (looked at {MIRROR}), or COURSE_TESTS_WITHOUT_MIRROR=1 "
                "to run only the tests that do not read it", returncode=2)
os.environ["COURSE_DATA_DIR"] = str(MIRROR) if HAVE_MIRROR else ""


def pytest_configure(config):
    config.addinivalue_line("markers", "mirror: the test reads the offline data mirror")


def pytest_collection_modifyitems(config, items):
    if HAVE_MIRROR:
        return
    skip = pytest.mark.skip(reason="needs the offline data mirror (COURSE_DATA_DIR)")
    for item in items:
        if "mirror" in item.keywords or "mirror" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)

_LOOPBACK = ("127.0.0.1", "::1", "localhost")
_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOOPBACK:
        raise OSError(f"tests may not reach the network (tried {address!r})")
    return _real_connect(self, address)


def _resolve_loopback_only(host, *args, **kwargs):
    if host not in _LOOPBACK:
        raise OSError(f"tests may not reach the network (tried to resolve {host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _loopback_only
socket.getaddrinfo = _resolve_loopback_only


@pytest.fixture
def mirror() -> Path:
    """The offline mirror folder."""
    return MIRROR


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """An empty $COURSE_DATA_DIR and an empty cache: nothing is found locally."""
    from utils import data

    empty, cache = tmp_path / "mirror", tmp_path / "cache"
    empty.mkdir()
    monkeypatch.setenv("COURSE_DATA_DIR", str(empty))
    monkeypatch.setenv("COURSE_CACHE_DIR", str(cache))
    monkeypatch.setattr(data, "_verified", set())
    return empty, cache


@pytest.fixture(autouse=True)
def _no_active_profile():
    """Every test starts with no profile chosen by an earlier utils.setup() in this process."""
    from utils import course, profile

    profile.activate(None)
    course.set_current(None)
    yield
    profile.activate(None)
    course.set_current(None)
