"""Charts (Altair) and widgets (ipywidgets): thin layers over the topic modules.

Notebooks call :func:`setup` once at the top; after that every chart draws with no network, in
the kit's projector-friendly theme.
"""

from __future__ import annotations

import html

from IPython.display import HTML, display

from .offline import enable_offline_charts
from .theme import enable_theme, finish

__all__ = ["setup", "show", "finish", "caption"]


def setup(offline: bool = True) -> str:
    """Prepare charts for this notebook: offline rendering and the kit theme."""
    enable_theme()
    how = enable_offline_charts() if offline else "online (CDN)"
    return how


def caption(chart) -> HTML:
    """The chart's text description as a caption (for screen readers and handouts)."""
    text = chart.to_dict().get("description", "")
    return HTML(f'<p class="kit-chart-description" style="font-size:1.05em;max-width:60em">'
                f'<strong>What the chart shows:</strong> {html.escape(text)}</p>')


def show(chart) -> None:
    """Display a chart with its description underneath."""
    display(chart)
    display(caption(chart))
