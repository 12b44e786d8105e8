"""What a learner sees: every learner notebook in JupyterLab, in headless Chromium, offline.

Starts JupyterLab on loopback the way ``kit lab`` does, on a temporary learner workspace (never
the tracked ``workshops/``), checks the file browser shows only the workshops and no news popup,
then opens every notebook in one JupyterLab page, each in its own tab and kernel, starts Run All
Cells in each on the fresh kernel it started (the kernels then run side by side), and asserts
every chart drew (an svg or canvas inside ``.vega-embed``), every widget rendered, no cell errored, and no request tried to leave
localhost (all other hosts are aborted and recorded). Screenshots go to ``artifacts/`` (ignored
by git). Under CI (``CI=true``) a missing Chromium is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from kit import workshops

from .offline import CHROMIUM, CHROMIUM_ARGS, keep_local, require_chromium, stop, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "screenshots"
LEARNER = [ROOT / "workshops" / w.notebook for w in workshops.WORKSHOPS]

require_chromium(module=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(folder: Path) -> None:
    """Lab settings for testing: every cell in the page, no autosave.

    Every cell in the page as JupyterLab 4.6's default windowing does it (``contentVisibility``:
    every cell in the DOM, the browser skipping the drawing of those off screen), pinned so that a
    new default that leaves cells out of the DOM cannot hide one from the checks below.

    Not the news setting: ``kit lab``'s own settings must keep the news popup away.
    """
    plugins = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "contentVisibility"},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for rel, value in plugins.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """The README's first command, for real: ``python -m kit lab`` on a fresh learner workspace
    (one JupyterLab for every test here, and for the command's own test below)."""
    import sys

    base = tmp_path_factory.mktemp("lab")
    notebooks = base / "work"  # a fresh learner workspace, synced by kit lab's own preparation
    _settings(base / "settings")
    port, token = _free_port(), "kit-browser-test"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_RUNTIME_DIR=str(base / "runtime"))
    env.pop("KIT_WORKSPACE", None)
    log = open(base / "lab.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kit",
            "lab",
            "--workspace",
            str(notebooks),
            "--no-browser",
            "--port",
            str(port),
            f"--IdentityProvider.token={token}",
            f"--LabApp.user_settings_dir={base / 'settings'}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(f"{url}/api/status?token={token}", proc, base / "lab.log", "JupyterLab")
    yield {"url": url, "token": token, "dir": notebooks, "log": base / "lab.log"}
    stop(proc, log)


def test_kit_lab_serves_the_learner_workspace(lab):
    """What ``kit lab`` serves: the workshops in the workspace it names, no instructor edition, no
    bookkeeping file, and its own settings that keep the news popup away."""
    with urllib.request.urlopen(f"{lab['url']}/api/contents?token={lab['token']}", timeout=5) as r:
        names = {item["name"] for item in json.load(r)["content"]}
    assert {w.notebook for w in workshops.WORKSHOPS} <= names
    assert "instructor" not in names and ".kit-workspace.json" not in names
    assert not (lab["dir"] / "instructor").exists()
    url = f"{lab['url']}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={lab['token']}"
    with urllib.request.urlopen(url, timeout=5) as r:
        assert json.load(r)["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert f"Your workspace: {lab['dir']}" in lab["log"].read_text()
    # what a learner's Lab leaves out (kit.cli.UNUSED_EXTENSIONS, and Voilà's button with its server part)
    try:
        urllib.request.urlopen(f"{lab['url']}/voila/render/01-social-not-media.ipynb?token={lab['token']}", timeout=5)
        raise AssertionError("Voilà answered: its server extension is loaded")
    except urllib.error.HTTPError as e:
        assert e.code == 404, e.code
    with urllib.request.urlopen(f"{lab['url']}/lsp/status?token={lab['token']}", timeout=5) as r:
        assert r.status == 200  # the page asks for it: without it, an error in the console
        assert json.load(r)["sessions"] == {}  # no language server searched for (kit.cli.UNUSED_SEARCHES)
    with urllib.request.urlopen(f"{lab['url']}/lab?token={lab['token']}", timeout=10) as r:
        page = r.read().decode()
    config = json.loads(
        re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert "@voila-dashboards/jupyterlab-preview" in config["disabledExtensions"], config["disabledExtensions"]
    assert config["extensionManager"]["name"] == "read-only"  # nothing installed from PyPI through the page


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright  # here, not at collection: every worker collects this file

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _expected(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    charts = sum(len(re.findall(r"\bshow\(", s)) for s in code)
    widget = re.compile(
        r"\b(helpers|business_picker|compare_accounts|explorer|\w+_explorer|\w+_designer|"
        r"\w+_desk)\("
    )
    widgets = sum(1 for s in code if widget.search(s))
    return {"code_cells": len(code), "charts": charts, "widgets": widgets}


# the page's own querySelectorAll: Playwright's selector engine took ~1.5 s of the page's CPU
# answering the polls below (every notebook's prompts, twice a second, while they run)
PROMPTS = (
    "panels => panels.map(p => Array.from(document.querySelectorAll(p + ' .jp-CodeCell .jp-InputArea-prompt'),"
    " e => e.textContent.trim()))"
)


def _prompts(page, notebooks) -> list[list[str]]:
    """Each notebook's input prompts ("[3]:", "[*]:", ...), in one call to the page."""
    return page.evaluate(PROMPTS, [nb.panel for nb in notebooks])


class Notebook:
    """One learner notebook open in the room's JupyterLab: its panel, and what it should hold."""

    def __init__(self, page, path: Path):
        self.page, self.path, self.expected = page, path, _expected(path)
        self.want = [f"[{n}]:" for n in range(1, self.expected["code_cells"] + 1)]
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=path.name)
        tab.wait_for(timeout=60_000)
        self.tab = tab
        self.panel = f"#{tab.get_attribute('data-id')}"

    def find(self, selector: str):
        return self.page.locator(f"{self.panel} {selector}")

    def prompts(self) -> list[str]:
        return _prompts(self.page, [self])[0]

    def front(self) -> None:
        self.tab.click()
        self.page.wait_for_selector(f"{self.panel}:not(.lm-mod-hidden)", timeout=10_000)

    def run_all(self) -> None:
        """Bring this notebook to the front and, once its fresh kernel is idle, Run → Run All
        Cells, as a learner would.

        (A fresh kernel running every cell top to bottom is what Restart Kernel and Run All Cells
        gives; restarting a kernel that has only just connected races JupyterLab's reconnection
        and can lose the queued cells.) If the frontend drops the command and nothing is queued
        after 20 s, Run All Cells once more.
        """
        self.front()
        self.find(".jp-Cell").first.wait_for(timeout=60_000)
        self.find(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=60_000)
        assert self.prompts() != self.want, "stored prompts already read 1..N: cannot tell when Run All ends"
        for _attempt in range(2):
            self.page.get_by_role("menuitem", name="Run", exact=True).click()
            self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            deadline = time.time() + 20
            while time.time() < deadline:
                now = self.prompts()
                if any("*" in p for p in now) or now == self.want:
                    return
                self.page.wait_for_timeout(250)


@pytest.fixture(scope="module")
def room(lab, browser):
    """One learner's JupyterLab with every learner notebook open in its own tab and kernel, all
    running at once. Each test below asserts on its own notebook; a notebook that could not be
    run is recorded, and its test fails with the reason."""
    console_errors: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside = keep_local(context)
    page = context.new_page()
    page.on(
        "console",
        lambda m: console_errors.append(f"{m.text} ({m.location.get('url', '?')})") if m.type == "error" else None,
    )
    page.goto(f"{lab['url']}/lab/tree/{LEARNER[0].name}?reset&token={lab['token']}")
    page.wait_for_selector(".jp-DirListing-item", timeout=60_000)
    notebooks = {}
    for path in LEARNER:  # the others opened from the file browser, as a learner would
        if path != LEARNER[0]:
            page.locator(".jp-DirListing-item", has_text=path.name).dblclick()
        notebooks[path.stem] = Notebook(page, path)  # waits for its tab
    failures: dict[str, str] = {}
    for nb in notebooks.values():
        try:
            nb.run_all()
        except Exception as e:  # noqa: BLE001 - reported by that notebook's own test
            failures[nb.path.stem] = f"could not start Run All: {e}"
    deadline = time.time() + 240
    running = [nb for nb in notebooks.values() if nb.path.stem not in failures]
    while running and time.time() < deadline:
        running = [nb for nb, now in zip(running, _prompts(page, running)) if now != nb.want]
        if running:
            page.wait_for_timeout(500)
    for nb in running:
        failures[nb.path.stem] = f"Run All did not finish: prompts {nb.prompts()}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for nb in notebooks.values():
        nb.front()
        if nb.path.stem not in failures:
            try:  # let the last charts and widgets draw
                page.wait_for_function(
                    "([sel, n]) => document.querySelectorAll(sel).length >= n",
                    arg=[f"{nb.panel} .vega-embed svg, {nb.panel} .vega-embed canvas", nb.expected["charts"]],
                    polling=250,
                    timeout=30_000,
                )
            except Exception as e:  # noqa: BLE001
                failures[nb.path.stem] = f"charts did not draw: {e}"
        page.wait_for_timeout(300)
        failed = "-FAILED" if nb.path.stem in failures else ""
        page.screenshot(path=str(ARTIFACTS / f"{nb.path.stem}{failed}.png"))
    yield {"page": page, "notebooks": notebooks, "failures": failures, "outside": outside}
    if console_errors:
        (ARTIFACTS / "console.txt").write_text("\n".join(console_errors))
    context.close()


def test_learner_sees_only_the_workshops_and_no_news_popup(room):
    """The file browser lists the workshops and nothing else (but the learner's own private/ folder,
    which 06 makes when it keeps a chart), and no news question (or any other toast) appeared while
    every notebook ran."""
    from kit.private import PRIVATE

    page = room["page"]
    names = page.eval_on_selector_all(
        ".jp-DirListing-item .jp-DirListing-itemText", "els => els.map(e => e.textContent.trim())"
    )
    try:
        assert sorted(n for n in names if n != PRIVATE) == sorted(p.name for p in LEARNER), names
        assert page.get_by_text("official Jupyter news").count() == 0
        assert page.locator(".Toastify__toast").count() == 0  # no toast of any kind
    finally:
        page.screenshot(path=str(ARTIFACTS / "file-browser.png"))


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.stem)
def test_learner_notebook_runs_offline_in_the_browser(room, path):
    assert path.stem not in room["failures"], room["failures"].get(path.stem)
    nb = room["notebooks"][path.stem]
    nb.front()
    expected = nb.expected

    errors = nb.find(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    error_texts = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert not error_texts, f"error outputs: {error_texts[:2]}"
    assert nb.find(".jp-OutputArea-output:has-text('Error loading script')").count() == 0
    assert nb.find(".jp-OutputArea-output:has-text('Error displaying widget')").count() == 0

    embeds = nb.find(".vega-embed")
    drawn = nb.find(".vega-embed svg, .vega-embed canvas")
    assert embeds.count() >= expected["charts"] > 0 or expected["charts"] == 0
    assert drawn.count() >= embeds.count(), "a chart container with nothing drawn in it"
    widgets = nb.find(".jp-OutputArea-output .widget-box, .jp-OutputArea-output .jupyter-widgets")
    assert widgets.count() >= expected["widgets"], (widgets.count(), expected["widgets"])
    captions = nb.find(".kit-chart-description")
    assert captions.count() >= expected["charts"] - nb.find(".jp-OutputArea-output .widget-box .vega-embed").count()
    assert not room["outside"], f"requests tried to leave localhost: {room['outside'][:5]}"


def test_checks_run_in_the_browser_were_recorded_in_the_workspace(lab, room):
    """The kernels JupyterLab started knew they were in a learner workspace (after the runs above)."""
    log = lab["dir"] / ".kit" / "log.jsonl"
    assert log.exists(), "no check run in the browser was recorded in the workspace"
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert events and all(e["type"] in ("check", "hint") and e["time"] for e in events)
    assert {e.get("notebook") for e in events} <= {p.name for p in LEARNER}
    assert not (ROOT / "workshops" / ".kit").exists()


def test_the_chart_06_keeps_is_in_the_learners_private_folder(lab, room):
    """Run in the browser, in a workspace, 06 keeps its chart as a picture in private/charts/."""
    kept = lab["dir"] / "private" / "charts" / "my-conversation-share.png"
    assert kept.is_file() and kept.read_bytes()[:4] == b"\x89PNG", kept
    assert not (ROOT / "workshops" / "private").exists()  # never beside the tracked editions
