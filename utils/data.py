"""The course's data sets: one registry, and files that arrive verified.

:data:`DATASETS` (read from ``registry.toml``) lists every data set by name,
with the files that can hold it, preferred first. :func:`fetch` returns the
first verified local copy, looking in ``$COURSE_DATA_DIR`` (laid out like the
offline mirror ``../shared/data``), then in the cache (``data/``, or
``$COURSE_CACHE_DIR``); with none, it downloads the first file that has an
address. :func:`extract` unpacks an archive's members once.

pooch downloads (HTTP, tqdm progress bar, sha256/md5 check of the download)
and extracts only the needed members (``Untar``/``Unzip``). What pooch does
not do stays here, and is why this module is longer than 200 lines:

- the mirror-first lookup, and verifying copies pooch did not download;
- a size check that names a truncated file, and zip CRC checks where
  upstream publishes no hash (pooch compares hashes only);
- atomic placement: pooch moves a download without a known hash into place
  unchecked, so it downloads into a hidden temporary folder, renamed into
  place only after every check;
- extraction moved into place as a whole, with a marker and a lock: pooch
  extracts in place and would accept a half-extracted folder;
- errors that name every place looked and the fix.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import tomllib
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .course import ROOT

try:
    import fcntl  # POSIX file locks; Windows has none and no concurrent runs to guard against
except ImportError:
    fcntl = None

DATA_DIR_ENV, CACHE_DIR_ENV = "COURSE_DATA_DIR", "COURSE_CACHE_DIR"
REGISTRY_FILE = Path(__file__).with_name("registry.toml")
_FIX = "Delete it and run again to fetch a fresh copy."


class DataError(RuntimeError):
    """A data file is missing, corrupt, or could not be downloaded."""


class ChecksumError(DataError):
    """A file's size or checksum differs from the pinned one."""


class DataNotFoundError(DataError):
    """No verified copy of a file exists locally and it could not be downloaded."""


@dataclass(frozen=True)
class DataFile:
    """One file that can hold a data set; without ``url`` it exists only in the offline mirror."""

    name: str
    url: str | None = None
    size: int | None = None
    sha256: str | None = None
    md5: str | None = None
    check_zip: bool = False  # verified by the archive's own CRCs (no published hash)
    note: str = ""  # what this copy is, for data/README.md


@dataclass(frozen=True)
class Dataset:
    """A data set, its files (preferred first), and the archive members it extracts."""

    name: str
    description: str
    terms: str
    notebooks: tuple[str, ...]
    files: tuple[DataFile, ...]
    members: tuple[str, ...] = ()
    extracts_to: str | None = None


class Local(NamedTuple):
    """A verified local copy: its path, the file it is and the data set it holds."""

    path: Path
    file: DataFile
    dataset: Dataset


def _load_registry(path: Path) -> dict[str, Dataset]:
    with open(path, "rb") as f:
        return {name: Dataset(name, t["description"], t["terms"], tuple(t["notebooks"]),
                              tuple(DataFile(**f) for f in t["files"]),
                              tuple(t.get("members", ())), t.get("extracts_to"))
                for name, t in tomllib.load(f).items()}


DATASETS: dict[str, Dataset] = _load_registry(REGISTRY_FILE)
# The files this process used: name -> "$COURSE_DATA_DIR", "cache" or "download".
USED: dict[str, str] = {}
_verified: set[tuple[str, int, int]] = set()


def _pooch():
    """pooch, imported when first needed: ``import utils`` works before Colab installs it.

    pooch imports ``tqdm.auto``, which warns in a Jupyter kernel without ipywidgets; the
    plain text progress bar it falls back to is the one we want, so the warning is dropped.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="IProgress not found")
        import pooch

    pooch.get_logger().setLevel("WARNING")  # the progress bar says enough
    return pooch


def mirror_dir() -> Path | None:
    """The folder named by ``$COURSE_DATA_DIR``, or None when it is unset."""
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value).expanduser() if value else None


def cache_dir() -> Path:
    """The download cache: ``$COURSE_CACHE_DIR`` or the repository's ``data/``."""
    value = os.environ.get(CACHE_DIR_ENV, "").strip()
    folder = Path(value).expanduser() if value else ROOT / "data"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def verify(path: Path, file: DataFile) -> None:
    """Check ``path``'s size, hash and zip CRCs against ``file``; raise ``ChecksumError`` if off."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _verified:  # hashed once per process
        return
    if file.size is not None and stat.st_size != file.size:
        hint = " (truncated?)" if stat.st_size < file.size else ""
        raise ChecksumError(f"{path} has {stat.st_size:,} bytes, expected {file.size:,}{hint}: "
                            f"the file is incomplete or not {file.name}. {_FIX}")
    for alg, expected in (("sha256", file.sha256), ("md5", file.md5)):
        if expected and (actual := _pooch().file_hash(str(path), alg=alg)) != expected:
            raise ChecksumError(f"{path} has {alg} {actual}, expected {expected}: the file is "
                                f"corrupt or not {file.name}. {_FIX}")
    if file.check_zip:
        try:  # a damaged deflate stream fails inside zlib before the CRC is compared
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
        except (zipfile.BadZipFile, zlib.error, EOFError) as err:
            raise ChecksumError(f"{path} is not a readable zip archive ({err}). {_FIX}") from None
        if bad is not None:
            raise ChecksumError(f"{path}: member {bad} fails its CRC check. {_FIX}")
    _verified.add(key)


def download(file: DataFile, folder: Path | None = None, *, timeout: float = 60.0) -> Path:
    """Download ``file`` into ``folder`` (default: the cache), verified; nothing half-written stays.

    Raises ``ChecksumError`` for wrong content, ``DataNotFoundError`` for
    network failures and truncated transfers.
    """
    import requests

    if file.url is None:
        raise DataNotFoundError(f"{file.name} has no download address: it exists only in the "
                                f"offline mirror ({DATA_DIR_ENV}).")
    pooch, folder = _pooch(), Path(folder or cache_dir())
    folder.mkdir(parents=True, exist_ok=True)
    known = f"sha256:{file.sha256}" if file.sha256 else f"md5:{file.md5}" if file.md5 else None
    get = pooch.HTTPDownloader(progressbar=True, timeout=timeout,
                               headers={"User-Agent": "rnn-keras-course"})
    with tempfile.TemporaryDirectory(prefix=f".{file.name}.", dir=folder) as work:
        try:
            got = Path(pooch.retrieve(file.url, known, file.name, work, downloader=get))
        except ValueError as err:  # the hash differs; pooch has removed the file
            raise ChecksumError(f"{file.name} from {file.url}: {err}") from None
        except (requests.RequestException, OSError) as err:
            raise DataNotFoundError(f"downloading {file.name} from {file.url} failed "
                                    f"({type(err).__name__}: {err})") from err
        verify(got, file)
        os.replace(got, folder / file.name)
    return folder / file.name


def _find(file: DataFile) -> tuple[Path, str] | None:
    """The verified local copy of ``file`` and its place; a corrupt cached copy is deleted."""
    mirror = [(f"${DATA_DIR_ENV}", mirror_dir())] if mirror_dir() else []
    for place, folder in mirror + [("cache", cache_dir())]:
        candidate = folder / file.name
        if candidate.is_file():
            try:
                verify(candidate, file)
                return candidate, place
            except ChecksumError:
                if place != "cache":  # the mirror is not ours to delete
                    raise
                candidate.unlink(missing_ok=True)
    return None


def fetch(dataset: str, *, names: list[str] | None = None, download_missing: bool = True) -> Local:
    """The verified local copy of ``dataset`` (of its files ``names`` only, when given).

    Raises ``DataNotFoundError`` naming every place looked, the download error and the fix.
    """
    if dataset not in DATASETS:
        raise KeyError(f"{dataset!r} is not a course data set; known: {', '.join(DATASETS)}")
    entry = DATASETS[dataset]
    files = [f for f in entry.files if names is None or f.name in names]
    for file in files:
        if found := _find(file):
            USED[file.name] = found[1]
            return Local(found[0], file, entry)
    error = "downloads are turned off for this call"
    if download_missing:
        error = "no download address (a mirror-only file)"
        for file in [f for f in files if f.url][:1]:
            try:
                local = Local(download(file), file, entry)
                USED[file.name] = "download"
                return local
            except DataError as err:
                error = str(err)
    places = [str(mirror_dir())] * bool(mirror_dir()) + [str(cache_dir())]
    raise DataNotFoundError(
        f"{' or '.join(f.name for f in files)} not found; looked in: {'; '.join(places)}; and the "
        f"download failed ({error}). Fix: connect to the internet and run again, or point "
        f"{DATA_DIR_ENV} at a folder holding the file (e.g. the course's offline mirror "
        "../shared/data), or copy it into the repository's data/ folder.")


def extract(local: Local) -> Path:
    """Unpack the data set's members from ``local`` into the cache once; return the result.

    pooch extracts into a temporary folder, moved into place as a whole; then a
    marker records completion, so an interrupted run is redone on the next call.
    A lock makes notebooks run side by side (nbval) extract it once.
    """
    entry, folder = local.dataset, cache_dir()
    if not entry.members or not entry.extracts_to:
        raise ValueError(f"{local.file.name} is not an archive the course extracts")
    target, marker = folder / entry.extracts_to, folder / f".{entry.extracts_to}.complete"
    with open(folder / f".{entry.extracts_to}.lock", "w") as lock:
        if fcntl:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.is_file() and target.exists():
            return target
        unpack = _pooch().Unzip if local.file.name.endswith(".zip") else _pooch().Untar
        with tempfile.TemporaryDirectory(prefix=f".{entry.extracts_to}.", dir=folder) as work:
            try:
                unpack(list(entry.members), work)(str(local.path), "download", None)
            except (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
                why = f"{type(err).__name__}: {err}"
                raise DataError(f"extracting {local.path} failed ({why}): the archive is "
                                "truncated or corrupt. Delete it and run again.") from err
            if not (Path(work) / entry.extracts_to).exists():
                raise DataError(f"{local.path} holds none of the expected members {entry.members}")
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
            os.replace(Path(work) / entry.extracts_to, target)
        marker.write_text(f"extracted from {local.file.name}\n")
    return target
