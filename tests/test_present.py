"""``kit present``: a workshop's explorers as an app for the projector (Voilà), offline.

The app is built from the learner edition's cells marked ``metadata.app`` (each with a sentence of
context). Tested here: what the app holds (and leaves out), that every workshop's app runs top to
bottom in a fresh kernel after its setup cell alone, the errors for a workshop without one, and
the real thing: ``kit present 03`` served by Voilà on loopback, opened in headless Chromium with
every request to another host aborted and recorded, the explorer and the tournament desk drawn and
working, no code shown. A screenshot goes to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kit import present, workshops
from kit.kernels import IPCKernelManager

from .offline import CHROMIUM, CHROMIUM_ARGS, keep_local, require_chromium, stop, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "screenshots"
APPS = present.presentable()


def test_the_workshops_with_explorers_have_an_app_and_03_shows_the_party_and_the_desk():
    assert {"01", "02", "03"} <= set(APPS)
    sources = [c.source for c in present.app_notebook("03").cells if c.cell_type == "code"]
    assert sources[1:] == ["charts.explorer()", "charts.tournament_desk()"]


@pytest.mark.parametrize("number", APPS)
def test_an_app_holds_a_title_the_hidden_setup_and_only_the_marked_cells(number):
    w = workshops.get(number)
    app = present.app_notebook(number)
    learner = nbformat.read(w.learner_path(), as_version=4)
    marked = present.app_cells(learner)
    cells = app.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith(f"# {number} · {w.title}")
    assert "synthetic" in cells[0].source.lower()  # the app says what its data is
    setup = [c for c in learner.cells if c.cell_type == "code"][0].source
    assert cells[1].source == "%%capture _setup_output\n" + setup  # run, its output never shown
    pairs = [(cells[i].source, cells[i + 1].source) for i in range(2, len(cells), 2)]
    assert pairs == marked and len(cells) == 2 + 2 * len(marked)
    text = "\n".join(c.source for c in cells)
    assert "check(" not in text and "helpers(" not in text and "Instructor" not in text


@pytest.mark.parametrize("number", APPS)
def test_an_app_runs_top_to_bottom_after_its_setup_cell_alone(number, tmp_path):
    path = present.write_app(number, tmp_path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, km=IPCKernelManager(kernel_name="python3"), timeout=180, resources={"metadata": {"path": str(tmp_path)}}
    ).execute(cleanup_kc=True)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert not nb.cells[1].outputs  # the setup cell shows nothing
    assert all(c.outputs for c in nb.cells[3::2])  # every explorer drew something


def test_a_workshop_without_an_app_gets_one_clear_error(capsys):
    from kit.cli import main

    assert "00" not in APPS
    assert main(["present", "00"]) == 2
    err = capsys.readouterr().err
    assert "no cells marked for the app" in err and "03" in err
    assert main(["present", "99"]) == 2
    assert "no workshop 99" in capsys.readouterr().err


def test_a_malformed_app_mark_names_the_cell():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("x", metadata={"app": "Look"})])
    with pytest.raises(present.AppError, match="cell 1: metadata.app must be a sentence on a code cell"):
        present.app_cells(nb)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", metadata={"app": ""})])
    with pytest.raises(present.AppError, match="cell 1"):
        present.app_cells(nb)


def test_the_app_is_served_on_loopback_with_the_kits_own_template():
    cmd, env = present.voila_command(Path("/tmp/03-app.ipynb"), port=8899, browser=False)
    assert "--Voila.ip=127.0.0.1" in cmd and "--strip_sources=True" in cmd and "--template=kit" in cmd
    assert "--no-browser" in cmd and "--port=8899" in cmd
    share = env["JUPYTER_PATH"].split(os.pathsep)[0]
    page = Path(share) / "voila" / "templates" / "kit" / "index.html.j2"
    assert page.exists() and "cdn.jsdelivr.net" in page.read_text()  # the links it takes out


# --------------------------------------------------------------------------- in the browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_chromium()
    base = tmp_path_factory.mktemp("present")
    port = _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(base / "runtime"))
    log = open(base / "voila.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kit", "present", "03", "--no-browser", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_until_up(url + "voila/static/voila.js", proc, base / "voila.log", "kit present", timeout=120)
    yield {"url": url, "log": base / "voila.log"}
    stop(proc, log)


def test_kit_present_03_draws_the_explorer_and_the_desk_offline_with_no_code(voila):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})  # a projector
        left = keep_local(page)
        page.goto(voila["url"])
        drawn = ".vega-embed svg, .vega-embed canvas"
        page.wait_for_function(f"document.querySelectorAll('{drawn}').length >= 2", polling=250, timeout=120_000)
        assert page.locator("h1").first.inner_text().startswith("03 · The cocktail party")
        assert page.get_by_text("Change the room: the persona mix").count() == 1
        assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0  # no code
        assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        embeds = page.locator(".vega-embed")
        assert embeds.count() >= 3 and page.locator(drawn).count() >= embeds.count()  # every chart drawn
        assert page.locator(".widget-slider, .jupyter-widgets.widget-slider").count() >= 5  # the sliders
        assert page.locator("textarea").count() == 1  # the desk's entries
        # the desk works, not just draws: one more guest typed in, the tournament run again
        board = page.get_by_text(re.compile(r"\d+ entr(y|ies) from the room")).first
        entries = int(re.match(r"(\d+)", board.inner_text()).group(1))
        box = page.locator("textarea").first
        box.fill(box.input_value().rstrip("\n") + "\nthe projector's guest, 0.3, 0.2, 12, 0, 1\n")
        page.get_by_role("button", name="Run the tournament").click()
        page.get_by_text(f"{entries + 1} entries from the room").first.wait_for(timeout=60_000)
        assert page.get_by_text("the projector's guest").count() >= 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "present-03.png"), full_page=True)
        browser.close()
    assert not left, f"requests tried to leave the machine: {left}"
