"""``kit site``: the learners' website, built once here with Sphinx and myst-nb, then read.

As files: a page per workshop of the manifest and a series page linking them all; no instructor
text; no script, style or image fetched from another host; every chart an image with its
description as alternative text; hints and solutions in toggles. In headless Chromium, served on
loopback, at a phone's width and a desktop's: every page loads with no request leaving the
machine, nothing wider than the screen on the phone, headings in order, and a solution toggle
that opens. Screenshots go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import nbformat
import pytest

from kit import site, workshops

from .offline import CHROMIUM, CHROMIUM_ARGS, keep_local, require_chromium

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "screenshots"
PAGES = [w.notebook.removesuffix(".ipynb") for w in workshops.WORKSHOPS]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    said = []
    index = site.build(out, say=said.append)
    assert index == out / "index.html" and len(said) == len(PAGES) + 1  # progress, notebook by notebook
    return out


def _html(built, page: str) -> str:
    return (built / f"{page}.html").read_text(encoding="utf-8")


def test_the_series_page_links_every_workshop_of_the_manifest(built):
    index = _html(built, "index")
    for w, page in zip(workshops.WORKSHOPS, PAGES):
        assert f'href="{page}.html"' in index and html_text(w.title) in index
        assert (built / f"{page}.html").exists()
    assert "Run it yourself" in index and "uv run kit lab" in index


def html_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("'", "&#8217;") if "'" in s else s.replace("&", "&amp;")


def test_no_instructor_text_is_published(built):
    pages = {p: _html(built, p) for p in PAGES}
    for w, page in zip(workshops.WORKSHOPS, PAGES):
        nb = nbformat.read(w.instructor_path(), as_version=4)
        notes = [c.source for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
        assert notes, w.notebook
        for note in notes:
            words = " ".join(re.sub(r"[*_`#>]", " ", note).split()[:8])
            assert words not in " ".join(re.sub(r"<[^>]+>", " ", pages[page]).split()), (page, words)
        assert "Instructor edition" not in pages[page] and "⏱" not in pages[page]
        assert "BEGIN SOLUTION" not in pages[page] and "END SOLUTION" not in pages[page]


def test_nothing_is_fetched_from_another_host(built):
    for path in built.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        fetched = re.findall(r'<(?:script|img|iframe)[^>]+src="(https?:)?//', text)
        styles = re.findall(r'<link[^>]+href="(?:https?:)?//[^"]+"', text)
        assert not fetched and not styles, (path.name, fetched, styles)


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_is_an_image_with_its_description_as_alt_and_exercises_have_toggles(built, page):
    text = _html(built, page)
    nb = nbformat.read(ROOT / "workshops" / f"{page}.ipynb", as_version=4)
    shows = sum(len(re.findall(r"\bshow\(", c.source)) for c in nb.cells if c.cell_type == "code")
    charts = re.findall(r'<img class="kit-chart" src="data:image/svg\+xml;base64,[^"]+" alt="([^"]*)"', text)
    assert len(charts) >= shows - 1 and all(len(a) > 20 for a in charts), (page, len(charts), shows)
    ids = sorted({m for c in nb.cells for m in re.findall(r'helpers\("(\d\d\.\d+)"\)', c.source)})
    for ex in ids:
        assert f"Solution to {ex}" in text and '<details class="kit-solution">' in text
    assert text.count('<details class="kit-hint">') >= len(ids)
    assert "Replace the ... with your answer" not in text
    explorers = 0
    for cell in re.split(r'<div class="cell(?: [^"]*)?"', text):  # an explorer shows how it first looks
        code = re.sub(r"<[^>]+>", "", cell)
        if "kit-explorer-note" in cell and re.search(r"charts\.\w*(explorer|desk|designer)\w*\(", code):
            explorers += 1
            assert 'class="kit-chart"' in cell, (page, "an explorer without its first view")
    assert explorers or page in ("00-start-here", "06-your-own-account"), page


def test_a_failed_build_keeps_the_last_site(tmp_path, monkeypatch):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the last site")

    def broken(w):
        raise site.SiteError(f"{w.notebook} failed while running for the site: boom")

    monkeypatch.setattr(site, "_run", broken)
    with pytest.raises(site.SiteError, match="00-start-here.ipynb failed"):
        site.build(out, say=lambda _: None)
    assert (out / "index.html").read_text() == "the last site"
    assert not (tmp_path / "site.building").exists()


# --------------------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def served(built):
    require_chromium()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


_CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const p = document.querySelector("div.body p");
  let el = p, bg = "rgba(0, 0, 0, 0)";
  while (el && (bg === "rgba(0, 0, 0, 0)" || bg === "transparent")) { bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
  if (bg === "rgba(0, 0, 0, 0)" || bg === "transparent") bg = "rgb(255, 255, 255)";
  const [a, b] = [lum(rgb(getComputedStyle(p).color)), lum(rgb(bg))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


_OPEN_EVERY_TOGGLE = """() => {
  const failed = [];
  document.querySelectorAll("div.kit-toggles > details").forEach((d, i) => {
    const s = d.querySelector("summary");
    s.scrollIntoView({block: "center"});
    const r = s.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
    if (!hit || !s.contains(hit)) { failed.push(`${i}: covered or hidden`); return; }
    hit.click();
    if (!(d.open && d.innerText.length > s.innerText.length + 10)) failed.push(`${i}: ${s.innerText} shows no text`);
  });
  return failed;
}"""


@pytest.mark.parametrize("width", [390, 1366], ids=["phone", "desktop"])
def test_every_page_reads_well_offline_at_a_phone_and_a_desktop_width(served, width):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": 900})
        left = keep_local(page)
        for name in ["index", *PAGES]:
            response = page.goto(f"{served}/{name}.html")
            assert response.ok, name
            levels = page.eval_on_selector_all(
                "div.body h1, div.body h2, div.body h3, div.body h4", "hs => hs.map(h => +h.tagName[1])"
            )
            assert levels[0] == 1 and levels.count(1) == 1, (name, levels[:5])
            assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (name, levels)  # no skipped level
            assert page.evaluate(_CONTRAST) >= 7, name  # body text on its background (WCAG AAA: 7:1)
            alts = page.eval_on_selector_all("div.body img", "imgs => imgs.map(i => i.alt.trim())")
            assert all(alts), (name, "an image without alternative text")
            if width < 500:  # nothing but wide tables and code scrolls sideways on a phone
                assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
            if width < 500:
                # every hint and solution opens and shows its text (a <details> opens the same at any
                # width: clicked through once, at the phone's), each clicked where a finger would
                # land, with nothing over it
                shut = page.evaluate(_OPEN_EVERY_TOGGLE)
                assert shut == [], (name, shut)
        page.goto(f"{served}/{PAGES[1]}.html")
        toggle = page.locator("details.kit-solution").first
        assert not toggle.evaluate("d => d.open")
        toggle.locator("summary").first.click()
        assert toggle.evaluate("d => d.open") and toggle.locator("pre").first.is_visible()
        toggle.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"site-{PAGES[1]}-{width}.png"))
        browser.close()
    assert not left, f"requests tried to leave the machine: {left}"


def test_a_published_page_never_reads_a_learners_own_import(tmp_path, monkeypatch):
    """Built from a workspace that holds an import, 06 still shows the demo export (and so does its
    handout, which runs the notebook the same way)."""
    from kit import private
    from kit.imports import read_export
    from kit.workspace import ENV, open_workspace

    ws, _ = open_workspace(tmp_path / "ws")
    demo = ROOT / "datasets" / "demo-exports" / "x-archive.zip"
    private.save(read_export(demo), ws.root, source=str(demo), pseudonymise=True)
    mine = private.load("x", ws.root).owner
    monkeypatch.setenv(ENV, str(ws.root))
    monkeypatch.chdir(ws.root)
    nb = site._run(workshops.get("06"), cache=False)
    text = " ".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/markdown", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "Using the demo X export" in text and mine not in text
    assert os.environ[ENV] == str(ws.root)  # the environment is restored after
