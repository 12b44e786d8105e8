"""``kit site``: the learners' website, a static site of the learner editions that works offline.

Built with Sphinx and myst-nb (both build with no network, and Sphinx's bundled Alabaster theme
asks nothing of a CDN). For each workshop of the manifest, the learner edition is run with charts
drawn as pictures (:mod:`kit.ui.static`) and then prepared for reading (:func:`for_reading`):

* every chart an inline SVG image whose ``alt`` text is the chart's own description;
* each exercise's hints and its solution (from the instructor edition, as ``solution()`` shows
  it) behind "show" toggles (``<details>``), in place of the notebook's buttons;
* an explorer (a widget) replaced by a note saying how to run it; the exercise cells' "replace
  the ... with your answer" left out;
* a "Run it yourself" box under the title.

The series page comes from the manifest. Instructor notes are never published: only learner
editions are read, and the tests look for instructor text in every page.
"""

from __future__ import annotations

import base64
import copy
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from . import workshops

__all__ = ["SiteError", "for_reading", "build", "RUN_IT"]

WIDGET = "application/vnd.jupyter.widget-view+json"
HELPERS = re.compile(r"^\s*helpers\(\s*[\"'](\d\d\.\d+)[\"']\s*\)\s*$")

RUN_IT = (
    '<div class="kit-run-it" role="note"><p><strong>Run it yourself.</strong> This page is the '
    "workshop as a reader sees it. To answer the exercises and move the explorers, get the notebooks "
    "and run them on your own computer with two commands (from the kit's folder): "
    "<code>uv run kit lab</code> opens them, <code>uv run pytest</code> checks the kit. In a seminar "
    "room, the instructor's <code>kit room</code> gives you them in your browser.</p></div>"
)
EXPLORER = (
    '<p class="kit-explorer-note"><em>Here the notebook has an explorer to play with '
    "(sliders, menus, clickable charts); below is how it first looks. Run the notebook to use "
    "it: see “Run it yourself” at the top of the page.</em></p>"
)


class SiteError(RuntimeError):
    """The site could not be built (a notebook failed, Sphinx failed); nothing was replaced."""


def _markdown_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def _toggles(exercise_id: str) -> str:
    """The exercise's hints and solution as closed ``<details>`` toggles."""
    from .exercises import find, solution

    ex = find(exercise_id)
    parts = [
        f'<details class="kit-hint"><summary>Hint {i} of {len(ex.hints)}</summary>{_markdown_html(h)}</details>'
        for i, h in enumerate(ex.hints, 1)
    ]
    parts.append(
        f'<details class="kit-solution"><summary>Solution to {exercise_id}</summary>'
        f"{_answer(ex)}{_markdown_html(solution(exercise_id).markdown)}</details>"
    )
    return '<div class="kit-toggles">' + "".join(parts) + "</div>"


def _answer(ex) -> str:
    """The expected answer on the data this page shows, for a reader who cannot run the cell."""
    try:
        value = ex.expected()
    except Exception:  # an exercise whose answer needs the learner's own inputs: the code says it all
        return ""
    if hasattr(value, "to_string"):
        shown = value.to_string()
    elif isinstance(value, (set, frozenset)):
        shown = ", ".join(sorted(map(str, value)))
    elif isinstance(value, float):
        shown = f"{value:.4g}"
    else:
        shown = str(value)
    return (
        f'<p class="kit-answer"><strong>The answer on this page\'s data:</strong></p>'
        f"<pre>{html.escape(shown[:3000])}</pre>"
    )


def _figure(output) -> dict:
    """A picture output (SVG) as an inline SVG image with the chart's description as alt."""
    from .ui.static import ALT

    data = output["data"]
    alt = output.get("metadata", {}).get(ALT) or data.get("text/plain", "")
    svg = data["image/svg+xml"]
    svg = svg if isinstance(svg, str) else "".join(svg)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    img = f'<img class="kit-chart" src="{src}" alt="{html.escape(alt, quote=True)}">'
    return nbformat.v4.new_output("display_data", data={"text/html": f"<figure>{img}</figure>", "text/plain": alt})


def for_reading(nb):
    """A run learner edition made into a page to read (see the module docstring); a copy."""
    from .ui.static import ALT

    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)  # no widget state: myst-nb then loads no widget JavaScript
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        tags = set(cell.metadata.get("tags", []))
        m = HELPERS.match(cell.source)
        if m:  # the hint and solution buttons: toggles with the same text
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": _toggles(m.group(1))})]
            tags.add("remove-input")
        elif "check(" in cell.source:  # an exercise: its code to read; the "replace the ..." left out
            cell.outputs = []
        else:
            outs = []
            for o in cell.outputs:
                data = o.get("data", {})
                if "image/svg+xml" in data and ALT in o.get("metadata", {}):  # a kit chart as a picture
                    outs.append(_figure(o))
                elif WIDGET in data:
                    outs.append(nbformat.v4.new_output("display_data", data={"text/html": EXPLORER}))
                elif o.get("output_type") == "stream" and o.get("name") == "stderr":
                    continue
                else:
                    outs.append(o)
            cell.outputs = outs
        cell.metadata["tags"] = sorted(tags)
        cells.append(cell)
    header = next((i for i, c in enumerate(cells) if "kit-header" in c.metadata.get("tags", [])), 0)
    cells.insert(header + 1, nbformat.v4.new_markdown_cell(RUN_IT))
    nb.cells = cells
    return nb


def _run(w, cache: bool = True) -> object:
    """The learner edition of ``w``, run with charts as pictures (:mod:`kit.published`)."""
    from . import published

    nb = published.run(w, cache=cache)
    failed = published.errors(nb)
    if failed:  # a cell error: name the notebook, keep the last site
        cell, what = failed[0]
        raise SiteError(f"{w.notebook} failed while running for the site: cell {cell}: {what[:300]}")
    return nb


def _index(order: list[workshops.Workshop]) -> str:
    rows = "\n".join(
        f"| [{w.number}]({w.notebook.removesuffix('.ipynb')}) | {w.title} | {workshops.minutes(w)} min |" for w in order
    )
    toc = "\n".join(w.notebook.removesuffix(".ipynb") for w in order)
    return (
        f"# The seminar kit\n\nWorkshops that teach small businesses to use social media well, with "
        f"numbers, not slogans. Each page is one workshop, as a reader sees it: its questions, its "
        f"explanations and charts, its exercises with hints and solutions behind toggles.\n\n"
        f"{RUN_IT}\n\n| workshop | title | time |\n|---|---|---|\n{rows}\n\n"
        "The sample town's data are synthetic: they illustrate what the research found, they do "
        "not prove it. Each workshop says which patterns the data were built to show.\n\n"
        f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{toc}\n```\n"
    )


CONF = """project = "The seminar kit"
author = "seminar kit"
extensions = ["myst_nb"]
nb_execution_mode = "off"
nb_merge_streams = True
html_theme = "alabaster"
html_theme_options = {"page_width": "1180px", "sidebar_width": "230px", "fixed_sidebar": False,
                      "show_powered_by": False, "font_family": "DejaVu Sans, Verdana, Arial, sans-serif",
                      "head_font_family": "DejaVu Sans, Verdana, Arial, sans-serif"}
html_static_path = ["_static"]
html_css_files = ["kit.css"]
html_show_sourcelink = False
html_copy_source = False
html_title = "The seminar kit"
html_sidebars = {"**": ["navigation.html", "relations.html", "searchbox.html"]}  # no second h1 (the logo)
copyright = "the seminar kit's authors; MIT licence"
pygments_style = "default"
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]
"""

CSS = """/* the seminar kit's site: readable on a phone and on a projector */
body { font-size: 17px; }
div.body { min-width: 0; max-width: none; }
div.body img.kit-chart { max-width: 100%; height: auto; }
div.body figure { margin: 0.5em 0; overflow-x: auto; }
div.cell_output, div.output { overflow-x: auto; }
div.body table { display: block; max-width: 100%; overflow-x: auto; }
div.body code.literal span.pre { white-space: normal; overflow-wrap: anywhere; }
div.cell_output pre, div.output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
div.highlight pre { overflow-x: auto; }
.kit-run-it { border: 2px solid #0072B2; background: #eaf3fa; padding: 0.2em 1em; margin: 1em 0; }
.kit-explorer-note { color: #333; }
.kit-toggles details { border: 1px solid #999; border-radius: 4px; padding: 0.3em 0.8em; margin: 0.4em 0;
                       min-width: 0; overflow-x: auto; }
.kit-toggles summary { cursor: pointer; font-weight: bold; color: #004f7c; overflow-wrap: anywhere; }
.kit-toggles p, .kit-toggles li { overflow-wrap: anywhere; }
.kit-toggles pre { white-space: pre-wrap; overflow-wrap: anywhere; }
a { color: #004f7c; }
div.footer { color: #333; }
@media (max-width: 875px) {
  body { font-size: 16px; }
  div.body { padding: 0 12px; }
  div.highlight pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  /* charts keep a readable size and scroll sideways inside their own box */
  div.body figure img.kit-chart { max-width: none; width: 600px; }
}
"""


def build(out: Path, *, say=print) -> Path:
    """Build the site into ``out`` (replaced whole, only once the new one is complete); return
    the path of its front page."""
    order = list(workshops.WORKSHOPS)
    work = out.with_name(out.name + ".building")
    shutil.rmtree(work, ignore_errors=True)
    src = work / "src"
    (src / "_static").mkdir(parents=True)
    from .ui.static import publishing

    try:
        for i, w in enumerate(order, 1):
            say(f"[{i}/{len(order)}] running {w.notebook} ...")
            run = _run(w)
            with publishing("svg"):  # the answers shown in the toggles: the bundled town and the demos too
                page = for_reading(run)
            nbformat.write(page, src / w.notebook)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    (src / "index.md").write_text(_index(order), encoding="utf-8")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "_static" / "kit.css").write_text(CSS, encoding="utf-8")
    say("building the pages with Sphinx ...")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(work / "html")],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise SiteError(f"Sphinx failed: {(done.stderr or done.stdout).strip()[-1500:]}")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(work / "html", out)
    shutil.rmtree(work, ignore_errors=True)
    return out / "index.html"
