"""Charts and explorers for workshop 01 (social, not media). Logic lives in ``kit.social``.

The notebook imports this module as ``charts`` in its setup cell, before any exercise, so it
binds the topic module privately (``_social``): nothing public here returns an exercise's answer.
"""

from __future__ import annotations

import altair as alt
import ipywidgets as W
import pandas as pd

from .. import social as _social
from ..data import load
from ..scenario import load_scenario
from .live import LiveChart
from .theme import STYLE_COLOURS, finish
from .words import pct

_STYLE = alt.Color(
    "style:N", title="Post style", scale=alt.Scale(domain=list(STYLE_COLOURS), range=list(STYLE_COLOURS.values()))
)


def hour_rhythm_chart(posts: pd.DataFrame):
    """Posts per five minutes of the hashtag hour, conversation versus broadcast."""
    s = load_scenario()
    ppm = _social.posts_per_minute(posts, s)
    share = float((_social.classify_posts(_social.hour_posts(posts, s)) == "broadcast").mean())
    chart = (
        alt.Chart(ppm)
        .mark_bar()
        .encode(
            x=alt.X("minute:O", title=f"Minutes after {s.start:%H:%M} (5-minute slots)"),
            y=alt.Y("posts_per_week:Q", title="Posts per evening (average)", stack="zero"),
            color=_STYLE,
            tooltip=["minute", "style", alt.Tooltip("posts_per_week:Q", format=".1f")],
        )
        .properties(width=620)
    )
    return finish(
        chart,
        title=f"{pct(share)} of the posts made during the hour are broadcasts",
        subtitle="Blue posts talk to someone; orange posts talk to no one in particular",
        description=(
            f"Bar chart of posts per five-minute slot of the {s.hashtag} hour, averaged over "
            f"{s.weeks} weeks and split into conversation and broadcast. {pct(share)} of the "
            f"posts made during the hour are broadcasts."
        ),
    )


def _assumption(scenario, name: str, default: float) -> float:
    """A built-in pattern's size in this scenario (the assumptions register's default if unset)."""
    try:
        return float(scenario.assumption(name))
    except AttributeError:  # a scenario object from before the assumptions register
        return default


def conversation_pays_chart(summary: pd.DataFrame, scenario=None):
    """Each business's social ratio against the engagement its posts get, by audience size.

    The subtitle says whether the pattern was built in: the generator multiplies each post's
    expected engagement by 1 + conversation_lift x its author's chattiness (kit/synth/assumptions.py).
    """
    s = scenario or load_scenario()
    lift = _assumption(s, "conversation_lift", 1.5)
    bands = _social.audience_bands(summary)
    lo, hi = bands["rank_correlation"].min(), bands["rank_correlation"].max()
    finding = (
        "Conversation goes with engagement at every audience size"
        if lo > 0.1
        else "Conversing does not clearly go with more engagement here"
    )
    built = (
        f"We built this in: engagement × (1 + {lift:g} × how chatty the business is)"
        if lift
        else "The built-in lift is switched off (conversation_lift = 0)"
    )
    data = summary.assign(audience=_social.audience_band(summary).astype(str)).reset_index()
    order = list(_social.AUDIENCE_BANDS)
    chart = (
        alt.Chart(data)
        .mark_point(opacity=0.85)
        .encode(
            x=alt.X("social_ratio:Q", title="Share of posts that are conversation", axis=alt.Axis(format="%")),
            y=alt.Y("engagement_per_post:Q", title="Likes + retweets + replies per post", scale=alt.Scale(type="log")),
            color=alt.Color("audience:N", title="Followers", sort=order, scale=alt.Scale(domain=order)),
            shape=alt.Shape("audience:N", title="Followers", sort=order, scale=alt.Scale(domain=order)),
            tooltip=[
                "handle",
                alt.Tooltip("social_ratio:Q", format=".0%"),
                alt.Tooltip("engagement_per_post:Q", format=".1f"),
                "followers",
            ],
        )
    )
    return finish(
        chart,
        title=finding,
        subtitle=[built, f"One point per business; rank correlation within each third {lo:.2f} to {hi:.2f}"],
        description=(
            f"Scatter plot of {len(data)} synthetic businesses: the share of their posts that "
            f"are conversation (x) against engagement per post (y, log scale), coloured by "
            f"audience-size third. Within each third the rank correlation is between "
            f"{lo:.2f} and {hi:.2f}. "
            + (
                f"The generator put this pattern in: it multiplies each post's expected "
                f"engagement by 1 + {lift:g} x its author's chattiness, so the chart shows "
                f"our assumption, not evidence."
                if lift
                else "The generator's conversation lift is switched off in this scenario."
            )
        ),
    )


def engagement_vs_audience_chart(summary: pd.DataFrame):
    """Engagement rate falls as audiences grow."""
    rho = _social.rank_correlation(summary["followers"], summary["engagement_rate"])
    data = summary.reset_index()
    chart = (
        alt.Chart(data)
        .mark_point()
        .encode(
            x=alt.X("followers:Q", title="Followers (log scale)", scale=alt.Scale(type="log")),
            y=alt.Y(
                "engagement_rate:Q",
                title="Engagement per post per follower",
                scale=alt.Scale(type="log"),
                axis=alt.Axis(format="%"),
            ),
            tooltip=["handle", "followers", alt.Tooltip("engagement_rate:Q", format=".2%")],
        )
    )
    return finish(
        chart,
        title="Bigger audiences engage less per follower",
        subtitle=[
            f"Rank correlation {rho:.2f}: compare rates, not raw counts",
            "Built into our synthetic data (post_engagement_exponent): the seminar's claim",
        ],
        description=(
            f"Scatter plot of {len(data)} businesses: followers (x, log scale) against "
            f"engagement per post per follower (y, log scale). The rate falls as followers "
            f"grow (rank correlation {rho:.2f}). The generator builds this fall in: engagement "
            f"per post grows more slowly than followers."
        ),
    )


def reciprocity_chart(follows: pd.DataFrame, accounts: pd.DataFrame):
    """Follow-back in the town compared with Kwak et al. (2010)."""
    local_ids = accounts.loc[accounts["local"], "account_id"]
    data = pd.DataFrame(
        {
            "network": ["Twitter, 2009 (Kwak et al.)", "Our town: all accounts", "Our town: local accounts only"],
            "mutual": [0.221, _social.reciprocity(follows), _social.reciprocity(follows, local_ids)],
        }
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("network:N", title=None, sort=None, axis=alt.Axis(labelLimit=400)),
            x=alt.X(
                "mutual:Q",
                title="Share of connected pairs who follow each other",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(nice=True),
            ),
            color=alt.Color("network:N", legend=None),
            tooltip=["network", alt.Tooltip("mutual:Q", format=".1%")],
        )
    )
    labels = chart.mark_text(align="left", dx=6).encode(
        text=alt.Text("mutual:Q", format=".0%"), color=alt.value("black")
    )
    return finish(
        (chart + labels).properties(height=200),
        title="Most follows are one-way; locals follow back far more",
        subtitle=[
            "Kwak, Lee, Park & Moon, WWW 2010: 22.1% of pairs were mutual",
            "Our town's shares were built in (follow_back_base, follow_back_local)",
        ],
        description=(
            "Bar chart of the share of connected pairs who follow each other: 22.1% on "
            f"Twitter in 2009 (Kwak et al. 2010), {pct(data['mutual'][1])} in our synthetic "
            f"town overall and {pct(data['mutual'][2])} among local accounts. The town's shares "
            f"were set by the generator: tuned to Kwak et al. overall, and higher among locals "
            f"by assumption."
        ),
    )


def linkedin_chart(threshold: int = _social.ACTIVE_THRESHOLD):
    """Active actions against opportunities, one point per member."""
    prof = _social.activity_profile(load("linkedin_activity"), load("linkedin_members"), threshold)
    out = load("linkedin_outcomes").set_index("member_id")
    data = prof.join(out[["opportunities"]]).reset_index()
    share = _social.opportunity_share(
        load("linkedin_activity"), load("linkedin_outcomes"), load("linkedin_members"), threshold
    )
    rho = _social.rank_correlation(data["active_actions"], data["opportunities"])
    jitter = (data["member_id"] * 0.618).mod(1) - 0.5  # a fixed spread so overlapping members show
    data = data.assign(shown=data["opportunities"] + 0.5 * jitter)
    chart = (
        alt.Chart(data)
        .mark_point(opacity=0.7)
        .encode(
            x=alt.X("active_actions:Q", title="Active actions in the quarter"),
            y=alt.Y("shown:Q", title="Opportunities in the quarter (points spread a little)"),
            color=alt.Color(
                "style:N", title="Member", scale=alt.Scale(domain=["active", "passive"], range=["#0072B2", "#E69F00"])
            ),
            shape=alt.Shape("style:N", title="Member", scale=alt.Scale(domain=["active", "passive"])),
            tooltip=["member_id", "active_actions", "passive_actions", "opportunities"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"x": [threshold]}))
        .mark_rule(strokeDash=[6, 4], color="#555")
        .encode(x=alt.X("x:Q", title="Active actions in the quarter"))
    )
    return finish(
        chart + rule,
        title=f"Got an opportunity: {pct(share['active'])} of active, {pct(share['passive'])} of passive",
        subtitle=(
            f"Dashed line: {threshold} active actions. Rank correlation {rho:.2f}: clear but noisy, "
            "and built into our synthetic log"
        ),
        description=(
            f"Scatter plot of {len(data)} members: active actions (x) against opportunities "
            f"(y). Members with at least {threshold} active actions count as active; "
            f"{pct(share['active'])} of them had at least one opportunity against "
            f"{pct(share['passive'])} of passive members. Rank correlation {rho:.2f}. The "
            f"generator builds this in: active actions raise a member's chance of an opportunity."
        ),
    )


# --------------------------------------------------------------------------- explorers


def _timeline(posts: pd.DataFrame, handles: list[str], week: int):
    s = load_scenario()
    start, end = s.hour_windows()[week - 1]
    p = posts[posts["handle"].isin(handles) & (posts["created_at"] >= start) & (posts["created_at"] < end)].copy()
    p["minute"] = (p["created_at"] - start).dt.total_seconds() / 60
    p["style"] = _social.classify_posts(p)
    p["short"] = p["text"].str.slice(0, 70)
    shown = p[["minute", "handle", "style", "kind", "short"]]  # what the chart uses, not every column
    chart = (
        alt.Chart(shown)
        .mark_point(size=260, filled=True, opacity=0.75)
        .encode(
            x=alt.X(
                "minute:Q", title=f"Minutes after {s.start:%H:%M}", scale=alt.Scale(domain=[0, s.duration_minutes])
            ),
            y=alt.Y("handle:N", title=None, sort=handles),
            color=alt.Color(
                "style:N",
                title="Post style",
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(domain=list(STYLE_COLOURS), range=list(STYLE_COLOURS.values())),
            ),
            shape=alt.Shape("kind:N", title="Kind", legend=alt.Legend(orient="bottom")),
            tooltip=["handle", "kind", "short"],
        )
        .properties(height=160, width=520)
    )
    n = p.groupby("handle").size().reindex(handles, fill_value=0)
    return finish(
        chart,
        title=f"Week {week} posts: " + ", ".join(f"{h} {k}" for h, k in n.items()),
        description=(
            f"Timeline of the posts by {' and '.join(handles)} during the hashtag hour of week "
            f"{week}, coloured by conversation or broadcast."
        ),
    )


def _busiest_week(posts: pd.DataFrame, handles: list[str]) -> int:
    s = load_scenario()
    mine = _social.hour_posts(posts[posts["handle"].isin(handles)], s)
    if mine.empty:
        return 1
    week = mine["created_at"].dt.date.map({d: w for w, d in enumerate(s.evenings(), 1)})
    return int(week.value_counts().idxmax())


def _comparison_table(summary: pd.DataFrame, pair: list[str]) -> str:
    rows = [
        ("posts (all weeks)", "posts", "{:,.0f}"),
        ("posts in the hashtag hours", "hour_posts", "{:,.0f}"),
        ("share of posts that are conversation", "social_ratio", "{:.0%}"),
        ("engagement per post", "engagement_per_post", "{:.1f}"),
        ("followers", "followers", "{:,.0f}"),
        ("engagement per post per follower", "engagement_rate", "{:.2%}"),
    ]
    table = pd.DataFrame(
        {h: [fmt.format(summary.at[h, col]) for _, col, fmt in rows] for h in pair},
        index=[label for label, _, _ in rows],
    )
    return table.to_html(border=0, classes="kit-table", escape=True)


def compare_accounts(first: str | None = None, second: str | None = None):
    """An explorer: pick two businesses and a week; see their habits and their hour side by side.

    By default it compares the most social of the busy businesses with the busiest business
    that logs on, posts and logs off, on the week they posted most.
    """
    posts, accounts = load("posts"), load("accounts")
    summary = _social.account_summary(posts, accounts)
    busy = summary[summary["hour_posts"] >= summary["hour_posts"].median()]
    quiet = sorted(_social.log_on_post_log_off(posts, accounts), key=lambda h: -summary.at[h, "hour_posts"])
    second = second or (quiet[0] if quiet else busy["social_ratio"].idxmin())
    if first is None:  # the most social busy business with a similar audience: a fair comparison
        f = summary.at[second, "followers"]
        similar = busy[busy["followers"].between(f / 2, f * 2)]
        first = (similar if len(similar) else busy)["social_ratio"].idxmax()
    options = list(summary.index)
    a = W.Dropdown(options=options, value=first, description="Business A")
    b = W.Dropdown(options=options, value=second, description="Business B")
    week = W.IntSlider(
        value=_busiest_week(posts, [first, second]),
        min=1,
        max=load_scenario().weeks,
        description="Week",
        continuous_update=False,
    )
    pair = [first, second] if first != second else [first]
    table = W.HTML(_comparison_table(summary, pair))
    chart = LiveChart(_timeline(posts, pair, week.value))  # drawn once (a redraw drew it twice)

    def redraw(_=None):
        pair = [a.value, b.value] if a.value != b.value else [a.value]
        table.value = _comparison_table(summary, pair)
        chart.chart = _timeline(posts, pair, week.value)

    for w in (a, b, week):
        w.observe(redraw, names="value")
    return W.VBox([W.HBox([a, b, week]), table, chart])


def threshold_explorer():
    """An explorer: move the 'active' threshold and watch the comparison hold or not."""
    slider = W.IntSlider(
        value=_social.ACTIVE_THRESHOLD,
        min=1,
        max=60,
        description="Active if ≥",
        continuous_update=False,
        style={"description_width": "initial"},
        layout=W.Layout(width="420px"),
    )
    chart = LiveChart(linkedin_chart(slider.value))
    slider.observe(lambda ch: setattr(chart, "chart", linkedin_chart(ch["new"])), names="value")
    return W.VBox([slider, chart])
