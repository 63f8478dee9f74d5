"""Training that reports its progress: one line per epoch, so a slow cell never looks hung.

Every ``fit`` that can run longer than about 30 s passes ``verbose=0`` and this
callback::

    model.fit(x, y, epochs=8, verbose=0, callbacks=[utils.progress("LSTM(32)")])

which prints, after each epoch::

    LSTM(32) · epoch 3/8 · 1 min 02 s · about 1 min 40 s to go · loss 0.412 · val_accuracy 0.872

The estimate assumes every remaining epoch takes as long as the mean so far;
early stopping can end sooner. Keras's own ``verbose=2`` prints a similar
line, but without the time elapsed or left and without the model's name.
"""

from __future__ import annotations

import time


def duration(seconds: float) -> str:
    """``8 s``, ``2 min 05 s`` or ``1 h 02 min``: a time as the course prints it."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def epoch_line(name: str | None, epoch: int, epochs: int | None, elapsed: float,
               logs: dict | None, metrics=None) -> str:
    """The line printed after ``epoch`` (1-based) of ``epochs``, ``elapsed`` seconds in.

    ``metrics``: the names from ``logs`` to show, in order (default: all of them).
    """
    parts = [name] if name else []
    parts.append(f"epoch {epoch}/{epochs}" if epochs else f"epoch {epoch}")
    parts.append(duration(elapsed))
    left = elapsed / epoch * (epochs - epoch) if epochs and epoch < epochs else 0.0
    if left >= 0.5:                      # "about 0 s to go" says nothing
        parts.append(f"about {duration(left)} to go")
    logs = logs or {}
    for key in (metrics or logs):
        if key in logs:
            parts.append(f"{key} {float(logs[key]):.4g}")
    return " · ".join(parts)


_CLASS = None


def progress(name: str | None = None, metrics=None):
    """A Keras callback that prints one line per epoch: epoch, time elapsed, time left, metrics.

    ``name``: what is training (printed first); ``metrics``: the names of the
    logged metrics to print (default: every one Keras logs, e.g. ``loss``,
    ``accuracy``, ``val_loss``, ``val_accuracy``). Use it with ``verbose=0``.
    """
    global _CLASS
    if _CLASS is None:
        import keras

        class EpochProgress(keras.callbacks.Callback):
            """Prints :func:`epoch_line` after every epoch."""

            def __init__(self, name=None, metrics=None):
                super().__init__()
                self.name, self.metrics = name, metrics

            def on_train_begin(self, logs=None):
                self.start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                epochs = self.params.get("epochs") if self.params else None
                print(epoch_line(self.name, epoch + 1, epochs, time.perf_counter() - self.start,
                                 logs, self.metrics), flush=True)

        _CLASS = EpochProgress
    return _CLASS(name, metrics)
