"""The seed sweeps behind every verdict: tools/sweep_seeds.py, the records it writes in
results/seeds/, utils.results.recorded_seeds, the course's rule (utils.claims.by_seeds) and
its picture (utils.plots.seed_strip)."""

from __future__ import annotations

import json
import math

import pytest
from test_results import SETUP, _notebook

from tools import sweep_seeds
from utils import claims, course, results

ROOT = course.ROOT


# --- the rule ------------------------------------------------------------------

def test_the_rule_separates_only_beyond_twice_the_standard_error():
    a = {42: 0.80, 1: 0.82, 2: 0.81}
    b = {42: 0.70, 1: 0.72, 2: 0.71}
    c = claims.by_seeds("the LSTM", a, "the SimpleRNN", b)
    assert c.diff == pytest.approx(0.10)
    # s = 0.01 for both, n = 3: se = sqrt(2 * 0.01**2 / 3)
    assert c.se == pytest.approx(math.sqrt(2 * 0.0001 / 3))
    assert c.verdict == "better" and c.every_seed
    assert c.sentence == ("Over 3 seeds, the LSTM averages 10.0 points above the SimpleRNN, "
                          "more than twice the standard error, 1.6 points: the LSTM is better.")
    assert claims.by_seeds("b", b, "a", a).verdict == "worse"

    # a difference of 7 points, a spread of 8.7 points in x: not separated
    wide = claims.by_seeds("x", [0.70, 0.86, 0.84], "y", [0.74, 0.72, 0.73])
    assert wide.diff == pytest.approx(0.07) and 2 * wide.se > 0.07
    assert wide.verdict == "not separated" and not wide.every_seed
    assert wide.sentence.endswith("within twice the standard error, 10.1 points: not separated.")


def test_the_rule_for_errors_and_its_inputs():
    gru = {42: 2.26, 1: 2.30, 2: 2.28, 3: 2.25, 4: 2.31}
    bar = {42: 2.82, 1: 2.82, 2: 2.83, 3: 2.81, 4: 2.82}
    c = claims.by_seeds("the GRU", gru, "the bar", bar, higher_is_better=False,
                        unit="°C", scale=1, digits=2)
    assert c.verdict == "better" and c.every_seed
    assert c.sentence.startswith("Over 5 seeds, the GRU averages 0.54 °C below the bar")
    slow = claims.by_seeds("the GRU", [9.0, 9.2, 9.1], "the LSTM", [6.0, 6.1, 6.2],
                           higher_is_better=False, unit="s", scale=1, words=("faster", "slower"))
    assert slow.verdict == "slower" and slow.sentence.endswith("the GRU is slower.")
    with pytest.raises(ValueError, match="at least two seeds"):
        claims.by_seeds("a", {42: 1.0}, "b", {42: 2.0, 1: 2.0})
    with pytest.raises(ValueError, match="finite"):
        claims.by_seeds("a", [1.0, float("nan")], "b", [1.0, 2.0])
    assert claims.mean_sd([0.70, 0.72, 0.71]) == "0.710 ± 0.010 (3 seeds)"
    assert claims.mean_sd([2.3], unit="°C", digits=2) == "2.30 °C (1 seed)"
    assert "twice its standard error" in claims.RULE


def test_every_seed_compares_seed_by_seed():
    # a better on average, but not at seed 2
    c = claims.by_seeds("a", {42: 0.9, 1: 0.9, 2: 0.7}, "b", {42: 0.7, 1: 0.7, 2: 0.71})
    assert not c.every_seed
    assert not claims.by_seeds("a", {1: 0.9, 2: 0.9}, "b", {3: 0.1, 4: 0.1}).every_seed


# --- the sweep and its record --------------------------------------------------

RECORD = ('import os; s = int(os.environ["COURSE_SEED"]); '
          'utils.record_results([{"model": "m", "metric": "accuracy", "value": 0.5 + s / 100, '
          '"epoch_s": 2.0 + s}])')


def test_sweep_records_each_seed_and_keeps_what_finished(tmp_path, capsys):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder, "01_a.ipynb", SETUP("01"), RECORD, 'raise SystemExit("after the results")')
    out = tmp_path / "seeds" / "quick-01.json"
    assert sweep_seeds.main(["01", "--seeds", "3", "1", "--profile", "quick",
                             "--notebooks", str(folder), "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(doc["runs"]) == ["1", "3"] and doc["notebook"] == "01"
    assert doc["runs"]["3"]["rows"] == [{"model": "m", "metric": "accuracy", "value": 0.53,
                                         "unit": "", "epoch_s": 5.0}]
    record = results.SeedRecord(doc)
    assert record.values("m", "accuracy") == {1: 0.51, 3: 0.53}
    assert record.epoch_seconds("m", "accuracy") == {1: 3.0, 3: 5.0}
    assert record.describe().startswith("2 seeds (1, 3) of the quick profile, ")
    with pytest.raises(KeyError, match="recorded no row"):
        record.values("m", "loss")

    # --whole runs the cells after the results too: here they fail, and the sweep stops
    assert sweep_seeds.main(["01", "--seeds", "7", "--profile", "quick", "--whole",
                             "--notebooks", str(folder), "--out", str(out)]) == 1
    assert list(json.loads(out.read_text(encoding="utf-8"))["runs"]) == ["1", "3"]

    # a failing seed stops the sweep; the seeds finished before stay
    _notebook(folder, "01_a.ipynb", SETUP("01"), 'raise SystemExit("broken")', RECORD)
    assert sweep_seeds.main(["01", "--seeds", "5", "--profile", "quick",
                             "--notebooks", str(folder), "--out", str(out)]) == 1
    assert list(json.loads(out.read_text(encoding="utf-8"))["runs"]) == ["1", "3"]

    # runs of another machine are refused before anything runs
    doc["machine"]["cpu"] = "another CPU"
    out.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SystemExit) as refused:
        sweep_seeds.main(["01", "--seeds", "7", "--profile", "quick",
                          "--notebooks", str(folder), "--out", str(out)])
    assert refused.value.code == 2
    assert "one kind of machine" in capsys.readouterr().err


def test_recorded_seeds_reads_the_notebooks_file(tmp_path):
    doc = {"schema": 1, "notebook": "04", "profile": "full",
           "machine": {"cpu": "AMD EPYC 7B13", "cores": 2}, "device": "CPU",
           "runs": {"42": {"date": "2026-12-07", "rows": [
               {"model": "m", "metric": "a", "value": 0.7, "unit": ""}]},
                    "1": {"date": "2026-12-07", "rows": [
               {"model": "m", "metric": "a", "value": 0.72, "unit": ""}]}}}
    (tmp_path / "full-04.json").write_text(json.dumps(doc), encoding="utf-8")
    record = results.recorded_seeds("04", folder=tmp_path)
    assert record.seeds == [42, 1]
    assert record.describe() == ("2 seeds (42, 1) of the full profile, AMD EPYC 7B13, 2 cores, "
                                 "CPU, 2026-12-07")
    assert results.recorded_seeds("04", "quick", folder=tmp_path, required=False) is None
    with pytest.raises(FileNotFoundError, match="make seeds NOTEBOOK=04"):
        results.recorded_seeds("04", "quick", folder=tmp_path)


COMMITTED = sorted((ROOT / "results" / "seeds").glob("*.json"))


def test_every_notebook_that_judges_on_recorded_seeds_has_them():
    judging = [path.name[:2] for path in course.notebooks()
               if "recorded_seeds(" in path.read_text(encoding="utf-8")]
    recorded = {path.stem.split("-", 1)[1] for path in COMMITTED if path.stem.startswith("full-")}
    assert set(judging) <= recorded, f"no results/seeds/full-NN.json for {set(judging) - recorded}"


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_committed_sweeps_are_whole_and_of_one_machine(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    profile_name, number = path.stem.split("-")
    assert doc["profile"] == profile_name and doc["notebook"] == number
    course.notebook(number)
    runs = doc["runs"]
    assert len(runs) >= 2
    keys = [sorted((r["model"], r["metric"]) for r in run["rows"]) for run in runs.values()]
    assert all(k == keys[0] for k in keys), "every seed records the same rows"
    assert all(math.isfinite(r["value"]) for run in runs.values() for r in run["rows"])
    assert doc["machine"]["cpu"] and doc["machine"]["cores"] >= 1


def test_seed_strip_draws_every_seed_and_the_learners_run():
    import matplotlib
    matplotlib.use("Agg")
    from utils import plots
    ax = plots.seed_strip({"a": {42: 0.7, 1: 0.72, 2: 0.71}, "b": [0.8, 0.82]},
                          own={"a": 0.69}, scale=100, unit="validation accuracy (%)",
                          baseline=(0.5, "majority class"))
    from matplotlib.collections import PathCollection
    dots = [c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)]
    assert [len(o) for o in dots] == [3, 1, 2]          # a's seeds, the learner's a, b's seeds
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    labels = {t.get_text() for t in ax.get_legend().get_texts()}
    assert labels == {"recorded seeds", "mean ± 2 standard errors", "this run", "majority class"}
    assert [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == ":"] == [50.0]


def test_this_run_joins_the_recorded_seeds_only_when_it_is_one_more_of_them(monkeypatch):
    from utils import profile
    doc = {"schema": 1, "notebook": "04", "profile": "full",
           "machine": {"cpu": "AMD EPYC 7B13", "cores": 2}, "device": "CPU",
           "runs": {str(s): {"date": "2026-12-07", "rows": [
               {"model": "m", "metric": "a", "value": 0.7 + s / 100, "unit": ""}]}
               for s in (1, 2)}}
    record = results.SeedRecord(doc)
    monkeypatch.setattr(results, "cpu_model", lambda: "AMD EPYC 7B13")
    monkeypatch.setattr(results, "cores", lambda: 2)
    monkeypatch.setattr(results, "describe_device", lambda: "CPU")
    try:
        profile.activate(profile.Profile("full", 42))        # the reference run: one more seed
        values, said = record.with_run("m", "a", 0.69)
        assert values == {1: 0.71, 2: 0.72, 42: 0.69}
        assert said.endswith("2026-12-07, and this run (seed 42)")
        profile.activate(profile.Profile("full", 2))         # a seed already recorded
        assert record.with_run("m", "a", 0.5)[0] == {1: 0.71, 2: 0.72}
        profile.activate(profile.Profile("quick", 42))       # another profile: beside, not in
        assert record.with_run("m", "a", 0.5)[0] == {1: 0.71, 2: 0.72}
        profile.activate(profile.Profile("full", 42))
        monkeypatch.setattr(results, "describe_device", lambda: "GPU: Tesla T4")
        values, said = record.with_run("m", "a", 0.5)        # another machine: beside, not in
        assert values == {1: 0.71, 2: 0.72} and "this run" not in said
        monkeypatch.setattr(results, "describe_device", lambda: "CPU")
        monkeypatch.setenv("TF_NUM_INTRAOP_THREADS", "1")   # another thread setting: beside
        assert record.with_run("m", "a", 0.5)[0] == {1: 0.71, 2: 0.72}
        one = results.SeedRecord({**doc, "machine": {**doc["machine"], "threads": "1"}})
        assert one.with_run("m", "a", 0.5)[0] == {1: 0.71, 2: 0.72, 42: 0.5}
        assert "2 cores, one thread each, CPU" in one.describe()
        monkeypatch.delenv("TF_NUM_INTRAOP_THREADS")
        for run in doc["runs"].values():
            run["jena_period"] = "2020"
        jena = results.SeedRecord(doc)                        # another Jena record: beside
        assert jena.with_run("m", "a", 0.5, jena_period="2009-2016")[0] == {1: 0.71, 2: 0.72}
        assert jena.with_run("m", "a", 0.5, jena_period="2020")[0] == {1: 0.71, 2: 0.72, 42: 0.5}
    finally:
        profile.activate(None)
