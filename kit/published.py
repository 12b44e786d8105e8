"""A workshop's learner edition run for the public, once: what ``kit site`` and ``kit handout`` read.

Both run the learner edition with charts as pictures and no learner workspace
(:func:`kit.ui.static.publishing`). Running it takes seconds per notebook, and the site and a
handout of the same workshop would run the same notebook on the same data for the same purpose,
so :func:`run` draws every chart both as PNG (the handout) and as SVG (the site) and keeps the
run notebook in the kit's cache, under a key of everything the run depends on:

* the learner edition's bytes;
* every source file of ``kit/`` (topic modules, charts, the exercises engine, ...);
* every file of the data folder the run reads (``datasets/``, or ``SEMINAR_KIT_DATA``);
* the versions of Python, pandas, NumPy, Altair and vl-convert (they draw the pictures).

Change any of them and the next call runs the notebook again; nothing kept can be stale. A lock
per key means two builds at once (the site and a handout, or two test workers) run it once.
Errors in cells are kept as outputs: the caller decides what an error means (:func:`errors`).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import nbformat

__all__ = ["run", "key", "errors", "KEEP"]

KEEP = 20  # run notebooks kept, the most recently used


def _versions() -> str:
    import altair
    import numpy
    import pandas

    try:
        import vl_convert

        vlc = vl_convert.__version__
    except Exception:  # noqa: BLE001
        vlc = "none"
    return f"{sys.version_info[:3]}|{pandas.__version__}|{numpy.__version__}|{altair.__version__}|{vlc}"


def key(notebook: Path) -> str:
    """What the run of ``notebook`` depends on, as one hex digest (see the module docstring)."""
    from .scenario import inputs_digest

    h = hashlib.sha256(_versions().encode() + b"\0" + inputs_digest().encode() + b"\0")
    h.update(Path(notebook).read_bytes())
    return h.hexdigest()


def _where() -> Path:
    from .data import cache_dir

    return cache_dir() / "published"


@contextlib.contextmanager
def _locked(path: Path):
    import fcntl

    with open(path, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _fresh(w):
    from .editions import run_notebook
    from .ui.static import publishing

    nb = nbformat.read(w.learner_path(), as_version=4)
    with publishing("static"):  # PNG and SVG; never a learner's own import or scenario
        run_notebook(nb, w.learner_path().parent, allow_errors=True)
    return nb


def run(w, cache: bool = True):
    """Workshop ``w``'s learner edition, run with charts as pictures (a copy to change freely).

    ``cache=False`` runs it afresh and keeps nothing (a test that must see this very run).
    """
    if not cache:
        return _fresh(w)
    where = _where()
    try:
        where.mkdir(parents=True, exist_ok=True)
        k = key(w.learner_path())
    except OSError:
        return _fresh(w)
    path = where / f"{k}.ipynb"
    with _locked(where / f"{k}.lock"):
        try:
            nb = nbformat.read(path, as_version=4)
            os.utime(path)
            return nb
        except Exception:  # noqa: BLE001 - none yet, or unreadable: run it
            pass
        nb = _fresh(w)
        try:
            with tempfile.NamedTemporaryFile("w", dir=where, suffix=".tmp", delete=False, encoding="utf-8") as f:
                nbformat.write(nb, f)
            os.replace(f.name, path)
            kept = sorted(where.glob("*.ipynb"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[KEEP:]:
                old.unlink(missing_ok=True)
                old.with_suffix(".lock").unlink(missing_ok=True)
        except OSError:
            pass
    return copy.deepcopy(nb)


def errors(nb) -> list[tuple[int, str]]:
    """``(cell number from 1, "Name: message")`` of every error output in a run notebook."""
    return [
        (i, f"{o.get('ename', 'Error')}: {o.get('evalue', '')}")
        for i, c in enumerate(nb.cells, 1)
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
