# %% [markdown]
# # 01 · Sequential data (순차 데이터)
#
# Recognise sequential data, cut it into time steps, and turn text and measurements into the `(batch, timesteps, features)` tensors that recurrent networks read.
#
# [![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/rnn-keras-course/rnn-keras-course/blob/main/notebooks/01_sequential_data.ipynb)
#
# **Run time:** the course table of the README gives this notebook's time in each profile on two CPU cores, and the setup cell prints the reference run's.
#
# **Profile:** `PROFILE = "quick"` in the setup cell (a drop-down in Colab), or `COURSE_PROFILE=quick` in the shell, runs the same cells on less data and fewer epochs; `"full"`, the default, is the lesson at real scale.

# %% [markdown]
# ## Learning goals (학습목표)
#
# - Say what makes data *sequential*: order carries meaning and lengths vary; show what a bag of words and a bag of n-grams lose.
# - Split the same sentence into time steps by words, characters and Korean jamo, a price series into windows, and a weather record into steps of 14 measurements.
# - Explain why a dense network on a flattened window has no built-in notion of order and fixes the length, and show both in code.
# - Encode text as character and word one-hot vectors, with the hashing trick, and with Keras' `TextVectorization`.
# - Build the toy time series that notebook 03 trains on.

# %% [markdown]
# **Setup: run me first.** In JupyterLab and Colab the code of the next cell is hidden (click it to show); on GitHub and nbviewer, which do not hide cells, it shows in full.
# `PROFILE` in it chooses `"full"` (the lesson at real scale) or `"quick"` (less data, fewer epochs).

# %%
#@title Setup: run me first { display-mode: "form" }
# Setup (the same in every notebook): choose the profile, find the course folder
# (in Colab: clone it), import utils, fix the seeds, print the profile, versions and device.
PROFILE = "full"  #@param ["full", "quick"]

import os
import pathlib
import subprocess
import sys

REPO_URL = os.environ.get("COURSE_REPO_URL", "https://github.com/rnn-keras-course/rnn-keras-course")
here = pathlib.Path.cwd().resolve()
ROOT = next((p for p in (here, *here.parents) if (p / "utils" / "course.py").is_file()), None)
if ROOT is None and "google.colab" in sys.modules:
    ROOT = here / "rnn-keras-course"  # Colab starts in /content
    missing = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--deleted"],
                             capture_output=True, text=True) if ROOT.exists() else None
    if missing is not None and (missing.returncode or missing.stdout.strip()):
        subprocess.run(["rm", "-rf", str(ROOT)], check=True)  # a clone that was interrupted
    if not ROOT.exists():  # cloned beside it, renamed only once complete
        partial = ROOT.with_name(ROOT.name + ".partial")
        subprocess.run(["rm", "-rf", str(partial)], check=True)
        subprocess.run(["git", "clone", "-q", "--depth=1", REPO_URL, str(partial)], check=True)
        partial.rename(ROOT)
if ROOT is None:
    raise RuntimeError(
        "Cannot find the course folder: open this notebook from the repository (make lab)."
    )
sys.path.insert(0, str(ROOT))
import utils

P = utils.setup(PROFILE, notebook="01")

# %%
import collections
import itertools
import math
import string
import unicodedata
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
# The source lecture introduces sequential data with seven tasks that read or write sequences; the examples in the table are the lecture's own:
#
# | task | input | output | pattern |
# |---|---|---|---|
# | speech recognition (음성인식) | audio frames | text: "나는 너를 사랑한다." | many-to-many |
# | poem generation (시 생성) | nothing | a line of verse | one-to-many |
# | sentiment classification (감정 분류) | a restaurant review: "대박맛집! 고기가 친절하고 사장님이 맛있어요!" | satisfaction (만족도) in stars: ★★★★★☆ | many-to-one |
# | DNA analysis (DNA 염기서열) | a base sequence | the sequence with the mutated bases marked (돌연변이) | many-to-many |
# | machine translation (기계번역) | a sentence (in Kannada) | the sentence in Korean: "나는 너를 사랑해." | many-to-many (encoder-decoder) |
# | video activity recognition (비디오 활동 인식) | video frames | a sentence saying what happens: "타자가 공을 쳤습니다!" ("The batter hit the ball!") | many-to-many (encoder-decoder) |
# | stock price prediction (주가 예측) | past prices | the next price | many-to-one |
#
# The pattern column is ours, from the example in each row.
# The lecture's own slides on the patterns file stock prediction and poem generation under many-to-many (with translation and summarisation), and their video example is a different task, recognising objects at every moment of the video (비디오영상 → 매 순간 물체 인식, an output per frame).
#
# ### Order carries meaning (순서의 의미)
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

# %% [markdown]
# Two of the lecture's examples make the same point.
# Its restaurant review puts its two adjectives on the wrong nouns: the meat (고기) is *kind* and the owner (사장님) *tasty*; swapped back, they say what the reviewer meant.
# Its video example outputs a sentence, "타자가 공을 쳤습니다!" ("The batter hit the ball!"); in English, where word order says who did what, the same words in another order have the ball hit the batter.
# Below, in English, each comes with a second sentence made of exactly the same words in another order; the cell compares the bags of words (`collections.Counter` of the words) and the sequences:

# %%
pairs = {
    "restaurant review -> stars": ("amazing place the meat is kind and the owner is tasty",
                                   "amazing place the meat is tasty and the owner is kind"),
    "video -> sentence": ("the batter hit the ball", "the ball hit the batter"),
}
for task, (first, second) in pairs.items():
    same_bag = collections.Counter(first.split()) == collections.Counter(second.split())
    print(f"{task}: {len(first.split())} word steps each | same bag of words: {same_bag} | "
          f"same sequence: {first.split() == second.split()}")
    print(f"   {first!r}\n   {second!r}")

# %% [markdown]
# ### "Hello Deep Learning": 3! = 6 orders (어순)
#
# The source textbook of notebook 04, *Do it! 딥러닝 입문* (chapter 9), makes the same point with three words, *Hello*, *Deep*, *Learning*.
# They can be put in $3! = 3 \cdot 2 \cdot 1 = 6$ orders, and only one of them is the greeting we mean.
# `itertools.permutations` lists the orders.
# Encoded by Keras' `TextVectorization`, the six orders give six different integer sequences but one and the same multi-hot bag of words:

# %%
greeting = ["Hello", "Deep", "Learning"]
orders = list(itertools.permutations(greeting))
for order in orders:
    print(" ".join(order))
sentences = [" ".join(order) for order in orders]
as_ids = keras.layers.TextVectorization(output_mode="int")
as_bag = keras.layers.TextVectorization(output_mode="multi_hot")
as_ids.adapt(sentences)
as_bag.adapt(sentences)
id_rows = {tuple(row) for row in as_ids(sentences).numpy()}
bag_rows = {tuple(row) for row in as_bag(sentences).numpy()}
print(f"{len(orders)} orders -> {len(id_rows)} different integer sequences, "
      f"{len(bag_rows)} multi-hot bag of words")

# %% [markdown]
# ### N-grams (N-그램)
#
# A bag of words forgets all order.
# A **bag of n-grams** keeps a little: it counts runs of $n$ consecutive words, so *bigrams* ($n = 2$) remember which word follows which.
# The bag of bigrams of a short sentence:

# %%
def bag_of_ngrams(tokens, n):
    """How often each run of n consecutive tokens occurs: a Counter of n-tuples."""
    return collections.Counter(zip(*(tokens[i:] for i in range(n)), strict=False))

print(dict(bag_of_ngrams("the cat sat on the mat".split(), 2)))
print("dog bites man:", sorted(bag_of_ngrams("dog bites man".split(), 2)))
print("man bites dog:", sorted(bag_of_ngrams("man bites dog".split(), 2)))
bigram_bags = {tuple(sorted(bag_of_ngrams(list(order), 2).items())) for order in orders}
print(f"the 6 orders of Hello Deep Learning have {len(bigram_bags)} different bags of bigrams")

# %% [markdown]
# Bigrams tell "dog bites man" from "man bites dog", and all six orders of "Hello Deep Learning".
# But they see order only inside a window of 2 words.
# In the two reviews below, "the acting" and "the plot" trade places; every pair of neighbours stays the same, so the bags of bigrams are equal, while the meaning (what the reviewer liked) is reversed.
# Trigrams ($n = 3$) see "but the plot" against "but the acting" and tell them apart:

# %%
liked_acting = "the acting was good but the plot was bad".split()
liked_plot = "the plot was good but the acting was bad".split()
for n in (1, 2, 3):
    same = bag_of_ngrams(liked_acting, n) == bag_of_ngrams(liked_plot, n)
    print(f"n = {n}: same bag of {n}-grams: {same}")

# %% [markdown]
# A larger $n$ only moves the problem.
# The trick above works for any $n$: take two phrases P and Q of $n - 1$ words each and write them twice, so that the text runs P x Q y P z Q; then swap x and z, the two stretches that each lie between a P and the Q after it (here, for trigrams, P = "in the" and Q = "was very").
# No window of $n$ words spans a whole phrase plus both of its neighbours, so the bags of $n$-grams stay equal; the bags of $(n + 1)$-grams differ.
# A trigram example (the checks at the end of this part test the construction for $n$ = 2 to 6 on placeholder words):

# %%
first_half = ("in the first half the defence was very good "
              "but in the second half the attack was very poor").split()
second_half = ("in the second half the attack was very good "
               "but in the first half the defence was very poor").split()
for n in (3, 4):
    same = bag_of_ngrams(first_half, n) == bag_of_ngrams(second_half, n)
    print(f"n = {n}: same bag of {n}-grams: {same}")

# %% [markdown]
# Keras computes the same bags: `TextVectorization(ngrams=2, output_mode="count")` counts every word and every bigram (its vocabulary holds both, e.g. `"the acting"`), and it too gives the two reviews the same vector.
# A recurrent network avoids the whole question by reading the words themselves, in order.

# %%
ngram_vectorizer = keras.layers.TextVectorization(ngrams=2, output_mode="count")
ngram_vectorizer.adapt([" ".join(liked_acting), " ".join(liked_plot)])
counts_2 = ngram_vectorizer([" ".join(liked_acting), " ".join(liked_plot)]).numpy()
print("vocabulary:", [str(t) for t in ngram_vectorizer.get_vocabulary()])
print(counts_2)

# %%
# Checks: order carries meaning
# "cannot tell these two sentences apart": same bag of words, different sequences
assert np.array_equal(bag_of_words(a), bag_of_words(b))
assert not np.array_equal(word_ids(a), word_ids(b))
for first, second in pairs.values():   # the lecture's examples: same bag, other sequence
    assert collections.Counter(first.split()) == collections.Counter(second.split())
    assert first.split() != second.split()
# "six different integer sequences but one and the same multi-hot bag of words"
assert len(id_rows) == len(orders) == math.factorial(3) and len(bag_rows) == 1
# bigrams tell dog/man and the six orders apart, but not the acting/plot reviews; trigrams do
assert bag_of_ngrams("dog bites man".split(), 2) != bag_of_ngrams("man bites dog".split(), 2)
assert len(bigram_bags) == 6
assert bag_of_ngrams(liked_acting, 2) == bag_of_ngrams(liked_plot, 2)
assert bag_of_ngrams(liked_acting, 3) != bag_of_ngrams(liked_plot, 3)
assert bag_of_ngrams(first_half, 3) == bag_of_ngrams(second_half, 3)
assert bag_of_ngrams(first_half, 4) != bag_of_ngrams(second_half, 4)
for n in range(2, 7):   # "works for any n": equal n-gram bags, different (n + 1)-gram bags
    p, q = [f"p{i}" for i in range(n - 1)], [f"q{i}" for i in range(n - 1)]   # repeated phrases
    s1, s2 = p + ["x"] + q + ["y"] + p + ["z"] + q, p + ["z"] + q + ["y"] + p + ["x"] + q
    assert bag_of_ngrams(s1, n) == bag_of_ngrams(s2, n)
    assert bag_of_ngrams(s1, n + 1) != bag_of_ngrams(s2, n + 1)
# Keras' bigram counts: the same vector for both reviews, 9 words and 8 bigrams, none unknown
assert np.array_equal(counts_2[0], counts_2[1]) and counts_2[0, 1:].sum() == 9 + 8

# %% [markdown]
# ### Length varies (가변 길이)
#
# Now length.
# Real IMDB movie reviews (the data of notebooks 04, 07, 08 and 11) differ in length by more than a factor of 100, and the longest run to over a thousand words.
# The cell prints the shortest, the median and the longest:

# %%
texts, labels = datasets.load_imdb_reviews("train")
lengths = np.array([len(t.split()) for t in texts[:n_reviews]])
print(f"{len(lengths):,} reviews: shortest {lengths.min()} words, "
      f"median {int(np.median(lengths))}, longest {lengths.max()}")

# %%
# extra: the distribution of review lengths
plt.figure(figsize=(7, 3))
plt.hist(lengths, bins=60)
plt.xlabel("words per review")
plt.ylabel("reviews")
plt.title("IMDB review lengths")
plt.show()

# %%
# Checks: length varies
assert lengths.max() > 100 * lengths.min()   # "more than a factor of 100"
assert lengths.max() > 1_000                 # "over a thousand words"

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
# Dividing it back out gives the jamo.
# Unicode's own normalisation (NFD) decomposes syllables into exactly these jamo, and NFC puts them back together (the checks at the end of the section compare them):

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
print(f"{len(by_word)} words -> {len(by_char)} characters -> {len(by_jamo)} jamo: "
      "the finer the cut, the longer the sequence")

# %% [markdown]
# ### A price series cut into windows (주가 시계열)
#
# Measurements form sequences too.
# The source lecture's example is a stock's daily closing prices (종가): each day is one time step with one feature, and a model reads a *window* of past days to predict the next day's price.
# To show only the cutting, we use a toy series of eight made-up numbers (an illustration, not market data): windows of 3 days, each followed by the day to predict.
# `sliding_window_view` cuts the windows without copying; a recurrent layer wants a features axis as well, here of size 1:

# %%
prices = np.array([101.0, 102.5, 101.8, 103.2, 104.0, 103.1, 105.6, 106.2])  # toy numbers
window = 3
x_prices = sliding_window_view(prices[:-1], window)[:, :, np.newaxis]   # (windows, 3 days, 1)
y_prices = prices[window:]                                              # the day after each
for days, target in zip(x_prices[:, :, 0], y_prices, strict=True):
    print(days, "->", target)
print("x:", x_prices.shape, "(batch, timesteps, features)   y:", y_prices.shape)

# %% [markdown]
# ### A weather record: many features per step (다변량 시계열)
#
# A time step can hold several measurements.
# The Jena weather station (notebooks 10 and 11) records 14 quantities every 10 minutes: a time step is a vector of 14 *features*.
# The loader says which period it returned (2009-2016 from the internet, or 2020 from the course's offline mirror); the cell prints the number of features and the usual time between two records:

# %%
df = datasets.load_jena()
step = (df.index[1:] - df.index[:-1]).median()     # the usual time between two records
print(f"Jena {df.attrs['period']}: {len(df):,} steps of {df.shape[1]} features, "
      f"one every {step.total_seconds() / 60:.0f} min, {df.index[0]} to {df.index[-1]}")
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
# ### The shape `(batch, timesteps, features)` (입력 텐서의 형태)
#
# Recurrent layers in Keras read 3-D tensors: a batch of sequences, each a number of time steps, each step a vector of features.
# One day of Jena weather is 144 steps of 14 features; a batch of consecutive days stacks such windows:

# %%
values = df.to_numpy(dtype="float32")               # (steps, 14)
timesteps, features = 144, values.shape[1]
windows = sliding_window_view(values, timesteps, axis=0).transpose(0, 2, 1)[::timesteps]
batch = windows[:32]
print("one day:", batch[0].shape, " a batch of 32 days:", batch.shape)
print("the 32 windows run from", df.index[0], "to", df.index[len(batch) * timesteps - 1])

# %% [markdown]
# A batch of sequences is a 3-D tensor: one 2-D `(timesteps, features)` grid per sequence, stacked along the batch axis.
#
# ![A batch as a 3-D tensor of shape (batch, timesteps, features)](images/tensor_shape.png)

# %%
# Checks: time steps
# jamo: Unicode's NFD gives the same jamo, NFC puts them back; 3 words, 8 characters, 20 jamo
assert by_jamo == list(unicodedata.normalize("NFD", sentence.replace(" ", "")))
assert unicodedata.normalize("NFC", "".join(by_jamo)) == sentence.replace(" ", "")
assert (len(by_word), len(by_char), len(by_jamo)) == (3, 8, 20)
# prices: window i holds days i, i+1, i+2 and predicts day i+3
assert x_prices.shape == (len(prices) - window, window, 1) and y_prices.shape == (5,)
for i in range(len(y_prices)):
    assert np.array_equal(x_prices[i, :, 0], prices[i:i + window]) and y_prices[i] == prices[i + 3]
# Jena: 14 features, one record every 10 minutes
assert df.shape[1] == 14 and step.total_seconds() == 600
# "a batch of 32 days": (32, 144, 14), and the second window is the second day
assert batch.shape == (32, timesteps, features)
np.testing.assert_array_equal(batch[1], values[144:288])

# %% [markdown]
# ## 3. Why not a dense network on the flattened window? (완전 연결 신경망의 한계)
#
# A `Dense` layer acts on the last axis of its input: given a window of shape `(timesteps, features)` it would mix the 14 features of each step and never two steps.
# To let one dense layer see the whole window, the window is flattened into `timesteps × features = 2016` numbers.
# That raises two problems.
#
# **Order.** A dense layer computes `x @ W`: every input has its own weight, and nothing in the layer says which input came first.
# Shuffle the time steps of every window the same way and the outputs change; shuffle the rows of `W` to match as well, and the outputs are the same again, up to float32 rounding.
# So the order of the steps is not built into the layer: it is just a labelling of the inputs, and whatever order means for the task, the layer has to learn it from scratch, separately for every position.

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

# %% [markdown]
# **Length.** The layer was built for 2,016 inputs; half a day (72 steps) does not fit.
# A recurrent layer's weights are sized for *one* step (14 features in, 8 units out), and the same weights are applied at every step, so it reads any number of steps:

# %%
half_day = batch[:, :72, :].reshape(len(batch), -1)
rejected = None
try:
    dense(half_day)
except ValueError as err:
    rejected = err
print("Dense on half a day:", str(rejected).splitlines()[0])

rnn = keras.layers.SimpleRNN(8)
print("SimpleRNN on a day:     ", tuple(rnn(batch).shape))
print("SimpleRNN on half a day:", tuple(rnn(batch[:, :72]).shape))
print("SimpleRNN weights:", [tuple(w.shape) for w in rnn.weights], "for any number of steps")

# %%
# Checks: the dense layer and the recurrent layer
assert changed > 0.01 * scale    # "shuffle the time steps ... and the outputs change"
assert gap < 1e-5 * scale        # "the same again, up to float32 rounding" (about 7 digits)
assert rejected is not None      # "half a day does not fit"
# the SimpleRNN reads a day and half a day with the same weights, sized for one step
assert rnn(batch).shape == rnn(batch[:, :72]).shape == (32, 8)
assert [tuple(w.shape) for w in rnn.weights] == [(features, 8), (8, 8), (8,)]

# %% [markdown]
# ## 4. Encoding text (텍스트 인코딩)
#
# A network reads numbers, so text must become vectors.
# Four ways, from the most literal to the current Keras layer.
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
decoded = "".join(characters[i] for i in x.argmax(axis=1))
print(x.shape, "-> decoded:", decoded)

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

# %% [markdown]
# ### The hashing trick (해싱 기법)
# With a large vocabulary the index itself becomes a burden.
# The hashing trick skips it: a hash function maps each word straight to one of `d` buckets.
# The size is fixed in advance, at the price of *collisions*: different words in the same bucket, which the model can no longer tell apart.
# We use `zlib.crc32`, which gives the same number in every process; Python's own `hash()` of a string changes from one run to the next (`PYTHONHASHSEED`), which would scramble a saved model's inputs.
#
# The cell hashes the 1,000 most frequent IMDB words and counts the collisions as words minus buckets used.
# With fewer buckets than words, at least $n - d$ words must collide; with 10 times more buckets than words, some words still share a bucket.
# (Exercise 3 asks whether `crc32` collides as often as a perfectly random hash would.)

# %%
counts = collections.Counter(w for t in texts[:n_reviews] for w in datasets.imdb_tokenize(t))
vocabulary = [w for w, _ in counts.most_common(1000)]

def bucket(word, d):
    """The word's bucket, 0 to d - 1 (crc32 is the same in every process)."""
    return zlib.crc32(word.encode("utf-8")) % d

collisions = {}
for d in (100, 1_000, 10_000, 100_000):
    collisions[d] = len(vocabulary) - len({bucket(w, d) for w in vocabulary})
    print(f"d = {d:>7,}: {utils.claims.plural(collisions[d], 'collision'):>15s} "
          f"among {len(vocabulary):,} words")
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

# %% [markdown]
# ### `TextVectorization`: the current Keras way (텍스트 벡터화)
# `keras.layers.TextVectorization` learns a vocabulary with `adapt`, then turns strings into integer sequences (`output_mode="int"`) or into a bag of words (`"multi_hot"`).
# In `int` mode index 0 is padding and 1 the out-of-vocabulary token `[UNK]`; `output_sequence_length` pads short texts with zeros at the end and cuts long ones:

# %%
vectorizer = keras.layers.TextVectorization(output_mode="int", output_sequence_length=5)
vectorizer.adapt(["the cat sat on the mat", "the dog ate my homework"])
vocab = [str(w) for w in vectorizer.get_vocabulary()]   # items come back as np.str_
print("vocabulary:", vocab)
encoded = vectorizer(["the cat sat", "the bird sat on the mat again"]).numpy()
print(encoded)

# %% [markdown]
# A bag of words has no steps to pad, so in `multi_hot` mode there is no padding entry: index 0 is `[UNK]`, and the first word comes at 1.
# Each row says which words occur, not where or how often:

# %%
multi_hot = keras.layers.TextVectorization(output_mode="multi_hot")
multi_hot.adapt(["the cat sat on the mat", "the dog ate my homework"])
bag_vocab = [str(w) for w in multi_hot.get_vocabulary()]
print("vocabulary:", bag_vocab)
bags = multi_hot(["the cat sat on the cat", "on the sat cat", "the bird sat"]).numpy()
print(bags)

# %% [markdown]
# On real reviews: `max_tokens=10_000` caps the vocabulary at 10,000 entries, so it holds the padding entry `""`, `[UNK]` and the 9,998 most frequent words; sequences of 100 steps, the sizes notebook 07 uses with GloVe (07 keeps the *last* 100 words of each review and pads in front, with `pad_sequences`; `output_sequence_length` keeps the first 100 and pads at the end).
# Reviews shorter than 100 tokens are padded; the others fill all 100 steps (longer ones are cut).
# The cell counts both; those that fill all 100 steps are the majority:

# %%
imdb_vectorizer = keras.layers.TextVectorization(max_tokens=10_000, output_sequence_length=100)
imdb_vectorizer.adapt(texts[:n_reviews])
imdb_vocab = [str(w) for w in imdb_vectorizer.get_vocabulary()]
sequences = imdb_vectorizer(texts[:n_reviews]).numpy()
padded = (sequences[:, -1] == 0).mean()
print(f"{sequences.shape}: {len(imdb_vocab):,} entries in the vocabulary ({imdb_vocab[:4]} ...), "
      f"{padded:.0%} of reviews padded, {1 - padded:.0%} fill all 100 steps")
print("first review as words:", " ".join(imdb_vocab[i] for i in sequences[0][:12]), "...")

# %%
# Checks: encoding text
# character one-hot: one 1 per row, and it decodes back
assert x.shape == (11, 100) and (x.sum(axis=1) == 1).all() and decoded == "Hello, RNN!"
assert one_hot_words.shape == (2, 10, 10) and one_hot_words.sum() == 11  # 6 + 5 words
assert collisions[10_000] > 0       # "with 10 times more buckets than words, some still share"
assert bins[0] == bins[2] and ((0 <= bins) & (bins < 1000)).all()   # same word, same bin
# int mode: 0 padding, 1 [UNK]; padded at the end, unseen "bird" is [UNK], cut to 5 steps
assert vocab[:3] == ["", "[UNK]", "the"]
assert list(encoded[0, 3:]) == [0, 0] and encoded[1, 1] == 1 and encoded.shape == (2, 5)
# multi_hot: index 0 is [UNK]; order and counts are gone; an unseen word sets index 0
assert bag_vocab[0] == "[UNK]" and "" not in bag_vocab
assert bags.max() == 1 and np.array_equal(bags[0], bags[1]) and bags[2, 0] == 1
# max_tokens=10_000: "", [UNK] and 9,998 words; most reviews fill all 100 steps
assert len(imdb_vocab) == 10_000 and imdb_vocab[:2] == ["", "[UNK]"]
assert sequences.shape == (n_reviews, 100) and 1 - padded > 0.5


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
# Two reference points: always predicting 0 scores the mean of the squared targets, and repeating the last input value (the *naive* forecast) does far better, more than 10 times better, because the series is smooth.
# The cell prints both errors and their ratio.
# A model is worth training only if it beats the naive forecast; notebook 03 puts a recurrent network to that test.

# %%
mse_zero = np.mean(y_series ** 2)
mse_naive = np.mean((x_series[:, -1, 0] - y_series) ** 2)
print(f"MSE predicting 0: {mse_zero:.3f}   MSE repeating the last value: {mse_naive:.4f}")
print(f"the naive forecast's error is {mse_zero / mse_naive:.0f} times smaller")

# %%
# Checks: the toy series
assert x_series.shape == (1000, 50, 1) and y_series.shape == (1000,)
assert mse_naive < mse_zero / 10     # "more than 10 times better"

# %% [markdown]
# ## Results (결과 정리)
#
# No model is trained here; the results are the two reference points of the toy task (notebook 03 measures them again on its own validation series).
# `utils.record_results` shows them as a table (and, under `make results`, collects them for the README).

# %%
utils.record_results([
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
# | `TextVectorization` `int` | one integer (then an `Embedding`) | yes | `[UNK]` = 1 (0 is padding) |
# | `TextVectorization` `multi_hot` | vocabulary | **no** | `[UNK]` = 0 (no padding) |
#
# - Sequential data has an order that carries meaning and a length that varies.
# - A bag of words forgets order entirely: "Hello Deep Learning" has 3! = 6 orders and a single bag of words, and the lecture's review with its adjectives swapped has the same bag as the review the writer meant.
#   A bag of n-grams keeps order only inside windows of n words: "the acting was good but the plot was bad" and the same sentence with *acting* and *plot* swapped have the same bag of bigrams, and for every n such pairs exist.
# - A time step can be a word, a character, a jamo, a day's closing price, or a vector of measurements; the finer the cut, the longer the sequence.
#   A series is cut into windows of past steps, each followed by the value to predict.
# - Recurrent layers read `(batch, timesteps, features)` tensors.
#   A dense layer on a flattened window has no built-in notion of order (which input came first is just a labelling of its weights: shuffled steps with matching weights give the same output, up to rounding) and fixes the length; a recurrent layer applies the same weights at every step and reads any length.
# - Text reaches the later notebooks as integers, but not in one code, so check which one a notebook uses.
#   Notebooks 07, 08 and 11, and notebook 06 for its three Korean sentences, use `TextVectorization` (0 padding, 1 `[UNK]`, then the words by frequency; `max_tokens=10_000` keeps 9,998 words).
#   Notebook 09 reads Keras' Reuters codes, and notebook 04 rebuilds Keras' IMDB codes from the raw reviews: 0 padding, 1 the start of a text, 2 a word out of the vocabulary, and a word's frequency rank + 3 (04 also skips the lowest 20 indexes, so its start marker becomes 2 as well, and then drops every marker).
#   Notebook 06 builds its own word and character tables for *Alice*.
#
# <!-- reference-run:start: generated by make sync from results/full.json; do not edit -->
# *Your run's numbers are in the results table above, beside those of the reference run of your profile; [the copy with outputs](../executed/01_sequential_data.ipynb) is the full profile's reference run, start to end.*
# <!-- reference-run:end -->

# %% [markdown]
# ## Going further (확장하기)
#
# Try each exercise in the empty cell below it; the worked solutions are in the last section, hidden (click a cell to show it).

# %% [markdown]
# 1. Add an eighth row to the tasks table: a sequence task from your own field.
#    Which pattern is it?
#    Decide from one example: is its input one item or a sequence, and its output?

# %%
# Your attempt: exercise 1

# %% [markdown]
# 2. How many jamo time steps does "RNN으로 감성 분석을 배운다" have (spaces left out, each Latin letter one step)?
#    Predict it, then check with `to_jamo`.

# %%
# Your attempt: exercise 2

# %% [markdown]
# 3. **Exercise.** The hashing trick with *two* hash functions (e.g. `crc32` of the word and of the word reversed) gives each word a pair of buckets.
#    At `d = 1,000`, count the collisions (words minus distinct pairs) and compare with one hash.
#    Then ask whether `crc32` collides as often as a perfectly random hash: $n$ words hashed uniformly into $d$ buckets leave on average $E = d(1 - 1/d)^n$ buckets empty, so they give $n - d + E$ collisions on average.

# %%
# Your attempt: exercise 3

# %% [markdown]
# ## Solutions (풀이)
#
# The worked solutions, hidden (click a cell to show it); they train nothing and run in a moment.

# %% [markdown]
# ### Solution 1: the pattern of a task (exercise 1)

# %%
#@title Solution 1: the pattern of a task
# The pattern follows from one example: is the input one item or a sequence, and the output?
# Part-of-speech tagging (품사 태깅), one tag per word, is the new row.
def pattern(inputs, outputs):
    """Name the pattern of a task from one example's input and output lists."""
    many_in, many_out = len(inputs) > 1, len(outputs) > 1
    return f"{'many' if many_in else 'one'}-to-{'many' if many_out else 'one'}"

examples = {
    "part-of-speech tagging": ("the dog bites the man".split(), "DET NOUN VERB DET NOUN".split()),
    "sentiment analysis": (pairs["restaurant review -> stars"][1].split(), ["5 of 6 stars"]),
    "forecasting": (list(prices[:3]), [prices[3]]),
    "poem generation": (["<start>"], "the moon over the river".split()),
}
found = {task: pattern(inputs, outputs) for task, (inputs, outputs) in examples.items()}
for task, (inputs, outputs) in examples.items():
    print(f"{task:24s} {utils.claims.plural(len(inputs), 'step')} in, "
          f"{len(outputs)} out: {found[task]}")

# %% [markdown]
# ### Solution 2: counting jamo (exercise 2)

# %%
#@title Solution 2: counting jamo
# R, N, N are one step each (3); 으로 감성 분석을 배운다 is ten syllables:
# 으 로 배 다 have no final consonant (2 jamo each), the other six have one (3 each): 8 + 18 = 26.
text = "RNN으로 감성 분석을 배운다".replace(" ", "")
steps = [j for c in text for j in to_jamo(c)]
print(len(steps), "jamo time steps:", steps)
assert steps == list(unicodedata.normalize("NFD", text))   # Unicode splits it the same way
assert len(steps) == 29                                    # the count reasoned above

# %% [markdown]
# ### Solution 3: two hash functions, and crc32 against a random hash (exercise 3)
#
# A word is confused with another only if both of its hashes collide, so a pair of hashes behaves like one hash into $d^2$ cells.
# For a random hash the number of collisions also has a spread: its variance is $E + d(d-1)(1 - 2/d)^n - E^2$.
# If `crc32` spreads words like a random hash, its counts lie within a few standard deviations of the average; the cell checks 3, for one hash at each `d` of section 4 and for the pair.

# %%
#@title Solution 3: two hash functions, and crc32 against a random hash
def two_buckets(word, d):
    return bucket(word, d), zlib.crc32(word[::-1].encode("utf-8")) % d

def random_hash_collisions(n, d):
    """Mean and standard deviation of n - (buckets used), n words hashed uniformly into d."""
    empty = d * (1 - 1 / d) ** n                                  # expected empty buckets
    variance = empty + d * (d - 1) * (1 - 2 / d) ** n - empty ** 2
    return n - d + empty, np.sqrt(variance)

n = len(vocabulary)
for d, found_collisions in collisions.items():
    mean, std = random_hash_collisions(n, d)
    print(f"one hash, d = {d:>7,}: {utils.claims.plural(found_collisions, 'collision'):>15s} "
          f"(random hash: {mean:6.1f} ± {std:4.1f})")
    assert abs(found_collisions - mean) <= 3 * std, "crc32 should collide like a random hash"
double = n - len({two_buckets(w, 1000) for w in vocabulary})
mean, std = random_hash_collisions(n, 1000 * 1000)   # a pair = one of d² cells
print(f"a pair of hashes, d = 1,000: {utils.claims.plural(double, 'collision')} "
      f"(random into d² cells: "
      f"{mean:.1f} ± {std:.1f}), against {collisions[1000]} with one hash")
assert double < collisions[1000] and abs(double - mean) <= 3 * std
