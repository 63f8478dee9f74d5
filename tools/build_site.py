"""Build the course as a static HTML site (`make site`) from the executed notebooks.

The site is made from the copies of the notebooks that `make results PROFILE=full`
saves with their outputs in executed/; nothing is executed, nothing is downloaded.
It has a home page with the README's course table (its links rewritten to the
chapter pages), one page per notebook with its outputs, plots and diagrams,
previous/next links, a sidebar, search, and the hidden cells (code cells that start
with ``#@title``, or that JupyterLab hides) collapsed, their outputs shown.

Generator: Sphinx with myst-nb and sphinx-book-theme, the stack behind Jupyter Book 1.
myst-nb renders the saved outputs without a kernel (``nb_execution_mode = "off"``) and
collapses a cell's code from a cell tag (``hide-input``) with a plain <details>, and
Sphinx's search index, page tree and previous/next links are local files, so the site
works offline; mkdocs-jupyter's nbconvert templates load MathJax and require.js from CDNs,
and mkdocs-material fetches Google Fonts unless told otherwise. MathJax 3 itself comes
from the sphinx-mathjax-offline package (one file, SVG output, no web fonts).

Steps: check that executed/ has every notebook of notebooks/; copy them into a
staging folder, tagging the hidden cells (the copies, never executed/ itself) and
pointing the Colab badge images at a local copy; write index.md from README.md;
run Sphinx with the configuration in site/; check that no page loads a script,
stylesheet or image from outside the site.

    python -m tools.build_site                         # executed/ -> build/site/
    python -m tools.build_site --executed /tmp/executed --out /tmp/site
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import warnings
from importlib import metadata
from pathlib import Path

from utils import course

ROOT = course.ROOT
SITE_TITLE = "Recurrent Neural Networks with Keras"
SITE_CONFIG = ROOT / "site"
EXECUTED = ROOT / "executed"
OUT = ROOT / "build" / "site"
README = ROOT / "README.md"

TABLE_START = re.compile(r"<!-- course-table:start\b.*?-->[ \t]*\n?", re.S)
TABLE_END = "<!-- course-table:end -->"
# A Markdown link or image's target: ](address) or ](address "title").
LINK = re.compile(r"\]\(([^)\s]+)(\s+\"[^\"]*\")?\)")
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
LOCAL_BADGE = "_static/colab-badge.svg"
HIDE_TAG = "hide-input"
# MathJax 3.2.2, SVG output with every TeX extension in one file (no fonts, no lazy loads).
MATHJAX_PACKAGE = "sphinx-mathjax-offline"
MATHJAX_FILE = "sphinx-mathjax-offline/static/mathjax/tex-svg-full.js"
# A page element that loads something: <script src>, <link href> (stylesheets, icons,
# preloads), <img src>, <source src>, <iframe src>. Anchors (<a href>) may leave the site.
LOADS = re.compile(r"<(script|link|img|source|iframe)\b[^>]*?\b(?:src|href)=[\"']"
                   r"((?:https?:)?//[^\"']+)", re.I)


class SiteError(Exception):
    """The site cannot be built; the message says why and what to do."""


def executed_copies(executed: Path, notebooks: Path) -> list[Path]:
    """The executed copies of the course's notebooks, in course order.

    Every notebook of ``notebooks`` (``NN_*.ipynb``) must have a copy with outputs in
    ``executed``; raises :class:`SiteError` naming what is missing otherwise.
    """
    names = [path.name for path in course.notebooks(notebooks)]
    if not names:
        raise SiteError(f"no notebooks NN_*.ipynb in {notebooks}")
    hint = "the site is built from the executed copies: run `make results PROFILE=full`"
    if not executed.is_dir():
        raise SiteError(f"{executed} does not exist: {hint}")
    missing = [name for name in names if not (executed / name).is_file()]
    if missing:
        raise SiteError(f"{executed} lacks {len(missing)} of the {len(names)} notebooks "
                        f"({', '.join(missing)}): {hint}")
    copies = [executed / name for name in names]
    for path in copies:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [cell for cell in cells if cell["cell_type"] == "code"]
        if code and not any(cell.get("execution_count") for cell in code):
            raise SiteError(f"{path} has no executed cell (no outputs): {hint}")
    return copies


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def hidden_title(cell: dict) -> str | None:
    """For a code cell whose code is hidden, its title ('' when it has none); else None.

    Hidden: the first line starts with ``#@title`` (a Colab form: the setup cell and
    the worked solutions), or the cell's metadata hides it in JupyterLab
    (``{"jupyter": {"source_hidden": true}}``).
    """
    if cell["cell_type"] != "code":
        return None
    first = _source(cell).lstrip("\n").split("\n", 1)[0]
    form = re.match(r"#\s*@title\b(.*)", first)
    if form:   # the title, without a form's { display-mode: "form" }
        return re.sub(r"\{[^{}]*\}\s*$", "", form.group(1)).strip()
    if cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
        return ""
    return None


def prepare_notebook(source: Path, dest: Path) -> int:
    """Copy an executed notebook for the site; return how many cells have hidden code.

    A hidden cell gets the cell tag ``hide-input`` (myst-nb collapses its code and
    shows its outputs) and, when it has a ``#@title``, that title on its toggle. The
    Colab badge images point at the site's own copy of the badge.
    """
    nb = json.loads(source.read_text(encoding="utf-8"))
    hidden = 0
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = _source(cell).replace(COLAB_BADGE, LOCAL_BADGE)
        title = hidden_title(cell)
        if title is None:
            continue
        hidden += 1
        meta = cell.setdefault("metadata", {})
        tags = meta.setdefault("tags", [])
        if HIDE_TAG not in tags:
            tags.append(HIDE_TAG)
        if title:
            meta.setdefault("mystnb", {}).update(code_prompt_show=f"{title} (show code)",
                                                 code_prompt_hide=f"{title} (hide code)")
    dest.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return hidden


def rewrite_links(text: str, chapters: list[str]) -> str:
    """README Markdown for the site: its links to notebooks (``notebooks/NN_x.ipynb`` or
    ``executed/NN_x.ipynb``) go to the chapter pages, its other relative links to the
    repository on GitHub, and the Colab badge image to the site's own copy."""
    def target(match: re.Match) -> str:
        address, title = match.group(1), match.group(2) or ""
        notebook = re.fullmatch(r"(?:\./)?(?:notebooks|executed)/([0-9][0-9]_[^/]+\.ipynb)",
                                address)
        if address == COLAB_BADGE:
            address = LOCAL_BADGE
        elif notebook:
            if notebook.group(1) not in chapters:
                raise SiteError(f"the README links to {address}, which the site does not "
                                f"have: run `python -m tools.render_readme`")
            address = notebook.group(1)
        elif address.startswith("#"):
            address = f"{course.REPO_URL}{address}"
        elif not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|/", address):
            kind = "tree" if address.endswith("/") else "blob"
            address = f"{course.REPO_URL}/{kind}/{course.BRANCH}/{address.removeprefix('./')}"
        return f"]({address}{title})"

    return LINK.sub(target, text)


def course_table(readme: Path, chapters: list[str]) -> str:
    """The README's generated course table, its links made right for the site."""
    text = readme.read_text(encoding="utf-8")
    start = TABLE_START.search(text)
    end = text.find(TABLE_END, start.end() if start else 0)
    if not start or end < 0:
        raise SiteError(f"{readme} has no course table between '<!-- course-table:start' "
                        f"and '{TABLE_END}': run `python -m tools.render_readme`")
    return rewrite_links(text[start.end():end].strip(), chapters)


def introduction(readme: Path, chapters: list[str]) -> str:
    """The README's paragraphs between its title and its first section."""
    text = readme.read_text(encoding="utf-8")
    match = re.search(r"^# .*?\n(.*?)^## ", text, re.S | re.M)
    return rewrite_links(match.group(1).strip(), chapters) if match else ""


def write_index(readme: Path, chapters: list[str], dest: Path) -> None:
    """The home page: the README's introduction and course table, and the page tree."""
    stems = "\n".join(Path(name).stem for name in chapters)
    dest.write_text(f"""---
html_theme.sidebar_secondary.remove: true
---

# {SITE_TITLE}

{introduction(readme, chapters)}

Each chapter is one notebook as `make results` ran it, with its outputs.
To run one yourself, open it in Colab with its badge, or clone the repository
and run `make lab`.

## The course

```{{container}} course-table
{course_table(readme, chapters)}
```

```{{toctree}}
:hidden:
:caption: Chapters

{stems}
```
""", encoding="utf-8")


def mathjax() -> Path:
    """MathJax's one-file SVG build, from the installed sphinx-mathjax-offline package."""
    try:
        path = Path(metadata.distribution(MATHJAX_PACKAGE).locate_file(MATHJAX_FILE))
    except metadata.PackageNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise SiteError(f"MathJax not found ({MATHJAX_PACKAGE} is not installed): run "
                        f"`make setup` (it installs requirements.txt)")
    return path


def external_loads(site: Path) -> list[str]:
    """``page: address`` for every script, stylesheet or image a page loads from elsewhere."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for _, address in LOADS.findall(page.read_text(encoding="utf-8", errors="replace")):
            found.append(f"{page.relative_to(site)}: {address}")
    return found


def _clear(out: Path) -> None:
    """Remove an earlier build in ``out``; refuse to remove a folder that is not one."""
    if not out.exists():
        return
    if any(out.iterdir()) and not (out / ".buildinfo").is_file():
        raise SiteError(f"{out} exists and is not a site built by Sphinx: choose another --out")
    shutil.rmtree(out)


def build(executed: Path = EXECUTED, out: Path = OUT, notebooks: Path = course.NOTEBOOKS,
          readme: Path = README, quiet: bool = True) -> dict:
    """Build the site from ``executed`` into ``out``; return a summary (pages, sizes, time).

    Raises :class:`SiteError` when an executed copy is missing, the README has no
    course table, MathJax is not installed, Sphinx fails or warns, or a page would
    load anything from outside the site.
    """
    from sphinx.cmd.build import build_main

    started = time.monotonic()
    copies = executed_copies(Path(executed), Path(notebooks))
    chapters = [path.name for path in copies]
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="course-site-") as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(SITE_CONFIG, src)
        (src / "_static" / "mathjax").mkdir(parents=True, exist_ok=True)
        shutil.copy2(mathjax(), src / "_static" / "mathjax" / "tex-svg-full.js")
        hidden = {path.name: prepare_notebook(path, src / path.name) for path in copies}
        write_index(Path(readme), chapters, src / "index.md")
        _clear(out)
        log = Path(tmp) / "warnings.txt"
        argv = ["-b", "html", "-E", "-j", "auto", "-w", str(log),
                "-d", str(Path(tmp) / "doctrees"), str(src), str(out)]
        with warnings.catch_warnings():
            # Sphinx's notices to the theme's and myst's authors, not to the course.
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            status = build_main((["-q"] if quiet else []) + argv)
        warned = log.read_text(encoding="utf-8").strip() if log.exists() else ""
    if status != 0:
        raise SiteError(f"Sphinx failed (exit status {status}):\n{warned}")
    if warned:
        raise SiteError(f"Sphinx warned; fix the notebooks or site/conf.py:\n{warned}")
    outside = external_loads(out)
    if outside:
        raise SiteError("pages load files from outside the site (the site must work "
                        "offline):\n  " + "\n  ".join(outside[:20]))
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return {"chapters": chapters, "hidden": hidden, "out": out, "bytes": size,
            "seconds": time.monotonic() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executed", type=Path, default=EXECUTED,
                        help="the executed notebooks (default: executed/)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the site goes "
                        "(default: build/site/; an earlier build there is replaced)")
    parser.add_argument("--notebooks", type=Path, default=course.NOTEBOOKS,
                        help="the notebooks the site must have (default: notebooks/)")
    parser.add_argument("--readme", type=Path, default=README,
                        help="the README whose course table is the home page")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    args = parser.parse_args(argv)
    try:
        summary = build(args.executed, args.out, args.notebooks, args.readme,
                        quiet=not args.verbose)
    except SiteError as error:
        print(f"build_site: {error}", file=sys.stderr)
        return 1
    hidden = sum(summary["hidden"].values())
    print(f"site: {len(summary['chapters'])} chapters ({hidden} hidden cells collapsed) in "
          f"{summary['out']}, {summary['bytes'] / 1e6:.1f} MB, "
          f"built in {summary['seconds']:.1f} s; open {summary['out'] / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
