"""Workshop 03's chart of the real Davis Southern Women network (``kit.party.davis``)."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from ... import party
from ..theme import finish
from ..words import pct

CIRCLE_NAMES = {1: "first circle", 2: "second circle"}
CIRCLE_COLOURS = {1: "#0072B2", 2: "#E69F00"}


def _first_name(woman: str) -> str:
    return str(woman).split()[0]


def _events_line(att: pd.DataFrame, women: list) -> str:
    n = [int((att["woman"] == w).sum()) for w in women]
    return f"{n[0]} events" if len(set(n)) == 1 else " and ".join(map(str, n)) + " events"


def davis_chart(show_betweenness: bool = True):
    """Who went to which event, coloured by circle; with ``show_betweenness``, each woman's
    betweenness beside it, split into the routes between the two circles and those within one.

    Exercise 03.5 asks for the three women with the highest betweenness, so the notebook shows
    the chart without betweenness before the exercise and with it after.
    """
    att = party.davis_attendance()
    g = party.davis_network()
    women, events = g.graph["top"], g.graph["bottom"]
    circle = party.davis_circles()
    shared = party.davis_shared_events()
    att = att.assign(circle=att["woman"].map(lambda w: CIRCLE_NAMES[circle[w]]))
    colour = alt.Color(
        "circle:N",
        title="Circle",
        scale=alt.Scale(domain=list(CIRCLE_NAMES.values()), range=list(CIRCLE_COLOURS.values())),
    )
    x = alt.X(
        "event:N",
        sort=events,
        title="Social event, 1 to 14 (in date order)",
        axis=alt.Axis(labelAngle=0, orient="top", labelExpr="replace(datum.label, 'E', '')"),
    )
    scores = party._davis_scores()  # computed once; private: it holds 03.5's answer
    ranked = scores.sort_values(["betweenness", "events"], ascending=False, kind="stable")
    top = list(ranked["woman"].head(3))
    bold = " || ".join(f"datum.value === {json.dumps(w)}" for w in top)
    y = alt.Y(
        "woman:N",
        sort=women,
        title=None,
        axis=alt.Axis(
            labelFontWeight={"condition": {"test": bold, "value": "bold"}, "value": "normal"}
            if show_betweenness
            else "normal"
        ),
    )
    band = alt.Chart(pd.DataFrame({"event": shared})).mark_rect(color="#eeeeee").encode(x=x)
    dots = (
        alt.Chart(att)
        .mark_square(size=220, opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=[alt.Tooltip(f) for f in ("woman", "event", "circle")])
    )
    grid = (band + dots).properties(width=26 * len(events), height=24 * len(women))
    first, last = shared[0].lstrip("E"), shared[-1].lstrip("E")
    sub = [
        "Real data: Davis, Gardner & Gardner, Deep South (1941), via networkx:",
        "18 women at 14 social events in Natchez, Mississippi, in the 1930s",
    ]
    circles_line = [
        "Circles: found by community detection (greedy modularity), not the authors",
        f"Grey: events {first} to {last}, attended by women of both circles",
    ]
    counts = {k: sum(1 for w in women if circle[w] == k) for k in CIRCLE_NAMES}
    grid_desc = (
        f"A grid of which of 18 women attended which of 14 social events. Community detection "
        f"splits them into two circles: {counts[1]} women who mostly attended the earlier events "
        f"and {counts[2]} who mostly attended the later ones; events {first} to {last} were "
        f"attended by women of both circles."
    )
    if not show_betweenness:
        return finish(
            grid,
            title=f"Two circles of women, who mixed at events {first} to {last}",
            subtitle=sub + circles_line,
            description=grid_desc,
        )
    parts = {"between": "routes between the circles", "within": "routes within a circle"}
    long = pd.concat(
        [
            scores.assign(part=parts["between"], value=scores["between_circles"]),
            scores.assign(part=parts["within"], value=scores["betweenness"] - scores["between_circles"]),
        ],
        ignore_index=True,
    )
    long = long.assign(
        circle=long["circle"].map(CIRCLE_NAMES),
        top=long["woman"].isin(top),
        total=long["betweenness"].map(lambda v: pct(v) if v >= 0.005 else ""),
    )
    bx = alt.X(
        "value:Q",
        title="Betweenness",
        stack="zero",
        scale=alt.Scale(domainMax=float(scores["betweenness"].max()) * 1.45),
        axis=alt.Axis(format="%", tickCount=2),
    )
    by = alt.Y("woman:N", sort=women, title=None, axis=alt.Axis(labels=False, ticks=False))
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=bx,
            y=by,
            color=colour,
            opacity=alt.Opacity(
                "part:N",
                title="Betweenness from",
                sort=list(parts.values()),
                scale=alt.Scale(domain=list(parts.values()), range=[1.0, 0.35]),
            ),
            order=alt.Order("part:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("woman"),
                alt.Tooltip("circle"),
                alt.Tooltip("events"),
                alt.Tooltip("total:N", title="betweenness"),
                alt.Tooltip("part"),
                alt.Tooltip("value:Q", title="this part", format=".1%"),
            ],
        )
    )
    labels = scores.assign(total=scores["betweenness"].map(lambda v: pct(v) if v >= 0.005 else ""))
    text = (
        alt.Chart(labels)
        .mark_text(align="left", dx=3, fontSize=14)
        .encode(x=alt.X("betweenness:Q", title="Betweenness"), y=by, text=alt.Text("total:N"))
    )
    side = (bars + text).properties(width=130, height=24 * len(women))
    row = scores.set_index("woman")
    lead = row.loc[top[0]]
    busiest = row[row["events"] == row["events"].max()]
    # the woman who went to as many events as anyone and is on the fewest routes
    low = busiest["betweenness"].idxmin()
    across = lead["between_circles"] / lead["betweenness"]
    return finish(
        alt.hconcat(grid, side, spacing=6),
        title=f"{_first_name(top[0])} sits on the routes between the two circles",
        subtitle=sub
        + [
            f"{top[0]}: {pct(lead['betweenness'])}, {pct(across)} of it between the circles; "
            f"{_first_name(low)}, {int(row.loc[low, 'events'])} events too: "
            f"{pct(row.loc[low, 'betweenness'])}"
        ],
        description=(
            grid_desc + " Right: each woman's betweenness in the women-to-women network "
            "(distance = 1 / shared events), split into the routes between women of "
            "different circles (dark) and within a circle (light). Highest: "
            + ", ".join(
                f"{w} ({CIRCLE_NAMES[int(row.loc[w, 'circle'])]}, "
                f"{int(row.loc[w, 'events'])} events, {pct(row.loc[w, 'betweenness'])})"
                for w in top
            )
            + f". {low} went to {int(row.loc[low, 'events'])} events, as many as anyone, "
            f"and has {pct(row.loc[low, 'betweenness'])}."
        ),
    )
