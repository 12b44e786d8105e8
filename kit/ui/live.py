"""A chart an explorer redraws: ``alt.JupyterChart`` that skips re-validating every swap.

``JupyterChart`` turns each new ``.chart`` into its spec with ``to_dict()``, which validates the
whole spec against Vega-Lite's JSON schema: about 35 ms of a party explorer's ~100 ms redraw.
An explorer swaps in charts built by the same function with new numbers, and the tests validate
every kind of chart each function builds (``tests/chart_contract.py``), so a swap skips that
step. Charts with parameters (selections) go through Altair's own handler unchanged.
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

    @traitlets.observe("chart")
    def _on_change_chart(self, change):
        chart = change.new
        if chart is not None and getattr(chart, "params", alt.Undefined) in (alt.Undefined, []):
            self.spec = chart.to_dict(validate=False)
        else:
            super()._on_change_chart(change)
