"""One look for every chart in the kit: readable from the back row, safe for colour blindness.

Every chart the kit draws goes through :func:`finish`, which insists on a title that states the
finding, plain-word axis titles (set by the chart functions) and a text description (used as the
chart's ARIA description and printed under it for screen readers and handouts).
"""

from __future__ import annotations

import altair as alt

# Okabe & Ito (2008) colour-blind-safe palette
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STYLE_COLOURS = {"conversation": "#0072B2", "broadcast": "#E69F00"}
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@alt.theme.register("seminar_kit", enable=False)
def seminar_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": 320, "stroke": None},
            "title": {
                "fontSize": 21,
                "anchor": "start",
                "subtitleFontSize": 16,
                "subtitleColor": "#333333",
                "offset": 12,
            },
            "axis": {
                "labelFontSize": 16,
                "titleFontSize": 17,
                "titleFontWeight": "normal",
                "gridColor": "#e6e6e6",
                "labelLimit": 260,
                "titlePadding": 10,
            },
            # legends below the plot: charts stay narrow enough for a projector or a laptop
            "legend": {
                "labelFontSize": 16,
                "titleFontSize": 16,
                "symbolSize": 200,
                "orient": "bottom",
                "direction": "horizontal",
                "labelLimit": 320,
            },
            "header": {"labelFontSize": 16, "titleFontSize": 17},
            "range": {"category": PALETTE},
            "point": {"size": 90, "filled": True},
            "text": {"fontSize": 15},
        }
    }


def either(channel, test, yes, no):
    """``alt.condition(test, alt.value(yes), alt.value(no))`` built as ``channel`` (such as
    ``alt.SizeValue``). ``encode`` checks a plain condition against Vega-Lite's schema (~15 ms
    each, on every redraw); the tests validate every chart the kit draws instead.

    >>> either(alt.SizeValue, "datum.big", 400, 50).to_dict()
    {'condition': {'test': 'datum.big', 'value': 400}, 'value': 50}
    """
    return channel(**alt.condition(test, alt.value(yes), alt.value(no)))


def enable_theme() -> None:
    alt.theme.enable("seminar_kit")


def finish(chart, *, title: str, description: str, subtitle: str | None = None):
    """Give a chart its finding-stating title and its text description."""
    if not title or not description:
        raise ValueError("every kit chart needs a title that states the finding and a description")
    t = alt.Title(title, subtitle=subtitle) if subtitle else alt.Title(title)
    return chart.properties(title=t, description=description)
