"""Loaders for the course's real data sets, each built on :mod:`utils.data`.

Every loader returns verified data from ``$COURSE_DATA_DIR``, the ``data/``
cache, or a fresh download (see :mod:`utils.data`):

- :func:`load_imdb_reviews`: the raw IMDB reviews (texts and labels);
- :func:`load_imdb`: IMDB as integer sequences, with the signature and
  conventions of ``keras.datasets.imdb.load_data``; :func:`imdb_word_index`;
- :func:`load_reuters`, :func:`reuters_word_index`: Keras' own loaders;
- :func:`load_jena`, :func:`jena_csv_path`: the Jena weather record;
- :func:`load_glove`, :func:`open_glove`, :func:`glove_path`: GloVe 6B vectors;
- :func:`load_alice`: the text of *Alice's Adventures in Wonderland*.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import numpy as np

from . import data

# --- IMDB -----------------------------------------------------------------

IMDB_SPLITS = ("train", "test")


def imdb_dir() -> Path:
    """The extracted ``aclImdb`` folder (from the official tarball or the mirror's repack),
    checked complete (12,500 reviews in each labeled folder) each time it is used."""
    return data.prepare("imdb")


def load_imdb_reviews(split: str = "train") -> tuple[list[str], np.ndarray]:
    """The raw IMDB reviews of one split, ``"train"`` or ``"test"``.

    Returns ``(texts, labels)``: 25,000 review strings and an ``int64`` array of
    shape ``(25000,)`` with 0 = negative, 1 = positive. Order: the negative
    reviews, then the positive ones, each by the number in the file name
    (shuffle before training). Only ``{train,test}/{pos,neg}`` is read, so the
    unlabeled ``train/unsup`` folder is never needed.
    """
    if split not in IMDB_SPLITS:
        raise ValueError(f"split must be one of {IMDB_SPLITS}, got {split!r}")
    root = imdb_dir() / split
    texts, labels = [], []
    for label, name in enumerate(("neg", "pos")):
        files = sorted((root / name).glob("*.txt"), key=lambda p: int(p.stem.split("_")[0]))
        if not files:
            raise data.DataError(f"{root / name} holds no reviews: delete {root.parent} "
                                 "and run again to extract it afresh")
        texts += [f.read_text(encoding="utf-8") for f in files]
        labels += [label] * len(files)
    return texts, np.array(labels, dtype=np.int64)


# Keras' IMDB sequences were made with its old text_to_word_sequence defaults:
# lower case, these characters replaced by spaces (the apostrophe is kept,
# so "<br />" becomes the word "br"), then split on the space character only
# (str.split() would also split on characters such as U+0085, which Keras kept).
_KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
_KERAS_TABLE = str.maketrans({c: " " for c in _KERAS_FILTERS})


def imdb_tokenize(text: str) -> list[str]:
    """Split a review into words the way Keras' IMDB data was made.

    >>> imdb_tokenize("It's great!<br />A must-see.")
    ["it's", 'great', 'br', 'a', 'must', 'see']
    """
    return [w for w in text.lower().translate(_KERAS_TABLE).split(" ") if w]


def imdb_word_index() -> dict[str, int]:
    """Keras' IMDB word index: word -> frequency rank (1 = "the"), 88,584 words."""
    with open(data.fetch("imdb_word_index").path, encoding="utf-8") as f:
        return json.load(f)


def load_imdb(num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1,
              oov_char=2, index_from=3):
    """IMDB as integer sequences, like ``keras.datasets.imdb.load_data``.

    Built from the raw reviews and Keras' real word index, with Keras'
    conventions: each review becomes its words' ranks + ``index_from``,
    preceded by ``start_char``; 0 is left for padding; ranks outside
    ``[skip_top, num_words)`` become ``oov_char`` (or are dropped when it is
    None); reviews of ``maxlen`` or more tokens are dropped; each split is
    shuffled with ``np.random.RandomState(seed)`` exactly as Keras does.
    Keras' ``path`` argument is left out: the data comes from :mod:`utils.data`.

    Returns ``(x_train, y_train), (x_test, y_test)``: object arrays of 25,000
    lists of ints and ``int64`` label arrays (1 = positive).

    Differences from Keras' preprocessed ``imdb.npz``: the order before the
    shuffle is ours (Keras' is unpublished), so ``x_train[i]`` is not Keras'
    review ``i``; and the few words missing from the word index are skipped.
    ``tests/test_datasets.py`` measures how closely the encoding agrees.
    """
    index = imdb_word_index()
    rng = np.random.RandomState(seed)
    splits = []
    for split in IMDB_SPLITS:
        texts, labels = load_imdb_reviews(split)
        seqs = [[index[w] for w in imdb_tokenize(t) if w in index] for t in texts]
        order = np.arange(len(seqs))
        rng.shuffle(order)
        seqs = [seqs[i] for i in order]
        labels = labels[order]
        if start_char is not None:
            seqs = [[start_char] + [w + index_from for w in s] for s in seqs]
        elif index_from:
            seqs = [[w + index_from for w in s] for s in seqs]
        if maxlen:
            keep = [i for i, s in enumerate(seqs) if len(s) < maxlen]
            seqs, labels = [seqs[i] for i in keep], labels[keep]
            if not seqs:
                raise ValueError(f"no {split} review is shorter than maxlen={maxlen}; "
                                 "increase maxlen")
        splits.append((seqs, labels))
    if not num_words:
        num_words = max(max(s) for seqs, _ in splits for s in seqs)
    result = []
    for seqs, labels in splits:
        if oov_char is not None:
            seqs = [[w if skip_top <= w < num_words else oov_char for w in s] for s in seqs]
        else:
            seqs = [[w for w in s if skip_top <= w < num_words] for s in seqs]
        x = np.empty(len(seqs), dtype=object)
        x[:] = seqs
        result.append((x, labels))
    return tuple(result)


# --- Reuters --------------------------------------------------------------

def _keras_cache_copy(dataset: str) -> str:
    """Copy the verified file of ``dataset`` into Keras' own dataset cache; return its file name.

    Keras' loaders take only a file name under ``$KERAS_HOME/datasets`` (default
    ``~/.keras/datasets``), where they check the pinned hash and download when
    the file is missing. Putting the verified copy there first means Keras
    finds it and never goes to the network.
    """
    local = data.fetch(dataset)
    source = local.path
    home = Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")
    if not os.access(home if home.exists() else home.parent, os.W_OK):
        home = Path("/tmp/.keras")  # where Keras itself falls back
    target = home / "datasets" / source.name
    try:  # a damaged copy there would send Keras to the network: replace it
        data.verify(target, local.file)
    except (OSError, data.ChecksumError):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    return source.name


def load_reuters(num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
                 start_char=1, oov_char=2, index_from=3):
    """Reuters newswires through the real ``keras.datasets.reuters.load_data``.

    Same arguments and return value as Keras: ``(x_train, y_train), (x_test, y_test)``
    with 8,982 / 2,246 wires (object arrays of int lists) and topic labels 0-45.
    """
    import keras

    path = _keras_cache_copy("reuters")
    return keras.datasets.reuters.load_data(
        path=path, num_words=num_words, skip_top=skip_top, maxlen=maxlen,
        test_split=test_split, seed=seed, start_char=start_char, oov_char=oov_char,
        index_from=index_from)


def reuters_word_index() -> dict[str, int]:
    """Keras' Reuters word index (word -> rank), via ``keras.datasets.reuters.get_word_index``."""
    import keras

    return keras.datasets.reuters.get_word_index(path=_keras_cache_copy("reuters_word_index"))


# --- Jena climate ---------------------------------------------------------

JENA_PERIODS = ("2009-2016", "2020")
JENA_PERIOD_ENV = "COURSE_JENA_PERIOD"
JENA_DEFAULT = "2020"
JENA_COLUMNS = [
    "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)", "VPmax (mbar)",
    "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)", "rho (g/m**3)",
    "wv (m/s)", "max. wv (m/s)", "wd (deg)",
]


def jena_period(period: str | None = None) -> str:
    """The Jena period to use, decided here and nowhere else.

    ``period`` if given, else ``$COURSE_JENA_PERIOD``; unset, 2020: the course's
    record, online and offline, the one its tests and reference runs read.
    2009-2016, the record of DLwP and the source lectures (eight times as long),
    is one setting away: ``COURSE_JENA_PERIOD=2009-2016``, or ``period="2009-2016"``.
    Wherever the period is reported, it is read from the loaded frame,
    ``df.attrs["period"]``.
    """
    chosen = period or os.environ.get(JENA_PERIOD_ENV, "").strip() or JENA_DEFAULT
    if chosen not in JENA_PERIODS:
        raise ValueError(f"unknown Jena period {chosen!r}: use one of {JENA_PERIODS} "
                         f"(argument period= or ${JENA_PERIOD_ENV})")
    return chosen


def jena_csv_path(period: str | None = None) -> Path:
    """The verified, extracted Jena CSV of ``period`` (see :func:`jena_period`).

    2020 is the offline mirror's copy, or online the benchmarks' copy of the same
    year converted to Keras' layout and checked against the mirror's rows;
    2009-2016 is Keras' file, downloaded from its bucket. Without the 2009-2016
    file and without internet the error says how to go back to 2020.
    """
    chosen = jena_period(period)
    try:
        return data.prepare(_jena_dataset(chosen))
    except data.DataNotFoundError as err:
        if chosen != JENA_DEFAULT:
            raise data.DataNotFoundError(
                f"{err} The course's record is Jena {JENA_DEFAULT}, which the offline mirror "
                f"holds: unset {JENA_PERIOD_ENV} (or call with period='{JENA_DEFAULT}') to "
                "use it.") from None
        raise


def _jena_dataset(period: str) -> str:
    return "jena_" + period.replace("-", "_")


def load_jena(period: str | None = None):
    """The Jena weather record as a ``pandas.DataFrame``.

    Index: ``Date Time`` as datetimes (10-minute steps, raw: duplicates and
    gaps are kept); columns: the 14 measurements of :data:`JENA_COLUMNS` as
    floats. ``df.attrs["period"]`` says which period was returned
    (``"2009-2016"`` or ``"2020"``), ``df.attrs["source"]`` which file.
    """
    import pandas as pd

    chosen = jena_period(period)
    csv = jena_csv_path(chosen)
    df = pd.read_csv(csv)
    if list(df.columns) != ["Date Time", *JENA_COLUMNS]:
        found = list(df.columns)[:4]
        raise data.DataError(f"{csv} does not have the Jena columns (found {found}...): "
                             "delete it and run again")
    df["Date Time"] = pd.to_datetime(df["Date Time"], format="%d.%m.%Y %H:%M:%S")
    df = df.set_index("Date Time")
    df.attrs["period"] = chosen
    df.attrs["source"] = csv.name
    return df


# --- GloVe ----------------------------------------------------------------

GLOVE_DIMS = (50, 100, 200, 300)
GLOVE_WORDS = 400_000


def glove_path(dim: int = 50) -> Path:
    """The verified local GloVe 6B file holding ``dim``-dimensional vectors.

    The plain ``.txt``, the mirror's ``.txt.gz`` (50d), gensim-data's ``.gz`` (50d,
    a word2vec header line before the same text) or the official zip (all four
    sizes), whichever is here first; else 50d downloads gensim-data's 69 MB file,
    with the 822 MB zip as the fallback, and the other sizes the zip. gensim-data's
    file starts with a header line (``400000 50``): read it with :func:`open_glove`,
    which skips it.
    """
    return _glove_local(dim).path


def _glove_local(dim: int) -> data.Local:
    if dim not in GLOVE_DIMS:
        raise ValueError(f"GloVe 6B comes in {GLOVE_DIMS} dimensions, not {dim!r}")
    small = [f"glove.6B.{dim}d.txt", f"glove.6B.{dim}d.txt.gz"]
    if dim == 50:
        small.append("glove-wiki-gigaword-50.gz")
    return data.fetch("glove", names=[*small, "glove.6B.zip"])


def open_glove(dim: int = 50) -> io.TextIOBase:
    """Open the GloVe 6B text of ``dim`` dimensions for reading, whatever file holds it.

    Each line is a word followed by ``dim`` numbers, most frequent words first.
    """
    local = _glove_local(dim)
    if local.path.suffix == ".zip":
        archive = zipfile.ZipFile(local.path)
        member = archive.open(f"glove.6B.{dim}d.txt")
        return io.TextIOWrapper(member, encoding="utf-8")
    return data.open_text(local)


def load_glove(dim: int = 50, max_words: int | None = None) -> dict[str, np.ndarray]:
    """GloVe 6B vectors as ``{word: float32 array of shape (dim,)}``.

    ``max_words`` reads only the most frequent words (the file is ordered by
    frequency); None reads all 400,000.
    """
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise ValueError(f"max_words must be a positive int or None, got {max_words!r}")
    vectors = {}
    with open_glove(dim) as f:
        for i, line in enumerate(f):
            if max_words is not None and i >= max_words:
                break
            word, *values = line.rstrip("\n").split(" ")
            if len(values) != dim:
                raise data.DataError(f"GloVe line {i + 1} has {len(values)} numbers, "
                                     f"expected {dim}: the file is corrupt")
            vectors[word] = np.asarray(values, dtype=np.float32)
    return vectors


# --- Alice's Adventures in Wonderland --------------------------------------

def strip_gutenberg(text: str) -> str:
    """Remove a Project Gutenberg header and footer (when present) and outer blank lines."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    start = text.find("*** START OF")
    if start != -1:
        text = text[text.index("\n", start) + 1:]
    end = text.find("*** END OF")
    if end != -1:
        text = text[:end]
    return text.strip()


def load_alice() -> str:
    """The text of *Alice's Adventures in Wonderland* (Gutenberg #11), header and footer stripped.

    About 144,000 characters, from "[Illustration]" and the title to "THE END".
    """
    path = data.fetch("alice").path
    text = strip_gutenberg(path.read_text(encoding="utf-8"))
    if "CHAPTER I." not in text or "THE END" not in text:
        raise data.DataError(f"{path} does not look like Alice's Adventures in Wonderland: "
                             "delete it and run again")
    return text
