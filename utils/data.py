"""Getting the course's data files: where each comes from, and how it arrives verified.

Every file the course reads is listed in :data:`REGISTRY` with its canonical
address, its size and checksum, and its terms of use. :func:`path` returns the
verified local copy of a file, looking in this order:

1. ``$COURSE_DATA_DIR``: a folder laid out like the offline mirror
   ``../shared/data`` (read-only is fine);
2. the course's download cache, the repository's ``data/`` folder
   (``$COURSE_CACHE_DIR`` overrides it);
3. the canonical address: downloaded with a progress bar into a temporary file
   in the cache, checked, and only then renamed into place. A failed or
   corrupt download leaves nothing behind.

Archives are extracted once into the cache by :func:`extract` (idempotent, and
an interrupted extraction is redone on the next call).

Run ``python -m utils.data`` to fetch every file ahead of time.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "COURSE_DATA_DIR"
CACHE_DIR_ENV = "COURSE_CACHE_DIR"
KERAS_BUCKET = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


class DataError(RuntimeError):
    """A data file is missing, corrupt, or could not be downloaded."""


class ChecksumError(DataError):
    """A file's size or checksum differs from the pinned one."""


class DataNotFoundError(DataError):
    """No verified copy of a file exists locally and it could not be downloaded."""


@dataclass(frozen=True)
class DataFile:
    """One file of the registry.

    ``url`` is None for files that exist only in the offline mirror (repacks of
    an upstream file). Where upstream publishes no checksum, ``size`` and, for
    zips, the archive's own CRCs (``check_zip``) verify the download.
    ``extract`` lists the archive members to unpack (prefixes), ``extracts_to``
    the top-level name they land under.
    """

    name: str
    description: str
    url: str | None
    size: int | None
    sha256: str | None = None
    md5: str | None = None
    check_zip: bool = False
    terms: str = ""
    notebooks: tuple[str, ...] = ()
    extract: tuple[str, ...] = ()
    extracts_to: str | None = None


_IMDB_MEMBERS = tuple(
    f"aclImdb/{part}"
    for part in ("README", "imdb.vocab", "imdbEr.txt", "train/pos/", "train/neg/",
                 "test/pos/", "test/neg/", "train/urls_pos.txt", "train/urls_neg.txt",
                 "test/urls_pos.txt", "test/urls_neg.txt")
)
_IMDB_TERMS = "Large Movie Review Dataset v1.0; cite Maas et al. (2011), ACL"
_GLOVE_TERMS = "Public Domain Dedication and License (PDDL 1.0)"
_JENA_TERMS = "published by the Max Planck Institute for Biogeochemistry, Jena"

REGISTRY: dict[str, DataFile] = {
    f.name: f
    for f in [
        DataFile(
            "aclImdb_v1.tar.gz", "IMDB movie reviews, raw text (the official tarball)",
            "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",
            84_125_825, md5="7c2ac02c03563afcf9b574c7e56c153a", terms=_IMDB_TERMS,
            notebooks=("04", "07", "08", "11"), extract=_IMDB_MEMBERS, extracts_to="aclImdb"),
        DataFile(
            "aclImdb_v1_labeled.tar.gz",
            "IMDB movie reviews, the 50,000 labeled ones (offline mirror's repack)",
            None, 28_893_171,
            sha256="3a5324eaedfe2123e754d5ff4b017ccacf9b8f2de647f06f3b9559b594cd301b",
            terms=_IMDB_TERMS, notebooks=("04", "07", "08", "11"),
            extract=_IMDB_MEMBERS, extracts_to="aclImdb"),
        DataFile(
            "imdb_word_index.json", "Keras' IMDB word index (word -> frequency rank)",
            KERAS_BUCKET + "imdb_word_index.json", 1_641_221,
            md5="bfafd718b763782e994055a2d397834f", terms=_IMDB_TERMS, notebooks=("04",)),
        DataFile(
            "reuters.npz", "Keras' Reuters newswire topics (11,228 wires, 46 topics)",
            KERAS_BUCKET + "reuters.npz", 2_110_848,
            sha256="d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
            terms="Reuters-21578, distributed for research", notebooks=("09",)),
        DataFile(
            "reuters_word_index.json", "Keras' Reuters word index (30,979 words)",
            KERAS_BUCKET + "reuters_word_index.json", 550_378,
            md5="4d44cc38712099c9e383dc6e5f11a921",
            terms="Reuters-21578, distributed for research", notebooks=("09",)),
        DataFile(
            "glove.6B.zip", "GloVe 6B vectors, 50/100/200/300 dimensions (official zip)",
            "https://nlp.stanford.edu/data/glove.6B.zip", 862_182_613, check_zip=True,
            terms=_GLOVE_TERMS, notebooks=("07",)),
        DataFile(
            "glove.6B.50d.txt", "GloVe 6B, 50 dimensions, the text file from the zip",
            None, 171_350_079, md5="0fac3659c38a4c0e9432fe603de60b12",
            terms=_GLOVE_TERMS, notebooks=("07",)),
        DataFile(
            "glove.6B.50d.txt.gz", "GloVe 6B, 50 dimensions, gzipped (offline mirror)",
            None, 69_182_520,
            sha256="8c78069137f50d645d4037f30c12dd7f1fb6cc8b88e6998ca69bd5ee36309cf5",
            terms=_GLOVE_TERMS, notebooks=("07",)),
        DataFile(
            "jena_climate_2009_2016.csv.zip", "Jena weather station, 2009-2016, 10-minute steps",
            KERAS_BUCKET + "jena_climate_2009_2016.csv.zip", 13_568_290, check_zip=True,
            terms=_JENA_TERMS, notebooks=("10", "11"),
            extract=("jena_climate_2009_2016.csv",), extracts_to="jena_climate_2009_2016.csv"),
        DataFile(
            "jena_climate_2020.csv.zip",
            "Jena weather station, the year 2020, same layout (offline mirror)",
            None, 1_686_118,
            sha256="9d1f7cd1cae5bdae41145c3a9563b3433ace3c2ac730fb7635a5e6b447f08624",
            terms=_JENA_TERMS, notebooks=("10", "11"),
            extract=("jena_climate_2020.csv",), extracts_to="jena_climate_2020.csv"),
        DataFile(
            "pg11.txt", "Alice's Adventures in Wonderland, Project Gutenberg eBook #11",
            "https://www.gutenberg.org/cache/epub/11/pg11.txt", None,
            terms="public domain in the USA (Project Gutenberg licence)", notebooks=("06",)),
        DataFile(
            "alice_in_wonderland.txt",
            "Alice's Adventures in Wonderland without the Gutenberg header (offline mirror)",
            None, 151_095,
            sha256="f17aa0bf7466424a8b357b688678666bad7a0148963ef349016a3098faa6bd1e",
            terms="public domain in the USA", notebooks=("06",)),
    ]
}


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


def entry(name: str) -> DataFile:
    """The registry entry called ``name``; ``KeyError`` lists the known names."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a course data file; known: {', '.join(REGISTRY)}") from None


# --- verification ---------------------------------------------------------

_verified: dict[tuple[str, int, int], bool] = {}


def _digest(path: Path, algorithm: str) -> str:
    h = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(path: Path, item: DataFile) -> None:
    """Check ``path`` against ``item``'s size and checksum; raise ``ChecksumError`` if off.

    Results are remembered per (path, size, mtime) within the process, so a
    notebook that loads a file twice hashes it once.
    """
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key in _verified:
        return
    if item.size is not None and stat.st_size != item.size:
        hint = " (truncated?)" if stat.st_size < item.size else ""
        raise ChecksumError(
            f"{path} has {stat.st_size:,} bytes, expected {item.size:,}{hint}: "
            f"the file is incomplete or not {item.name}. Delete it and run again "
            "to fetch a fresh copy.")
    for algorithm in ("sha256", "md5"):
        expected = getattr(item, algorithm)
        if expected is not None:
            actual = _digest(path, algorithm)
            if actual != expected:
                raise ChecksumError(
                    f"{path} has {algorithm} {actual}, expected {expected}: the file is "
                    f"corrupt or not {item.name}. Delete it and run again to fetch a fresh copy.")
    if item.check_zip:
        try:
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
        except (zipfile.BadZipFile, zlib.error, EOFError) as err:
            # A damaged deflate stream fails inside zlib before the CRC is compared.
            raise ChecksumError(f"{path} is not a readable zip archive ({err}): delete it "
                                "and run again to fetch a fresh copy.") from None
        if bad is not None:
            raise ChecksumError(f"{path}: member {bad} fails its CRC check; delete the "
                                "archive and run again to fetch a fresh copy.")
    _verified[key] = True


# --- download -------------------------------------------------------------

class _Progress:
    """A one-line progress bar on stderr (the only output of this module)."""

    def __init__(self, label: str, total: int | None):
        self.label, self.total, self.done, self.last = label, total, 0, 0.0

    def update(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= 0.25:
            self.last = now
            self._draw()

    def _draw(self) -> None:
        mb = self.done / 1e6
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(30 * frac)
            sys.stderr.write(f"\r{self.label}: [{bar:<30}] {frac:6.1%} {mb:8.1f} MB")
        else:
            sys.stderr.write(f"\r{self.label}: {mb:8.1f} MB")
        sys.stderr.flush()

    def close(self) -> None:
        self._draw()
        sys.stderr.write("\n")


def download(item: DataFile, folder: Path | None = None, *, timeout: float = 60.0) -> Path:
    """Download ``item`` from its canonical address into ``folder`` (default: the cache).

    The bytes go to a hidden temporary file next to the target; it is renamed
    into place only once its length, size and checksum are right. On any error
    the temporary file is deleted and the error propagates: ``ChecksumError``
    for wrong content, ``DataNotFoundError`` for network failures and
    truncated transfers.
    """
    if item.url is None:
        raise DataNotFoundError(f"{item.name} has no download address: it exists only in "
                                f"the offline mirror ({DATA_DIR_ENV}).")
    folder = Path(folder) if folder is not None else cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / item.name
    fd, tmp_name = tempfile.mkstemp(prefix=f".{item.name}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        request = urllib.request.Request(item.url, headers={"User-Agent": "rnn-keras-course"})
        try:
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as response:
                length = response.headers.get("Content-Length")
                expected = int(length) if length else None
                progress = _Progress(item.name, expected or item.size)
                while block := response.read(1 << 20):
                    out.write(block)
                    progress.update(len(block))
                progress.close()
        except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
            raise DataNotFoundError(f"downloading {item.name} from {item.url} failed: "
                                    f"{type(err).__name__}: {err}") from err
        received = tmp.stat().st_size
        if expected is not None and received != expected:
            raise DataNotFoundError(f"downloading {item.name} from {item.url} stopped after "
                                    f"{received:,} of {expected:,} bytes (truncated transfer)")
        verify(tmp, item)
        os.replace(tmp, target)
        return target
    finally:
        tmp.unlink(missing_ok=True)


# --- resolution -----------------------------------------------------------

def _places() -> list[tuple[str, Path]]:
    places = []
    mirror = mirror_dir()
    if mirror is not None:
        places.append((f"${DATA_DIR_ENV}", mirror))
    places.append(("cache", cache_dir()))
    return places


# The data files this process has resolved, ``{file name: where it came from}``
# ("$COURSE_DATA_DIR", "cache" or "download"); utils.results reports them.
USED: dict[str, str] = {}


def _note_used(item: "DataFile", place: str) -> None:
    USED[item.name] = place


def find(name: str) -> Path | None:
    """The verified local copy of ``name``, or None when there is none.

    A corrupt copy in ``$COURSE_DATA_DIR`` raises ``ChecksumError`` (it is not
    ours to delete); a corrupt copy in the cache is deleted.
    """
    item = entry(name)
    for label, folder in _places():
        candidate = folder / item.name
        if candidate.is_file():
            try:
                verify(candidate, item)
            except ChecksumError:
                if label == "cache":
                    candidate.unlink(missing_ok=True)
                    continue
                raise
            _note_used(item, label)
            return candidate
    return None


def path(name: str, *, download_missing: bool = True) -> Path:
    """The verified local path of the data file ``name``, downloading it if needed.

    Raises ``DataNotFoundError`` naming every place looked, the download error
    and the fix when there is no copy and the download fails.
    """
    return first_available([name], download_missing=download_missing)


def first_available(names: list[str], *, download_missing: bool = True) -> Path:
    """The first of ``names`` with a verified local copy; else download the first downloadable one.

    Used where several files hold the same data (the official IMDB tarball or
    the mirror's repack, say).
    """
    for name in names:
        found = find(name)
        if found is not None:
            return found
    looked = [f"{label} {folder / entry(n).name}" for n in names for label, folder in _places()]
    error = "downloads are turned off for this call"
    if download_missing:
        downloadable = [entry(n) for n in names if entry(n).url]
        if not downloadable:
            error = "no download address (a mirror-only file)"
        else:
            try:
                downloaded = download(downloadable[0])
                _note_used(downloadable[0], "download")
                return downloaded
            except DataError as err:
                error = str(err)
    raise DataNotFoundError(
        f"{' or '.join(names)} not found; looked in: {'; '.join(looked)}; "
        f"and the download failed ({error}). Fix: connect to the internet and run again, "
        f"or point {DATA_DIR_ENV} at a folder holding the file (e.g. the course's "
        "offline mirror ../shared/data), or copy it into the repository's data/ folder.")


# --- extraction -----------------------------------------------------------

@contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on ``path`` (POSIX; elsewhere no lock is taken).

    Two notebooks run side by side by the tests may both ask for the same
    archive on a fresh checkout: the second waits for the first to finish.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no concurrent runs to guard against in practice
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def extract(archive: Path, item: DataFile) -> Path:
    """Unpack ``item``'s members from ``archive`` into the cache once; return the result.

    Members go to a temporary folder first and are moved into place as a
    whole, then a marker file records completion; a later call finds the
    marker and does nothing. An interrupted run leaves no marker, so the next
    call extracts again. A lock file keeps concurrent processes from
    extracting the same archive at once.
    """
    if not item.extract or not item.extracts_to:
        raise ValueError(f"{item.name} is not an archive the course extracts")
    folder = cache_dir()
    target = folder / item.extracts_to
    marker = folder / f".{item.extracts_to}.complete"
    if marker.is_file() and target.exists():
        return target
    with _locked(folder / f".{item.extracts_to}.lock"):
        if marker.is_file() and target.exists():  # another process finished meanwhile
            return target
        return _extract_into(archive, item, folder, target, marker)


def _extract_into(archive: Path, item: DataFile, folder: Path, target: Path, marker: Path) -> Path:
    work = Path(tempfile.mkdtemp(prefix=f".{item.extracts_to}.", dir=folder))
    try:
        try:
            if item.name.endswith(".zip"):
                with zipfile.ZipFile(archive) as z:
                    members = [m for m in z.namelist() if m.startswith(item.extract)]
                    z.extractall(work, members)
            else:
                with tarfile.open(archive, "r:*") as t:
                    members = [m for m in t.getmembers() if m.name.startswith(item.extract)]
                    t.extractall(work, members, filter="data")
        except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as err:
            raise DataError(f"extracting {archive} failed ({type(err).__name__}: {err}): the "
                            "archive is truncated or corrupt. Delete it and run again.") from err
        if not members:
            raise DataError(f"{archive} holds none of the expected members {item.extract}")
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        os.replace(work / item.extracts_to, target)
        marker.write_text(f"extracted from {archive.name}\n")
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


# Each data set and the files that can hold it, the preferred local copy first.
# A local copy of any of them is used; when there is none, the first file with
# a download address is downloaded.
DATASETS: dict[str, list[str]] = {
    "imdb": ["aclImdb_v1.tar.gz", "aclImdb_v1_labeled.tar.gz"],
    "imdb_word_index": ["imdb_word_index.json"],
    "reuters": ["reuters.npz"],
    "reuters_word_index": ["reuters_word_index.json"],
    "glove": ["glove.6B.50d.txt", "glove.6B.50d.txt.gz", "glove.6B.zip"],
    "jena_2009_2016": ["jena_climate_2009_2016.csv.zip"],
    "jena_2020": ["jena_climate_2020.csv.zip"],
    "alice": ["alice_in_wonderland.txt", "pg11.txt"],
}


def main(argv: list[str] | None = None) -> int:
    """``python -m utils.data [DATASET ...]``: fetch data sets ahead of time.

    Without arguments: every data set the notebooks use, with the Jena period
    of ``$COURSE_JENA_PERIOD`` (default 2009-2016).
    """
    names = argv if argv is not None else sys.argv[1:]
    if not names:
        period = os.environ.get("COURSE_JENA_PERIOD", "").strip() or "2009-2016"
        names = [n for n in DATASETS if not n.startswith("jena_")]
        names.append("jena_" + period.replace("-", "_"))
    failed = 0
    for name in names:
        try:
            files = DATASETS[name]
        except KeyError:
            print(f"{name}: unknown data set; known: {', '.join(DATASETS)}", file=sys.stderr)
            failed += 1
            continue
        try:
            print(f"{name}: {first_available(files)}")
        except DataError as err:
            print(f"{name}: FAILED: {err}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
