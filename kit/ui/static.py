"""Charts as pictures: for handouts (and any page that cannot run JavaScript).

A notebook run with ``KIT_CHARTS=static`` in its kernel's environment draws every ``show(chart)``
as a picture, rendered offline by vl-convert (through Altair's ``chart.save``), with the chart's
own text description as its alternative text. Everything else about the notebook is unchanged,
so a handout's charts are the workshop's charts, from the same functions and the same data.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os

ENV = "KIT_CHARTS"
ALT = "kit/alt"  # the picture's alternative text, in the output's metadata

__all__ = ["ENV", "ALT", "static_mode", "publishing", "png", "svg", "picture", "made_in_static_mode",
           "show_explorer_pictures"]

_made: list = []  # live charts (explorers') made in the cell running now, when charts are pictures


def made_in_static_mode(view) -> None:
    """Remember an explorer's live chart, when this kernel draws charts as pictures."""
    if static_mode():
        _made.append(view)


def show_explorer_pictures(*_) -> None:
    """After a cell: its explorers' charts as they first drew, as pictures (an IPython
    ``post_run_cell`` hook that :func:`kit.ui.setup` registers when charts are pictures)."""
    from IPython.display import display

    views, _made[:] = list(_made), []
    for view in views:
        chart = getattr(view, "chart", None)
        if chart is not None:
            data, metadata = picture(chart)
            display(data, raw=True, metadata=metadata)


def static_mode() -> bool:
    """True when this kernel draws charts as pictures (``KIT_CHARTS=static``)."""
    return os.environ.get(ENV, "").strip().lower() == "static"


@contextlib.contextmanager
def publishing():
    """While a notebook is run for the public (the website, a handout): charts as pictures, and no
    learner workspace, so only the bundled town and the demo exports are read, never anyone's own
    import or scenario. Kernels started inside inherit it; the environment is restored after."""
    from ..workspace import ENV as WORKSPACE

    before = {k: os.environ.get(k) for k in (ENV, WORKSPACE)}
    os.environ[ENV] = "static"
    os.environ[WORKSPACE] = ""  # set but empty: no workspace
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def png(chart, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (``scale`` times its size in pixels), drawn offline."""
    buf = io.BytesIO()
    chart.save(buf, format="png", scale_factor=scale)
    return buf.getvalue()


def svg(chart) -> str:
    """The chart as SVG text, drawn offline."""
    buf = io.StringIO()
    chart.save(buf, format="svg")
    return buf.getvalue()


def picture(chart) -> tuple[dict, dict]:
    """``(data, metadata)`` of a display output holding the chart as PNG and SVG, its text
    description as plain text and as the picture's alternative text."""
    text = chart.description if isinstance(chart.description, str) else ""
    data = {"image/png": base64.b64encode(png(chart)).decode("ascii"), "image/svg+xml": svg(chart),
            "text/plain": text}
    return data, {ALT: text}
