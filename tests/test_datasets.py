"""Every loader on the real offline mirror."""

import collections

import numpy as np
import pandas as pd
import pytest

from utils import data, datasets

pytestmark = pytest.mark.mirror  # reads the offline data mirror

# --- IMDB -----------------------------------------------------------------


@pytest.fixture(scope="module")
def imdb_reviews():
    return {split: datasets.load_imdb_reviews(split) for split in datasets.IMDB_SPLITS}


def test_imdb_reviews(imdb_reviews):
    for split, (texts, labels) in imdb_reviews.items():
        assert len(texts) == 25_000 and labels.shape == (25_000,)
        assert labels.sum() == 12_500, f"{split} is not balanced"
        assert all(texts) and isinstance(texts[0], str)
    assert not (datasets.imdb_dir() / "train" / "unsup").exists()


def test_imdb_bad_split():
    with pytest.raises(ValueError, match="split"):
        datasets.load_imdb_reviews("validation")


def test_imdb_tokenize_like_keras():
    assert datasets.imdb_tokenize("It's great!<br /><br />A must-see.") == [
        "it's", "great", "br", "br", "a", "must", "see"]
    # Keras split on spaces only: U+0085 stays inside a word.
    assert datasets.imdb_tokenize("most\x85and") == ["most\x85and"]


def test_imdb_encoding_reproduces_the_keras_word_index(imdb_reviews):
    """How closely our tokenization reproduces Keras' IMDB encoding, measured.

    Keras' word index was built from the training reviews: with our tokenizer,
    all but a handful of its 88,584 words occur in them, more than 99 % of all
    tokens are in the index (the rest are test-only words), and the frequency
    ranks of the most common words come out in exactly Keras' order.
    """
    index = datasets.imdb_word_index()
    assert len(index) == 88_584
    train = collections.Counter(w for t in imdb_reviews["train"][0]
                                for w in datasets.imdb_tokenize(t))
    test = collections.Counter(w for t in imdb_reviews["test"][0]
                               for w in datasets.imdb_tokenize(t))
    never_produced = [w for w in index if w not in train]
    assert len(never_produced) <= 50, never_produced[:10]  # measured: 21
    covered = sum(c for w, c in (train + test).items() if w in index) / sum((train + test).values())
    assert covered > 0.99  # measured: 0.9946
    by_rank = sorted(index, key=index.get)
    ours = [w for w, _ in train.most_common(1000)]
    assert ours[:20] == by_rank[:20]
    assert len(set(ours[:100]) & set(by_rank[:100])) == 100
    assert len(set(ours) & set(by_rank[:1000])) >= 970  # measured: 983


def test_load_imdb_conventions():
    (x_train, y_train), (x_test, y_test) = datasets.load_imdb(num_words=1000, skip_top=20)
    assert x_train.dtype == object and len(x_train) == len(x_test) == 25_000
    assert y_train.sum() == y_test.sum() == 12_500
    # As in Keras, skip_top also applies to the start marker: 1 < 20 turns into oov_char 2.
    assert all(s[0] == 2 for s in x_train[:100])
    (plain, _), _ = datasets.load_imdb(num_words=1000)
    assert all(s[0] == 1 for s in plain[:100])
    tokens = np.concatenate([np.array(s[1:]) for s in x_train[:500]])
    # num_words, skip_top, oov
    assert tokens.max() < 1000 and ((tokens >= 20) | (tokens == 2)).all()
    assert 0 not in tokens  # 0 is left for padding
    # Deterministic shuffle with Keras' seed; another seed gives another order.
    (again, _), _ = datasets.load_imdb(num_words=1000, skip_top=20)
    assert all(a == b for a, b in zip(x_train[:50], again[:50], strict=True))
    (other, _), _ = datasets.load_imdb(num_words=1000, skip_top=20, seed=1)
    assert any(a != b for a, b in zip(x_train[:50], other[:50], strict=True))


def test_load_imdb_maxlen_and_index_from():
    (x_train, _), (x_test, _) = datasets.load_imdb(maxlen=100, num_words=5000, start_char=None,
                                                   oov_char=None)
    assert 0 < len(x_train) < 25_000 and max(len(s) for s in x_train) < 100
    assert min(min(s) for s in x_train if s) >= 3  # ranks start at 1, offset by index_from=3
    with pytest.raises(ValueError, match="maxlen"):
        datasets.load_imdb(maxlen=1)


# --- Reuters --------------------------------------------------------------

def test_reuters_equals_what_keras_returns_for_the_same_file():
    import keras

    (x_train, y_train), (x_test, y_test) = datasets.load_reuters(num_words=10_000)
    assert len(x_train) == 8_982 and len(x_test) == 2_246
    assert set(np.unique(np.concatenate([y_train, y_test]))) == set(range(46))
    (k_train, ky_train), (k_test, ky_test) = keras.datasets.reuters.load_data(num_words=10_000)
    assert (all(a == b for a, b in zip(x_train, k_train, strict=True))
            and all(a == b for a, b in zip(x_test, k_test, strict=True)))
    np.testing.assert_array_equal(y_train, ky_train)
    np.testing.assert_array_equal(y_test, ky_test)
    index = datasets.reuters_word_index()
    assert len(index) == 30_979 and index == keras.datasets.reuters.get_word_index()


# --- Jena -----------------------------------------------------------------

def test_jena_2020():
    df = datasets.load_jena("2020")
    assert df.attrs["period"] == "2020"
    assert list(df.columns) == datasets.JENA_COLUMNS and len(df) == 52_696
    assert (df.index[0] == pd.Timestamp("2020-01-01 00:10")
            and df.index[-1] == pd.Timestamp("2021-01-01 00:00"))
    assert df.index.duplicated().sum() == 1  # the raw quirk the mirror keeps
    assert (df["wv (m/s)"] == -9999).sum() == 1


def test_jena_period_from_the_environment(monkeypatch):
    monkeypatch.setenv("COURSE_JENA_PERIOD", "2020")
    assert datasets.jena_period() == "2020"
    monkeypatch.setenv("COURSE_JENA_PERIOD", "2017")
    with pytest.raises(ValueError, match="2009-2016"):
        datasets.jena_period()


def test_jena_period_is_2020_online_and_offline(isolated, mirror, monkeypatch):
    """Unset, the period is the course's record, 2020, with or without the mirror;
    2009-2016 is one setting away."""
    monkeypatch.delenv("COURSE_JENA_PERIOD", raising=False)
    assert datasets.jena_period() == "2020"
    monkeypatch.setenv("COURSE_DATA_DIR", str(mirror))
    assert datasets.jena_period() == "2020"
    monkeypatch.delenv("COURSE_DATA_DIR")
    assert datasets.jena_period() == "2020"
    assert datasets.jena_period("2009-2016") == "2009-2016"
    monkeypatch.setenv("COURSE_JENA_PERIOD", "2009-2016")
    assert datasets.jena_period() == "2009-2016"


def test_jena_2009_2016_offline_says_how_to_go_back_to_2020(isolated, monkeypatch):
    monkeypatch.setenv("COURSE_JENA_PERIOD", "2009-2016")
    with pytest.raises(data.DataNotFoundError, match="unset COURSE_JENA_PERIOD"):
        datasets.load_jena()


def test_jena_csv_path_is_the_raw_file():
    csv = datasets.jena_csv_path("2020")
    assert csv.read_text().splitlines()[0].startswith('"Date Time","p (mbar)"')


# --- GloVe ----------------------------------------------------------------

def test_glove_50d():
    vectors = datasets.load_glove(50)
    assert len(vectors) == 400_000
    the = vectors["the"]
    assert the.shape == (50,) and the.dtype == np.float32
    np.testing.assert_allclose(the[:3], [0.418, 0.24968, -0.41242], rtol=1e-6)


def test_glove_max_words_reads_the_most_frequent():
    vectors = datasets.load_glove(50, max_words=1000)
    assert len(vectors) == 1000 and list(vectors)[:3] == ["the", ",", "."]


def test_glove_bad_arguments():
    with pytest.raises(ValueError, match="dimensions"):
        datasets.load_glove(64)
    with pytest.raises(ValueError, match="max_words"):
        datasets.load_glove(50, max_words=0)


def test_open_glove_gives_text_lines():
    with datasets.open_glove(50) as f:
        assert f.readline().startswith("the 0.418 ")


# --- Alice ----------------------------------------------------------------

def test_alice():
    text = datasets.load_alice()
    assert 140_000 < len(text) < 150_000
    assert "CHAPTER I.\nDown the Rabbit-Hole" in text and text.endswith("THE END")


def test_strip_gutenberg_header_and_footer():
    raw = ("\ufeffThe Project Gutenberg eBook\r\n"
           "*** START OF THE PROJECT GUTENBERG EBOOK 11 ***\r\n"
           "\r\nCHAPTER I.\r\nDown the Rabbit-Hole\r\n\r\n"
           "*** END OF THE PROJECT GUTENBERG EBOOK 11 ***\r\nlicence")
    assert datasets.strip_gutenberg(raw) == "CHAPTER I.\nDown the Rabbit-Hole"
