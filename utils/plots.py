"""Plot helpers shared by the notebooks."""

from __future__ import annotations


def plot_history(history, metrics=("loss",), title: str | None = None):
    """Plot training and validation curves from a Keras ``History`` (or its ``.history`` dict).

    One panel per metric, epochs on the x axis starting at 1; the validation
    curve is drawn when ``val_<metric>`` was recorded. Returns ``(fig, axes)``.
    """
    import matplotlib.pyplot as plt

    logs = getattr(history, "history", history)
    missing = [m for m in metrics if m not in logs]
    if missing:
        raise KeyError(f"history has no {missing}; recorded: {sorted(logs)}")
    fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.5), squeeze=False)
    for ax, metric in zip(axes[0], metrics, strict=True):
        epochs = range(1, len(logs[metric]) + 1)
        ax.plot(epochs, logs[metric], "o-", label=f"training {metric}")
        if f"val_{metric}" in logs:
            ax.plot(epochs, logs[f"val_{metric}"], "s--", label=f"validation {metric}")
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.legend()
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig, axes[0]


def seed_strip(values: dict, own: dict | None = None, *, ax=None, scale: float = 1.0,
               unit: str = "", title: str | None = None, own_label: str = "this run",
               baseline: tuple | None = None):
    """One row per model, one dot per recorded seed, and each model's mean with a bar of
    twice the standard error of that mean (``2 s / sqrt(n)``).

    ``values``: ``{model: {seed: value}}`` (or lists). ``own``: ``{model: value}`` of the
    learner's run, drawn as a hollow diamond beside the recorded seeds. ``baseline``:
    ``(value, label)`` of a model without seeds (a naive forecast, the majority class),
    drawn as a dotted vertical line. Values are multiplied by ``scale`` (100 for
    accuracies in %). Returns the axes.
    """
    import math

    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.55 * len(values) + 1.2))
    names = list(values)
    for i, name in enumerate(names):
        row = values[name]
        points = [float(v) * scale for v in (row.values() if isinstance(row, dict) else row)]
        offsets = [0.12 * ((j % 3) - 1) for j in range(len(points))]
        ax.scatter(points, [i + o for o in offsets], s=22, color="tab:blue", zorder=3,
                   label="recorded seeds" if i == 0 else None)
        mean = sum(points) / len(points)
        if len(points) > 1:
            sd = math.sqrt(sum((p - mean) ** 2 for p in points) / (len(points) - 1))
            ax.errorbar(mean, i, xerr=2 * sd / math.sqrt(len(points)), fmt="|", color="black",
                        capsize=4, markersize=14, zorder=2,
                        label="mean ± 2 standard errors" if i == 0 else None)
        if own and name in own:
            ax.scatter([float(own[name]) * scale], [i + 0.3], marker="D", s=36,
                       facecolors="none", edgecolors="tab:red", zorder=4,
                       label=own_label if i == 0 else None)
    if baseline is not None:
        ax.axvline(float(baseline[0]) * scale, color="gray", linestyle=":", label=baseline[1])
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.set_ylim(len(names) - 0.4, -0.6)
    ax.set_xlabel(unit)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    if title:
        ax.set_title(title)
    return ax
