"""The path an online learner takes, offline: a local server stands in for every upstream host.

No ``$COURSE_DATA_DIR`` and an empty cache, as on a learner's machine; the server
(tools/online_standin.py) serves each upstream file in its upstream form, built from
the offline mirror. Every data set is downloaded, checked, extracted or converted
and loaded; then the faults: a truncated download, a wrong checksum, a server
error, an interrupted extraction, a cache that lost files, and the rest of what a
learner meets when things go wrong.
"""

from __future__ import annotations

import dataclasses
import errno
import gzip
import hashlib
import io
import json
import multiprocessing
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from tools import online_standin
from utils import data, datasets

pytestmark = pytest.mark.mirror  # reads the offline data mirror


@pytest.fixture(scope="module")
def files():
    from conftest import MIRROR

    return online_standin.standins(MIRROR)


@pytest.fixture
def online(files, tmp_path, monkeypatch):
    """No mirror, an empty cache, and the stand-in server in place of the internet (the
    registry's addresses and stand-ins' pins rewritten as the tool does). Keras' home is
    the test session's (conftest.py): Keras reads it once, at import."""
    httpd, base = online_standin.serve(dict(files))
    changes = online_standin.overrides(files, base)
    for dataset in list(data.DATASETS.values()):
        new = tuple(dataclasses.replace(f, **changes.get(f.name, {})) for f in dataset.files)
        monkeypatch.setitem(data.DATASETS, dataset.name, dataclasses.replace(dataset, files=new))
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    monkeypatch.delenv("COURSE_JENA_PERIOD", raising=False)
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(data, "_verified", set())
    monkeypatch.setattr(data, "USED", {})
    yield httpd.RequestHandlerClass, tmp_path / "cache"
    httpd.shutdown()
    httpd.server_close()


def _hidden(cache):
    """What a run left beside the data: anything hidden but the locks and finished markers."""
    return sorted(p.name for p in cache.glob(".*")
                  if not p.name.endswith((".lock", ".complete")))


# --- every data set's first download ------------------------------------------

def test_imdb_first_download_and_a_cache_that_lost_files(online, capsys):
    """The first download (one extraction), then half of train/pos lost after it: the next
    load extracts again from the verified archive instead of loading 18,750 reviews."""
    server, cache = online
    texts, labels = datasets.load_imdb_reviews("test")
    assert len(texts) == 25_000 and labels.sum() == 12_500
    assert data.USED["aclImdb_v1.tar.gz"] == "download" and _hidden(cache) == []
    assert len(datasets.imdb_word_index()) == 88_584
    assert server.hits.count("aclImdb_v1.tar.gz") == 1
    folder = datasets.imdb_dir() / "train" / "pos"
    for review in sorted(folder.iterdir())[::2]:
        review.unlink()
    texts, _ = datasets.load_imdb_reviews("train")
    assert len(texts) == 25_000
    assert "train/pos holds 6,250 files" in capsys.readouterr().err
    assert server.hits.count("aclImdb_v1.tar.gz") == 1, "repaired from the archive in the cache"


def test_reuters_first_download_keeps_keras_off_the_network(online, files):
    server, _ = online
    (x_train, _), (x_test, _) = datasets.load_reuters(num_words=1000)
    assert (len(x_train), len(x_test)) == (8_982, 2_246)
    assert len(datasets.reuters_word_index()) == 30_979
    assert sorted(server.hits) == ["reuters.npz", "reuters_word_index.json"]


def test_glove_first_download_is_the_small_file(online):
    server, cache = online
    vectors = datasets.load_glove(50, max_words=3)
    assert list(vectors) == ["the", ",", "."] and vectors["the"].shape == (50,)
    assert server.hits == ["glove-wiki-gigaword-50.gz"], "the 822 MB zip was not needed"
    got = data.DATASETS["glove"].files
    small = next(f for f in got if f.name == "glove-wiki-gigaword-50.gz")
    assert small.url and (cache / small.name).stat().st_size < 100_000_000
    # every line after the header: the published 400,000 x 50 text
    with datasets.open_glove(50) as f:
        assert sum(1 for _ in f) == 400_000


def test_the_registrys_small_glove_is_under_100_mb():
    first = next(f for f in data.DATASETS["glove"].files if f.url)
    assert first.name == "glove-wiki-gigaword-50.gz" and first.size < 100_000_000
    assert first.body_md5 == next(f.md5 for f in data.DATASETS["glove"].files
                                  if f.name == "glove.6B.50d.txt")


def test_jena_2020_first_download_is_converted_to_the_courses_record(online, mirror):
    server, cache = online
    df = datasets.load_jena()
    assert df.attrs["period"] == "2020" and len(df) == 52_696
    assert server.hits == ["weather.csv"]
    with zipfile.ZipFile(mirror / "jena_climate_2020.csv.zip") as archive:
        assert (cache / "jena_climate_2020.csv").read_bytes() == \
            archive.read("jena_climate_2020.csv"), "not byte for byte the mirror's record"
    assert json.loads((cache / ".jena_climate_2020.csv.complete").read_text())["from"] == \
        "weather.csv"


def test_alice_first_download(online):
    text = datasets.load_alice()
    assert text.startswith("[Illustration]") and text.rstrip().endswith("THE END")


# --- faults on the way in -----------------------------------------------------

@pytest.mark.parametrize("name, load", [
    ("aclImdb_v1.tar.gz", lambda: data.fetch("imdb")),
    ("weather.csv", lambda: datasets.load_jena()),
    ("glove-wiki-gigaword-50.gz", lambda: datasets.glove_path(50)),
])
@pytest.mark.parametrize("fault, says", [
    ("truncate", "(?i)truncated|broke off|bytes"),
    ("corrupt", "(?i)sha256|md5"),
    ("500", "500 Internal Server Error"),
])
def test_download_faults_end_in_a_clear_error_and_leave_nothing(online, name, load, fault, says):
    server, cache = online
    server.faults[name] = fault
    with pytest.raises(data.DataNotFoundError, match=says) as err:
        load()
    message = str(err.value)
    assert name in message and "Fix: connect to the internet" in message
    assert _hidden(cache) == [] and not (cache / name).exists()
    # The fault gone, the next run fetches it as if nothing had happened.
    server.faults.clear()
    load()
    assert (cache / name).is_file() and _hidden(cache) == []


def test_glove_falls_back_to_the_zip_when_the_small_file_fails(online, files, mirror):
    server, _ = online
    with gzip.open(mirror / "glove.6B.50d.txt.gz", "rb") as f:
        head = b"".join(f.readline() for _ in range(1000))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("glove.6B.50d.txt", head)
    server.files["glove.6B.zip"] = buffer.getvalue()
    zipped = next(f for f in data.DATASETS["glove"].files if f.name == "glove.6B.zip")
    glove = data.DATASETS["glove"]
    data.DATASETS["glove"] = dataclasses.replace(glove, files=tuple(
        dataclasses.replace(f, size=len(buffer.getvalue())) if f is zipped else f
        for f in glove.files))
    server.faults["glove-wiki-gigaword-50.gz"] = "500"
    vectors = datasets.load_glove(50, max_words=2)
    assert list(vectors) == ["the", ","]
    assert server.hits == ["glove-wiki-gigaword-50.gz", "glove.6B.zip"]


def test_a_login_page_saved_as_the_book_is_refused_then_replaced(online, files):
    server, cache = online
    server.files["pg11.txt"] = b"<html><body>Please log in to the hotel Wi-Fi</body></html>"
    with pytest.raises(data.DataNotFoundError, match="(?i)login page"):
        datasets.load_alice()
    assert not (cache / "pg11.txt").exists() and _hidden(cache) == []
    # A bad copy already in the cache (an earlier version kept one) is replaced.
    (cache / "pg11.txt").write_bytes(b"<html>captive portal</html>")
    server.files["pg11.txt"] = files["pg11.txt"]
    assert "CHAPTER I." in datasets.load_alice()


def test_no_internet_and_no_mirror(online):
    server, cache = online
    server.files.clear()
    with pytest.raises(data.DataNotFoundError) as err:
        datasets.load_jena()
    message = str(err.value)
    assert "jena_climate_2020.csv.zip or weather.csv not found" in message
    assert str(cache) in message and "COURSE_DATA_DIR" in message


def test_a_full_disk_says_so(online, monkeypatch):
    _, cache = online

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(data._pooch(), "retrieve", full)
    with pytest.raises(data.DataError, match="no space left .* COURSE_CACHE_DIR") as err:
        datasets.load_jena()
    assert "weather.csv" in str(err.value) and _hidden(cache) == []


# --- extraction ---------------------------------------------------------------

def test_interrupted_extraction_is_cleaned_up_and_redone(online):
    _, cache = online
    datasets.load_jena()
    # A run killed while extracting: a temporary folder, half a file, no marker.
    (cache / ".jena_climate_2020.csv.complete").unlink()
    killed = cache / ".extract-jena_climate_2020.csv-abc123"
    killed.mkdir()
    (killed / "jena_climate_2020.csv").write_text("Date Time\n")
    earlier = cache / ".jena_climate_2020.csv.x1y2z3"   # as an earlier version named them
    earlier.mkdir()
    assert {p.name for p in data.leftovers(cache)} == {killed.name, earlier.name}
    assert len(datasets.load_jena()) == 52_696
    assert _hidden(cache) == [] and data.leftovers(cache) == []


def test_a_cut_short_csv_is_extracted_again(online, capsys):
    _, cache = online
    csv = datasets.jena_csv_path()
    csv.write_bytes(csv.read_bytes()[:2_000_000])
    assert len(datasets.load_jena()) == 52_696
    assert "extracting it again" in capsys.readouterr().err


def test_a_damaged_extraction_without_its_archive_is_refused_with_the_fix(online):
    server, cache = online
    csv = datasets.jena_csv_path()
    (cache / "weather.csv").unlink()
    server.files.clear()
    csv.write_bytes(csv.read_bytes()[:1_000_000])
    with pytest.raises(data.DataNotFoundError, match="connect to the internet"):
        datasets.load_jena()


def test_an_archive_missing_reviews_is_refused(isolated, tmp_path):
    _, cache = isolated
    path = tmp_path / "aclImdb_v1.tar.gz"
    path.write_bytes(_archive("tar", "aclImdb/train/pos/0_9.txt", size=1))
    local = data.Local(path, data.DataFile(path.name), data.DATASETS["imdb"])
    with pytest.raises(data.DataError, match=r"aclImdb/train/pos has 1 files, expected 12,500"):
        data.extract(local)
    assert not (cache / "aclImdb").exists() and _hidden(cache) == []


def test_a_weather_file_that_is_not_the_courses_record_is_refused(online, files):
    server, cache = online
    lines = files["weather.csv"].split(b"\n")
    cut = b"\n".join(lines[:-1000]) + b"\n"          # the last week of December missing
    server.files["weather.csv"] = cut
    jena = data.DATASETS["jena_2020"]
    data.DATASETS["jena_2020"] = dataclasses.replace(jena, files=tuple(
        dataclasses.replace(f, sha256=hashlib.sha256(cut).hexdigest(), size=len(cut))
        if f.name == "weather.csv" else f for f in jena.files))
    with pytest.raises(data.DataError, match="not the course's Jena 2020 record: its last row"):
        datasets.load_jena()
    assert not (cache / "jena_climate_2020.csv").exists() and _hidden(cache) == []


def _archive(kind: str, name: str, **member) -> bytes:
    buffer = io.BytesIO()
    if kind == "tar":
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            info = tarfile.TarInfo(name)
            for key, value in member.items():
                setattr(info, key, value)
            archive.addfile(info, io.BytesIO(b"x" * info.size))
    else:
        with zipfile.ZipFile(buffer, "w") as archive:
            info = zipfile.ZipInfo(name)
            info.external_attr = member.get("external_attr", 0)
            archive.writestr(info, "x")
    return buffer.getvalue()


@pytest.mark.parametrize("kind, name, member, says", [
    ("tar", "aclImdb/train/pos/0_9.txt", {"type": tarfile.SYMTYPE, "linkname": "/etc/passwd"},
     "link"),
    ("tar", "aclImdb/train/pos/1_9.txt", {"type": tarfile.LNKTYPE, "linkname": "../../x"}, "link"),
    ("tar", "aclImdb/train/pos/../../../../escape.txt", {"size": 1}, "outside its folder"),
    ("tar", "/aclImdb/train/pos/2_9.txt", {"size": 1}, "outside its folder"),
    ("zip", "aclImdb/train/pos/../../../escape.txt", {}, "outside its folder"),
    ("zip", "aclImdb/train/pos/3_9.txt", {"external_attr": 0o120777 << 16}, "link"),
])
def test_extraction_refuses_links_and_paths_outside_its_folder(isolated, tmp_path, kind, name,
                                                               member, says):
    _, cache = isolated
    suffix = ".tar.gz" if kind == "tar" else ".zip"
    path = tmp_path / f"aclImdb_v1{suffix}"
    path.write_bytes(_archive(kind, name, **member))
    imdb = data.DATASETS["imdb"]
    local = data.Local(path, data.DataFile(path.name, size=path.stat().st_size), imdb)
    with pytest.raises(data.DataError, match=says):
        data.extract(local)
    assert not (cache / "aclImdb").exists() and _hidden(cache) == []
    assert not (tmp_path / "escape.txt").exists() and not (cache.parent / "escape.txt").exists()


# --- what a learner meets -----------------------------------------------------

def _refuse_writes_in(folder, monkeypatch):
    """Make ``folder`` read-only for this process (chmod does not bind root, which CI is)."""
    real = open

    def read_only(path, *args, **kwargs):
        mode = args[0] if args else kwargs.get("mode", "r")
        if str(path).startswith(str(folder)) and any(c in mode for c in "wax+"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", read_only)


def test_a_read_only_cache_that_is_complete_is_used(online, monkeypatch):
    _, cache = online
    datasets.load_jena()
    _refuse_writes_in(cache, monkeypatch)
    assert len(datasets.load_jena()) == 52_696


def test_a_read_only_cache_that_needs_work_says_where_to_write(online, monkeypatch):
    _, cache = online
    cache.mkdir(parents=True)
    _refuse_writes_in(cache, monkeypatch)
    with pytest.raises(data.DataError, match="Read-only file system.*set COURSE_CACHE_DIR"):
        datasets.load_jena()


def test_a_path_with_spaces_and_korean(online, tmp_path, monkeypatch):
    folder = tmp_path / "내 강의 데이터" / "with spaces"
    monkeypatch.setenv("COURSE_CACHE_DIR", str(folder))
    assert len(datasets.load_jena()) == 52_696
    assert (folder / "jena_climate_2020.csv").is_file()


def _load_jena_rows(barrier) -> int:
    barrier.wait(timeout=120)           # both processes start loading at the same moment
    return len(datasets.load_jena())


def test_two_notebooks_fetching_at_once_download_once(online, files, tmp_path, monkeypatch):
    server, cache = online
    overrides = tmp_path / "overrides.json"
    base = data.DATASETS["jena_2020"].files[1].url.rsplit("/", 1)[0]
    overrides.write_text(json.dumps(online_standin.overrides(files, base)))
    # A spawned process reads the registry and its overrides when it imports utils.data.
    monkeypatch.setenv("COURSE_DATA_OVERRIDES", str(overrides))
    context = multiprocessing.get_context("spawn")  # no fork: a worker may have imported TensorFlow
    with context.Manager() as manager, context.Pool(2) as pool:
        barrier = manager.Barrier(2)
        assert pool.map(_load_jena_rows, [barrier, barrier], chunksize=1) == [52_696, 52_696]
    assert server.hits == ["weather.csv"] and _hidden(cache) == []


def test_a_damaged_copy_in_keras_cache_is_replaced(online):
    datasets.load_reuters()
    target = Path(os.environ["KERAS_HOME"]) / "datasets" / "reuters.npz"
    body = bytearray(target.read_bytes())
    body[5000] ^= 0xFF
    target.write_bytes(bytes(body))
    data._verified.clear()
    (x_train, _), _ = datasets.load_reuters()
    assert len(x_train) == 8_982


def test_a_damaged_mirror_copy_is_left_alone_and_the_fix_named(isolated, mirror):
    empty, _ = isolated
    name = "reuters.npz"
    body = bytearray((mirror / name).read_bytes())
    body[100] ^= 0xFF
    (empty / name).write_bytes(bytes(body))
    with pytest.raises(data.ChecksumError) as err:
        data.fetch("reuters")
    message = str(err.value)
    assert "left as it is" in message and "SHA256SUMS" in message
    assert "unset COURSE_DATA_DIR" in message and "Delete it" not in message
    assert (empty / name).exists()
