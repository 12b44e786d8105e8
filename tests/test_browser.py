"""What a learner sees: every learner notebook in JupyterLab, in headless Chromium, offline.

Starts JupyterLab on loopback the way ``kit lab`` does, on a temporary learner workspace (never
the tracked ``workshops/``), checks the file browser shows only the workshops and no news popup,
then opens each notebook, runs
Restart Kernel and Run All Cells, and asserts every chart drew (an svg or canvas inside
``.vega-embed``), every widget rendered, no cell errored, and no request tried to leave
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
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

from kit import workshops

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts" / "screenshots"
LEARNER = [ROOT / "workshops" / w.notebook for w in workshops.WORKSHOPS]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium is missing at /usr/bin/chromium; .ci/run must apt-get install chromium",
                    pytrace=False)
    pytest.skip("Chromium not installed (apt-get install chromium); CI runs this test", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _settings(folder: Path) -> None:
    """Lab settings for testing: every cell in the page, no autosave.

    Not the news setting: ``kit lab``'s own settings must keep the news popup away.
    """
    plugins = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
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
    proc = subprocess.Popen([sys.executable, "-m", "kit", "lab", "--workspace", str(notebooks), "--no-browser",
                             "--port", str(port), f"--IdentityProvider.token={token}",
                             f"--LabApp.user_settings_dir={base / 'settings'}"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError(f"JupyterLab did not start:\n{(base / 'lab.log').read_text()[-3000:]}") from None
            time.sleep(0.3)
    yield {"url": url, "token": token, "dir": notebooks, "log": base / "lab.log"}
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


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


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _expected(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    charts = sum(len(re.findall(r"\bshow\(", s)) for s in code)
    widget = re.compile(r"\b(helpers|business_picker|compare_accounts|explorer|\w+_explorer|\w+_designer|"
                        r"\w+_desk)\(")
    widgets = sum(1 for s in code if widget.search(s))
    return {"code_cells": len(code), "charts": charts, "widgets": widgets}


def _started(page, want) -> bool:
    prompts = _prompts(page)
    return any("*" in p for p in prompts) or prompts == want


def _restart_and_run_all(page, want) -> None:
    """Run → Restart Kernel and Run All Cells…, confirmed; as a learner would do it.

    On a kernel that has only just connected, JupyterLab can drop the "run all" half of the
    command while the restart reconnects; if nothing has started after 20 s, Run All Cells once
    more (the kernel is freshly restarted either way).
    """
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"Restart Kernel and Run All Cells")).click()
    page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
    deadline = time.time() + 20
    while time.time() < deadline:
        if _started(page, want):
            return
        page.wait_for_timeout(250)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def _prompts(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-Notebook .jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent.trim())")


def test_learner_sees_only_the_workshops_and_no_news_popup(lab, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if (urlparse(route.request.url).hostname or "")
                  in LOCAL_HOSTS else route.abort())
    page = context.new_page()
    try:
        page.goto(f"{lab['url']}/lab?reset&token={lab['token']}")
        page.wait_for_selector(".jp-DirListing-item", timeout=60_000)
        page.wait_for_timeout(2500)  # the news question is asked as soon as the page is restored
        names = page.eval_on_selector_all(".jp-DirListing-item .jp-DirListing-itemText",
                                          "els => els.map(e => e.textContent.trim())")
        assert sorted(names) == sorted(p.name for p in LEARNER), names
        assert page.get_by_text("official Jupyter news").count() == 0
        assert page.locator(".Toastify__toast").count() == 0  # no toast of any kind
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "file-browser.png"))
        context.close()


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.stem)
def test_learner_notebook_runs_offline_in_the_browser(lab, browser, path):
    expected = _expected(path)
    outside: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{lab['url']}/lab/tree/{path.name}?reset&token={lab['token']}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        page.wait_for_timeout(1500)  # let the kernel's first connection settle
        want = [f"[{n}]:" for n in range(1, expected["code_cells"] + 1)]
        assert _prompts(page) != want, "stored prompts already read 1..N: cannot tell when Run All ends"
        _restart_and_run_all(page, want)
        deadline = time.time() + 180
        while _prompts(page) != want:
            if time.time() > deadline:
                raise AssertionError(f"Run All did not finish: prompts {_prompts(page)}")
            page.wait_for_timeout(500)
        # let the last charts and widgets draw
        page.wait_for_function(
            "n => document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length >= n",
            arg=expected["charts"], timeout=30_000)
        page.wait_for_timeout(1000)

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"), full_page=True)

        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        error_texts = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
        assert not error_texts, f"error outputs: {error_texts[:2]}"
        assert page.locator("text=Error loading script").count() == 0
        assert page.locator("text=Error displaying widget").count() == 0

        embeds = page.locator(".vega-embed")
        drawn = page.locator(".vega-embed svg, .vega-embed canvas")
        assert embeds.count() >= expected["charts"] > 0 or expected["charts"] == 0
        assert drawn.count() >= embeds.count(), "a chart container with nothing drawn in it"
        widgets = page.locator(".jp-OutputArea-output .widget-box, .jp-OutputArea-output .jupyter-widgets")
        assert widgets.count() >= expected["widgets"], (widgets.count(), expected["widgets"])
        captions = page.locator(".kit-chart-description")
        assert captions.count() >= sum(1 for _ in range(expected["charts"])) - page.locator(
            ".jp-OutputArea-output .widget-box .vega-embed").count()
        assert not outside, f"requests tried to leave localhost: {outside[:5]}"
    except Exception:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{path.stem}-FAILED.png"), full_page=True)
        raise
    finally:
        if console_errors:
            (ARTIFACTS / f"{path.stem}-console.txt").write_text("\n".join(console_errors))
        context.close()


def test_checks_run_in_the_browser_were_recorded_in_the_workspace(lab):
    """The kernels JupyterLab started knew they were in a learner workspace (after the runs above)."""
    log = lab["dir"] / ".kit" / "log.jsonl"
    assert log.exists(), "no check run in the browser was recorded in the workspace"
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert events and all(e["type"] in ("check", "hint") and e["time"] for e in events)
    assert {e.get("notebook") for e in events} <= {p.name for p in LEARNER}
    assert not (ROOT / "workshops" / ".kit").exists()
