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
    assert "P = utils.setup(PROFILE)" in setup
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


def test_reference_block():
    run = {"profile": "full", "date": "2026-12-03",
           "environment": {"cpu": "AMD EPYC 7B13 64-Core Processor", "cores": 2, "device": "CPU"}}
    record = {"_run": run, "seed": 42, "jena_period": "2020",
              "rows": [{"model": "GRU(32)", "metric": "validation MAE", "value": 2.4012,
                        "unit": "°C", "reference": None},
                       {"model": "LSTM(32)", "metric": "test accuracy", "value": 0.88312,
                        "unit": "", "reference": "about 0.89, validation (DLwP)"}]}
    block = sync.reference_block(record)
    assert block.startswith(sync.REFERENCE_START) and block.endswith(sync.REFERENCE_END)
    assert "full profile, AMD EPYC 7B13, 2 cores, CPU, 2026-12-03, seed 42, Jena 2020" in block
    assert "| GRU(32) | validation MAE | 2.4 °C | — |" in block
    assert "| LSTM(32) | test accuracy | 0.883 | about 0.89, validation (DLwP) |" in block
    summary = "## Summary (학습정리)\n\n- one point."
    once = sync.with_reference_block(summary, record)
    assert sync.with_reference_block(once, record) == once
    assert "not recorded yet" in sync.reference_block(None)


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
