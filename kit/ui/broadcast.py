"""Charts and explorers for workshop 05 (broadcast or community?). Logic lives in
``kit.broadcast``, bound privately here (``_b``): nothing public here returns an exercise's answer."""

from __future__ import annotations

import altair as alt
import ipywidgets as W
import numpy as np
import pandas as pd

from .. import broadcast as _b
from .live import LiveChart
from .theme import PALETTE, finish
from .words import pct, share

NIELSEN_RETURN = 0.4  # Nielsen (NielsenWire 2009): more than 60% did not return the following month
INVITE, ORGANIC = "invite the contact list", "organic growth only"


# --------------------------------------------------------------------------- 1. the time budget


def budget_chart(
    minutes_per_week: float = 100,
    minutes_per_conversation: float = 7,
    tend_every_weeks: float = 3,
    contacts: int | None = None,
):
    """Relationships kept up against minutes a week, beside Dunbar's layers and Gonçalves et al."""
    xs = np.arange(0, 601, 10)
    line = pd.DataFrame(
        {"minutes": xs, "ties": [_b.ties_sustained(x, minutes_per_conversation, tend_every_weeks) for x in xs]}
    )
    ties = _b.ties_sustained(minutes_per_week, minutes_per_conversation, tend_every_weeks)
    layers = pd.DataFrame({"ties": list(_b.LAYERS.values()), "label": [f"{k} (~{v})" for k, v in _b.LAYERS.items()]})
    lo, hi = _b.STABLE_ON_TWITTER
    # room for Dunbar's 150 and Goncalves et al.'s 200, your point and your contacts; the line is
    # clipped above that (at short conversations it would climb past 1,000 and flatten the layers)
    top = max(260, int(ties * 1.15) + 1, int(contacts * 1.1) if contacts and contacts <= 600 else 0)
    X = dict(title="Minutes a week spent in conversation")
    Y = dict(title="Relationships kept up", scale=alt.Scale(domain=[0, top]))
    band = (
        alt.Chart(pd.DataFrame({"lo": [lo], "hi": [hi]}))
        .mark_rect(opacity=0.12, color=PALETTE[2])
        .encode(y=alt.Y("lo:Q", **Y), y2="hi:Q")
    )
    curve = (
        alt.Chart(line)
        .mark_line(strokeWidth=3, color=PALETTE[0], clip=True)
        .encode(x=alt.X("minutes:Q", **X), y=alt.Y("ties:Q", **Y))
    )
    rules = alt.Chart(layers).mark_rule(strokeDash=[4, 4], color="#777").encode(y=alt.Y("ties:Q", **Y))
    text = (
        alt.Chart(layers)
        .mark_text(align="left", x=5, dy=-7, color="#333")
        .encode(y=alt.Y("ties:Q", **Y), text="label:N")
    )
    you = (
        alt.Chart(pd.DataFrame({"minutes": [minutes_per_week], "ties": [ties]}))
        .mark_point(size=200, filled=True, color=PALETTE[1])
        .encode(x=alt.X("minutes:Q", **X), y=alt.Y("ties:Q", **Y))
    )
    layers_ = [band, curve, rules, text, you]
    if contacts and contacts <= 600:  # more than that would flatten the line: the subtitle says it
        layers_.append(
            alt.Chart(pd.DataFrame({"ties": [contacts]}))
            .mark_rule(color=PALETTE[1], strokeWidth=2)
            .encode(y=alt.Y("ties:Q", **Y))
        )
    layer = _b.layer_of(ties) or "fewer than Dunbar's innermost layer"
    covered = "" if not contacts else f"; your {contacts:,} contacts: {pct(min(1.0, ties / contacts))} covered"
    return finish(
        alt.layer(*layers_).properties(width=520, height=320),
        title=f"{minutes_per_week:g} minutes a week keep up {ties} relationships",
        subtitle=[
            f"One {minutes_per_conversation:g}-minute conversation each every {tend_every_weeks:g} weeks: "
            f"{layer}{covered}",
            "Dashed: Dunbar's layers. Shaded: at most 100-200 stable ties on Twitter (Gonçalves et al. 2011)",
        ],
        description=(
            f"Line chart of relationships kept up against minutes a week in conversation, at "
            f"{minutes_per_conversation:g} minutes a conversation every {tend_every_weeks:g} weeks: "
            f"{minutes_per_week:g} minutes keep up {ties}. Dashed lines mark Dunbar's layers of about "
            f"5, 15, 50 and 150 relationships; a band marks 100 to 200, the most stable relationships "
            f"Gonçalves, Perra and Vespignani (PLoS ONE 2011) found Twitter users keep up. The minutes and "
            f"the interval are guesses you set."
        ),
    )


def budget_explorer():
    """My minutes, my customers and prospects: where conversation stops scaling."""
    style = {"description_width": "initial"}
    wide = W.Layout(width="480px")
    minutes = W.IntSlider(
        value=100,
        min=0,
        max=600,
        step=10,
        description="Minutes a week in conversation",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    each = W.IntSlider(
        value=7, min=1, max=30, description="Minutes a conversation", style=style, layout=wide, continuous_update=False
    )
    every = W.IntSlider(
        value=3,
        min=1,
        max=12,
        description="Weeks between conversations",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    customers = W.IntText(value=40, description="Customers", style=style)
    prospects = W.IntText(value=0, description="Prospects", style=style)
    words = W.HTML()

    def compute():
        c, p = max(0, int(customers.value or 0)), max(0, int(prospects.value or 0))
        b = _b.budget(minutes.value, c, p, each.value, every.value)
        verdict = (
            "conversation covers every one of them"
            if b["covered"] >= 1
            else f"conversation covers <b>{pct(b['covered'])}</b> of them; past <b>{b['ties']}</b> "
            f"relationships the rest hear from you by broadcast"
        )
        words.value = (
            f"<p style='font-size:1.1em'>{b['contacts']:,} contacts: {verdict}. Covering all "
            f"would take <b>{b['minutes_for_all']:,.0f}</b> minutes a week.</p>"
        )
        return budget_chart(minutes.value, each.value, every.value, b["contacts"] or None)

    view = LiveChart(compute())

    def redraw(_=None):
        view.chart = compute()

    for w in (minutes, each, every, customers, prospects):
        w.observe(redraw, names="value")
    return W.VBox([minutes, each, every, W.HBox([customers, prospects]), words, view])


def debate_table(
    minutes_per_week: float = 100, minutes_per_conversation: float = 7, tend_every_weeks: float = 3
) -> pd.DataFrame:
    """The debate's three businesses: relationships to keep up, the share one owner's budget
    covers, and the minutes a week one-to-one would take."""
    rows = []
    for name, n in _b.BUSINESSES.items():
        b = _b.budget(minutes_per_week, n, 0, minutes_per_conversation, tend_every_weeks)
        rows.append(
            {
                "business": name,
                "relationships": n,
                "covered by the budget": share(b["covered"]),
                "hours a week for all": round(b["minutes_for_all"] / 60, 1),
            }
        )
    return pd.DataFrame(rows).set_index("business")


# --------------------------------------------------------------------------- 2. seeding


def _fan(runs: pd.DataFrame, case: str) -> pd.DataFrame:
    q = runs.groupby("month")["engaged"].quantile([0.05, 0.5, 0.95]).unstack()
    q.columns = ["low", "median", "high"]
    return q.reset_index().assign(case=case)


def seeding_runs(
    list_size: int = 400,
    conversion: float = 0.2,
    organic_per_month: float = 15,
    months: int = 12,
    runs: int = 500,
    seed: int = 1,
    engaged_from_list: float = _b.ENGAGED_FROM_LIST,
    engaged_organic: float = _b.ENGAGED_ORGANIC,
) -> pd.DataFrame:
    """Both strategies over the same seeds: one row per case, run and month. The rates it was
    given ride along in ``attrs["rates"]``, for the chart to state."""
    invite = _b.seed_growth(
        list_size,
        conversion,
        organic_per_month,
        months,
        runs,
        seed,
        engaged_from_list=engaged_from_list,
        engaged_organic=engaged_organic,
    )
    alone = _b.seed_growth(
        0,
        0.0,
        organic_per_month,
        months,
        runs,
        seed,
        engaged_from_list=engaged_from_list,
        engaged_organic=engaged_organic,
    )
    both = pd.concat([invite.assign(case=INVITE), alone.assign(case=ORGANIC)], ignore_index=True)
    both.attrs["rates"] = {
        "conversion": conversion,
        "engaged_from_list": engaged_from_list,
        "engaged_organic": engaged_organic,
    }
    return both


def _rates_said(runs: pd.DataFrame) -> str:
    r = runs.attrs.get("rates")
    if not r:
        return "Conversion and engagement rates are guesses, not measurements"
    return (
        f"Guesses, not measurements: {pct(r['conversion'])} of the list follow; {pct(r['engaged_from_list'])} "
        f"of them engage, {pct(r['engaged_organic'])} of strangers"
    )


def seeding_chart(runs: pd.DataFrame, target: int = 50):
    """Engaged followers month by month: the middle of 500 runs and the 90% spread, per case."""
    fan = pd.concat([_fan(g, c) for c, g in runs.groupby("case")], ignore_index=True)
    colours = alt.Scale(domain=[INVITE, ORGANIC], range=[PALETTE[0], PALETTE[1]])
    area = (
        alt.Chart(fan)
        .mark_area(opacity=0.25)
        .encode(
            x=alt.X("month:Q", title="Months since starting"),
            y=alt.Y("low:Q", title="Engaged followers"),
            y2="high:Q",
            color=alt.Color("case:N", title=None, scale=colours),
        )
    )
    mid = (
        alt.Chart(fan)
        .mark_line(strokeWidth=3)
        .encode(
            x=alt.X("month:Q", title=None), y=alt.Y("median:Q", title=None), color=alt.Color("case:N", scale=colours)
        )
    )
    goal = (
        alt.Chart(pd.DataFrame({"y": [target]}))
        .mark_rule(strokeDash=[6, 4], color="#555")
        .encode(y=alt.Y("y:Q", title=None))
    )
    reach = {c: _b.months_to(g, target) for c, g in runs.groupby("case")}

    def when(c):  # the median over every run: a run that never gets there counts as later than all
        m = reach[c]
        return "not in a year" if m.isna().mean() > 0.5 else f"month {m.fillna(float('inf')).median():.0f}"

    return finish(
        (area + mid + goal).properties(width=520, height=300),
        title=f"{target} engaged: {when(INVITE)} with the list, {when(ORGANIC)} without",
        subtitle=["Lines: the middle of 500 runs; bands: 90% of runs. Dashed: the target", _rates_said(runs)],
        description=(
            f"Line and band chart of engaged followers month by month over 500 simulated runs, "
            f"inviting an existing contact list against organic growth only. The target of "
            f"{target} engaged followers is reached in {when(INVITE)} (median) with the list and "
            f"{when(ORGANIC)} without. {_rates_said(runs)}: every rate is an assumption of the "
            f"simulation."
        ),
    )


def seeding_explorer():
    """Your list, its conversion, organic growth, how many of each engage and a target: months to
    get there, as a spread."""
    style = {"description_width": "initial"}
    wide = W.Layout(width="460px")
    size = W.IntSlider(
        value=400,
        min=0,
        max=5000,
        step=50,
        description="Contacts on your list",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    conv = W.FloatSlider(
        value=0.2,
        min=0.0,
        max=0.6,
        step=0.05,
        readout_format=".0%",
        description="Share who follow when invited",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    organic = W.IntSlider(
        value=15,
        min=0,
        max=200,
        step=5,
        description="Strangers following a month",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    target = W.IntSlider(
        value=50,
        min=10,
        max=1000,
        step=10,
        description="Target engaged followers",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    known = W.FloatSlider(
        value=_b.ENGAGED_FROM_LIST,
        min=0.0,
        max=1.0,
        step=0.05,
        readout_format=".0%",
        description="Share of list followers who engage",
        style=style,
        layout=wide,
        continuous_update=False,
    )
    strangers = W.FloatSlider(
        value=_b.ENGAGED_ORGANIC,
        min=0.0,
        max=0.5,
        step=0.05,
        readout_format=".0%",
        description="Share of strangers who engage",
        style=style,
        layout=wide,
        continuous_update=False,
    )

    def chart():
        runs = seeding_runs(
            size.value, conv.value, organic.value, engaged_from_list=known.value, engaged_organic=strangers.value
        )
        return seeding_chart(runs, target.value)

    view = LiveChart(chart())

    def redraw(_=None):
        view.chart = chart()

    controls = (size, conv, organic, known, strangers, target)
    for w in controls:
        w.observe(redraw, names="value")
    return W.VBox([*controls, view])


# --------------------------------------------------------------------------- 3. quality versus volume

TEAM_COLOURS = dict(zip(("owner alone", "two or three people", "a marketing person"), PALETTE[:3]))


def volume_chart(accounts: pd.DataFrame):
    """Posts per week against growth, coloured by who runs the account."""
    data = accounts.assign(growth=_b.growth(accounts))[["handle", "team", "posts_per_week", "growth"]]
    raw = _b.volume_correlation(accounts)
    inside = _b.within_groups(accounts)
    chart = (
        alt.Chart(data)
        .mark_point(filled=True, opacity=0.6)
        .encode(
            x=alt.X("posts_per_week:Q", title="Posts per week (log scale)", scale=alt.Scale(type="log")),
            y=alt.Y("growth:Q", title="Follower growth in the year", axis=alt.Axis(format="%")),
            color=alt.Color(
                "team:N",
                title="Who runs it",
                sort=list(TEAM_COLOURS),
                scale=alt.Scale(domain=list(TEAM_COLOURS), range=list(TEAM_COLOURS.values())),
            ),
            shape=alt.Shape("team:N", title="Who runs it", sort=list(TEAM_COLOURS)),
            tooltip=["handle", "team", "posts_per_week", alt.Tooltip("growth:Q", format=".0%")],
        )
        .properties(width=520, height=320)
    )
    return finish(
        chart,
        title=f"Posting more goes with growth ({raw:.2f}), but not inside a team",
        subtitle=[
            f"Inside each team: {inside.min():.2f} to {inside.max():.2f}. Busier teams post more and reply more",
            "Built in: volume has no effect of its own here (volume_effect = 0)",
        ],
        description=(
            f"Scatter plot of {len(data)} synthetic accounts: posts per week (x, log scale) against "
            f"a year's follower growth (y), coloured by who runs the account. Across all accounts "
            f"the correlation is {raw:.2f}; inside each kind of team it is between {inside.min():.2f} "
            f"and {inside.max():.2f}. The generator gave volume no effect of its own and made "
            f"bigger teams post more and reply more."
        ),
    )


def effects_chart(accounts: pd.DataFrame):
    """Median growth in the lowest and highest third of each content, behaviour and network share."""
    rows = []
    names = {
        "informational_share": ("informational posts", "content"),
        "self_share": ("posts about itself", "content"),
        "reply_share": ("replies and mentions", "behaviour"),
        "broadcast_share": ("links and nothing else", "behaviour"),
        "mutual_share": ("follows returned", "network"),
        "posts_per_week": ("posts per week (raw: see part 3)", "volume"),
    }
    for col, (label, group) in names.items():
        med = _b.growth_by_band(accounts, col)
        rows.append({"measure": label, "group": group, "difference": float(med.iloc[-1] - med.iloc[0])})
    data = pd.DataFrame(rows)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("measure:N", title=None, sort=list(data["measure"]), axis=alt.Axis(labelLimit=240)),
            x=alt.X("difference:Q", title="Median growth: highest third minus lowest third", axis=alt.Axis(format="%")),
            color=alt.Color(
                "group:N",
                title="Kind",
                scale=alt.Scale(
                    domain=["content", "behaviour", "network", "volume"],
                    range=[PALETTE[0], PALETTE[2], PALETTE[4], "#999999"],
                ),
            ),
            tooltip=["measure", "group", alt.Tooltip("difference:Q", format=".0%")],
        )
        .properties(width=440, height=240)
    )
    return finish(
        chart,
        title="What an account posts and how it talks move growth",
        subtitle=[
            "Built in, after Hutto, Yardi and Gilbert (CHI 2013): content, behaviour and network",
            "matter about equally; the sizes are ours (growth_effects)",
            "The bars overlap: links and nothing else are built from posts about itself and few replies",
        ],
        description=(
            "Bar chart of the difference in median follower growth between the highest and the "
            "lowest third of accounts on six measures: informational posts, posts about itself, "
            "replies and mentions, link-only posts, follows returned, and posts per week. The "
            "synthetic generator made these effects, after Hutto, Yardi and Gilbert (CHI 2013). "
            "The measures overlap: the generator builds link-only posts from posts about itself "
            "and from not replying, so that bar carries part of those two effects."
        ),
    )


# --------------------------------------------------------------------------- 4. persistence


def survival_chart(months: pd.DataFrame, newcomers: pd.DataFrame | None = None):
    """Share of newcomers still posting by month, beside Nielsen's month-one figure."""
    s = _b.survival(months).rename("share").reset_index()
    one = float(s.loc[s["month"] == 1, "share"].iloc[0])
    line = (
        alt.Chart(s)
        .mark_line(point=True, strokeWidth=3, color=PALETTE[0])
        .encode(
            x=alt.X("month:O", title="Months since joining (0 = the month they joined)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "share:Q",
                title="Share of newcomers still posting",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=["month", alt.Tooltip("share:Q", format=".0%")],
        )
    )
    nielsen = alt.Chart(
        pd.DataFrame({"month": [1], "share": [NIELSEN_RETURN], "text": ["Nielsen 2009: ~40% came back the next month"]})
    )
    mark = nielsen.mark_point(shape="diamond", size=220, filled=True, color=PALETTE[1]).encode(
        x=alt.X("month:O", title=None), y=alt.Y("share:Q", title=None)
    )
    label = nielsen.mark_text(align="left", dx=12, dy=-12, color="#333").encode(
        x=alt.X("month:O", title=None), y=alt.Y("share:Q", title=None), text="text:N"
    )
    week = "" if newcomers is None else f"; {pct(_b.quit_within(newcomers))} stopped in week one (our assumption)"
    return finish(
        (line + mark + label).properties(width=520, height=300),
        title=f"{pct(one)} of newcomers posted again in their second month",
        subtitle=[
            f"Tuned to Nielsen's month-to-month figure{week}",
            "The later months and the first month's shape are the kit's assumptions",
        ],
        description=(
            f"Line chart of the share of synthetic newcomers still posting in each month since "
            f"joining: {pct(one)} in month 1, falling after. A diamond marks about 40%, Nielsen's "
            f"(NielsenWire 2009) share of US Twitter users who returned the following month. The "
            f"generator was tuned to that figure, so the match is no evidence."
        ),
    )
