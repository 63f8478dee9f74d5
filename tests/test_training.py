"""utils.training: one progress line per epoch."""

import time

import numpy as np

import utils
from utils import training


def test_duration():
    assert [training.duration(s) for s in (0.4, 8, 59.6, 125, 3725)] == \
        ["0 s", "8 s", "1 min 00 s", "2 min 05 s", "1 h 02 min"]


def test_epoch_line():
    line = training.epoch_line("LSTM(32)", 3, 8, 62.0, {"loss": 0.41234, "val_accuracy": 0.8719})
    assert line == ("LSTM(32) · epoch 3/8 · 1 min 02 s · about 1 min 43 s to go · loss 0.4123 · "
                    "val_accuracy 0.8719")
    assert training.epoch_line(None, 8, 8, 10.0, {"loss": 1.0}) == "epoch 8/8 · 10 s · loss 1"
    assert training.epoch_line(None, 1, 2, 0.3, {}) == "epoch 1/2 · 0 s"
    assert training.epoch_line("m", 2, None, 5.0, {"a": 1, "b": 2}, metrics=["b"]) == \
        "m · epoch 2 · 5 s · b 2"


def test_progress_prints_one_line_per_epoch(capsys):
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.random.rand(32, 3), np.random.rand(32, 1)
    # each epoch lasts at least 0.4 s, so epoch 1's estimate (0.8 s to go) is printed however
    # fast the machine: a 32-row epoch alone can take under 0.25 s, and under 0.5 s left
    # the line leaves the estimate out
    slow = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: time.sleep(0.4))
    model.fit(x, y, epochs=3, verbose=0, validation_data=(x, y),
              callbacks=[slow, utils.progress("tiny", metrics=["loss", "val_loss"])])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("tiny · epoch 1/3 · ") and "to go" in lines[0]
    assert " · loss " in lines[2] and " · val_loss " in lines[2] and "to go" not in lines[2]
