"""The tiny chart and widget for workshop 00 (start here)."""

from __future__ import annotations

import altair as alt
import ipywidgets as W
import pandas as pd

from ..data import load
from .theme import finish
from .words import count


def accounts_chart(accounts: pd.DataFrame):
    """How many accounts of each kind the sample town has."""
    counts = accounts["kind"].value_counts().rename_axis("kind").reset_index(name="accounts")
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("kind:N", title="Kind of account", sort="-x"),
            x=alt.X("accounts:Q", title="Number of accounts"),
            color=alt.Color("kind:N", legend=None),
            tooltip=["kind", "accounts"],
        )
        .properties(height=200)
    )
    n_biz = int(counts.loc[counts["kind"] == "business", "accounts"].sum())
    return finish(
        chart,
        title=f"The sample town: {n_biz} businesses among {len(accounts):,} accounts",
        subtitle="Synthetic data: every name is invented",
        description=(
            "Bar chart of the number of accounts of each kind in the synthetic town: "
            + ", ".join(f"{r.kind} {r.accounts}" for r in counts.itertuples())
            + "."
        ),
    )


def business_picker():
    """A first widget: choose a business type and see those businesses' follower counts."""
    acc = load("accounts")
    biz = acc[acc["kind"] == "business"]
    picker = W.Dropdown(options=sorted(biz["business_type"].unique()), description="Type")
    out = W.HTML()

    def redraw(_=None):
        rows = biz[biz["business_type"] == picker.value][["handle", "display_name", "followers_count"]]
        out.value = f"<p>{count(len(rows), 'business')} of this type.</p>" + rows.sort_values(
            "followers_count", ascending=False
        ).to_html(index=False, border=0)

    picker.observe(redraw, names="value")
    redraw()
    return W.VBox([picker, out])
