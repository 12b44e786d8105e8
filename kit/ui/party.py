"""Charts and explorers for workshop 03 (the cocktail party). The model lives in ``kit.party``.

A finding rests on many parties: a chart given ``party.over_seeds(...)`` shows means with their
95% intervals, and a chart given one ``party.simulate(...)`` says it is one draw. Every widget
here is an :class:`Explorer`: a change computes once, then renders once.
``benchmarks/bench_party.py`` times :meth:`PartyExplorer.redraw`.
"""

from __future__ import annotations

import abc
import html
import json
import re
import time

import altair as alt
import ipywidgets as W
import numpy as np
import pandas as pd
from altair.utils.schemapi import debug_mode

from .. import party
from ..party.personas import SPARE_COLOURS
from .live import LiveChart
from .theme import PALETTE, finish
from .words import cap, count, fit, join, one, ordinal, pct, plural, share, short

STAGES = {"remembered_by": "Remembered by", "liked_by": "Liked by", "trusted_by": "Trusted by"}
MEASURES = {  # persona_pairs measure -> (menu label, verb for the title)
    "talked": ("talked at all", "talked with"),
    "knows": ("know each other", "know"),
    "likes": ("like each other (both ways)", "share a liking with"),
    "trusts": ("trust each other (both ways)", "share trust with"),
}
ROOM_COLOUR = "#000000"  #: the room's entries on the leaderboard: no default persona is black
LINE_COLOUR = "#777777"  #: interval lines: visible on every bar colour, black ones too
INTERVAL_LINE = "Lines: 95% interval; ranked below only guests whose whole line is higher"


def persona_colours(names, personas: pd.DataFrame | None = None) -> dict:
    """Each persona's colour: its row's ``colour`` in ``personas`` (or the default table), else
    a spare colour.

    >>> persona_colours(["impostor", "listener"])
    {'impostor': '#D55E00', 'listener': '#56B4E9'}
    """
    known = dict(party.DEFAULT_PERSONAS["colour"])
    if personas is not None:
        known.update((p, c) for p, c in personas["colour"].items() if c)
    spare = iter(SPARE_COLOURS * (1 + len(names)))
    return {str(n): known.get(n) or next(spare) for n in names}


def _inline(values: list) -> alt.InlineData:
    """Chart data as plain records. Not validated here: ``to_dict`` validates the whole spec once,
    and validating the records at every step would cost an explorer ~10 ms a chart."""
    with debug_mode(False):
        return alt.InlineData(values=values)


def _scale(colours: dict) -> dict:
    return {"domain": list(colours), "range": list(colours.values())}


def _evenings(n: int) -> str:
    return "one evening" if n == 1 else f"{n} evenings"


def _setting_line(result) -> str:
    s = result.settings
    return (f"{s['guests']} guests, {_evenings(s['evenings'])} of {s['minutes']} minutes "
            f"(party number {s['seed']}: one draw); synthetic")


# --------------------------------------------------------------------------- outcomes

def _outcomes_table(x) -> tuple[pd.DataFrame, dict, list, str, int | None]:
    """Mean, low and high per stage and persona, colours, subtitle lines, evenings and parties
    (None: one draw) of one ``simulate`` or of ``over_seeds``."""
    if isinstance(x, party.PartyResult):
        t = x.by_persona()[list(STAGES)]
        for c in STAGES:
            t[f"{c}_low"] = t[f"{c}_high"] = t[c]
        lines = [_setting_line(x)]
        return t, persona_colours(t.index, x.personas), lines, _evenings(x.settings["evenings"]), None
    if not (isinstance(x, pd.DataFrame) and {f"{c}_high" for c in STAGES} <= set(x.columns)):
        raise ValueError("outcomes_chart needs one party (party.simulate(...)) or many "
                         f"(party.over_seeds(...)), got {type(x).__name__}")
    a = x.attrs
    evenings = _evenings(a["evenings"]) if "evenings" in a else "the evenings"
    where = f"{a['guests']} guests, {evenings} of {a['minutes']} minutes; " if "guests" in a else ""
    parties = int(x["parties"].max())
    lines = [f"Mean of {parties} parties; lines: 95% interval", f"{where}synthetic"]
    return x, persona_colours(x.index), lines, evenings, parties


def _leaders(t: pd.DataFrame, stage: str) -> list:
    """The persona with the highest mean and every persona whose interval overlaps its one."""
    order = t[stage].sort_values(ascending=False, kind="stable").index
    low = t.at[order[0], f"{stage}_low"]
    return [order[0], *(p for p in order[1:] if t.at[p, f"{stage}_high"] >= low)]


def _outcomes_title(t: pd.DataFrame, evenings: str) -> str:
    """Names a winner only if someone is liked or trusted, and two winners whose intervals overlap
    as a tie."""
    trusted, liked = float(t["trusted_by"].max()), float(t["liked_by"].max())
    stage = "trusted_by" if trusted >= 0.05 else "liked_by" if liked >= 0.05 else None
    if stage is None:  # a winner here would be the first row, as if it had won
        return f"After {evenings}, {'no one' if liked == 0 else 'hardly anyone'} is liked or trusted"
    lead = _leaders(t, stage)
    names, first = join(plural(p) for p in lead), plural(lead[0])
    others = f"{cap(first)} and {count(len(lead) - 1, 'other')}"
    if stage == "trusted_by":
        if len(lead) == 1:
            return fit(f"{cap(first)} are trusted by the most people ({one(t.at[lead[0], stage])} each)",
                       f"{cap(first)} are trusted by the most people")
        return fit(f"{cap(names)} tie for the most trust", f"{others} tie for the most trust")
    nobody = "no one is trusted" if trusted == 0 else "hardly anyone is trusted"
    verb = "are liked most" if len(lead) == 1 else "tie on liking"
    return fit(f"After {evenings}, {nobody}; {names} {verb}", f"{cap(nobody)}; {names} {verb}",
               f"{cap(names)} {verb}", f"{others} {verb}")


def outcomes_chart(x):
    """Remembered by, liked by, trusted by: the average guest of each persona, side by side.

    ``x`` is ``party.over_seeds(...)`` (bars: means over the parties; lines: their 95% intervals)
    or one ``party.simulate(...)`` (one draw, and labelled so). One faceted chart (three panels,
    each with its own scale) rather than three charts joined together: about three times faster
    to build and validate, which keeps the explorer snappy.
    """
    t, colours, lines, evenings, parties = _outcomes_table(x)
    order = [str(p) for p in t.index]
    spread = parties is not None
    rows = t.to_dict("index")  # plain floats: reading a table cell by cell is slow
    # "reach" stretches each panel's scale (an invisible tick), so labels fit and an all-zero
    # panel still shows a 0-to-1 axis
    reach = {c: max(float(t[f"{c}_high"].max()) * 1.3, 1.0) for c in STAGES}
    values = [{"persona": str(p), "stage": STAGES[c], "people": r[c], "low": r[f"{c}_low"],
               "high": r[f"{c}_high"], "reach": reach[c], "label": one(r[c]),
               "interval": f"{one(r[f'{c}_low'])} to {one(r[f'{c}_high'])}"}
              for c in STAGES for p, r in rows.items()]

    def x(field):
        return alt.X(f"{field}:Q", title="People per guest", axis={"tickCount": 3})

    tips = [alt.Tooltip("persona:N"), alt.Tooltip("stage:N"), alt.Tooltip("label:N", title="people per guest")]
    if spread:
        tips.append(alt.Tooltip("interval:N", title="95% interval"))
    bars = alt.Chart().mark_bar().encode(
        x=x("people"), color=alt.Color("persona:N", scale=_scale(colours), legend=None), tooltip=tips)
    spans = alt.Chart().mark_errorbar(ticks=True, color=LINE_COLOUR, thickness=2).encode(
        x=x("low"), x2=alt.X2("high:Q"))
    text = alt.Chart().mark_text(align="left", dx=4).encode(x=x("high"), text=alt.Text("label:N"))
    stretch = alt.Chart().mark_tick(opacity=0).encode(x=x("reach"))
    layers = [bars, spans, text, stretch] if spread else [bars, text, stretch]
    # every Altair step copies the chart so far: few steps, and the data only at the top
    chart = alt.layer(*layers, width=165, height=230,
                      encoding=alt.SharedEncoding(y=alt.Y("persona:N", sort=order, title=None))).facet(
        column=alt.Column("stage:N", sort=list(STAGES.values()), title=None,
                          header={"labelFontSize": 18, "labelFontWeight": "bold"}),
        data=_inline(values), spacing=14, resolve={"scale": {"x": "independent"}})
    said = {(v["persona"], v["stage"]): v["label"] + (f" ({v['interval']})" if spread else "")
            for v in values}
    desc = "; ".join(f"{plural(p)}: " + ", ".join(f"{stage.lower()} {said[p, stage]}" for stage in STAGES.values())
                     for p in order)
    how = f"as the mean of {parties} parties with its 95% interval" if spread else "at one party (one draw)"
    return finish(
        chart,
        title=_outcomes_title(t, evenings),
        subtitle=["How many other guests remember, like and trust the average guest", *lines],
        description=(f"Three bar charts, one row per persona, showing how many other guests remember, "
                     f"like and trust the average guest of that persona after {evenings}, {how}: "
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
        y=alt.Y("remembered_by:Q", title="People who remember them"), text=alt.Text("text:N"))
    points = alt.Chart(g).mark_point(size=150, opacity=1, filled=True).encode(
        x=alt.X("people_met:Q", title="People they talked with"),
        y=alt.Y("remembered_by:Q", title="People who remember them"),
        color=alt.Color("persona:N", title="Persona", scale=_scale(persona_colours(order, result.personas)),
                        sort=order),
        shape=alt.Shape("persona:N", title="Persona", sort=order, scale=alt.Scale(domain=order)),
        tooltip=[alt.Tooltip(f) for f in ("guest", "persona", "people_met", "remembered_by", "liked_by")],
    )
    kept = bp["share_remembered"]
    if most == best:
        title = f"{cap(plural(most))} meet the most people and are remembered most"
        first = (f"{pct(kept[most])} of the people a {most} meets remember them, "
                 f"more than for any other persona")
    else:
        few = "but are remembered by few" if kept[most] < 0.25 else \
            f"and {pct(kept[most])} of those remember them"
        title = f"{cap(plural(most))} meet the most people {few}"
        first = (f"Of the people a {most} meets, {pct(kept[most])} remember them; "
                 f"{plural(best)}: {pct(kept[best])}")
    return finish(
        diag + label + points,
        title=title,
        subtitle=[first, _setting_line(result)],
        description=(f"Scatter plot of {len(g)} guests: people each talked with (x) against people "
                     f"who remember them (y), by persona. On average per guest: " + "; ".join(
                         f"{plural(p)} met {one(r.people_met)} and were remembered by "
                         f"{one(r.remembered_by)} ({pct(r.share_remembered)} of those "
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
        tooltip=[alt.Tooltip("size:O"), alt.Tooltip("minutes:Q")],
    )
    text = bars.mark_text(dy=-10, color="black").encode(text=alt.Text("minutes:Q"))
    return finish(
        (bars + text).properties(width=420, height=260),
        title=f"No conversation grew past {biggest} people: a bigger group splits",
        subtitle=[f"{pct(pairs)} of conversation-minutes were pairs (a synthetic party)",
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
                          label=pairs["share"].map(pct)).to_dict("records")
    size = cell * len(order)
    rect = alt.Chart().mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("share:Q", title=["Share of pairs", f"who {label.split(' (')[0]}"],
                        scale={"scheme": "blues", "domain": [0, 1]},
                        legend={"format": "%", "gradientLength": 200, "titleLimit": 320}),
        tooltip=[alt.Tooltip("persona_a:N", title="guest"), alt.Tooltip("persona_b:N", title="with"),
                 alt.Tooltip("pairs:Q", title="pairs"), alt.Tooltip("possible:Q", title="possible pairs"),
                 alt.Tooltip("label:N", title="share")],
    )
    text = alt.Chart().mark_text(fontSize=16).encode(text=alt.Text("label:N"),
                                                     color=alt.Color("ink:N", scale=None, legend=None))
    xy = alt.SharedEncoding(
        x=alt.X("persona_b:N", sort=order, title="…with a guest of this persona",
                axis={"labelAngle": -30, "orient": "top"}),
        y=alt.Y("persona_a:N", sort=order, title="A guest of this persona…"))
    chart = alt.layer(rect, text, data=_inline(values), encoding=xy, width=size, height=size,
                      resolve={"scale": {"color": "independent"}})
    if lo == hi:
        title = f"{cap(plural(lo))} {verb} {share(rows[lo])} of the room"
    else:
        only = "only " if rows[lo] < 0.5 * rows[hi] and rows[lo] >= 0.005 else ""
        title = f"{cap(plural(lo))} {verb} {only}{share(rows[lo])}, {plural(hi)} {share(rows[hi])}"
    return finish(
        chart,
        title=title,
        subtitle=[f"Share of all possible pairs of guests who {label}", _setting_line(result)],
        description=(f"Heatmap, persona by persona, of the share of possible pairs of guests who "
                     f"{label} after {_evenings(result.settings['evenings'])}. Share of the rest of the room, per "
                     f"persona: " + ", ".join(f"{plural(p)} {pct(v)}" for p, v in rows.items()) + "."),
    )


def funnel_chart(*results):
    """Pairs who talked, know, like and trust each other: one bar group per party."""
    rows = []
    for r in results:
        t = r.ties
        counts = {"talked": len(t), **{s: int(t[s].sum()) for s in ("knows", "likes", "trusts")}}
        for stage, n in counts.items():
            rows.append({"party": f"after {_evenings(r.settings['evenings'])}", "stage": stage, "pairs": int(n)})
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
        tooltip=[alt.Tooltip("party:N"), alt.Tooltip("stage:N"), alt.Tooltip("pairs:Q")],
    )
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("pairs:Q"))
    last = data[data["party"] == parties[-1]].set_index("stage")["pairs"]
    if len(parties) > 1:
        first = data[data["party"] == parties[0]].set_index("stage")["pairs"]
        title = (f"{cap(parties[-1])}, {last['trust each other']} pairs trust each other; "
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

def _guest(row) -> str:
    """An entry in quotes, a default persona with "the": “Ana's listener”, the impostor."""
    return f"“{short(row.entry)}”" if row.is_entry else f"the {row.entry}"


def _place(row) -> str:
    """The rank with "=" for a tie: "=2"."""
    return f"{'=' if row.tie else ''}{row.rank}"


def _board_title(data: pd.DataFrame) -> str:
    """Who wins; a shared first place is a tie, and the room's best entry is named if it is not first."""
    if float(data["trusted_by"].max()) == 0:  # a winner here would be the first row, as if it had won
        return "No guest won anyone's trust: there is no winner"
    if len(data) > 2 and (data["rank"] == 1).all():
        return f"All {len(data)} guests tie: no gap is bigger than luck"
    top = [_guest(r) for r in data[data["rank"] == 1].itertuples()]
    firsts = ([f"{join(top)} tie for first", f"{top[0]} and {count(len(top) - 1, 'other')} tie for first"]
              if len(top) > 1 else [f"{top[0]} wins"])
    entries = data[data["is_entry"]]
    if not len(entries) or entries["rank"].iloc[0] == 1:  # the room's best is among the first
        if len(top) == 1:
            return fit(f"{cap(firsts[0])}: trusted by {one(data['trusted_by'].iloc[0])} people each",
                       cap(firsts[0]))
        return fit(*(cap(f) for f in firsts))
    best = next(entries.itertuples())
    place = f"{'ties for' if best.tie else 'comes'} {ordinal(int(best.rank))} of {len(data)}"
    if len(entries) == 1:
        return fit(*(f"{cap(_guest(best))} {place}; {f}" for f in firsts), cap(firsts[-1]))
    return fit(*(f"{cap(f)}; the room's best, {_guest(best)}, {place}" for f in firsts),
               f"The room's best, {_guest(best)}, {place}", f"{cap(firsts[-1])}; the room's best {place}")


def _board_subtitle(board: pd.DataFrame) -> list:
    n = int(board["is_entry"].sum())
    who = f"{count(n, 'entry')} and the defaults" if n else "The default personas"
    a = board.attrs
    runs = f"{a['parties']} parties of {_evenings(a['evenings'])} each" if "parties" in a else "many parties"
    return [f"{who}: {runs}, ranked by trust", INTERVAL_LINE]


def leaderboard_chart(board: pd.DataFrame):
    """The tournament's ranking: how many people trust the average guest of each entry, over
    every party, with its 95% interval (overlapping intervals tie: the same rank)."""
    data = board.copy()
    defaults = persona_colours([e for e, mine in zip(data["entry"], data["is_entry"]) if not mine])
    colours = defaults | ({"from the room": ROOM_COLOUR} if data["is_entry"].any() else {})
    data["guest"] = np.where(data["is_entry"], "from the room", data["entry"])
    data["label"] = [f"{one(t)} (liked by {one(k)})" for t, k in zip(data["trusted_by"], data["liked_by"])]
    data["interval"] = [f"{one(lo)} to {one(hi)}" for lo, hi in zip(data["trusted_by_low"], data["trusted_by_high"])]
    data["place"] = [_place(r) for r in data.itertuples()]
    order = list(data["entry"])
    scale = {"domainMax": max(1.0, float(data["trusted_by_high"].max()) * 1.7)}

    def x(field):
        return alt.X(f"{field}:Q", title="Trusted by (people per guest)", scale=scale)

    base = alt.Chart(data).encode(y=alt.Y("entry:N", sort=order, title=None), x=x("trusted_by"))
    bars = base.mark_bar().encode(
        color=alt.Color("guest:N", title="Guest", scale=_scale(colours), sort=list(colours)),
        tooltip=[alt.Tooltip("place:N", title="rank"), alt.Tooltip("entry:N"),
                 alt.Tooltip("label:N", title="trusted by"), alt.Tooltip("interval:N", title="95% interval"),
                 alt.Tooltip("remembered_by:Q", format=".1f", title="remembered by"), alt.Tooltip("guests:Q")],
    )
    spans = base.mark_errorbar(ticks=True, color=LINE_COLOUR, thickness=2).encode(
        x=x("trusted_by_low"), x2=alt.X2("trusted_by_high:Q"))
    text = base.mark_text(align="left", dx=6).encode(x=x("trusted_by_high"), text=alt.Text("label:N"))
    return finish(
        (bars + spans + text).properties(width=380, height=max(160, 30 * len(data))),
        title=_board_title(data),
        subtitle=_board_subtitle(board),
        description=("Bar chart ranking the tournament's guests by how many people trust the average "
                     "guest of each, with its 95% interval; a guest ranks below only the guests whose "
                     "whole interval is higher, so overlapping intervals tie: "
                     + ", ".join(f"{r.place}. {r.entry} {r.label}, interval {r.interval}" for r in data.itertuples())
                     + "."),
    )


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
        x=x, y=y, color=colour, tooltip=[alt.Tooltip(f) for f in ("woman", "event", "circle")])
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
                       total=long["betweenness"].map(lambda v: pct(v) if v >= 0.005 else ""))
    bx = alt.X("value:Q", title="Betweenness", stack="zero",
               scale=alt.Scale(domainMax=float(scores["betweenness"].max()) * 1.45),
               axis=alt.Axis(format="%", tickCount=2))
    by = alt.Y("woman:N", sort=women, title=None, axis=alt.Axis(labels=False, ticks=False))
    bars = alt.Chart(long).mark_bar().encode(
        x=bx, y=by, color=colour,
        opacity=alt.Opacity("part:N", title="Betweenness from", sort=list(parts.values()),
                            scale=alt.Scale(domain=list(parts.values()), range=[1.0, 0.35])),
        order=alt.Order("part:N", sort="ascending"),
        tooltip=[alt.Tooltip("woman"), alt.Tooltip("circle"), alt.Tooltip("events"),
                 alt.Tooltip("total:N", title="betweenness"), alt.Tooltip("part"),
                 alt.Tooltip("value:Q", title="this part", format=".1%")],
    )
    labels = scores.assign(total=scores["betweenness"].map(lambda v: pct(v) if v >= 0.005 else ""))
    text = alt.Chart(labels).mark_text(align="left", dx=3, fontSize=14).encode(
        x=alt.X("betweenness:Q", title="Betweenness"), y=by, text=alt.Text("total:N"))
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
        subtitle=sub + [f"{top[0]}: {pct(lead['betweenness'])}, {pct(across)} of it between the circles; "
                        f"{_first_name(low)}, {int(row.loc[low, 'events'])} events too: "
                        f"{pct(row.loc[low, 'betweenness'])}"],
        description=(grid_desc + " Right: each woman's betweenness in the women-to-women network "
                     "(distance = 1 / shared events), split into the routes between women of "
                     "different circles (dark) and within a circle (light). Highest: "
                     + ", ".join(f"{w} ({CIRCLE_NAMES[int(row.loc[w, 'circle'])]}, "
                                 f"{int(row.loc[w, 'events'])} events, {pct(row.loc[w, 'betweenness'])})"
                                 for w in top)
                     + f". {low} went to {int(row.loc[low, 'events'])} events, as many as anyone, "
                       f"and has {pct(row.loc[low, 'betweenness'])}."),
    )


# --------------------------------------------------------------------------- explorers

WARNING = '<p style="color:#b35900;font-size:1.05em">⚠ {}</p>'
NOTE = '<div style="font-size:1.05em">{}</div>'


def _slider(kind, description, **kw):
    style = {"description_width": "150px"}
    return kind(description=description, continuous_update=False, style=style,
                layout=W.Layout(width="380px"), **kw)


class Explorer(abc.ABC):
    """The one pattern of every widget here: controls, then :meth:`compute`, then :meth:`render`.

    A change calls :meth:`redraw`: one ``compute()`` (the simulation, or the tournament), whose
    result is kept as ``data``, then one ``render(data)``, which returns the charts and the status
    line. Each chart is one ``alt.JupyterChart``, made at the first render and swapped (its
    ``.chart`` set) at every later one. A wrong input (``compute`` raising ValueError) shows one
    plain warning in ``status`` and leaves the last charts and ``data``. Subclasses build their
    controls, then call ``super().__init__``, which renders once.
    """

    def __init__(self, controls: W.Widget, watch=()):
        self.status = W.HTML()
        self.views: dict[str, LiveChart] = {}
        self.charts = W.VBox()
        self.data = None
        self.last_ms = float("nan")
        self.widget = W.VBox([controls, self.status, self.charts])
        for w in watch:
            w.observe(self.redraw, names="value")
        self.redraw()

    @abc.abstractmethod
    def compute(self):
        """The data for one render, from the controls; a wrong input raises ValueError."""

    @abc.abstractmethod
    def render(self, data) -> tuple[dict, str]:
        """``({name: chart}, status line in HTML)`` for ``data``."""

    def warn(self, text: str) -> None:
        """One plain warning in the status line, instead of a traceback."""
        kept = " (The charts below still show the last settings that worked.)" if self.views else ""
        self.status.value = WARNING.format(html.escape(text + kept))

    def redraw(self, _=None) -> float:
        """Compute and render once; return the time taken in ms (nan after a warning)."""
        start = time.perf_counter()
        try:
            data = self.compute()
        except ValueError as e:
            self.warn(str(e))
            return float("nan")
        charts, line = self.render(data)
        for name, chart in charts.items():
            if name in self.views:
                self.views[name].chart = chart
            else:
                self.views[name] = LiveChart(chart)
        if len(self.charts.children) != len(self.views):
            self.charts.children = tuple(self.views.values())
        self.data = data
        self.status.value = NOTE.format(line)
        self.last_ms = (time.perf_counter() - start) * 1000
        return self.last_ms


class PartyExplorer(Explorer):
    """The live explorer: persona mix, guests, evening length and evenings -> two charts.

    The outcomes are the average guest over :data:`party.SEEDS` parties (``over_seeds``, the first
    one numbered ``seed``), with their intervals; the map of who met whom is that first party
    alone (one draw). "Another party" moves on to the next :data:`party.SEEDS` parties.
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
        self.again = W.Button(description="Another party (new seeds)", icon="refresh",
                              layout=W.Layout(width="380px"))
        self.again.on_click(self.another)
        mix_box = W.VBox([W.HTML("<b>Persona mix</b> (relative shares: 0 = none)"), *self.mix.values()])
        settings = W.VBox([W.HTML("<b>The party</b>"), self.guests, self.minutes, self.evenings,
                           self.measure, self.again])
        super().__init__(W.HBox([mix_box, settings]),
                         watch=[*self.mix.values(), self.guests, self.minutes, self.evenings, self.measure])

    @property
    def spread(self) -> pd.DataFrame | None:
        """The last ``over_seeds`` table (the bars)."""
        return None if self.data is None else self.data[0]

    @property
    def result(self) -> party.PartyResult | None:
        """The last one-draw party (the map)."""
        return None if self.data is None else self.data[1]

    def compute(self):
        mix = {p: s.value for p, s in self.mix.items()}
        if sum(mix.values()) == 0:
            raise ValueError("every persona share is 0: move at least one slider up")
        how = dict(guests=self.guests.value, minutes=self.minutes.value, mix=mix, evenings=self.evenings.value)
        return (party.over_seeds(**how, seeds=party.SEEDS, first_seed=self.seed),
                party.simulate(**how, seed=self.seed))

    def render(self, data):
        spread, result = data
        n = result.guests["persona"].value_counts()
        mix = ", ".join(count(int(n[p]), p) for p in result.personas.index if n.get(p, 0))
        line = (f"{result.settings['guests']} guests: {mix}. Bars: the average guest of parties "
                f"{self.seed} to {self.seed + party.SEEDS - 1}; map: party {self.seed} alone (one draw).")
        return {"outcomes": outcomes_chart(spread),
                "pairs": pairs_chart(result, self.measure.value, cell=60)}, line

    def another(self, _=None) -> float:
        """The next :data:`party.SEEDS` parties, none of them shown before."""
        self.seed += party.SEEDS
        return self.redraw()


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


class _Tournament(Explorer):
    """An explorer whose data is a tournament's board."""

    @property
    def board(self) -> pd.DataFrame | None:
        """The last board (``party.tournament``'s table)."""
        return self.data


def entry_line(name: str, values) -> str:
    """The line a learner sends for the room's tournament: CSV, so a name with a comma is quoted
    (``party.read_entries`` reads it back as one name).

    >>> entry_line("Ana, the listener", [0.3, 0.2, 12.0, 0.0, 1.0])
    '"Ana, the listener", 0.3, 0.2, 12, 0, 1'
    >>> entry_line("Ben's charmer", [0.5, 0.6, 5.0, 0.5, 0.5])
    "Ben's charmer, 0.5, 0.6, 5, 0.5, 0.5"
    """
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([name])
    return ", ".join([out.getvalue(), *(f"{v:g}" for v in values)])


class GuestDesigner(_Tournament):
    """Play a guest: design a persona with sliders and see how it fares against the defaults.

    It runs ``party.tournament`` with its defaults (the same parties, the same season), so the
    sliders and the notebook's code cell agree.
    """

    def __init__(self, name: str = "my guest", join_rate: float = 0.3, talk_share: float = 0.4,
                 stay_minutes: float = 10.0, claim: float = 0.0, honesty: float = 1.0,
                 seeds=party.SEEDS):
        self.seeds = seeds
        start = dict(join_rate=join_rate, talk_share=talk_share, stay_minutes=stay_minutes,
                     claim=claim, honesty=honesty)
        self.name = W.Text(value=name, description="Your guest's name", continuous_update=False,
                           style={"description_width": "150px"}, layout=W.Layout(width="380px"))
        self.params = {k: _slider(W.FloatSlider, label, value=start[k], **rng)
                       for k, (label, rng) in _PARAM_LABELS.items()}
        super().__init__(W.VBox([self.name, *self.params.values()]), watch=[self.name, *self.params.values()])

    def entry(self) -> pd.DataFrame:
        return party.guest_entry(self.name.value, **{k: s.value for k, s in self.params.items()})

    def compute(self):
        return party.tournament(self.entry(), seeds=self.seeds)

    def render(self, board):
        name = self.name.value.strip()
        line = entry_line(name, [s.value for s in self.params.values()])
        rename = ("" if name.lower() != "my guest" else
                  '<br><b>First give your guest a name</b> the room will recognise (your first name '
                  'and a word, e.g. “Ana\'s listener”): thirty guests called “my guest” would arrive '
                  'as “my guest (2)” to “my guest (30)”.')
        return {"board": leaderboard_chart(board)}, ("For the room's tournament, send the instructor "
                                                     f"this line: <code>{html.escape(line)}</code>{rename}")


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
        f"<tr><td{pad}>{_place(r)}</td><td{pad}>{html.escape(str(r.entry))}</td>"
        f"<td{pad}>{one(r.trusted_by)} ({one(r.trusted_by_low)} to {one(r.trusted_by_high)})</td>"
        f"<td{pad}>{one(r.liked_by)}</td></tr>"
        for r in board[board["is_entry"]].itertuples())
    head = "".join(f"<th{pad}>{h}</th>" for h in ("rank", "entry", "trusted by (95% interval)", "liked by"))
    return (f'<table style="font-size:1.05em"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table><p>Rank “=2”: a tie, the intervals overlap.</p>")


class TournamentDesk(_Tournament):
    """The instructor's desk: paste the room's lines, run the tournament, rank the guests."""

    def __init__(self, text: str = EXAMPLE_ENTRIES, guests_per_entry: int = party.GUESTS_PER_ENTRY,
                 seeds=party.SEEDS):
        self.seeds = seeds
        self.text = W.Textarea(value=text, layout=W.Layout(width="640px", height="180px"))
        self.per_entry = _slider(W.IntSlider, "Guests per entry", value=guests_per_entry, min=1, max=8)
        self.run = W.Button(description="Run the tournament", icon="trophy", button_style="primary",
                            layout=W.Layout(width="220px"))
        self.run.on_click(self.redraw)
        super().__init__(W.VBox([W.HTML("<b>One guest per line</b> (name, then the five numbers)"),
                                 self.text, W.HBox([self.per_entry, self.run])]))

    def compute(self):
        entries = party.read_entries(self.text.value)
        return party.tournament(entries, guests_per_entry=self.per_entry.value, seeds=self.seeds)

    def render(self, board):
        names = list(board.loc[board["is_entry"], "entry"])
        renamed = [n for n in names if _RENAMED.search(n)]
        note = ("" if not renamed else "<br>Renamed so that every guest is distinct: "
                + ", ".join(f"“{html.escape(n)}”" for n in renamed)
                + ". Ask their authors to pick their own names next time.")
        line = (f"{count(len(names), 'entry')} from the room, ranked among all {len(board)} (each entry "
                f"sent {self.per_entry.value} guests to every party):{note}")
        return {"board": leaderboard_chart(board)}, line + _entries_table(board)


def tournament_desk(**kwargs):
    """The tournament widget for a live room. Keyword arguments go to :class:`TournamentDesk`."""
    return TournamentDesk(**kwargs).widget
