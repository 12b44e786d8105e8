"""Charts and explorers for workshop 02 (quality of followers). Logic lives in ``kit.followers``,
which this module binds privately (``_fk``): nothing public here returns an exercise's answer."""

from __future__ import annotations

import altair as alt
import ipywidgets as W
import pandas as pd

from .. import followers as _fk
from ..data import load
from ..social import rank_correlation
from .live import LiveChart
from .theme import PALETTE, either, finish
from .words import about, pct

CATEGORY_COLOURS = dict(zip(("local business", "individual", "national brand", "celebrity", "media"), PALETTE[:5]))
_CATEGORY = alt.Color(
    "category:N",
    title="Kind of account",
    scale=alt.Scale(domain=list(CATEGORY_COLOURS), range=list(CATEGORY_COLOURS.values())),
)
_CATEGORY_SHAPE = alt.Shape("category:N", title="Kind of account", scale=alt.Scale(domain=list(CATEGORY_COLOURS)))
MIX_COLOURS = {
    "local and interested": "#009E73",
    "local, not interested": "#56B4E9",
    "interested, elsewhere": "#E69F00",
    "neither": "#999999",
}
MEASURES = {
    "engagement_rate": ("Engagement per post per follower (log scale)", ".2%"),
    "retweets_received": ("Retweets received in 90 days (log scale)", ",d"),
    "mentions_received": ("Mentions received in 90 days (log scale)", ",d"),
}
SELECTION = "picked"
BAR_WIDTH = 420  # horizontal bars with long labels: label + plot + legend fit a notebook's width
FUNNEL_COLOURS = (PALETTE[2], PALETTE[1])  # green: the few engaged; orange: the big audience


def _stats(stats: pd.DataFrame | None = None) -> pd.DataFrame:
    s = (stats if stats is not None else load("account_stats")).copy()
    if "handle" not in s.columns:
        s = s.reset_index()
    s["engagement_rate"] = _fk.engagement_rate(s).to_numpy()
    return s


def _names(sample_accounts: pd.DataFrame) -> dict:
    """handle -> 'handle (n followers)' labels for the sample accounts."""
    return {h: f"{h} ({n:,} followers)" for h, n in zip(sample_accounts["handle"], sample_accounts["followers_count"])}


# --------------------------------------------------------------------------- counts vs influence


def engagement_chart(stats: pd.DataFrame | None = None, measure: str = "engagement_rate"):
    """Followers against engagement rate (or retweets, or mentions); click points to pick accounts."""
    s = _stats(stats)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}")
    y_title, fmt = MEASURES[measure]
    plot = s[s[measure] > 0] if measure != "engagement_rate" else s
    rho = rank_correlation(s["followers"], s[measure])
    if measure == "engagement_rate":
        small = s.loc[s["followers"] < 1000, measure].median()
        big = s.loc[s["followers"] >= 100_000, measure].median()
        title = (
            "Engagement per follower falls as audiences grow"
            if rho < 0
            else "Engagement per follower does not fall with audience here"
        )
        first = f"Median rate: {small:.1%} under 1,000 followers, {big:.2%} over 100,000"
    else:
        word = {"retweets_received": "retweets", "mentions_received": "mentions"}[measure]
        strength = "weak" if abs(rho) < 0.6 else "fair"
        title = f"Follower count is a {strength} guide to {word} received"
        first = f"Rank correlation between followers and {word}: {rho:.2f}"
        if len(plot) < len(s):
            first += f"; {len(s) - len(plot)} with none left off (log scale)"
    pick = alt.selection_point(name=SELECTION, fields=["handle"], on="click", toggle="true", empty=False)
    chart = (
        alt.Chart(plot)
        .mark_point(filled=True)
        .encode(
            x=alt.X("followers:Q", title="Followers (log scale)", scale=alt.Scale(type="log")),
            y=alt.Y(
                f"{measure}:Q",
                title=y_title,
                scale=alt.Scale(type="log"),
                axis=alt.Axis(format="~%" if measure == "engagement_rate" else "~s"),
            ),
            color=_CATEGORY,
            shape=_CATEGORY_SHAPE,
            size=either(alt.SizeValue, pick, 400, 90),
            opacity=either(alt.OpacityValue, pick, 1.0, 0.65),
            tooltip=[
                "handle",
                "category",
                alt.Tooltip("followers:Q", format=","),
                alt.Tooltip(f"{measure}:Q", format=fmt),
            ],
        )
        .add_params(pick)
    )
    return finish(
        chart,
        title=title,
        subtitle=[first, f"{len(s)} accounts, 90 days (synthetic). Click points; shift-click for more"],
        description=(
            f"Scatter plot of {len(plot)} accounts: followers (x, log scale) against "
            f"{y_title.replace(' (log scale)', '').lower()} (y, log scale), coloured by kind of "
            f"account. The rank correlation between the two is {rho:.2f}."
            + (
                f" {len(s) - len(plot)} accounts with none are left off: a log scale has no 0."
                if len(plot) < len(s)
                else ""
            )
        ),
    )


def _table(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "<p><em>Click a point in the chart to list that account here; shift-click to add more.</em></p>"
    cols = [
        "handle",
        "category",
        "followers",
        "posts_90d",
        "likes_received",
        "retweets_received",
        "replies_received",
        "mentions_received",
        "engagement_rate",
    ]
    t = rows[cols].rename(
        columns={
            "posts_90d": "posts",
            "likes_received": "likes",
            "retweets_received": "retweets",
            "replies_received": "replies",
            "mentions_received": "mentions",
            "engagement_rate": "engagement rate",
        }
    )
    return t.to_html(
        index=False,
        border=0,
        classes="kit-table",
        escape=True,
        formatters={"engagement rate": lambda v: f"{v:.3%}", "followers": lambda v: f"{v:,}"},
    )


def engagement_explorer(stats: pd.DataFrame | None = None):
    """The scatter as a widget: click accounts in the chart to see their rows in Python.

    ``box.picked`` holds the handles currently selected (a list), for use in later cells.
    """
    s = _stats(stats)
    choose = W.Dropdown(
        options=[
            ("engagement rate", "engagement_rate"),
            ("retweets received", "retweets_received"),
            ("mentions received", "mentions_received"),
        ],
        value="engagement_rate",
        description="Up the side:",
        style={"description_width": "initial"},
    )
    table = W.HTML(_table(s.iloc[:0]))
    jchart = LiveChart(engagement_chart(s, choose.value))
    box = W.VBox([choose, jchart, table])
    box.picked = []

    def on_pick(change):
        selection = change["new"]
        handles = [v.get("handle") for v in (selection.value or []) if isinstance(v, dict)]
        box.picked = handles
        table.value = _table(s[s["handle"].isin(handles)])

    def watch(_=None):  # a new chart brings a new selections object: watch that one
        jchart.selections.observe(on_pick, [SELECTION])
        box.picked = []
        table.value = _table(s.iloc[:0])

    def redraw(change):
        jchart.chart = engagement_chart(s, change["new"])

    jchart.observe(watch, names="chart")
    choose.observe(redraw, names="value")
    watch()
    return box


def influence_chart(stats: pd.DataFrame | None = None, k: int = 20):
    """Followers against retweets received, marking who is in each top-k list."""
    s = _stats(stats).set_index("handle")
    top_f = set(s.nlargest(k, "followers").index)
    top_r = set(s.nlargest(k, "retweets_received").index)
    groups = {
        "both": "in both top lists",
        "f": f"top {k} by followers only",
        "r": f"top {k} by retweets only",
        "n": "neither",
    }
    s["list"] = [
        groups["both"]
        if h in top_f and h in top_r
        else groups["f"]
        if h in top_f
        else groups["r"]
        if h in top_r
        else groups["n"]
        for h in s.index
    ]
    both = len(top_f & top_r)
    rho = rank_correlation(s["followers"], s["retweets_received"])
    data = s[s["retweets_received"] > 0].reset_index()
    order = list(groups.values())
    chart = (
        alt.Chart(data)
        .mark_point(filled=True)
        .encode(
            x=alt.X("followers:Q", title="Followers (log scale)", scale=alt.Scale(type="log")),
            y=alt.Y(
                "retweets_received:Q", title="Retweets received in 90 days (log scale)", scale=alt.Scale(type="log")
            ),
            color=alt.Color(
                "list:N",
                title="Which top list",
                sort=order,
                legend=alt.Legend(labelLimit=400),
                scale=alt.Scale(domain=order, range=["#D55E00", "#0072B2", "#E69F00", "#BBBBBB"]),
            ),
            shape=alt.Shape("list:N", title="Which top list", sort=order, scale=alt.Scale(domain=order)),
            tooltip=["handle", "category", alt.Tooltip("followers:Q", format=","), "retweets_received"],
        )
    )
    verb = "is" if both == 1 else "are"
    left_off = len(s) - len(data)
    return finish(
        chart,
        title=f"{both} of the top {k} by followers {verb} in the top {k} by retweets",
        subtitle=[
            f"Rank correlation between followers and retweets: {rho:.2f} (synthetic data)",
            f"{len(data)} of {len(s)} accounts shown: a log scale has no 0, so the {left_off} "
            "with no retweets are left off",
        ]
        if left_off
        else f"Rank correlation between followers and retweets: {rho:.2f} (synthetic data)",
        description=(
            f"Scatter plot of {len(data)} accounts: followers (x, log scale) against retweets "
            f"received in 90 days (y, log scale)"
            + (f"; the {left_off} accounts with no retweets are left off, as a log scale has no 0" if left_off else "")
            + f". {both} accounts are in both the top {k} by followers and the top {k} by "
            f"retweets; the rank correlation is {rho:.2f}."
        ),
    )


# --------------------------------------------------------------------------- who the followers are


def reach_chart(followers: pd.DataFrame, sample_accounts: pd.DataFrame):
    """Each sample account's followers split by where they are and whether they are interested."""
    mix = _fk.audience_mix(followers)
    share = _fk.reach_share(followers).sort_values(ascending=False)
    label = _names(sample_accounts)
    mix["label"] = mix["account"].map(label)
    order = [label[h] for h in share.index]
    groups = list(MIX_COLOURS)
    mix["order"] = mix["group"].map({g: i for i, g in enumerate(groups)})
    chart = (
        alt.Chart(mix)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=400)),
            x=alt.X("share:Q", title="Share of followers", axis=alt.Axis(format="%"), stack="normalize"),
            color=alt.Color(
                "group:N",
                title="Followers who are",
                sort=groups,
                legend=alt.Legend(labelLimit=400, columns=2),
                scale=alt.Scale(domain=groups, range=list(MIX_COLOURS.values())),
            ),
            order=alt.Order("order:Q"),
            tooltip=["account", "group", alt.Tooltip("share:Q", format=".0%"), "followers"],
        )
        .properties(height=300, width=BAR_WIDTH)
    )
    best, worst = share.index[0], share.index[-1]
    return finish(
        chart,
        title=f"{best}: {pct(share[best])} within reach; {worst}: {pct(share[worst])}",
        subtitle="Within reach = local and interested (interest match at least 0.5); synthetic data",
        description=(
            "Stacked bar chart, one bar per sample account, splitting its followers into "
            "local and interested, local but not interested, interested but elsewhere, and "
            "neither. Shares within reach: " + "; ".join(f"{h} {pct(v)}" for h, v in share.items()) + "."
        ),
    )


def new_followers_chart(followers: pd.DataFrame, sample_accounts: pd.DataFrame):
    """New followers per day over the 90 days, one panel per account (each with its own scale).

    Only real spikes (:func:`kit.followers.bursts`: ten times the account's usual pace or more) are
    reported as bursts; every account has a busiest few days by chance.
    """
    daily = _fk.new_followers_per_day(followers, sample_accounts)
    busiest = _fk.biggest_burst(followers, sample_accounts)
    spikes = _fk.bursts_among(busiest)
    label = _names(sample_accounts)
    daily["label"] = daily["account"].map(label)
    rest = sample_accounts[~sample_accounts["handle"].isin(spikes.index)].sort_values(
        "followers_count", ascending=False
    )
    order = [label[h] for h in list(spikes.index) + list(rest["handle"])]  # bursts first, then the rest
    role = sample_accounts.set_index("handle")["role"]
    sampled = sample_accounts.loc[sample_accounts["followers_count"] > sample_accounts["followers_in_sample"], "handle"]
    if len(spikes):
        title = "4-day bursts: " + ", ".join(
            f"~{about(r.new_followers)} for a {role[h]}" for h, r in spikes.head(2).iterrows()
        )
        who = "Bursts: " + ", ".join(f"{h} ({role[h]})" for h in spikes.index)
    else:
        title = "No account had a burst of new followers"
        who = "No account's busiest 4 days were 10 times its usual pace"
    calm = busiest.drop(spikes.index)
    chart = (
        alt.Chart(daily)
        .mark_area(line=True, opacity=0.6, color=PALETTE[0])
        .encode(
            x=alt.X("day:T", title="Day (the 90-day window)", axis=alt.Axis(format="%d %b")),
            y=alt.Y("new_followers:Q", title=None, axis=alt.Axis(format="~s", tickCount=2)),
            tooltip=["account", alt.Tooltip("day:T", format="%d %b"), alt.Tooltip("new_followers:Q", format=",.0f")],
        )
        .properties(width=600, height=42)
        .facet(
            spacing=6,
            row=alt.Row(
                "label:N",
                title=None,
                sort=order,
                header=alt.Header(
                    labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top", labelFontSize=14
                ),
            ),
        )
        .resolve_scale(y="independent")
    )
    return finish(
        chart,
        title=title,
        subtitle=[who, "New followers per day; each panel has its own scale (synthetic data)"],
        description=(
            "Small multiples of new followers per day over 90 days, one panel per sample "
            "account, each with its own vertical scale"
            + (f" ({', '.join(sampled)} scaled up from samples)" if len(sampled) else "")
            + ". Bursts, ten times the usual pace or more: "
            + (
                "; ".join(
                    f"{h} {r.new_followers:,.0f} new followers in 4 days from {r.starting:%d %b}, "
                    f"{r.times_usual:,.0f} times its usual"
                    for h, r in spikes.iterrows()
                )
                or "none"
            )
            + (
                ". Every other account's busiest 4 days were at most "
                f"{calm['times_usual'].max():.0f} times its usual pace."
                if len(calm)
                else "."
            )
        ),
    )


def quality_chart(followers: pd.DataFrame, sample_accounts: pd.DataFrame, weights: dict | None = None):
    """Average follower quality per account under the given weights, with follower counts."""
    q = _fk.account_quality(followers, weights)
    label = _names(sample_accounts)
    q["label"] = q.index.map(label)
    q = q.reset_index()
    order = list(q["label"])
    most = sample_accounts.sort_values("followers_count", ascending=False)["handle"].iloc[0]
    rank = list(q["account"]).index(most) + 1
    bars = (
        alt.Chart(q)
        .mark_bar(color=PALETTE[2])
        .encode(
            y=alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=400)),
            x=alt.X(
                "mean_quality:Q",
                title="Average quality score of followers (0 to 1)",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".1f", values=[0, 0.2, 0.4, 0.6, 0.8, 1]),
            ),
            tooltip=[
                "account",
                alt.Tooltip("mean_quality:Q", format=".2f"),
                alt.Tooltip("high_quality_share:Q", format=".0%", title="share scoring 0.5+"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=5, color="black").encode(text=alt.Text("mean_quality:Q", format=".2f"))
    w = dict(_fk.DEFAULT_WEIGHTS, **(weights or {}))
    weights_text = ", ".join(f"{k.replace('_', ' ')} {v:g}" for k, v in w.items())
    best = q["account"].iloc[0]
    nth = {1: "1st", 2: "2nd", 3: "3rd"}.get(rank, f"{rank}th")
    return finish(
        (bars + text).properties(height=300, width=BAR_WIDTH),
        title=f"Best followers: {best}. Biggest account: {nth} of {len(q)}",
        subtitle="Weights: " + weights_text,
        description=(
            "Bar chart of the average quality score of each sample account's followers "
            "(0 to 1) under weights "
            + weights_text
            + ". "
            + "; ".join(f"{a} {m:.2f}" for a, m in zip(q["account"], q["mean_quality"]))
            + "."
        ),
    )


def weights_explorer(followers: pd.DataFrame | None = None, sample_accounts: pd.DataFrame | None = None):
    """Sliders for the quality-score weights; the chart re-ranks the accounts as you move them."""
    f = followers if followers is not None else load("followers")
    sa = sample_accounts if sample_accounts is not None else load("sample_accounts")
    sliders = {
        name: W.FloatSlider(
            value=v,
            min=0,
            max=5,
            step=0.5,
            description=name.replace("_", " "),
            continuous_update=False,
            style={"description_width": "110px"},
            layout=W.Layout(width="340px"),
        )
        for name, v in _fk.DEFAULT_WEIGHTS.items()
    }
    jchart = LiveChart(quality_chart(f, sa))
    note = W.HTML()

    def redraw(_=None):
        weights = {k: s.value for k, s in sliders.items()}
        if sum(weights.values()) == 0:
            note.value = "<p><em>All weights are 0: give at least one feature a weight.</em></p>"
            return
        note.value = ""
        jchart.chart = quality_chart(f, sa, weights)

    for s in sliders.values():
        s.observe(redraw, names="value")
    reset = W.Button(description="Back to the defaults", icon="undo", layout=W.Layout(width="auto"))

    def on_reset(_):
        for k, s in sliders.items():
            s.value = _fk.DEFAULT_WEIGHTS[k]

    reset.on_click(on_reset)
    items = list(sliders.values())
    grid = W.HBox([W.VBox(items[:3]), W.VBox(items[3:])])
    box = W.VBox([grid, W.HBox([reset]), note, jchart])  # in an HBox the button keeps its label's width
    box.sliders, box.jchart, box.reset = sliders, jchart, reset
    return box


def quality_pays_chart(table: pd.DataFrame):
    """Enquiries per follower in each band of the quality score."""
    t = table.reset_index()
    t["label"] = t["quality"].astype(str)
    lo, hi = t["enquiry_rate"].iloc[0], t["enquiry_rate"].iloc[-1]
    top, bottom = t["label"].iloc[-1], t["label"].iloc[0]
    under = bottom.split("–")[-1]
    finding = (
        f"{pct(hi)} of followers scoring {top} enquired, {lo:.1%} under {under}"
        if lo > 0
        else f"{pct(hi)} of followers scoring {top} enquired, none under {under}"
    )
    bars = (
        alt.Chart(t)
        .mark_bar(color=PALETTE[0])
        .encode(
            x=alt.X(
                "label:N", title="Quality score of the follower", sort=list(t["label"]), axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y("enquiry_rate:Q", title="Share who enquired in 90 days", axis=alt.Axis(format="%")),
            tooltip=["label", "followers", "enquiries", alt.Tooltip("enquiry_rate:Q", format=".1%")],
        )
    )
    text = bars.mark_text(dy=-10, color="black").encode(text=alt.Text("enquiry_rate:Q", format=".1%"))
    return finish(
        (bars + text).properties(height=280, width=560),
        title=finding,
        subtitle=[
            "Followers of the five small businesses, default weights (synthetic data)",
            "Partly circular: the score includes the replies and clicks behind enquiries",
        ],
        description=(
            "Bar chart of the share of followers who enquired in 90 days, by band of quality "
            "score: "
            + "; ".join(f"{a}: {r:.1%} of {n:,}" for a, r, n in zip(t["label"], t["enquiry_rate"], t["followers"]))
            + "."
        ),
    )


# --------------------------------------------------------------------------- fake followers


def rules_chart(table: pd.DataFrame):
    """Precision and recall of several fake-follower rules, side by side."""
    t = table.reset_index().melt(
        id_vars=["rule", "flagged"], value_vars=["precision", "recall"], var_name="measure", value_name="value"
    )
    first = table.iloc[0]
    chart = (
        alt.Chart(t)
        .mark_bar()
        .encode(
            y=alt.Y("rule:N", title=None, sort=list(table.index), axis=alt.Axis(labelLimit=400)),
            yOffset=alt.YOffset("measure:N", sort=["precision", "recall"]),
            x=alt.X(
                "value:Q",
                title="Precision: flags that are right. Recall: bots caught",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "measure:N",
                title="Measure",
                sort=["precision", "recall"],
                scale=alt.Scale(domain=["precision", "recall"], range=[PALETTE[0], PALETTE[1]]),
            ),
            tooltip=["rule", "measure", alt.Tooltip("value:Q", format=".0%"), "flagged"],
        )
        .properties(height=alt.Step(16), width=BAR_WIDTH)
    )
    return finish(
        chart,
        title=(f"First rule: {pct(first['precision'])} of its flags are bots; it catches {pct(first['recall'])}"),
        subtitle=[f"First rule: \u201c{table.index[0]}\u201d", "Scored against the answer key (synthetic data)"],
        description=(
            "Bar chart of precision and recall for each fake-follower rule: "
            + "; ".join(
                f"{r}: precision {pct(p)}, recall {pct(c)}, {n:,} flagged"
                for r, p, c, n in zip(table.index, table["precision"], table["recall"], table["flagged"])
            )
            + "."
        ),
    )


# --------------------------------------------------------------------------- the funnel


def funnel_chart(sims: pd.DataFrame, cap: int = 8):
    """How often each number of enquiries happens, for two simulated audiences."""
    a, b = sims.columns[:2]
    long = sims[[a, b]].clip(upper=cap).melt(var_name="audience", value_name="enquiries")
    dist = long.groupby(["audience", "enquiries"]).size().rename("runs").reset_index()
    dist["share"] = dist["runs"] / len(sims)
    dist["label"] = dist["enquiries"].map(lambda k: f"{k}+" if k == cap else str(k))
    order = [f"{k}+" if k == cap else str(k) for k in range(cap + 1)]
    b_wins = float((sims[b] > sims[a]).mean())
    a_wins = float((sims[a] > sims[b]).mean())
    tie = 1 - a_wins - b_wins
    chart = (
        alt.Chart(dist)
        .mark_bar()
        .encode(
            x=alt.X("label:N", title="Enquiries in 90 days", sort=order, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("audience:N", sort=[a, b]),
            y=alt.Y("share:Q", title="Share of simulated quarters", axis=alt.Axis(format="%")),
            color=alt.Color(
                "audience:N",
                title="Audience",
                sort=[a, b],
                legend=alt.Legend(labelLimit=400),
                scale=alt.Scale(domain=[a, b], range=list(FUNNEL_COLOURS)),
            ),
            tooltip=["audience", "label", alt.Tooltip("share:Q", format=".1%")],
        )
    )
    return finish(
        chart,
        title=f"{b} won {pct(b_wins)} of quarters, {a} {pct(a_wins)}",
        subtitle=(
            f"Tie {pct(tie)}. {len(sims):,} simulated quarters; average enquiries "
            f"{sims[a].mean():.2f} against {sims[b].mean():.2f}"
        ),
        description=(
            f"Side-by-side bar chart of how often each number of enquiries happened in "
            f"{len(sims):,} simulated quarters for {a} (average {sims[a].mean():.2f}) and {b} "
            f"(average {sims[b].mean():.2f}). {b} got more enquiries in {pct(b_wins)} of "
            f"quarters, {a} in {pct(a_wins)}, and they tied in {pct(tie)}."
        ),
    )


def funnel_explorer(
    engaged_rates, engaged_n: int = 10, weak_rates=None, runs: int = _fk.FUNNEL_RUNS, seed: int = _fk.FUNNEL_SEED
):
    """Sliders for a big, weakly interested audience's size and rates against a few engaged followers.

    With the default sliders it draws exactly the workshop's static funnel chart (same runs, same seed).
    """
    weak = dict(weak_rates or _fk.WEAK_RATES)
    engaged = {k: float(engaged_rates[k]) for k in _fk.FUNNEL_STAGES}
    common = dict(continuous_update=False, style={"description_width": "110px"}, layout=W.Layout(width="440px"))
    size = W.SelectionSlider(
        options=[(f"{n:,}", n) for n in (100, 300, 1_000, 3_000, 10_000, 30_000, 100_000)],
        value=10_000,
        description="Big audience",
        **common,
    )
    know = W.FloatSlider(
        value=weak["know"], min=0.01, max=0.5, step=0.01, description="know", readout_format=".0%", **common
    )
    like = W.FloatSlider(
        value=weak["like"], min=0.01, max=1.0, step=0.01, description="like", readout_format=".0%", **common
    )
    trust = W.SelectionSlider(
        options=[(f"{p:.2%}".replace(".00%", "%"), p) for p in (0.0, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05)],
        value=weak["trust"],
        description="trust",
        **common,
    )
    doubt = W.Checkbox(
        value=False,
        description="Rates are uncertain (measured on about 50 people)",
        indent=False,
        layout=W.Layout(width="auto"),
    )

    def sims():
        audiences = {
            f"{engaged_n} engaged": (engaged_n, engaged),
            f"{size.value:,} weakly interested": (
                size.value,
                {"know": know.value, "like": like.value, "trust": trust.value},
            ),
        }
        return _fk.compare_audiences(audiences, runs=runs, seed=seed, certainty=50 if doubt.value else None)

    jchart = LiveChart(funnel_chart(sims()))

    def redraw(_=None):
        jchart.chart = funnel_chart(sims())

    for w in (size, know, like, trust, doubt):
        w.observe(redraw, names="value")
    green, orange = FUNNEL_COLOURS
    intro = W.HTML(
        f'<p><span style="color:{green}">&#9632;</span> <b>Green bars</b>: {engaged_n} engaged followers at '
        f"the rates measured in our town (know {pct(engaged['know'])}, like {pct(engaged['like'])}, trust "
        f'{pct(engaged["trust"])}).<br><span style="color:{orange}">&#9632;</span> <b>Orange bars</b>: '
        "the big audience you set with these sliders.</p>"
    )
    box = W.VBox([intro, size, know, like, trust, doubt, jchart])
    box.jchart = jchart
    box.controls = dict(size=size, know=know, like=like, trust=trust, doubt=doubt)
    return box


def selected_rows(box) -> pd.DataFrame:
    """The account_stats rows of the accounts picked in an :func:`engagement_explorer`."""
    s = _stats()
    return s[s["handle"].isin(getattr(box, "picked", []))]


__all__ = [
    "engagement_chart",
    "engagement_explorer",
    "influence_chart",
    "reach_chart",
    "new_followers_chart",
    "quality_chart",
    "weights_explorer",
    "quality_pays_chart",
    "rules_chart",
    "funnel_chart",
    "funnel_explorer",
    "selected_rows",
]
