"""Charts (Altair) and widgets (ipywidgets): thin layers over the topic modules.

Notebooks call :func:`setup` once at the top; after that every chart draws with no network, in
the kit's projector-friendly theme.
"""

from __future__ import annotations

import html

from IPython.display import HTML, display

from .offline import enable_offline_charts
from .theme import enable_theme, finish

__all__ = ["setup", "show", "finish", "caption", "helpers"]


def _schema_table_once() -> None:
    """Let Altair build its schema-to-class table once per kernel, not once per encoding.

    Every string in an encoding (``tooltip=["handle", ...]``, ``y="count:Q"``) becomes a channel
    through ``from_dict``, and Altair 6 rebuilds, for each such call, a table hashing all its ~580
    schema classes as JSON: ~4.5 ms a string, ~0.1 s of workshop 02's charts (upstream:
    vega/altair#3547). The table depends only on the classes, so keep it per set of classes;
    a new class (a chart type defined later) gets a new table. Charts come out the same
    (``tests/test_charts.py``). Skipped if Altair's internals are not as expected.
    """
    from altair.utils import schemapi

    base = getattr(schemapi, "_FromDict", None)
    if base is None or getattr(base, "_kit_once", False) or not hasattr(base, "hash_schema"):
        return

    class _FromDictOnce(base):
        _kit_once = True
        _tables: dict = {}

        def __init__(self, wrapper_classes, /):
            classes = tuple(wrapper_classes)
            table = self._tables.get(classes)
            if table is None:
                super().__init__(classes)
                type(self)._tables = {classes: self.class_dict}  # the latest set only
            else:
                self.class_dict = table

    schemapi._FromDict = _FromDictOnce


_schema_table_once()


def setup(offline: bool = True) -> str:
    """Prepare charts for this notebook: offline rendering and the kit theme."""
    import pandas as pd

    enable_theme()
    pd.set_option("display.max_colwidth", None)  # show whole sentences in text columns
    how = enable_offline_charts() if offline else "online (CDN)"
    _show_notices()
    _freeze_what_is_imported()
    _pictures_of_explorers()
    return how


def _pictures_of_explorers() -> None:
    """When this kernel draws charts as pictures, each explorer's charts follow it as pictures."""
    from .static import show_explorer_pictures, static_mode

    shell = _shell()
    if static_mode() and shell is not None and show_explorer_pictures not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", show_explorer_pictures)


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


_frozen = False


def _freeze_what_is_imported() -> None:
    """Stop the garbage collector rescanning the objects alive now, once per kernel.

    ``setup()`` runs in a notebook's first cell, after its imports, when the kernel holds some
    140,000 objects from pandas, Altair (its 1.5 MB schema) and Jupyter that live as long as the
    kernel. Python's full collections walk all of them: workshop 02 paid one of ~0.15 s at some
    cell. ``gc.freeze()`` moves them out of the collector's sight; later objects are collected
    as before. Only the first call freezes, so running the setup cell again keeps nothing extra.
    """
    global _frozen
    if not _frozen:
        import gc

        gc.freeze()
        _frozen = True


def _show_notices() -> None:
    """Messages the workspace holds for this notebook (a new edition placed beside it), once."""
    import os
    from pathlib import Path

    from IPython.display import Markdown

    from ..workspace import notices

    name = os.environ.get("JPY_SESSION_NAME")
    for text in notices(Path(name).name if name else None):
        display(Markdown(f"**Note from the kit:** {text}"))


def caption(chart) -> HTML:
    """The chart's text description as a caption (for screen readers and handouts)."""
    text = chart.description if isinstance(chart.description, str) else ""  # no second validation pass
    return HTML(
        f'<p class="kit-chart-description" style="font-size:1.05em;max-width:60em">'
        f"<strong>What the chart shows:</strong> {html.escape(text)}</p>"
    )


def show(chart) -> None:
    """Display a chart with its description underneath (as a picture when the kernel draws
    charts as pictures: :mod:`kit.ui.static`)."""
    from .static import picture, static_mode

    if static_mode():
        data, metadata = picture(chart)
        display(data, raw=True, metadata=metadata)
    else:
        display(_drawn(chart))
    display(caption(chart))


def _drawn(chart):
    """What the "jupyter" renderer would display for ``chart``, built from the chart itself.

    The renderer gets only the spec: it validates it, rebuilds a chart from it (validating every
    data row once more) and hands that to ``JupyterChart``, which validates a third time; ~1 s
    for a small-multiples chart of 90 days. ``LiveChart(chart)`` (a ``JupyterChart``) draws the
    same chart and, like the explorers, leaves validating to the tests, which validate every kind
    of chart the kit draws (``tests/chart_contract.py``); a chart with selections is validated
    as Altair does. Any other renderer (``setup(offline=False)``) gets the chart as before.
    """
    import altair as alt

    from .live import LiveChart

    if alt.renderers.active != "jupyter" or not isinstance(chart, alt.TopLevelMixin):
        return chart
    options = alt.renderers.options
    alt.JupyterChart.enable_offline(offline=options.get("offline", False))  # as the renderer does
    return LiveChart(chart, embed_options=options.get("embed_options"))


def helpers(exercise_id: str):
    """Two buttons under an exercise: the next hint, and the reference solution (in an
    assignment, the hint button only)."""
    import ipywidgets as W
    from IPython.display import Markdown

    from ..exercises import hint, solution

    out = W.Output()
    wide = W.Layout(width="auto", min_width="12em")
    hint_button = W.Button(
        description="Show a hint", icon="lightbulb-o", layout=wide, tooltip=f"next hint for {exercise_id}"
    )
    solution_button = W.Button(
        description="Show the solution", icon="eye", layout=wide, tooltip=f"solution to {exercise_id}"
    )

    def show_text(make):
        with out:
            display(Markdown(make(exercise_id).markdown))

    hint_button.on_click(lambda _: show_text(hint))
    solution_button.on_click(lambda _: show_text(solution))
    from ..exercises.mode import assignment

    if assignment() is not None:  # an assignment: hints only (solutions are switched off)
        return W.VBox([W.HBox([hint_button]), out])
    return W.VBox([W.HBox([hint_button, solution_button]), out])
