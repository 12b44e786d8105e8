"""``kit present NN``: a workshop's explorers as a full-screen app for the projector (Voilà).

The app is a notebook built from the workshop's learner edition: a title from the manifest, the
setup cell (run, its output hidden), and every code cell whose metadata carries ``"app"``, a
sentence of context shown above it. Nothing else: no exercises, no prose, no code (Voilà strips
the sources). So the app is declared in the notebook itself, next to the explorer it shows:

    {"cell_type": "code", "source": "charts.explorer()",
     "metadata": {"app": "Move the sliders: who is trusted after six evenings?"}}

:func:`app_notebook` builds it, :func:`write_app` writes it, :func:`voila_command` is what
``kit present`` runs: Voilà on loopback, offline (the kit's charts carry their own bundle).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat

from . import workshops

__all__ = ["APP_KEY", "AppError", "app_cells", "presentable", "app_notebook", "write_app", "voila_command"]

APP_KEY = "app"  # a code cell's metadata key: the sentence of context the app shows above it


class AppError(ValueError):
    """A workshop has no app cells, or an app cell is malformed."""


def _code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def app_cells(nb) -> list[tuple[str, str]]:
    """``(sentence, source)`` for every cell of ``nb`` marked for the app, in order.

    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("setup()"),
    ...     nbformat.v4.new_code_cell("charts.explorer()", metadata={"app": "Move the sliders."})])
    >>> app_cells(nb)
    [('Move the sliders.', 'charts.explorer()')]
    """
    out = []
    for i, cell in enumerate(nb.cells):
        if APP_KEY not in cell.get("metadata", {}):
            continue
        say = cell.metadata[APP_KEY]
        if cell.cell_type != "code" or not isinstance(say, str) or not say.strip():
            raise AppError(
                f"cell {i + 1}: metadata.{APP_KEY} must be a sentence on a code cell (the explorer "
                f"it introduces); got {say!r} on a {cell.cell_type} cell"
            )
        out.append((say.strip(), cell.source))
    return out


def presentable() -> list[str]:
    """The numbers of the workshops whose learner edition has app cells."""
    return [w.number for w in workshops.WORKSHOPS if app_cells(nbformat.read(w.learner_path(), as_version=4))]


def app_notebook(number: str):
    """The app for workshop ``number``: title, hidden setup, the marked explorers (see the module doc)."""
    w = workshops.get(number)
    nb = nbformat.read(w.learner_path(), as_version=4)
    cells = app_cells(nb)
    if not cells:
        raise AppError(
            f"workshop {number} has no cells marked for the app (metadata.{APP_KEY}); "
            f"these do: {', '.join(presentable()) or 'none'}"
        )
    setup = _code_cells(nb)[0].source
    new = nbformat.v4
    out = [
        new.new_markdown_cell(
            f"# {w.number} · {w.title}\n\n*Synthetic data, built to illustrate: "
            "the patterns it shows are the kit's declared assumptions, not evidence.*"
        ),
        new.new_code_cell("%%capture _setup_output\n" + setup),
    ]  # run first, shown never
    for say, source in cells:
        out += [new.new_markdown_cell(say), new.new_code_cell(source)]
    app = new.new_notebook(
        cells=out,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "kit": {"app_of": w.notebook},
        },
    )
    nbformat.validate(app)
    return app


def write_app(number: str, folder: Path) -> Path:
    """Write workshop ``number``'s app into ``folder`` (replacing an older one); return its path."""
    from .workspace import write_atomic

    path = folder / f"{workshops.get(number).number}-app.ipynb"
    write_atomic(path, nbformat.writes(app_notebook(number)).encode("utf-8"))
    return path


def app_folder() -> Path:
    """Where ``kit present`` keeps the apps it builds (the kit's cache, never a tracked folder)."""
    from .ui.offline import cache_dir

    return cache_dir() / "present"


SHARE = Path(__file__).resolve().parent / "appshare"  # a Jupyter data folder: voila/templates/kit/


def voila_command(
    path: Path, *, ip: str = "127.0.0.1", port: int | None = None, browser: bool = True
) -> tuple[list[str], dict]:
    """(command, environment): Voilà serving the app at ``path`` on ``ip`` only, with no code
    shown, no tracebacks, and the kit's page template, which asks nothing of a CDN."""
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(path),
        f"--Voila.ip={ip}",
        "--strip_sources=True",
        "--theme=light",
        "--template=kit",
        "--VoilaConfiguration.show_tracebacks=False",
    ]
    if port:
        cmd.append(f"--port={port}")
    if not browser:
        cmd.append("--no-browser")
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), env.get("JUPYTER_PATH", "")) if p)
    return cmd, env
