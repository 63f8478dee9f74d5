# %% [markdown]
# # 01 · Sequential data (순차 데이터)
#
# Recognise sequential data, cut it into time steps, and turn text and measurements into the `(batch, timesteps, features)` tensors that recurrent networks read.
#
# [![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/rnn-keras-course/rnn-keras-course/blob/main/notebooks/01_sequential_data.ipynb)
#
# **Run time** on two CPU cores: full profile about 20 s, quick profile about 10 s (measured by `make results`, start-up included).

# %% [markdown]
# ## Learning goals (학습목표)
#
# - Say what makes data *sequential*: order carries meaning and lengths vary.
# - Split the same sentence into time steps by words, characters and Korean jamo, and a weather record into steps of 14 measurements.
# - Explain why a dense network on a flattened window loses the order and fixes the length, and check both claims in code.
# - Encode text as character and word one-hot vectors, with the hashing trick, and with Keras' `TextVectorization`.
# - Build the toy time series that notebook 03 trains on.

# %%
# Setup (the same in every notebook): find the course folder (in Colab: clone it),
# import utils, fix the seeds, print the profile, versions and device.
import os
import pathlib
import subprocess
import sys

REPO_URL = os.environ.get("COURSE_REPO_URL", "https://github.com/rnn-keras-course/rnn-keras-course")
here = pathlib.Path.cwd().resolve()
ROOT = next((p for p in (here, *here.parents) if (p / "utils" / "course.py").is_file()), None)
if ROOT is None and "google.colab" in sys.modules:
    ROOT = here / "rnn-keras-course"  # Colab starts in /content
    if not ROOT.exists():
        subprocess.run(["git", "clone", "-q", "--depth=1", REPO_URL, str(ROOT)], check=True)
if ROOT is None:
    raise RuntimeError(
        "Cannot find the course folder: open this notebook from the repository (make lab)."
    )
sys.path.insert(0, str(ROOT))
import utils

P = utils.setup()

# %%
import collections
import string
import zlib

import keras
import matplotlib.pyplot as plt
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from utils import datasets

# The profile sets every size in this notebook (see utils/profile.py).
n_reviews = P.pick(quick=2_000, full=25_000)   # IMDB reviews used for statistics
print(f"{P.name} profile: {n_reviews:,} reviews")

# %% [markdown]
# ## 1. What makes data sequential (순차 데이터)
#
# In sequential data the *order* of the elements carries meaning, and the number of elements differs from one example to the next.
# Some tasks that read or write sequences:
#
# | task | input | output | pattern |
# |---|---|---|---|
# | speech recognition | audio frames | text | many-to-many |
# | poem or music generation | a seed (or nothing) | a sequence | one-to-many |
# | sentiment analysis | a review | a rating | many-to-one |
# | DNA analysis | a base sequence | the mutated positions | many-to-many |
# | machine translation | a sentence | a sentence in another language | many-to-many (encoder-decoder) |
# | activity recognition | video frames | an activity label | many-to-one |
# | forecasting | past prices or weather | the next value | many-to-one |
#
# Order first.
# A *bag of words* (how often each word occurs) cannot tell these two sentences apart:

# %%
a, b = "dog bites man", "man bites dog"
words = sorted(set(a.split()) | set(b.split()))       # the vocabulary: bites, dog, man

def bag_of_words(text):
    """How often each vocabulary word occurs in text: a vector of len(words) counts."""
    return np.array([text.split().count(w) for w in words])

def word_ids(text):
    """The text as a sequence of vocabulary indices, in reading order."""
    return np.array([words.index(w) for w in text.split()])

print("vocabulary:  ", words)
print("bag of words:", bag_of_words(a), bag_of_words(b))
print("sequences:   ", word_ids(a), word_ids(b))
assert np.array_equal(bag_of_words(a), bag_of_words(b))   # the two bags are identical...
assert not np.array_equal(word_ids(a), word_ids(b))       # ...the two sequences are not

# %% [markdown]
# Now length.
# Real IMDB movie reviews (the data of notebooks 04, 07, 08 and 11) differ in length by more than a factor of 100, and the longest run to over a thousand words.
# The cell prints the shortest, the median and the longest, and checks both claims:

# %%
texts, labels = datasets.load_imdb_reviews("train")
lengths = np.array([len(t.split()) for t in texts[:n_reviews]])
print(f"{len(lengths):,} reviews: shortest {lengths.min()} words, "
      f"median {int(np.median(lengths))}, longest {lengths.max()}")
assert lengths.max() > 100 * lengths.min()   # "more than a factor of 100"
assert lengths.max() > 1_000                   # "over a thousand words"

# %%
# extra: the distribution of review lengths
plt.figure(figsize=(7, 3))
plt.hist(lengths, bins=60)
plt.xlabel("words per review")
plt.ylabel("reviews")
plt.title("IMDB review lengths")
plt.show()

# %% [markdown]
# ## 2. Time steps (타임스텝)
#
# A recurrent network reads a sequence one *time step* at a time.
# What a step is depends on how we cut the data.
# The same Korean sentence, "나는 너를 사랑한다" ("I love you"), by words, by characters (syllables) and by jamo (자모, the letters of Hangul):

# %%
sentence = "나는 너를 사랑한다"
by_word = sentence.split()
by_char = [c for c in sentence if c != " "]
print(len(by_word), "words:     ", by_word)
print(len(by_char), "characters:", by_char)

# %% [markdown]
# A Hangul syllable is stored as one code point computed from its letters: `0xAC00 + (initial × 21 + medial) × 28 + final`, with 19 initial consonants, 21 vowels and 28 finals (the first meaning "no final").
# Dividing it back out gives the jamo:

# %%
INITIALS = [chr(c) for c in range(0x1100, 0x1113)]          # 19 leading consonants
MEDIALS = [chr(c) for c in range(0x1161, 0x1176)]           # 21 vowels
FINALS = [""] + [chr(c) for c in range(0x11A8, 0x11C3)]     # no final + 27 trailing consonants

def to_jamo(syllable):
    """Split one Hangul syllable into its 2 or 3 jamo."""
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 19 * 21 * 28:
        return [syllable]
    initial, rest = divmod(code, 21 * 28)
    medial, final = divmod(rest, 28)
    return [INITIALS[initial], MEDIALS[medial]] + ([FINALS[final]] if final else [])

by_jamo = [j for c in by_char for j in to_jamo(c)]
print(len(by_jamo), "jamo:", by_jamo)

# %% [markdown]
# Check: Unicode's own normalisation (NFD) decomposes syllables into exactly these jamo, and NFC puts them back together.

# %%
import unicodedata

assert by_jamo == list(unicodedata.normalize("NFD", sentence.replace(" ", "")))
assert unicodedata.normalize("NFC", "".join(by_jamo)) == sentence.replace(" ", "")
print(f"{len(by_word)} words -> {len(by_char)} characters -> {len(by_jamo)} jamo: "
      "the finer the cut, the longer the sequence")
assert (len(by_word), len(by_char), len(by_jamo)) == (3, 8, 20)

# %% [markdown]
# Measurements form sequences too.
# The Jena weather station (notebooks 10 and 11) records 14 quantities every 10 minutes: a time step is a vector of 14 *features*.
# The loader says which period it returned (2009-2016 from the internet, or 2020 from the course's offline mirror), and the cell checks the 14 features and the 10-minute step:

# %%
df = datasets.load_jena()
step = (df.index[1:] - df.index[:-1]).median()     # the usual time between two records
print(f"Jena {df.attrs['period']}: {len(df):,} steps of {df.shape[1]} features, one every {step}, "
      f"{df.index[0]} to {df.index[-1]}")
assert df.shape[1] == 14 and step.total_seconds() == 600
df.head(3)

# %%
temperature = df["T (degC)"].to_numpy()
fig, axes = plt.subplots(1, 2, figsize=(11, 3))
axes[0].plot(df.index, temperature, lw=0.3)
axes[0].set_title("temperature, whole record")
axes[1].plot(df.index[:1440], temperature[:1440])
axes[1].set_title("first 10 days (1,440 steps)")
for ax in axes:
    ax.set_ylabel("°C")
    ax.tick_params(axis="x", labelrotation=30)
fig.tight_layout()
plt.show()

# %% [markdown]
# ### The shape `(batch, timesteps, features)`
#
# Recurrent layers in Keras read 3-D tensors: a batch of sequences, each a number of time steps, each step a vector of features.
# One day of Jena weather is 144 steps of 14 features; a batch of consecutive days stacks such windows:

# %%
values = df.to_numpy(dtype="float32")               # (steps, 14)
timesteps, features = 144, values.shape[1]
windows = sliding_window_view(values, timesteps, axis=0).transpose(0, 2, 1)[::timesteps]
batch = windows[:32]
print("one day:", batch[0].shape, " a batch of 32 days:", batch.shape)
assert batch.shape == (32, timesteps, features)
np.testing.assert_array_equal(batch[1], values[144:288])  # the second window is the second day
print("the 32 windows run from", df.index[0], "to", df.index[len(batch) * timesteps - 1])

# %% [markdown]
# ## 3. Why not a dense network on the flattened window?
#
# A `Dense` layer needs a flat vector, so a window becomes `timesteps × features = 2016` numbers.
# Two things are lost.
#
# **Order.** A dense layer computes `x @ W`: every input has its own weight, and nothing says which input came first.
# Shuffle the time steps of every window the same way and the outputs change; shuffle the rows of `W` to match as well, and the outputs are the same again, up to float32 rounding.
# Order is just a labelling of the inputs, which the layer has to learn from scratch.

# %%
flat = batch.reshape(len(batch), -1)                        # (32, 2016)
dense = keras.layers.Dense(8)
out = dense(flat).numpy()

rng = np.random.default_rng(P.seed)
perm = rng.permutation(timesteps)                            # shuffle the time steps...
shuffled = batch[:, perm, :].reshape(len(batch), -1)
column_perm = (perm[:, None] * features + np.arange(features)).ravel()
kernel, bias = dense.get_weights()
shuffled_dense = keras.layers.Dense(8)
shuffled_dense.build((None, timesteps * features))
shuffled_dense.set_weights([kernel[column_perm], bias])     # ...and the weights to match

# %%
scale = np.abs(out).max()
changed = np.abs(dense(shuffled).numpy() - out).max()
gap = np.abs(shuffled_dense(shuffled).numpy() - out).max()
print(f"outputs up to {scale:.0f} in size")
print(f"shuffled steps, same weights:     outputs differ by up to {changed:.1f}")
print(f"shuffled steps, matching weights: outputs differ by up to {gap:.1e} (float32 rounding)")
assert changed > 0.01 * scale    # shuffling the steps alone changes the outputs
assert gap < 1e-5 * scale        # float32 keeps about 7 significant digits

# %% [markdown]
# **Length.** The layer was built for 2,016 inputs; half a day (72 steps) does not fit.
# A recurrent layer's weights are sized for *one* step (14 features in, 8 units out), and the same weights are applied at every step, so it reads any number of steps:

# %%
half_day = batch[:, :72, :].reshape(len(batch), -1)
try:
    dense(half_day)
    raise AssertionError("the dense layer should have rejected 1008 inputs")
except ValueError as err:
    print("Dense on half a day:", str(err).splitlines()[0][:110])

rnn = keras.layers.SimpleRNN(8)
print("SimpleRNN on a day:     ", tuple(rnn(batch).shape))
print("SimpleRNN on half a day:", tuple(rnn(batch[:, :72]).shape))
assert rnn(batch).shape == rnn(batch[:, :72]).shape == (32, 8)
print("SimpleRNN weights:", [tuple(w.shape) for w in rnn.weights], "for any number of steps")
assert [tuple(w.shape) for w in rnn.weights] == [(features, 8), (8, 8), (8,)]

# %% [markdown]
# ## 4. Encoding text (텍스트 인코딩)
#
# A network reads numbers, so text must become vectors.
# Four ways, from the most literal to the one used in the rest of the course.
#
# ### Character one-hot (문자 단위 원-핫 인코딩)
# Python's `string.printable` has 100 characters; each becomes a vector of 100 zeros with a single 1.

# %%
characters = string.printable
char_index = {c: i for i, c in enumerate(characters)}

def one_hot_chars(text):
    """(len(text), 100) array, one row per character."""
    encoded = np.zeros((len(text), len(characters)), dtype="float32")
    encoded[np.arange(len(text)), [char_index[c] for c in text]] = 1.0
    return encoded

x = one_hot_chars("Hello, RNN!")
print(x.shape, "-> decoded:", "".join(characters[i] for i in x.argmax(axis=1)))
assert x.shape == (11, 100) and (x.sum(axis=1) == 1).all()
assert "".join(characters[i] for i in x.argmax(axis=1)) == "Hello, RNN!"

# %% [markdown]
# ### Word one-hot by hand (단어 단위 원-핫 인코딩)
# Index every word seen, starting at 1 (0 is kept for padding), then set one 1 per word per step:

# %%
samples = ["The cat sat on the mat.", "The dog ate my homework."]
word_index = {}
for sample in samples:
    for word in sample.lower().rstrip(".").split():
        word_index.setdefault(word, len(word_index) + 1)
print(word_index)

max_length = 10
one_hot_words = np.zeros((len(samples), max_length, len(word_index) + 1), dtype="float32")
for i, sample in enumerate(samples):
    for t, word in enumerate(sample.lower().rstrip(".").split()[:max_length]):
        one_hot_words[i, t, word_index[word]] = 1.0
print("shape (samples, timesteps, vocabulary + 1):", one_hot_words.shape)
assert one_hot_words.shape == (2, 10, 10) and one_hot_words.sum() == 11  # 6 + 5 words

# %% [markdown]
# ### The hashing trick (해싱 기법)
# With a large vocabulary the index itself becomes a burden.
# The hashing trick skips it: a hash function maps each word straight to one of `d` buckets.
# The size is fixed in advance, at the price of *collisions*: different words in the same bucket, which the model can no longer tell apart.
# We use `zlib.crc32`, which gives the same number in every process; Python's own `hash()` of a string changes from one run to the next (`PYTHONHASHSEED`), which would scramble a saved model's inputs.
#
# How many collisions?
# Count them as words minus buckets used.
# With $n$ words and $d$ buckets there are at least $n - d$ when $n > d$.
# A uniformly random hash leaves on average $E = d(1 - 1/d)^n$ buckets empty, so it gives $n - d + E$ collisions on average, with variance $E + d(d-1)(1 - 2/d)^n - E^2$.
# If `crc32` spreads words like a random hash, its counts should lie within a few standard deviations of that average; the cell checks 3.
# Measured on the 1,000 most frequent IMDB words:

# %%
counts = collections.Counter(w for t in texts[:n_reviews] for w in datasets.imdb_tokenize(t))
vocabulary = [w for w, _ in counts.most_common(1000)]

def bucket(word, d):
    return zlib.crc32(word.encode("utf-8")) % d

def random_hash_collisions(n, d):
    """Mean and standard deviation of n - (buckets used),
    n words hashed uniformly into d buckets."""
    empty = d * (1 - 1 / d) ** n                                  # expected empty buckets
    variance = empty + d * (d - 1) * (1 - 2 / d) ** n - empty ** 2
    return n - d + empty, np.sqrt(variance)


# %%
for d in (100, 1_000, 10_000, 100_000):
    used = len({bucket(w, d) for w in vocabulary})
    collisions = len(vocabulary) - used
    mean, std = random_hash_collisions(len(vocabulary), d)
    print(f"d = {d:>7,}: {used:5,} buckets used, {collisions:4d} collisions "
          f"(random hash: {mean:6.1f} ± {std:4.1f})")
    assert abs(collisions - mean) <= 3 * std, "crc32 should collide about as often as a random hash"
collided = collections.defaultdict(list)
for w in vocabulary:
    collided[bucket(w, 1000)].append(w)
print("e.g. same bucket at d = 1,000:", next(ws for ws in collided.values() if len(ws) > 1))

# %% [markdown]
# Keras has the same idea as a layer, `keras.layers.Hashing`:

# %%
hashing = keras.layers.Hashing(num_bins=1000)
bins = hashing(np.array([["movie"], ["film"], ["movie"]])).numpy().ravel()
print(bins)
assert bins[0] == bins[2]                         # same word, same bin
assert ((0 <= bins) & (bins < 1000)).all()        # d = 1000 bins

# %% [markdown]
# ### `TextVectorization`: the current Keras way
# `keras.layers.TextVectorization` learns a vocabulary with `adapt`, then turns strings into integer sequences (`output_mode="int"`) or into a bag of words (`"multi_hot"`).
# Index 0 is padding and 1 the out-of-vocabulary token `[UNK]`.
# `output_sequence_length` pads short texts with zeros at the end and cuts long ones:

# %%
vectorizer = keras.layers.TextVectorization(output_mode="int", output_sequence_length=5)
vectorizer.adapt(["the cat sat on the mat", "the dog ate my homework"])
vocab = [str(w) for w in vectorizer.get_vocabulary()]   # items come back as np.str_
print("vocabulary:", vocab)
encoded = vectorizer(["the cat sat", "the bird sat on the mat again"]).numpy()
print(encoded)
assert vocab[:3] == ["", "[UNK]", "the"]
assert list(encoded[0, 3:]) == [0, 0]               # padded at the end
assert encoded[1, 1] == 1                           # "bird" was never seen: [UNK]
assert encoded.shape == (2, 5)                      # the 7-word text was cut to 5

multi_hot = keras.layers.TextVectorization(output_mode="multi_hot")
multi_hot.adapt(["the cat sat on the mat", "the dog ate my homework"])
bags = multi_hot(["the cat sat on the cat", "on the sat cat"]).numpy()
print(bags)
assert bags.max() == 1 and np.array_equal(bags[0], bags[1])   # order and counts are gone

# %% [markdown]
# On real reviews: a 10,000-word vocabulary and sequences of 100 steps, the sizes notebook 07 uses with GloVe.
# Reviews shorter than 100 tokens are padded; the others fill all 100 steps (longer ones are cut).
# The cell counts both and checks that those that fill all 100 steps are the majority:

# %%
imdb_vectorizer = keras.layers.TextVectorization(max_tokens=10_000, output_sequence_length=100)
imdb_vectorizer.adapt(texts[:n_reviews])
sequences = imdb_vectorizer(texts[:n_reviews]).numpy()
padded = (sequences[:, -1] == 0).mean()
print(f"{sequences.shape}: {len(imdb_vectorizer.get_vocabulary()):,} tokens in the vocabulary, "
      f"{padded:.0%} of reviews padded, {1 - padded:.0%} fill all 100 steps")
first_words = [imdb_vectorizer.get_vocabulary()[i] for i in sequences[0][:12]]
print("first review as words:", " ".join(first_words), "...")
assert sequences.shape == (n_reviews, 100) and len(imdb_vectorizer.get_vocabulary()) == 10_000
assert 1 - padded > 0.5


# %% [markdown]
# ## 5. A toy time series (토이 시계열)
#
# Notebook 03 trains its first recurrent regressor on made-up series where the answer is known: the sum of a sine and a cosine, each with a random phase and frequency, plus a little noise.
# The network sees the first 50 values and must predict the 51st.

# %%
def generate_time_series(batch_size, n_steps, rng):
    """(batch_size, n_steps + 1) float32 array: sine + cosine with random phases, plus noise."""
    t = np.arange(n_steps + 1)
    freq1, freq2 = rng.uniform(0.05, 0.15, (2, batch_size, 1))
    phase1, phase2 = rng.uniform(0, 2 * np.pi, (2, batch_size, 1))
    series = 0.5 * np.sin(freq1 * t + phase1) + 0.3 * np.cos(freq2 * t + phase2)
    series += 0.05 * rng.standard_normal((batch_size, n_steps + 1))
    return series.astype("float32")

rng = np.random.default_rng(42)
series = generate_time_series(1000, 50, rng)
x_series, y_series = series[:, :50, np.newaxis], series[:, -1]
print("inputs", x_series.shape, "targets", y_series.shape)
assert x_series.shape == (1000, 50, 1) and y_series.shape == (1000,)

# %%
fig, axes = plt.subplots(1, 3, figsize=(12, 3), sharey=True)
for i, ax in enumerate(axes):
    ax.plot(range(50), x_series[i, :, 0], ".-", label="input (50 steps)")
    ax.plot(50, y_series[i], "rx", markersize=10, label="target")
    ax.set_xlabel("t")
axes[0].legend(loc="lower left")
plt.show()

# %% [markdown]
# How hard is the task?
# Two reference points: always predicting 0 scores the mean of the squared targets, and repeating the last input value (the *naive* forecast) does far better, because the series is smooth.
# The cell prints how many times smaller its error is and checks that it is more than 10 times smaller.
# A model is worth training only if it beats the naive forecast; notebook 03 puts a recurrent network to that test.

# %%
mse_zero = np.mean(y_series ** 2)
mse_naive = np.mean((x_series[:, -1, 0] - y_series) ** 2)
print(f"MSE predicting 0: {mse_zero:.3f}   MSE repeating the last value: {mse_naive:.4f}")
print(f"the naive forecast's error is {mse_zero / mse_naive:.0f} times smaller")
assert mse_naive < mse_zero / 10, "the text says the naive forecast does far better"

# %% [markdown]
# ## Results
#
# No model is trained here; the results are the two reference points of the toy task (notebook 03 measures them again on its own validation series).
# `utils.record_results` shows them as a table (and, under `make results`, collects them for the README).

# %%
utils.record_results("01", [
    {"model": "predict 0", "metric": "toy series, MSE", "value": mse_zero},
    {"model": "naive forecast (repeat the last value)", "metric": "toy series, MSE",
     "value": mse_naive},
])


# %% [markdown]
# ## Summary (학습정리)
#
# | encoding | size per step | order kept | unseen words |
# |---|---|---|---|
# | character one-hot | 100 (printable characters) | yes | — |
# | word one-hot | vocabulary + 1 | yes | not representable |
# | hashing trick | fixed `d` | yes (as a sequence) | hashed like any word; collisions |
# | `TextVectorization` `int` | one integer (then an `Embedding`) | yes | `[UNK]` = 1 |
# | `TextVectorization` `multi_hot` | vocabulary | **no** | `[UNK]` |
#
# - Sequential data has an order that carries meaning and a length that varies.
# - A time step can be a word, a character, a jamo, or a vector of measurements; the finer the cut, the longer the sequence.
# - Recurrent layers read `(batch, timesteps, features)` tensors.
#   A dense layer on a flattened window has no built-in notion of order (which input came first is just a labelling of its weights: shuffled steps with matching weights give the same output, up to rounding) and fixes the length; a recurrent layer applies the same weights at every step and reads any length.
# - For the rest of the course, text goes through `TextVectorization` (integers, padding with 0, `[UNK]` = 1).
#
# ## Going further (확장하기)
#
# 1. Add an eighth row to the tasks table: a sequence task from your own field.
#    Which pattern is it?
# 2. How many jamo time steps does "RNN으로 감성 분석을 배운다" have?
#    Predict it, then check with `to_jamo`.
# 3. **Exercise.** The hashing trick with *two* hash functions (e.g. `crc32` of the word and of the word reversed) gives each word a pair of buckets.
#    At `d = 1,000`, count the collisions (words minus distinct pairs) and compare with one hash.
#    The solution is below (hidden; click to show).

# %% jupyter={"source_hidden": true}
# Solution: a word is only confused with another if both hashes collide.
def two_buckets(word, d):
    return bucket(word, d), zlib.crc32(word[::-1].encode("utf-8")) % d

single = len(vocabulary) - len({bucket(w, 1000) for w in vocabulary})
double = len(vocabulary) - len({two_buckets(w, 1000) for w in vocabulary})
mean, std = random_hash_collisions(len(vocabulary), 1000 * 1000)   # a pair = one of d² cells
print(f"collisions at d = 1,000: one hash {single}, a pair of hashes {double} "
      f"(random hash into d² cells: {mean:.1f} ± {std:.1f})")
assert double < single and abs(double - mean) <= 3 * std
