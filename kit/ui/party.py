"""Charts and explorers for workshop 03 (the cocktail party). The model lives in ``kit.party``.

Every explorer creates its ``alt.JupyterChart`` once and swaps ``jchart.chart`` on change, and
every slider has ``continuous_update=False``: a change runs one simulation and one redraw, not
one per pixel of slider travel. ``benchmarks/bench_party.py`` times :meth:`PartyExplorer.redraw`.
"""

from __future__ import annotations

import html
import json
import re
import time

import altair as alt
import ipywidgets as W
import numpy as np
import pandas as pd

from .. import party
from .theme import PALETTE, finish

# Persona colours, consistent across the workshop. Broadcaster orange and conversationalist blue
# match workshop 01's broadcast / conversation colours.
PERSONA_COLOURS = {
    "wallflower": "#009E73",
    "broadcaster": "#E69F00",
    "butterfly": "#CC79A7",
    "conversationalist": "#0072B2",
    "impostor": "#D55E00",
}
_SPARE = ["#56B4E9", "#000000", "#F0E442"]
STAGES = {"remembered_by": "Remembered by", "liked_by": "Liked by", "trusted_by": "Trusted by"}
MEASURES = {  # persona_pairs measure -> (menu label, verb for the title)
    "talked": ("talked at all", "talked with"),
    "knows": ("know each other", "know"),
    "likes": ("like each other (both ways)", "share a liking with"),
    "trusts": ("trust each other (both ways)", "share trust with"),
}


def _share(v: float) -> str:
    return "none" if v == 0 else "under 1%" if v < 0.005 else f"{v:.0%}"


def _one(v: float) -> str:
    """One decimal, rounded once in Python: chart labels and descriptions use the same text."""
    return f"{v:.1f}"


def _pct(v: float) -> str:
    return f"{v:.0%}"


def plural(name: str) -> str:
    """'butterfly' -> 'butterflies', 'impostor' -> 'impostors'."""
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _persona_scale(names) -> alt.Scale:
    names = [str(n) for n in names]
    spare = iter(_SPARE * 4)
    colours = [PERSONA_COLOURS.get(n) or next(spare) for n in names]
    return alt.Scale(domain=names, range=colours)


def _evenings(result) -> str:
    n = result.settings["evenings"]
    return "one evening" if n == 1 else f"{n} evenings"


def _setting_line(result) -> str:
    s = result.settings
    return (f"{s['guests']} guests, {_evenings(result)} of {s['minutes']} minutes "
            f"(party number {s['seed']}: one draw); synthetic")


# --------------------------------------------------------------------------- one party

def outcomes_chart(result):
    """Remembered by, liked by, trusted by: the average guest of each persona, side by side.

    One faceted chart (three panels, each with its own scale) rather than three charts joined
    together: about three times faster to build and validate, which keeps the explorer snappy.
    """
    bp = result.by_persona()
    order = [str(p) for p in bp.index]
    labels = list(STAGES.values())
    values = [{"persona": str(p), "stage": STAGES[c], "people": float(bp.at[p, c]),
               "label": _one(float(bp.at[p, c])), "pad": False}
              for c in STAGES for p in bp.index]
    # one invisible row per panel stretches its scale, so labels fit and an all-zero panel
    # still shows a 0-to-1 axis
    values += [{"persona": order[0], "stage": STAGES[c], "people": max(float(bp[c].max()) * 1.3, 1.0),
                "label": "", "pad": True} for c in STAGES]
    base = alt.Chart().transform_filter("!datum.pad").encode(
        y=alt.Y("persona:N", sort=order, title=None),
        x=alt.X("people:Q", title="People per guest", axis=alt.Axis(tickCount=3)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("persona:N", scale=_persona_scale(order), legend=None),
        tooltip=[alt.Tooltip("persona:N"), alt.Tooltip("stage:N"),
                 alt.Tooltip("label:N", title="people per guest")],
    )
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    pad = alt.Chart().transform_filter("datum.pad").mark_tick(opacity=0).encode(
        x=alt.X("people:Q", title="People per guest"))
    chart = alt.layer(bars, text, pad, data=alt.InlineData(values=values)).properties(
        width=165, height=230).facet(
        column=alt.Column("stage:N", sort=labels, title=None,
                          header=alt.Header(labelFontSize=18, labelFontWeight="bold")),
        spacing=14,
    ).resolve_scale(x="independent")
    trusted, liked = bp["trusted_by"], bp["liked_by"]
    if trusted.max() >= 0.05:
        top = trusted.idxmax()
        title = f"{_cap(plural(top))} are trusted by the most people ({_one(trusted[top])} each)"
    elif liked.max() >= 0.05:
        top = liked.idxmax()
        title = f"After {_evenings(result)}, no one is trusted; {plural(top)} are liked most"
    else:  # nobody liked: idxmax would name the first persona, as if it had won
        who = "no one is trusted or liked" if liked.max() == 0 else "no one is trusted; hardly anyone is liked"
        title = f"After {_evenings(result)}, {who}"
    desc = "; ".join(f"{plural(p)}: remembered by {_one(r.remembered_by)}, liked by {_one(r.liked_by)}, "
                     f"trusted by {_one(r.trusted_by)}" for p, r in bp.iterrows())
    return finish(
        chart,
        title=title,
        subtitle=["How many other guests remember, like and trust the average guest",
                  _setting_line(result)],
        description=(f"Three bar charts, one row per persona, showing how many other guests remember, "
                     f"like and trust the average guest of that persona after {_evenings(result)}: "
                     f"{desc}."),
    )


def met_vs_remembered_chart(result):
    """One point per guest: how many people they met against how many remember them."""
    g = result.guests.copy()
    g["persona"] = g["persona"].astype(str)
    order = [str(p) for p in result.personas.index if p in set(g["persona"])]
    bp = result.by_persona()
    most = bp["people_met"].idxmax()
    best = bp["share_remembered"].idxmax()
    top = float(g["people_met"].max()) or 1.0
    diag = alt.Chart(pd.DataFrame({"people_met": [0, top], "remembered_by": [0, top]})).mark_line(
        strokeDash=[6, 4], color="#777777").encode(
        x=alt.X("people_met:Q", title="People they talked with"),
        y=alt.Y("remembered_by:Q", title="People who remember them"))
    label = alt.Chart(pd.DataFrame({"people_met": [top], "remembered_by": [top],
                                    "text": ["everyone they met remembers them"]})).mark_text(
        align="right", dy=-10, color="#555555").encode(
        x=alt.X("people_met:Q", title="People they talked with"),
        y=alt.Y("remembered_by:Q", title="People who remember them"), text="text:N")
    points = alt.Chart(g).mark_point(size=150, opacity=1, filled=True).encode(
        x=alt.X("people_met:Q", title="People they talked with"),
        y=alt.Y("remembered_by:Q", title="People who remember them"),
        color=alt.Color("persona:N", title="Persona", scale=_persona_scale(order), sort=order),
        shape=alt.Shape("persona:N", title="Persona", sort=order, scale=alt.Scale(domain=order)),
        tooltip=["guest", "persona", "people_met", "remembered_by", "liked_by"],
    )
    share = bp["share_remembered"]
    if most == best:
        title = f"{_cap(plural(most))} meet the most people and are remembered most"
        first = (f"{_pct(share[most])} of the people a {most} meets remember them, "
                 f"more than for any other persona")
    else:
        few = "but are remembered by few" if share[most] < 0.25 else \
            f"and {_pct(share[most])} of those remember them"
        title = f"{_cap(plural(most))} meet the most people {few}"
        first = (f"Of the people a {most} meets, {_pct(share[most])} remember them; "
                 f"{plural(best)}: {_pct(share[best])}")
    return finish(
        diag + label + points,
        title=title,
        subtitle=[first, _setting_line(result)],
        description=(f"Scatter plot of {len(g)} guests: people each talked with (x) against people "
                     f"who remember them (y), by persona. On average per guest: " + "; ".join(
                         f"{plural(p)} met {_one(r.people_met)} and were remembered by "
                         f"{_one(r.remembered_by)} ({_pct(r.share_remembered)} of those "
                         f"they met)" for p, r in bp.iterrows()) + "."),
    )


def group_sizes_chart(result):
    """Conversation-minutes by group size: the cap at four (Dunbar et al. 1995)."""
    conv = result.conversations
    sizes = conv["size"].value_counts().reindex(range(2, 7), fill_value=0)
    data = pd.DataFrame({"size": [str(s) for s in sizes.index], "minutes": sizes.to_numpy()})
    biggest = party.max_group_size(conv)
    pairs = sizes.get(2, 0) / max(sizes.sum(), 1)
    bars = alt.Chart(data).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("size:O", title="People in the conversation", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("minutes:Q", title="Conversation-minutes"),
        tooltip=["size", "minutes"],
    )
    text = bars.mark_text(dy=-10, color="black").encode(text="minutes:Q")
    return finish(
        (bars + text).properties(width=420, height=260),
        title=f"No conversation grew past {biggest} people: a bigger group splits",
        subtitle=[f"{pairs:.0%} of conversation-minutes were pairs (a synthetic party)",
                  "Dunbar, Duncan & Nettle (1995) saw at most about four speakers"],
        description=("Bar chart of conversation-minutes by group size at the party: "
                     + ", ".join(f"{s} people: {m}" for s, m in sizes.items())
                     + f". The largest conversation had {biggest} people."),
    )


def _row_shares(pairs: pd.DataFrame) -> pd.Series:
    """Each persona's share of the rest of the room that the measure holds for."""
    twice = np.where(pairs["persona_a"] == pairs["persona_b"], 2, 1)  # a pair inside a persona
    num = (pairs["pairs"] * twice).groupby(pairs["persona_a"], sort=False).sum()  # has two members
    den = (pairs["possible"] * twice).groupby(pairs["persona_a"], sort=False).sum()
    return (num / den.where(den > 0)).dropna()


def pairs_chart(result, measure: str = "talked", cell: int = 78):
    """Who met whom: the share of possible pairs, persona by persona (a heatmap).

    ``cell`` is the size of one square in pixels (the explorer uses smaller ones).
    """
    pairs = party.persona_pairs(result, measure)
    order = [str(p) for p in result.personas.index if p in set(pairs["persona_a"])]
    label, verb = MEASURES[measure]
    rows = _row_shares(pairs)
    lo, hi = rows.idxmin(), rows.idxmax()
    values = pairs.assign(ink=np.where(pairs["share"] > 0.55, "white", "black"),
                          label=pairs["share"].map(_pct)).to_dict("records")
    base = alt.Chart(alt.InlineData(values=values)).encode(
        x=alt.X("persona_b:N", sort=order, title="…with a guest of this persona",
                axis=alt.Axis(labelAngle=-30, orient="top")),
        y=alt.Y("persona_a:N", sort=order, title="A guest of this persona…"),
    )
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("share:Q", title=["Share of pairs", f"who {label.split(' (')[0]}"],
                        scale=alt.Scale(scheme="blues", domain=[0, 1]),
                        legend=alt.Legend(format="%", gradientLength=200, titleLimit=320)),
        tooltip=[alt.Tooltip("persona_a:N", title="guest"), alt.Tooltip("persona_b:N", title="with"),
                 alt.Tooltip("pairs:Q", title="pairs"), alt.Tooltip("possible:Q", title="possible pairs"),
                 alt.Tooltip("label:N", title="share")],
    )
    text = base.mark_text(fontSize=16).encode(
        text="label:N",
        color=alt.Color("ink:N", scale=None, legend=None),
    )
    size = cell * len(order)
    if lo == hi:
        title = f"{_cap(plural(lo))} {verb} {_share(rows[lo])} of the room"
    else:
        only = "only " if rows[lo] < 0.5 * rows[hi] and rows[lo] >= 0.005 else ""
        title = f"{_cap(plural(lo))} {verb} {only}{_share(rows[lo])}, {plural(hi)} {_share(rows[hi])}"
    return finish(
        (rect + text).resolve_scale(color="independent").properties(width=size, height=size),
        title=title,
        subtitle=[f"Share of all possible pairs of guests who {label}", _setting_line(result)],
        description=(f"Heatmap, persona by persona, of the share of possible pairs of guests who "
                     f"{label} after {_evenings(result)}. Share of the rest of the room, per "
                     f"persona: " + ", ".join(f"{plural(p)} {_pct(v)}" for p, v in rows.items()) + "."),
    )


def funnel_chart(*results):
    """Pairs who talked, know, like and trust each other: one bar group per party."""
    rows = []
    for r in results:
        t = r.ties
        counts = {"talked": len(t), **{s: int(t[s].sum()) for s in ("knows", "likes", "trusts")}}
        for stage, n in counts.items():
            rows.append({"party": f"after {_evenings(r)}", "stage": stage, "pairs": int(n)})
    data = pd.DataFrame(rows)
    stage_names = {"talked": "talked", "knows": "know each other", "likes": "like each other",
                   "trusts": "trust each other"}
    data["stage"] = data["stage"].map(stage_names)
    parties = list(dict.fromkeys(data["party"]))
    colours = ["#56B4E9", "#0072B2", "#E69F00", "#009E73"][: len(parties)]
    base = alt.Chart(data).encode(
        y=alt.Y("stage:N", sort=list(stage_names.values()), title=None),
        yOffset=alt.YOffset("party:N", sort=parties),
        x=alt.X("pairs:Q", title="Pairs of guests"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("party:N", title="Party", sort=parties,
                        scale=alt.Scale(domain=parties, range=colours)),
        tooltip=["party", "stage", "pairs"],
    )
    text = base.mark_text(align="left", dx=4).encode(text="pairs:Q")
    last = data[data["party"] == parties[-1]].set_index("stage")["pairs"]
    if len(parties) > 1:
        first = data[data["party"] == parties[0]].set_index("stage")["pairs"]
        title = (f"{_cap(parties[-1])}, {last['trust each other']} pairs trust each other; "
                 f"{parties[0]}, {first['trust each other']}")
    else:
        title = (f"Of {last['talked']} pairs who talked, {last['trust each other']} trust each "
                 "other")
    r = results[-1]
    return finish(
        (bars + text).properties(width=520, height=300),
        title=title,
        subtitle=["Know, then like, then trust: each stage needs the one before",
                  f"{r.settings['guests']} guests, {r.settings['minutes']} minutes an evening; synthetic"],
        description=("Bar chart of pairs of guests who talked, know, like and trust each other "
                     + "; ".join(f"{p}: " + ", ".join(
                         f"{s} {n}" for s, n in data[data['party'] == p][['stage', 'pairs']].itertuples(index=False))
                                 for p in parties) + "."),
    )


# --------------------------------------------------------------------------- tournament

def _board_subtitle(n_parties: int, evenings: int, entries: int | None = None) -> list:
    who = ("Your guest" if entries is None else
           f"{entries} {'entry' if entries == 1 else 'entries'} from the room") + " against the defaults"
    return [f"{who}: {n_parties} parties of {evenings} evenings, ranked by trust, then liking",
            LUCK]


LUCK = "Gaps of 0.1 or 0.2 people are luck: other parties could swap them"


def leaderboard_chart(board: pd.DataFrame, subtitle=None):
    """The tournament's ranking: how many people trust the average guest of each entry."""
    data = board.copy()
    data["kind"] = np.where(data["is_entry"], "from the room", "default persona")
    data["label"] = [f"{_one(t)} (liked by {_one(k)})"
                     for t, k in zip(data["trusted_by"], data["liked_by"])]
    order = list(data["entry"])
    winner = data.iloc[0]
    base = alt.Chart(data).encode(
        y=alt.Y("entry:N", sort=order, title=None),
        x=alt.X("trusted_by:Q", title="Trusted by (people per guest)",
                scale=alt.Scale(domainMax=max(1.0, float(data["trusted_by"].max()) * 1.6))),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("kind:N", title="Guest",
                        scale=alt.Scale(domain=["from the room", "default persona"],
                                        range=["#D55E00", "#56B4E9"])),
        tooltip=["rank", "entry", alt.Tooltip("label:N", title="trusted by"),
                 alt.Tooltip("remembered_by:Q", format=".1f", title="remembered by"), "guests"],
    )
    text = base.mark_text(align="left", dx=4).encode(text="label:N")
    entries = data[data["is_entry"]]
    if winner["is_entry"]:
        title = f"“{_short(winner['entry'])}” wins: trusted by {_one(winner['trusted_by'])} people each"
    elif len(entries):
        best = entries.iloc[0]
        place = f"{int(best['rank'])}{_ordinal(int(best['rank']))} of {len(data)}"
        if len(entries) == 1:
            title = f"“{_short(best['entry'])}” comes {place}; the {winner['entry']} wins"
        else:
            title = f"The {winner['entry']} wins; the room's best, “{_short(best['entry'])}”, is {place}"
    else:
        title = f"The {winner['entry']} wins: trusted by {_one(winner['trusted_by'])} people each"
    return finish(
        (bars + text).properties(width=380, height=max(160, 30 * len(data))),
        title=title,
        subtitle=subtitle or ["Ranked by trust, then liking: the average guest over every party", LUCK],
        description=("Bar chart ranking the tournament's guests by how many people trust the average "
                     "guest of each: " + ", ".join(
                         f"{r.rank}. {r.entry} {r.label}" for r in data.itertuples()) + "."),
    )


def _short(name: str, limit: int = 18) -> str:
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# --------------------------------------------------------------------------- Davis

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
    colour = alt.Color("circle:N", title="Circle",
                       scale=alt.Scale(domain=list(CIRCLE_NAMES.values()),
                                       range=list(CIRCLE_COLOURS.values())))
    x = alt.X("event:N", sort=events, title="Social event, 1 to 14 (in date order)",
              axis=alt.Axis(labelAngle=0, orient="top", labelExpr="replace(datum.label, 'E', '')"))
    scores = party._davis_scores()  # computed once; private: it holds 03.5's answer
    ranked = scores.sort_values(["betweenness", "events"], ascending=False, kind="stable")
    top = list(ranked["woman"].head(3))
    bold = " || ".join(f"datum.value === {json.dumps(w)}" for w in top)
    y = alt.Y("woman:N", sort=women, title=None,
              axis=alt.Axis(labelFontWeight={"condition": {"test": bold, "value": "bold"},
                                             "value": "normal"} if show_betweenness else "normal"))
    band = alt.Chart(pd.DataFrame({"event": shared})).mark_rect(color="#eeeeee").encode(x=x)
    dots = alt.Chart(att).mark_square(size=220, opacity=1).encode(
        x=x, y=y, color=colour, tooltip=["woman", "event", "circle"])
    grid = (band + dots).properties(width=26 * len(events), height=24 * len(women))
    first, last = shared[0].lstrip("E"), shared[-1].lstrip("E")
    sub = ["Real data: Davis, Gardner & Gardner, Deep South (1941), via networkx:",
           "18 women at 14 social events in Natchez, Mississippi, in the 1930s"]
    circles_line = ["Circles: found by community detection (greedy modularity), not the authors",
                    f"Grey: events {first} to {last}, attended by women of both circles"]
    counts = {k: sum(1 for w in women if circle[w] == k) for k in CIRCLE_NAMES}
    grid_desc = (f"A grid of which of 18 women attended which of 14 social events. Community detection "
                 f"splits them into two circles: {counts[1]} women who mostly attended the earlier events "
                 f"and {counts[2]} who mostly attended the later ones; events {first} to {last} were "
                 f"attended by women of both circles.")
    if not show_betweenness:
        return finish(
            grid,
            title=f"Two circles of women, who mixed at events {first} to {last}",
            subtitle=sub + circles_line,
            description=grid_desc,
        )
    parts = {"between": "routes between the circles", "within": "routes within a circle"}
    long = pd.concat([
        scores.assign(part=parts["between"], value=scores["between_circles"]),
        scores.assign(part=parts["within"], value=scores["betweenness"] - scores["between_circles"]),
    ], ignore_index=True)
    long = long.assign(circle=long["circle"].map(CIRCLE_NAMES), top=long["woman"].isin(top),
                       total=long["betweenness"].map(lambda v: _pct(v) if v >= 0.005 else ""))
    bx = alt.X("value:Q", title="Betweenness", stack="zero",
               scale=alt.Scale(domainMax=float(scores["betweenness"].max()) * 1.45),
               axis=alt.Axis(format="%", tickCount=2))
    by = alt.Y("woman:N", sort=women, title=None, axis=alt.Axis(labels=False, ticks=False))
    bars = alt.Chart(long).mark_bar().encode(
        x=bx, y=by, color=colour,
        opacity=alt.Opacity("part:N", title="Betweenness from", sort=list(parts.values()),
                            scale=alt.Scale(domain=list(parts.values()), range=[1.0, 0.35])),
        order=alt.Order("part:N", sort="ascending"),
        tooltip=["woman", "circle", "events", alt.Tooltip("total:N", title="betweenness"),
                 "part", alt.Tooltip("value:Q", title="this part", format=".1%")],
    )
    labels = scores.assign(total=scores["betweenness"].map(lambda v: _pct(v) if v >= 0.005 else ""))
    text = alt.Chart(labels).mark_text(align="left", dx=3, fontSize=14).encode(
        x=alt.X("betweenness:Q", title="Betweenness"), y=by, text="total:N")
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
        subtitle=sub + [f"{top[0]}: {_pct(lead['betweenness'])}, {_pct(across)} of it between the circles; "
                        f"{_first_name(low)}, {int(row.loc[low, 'events'])} events too: "
                        f"{_pct(row.loc[low, 'betweenness'])}"],
        description=(grid_desc + " Right: each woman's betweenness in the women-to-women network "
                     "(distance = 1 / shared events), split into the routes between women of "
                     "different circles (dark) and within a circle (light). Highest: "
                     + ", ".join(f"{w} ({CIRCLE_NAMES[int(row.loc[w, 'circle'])]}, "
                                 f"{int(row.loc[w, 'events'])} events, {_pct(row.loc[w, 'betweenness'])})"
                                 for w in top)
                     + f". {low} went to {int(row.loc[low, 'events'])} events, as many as anyone, "
                       f"and has {_pct(row.loc[low, 'betweenness'])}."),
    )


# --------------------------------------------------------------------------- explorers

def _slider(kind, description, **kw):
    style = {"description_width": "150px"}
    return kind(description=description, continuous_update=False, style=style,
                layout=W.Layout(width="380px"), **kw)


class PartyExplorer:
    """The live explorer: persona mix, guests, evening length and evenings -> two charts.

    ``widget`` is what the notebook displays; :meth:`redraw` is the callback every control
    calls (also called directly by the benchmark).
    """

    def __init__(self, guests: int = party.ROOM_GUESTS, minutes: int = party.ROOM_MINUTES,
                 evenings: int = 1, seed: int | None = None):
        if seed is None:
            from ..scenario import load_scenario

            seed = load_scenario().seed
        self.seed = int(seed)
        self.mix = {p: _slider(W.IntSlider, p, value=2, min=0, max=10)
                    for p in party.DEFAULT_PERSONAS.index}
        self.guests = _slider(W.IntSlider, "Guests", value=guests, min=10, max=120, step=2)
        self.minutes = _slider(W.IntSlider, "Minutes per evening", value=minutes, min=15, max=180, step=15)
        self.evenings = _slider(W.IntSlider, "Evenings (weekly)", value=evenings, min=1, max=8)
        self.measure = W.Dropdown(options=[(v[0], k) for k, v in MEASURES.items()], value="talked",
                                  description="Map shows pairs who", style={"description_width": "150px"},
                                  layout=W.Layout(width="380px"))
        self.again = W.Button(description="Another party (new seed)", icon="refresh",
                              layout=W.Layout(width="380px"))
        self.status = W.HTML()
        self.last_ms = float("nan")
        self.result = None
        first = self._charts(self._simulate())
        self.outcomes = alt.JupyterChart(first[0])
        self.pairs = alt.JupyterChart(first[1])
        for w in (*self.mix.values(), self.guests, self.minutes, self.evenings, self.measure):
            w.observe(self.redraw, names="value")
        self.again.on_click(self._reseed)
        mix_box = W.VBox([W.HTML("<b>Persona mix</b> (relative shares: 0 = none)"), *self.mix.values()])
        settings = W.VBox([W.HTML("<b>The party</b>"), self.guests, self.minutes, self.evenings,
                           self.measure, self.again])
        self.widget = W.VBox([W.HBox([mix_box, settings]), self.status, self.outcomes, self.pairs])
        self.redraw()

    def _simulate(self):
        mix = {p: s.value for p, s in self.mix.items()}
        if sum(mix.values()) == 0:
            raise ValueError("every persona share is 0: move at least one slider up")
        return party.simulate(guests=self.guests.value, minutes=self.minutes.value, mix=mix,
                              evenings=self.evenings.value, seed=self.seed)

    def _charts(self, result):
        return outcomes_chart(result), pairs_chart(result, self.measure.value, cell=60)

    def _reseed(self, _=None):
        self.seed += 1
        self.redraw()

    def redraw(self, _=None) -> float:
        """Simulate with the current settings and swap both charts; return the time in ms."""
        start = time.perf_counter()
        try:
            result = self._simulate()
        except ValueError as e:
            self.status.value = f'<p style="color:#b35900;font-size:1.05em">⚠ {html.escape(str(e))}</p>'
            return float("nan")
        outcomes, pairs = self._charts(result)
        self.outcomes.chart = outcomes
        self.pairs.chart = pairs
        self.result = result
        self.last_ms = (time.perf_counter() - start) * 1000
        counts = result.guests["persona"].value_counts()
        mix = ", ".join(f"{counts[p]} {plural(p) if counts[p] != 1 else p}"
                        for p in result.personas.index if counts.get(p, 0))
        self.status.value = (f'<p style="font-size:1.05em">{result.settings["guests"]} guests: {mix}. '
                             f'Party number {self.seed}; redrawn in {self.last_ms:.0f} ms.</p>')
        return self.last_ms


def explorer(**kwargs):
    """The live party explorer (a widget). Keyword arguments go to :class:`PartyExplorer`."""
    return PartyExplorer(**kwargs).widget


_PARAM_LABELS = {
    "join_rate": ("Joins groups (0 to 1)", dict(min=0.0, max=1.0, step=0.05)),
    "talk_share": ("Share of the talking", dict(min=0.0, max=1.0, step=0.05)),
    "stay_minutes": ("Stays, minutes", dict(min=1.0, max=30.0, step=1.0, readout_format=".0f")),
    "claim": ("Claims importance", dict(min=0.0, max=1.0, step=0.05)),
    "honesty": ("Honesty of claims", dict(min=0.0, max=1.0, step=0.05)),
}


def _board_or_warning(widget):
    """Run a widget's tournament; on bad input, show the reason in its status line instead."""
    try:
        return widget._board()
    except ValueError as e:
        widget.status.value = f'<p style="color:#b35900;font-size:1.05em">⚠ {html.escape(str(e))}</p>'
        return None


class GuestDesigner:
    """Play a guest: design a persona with sliders and see how it fares against the defaults.

    It runs the same tournament as ``party.tournament`` with its defaults (the same parties, the
    same season), so the sliders and the notebook's code cell agree.
    """

    def __init__(self, name: str = "my guest", join_rate: float = 0.3, talk_share: float = 0.4,
                 stay_minutes: float = 10.0, claim: float = 0.0, honesty: float = 1.0,
                 seeds=party.TOURNAMENT_SEEDS):
        self.seeds = list(seeds)
        start = dict(join_rate=join_rate, talk_share=talk_share, stay_minutes=stay_minutes,
                     claim=claim, honesty=honesty)
        self.name = W.Text(value=name, description="Your guest's name", continuous_update=False,
                           style={"description_width": "150px"}, layout=W.Layout(width="380px"))
        self.params = {k: _slider(W.FloatSlider, label, value=start[k], **rng)
                       for k, (label, rng) in _PARAM_LABELS.items()}
        self.status = W.HTML()
        self.board = None
        self.chart = alt.JupyterChart(leaderboard_chart(self._board()))
        for w in (self.name, *self.params.values()):
            w.observe(self.redraw, names="value")
        self.widget = W.VBox([self.name, *self.params.values(), self.status, self.chart])
        self.redraw()

    def entry(self) -> pd.DataFrame:
        return party.guest_entry(self.name.value, **{k: s.value for k, s in self.params.items()})

    def _board(self):
        return party.tournament(self.entry(), seeds=self.seeds)

    def redraw(self, _=None):
        board = _board_or_warning(self)
        if board is None:
            return
        self.board = board
        self.chart.chart = leaderboard_chart(
            board, subtitle=_board_subtitle(len(self.seeds), party.SEASON_EVENINGS))
        p = {k: s.value for k, s in self.params.items()}
        name = self.name.value.strip()
        line = f"{name}, " + ", ".join(f"{v:g}" for v in p.values())
        rename = ("" if name.lower() != "my guest" else
                  '<br><b>First give your guest a name</b> the room will recognise (your first name '
                  'and a word, e.g. “Ana\'s listener”): thirty guests called “my guest” would arrive '
                  'as “my guest (2)” to “my guest (30)”.')
        self.status.value = ('<p style="font-size:1.05em">For the room\'s tournament, send the '
                             f'instructor this line: <code>{html.escape(line)}</code>{rename}</p>')


def guest_designer(**kwargs):
    """The "play a guest" widget. Keyword arguments go to :class:`GuestDesigner`."""
    return GuestDesigner(**kwargs).widget


EXAMPLE_ENTRIES = """persona, join_rate, talk_share, stay_minutes, claim, honesty
good listener, 0.3, 0.2, 12, 0, 1
show-off, 0.4, 0.9, 6, 0.6, 0.3
networker, 0.6, 0.5, 4, 0, 1"""

_RENAMED = re.compile(r" \((\d+|room)\)$")


def _entries_table(board: pd.DataFrame) -> str:
    """The room's entries as an HTML table: every name in full, readable on a projector."""
    pad = ' style="padding:2px 14px 2px 0;text-align:left"'
    rows = "".join(
        f"<tr><td{pad}>{int(r.rank)}</td><td{pad}>{html.escape(str(r.entry))}</td>"
        f"<td{pad}>{_one(r.trusted_by)}</td><td{pad}>{_one(r.liked_by)}</td></tr>"
        for r in board[board["is_entry"]].itertuples())
    head = "".join(f"<th{pad}>{h}</th>" for h in ("rank", "entry", "trusted by", "liked by"))
    return (f'<table style="font-size:1.05em"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")


class TournamentDesk:
    """The instructor's desk: paste the room's lines, run the tournament, rank the guests."""

    def __init__(self, text: str = EXAMPLE_ENTRIES, guests_per_entry: int = party.GUESTS_PER_ENTRY,
                 seeds=party.TOURNAMENT_SEEDS):
        self.seeds = list(seeds)
        self.text = W.Textarea(value=text, layout=W.Layout(width="640px", height="180px"))
        self.per_entry = _slider(W.IntSlider, "Guests per entry", value=guests_per_entry, min=1, max=8)
        self.run = W.Button(description="Run the tournament", icon="trophy", button_style="primary",
                            layout=W.Layout(width="220px"))
        self.status = W.HTML()
        self.board = None
        self.chart = alt.JupyterChart(leaderboard_chart(self._board()))
        self.run.on_click(self.redraw)
        self.widget = W.VBox([W.HTML("<b>One guest per line</b> (name, then the five numbers)"),
                              self.text, W.HBox([self.per_entry, self.run]), self.status, self.chart])
        self.redraw()

    def _board(self):
        entries = party.read_entries(self.text.value)
        return party.tournament(entries, guests_per_entry=self.per_entry.value, seeds=self.seeds)

    def redraw(self, _=None):
        board = _board_or_warning(self)
        if board is None:
            return
        self.board = board
        names = list(board.loc[board["is_entry"], "entry"])
        self.chart.chart = leaderboard_chart(
            board, subtitle=_board_subtitle(len(self.seeds), party.SEASON_EVENINGS, len(names)))
        renamed = [n for n in names if _RENAMED.search(n)]
        note = ""
        if renamed:
            note = ("<br>Renamed so that every guest is distinct: "
                    + ", ".join(f"“{html.escape(n)}”" for n in renamed)
                    + ". Ask their authors to pick their own names next time.")
        self.status.value = (f'<p style="font-size:1.05em">{len(names)} '
                             f"{'entry' if len(names) == 1 else 'entries'} from the room, ranked "
                             f"among all {len(board)} (each entry sent {self.per_entry.value} guests "
                             f"to every party):{note}</p>" + _entries_table(board))


def tournament_desk(**kwargs):
    """The tournament widget for a live room. Keyword arguments go to :class:`TournamentDesk`."""
    return TournamentDesk(**kwargs).widget
