"""The course's data sets: one registry, and files that arrive verified.

:data:`DATASETS` (read from ``registry.toml``) lists every data set by name,
with the files that can hold it, preferred first. :func:`fetch` returns the
first verified local copy, looking in ``$COURSE_DATA_DIR`` (laid out like the
offline mirror ``../shared/data``), then in the cache (``data/``, or
``$COURSE_CACHE_DIR``); with none, it downloads the files that have an address,
in the registry's order, until one arrives verified. :func:`prepare` gives the
extracted or converted form of a data set (a folder or a CSV), checked against
what the registry says it holds every time it is used.

pooch downloads (HTTP, tqdm progress bar, sha256/md5 check of the download).
What pooch does not do stays here, and is why this module is long:

- the mirror-first lookup, and verifying copies pooch did not download;
- a size check that names a truncated file, zip CRC checks where upstream
  publishes no hash, and a content check for a file that has neither (a login
  page saved in place of a book is refused);
- conversions of an upstream layout into the course's (a word2vec header line
  dropped and the rest checked against the published md5 of the text; a
  benchmark's copy of the Jena record written in Keras' layout and checked
  against what the course's record holds);
- atomic placement: downloads and extractions go into hidden temporary
  folders (``.download-*``, ``.extract-*``), renamed into place only after
  every check, and removed by the next run if a run was killed;
- extraction that refuses links and paths outside its folder on every Python
  the course supports (pooch filters tar members only from Python 3.12);
- a manifest of what was extracted (files and bytes per folder), checked at
  every use: a cache that lost files is extracted again, never loaded;
- locks, so two notebooks fetching the same data set download and extract it once;
- errors that name the file, every place looked and the fix.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import json
import os
import shutil
import stat
import sys
import tarfile
import tempfile
import tomllib
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from . import course
from .course import ROOT

try:
    import fcntl  # POSIX file locks
except ImportError:  # Windows: no lock, so two notebooks started at once may both download
    fcntl = None

DATA_DIR_ENV, CACHE_DIR_ENV = "COURSE_DATA_DIR", "COURSE_CACHE_DIR"
# A JSON file of {file name: {field: value}} laid over the registry: the tests point the
# upstream addresses at a local server with it; an instructor can point them at a
# classroom's own server the same way.
OVERRIDES_ENV = "COURSE_DATA_OVERRIDES"
REGISTRY_FILE = Path(__file__).with_name("registry.toml")
_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)
_WRITABLE = (f"set {CACHE_DIR_ENV} to a folder you can write to (for example "
             f"{CACHE_DIR_ENV}=~/rnn-course-data) and run again")


class DataError(RuntimeError):
    """A data file is missing, corrupt, or could not be downloaded."""


class ChecksumError(DataError):
    """A file's size, checksum or content differs from the registry's."""


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
    contains: tuple[str, ...] = ()  # texts a file with no published hash must hold
    # How the file becomes the course's layout: "word2vec_header" (a gzipped text whose
    # first line is a word2vec header; the rest must have body_md5 and body_size) or
    # "tslib_weather" (the Jena record in a benchmark's layout, written in Keras' layout).
    convert: str | None = None
    body_md5: str | None = None
    body_size: int | None = None
    note: str = ""  # what this copy is, for data/README.md


@dataclass(frozen=True)
class Dataset:
    """A data set, its files (preferred first), and what it extracts to."""

    name: str
    description: str
    terms: str
    notebooks: tuple[str, ...]  # from course.toml: the notebooks that read it
    files: tuple[DataFile, ...]
    members: tuple[str, ...] = ()
    extracts_to: str | None = None
    # What the extracted form holds: files per folder (IMDB's 12,500 reviews a folder),
    # or the data rows of a CSV (the Jena records), checked after every extraction.
    counts: dict[str, int] = field(default_factory=dict)
    rows: int | None = None
    label: str = ""  # its name in the README's course table


class Local(NamedTuple):
    """A verified local copy: its path, the file it is and the data set it holds."""

    path: Path
    file: DataFile
    dataset: Dataset


def _overrides() -> dict[str, dict]:
    value = os.environ.get(OVERRIDES_ENV, "").strip()
    if not value:
        return {}
    try:
        return json.loads(Path(value).expanduser().read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DataError(f"${OVERRIDES_ENV}={value} is not a readable JSON file of registry "
                        f"changes ({err}): fix it or unset {OVERRIDES_ENV}") from None


def _load_registry(path: Path, *, overridden: bool = True) -> dict[str, Dataset]:
    """The registry at ``path``, with ``$COURSE_DATA_OVERRIDES`` laid over it (unless not
    ``overridden``)."""
    with open(path, "rb") as f:
        tables = tomllib.load(f)
    changes = _overrides() if overridden else {}
    datasets = {}
    for name, t in tables.items():
        files = []
        for spec in t["files"]:
            spec = {**spec, **changes.get(spec["name"], {})}
            spec["contains"] = tuple(spec.get("contains", ()))
            files.append(DataFile(**spec))
        reader = t.get("option_of", name)
        readers = tuple(n for n, item in course.MANIFEST.items() if reader in item.data)
        datasets[name] = Dataset(name, t["description"], t["terms"], readers, tuple(files),
                                 tuple(t.get("members", ())), t.get("extracts_to"),
                                 dict(t.get("counts", {})), t.get("rows"), t["label"])
        if name in changes:  # a data set's own fields (its row count, say)
            datasets[name] = replace(datasets[name], **changes[name])
    return datasets


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
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DataError(f"the data cache {folder} cannot be created ({err.strerror}): "
                        f"{_WRITABLE}") from None
    return folder


def _disk_error(err: OSError, what: str, folder: Path, size: int | None = None) -> DataError:
    """The error for an ``OSError`` while writing ``what`` into ``folder``, with the fix."""
    if err.errno == errno.ENOSPC:
        need = f" (it needs about {size / 1e6:,.0f} MB)" if size else ""
        room = _WRITABLE.replace("you can write to", "on a disk with room")
        return DataError(f"no space left on the disk of {folder} while writing {what}{need}: "
                         f"free some space, or {room}")
    if err.errno in _READ_ONLY:
        return DataError(f"cannot write {what} into {folder} ({err.strerror}): {_WRITABLE}")
    return DataError(f"writing {what} into {folder} failed ({type(err).__name__}: {err}): check "
                     f"that the disk is there and healthy and run again, or {_WRITABLE}")


@contextlib.contextmanager
def _locked(folder: Path, name: str):
    """Hold the lock ``folder/.name.lock`` (one process at a time prepares ``name``)."""
    try:
        lock = open(folder / f".{name}.lock", "w")
    except OSError as err:
        raise _disk_error(err, f"the lock file for {name}", folder) from None
    with lock:
        if fcntl:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _remove_leftovers(folder: Path, prefix: str, legacy: str) -> None:
    """Remove what a killed run left: the temporary folders named ``prefix*``, and those of
    earlier versions of this module, ``legacy*`` (folders only: the lock and the marker
    share that prefix). Called under the lock of what they were for, so nobody is still
    writing them."""
    for path in folder.glob(".*"):
        if path.is_dir() and path.name.startswith((prefix, legacy)):
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(prefix):
            path.unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    """Remove every temporary download or extraction a killed run left in ``folder`` whose
    lock nobody holds (a run in progress holds its lock, and its folder stays)."""
    for path in leftovers(folder):
        owner = path.name.removeprefix(".download-").removeprefix(".extract-").rsplit("-", 1)[0]
        if path.name.startswith((".download-", ".extract-")):
            lock_name = owner
        else:                               # an earlier version's ".NAME.XXXX"
            lock_name = path.name[1:].rsplit(".", 1)[0]
        try:
            with open(folder / f".{lock_name}.lock", "w") as lock:
                if fcntl:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
        except OSError:                     # held by a running process, or a read-only cache
            continue


def leftovers(folder: Path | None = None) -> list[Path]:
    """Temporary downloads and extractions in the cache (``make clean`` removes them)."""
    folder = Path(folder or cache_dir())
    legacy = {f".{d.extracts_to}." for d in DATASETS.values() if d.extracts_to}
    legacy |= {f".{f.name}." for d in DATASETS.values() for f in d.files}
    return sorted(p for p in folder.glob(".*")
                  if p.name.startswith((".download-", ".extract-"))
                  or (p.is_dir() and p.name.startswith(tuple(legacy))))


# --- verification -----------------------------------------------------------

def _hash(path: Path, alg: str) -> str:
    digest = hashlib.new(alg)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, file: DataFile) -> None:
    """Check ``path``'s size, hash, zip CRCs and content against ``file``.

    Raises ``ChecksumError`` saying what differs (the caller adds what to do).
    """
    info = path.stat()
    key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
    if key in _verified:  # hashed once per process
        return
    if file.size is not None and info.st_size != file.size:
        hint = " (truncated?)" if info.st_size < file.size else ""
        raise ChecksumError(f"{path} has {info.st_size:,} bytes, expected {file.size:,}{hint}: "
                            f"the file is incomplete or not {file.name}.")
    for alg, expected in (("sha256", file.sha256), ("md5", file.md5)):
        if expected and (actual := _hash(path, alg)) != expected:
            raise ChecksumError(f"{path} ({info.st_size:,} bytes) has {alg} {actual}, expected "
                                f"{expected}: the file is corrupt, incomplete or not {file.name}.")
    if file.check_zip:
        try:  # a damaged deflate stream fails inside zlib before the CRC is compared
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
        except (zipfile.BadZipFile, zlib.error, EOFError) as err:
            raise ChecksumError(f"{path} is not a readable zip archive ({err}).") from None
        if bad is not None:
            raise ChecksumError(f"{path}: member {bad} fails its CRC check.")
    if file.contains:
        text = path.read_bytes().decode("utf-8", errors="replace")
        missing = [t for t in file.contains if t not in text]
        if missing:
            raise ChecksumError(f"{path} ({info.st_size:,} bytes) does not hold {missing[0]!r}: "
                                f"it is not {file.name} (an error or login page saved in its "
                                "place, or a cut-short download).")
    if file.convert == "word2vec_header":
        _check_word2vec_body(path, file)
    _verified.add(key)


def _check_word2vec_body(path: Path, file: DataFile) -> None:
    """The text after the header line of a gzipped word2vec file must be the published text."""
    import gzip

    digest, size = hashlib.md5(), 0
    try:
        with gzip.open(path, "rb") as f:
            f.readline()
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    except (OSError, EOFError, zlib.error) as err:
        raise ChecksumError(f"{path} is not a readable gzip file ({err}).") from None
    if (file.body_size and size != file.body_size) or digest.hexdigest() != file.body_md5:
        raise ChecksumError(f"{path}: the text after its header line has {size:,} bytes and md5 "
                            f"{digest.hexdigest()}, expected {file.body_size:,} and "
                            f"{file.body_md5} (the published text).")


# --- finding and downloading -------------------------------------------------

def _found_in(place: str, folder: Path, file: DataFile, *, locked: bool = False) -> Path | None:
    """``folder/file.name`` verified; a damaged copy in the cache is deleted (it is ours),
    under the file's lock and after a second look (another process may have just replaced
    it), one in the mirror is refused with the fix (it is not). ``locked``: the caller
    holds the file's lock already."""
    candidate = folder / file.name
    if not candidate.is_file():
        return None
    try:
        verify(candidate, file)
        return candidate
    except ChecksumError as err:
        if place == "cache":
            try:
                with contextlib.nullcontext() if locked else _locked(folder, file.name):
                    try:
                        verify(candidate, file)
                        return candidate
                    except (ChecksumError, FileNotFoundError):
                        candidate.unlink(missing_ok=True)
                print(f"{err} Deleted it; a fresh copy will be fetched.", file=sys.stderr)
                return None
            except (OSError, DataError) as denied:
                if isinstance(denied, OSError) and denied.errno not in _READ_ONLY:
                    raise
                raise ChecksumError(f"{err} It is in the cache, which cannot be written here: "
                                    f"delete it by hand, or {_WRITABLE}") from None
        fix = (f"The offline copy in ${DATA_DIR_ENV} is damaged and is left as it is: replace it "
               "with a good copy (its folder's SHA256SUMS lists the right sha256)")
        online = f", or unset {DATA_DIR_ENV} to download {file.name}" if file.url else ""
        raise ChecksumError(f"{err} {fix}{online}.") from None


def download(file: DataFile, folder: Path | None = None, *, timeout: float = 60.0) -> Path:
    """Download ``file`` into ``folder`` (default: the cache), verified; nothing half-written stays.

    One process at a time downloads a file; another that was waiting finds it in place.
    Raises ``ChecksumError`` for wrong content, ``DataNotFoundError`` for network
    failures and truncated transfers, ``DataError`` for a full or read-only disk.
    """
    import requests

    if file.url is None:
        raise DataNotFoundError(f"{file.name} has no download address: it exists only in the "
                                f"offline mirror ({DATA_DIR_ENV}).")
    pooch, folder = _pooch(), Path(folder or cache_dir())
    known = f"sha256:{file.sha256}" if file.sha256 else f"md5:{file.md5}" if file.md5 else None
    get = pooch.HTTPDownloader(progressbar=True, timeout=timeout,
                               headers={"User-Agent": "rnn-keras-course"})
    with _locked(folder, file.name):
        if found := _found_in("cache", folder, file, locked=True):  # fetched meanwhile
            return found
        _remove_leftovers(folder, f".download-{file.name}-", f".{file.name}.")
        try:
            work = tempfile.mkdtemp(prefix=f".download-{file.name}-", dir=folder)
        except OSError as err:
            raise _disk_error(err, file.name, folder, file.size) from None
        try:
            try:
                got = Path(pooch.retrieve(file.url, known, file.name, work, downloader=get))
            except ValueError as err:  # the hash differs; pooch has removed the file
                raise ChecksumError(f"{file.name} from {file.url}: {err}") from None
            except requests.RequestException as err:
                raise DataNotFoundError(f"downloading {file.name} from {file.url} failed: "
                                        f"{_network_reason(err, timeout)}") from err
            except OSError as err:
                if err.errno == errno.ENOSPC or err.errno in _READ_ONLY:
                    raise _disk_error(err, file.name, folder, file.size) from None
                raise DataNotFoundError(f"downloading {file.name} from {file.url} failed "
                                        f"({type(err).__name__}: {err})") from err
            try:
                verify(got, file)
            except ChecksumError as err:
                said = str(err).replace(str(got), f"the download of {file.name}")
                raise ChecksumError(f"{said} (from {file.url}; nothing was kept)") from None
            os.replace(got, folder / file.name)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return folder / file.name


def _network_reason(err: Exception, timeout: float) -> str:
    """What went wrong on the network, in a few words a learner can act on."""
    import requests

    host = getattr(getattr(err, "request", None), "url", "") or ""
    host = host.split("/")[2] if host.count("/") >= 2 else "the server"
    if isinstance(err, requests.HTTPError) and err.response is not None:
        return f"{host} answered {err.response.status_code} {err.response.reason}"
    if isinstance(err, requests.exceptions.ChunkedEncodingError):
        return f"the transfer from {host} broke off before the end (truncated)"
    if isinstance(err, requests.Timeout):
        return f"{host} did not answer within {timeout:.0f} s"
    if isinstance(err, requests.ConnectionError):
        inner = str(err)
        if "IncompleteRead" in inner or "Connection broken" in inner:
            return f"the transfer from {host} broke off (truncated)"
        cause = inner.split("Caused by ")[-1].split(":", 1)[-1].strip(" )\"'") or type(err).__name__
        return f"could not connect to {host} (is this machine online?): {cause[:160]}"
    return f"{type(err).__name__}: {err}"


def _places() -> list[tuple[str, Path]]:
    mirror = [(f"${DATA_DIR_ENV}", mirror_dir())] if mirror_dir() else []
    return mirror + [("cache", cache_dir())]


def fetch(dataset: str, *, names: list[str] | None = None, download_missing: bool = True) -> Local:
    """The verified local copy of ``dataset`` (of its files ``names`` only, when given).

    Local copies first (the mirror, then the cache, each file in the registry's order);
    else each file with an address is downloaded in turn until one arrives verified.
    Raises ``DataNotFoundError`` naming every place looked, each download's error and the fix.
    """
    if dataset not in DATASETS:
        raise KeyError(f"{dataset!r} is not a course data set; known: {', '.join(DATASETS)}")
    entry = DATASETS[dataset]
    files = [f for f in entry.files if names is None or f.name in names]
    _sweep(cache_dir())
    for place, folder in _places():
        for file in files:
            if found := _found_in(place, folder, file):
                USED[file.name] = place
                return Local(found, file, entry)
    errors = ["downloads are turned off for this call"]
    if download_missing:
        errors = ["no download address (a mirror-only file)"]
        downloadable = [f for f in files if f.url]
        if downloadable:
            errors = []
        for file in downloadable:
            try:
                local = Local(download(file), file, entry)
                USED[file.name] = "download"
                return local
            except DataError as err:
                errors.append(str(err))
                if not isinstance(err, (ChecksumError, DataNotFoundError)):
                    raise  # a full or read-only disk: the next address would fail the same way
    places = [str(folder) for _, folder in _places()]
    raise DataNotFoundError(
        f"{' or '.join(f.name for f in files)} not found; looked in: {'; '.join(places)}; and "
        f"{'the download' if len(errors) < 2 else 'every download'} failed "
        f"({' | '.join(errors)}). Fix: connect to the internet and run again, or point "
        f"{DATA_DIR_ENV} at a folder holding the file (e.g. the course's offline mirror "
        "../shared/data), or copy it into the repository's data/ folder.")


# --- extraction and conversion ----------------------------------------------

def _summary(target: Path) -> dict[str, list[int]]:
    """Files and bytes under each folder of ``target`` (or of the one file ``target``)."""
    if target.is_file():
        return {".": [1, target.stat().st_size]}
    found: dict[str, list[int]] = {}
    for folder, _, names in os.walk(target):
        sizes = [os.stat(os.path.join(folder, n)).st_size for n in names]
        if sizes:
            found[os.path.relpath(folder, target)] = [len(sizes), sum(sizes)]
    return found


def _marker(entry: Dataset, folder: Path) -> Path:
    return folder / f".{entry.extracts_to}.complete"


def _intact(entry: Dataset, folder: Path) -> tuple[bool, str]:
    """Whether the extracted form of ``entry`` in ``folder`` is complete, and if not, why."""
    target, marker = folder / entry.extracts_to, _marker(entry, folder)
    if not target.exists():
        return False, ""
    try:
        text = marker.read_text(encoding="utf-8")
    except OSError:
        return False, f"{target} has no record of a finished extraction"
    if text.startswith("extracted from ") and (entry.counts or entry.rows):
        # an earlier version's marker: complete when it holds what the registry says
        try:
            _check_counts(entry, target, target)
        except (DataError, OSError):
            return False, f"{target} is incomplete"
        try:                               # record it as this version does, where writable
            marker.write_text(json.dumps({"from": text.split()[-1], "files": _summary(target)},
                                         sort_keys=True) + "\n", encoding="utf-8")
        except OSError:
            pass
        return True, ""
    try:
        manifest = json.loads(text)["files"]
    except (ValueError, KeyError, TypeError):
        return False, f"{target} has no record of a finished extraction"
    try:
        found = _summary(target)
    except FileNotFoundError:              # another process is replacing it right now
        return False, f"{target} changed while it was being checked"
    if found == manifest:
        return True, ""
    for part, (n, size) in manifest.items():
        have = found.get(part, [0, 0])
        if have != [n, size]:
            if part == "." and target.is_file():
                return False, (f"{target} has {have[1]:,} bytes where {size:,} were written "
                               "(cut short or changed)")
            return False, (f"{target / part} holds {have[0]:,} files and {have[1]:,} bytes "
                           f"where {n:,} files and {size:,} bytes were extracted")
    return False, f"{target} holds files that were not extracted there"


def _safe_members(archive, names: list[str], path: Path) -> list:
    """The archive's members under ``names`` (prefixes), refusing links and escaping paths."""
    is_tar = isinstance(archive, tarfile.TarFile)
    chosen = []
    for member in archive.getmembers() if is_tar else archive.infolist():
        name = (member.name if is_tar else member.filename).replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith(("/", "\\")) or ".." in parts or ":" in name.split("/")[0]:
            raise DataError(f"{path}: member {name!r} would be written outside its folder; "
                            "the archive is not the one the course expects: delete it, and "
                            "fetch the file from the address in utils/registry.toml")
        mode = (member.external_attr >> 16) if not is_tar else 0
        if (is_tar and not (member.isfile() or member.isdir())) or stat.S_ISLNK(mode):
            raise DataError(f"{path}: member {name!r} is a link or a device, which the course "
                            "never extracts; the archive is not the one the course expects: "
                            "delete it, and fetch the file from the address in "
                            "utils/registry.toml")
        if any(name == m or name.startswith(m) for m in names):
            chosen.append(member)
    return chosen


def _unpack(local: Local, work: Path) -> None:
    """Extract the data set's members from ``local`` into ``work``."""
    names = list(local.dataset.members)
    if local.file.name.endswith(".zip"):
        with zipfile.ZipFile(local.path) as archive:
            for member in _safe_members(archive, names, local.path):
                archive.extract(member, work)
        return
    with tarfile.open(local.path) as archive:
        members = _safe_members(archive, names, local.path)
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later: the data filter too
            archive.extractall(work, members=members, filter="data")
        else:  # every member was checked above: plain files and folders inside work
            archive.extractall(work, members=members)


# The Jena record's layout in Keras' file (and in the mirror's 2020 copy).
JENA_HEADER = ('"Date Time","p (mbar)","T (degC)","Tpot (K)","Tdew (degC)","rh (%)",'
               '"VPmax (mbar)","VPact (mbar)","VPdef (mbar)","sh (g/kg)","H2OC (mmol/mol)",'
               '"rho (g/m**3)","wv (m/s)","max. wv (m/s)","wd (deg)"')
# What the course's 2020 record holds (the mirror's jena_climate_2020.csv): its first and
# last rows, and its two quirks of time (a duplicated stamp and a 100-minute gap).
JENA_2020 = {
    "first": "01.01.2020 00:10:00,1008.89,0.71,273.18,-1.33,86.1,6.43,5.54,0.89,3.42,5.49,"
             "1280.62,1.02,1.6,224.3",
    "last": "01.01.2021 00:00:00,978.24,2.01,276.89,-0.66,82.4,7.06,5.82,1.24,3.71,5.95,"
            "1235.71,0.57,1.08,221.3",
    "duplicate": "12.05.2020 06:00:00",
    "gap": ("29.05.2020", 100),
    "sha256": "99873581d497815b5e3de159b41993f6d78cc17b4181824646f4a1e7868790d7",
}


def _jena_stamp(text: str) -> str:
    """``2020-01-01 00:10:00`` or ``2020/1/1 0:10`` as Keras' ``01.01.2020 00:10:00``."""
    import datetime as dt

    for form in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text.strip(), form).strftime("%d.%m.%Y %H:%M:%S")
        except ValueError:
            pass
    raise ValueError(f"unknown date {text!r}")


def _convert_tslib_weather(local: Local, out: Path) -> None:
    """The Time-Series-Library copy of Jena 2020 (``date`` + 21 columns) in Keras' layout:
    "Date Time" as ``dd.mm.yyyy HH:MM:SS`` and the 14 measurements, each value as written."""
    import datetime as dt

    # The header's three radiation columns hold a Latin-1 "²" and "µ"; the values are ASCII.
    with open(local.path, encoding="latin-1", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        wanted = ["date"] + JENA_HEADER.replace('"', "").split(",")[1:]
        if header[:15] != wanted:
            raise DataError(f"{local.path} does not start with the columns {wanted[:3]}...: "
                            f"found {header[:3]}...; it is not the Jena record the course expects. "
                            f"{_fix_for(local)}")
        lines = [JENA_HEADER]
        for number, row in enumerate(reader, start=2):
            try:
                lines.append(",".join([_jena_stamp(row[0]), *row[1:15]]))
            except (ValueError, IndexError) as err:
                raise DataError(f"{local.path}, line {number}: {err}; it is not the Jena record "
                                f"the course expects. {_fix_for(local)}") from None
    text = "\n".join(lines) + "\n"
    stamps = [dt.datetime.strptime(line[:19], "%d.%m.%Y %H:%M:%S") for line in lines[1:]]
    steps = [(b - a).total_seconds() / 60 for a, b in zip(stamps[:-1], stamps[1:], strict=True)]
    day, minutes = JENA_2020["gap"]
    checks = {
        "its first row": lines[1] == JENA_2020["first"],
        "its last row": lines[-1] == JENA_2020["last"],
        f"one stamp twice, {JENA_2020['duplicate']}":
            [lines[i + 1][:19] for i, s in enumerate(steps) if s == 0] == [JENA_2020["duplicate"]],
        f"one {minutes}-minute gap, on {day}":
            [lines[i + 1][:10] for i, s in enumerate(steps) if s > 10] == [day]
            and max(steps) == minutes,
    }
    failed = [what for what, ok in checks.items() if not ok]
    if failed:
        raise DataError(f"{local.path} converted is not the course's Jena 2020 record: "
                        f"{', '.join(failed)} differ{'s' if len(failed) == 1 else ''}; "
                        "delete it and run again, or use the offline mirror's copy")
    out.write_text(text, encoding="utf-8")
    if hashlib.sha256(text.encode()).hexdigest() != JENA_2020["sha256"]:
        print(f"note: {local.file.name} converted holds the course's rows, first and last rows "
              "and quirks, but is not byte for byte the course's copy of the record",
              file=sys.stderr)


def _rows(csv_path: Path) -> int:
    with open(csv_path, "rb") as f:
        return sum(1 for line in f if line.strip()) - 1


def extract(local: Local) -> Path:
    """Unpack (or convert) ``local`` into the cache once; return the extracted folder or file.

    The work is done in a hidden temporary folder, checked against the registry's
    counts, and moved into place as a whole; then a manifest of what was extracted
    (files and bytes per folder) is written beside it. Every later call checks the
    manifest: a cache that lost or cut files is extracted again. A lock makes
    notebooks run side by side (nbval) extract once; a read-only cache that holds a
    complete extraction is used as it is.
    """
    entry, folder = local.dataset, cache_dir()
    if not entry.extracts_to or not (entry.members or local.file.convert == "tslib_weather"):
        raise ValueError(f"{local.file.name} is not an archive the course extracts")
    target, marker = folder / entry.extracts_to, _marker(entry, folder)
    if _intact(entry, folder)[0]:
        return target
    with _locked(folder, entry.extracts_to):
        intact, why = _intact(entry, folder)
        if intact:
            return target
        if why:
            print(f"{why}: extracting it again from {local.path.name}", file=sys.stderr)
        _remove_leftovers(folder, f".extract-{entry.extracts_to}-", f".{entry.extracts_to}.")
        try:
            work = Path(tempfile.mkdtemp(prefix=f".extract-{entry.extracts_to}-", dir=folder))
        except OSError as err:
            raise _disk_error(err, entry.extracts_to, folder) from None
        try:
            try:
                if local.file.convert == "tslib_weather":
                    _convert_tslib_weather(local, work / entry.extracts_to)
                else:
                    _unpack(local, work)
            except (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError) as err:
                raise DataError(f"extracting {local.path} failed ({type(err).__name__}: {err}): "
                                f"the archive is truncated or corrupt. {_fix_for(local)}") from err
            except OSError as err:
                raise _disk_error(err, f"{entry.extracts_to} (from {local.path.name})",
                                  folder) from err
            result = work / entry.extracts_to
            if not result.exists():
                raise DataError(f"{local.path} holds none of the expected members "
                                f"{entry.members}: it is not the archive the course expects. "
                                f"{_fix_for(local)}")
            _check_counts(entry, result, local.path, _fix_for(local))
            marker.unlink(missing_ok=True)
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
            os.replace(result, target)
            manifest = {"from": local.file.name, "files": _summary(target)}
            marker.write_text(json.dumps(manifest, sort_keys=True) + "\n", encoding="utf-8")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return target


def _fix_for(local: Local) -> str:
    """What to do about a bad archive: ours to delete, or the mirror's to replace."""
    mirror = mirror_dir()
    if mirror is not None and local.path.parent.resolve() == mirror.resolve():
        return (f"The offline copy in ${DATA_DIR_ENV} is left as it is: replace it with a good "
                f"copy (its folder's SHA256SUMS lists the right sha256)"
                + (f", or unset {DATA_DIR_ENV} to download {local.file.name}."
                   if local.file.url else "."))
    return (f"Delete {local.path} and run again to fetch a fresh copy; if the same happens "
            "again, the copy upstream has changed: report it.")


def _check_counts(entry: Dataset, result: Path, source: Path, fix: str = "") -> None:
    """The extracted form holds what the registry says (files per folder, rows of a CSV)."""
    wrong = []
    for part, n in entry.counts.items():
        where = result.parent / part
        have = sum(1 for _ in where.iterdir()) if where.is_dir() else 0
        if have != n:
            wrong.append(f"{part} has {have:,} files, expected {n:,}")
    if entry.rows is not None and (have := _rows(result)) != entry.rows:
        wrong.append(f"{result.name} has {have:,} rows, expected {entry.rows:,}")
    if wrong:
        raise DataError(f"{source} is incomplete: {'; '.join(wrong)}. {fix}".rstrip())


def prepare(dataset: str) -> Path:
    """The extracted (or converted) form of ``dataset`` in the cache, complete and checked.

    A complete extraction is used as it is (the archive is not needed again); an
    incomplete one is redone from the verified archive, fetched or downloaded as
    :func:`fetch` does.
    """
    entry = DATASETS[dataset]
    if entry.extracts_to is None:
        raise ValueError(f"{dataset} is used as it is downloaded: call fetch({dataset!r})")
    folder = cache_dir()
    intact, why = _intact(entry, folder)
    if intact:
        USED.setdefault(entry.extracts_to, "cache")
        return folder / entry.extracts_to
    try:
        local = fetch(dataset)
    except DataNotFoundError as err:
        if why:
            raise DataNotFoundError(f"{why}, and it cannot be extracted again: {err}") from None
        raise
    return extract(local)


def open_text(local: Local) -> io.TextIOBase:
    """A text file of the registry opened for reading, whatever holds it (plain, gzip, or
    gzip with a word2vec header line, which is skipped)."""
    import gzip

    if local.path.suffix == ".gz":
        f = gzip.open(local.path, "rt", encoding="utf-8")
        if local.file.convert == "word2vec_header":
            f.readline()
        return f
    return open(local.path, encoding="utf-8")
