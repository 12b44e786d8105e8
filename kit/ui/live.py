"""A chart an explorer redraws: ``alt.JupyterChart`` that skips re-validating every swap.

``JupyterChart`` turns each new ``.chart`` into its spec with ``to_dict()``, which validates the
whole spec against Vega-Lite's JSON schema: about 35 ms of a party explorer's ~100 ms redraw.
An explorer swaps in charts built by the same function with new numbers, and the tests validate
every kind of chart each function builds (``tests/chart_contract.py``), so a swap skips that
step. Charts with parameters (selections) go through Altair's own handler, which wires the
selections back to Python, given a copy of the chart that skips validation too.
"""

from __future__ import annotations

import altair as alt
import traitlets


class LiveChart(alt.JupyterChart):
    """``alt.JupyterChart`` whose chart swaps skip schema validation (see the module docstring).

    >>> import pandas as pd
    >>> view = LiveChart(alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q"))
    >>> view.chart = view.chart.mark_point()
    >>> view.spec["mark"]
    {'type': 'point'}
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .static import made_in_static_mode

        made_in_static_mode(self)  # an explorer's chart: drawn as a picture too, when publishing

    @traitlets.observe("chart")
    def _on_change_chart(self, change):
        chart = change.new
        if chart is not None and getattr(chart, "params", alt.Undefined) in (alt.Undefined, []):
            self.spec = chart.to_dict(validate=False)
        elif chart is not None:  # Altair's handler wires the selections; it validates no more
            super()._on_change_chart(traitlets.Bunch(change, new=_unvalidated(chart)))
        else:
            super()._on_change_chart(change)


def _unvalidated(chart):
    """A shallow copy of ``chart`` whose ``to_dict()`` skips validation unless asked.

    Altair's handler calls ``to_dict()`` with no arguments; the override lives on this copy only
    (set past ``SchemaBase.__setattr__``, which would store it as a chart property).
    """
    view = chart.copy(deep=False)
    bound = type(chart).to_dict.__get__(view)
    object.__setattr__(view, "to_dict", lambda *args, validate=False, **kw: bound(*args, validate=validate, **kw))
    return view
