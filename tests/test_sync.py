"""tools/sync_notebooks.py: the generated parts of every notebook, its diagrams as images,
the reference-run block and the executed copies."""

from __future__ import annotations

import base64
import json

import pytest

from tools import sync_notebooks as sync
from utils import course

NOTEBOOKS = course.notebooks()


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_setup_cell_has_the_profile_switch_and_is_hidden(path):
    cells = _cells(path)
    i = next(i for i, c in enumerate(cells) if c["cell_type"] == "code")
    setup = "".join(cells[i]["source"])
    assert setup.startswith(sync.SETUP_TITLE) and 'PROFILE = "full"  #@param' in setup
    assert f'P = utils.setup(PROFILE, notebook="{path.name[:2]}")' in setup
    assert cells[i]["metadata"]["cellView"] == "form"
    assert cells[i]["metadata"]["jupyter"]["source_hidden"] is True
    assert "".join(cells[i - 1]["source"]).startswith("**Setup: run me first")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_titled_cell_is_hidden_in_jupyterlab_and_colab_and_no_other(path):
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        titled = "".join(cell["source"]).startswith("#@title")
        meta = cell.get("metadata", {})
        hidden = meta.get("jupyter", {}).get("source_hidden", False)
        assert titled == hidden == (meta.get("cellView") == "form"), \
            f"{path.name}: {''.join(cell['source'])[:60]!r}"


def test_gpu_notebooks_ask_colab_for_a_gpu():
    for path in NOTEBOOKS:
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        gpu = path.name[:2] in course.GPU_NOTEBOOKS
        assert (meta.get("accelerator") == "GPU") == gpu, path.name
        if gpu:
            assert meta["colab"]["gpuType"] == "T4"
            assert sync.GPU_LINE in "".join(_cells(path)[0]["source"]).replace("\n", " ")


def test_images_round_trip_between_pair_and_notebook():
    text = "A diagram:\n\n![The LSTM cell](images/lstm_cell.png)"
    embedded = sync.embed_images(text)
    assert "data:image/png;base64," in embedded and '"images/lstm_cell.png")' in embedded
    png = base64.b64decode(embedded.split("base64,", 1)[1].split(" ", 1)[0])
    assert png == (sync.IMAGES / "lstm_cell.png").read_bytes()
    assert sync.unembed_images(embedded) == text
    assert sync.embed_images(embedded) == embedded


def test_committed_images_are_drawn_from_todays_diagrams():
    names = {p.stem for p in sync.IMAGES.glob("*.png")}
    assert names and sync.stale_images(names) == []
    for name in names:
        assert sync.png_text((sync.IMAGES / f"{name}.png").read_bytes())["Source"] == \
            sync.diagrams_fingerprint()


def test_an_image_is_stale_when_diagrams_py_changes(tmp_path, monkeypatch):
    changed = tmp_path / "diagrams.py"
    changed.write_text(sync.DIAGRAMS_SOURCE.read_text() + "\n# changed\n")
    monkeypatch.setattr(sync, "DIAGRAMS_SOURCE", changed)
    assert sync.stale_images(["lstm_cell", "gru_cell"]) == ["gru_cell", "lstm_cell"]
    monkeypatch.setattr(sync, "IMAGES", tmp_path)
    assert sync.refresh_images(["gru_cell"]) == ["gru_cell"]
    assert sync.stale_images(["gru_cell"]) == []
    assert sync.png_text((tmp_path / "gru_cell.png").read_bytes())["Source"].endswith(
        sync.diagrams_fingerprint().rsplit(":", 1)[1])


def test_an_unknown_diagram_is_refused():
    with pytest.raises(ValueError, match="no diagram 'nope'"):
        sync.draw_diagram("nope")


def _record(**extra):
    run = {"profile": "full", "date": "2026-12-03",
           "environment": {"cpu": "AMD EPYC 7B13 64-Core Processor", "cores": 2, "device": "CPU"}}
    return {"notebook": "08", "seed": 42, "wall_s": 1589.4, "lesson_s": 1201.0,
            "solutions_s": 388.4, "cells": {"models": 845.2}, "_run": run,
            "rows": [{"model": "LSTM(32)", "metric": "test accuracy", "value": 0.883, "unit": "",
                      "reference": "about 0.89"}], **extra}


def test_the_blocks_of_a_source_and_of_a_copy():
    summary = "## Summary (학습정리)\n\n- one finding."
    source = sync.with_reference_block(summary, sync.source_block("08_x.ipynb"))
    assert sync.with_reference_block(source, sync.source_block("08_x.ipynb")) == source
    assert "executed/08_x.ipynb" in source and not any(ch.isdigit() for ch in
                                                       source.split("08_x")[0][len(summary):])
    copy = sync.copy_block(_record())
    assert "**This copy is the reference run** (full profile, AMD EPYC 7B13, 2 cores, CPU, " \
           "2026-12-03, seed 42)" in copy
    assert "26 min 29 s in all (20 min 01 s to the summary, solutions 6 min 28 s)" in copy
    assert "0.883" not in copy, "the numbers are shown once, in the results table"
    assert "not in `results/full.json`" in sync.copy_block(None)


def test_sources_do_not_change_when_only_the_measurements_do(tmp_path):
    """make results with unchanged code leaves notebooks/ as it was: sync reports no source
    stale whatever results/ holds (only the executed copies follow the measurements)."""
    path = NOTEBOOKS[7]
    other = {"full": {path.name[:2]: _record(wall_s=9.0, lesson_s=5.0, solutions_s=4.0)}}
    for runs in ({}, other, sync.measured_runs()):
        stale = sync.sync(path, check=True, runs=runs)
        assert [s for s in stale if not s.startswith("executed/")] == [], stale


def test_an_executed_copy_gets_its_own_runs_times():
    out = [{"output_type": "stream", "name": "stdout",
            "text": "Slow cell (models): timed by this run; it prints its progress as it goes.\n"
                    "epoch 1/2\n"}]
    title = ("# 08 · A title (제목)\n\n" + sync.RUN_TIME_LINE + "\n\n" + sync.PROFILE_LINE)
    notebook = _nb(("markdown", title, None, None), ("code", "setup()", [], None),
                   ("code", 'utils.slow_cell("models")', [], None),
                   ("markdown", "## Summary (학습정리)\n\n" + sync.source_block("08_x.ipynb"),
                    None, None))
    ran = _nb(("markdown", "# old", None, None), ("code", "setup()", [], 1),
              ("code", 'utils.slow_cell("models")', out, 2), ("markdown", "old", None, None))
    copy = sync.executed_copy(notebook, ran, _record())
    printed = "".join(copy["cells"][2]["outputs"][0]["text"])
    assert printed.startswith("Slow cell (models): 14 min 05 s in this run (full profile, AMD "
                              "EPYC 7B13, 2 cores, CPU, 2026-12-03)")
    assert printed.endswith("epoch 1/2\n")
    head = "".join(copy["cells"][0]["source"])
    assert "**This copy** is the reference run (full profile, AMD EPYC 7B13" in head
    assert sync.RUN_TIME_LINE not in head
    assert "This copy is the reference run" in "".join(copy["cells"][3]["source"])


def _nb(*cells):
    return {"cells": [{"cell_type": t, "metadata": {}, "source": s,
                       **({"outputs": o, "execution_count": n} if t == "code" else {})}
                      for t, s, o, n in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_merge_executed_carries_outputs_while_the_code_is_what_ran():
    out = [{"output_type": "stream", "name": "stdout", "text": "7\n"}]
    notebook = _nb(("markdown", "# new words", None, None), ("code", "setup()", [], None),
                   ("code", "print(7)", [], None))
    ran = _nb(("markdown", "# old words", None, None), ("code", "old setup()", [], 1),
              ("code", "print(7)", out, 2))
    merged = sync.merge_executed(notebook, ran)
    assert merged["cells"][0]["source"] == "# new words"
    assert merged["cells"][2]["outputs"] == out and merged["cells"][2]["execution_count"] == 2
    changed = _nb(("code", "setup()", [], None), ("code", "print(8)", [], None))
    assert sync.merge_executed(changed, ran) is None
    # Only comments changed: still the code that ran; the copy takes the new comments.
    commented = _nb(("markdown", "# new words", None, None), ("code", "setup()", [], None),
                    ("code", "# the answer\nprint(7)  # seven", [], None))
    merged = sync.merge_executed(commented, ran)
    assert merged["cells"][2]["source"] == "# the answer\nprint(7)  # seven"
    assert merged["cells"][2]["outputs"] == out
    # A "#" inside a string is code, not a comment.
    assert sync.without_comments('print("#7")') != sync.without_comments('print("#8")')
