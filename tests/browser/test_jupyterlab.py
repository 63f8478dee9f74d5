"""JupyterLab as a learner uses it: `make lab`, a browser, Run All, no errors.

Started by `make test-browser` (which installs Debian's Chromium first), not by
`make test-unit`. The test starts JupyterLab through `make lab` on a free
loopback port with a random token, in the quick profile, opens a notebook in
headless Chromium driven by Playwright, runs every cell through the Run menu,
expands the hidden solution cells, waits until every code cell has its
execution number, checks that no cell shows an error and that a diagram of
``tools.diagrams`` is drawn (its pixels against a blank strip beside it),
saves a screenshot to build/browser/, and stops the server. Before running,
it checks what a learner sees in a notebook that never ran: the setup cell and
the solutions collapsed, and the diagram in the Markdown drawn from its inline image.
A second run on a notebook with a failing cell shows the check can fail.

Nothing is written into notebooks/: autosave is off (JupyterLab settings in a
temporary folder) and the test compares the notebook file before and after.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "build" / "browser"
# As the machine's documentation says: without the background-networking
# flags Chromium keeps trying to reach Google's hosts on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(folder: Path) -> None:
    """JupyterLab user settings for the test: no autosave, every cell in the page."""
    docmanager = folder / "@jupyterlab" / "docmanager-extension"
    notebook = folder / "@jupyterlab" / "notebook-extension"
    docmanager.mkdir(parents=True)
    notebook.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    (notebook / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab started by `make lab`: yields (base URL, token); stopped afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `make browser` (make test-browser does)")
    tmp = tmp_path_factory.mktemp("lab")
    _settings(tmp / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    env = os.environ | {
        "COURSE_PROFILE": "quick",
        "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
    }
    log = open(tmp / "lab.log", "w")
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    server = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"JupyterLab did not start:\n{(tmp / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield base, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import (
        sync_playwright,  # pinned in requirements.txt: a failure, never a skip
    )

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Counts, over the notebook's code cells, those not yet run, running and done,
# and lists the red outputs. JupyterLab renders a traceback and text written to
# stderr with the same MIME type; a traceback is told apart by its text.
STATE_JS = """() => {
  const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
  const cells = [...document.querySelectorAll(panel + '.jp-CodeCell')];
  const prompts = cells.map(c => (c.querySelector('.jp-InputPrompt')?.textContent || '').trim());
  const red = [...document.querySelectorAll(
      panel + '[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(e => e.textContent);
  return {cells: cells.length,
          done: prompts.filter(p => /^\\[\\d+\\]:$/.test(p)).length,
          running: prompts.filter(p => p === '[*]:').length,
          stderr: red.map(t => t.slice(-300)),
          errors: red.filter(t => /Traceback|^\\w*(Error|Exception)\\b/m.test(t))
                     .map(t => t.slice(-300))};
}"""


# Before anything runs: which code cells show their input collapsed, and the Markdown
# images (the diagrams, inline data: URIs) with whether each has loaded.
UNRUN_JS = """() => {
  const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
  const cells = [...document.querySelectorAll(panel + '.jp-CodeCell')];
  const images = [...document.querySelectorAll(panel + '.jp-MarkdownCell img')];
  return {collapsed: cells.map(c => !!c.querySelector('.jp-InputPlaceholder')),
          images: images.map(i => ({alt: i.alt, loaded: i.complete && i.naturalWidth > 0,
                                    width: i.naturalWidth, data: i.src.startsWith('data:')}))};
}"""


ALL_EXPANDED_JS = """() => [...document.querySelectorAll(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')]
    .every(c => (c.querySelector('.jp-InputPrompt')?.textContent || '').trim() !== '')"""


# The first diagram in the notebook's Markdown (an inline PNG drawn by tools.diagrams), and
# beside it, the same height of its cell's prompt column, which stays blank.
DIAGRAM_JS = """() => {
  const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
  const img = document.querySelector(panel + '.jp-MarkdownCell img[src^="data:image/png"]');
  if (!img) return null;
  img.scrollIntoView({block: 'center'});
  const box = img.getBoundingClientRect();
  const prompt = img.closest('.jp-MarkdownCell').querySelector('.jp-InputPrompt')
      .getBoundingClientRect();
  return {loaded: img.complete && img.naturalWidth > 0,
          figure: {x: box.x, y: box.y, width: box.width, height: box.height},
          blank: {x: prompt.x, y: box.y, width: prompt.width, height: box.height}};
}"""


def _pixel_spread(png: bytes) -> float:
    """The standard deviation of the grey levels of a screenshot (0 for a blank area)."""
    import io

    import numpy as np
    from PIL import Image

    return float(np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float).std())


def diagram_pixels(page) -> dict | None:
    """Screenshots of the notebook's first diagram and of a blank strip beside it, summarised."""
    found = page.evaluate(DIAGRAM_JS)
    if found is None:
        return None
    page.wait_for_timeout(300)
    found = page.evaluate(DIAGRAM_JS)
    spread = {name: _pixel_spread(page.screenshot(clip=found[name]))
              for name in ("figure", "blank") if found[name]["width"] >= 20}
    return {"loaded": found["loaded"], **spread}


def run_all_in_lab(browser, base: str, token: str, notebook: str, shot: Path,
                   timeout: float = 600, expect_diagram: bool = True) -> dict:
    """Open ``notebook`` (relative to notebooks/), Run All Cells from the menu, wait;
    return the state, with ``diagram``: pixel statistics of its first diagram."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # A workspace of its own, so that no tab of an earlier test is restored beside it.
        workspace = secrets.token_hex(4)
        page.goto(f"{base}/lab/workspaces/{workspace}/tree/{notebook}?token={token}",
                  timeout=120_000)
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell",
                               timeout=120_000)
        # This notebook's kernel must be ready before Run All, or the click runs nothing.
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) "
                               ".jp-Notebook-ExecutionIndicator[data-status='idle']",
                               timeout=120_000)
        if expect_diagram:        # Markdown renders after the kernel is ready: wait for it
            page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell "
                                   "img[src^='data:image/png']", state="attached",
                                   timeout=60_000)
        page.wait_for_timeout(500)
        unrun = page.evaluate(UNRUN_JS)
        # Solutions are hidden by default, and a hidden cell shows no prompt: show them all.
        # Right after the page loads the command can miss the notebook, so repeat until it took.
        for _ in range(20):
            page.get_by_role("menuitem", name="View", exact=True).click()
            page.get_by_role("menuitem", name="Expand All Code", exact=True).click()
            page.wait_for_timeout(500)
            if page.evaluate(ALL_EXPANDED_JS):
                break
        else:
            raise AssertionError("View > Expand All Code left some code cells collapsed")
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        deadline = time.monotonic() + timeout
        while True:
            state = page.evaluate(STATE_JS)
            if state["errors"] or (state["done"] == state["cells"] and not state["running"]):
                break
            if time.monotonic() > deadline:
                break
            page.wait_for_timeout(1000)
        page.wait_for_timeout(500)
        state = page.evaluate(STATE_JS)
        state["unrun"] = unrun
        state["diagram"] = diagram_pixels(page)
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=False)
        return state
    finally:
        page.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _titled(notebook: Path) -> list[bool]:
    """For each code cell of the notebook file: does it start with ``#@title`` (hidden)?"""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]).startswith("#@title") for c in cells if c["cell_type"] == "code"]


def test_notebook_01_runs_in_jupyterlab_without_errors(lab, browser):
    base, token = lab
    notebook = ROOT / "notebooks" / "01_sequential_data.ipynb"
    before = _digest(notebook)
    started = time.monotonic()
    state = run_all_in_lab(browser, base, token, notebook.name, SHOTS / "jupyterlab-01.png")
    print(f"notebook 01 in JupyterLab: {state['done']}/{state['cells']} code cells in "
          f"{time.monotonic() - started:.0f} s; screenshot {SHOTS / 'jupyterlab-01.png'}; "
          f"diagram pixels {state['diagram']}")
    assert not state["errors"], f"cells show errors: {state['errors']}"
    assert not state["stderr"], f"cells show red text (warnings): {state['stderr']}"
    assert state["cells"] > 10 and state["done"] == state["cells"], state
    # Before anything ran: the setup cell and every solution collapsed, nothing else; and the
    # diagram in the Markdown drawn from its inline image, with no cell run.
    titled = _titled(notebook)
    assert state["unrun"]["collapsed"] == titled, state["unrun"]["collapsed"]
    assert titled[0] and sum(titled) > 1, "the setup cell and at least one solution are hidden"
    # (the Colab badge, an address outside this offline machine, does not load here)
    diagrams = [i for i in state["unrun"]["images"] if i["data"]]
    assert diagrams and all(i["loaded"] and i["width"] > 100 for i in diagrams), diagrams
    assert (SHOTS / "jupyterlab-01.png").stat().st_size > 10_000
    # The diagram is drawn: its pixels vary like a picture, the blank strip beside it does not.
    diagram = state["diagram"]
    assert diagram and diagram["loaded"], f"no rendered diagram in 01's Markdown: {diagram}"
    assert diagram["figure"] > 8 and diagram["blank"] < 2, diagram  # measured: 24.6 and 0.0
    assert _digest(notebook) == before, "the test wrote into the notebook file"


def test_a_failing_cell_is_seen(lab, browser):
    """The same check on a notebook whose second cell raises: the error must be found."""
    folder = ROOT / "notebooks" / "build-browser-test"
    folder.mkdir(exist_ok=True)
    try:
        cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                  "source": src}
                 for src in ("x = 1", "raise ValueError('a deliberate error')", "y = 2")]
        course_nb = json.loads((ROOT / "notebooks" / "01_sequential_data.ipynb")
                               .read_text(encoding="utf-8"))
        nb = {"cells": cells, "metadata": course_nb["metadata"], "nbformat": 4, "nbformat_minor": 5}
        (folder / "failing.ipynb").write_text(json.dumps(nb))
        base, token = lab
        state = run_all_in_lab(browser, base, token, "build-browser-test/failing.ipynb",
                               SHOTS / "jupyterlab-failing.png", timeout=120,
                               expect_diagram=False)
        assert state["errors"] and "deliberate error" in state["errors"][0], state
    finally:
        shutil.rmtree(folder, ignore_errors=True)
