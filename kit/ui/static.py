"""Charts as pictures: for handouts (and any page that cannot run JavaScript).

A notebook run with ``KIT_CHARTS=static`` in its kernel's environment draws every ``show(chart)``
as a picture, rendered offline by vl-convert (through Altair's ``chart.save``), with the chart's
own text description as its alternative text: as PNG and SVG, or only the one a reader uses
(``KIT_CHARTS=png`` for a handout, ``svg`` for the website; each takes vl-convert 70-140 ms;
both at once draw the SVG and rasterise it for the PNG). Everything else about the notebook is
unchanged, so a handout's charts are the workshop's charts, from the same functions and the same data.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os

ENV = "KIT_CHARTS"
ALT = "kit/alt"  # the picture's alternative text, in the output's metadata

__all__ = [
    "ENV",
    "ALT",
    "static_mode",
    "publishing",
    "png",
    "svg",
    "picture",
    "made_in_static_mode",
    "show_explorer_pictures",
]

KINDS = {"static": ("png", "svg"), "png": ("png",), "svg": ("svg",)}  # KIT_CHARTS -> the formats drawn
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
    """True when this kernel draws charts as pictures (``KIT_CHARTS`` one of :data:`KINDS`)."""
    return os.environ.get(ENV, "").strip().lower() in KINDS


@contextlib.contextmanager
def publishing(kind: str = "static"):
    """While a notebook is run for the public (the website, a handout): charts as pictures, and no
    learner workspace, so only the bundled town and the demo exports are read, never anyone's own
    import or scenario. ``kind`` (a key of :data:`KINDS`) says which formats the pictures come in.
    Kernels started inside inherit it; the environment is restored after."""
    from ..workspace import outside

    before = os.environ.get(ENV)
    os.environ[ENV] = kind
    try:
        with outside():
            yield
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before


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


def picture(chart, kinds: tuple[str, ...] | None = None) -> tuple[dict, dict]:
    """``(data, metadata)`` of a display output holding the chart as PNG and SVG (or the ``kinds``
    ``KIT_CHARTS`` asks for), its text description as plain text and as the picture's
    alternative text."""
    if kinds is None:
        kinds = KINDS.get(os.environ.get(ENV, "").strip().lower(), KINDS["static"])
    text = chart.description if isinstance(chart.description, str) else ""
    data = {"text/plain": text}
    drawn = svg(chart) if "svg" in kinds else None
    if "png" in kinds:
        data["image/png"] = base64.b64encode(png(chart) if drawn is None else _png_of(drawn)).decode("ascii")
    if drawn is not None:
        data["image/svg+xml"] = drawn
    return data, {ALT: text}


def _png_of(drawn: str, scale: float = 2.0) -> bytes:
    """The PNG :func:`png` would draw, from the chart's SVG: vl-convert draws a PNG by
    rasterising the SVG it makes, so this skips drawing the chart a second time (60 ms, not 140;
    the pixels are the same)."""
    import vl_convert

    return vl_convert.svg_to_png(drawn, scale=scale)
