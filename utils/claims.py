"""Words for measured comparisons: the sentence a notebook prints is chosen by the numbers.

A notebook measures, then makes one call, for example::

    c = utils.claims.compare("the LSTM", lstm_acc, "the SimpleRNN", srnn_acc, noise=0.01)
    print(c.sentence)   # "the LSTM is 2.9 points above the SimpleRNN, more than the noise
                        #  (1.0 points): the LSTM is better."
    assert c.verdict == "better"     # guards the Markdown sentence "the LSTM beats ..."

so that the lesson cell shows the measurement and the wording logic lives here,
tested once (tests/test_claims.py). Differences of accuracies are given in
points (hundredths); other quantities in their own unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def side(diff: float, above: str = "above", below: str = "below", level: str = "level with") -> str:
    """``"above"`` for a positive difference, ``"below"`` for a negative one, else level."""
    return above if diff > 0 else (below if diff < 0 else level)


def amount(diff: float, unit: str = "points", scale: float = 100, digits: int = 1) -> str:
    """``|diff| * scale`` with its unit: ``amount(-0.023)`` -> ``"2.3 points"``."""
    value = f"{abs(diff) * scale:.{digits}f}"
    return f"{value} {unit}" if unit else value


@dataclass(frozen=True)
class Comparison:
    """``a`` against ``b`` with a noise level: the difference, the verdict and its sentence.

    ``verdict`` is ``"better"``, ``"worse"`` or ``"same"`` (within the noise),
    seen from ``a``'s side: with ``higher_is_better=False`` (errors), a lower
    ``a`` is better.
    """

    name_a: str
    a: float
    name_b: str
    b: float
    noise: float
    higher_is_better: bool = True
    unit: str = "points"
    scale: float = 100
    digits: int = 1
    rule: str = ""

    @property
    def diff(self) -> float:
        """``a - b``."""
        return self.a - self.b

    @property
    def verdict(self) -> str:
        if abs(self.diff) <= self.noise:
            return "same"
        return "better" if (self.diff > 0) == self.higher_is_better else "worse"

    @property
    def sentence(self) -> str:
        def fmt(x):
            return amount(x, self.unit, self.scale, self.digits)

        head = f"{self.name_a} is {fmt(self.diff)} {side(self.diff)} {self.name_b}"
        if self.diff == 0:
            head = f"{self.name_a} is level with {self.name_b}"
        noise = fmt(self.noise) + (f", {self.rule}" if self.rule else "")
        if self.verdict == "same":
            return f"{head}, within the noise ({noise}): the same within noise."
        return f"{head}, more than the noise ({noise}): {self.name_a} is {self.verdict}."


def compare(name_a: str, a: float, name_b: str, b: float, noise: float, *,
            higher_is_better: bool = True, unit: str = "points", scale: float = 100,
            digits: int = 1, rule: str = "") -> Comparison:
    """Compare ``a`` with ``b`` against ``noise`` (the same units as ``a`` and ``b``).

    Accuracies (0..1) read in points by default; for an error in °C pass
    ``higher_is_better=False, unit="°C", scale=1, digits=2``. ``noise`` must be
    a finite number >= 0, such as a measured seed-to-seed spread; ``rule`` says
    where it comes from, in the sentence ("the sample spread of 3 seeds", "this
    notebook's standard"), since notebooks measure their noise differently.
    """
    if not (isinstance(noise, (int, float)) and math.isfinite(noise) and noise >= 0):
        raise ValueError(f"the noise level must be a finite number >= 0, not {noise!r}")
    return Comparison(name_a, float(a), name_b, float(b), float(noise), higher_is_better,
                      unit, scale, digits, rule)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 seed"``, ``"3 seeds"``: a count with its noun (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def spread(values) -> float:
    """The sample standard deviation (``ddof=1``) of two or more measurements.

    The population formula understates the spread of a handful of runs (for two
    values it is half their difference); this is the usual estimate.
    """
    values = [float(v) for v in values]
    if len(values) < 2:
        raise ValueError(f"a spread needs at least two measurements, got {len(values)}")
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def times(a: float, b: float, more: str = "faster", less: str = "slower", digits: int = 1) -> str:
    """``a`` against ``b`` as a ratio of times: ``times(10, 20)`` -> ``"2.0 times faster"``.

    ``a`` and ``b`` are durations (smaller is ``more``). The ratio is written
    as a number above 1; one that rounds to 1 reads ``"about as fast"``.
    """
    if a <= 0 or b <= 0:
        raise ValueError(f"durations must be positive, got {a!r} and {b!r}")
    ratio = max(a, b) / min(a, b)
    if f"{ratio:.{digits}f}" == f"{1:.{digits}f}":
        return f"about as {more.removesuffix('er') if more.endswith('er') else more}"
    return f"{ratio:.{digits}f} times {more if a < b else less}"


# --- the course's one rule for verdicts across seeds

RULE = ("a difference between two models counts when it is more than twice its standard "
        "error, the square root of s_a²/n_a + s_b²/n_b, where s is a model's sample standard "
        "deviation over its seeds and n the number of seeds; otherwise the two are not "
        "separated")
RULE_SHORT = "more than twice the standard error of the difference"


def mean_sd(values, *, scale: float = 1.0, digits: int = 3, unit: str = "") -> str:
    """``"0.702 ± 0.011 (5 seeds)"``: the mean, the sample standard deviation and the count."""
    values = [float(v) * scale for v in values]
    mean = sum(values) / len(values)
    sd = f" ± {spread(values):.{digits}f}" if len(values) > 1 else ""
    suffix = f" {unit}" if unit else ""
    return f"{mean:.{digits}f}{sd}{suffix} ({plural(len(values), 'seed')})"


@dataclass(frozen=True)
class SeedComparison:
    """Model ``a`` against model ``b``, each trained at several seeds, judged by :data:`RULE`.

    ``values_a`` and ``values_b`` map seed -> result. ``verdict`` is ``"better"``,
    ``"worse"`` (seen from ``a``, with ``higher_is_better``) or ``"not separated"``;
    ``every_seed`` is True when ``a`` was better than ``b`` at every seed both share
    (what a check may assert), False when ``b`` was better or level at some seed.
    """

    name_a: str
    values_a: dict
    name_b: str
    values_b: dict
    higher_is_better: bool = True
    unit: str = "points"
    scale: float = 100
    digits: int = 1
    words: tuple = ("better", "worse")

    @property
    def mean_a(self) -> float:
        return sum(self.values_a.values()) / len(self.values_a)

    @property
    def mean_b(self) -> float:
        return sum(self.values_b.values()) / len(self.values_b)

    @property
    def diff(self) -> float:
        """``mean_a - mean_b``."""
        return self.mean_a - self.mean_b

    @property
    def se(self) -> float:
        """The standard error of ``diff``: ``sqrt(s_a²/n_a + s_b²/n_b)``."""
        a, b = list(self.values_a.values()), list(self.values_b.values())
        return math.sqrt(spread(a) ** 2 / len(a) + spread(b) ** 2 / len(b))

    @property
    def verdict(self) -> str:
        if abs(self.diff) <= 2 * self.se:
            return "not separated"
        return self.words[0] if (self.diff > 0) == self.higher_is_better else self.words[1]

    @property
    def every_seed(self) -> bool:
        shared = sorted(set(self.values_a) & set(self.values_b))
        if not shared:
            return False
        if self.higher_is_better:
            return all(self.values_a[s] > self.values_b[s] for s in shared)
        return all(self.values_a[s] < self.values_b[s] for s in shared)

    @property
    def sentence(self) -> str:
        def fmt(x):
            return amount(x, self.unit, self.scale, self.digits)

        n = len(self.values_a) if len(self.values_a) == len(self.values_b) else None
        seeds = f"over {plural(n, 'seed')}" if n else (
            f"over {len(self.values_a)} and {len(self.values_b)} seeds")
        head = (f"{seeds}, {self.name_a} averages {fmt(self.diff)} {side(self.diff)} "
                f"{self.name_b}")
        if self.diff == 0:
            head = f"{seeds}, {self.name_a} averages level with {self.name_b}"
        bar = f"twice the standard error, {fmt(2 * self.se)}"
        if self.verdict == "not separated":
            return f"{head[0].upper()}{head[1:]}, within {bar}: not separated."
        return f"{head[0].upper()}{head[1:]}, more than {bar}: {self.name_a} is {self.verdict}."


def by_seeds(name_a: str, values_a, name_b: str, values_b, *, higher_is_better: bool = True,
             unit: str = "points", scale: float = 100, digits: int = 1,
             words: tuple = ("better", "worse")) -> SeedComparison:
    """Compare two models trained at several seeds by the course's :data:`RULE`.

    ``values_a``/``values_b``: ``{seed: value}`` (or a list, numbered from 0), at least two
    seeds each and finite. Accuracies (0..1) read in points by default; for an error in °C
    pass ``higher_is_better=False, unit="°C", scale=1, digits=2``; for seconds per epoch,
    ``higher_is_better=False, unit="s", scale=1, words=("faster", "slower")``.
    """
    def as_dict(values, name):
        values = dict(values) if isinstance(values, dict) else dict(enumerate(values))
        if len(values) < 2:
            raise ValueError(f"{name}: the rule needs at least two seeds, got {len(values)}")
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values.values()):
            raise ValueError(f"{name}: every value must be a finite number, got {values}")
        return {k: float(v) for k, v in values.items()}

    return SeedComparison(name_a, as_dict(values_a, name_a), name_b, as_dict(values_b, name_b),
                          higher_is_better, unit, scale, digits, tuple(words))


# --- notebooks 10 and 11: verdicts against a measured spread, training curves, the Jena record


def beats(value: float, bar: float, *, higher_is_better: bool = False) -> str:
    """``"beats"`` when ``value`` is strictly better than ``bar``, else ``"does not beat"``.

    Errors by default (lower is better): ``beats(2.40, 2.82)`` -> ``"beats"``.
    """
    better = value > bar if higher_is_better else value < bar
    return "beats" if better else "does not beat"


@dataclass(frozen=True)
class Unjudged:
    """``a`` against ``b`` with no noise level to judge their difference against (one run
    each): the fields of :class:`Comparison`, ``verdict`` ``"unjudged"`` and a sentence that
    gives the difference but names no winner."""

    name_a: str
    a: float
    name_b: str
    b: float
    unit: str = "points"
    scale: float = 100
    digits: int = 1
    reason: str = "one seed only, so no spread to judge it against"

    @property
    def diff(self) -> float:
        """``a - b``."""
        return self.a - self.b

    @property
    def verdict(self) -> str:
        return "unjudged"

    @property
    def sentence(self) -> str:
        if self.diff == 0:
            head = f"{self.name_a} is level with {self.name_b}"
        else:
            head = (f"{self.name_a} is {amount(self.diff, self.unit, self.scale, self.digits)} "
                    f"{side(self.diff)} {self.name_b}")
        return f"{head}; {self.reason}: no winner named."


def judge(name_a: str, a: float, name_b: str, b: float, noise: float | None, *,
          higher_is_better: bool = True, unit: str = "points", scale: float = 100,
          digits: int = 1, rule: str = "",
          reason: str = "one seed only, so no spread to judge it against"):
    """:func:`compare` when a noise level was measured; with ``noise=None`` (one run each,
    as in a quick profile) an :class:`Unjudged`, whose sentence names no winner.

    Both have ``.diff``, ``.verdict`` (``"better"``, ``"worse"``, ``"same"`` or
    ``"unjudged"``) and ``.sentence``; ``rule`` says where the noise level comes from (as in
    :func:`compare`), ``reason`` why there is none.
    """
    if noise is None:
        return Unjudged(name_a, float(a), name_b, float(b), unit, scale, digits, reason)
    return compare(name_a, a, name_b, b, noise, higher_is_better=higher_is_better, unit=unit,
                   scale=scale, digits=digits, rule=rule)


def times_than(a: float, b: float, name_b: str, **kwargs) -> str:
    """:func:`times` with what ``a`` is compared to: ``times_than(10, 20, "the LSTM")`` ->
    ``"2.0 times faster than the LSTM"``; a ratio that rounds to 1 -> ``"about as fast as the
    LSTM"``. ``kwargs`` go to :func:`times`."""
    words = times(a, b, **kwargs)
    return f"{words} {'as' if words.startswith('about as') else 'than'} {name_b}"


def curve_sentence(name: str, loss, val, *, scale: float = 1.0, unit: str = "°C",
                   digits: int = 2, metric: str = "validation MAE") -> str:
    """One sentence on a training run from its per-epoch training ``loss`` and validation
    error ``val`` (lower is better; ``val * scale`` is in ``unit``).

    It names the best validation epoch and, if training went on after it, how the
    training loss moved meanwhile: falling while validation did not improve is where
    overfitting begins. Raises ``ValueError`` for empty or unequal histories.
    """
    loss, val = [float(x) for x in loss], [float(x) for x in val]
    if not val or len(loss) != len(val):
        raise ValueError(f"need one training loss per validation error, got {len(loss)} and "
                         f"{len(val)} (at least one epoch)")
    best = min(range(len(val)), key=val.__getitem__)
    last = len(val) - 1
    head = (f"{name}: best {metric} {val[best] * scale:.{digits}f} {unit} "
            f"at epoch {best + 1} of {last + 1}")
    if best == last:
        return head + ": validation was still improving at the last epoch."
    tail = (f"; after it, the training loss went from {loss[best]:.3f} to {loss[last]:.3f} "
            "while validation did not improve")
    return head + tail + (": the model began to overfit." if loss[last] < loss[best] else ".")


# The years each Jena record spans (utils.datasets.JENA_PERIODS): training epochs, which
# read the first half of the record, grow with it.
JENA_YEARS = {"2009-2016": 8, "2020": 1}

# The course's Jena record, online and offline (utils.datasets.JENA_DEFAULT): the one its
# tests (nbval, make results) run notebooks 10 and 11 on, and its checks are fitted to.
JENA_TESTED = "2020"


def untested_findings(period: str, findings: dict) -> str:
    """What a run found on the optional Jena record (2009-2016), which the course's checks
    are not fitted to: the check cells print the sentences they assert on :data:`JENA_TESTED`.

    ``findings``: ``{sentence of the text: whether it held in this run}``, in order;
    ``untested_findings("2009-2016", {"the GRU beats the naive forecast": False})`` ->
    ``'Jena 2009-2016, an option the course's checks are not fitted to: printed, not asserted.
    "the GRU beats the naive forecast": does not hold in this run.'`` Raises ``ValueError``
    for no findings, or for the tested record itself (assert there).
    """
    if period == JENA_TESTED:
        raise ValueError(f"Jena {period} is the record the tests run: assert the findings there")
    if not findings:
        raise ValueError("no findings to report")
    held = "; ".join(f'"{sentence}": {"holds" if ok else "does not hold"} in this run'
                     for sentence, ok in findings.items())
    return (f"Jena {period}, an option the course's checks are not fitted to: printed, "
            f"not asserted. {held}.")


def jena_checks(period: str, findings: dict) -> str:
    """A check cell's end in notebooks 10 and 11: ``findings`` (``{sentence: whether it held}``)
    asserted on :data:`JENA_TESTED`, the record this course's tests run, and printed, not
    asserted, on another (:func:`untested_findings`), where no test has fitted them.

    Returns the line to print: ``"checks passed"`` (also for no findings), or what held
    on the untested record. On the tested record a sentence that does not hold raises
    ``AssertionError`` naming it.
    """
    if period == JENA_TESTED or not findings:
        failed = [sentence for sentence, ok in findings.items() if not ok]
        if failed:
            raise AssertionError(f"on Jena {period} these sentences do not hold: {failed}")
        return "checks passed"
    return untested_findings(period, findings)


# The keyword arguments of compare/judge for an error in °C: lower is better, two decimals.
CELSIUS = {"higher_is_better": False, "unit": "°C", "scale": 1, "digits": 2}


def learning_curve_sentences(longest: dict, shortest: dict, naive: dict, months: float) -> list:
    """Notebook 10's two lines on its 24-hour learning curve, validation then test: the GRU
    trained on the whole training part (``months`` long) against the one trained on the
    last month, with no winner named (one seed each, no spread measured 24 hours ahead),
    and whether it beats the naive forecast. Each argument but ``months`` is
    ``{"val": MAE, "test": MAE}`` in °C.
    """
    on_all = f"the GRU trained on all {plural(round(months), 'month')}"
    lines = []
    for split, name in (("val", "validation"), ("test", "test")):
        verdict = judge(on_all, longest[split], "the one trained on the last month",
                        shortest[split], None, **CELSIUS,
                        reason="one seed each, and no spread is measured 24 hours ahead")
        lines.append(f"{name} MAE: {verdict.sentence} Against the naive forecast "
                     f"({naive[split]:.2f} °C), {on_all} {beats(longest[split], naive[split])} it.")
    return lines


def _years(n: int) -> str:
    return f"{n} year{'s' if n != 1 else ''}"


def jena_record_note(*args: str, run: dict | None = None) -> str:
    """What the slow cells' printed times mean for a run of this notebook on Jena ``period``.

    The slow cells print their time in the reference run of the current profile,
    ``run`` (default: ``results/<profile>.json``), which records the Jena record it
    read. A training epoch reads the training part, half the record, so on a record
    N times as long it takes about N times as long; the note says so when the two
    records differ. In a ``make results`` run the slow cells print that run's own
    times, and the note says only which record it reads. Raises ``ValueError`` for an
    unknown period.
    """
    from . import course
    from .results import recording, reference_run

    *number, period = args                # ("10", period): the older form, naming the notebook
    notebook = course.named(number[0] if number else None)
    if period not in JENA_YEARS:
        raise ValueError(f"unknown Jena period {period!r}: one of {sorted(JENA_YEARS)}")
    here = f"This run reads Jena {period} ({_years(JENA_YEARS[period])})"
    if run is None:
        if recording():
            return here + "."
        run = reference_run() or {}
    record = next((nb for nb in run.get("notebooks", []) if nb.get("notebook") == notebook), {})
    reference = record.get("jena_period")
    if reference not in JENA_YEARS:
        return f"{here}; no reference run of this profile says which record its times come from."
    if reference == period:
        return f"{here}, the record of the reference run whose times the slow cells print."
    there = (f"the reference run whose times the slow cells print read Jena {reference} "
             f"({_years(JENA_YEARS[reference])})")
    ratio = JENA_YEARS[period] / JENA_YEARS[reference]
    if ratio > 1:
        return (f"{here}; {there}: every training epoch here reads about {ratio:.0f} times as "
                f"many windows, so expect the slow cells to take longer, up to about "
                f"{ratio:.0f} times as long.")
    return (f"{here}; {there}: every training epoch here reads about {1 / ratio:.0f} times fewer "
            f"windows, so expect the slow cells to take less time, down to about "
            f"1/{1 / ratio:.0f} of it.")


# --- notebook 08: the words of the bucketing measurement and of the comparison table


def padding_paragraph(*, profile: str, maxlen: int, steps_ratio: float, padded_s: float,
                      bucketed_s: float, n_timed: int, mean_words: float,
                      share_cut: float) -> str:
    """Notebook 08's Markdown paragraph on what length bucketing saved in this run.

    ``steps_ratio``: an epoch's LSTM steps padded over bucketed; ``padded_s`` and
    ``bucketed_s``: the fastest time in seconds for the same ``n_timed`` batches each way
    (printed in ms below 1 s, else to 0.01 s, so that their ratio shows); ``mean_words``: the
    mean review length in words (at most ``maxlen``); ``share_cut``: the share (0..1) of
    reviews cut at ``maxlen``. With more than 1.5 times fewer steps it reports the speed-up
    and the share of padded steps that were padding; otherwise it says why there was little
    padding to remove: the share of padding, and the share of steps bucketing removed.
    """
    if min(steps_ratio, padded_s, bucketed_s, maxlen) <= 0:
        raise ValueError("steps_ratio, the times and maxlen must be positive")

    def seconds(s):
        return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"

    timing = (f"{seconds(padded_s)} padded against {seconds(bucketed_s)} bucketed for "
              f"{n_timed} batches")
    head = (f"**In this run** ({profile} profile), bucketing cut an epoch's LSTM steps "
            f"{steps_ratio:.2f}-fold")
    if steps_ratio > 1.5:
        return (f"{head}, and the LSTM trained {times(bucketed_s, padded_s)} per batch "
                f"({timing}). With reviews kept to {maxlen} words, "
                f"{1 - mean_words / maxlen:.0%} of the padded steps were spent on padding.")
    return (f"{head}: with reviews cut to {maxlen} words, {share_cut:.0%} of them fill the whole "
            f"row, so only {1 - mean_words / maxlen:.0%} of the padded steps were padding, and "
            f"bucketing removed {1 - 1 / steps_ratio:.0%} of the steps "
            f"({timing}: {times(bucketed_s, padded_s)} bucketed). "
            "Bucketing pays off with long rows, as in the full profile (500 words).")


# key: (model a, model b, how the text names a, how it names b); keys that end in "- LSTM"
# are the comparisons with the LSTM of section 2.
IMDB_PAIRS = {
    "LSTM - SimpleRNN": ("LSTM(32)", "SimpleRNN(32)", "the LSTM", "the SimpleRNN"),
    "GRU - SimpleRNN": ("GRU(32)", "SimpleRNN(32)", "the GRU", "the SimpleRNN"),
    "GRU - LSTM": ("GRU(32)", "LSTM(32)", "the GRU", "the LSTM"),
    "bidirectional - LSTM": ("Bidirectional(LSTM(32))", "LSTM(32)", "the bidirectional LSTM",
                             "the LSTM"),
    "reversed - LSTM": ("LSTM(32), reversed reviews", "LSTM(32)", "reading backwards",
                        "reading forwards"),
    "masked - LSTM": ("LSTM(32), masked padding", "LSTM(32)", "the masked LSTM",
                      "the unmasked LSTM"),
    "bag of words - LSTM": ("Bag of words, Dense(16) x 2", "LSTM(32)", "the bag of words",
                            "the LSTM"),
}


# How notebook 08's sentences name the origin of its one noise standard (a convention).
IMDB_RULE = "this notebook's standard"


def imdb_comparisons(test: dict, noise: float, rule: str = IMDB_RULE) -> dict:
    """Notebook 08's seven comparisons (:data:`IMDB_PAIRS`), each a :class:`Comparison` of
    test accuracies against the one noise standard ``noise`` (0.02 = 2 points), its sentence
    naming ``rule``.

    ``test``: ``{model name: test accuracy}`` with every model that :data:`IMDB_PAIRS`
    names; a missing one raises ``KeyError`` naming it.
    """
    missing = sorted({m for a, b, _, _ in IMDB_PAIRS.values() for m in (a, b)} - set(test))
    if missing:
        raise KeyError(f"no test accuracy for {missing}")
    return {key: compare(name_a, test[a], name_b, test[b], noise, rule=rule)
            for key, (a, b, name_a, name_b) in IMDB_PAIRS.items()}


def imdb_paragraph(test: dict, noise: float, epoch_s: dict, *, bi_weights: float,
                   profile: str, seed: int, rule: str = IMDB_RULE) -> str:
    """Notebook 08's Markdown paragraph "What the table shows": every comparison of
    :func:`imdb_comparisons`, worded against ``noise`` (named by ``rule``), with the
    accuracies it compares.

    ``epoch_s``: ``{model name: seconds per epoch}`` for the LSTM, the bidirectional LSTM and
    the bag of words; ``bi_weights``: the bidirectional layer's weights over the LSTM layer's.
    """
    c = imdb_comparisons(test, noise, rule)

    def said(key):
        sentence = c[key].sentence
        return sentence[0].upper() + sentence[1:]

    bi, bow = "Bidirectional(LSTM(32))", "Bag of words, Dense(16) x 2"
    lstm_s = epoch_s["LSTM(32)"]
    return " ".join([
        f"**What the table shows** ({profile} profile, seed {seed}, each model trained once; "
        f"{rule}: {amount(noise)}, a convention, not a measured spread).",
        f"The SimpleRNN reached {test['SimpleRNN(32)']:.3f} test accuracy, the LSTM "
        f"{test['LSTM(32)']:.3f} and the GRU {test['GRU(32)']:.3f}.",
        said("LSTM - SimpleRNN"), said("GRU - SimpleRNN"), said("GRU - LSTM"),
        f"The bidirectional LSTM, with {bi_weights:g} times the LSTM's recurrent weights, reached "
        f"{test[bi]:.3f} in {epoch_s[bi]:.1f} s per epoch against the LSTM's {lstm_s:.1f} s:",
        c["bidirectional - LSTM"].sentence,
        f"Reading the words backwards reached {test['LSTM(32), reversed reviews']:.3f}:",
        c["reversed - LSTM"].sentence,
        f"Masking the padding reached {test['LSTM(32), masked padding']:.3f}:",
        c["masked - LSTM"].sentence,
        f"The bag of words, which ignores word order, reached {test[bow]:.3f} in "
        f"{epoch_s[bow]:.1f} s per epoch:",
        c["bag of words - LSTM"].sentence,
    ])


# --- notebook 07: word groups that separate in a 2-D picture

def separated(points, labels) -> bool:
    """True when every point lies closer to the centre of its own group than to any other centre.

    ``points``: ``(n, d)`` coordinates (for example the first two principal
    components of n word vectors); ``labels``: n group names, two groups or
    more. A group's centre is the mean of its points; distances are Euclidean.
    This is the test behind "these groups separate in the plot": one word that
    sits nearer another group's centre makes it False.
    """
    import numpy as np

    points = np.asarray(points, dtype=float)
    labels = np.asarray(labels)
    if points.ndim != 2 or len(points) != len(labels):
        raise ValueError(f"need an (n, d) array and n labels, got shape {points.shape} "
                         f"and {len(labels)} labels")
    names = sorted(set(labels.tolist()))
    if len(names) < 2:
        raise ValueError(f"a separation needs at least two groups, got {names}")
    centres = np.stack([points[labels == name].mean(axis=0) for name in names])
    distances = np.linalg.norm(points[:, None, :] - centres[None], axis=2)
    return bool(np.all(np.asarray(names)[distances.argmin(axis=1)] == labels))


# --- notebook 09: what accuracy hides, per model (section 8)


def recall_paragraph(scores: dict, n_small: int) -> str:
    """Notebook 09's Markdown paragraph on accuracy against per-topic averages, one model at a
    time: accuracy, macro recall and macro F1 (each with how far below or above the accuracy,
    in points), and the mean recall of topics 3 and 4 and of the ``n_small`` small topics.

    ``scores``: ``{model: {"accuracy", "macro recall", "macro F1", "recall, topics 3 and 4",
    "recall, small topics"}}``, every value a share (0..1); a missing key raises ``KeyError``.
    Differences are rounded to whole points ("1 point", "27 points"); one that rounds to 0
    reads "level with it, to the nearest point".
    """
    def against(x, accuracy):
        points = round(abs(x - accuracy) * 100)
        if points == 0:
            return "level with it, to the nearest point"
        return f"{plural(points, 'point')} {side(x - accuracy)} it"

    return " ".join(
        f"**{name}:** accuracy {sc['accuracy']:.3f}; macro recall {sc['macro recall']:.3f} "
        f"({against(sc['macro recall'], sc['accuracy'])}) and macro F1 {sc['macro F1']:.3f} "
        f"({against(sc['macro F1'], sc['accuracy'])}). "
        f"Mean recall over topics 3 and 4: {sc['recall, topics 3 and 4']:.2f}; "
        f"over the {n_small} small topics: {sc['recall, small topics']:.2f}."
        for name, sc in scores.items())


# --- notebook 06: when one model first reached another's held-out perplexity


def first_below(curve, seconds, bar: float, bar_seconds: float, *,
                name: str = "the many-to-many model",
                other: str = "the many-to-one model") -> str:
    """Notebook 06's sentence on how long ``name`` took to reach ``other``'s final held-out
    perplexity ``bar``, which ``other`` reached after ``bar_seconds`` of training.

    ``curve``: ``name``'s held-out perplexity at each check (once per epoch); ``seconds``: its
    training seconds at those checks (same length, rising). Between checks nothing is known,
    so the sentence gives a bracket: the first check at or below ``bar`` bounds the time from
    above, the check before it from below, both also as multiples of ``bar_seconds``.
    Raises ``ValueError`` for empty or unequal sequences or times that are not positive.
    """
    curve, seconds = [float(c) for c in curve], [float(s) for s in seconds]
    if not curve or len(curve) != len(seconds):
        raise ValueError(f"need one time per check, got {len(curve)} perplexities and "
                         f"{len(seconds)} times (at least one check)")
    if min(seconds) <= 0 or bar_seconds <= 0:
        raise ValueError("training times must be positive")
    target = f"{other}'s final perplexity ({bar:.2f})"
    below = [k for k, ppl in enumerate(curve) if ppl <= bar]
    if not below:
        return (f"{name[0].upper()}{name[1:]} did not reach {target} in its "
                f"{plural(len(curve), 'epoch')} ({seconds[-1]:.0f} s of training).")
    k = below[0]
    at_most = f"{seconds[k]:.0f} s of training"
    ratio = seconds[k] / bar_seconds
    if k == 0:
        return (f"{name[0].upper()}{name[1:]} was below {target} at its first check, the end of "
                f"epoch 1, after {at_most}: it took at most {ratio:.1f} times {other}'s "
                f"{bar_seconds:.0f} s, perhaps much less (the perplexity is checked once per "
                "epoch).")
    return (f"{name[0].upper()}{name[1:]} first went below {target} during epoch {k + 1}: after "
            f"more than {seconds[k - 1]:.0f} s and at most {at_most}, between "
            f"{seconds[k - 1] / bar_seconds:.1f} and {ratio:.1f} times {other}'s "
            f"{bar_seconds:.0f} s (the perplexity is checked once per epoch).")


# --- notebook 04: two models compared only once one of them has learned


def learned_comparison(name_a: str, a: float, name_b: str, b: float, baseline: float,
                       noise: float, *, baseline_name: str = "the majority baseline",
                       rule: str = "") -> str:
    """A sentence on accuracies ``a`` and ``b`` that names a winner only if there is something
    to compare: at least one of them beats ``baseline`` (e.g. always predicting the commoner
    label) by more than ``noise``.

    If neither does, the sentence says neither has learned yet and names no winner;
    otherwise it gives both against the baseline, then :func:`compare`'s sentence of ``a``
    against ``b`` with the same ``noise`` and ``rule`` (where the noise level comes from).
    """
    def against(x):
        return f"{amount(x - baseline)} {side(x - baseline)} {baseline_name}"

    noise_words = amount(noise) + (f", {rule}" if rule else "")
    head = f"{name_a} {a:.3f} ({against(a)}), {name_b} {b:.3f} ({against(b)})"
    if max(a, b) - baseline <= noise:
        return (f"{head}; {baseline_name} is {baseline:.3f}. Neither has learned yet: neither "
                f"is above {baseline_name} by more than the noise ({noise_words}), so this run "
                "cannot say which learns better.")
    return (f"{head}; {baseline_name} is {baseline:.3f}. "
            + compare(name_a, a, name_b, b, noise, rule=rule).sentence)
