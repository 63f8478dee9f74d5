# %% [markdown]
# # 04 · Backpropagation through time in NumPy (순환 신경망의 오차역전파, BPTT)
#
# Derive the gradients of a recurrent network, implement forward pass, full and truncated backpropagation through time in NumPy, prove them right with a gradient check, and train the network on IMDB reviews next to Keras.
#
# [![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/rnn-keras-course/rnn-keras-course/blob/main/notebooks/04_bptt_numpy.ipynb)
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
# - Derive the gradients of a many-to-one RNN with a sigmoid output, and see why they vanish or explode over many steps.
# - Implement a `RecurrentNetwork` in NumPy with mini-batch training and full or truncated BPTT, vectorised over the batch.
# - Check gradients numerically (central differences) and against `tf.GradientTape`, and catch a real bug with the check.
# - Prepare IMDB as padded integer sequences and one-hot tensors, and measure why one-hot input does not scale.
# - Compare the NumPy network with Keras' `SimpleRNN`, and with an `Embedding` in front.

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

P = utils.setup(PROFILE, notebook="04")

# %%
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

import utils
from utils import datasets

n_train = P.pick(quick=8_000, full=20_000)    # training reviews (of the 20,000)
n_val = P.pick(quick=2_000, full=5_000)         # validation reviews (of the 5,000)
epochs_numpy = P.pick(quick=8, full=20)
epochs_onehot = P.pick(quick=6, full=20)
epochs_embedding = P.pick(quick=4, full=10)
print(f"{P.name}: {n_train:,} training / {n_val:,} validation reviews; epochs "
      f"{epochs_numpy} (NumPy), {epochs_onehot} (Keras one-hot), "
      f"{epochs_embedding} (Keras embedding)")


# %% [markdown]
# ## 1. The gradients (오차역전파의 유도)
#
# The network reads $T$ steps and makes one prediction (many-to-one).
# For a batch of $m$ sequences, with $X_t$ the inputs at step $t$ $(m, n_f)$ and $H_0 = 0$:
#
# $$Z_1^{(t)} = X_t W_{1x} + H_{t-1} W_{1h} + b_1, \qquad H_t = \tanh Z_1^{(t)}, \qquad t = 1, \dots, T$$
# $$Z_2 = H_T W_2 + b_2, \qquad A_2 = \sigma(Z_2), \qquad L = -\frac{1}{m}\sum \big[Y \log A_2 + (1 - Y)\log(1 - A_2)\big].$$
#
# **Output layer.** For a sigmoid with cross-entropy, $\partial L / \partial Z_2 = (A_2 - Y)/m$, so
#
# $$\frac{\partial L}{\partial W_2} = \frac{1}{m} H_T^\top (A_2 - Y), \qquad \frac{\partial L}{\partial b_2} = \frac{1}{m}\sum (A_2 - Y).$$
#
# **Into the last cell.** $Z_2 = H_T W_2$ sends the error back through $W_2^\top$, and $\tanh' = 1 - \tanh^2$:
#
# $$\delta_T \equiv \frac{\partial L}{\partial Z_1^{(T)}} = \frac{1}{m}(A_2 - Y)\, W_2^\top \odot (1 - H_T^2).$$
#
# **Back through time.** $Z_1^{(t)}$ depends on $H_{t-1}$ through $H_{t-1} W_{1h}$.
# For any product $Z = HW$, $\partial L / \partial H = (\partial L / \partial Z)\, W^\top$: the matrix comes back **transposed**.
# So
#
# $$\delta_{t-1} = \delta_t\, W_{1h}^\top \odot (1 - H_{t-1}^2).$$
#
# **The shared weights** are used at every step, so their gradients add up over time:
#
# $$\frac{\partial L}{\partial W_{1h}} = \sum_{t=1}^{T} H_{t-1}^\top \delta_t, \qquad \frac{\partial L}{\partial W_{1x}} = \sum_{t=1}^{T} X_t^\top \delta_t, \qquad \frac{\partial L}{\partial b_1} = \sum_{t=1}^{T} \sum_{\text{rows}} \delta_t.$$
#
# **Why gradients vanish or explode.** Unrolling the recursion, the error that reaches step $t - k$ is
#
# $$\delta_{t-k} = \delta_t \prod_{j=0}^{k-1} W_{1h}^\top\, \mathrm{diag}\big(1 - H_{t-j-1}^2\big),$$
#
# a product of $k$ factors, each $W_{1h}^\top$ times a diagonal of numbers in $(0, 1]$.
# If these factors shrink vectors, the product shrinks geometrically: early steps receive almost no gradient and the network cannot learn long-range dependencies (notebook 05 measures this).
# If they stretch vectors, it explodes.
#
# **Truncated BPTT** walks back only the last $k$ steps: cheaper, and it leaves out every dependency longer than $k$ steps, however much gradient it would carry.
# How much that is depends on how fast the product shrinks: exercise 3 measures the shrinking in our trained network, and exercise 1 how far the truncated gradient is from the full one.
# Our network uses $k = 10$ of 100 steps.

# %% [markdown]
# The forward pass runs left to right; the error runs back right to left, multiplied at every step by $W_{1h}^\top$ and $1 - H^2$.
# Truncated BPTT stops after the last $k$ steps.
#
# ![The forward pass over time, and the gradients flowing back, truncated after the last k steps](images/bptt.png)

# %% [markdown]
# ## 2. A recurrent network in NumPy (NumPy로 구현한 순환 신경망)
#
# The batch is processed in one matrix product per time step (no loop over samples): `forpass` swaps the batch and time axes so that it can loop over time, and keeps every hidden state for the backward pass.
# `backprop` implements the equations above, for the last `bptt_steps` steps (`None` = all of them).
# Weights: orthogonal for $W_{1h}$, Glorot-uniform for the others, zeros for biases, as in Keras.
# The initial weights and the order of the mini-batches come from the network's own random generator, seeded with `seed` (we pass `P.seed`, so `COURSE_SEED` changes them).
# Given a `name`, `fit` prints one line per epoch, in the format of the Keras models' progress lines further down.

# %%
class RecurrentNetwork:
    """Many-to-one RNN (tanh cells, one sigmoid output) trained by (truncated) BPTT."""

    def __init__(self, n_cells=10, batch_size=32, learning_rate=0.1, bptt_steps=10, *, seed):
        self.n_cells, self.batch_size, self.lr = n_cells, batch_size, learning_rate
        self.bptt_steps = bptt_steps
        self.rng = np.random.default_rng(seed)                       # initial weights, batch order
        self.losses, self.val_losses, self.val_accuracies = [], [], []

    def init_weights(self, n_features, n_outputs=1):
        q, r = np.linalg.qr(self.rng.normal(size=(self.n_cells, self.n_cells)))
        self.w1h = q * np.sign(np.diag(r))                           # orthogonal (n_cells, n_cells)
        self.w1x = self.glorot(n_features, self.n_cells)             # (n_features, n_cells)
        self.b1 = np.zeros(self.n_cells)
        self.w2 = self.glorot(self.n_cells, n_outputs)               # (n_cells, 1)
        self.b2 = np.zeros(n_outputs)

    def glorot(self, fan_in, fan_out):
        limit = np.sqrt(6 / (fan_in + fan_out))
        return self.rng.uniform(-limit, limit, (fan_in, fan_out))

    def forpass(self, x):
        """x: (batch, timesteps, features) -> logits (batch, 1); keeps every state in self.h."""
        self.h = [np.zeros((x.shape[0], self.n_cells))]             # H_0
        # loop over time, whole batch at once
        for x_t in np.swapaxes(x, 0, 1):
            self.h.append(np.tanh(x_t @ self.w1x + self.h[-1] @ self.w1h + self.b1))
        return self.h[-1] @ self.w2 + self.b2

    def step_back(self, delta, t):
        """delta_t -> delta_{t-1}: through W_1h transposed and tanh' at step t-1."""
        return delta @ self.w1h.T * (1 - self.h[t - 1] ** 2)

    def backprop(self, x, err):
        """Gradients of the loss for err = A_2 - Y (batch, 1); returns them in weight order."""
        m, timesteps = x.shape[0], x.shape[1]
        w2_grad = self.h[-1].T @ err / m
        b2_grad = err.sum(axis=0) / m
        w1h_grad, w1x_grad = np.zeros_like(self.w1h), np.zeros_like(self.w1x)
        b1_grad = np.zeros_like(self.b1)
        delta = err @ self.w2.T * (1 - self.h[-1] ** 2) / m          # delta_T
        k = timesteps if self.bptt_steps is None else min(self.bptt_steps, timesteps)
        for t in range(timesteps, timesteps - k, -1):                # t = T, T-1, ..., T-k+1
            w1h_grad += self.h[t - 1].T @ delta                     # H_{t-1}^T delta_t
            w1x_grad += x[:, t - 1].T @ delta                       # X_t^T delta_t
            b1_grad += delta.sum(axis=0)
            delta = self.step_back(delta, t)
        return w1h_grad, w1x_grad, b1_grad, w2_grad, b2_grad

    @property
    def weights(self):
        return [self.w1h, self.w1x, self.b1, self.w2, self.b2]

    @staticmethod
    def sigmoid(z):
        return 1 / (1 + np.exp(-np.clip(z, -100, 100)))

    def loss(self, x, y):
        a = np.clip(self.sigmoid(self.forpass(x)), 1e-10, 1 - 1e-10)
        return float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)))

    def gradients(self, x, y):
        return self.backprop(x, self.sigmoid(self.forpass(x)) - y)

    def fit(self, x, y, epochs=100, x_val=None, y_val=None, name=None):
        """Mini-batch gradient descent; records the losses and validation accuracy per epoch,
        and, given a name, prints them with the time elapsed and left (one line per epoch)."""
        y, y_val = y.reshape(-1, 1), y_val.reshape(-1, 1)
        self.init_weights(x.shape[2])
        start = time.perf_counter()
        for epoch in range(1, epochs + 1):
            order = self.rng.permutation(len(x))
            batch_losses = []
            for first in range(0, len(x), self.batch_size):
                idx = order[first:first + self.batch_size]
                batch_losses.append(self.loss(x[idx], y[idx]))       # forward pass (keeps states)
                grads = self.backprop(x[idx], self.sigmoid(self.h[-1] @ self.w2 + self.b2) - y[idx])
                for w, g in zip(self.weights, grads, strict=True):
                    w -= self.lr * g
            self.losses.append(np.mean(batch_losses))
            self.val_losses.append(self.loss(x_val, y_val))
            self.val_accuracies.append(self.score(x_val, y_val.ravel()))
            if name:
                logs = {"loss": self.losses[-1], "val_loss": self.val_losses[-1],
                        "val_accuracy": self.val_accuracies[-1]}
                print(utils.training.epoch_line(name, epoch, epochs,
                                                time.perf_counter() - start, logs), flush=True)

    def predict(self, x):
        return (self.forpass(x) > 0).ravel().astype(int)              # sigmoid(z) > 0.5  <=>  z > 0

    def score(self, x, y):
        return float(np.mean(self.predict(x) == y))


# %% [markdown]
# ## 3. IMDB as integer sequences (IMDB 데이터 준비)
#
# The data of the source textbook: `keras.datasets.imdb.load_data(skip_top=20, num_words=100)`.
# `utils.datasets.load_imdb` builds this encoding from the raw reviews and Keras' word index, with Keras' conventions (the order of the reviews and a few words missing from the word index differ from Keras' preprocessed file; `tests/test_datasets.py` measures how closely they agree): each word becomes its frequency rank + 3 (`index_from=3`), and 0, 1 and 2 mean padding, start and out-of-vocabulary.
# Keras applies `skip_top` and `num_words` to these shifted indexes, so the indexes 20 to 99 survive: the words of rank 17 to 96.
# The 16 most common words (printed below) become out-of-vocabulary, and so does every word beyond rank 96.

# %%
(x_coded, y_all), _ = datasets.load_imdb(skip_top=20, num_words=100)
print(len(x_coded), "reviews; the first starts", x_coded[0][:12])
word_index = datasets.imdb_word_index()
index_word = {rank + 3: word for word, rank in word_index.items()}     # the offset 3 of index_from
print("ranks 1-16, now out of vocabulary:", [index_word[i] for i in range(4, 20)])
tokens = np.concatenate(x_coded)
print(f"out-of-vocabulary markers (2): {np.mean(tokens == 2):.0%} of all {len(tokens):,} tokens")

# %% [markdown]
# With only 80 words left in the vocabulary, most words are out of vocabulary (2): the share is printed above.
# Note that the start marker also became 2: Keras applies `skip_top` to it as well.
# We drop every marker and keep the words, then decode the first review:

# %%
x_all = np.array([[w for w in review if w > 2] for review in x_coded], dtype=object)
print(" ".join(index_word[w] for w in x_all[0]))
lengths = np.array([len(review) for review in x_all])
print(f"words kept per review: mean {lengths.mean():.0f}, "
      f"median {np.median(lengths):.0f}, max {lengths.max()}")

# %% [markdown]
# Split the 25,000 training reviews into 20,000 for training and 5,000 for validation with a fixed permutation (seed 42, whatever `COURSE_SEED` is: the split defines the data); the test set stays untouched.
# The quick profile uses the first 8,000 and 2,000 of them.
# Then pad or truncate every review to 100 steps: `keras.utils.pad_sequences` pads and cuts at the *start* by default, so the last words, the ones the network reads just before deciding, are kept.

# %%
permutation = np.random.RandomState(42).permutation(len(x_all))
train_idx, val_idx = permutation[:20_000][:n_train], permutation[20_000:][:n_val]
maxlen, num_words = 100, 100
x_train_seq = keras.utils.pad_sequences(x_all[train_idx], maxlen=maxlen)
x_val_seq = keras.utils.pad_sequences(x_all[val_idx], maxlen=maxlen)
y_train, y_val = y_all[train_idx], y_all[val_idx]
print("padded:", x_train_seq.shape, x_val_seq.shape,
      "| positive share:", y_train.mean().round(3), y_val.mean().round(3))

# %% [markdown]
# ### One-hot input, and what it costs (원-핫 인코딩의 비용)
#
# The NumPy network reads one-hot vectors: each step becomes 100 numbers with a single 1 (one per index below `num_words=100`: the 80 words, the padding 0 and the unused indexes 1 to 19), so a review is `(100, 100)`.
# Indexing the identity matrix does it in one line.
# The full training set would be `(20000, 100, 100)` in float32:

# %%
x_train_onehot = np.eye(num_words, dtype="float32")[x_train_seq]      # (n_train, 100, 100)
x_val_onehot = np.eye(num_words, dtype="float32")[x_val_seq]
full_bytes = 20_000 * maxlen * num_words * np.dtype("float32").itemsize
print(f"this profile: {x_train_onehot.shape} = {x_train_onehot.nbytes / 1e6:,.0f} MB")
print(f"all 20,000 reviews: {full_bytes / 1e6:,.0f} MB, for 99 % zeros; as integers: "
      f"{20_000 * maxlen * 4 / 1e6:.0f} MB")

# %% [markdown]
# $20{,}000 \times 100 \times 100 \times 4$ bytes = 800 MB for one-hot vectors of only 100 numbers, and it grows linearly with the vocabulary: one-hot vectors of 10,000 would need 80 GB.
# That is the problem an **embedding** solves: keep the integers (8 MB), and let a layer look up a short dense vector for each one (section 7, and notebook 07).

# %%
# Checks: section 3's sentences about the data
assert np.mean(tokens == 2) > 0.5                      # "most words are out of vocabulary"
assert all(review[0] == 2 for review in x_coded)      # "the start marker also became 2"
words_100 = {w for review in x_all for w in review}
assert len(words_100) == 80                           # "only 80 words left"
assert min(words_100) == 20 and max(words_100) == 99  # "the indexes 20 to 99 survive"

# %% [markdown]
# ## 4. Training the NumPy network (NumPy 신경망 훈련)
#
# 32 cells, batches of 32, learning rate 0.01, truncated BPTT over the last 10 steps, as in the source textbook, but with the transposed update $\delta_t W_{1h}^\top$ of section 1 where the textbook's code has `err @ W_1h` (section 5 shows the difference).
# *Slow cell: it prints its time in the reference run and its progress.*

# %% tags=["first-result"]
utils.slow_cell("numpy rnn")
numpy_rnn = RecurrentNetwork(n_cells=32, batch_size=32, learning_rate=0.01, bptt_steps=10,
                             seed=P.seed)
start = time.perf_counter()
numpy_rnn.fit(x_train_onehot, y_train, epochs=epochs_numpy, x_val=x_val_onehot, y_val=y_val,
              name="NumPy RNN")
numpy_epoch_s = (time.perf_counter() - start) / epochs_numpy
numpy_acc, numpy_epoch = max((a, e) for e, a in enumerate(numpy_rnn.val_accuracies, start=1))
print(f"NumPy RNN: best validation accuracy {numpy_acc:.3f} (epoch {numpy_epoch}; "
      f"last {numpy_rnn.val_accuracies[-1]:.3f}), {numpy_epoch_s:.1f} s per epoch")

# %%
utils.plots.plot_history({"loss": numpy_rnn.losses, "val_loss": numpy_rnn.val_losses,
                          "accuracy": numpy_rnn.val_accuracies}, metrics=("loss", "accuracy"),
                         title="NumPy RNN (the accuracy panel shows validation accuracy)")
plt.show()

# %% [markdown]
# ## 5. The gradient check (그래디언트 점검)
#
# The network learns.
# That does not prove its gradients right: a wrong gradient often still trains, just worse, so a bug can hide for a long time.
# The cure is to compare the analytic gradients with numbers that cannot be wrong in the same way:
#
# - **central differences**: $\partial L / \partial w \approx \big(L(w + \varepsilon) - L(w - \varepsilon)\big) / 2\varepsilon$ for every single weight, with error $O(\varepsilon^2)$;
# - **automatic differentiation**: the same forward pass written in TensorFlow, differentiated by `tf.GradientTape`.
#
# Everything in float64, with full BPTT (truncation changes the gradient on purpose) on a small network: 4 cells, 6 sequences of 5 steps with 3 features.
# We compare with the relative error $\lVert a - b \rVert / (\lVert a \rVert + \lVert b \rVert)$.

# %%
rng = np.random.default_rng(0)
x_check = rng.normal(size=(6, 5, 3))
y_check = rng.integers(0, 2, size=(6, 1)).astype("float64")
names = ["W_1h", "W_1x", "b_1", "W_2", "b_2"]

def relative_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))

def numerical_gradients(net, x, y, eps=1e-6):
    grads = []
    for w in net.weights:
        g = np.zeros_like(w)
        for i in np.ndindex(w.shape):
            old = w[i]
            w[i] = old + eps
            plus = net.loss(x, y)
            w[i] = old - eps
            minus = net.loss(x, y)
            w[i] = old
            g[i] = (plus - minus) / (2 * eps)
        grads.append(g)
    return grads

def tape_gradients(net, x, y):
    w1h, w1x, b1, w2, b2 = (tf.Variable(w) for w in net.weights)
    with tf.GradientTape() as tape:
        h = tf.zeros((x.shape[0], net.n_cells), tf.float64)
        for t in range(x.shape[1]):
            h = tf.tanh(x[:, t] @ w1x + h @ w1h + b1)
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=h @ w2 + b2))
    return [g.numpy() for g in tape.gradient(loss, [w1h, w1x, b1, w2, b2])]


# %%
net = RecurrentNetwork(n_cells=4, bptt_steps=None, seed=P.seed)
net.init_weights(n_features=3)
net.b1 = net.rng.normal(scale=0.5, size=4)          # non-zero biases make the check stricter
analytic = net.gradients(x_check, y_check)
numeric = numerical_gradients(net, x_check, y_check)
taped = tape_gradients(net, x_check, y_check)
for name, a, n, g in zip(names, analytic, numeric, taped, strict=True):
    print(f"{name}: vs central differences {relative_error(a, n):.1e}, "
          f"vs GradientTape {relative_error(a, g):.1e}")


# %% [markdown]
# Every gradient agrees with central differences to better than $10^{-7}$ and with the tape to better than $10^{-12}$.
# The first threshold is looser because central differences have an error of their own: of order $\varepsilon^2 = 10^{-12}$ from the formula, plus the float64 rounding of the loss divided by $\varepsilon$, roughly $10^{-16} / 10^{-6} = 10^{-10}$.
# The tape computes the same derivatives as our code in a different order, so the two differ only by float64 rounding.
#
# ### The textbook's version fails the check (교재 코드의 오류)
#
# The printed textbook code passes the error to the previous step with `err @ W_1h`, without the transpose.
# The two differ unless $W_{1h}$ happens to be symmetric, which an orthogonal matrix almost never is.
# Same network, same weights, that one line changed:

# %%
class TextbookNetwork(RecurrentNetwork):
    def step_back(self, delta, t):
        return delta @ self.w1h * (1 - self.h[t - 1] ** 2)          # missing .T

textbook = TextbookNetwork(n_cells=4, bptt_steps=None, seed=P.seed)
textbook.init_weights(n_features=3)
for w, v in zip(textbook.weights, net.weights, strict=True):
    w[...] = v
wrong = textbook.gradients(x_check, y_check)
for name, a, n in zip(names, wrong, numeric, strict=True):
    print(f"{name}: textbook version vs central differences {relative_error(a, n):.1e}")
print("W_1h is symmetric?", np.allclose(net.w1h, net.w1h.T))

# %%
# Only the recurrent-layer gradients (W_1x, W_1h, b_1):
# the output layer's are identical by construction.
flat_wrong = np.concatenate([g.ravel() for g in wrong[:3]])
flat_right = np.concatenate([g.ravel() for g in analytic[:3]])
cosine = flat_wrong @ flat_right / (np.linalg.norm(flat_wrong) * np.linalg.norm(flat_right))
print(f"cosine between the textbook's recurrent-layer gradient and the true one: {cosine:.3f}")

# %% [markdown]
# The output-layer gradients ($W_2$, $b_2$) are identical to the correct ones, since they never go through time.
# Every gradient that flows back through $W_{1h}$ is off by more than 1 % in relative error, where the correct version was within $10^{-7}$.
# Yet the wrong gradient still points downhill: over the recurrent layer's weights, its cosine with the true gradient is positive, so a small enough step along it still lowers the loss here.
# That is why such a bug can go unnoticed in training, and why a gradient check is worth its few lines.
#
# Truncation is a deliberate approximation: with only the last 2 of 5 steps, the recurrent gradients change (by more than 1 % in relative error), the output layer's stay exactly the same.

# %%
truncated = RecurrentNetwork(n_cells=4, bptt_steps=2, seed=P.seed)
truncated.init_weights(n_features=3)
for w, v in zip(truncated.weights, net.weights, strict=True):
    w[...] = v
approx = truncated.gradients(x_check, y_check)
for name, a, full in zip(names, approx, analytic, strict=True):
    print(f"{name}: truncated (k=2) vs full BPTT {relative_error(a, full):.1e}")

# %%
# Checks: section 5's sentences, gradient by gradient
for a, n, g in zip(analytic, numeric, taped, strict=True):
    assert relative_error(a, n) < 1e-7        # "better than 1e-7 vs central differences"
    assert relative_error(a, g) < 1e-12       # "better than 1e-12 vs the tape"
for a, n in zip(wrong[:3], numeric[:3], strict=True):
    assert relative_error(a, n) > 1e-2        # textbook version: "off by more than 1 %"
for a, b in zip(wrong[3:], analytic[3:], strict=True):
    np.testing.assert_array_equal(a, b)       # textbook version: "output layer identical"
assert cosine > 0                             # "the wrong gradient still points downhill"
for a, full in zip(approx[:3], analytic[:3], strict=True):
    assert relative_error(a, full) > 1e-2     # truncated: "recurrent gradients change by > 1 %"
for a, full in zip(approx[3:], analytic[3:], strict=True):
    np.testing.assert_array_equal(a, full)    # truncated: "output layer exactly the same"

# %% [markdown]
# ## 6. The same network in Keras (Keras로 만든 같은 신경망)
#
# `SimpleRNN(32)` on the same one-hot input, a sigmoid `Dense`, SGD with the same learning rate.
# One difference matters: Keras backpropagates through all 100 steps, not 10, so the long product of section 1 has 100 factors and can *explode*.
# The remedy is gradient clipping, and Keras has two kinds.
# `clipnorm=1.0`, which we use, rescales the gradient of each weight tensor (kernel, recurrent kernel, bias) on its own, whenever that tensor's norm exceeds 1; `global_clipnorm=1.0` would rescale all of them together whenever their total norm exceeds 1, the way exercise 2 clips the NumPy network.
# We also add `momentum=0.9`, to make the full profile's 20 epochs (6 in the quick one) go further, not against exploding gradients (it is no remedy for them): it adds up successive steps, so that a gradient that keeps its direction moves the weights up to $1 / (1 - 0.9) = 10$ times as far per step as plain SGD at the same learning rate would.
# (The source textbook trains this model with plain SGD, without clipping; the results table says so.)
# *Slow cell: it prints its time in the reference run and its progress.*

# %%
utils.slow_cell("keras one-hot")
keras.utils.set_random_seed(P.seed)      # the initial weights: the same each time the cell runs
onehot_model = keras.Sequential([
    keras.Input((maxlen, num_words)),
    keras.layers.SimpleRNN(32),
    keras.layers.Dense(1, activation="sigmoid"),
])
sgd = keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, clipnorm=1.0)
onehot_model.compile(optimizer=sgd, loss="binary_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
onehot_history = onehot_model.fit(x_train_onehot, y_train, epochs=epochs_onehot, batch_size=32,
                                  validation_data=(x_val_onehot, y_val), verbose=0,
                                  callbacks=[utils.progress("SimpleRNN(32), one-hot")])
onehot_epoch_s = (time.perf_counter() - start) / epochs_onehot
onehot_acc = max(onehot_history.history["val_accuracy"])
print(f"Keras SimpleRNN(32), one-hot: best validation accuracy {onehot_acc:.3f} "
      f"(last {onehot_history.history['val_accuracy'][-1]:.3f}), {onehot_epoch_s:.1f} s per epoch")

# %%
utils.plots.plot_history(onehot_history, metrics=("loss", "accuracy"))
plt.show()

# %%
# Checks: section 6's sentence on the two kinds of clipping. Two gradients of norm 5 and 0.5,
# one SGD step of learning rate 1: how far does each variable move?
grads = [np.array([3.0, 4.0]), np.array([0.3, 0.4])]
total = np.hypot(5, 0.5)                                  # the total norm of both, 5.02
for clip, distances in [("clipnorm", [1.0, 0.5]), ("global_clipnorm", [5 / total, 0.5 / total])]:
    variables = [keras.Variable(np.zeros(2)) for _ in grads]
    keras.optimizers.SGD(learning_rate=1.0, **{clip: 1.0}).apply(grads, variables)
    # clipnorm: "each tensor on its own" (5 -> 1, 0.5 unchanged);
    # global_clipnorm: "all of them together by their total norm" (both times 1 / 5.02)
    np.testing.assert_allclose([np.linalg.norm(v.numpy()) for v in variables], distances,
                               rtol=1e-6)

# %% [markdown]
# ## 7. An embedding instead of one-hot (원-핫 대신 임베딩)
#
# Now a vocabulary of 980 words: `num_words=1000` with `skip_top=20` keeps the indexes 20 to 999.
# They go in as integers to `Embedding(1000, 32)`, a table that learns a 32-number vector for every index below 1,000 (index 0 is the padding; 1 to 19 never occur), then a `SimpleRNN` of only 8 units, trained with Adam for 10 epochs in the full profile (4 in the quick one), as in the source textbook.
# The same split and padding.

# %%
(x_all_1000, y_all_1000), _ = datasets.load_imdb(skip_top=20, num_words=1000)
x_all_1000 = np.array([[w for w in review if w > 2] for review in x_all_1000], dtype=object)
x_train_1000 = keras.utils.pad_sequences(x_all_1000[train_idx], maxlen=maxlen)
x_val_1000 = keras.utils.pad_sequences(x_all_1000[val_idx], maxlen=maxlen)
words_1000 = {w for review in x_all_1000 for w in review}
print(f"{len(words_1000)} words, indexes {min(words_1000)} to {max(words_1000)}")

# %% [markdown]
# *Slow cell: it prints its time in the reference run and its progress.*

# %%
utils.slow_cell("embedding")
keras.utils.set_random_seed(P.seed)      # the initial weights: the same each time the cell runs
embedding_model = keras.Sequential([
    keras.Input((maxlen,)),
    keras.layers.Embedding(1000, 32),
    keras.layers.SimpleRNN(8),
    keras.layers.Dense(1, activation="sigmoid"),
])
embedding_model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                        loss="binary_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
embedding_history = embedding_model.fit(x_train_1000, y_train, epochs=epochs_embedding,
                                        batch_size=32, validation_data=(x_val_1000, y_val),
                                        verbose=0, callbacks=[utils.progress("Embedding + RNN")])
embedding_epoch_s = (time.perf_counter() - start) / epochs_embedding
embedding_acc = max(embedding_history.history["val_accuracy"])
print(f"Embedding + SimpleRNN(8): best validation accuracy {embedding_acc:.3f} "
      f"(last {embedding_history.history['val_accuracy'][-1]:.3f}), "
      f"{embedding_epoch_s:.1f} s per epoch")

# %%
utils.plots.plot_history(embedding_history, metrics=("loss", "accuracy"))
plt.show()

# %%
# Checks: section 7's sentences about the data
np.testing.assert_array_equal(y_all_1000, y_all)          # the same reviews, in the same order
assert len(words_1000) == 980                             # "a vocabulary of 980 words"
assert min(words_1000) == 20 and max(words_1000) == 999   # "keeps the indexes 20 to 999"

# %% [markdown]
# ## Results (결과 정리)
#
# Validation accuracy on the held-out validation reviews (5,000 in the full profile, 2,000 in the quick one), next to the numbers of the source textbook (*Do it! 딥러닝 입문*, chapter 9; chapter 6 in the lecture deck).
# The textbook reports each model after its **last** epoch (0.7002 for its NumPy network, which passes the error back with `err @ W_1h`, without the transpose; for the one-hot `SimpleRNN`, 0.7160 in the log of its last epoch and 0.693 when it evaluates the trained model; 0.8158 for the embedding model), so the table gives our last epoch beside it; our 5,000 validation reviews are others than the textbook's (section 3: our loader orders the reviews differently), so the two sit side by side as a guide, not as the same measurement.
# It also gives the best epoch, which is what early stopping on the validation set would keep: that number is optimistic, since the same reviews pick the epoch and score it, and it hides how a curve moves from one epoch to the next (the plots above show each model's curve).
# The test set is not used in this notebook.

# %%
results = {  # model: best and last validation accuracy, s per epoch, the textbook's last epoch
    "NumPy RNN, 32 cells, one-hot, truncated BPTT": dict(
        best=numpy_acc, last=numpy_rnn.val_accuracies[-1], epoch_s=numpy_epoch_s,
        textbook="0.70, last of 20 epochs, with `err @ W_1h` untransposed (section 5)"),
    "Keras SimpleRNN(32), one-hot, SGD + momentum, clipped": dict(
        best=onehot_acc, last=onehot_history.history["val_accuracy"][-1],
        epoch_s=onehot_epoch_s, textbook="0.69-0.72, last of 20 epochs, plain SGD"),
    "Keras Embedding(1000, 32) + SimpleRNN(8), Adam": dict(
        best=embedding_acc, last=embedding_history.history["val_accuracy"][-1],
        epoch_s=embedding_epoch_s, textbook="0.82, last of 10 epochs"),
}
utils.record_results(
    [{"model": name, "metric": "validation accuracy, last epoch", "value": r["last"],
      "epoch_s": r["epoch_s"], "reference": f"{r['textbook']} (source textbook)"}
     for name, r in results.items()]
    + [{"model": name, "metric": "validation accuracy, best epoch", "value": r["best"]}
       for name, r in results.items()])

# %% [markdown]
# ### One run is one draw: judging across seeds (시드에 따른 편차)
#
# The seed (`P.seed`, printed by the setup cell) fixes every network's initial weights and the order of its batches.
# Another seed gives other weights and another order, and the accuracies move by points: one run is one draw.
# So a difference between two models counts only if it is larger than what the seed alone moves, and the only way to know that is to measure it.
# The course measured it: `make seeds` ran this notebook, up to its results table, at several seeds in the full profile and recorded every row of the results table per seed (`results/seeds/full-04.json`).
#
# **The course's rule** (used in every notebook from here on): for each model, take the mean $\bar a$ of its results over $n_a$ seeds and their sample standard deviation $s_a$.
# The difference of two means, $\bar a - \bar b$, has a standard error $\sqrt{s_a^2 / n_a + s_b^2 / n_b}$: how much the difference itself would move if the seeds were drawn again.
# A difference **counts** when it is more than twice that standard error; otherwise the two models are **not separated**, whichever mean is higher.
# Twice the standard error is the usual bar of about 95 % confidence with many seeds; with five it is a rougher one (closer to 90 %), which is why the text states a verdict only where the recorded seeds separate the models by the rule, and a check on your own run asserts only what held at every seed tried.
#
# The cell below judges on the last epoch (not chosen on the validation reviews) of the full profile.
# Its picture has one dot per seed, each model's mean with its two standard errors, and your run beside them; in the full profile, on the kind of machine and with the thread setting the seeds ran with (the cell names both), your run is one more seed, and the verdicts include it.
# The majority-class baseline (always the commoner label) has no seed: it is the same at every seed.

# %%
recorded = utils.results.recorded_seeds()     # this notebook at other seeds (results/seeds/)
short = dict(zip(results, ("NumPy RNN", "one-hot SimpleRNN", "embedding model"), strict=True))
over, own = {}, {}
for name, r in results.items():
    over[short[name]], said = recorded.with_run(name, "validation accuracy, last epoch",
                                                r["last"])
    own[short[name]] = r["last"]
# always predicting the commoner label, on the full profile's 5,000 validation reviews (the
# recorded seeds'); this run's own baseline, on its own validation reviews, is `majority`
y_val_full = y_all[permutation[20_000:]]
majority_full = max(y_val_full.mean(), 1 - y_val_full.mean())
majority = max(y_val.mean(), 1 - y_val.mean())
print(f"Validation accuracy after the last epoch over {said}:")
for name, values in over.items():
    print(f"  {name}: {utils.claims.mean_sd(values.values())}; this run {own[name]:.3f}")
utils.plots.seed_strip(over, own=own, scale=100, unit="validation accuracy, last epoch (%)",
                       own_label=f"this run ({P.name} profile, seed {P.seed})",
                       baseline=(majority_full, "majority baseline (full profile)"))
plt.show()

baseline = {name: {seed: majority_full for seed in values} for name, values in over.items()}
learned = {name: utils.claims.by_seeds(f"the {name}", values, "the majority baseline",
                                       baseline[name])
           for name, values in over.items()}
embedding_vs_onehot = utils.claims.by_seeds(
    "the embedding model", over["embedding model"], "the one-hot SimpleRNN",
    over["one-hot SimpleRNN"])
numpy_vs_keras = utils.claims.by_seeds("our NumPy RNN", over["NumPy RNN"],
                                       "Keras' one-hot SimpleRNN", over["one-hot SimpleRNN"])
for c in [*learned.values(), embedding_vs_onehot, numpy_vs_keras]:
    print(c.sentence)

# %% [markdown]
# All three networks learned: each is above the majority baseline by the rule (the cell prints by how much).
# The embedding model is better than the one-hot `SimpleRNN` by the rule, but it differs from it in more than its input: it has 980 words instead of 80, Adam instead of SGD with momentum and clipping, 10 epochs instead of 20, and 8 units instead of 32.
# The gap between them is the gap between the two recipes; this notebook does not measure how much of it the embedding alone accounts for.
# Whether our NumPy network and Keras' `SimpleRNN` are separated, the cell prints: they differ in more than the library as well (10 steps of truncated BPTT against all 100, plain SGD against momentum and clipping).

# %%
# Checks: the verdicts above, drawn from the recorded seeds, and this run. Recorded in the full
# profile (results/seeds/full-04.json): every model's last-epoch accuracy above the majority
# baseline at every seed; the embedding model above the one-hot SimpleRNN at every seed.
assert all(c.verdict == "better" for c in learned.values()), [c.sentence for c in learned.values()]
assert embedding_vs_onehot.verdict == "better", embedding_vs_onehot.sentence
# This run: the best epoch above this run's majority baseline, and in the full profile above 0.6
# as well (the recorded seeds: 0.696 at the lowest). The quick profile asks for no more than the
# baseline: its lowest best epoch at the seeds tried (results/seeds/quick-04.json) was 0.549,
# the NumPy RNN at seed 2718.
for name, r in results.items():
    assert r["best"] > majority and (P.quick or r["best"] > 0.6), (name, r["best"])

# %% [markdown]
# ## Review questions (복습 문제)
#
# The four review questions (확장하기) that close the source lecture of notebooks 01 to 03, *딥러닝을 활용한 자연어 처리(1)*, with short answers.
# Where an answer states something that can be computed, the cell after it computes it on this notebook's data and networks; the checks follow the last answer.
#
# **Question 1: What is sequential data (순차 데이터)?**
# Data whose elements come in an order that carries meaning, usually with a length that varies from one example to the next: the words of a review, the characters of a word, measurements over time.
# The IMDB reviews of section 3 vary in length, and so does what section 3 keeps of each (only the words of its 80-word vocabulary, the indexes 20 to 99): padding that to 100 steps fills about 90 % of the reviews with zeros in front and cuts about one in ten (the cell prints both shares; notebook 01 pads whole reviews, which are longer).
# Their word order matters to the trained NumPy network: the same words of a review in reverse order give a different output.

# %%
padded, cut = np.mean(lengths < maxlen), np.mean(lengths > maxlen)
print(f"words kept per review: {lengths.min()} to {lengths.max()}; padding to {maxlen} steps "
      f"fills {padded:.1%} of the 25,000 reviews with zeros and cuts {cut:.1%}")
x_part, seq_part = x_val_onehot[:500], x_val_seq[:500]
# the words of each review in reverse order, the padding still in front
reversed_seq = np.array([np.concatenate([r[r == 0], r[r > 0][::-1]]) for r in seq_part])
x_reversed = np.eye(num_words, dtype="float32")[reversed_seq]
p_in_order = numpy_rnn.sigmoid(numpy_rnn.forpass(x_part)).ravel()
p_reversed = numpy_rnn.sigmoid(numpy_rnn.forpass(x_reversed)).ravel()
moved = np.abs(p_in_order - p_reversed).mean()
flipped = np.mean((p_in_order > 0.5) != (p_reversed > 0.5))
print(f"reversing the words of 500 validation reviews moves the predicted probability by "
      f"{moved:.3f} on average and flips {flipped:.0%} of the predicted labels")

# %% [markdown]
# **Question 2: What is a recurrent neural network (순환 신경망, RNN)?**
# A network that reads a sequence one step at a time and carries a hidden state from step to step, $H_t = \tanh(X_t W_{1x} + H_{t-1} W_{1h} + b_1)$, with the same weights at every step (parameter sharing, 파라미터 공유).
# Its number of weights therefore does not depend on the length of the sequence: our network has $100 \cdot 32 + 32 \cdot 32 + 32 + 32 + 1 = 4{,}289$, as many as the Keras `SimpleRNN(32)` model of section 6, and the same weights read the last 50 steps of a review as well as all 100.
# Loaded into a Keras `SimpleRNN(32)` + `Dense(1)` that reads 50 steps, our trained weights give the same outputs as our `forpass` on those 50 steps, up to float32 rounding (the cell prints the largest difference).

# %%
n_weights = sum(w.size for w in numpy_rnn.weights)
print(f"NumPy RNN: {n_weights:,} weights; Keras SimpleRNN(32) + Dense(1): "
      f"{onehot_model.count_params():,}")
last_50 = numpy_rnn.forpass(x_val_onehot[:4, 50:])                     # 50 steps, same weights
keras_50 = keras.Sequential([keras.Input((50, num_words)), keras.layers.SimpleRNN(32),
                             keras.layers.Dense(1)])                   # logits, as forpass
keras_50.set_weights([numpy_rnn.w1x, numpy_rnn.w1h, numpy_rnn.b1, numpy_rnn.w2, numpy_rnn.b2])
gap_50 = np.abs(keras_50(x_val_onehot[:4, 50:]).numpy() - last_50).max()
print(f"the last 50 steps of 4 reviews: NumPy logits {last_50.ravel().round(3)}, "
      f"largest difference from Keras {gap_50:.1e}")

# %% [markdown]
# **Question 3: What is a time step (타임스텝)?**
# One position of the sequence, here one word of a padded review.
# At step $t$ the cell reads $X_t$, the one-hot row of word $t$ (shape $(m, 100)$ for a batch of $m$), together with $H_{t-1}$, and computes $H_t$.
# A review of 100 steps takes 100 updates, and `forpass` keeps 101 states, $H_0$ to $H_{100}$, for the backward pass.

# %%
numpy_rnn.forpass(x_val_onehot[:4])
states = numpy_rnn.h
print(f"{len(states)} states, each {states[-1].shape} (batch, cells)")

# %% [markdown]
# **Question 4: How does backpropagation through time (BPTT, 순환 신경망의 오차역전파) differ from ordinary backpropagation?**
# It *is* ordinary backpropagation, applied to the network unrolled over its time steps; what is new comes from the unrolling.
# The same weights appear at every step, so each of their gradients is a sum of one contribution per step ($\sum_t H_{t-1}^\top \delta_t$ for $W_{1h}$), where a feed-forward layer's weights get one term.
# The error travels back through every step, so all hidden states must be kept until the backward pass, and the product of section 1 can shrink or grow over many steps.
# Truncated BPTT with $k$ steps keeps only the last $k$ contributions and leaves out the earlier ones.
# The cell rebuilds the $W_{1h}$ gradient of section 5's gradient check (5 steps) from its per-step contributions: all 5 give the full-BPTT gradient, the last 2 give the truncated one ($k = 2$), and the 3 left out are exactly the difference.
# (The contribution of step 1 is zero for $W_{1h}$, since it is multiplied by $H_0 = 0$.)

# %%
net.forpass(x_check)                                     # the 5-step network of section 5
delta = ((net.sigmoid(net.h[-1] @ net.w2 + net.b2) - y_check) @ net.w2.T
         * (1 - net.h[-1] ** 2) / len(x_check))                            # delta_T
contributions = []                                       # H_{t-1}^T delta_t for t = 5, 4, ..., 1
for t in range(x_check.shape[1], 0, -1):
    contributions.append(net.h[t - 1].T @ delta)
    delta = net.step_back(delta, t)
print("norm of each step's contribution to dL/dW_1h, t = 5, ..., 1:",
      ", ".join(f"{np.linalg.norm(c):.1e}" for c in contributions))

# %%
# Checks: the answers
assert abs(padded - 0.9) < 0.01 and abs(cut - 0.1) < 0.01   # Q1: "about 90 %", "one in ten"
assert moved > 0.01                                  # Q1: "give a different output"
assert n_weights == onehot_model.count_params() == 100 * 32 + 32 * 32 + 32 + 32 + 1   # Q2
assert gap_50 < 1e-5                                 # Q2: "the same outputs ... float32 rounding"
assert len(states) == maxlen + 1 and all(h.shape == (4, 32) for h in states)   # Q3: 101 states
np.testing.assert_allclose(sum(contributions), analytic[0], rtol=1e-12)      # Q4: all 5 = full
np.testing.assert_allclose(sum(contributions[:2]), approx[0], rtol=1e-12)    # Q4: last 2 = k = 2
np.testing.assert_allclose(analytic[0] - approx[0], sum(contributions[2:]),  # Q4: the 3 left out
                           rtol=1e-9, atol=1e-15)
assert not contributions[-1].any() and np.linalg.norm(sum(contributions[2:])) > 0   # Q4: step 1

# %% [markdown]
# ## Summary (학습정리)
#
# - BPTT is ordinary backpropagation on the unrolled network: the error goes back through $W_{1h}^\top$ and $\tanh'$ at every step, and the shared weights sum their gradients over time.
# - The repeated product $\prod W_{1h}^\top \mathrm{diag}(1 - H^2)$ is why RNN gradients vanish or explode; truncated BPTT stops after $k$ steps.
# - A NumPy network of 32 cells, trained by truncated BPTT on one-hot IMDB reviews, learns to classify them: it is above the majority-class baseline across the recorded seeds, as Keras' `SimpleRNN(32)` is on the same input (the results table gives both).
# - A gradient check against central differences and `tf.GradientTape` confirms the transposed update (to better than $10^{-7}$ and $10^{-12}$) and exposes the textbook's `err @ W_1h` as off by more than 1 %, although it still points downhill.
# - Keras clips gradients in two ways: `clipnorm` rescales each weight tensor's gradient on its own, `global_clipnorm` all of them by their total norm; momentum is no remedy for exploding gradients.
# - One-hot input costs `timesteps × vocabulary` floats per review: 800 MB for 20,000 IMDB reviews with one-hot vectors of only 100.
#   An `Embedding` keeps the integers and learns dense vectors, which makes a larger vocabulary affordable: the embedding model (980 words, Adam, 8 units) is better than the one-hot `SimpleRNN` (80 words, SGD) across the recorded seeds; that gap belongs to the whole recipe, not to the embedding alone.
# - One run is one draw: the course judges two models only across seeds, and a difference counts when it is more than twice its standard error.
#
# <!-- reference-run:start: generated by make sync from results/full.json; do not edit -->
# *Your run's numbers are in the results table above, beside those of the reference run of your profile; [the copy with outputs](../executed/04_bptt_numpy.ipynb) is the full profile's reference run, start to end.*
# <!-- reference-run:end -->

# %% [markdown]
# ## Going further (확장하기)
#
# Three exercises, each with a cell for your attempt.
# The worked solutions are in the last section, Solutions (풀이), hidden (click a cell to show its code).

# %% [markdown]
# 1. Train the NumPy network with `bptt_steps=None` (full BPTT).
#    Is it slower per epoch?
#    Does it learn better?

# %%
# Your attempt: exercise 1

# %% [markdown]
# 2. Add gradient clipping to `fit`: rescale the gradients when their total norm exceeds 5 (what Keras' `global_clipnorm=5.0` does).
#    When would that matter?

# %%
# Your attempt: exercise 2

# %% [markdown]
# 3. Measure the vanishing gradient in the trained NumPy network: after a forward pass on a batch of validation reviews, walk `delta` back through all 100 steps with `step_back` and record its norm at each step.
#    By what factor does it shrink from step 100 to step 90?
#    Check your numbers against `tf.GradientTape`: the gradient of the loss with respect to $Z_1^{(t)}$ is exactly $\delta_t$.

# %%
# Your attempt: exercise 3

# %% [markdown]
# ## Solutions (풀이)
#
# The worked solutions, hidden (click a cell to show its code).
# They use the lesson's trained NumPy network and its data; solution 1 also trains two small NumPy networks at five seeds each on a subset of the training reviews, printing one line per seed.

# %% [markdown]
# ### Solution 1: full vs truncated BPTT (exercise 1)
#
# It times both on the same batch, compares their gradients on the trained network, and trains both from the same start on a subset: 2 epochs on 1,000 reviews in the quick profile, 8 epochs on 4,000 in the full one.
# These networks are small enough to train at five seeds here, so the answer judges them by the course's rule (section "One run is one draw"): each against the majority baseline (always the commoner label), then against each other, on the last epoch's validation accuracy.

# %%
#@title Solution 1: full vs truncated BPTT
# First the cost of one batch, forward and backward: the fastest of 10 repeats, which is the
# one least disturbed by anything else running.
def seconds_per_batch(net, x, y, repeats=10):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        net.gradients(x, y)
        times.append(time.perf_counter() - start)
    return min(times)


full_bptt = RecurrentNetwork(n_cells=32, bptt_steps=None, seed=P.seed)
full_bptt.init_weights(num_words)
for w, v in zip(full_bptt.weights, numpy_rnn.weights, strict=True):
    w[...] = v                                             # section 4's trained weights, all steps
x_batch, y_batch = x_train_onehot[:32], y_train[:32].reshape(-1, 1).astype("float64")
slower = seconds_per_batch(full_bptt, x_batch, y_batch) / seconds_per_batch(numpy_rnn, x_batch,
                                                                            y_batch)
print(f"one batch of 32, forward + backward: full BPTT takes {slower:.1f} times as long as k = 10")
assert slower > 1.3, "the answer says: slower"

# %%
#@title Solution 1: full vs truncated BPTT
# How different is the truncated gradient? Same weights, 256 validation reviews, the gradients
# of the recurrent layer (W_1h, W_1x, b_1) as one vector each.
x_256, y_256 = x_val_onehot[:256], y_val[:256].reshape(-1, 1).astype("float64")
truncated_grad = np.concatenate([g.ravel() for g in numpy_rnn.gradients(x_256, y_256)[:3]])
full_grad = np.concatenate([g.ravel() for g in full_bptt.gradients(x_256, y_256)[:3]])
cosine_k10 = truncated_grad @ full_grad / (np.linalg.norm(truncated_grad)
                                          * np.linalg.norm(full_grad))
relative_gap = np.linalg.norm(full_grad - truncated_grad) / np.linalg.norm(full_grad)
direction = ("almost the same direction" if cosine_k10 > 0.99 else
             "a similar but not the same direction" if cosine_k10 > 0.9 else
             "a clearly different direction")
print(f"cosine between the truncated (k = 10) and the full gradient: {cosine_k10:.3f}, "
      f"{direction}; they differ by {relative_gap:.0%} of the full gradient's norm")

# %%
#@title Solution 1: full vs truncated BPTT
# Train both at five seeds; at each seed both start from the same weights and batch order.
n_sub, epochs_sub = P.pick(quick=1_000, full=4_000), P.pick(quick=2, full=8)
subset = {"x": x_train_onehot[:n_sub], "y": y_train[:n_sub],
          "x_val": x_val_onehot[:n_sub // 4], "y_val": y_val[:n_sub // 4]}
sub_seeds = [P.seed + i for i in range(5)]
last = {10: {}, None: {}}                      # bptt_steps -> {seed: last validation accuracy}
for seed in sub_seeds:
    for k in (10, None):
        rnn = RecurrentNetwork(n_cells=32, batch_size=32, learning_rate=0.01, bptt_steps=k,
                               seed=seed)
        rnn.fit(epochs=epochs_sub, **subset)
        last[k][seed] = rnn.val_accuracies[-1]
    print(f"seed {seed}: last validation accuracy, k = 10 {last[10][seed]:.3f}, "
          f"full BPTT {last[None][seed]:.3f}")

# %%
#@title Solution 1: full vs truncated BPTT
y_sub = subset["y_val"]
majority_sub = max(y_sub.mean(), 1 - y_sub.mean())          # always the commoner label
judged = [utils.claims.by_seeds(name, last[k], "the majority baseline",
                                {seed: majority_sub for seed in sub_seeds})
          for name, k in (("full BPTT", None), ("truncated BPTT", 10))]
judged.append(utils.claims.by_seeds("full BPTT", last[None], "truncated BPTT", last[10]))
print(f"Answer: full BPTT is slower, {slower:.1f} times per batch: the backward pass walks "
      f"{maxlen} steps instead of 10, while the forward pass costs the same.")
print(f"Its gradient points in {direction} from the truncated one (cosine {cosine_k10:.2f}).")
print(f"Trained from the same start ({epochs_sub} epochs, {n_sub:,} reviews), last validation "
      f"accuracy: full BPTT {utils.claims.mean_sd(last[None].values())}, truncated "
      f"{utils.claims.mean_sd(last[10].values())}.")
for c in judged:
    print(c.sentence)

# %% [markdown]
# ### Solution 2: clipping by the total norm (exercise 2)
#
# `fit` calls `backprop` for every batch, so clipping there adds it to `fit` without touching `fit`.
# The solution measures the gradient norms of the trained network, then stretches its recurrent weights and sees whether the gradient explodes: stretched weights multiply the error at every step back, but a saturated $\tanh$ (states near ±1, $1 - H^2$ near 0) stops it, so which wins depends on the network and the batch.

# %%
#@title Solution 2: clipping by the total norm
class ClippedNetwork(RecurrentNetwork):
    """RecurrentNetwork whose gradients are rescaled when their total norm exceeds max_norm."""

    def __init__(self, *args, max_norm=5.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_norm, self.norms = max_norm, []            # every batch's norm before clipping

    def backprop(self, x, err):
        grads = super().backprop(x, err)
        norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
        self.norms.append(norm)
        return [g * min(1.0, self.max_norm / norm) for g in grads]


# %%
#@title Solution 2: clipping by the total norm
# Section 4's trained network, clipped, on the first 16 training batches.
x_batch, y_batch = x_train_onehot[:32], y_train[:32].reshape(-1, 1).astype("float64")
probe = ClippedNetwork(n_cells=32, bptt_steps=10, seed=P.seed)
probe.init_weights(num_words)
for w, v in zip(probe.weights, numpy_rnn.weights, strict=True):
    w[...] = v
for a, b in zip(probe.gradients(x_batch, y_batch), numpy_rnn.gradients(x_batch, y_batch),
                strict=True):
    np.testing.assert_array_equal(a, b)                 # norm below 5: the gradients are unchanged
assert probe.norms[-1] < 5
norms_by_k = {}
for k in (10, None):
    probe.bptt_steps, probe.norms = k, []
    for first in range(0, 16 * 32, 32):                 # the first batch is x_batch
        probe.gradients(x_train_onehot[first:first + 32],
                        y_train[first:first + 32].reshape(-1, 1).astype("float64"))
    norms_by_k[k] = list(probe.norms)
    print(f"trained network, bptt_steps={k}: largest norm {max(probe.norms):.2f}, "
          f"above 5 in {sum(n > 5 for n in probe.norms)} of 16 batches")

# %%
#@title Solution 2: clipping by the total norm
# The same network with its recurrent weights stretched to spectral radius 2, full BPTT, on
# the first batch again.
probe.bptt_steps = None
radius = np.abs(np.linalg.eigvals(numpy_rnn.w1h)).max()
probe.w1h = numpy_rnn.w1h * 2 / radius                   # largest |eigenvalue| of W_1h: now 2
clipped = probe.gradients(x_batch, y_batch)
clipped_norm = np.sqrt(sum(np.sum(g ** 2) for g in clipped))
exploded = probe.norms[-1]
growth = exploded / norms_by_k[None][0]                  # the same batch, trained W_1h
print(f"spectral radius 2, full BPTT: norm {exploded:.1e}, {growth:.0e} times the trained "
      f"network's on the same batch; after clipping {clipped_norm:.2f}. An unclipped step at "
      f"learning rate 0.01 would move the weights by {0.01 * exploded:.0e}.")
# clipping caps the norm at 5 and leaves a smaller one as it was
np.testing.assert_allclose(clipped_norm, min(exploded, 5.0), rtol=1e-9)

# %%
#@title Solution 2: clipping by the total norm
largest = {k: max(norms) for k, norms in norms_by_k.items()}
fires = "would fire" if largest[10] > 5 else "would not fire"
print(f"Answer: clipping changes nothing while the norm stays below 5. In section 4's setting "
      f"(k = 10) the trained network's largest norm on 16 batches is {largest[10]:.2f}, so it "
      f"{fires} there; with full BPTT the largest is {largest[None]:.2f}.")
print("It matters when gradients explode: recurrent weights that stretch vectors multiply the "
      "error at every step of full BPTT, and one unclipped step would throw the weights far "
      "away. " + (f"Stretched to spectral radius 2, this network's norm grew {growth:.0e} times."
                  if growth > 1 else
                  f"Stretched to spectral radius 2, this network saturated instead: its norm fell "
                  f"to {growth:.2f} times the trained network's, since a saturated tanh passes "
                  f"almost no gradient back."))
print("Keras does this with global_clipnorm=5.0. Section 6's clipnorm=1.0 is the other kind: "
      "it rescales each weight tensor's gradient on its own.")

# %% [markdown]
# ### Solution 3: the vanishing gradient in the trained network (exercise 3)

# %%
#@title Solution 3: the vanishing gradient in the trained network
# The norm of delta_t as the error walks back through time.
xb, yb = x_val_onehot[:64], y_val[:64].reshape(-1, 1).astype("float64")
err = numpy_rnn.sigmoid(numpy_rnn.forpass(xb)) - yb
delta = err @ numpy_rnn.w2.T * (1 - numpy_rnn.h[-1] ** 2) / len(xb)
norms = []                                              # |delta_100|, |delta_99|, ..., |delta_1|
for t in range(maxlen, 0, -1):
    norms.append(np.linalg.norm(delta))
    delta = numpy_rnn.step_back(delta, t)
factor = norms[10] / norms[0]
print(f"|delta_100| = {norms[0]:.2e}, |delta_90| = {norms[10]:.2e}: factor {factor:.3f}; "
      f"|delta_1| = {norms[-1]:.2e}")
plt.semilogy(range(maxlen, 0, -1), norms)
plt.gca().invert_xaxis()
plt.xlabel("time step t")
plt.ylabel("norm of delta_t")
plt.show()

# %%
#@title Solution 3: the vanishing gradient in the trained network
# Check: delta_t is dL/dZ_1^(t), so tf.GradientTape must give the same norms and the same factor.
w1h, w1x, b1, w2, b2 = (tf.Variable(w) for w in numpy_rnn.weights)
with tf.GradientTape() as tape:
    h = tf.zeros((len(xb), numpy_rnn.n_cells), tf.float64)
    z = []                                                      # Z_1^(1), ..., Z_1^(100)
    for t in range(maxlen):
        z.append(tf.constant(xb[:, t], tf.float64) @ w1x + h @ w1h + b1)
        h = tf.tanh(z[-1])
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=yb, logits=h @ w2 + b2))
tape_norms = [float(tf.norm(g)) for g in reversed(tape.gradient(loss, z))]  # steps 100, ..., 1
tape_factor = tape_norms[10] / tape_norms[0]
print(f"factor from step 100 to step 90: step_back {factor:.6f}, GradientTape {tape_factor:.6f}")
np.testing.assert_allclose(norms, tape_norms, rtol=1e-8)
np.testing.assert_allclose(factor, tape_factor, rtol=1e-8)
assert factor < 1 and norms[-1] < norms[0], "the exercise says: the norm shrinks"
print(f"Answer: from step 100 to step 90 the error's norm shrinks by a factor of {factor:.2f}; "
      f"{factor:.0%} of it is still there at step 90, where truncated BPTT with k = 10 stops.")
