"""The data layer: registry, resolution, verification, downloads, extraction, failures."""

import dataclasses
import hashlib
import http.server
import shutil
import threading
import time

import pytest

from tools import fetch_data
from utils import data

pytestmark = pytest.mark.mirror  # reads the offline data mirror

JENA, JENA_SET = "jena_climate_2020.csv.zip", "jena_2020"
WORD_INDEX, WORD_INDEX_SET = "reuters_word_index.json", "reuters_word_index"
FILES = {f.name: f for d in data.DATASETS.values() for f in d.files}


def _local(path, name):
    """``path`` as a local copy of the file ``name`` and its data set."""
    dataset = next(d for d in data.DATASETS.values() if name in [f.name for f in d.files])
    return data.Local(path, FILES[name], dataset)


def _with_url(monkeypatch, name, **changes):
    """Point the registry's file ``name`` somewhere else (a local server) for one test."""
    dataset = _local(None, name).dataset
    files = tuple(dataclasses.replace(f, **changes) if f.name == name else f for f in dataset.files)
    monkeypatch.setitem(data.DATASETS, dataset.name, dataclasses.replace(dataset, files=files))
    return dataclasses.replace(FILES[name], **changes)


def _leftovers(folder):
    """Hidden files left in a folder: temporary downloads or extractions (lock files excepted)."""
    if not folder.exists():
        return []
    return [p.name for p in folder.iterdir()
            if p.name.startswith(".") and not p.name.endswith(".lock")]


# --- registry -------------------------------------------------------------

def test_registry_matches_the_mirror_checksums(mirror):
    """Every file of the mirror is registered with the mirror's own sha256 and size."""
    for line in (mirror / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        item = FILES[name]
        assert hashlib.sha256((mirror / name).read_bytes()).hexdigest() == digest, \
            f"mirror copy of {name}"
        assert item.sha256 in (None, digest), f"{name}: registry sha256 differs from SHA256SUMS"
        assert item.size == (mirror / name).stat().st_size
        data.verify(mirror / name, item)  # the md5 pins (Keras' word indexes) are checked here


def test_registry_entries_are_complete():
    assert len(FILES) == sum(len(d.files) for d in data.DATASETS.values()), \
        "a file in two data sets"
    for dataset in data.DATASETS.values():
        assert dataset.description and dataset.terms and dataset.notebooks and dataset.files
        assert bool(dataset.members) == bool(dataset.extracts_to), dataset.name
        for item in dataset.files:
            assert item.note, item.name
            assert item.url or item.sha256 or item.md5, \
                f"{item.name}: mirror-only files need a checksum"
            assert item.sha256 or item.md5 or item.check_zip or item.url.endswith(".txt"), item.name


def test_unknown_name():
    with pytest.raises(KeyError, match="not a course data set"):
        data.fetch("mnist")


# --- resolution -----------------------------------------------------------

def test_path_prefers_the_mirror(mirror):
    local = data.fetch(JENA_SET)
    assert (local.path == mirror / JENA and local.file.name == JENA
            and local.dataset.name == JENA_SET)


def test_missing_file_names_every_place_and_the_fix(isolated):
    empty, cache = isolated
    with pytest.raises(data.DataNotFoundError) as err:
        data.fetch(WORD_INDEX_SET, download_missing=False)
    message = str(err.value)
    for expected in (WORD_INDEX, str(empty), str(cache), "COURSE_DATA_DIR",
                     "connect to the internet"):
        assert expected in message


def test_wrong_checksum_in_the_mirror_raises(isolated, mirror):
    empty, _ = isolated
    corrupt = bytearray((mirror / WORD_INDEX).read_bytes())
    corrupt[100] ^= 0xFF
    (empty / WORD_INDEX).write_bytes(corrupt)
    with pytest.raises(data.ChecksumError, match=r"md5 .* expected 4d44cc38"):
        data.fetch(WORD_INDEX_SET)
    assert (empty / WORD_INDEX).exists(), "the mirror is not ours to delete"


def test_corrupt_cached_copy_is_deleted(isolated, mirror):
    _, cache = isolated
    cache.mkdir()
    (cache / WORD_INDEX).write_bytes(b"{}")
    with pytest.raises(data.DataNotFoundError):
        data.fetch(WORD_INDEX_SET, download_missing=False)
    assert not (cache / WORD_INDEX).exists()


def test_truncated_archive_is_caught_by_its_size(isolated, mirror):
    empty, _ = isolated
    name = "aclImdb_v1_labeled.tar.gz"
    with open(mirror / name, "rb") as f:
        (empty / name).write_bytes(f.read(1_000_000))
    with pytest.raises(data.ChecksumError, match="truncated"):
        data.fetch("imdb")


def test_extracting_a_truncated_archive_fails_cleanly(isolated, mirror, tmp_path):
    _, cache = isolated
    name = "aclImdb_v1_labeled.tar.gz"
    truncated = tmp_path / name
    with open(mirror / name, "rb") as f:
        truncated.write_bytes(f.read(2_000_000))
    with pytest.raises(data.DataError, match="truncated or corrupt"):
        data.extract(_local(truncated, name))
    assert not (cache / "aclImdb").exists() and _leftovers(cache) == []


def test_extract_once_and_redo_after_interruption(isolated, mirror):
    _, cache = isolated
    local = _local(mirror / JENA, JENA)
    csv = data.extract(local)
    assert csv == cache / "jena_climate_2020.csv" and csv.stat().st_size == 5_271_581
    stamp = csv.stat().st_mtime_ns
    time.sleep(0.01)
    assert data.extract(local).stat().st_mtime_ns == stamp, "second call re-extracted"
    # An interrupted run: half a file and no completion marker.
    (cache / ".jena_climate_2020.csv.complete").unlink()
    csv.write_text("Date Time,p (mbar)\n")
    assert data.extract(local).stat().st_size == 5_271_581


def _extract_jena(mirror_folder):
    return str(data.extract(_local(mirror_folder / JENA, JENA)))


def test_concurrent_extraction_is_safe(isolated, mirror):
    """Two processes asking for the same archive at once (nbval runs notebooks two at a time)."""
    import concurrent.futures
    import multiprocessing

    _, cache = isolated
    context = multiprocessing.get_context("spawn")  # no fork: a worker may have imported TensorFlow
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        results = list(pool.map(_extract_jena, [mirror] * 4))
    assert set(results) == {str(cache / "jena_climate_2020.csv")}
    assert (cache / "jena_climate_2020.csv").stat().st_size == 5_271_581
    assert [p for p in _leftovers(cache) if not p.endswith(".complete")] == []


def test_extract_refuses_non_archives(mirror):
    with pytest.raises(ValueError, match="not an archive"):
        data.extract(_local(mirror / WORD_INDEX, WORD_INDEX))


# --- downloads from a local server on 127.0.0.1 ---------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        body, declared = self.routes.get(self.path, (None, None))
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(declared or len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _serve(monkeypatch, base, name, body, declared=None):
    _Handler.routes = {f"/{name}": (body, declared)}
    return _with_url(monkeypatch, name, url=f"{base}/{name}")


def test_download_success(isolated, mirror, server, monkeypatch, capsys):
    _, cache = isolated
    _serve(monkeypatch, server[1], WORD_INDEX, (mirror / WORD_INDEX).read_bytes())
    got = data.fetch(WORD_INDEX_SET).path
    assert got == cache / WORD_INDEX and got.read_bytes() == (mirror / WORD_INDEX).read_bytes()
    assert _leftovers(cache) == [] and data.USED[WORD_INDEX] == "download"
    assert "100%" in capsys.readouterr().err  # the progress bar
    assert data.fetch(WORD_INDEX_SET).path == got  # found in the cache the second time
    assert data.USED[WORD_INDEX] == "cache"


def test_download_with_wrong_checksum_leaves_nothing(isolated, mirror, server, monkeypatch):
    _, cache = isolated
    body = bytearray((mirror / WORD_INDEX).read_bytes())
    body[0:1] = b"["
    item = _serve(monkeypatch, server[1], WORD_INDEX, bytes(body))
    with pytest.raises(data.ChecksumError, match="(?i)md5"):
        data.download(item)
    assert _leftovers(cache) == [] and not (cache / WORD_INDEX).exists()
    with pytest.raises(data.DataNotFoundError, match="(?i)md5"):
        data.fetch(WORD_INDEX_SET)
    assert _leftovers(cache) == [] and not (cache / WORD_INDEX).exists()


def test_truncated_transfer_leaves_nothing(isolated, mirror, server, monkeypatch):
    _, cache = isolated
    body = (mirror / WORD_INDEX).read_bytes()
    item = _serve(monkeypatch, server[1], WORD_INDEX, body[:1000], declared=len(body))
    with pytest.raises(data.DataNotFoundError, match="(?i)truncated|IncompleteRead"):
        data.download(item)
    assert _leftovers(cache) == [] and not (cache / WORD_INDEX).exists()


def test_server_gone_gives_a_clear_error(isolated, server, monkeypatch):
    _, cache = isolated
    httpd, base = server
    _serve(monkeypatch, base, WORD_INDEX, b"")
    httpd.shutdown()
    httpd.server_close()
    with pytest.raises(data.DataNotFoundError) as err:
        data.fetch(WORD_INDEX_SET)
    message = str(err.value)
    assert f"{base}/{WORD_INDEX}" in message and "connect to the internet" in message
    assert _leftovers(cache) == [] and not (cache / WORD_INDEX).exists()


def test_mirror_only_files_cannot_be_downloaded(isolated):
    with pytest.raises(data.DataNotFoundError, match="no download address"):
        data.fetch(JENA_SET, names=[JENA])


def test_network_is_off_limits_in_tests(isolated):
    """The guard in conftest.py: a real address fails at once, so no test reaches the network."""
    with pytest.raises(data.DataNotFoundError, match="may not reach the network"):
        data.fetch(WORD_INDEX_SET)


# --- the command line (make data) ----------------------------------------

def test_fetch_data_fetches_from_the_mirror(capsys, monkeypatch):
    monkeypatch.delenv("COURSE_JENA_PERIOD", raising=False)
    assert "jena_2020" in fetch_data.default_datasets()  # the course's record
    assert fetch_data.main(["reuters", "jena_2020"]) == 0
    assert "reuters.npz" in capsys.readouterr().out
    assert fetch_data.main(["mnist"]) == 1
    assert "not a course data set" in capsys.readouterr().err


def test_fetch_data_reports_failures(isolated, capsys):
    assert fetch_data.main(["jena_2020"]) == 1
    assert "FAILED" in capsys.readouterr().err


def test_cache_can_be_copied(isolated, mirror):
    """A file copied into data/ by hand is found and verified."""
    _, cache = isolated
    cache.mkdir()
    shutil.copy(mirror / WORD_INDEX, cache / WORD_INDEX)
    assert data.fetch(WORD_INDEX_SET).path == cache / WORD_INDEX


def _small_jena_zip(rows: int = 300) -> bytes:
    """A stand-in for Keras' 2009-2016 archive (which the mirror lacks): the first ``rows``
    rows of the mirror's real 2020 record, in the same layout, under the 2009-2016 name."""
    import io
    import zipfile

    from conftest import MIRROR

    with zipfile.ZipFile(MIRROR / JENA) as archive:
        lines = archive.read("jena_climate_2020.csv").decode("utf-8").splitlines()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("jena_climate_2009_2016.csv", "\n".join(lines[:rows + 1]) + "\n")
    return buffer.getvalue()


def test_jena_2009_2016_downloads_verifies_extracts_and_loads(isolated, server, monkeypatch):
    """The lesson's record, end to end as an online learner gets it: download, CRC check,
    extract, load."""
    from utils import datasets

    _, cache = isolated
    name = "jena_climate_2009_2016.csv.zip"
    body = _small_jena_zip()
    _Handler.routes = {f"/{name}": (body, None)}
    _with_url(monkeypatch, name, url=f"{server[1]}/{name}", size=len(body))
    monkeypatch.setenv("COURSE_JENA_PERIOD", "2009-2016")
    df = datasets.load_jena()
    assert df.attrs["period"] == "2009-2016" and df.attrs["source"] == "jena_climate_2009_2016.csv"
    assert df.shape == (300, 14) and list(df.columns) == datasets.JENA_COLUMNS
    assert str(df.index[0]) == "2020-01-01 00:10:00" and df["T (degC)"].iloc[0] == 0.71
    assert ((cache / name).is_file()
            and _leftovers(cache) == [".jena_climate_2009_2016.csv.complete"])
    # A damaged download (one byte flipped inside the compressed member) is caught by the zip CRCs.
    (cache / name).unlink()
    for extracted in [*cache.glob("jena_climate_2009_2016.csv*"),
                      *cache.glob(".jena_climate_2009*")]:
        extracted.unlink()
    damaged = bytearray(body)
    damaged[len(body) // 2] ^= 0xFF
    _Handler.routes = {f"/{name}": (bytes(damaged), None)}
    monkeypatch.setattr(data, "_verified", set())
    with pytest.raises(data.DataError):
        datasets.load_jena("2009-2016")
    assert not (cache / name).exists() and _leftovers(cache) == []


def test_make_clean_removes_every_extraction_and_no_download():
    """`make clean` keeps downloads: it names the extracted forms of the registry one by one."""
    from utils import course

    makefile = (course.ROOT / "Makefile").read_text(encoding="utf-8")
    clean = makefile[makefile.index("\nclean:"):makefile.index("\ndistclean:")]
    for dataset in data.DATASETS.values():
        if dataset.extracts_to:
            assert f"data/{dataset.extracts_to}" in clean, dataset.extracts_to
    assert "*.csv" not in clean and "*.gz" not in clean and "*.zip" not in clean
