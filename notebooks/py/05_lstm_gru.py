# %% [markdown]
# # 05 · LSTM and GRU (장단기 메모리 · 게이트 순환 유닛)
#
# Measure why simple RNNs forget, write the LSTM and GRU cells in NumPy until they match Keras to $10^{-5}$, and build the usual recurrent architectures with their shapes.
#
# [![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/rnn-keras-course/rnn-keras-course/blob/main/notebooks/05_lstm_gru.ipynb)
#
# **Run time:** the course table of the README gives this notebook's time in each profile on two CPU cores, and the setup cell prints the reference run's.
#
# **Profile:** `PROFILE = "quick"` in the setup cell (a drop-down in Colab), or `COURSE_PROFILE=quick` in the shell, runs the same cells on less data and fewer epochs; `"full"`, the default, is the lesson at real scale.

# %% [markdown]
# ## Learning goals (학습목표)
#
# - Train a small `SimpleRNN` to spell "hello" one character at a time, and see that its hidden state is what tells two identical inputs apart.
# - Measure the vanishing gradient: how much the last output of a `SimpleRNN`, an `LSTM` and a `GRU` depends on each earlier input.
# - Write the LSTM and GRU equations and implement both cells in NumPy with Keras' weight layout (gate order, biases, `reset_after`).
# - Tell Keras' default GRU (`reset_after=True`) from the textbook form, and show that the other common convention for the update gate ($z$ and $1 - z$ swapped) is the same model with the $z$ weights negated.
# - Use `return_sequences`, `return_state`, stacking and `Bidirectional`, build many-to-one, one-to-many and many-to-many models, and see what each direction of a bidirectional layer can read at a given word.

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

P = utils.setup(PROFILE, notebook="05")

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

timesteps, batch = 150, 32    # the same in both profiles: nothing in this notebook is slow

# %% [markdown]
# ## 1. A SimpleRNN learns to spell "hello" (문자 단위 RNN 학습)
#
# First a training run small enough to follow step by step: a `SimpleRNN` reads "hell" one character at a time and must output the next character at every step, "ello".
# The vocabulary is the four characters h, e, l, o, one-hot encoded, so the input and the target are both `(1, 4, 4)`: one sequence, 4 steps, 4 features.
# `return_sequences=True` gives the `Dense` softmax a hidden state at every step (many-to-many).
# We train with Adam on this one sequence, 300 full-batch steps (`Dataset.from_tensors(...).repeat(300)` feeds the same batch 300 times, in one epoch).

# %%
vocab = "helo"
x_hello = np.eye(len(vocab), dtype="float32")[[vocab.index(ch) for ch in "hell"]][None]  # (1, 4, 4)
y_hello = np.eye(len(vocab), dtype="float32")[[vocab.index(ch) for ch in "ello"]][None]
keras.utils.set_random_seed(P.seed)
hello_model = keras.Sequential([keras.Input((4, len(vocab))),
                                keras.layers.SimpleRNN(8, return_sequences=True),
                                keras.layers.Dense(len(vocab), activation="softmax")])
hello_model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05),
                    loss="categorical_crossentropy")
hello_steps = tf.data.Dataset.from_tensors((x_hello, y_hello)).repeat(300)
hello_model.fit(hello_steps, epochs=1, shuffle=False, verbose=0)
probabilities = hello_model(x_hello).numpy()[0]                          # (4 steps, 4 characters)

# %% tags=["first-result"]
predicted = "".join(vocab[k] for k in probabilities.argmax(axis=1))
for step, (char, guess) in enumerate(zip("hell", predicted, strict=True)):
    print(f"after reading {'hell'[:step + 1]!r:7s} (input {char!r}): predicts {guess!r} "
          f"with probability {probabilities[step].max():.3f}")

# %% [markdown]
# The model predicts e, l, l, o, each with probability above 0.9.
# Look at steps 3 and 4: the input is the same `l` both times, yet the target is `l` after "hel" and `o` after "hell".
# A model that saw only the current character would have to give both the same answer.
# The `SimpleRNN` can tell them apart only through its state, which differs after "hel" and after "hell":

# %%
hidden = hello_model.layers[0](x_hello).numpy()[0]                      # (4 steps, 8 units)
print("input at steps 3 and 4 identical:", np.array_equal(x_hello[0, 2], x_hello[0, 3]))
print("hidden state after 'hel': ", hidden[2].round(2))
print("hidden state after 'hell':", hidden[3].round(2))
print(f"largest difference: {np.abs(hidden[2] - hidden[3]).max():.2f}")

# %%
# Checks: section 1's sentence "predicts e, l, l, o, each with probability above 0.9"
assert predicted == "ello", predicted
assert probabilities.max(axis=1).min() > 0.9

# %% [markdown]
# ## 2. Long-term dependencies (장기 의존성)
#
# To spell "hello" the state had to carry a character or two.
# Language needs more: "I went to Moscow last summer. The food was heavy, the trains were late, and everybody I met spoke ___."
# To fill the gap a language model must carry *Moscow* across fifteen words.
# Notebook 04 showed why a simple RNN struggles: the error reaching step $t - k$ is multiplied by $k$ factors $W_{hh}^\top \mathrm{diag}(1 - h^2)$, and shrinks geometrically when those factors shrink vectors.
#
# Here we measure it directly.
# Feed random sequences of 150 steps to untrained layers of 32 units and ask, with `tf.GradientTape`, how strongly the final output depends on the input at each step: $\lVert \partial \sum h_T / \partial x_t \rVert$, averaged over the batch.
# The norms are taken in float64: the gradients of the earliest steps are so small that their squares would round to 0 in float32.

# %%
keras.utils.set_random_seed(P.seed)      # the layers' initial weights, whatever ran before
x = tf.constant(np.random.default_rng(42).normal(size=(batch, timesteps, 8)).astype("float32"))
layers = {"SimpleRNN": keras.layers.SimpleRNN(32), "LSTM": keras.layers.LSTM(32),
          "GRU": keras.layers.GRU(32)}
sensitivity = {}
for name, layer in layers.items():
    with tf.GradientTape() as tape:
        tape.watch(x)
        final = tf.reduce_sum(layer(x))
    grads = tape.gradient(final, x).numpy().astype("float64")     # (batch, timesteps, 8)
    sensitivity[name] = np.linalg.norm(grads, axis=2).mean(axis=0)  # one number per time step
    print(f"{name:9s} at the last step {sensitivity[name][-1]:.1e}, 10 steps back "
          f"{sensitivity[name][-11]:.1e}, at the first step {sensitivity[name][0]:.1e}")

# %%
plt.figure(figsize=(8, 3.5))
for name, values in sensitivity.items():
    plt.semilogy(range(1, timesteps + 1), values, label=name)
plt.xlabel("input time step t")
plt.ylabel("gradient norm (log scale)")
plt.title("How much the last output depends on each input (untrained layers)")
plt.legend()
plt.grid(alpha=0.3)
plt.show()


# %% [markdown]
# On a log scale all three curves are close to straight lines: the gradient shrinks exponentially with distance, by the same share at every step back.
# The next cell fits a line to the log of each curve (leaving out 10 steps at each end) and prints how well it fits ($R^2$), the share of the gradient kept per step back, and how much more gradient the LSTM keeps than the SimpleRNN over the first 10 steps.
# All three fits have $R^2 > 0.99$.
# At initialisation the GRU keeps the smallest share per step, the SimpleRNN more, and the LSTM more than 5 points more than the SimpleRNN; over the first 10 steps the LSTM keeps at least $10^4$ times as much as the SimpleRNN.
# Other initial weights (another seed) move these shares a little; the same order and margins held at each of the five seeds the course recorded (`results/seeds/full-05.json`, checked in the results section).

# %%
def fit_decay(values):
    """Fit log(values) against the step, away from both ends: (share kept per step back, R^2)."""
    steps = np.arange(len(values))[10:-10]
    logs = np.log(values[10:-10])
    slope, intercept = np.polyfit(steps, logs, 1)
    r2 = 1 - np.var(logs - (slope * steps + intercept)) / np.var(logs)
    return float(np.exp(-slope)), float(r2)


# %%
fits = {name: fit_decay(values) for name, values in sensitivity.items()}
kept = {name: share for name, (share, r2) in fits.items()}
ratio = sensitivity["LSTM"][:10].mean() / sensitivity["SimpleRNN"][:10].mean()
for name, (share, r2) in fits.items():
    print(f"{name}: each step back keeps {share:.1%} of the gradient "
          f"(straight-line fit, R^2 = {r2:.4f})")
by_share = sorted(kept, key=kept.get)                      # smallest share first
print("per step back, smallest share first:", " < ".join(by_share))
print(f"First 10 of {timesteps} steps: the LSTM keeps {ratio:.1e} times the SimpleRNN's gradient.")

# %% [markdown]
# The difference per step compounds over 150 steps.
# Why does the untrained LSTM keep more?
# The next two sections define the cells; here is the part of each that matters for this question, ahead of them.
# The LSTM carries a second state, its *cell state* $c_t = f \odot c_{t-1} + i \odot g$, where $f$ (the forget gate), $i$ (the input gate) and $g$ (the candidate) are computed from $x_t$ and $h_{t-1}$ (section 3).
# Along $c$, the gradient is multiplied at every step by the forget gate $f$ alone, not squeezed through $\tanh$ and $W_{hh}$, so it keeps as much as $f$ lets through.
# At initialisation, what keeps the gradient is Keras' forget-gate bias of 1 (printed in section 3), which starts $f$ around $\sigma(1) \approx 0.73$: exercise 1 removes the bias, and the LSTM then keeps less per step than the SimpleRNN.
# The share measured above is not exactly 0.73: the gradient also flows back through $h$ and the gates, not only along $c$, and the straight-line fit averages over all of it.
# What the additive cell state adds is that training can learn to hold $f$ near 1 where a dependency needs it; a SimpleRNN has no gate to learn.
# The GRU (section 4) mixes its old state and a candidate with an *update gate* $z$, $h_t = z \odot h_{t-1} + (1 - z) \odot \tilde h_t$.
# Its update gate starts with bias 0, so $z$ starts around $\sigma(0) = 0.5$: along the direct path $z \odot h_{t-1}$, the gradient is multiplied by about one half at every step, and at initialisation the GRU keeps less per step than even the SimpleRNN.
# Here too the measured share is not exactly one half: the candidate $\tilde h_t$ depends on $h_{t-1}$ as well, and passes some gradient back.
# Training moves the gates.

# %%
# Checks: section 2's sentences
assert all(r2 > 0.99 for share, r2 in fits.values())   # "straight lines", "R^2 > 0.99"
assert max(kept.values()) < 1                           # "shrinks exponentially"
assert by_share == ["GRU", "SimpleRNN", "LSTM"]         # "the GRU the smallest, the SimpleRNN more"
assert kept["LSTM"] > kept["SimpleRNN"] + 0.05          # "the LSTM more than 5 points more"
assert ratio > 1e4                                      # "at least 10^4 times as much"


# %% [markdown]
# ## 3. The LSTM cell (장단기 메모리)
#
# An LSTM carries two states, the hidden state $h$ and the cell state $c$, and computes four *gates* from the input and the previous hidden state.
# The source lectures call $h$ the **short-term state (단기 상태)** and $c$ the **long-term state (장기 상태)**: $c$ is carried from step to step, scaled by the forget gate and added to through the input gate, and $h$ is what the cell shows at this step, a gated read-out of $c$ that is also the layer's output.
#
# $$
# \begin{aligned}
# i &= \sigma(x_t W_{xi} + h_{t-1} W_{hi} + b_i) && \text{input gate: how much new content to write}\\
# f &= \sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f) && \text{forget gate: how much of } c_{t-1} \text{ to keep}\\
# g &= \tanh(x_t W_{xg} + h_{t-1} W_{hg} + b_g) && \text{candidate content}\\
# o &= \sigma(x_t W_{xo} + h_{t-1} W_{ho} + b_o) && \text{output gate}\\
# c_t &= f \odot c_{t-1} + i \odot g, \qquad h_t = o \odot \tanh(c_t).
# \end{aligned}
# $$
#
# The last line is where the two names come from: $c_t$ (`c` in the code below) keeps $f \odot c_{t-1}$ of the long-term state and adds new content, and $h_t$ (`h`) is recomputed at every step from $c_t$ through the output gate, so $|h_t| \le |\tanh c_t| < 1$ element by element (measured below on Keras' last states).
#
# Keras stores the four gates side by side: `kernel` is $(n_f, 4u)$, `recurrent_kernel` $(u, 4u)$ and `bias` $(4u,)$, in the order **i, f, c (our g), o**.
# We take the weights of a Keras `LSTM` and recompute it in NumPy:

# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def lstm_numpy(x, kernel, recurrent_kernel, bias):
    """x: (batch, timesteps, features) -> all h (batch, timesteps, units), last h, last c."""
    units = recurrent_kernel.shape[0]
    h = c = np.zeros((x.shape[0], units))
    outputs = []
    for x_t in np.swapaxes(x, 0, 1):
        z = x_t @ kernel + h @ recurrent_kernel + bias                # (batch, 4 * units)
        i, f, g, o = np.split(z, 4, axis=1)                            # Keras' order: i, f, c, o
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)                   # long-term state (장기 상태)
        h = sigmoid(o) * np.tanh(c)                                   # short-term state (단기 상태)
        outputs.append(h)
    return np.stack(outputs, axis=1), h, c

x_small = np.random.default_rng(0).normal(size=(4, 12, 5)).astype("float32")
lstm = keras.layers.LSTM(6, return_sequences=True, return_state=True)
keras_seq, keras_h, keras_c = (t.numpy() for t in lstm(x_small))
kernel, recurrent_kernel, bias = (w.numpy().astype("float64") for w in lstm.weights)
print("kernel", kernel.shape, "recurrent_kernel", recurrent_kernel.shape, "bias", bias.shape)
print("initial bias, gate by gate:", np.split(bias, 4))
numpy_seq, numpy_h, numpy_c = lstm_numpy(x_small, kernel, recurrent_kernel, bias)
pairs = [("outputs", numpy_seq, keras_seq), ("h_T", numpy_h, keras_h), ("c_T", numpy_c, keras_c)]
for name, a, b in pairs:
    print(f"{name}: largest difference from Keras {np.abs(a - b).max():.1e}")

# %% [markdown]
# The LSTM cell with the symbols of the equations: the cell state $c$ (long-term state) runs along the top, changed only by $\odot f$ and $+\, i \odot g$; $h$ (short-term state) is read out through $o$.
#
# ![The LSTM cell: the cell state c along the top, the gates i, f, g and o, the output h](images/lstm_cell.png)

# %% [markdown]
# The short-term state is a gated read-out of the long-term state: over every unit of every sequence, $|h_T| \le |\tanh c_T|$, with equality only where the output gate is fully open (the cell prints the largest ratio).

# %%
readout = np.abs(keras_h) / np.abs(np.tanh(keras_c))                   # = sigmoid(o) per unit
print(f"|h_T| / |tanh c_T|: between {readout.min():.3f} and {readout.max():.3f} "
      f"(the output gate o of the last step)")

# %%
# Checks: section 3's sentences
for name, a, b in pairs:
    np.testing.assert_allclose(a, b, atol=1e-5, err_msg=name)   # "matches Keras to 1e-5"
assert np.all(readout < 1 + 1e-6)                  # "|h_T| <= |tanh c_T|"


# %% [markdown]
# ## 4. The GRU cell (게이트 순환 유닛)
#
# The GRU merges the two states into one and uses two gates.
# In the form of the paper that introduced it (Cho et al., 2014), with biases added:
#
# $$
# \begin{aligned}
# z &= \sigma(x_t W_{xz} + h_{t-1} W_{hz} + b_z) && \text{update gate}\\
# r &= \sigma(x_t W_{xr} + h_{t-1} W_{hr} + b_r) && \text{reset gate}\\
# g &= \tanh\big((r \odot h_{t-1}) W_{hg} + x_t W_{xg} + b_g\big) && \text{candidate}\\
# h_t &= z \odot h_{t-1} + (1 - z) \odot g.
# \end{aligned}
# $$
#
# Here $z$ near 1 keeps the old state.
# Keras uses the same convention for $z$, $h_t = z \odot h_{t-1} + (1 - z) \odot g$, and differs from the equations above in one place only:
#
# - **`reset_after=True`** (the default, the variant cuDNN implements): the reset gate is applied *after* the recurrent product, $g = \tanh\big(x_t W_{xg} + b^{in}_g + r \odot (h_{t-1} W_{hg} + b^{rec}_g)\big)$, and there are two biases, one for the input and one for the recurrent product (both are added for $z$ and $r$), so `bias` has shape $(2, 3u)$.
#   `GRU(reset_after=False)` is the form above, with one bias of shape $(3u,)$.
#
# Keras' gate order in the packed weights is **z, r, h (our g)**.
# The next cell compares both variants with Keras.
#
# **The alternative convention.** Other texts (colah's blog *Understanding LSTM Networks*, the Korean *밑바닥부터 시작하는 딥러닝 2*) write $h_t = (1 - z) \odot h_{t-1} + z \odot g$: there $z$ near 1 writes the new content, so their $z$ plays the role of our $1 - z$.
# Since $1 - \sigma(a) = \sigma(-a)$, the two are the same model with the $z$ weights and bias negated.

# %%
def gru_numpy(x, kernel, recurrent_kernel, bias, reset_after=True, z_keeps_old=True):
    """A GRU over x (batch, timesteps, features); returns all h and the last h.

    reset_after: Keras' default (reset applied after the recurrent product, two biases).
    z_keeps_old: Cho et al.'s and Keras' convention h = z*h_prev + (1-z)*g;
                 False gives the alternative convention h = (1-z)*h_prev + z*g.
    """
    units = recurrent_kernel.shape[0]
    b_in, b_rec = (bias[0], bias[1]) if reset_after else (bias, np.zeros_like(bias))
    h = np.zeros((x.shape[0], units))
    outputs = []
    for x_t in np.swapaxes(x, 0, 1):
        x_z, x_r, x_g = np.split(x_t @ kernel + b_in, 3, axis=1)
        w_hz, w_hr, w_hg = np.split(recurrent_kernel, 3, axis=1)
        b_hz, b_hr, b_hg = np.split(b_rec, 3)
        z = sigmoid(x_z + h @ w_hz + b_hz)
        r = sigmoid(x_r + h @ w_hr + b_hr)
        if reset_after:
            g = np.tanh(x_g + r * (h @ w_hg + b_hg))
        else:
            g = np.tanh(x_g + (r * h) @ w_hg)
        h = z * h + (1 - z) * g if z_keeps_old else (1 - z) * h + z * g
        outputs.append(h)
    return np.stack(outputs, axis=1), h

gru_differences = {}                 # largest difference from Keras: all outputs, last state
for reset_after in (True, False):
    gru = keras.layers.GRU(6, return_sequences=True, return_state=True, reset_after=reset_after)
    keras_seq, keras_h = (t.numpy() for t in gru(x_small))
    kernel, recurrent_kernel, bias = (w.numpy().astype("float64") for w in gru.weights)
    numpy_seq, numpy_h = gru_numpy(x_small, kernel, recurrent_kernel, bias, reset_after=reset_after)
    gru_differences[reset_after] = (np.abs(numpy_seq - keras_seq).max(),
                                    np.abs(numpy_h - keras_h).max())
    print(f"GRU(reset_after={reset_after}): bias {bias.shape}, "
          f"largest difference from Keras {gru_differences[reset_after][0]:.1e}")

# %% [markdown]
# The GRU cell: two gates, $r$ and $z$, no separate cell state.
#
# ![The GRU cell: the gates r and z, no separate cell state](images/gru_cell.png)

# %% [markdown]
# The GRU written in the alternative convention reproduces `GRU(reset_after=False)` to $10^{-5}$ once its update-gate weights and bias are negated; with the weights taken as they are it computes something else (a difference above $10^{-2}$).

# %%
flip = np.ones(3 * 6)
flip[:6] = -1                                                         # negate the z columns
alternative_seq, _ = gru_numpy(x_small, kernel * flip, recurrent_kernel * flip, bias * flip,
                               reset_after=False, z_keeps_old=False)
unflipped, _ = gru_numpy(x_small, kernel, recurrent_kernel, bias,
                         reset_after=False, z_keeps_old=False)
print(f"alternative convention, z weights negated: "
      f"{np.abs(alternative_seq - keras_seq).max():.1e}; "
      f"as they are: {np.abs(unflipped - keras_seq).max():.1e}")

# %% [markdown]
# Parameter counts follow from the packing: an LSTM has $4\,(n_f u + u^2 + u)$ weights, a GRU with `reset_after=True` $3\,(n_f u + u^2 + 2u)$.

# %%
counted = {}
for label, layer in [("LSTM", keras.layers.LSTM(6)), ("GRU", keras.layers.GRU(6)),
                     ("GRU(reset_after=False)", keras.layers.GRU(6, reset_after=False)),
                     ("SimpleRNN", keras.layers.SimpleRNN(6))]:
    layer.build((None, None, 5))
    counted[label] = layer.count_params()
    print(f"{label:23s} {counted[label]:4d} parameters (5 features, 6 units)")

# %%
# Checks: section 4's sentences
for seq_difference, h_difference in gru_differences.values():
    assert seq_difference < 1e-5 and h_difference < 1e-5   # both variants "match Keras"
np.testing.assert_allclose(alternative_seq, keras_seq, atol=1e-5)   # "negated: to 1e-5"
assert np.abs(unflipped - keras_seq).max() > 1e-2         # "as they are: above 1e-2"
assert counted == {"LSTM": 4 * (5 * 6 + 6 * 6 + 6),        # the formulas of the text
                   "GRU": 3 * (5 * 6 + 6 * 6 + 2 * 6),
                   "GRU(reset_after=False)": 3 * (5 * 6 + 6 * 6 + 6),
                   "SimpleRNN": 5 * 6 + 6 * 6 + 6}

# %% [markdown]
# ## 5. The Keras API: sequences, states, stacking, both directions (Keras 순환층: 시퀀스 출력, 상태, 쌓기, 양방향)
#
# For an input `(1, 4, 5)` and 3 units:
#
# - `LSTM(3, return_state=True)` returns **three** tensors of shape `(1, 3)`: the output, the last hidden state (the short-term state, equal to the output) and the last cell state (the long-term state);
# - with `return_sequences=True` the output becomes `(1, 4, 3)`, and its last step is the last hidden state;
# - `GRU` has no cell state, so it returns two tensors;
# - `Bidirectional` runs a second layer over the reversed sequence and concatenates the two: 6 features;
# - a stacked layer needs the full sequence from the layer below: every layer but the last returns sequences.

# %%
x4 = np.random.default_rng(1).normal(size=(1, 4, 5)).astype("float32")
output, state_h, state_c = keras.layers.LSTM(3, return_state=True)(x4)
print("LSTM(return_state=True):", [tuple(t.shape) for t in (output, state_h, state_c)])
sequence, sequence_h, sequence_c = keras.layers.LSTM(3, return_sequences=True,
                                                     return_state=True)(x4)
print("LSTM(return_sequences=True, return_state=True):",
      [tuple(t.shape) for t in (sequence, sequence_h, sequence_c)])
gru_out = keras.layers.GRU(3, return_state=True)(x4)
print("GRU(return_state=True):", [tuple(t.shape) for t in gru_out])
both = keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True))(x4)
print("Bidirectional(LSTM(3, return_sequences=True)):", tuple(both.shape))

# %% [markdown]
# Left: two stacked layers, the first returning its whole sequence.
# Right: a bidirectional layer, a forward and a backward chain whose outputs are joined at every step.
#
# ![Left: two stacked recurrent layers; right: a bidirectional layer](images/stacked_and_bidirectional.png)

# %%
# Checks: section 5's list
assert output.shape == state_h.shape == state_c.shape == (1, 3)   # "three tensors of (1, 3)"
np.testing.assert_allclose(output, state_h)                       # "equal to the output"
assert sequence.shape == (1, 4, 3)                                # "becomes (1, 4, 3)"
np.testing.assert_allclose(sequence[:, -1], sequence_h)           # "its last step is h"
assert len(gru_out) == 2                                          # "GRU ... two tensors"
assert both.shape == (1, 4, 6)                                    # "Bidirectional: 6 features"

# %% [markdown]
# ## 6. Usage patterns (RNN 활용 구조)
#
# Five small runnable models: three of the usage patterns in the figure further down (many-to-one, one-to-many, many-to-many), and the two ways of combining recurrent layers from section 5 (stacked, bidirectional).
# We print the input and output shapes and run a batch through each.

# %%
vocab_size, classes = 1000, 5
patterns = {
    # many-to-one: read a sentence (word ids), output one label
    "many-to-one": keras.Sequential([keras.Input((20,), dtype="int32"),
                                     keras.layers.Embedding(vocab_size, 16),
                                     keras.layers.LSTM(32),
                                     keras.layers.Dense(classes, activation="softmax")]),
    # one-to-many: one vector (say, an image feature) -> a sequence of 7 words
    "one-to-many": keras.Sequential([keras.Input((64,)), keras.layers.RepeatVector(7),
                                     keras.layers.LSTM(32, return_sequences=True),
                                     keras.layers.Dense(vocab_size, activation="softmax")]),
    # many-to-many (aligned): a tag for every word, e.g. part of speech
    "many-to-many": keras.Sequential([keras.Input((20,), dtype="int32"),
                                      keras.layers.Embedding(vocab_size, 16),
                                      keras.layers.LSTM(32, return_sequences=True),
                                      keras.layers.Dense(classes, activation="softmax")]),
    # stacked: every recurrent layer but the last returns sequences
    "stacked": keras.Sequential([keras.Input((20, 8)), keras.layers.GRU(32, return_sequences=True),
                                 keras.layers.GRU(32, return_sequences=True), keras.layers.GRU(32),
                                 keras.layers.Dense(1)]),
    # bidirectional: read the sentence both ways
    "bidirectional": keras.Sequential([keras.Input((20,), dtype="int32"),
                                       keras.layers.Embedding(vocab_size, 16),
                                       keras.layers.Bidirectional(keras.layers.LSTM(32)),
                                       keras.layers.Dense(1, activation="sigmoid")]),
}
rng = np.random.default_rng(2)
out_shapes = {}
for name, model in patterns.items():
    shape = (4, *model.input_shape[1:])
    sample = (rng.integers(0, vocab_size, shape) if model.inputs[0].dtype == "int32"
              else rng.normal(size=shape))
    out_shapes[name] = tuple(model(sample).shape)
    print(f"{name:14s} input {str(model.input_shape):14s} -> output {str(model.output_shape):18s} "
          f"{model.count_params():7,} parameters")

# %% [markdown]
# The five usage patterns, the ways to wire a network between inputs and outputs: the cell above built three of them.
# One-to-one needs no recurrence (an ordinary feed-forward network), and this notebook does not build an encoder-decoder.
# The figure draws one-to-many as it is usually drawn, the input entering at the first step only.
# The Keras model above feeds it at every step instead: `RepeatVector(7)` turns the `(batch, 64)` input into `(batch, 7, 64)`, the same vector 7 times, because a Keras recurrent layer reads one input per step; the input could also set the initial state (`initial_state=`), closer to the figure.
#
# ![The five usage patterns: one-to-one, one-to-many, many-to-one, many-to-many, encoder-decoder](images/usage_patterns.png)

# %% [markdown]
# ### Reading both ways (양방향 RNN)
#
# Why read a sentence backwards too?
# Fill in the blank: "every morning my brother ___ his bike to school because the bus is always late".
# The words before the blank fit almost any verb ("my brother eats", "walks", "sings"); the word that settles it, *bike* ("rides"), comes after it.
# At the blank, a forward RNN has read the blank and the words to its left; the backward layer of a `Bidirectional` wrapper reads the sentence from the end, so at the blank it has read the blank and everything to its right.
#
# A `Bidirectional(SimpleRNN(4, return_sequences=True), merge_mode=None)` returns the two directions separately, each aligned with the input steps.
# Give every token a random vector (the blank too: it is a token like the others), and ask `tf.GradientTape` which inputs each direction's output *at the blank* depends on.
# A gradient of exactly 0 means no path from that token.

# %%
tokens = "every morning my brother ___ his bike to school because the bus is always late".split()
blank = tokens.index("___")
x_words = tf.constant(np.random.default_rng(3).normal(size=(1, len(tokens), 8)), "float32")
bidirectional = keras.layers.Bidirectional(keras.layers.SimpleRNN(4, return_sequences=True),
                                           merge_mode=None)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x_words)
    forward_out, backward_out = bidirectional(x_words)                   # each (1, 15, 4)
    at_blank = {"forward": tf.reduce_sum(forward_out[0, blank]),
                "backward": tf.reduce_sum(backward_out[0, blank])}
depends = {}                                   # per direction: does the output at the blank
for name, value in at_blank.items():           # depend on token t? (a non-zero gradient)
    depends[name] = np.abs(tape.gradient(value, x_words).numpy()[0]).sum(axis=1) > 0
    print(f"{name:8s} output at the blank depends on:", " ".join(np.array(tokens)[depends[name]]))

# %% [markdown]
# The forward output at the blank depends on the tokens up to and including the blank and on none after it; the backward output on the blank and the tokens after it, and on none before it.
# So only the backward direction can use *bike* at the blank, and only the forward one *brother*; the concatenated output at the blank has both.
# This works when the whole sequence is available before the answer is needed (tagging, classification, filling gaps), not for predicting the next word as it is typed.

# %%
# Checks: section 6's sentences
assert out_shapes == {"many-to-one": (4, classes), "one-to-many": (4, 7, vocab_size),
                      "many-to-many": (4, 20, classes), "stacked": (4, 1),
                      "bidirectional": (4, 1)}                # the five models' outputs
position = np.arange(len(tokens))
np.testing.assert_array_equal(depends["forward"], position <= blank)   # "up to and including"
np.testing.assert_array_equal(depends["backward"], position >= blank)  # "the blank and after"

# %% [markdown]
# ## Results (결과 정리)
#
# The measurement of section 2, untrained layers of 32 units on 150 random steps: the share of the gradient kept per step back, and how much more of it the LSTM keeps than the SimpleRNN over the first 10 steps.
# No published number is measured this way, so the reference column stays empty.
# (The NumPy cells match Keras to $10^{-5}$ or better; the checks of sections 3 and 4 say so.)

# %%
utils.record_results([
    {"model": "SimpleRNN(32), untrained", "metric": "gradient kept per step back",
     "value": kept["SimpleRNN"]},
    {"model": "LSTM(32), untrained", "metric": "gradient kept per step back",
     "value": kept["LSTM"]},
    {"model": "GRU(32), untrained", "metric": "gradient kept per step back",
     "value": kept["GRU"]},
    {"model": "LSTM / SimpleRNN", "metric": "gradient ratio, first 10 of 150 steps",
     "value": ratio},
])

# %%
# Checks: section 2's order and margins held at every recorded seed (results/seeds/full-05.json)
recorded = utils.results.recorded_seeds()     # this notebook at other seeds (results/seeds/)
share = {name: recorded.values(f"{name}(32), untrained", "gradient kept per step back")
         for name in ("SimpleRNN", "LSTM", "GRU")}
ratios = recorded.values("LSTM / SimpleRNN", "gradient ratio, first 10 of 150 steps")
for seed in recorded.seeds:
    print(f"seed {seed}: kept per step, GRU {share['GRU'][seed]:.3f} < SimpleRNN "
          f"{share['SimpleRNN'][seed]:.3f} < LSTM {share['LSTM'][seed]:.3f}; first 10 steps, "
          f"LSTM / SimpleRNN {ratios[seed]:.1e}")
    assert share["GRU"][seed] < share["SimpleRNN"][seed] < share["LSTM"][seed]
    assert share["LSTM"][seed] > share["SimpleRNN"][seed] + 0.05 and ratios[seed] > 1e4


# %% [markdown]
# ## Summary (학습정리)
#
# - A `SimpleRNN(8)` learns "hell" -> "ello" in 300 Adam steps; the two `l`s need different answers, which only the hidden state can provide.
# - Through an untrained SimpleRNN, LSTM and GRU (section 2) the gradient shrinks exponentially with distance.
#   Per step back the GRU keeps the smallest share, the SimpleRNN more, and the LSTM the most; over the first 10 of 150 steps the LSTM keeps at least $10^4$ times as much as the SimpleRNN.
#   At initialisation the LSTM's advantage comes from Keras' forget-gate bias of 1: without it the LSTM keeps less than the SimpleRNN (exercise 1).
#   Its additive cell state passes the gradient back through the forget gate alone, which training can learn to hold near 1; the GRU's update gate starts around 0.5, and it keeps the least.
# - LSTM: gates $i, f, o$ and candidate $g$; $c_t = f \odot c_{t-1} + i \odot g$, $h_t = o \odot \tanh c_t$.
#   Keras packs the gates as **i, f, c, o**; our NumPy cell matches it to $10^{-5}$ or better.
# - GRU: gates $z, r$ and candidate $g$, one state.
#   Keras packs **z, r, h**, keeps the old state where $z$ is 1 (as Cho et al. do) and defaults to `reset_after=True` (two biases, reset after the product); the form of Cho et al. is `GRU(reset_after=False)`.
#   Texts that write $h_t = (1 - z) \odot h_{t-1} + z \odot g$ use the alternative convention: the same model with the $z$ weights negated.
# - The source lectures' names: $h$ is the short-term state (단기 상태), recomputed at every step from $c$ through the output gate; $c$ is the long-term state (장기 상태), carried by the forget gate.
# - `return_state` gives 3 tensors for an LSTM (output = last $h$, and $c$), 2 for a GRU; `Bidirectional` concatenates both directions; stacked layers need `return_sequences=True` below.
# - At a given position, the forward direction has read that token and the ones before it, the backward direction that token and the ones after it (checked with gradients); a blank settled by a later word needs the backward one.
#
# <!-- reference-run:start: generated by make sync from results/full.json; do not edit -->
# *Your run's numbers are in the results table above, beside those of the reference run of your profile; [the copy with outputs](../executed/05_lstm_gru.ipynb) is the full profile's reference run, start to end.*
# <!-- reference-run:end -->

# %% [markdown]
# ## Going further (확장하기)
#
# Three exercises, each with a cell for your attempt.
# The worked solutions are in the last section, Solutions (풀이), hidden (click a cell to show its code).

# %% [markdown]
# 1. Repeat the gradient measurement of section 2 with `keras.layers.LSTM(32, unit_forget_bias=False)`.
#    How much of the LSTM's advantage over the SimpleRNN was the forget-gate bias?

# %%
# Your attempt: exercise 1

# %% [markdown]
# 2. Rerun it with `GRU(32, reset_after=False)`.
#    Does the reset variant change the picture?

# %%
# Your attempt: exercise 2

# %% [markdown]
# 3. Add *peephole* connections to `lstm_numpy` (Gers, Schraudolph & Schmidhuber, 2002): the input and forget gates also see $c_{t-1}$, and the output gate sees $c_t$, each through a diagonal weight,
#    $i = \sigma(\dots + p_i \odot c_{t-1})$, $f = \sigma(\dots + p_f \odot c_{t-1})$, $o = \sigma(\dots + p_o \odot c_t)$.
#    Check that with zero peephole weights you get Keras' output back, and that with non-zero ones you match a slow reference written straight from these equations.

# %%
# Your attempt: exercise 3

# %% [markdown]
# ## Solutions (풀이)
#
# The worked solutions, hidden (click a cell to show its code); they measure untrained layers and NumPy cells, and train nothing.

# %% [markdown]
# ### Solution 1: the LSTM without its forget-gate bias (exercise 1)
#
# The measurement and the straight-line fit of section 2, for an LSTM whose forget-gate bias starts at 0 like the other biases.
# Untrained layers are cheap, so each layer is built and measured at five seeds (each built right after its seed is set), and the answer is judged by the course's rule (notebook 04): a difference counts when it is more than twice its standard error.

# %%
#@title Solution 1: the LSTM without its forget-gate bias
# The gradient measurement of section 2, for any layer, at five seeds.
def gradient_profile(layer):
    """||d sum(h_T) / d x_t|| for every input step t, averaged over the batch (as in section 2)."""
    with tf.GradientTape() as tape:
        tape.watch(x)
        final = tf.reduce_sum(layer(x))
    grads = tape.gradient(final, x).numpy().astype("float64")      # float64, as in section 2
    return np.linalg.norm(grads, axis=2).mean(axis=0)


seeds = [P.seed + k for k in range(5)]


def shares(build):
    """{seed: share kept per step back} of the layer build() makes, one per seed; lowest R^2."""
    kept_by_seed, r2s = {}, []
    for seed in seeds:
        keras.utils.set_random_seed(seed)          # the layer's initial weights
        kept_by_seed[seed], r2 = fit_decay(gradient_profile(build()))
        r2s.append(r2)
    return kept_by_seed, min(r2s)


# %%
#@title Solution 1: the LSTM without its forget-gate bias
measured = {"the LSTM": shares(lambda: keras.layers.LSTM(32)),
            "the LSTM without the bias": shares(
                lambda: keras.layers.LSTM(32, unit_forget_bias=False)),
            "the SimpleRNN": shares(lambda: keras.layers.SimpleRNN(32))}
over = {name: by_seed for name, (by_seed, _) in measured.items()}
for name, (by_seed, r2) in measured.items():
    print(f"{name:26s} keeps {utils.claims.mean_sd(by_seed.values())} per step back "
          f"(lowest R^2 {r2:.4f})")
share = {"words": ("higher", "lower")}     # the rule's words for a share kept per step
no_bias = utils.claims.by_seeds("the share of the LSTM without the bias",
                                over["the LSTM without the bias"], "the SimpleRNN's",
                                over["the SimpleRNN"], **share)
mean_share = {name: np.mean(list(by_seed.values())) for name, by_seed in over.items()}
print(no_bias.sentence)
lost = ((mean_share["the LSTM"] - mean_share["the LSTM without the bias"])
        / (mean_share["the LSTM"] - mean_share["the SimpleRNN"]))
print(f"Answer: removing the bias takes away {lost:.1f} times the "
      f"LSTM's whole advantage over the SimpleRNN (means over {len(seeds)} seeds).")
assert min(r2 for _, r2 in measured.values()) > 0.99, "straight lines on the log scale"
# section 2: "exercise 1 removes the bias, and the LSTM then keeps less per step than the
# SimpleRNN": by the rule over this run's seeds, and at each of them
assert no_bias.verdict == "lower", no_bias.sentence
assert all(over["the LSTM without the bias"][s] < over["the SimpleRNN"][s] for s in seeds)

# %% [markdown]
# ### Solution 2: the GRU with the reset gate before the product (exercise 2)
#
# The same measurement at the same five seeds for Cho et al.'s form of the GRU, `reset_after=False`, against Keras' default, and both against the SimpleRNN of solution 1.

# %%
#@title Solution 2: the GRU with the reset gate before the product
for name, build in {"the GRU (reset_after=True)": lambda: keras.layers.GRU(32),
                    "the GRU (reset_after=False)":
                        lambda: keras.layers.GRU(32, reset_after=False)}.items():
    over[name], r2 = shares(build)
    print(f"{name:28s} keeps {utils.claims.mean_sd(over[name].values())} per step back "
          f"(lowest R^2 {r2:.4f})")
    assert r2 > 0.99, "a straight line on the log scale"
variants = utils.claims.by_seeds(
    "the share of the GRU (reset_after=False)", over["the GRU (reset_after=False)"],
    "that of the GRU (reset_after=True)", over["the GRU (reset_after=True)"], **share)
print(variants.sentence)
against_simple = [utils.claims.by_seeds(f"the share of {name}", over[name], "the SimpleRNN's",
                                        over["the SimpleRNN"], **share)
                  for name in ("the GRU (reset_after=True)", "the GRU (reset_after=False)")]
for c in against_simple:
    print(c.sentence)
print("Answer: " + ("no: the two forms of the GRU are not separated"
                    if variants.verdict == "not separated" else
                    f"yes: {variants.name_a} is {variants.verdict}")
      + "; " + utils.claims.grouped(against_simple, "the SimpleRNN's") + ".")

# %% [markdown]
# ### Solution 3: peephole connections (exercise 3)

# %%
#@title Solution 3: peephole connections
# Peepholes add p_i * c_{t-1} and p_f * c_{t-1} to i and f, and p_o * c_t to o.
def lstm_peephole(x, kernel, recurrent_kernel, bias, p_i, p_f, p_o):
    units = recurrent_kernel.shape[0]
    h = c = np.zeros((x.shape[0], units))
    for x_t in np.swapaxes(x, 0, 1):
        i, f, g, o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=1)
        c_new = sigmoid(f + p_f * c) * c + sigmoid(i + p_i * c) * np.tanh(g)
        h = sigmoid(o + p_o * c_new) * np.tanh(c_new)
        c = c_new
    return h, c


# %%
#@title Solution 3: peephole connections
# The slow reference: one sequence and one gate at a time, each peephole as a diagonal matrix.
def lstm_peephole_reference(x, kernel, recurrent_kernel, bias, p_i, p_f, p_o):
    u = recurrent_kernel.shape[0]
    columns = {name: slice(k * u, (k + 1) * u) for k, name in enumerate("ifgo")}  # i, f, c, o

    def pre(name, x_t, h):                                   # x_t W_x. + h W_h. + b_.
        cols = columns[name]
        return x_t @ kernel[:, cols] + h @ recurrent_kernel[:, cols] + bias[cols]

    h_last = []
    for sequence in x:
        h, c = np.zeros(u), np.zeros(u)
        for x_t in sequence:
            i = sigmoid(pre("i", x_t, h) + c @ np.diag(p_i))           # sees c_{t-1}
            f = sigmoid(pre("f", x_t, h) + c @ np.diag(p_f))           # sees c_{t-1}
            c = f * c + i * np.tanh(pre("g", x_t, h))                  # c is now c_t
            h = sigmoid(pre("o", x_t, h) + c @ np.diag(p_o)) * np.tanh(c)   # o sees c_t
        h_last.append(h)
    return np.array(h_last)


# %%
#@title Solution 3: peephole connections
kernel, recurrent_kernel, bias = (w.numpy().astype("float64") for w in lstm.weights)
keras_last_h = lstm(x_small)[1].numpy()
zeros = np.zeros(6)
h_zero, _ = lstm_peephole(x_small, kernel, recurrent_kernel, bias, zeros, zeros, zeros)
np.testing.assert_allclose(h_zero, keras_last_h, atol=1e-5)
p_i, p_f, p_o = np.random.default_rng(P.seed).normal(scale=0.5, size=(3, 6))   # non-zero peepholes
h_peep, _ = lstm_peephole(x_small, kernel, recurrent_kernel, bias, p_i, p_f, p_o)
h_ref = lstm_peephole_reference(x_small, kernel, recurrent_kernel, bias, p_i, p_f, p_o)
print(f"zero peepholes vs Keras: {np.abs(h_zero - keras_last_h).max():.1e}")
print(f"non-zero peepholes vs the reference: {np.abs(h_peep - h_ref).max():.1e}, "
      f"vs Keras: {np.abs(h_peep - keras_last_h).max():.1e}")
np.testing.assert_allclose(h_peep, h_ref, rtol=1e-12, atol=1e-12)
assert np.abs(h_peep - keras_last_h).max() > 1e-3, "non-zero peepholes must change the output"
