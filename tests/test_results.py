"""utils.record_results, the results runner, the JSON in results/, and the README tables
made from it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tools import render_readme, run_results
from utils import course, data, profile, results

ROOT = course.ROOT

ROW = {"model": "LSTM(32)", "metric": "test accuracy", "value": 0.88, "epoch_s": 12.5,
       "reference": "0.87"}


# --- record_results ----------------------------------------------------------

@pytest.fixture
def notebook_08():
    course.set_current("08")
    yield
    course.set_current(None)


def test_record_results_shows_a_small_table_and_writes_nothing_by_default(monkeypatch, tmp_path,
                                                                          notebook_08):
    monkeypatch.delenv(results.RESULTS_FILE_ENV, raising=False)
    monkeypatch.setattr(results, "reference_run", lambda *a, **k: None)
    monkeypatch.chdir(tmp_path)
    table = results.record_results([ROW, {"model": "naive", "metric": "MAE",
                                           "value": np.float32(2.5123), "unit": "°C"}])
    assert list(table["model"]) == ["LSTM(32)", "naive"]
    data_, meta = table._repr_mimebundle_()
    assert "<table" in data_["text/html"] and "LSTM(32)" in data_["text/plain"]
    assert "NaN" not in data_["text/plain"] and "None" not in data_["text/plain"]
    assert meta["course_results"]["notebook"] == "08"
    assert [r["model"] for r in meta["course_results"]["rows"]] == ["LSTM(32)", "naive"]
    assert list(table.columns) == ["model", "metric", "value", "s/epoch", "published"]
    assert table.loc[2, "value"] == "2.51 °C" and table.loc[2, "s/epoch"] == ""
    assert table.loc[1, "value"] == "0.88" and table.loc[1, "published"] == "0.87"
    assert list(tmp_path.iterdir()) == []


def test_record_results_shows_the_reference_run_beside_a_learners_run(monkeypatch, notebook_08):
    monkeypatch.delenv(results.RESULTS_FILE_ENV, raising=False)
    run = {"notebooks": [{"notebook": "08", "rows": [{**ROW, "value": 0.8912, "unit": ""}]}]}
    monkeypatch.setattr(results, "reference_run", lambda *a, **k: run)
    table = results.record_results([{"model": "LSTM(32)", "metric": "test accuracy",
                                     "value": 0.85}])
    assert list(table.columns) == ["model", "metric", "value", "reference run"]
    assert table.loc[1, "reference run"] == "0.891"


def test_record_results_needs_the_setup_cell_first():
    course.set_current(None)
    with pytest.raises(RuntimeError, match="run the notebook's setup cell first"):
        results.record_results([ROW])


def test_record_results_writes_json_with_profile_and_data_files(monkeypatch, tmp_path, mirror):
    course.set_current("10")
    target = tmp_path / "out" / "record.json"
    monkeypatch.setenv(results.RESULTS_FILE_ENV, str(target))
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    monkeypatch.setattr(data, "USED", {})
    data.fetch("reuters")
    data.fetch("jena_2020")
    results.record_results([ROW], jena_period="2020")
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["notebook"] == "10" and record["profile"] == "quick"
    assert record["rows"] == [{**ROW, "unit": ""}]
    assert record["data_files"] == {"jena_climate_2020.csv.zip": "$COURSE_DATA_DIR",
                                    "reuters.npz": "$COURSE_DATA_DIR"}
    assert record["jena_period"] == "2020"
    assert record["versions"]["numpy"] == np.__version__
    assert [p.name for p in target.parent.iterdir()] == ["record.json"]     # no temporary file left


@pytest.mark.parametrize("notebook, rows, message", [
    ("08", [], "at least one row"),
    ("08", [{"model": "x", "metric": "y"}], "missing ['value']"),
    ("08", [{**ROW, "accuracy": 1}], "unknown ['accuracy']"),
    ("08", [{**ROW, "value": float("nan")}], "finite number"),
    ("08", [{**ROW, "value": True}], "finite number"),
    ("08", [{**ROW, "value": "0.9"}], "finite number"),
    ("08", [{**ROW, "epoch_s": 0}], "positive number of seconds"),
    ("08", [{**ROW, "reference": 0.87}], "reference must be a string"),
    ("08", [{**ROW, "model": " "}], "non-empty string"),
])
def test_record_results_rejects_bad_rows(notebook, rows, message):
    course.set_current(notebook)
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        results.record_results(rows)


# --- the runner, on small notebooks --------------------------------------------

def _notebook(folder: Path, name: str, *sources: str) -> Path:
    course_nb = json.loads((ROOT / "notebooks" / "01_sequential_data.ipynb")
                           .read_text(encoding="utf-8"))
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": s, "id": f"c{i}"} for i, s in enumerate(sources)]
    path = folder / name
    path.write_text(json.dumps({"cells": cells, "metadata": course_nb["metadata"],
                                "nbformat": 4, "nbformat_minor": 5}))
    return path


def SETUP(number: str) -> str:  # noqa: N802 (a constant in spirit: the setup line of notebook NN)
    return (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import utils; "
            f"utils.course.set_current({number!r})")


def test_runner_writes_the_json_and_merges_one_notebook(tmp_path, monkeypatch):
    folder = tmp_path / "nbs"
    folder.mkdir()
    record = ('utils.record_results([{{"model": "m", "metric": "accuracy", "value": {v}, '
              '"epoch_s": 1.5, "reference": "0.5"}}])')
    _notebook(folder, "01_a.ipynb", SETUP("01"), record.format(v=0.75))
    _notebook(folder, "02_b.ipynb", SETUP("02"),
              "import os; assert os.environ['COURSE_PROFILE'] == 'quick'",
              record.format(v=0.5))
    out = tmp_path / "quick.json"
    assert run_results.main(["--profile", "quick", "--notebooks", str(folder),
                             "--out", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["profile"] == "quick" and written["schema"] == run_results.SCHEMA
    assert [nb["notebook"] for nb in written["notebooks"]] == ["01", "02"]
    assert all(nb["wall_s"] > 0 for nb in written["notebooks"])
    assert written["notebooks"][0]["rows"][0]["value"] == 0.75
    env = written["environment"]
    assert env["cores"] >= 1 and env["cpu"] and env["device"] == "CPU" and env["versions"]["keras"]

    _notebook(folder, "02_b.ipynb", SETUP("02"), record.format(v=0.625))
    assert run_results.main(["--profile", "quick", "--notebooks", str(folder), "--out", str(out),
                             "--only", "02"]) == 0
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert [nb["rows"][0]["value"] for nb in merged["notebooks"]] == [0.75, 0.625]

    # a file measured on another CPU: refused before any notebook runs (02 would fail here)
    merged["environment"]["cpu"] = "another CPU"
    out.write_text(json.dumps(merged), encoding="utf-8")
    _notebook(folder, "02_b.ipynb", SETUP("02"), "raise SystemExit('02 ran')")
    with pytest.raises(SystemExit) as refused:
        run_results.main(["--profile", "quick", "--notebooks", str(folder), "--out", str(out),
                          "--only", "02"])
    assert refused.value.code == 2
    assert json.loads(out.read_text(encoding="utf-8")) == merged

    # and one run under another thread setting: its times would not compare either
    monkeypatch.delenv("TF_NUM_INTRAOP_THREADS", raising=False)
    merged["environment"] |= {"cpu": env["cpu"], "threads": "1"}
    out.write_text(json.dumps(merged), encoding="utf-8")
    with pytest.raises(SystemExit) as refused:
        run_results.main(["--profile", "quick", "--notebooks", str(folder), "--out", str(out),
                          "--only", "02"])
    assert refused.value.code == 2


def test_a_run_says_when_its_notebooks_ran_one_thread_each():
    run = {"profile": "full", "date": "2026-12-07",
           "environment": {"cpu": "AMD EPYC 7B13", "cores": 2, "device": "CPU"}}
    assert results.describe_run(run) == "full profile, AMD EPYC 7B13, 2 cores, CPU, 2026-12-07"
    run["environment"]["threads"] = "1"
    assert results.describe_run(run) == (
        "full profile, AMD EPYC 7B13, 2 cores, one thread each, CPU, 2026-12-07")


def test_runner_times_the_parts_and_saves_the_executed_notebook(tmp_path):
    folder, executed = tmp_path / "nbs", tmp_path / "executed"
    folder.mkdir()
    course_nb = json.loads((ROOT / "notebooks" / "01_sequential_data.ipynb")
                           .read_text(encoding="utf-8"))

    def cell(kind, src, tags=()):
        extra = {"outputs": [], "execution_count": None} if kind == "code" else {}
        return {"cell_type": kind, "metadata": {"tags": list(tags)}, "source": src,
                "id": f"c{len(cells)}", **extra}

    cells = []
    for kind, src, tags in [
            ("code", SETUP("01"), ()),
            ("code", "import time\ntime.sleep(0.2)\nprint('trained')", ("first-result",)),
            ("code", 'utils.slow_cell("long wait")\ntime.sleep(0.5)\n'
                     'print("\\n".join(map(str, range(500))))', ()),
            ("code", 'utils.record_results([{"model": "m", "metric": "accuracy", '
                     '"value": 0.75}])', ()),
            ("markdown", "## Solutions (풀이)", ()),
            ("code", "#@title Solution 1: wait\ntime.sleep(0.4)", ())]:
        cells.append(cell(kind, src, tags))
    (folder / "01_a.ipynb").write_text(json.dumps(
        {"cells": cells, "metadata": course_nb["metadata"], "nbformat": 4, "nbformat_minor": 5}))
    out = tmp_path / "full.json"
    assert run_results.main(["--profile", "full", "--notebooks", str(folder), "--out", str(out),
                             "--executed", str(executed)]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))["notebooks"][0]
    assert record["seed"] == profile.current_seed()
    assert record["solutions_s"] >= 0.4 and record["lesson_s"] >= 0.7
    assert record["lesson_s"] + record["solutions_s"] == pytest.approx(record["wall_s"], abs=0.15)
    assert 0.2 <= record["first_result_s"] < record["lesson_s"]
    assert set(record["cells"]) == {"long wait"} and record["cells"]["long wait"] >= 0.5
    nb = json.loads((executed / "01_a.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["course"]["profile"] == "full"
    printed = "".join(nb["cells"][2]["outputs"][-1]["text"])
    assert "lines trimmed" in printed and printed.count("\n") < 100 and "499" in printed
    shown = [o for o in nb["cells"][3]["outputs"] if o.get("metadata")]
    assert shown[0]["metadata"]["course_results"]["rows"] == record["rows"]
    assert all("execution" not in c["metadata"] for c in nb["cells"])


def test_slow_cell_prints_the_reference_time(tmp_path, capsys, monkeypatch, notebook_08):
    monkeypatch.setenv("COURSE_PROFILE", "full")
    monkeypatch.delenv(results.RESULTS_FILE_ENV, raising=False)
    assert "not yet timed" in results.slow_cell("models", folder=tmp_path)
    (tmp_path / "full.json").write_text(json.dumps({
        "profile": "full", "date": "2026-12-03",
        "environment": {"cpu": "AMD EPYC 7B13 64-Core Processor", "cores": 2, "device": "CPU"},
        "notebooks": [{"notebook": "08", "cells": {"models": 845.2}}]}))
    line = results.slow_cell("models", folder=tmp_path)
    assert line == ("Slow cell (models): 14 min 05 s in the reference run (full profile, AMD EPYC "
                    "7B13, 2 cores, CPU, 2026-12-03); it prints its progress as it goes.")
    assert line in capsys.readouterr().out
    # In a make results run nothing is read from results/: the copy gets this run's time.
    monkeypatch.setenv(results.RESULTS_FILE_ENV, str(tmp_path / "record.json"))
    assert results.slow_cell("models", folder=tmp_path) == (
        "Slow cell (models): timed by this run; it prints its progress as it goes.")


def test_runner_fails_on_an_error_or_a_missing_record_and_keeps_the_old_json(tmp_path, capsys):
    folder = tmp_path / "nbs"
    folder.mkdir()
    out = tmp_path / "quick.json"
    out.write_text("{}")
    _notebook(folder, "01_a.ipynb", SETUP("01"), "raise ValueError('a deliberate error')")
    assert run_results.main(["--profile", "quick", "--notebooks", str(folder),
                             "--out", str(out)]) == 1
    assert "01_a.ipynb failed in the quick profile" in capsys.readouterr().err
    _notebook(folder, "01_a.ipynb", SETUP("01"), "x = 1")
    assert run_results.main(["--profile", "quick", "--notebooks", str(folder),
                             "--out", str(out)]) == 1
    assert "recorded no results" in capsys.readouterr().err
    assert out.read_text() == "{}"


def test_runner_rejects_an_unknown_profile(tmp_path):
    with pytest.raises(ValueError, match="unknown course profile 'fast'"):
        run_results.main(["--profile", "fast", "--out", str(tmp_path / "x.json")])


# --- results/*.json and the README ---------------------------------------------

@pytest.mark.parametrize("profile", ["quick", "full"])
def test_committed_results_cover_every_notebook(profile):
    path = ROOT / "results" / f"{profile}.json"
    assert path.is_file(), f"{path} is missing: run make results PROFILE={profile}"
    found = json.loads(path.read_text(encoding="utf-8"))
    assert found["profile"] == profile and found["schema"] == run_results.SCHEMA
    numbers = [nb["notebook"] for nb in found["notebooks"]]
    assert numbers == [p.name[:2] for p in course.notebooks()]
    for nb in found["notebooks"]:
        assert nb["wall_s"] > 0 and nb["rows"], nb["notebook"]
        for i, row in enumerate(nb["rows"]):
            assert results._check_row(i, row) == row
    env = found["environment"]
    for key in ("cpu", "cores", "device", "versions", "data_files", "jena_period", "commit"):
        assert key in env, key
    assert env["jena_period"] in ("2009-2016", "2020")


def test_the_recorded_runs_are_of_two_cpu_cores():
    """The text says run times are for two CPU cores (title cells, README): the runs say so."""
    for profile_name, run in render_readme.load_results().items():
        env = run["environment"]
        assert env["cores"] == 2 and env["device"] == "CPU", (profile_name, env)


def test_readme_tables_match_the_results_json():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = render_readme.render(readme, render_readme.load_results(),
                                    render_readme.notebook_titles())
    assert readme == expected, ("README.md's tables differ from results/*.json: "
                                "run python -m tools.render_readme")
    text = render_readme.RESULTS_README.read_text(encoding="utf-8")
    assert text == render_readme.render_results(text, render_readme.load_results()), \
        "results/README.md differs from results/*.json: run python -m tools.render_readme"


def test_render_formats_and_markers():
    assert render_readme.duration(None) == "—"
    assert render_readme.duration(8.4) == "8 s"
    assert render_readme.duration(886) == "14 min 46 s"
    assert (render_readme.number(0.8541) == "0.854"
            and render_readme.number(2.816, "°C") == "2.82 °C")
    with pytest.raises(ValueError, match="course-table"):
        render_readme.render("no markers here", {}, {})


def test_data_readme_table_matches_the_registry():
    text = render_readme.DATA_README.read_text(encoding="utf-8")
    expected = render_readme.replace_block(text, "data-table", render_readme.data_table())
    assert text == expected, ("data/README.md differs from utils/registry.toml: "
                              "run python -m tools.render_readme")
    for name in data.DATASETS:
        assert f"| `{name}` |" in text


# --- the benchmark's table (tools/bench.py) -------------------------------------

def _doc(commit, wall, rows):
    return {"profile": "full", "environment": {"cpu": "AMD EPYC", "cores": 2, "device": "CPU",
                                               "commit": commit},
            "notebooks": [{"notebook": "08", "wall_s": wall, "rows": rows}]}


def test_bench_table_gives_ratios_and_marks_headlines_outside_the_tolerance(tmp_path, capsys):
    from tools import bench

    before = _doc("aaa", 600.0, [
        {"model": "LSTM(32)", "metric": "test accuracy", "value": 0.880, "epoch_s": 20.0},
        {"model": "GRU(32)", "metric": "test accuracy", "value": 0.880, "epoch_s": 25.0},
        {"model": "GRU", "metric": "validation MAE", "value": 2.00, "epoch_s": None},
        {"model": "char", "metric": "held-out perplexity", "value": 5.00, "epoch_s": None}])
    after = _doc("bbb", 300.0, [
        {"model": "LSTM(32)", "metric": "test accuracy", "value": 0.876, "epoch_s": 10.0},  # -0.4
        {"model": "GRU(32)", "metric": "test accuracy", "value": 0.874, "epoch_s": 10.0},   # -0.6
        {"model": "GRU", "metric": "validation MAE", "value": 2.03, "epoch_s": None},       # +1.5 %
        {"model": "char", "metric": "held-out perplexity", "value": 5.15, "epoch_s": None}])  # +3 %
    text = bench.table(before, after)
    assert "| 08 | 600 | 300 | 0.50 |" in text
    assert "| 08 | LSTM(32) | 20.00 | 10.00 | 0.50 |" in text
    assert "| 08 | LSTM(32) | test accuracy | 0.8800 | 0.8760 | ok |" in text
    assert "| 08 | GRU(32) | test accuracy | 0.8800 | 0.8740 | worse |" in text
    assert "| 08 | GRU | validation MAE | 2.0000 | 2.0300 | ok |" in text
    assert "| 08 | char | held-out perplexity | 5.0000 | 5.1500 | worse |" in text
    assert bench.any_worse(text)

    (tmp_path / "b.json").write_text(json.dumps(before))
    (tmp_path / "a.json").write_text(json.dumps(after))
    assert bench.main(["--compare", str(tmp_path / "b.json"), str(tmp_path / "a.json")]) == 1
    assert "worse" in capsys.readouterr().out
    assert bench.main(["--compare", str(tmp_path / "b.json"), str(tmp_path / "b.json")]) == 0


def test_runner_merges_the_after_side_of_a_bench_run_without_running_anything(tmp_path, capsys):
    out = tmp_path / "full.json"
    old = {"profile": "full", "environment": {"cpu": "AMD EPYC", "cores": 2, "device": "CPU"},
           "notebooks": [{"notebook": n, "wall_s": 10.0, "rows": []} for n in ("01", "08")]}
    out.write_text(json.dumps(old))
    new = {"notebook": "08", "file": "08_x.ipynb", "wall_s": 5.0, "device": "CPU",
           "rows": [{"model": "LSTM(32)", "metric": "test accuracy", "value": 0.88}]}
    after = run_results.assemble([new], "full", run_results.dt.datetime(2026, 1, 2),
                                 {"cpu": "AMD EPYC", "cores": 2, "device": "CPU",
                                  "platform": "Linux", "versions": {"keras": "3"},
                                  "commit": "bbb", "data_dir": "offline mirror"})
    bench_json = tmp_path / "bench.json"
    bench_json.write_text(json.dumps({"before": {}, "after": after, "failed": ["09 (before)"]}))
    assert run_results.main(["--profile", "full", "--out", str(out),
                             "--from-bench", str(bench_json)]) == 0
    assert "failed notebooks, not merged: 09 (before)" in capsys.readouterr().err
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert [(nb["notebook"], nb["wall_s"]) for nb in merged["notebooks"]] == [("01", 10.0),
                                                                              ("08", 5.0)]
    assert merged["total_s"] == 15.0 and merged["environment"]["commit"] == "bbb"
    assert merged["notebooks"][1]["rows"] == new["rows"]
    env = merged["environment"]
    assert (env["cpu"], env["cores"], env["data_dir"]) == ("AMD EPYC", 2, "offline mirror")
    assert merged["date"] == "2026-01-02"                 # the bench's day, not today
    before_rejects = out.read_text(encoding="utf-8")
    for argv in (["--profile", "quick"],                  # a full-profile bench, not quick
                 ["--profile", "full", "--only", "01"]):  # the bench decides the notebooks
        with pytest.raises(SystemExit):
            run_results.main([*argv, "--out", str(out), "--from-bench", str(bench_json)])
    bench_json.write_text(json.dumps({"before": {}, "after": {**after, "notebooks": []}}))
    with pytest.raises(SystemExit):                       # a bench that ran nothing
        run_results.main(["--profile", "full", "--out", str(out), "--from-bench", str(bench_json)])
    assert out.read_text(encoding="utf-8") == before_rejects


def test_bench_keeps_the_notebooks_it_timed_when_a_later_one_fails(tmp_path, monkeypatch, capsys):
    import contextlib

    from tools import bench, run_results

    tree = tmp_path / "before"
    (tree / "notebooks").mkdir(parents=True)
    after_paths = []
    for name in ("08_a.ipynb", "09_b.ipynb", "10_c.ipynb"):
        (tree / "notebooks" / name).write_text("{}")
        after_paths.append(tmp_path / name)
        after_paths[-1].write_text("{}")

    def run_notebook(path, profile_name, timeout):
        before = path.parent.name == "notebooks"
        if path.name.startswith("09") and before or path.name.startswith("10") and not before:
            raise run_results.RunError(f"{path.name[:2]} failed: AssertionError")
        wall = 600.0 if before else 300.0
        return {"notebook": path.name[:2], "file": path.name, "wall_s": wall, "device": "CPU",
                "rows": [{"model": "LSTM(32)", "metric": "test accuracy", "value": 0.88,
                          "epoch_s": wall / 30}]}

    monkeypatch.setattr(bench, "Worktree", lambda rev: contextlib.nullcontext(tree))
    monkeypatch.setattr(bench, "commit_of", lambda rev: "aaa")
    monkeypatch.setattr(bench.course, "notebooks", lambda: after_paths)
    monkeypatch.setattr(run_results, "run_notebook", run_notebook)
    monkeypatch.setattr(run_results, "environment",
                        lambda records: {"cpu": "AMD EPYC", "cores": 2, "device": "CPU"})
    out = tmp_path / "bench.json"
    assert bench.main(["--before", "aaa", "--out", str(out)]) == 1   # a failure is not a pass
    text = out.with_suffix(".md").read_text()
    assert "| 08 | 600 | 300 | 0.50 |" in text                      # 08's pair is kept
    assert "| 09 |" not in text and "| 10 |" not in text
    assert "Failed, so left out of the tables: 09 (before), 10 (after)" in text
    saved = json.loads(out.read_text())
    for side in ("before", "after"):      # 10's before run is dropped with its failed after run
        assert [r["notebook"] for r in saved[side]["notebooks"]] == ["08"]
    assert saved["failed"] == ["09 (before)", "10 (after)"]
    assert "09 failed: AssertionError" in capsys.readouterr().err
    log = (tmp_path / "bench-log.md").read_text()            # the run is logged too
    assert log.startswith(bench.LOG_TITLE) and "| 08 | 600 | 300 | 0.50 |" in log
    assert "python -m tools.bench --before aaa --out" in log


def test_bench_log_puts_the_newest_run_first_and_keeps_the_older_ones(tmp_path):
    from tools import bench

    log = tmp_path / "bench-log.md"
    bench.add_to_log(log, "## run 1\n\n| 06 | 382 | 252 | 0.66 |\n")
    bench.add_to_log(log, "## run 2\n\n| 10 | 1105 | 904 | 0.82 |\n")
    text = log.read_text()
    assert text.startswith(bench.LOG_TITLE)
    assert text.index("## run 2") < text.index("## run 1")
    assert text.count("| 06 | 382 | 252 | 0.66 |") == 1 and text.endswith("0.66 |\n")
    other = tmp_path / "notes.md"
    other.write_text("# my notes\n")
    with pytest.raises(ValueError, match="not a bench log"):
        bench.add_to_log(other, "## run 3\n")
    assert other.read_text() == "# my notes\n"
