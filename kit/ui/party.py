"""Charts and explorers for workshop 03 (the cocktail party). The model lives in ``kit.party``.

Every explorer creates its ``alt.JupyterChart`` once and swaps ``jchart.chart`` on change, and
every slider has ``continuous_update=False``: a change runs one simulation and one redraw, not
one per pixel of slider travel. ``benchmarks/bench_party.py`` times :meth:`PartyExplorer.redraw`.
"""

from __future__ import annotations

import html
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
            f"(party number {s['seed']}); synthetic")


# --------------------------------------------------------------------------- one party

def outcomes_chart(result):
    """Remembered by, liked by, trusted by: the average guest of each persona, side by side.

    One faceted chart (three panels, each with its own scale) rather than three charts joined
    together: about three times faster to build and validate, which keeps the explorer snappy.
    """
    bp = result.by_persona()
    order = [str(p) for p in bp.index]
    labels = list(STAGES.values())
    values = [{"persona": str(p), "stage": STAGES[c], "people": float(bp.at[p, c]), "pad": False}
              for c in STAGES for p in bp.index]
    # one invisible row per panel stretches its scale, so labels fit and an all-zero panel
    # still shows a 0-to-1 axis
    values += [{"persona": order[0], "stage": STAGES[c], "people": max(float(bp[c].max()) * 1.25, 1.0),
                "pad": True} for c in STAGES]
    base = alt.Chart().transform_filter("!datum.pad").encode(
        y=alt.Y("persona:N", sort=order, title=None),
        x=alt.X("people:Q", title="People (average per guest)", axis=alt.Axis(tickCount=3)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("persona:N", scale=_persona_scale(order), legend=None),
        tooltip=["persona:N", "stage:N", alt.Tooltip("people:Q", format=".1f")],
    )
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("people:Q", format=".1f"))
    pad = alt.Chart().transform_filter("datum.pad").mark_tick(opacity=0).encode(
        x=alt.X("people:Q", title="People (average per guest)"))
    chart = alt.layer(bars, text, pad, data=alt.InlineData(values=values)).properties(
        width=200, height=230).facet(
        column=alt.Column("stage:N", sort=labels, title=None,
                          header=alt.Header(labelFontSize=18, labelFontWeight="bold")),
        spacing=16,
    ).resolve_scale(x="independent")
    trusted, liked = bp["trusted_by"], bp["liked_by"]
    if trusted.max() >= 0.05:
        top = trusted.idxmax()
        title = f"{_cap(plural(top))} are trusted by the most people ({trusted[top]:.1f} each)"
    else:
        top = liked.idxmax()
        title = f"After {_evenings(result)} no one trusts anyone; {plural(top)} are liked most"
    desc = "; ".join(f"{plural(p)}: remembered by {r.remembered_by:.1f}, liked by {r.liked_by:.1f}, "
                     f"trusted by {r.trusted_by:.1f}" for p, r in bp.iterrows())
    return finish(
        chart,
        title=title,
        subtitle=["How many other guests remember, like and trust the average guest of each persona",
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
    if most == best:
        title = f"{_cap(plural(most))} meet the most people and are remembered by the largest share"
    else:
        title = (f"{_cap(plural(most))} meet the most people; only "
                 f"{bp.loc[most, 'share_remembered']:.0%} of them remember one")
    return finish(
        diag + label + points,
        title=title,
        subtitle=[f"{_cap(plural(best))} are remembered by the largest share of the people they "
                  f"met ({bp.loc[best, 'share_remembered']:.0%})", _setting_line(result)],
        description=(f"Scatter plot of {len(g)} guests: people each talked with (x) against people "
                     f"who remember them (y), by persona. " + "; ".join(
                         f"{plural(p)} met {r.people_met:.0f} and were remembered by "
                         f"{r.remembered_by:.0f} on average" for p, r in bp.iterrows()) + "."),
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
    values = pairs.assign(ink=np.where(pairs["share"] > 0.55, "white", "black")).to_dict("records")
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
                 alt.Tooltip("share:Q", format=".0%")],
    )
    text = base.mark_text(fontSize=16).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.Color("ink:N", scale=None, legend=None),
    )
    size = cell * len(order)
    if lo == hi:
        title = f"{_cap(plural(lo))} {verb} {_share(rows[lo])} of the room"
    else:
        only = "only " if rows[lo] < 0.5 * rows[hi] and rows[lo] >= 0.005 else ""
        title = (f"{_cap(plural(lo))} {verb} {only}{_share(rows[lo])} of the room, "
                 f"{plural(hi)} {_share(rows[hi])}")
    return finish(
        (rect + text).resolve_scale(color="independent").properties(width=size, height=size),
        title=title,
        subtitle=[f"Share of all possible pairs of guests who {label}", _setting_line(result)],
        description=(f"Heatmap, persona by persona, of the share of possible pairs of guests who "
                     f"{label} after {_evenings(result)}. Share of the rest of the room, per "
                     f"persona: " + ", ".join(f"{plural(p)} {v:.0%}" for p, v in rows.items()) + "."),
    )


def funnel_chart(*results):
    """Pairs who talked, know, like and trust each other: one bar group per party."""
    rows = []
    for r in results:
        counts = party.funnel_counts(r.ties)
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

def leaderboard_chart(board: pd.DataFrame, subtitle: str | None = None):
    """The tournament's ranking: how many people trust the average guest of each entry."""
    data = board.copy()
    data["kind"] = np.where(data["is_entry"], "from the room", "default persona")
    order = list(data["entry"])
    winner = data.iloc[0]
    base = alt.Chart(data).encode(
        y=alt.Y("entry:N", sort=order, title=None),
        x=alt.X("trusted_by:Q", title="Trusted by (people, average per guest)"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("kind:N", title="Guest",
                        scale=alt.Scale(domain=["from the room", "default persona"],
                                        range=["#D55E00", "#56B4E9"])),
        tooltip=["rank", "entry", alt.Tooltip("trusted_by:Q", format=".2f"),
                 alt.Tooltip("liked_by:Q", format=".1f"), alt.Tooltip("remembered_by:Q", format=".1f"),
                 "guests"],
    )
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("trusted_by:Q", format=".1f"))
    entries = data[data["is_entry"]]
    if winner["is_entry"]:
        title = f"“{_short(winner['entry'])}” wins: trusted by {winner['trusted_by']:.1f} people each"
    elif len(entries):
        best = entries.iloc[0]
        place = f"{int(best['rank'])}{_ordinal(int(best['rank']))} of {len(data)}"
        if len(entries) == 1:
            title = f"“{_short(best['entry'])}” comes {place}; the {winner['entry']} wins"
        else:
            title = f"The {winner['entry']} wins; the room's best, “{_short(best['entry'])}”, is {place}"
    else:
        title = f"The {winner['entry']} wins: trusted by {winner['trusted_by']:.1f} people each"
    return finish(
        (bars + text).properties(width=460, height=max(160, 34 * len(data))),
        title=title,
        subtitle=subtitle or "Ranked by trust, then liking, averaged over every guest in every party",
        description=("Bar chart ranking the tournament's guests by how many people trust the average "
                     "guest of each: " + ", ".join(
                         f"{r.rank}. {r.entry} {r.trusted_by:.1f}" for r in data.itertuples()) + "."),
    )


def _short(name: str, limit: int = 18) -> str:
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# --------------------------------------------------------------------------- Davis

def davis_chart(top: int = 3):
    """Who went to which event (left) and who sat on the routes between the women (right)."""
    att = party.davis_attendance()
    brokers = party.davis_brokers(top=None)
    g = party.davis_network()
    women, events = g.graph["top"], g.graph["bottom"]
    leaders = list(brokers["woman"].head(top))
    role = {w: (f"top {top} brokers" if w in leaders else "other women") for w in women}
    att = att.assign(role=att["woman"].map(role))
    brokers = brokers.assign(role=brokers["woman"].map(role))
    colour = alt.Color("role:N", title="Woman",
                       scale=alt.Scale(domain=[f"top {top} brokers", "other women"],
                                       range=["#D55E00", "#0072B2"]))
    grid = alt.Chart(att).mark_square(size=280, opacity=1).encode(
        x=alt.X("event:N", sort=events, title="Social event, 1 to 14 (in date order)",
                axis=alt.Axis(labelAngle=0, orient="top", labelExpr="replace(datum.label, 'E', '')")),
        y=alt.Y("woman:N", sort=women, title=None),
        color=colour,
        tooltip=["woman", "event"],
    ).properties(width=430, height=430)
    bars = alt.Chart(brokers).mark_bar().encode(
        y=alt.Y("woman:N", sort=women, title=None, axis=alt.Axis(labels=False, ticks=False)),
        x=alt.X("betweenness:Q", title="Share of routes through her", axis=alt.Axis(format="%", tickCount=3)),
        color=colour,
        tooltip=["woman", alt.Tooltip("betweenness:Q", format=".1%"), "degree", "shared_events"],
    ).properties(width=200, height=430)
    first = brokers.iloc[0]
    return finish(
        alt.hconcat(grid, bars, spacing=8),
        title=f"{first['woman']} sat on the most routes between the women",
        subtitle=("Real data: Davis, Gardner & Gardner (1941), 18 women at 14 social events in "
                  "Natchez, Mississippi, in the 1930s"),
        description=("Left: a grid of which of 18 women attended which of 14 social events; the first "
                     "women mostly attended the early events and the last women the later ones, with "
                     "events 6 to 9 shared. Right: each woman's betweenness in the women-to-women "
                     "network (distance = 1 / shared events). Top brokers: " + ", ".join(
                         f"{r.woman} {r.betweenness:.0%}" for r in brokers.head(top).itertuples()) + "."),
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


class GuestDesigner:
    """Play a guest: design a persona with sliders and see how it fares against the defaults."""

    def __init__(self, name: str = "my guest", join_rate: float = 0.3, talk_share: float = 0.4,
                 stay_minutes: float = 10.0, claim: float = 0.0, honesty: float = 1.0,
                 seeds=range(3)):
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
        try:
            board = self._board()
        except ValueError as e:
            self.status.value = f'<p style="color:#b35900;font-size:1.05em">⚠ {html.escape(str(e))}</p>'
            return
        self.board = board
        self.chart.chart = leaderboard_chart(
            board, subtitle=f"Your guest against the five defaults, {len(self.seeds)} parties of "
                            "3 evenings; ranked by trust, then liking")
        p = {k: s.value for k, s in self.params.items()}
        line = f"{self.name.value.strip()}, " + ", ".join(f"{v:g}" for v in p.values())
        self.status.value = ('<p style="font-size:1.05em">For the tournament, send the instructor '
                             f'this line: <code>{html.escape(line)}</code></p>')


def guest_designer(**kwargs):
    """The "play a guest" widget. Keyword arguments go to :class:`GuestDesigner`."""
    return GuestDesigner(**kwargs).widget


EXAMPLE_ENTRIES = """persona, join_rate, talk_share, stay_minutes, claim, honesty
good listener, 0.3, 0.2, 12, 0, 1
show-off, 0.4, 0.9, 6, 0.6, 0.3
networker, 0.6, 0.5, 4, 0, 1"""


class TournamentDesk:
    """The instructor's desk: paste the room's lines, run the tournament, rank the guests."""

    def __init__(self, text: str = EXAMPLE_ENTRIES, guests_per_entry: int = 3, seeds=range(5)):
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
        try:
            board = self._board()
        except ValueError as e:
            self.status.value = f'<p style="color:#b35900;font-size:1.05em">⚠ {html.escape(str(e))}</p>'
            return
        self.board = board
        n = int(board["is_entry"].sum())
        self.chart.chart = leaderboard_chart(
            board, subtitle=f"{n} guests from the room against the five defaults, "
                            f"{len(self.seeds)} parties of 3 evenings; ranked by trust, then liking")
        self.status.value = f'<p style="font-size:1.05em">{n} entries ranked.</p>'


def tournament_desk(**kwargs):
    """The tournament widget for a live room. Keyword arguments go to :class:`TournamentDesk`."""
    return TournamentDesk(**kwargs).widget
