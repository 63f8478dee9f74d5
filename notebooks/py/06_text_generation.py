# %% [markdown]
# # 06 · Text generation with RNN language models (RNN 언어 모델 · 문자 단위 RNN)
#
# Train recurrent language models on words and on characters, generate text from them with a temperature, and measure them with perplexity on text they have not seen.
#
# [![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/rnn-keras-course/rnn-keras-course/blob/main/notebooks/06_text_generation.ipynb)
#
# **Run time:** the course table of the README gives this notebook's time in each profile on two CPU cores, and the setup cell prints the reference run's.
#
# **Profile:** `PROFILE = "quick"` in the setup cell (a drop-down in Colab), or `COURSE_PROFILE=quick` in the shell, runs the same cells on less data and fewer epochs; `"full"`, the default, is the lesson at real scale.
#
# **On a GPU** (Colab asks for a GPU runtime for this notebook): the same cells run with the same seeds; the numbers may differ a little from the recorded CPU runs (other kernels, other rounding).
# Where that was foreseen, a check allows for it (a looser tolerance, no CPU timing), but the course has not yet been run on a GPU, so a check may still fail there; its run times are those of the CPU machine the README's course table names.

# %% [markdown]
# ## Learning goals (학습목표)
#
# - Turn sentences into next-word training examples (every prefix, padded on the left) and train a word-level RNN language model.
# - Write a `generate` function that feeds a model its own predictions, greedily or by sampling with a temperature.
# - Train an LSTM language model on a real book, by words and by characters, as many-to-one and many-to-many models.
# - Measure a language model with perplexity on held-out text and compare it with a unigram baseline.

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

P = utils.setup(PROFILE, notebook="06")

# %%
import collections
import re
import time

import keras
import matplotlib.pyplot as plt
import numpy as np

import utils
from utils import datasets

epochs_korean = P.pick(quick=60, full=200)      # the three Korean sentences
epochs_words = P.pick(quick=3, full=10)         # word-level LSTM on Alice
epochs_chars = P.pick(quick=1, full=12)         # character-level, many-to-many
chars_stride = P.pick(quick=10, full=30)        # its training windows start every ... characters
epochs_chars_m2o = P.pick(quick=2, full=4)      # character-level, many-to-one
m2o_fraction = P.pick(quick=0.2, full=1.0)      # share of the training text (many-to-one)
m2o_held_stride = P.pick(quick=6, full=3)       # held-out windows start every ... characters
sample_length = P.pick(quick=100, full=300)     # characters generated per sample
print(f"{P.name}: epochs {epochs_korean} (Korean sentences), {epochs_words} (words), "
      f"{epochs_chars} and {epochs_chars_m2o} (characters); "
      f"many-to-one on {m2o_fraction:.0%} of the training text")

# %% [markdown]
# ## 1. A language model (언어 모델)
#
# A language model gives the probability of the next token given the ones before it: $P(w_t \mid w_1, \dots, w_{t-1})$.
# A recurrent network is a natural fit: its state summarises $w_1, \dots, w_{t-1}$ and a softmax over the vocabulary gives the distribution.
# Chained, the model scores whole sentences, $P(w_1, \dots, w_T) = \prod_t P(w_t \mid w_{<t})$, and, fed its own predictions, it writes.
#
# ### A word-level RNN language model on three Korean sentences (단어 단위 RNN 언어 모델)
#
# The smallest possible corpus: three short sentences (문장).
# 말 means *horse* in the first ("the horse at the racetrack is running") and *words* in the other two ("his word is law", and the proverb 가는 말이 고와야 오는 말이 곱다, "kind words out, kind words back").
# That makes a good test: after "말이" the next word depends on what came before.

# %%
corpus = ["경마장에 있는 말이 뛰고 있다",
          "그의 말이 법이다",
          "가는 말이 고와야 오는 말이 곱다"]
# split on spaces, keep the words as they are
vectorizer = keras.layers.TextVectorization(standardize=None)
vectorizer.adapt(corpus)
vocabulary = [str(w) for w in vectorizer.get_vocabulary()]
print(len(vocabulary), "tokens:", vocabulary)

# %% [markdown]
# Every prefix of every sentence is a training example: the model reads the first $k$ words and must predict word $k + 1$.
# Prefixes are padded with 0 *on the left*, so that the last word read is always at the end, right before the prediction.

# %%
sequences = [vectorizer([s]).numpy()[0] for s in corpus]
prefixes = [seq[:k + 1] for seq in sequences for k in range(1, len(seq))]
max_len = max(len(p) for p in prefixes)
padded = keras.utils.pad_sequences(prefixes, maxlen=max_len, padding="pre")
x_korean, y_korean = padded[:, :-1], padded[:, -1]
for row, target in list(zip(x_korean, y_korean, strict=True))[:5]:
    print(row, "->", target, " ", " ".join(vocabulary[i] for i in row if i), "->",
          vocabulary[target])
print(x_korean.shape, "examples")

# %% [markdown]
# The model: an `Embedding`, a `SimpleRNN(32)` that reads the prefix, and a softmax over the vocabulary for the next word.
# Its first trained result is the accuracy on its own training prefixes.

# %% tags=["first-result"]
keras.utils.set_random_seed(P.seed)
korean_model = keras.Sequential([
    keras.Input((max_len - 1,)),
    keras.layers.Embedding(len(vocabulary), 10),
    keras.layers.SimpleRNN(32),
    keras.layers.Dense(len(vocabulary), activation="softmax"),
])
korean_model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                     loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = korean_model.fit(x_korean, y_korean, epochs=epochs_korean, verbose=0)
print(f"training accuracy after {epochs_korean} epochs: {history.history['accuracy'][-1]:.2f}")


# %% [markdown]
# `generate` turns the model into a writer: encode the words so far, pad them like the training prefixes, take the most probable next word (*greedy* decoding), append it, repeat.
# Below, each sentence is started from its first word and extended to its full length; all three come back word for word (checked at the end of this section).
# After 말이 the model must choose between 뛰고, 법이다, 고와야 and 곱다, so getting all three right means it uses the words before 말이, not just 말이 itself.

# %%
def generate(model, vectorizer, seed_words, n):
    """Extend seed_words by n words, each the model's most probable next word."""
    vocabulary = vectorizer.get_vocabulary()
    words = seed_words.split()
    for _ in range(n):
        ids = vectorizer([" ".join(words)]).numpy()[:, -(max_len - 1):]
        ids = keras.utils.pad_sequences(ids, maxlen=max_len - 1, padding="pre")
        words.append(str(vocabulary[int(model.predict(ids, verbose=0)[0].argmax())]))
    return " ".join(words)

completions = {}
for sentence in corpus:
    first, *rest = sentence.split()
    completions[sentence] = generate(korean_model, vectorizer, first, len(rest))
    print(f"{first} -> {completions[sentence]}")

# %%
# Checks: section 1
# "all three come back word for word"
assert all(completion == sentence for sentence, completion in completions.items()), completions

# %% [markdown]
# ## 2. A word-level LSTM on *Alice's Adventures in Wonderland* (단어 단위 LSTM 언어 모델)
#
# Now a real book: Lewis Carroll's text from Project Gutenberg, through the course's verified loader.
# We keep the first 90 % of the words for training and hold out the last 10 % (the end of chapter XI and all of chapter XII) to measure the model on text it has never seen.
#
# Words are lower-cased runs of letters (with inner apostrophes, as in *don't*).
# Words seen only once in the training part become `[UNK]`, so that the model has examples of the unknown token too.

# %%
text = datasets.load_alice()
words = re.findall(r"[a-z]+(?:['’][a-z]+)*", text.lower())
split = int(len(words) * 0.9)
counts = collections.Counter(words[:split])
word_vocab = ["[UNK]"] + sorted(w for w, c in counts.items() if c >= 2)
word_id = {w: i for i, w in enumerate(word_vocab)}
word_ids = np.array([word_id.get(w, 0) for w in words])
train_words, held_words = word_ids[:split], word_ids[split:]
unk_share = (np.mean(train_words == 0), np.mean(held_words == 0))
print(f"{len(words):,} words, vocabulary {len(word_vocab):,}; "
      f"training {len(train_words):,}, held out {len(held_words):,}; "
      f"[UNK]: {unk_share[0]:.1%} of the training words, {unk_share[1]:.1%} of the held-out words")


# %% [markdown]
# **Training examples, many-to-many.** Cut the training text into windows of 20 words that start every 4 words, so that neighbouring windows share 16 words; the target of each window is the same window shifted by one word, so *every* position is a next-word prediction.
# The held-out windows are also 20 words long but start every 20 words, so every held-out word is scored at most once.

# %%
def shifted_windows(ids, length, stride):
    """x: windows of `length` tokens, one every `stride` tokens; y: the same, one token later."""
    starts = np.arange(0, len(ids) - length - 1, stride)
    x = np.stack([ids[s:s + length] for s in starts])
    y = np.stack([ids[s + 1:s + length + 1] for s in starts])
    return x, y

x_words, y_words = shifted_windows(train_words, 20, 4)
x_held_words, y_held_words = shifted_windows(held_words, 20, 20)
print("training windows", x_words.shape, "held-out windows", x_held_words.shape)

# %% [markdown]
# An LSTM with `return_sequences=True` and a `Dense` layer on every step makes 20 predictions per window.
# *Slow cell: it prints its time in the reference run and its progress.*

# %%
utils.slow_cell("word LSTM")
keras.utils.set_random_seed(P.seed)
word_model = keras.Sequential([
    keras.Input((None,)),
    keras.layers.Embedding(len(word_vocab), 64),
    keras.layers.LSTM(128, return_sequences=True),
    keras.layers.Dense(len(word_vocab)),                       # logits for every step
])
word_model.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
start = time.perf_counter()
word_history = word_model.fit(x_words, y_words, batch_size=64, epochs=epochs_words,
                              validation_data=(x_held_words, y_held_words), verbose=0,
                              callbacks=[utils.progress("word LSTM(128)")])
word_epoch_s = (time.perf_counter() - start) / epochs_words
print(f"{word_epoch_s:.1f} s per epoch")


# %% [markdown]
# ### Perplexity (퍼플렉서티)
#
# The loss is the mean cross-entropy $-\frac{1}{N}\sum \log P(w_t \mid w_{<t})$ in nats.
# Its exponential is the **perplexity**: the model is as uncertain as if it chose uniformly among that many words.
# A useful floor to beat: the *unigram* model, which ignores context and predicts every word with its frequency in the training text.

# %%
def unigram_perplexity(train_ids, held_ids, size):
    """Perplexity on held_ids of the model P(token) = frequency in train_ids (add-one smoothed)."""
    p = (np.bincount(train_ids, minlength=size) + 1) / (len(train_ids) + size)
    return float(np.exp(-np.mean(np.log(p[held_ids]))))

word_ppl = float(np.exp(word_model.evaluate(x_held_words, y_held_words, verbose=0)))
word_unigram = unigram_perplexity(train_words, held_words, len(word_vocab))
print(f"held-out perplexity: LSTM {word_ppl:.1f}, unigram {word_unigram:.1f}")
utils.plots.plot_history(word_history, title="word-level LSTM (validation = held-out chapters)")
plt.show()

# %%
train_curve = np.exp(word_history.history["loss"])      # perplexity on the training text, per epoch
held_curve = np.exp(word_history.history["val_loss"])   # perplexity on the held-out chapters
ratio = held_curve / train_curve
print("training perplexity per epoch:", np.round(train_curve, 1))
print("held-out perplexity per epoch:", np.round(held_curve, 1))
print(f"lowest held-out perplexity {held_curve.min():.1f}, "
      f"after epoch {held_curve.argmin() + 1} of {epochs_words}")
print(f"held-out / training perplexity: {ratio[0]:.2f} after epoch 1, "
      f"{ratio[-1]:.2f} after epoch {epochs_words}")


# %% [markdown]
# The cell above prints both curves as perplexities.
# The training perplexity falls every epoch, faster than the held-out perplexity, so the ratio held-out / training grows from the first epoch to the last (both checked at the end of this section).
# The two curves are not measured alike, though, so neither their ratio nor which of them is lower says directly how the model does on text it has seen and on text it has not:
#
# - An epoch's training number is the average over its batches, taken while the model was still improving, so it overstates the training perplexity at the end of the epoch.
# - The held-out chapters are easier in one way: `[UNK]` is about 2.5 times as common there as in the training part (11.1 % of the held-out words against 4.5 % of the training words, printed above; checked), and a target that frequent is an easy one to predict (the next cell measures how much it helps).
#
# The next cell measures both alike: the trained model on a tenth of the training windows and on the held-out windows, first with every target, then with the `[UNK]` targets left out.

# %%
def perplexity(model, x, y, leave_out=()):
    """exp of the mean cross-entropy of a many-to-many model's predictions of y from x,
    over the targets that are not in `leave_out`."""
    logits = model.predict(x, verbose=0)
    log_p = logits - logits.max(axis=-1, keepdims=True)
    log_p -= np.log(np.exp(log_p).sum(axis=-1, keepdims=True))
    target_log_p = np.take_along_axis(log_p, y[..., None], axis=-1)[..., 0]
    return float(np.exp(-target_log_p[~np.isin(y, leave_out)].mean()))

x_some, y_some = x_words[::10], y_words[::10]                  # a tenth of the training windows
alike = {}
for what, leave_out in (("every target", ()), ("[UNK] left out", [word_id["[UNK]"]])):
    train_ppl, held_ppl = (perplexity(word_model, x, y, leave_out)
                           for x, y in ((x_some, y_some), (x_held_words, y_held_words)))
    alike[what] = (train_ppl, held_ppl)
    print(f"after training, {what:14s}: training {train_ppl:6.1f}, held-out {held_ppl:6.1f}, "
          f"held-out / training {held_ppl / train_ppl:.2f}")

# %% [markdown]
# Leaving the `[UNK]` targets out raises the held-out perplexity by a larger factor than the training perplexity (checked at the end of this section): the `[UNK]` targets made the held-out text look easier.
# Measured alike and without them, the ratio held-out / training says how much better the model predicts text it trained on than text it has not seen.
# In the full profile (ten epochs) the held-out perplexity ends more than 1.5 times the training perplexity (checked).
# That gap mixes two things: the model has not seen the held-out windows, and they are other text, the book's last chapters, with their own names and words (the 2.5 times higher `[UNK]` rate is one sign of it).
# Overfitting is the first part only, and this notebook does not separate the two: held-out windows drawn from the same chapters as the training windows would.
# With the roughly 24,000 words of training text printed above, a book is a small corpus for a word model.
#
# ### Sampling with a temperature (온도 샘플링)
#
# Greedy decoding always picks the most probable token, so the same words in always give the same word out: once the text repeats a phrase it can be caught in a loop.
# Sampling picks at random *according to* the model's probabilities, reshaped by a **temperature** $T$: $p_i \propto \exp(z_i / T)$.
# $T \to 0$ is greedy; $T = 1$ samples the model as it is; larger $T$ flattens the distribution towards uniform.

# %%
def sample(logits, temperature, rng):
    """Index drawn from softmax(logits / temperature); argmax when temperature is 0."""
    if temperature == 0:
        return int(np.argmax(logits))
    z = (logits - logits.max()) / temperature
    p = np.exp(z) / np.exp(z).sum()
    return int(rng.choice(len(p), p=p))

def generate_tokens(model, seed_ids, n, temperature, window, rng, banned=()):
    """Extend seed_ids by n tokens from a many-to-many model, reading the last `window` tokens.

    Tokens in `banned` (here the word model's [UNK]) are never produced.
    predict_on_batch runs one batch through the compiled predict function, without the data
    pipeline and callbacks that predict() sets up on every call.
    """
    ids = list(seed_ids)
    for _ in range(n):
        logits = model.predict_on_batch(np.array([ids[-window:]]))[0, -1]
        logits[list(banned)] = -np.inf
        ids.append(sample(logits, temperature, rng))
    return ids


# %%
def loop_length(tokens):
    """Length of the shortest cycle the end of `tokens` repeats three times in a row; 0 if none."""
    for p in range(1, len(tokens) // 3 + 1):
        if tokens[-p:] == tokens[-2 * p:-p] == tokens[-3 * p:-2 * p]:
            return p
    return 0

rng = np.random.default_rng(P.seed)
seed = [word_id.get(w, 0) for w in "alice was beginning to get very tired of".split()]
for temperature in (0, 0.5, 1.0):
    out = generate_tokens(word_model, seed, 30, temperature, 20, rng, banned=[word_id["[UNK]"]])
    cycle = loop_length(out[len(seed):])
    loop = (f"ends in a loop of {utils.claims.plural(cycle, 'word')}" if cycle
            else "no loop at the end")
    print(f"T = {temperature}: {' '.join(word_vocab[i] for i in out)}\n   {loop}\n")

# %%
# Checks: section 2
# "the training perplexity falls every epoch"
assert np.all(np.diff(train_curve) < 0), train_curve
# "so the ratio held-out / training grows from the first epoch to the last"
assert ratio[-1] > ratio[0], ratio
# "[UNK] is about 2.5 times as common there": "11.1 % ... against 4.5 %"
assert (round(unk_share[1], 3), round(unk_share[0], 3)) == (0.111, 0.045), unk_share
# "Leaving the [UNK] targets out raises the held-out perplexity by a larger factor"
raised = [without / every for without, every in zip(alike["[UNK] left out"], alike["every target"],
                                                    strict=True)]
assert raised[1] > max(raised[0], 1), raised
# "ends more than 1.5 times the training perplexity" (full profile; quick, 3 epochs: above 0.9)
train_ppl, held_ppl = alike["[UNK] left out"]
assert held_ppl / train_ppl > P.pick(quick=0.9, full=1.5), held_ppl / train_ppl
# "the roughly 24,000 words of training text"
assert abs(len(train_words) - 24_000) < 1_000, len(train_words)

# %% [markdown]
# ## 3. A character-level RNN (문자 단위 RNN)
#
# Characters instead of words: a vocabulary of a few dozen symbols, no unknown words, and the model must learn spelling as well as grammar.
# Windows of 60 characters, as in *Deep Learning with Python*.
# Same split: the last 10 % of the book's characters is held out.

# %%
lower = text.lower()
chars = sorted(set(lower))
char_id = {c: i for i, c in enumerate(chars)}
char_ids = np.array([char_id[c] for c in lower])
char_split = int(len(char_ids) * 0.9)
train_chars, held_chars = char_ids[:char_split], char_ids[char_split:]
char_unigram = unigram_perplexity(train_chars, held_chars, len(chars))
print(f"{len(chars)} characters: {''.join(chars)!r}")
print(f"training {len(train_chars):,} characters, held out {len(held_chars):,}; "
      f"unigram perplexity {char_unigram:.1f}")

# %% [markdown]
# ### Many-to-one: 60 characters in, the next one out (다대일)
#
# The classic set-up: sample windows every 3 characters, predict the single character that follows.
# Each window gives one training signal.
# *Slow cell: it prints its time in the reference run and its progress.*

# %%
utils.slow_cell("many-to-one")
m2o_chars = train_chars[:int(len(train_chars) * m2o_fraction)]
starts = np.arange(0, len(m2o_chars) - 61, 3)
x_m2o, y_m2o = np.stack([m2o_chars[s:s + 60] for s in starts]), m2o_chars[starts + 60]
held_starts = np.arange(0, len(held_chars) - 61, m2o_held_stride)
x_m2o_held = np.stack([held_chars[s:s + 60] for s in held_starts])
y_m2o_held = held_chars[held_starts + 60]

keras.utils.set_random_seed(P.seed)
m2o_model = keras.Sequential([
    keras.Input((60,)),
    keras.layers.Embedding(len(chars), 32),
    keras.layers.LSTM(128),
    keras.layers.Dense(len(chars)),
])
m2o_model.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
start = time.perf_counter()
m2o_model.fit(x_m2o, y_m2o, batch_size=128, epochs=epochs_chars_m2o, verbose=0,
              callbacks=[utils.progress("characters, many-to-one")])
m2o_seconds = time.perf_counter() - start
m2o_epoch_s = m2o_seconds / epochs_chars_m2o
m2o_ppl = float(np.exp(m2o_model.evaluate(x_m2o_held, y_m2o_held, verbose=0)))
print(f"{len(x_m2o):,} windows; {m2o_seconds:.0f} s of training ({m2o_epoch_s:.1f} s per epoch); "
      f"held-out perplexity {m2o_ppl:.2f} (unigram {char_unigram:.1f})")

# %% [markdown]
# ### Many-to-many: a prediction at every character (다대다)
#
# The same kind of windows, but the target is the window shifted by one character and the LSTM returns its whole sequence: 60 training signals per window instead of one.
# Because every window already trains on all its 60 positions, windows overlap less than for the many-to-one model: in the full profile a window starts every 30 characters, so each character is in two windows per epoch (every 10 characters in the quick profile, which trains for a single epoch).
# This model is also larger, `LSTM(256)`, so a step costs more, and its held-out perplexity averages over all 60 positions of a window, including the first ones with little context, while the many-to-one model always reads 60 characters first.
# So the two final perplexities do not compare the set-ups like for like.
# The cell after it prints, beside them, how long each model trained and on how much of the training text, and when the many-to-many model first reached the many-to-one model's final perplexity: to the epoch only, since its held-out perplexity is checked once per epoch.
# *Slow cell: it prints its time in the reference run and its progress.*

# %%
utils.slow_cell("many-to-many")
x_chars, y_chars = shifted_windows(train_chars, 60, chars_stride)
x_held_chars, y_held_chars = shifted_windows(held_chars, 60, 60)
keras.utils.set_random_seed(P.seed)
char_model = keras.Sequential([
    keras.Input((None,)),
    keras.layers.Embedding(len(chars), 32),
    keras.layers.LSTM(256, return_sequences=True),
    keras.layers.Dense(len(chars)),
])
char_model.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3),
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
start = time.perf_counter()
char_history = char_model.fit(x_chars, y_chars, batch_size=64, epochs=epochs_chars,
                              validation_data=(x_held_chars, y_held_chars), verbose=0,
                              callbacks=[utils.progress("characters, many-to-many")])
char_epoch_s = (time.perf_counter() - start) / epochs_chars
char_ppl = float(np.exp(char_model.evaluate(x_held_chars, y_held_chars, verbose=0)))
print(f"{len(x_chars):,} windows; {char_epoch_s * epochs_chars:.0f} s of training "
      f"({char_epoch_s:.1f} s per epoch); held-out perplexity {char_ppl:.2f} "
      f"(unigram {char_unigram:.1f})")

# %%
char_curve = np.exp(char_history.history["val_loss"])         # held-out perplexity after each epoch
char_seconds = char_epoch_s * np.arange(1, epochs_chars + 1)  # training seconds (mean per epoch)
plural = utils.claims.plural
print(f"many-to-one:  {len(x_m2o):,} targets per epoch, from {len(m2o_chars):,} of the "
      f"{len(train_chars):,} training characters; {plural(epochs_chars_m2o, 'epoch')}")
print(f"many-to-many: {y_chars.size:,} targets per epoch, from all {len(train_chars):,} of them; "
      f"{plural(epochs_chars, 'epoch')}")
print(f"many-to-one:  held-out perplexity {m2o_ppl:5.2f} after {m2o_seconds:4.0f} s of training")
for epoch, (ppl, seconds) in enumerate(zip(char_curve, char_seconds, strict=True), start=1):
    print(f"many-to-many: held-out perplexity {ppl:5.2f} after {seconds:4.0f} s (epoch {epoch})")
# When did the many-to-many model first reach the many-to-one model's final perplexity? It is
# checked once per epoch, so the answer is a bracket: after the check before, at most the first
# check below it.
below = [k for k, ppl in enumerate(char_curve) if ppl <= m2o_ppl]
if not below:
    print(f"The many-to-many model did not reach the many-to-one model's final perplexity "
          f"({m2o_ppl:.2f}) in its {plural(len(char_curve), 'epoch')}.")
else:
    k = below[0]
    earlier = char_seconds[k - 1] if k else 0.0
    print(f"The many-to-many model first reached the many-to-one model's final perplexity "
          f"({m2o_ppl:.2f}) during epoch {k + 1}: after more than {earlier:.0f} s and at most "
          f"{char_seconds[k]:.0f} s of training, between {earlier / m2o_seconds:.1f} and "
          f"{char_seconds[k] / m2o_seconds:.1f} times the many-to-one model's {m2o_seconds:.0f} s "
          "(one run each).")

# %% [markdown]
# ### Sampling the character model (문자 단위 샘플링)
#
# The same `generate_tokens`, now one character at a time, from the many-to-many model at four temperatures.
# For each temperature the cell prints the share of generated words that occur somewhere in the book, and whether the sample ends by repeating one cycle three times.

# %%
seed_text = "alice was beginning to get very tired of "
book_words = set(words)                     # every word of the book, held-out part included
book_share = {}
for temperature in (0, 0.2, 0.5, 1.0):
    out = generate_tokens(char_model, [char_id[c] for c in seed_text], sample_length,
                          temperature, 60, rng)
    new_text = "".join(chars[i] for i in out[len(seed_text):])
    new_words = re.findall(r"[a-z]+(?:['’][a-z]+)*", new_text)
    book_share[temperature] = np.mean([w in book_words for w in new_words])
    cycle = loop_length(out[len(seed_text):])
    loop = (f"ends in a loop of {utils.claims.plural(cycle, 'character')}" if cycle
            else "no loop at the end")
    print(f"--- T = {temperature}: {book_share[temperature]:.0%} of {len(new_words)} words "
          f"are words of the book; {loop} ---\n{seed_text + new_text}\n")

# %% [markdown]
# Low temperatures follow the model's most probable continuations, so greedy decoding can end in a loop.
# At $T = 1$ the model samples from its whole distribution, improbable characters included, so more of what it writes can fail to be a word of the book; the cell prints the share of the book's words at each temperature.
# Each share comes from one sample of 300 characters (100 in the quick profile), one draw: run the cell again and the shares move.
#
# ### One-hot inputs, `TimeDistributed(Dense)` and a second layer: the lecture's model (원-핫 인코딩 · TimeDistributed)
#
# The source lecture (8장 순환 신경망, section 07, 문자 단위 RNN) gives two character models, both without an `Embedding`: every character enters as a **one-hot** vector of length `len(chars)`, so a window of 60 characters is a `(60, len(chars))` matrix of zeros and ones.
# Its many-to-one model is legible: one `LSTM(256)` and `Dense(vocab_size, activation="softmax")`, the set-up of our many-to-one model above (which has an `Embedding` and `LSTM(128)`).
# Its many-to-many model is garbled in the text we have: after importing `Dense`, `LSTM` and `TimeDistributed` and setting `hidden_units = 256`, it adds two layers printed as `Lstylong` and a third printed as `Tstylong`.
# Our reading of it, a reconstruction: two `LSTM(256, return_sequences=True)` layers one after the other, and the output layer `TimeDistributed(Dense(len(chars), activation="softmax"))`.
# Our many-to-many model differs from that reading in three ways: an `Embedding` instead of one-hot vectors, a plain `Dense` instead of `TimeDistributed(Dense)`, and **one** LSTM layer instead of two.
# The second changes only how the model is written, not what it computes; the first changes how the input is written and restricts what the model can compute (its input kernel, the product of the embedding table and the LSTM's kernel, has rank at most 32, the width of the embedding); the next three cells check both on our trained model.
# The third changes the model: the last cell of this section builds the two-layer model as we read it, untrained, and compares its size with ours; every perplexity in this notebook is for our one-layer model.
#
# `TimeDistributed(layer)` applies `layer` to every time step of a `(batch, time, features)` tensor, with the same weights at every step.
# In Keras 3, `Dense` on a 3-D tensor already does this: it multiplies the last axis by its kernel, so a `Dense` after `return_sequences=True` makes one prediction per step.
# The cell applies the model's output layer to its LSTM outputs on four held-out windows in three ways: `Dense` as it is, a `TimeDistributed(Dense)` given the same weights, and `Dense` on one time step at a time in a loop.

# %%
x_few = x_held_chars[:4]
embedding, lstm, dense = char_model.layers                 # Embedding, LSTM(256), Dense
lstm_out = lstm(embedding(x_few))                          # (4, 60, 256): the state at every step
time_distributed = keras.layers.TimeDistributed(keras.layers.Dense(len(chars)))
time_distributed.build(tuple(lstm_out.shape))
time_distributed.set_weights(dense.get_weights())
by_dense = dense(lstm_out).numpy()
by_time_distributed = time_distributed(lstm_out).numpy()
by_step = np.stack([dense(lstm_out[:, t]).numpy() for t in range(60)], axis=1)
print(f"LSTM outputs {tuple(lstm_out.shape)} -> logits {by_dense.shape}; largest differences "
      f"{np.abs(by_time_distributed - by_dense).max():.1e} (TimeDistributed), "
      f"{np.abs(by_step - by_dense).max():.1e} (step by step)")

# %% [markdown]
# All three agree (checked at the end of this section), so `TimeDistributed` is not needed around a `Dense` in Keras 3; it still matters for layers that do not act on the last axis alone, such as a `Conv2D` applied to every frame of a video.
#
# **One-hot times a matrix is a row lookup.**
# The one-hot vector $e_c$ of character $c$ times a matrix $E$ picks out row $c$ of $E$: $e_c E = E_c$.
# That row is exactly what `Embedding` returns for character $c$, found by indexing instead of by multiplying a row of zeros and a single one:

# %%
table = embedding.embeddings.numpy()                       # (len(chars), 32)
one_hot = np.eye(len(chars), dtype="float32")[x_few]       # (4, 60, len(chars))
by_lookup = embedding(x_few).numpy()
print(f"one-hot {one_hot.shape} @ table {table.shape} = Embedding lookup {by_lookup.shape}; "
      f"largest difference {np.abs(one_hot @ table - by_lookup).max():.1e}")

# %% [markdown]
# A one-hot model feeds the one-hot vectors straight into the LSTM, whose input kernel $W_x$ then has `len(chars)` rows.
# Ours multiplies by the embedding table $E$ `(len(chars), 32)` and then by the LSTM's kernel $W_x$ `(32, 4 · 256)`, and $(e_c E)\,W_x = e_c\,(E W_x)$.
# So a one-hot model with the input kernel $E W_x$ computes what our trained model computes.
# The cell builds that model: one-hot input, **one** `LSTM(256, return_sequences=True)` and `TimeDistributed(Dense)`, that is the lecture's two-layer model, as we read it, without its second LSTM layer.
# It gives the model our weights that way and checks that the two models give the same logits, up to float32 rounding.
# (The lecture ends with a softmax; our model outputs logits and its loss applies the softmax, `from_logits=True`: the same probabilities.)

# %%
one_hot_model = keras.Sequential([
    keras.Input((None, len(chars))),
    keras.layers.LSTM(256, return_sequences=True),
    keras.layers.TimeDistributed(keras.layers.Dense(len(chars))),
])
kernel, recurrent_kernel, bias = lstm.get_weights()
one_hot_model.set_weights([table @ kernel, recurrent_kernel, bias, *dense.get_weights()])
by_one_hot = one_hot_model(one_hot).numpy()
by_embedding = char_model(x_few).numpy()
print(f"largest difference between the two models' logits: "
      f"{np.abs(by_one_hot - by_embedding).max():.1e}")
print(f"training windows as ids: {x_chars.nbytes / 1e6:.1f} MB ({x_chars.dtype}); "
      f"as one-hot float32: {x_chars.size * len(chars) * 4 / 1e6:.0f} MB")
print(f"input weights: one-hot LSTM {len(chars) * kernel.shape[1]:,}, "
      f"Embedding + LSTM kernel {table.size + kernel.size:,}")

# %% [markdown]
# The embedded model is the one-layer one-hot model with a cheaper input: one integer per character instead of `len(chars)` floats, and a row lookup instead of a product with a matrix that is almost all zeros.
# One difference remains: $E W_x$ has rank at most 32, the width of the embedding, and 32 is less than the number of characters (checked at the end of this section), so the embedded model can represent only a subset of the one-hot model's input kernels.
# With an embedding at least as wide as the vocabulary nothing is lost: $E$ = the identity and $W_x$ = the one-hot model's kernel.
#
# **The lecture's second layer** (in our reading of its garbled code).
# An `LSTM` with $d$ inputs and $u$ units has $4u(d + u + 1)$ weights: four gates, each with an input kernel, a recurrent kernel and a bias.
# The second `LSTM(256)` reads the first layer's 256 outputs at every step, so it has $4 \cdot 256 \cdot (256 + 256 + 1) = 525{,}312$ weights of its own, and it adds a second recurrence that every step must run through.
# The cell builds that two-layer model untrained, runs it on the four one-hot windows, and counts the weights of both models layer by layer.

# %%
lecture_model = keras.Sequential([
    keras.Input((None, len(chars))),
    keras.layers.LSTM(256, return_sequences=True),
    keras.layers.LSTM(256, return_sequences=True),
    keras.layers.TimeDistributed(keras.layers.Dense(len(chars), activation="softmax")),
])
lecture_probs = lecture_model(one_hot).numpy()              # untrained: (4, 60, len(chars))
for name, model in (("the two-layer model", lecture_model), ("our model", char_model)):
    sizes = ", ".join(f"{layer.name} {layer.count_params():,}" for layer in model.layers)
    print(f"{name}: {model.count_params():,} weights ({sizes})")
print(f"the two-layer model on {one_hot.shape} one-hot windows -> probabilities "
      f"{lecture_probs.shape}")

# %%
# Checks: section 3
# "All three agree": Dense, TimeDistributed(Dense) and Dense step by step
np.testing.assert_allclose(by_time_distributed, by_dense, rtol=1e-5, atol=1e-5)
np.testing.assert_allclose(by_step, by_dense, rtol=1e-5, atol=1e-5)
# "That row is exactly what Embedding returns"
np.testing.assert_allclose(one_hot @ table, by_lookup, rtol=1e-6)
# "32 is less than the number of characters"
assert table.shape[1] < len(chars), table.shape
# "the two models give the same logits, up to float32 rounding"
np.testing.assert_allclose(by_one_hot, by_embedding, rtol=1e-4, atol=1e-4)
# "4u(d + u + 1) weights" for each LSTM layer of the two-layer model, (256 + 1) x len(chars)
# for its Dense
lstm_1, lstm_2 = 4 * 256 * (len(chars) + 256 + 1), 4 * 256 * (256 + 256 + 1)
counted = [layer.count_params() for layer in lecture_model.layers]
assert counted == [lstm_1, lstm_2, (256 + 1) * len(chars)], counted

# %% [markdown]
# ## Results (결과 정리)
#
# Held-out perplexity on the last 10 % of the book (lower is better), against the unigram baseline of the same tokens:

# %%
results = [
    ("words, LSTM(128), many-to-many", word_ppl, word_unigram, word_epoch_s),
    ("characters, LSTM(128), many-to-one", m2o_ppl, char_unigram, m2o_epoch_s),
    ("characters, LSTM(256), many-to-many", char_ppl, char_unigram, char_epoch_s),
]
utils.record_results([
    {"model": "unigram baseline, words", "metric": "held-out perplexity",
     "value": word_unigram},
    {"model": "unigram baseline, characters", "metric": "held-out perplexity",
     "value": char_unigram},
    *({"model": name, "metric": "held-out perplexity", "value": ppl, "epoch_s": seconds}
      for name, ppl, _, seconds in results),
])

# %% [markdown]
# Each model's perplexity as a fraction of its unigram baseline.
# Every model is below 80 % of its baseline's perplexity, and in the full profile the many-to-many character model below 30 %: in this run and at each of the five seeds the course recorded (`results/seeds/full-06.json`; all checked below).

# %%
for name, ppl, unigram, _ in results:
    print(f"{name:36s} perplexity {ppl:6.2f}: {ppl / unigram:.0%} of the unigram baseline")

# %%
recorded = utils.results.recorded_seeds()     # this notebook at other seeds (results/seeds/)
print(f"Perplexity as a share of the unigram baseline over the {recorded.describe()}:")
share = {}
for name, _, _, _ in results:
    baseline = "unigram baseline, " + ("words" if name.startswith("words") else "characters")
    ppl_by_seed = recorded.values(name, "held-out perplexity")
    unigram_by_seed = recorded.values(baseline, "held-out perplexity")
    share[name] = [ppl_by_seed[s] / unigram_by_seed[s] for s in recorded.seeds]
    print(f"  {name:36s} " + ", ".join(f"{x:.0%}" for x in share[name]))

# %%
# Checks: results
# "Every model is below 80 % of its baseline's perplexity", this run and every recorded seed
for name, ppl, unigram, _ in results:
    assert ppl < 0.8 * unigram and max(share[name]) < 0.8, (name, ppl, unigram, share[name])
# "the many-to-many character model below 30 %" (full, and every recorded seed; quick, one
# epoch: below 50 %)
assert char_ppl < P.pick(quick=0.5, full=0.3) * char_unigram, char_ppl / char_unigram
assert max(share["characters, LSTM(256), many-to-many"]) < 0.3

# %% [markdown]
# ## Summary (학습정리)
#
# - A language model predicts the next token; trained on every prefix (padded on the left), a small `SimpleRNN` completes "경마장에" to "경마장에 있는 말이 뛰고 있다", using the context to resolve the ambiguous 말이.
# - Many-to-many training (`return_sequences=True`, targets shifted by one) gives a training signal at every step: 60 per window of 60 characters, where many-to-one gives one.
# - Perplexity, $\exp$ of the mean cross-entropy on held-out text, says how many tokens the model hesitates between; the unigram model is the baseline any language model must beat.
# - A one-hot LSTM computes what an `Embedding` + LSTM computes (a one-hot vector times a matrix is a row lookup), and in Keras 3 `Dense` on a 3-D tensor acts on every time step, as `TimeDistributed(Dense)` does; the lecture's many-to-many character RNN, as we read its garbled code, also stacks a second `LSTM(256)`, which our model does not have.
# - Temperature trades safety for variety: greedy decoding always gives the same continuation and can fall into loops; at $T = 1$ the model samples improbable characters too, and the run prints how many of its words are words of the book (one sample each, one draw).
#
# <!-- reference-run:start: generated by make sync from results/full.json; do not edit -->
# *Your run's numbers are in the results table above, beside those of the reference run of your profile; [the copy with outputs](../executed/06_text_generation.ipynb) is the full profile's reference run, start to end.*
# <!-- reference-run:end -->

# %% [markdown]
# ## Going further (확장하기)
#
# Try each item in the empty cell below it.
# Worked solutions are in the last section, Solutions (풀이), hidden (click to show); each prints its answer from the run.

# %% [markdown]
# 1. Add `dropout=0.2` to the word-level LSTM and train it like the first one.
#    Does the gap between training and held-out perplexity shrink, and does the held-out perplexity improve?

# %%
# Your attempt: exercise 1

# %% [markdown]
# 2. Generate from the many-to-one character model too.
#    How do its samples compare with the many-to-many model's at the same temperature?

# %%
# Your attempt: exercise 2

# %% [markdown]
# 3. Compute the perplexity of the character model on a sentence that is *not* from the book ("the cat sat on the mat and looked at the moon") and on a scrambled version of it.
#    Which is more surprising to the model?

# %%
# Your attempt: exercise 3

# %% [markdown]
# ## Solutions (풀이)
#
# The worked solutions, hidden (click a cell to show its code): solution 1 trains a second word-level LSTM on the same windows (its first cell prints its time in the reference run, and its progress), solutions 2 and 3 reuse the trained character models and take seconds.

# %% [markdown]
# ### Solution 1: dropout on the word-level LSTM (exercise 1)

# %%
#@title Solution 1: dropout on the word-level LSTM
utils.slow_cell("solution 1")
# The same word-level LSTM with dropout=0.2 on its inputs, trained the same way.
keras.utils.set_random_seed(P.seed)
dropout_model = keras.Sequential([
    keras.Input((None,)),
    keras.layers.Embedding(len(word_vocab), 64),
    keras.layers.LSTM(128, return_sequences=True, dropout=0.2),
    keras.layers.Dense(len(word_vocab)),
])
dropout_model.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-3),
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
dropout_history = dropout_model.fit(x_words, y_words, batch_size=64, epochs=epochs_words,
                                    verbose=0, callbacks=[utils.progress("word LSTM, dropout")])

# %%
#@title Solution 1: dropout on the word-level LSTM
# fit reports the training loss with dropout on, so measure both models as section 2 does:
# after training (dropout off), on the same tenth of the training windows and on the held-out
# chapters, with the [UNK] targets left out. The gap is |ln(held-out / training)|: 0 for none.
gap, held = {}, {}
for name, model in (("without dropout", word_model), ("with dropout", dropout_model)):
    train_ppl, held[name] = (perplexity(model, x, y, [word_id["[UNK]"]])
                             for x, y in ((x_some, y_some), (x_held_words, y_held_words)))
    gap[name] = abs(np.log(held[name] / train_ppl))
    print(f"{name:16s} training {train_ppl:6.1f}, held-out {held[name]:6.1f}, gap {gap[name]:.3f}")
# One seed each, so no verdict by the course's rule (notebook 04): to answer the question,
# train each model with a few seeds and compare the differences with their standard error.
print(f"with dropout against without: the gap {gap['with dropout'] - gap['without dropout']:+.3f}, "
      f"the held-out perplexity {held['with dropout'] - held['without dropout']:+.1f} "
      f"(one seed each, no verdict)")

# %% [markdown]
# ### Solution 2: samples from the many-to-one model (exercise 2)

# %%
#@title Solution 2: samples from the many-to-one model
# The many-to-one model reads exactly 60 characters: seed it with the 60 characters of the book
# that end with seed_text, and sample one row per temperature in one batch.
def generate_m2o(model, seed_ids, n, temperatures, rng):
    """One continuation of n tokens per temperature; all rows go through the model together."""
    rows = [list(seed_ids) for _ in temperatures]
    for _ in range(n):
        logits = model.predict_on_batch(np.array([row[-60:] for row in rows]))
        for row, z, temperature in zip(rows, logits, temperatures, strict=True):
            row.append(sample(z, temperature, rng))
    return [row[len(seed_ids):] for row in rows]

end = lower.index(seed_text) + len(seed_text)
m2o_seed = [char_id[c] for c in lower[end - 60:end]]
m2o_samples = generate_m2o(m2o_model, m2o_seed, sample_length, list(book_share), rng)

# %%
#@title Solution 2: samples from the many-to-one model
# Share of words of the book per temperature, beside the many-to-many model's.
m2o_share = {}
for temperature, ids in zip(book_share, m2o_samples, strict=True):
    new_text = "".join(chars[i] for i in ids)
    new_words = re.findall(r"[a-z]+(?:['’][a-z]+)*", new_text)
    m2o_share[temperature] = np.mean([w in book_words for w in new_words])
    print(f"--- T = {temperature}: {m2o_share[temperature]:.0%} of {len(new_words)} words are "
          f"words of the book (many-to-many: {book_share[temperature]:.0%}) ---\n"
          f"{seed_text + new_text}\n")
# the greedy row (T = 0) must be the model's most probable character at every step
greedy = m2o_seed + m2o_samples[0]
windows = np.array([greedy[i:i + 60] for i in range(sample_length)])
logits = m2o_model(windows).numpy()
chosen = logits[np.arange(sample_length), m2o_samples[0]]
assert np.all(chosen >= logits.max(axis=1) - 1e-4), "greedy = most probable at every step"
ahead = {t: "more" if m2o_share[t] > book_share[t] else "fewer" if m2o_share[t] < book_share[t]
         else "as many" for t in book_share}
print(f"At T = 0.5 the many-to-one model's sample has {ahead[0.5]} words of the book "
      f"(as a share) than the many-to-many model's; a sample of {sample_length} characters "
      f"is a small test. Over the held-out text its perplexity is {m2o_ppl:.2f}, "
      f"against {char_ppl:.2f} for the many-to-many model.")

# %% [markdown]
# ### Solution 3: a sentence and its scrambled letters (exercise 3)

# %%
#@title Solution 3: a sentence and its scrambled letters
# Perplexity of one string under the many-to-many character model.
def string_perplexity(model, s):
    ids = np.array([[char_id[c] for c in s]])
    logits = model(ids[:, :-1])[0].numpy()
    peak = logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits - peak).sum(axis=1, keepdims=True)) - peak
    return float(np.exp(-np.mean(log_probs[np.arange(len(s) - 1), ids[0, 1:]])))

sentence = "the cat sat on the mat and looked at the moon"
scrambled = "".join(np.random.default_rng(1).permutation(list(sentence)))
ppl_sentence = string_perplexity(char_model, sentence)
ppl_scrambled = string_perplexity(char_model, scrambled)
print(f"{ppl_sentence:.2f} for the sentence, {ppl_scrambled:.2f} for {scrambled!r}: the "
      f"{'scrambled version' if ppl_scrambled > ppl_sentence else 'sentence'} is more surprising.")
assert ppl_sentence < ppl_scrambled, "the scrambled letters surprise the model more"
