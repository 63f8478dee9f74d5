"""The course's static site (make site) in Debian's Chromium: every page, as a reader sees it.

`make test-site` builds build/site/ from executed/ and runs this file. `make
test-browser` collects it too: it then builds the site itself when build/site/ is missing
or older than what it is made from, and fails, naming the copy, when executed/ lacks a
notebook's copy (COURSE_EXECUTED=DIR names executed copies kept elsewhere).
A local HTTP server on 127.0.0.1 serves build/site/; headless Chromium, driven by
Playwright, opens the home page and every chapter and checks:

- no console error, no uncaught exception, no failed or refused request (any request
  for an address outside the site is refused and reported: the site works offline);
- every <img> loaded (lazy ones forced to load), naturalWidth > 0, and every plot and
  Markdown diagram of the executed notebook is on its page;
- every formula typeset by MathJax without a TeX error;
- every internal link answers 200, and its #fragment is an id on the page it names;
- the Korean in the title is drawn with a CJK font (Chrome DevTools Protocol:
  CSS.getPlatformFontsForNode), not a fallback that shows boxes;
- the hidden cells (``#@title``, setup and solutions) show their outputs with their
  code collapsed, until their toggle is clicked;
- search finds a chapter by an English and by a Korean word of its title.

The font check is also run in a Chromium whose fontconfig has no CJK font, where it must
report the boxes.

Screenshots of the home page and of a chapter with a diagram and a plot go to
build/site-shots/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tools import build_site
from utils import course

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "site"
# The executed copies the site was built from (COURSE_EXECUTED: copies kept elsewhere).
EXECUTED = Path(os.environ.get("COURSE_EXECUTED") or ROOT / "executed")
SHOTS = ROOT / "build" / "site-shots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags of test_jupyterlab.py: without the background-networking ones Chromium keeps
# trying to reach Google's hosts on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
CJK_FONT = re.compile(r"CJK|Noto (Sans|Serif) KR|Nanum|Malgun|Apple SD Gothic|UnDotum|Baekmuk",
                      re.I)
CHAPTERS = [path.name for path in course.notebooks()]


def _site_is_current() -> bool:
    """build/site/ is newer than what it is built from (executed copies, README, site/)."""
    index = SITE / "index.html"
    sources = [*EXECUTED.glob("*.ipynb"), ROOT / "README.md", *(ROOT / "site").rglob("*"),
               ROOT / "tools" / "build_site.py"]
    return index.is_file() and all(path.stat().st_mtime <= index.stat().st_mtime
                                   for path in sources)


@pytest.fixture(scope="module")
def site() -> Path:
    """build/site/, built here when it is missing or older than executed/."""
    # executed/ is committed with all eleven copies (tests/test_executed.py insists), so a
    # missing one is a failure here, not a reason to skip.
    missing = [name for name in CHAPTERS if not (EXECUTED / name).is_file()]
    if missing:
        pytest.fail(f"{EXECUTED} lacks {', '.join(missing)}: "
                    "make results PROFILE=full writes the executed copies the site is built from")
    if not _site_is_current():
        build_site.build(executed=EXECUTED)
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    """build/site/ over HTTP on 127.0.0.1; yields its base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def playwright():
    from playwright.sync_api import (
        sync_playwright,  # pinned in requirements.txt: a failure, never a skip
    )

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `make browser` (make test-site does)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def expected(notebook: str) -> dict:
    """What the executed copy of ``notebook`` puts on its page: PNGs and hidden cells."""
    cells = json.loads((EXECUTED / notebook).read_text(encoding="utf-8"))["cells"]
    plots = sum("image/png" in output.get("data", {})
                for cell in cells if cell["cell_type"] == "code" for output in cell["outputs"])
    diagrams = sum("".join(cell["source"]).count("](data:image/")
                   for cell in cells if cell["cell_type"] == "markdown")
    hidden = sum(build_site.hidden_title(cell) is not None for cell in cells)
    return {"plots": plots, "diagrams": diagrams, "hidden": hidden}


class Links:
    """Fetches the site's pages once each: HTTP status and the ids on each page."""

    def __init__(self):
        self.pages: dict[str, tuple[int, set[str]]] = {}

    def check(self, url: str) -> str | None:
        """None when ``url`` answers 200 and its fragment is an id there; else the problem."""
        address, _, fragment = url.partition("#")
        if address not in self.pages:
            try:
                with urllib.request.urlopen(address, timeout=10) as response:
                    status, body = response.status, response.read()
            except urllib.error.HTTPError as error:
                status, body = error.code, b""
            text = body.decode("utf-8", errors="replace")
            ids = set(re.findall(r"""\b(?:id|name)=["']([^"']+)["']""", text))
            self.pages[address] = (status, {urllib.parse.unquote(i) for i in ids})
        status, ids = self.pages[address]
        if status != 200:
            return f"{url}: HTTP {status}"
        fragment = urllib.parse.unquote(fragment)
        if fragment and fragment not in ids:
            return f"{url}: no id {fragment!r} on the page"
        return None


LOAD_IMAGES_JS = """async () => {
  const images = [...document.images];
  for (const img of images) { img.loading = 'eager'; }
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener('load', done); img.addEventListener('error', done);
    setTimeout(done, 10000);
  })));
  return images.map(img => ({src: img.getAttribute('src').slice(0, 80),
                             width: img.naturalWidth, complete: img.complete}));
}"""

MATH_JS = """async () => {
  if (!window.MathJax) return {formulas: document.querySelectorAll('.math').length,
                               typeset: -1, errors: 0};
  await MathJax.startup.promise;
  return {formulas: document.querySelectorAll('.math').length,
          typeset: document.querySelectorAll('mjx-container').length,
          errors: document.querySelectorAll('mjx-container [data-mml-node="merror"]').length};
}"""


# Marks the first element under the selector with Hangul in its own text (not a child's):
# CSS.getPlatformFontsForNode reports the fonts of an element's own text nodes.
MARK_HANGUL_JS = """scope => {
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(node.textContent)
        && element.getClientRects().length) {
      element.setAttribute('data-font-probe', '');
      return [...element.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
          .map(n => n.textContent).join('');
    }
  }
  return null;
}"""


def platform_fonts(page, scope: str) -> tuple[str | None, list[dict]]:
    """The text of the first visible element under ``scope`` with Hangul of its own, and the
    platform fonts Chromium drew it with ({familyName, glyphCount, ...}), from the DevTools
    Protocol; (None, []) when there is no Hangul there."""
    text = page.eval_on_selector(scope, MARK_HANGUL_JS)
    if text is None:
        return None, []
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root,
                                              "selector": "[data-font-probe]"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    page.eval_on_selector("[data-font-probe]", "e => e.removeAttribute('data-font-probe')")
    return text, fonts


def visit(browser, base: str, path: str, links: Links, problems: list[str]) -> dict:
    """Open ``path`` on the site, check it; add what is wrong to ``problems``; return facts."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error"
            else None)
    page.on("pageerror", lambda e: errors.append(f"exception: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: errors.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)

    def refuse_outside(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            errors.append(f"request outside the site: {route.request.url}")
            route.abort()

    page.route("**/*", refuse_outside)
    try:
        page.goto(base + path, wait_until="load")
        images = page.evaluate(LOAD_IMAGES_JS)
        math = page.evaluate(MATH_JS)
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        page.wait_for_timeout(200)
        for img in images:
            if not img["width"]:
                problems.append(f"{path}: image not loaded: {img['src']}")
        if math["errors"] or (math["formulas"] and math["typeset"] < math["formulas"]):
            problems.append(f"{path}: math not typeset: {math}")
        internal = sorted({h for h in hrefs if h.startswith(base)})
        for href in internal:
            problem = links.check(href)
            if problem:
                problems.append(f"{path}: link {problem}")
        problems.extend(f"{path}: {e}" for e in errors)
        return {"page": page, "images": images, "math": math, "links": len(internal),
                "external": sorted({h for h in hrefs if not h.startswith(base)})}
    except Exception:
        page.close()
        raise


def check_korean_font(page, selector: str, path: str, problems: list[str]) -> str:
    """Hangul under ``selector`` is drawn with a CJK font; returns the fonts, as text."""
    text, fonts = platform_fonts(page, selector)
    hangul = len(HANGUL.findall(text or ""))
    cjk = sum(f["glyphCount"] for f in fonts if CJK_FONT.search(f["familyName"]))
    summary = ", ".join(f"{f['familyName']} ({f['glyphCount']})" for f in fonts)
    if not hangul:
        problems.append(f"{path}: no Hangul in {selector} ({text!r})")
    elif cjk < hangul:
        problems.append(f"{path}: {hangul} Hangul characters in {selector}, only {cjk} drawn "
                        f"with a CJK font: {summary}")
    return summary


def check_hidden_cells(page, path: str, count: int, problems: list[str]) -> int:
    """Hidden cells: collapsed code, visible outputs; the first one opens when clicked."""
    cells = page.locator("div.cell.tag_hide-input")
    if cells.count() != count:
        problems.append(f"{path}: {cells.count()} collapsed cells, the notebook hides {count}")
    for i in range(cells.count()):
        cell = cells.nth(i)
        if cell.locator("details[open]").count() or cell.locator(".cell_input pre").is_visible():
            problems.append(f"{path}: hidden cell {i + 1} shows its code before a click")
        outputs = cell.locator(".cell_output")
        if outputs.count() and not outputs.first.is_visible():
            problems.append(f"{path}: hidden cell {i + 1} does not show its output")
    if cells.count():
        first = cells.first
        first.locator("summary").click()
        if not first.locator(".cell_input pre").is_visible():
            problems.append(f"{path}: a click on the toggle does not show the code")
    return cells.count()


def screenshots(page, stem: str) -> None:
    """The chapter's top (title, sidebar, a hidden cell), its first diagram, its first plot."""
    shots = {"top": None, "diagram": "article img[src^='data:image/']",
             "plot": "article img[src^='_images/'][src$='.png']"}
    for name, selector in shots.items():
        if selector:
            page.locator(selector).first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{stem}-{name}.png"))


def test_every_page_in_chromium(server, browser):
    started = time.monotonic()
    base, links, problems, report = server, Links(), [], []
    SHOTS.mkdir(parents=True, exist_ok=True)

    home = visit(browser, base, "index.html", links, problems)
    try:
        colab = [h for h in home["external"] if h.startswith("https://colab.research.google.com/")]
        if len(colab) < len(CHAPTERS):
            problems.append(f"index.html: {len(colab)} Colab links for {len(CHAPTERS)} chapters")
        for name in CHAPTERS:
            if not home["page"].locator(f'main a[href="{Path(name).stem}.html"]').count():
                problems.append(f"index.html: no link to {name} in the course table")
        check_korean_font(home["page"], "article table", "index.html", problems)
        home["page"].screenshot(path=str(SHOTS / "home.png"))
    finally:
        home["page"].close()

    shot_taken = False
    for name in CHAPTERS:
        path = f"{Path(name).stem}.html"
        want = expected(name)
        seen = visit(browser, base, path, links, problems)
        page = seen["page"]
        try:
            plots = [i for i in seen["images"]
                     if i["src"].startswith("_images/") and i["src"].endswith(".png")]
            diagrams = [i for i in seen["images"] if i["src"].startswith("data:image/")]
            if len(plots) < want["plots"] or len(diagrams) < want["diagrams"]:
                problems.append(f"{path}: {len(plots)} plots and {len(diagrams)} diagrams, the "
                                f"notebook has {want['plots']} and {want['diagrams']}")
            fonts = check_korean_font(page, "article h1", path, problems)
            if not page.locator("a.right-next, a.left-prev").count():
                problems.append(f"{path}: no previous/next link")
            if not shot_taken and plots and diagrams:
                screenshots(page, Path(name).stem)
                shot_taken = True
            hidden = check_hidden_cells(page, path, want["hidden"], problems)
            report.append(f"{path}: {len(plots)} plots, {len(diagrams)} diagrams, "
                          f"{seen['math']['typeset']} formulas, {seen['links']} internal links, "
                          f"{hidden} hidden cells; title font {fonts}")
        finally:
            page.close()

    print("\n".join(report))
    print(f"site in Chromium: {1 + len(CHAPTERS)} pages, {len(links.pages)} distinct pages "
          f"linked, in {time.monotonic() - started:.0f} s; screenshots in {SHOTS}")
    assert shot_taken, "no chapter has both a plot and a diagram to photograph"
    assert not problems, "\n".join(problems)


def test_the_font_check_sees_boxes(server, playwright, tmp_path):
    """The same check in a Chromium whose fontconfig knows no CJK font: Hangul becomes boxes
    drawn with a Latin font, and the check must say so."""
    (tmp_path / "fonts.conf").write_text(f"""<?xml version="1.0"?>
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}</cachedir></fontconfig>
""")
    path = f"{Path(CHAPTERS[0]).stem}.html"
    env = dict(os.environ, FONTCONFIG_FILE=str(tmp_path / "fonts.conf"))
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=CHROMIUM_ARGS, env=env)
    try:
        page = chromium.new_page()
        page.goto(server + path)
        problems = []
        fonts = check_korean_font(page, "article h1", path, problems)
    finally:
        chromium.close()
    assert problems and "drawn with a CJK font" in problems[0], (problems, fonts)


def test_search_finds_chapters(server, browser):
    """Sphinx's search, offline: an English and a Korean word of the last chapter's title."""
    name = CHAPTERS[-1]
    cells = json.loads((EXECUTED / name).read_text(encoding="utf-8"))["cells"]
    title = "".join(cells[0]["source"]).split("\n", 1)[0]
    english = max(re.findall(r"[A-Za-z]{4,}", title), key=len)
    korean = max(re.findall(r"[\uac00-\ud7a3]{2,}", title), key=len)
    page = browser.new_page()
    try:
        for word in (english, korean):
            page.goto(f"{server}search.html?q={urllib.parse.quote(word)}")
            page.wait_for_selector("#search-results ul.search li", timeout=20_000)
            found = page.eval_on_selector_all("#search-results ul.search li a",
                                              "as => as.map(a => a.getAttribute('href'))")
            assert any(href.startswith(Path(name).stem) for href in found), (word, found)
    finally:
        page.close()


WIDTHS = (400, 800, 1400)   # a phone, a tablet, a desktop


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_its_width_without_sideways_scroll(server, browser, width):
    """At each width, the home page and every chapter are no wider than the window (long
    inline code wraps; a wide table or output scrolls inside its own box), and no page shows
    a raw table cell 'NaN'."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    wide, nan = [], []
    try:
        for path in ["index.html"] + [f"{Path(n).stem}.html" for n in CHAPTERS]:
            page.goto(server + path, wait_until="load")
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 1:
                culprit = page.evaluate("""() => {
                    let worst = null;
                    for (const el of document.querySelectorAll('.bd-article *')) {
                        const r = el.getBoundingClientRect();
                        if (r.right > window.innerWidth + 1 && (!worst || r.right > worst.r))
                            worst = {r: r.right, tag: el.tagName,
                                     text: el.textContent.slice(0, 60)};
                    }
                    return worst; }""")
                wide.append((path, overflow, culprit))
            cells = page.eval_on_selector_all("td", "tds => tds.map(td => td.textContent.trim())")
            if "NaN" in cells:
                nan.append(path)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"width-{width}-{Path(CHAPTERS[-1]).stem}.png"))
    finally:
        page.close()
    assert not wide, f"pages wider than {width} px: {wide}"
    assert not nan, f"tables with NaN cells: {nan}"


@pytest.mark.parametrize("width", (400, 800))
def test_the_chapter_list_opens_on_a_narrow_screen_and_its_links_work(server, browser, width):
    """Below the desktop width the sidebar is folded away: its visible ☰ button must open the
    chapter list, and a chapter in it must open (the theme's own binding misses that button:
    site/_static/course.js)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        first, last = (Path(CHAPTERS[i]).stem for i in (0, -1))
        page.goto(f"{server}{first}.html", wait_until="load")
        toggle = page.locator(".primary-toggle:visible").first
        toggle.click()
        dialog = page.locator("#pst-primary-sidebar-modal")
        dialog.wait_for(state="visible", timeout=5_000)
        link = dialog.locator(f"a[href$='{last}.html']").first
        link.wait_for(state="visible", timeout=5_000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"chapters-{width}.png"))
        link.click()
        page.wait_for_url(f"**/{last}.html", timeout=10_000)
        assert page.locator("h1").first.inner_text().startswith(last[:2])
        # the "Contents" button opens the chapter's sections the same way
        page.locator(".secondary-toggle:visible").first.click()
        page.locator("#pst-secondary-sidebar-modal").wait_for(state="visible", timeout=5_000)
    finally:
        page.close()
