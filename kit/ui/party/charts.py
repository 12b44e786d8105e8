"""Workshop 03's charts of the party model (``kit.party``): outcomes, pairs, funnels, the leaderboard.

A finding rests on many parties: a chart given ``party.over_seeds(...)`` shows means with their
95% intervals, and a chart given one ``party.simulate(...)`` says it is one draw.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
from altair.utils.schemapi import debug_mode

from ... import party
from ...party.personas import SPARE_COLOURS
from ..theme import PALETTE, finish
from ..words import cap, count, fit, join, one, ordinal, pct, plural, share, short

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
    return (
        f"{s['guests']} guests, {_evenings(s['evenings'])} of {s['minutes']} minutes "
        f"(party number {s['seed']}: one draw); synthetic"
    )


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
        raise ValueError(
            "outcomes_chart needs one party (party.simulate(...)) or many "
            f"(party.over_seeds(...)), got {type(x).__name__}"
        )
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
            return fit(
                f"{cap(first)} are trusted by the most people ({one(t.at[lead[0], stage])} each)",
                f"{cap(first)} are trusted by the most people",
            )
        return fit(f"{cap(names)} tie for the most trust", f"{others} tie for the most trust")
    nobody = "no one is trusted" if trusted == 0 else "hardly anyone is trusted"
    verb = "are liked most" if len(lead) == 1 else "tie on liking"
    return fit(
        f"After {evenings}, {nobody}; {names} {verb}",
        f"{cap(nobody)}; {names} {verb}",
        f"{cap(names)} {verb}",
        f"{others} {verb}",
    )


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
    values = [
        {
            "persona": str(p),
            "stage": STAGES[c],
            "people": r[c],
            "low": r[f"{c}_low"],
            "high": r[f"{c}_high"],
            "reach": reach[c],
            "label": one(r[c]),
            "interval": f"{one(r[f'{c}_low'])} to {one(r[f'{c}_high'])}",
        }
        for c in STAGES
        for p, r in rows.items()
    ]

    def x(field):
        return alt.X(f"{field}:Q", title="People per guest", axis={"tickCount": 3})

    tips = [alt.Tooltip("persona:N"), alt.Tooltip("stage:N"), alt.Tooltip("label:N", title="people per guest")]
    if spread:
        tips.append(alt.Tooltip("interval:N", title="95% interval"))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(x=x("people"), color=alt.Color("persona:N", scale=_scale(colours), legend=None), tooltip=tips)
    )
    spans = (
        alt.Chart().mark_errorbar(ticks=True, color=LINE_COLOUR, thickness=2).encode(x=x("low"), x2=alt.X2("high:Q"))
    )
    text = alt.Chart().mark_text(align="left", dx=4).encode(x=x("high"), text=alt.Text("label:N"))
    stretch = alt.Chart().mark_tick(opacity=0).encode(x=x("reach"))
    layers = [bars, spans, text, stretch] if spread else [bars, text, stretch]
    # every Altair step copies the chart so far: few steps, and the data only at the top
    chart = alt.layer(
        *layers, width=165, height=230, encoding=alt.SharedEncoding(y=alt.Y("persona:N", sort=order, title=None))
    ).facet(
        column=alt.Column(
            "stage:N", sort=list(STAGES.values()), title=None, header={"labelFontSize": 18, "labelFontWeight": "bold"}
        ),
        data=_inline(values),
        spacing=14,
        resolve={"scale": {"x": "independent"}},
    )
    said = {(v["persona"], v["stage"]): v["label"] + (f" ({v['interval']})" if spread else "") for v in values}
    desc = "; ".join(
        f"{plural(p)}: " + ", ".join(f"{stage.lower()} {said[p, stage]}" for stage in STAGES.values()) for p in order
    )
    how = f"as the mean of {parties} parties with its 95% interval" if spread else "at one party (one draw)"
    return finish(
        chart,
        title=_outcomes_title(t, evenings),
        subtitle=["How many other guests remember, like and trust the average guest", *lines],
        description=(
            f"Three bar charts, one row per persona, showing how many other guests remember, "
            f"like and trust the average guest of that persona after {evenings}, {how}: "
            f"{desc}."
        ),
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
    diag = (
        alt.Chart(pd.DataFrame({"people_met": [0, top], "remembered_by": [0, top]}))
        .mark_line(strokeDash=[6, 4], color="#777777")
        .encode(
            x=alt.X("people_met:Q", title="People they talked with"),
            y=alt.Y("remembered_by:Q", title="People who remember them"),
        )
    )
    label = (
        alt.Chart(
            pd.DataFrame({"people_met": [top], "remembered_by": [top], "text": ["everyone they met remembers them"]})
        )
        .mark_text(align="right", dy=-10, color="#555555")
        .encode(
            x=alt.X("people_met:Q", title="People they talked with"),
            y=alt.Y("remembered_by:Q", title="People who remember them"),
            text=alt.Text("text:N"),
        )
    )
    points = (
        alt.Chart(g)
        .mark_point(size=150, opacity=1, filled=True)
        .encode(
            x=alt.X("people_met:Q", title="People they talked with"),
            y=alt.Y("remembered_by:Q", title="People who remember them"),
            color=alt.Color(
                "persona:N", title="Persona", scale=_scale(persona_colours(order, result.personas)), sort=order
            ),
            shape=alt.Shape("persona:N", title="Persona", sort=order, scale=alt.Scale(domain=order)),
            tooltip=[alt.Tooltip(f) for f in ("guest", "persona", "people_met", "remembered_by", "liked_by")],
        )
    )
    kept = bp["share_remembered"]
    if most == best:
        title = f"{cap(plural(most))} meet the most people and are remembered most"
        first = f"{pct(kept[most])} of the people a {most} meets remember them, more than for any other persona"
    else:
        few = "but are remembered by few" if kept[most] < 0.25 else f"and {pct(kept[most])} of those remember them"
        title = f"{cap(plural(most))} meet the most people {few}"
        first = f"Of the people a {most} meets, {pct(kept[most])} remember them; {plural(best)}: {pct(kept[best])}"
    return finish(
        diag + label + points,
        title=title,
        subtitle=[first, _setting_line(result)],
        description=(
            f"Scatter plot of {len(g)} guests: people each talked with (x) against people "
            f"who remember them (y), by persona. On average per guest: "
            + "; ".join(
                f"{plural(p)} met {one(r.people_met)} and were remembered by "
                f"{one(r.remembered_by)} ({pct(r.share_remembered)} of those "
                f"they met)"
                for p, r in bp.iterrows()
            )
            + "."
        ),
    )


def group_sizes_chart(result):
    """Conversation-minutes by group size: the cap at four (Dunbar et al. 1995)."""
    conv = result.conversations
    sizes = conv["size"].value_counts().reindex(range(2, 7), fill_value=0)
    data = pd.DataFrame({"size": [str(s) for s in sizes.index], "minutes": sizes.to_numpy()})
    biggest = party.max_group_size(conv)
    pairs = sizes.get(2, 0) / max(sizes.sum(), 1)
    bars = (
        alt.Chart(data)
        .mark_bar(color=PALETTE[0])
        .encode(
            x=alt.X("size:O", title="People in the conversation", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("minutes:Q", title="Conversation-minutes"),
            tooltip=[alt.Tooltip("size:O"), alt.Tooltip("minutes:Q")],
        )
    )
    text = bars.mark_text(dy=-10, color="black").encode(text=alt.Text("minutes:Q"))
    return finish(
        (bars + text).properties(width=420, height=260),
        title=f"No conversation grew past {biggest} people: a bigger group splits",
        subtitle=[
            f"{pct(pairs)} of conversation-minutes were pairs (a synthetic party)",
            "Dunbar, Duncan & Nettle (1995) saw at most about four speakers",
        ],
        description=(
            "Bar chart of conversation-minutes by group size at the party: "
            + ", ".join(f"{s} people: {m}" for s, m in sizes.items())
            + f". The largest conversation had {biggest} people."
        ),
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
    values = pairs.assign(ink=np.where(pairs["share"] > 0.55, "white", "black"), label=pairs["share"].map(pct)).to_dict(
        "records"
    )
    size = cell * len(order)
    rect = (
        alt.Chart()
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            color=alt.Color(
                "share:Q",
                title=["Share of pairs", f"who {label.split(' (')[0]}"],
                scale={"scheme": "blues", "domain": [0, 1]},
                legend={"format": "%", "gradientLength": 200, "titleLimit": 320},
            ),
            tooltip=[
                alt.Tooltip("persona_a:N", title="guest"),
                alt.Tooltip("persona_b:N", title="with"),
                alt.Tooltip("pairs:Q", title="pairs"),
                alt.Tooltip("possible:Q", title="possible pairs"),
                alt.Tooltip("label:N", title="share"),
            ],
        )
    )
    text = (
        alt.Chart()
        .mark_text(fontSize=16)
        .encode(text=alt.Text("label:N"), color=alt.Color("ink:N", scale=None, legend=None))
    )
    xy = alt.SharedEncoding(
        x=alt.X(
            "persona_b:N", sort=order, title="…with a guest of this persona", axis={"labelAngle": -30, "orient": "top"}
        ),
        y=alt.Y("persona_a:N", sort=order, title="A guest of this persona…"),
    )
    chart = alt.layer(
        rect,
        text,
        data=_inline(values),
        encoding=xy,
        width=size,
        height=size,
        resolve={"scale": {"color": "independent"}},
    )
    if lo == hi:
        title = f"{cap(plural(lo))} {verb} {share(rows[lo])} of the room"
    else:
        only = "only " if rows[lo] < 0.5 * rows[hi] and rows[lo] >= 0.005 else ""
        title = f"{cap(plural(lo))} {verb} {only}{share(rows[lo])}, {plural(hi)} {share(rows[hi])}"
    return finish(
        chart,
        title=title,
        subtitle=[f"Share of all possible pairs of guests who {label}", _setting_line(result)],
        description=(
            f"Heatmap, persona by persona, of the share of possible pairs of guests who "
            f"{label} after {_evenings(result.settings['evenings'])}. Share of the rest of the room, per "
            f"persona: " + ", ".join(f"{plural(p)} {pct(v)}" for p, v in rows.items()) + "."
        ),
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
    stage_names = {
        "talked": "talked",
        "knows": "know each other",
        "likes": "like each other",
        "trusts": "trust each other",
    }
    data["stage"] = data["stage"].map(stage_names)
    parties = list(dict.fromkeys(data["party"]))
    colours = ["#56B4E9", "#0072B2", "#E69F00", "#009E73"][: len(parties)]
    base = alt.Chart(data).encode(
        y=alt.Y("stage:N", sort=list(stage_names.values()), title=None),
        yOffset=alt.YOffset("party:N", sort=parties),
        x=alt.X("pairs:Q", title="Pairs of guests"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("party:N", title="Party", sort=parties, scale=alt.Scale(domain=parties, range=colours)),
        tooltip=[alt.Tooltip("party:N"), alt.Tooltip("stage:N"), alt.Tooltip("pairs:Q")],
    )
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("pairs:Q"))
    last = data[data["party"] == parties[-1]].set_index("stage")["pairs"]
    if len(parties) > 1:
        first = data[data["party"] == parties[0]].set_index("stage")["pairs"]
        title = (
            f"{cap(parties[-1])}, {last['trust each other']} pairs trust each other; "
            f"{parties[0]}, {first['trust each other']}"
        )
    else:
        title = f"Of {last['talked']} pairs who talked, {last['trust each other']} trust each other"
    r = results[-1]
    return finish(
        (bars + text).properties(width=520, height=300),
        title=title,
        subtitle=[
            "Know, then like, then trust: each stage needs the one before",
            f"{r.settings['guests']} guests, {r.settings['minutes']} minutes an evening; synthetic",
        ],
        description=(
            "Bar chart of pairs of guests who talked, know, like and trust each other "
            + "; ".join(
                f"{p}: "
                + ", ".join(f"{s} {n}" for s, n in data[data["party"] == p][["stage", "pairs"]].itertuples(index=False))
                for p in parties
            )
            + "."
        ),
    )


# --------------------------------------------------------------------------- tournament


def _guest(row) -> str:
    """An entry in quotes, a default persona with "the": “Ana's listener”, the impostor."""
    return f"“{short(row.entry)}”" if row.is_entry else f"the {row.entry}"


def place(row) -> str:
    """The rank with "=" for a tie: "=2"."""
    return f"{'=' if row.tie else ''}{row.rank}"


def _board_title(data: pd.DataFrame) -> str:
    """Who wins; a shared first place is a tie, and the room's best entry is named if it is not first."""
    if float(data["trusted_by"].max()) == 0:  # a winner here would be the first row, as if it had won
        return "No guest won anyone's trust: there is no winner"
    if len(data) > 2 and (data["rank"] == 1).all():
        return f"All {len(data)} guests tie: no gap is bigger than luck"
    top = [_guest(r) for r in data[data["rank"] == 1].itertuples()]
    firsts = (
        [f"{join(top)} tie for first", f"{top[0]} and {count(len(top) - 1, 'other')} tie for first"]
        if len(top) > 1
        else [f"{top[0]} wins"]
    )
    entries = data[data["is_entry"]]
    if not len(entries) or entries["rank"].iloc[0] == 1:  # the room's best is among the first
        if len(top) == 1:
            return fit(f"{cap(firsts[0])}: trusted by {one(data['trusted_by'].iloc[0])} people each", cap(firsts[0]))
        return fit(*(cap(f) for f in firsts))
    best = next(entries.itertuples())
    place = f"{'ties for' if best.tie else 'comes'} {ordinal(int(best.rank))} of {len(data)}"
    if len(entries) == 1:
        return fit(*(f"{cap(_guest(best))} {place}; {f}" for f in firsts), cap(firsts[-1]))
    return fit(
        *(f"{cap(f)}; the room's best, {_guest(best)}, {place}" for f in firsts),
        f"The room's best, {_guest(best)}, {place}",
        f"{cap(firsts[-1])}; the room's best {place}",
    )


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
    data["place"] = [place(r) for r in data.itertuples()]
    order = list(data["entry"])
    scale = {"domainMax": max(1.0, float(data["trusted_by_high"].max()) * 1.7)}

    def x(field):
        return alt.X(f"{field}:Q", title="Trusted by (people per guest)", scale=scale)

    base = alt.Chart(data).encode(y=alt.Y("entry:N", sort=order, title=None), x=x("trusted_by"))
    bars = base.mark_bar().encode(
        color=alt.Color("guest:N", title="Guest", scale=_scale(colours), sort=list(colours)),
        tooltip=[
            alt.Tooltip("place:N", title="rank"),
            alt.Tooltip("entry:N"),
            alt.Tooltip("label:N", title="trusted by"),
            alt.Tooltip("interval:N", title="95% interval"),
            alt.Tooltip("remembered_by:Q", format=".1f", title="remembered by"),
            alt.Tooltip("guests:Q"),
        ],
    )
    spans = base.mark_errorbar(ticks=True, color=LINE_COLOUR, thickness=2).encode(
        x=x("trusted_by_low"), x2=alt.X2("trusted_by_high:Q")
    )
    text = base.mark_text(align="left", dx=6).encode(x=x("trusted_by_high"), text=alt.Text("label:N"))
    return finish(
        (bars + spans + text).properties(width=380, height=max(160, 30 * len(data))),
        title=_board_title(data),
        subtitle=_board_subtitle(board),
        description=(
            "Bar chart ranking the tournament's guests by how many people trust the average "
            "guest of each, with its 95% interval; a guest ranks below only the guests whose "
            "whole interval is higher, so overlapping intervals tie: "
            + ", ".join(f"{r.place}. {r.entry} {r.label}, interval {r.interval}" for r in data.itertuples())
            + "."
        ),
    )
