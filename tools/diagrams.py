"""Diagrams of the course's structural ideas, drawn with matplotlib.

Each function draws one idea as boxes, arrows and text, with the symbols of the
notebooks' equations, and returns the ``matplotlib.figure.Figure`` without
showing it: ``make sync`` draws each one that a notebook's text names
(``![alt](images/unrolled_rnn.png)``) into ``notebooks/images/`` and embeds it
in the notebook, so the notebooks never import this module. Code-drawn figures
change with the code rather than with a hand-edited image file.

The colours are the same in every diagram: inputs red, hidden states green,
outputs blue, gates orange, gradients purple. matplotlib is imported inside the
functions, so importing this module stays cheap.

=============================  ========  ==============================================
function                       notebook  what it draws
=============================  ========  ==============================================
``tensor_shape``               01 §2     the 3-D tensor ``(batch, timesteps, features)``
``unrolled_rnn``               02 §1     an RNN folded and unrolled over 4 steps
``custom_cell``                03 §1     the data flow through a custom Keras cell
``bptt``                       04 §1     forward pass, gradients back through time
``lstm_cell``                  05 §2     the LSTM cell and its gates
``gru_cell``                   05 §3     the GRU cell and its gates
``stacked_and_bidirectional``  05 §4     two stacked layers; a bidirectional layer
``usage_patterns``             05 §5     one-to-one ... encoder-decoder (also 01 §1)
``timeseries_windows``         10 §3     windows of ``timeseries_dataset_from_array``
``receptive_field``            11 §1     a Conv1D stack's receptive field
=============================  ========  ==============================================
"""

from __future__ import annotations

__all__ = ["PALETTE", "bptt", "custom_cell", "gru_cell", "lstm_cell", "receptive_field",
           "receptive_field_size", "stacked_and_bidirectional", "tensor_shape",
           "timeseries_windows", "unrolled_rnn", "usage_patterns"]

# role -> (fill, edge): one palette for every diagram.
PALETTE = {
    "input": ("#fbe0dd", "#c0392b"),     # red: x_t
    "hidden": ("#dcefd9", "#2e7d32"),    # green: h_t (layer 1, forward)
    "hidden2": ("#d7eeee", "#00796b"),   # teal: a second layer, the backward direction
    "output": ("#dbe7f5", "#1f5fa8"),    # blue: y_t, predictions, the loss
    "gate": ("#fdf0d5", "#c26d00"),      # orange: sigmoid / tanh gates, activations
    "grad": ("#eee2f5", "#7b3294"),      # purple: gradients
    "neutral": ("#f3f3f3", "#555555"),   # grey: other boxes, cell outlines
}
INK = "#222222"      # text
MUTED = "#8a8a8a"    # de-emphasised lines and text
FONT = 11            # labels inside boxes
SMALL = 9.5          # annotations (never below 9)
TITLE = 12


# --------------------------------------------------------------------------- drawing helpers
# Every diagram draws on one Axes that fills the figure, in inches: (0, 0) is the lower left
# corner, so sizes and gaps below are in inches and text sizes stay predictable.

def _canvas(width, height):
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    return fig, ax


def _text(ax, x, y, s, size=FONT, color=INK, **kwargs):
    kwargs.setdefault("ha", "center")
    kwargs.setdefault("va", "center")
    return ax.text(x, y, s, fontsize=size, color=color, zorder=5, **kwargs)


def _code(ax, x, y, s, size=SMALL, **kwargs):
    """Text in a monospace font: names from the Keras code."""
    return _text(ax, x, y, s, size=size, family="monospace", **kwargs)


def _box(ax, x, y, w, h, text="", role="hidden", size=FONT, lw=1.4, ls="-", rounding=0.07,
         fill=True, zorder=2, **text_kwargs):
    """A rounded box centred on (x, y), with optional centred text."""
    from matplotlib.patches import FancyBboxPatch

    face, edge = PALETTE[role]
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle=f"round,pad=0,rounding_size={rounding}",
                                facecolor=face if fill else "none", edgecolor=edge, lw=lw,
                                linestyle=ls, zorder=zorder))
    if text:
        _text(ax, x, y, text, size=size, **text_kwargs)


def _node(ax, x, y, symbol, r=0.16, role="gate", size=FONT):
    """A small circle holding an operator such as + or the element-wise product."""
    from matplotlib.patches import Circle

    face, edge = PALETTE[role]
    ax.add_patch(Circle((x, y), r, facecolor=face, edgecolor=edge, lw=1.3, zorder=3))
    _text(ax, x, y, symbol, size=size)


def _dot(ax, x, y, color=INK, size=4):
    ax.plot([x], [y], "o", color=color, ms=size, zorder=4)


def _arrow(ax, start, end, color=INK, lw=1.4, ls="-", style="-|>", rad=0.0, zorder=3):
    """An arrow from start to end (data coordinates), the head at end."""
    ax.annotate("", xy=end, xytext=start, zorder=zorder,
                arrowprops=dict(arrowstyle=style, color=color, lw=lw, linestyle=ls,
                                shrinkA=0, shrinkB=0, mutation_scale=13,
                                connectionstyle=f"arc3,rad={rad}"))


def _path(ax, points, color=INK, lw=1.4, ls="-", arrow=True, zorder=3):
    """A polyline through points, with an arrow head on its last segment."""
    xs, ys = zip(*points, strict=True)
    last = len(points) - 1 if arrow else len(points)
    ax.plot(xs[:last], ys[:last], color=color, lw=lw, ls=ls, zorder=zorder,
            solid_capstyle="butt")
    if arrow:
        _arrow(ax, points[-2], points[-1], color=color, lw=lw, ls=ls, zorder=zorder)


def _finish(fig):
    fig.set_facecolor("white")
    return fig


# --------------------------------------------------------------------------- 01
def tensor_shape(batch=3, timesteps=6, features=4):
    """Notebook 01 (section 2, the shape of the input): the 3-D tensor as a stack of grids.

    Each sequence is a grid with time running to the right and one column of
    ``features`` numbers per step; the batch stacks sequences one behind the other.
    """
    fig, ax = _canvas(9.5, 4.2)
    cell, dx, dy = 0.42, 0.34, 0.3          # cell size; offset of each grid behind the front one
    x0, y0 = 1.75, 1.2                      # lower left corner of the front grid
    step = 2                                # the highlighted time step (0-based)
    face, edge = PALETTE["input"]
    from matplotlib.patches import Rectangle

    for b in reversed(range(batch)):        # back to front, so the front grid covers the others
        ox, oy = x0 + b * dx, y0 + b * dy
        for t in range(timesteps):
            for f in range(features):
                highlight = b == 0 and t == step
                ax.add_patch(Rectangle((ox + t * cell, oy + f * cell), cell, cell,
                                       facecolor="#f2a59c" if highlight else face,
                                       edgecolor=edge, lw=0.9, zorder=2 + (batch - b)))
    width, height = timesteps * cell, features * cell
    _text(ax, x0 + (step + 0.5) * cell, y0 - 0.2, f"$x_{{{step + 1}}}$", size=SMALL)
    # axis 1: timesteps, under the front grid
    _arrow(ax, (x0, y0 - 0.48), (x0 + width, y0 - 0.48))
    _text(ax, x0 + width / 2, y0 - 0.75, f"timesteps (axis 1) = {timesteps}", size=SMALL)
    # axis 2: features, left of the front grid
    _arrow(ax, (x0 - 0.25, y0), (x0 - 0.25, y0 + height))
    _text(ax, x0 - 0.45, y0 + height / 2, f"features (axis 2) = {features}", size=SMALL,
          rotation=90)
    # axis 0: batch, along the upper right edges
    corner = (x0 + width + 0.12, y0 + height + 0.02)
    tip = (corner[0] + (batch - 1) * dx + 0.1, corner[1] + (batch - 1) * dy + 0.1)
    _arrow(ax, corner, tip)
    _text(ax, tip[0] + 0.1, tip[1] + 0.1, f"batch (axis 0) = {batch}", size=SMALL, ha="left")
    right = 6.25
    _code(ax, right, 3.45, f"shape ({batch}, {timesteps}, {features})", size=FONT, ha="left")
    _code(ax, right, 3.15, "= (batch, timesteps, features)", size=SMALL, ha="left")
    _text(ax, right, 2.15, f"{batch} sequences, one behind the other;\n"
          f"each: {timesteps} steps of {features} features.\n"
          f"The highlighted column is one step $x_{{{step + 1}}}$,\n"
          f"a vector of {features} numbers.", size=SMALL, ha="left", linespacing=1.5)
    _text(ax, right, 0.75, "one day of Jena weather: (144, 14)\n"
          "a batch of 32 days: (32, 144, 14)", size=SMALL, ha="left", color=MUTED,
          linespacing=1.5)
    return _finish(fig)


# --------------------------------------------------------------------------- 02
def unrolled_rnn(steps=4, folded=True):
    """Notebook 02 (after the equations of section 1): a simple RNN unrolled over time.

    Inputs $x_t$ at the bottom, states $h_0 \\to h_1 \\to \\dots$ in the middle, outputs
    $y_t$ on top, and the same $W_{xh}$, $W_{hh}$, $W_{hy}$ on every step; with
    ``folded=True`` the folded network with its loop is drawn on the left.
    """
    fig, ax = _canvas(10.0, 3.9)
    yx, yh, yy = 0.85, 2.05, 3.25
    w, h = 0.7, 0.5
    red, green, blue = PALETTE["input"][1], PALETTE["hidden"][1], PALETTE["output"][1]

    def column(x, t):
        _box(ax, x, yx, w, h * 0.9, f"$x_{{{t}}}$", role="input")
        _box(ax, x, yh, w, h, f"$h_{{{t}}}$", role="hidden")
        _box(ax, x, yy, w, h * 0.9, f"$y_{{{t}}}$", role="output")
        _arrow(ax, (x, yx + h * 0.45), (x, yh - h / 2), color=red)
        _arrow(ax, (x, yh + h / 2), (x, yy - h * 0.45), color=blue)
        _text(ax, x + 0.08, (yx + yh) / 2, "$W_{xh}$", size=SMALL, ha="left")
        _text(ax, x + 0.08, (yh + yy) / 2, "$W_{hy}$", size=SMALL, ha="left")

    start = 0.3
    if folded:
        column(0.8, "t")
        _arrow(ax, (0.8 + w / 2, yh + 0.14), (0.8 + w / 2, yh - 0.14), color=green, rad=-2.4)
        _text(ax, 1.72, yh, "$W_{hh}$", size=SMALL, ha="left")
        _arrow(ax, (2.2, yh), (2.75, yh), color=MUTED, lw=2.2)
        _text(ax, 2.47, yh + 0.22, "unroll", size=SMALL, color=MUTED)
        start = 2.95
    _box(ax, start + 0.4, yh, 0.8, h, "$h_0 = 0$", role="neutral", size=SMALL)
    spacing = (10.0 - 0.3 - w / 2 - (start + 0.4)) / steps
    xs = [start + 0.4 + spacing * t for t in range(1, steps + 1)]
    previous = start + 0.8
    for t, x in enumerate(xs, start=1):
        column(x, t)
        _arrow(ax, (previous, yh), (x - w / 2, yh), color=green)
        _text(ax, (previous + x - w / 2) / 2, yh + 0.17, "$W_{hh}$", size=SMALL)
        previous = x + w / 2
    middle = (start + xs[-1]) / 2 + 0.2
    _text(ax, middle, 0.3, "the same weights $W_{xh}$, $W_{hh}$, $W_{hy}$ at every step:   "
          "$h_t = \\tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$,   $y_t = h_t W_{hy} + b_y$",
          size=SMALL)
    _text(ax, middle, 3.7, "time $\\rightarrow$", size=SMALL, color=MUTED)
    return _finish(fig)


def usage_patterns():
    """Notebook 05 (section 5, usage patterns; also notebook 01's table): five RNN layouts.

    Inputs (red) at the bottom, states (green) in the middle, outputs (blue) on
    top: one-to-one, one-to-many, many-to-one, many-to-many with one output per
    step, and the delayed many-to-many of an encoder-decoder.
    """
    patterns = [
        ("one-to-one", 1, {0}, {0}, "no time axis:\na plain Dense network"),
        ("one-to-many", 4, {0}, {0, 1, 2, 3}, "one input, a sequence out:\ne.g. a caption"),
        ("many-to-one", 4, {0, 1, 2, 3}, {3}, "one output at the end:\nsentiment of a review"),
        ("many-to-many", 4, {0, 1, 2, 3}, {0, 1, 2, 3},
         "a tag per step:\nreturn_sequences=True"),
        ("encoder-decoder", 6, {0, 1, 2}, {3, 4, 5}, "read everything, then\nwrite: translation"),
    ]
    widths = [1.55, 2.1, 2.1, 2.1, 2.6]
    fig, ax = _canvas(sum(widths) + 0.3, 3.5)
    s, b = 0.4, 0.27                 # spacing between steps, box size
    yx, yh, yy = 1.15, 1.85, 2.55
    colors = {r: PALETTE[r][1] for r in ("input", "hidden", "output")}
    left = 0.15
    for (title, n, ins, outs, note), width in zip(patterns, widths, strict=True):
        cx = left + width / 2
        xs = [cx + (t - (n - 1) / 2) * s for t in range(n)]
        for t, x in enumerate(xs):
            _box(ax, x, yh, b, b, role="hidden", rounding=0.04)
            if t in ins:
                _box(ax, x, yx, b, b, role="input", rounding=0.04)
                _arrow(ax, (x, yx + b / 2), (x, yh - b / 2), color=colors["input"], lw=1.1)
            if t in outs:
                _box(ax, x, yy, b, b, role="output", rounding=0.04)
                _arrow(ax, (x, yh + b / 2), (x, yy - b / 2), color=colors["output"], lw=1.1)
            if t:
                _arrow(ax, (xs[t - 1] + b / 2, yh), (x - b / 2, yh), color=colors["hidden"],
                       lw=1.1)
        if title == "encoder-decoder":
            split = (xs[2] + xs[3]) / 2
            ax.plot([split, split], [yx - 0.2, yy + 0.2], color=MUTED, lw=1, ls=":")
            _text(ax, (xs[0] + xs[2]) / 2, yy, "encoder", size=9, color=MUTED)
            _text(ax, (xs[3] + xs[5]) / 2, yx, "decoder", size=9, color=MUTED)
        if left == 0.15:                            # name the rows once, left of the first grid
            for y, role, label in [(yx, "input", "input"), (yh, "hidden", "state"),
                                   (yy, "output", "output")]:
                _text(ax, xs[0] - 0.3, y, label, size=9, ha="right", color=colors[role])
        _text(ax, cx, 3.15, title, size=FONT, weight="bold")
        _text(ax, cx, 0.5, note, size=9, linespacing=1.3)
        left += width
    return _finish(fig)


# --------------------------------------------------------------------------- 03
def custom_cell():
    """Notebook 03 (section 1): one step of the custom cell, and the loop of ``keras.layers.RNN``.

    ``call(inputs, states)`` computes ``tanh(inputs @ kernel + h_prev @ recurrent_kernel
    + bias)`` and returns ``h, [h]``: the output and the new state, which the layer
    feeds back as ``states`` at the next step.
    """
    fig, ax = _canvas(10.5, 4.4)
    green, red = PALETTE["hidden"][1], PALETTE["input"][1]
    yh, yx, ymid = 2.6, 1.35, 1.975
    # the cell: a dashed frame around call()
    _box(ax, 4.75, 1.85, 5.3, 2.45, role="neutral", ls="--", lw=1.2, fill=False, zorder=1)
    _code(ax, 2.25, 0.82, "cell.call(inputs, states)", ha="left", color=MUTED)
    # inputs of one step
    _box(ax, 0.95, yh, 1.6, 0.62, role="hidden")
    _text(ax, 0.95, yh + 0.12, "$h_{t-1}$")
    _code(ax, 0.95, yh - 0.15, "h_prev = states[0]", size=9)
    _box(ax, 0.95, yx, 1.6, 0.62, role="input")
    _text(ax, 0.95, yx + 0.12, "$x_t$")
    _code(ax, 0.95, yx - 0.15, "inputs", size=9)
    # the products, the sum, tanh
    _box(ax, 3.55, yh, 2.45, 0.48, role="neutral")
    _code(ax, 3.55, yh, "h_prev @ recurrent_kernel")
    _box(ax, 3.55, yx, 2.45, 0.48, role="neutral")
    _code(ax, 3.55, yx, "inputs @ kernel")
    _arrow(ax, (1.75, yh), (2.325, yh), color=green)
    _arrow(ax, (1.75, yx), (2.325, yx), color=red)
    _box(ax, 3.55, ymid, 0.8, 0.4, role="neutral")
    _code(ax, 3.55, ymid, "bias")
    plus = 5.55
    _node(ax, plus, ymid, "+")
    _path(ax, [(4.775, yh), (plus, yh), (plus, ymid + 0.16)])
    _path(ax, [(4.775, yx), (plus, yx), (plus, ymid - 0.16)])
    _arrow(ax, (3.95, ymid), (plus - 0.16, ymid))
    _box(ax, 6.55, ymid, 0.75, 0.44, role="gate")
    _code(ax, 6.55, ymid, "tanh", size=FONT)
    _arrow(ax, (plus + 0.16, ymid), (6.175, ymid))
    # out of the cell: h, returned twice
    branch = 7.95
    _path(ax, [(6.925, ymid), (branch, ymid)], arrow=False)
    _dot(ax, branch, ymid)
    _text(ax, 7.65, ymid + 0.2, "$h_t$", size=SMALL)
    _box(ax, 9.4, ymid, 1.4, 0.5, role="output")
    _code(ax, 9.4, ymid, "output", size=FONT)
    _arrow(ax, (branch, ymid), (8.7, ymid))
    _box(ax, 9.4, 3.3, 1.4, 0.5, role="hidden")
    _code(ax, 9.4, 3.3, "[new_state]", size=FONT)
    _path(ax, [(branch, ymid), (branch, 3.3), (8.7, 3.3)])
    _code(ax, 9.4, 1.4, "return h, [h]", color=MUTED)
    _code(ax, 9.4, 1.05, "(output, [new_state])", color=MUTED, size=9)
    # keras.layers.RNN: the loop over time
    _path(ax, [(9.4, 3.55), (9.4, 3.9), (0.95, 3.9), (0.95, yh + 0.31)], color=green, lw=1.6)
    _text(ax, 5.1, 4.12, "keras.layers.RNN loops over the time steps: new_state comes back as "
          "states at step t + 1", size=SMALL, color=green)
    _text(ax, 4.75, 0.3, "$h_t = \\tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$:   "
          "kernel $= W_{xh}$,  recurrent_kernel $= W_{hh}$,  bias $= b_h$", size=SMALL)
    return _finish(fig)


# --------------------------------------------------------------------------- 04
def bptt():
    """Notebook 04 (section 1): backpropagation through time, full and truncated.

    The forward pass runs $H_1 \\to \\dots \\to H_T \\to A_2 \\to L$; the error goes back
    from $L$ through time, each step multiplying by $W_{1h}^\\top \\odot (1 - H^2)$.
    Truncated BPTT stops after the last $k$ steps (dashed line).
    """
    fig, ax = _canvas(11.0, 4.5)
    red, green, purple = PALETTE["input"][1], PALETTE["hidden"][1], PALETTE["grad"][1]
    labels = ["1", "2", None, "T-3", "T-2", "T-1", "T"]
    spacing, x_first = 1.15, 1.5
    xs = [x_first + i * spacing for i in range(len(labels))]
    yx, yh, yd = 0.55, 1.6, 2.85
    w, h = 0.62, 0.48
    cut_index = 4                                   # the last k = 3 steps start at H_{T-2}
    _box(ax, 0.55, yh, 0.62, h, "$H_0$", role="neutral")
    previous = 0.55 + 0.31
    for i, (x, t) in enumerate(zip(xs, labels, strict=True)):
        if t is None:                               # the steps in between
            for y in (yx, yh, yd):
                _text(ax, x, y, "$\\cdots$", size=FONT)
            _arrow(ax, (previous, yh), (x - 0.25, yh), color=green)
            previous = x + 0.25
            continue
        _box(ax, x, yx, w * 0.85, h * 0.85, f"$X_{{{t}}}$", role="input", size=SMALL)
        _box(ax, x, yh, w, h, f"$H_{{{t}}}$", role="hidden", size=SMALL)
        _arrow(ax, (x, yx + h * 0.425), (x, yh - h / 2), color=red)
        if i == 0:
            _text(ax, x + 0.07, (yx + yh) / 2, "$W_{1x}$", size=9, ha="left")
        _arrow(ax, (previous, yh), (x - w / 2, yh), color=green)
        if i != cut_index:                          # the cut line crosses that arrow
            _text(ax, (previous + x - w / 2) / 2, yh - 0.2, "$W_{1h}$", size=9)
        previous = x + w / 2
        faded = i < cut_index
        _box(ax, x, yd, w, h * 0.85, f"$\\delta_{{{t}}}$", role="grad", size=SMALL,
             ls="--" if faded else "-")
    # output and loss
    xo = xs[-1] + 1.6
    _box(ax, xo, yh, 1.5, 0.62, role="output")
    _text(ax, xo, yh + 0.13, "$Z_2 = H_T W_2 + b_2$", size=SMALL)
    _text(ax, xo, yh - 0.14, "$A_2 = \\sigma(Z_2)$", size=SMALL)
    _arrow(ax, (previous, yh), (xo - 0.75, yh))
    _box(ax, xo, yd, 0.6, h, "$L$", role="output")
    _arrow(ax, (xo, yh + 0.31), (xo, yd - h / 2))
    # backward: L -> delta_T -> ... -> delta_1
    _arrow(ax, (xo - 0.3, yd), (xs[-1] + w / 2, yd), color=purple, lw=1.6)
    _text(ax, (xo - 0.3 + xs[-1] + w / 2) / 2 + 0.05, yd + 0.42,
          "$W_2^\\top \\odot (1 - H_T^2)$", size=9, color=purple)
    for i in range(len(xs) - 1, 0, -1):
        right = xs[i] - (0.25 if labels[i] is None else w / 2)
        left = xs[i - 1] + (0.25 if labels[i - 1] is None else w / 2)
        faded = i <= cut_index
        _arrow(ax, (right, yd), (left, yd), color=MUTED if faded else purple,
               ls="--" if faded else "-", lw=1.6)
        if labels[i] is not None and labels[i - 1] is not None and i != cut_index:
            _text(ax, (left + right) / 2, yd + 0.42, "$W_{1h}^\\top \\odot (1 - H^2)$", size=9,
                  color=MUTED if faded else purple)
    # the cut of truncated BPTT
    cut = (xs[cut_index - 1] + xs[cut_index]) / 2
    ax.plot([cut, cut], [0.2, 3.7], color=purple, lw=1.5, ls=(0, (5, 3)), zorder=1)
    _text(ax, cut + 0.1, 3.85, "truncated BPTT: the gradient goes back the last $k$ steps only "
          "(here $k = 3$)", size=SMALL, ha="left", color=purple)
    _text(ax, cut - 0.1, 3.85, "full BPTT: on to $t = 1$", size=SMALL, ha="right", color=MUTED)
    _text(ax, 0.2, 4.25, "backward: $\\delta_t = \\partial L / \\partial Z_1^{(t)}$,   "
          "$\\delta_{t-1} = \\delta_t\\, W_{1h}^\\top \\odot (1 - H_{t-1}^2)$;   "
          "forward: $H_t = \\tanh(X_t W_{1x} + H_{t-1} W_{1h} + b_1)$", size=SMALL, ha="left")
    return _finish(fig)


# --------------------------------------------------------------------------- 05
def _equations(ax, x, y_top, lines, step=0.36):
    for n, line in enumerate(lines):
        _text(ax, x, y_top - n * step, line, size=SMALL, ha="left")


def lstm_cell():
    """Notebook 05 (section 2): the LSTM cell with its gates $i, f, g, o$.

    $c$ (long-term state) runs along the top: $c_t = f \\odot c_{t-1} + i \\odot g$;
    $h$ (short-term state, also the output) is $h_t = o \\odot \\tanh(c_t)$. Keras
    packs the gates in the order i, f, c (our $g$), o.
    """
    fig, ax = _canvas(11.0, 4.4)
    orange, green = PALETTE["gate"][1], PALETTE["hidden"][1]
    yc, yb, yg, ym = 3.35, 1.05, 1.85, 2.6   # cell state line, input bus, gates, i * g
    xf, xi, xg, xo, xt = 2.35, 3.25, 4.05, 5.0, 5.85
    end = 6.95                                # where the states leave the picture
    _box(ax, 3.95, 2.2, 5.3, 3.0, role="neutral", lw=1.2, rounding=0.15, zorder=0)
    _text(ax, 6.5, 0.88, "LSTM cell", size=SMALL, color=MUTED, ha="right")
    # long-term state c along the top
    _text(ax, 1.0, yc, "$c_{t-1}$", ha="right")
    _path(ax, [(1.05, yc), (xf - 0.16, yc)], arrow=False, lw=2)
    _node(ax, xf, yc, "$\\odot$")
    _path(ax, [(xf + 0.16, yc), (xg - 0.16, yc)], arrow=False, lw=2)
    _node(ax, xg, yc, "+")
    _arrow(ax, (xg + 0.16, yc), (end, yc), lw=2)
    _text(ax, end + 0.08, yc + 0.12, "$c_t$", ha="left")
    _text(ax, end + 0.08, yc - 0.2, "long-term state", size=SMALL, ha="left")
    # h_{t-1} and x_t feed every gate
    _text(ax, 1.0, yb, "$h_{t-1}$", ha="right")
    _path(ax, [(1.05, yb), (xo, yb)], arrow=False)
    _text(ax, 1.75, 0.3, "$x_t$")
    _arrow(ax, (1.75, 0.48), (1.75, yb), color=PALETTE["input"][1])
    _dot(ax, 1.75, yb)
    for x, symbol in [(xf, "$\\sigma$"), (xi, "$\\sigma$"), (xg, "tanh"), (xo, "$\\sigma$")]:
        _dot(ax, x, yb)
        _arrow(ax, (x, yb), (x, yg - 0.21))
        _box(ax, x, yg, 0.62, 0.42, symbol, role="gate", size=SMALL if symbol == "tanh" else FONT)
    gate_label = dict(size=FONT, color=orange, weight="bold")
    # f scales the old cell state
    _arrow(ax, (xf, yg + 0.21), (xf, yc - 0.16), color=orange)
    _text(ax, xf - 0.1, 2.6, "$f$", ha="right", **gate_label)
    # i * g is added to it
    _node(ax, xg, ym, "$\\odot$")
    _path(ax, [(xi, yg + 0.21), (xi, ym), (xg - 0.16, ym)], color=orange)
    _text(ax, xi - 0.1, 2.3, "$i$", ha="right", **gate_label)
    _arrow(ax, (xg, yg + 0.21), (xg, ym - 0.16), color=orange)
    _text(ax, xg + 0.1, 2.25, "$g$", ha="left", **gate_label)
    _arrow(ax, (xg, ym + 0.16), (xg, yc - 0.16))
    # h_t = o * tanh(c_t)
    _dot(ax, xt, yc)
    _arrow(ax, (xt, yc), (xt, 2.93))
    _box(ax, xt, 2.75, 0.62, 0.36, "tanh", role="gate", size=SMALL)
    _node(ax, xt, yg, "$\\odot$")
    _arrow(ax, (xt, 2.57), (xt, yg + 0.16))
    _arrow(ax, (xo + 0.31, yg), (xt - 0.16, yg), color=orange)
    _text(ax, (xo + 0.31 + xt - 0.16) / 2, yg + 0.17, "$o$", **gate_label)
    _arrow(ax, (xt + 0.16, yg), (end, yg), color=green, lw=2)
    _text(ax, end + 0.08, yg + 0.12, "$h_t$", ha="left")
    _text(ax, end + 0.08, yg - 0.2, "short-term state", size=SMALL, ha="left")
    _text(ax, end + 0.08, yg - 0.45, "(also the output)", size=SMALL, ha="left")
    _equations(ax, 8.35, 3.95, [
        "$i = \\sigma(x_t W_{xi} + h_{t-1} W_{hi} + b_i)$",
        "$f = \\sigma(x_t W_{xf} + h_{t-1} W_{hf} + b_f)$",
        "$g = \\tanh(x_t W_{xg} + h_{t-1} W_{hg} + b_g)$",
        "$o = \\sigma(x_t W_{xo} + h_{t-1} W_{ho} + b_o)$",
        "$c_t = f \\odot c_{t-1} + i \\odot g$",
        "$h_t = o \\odot \\tanh(c_t)$",
    ])
    _text(ax, 8.35, 1.45, "Keras packs the gates in the order\ni, f, c (our $g$), o.", size=SMALL,
          ha="left", va="top", linespacing=1.5, color=MUTED)
    return _finish(fig)


def gru_cell():
    """Notebook 05 (section 3): the GRU cell with its gates $r, z$ and candidate $g$.

    One state: $h_t = z \\odot h_{t-1} + (1 - z) \\odot g$, Keras' convention ($z$ near 1
    keeps the old state). The reset gate $r$ acts on the recurrent part of the
    candidate; Keras' default ``reset_after=True`` applies it after the product
    $h_{t-1} W_{hg}$. Keras packs the gates in the order z, r, h (our $g$).
    """
    fig, ax = _canvas(11.0, 4.4)
    orange, green = PALETTE["gate"][1], PALETTE["hidden"][1]
    yc, yb, yg, ym = 3.35, 1.05, 1.85, 2.6
    xz, xr, xg, xm = 2.6, 3.75, 5.1, 4.1     # gates; the "1 - z" node
    end = 6.95
    _box(ax, 3.95, 2.2, 5.3, 3.0, role="neutral", lw=1.2, rounding=0.15, zorder=0)
    _text(ax, 6.5, 0.88, "GRU cell", size=SMALL, color=MUTED, ha="right")
    # the state line
    _text(ax, 1.0, yc, "$h_{t-1}$", ha="right")
    _path(ax, [(1.05, yc), (xz - 0.16, yc)], arrow=False, lw=2)
    _node(ax, xz, yc, "$\\odot$")
    _path(ax, [(xz + 0.16, yc), (xg - 0.16, yc)], arrow=False, lw=2)
    _node(ax, xg, yc, "+")
    _arrow(ax, (xg + 0.16, yc), (end, yc), color=green, lw=2)
    _text(ax, end + 0.08, yc + 0.12, "$h_t$", ha="left")
    _text(ax, end + 0.08, yc - 0.2, "the state", size=SMALL, ha="left")
    _text(ax, end + 0.08, yc - 0.45, "(also the output)", size=SMALL, ha="left")
    # h_{t-1} and x_t feed the gates
    xs = 1.6
    _dot(ax, xs, yc)
    _path(ax, [(xs, yc), (xs, yb), (xg, yb)], arrow=False)
    _text(ax, 2.05, 0.3, "$x_t$")
    _arrow(ax, (2.05, 0.48), (2.05, yb), color=PALETTE["input"][1])
    _dot(ax, 2.05, yb)
    for x, symbol in [(xz, "$\\sigma$"), (xr, "$\\sigma$"), (xg, "tanh")]:
        _dot(ax, x, yb)
        _arrow(ax, (x, yb), (x, yg - 0.21))
        _box(ax, x, yg, 0.62, 0.42, symbol, role="gate", size=SMALL if symbol == "tanh" else FONT)
    gate_label = dict(size=FONT, color=orange, weight="bold")
    # z keeps the old state; 1 - z lets the candidate in
    _arrow(ax, (xz, yg + 0.21), (xz, yc - 0.16), color=orange)
    _text(ax, xz - 0.1, 2.3, "$z$", ha="right", **gate_label)
    _dot(ax, xz, ym, color=orange)
    _node(ax, xm, ym, "1$-$", size=SMALL)
    _arrow(ax, (xz, ym), (xm - 0.16, ym), color=orange)
    _node(ax, xg, ym, "$\\odot$")
    _arrow(ax, (xm + 0.16, ym), (xg - 0.16, ym), color=orange)
    _text(ax, (xm + xg) / 2, ym + 0.18, "$1 - z$", size=SMALL, color=orange)
    _arrow(ax, (xg, yg + 0.21), (xg, ym - 0.16), color=orange)
    _text(ax, xg + 0.1, 2.25, "$g$", ha="left", **gate_label)
    _arrow(ax, (xg, ym + 0.16), (xg, yc - 0.16))
    # r acts on the recurrent part of the candidate
    _arrow(ax, (xr + 0.31, yg), (xg - 0.31, yg), color=orange)
    _text(ax, (xr + xg) / 2, yg + 0.17, "$r$", **gate_label)
    _equations(ax, 8.35, 3.95, [
        "$z = \\sigma(x_t W_{xz} + h_{t-1} W_{hz} + b_z)$",
        "$r = \\sigma(x_t W_{xr} + h_{t-1} W_{hr} + b_r)$",
        "$g = \\tanh((r \\odot h_{t-1}) W_{hg}$",
        "$\\qquad\\quad + x_t W_{xg} + b_g)$",
        "$h_t = z \\odot h_{t-1} + (1 - z) \\odot g$",
    ])
    _text(ax, 8.35, 2.05, "Keras' convention: $z$ near 1 keeps\n"
          "the old state. Keras' default\n"
          "reset_after=True applies $r$ after\n"
          "the product: $r \\odot (h_{t-1} W_{hg})$.",
          size=SMALL, ha="left", va="top", linespacing=1.5, color=MUTED)
    return _finish(fig)


def stacked_and_bidirectional():
    """Notebook 05 (section 4, stacking and ``Bidirectional``): two panels.

    Left, two stacked recurrent layers: layer 1 returns its whole sequence
    (``return_sequences=True``) and layer 2 reads it. Right, a bidirectional layer:
    a forward and a backward chain read the same inputs, and their states are
    concatenated step by step.
    """
    fig, ax = _canvas(11.0, 4.2)
    red, green, teal, blue = (PALETTE[r][1] for r in ("input", "hidden", "hidden2", "output"))
    w, h = 0.52, 0.42
    # left: stacked
    _text(ax, 3.0, 3.95, "stacked: two recurrent layers", size=TITLE, weight="bold")
    xs = [2.3 + 0.85 * t for t in range(4)]
    yx, y1, y2, yy = 0.55, 1.55, 2.55, 3.4
    _text(ax, 1.9, yx, "input", size=SMALL, ha="right")
    _text(ax, 1.9, y1 + 0.1, "layer 1", size=SMALL, ha="right")
    _code(ax, 1.9, y1 - 0.15, "return_sequences=True", size=9, ha="right")
    _text(ax, 1.9, y2 + 0.1, "layer 2", size=SMALL, ha="right")
    _text(ax, 1.9, y2 - 0.15, "last state only", size=9, ha="right")
    for t, x in enumerate(xs, start=1):
        _box(ax, x, yx, w, h * 0.9, f"$x_{t}$", role="input", size=SMALL)
        _box(ax, x, y1, w, h, f"$h^{{(1)}}_{t}$", role="hidden", size=SMALL)
        _box(ax, x, y2, w, h, f"$h^{{(2)}}_{t}$", role="hidden2", size=SMALL)
        _arrow(ax, (x, yx + h * 0.45), (x, y1 - h / 2), color=red)
        _arrow(ax, (x, y1 + h / 2), (x, y2 - h / 2), color=green)
        if t > 1:
            _arrow(ax, (xs[t - 2] + w / 2, y1), (x - w / 2, y1), color=green)
            _arrow(ax, (xs[t - 2] + w / 2, y2), (x - w / 2, y2), color=teal)
    _box(ax, xs[-1], yy, w, h * 0.9, "$y$", role="output", size=SMALL)
    _arrow(ax, (xs[-1], y2 + h / 2), (xs[-1], yy - h * 0.45), color=blue)
    ax.plot([5.45, 5.45], [0.3, 3.9], color="#dddddd", lw=1)
    # right: bidirectional
    _text(ax, 8.25, 3.95, "bidirectional: forward and backward", size=TITLE, weight="bold")
    xs = [7.05 + 1.1 * t for t in range(4)]
    yf, yk, yo, off = 1.45, 2.35, 3.3, 0.25
    _text(ax, 6.4, yx, "input", size=SMALL, ha="right")
    _text(ax, 6.4, yf, "forward", size=SMALL, ha="right", color=green)
    _text(ax, 6.4, yk, "backward", size=SMALL, ha="right", color=teal)
    _text(ax, 6.4, yo, "concatenated", size=SMALL, ha="right")
    for t, x in enumerate(xs, start=1):
        _box(ax, x, yx, w, h * 0.9, f"$x_{t}$", role="input", size=SMALL)
        _box(ax, x - off, yf, w, h, f"$\\overrightarrow{{h}}_{t}$", role="hidden", size=SMALL)
        _box(ax, x + off, yk, w, h, f"$\\overleftarrow{{h}}_{t}$", role="hidden2", size=SMALL)
        _box(ax, x, yo, 0.95, h, f"$[\\overrightarrow{{h}}_{t}; \\overleftarrow{{h}}_{t}]$",
             role="output", size=SMALL)
        _arrow(ax, (x - 0.05, yx + h * 0.45), (x - off, yf - h / 2), color=red, lw=1.1)
        _arrow(ax, (x + 0.05, yx + h * 0.45), (x + off, yk - h / 2), color=red, lw=1.1,
               zorder=1)
        _arrow(ax, (x - off, yf + h / 2), (x - 0.12, yo - h / 2), color=green, lw=1.1, zorder=1)
        _arrow(ax, (x + off, yk + h / 2), (x + 0.12, yo - h / 2), color=teal, lw=1.1)
        if t > 1:
            _arrow(ax, (xs[t - 2] - off + w / 2, yf), (x - off - w / 2, yf), color=green)
            _arrow(ax, (x + off - w / 2, yk), (xs[t - 2] + off + w / 2, yk), color=teal)
    return _finish(fig)


# --------------------------------------------------------------------------- 10
def timeseries_windows(sequence_length=6, sampling_rate=3, delay=21):
    """Notebook 10 (section 3): the windows of ``keras.utils.timeseries_dataset_from_array``.

    A window starting at row $s$ holds ``sequence_length`` rows, one every
    ``sampling_rate`` rows; its target is row $s$ + ``delay`` (the notebook calls the
    function on ``data[:-delay]`` with ``targets=data[delay:]``). The next window
    starts one row later. The defaults (6 samples, every 3rd row, a delay of 21 rows,
    so the target is 2 samples' time after the last input) keep the picture readable.
    """
    span = (sequence_length - 1) * sampling_rate         # rows from the first to the last input
    if delay <= span:
        raise ValueError(f"delay={delay} puts the target inside the window (last input row {span})")
    rows = delay + 3
    fig, ax = _canvas(10.5, 3.65)
    left, right = 1.35, 10.3
    step = (right - left) / (rows - 1)

    def x(row):
        return left + row * step

    red, blue = PALETTE["input"][1], PALETTE["output"][1]
    tracks = [(0, 2.1, "window 1"), (1, 1.15, "window 2")]
    for start, y, name in tracks:
        ax.plot([x(0), x(rows - 1)], [y, y], color="#cccccc", lw=1, zorder=1)
        ax.plot([x(r) for r in range(rows)], [y] * rows, "o", color="#bbbbbb", ms=3, zorder=2)
        samples = [start + n * sampling_rate for n in range(sequence_length)]
        ax.plot([x(r) for r in samples], [y] * len(samples), "o", color=red, ms=8, zorder=3)
        ax.plot([x(start + delay)], [y], "D", color=blue, ms=8, zorder=3)
        _text(ax, 0.15, y + 0.1, name, size=SMALL, ha="left")
        _text(ax, 0.15, y - 0.16, f"s = {start}", size=SMALL, ha="left", color=MUTED)
        _text(ax, x(start + delay), y - 0.3, "target", size=9, color=blue)
    # window 1: look-back span, horizon, delay
    y = tracks[0][1]
    ax.plot([x(0), x(0), x(span), x(span)], [y + 0.22, y + 0.3, y + 0.3, y + 0.22], color=red,
            lw=1.2)
    _text(ax, x(span / 2), y + 0.5, f"look-back: sequence_length = {sequence_length} samples, "
          f"one every sampling_rate = {sampling_rate} rows", size=9, color=red)
    if delay - span >= 4:
        _arrow(ax, (x(span), y + 0.26), (x(delay), y + 0.26), color=MUTED, style="<|-|>", lw=1)
        _text(ax, x((span + delay) / 2), y + 0.5, f"{delay - span} rows later", size=9,
              color=MUTED)
    _arrow(ax, (x(0), 3.0), (x(delay), 3.0), color=blue, style="<|-|>")
    _text(ax, x(delay / 2), 3.25, f"delay = {delay} rows: the target of the window starting "
          "at row s is row s + delay", size=9, color=blue)
    ax.plot([x(0), x(0)], [y + 0.32, 3.0], color=MUTED, lw=0.8, ls=":")
    ax.plot([x(delay), x(delay)], [y + 0.15, 3.0], color=MUTED, lw=0.8, ls=":")
    # row numbers
    for r in range(rows):
        _text(ax, x(r), 0.62, str(r), size=9, color=MUTED)
    _text(ax, 0.15, 0.62, "row", size=9, ha="left", color=MUTED)
    _code(ax, (left + right) / 2, 0.22, f"timeseries_dataset_from_array(data[:-{delay}], "
          f"targets=data[{delay}:], sequence_length={sequence_length}, "
          f"sampling_rate={sampling_rate})", size=9)
    return _finish(fig)


# --------------------------------------------------------------------------- 11
def _stack(kernel_sizes, pools):
    """The layers of conv k, pool p, conv k, ... as (name, window, stride)."""
    kernel_sizes, pools = tuple(kernel_sizes), tuple(pools)
    if len(pools) != len(kernel_sizes) - 1:
        raise ValueError(f"need one pooling between each two convolutions: {len(kernel_sizes)} "
                         f"kernel sizes and {len(pools)} pools")
    layers = []
    for n, k in enumerate(kernel_sizes):
        layers.append((f"Conv1D({k})", k, 1))
        if n < len(pools):
            layers.append((f"MaxPooling1D({pools[n]})", pools[n], pools[n]))
    return layers


def receptive_field_size(kernel_sizes=(7, 7), pools=(5,)):
    """The receptive field of conv, pool, conv, ...: r <- r + (k - 1) j, j <- j s (notebook 11)."""
    r, j = 1, 1
    for _, k, s in _stack(kernel_sizes, pools):
        r, j = r + (k - 1) * j, j * s
    return r


def receptive_field(kernel_sizes=(7, 7), pools=(5,)):
    """Notebook 11 (section 1, receptive field): how far one output of a Conv1D stack sees.

    Layers alternate Conv1D(k) and MaxPooling1D(p) (valid padding, stride 1 for the
    convolutions, p for the pooling). Each row is a layer, its positions drawn over
    the input steps they summarise; one output at the top is highlighted and the
    positions it depends on are shaded in every layer. The receptive field follows
    the notebook's recurrence $r \\leftarrow r + (k - 1)\\,j$, $j \\leftarrow j \\cdot s$
    (a pooling of p counts as k = s = p); it is written on the figure and attached as
    ``fig.receptive_field`` (41 for Conv1D(7), MaxPooling1D(5), Conv1D(7)).
    """
    from matplotlib.patches import Polygon, Rectangle

    layers = _stack(kernel_sizes, pools)
    rs, js = [1], [1]                       # receptive field and jump after each layer
    for _, k, s in layers:
        rs.append(rs[-1] + (k - 1) * js[-1])
        js.append(js[-1] * s)
    r_total, j_top = rs[-1], js[-1]
    n_input = r_total + 2 * j_top          # the top layer then has 3 positions
    lengths = [n_input]
    for _, k, s in layers:
        lengths.append((lengths[-1] - k) // s + 1)
    # the positions that the middle output of the top layer depends on, layer by layer
    seen = [(1, 1)]
    for _, k, s in reversed(layers):
        lo, hi = seen[0]
        seen.insert(0, (lo * s, hi * s + k - 1))

    n_rows = len(layers) + 1
    row_gap, box_h = min(0.62, 2.6 / (n_rows - 1)), 0.3   # at most 4.5 inches high
    height = 1.4 + row_gap * (n_rows - 1) + 0.5
    fig, ax = _canvas(10.5, height)
    left, right = 1.75, 8.15
    cell = (right - left) / n_input
    face, edge = PALETTE["neutral"]
    extents = []                            # (left, right, y) of the shaded positions per row
    for row in range(n_rows):
        y = 0.85 + row * row_gap
        j, r = js[row], rs[row]
        lo, hi = seen[row]
        role = "input" if row == 0 else "output" if row == n_rows - 1 else "hidden"
        f_on, e_on = PALETTE[role]
        width = max(j * cell * 0.86, cell * 0.8)
        for n in range(lengths[row]):
            centre = left + (n * j + r / 2) * cell
            active = lo <= n <= hi
            ax.add_patch(Rectangle((centre - width / 2, y - box_h / 2), width, box_h,
                                   facecolor=f_on if active else face,
                                   edgecolor=e_on if active else "#bbbbbb",
                                   lw=1.2 if active else 0.6, zorder=3))
        extents.append((left + (lo * j + r / 2) * cell - width / 2,
                        left + (hi * j + r / 2) * cell + width / 2, y))
        if row == 0:
            _text(ax, left - 0.15, y, "input", size=SMALL, ha="right")
            _text(ax, right + 0.2, y, "r = 1,  j = 1", size=SMALL, ha="left")
        else:
            name, k, s = layers[row - 1]
            _text(ax, left - 0.15, y, name, size=SMALL, ha="right")
            _text(ax, right + 0.2, y, f"r = {rs[row - 1]} + ({k} $-$ 1)$\\cdot${js[row - 1]} = {r},"
                  f"  j = {j}", size=SMALL, ha="left")
    # the cone of what the highlighted output sees
    for (lo0, hi0, y0), (lo1, hi1, y1) in zip(extents[:-1], extents[1:], strict=True):
        ax.add_patch(Polygon([(lo0, y0 + box_h / 2), (hi0, y0 + box_h / 2),
                              (hi1, y1 - box_h / 2), (lo1, y1 - box_h / 2)],
                             closed=True, facecolor=PALETTE["output"][0], alpha=0.6,
                             edgecolor="none", zorder=1))
    lo0, hi0, y0 = extents[0]
    _arrow(ax, (lo0, y0 - 0.3), (hi0, y0 - 0.3), color=PALETTE["output"][1], style="<|-|>")
    _text(ax, (lo0 + hi0) / 2, y0 - 0.55, f"receptive field: {r_total} input steps",
          size=SMALL, color=PALETTE["output"][1])
    _text(ax, 5.25, height - 0.3,
          f"one output of the last layer sees {r_total} consecutive input steps:   "
          "$r \\leftarrow r + (k - 1)\\,j$,   $j \\leftarrow j \\cdot s$   "
          "(start $r = j = 1$; pooling: $k = s = p$)", size=SMALL)
    fig.receptive_field = r_total
    return _finish(fig)
