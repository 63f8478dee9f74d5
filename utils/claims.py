"""The course's one rule for verdicts, and the few words several notebooks share.

Two models trained at several seeds are compared by :func:`by_seeds` (the rule,
:data:`RULE`, taught in notebook 04: a difference counts when it is more than twice
its standard error)::

    c = utils.claims.by_seeds("the LSTM", lstm_by_seed, "the SimpleRNN", srnn_by_seed)
    print(c.sentence)   # "Over 5 seeds, the LSTM averages 7.2 points above the SimpleRNN,
                        #  more than twice the standard error, 4.8 points: the LSTM is better."
    assert c.verdict == "better"     # guards a Markdown sentence "the LSTM is better ..."

Each notebook builds its other sentences in its own cells, from its numbers; what is
here serves several notebooks and is tested once (tests/test_claims.py,
tests/test_seeds.py). Differences of accuracies are given in points (hundredths);
other quantities in their own unit.
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


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 seed"``, ``"3 seeds"``: a count with its noun (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def listing(items, last: str = "and") -> str:
    """``"a, b and c"``: items joined as a sentence joins them (``""`` for none)."""
    items = [str(i) for i in items]
    return ", ".join(items[:-1]) + f" {last} " + items[-1] if len(items) > 1 else "".join(items)


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


def grouped(comparisons, against: str) -> str:
    """Models judged against one other, grouped by verdict, for a plain finding:
    ``"the GRU and the LSTM are better than the bar; the dense network is not separated
    from it"`` (each comparison's ``name_a`` against ``against``; groups in the order better,
    not separated, worse, whatever the words)."""
    comparisons = list(comparisons)
    if not comparisons:
        raise ValueError("no comparisons to group")
    groups: dict[str, list[str]] = {}
    for c in sorted(comparisons, key=lambda c: (c.verdict == c.words[1],
                                                c.verdict != c.words[0])):
        groups.setdefault(c.verdict, []).append(c.name_a)
    parts = []
    for verdict, names in groups.items():
        other = against if not parts else "it"
        parts.append(f"{listing(names)} {'is' if len(names) == 1 else 'are'} {verdict} "
                     f"{'from' if verdict == 'not separated' else 'than'} {other}")
    return "; ".join(parts)


# --- the Jena record (notebooks 10 and 11)

# The years each Jena record spans (utils.datasets.JENA_PERIODS): training epochs, which
# read the first half of the record, grow with it.
JENA_YEARS = {"2009-2016": 8, "2020": 1}


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
