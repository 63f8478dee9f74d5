"""tools/lesson_stats.py and tools/notebook_parts.py: counting a notebook's parts."""

from tools import lesson_stats, notebook_parts


def _cell(kind, src, tags=(), hidden=False):
    meta = {"tags": list(tags)}
    if hidden:
        meta["jupyter"] = {"source_hidden": True}
    return {"cell_type": kind, "metadata": meta, "source": src}


NB = {"cells": [
    _cell("markdown", "# 99 · Title\n\nwords words"),
    _cell("code", "# Setup (the same in every notebook)\nimport utils\nP = utils.setup()"),
    _cell("code", "x = 1\n\n# a comment\ny = x + 1"),
    _cell("code", "model.fit(x, y)\nacc = 0.9"),
    _cell("code", "gap = acc - 0.5\nassert gap > 0.1, 'the text says clearly above chance'\n"
                  "if True:\n    assert acc < 1\n"
                  "display(Markdown(f'{acc:.2f}'))\nprint(utils.claims.times(1, 2))"),
    _cell("code", "# Checks: the sentences of section 1\nz = y * 2\nassert z == 4"),
    _cell("markdown", "## Summary (학습정리)\n\n- one"),
    _cell("markdown", "## Solutions (풀이)"),
    _cell("code", "#@title Solution 1: x\nprint(x)\nprint(y)"),
]}


def test_parts():
    cells = NB["cells"]
    assert notebook_parts.solutions_start(cells) == 7
    assert notebook_parts.first_result(cells) == 3
    tagged = [*cells[:2], _cell("code", "print(1)", tags=["first-result"]), *cells[2:]]
    assert notebook_parts.first_result(tagged) == 2
    assert notebook_parts.slow_cells([_cell("code", 'utils.slow_cell("08", "seven models")')]) \
        == {0: "seven models"}
    assert notebook_parts.calls_training("h = m.train_on_batch(x, y)")
    assert not notebook_parts.calls_training("m.predict(x)")


def test_stats_counts_each_kind():
    row = lesson_stats.stats(NB)
    # lesson: x = 1, y = x + 1, model.fit; checks: acc and gap (read only by checks and the
    # verdict), the assert, the if of asserts (2 lines), the # Checks cell (2 lines);
    # verdict: 2 lines
    assert (row["lesson"], row["checks"], row["verdict"], row["setup"], row["solutions"]) == \
        (3, 7, 2, 2, 2)
    assert row["lesson_share"] == 3 / 12
    assert row["first_result_cell"] == 3 and row["code_before"] == 4
    assert row["words_before"] == 6      # "# 99 · Title words words" split on spaces
    table = lesson_stats.table({"99": row})
    assert "| 99 | 16 | 3 | 2 | 7 | 2 | 2 | 25% | 3 of 9 | 4 | 6 | — | — |" in table


def test_times_from_nbclient_metadata():
    timed = {"cells": [dict(c) for c in NB["cells"]]}
    for i, (start, end) in {1: ("00:00:00", "00:00:02"), 3: ("00:00:02", "00:01:02"),
                            5: ("00:01:02", "00:01:05"), 8: ("00:01:05", "00:02:00")}.items():
        timed["cells"][i] = {**timed["cells"][i], "metadata": {"execution": {
            "iopub.execute_input": f"2026-12-02T{start}Z",
            "shell.execute_reply": f"2026-12-02T{end}Z"}}}
    row = lesson_stats.stats(NB, timed=timed)
    assert row["first_result_s"] == 62 and row["summary_s"] == 65
    row = lesson_stats.stats(NB, record={"first_result_s": 30.0, "lesson_s": 40.0})
    assert (row["first_result_s"], row["summary_s"]) == (30.0, 40.0)
