# %% [markdown]
# # 02 · The RNN forward pass by hand in NumPy (RNN의 Feed-forward)
#
# Compute every hidden state and output of a small recurrent network with NumPy, step by step, as a loop and for a batch, and explain the shape of every weight.
#
# [![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/rnn-keras-course/rnn-keras-course/blob/main/notebooks/02_rnn_forward_pass.ipynb)
#
# **Run time:** the course table of the README gives this notebook's time in each profile on two CPU cores, and the setup cell prints the reference run's.
#
# **Profile:** `PROFILE = "quick"` in the setup cell (a drop-down in Colab), or `COURSE_PROFILE=quick` in the shell, runs the same cells on less data and fewer epochs; `"full"`, the default, is the lesson at real scale.

# %% [markdown]
# ## Learning goals (학습목표)
#
# - Write the two equations of a simple recurrent network and say what each weight does.
# - Reproduce, number for number, the hidden states and outputs of the classic "hello" network.
# - Derive the shape of every weight from `(m, n_f) @ (n_f, n_c)` and spot a recurrent matrix of the wrong shape.
# - Explain parameter sharing across time and compare it with a CNN's kernel shared across space.
# - Run a sequence through the network as many-to-many (every output) and many-to-one (the last state).

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

P = utils.setup(PROFILE, notebook="02")

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

np.set_printoptions(precision=8, suppress=True)

# %% [markdown]
# ## 1. The recurrence (순환)
#
# A recurrent network reads a sequence $x_1, x_2, \dots, x_T$ one step at a time and carries a **hidden state** $h_t$ from step to step:
#
# $$h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h), \qquad y_t = h_t W_{hy} + b_y, \qquad h_0 = 0.$$
#
# - $W_{xh}$ reads the current input, $W_{hh}$ the previous state, $b_h$ is a bias; $\tanh$ keeps the state in $(-1, 1)$.
# - $W_{hy}$ and $b_y$ turn the state into output scores (*logits*); a softmax makes them probabilities.
# - **Parameter sharing** (파라미터 공유): the *same* five arrays are used at every step.
#   The network has the same number of parameters for a sequence of 4 steps or of 4,000 (section 3 checks it and compares with a CNN's kernel).
# - **Memory** (기억): $h_t$ depends on $h_{t-1}$, which depends on $h_{t-2}$, ... so the state summarises everything read so far.
#
# (We write inputs as row vectors, $x_t W$, as NumPy and Keras do; many textbooks write $W x_t$ with the transposed matrices.)

# %% [markdown]
# Unrolled over time, the network is a chain of copies of one cell: every step uses the same $W_{xh}$, $W_{hh}$ and $W_{hy}$.
#
# ![The RNN folded, and unrolled over four steps that share W_xh, W_hh and W_hy](images/unrolled_rnn.png)

# %% [markdown]
# ## 2. The "hello" network (hello 예제)
#
# A character model whose weights make it spell *hello*: fed `h`, it should predict `e`; fed `e`, `l`; and so on.
# Its vocabulary has five symbols, each a one-hot row; it has three hidden units.
# These are its weights, as the source lecture gives them (it calls them pretrained but does not say how they were trained):

# %%
vocab = ["h", "e", "l", "o", "<EOS>"]
one_hot = np.eye(len(vocab))                     # row i encodes vocab[i]

w_xh = np.array([[-2.6, -1.6, -2.1], [ 1.2,  0.4,  0.3], [ 2.1,  1.9, -0.7],
                 [-1.4, -1.5,  2.5], [-0.9,  0.4, -0.9]])
w_hh = np.array([[-0.5, -2.3,  2.9], [ 1.9,  1.5,  1.7], [-0.7, -1.2,  1.5]])
b_h = np.array([-0.5, -0.4, -1.0])
w_hy = np.array([[ 0.3, -2.6,  1.2,  2.6, -1.1], [-1.1, -2.4,  2.2,  1.6, -2.4],
                 [-0.4, -3.1, -3.0,  3.6,  3.0]])
b_y = np.array([-1.8, -0.5,  1.3,  0.1,  0.8])
for name, w in [("w_xh", w_xh), ("w_hh", w_hh), ("b_h", b_h), ("w_hy", w_hy), ("b_y", b_y)]:
    print(f"{name}: {w.shape}")

# %% [markdown]
# The source lecture prints the states and logits for the input `h, e, l, l` with NumPy, which rounds to 8 decimal places and drops trailing zeros: `0.999335` stands for `0.99933500`.
# We keep them as the reference to check our computation against:

# %%
expected_h = np.array([[-0.99594936, -0.96402758, -0.99594936],
                       [ 0.06340167,  0.96673299, -0.99999709],
                       [ 0.9994564 ,  0.999335  , -0.8793026 ],
                       [ 0.99855062,  0.9419888 ,  0.91834213]])
expected_y = np.array([[-0.63997473,  7.49057754,  0.97184817, -7.61733016,  1.22136241],
                       [-2.44438695,  0.11498748,  6.50288586, -1.78837242, -4.58989229],
                       [-2.24771054, -2.7711526 ,  7.33579249,  1.1320333 , -5.33571385],
                       [-2.90395935, -8.20386532,  1.81560973,  7.50944534,  0.19584758]])

# %% [markdown]
# ### Step 1: read `h` (첫 번째 타임스텝)
#
# The state starts at zero, so $h_0 W_{hh} = 0$.
# And multiplying a one-hot row by $W_{xh}$ just *selects a row*: `h` is row 0, so $x_1 W_{xh}$ is the first row of $W_{xh}$.

# %%
h0 = np.zeros(3)
x1 = one_hot[vocab.index("h")]
print("x1 @ w_xh =", x1 @ w_xh, "= row 0 of w_xh")
h1 = np.tanh(x1 @ w_xh + h0 @ w_hh + b_h)
y1 = h1 @ w_hy + b_y
print("h1 =", h1)
print("y1 =", y1, "-> predicts", vocab[y1.argmax()])

# %% [markdown]
# $\tanh(-2.6 - 0.5) = \tanh(-3.1) \approx -0.99594936$: the first unit is saturated. The largest logit, 7.49, is at index 1: the network predicts `e`.
#
# ### Steps 2 to 4: read `e`, `l`, `l` (은닉 상태와 기억)
#
# From now on the previous state contributes through $W_{hh}$: this is where the network remembers.

# %%
x2, x3, x4 = one_hot[[vocab.index(c) for c in "ell"]]
h2 = np.tanh(x2 @ w_xh + h1 @ w_hh + b_h)
y2 = h2 @ w_hy + b_y
h3 = np.tanh(x3 @ w_xh + h2 @ w_hh + b_h)
y3 = h3 @ w_hy + b_y
h4 = np.tanh(x4 @ w_xh + h3 @ w_hh + b_h)
y4 = h4 @ w_hy + b_y
for t, (h, y) in enumerate([(h2, y2), (h3, y3), (h4, y4)], start=2):
    print(f"step {t}: h = {h}  predicts {vocab[y.argmax()]}")

# %% [markdown]
# Steps 3 and 4 read the *same* input, `l`, yet predict different characters (`l`, then `o`).
# A network that saw only the current character could not do this; the state is what tells "the first `l`" from "the second `l`".

# %%
print("inputs at steps 3 and 4:     ", vocab[x3.argmax()], vocab[x4.argmax()])
print("predictions at steps 3 and 4:", vocab[y3.argmax()], vocab[y4.argmax()])


# %% [markdown]
# ### The same thing as a loop (반복문으로 구현)
#
# Written once, the recurrence is a loop over time steps with one state variable.
# It also takes the fifth step, reading `o`, which should predict the end of the word:

# %%
def rnn_forward(xs, h0, w_xh, w_hh, b_h, w_hy, b_y):
    """Run a simple RNN over xs, shape (timesteps, features); return all states and logits."""
    h, states, logits = h0, [], []
    for x in xs:
        h = np.tanh(x @ w_xh + h @ w_hh + b_h)
        states.append(h)
        logits.append(h @ w_hy + b_y)
    return np.array(states), np.array(logits)

word = ["h", "e", "l", "l", "o"]
xs = one_hot[[vocab.index(c) for c in word]]            # (5, 5)
states, logits = rnn_forward(xs, np.zeros(3), w_xh, w_hh, b_h, w_hy, b_y)
predicted = [vocab[i] for i in logits.argmax(axis=1)]
print("input:    ", word)
print("predicted:", predicted)


# %% [markdown]
# Softmax turns each row of logits into probabilities.
# The network is confident: every prediction gets more than 99 %.

# %%
def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)        # subtract the max: same result, no overflow
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)

probabilities = softmax(logits)
print(np.round(probabilities, 3))

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.2))
image = axes[0].imshow(states.T, cmap="RdBu_r", vmin=-1, vmax=1)
axes[0].set(title="hidden state $h_t$", xlabel="input at step t", ylabel="unit",
            xticks=range(5), xticklabels=word, yticks=range(3))
for (i, t), v in np.ndenumerate(states.T):
    axes[0].text(t, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                 color="white" if abs(v) > 0.5 else "black")
fig.colorbar(image, ax=axes[0])
axes[1].imshow(probabilities.T, cmap="Greens", vmin=0, vmax=1)
axes[1].set(title="softmax($y_t$): what comes next", xlabel="input at step t",
            xticks=range(5), xticklabels=word, yticks=range(5), yticklabels=vocab)
fig.tight_layout()
plt.show()

# %%
# Checks: the hello network
np.testing.assert_array_equal(x1 @ w_xh, w_xh[0])                 # a one-hot row selects a row
# step by step and as a loop, the states and logits are those of the printed table
np.testing.assert_allclose([h1, h2, h3, h4], expected_h, rtol=1e-6)
np.testing.assert_allclose([y1, y2, y3, y4], expected_y, rtol=1e-6)
np.testing.assert_allclose(states[:4], expected_h, rtol=1e-6)
np.testing.assert_allclose(logits[:4], expected_y, rtol=1e-6)
# "the same input (l) ... different characters (l, then o)"
assert np.array_equal(x3, x4) and vocab[y3.argmax()] == "l" and vocab[y4.argmax()] == "o"
assert predicted == ["e", "l", "l", "o", "<EOS>"]                 # the end of the word
assert (probabilities.max(axis=1) > 0.99).all()                   # "more than 99 %"

# %% [markdown]
# ## 3. The shape of every weight (가중치의 형태)
#
# Let $m$ be the batch size, $n_f$ the number of features per step and $n_c$ the number of cells (hidden units).
# At one time step the input is a matrix $X_t$ of shape $(m, n_f)$ and the state $H_{t-1}$ is $(m, n_c)$.
# The new state must be $(m, n_c)$ too, so:
#
# | product | shapes | so the weight is |
# |---|---|---|
# | $X_t W_{xh}$ | $(m, n_f) @ (n_f, n_c) \to (m, n_c)$ | $W_{xh}$: $(n_f, n_c)$ |
# | $H_{t-1} W_{hh}$ | $(m, n_c) @ (n_c, n_c) \to (m, n_c)$ | $W_{hh}$: $(n_c, n_c)$, square |
# | $+\, b_h$ | broadcast over the batch | $b_h$: $(n_c,)$ |
# | $H_t W_{hy}$ | $(m, n_c) @ (n_c, n_y) \to (m, n_y)$ | $W_{hy}$: $(n_c, n_y)$ |
#
# The recurrent matrix maps a state to a state, so it is always square, $(n_c, n_c)$, whatever the input size.
# For the hello network $n_f = n_y = 5$ and $n_c = 3$: $15 + 9 + 3 + 15 + 5 = 47$ parameters, for any sequence length.

# %%
n_params = sum(w.size for w in (w_xh, w_hh, b_h, w_hy, b_y))
print("parameters:", n_params)

# %% [markdown]
# ### Parameter sharing across time and space (파라미터 공유)
#
# A convolutional network (CNN, 합성곱 신경망) shares its weights across *space*: one small kernel slides over every position of an image or a signal, so the number of parameters depends on the kernel size, not on the image size, and a pattern learned in one place is recognised everywhere.
# A recurrent network shares its weights across *time*: the same $W_{xh}$, $W_{hh}$, $b_h$ (and $W_{hy}$, $b_y$) are applied at every step, so the count depends on $n_f$, $n_c$ and $n_y$, never on $T$, and the network reads sequences of any length.
# The difference is what each step sees: a kernel of size $k$ sees only $k$ neighbouring positions, while the recurrent state carries everything read so far.
# Without sharing, each step would need its own weights: the count would grow with $T$, and the network could read only sequences of the length it was built for.
#
# The cell runs the hello network on 4 and on 4,000 random letters, and a 1-D convolution with a kernel of 3 (plus a bias) over signals of 4 and 4,000 values.
# The same 47 and 4 parameters serve both lengths; Keras' `SimpleRNN` + `Dense` and `Conv1D`, built for each length, count the same.

# %%
def conv1d(signal, kernel, bias):
    """Slide one kernel over a 1-D signal, "valid" positions as in Conv1D: len - k + 1 outputs."""
    return sliding_window_view(signal, len(kernel)) @ kernel + bias

rng = np.random.default_rng(P.seed)
kernel_1d, bias_1d = rng.normal(size=3), 0.1
hello_weights = (w_xh, w_hh, b_h, w_hy, b_y)
by_length = {}
for T in (4, 4000):
    _, logits_T = rnn_forward(one_hot[rng.integers(0, 5, T)], np.zeros(3), *hello_weights)
    conv_T = conv1d(rng.normal(size=T), kernel_1d, bias_1d)
    keras_rnn = keras.Sequential([keras.Input((T, 5)),
                                  keras.layers.SimpleRNN(3, return_sequences=True),
                                  keras.layers.Dense(5)])
    keras_conv = keras.Sequential([keras.Input((T, 1)), keras.layers.Conv1D(1, 3)])
    by_length[T] = (logits_T.shape, conv_T.shape, keras_rnn.count_params(),
                    keras_conv.count_params())
    print(f"T = {T:4d}: RNN logits {logits_T.shape} from {n_params} parameters "
          f"(Keras: {keras_rnn.count_params()}); Conv1D outputs {conv_T.shape} "
          f"from {kernel_1d.size + 1} (Keras: {keras_conv.count_params()})")

# %% [markdown]
# Now without sharing: give every step its own copy of the five arrays.
# With all copies equal it computes exactly what the shared network computes, yet it stores $47\,T$ numbers, and a sequence one step longer than its weights does not fit:

# %%
def rnn_forward_unshared(xs, h0, per_step):
    """Like rnn_forward, but step t uses its own weights, per_step[t] = (w_xh, ..., b_y)."""
    h, logits = h0, []
    for x, (w_xh_t, w_hh_t, b_h_t, w_hy_t, b_y_t) in zip(xs, per_step, strict=True):
        h = np.tanh(x @ w_xh_t + h @ w_hh_t + b_h_t)
        logits.append(h @ w_hy_t + b_y_t)
    return np.array(logits)

for T in (4, 4000):
    per_step = [tuple(w.copy() for w in hello_weights) for _ in range(T)]
    print(f"T = {T:4d}: unshared, {sum(w.size for step in per_step for w in step):,} parameters")
per_step = per_step[:4]                                  # weights for 4 steps
unshared_logits = rnn_forward_unshared(xs[:4], np.zeros(3), per_step)
too_long = None
try:
    rnn_forward_unshared(xs, np.zeros(3), per_step)      # "hello" has 5 steps
except ValueError as err:
    too_long = err
print("5 steps, weights for 4:", too_long)

# %% [markdown]
# ### A batch of sequences (미니배치)
#
# With a batch the loop is the same; each step is one matrix product for all sequences at once.
# Three words of four letters, in an array `(batch, timesteps, features)`; the first word is the reference "hell":

# %%
words = ["hell", "heel", "hole"]
X = np.stack([one_hot[[vocab.index(c) for c in w]] for w in words])   # (3, 4, 5)
H = np.zeros((len(words), 3))
batch_states = []
for t in range(X.shape[1]):
    # (3, 5)@(5, 3) + (3, 3)@(3, 3)
    H = np.tanh(X[:, t, :] @ w_xh + H @ w_hh + b_h)
    batch_states.append(H)
batch_states = np.stack(batch_states, axis=1)                         # (3, 4, 3)
batch_logits = batch_states @ w_hy + b_y                              # (3, 4, 5)
print("states", batch_states.shape, "logits", batch_logits.shape)
for w, row in zip(words, batch_logits.argmax(axis=-1), strict=True):
    print(w, "->", "".join(vocab[i][0] if vocab[i] != "<EOS>" else "." for i in row))

# %%
# Checks: weights, sharing and batches
for T, (rnn_shape, conv_shape, rnn_count, conv_count) in by_length.items():
    assert rnn_shape == (T, 5) and conv_shape == (T - 2,)   # any length runs
    assert rnn_count == n_params == 47 and conv_count == kernel_1d.size + 1   # Keras agrees
# equal copies compute the shared network; 5 steps do not fit weights for 4
np.testing.assert_allclose(unshared_logits, logits[:4], rtol=1e-12)
assert too_long is not None
# the batch's first row is the table; each row equals its own sequence run alone
np.testing.assert_allclose(batch_states[0], expected_h, rtol=1e-6)
np.testing.assert_allclose(batch_logits[0], expected_y, rtol=1e-6)
for i, w in enumerate(words):
    alone, _ = rnn_forward(one_hot[[vocab.index(c) for c in w]], np.zeros(3), *hello_weights)
    np.testing.assert_allclose(batch_states[i], alone, rtol=1e-12)

# %% [markdown]
# ## 4. Many-to-many and many-to-one (다대다 · 다대일)
#
# On random input of shape `(timesteps, features)` = `(100, 32)` with 64 units, the classic loop stacks the output of every step (*many-to-many*: a label per step, e.g. tagging).
# Keeping only the final state gives *many-to-one* (a label per sequence, e.g. sentiment).

# %%
rng = np.random.default_rng(P.seed)
timesteps, features, units = 100, 32, 64
inputs = rng.normal(size=(timesteps, features))
W = rng.normal(scale=0.1, size=(features, units))      # W_xh: (features, units)
U = rng.normal(scale=0.1, size=(units, units))         # W_hh: (units, units)
b = np.zeros(units)

state = np.zeros(units)
outputs = []
for x_t in inputs:
    state = np.tanh(x_t @ W + state @ U + b)
    outputs.append(state)
many_to_many = np.stack(outputs)          # (timesteps, units)
many_to_one = outputs[-1]                 # (units,)
print("many-to-many:", many_to_many.shape, " many-to-one:", many_to_one.shape)

# %% [markdown]
# ### A recurrent matrix of the wrong shape (잘못된 순환 가중치 형태)
#
# The study notes on *Deep Learning with Python* that this course draws on give the recurrent matrix of this loop the shape `(output, input)`, here `(64, 32)` (DLwP's own listing has the right shape, `(output, output)`).
# Then `state @ U` has shape `(32,)`, a vector of *input* size, which cannot be added to the `(64,)` of `x_t @ W`: NumPy stops at the first step.
# The slip shows only because the two sizes differ.
# With `features == units`, `(output, input)` is `(output, output)`: the "wrong" matrix has the right shape, and the loop is an ordinary RNN with another random recurrent matrix.
# There the slip is harmless, and it becomes an error as soon as the sizes differ; testing code with sizes that all differ catches such slips early.

# %%
U_wrong = rng.normal(scale=0.1, size=(units, features))     # (output, input): wrong
wrong_shape = None
try:
    np.tanh(inputs[0] @ W + np.zeros(units) @ U_wrong + b)
except ValueError as err:
    wrong_shape = err
print("ValueError:", wrong_shape)

# %%
# Checks: many-to-many, many-to-one and the wrong shape
assert many_to_many.shape == (100, 64) and many_to_one.shape == (64,)
np.testing.assert_array_equal(many_to_one, many_to_many[-1])   # the last state of the sequence
assert wrong_shape is not None                                 # "NumPy stops at the first step"

# %% [markdown]
# ## Results (결과 정리)
#
# How far our computations are from the printed table of the source lecture.
# The checks above allow a relative error of $10^{-6}$.
# The stronger claim: every state and logit, step by step, in the loop and in the batch, rounds to the table's number at 8 decimals (with the dropped trailing zeros put back), so it differs from it by at most $5 \cdot 10^{-9}$, half a unit in the eighth decimal.

# %%
computed = {"step by step": (np.array([h1, h2, h3, h4]), np.array([y1, y2, y3, y4])),
            "loop": (states[:4], logits[:4]), "batch": (batch_states[0], batch_logits[0])}
gaps = {name: max(np.abs(hs - expected_h).max(), np.abs(ys - expected_y).max())
        for name, (hs, ys) in computed.items()}
for name, gap in gaps.items():
    print(f"{name:12s} largest difference from the table: {gap:.1e}")

# %%
# Checks: "differs by at most 5e-9, half a unit in the eighth decimal", for every method
assert max(gaps.values()) <= 5e-9

# %%
gap_h = float(np.abs(states[:4] - expected_h).max())
gap_y = float(np.abs(logits[:4] - expected_y).max())
utils.record_results([
    {"model": "hello network, NumPy loop",
     "metric": "largest difference from the table, hidden states",
     "value": gap_h, "reference": "the printed table (rounded to 8 decimals)"},
    {"model": "hello network, NumPy loop",
     "metric": "largest difference from the table, logits",
     "value": gap_y, "reference": "the printed table (rounded to 8 decimals)"},
])

# %% [markdown]
# ## Summary (학습정리)
#
# - A simple RNN is two equations, $h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$ and $y_t = h_t W_{hy} + b_y$, applied at every step with the same weights.
# - We reproduced all 12 hidden-state values and 20 logits of the hello network to the table's rounding (8 decimals), step by step, in a loop and in a batch; the network reads `h, e, l, l, o` and predicts `e, l, l, o, <EOS>`.
# - The same input (`l`) gives different outputs at steps 3 and 4: the hidden state is the memory.
# - Shapes: $W_{xh}$ is $(n_f, n_c)$, $W_{hh}$ is always square $(n_c, n_c)$, $W_{hy}$ is $(n_c, n_y)$; a batch adds a leading $m$ to inputs and states, never to weights.
#   A recurrent matrix of the wrong shape fails only when the input and state sizes differ.
# - Parameter sharing (파라미터 공유): the hello network uses the same 47 parameters for 4 steps or 4,000, as a CNN's kernel (3 weights and a bias here) serves a signal of any length; with separate weights per step the count grows as $47\,T$ and the length is fixed.
# - Many-to-many keeps every $h_t$; many-to-one keeps $h_T$.
#
# Notebook 03 puts the same weights into Keras and checks that Keras computes the same numbers.
#
# <!-- reference-run:start: generated by make sync from results/full.json; do not edit -->
# *Your run's numbers are in the results table above, beside those of the reference run of your profile; [the copy with outputs](../executed/02_rnn_forward_pass.ipynb) is the full profile's reference run, start to end.*
# <!-- reference-run:end -->

# %% [markdown]
# ## Going further (확장하기)
#
# Try each exercise in the empty cell below it; the worked solutions are in the last section, hidden (click a cell to show it).

# %% [markdown]
# 1. Set $W_{hh}$ to zero and rerun the loop.
#    Which predictions change, and why can the network no longer spell *hello*?

# %%
# Your attempt: exercise 1

# %% [markdown]
# 2. How many parameters would the network have with 100 hidden units and a 26-letter alphabet plus `<EOS>`?

# %%
# Your attempt: exercise 2

# %% [markdown]
# 3. **Exercise.** Use the network as a *generator*: start from `h`, feed each prediction back in as the next input, and stop at `<EOS>`.
#    What does it write?

# %%
# Your attempt: exercise 3

# %% [markdown]
# ## Solutions (풀이)
#
# The worked solutions, hidden (click a cell to show it); they train nothing and run in a moment.

# %% [markdown]
# ### Solution 1: no memory (exercise 1)

# %%
#@title Solution 1: no memory
# With W_hh = 0 each prediction depends on the current letter only (no memory).
# Step 1 cannot change (h_0 = 0 already hid W_hh there); steps 3 and 4 read the same `l`,
# so they must now predict the same letter, and "hell" can no longer be followed by "o".
_, logits_no_memory = rnn_forward(xs, np.zeros(3), w_xh, np.zeros_like(w_hh), b_h, w_hy, b_y)
no_memory = [vocab[i] for i in logits_no_memory.argmax(axis=1)]
print("with memory:   ", predicted)
print("without memory:", no_memory)
for t, (before, after) in enumerate(zip(predicted, no_memory, strict=True), start=1):
    if before != after:
        print(f"step {t} (input {word[t - 1]!r}) changes: {before} -> {after}")

# %% [markdown]
# ### Solution 2: counting parameters (exercise 2)

# %%
#@title Solution 2: counting parameters
# n_f = n_y = 27 symbols, n_c = 100 units.
n_f, n_c, n_y = 27, 100, 27
shapes = {"w_xh": (n_f, n_c), "w_hh": (n_c, n_c), "b_h": (n_c,), "w_hy": (n_c, n_y), "b_y": (n_y,)}
count = sum(np.zeros(shape).size for shape in shapes.values())
keras_count = keras.Sequential([keras.Input((None, n_f)),
                                keras.layers.SimpleRNN(n_c, return_sequences=True),
                                keras.layers.Dense(n_y)]).count_params()
print(shapes)
print(f"{count:,} parameters (Keras: {keras_count:,}), for any sequence length")
assert count == keras_count                     # the shapes above are the ones Keras builds

# %% [markdown]
# ### Solution 3: the network as a generator (exercise 3)

# %%
#@title Solution 3: the network as a generator
# Greedy generation, feeding each prediction back as the next input.
h, char, generated = np.zeros(3), "h", "h"
for _ in range(10):
    h = np.tanh(one_hot[vocab.index(char)] @ w_xh + h @ w_hh + b_h)
    char = vocab[(h @ w_hy + b_y).argmax()]
    if char == "<EOS>":
        break
    generated += char
print(generated)
assert generated == "hello"
