"""Tests for tools.diagrams: every diagram draws something readable, and the numbers are right."""

import io
import itertools
import subprocess
import sys
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from tools import diagrams

matplotlib.use("Agg")   # no window, the same pixels everywhere
ROOT = Path(__file__).resolve().parent.parent

DIAGRAMS = {
    "tensor_shape": diagrams.tensor_shape,
    "unrolled_rnn": diagrams.unrolled_rnn,
    "unrolled_rnn_unfolded": lambda: diagrams.unrolled_rnn(folded=False),
    "usage_patterns": diagrams.usage_patterns,
    "custom_cell": diagrams.custom_cell,
    "bptt": diagrams.bptt,
    "lstm_cell": diagrams.lstm_cell,
    "gru_cell": diagrams.gru_cell,
    "stacked_and_bidirectional": diagrams.stacked_and_bidirectional,
    "timeseries_windows": diagrams.timeseries_windows,
    "timeseries_windows_other": lambda: diagrams.timeseries_windows(8, 2, 20),
    "receptive_field": diagrams.receptive_field,
    "receptive_field_jena": lambda: diagrams.receptive_field((5, 5, 5), (3, 3)),
}


@pytest.fixture(autouse=True)
def _close_new_figures():
    """Close the figures a test made (not the module's shared ones)."""
    before = set(plt.get_fignums())
    yield
    for number in set(plt.get_fignums()) - before:
        plt.close(number)


def _texts(fig):
    """The visible, non-empty texts of a figure, with their extents in pixels."""
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return [(t, t.get_window_extent(renderer)) for t in texts]


@pytest.fixture(params=sorted(DIAGRAMS), scope="module")
def drawn(request):
    """(name, figure, RGB pixels of its PNG at 100 dpi), drawn once per diagram."""
    fig = DIAGRAMS[request.param]()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    buffer.seek(0)
    pixels = plt.imread(buffer)[..., :3]
    yield request.param, fig, pixels
    plt.close(fig)


def test_returns_a_figure_that_draws_something(drawn):
    name, fig, pixels = drawn
    assert isinstance(fig, Figure), name
    assert fig.axes, f"{name}: no Axes"
    ax = fig.axes[0]
    assert ax.patches or ax.lines, f"{name}: nothing drawn"
    assert len(_texts(fig)) >= 3, f"{name}: too few labels"
    # not blank: a white page has no variance; a diagram has ink of several colours
    assert pixels.std() > 0.05, f"{name}: the image is (nearly) blank"
    ink = pixels.min(axis=2) < 0.9
    assert ink.mean() > 0.01, f"{name}: almost no ink"
    assert (pixels.max(axis=2) - pixels.min(axis=2)).max() > 0.3, f"{name}: no colour"


def test_sized_for_a_notebook(drawn):
    name, fig, _ = drawn
    width, height = fig.get_size_inches()
    assert 9 <= width <= 11 and 2.5 <= height <= 4.5, f"{name}: {width} x {height} inches"


def test_text_is_readable(drawn):
    """Font size at least 9, every label inside the figure, and no two labels overlap."""
    name, fig, _ = drawn
    texts = _texts(fig)
    small = [t.get_text() for t, _ in texts if t.get_fontsize() < 9]
    assert not small, f"{name}: text below 9 pt: {small}"
    page = fig.bbox
    outside = [t.get_text() for t, box in texts
               if box.x0 < page.x0 or box.y0 < page.y0 or box.x1 > page.x1 or box.y1 > page.y1]
    assert not outside, f"{name}: text cut off at the edge: {outside}"
    overlapping = [(a.get_text(), b.get_text())
                   for (a, box_a), (b, box_b) in itertools.combinations(texts, 2)
                   if box_a.overlaps(box_b)]
    assert not overlapping, f"{name}: overlapping labels: {overlapping}"


def test_functions_do_not_show(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("a diagram function called plt.show()")

    monkeypatch.setattr(plt, "show", fail)
    for make in DIAGRAMS.values():
        plt.close(make())


@pytest.mark.parametrize(("kernel_sizes", "pools", "expected"), [
    ((7, 7), (5,), 41),          # the IMDB model of notebook 11: 1 + 6, + 4, + 6 * 5
    ((5, 5, 5), (3, 3), 61),     # the Jena model: 1 + 4, + 2, + 4 * 3, + 2 * 3, + 4 * 9
    ((3,), (), 3),               # a single convolution sees its kernel
    ((3, 3), (2,), 8),           # 1 + 2, + 1, + 2 * 2
])
def test_receptive_field(kernel_sizes, pools, expected):
    assert diagrams.receptive_field_size(kernel_sizes, pools) == expected
    fig = diagrams.receptive_field(kernel_sizes, pools)
    assert fig.receptive_field == expected
    labels = " ".join(t.get_text() for t, _ in _texts(fig))
    assert f"{expected} input steps" in labels


def test_receptive_field_default_is_the_imdb_stack():
    assert diagrams.receptive_field().receptive_field == 41


def test_receptive_field_shades_exactly_the_positions_seen():
    """The shaded input positions are as many as the receptive field, one contiguous run."""
    fig = diagrams.receptive_field((5, 5, 5), (3, 3))
    face = matplotlib.colors.to_rgba(diagrams.PALETTE["input"][0])
    ys = {round(p.get_y(), 6) for p in fig.axes[0].patches if hasattr(p, "get_y")}
    bottom = min(ys)
    inputs = sorted((p for p in fig.axes[0].patches
                     if hasattr(p, "get_y") and round(p.get_y(), 6) == bottom),
                    key=lambda p: p.get_x())
    shaded = [np.allclose(p.get_facecolor(), face) for p in inputs]
    assert sum(shaded) == 61
    first = shaded.index(True)
    assert all(shaded[first:first + 61])


def test_receptive_field_needs_a_pool_between_convolutions():
    with pytest.raises(ValueError, match="pooling"):
        diagrams.receptive_field((7, 7), (5, 5))


def test_timeseries_windows_rejects_a_target_inside_the_window():
    with pytest.raises(ValueError, match="inside the window"):
        diagrams.timeseries_windows(sequence_length=6, sampling_rate=3, delay=15)


def test_import_does_not_load_matplotlib():
    code = "import sys, utils, tools.diagrams; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == "False"
