"""Charts and explorers for workshop 04 (the hashtag hour). Logic lives in ``kit.hashtag``,
bound privately here (``_h``): nothing public in this module returns an exercise's answer."""

from __future__ import annotations

import altair as alt
import ipywidgets as W
import networkx as nx
import numpy as np
import pandas as pd

from .. import hashtag as _h
from ..data import load
from ..followers import precision_recall as _precision_recall
from ..scenario import load_scenario
from .live import LiveChart
from .theme import PALETTE, either, finish
from .words import pct

KWAK_REACH = 1000  # Kwak, Lee, Park & Moon, WWW 2010: a retweeted post reaches ~1,000 users on average
WITH_HUB, WITHOUT_HUB = "the hub retweets it", "no hub retweet"
REACH_COLOURS = {WITH_HUB: PALETTE[0], WITHOUT_HUB: PALETTE[1]}


def _tables():
    return load("posts"), load("accounts"), load("follows")


# --------------------------------------------------------------------------- 1. the venue


def turnout_chart(posts: pd.DataFrame):
    """Accounts posting in each evening's hour: newcomers and returners."""
    t = _h.turnout(posts).reset_index()
    t["evening"] = t["evening"].map(lambda d: f"{d:%d %b}")
    long = t.melt(id_vars="evening", value_vars=["returners", "newcomers"], var_name="who", value_name="accounts")
    order = list(t["evening"])
    later_new = int(t["newcomers"].iloc[1:].sum())
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("evening:N", title="Evening of the hour", sort=order),
            y=alt.Y("accounts:Q", title="Accounts posting in the hour", stack="zero"),
            color=alt.Color(
                "who:N",
                title=None,
                sort=["returners", "newcomers"],
                scale=alt.Scale(domain=["returners", "newcomers"], range=[PALETTE[0], PALETTE[1]]),
            ),
            order=alt.Order("who:N", sort="descending"),
            tooltip=["evening", "who", "accounts"],
        )
        .properties(width=560)
    )
    return finish(
        chart,
        title=f"{later_new} accounts were first seen after the first evening",
        subtitle=[
            "Blue: seen before; orange: first seen. The first evening counts everyone: our data start there",
            "Who turns up was drawn by the kit's generator; nobody in the town joined late",
        ],
        description=(
            f"Stacked bar chart of accounts posting in each of {len(t)} evenings of the hour, split "
            f"into returners and accounts first seen that evening. After the first evening, "
            f"{later_new} accounts were seen for the first time: occasional posters, since the "
            f"synthetic generator draws who joins each evening and nobody joined late."
        ),
    )


def peak_chart(posts: pd.DataFrame):
    """Posts in each minute of the hour, all evenings together (local time)."""
    s = load_scenario()
    pm = _h.peak_minute(posts, s).reset_index()
    top = pm.loc[pm["posts"].idxmax()]
    start = pd.Timestamp.combine(s.first_date, s.start)
    at = (start + pd.Timedelta(minutes=int(top["minute"]))).strftime("%H:%M")
    chart = (
        alt.Chart(pm)
        .mark_bar()
        .encode(
            x=alt.X(
                "minute:Q",
                title=f"Minutes after {s.start:%H:%M} (local time)",
                bin=alt.Bin(extent=[0, s.duration_minutes], step=1),
            ),
            y=alt.Y("posts:Q", title=f"Posts in that minute, {s.weeks} evenings together"),
            tooltip=["minute", "posts"],
        )
        .properties(width=560)
    )
    return finish(
        chart,
        title=f"The busiest minute is {at}: {int(top['posts'])} posts over {s.weeks} evenings",
        subtitle=[
            "Local time, so the evenings before and after the clock change line up",
            "The generator spread post times evenly over the hour: a real hour has its own shape",
        ],
        description=(
            f"Bar chart of posts made in each minute of the {s.hashtag} hour, all {s.weeks} "
            f"evenings together, in local time. The busiest minute is {at} with "
            f"{int(top['posts'])} posts."
        ),
    )


# --------------------------------------------------------------------------- 2. reach

OTHERS = "only others shared it"
OWN = "the author's own followers"
CASES = {WITH_HUB: PALETTE[0], OTHERS: PALETTE[2], OWN: PALETTE[1]}
REACH_WIDTH = 560  # the reach chart's plot width, in pixels: its Kwak label is placed from it


def reach_chart(reach: pd.DataFrame | None = None, accounts: pd.DataFrame | None = None):
    """Every shared post's reach (the sample plus followers beyond it, no overlap assumed), the
    hub's retweets apart from posts only others shared, against the author's followers and
    beside Kwak et al.'s average. ``reach``: :func:`kit.hashtag.reach_table`'s table, as the
    notebook has just built it (the bundled town's when None)."""
    accounts = accounts if accounts is not None else load("accounts")
    r = reach if reach is not None else _h.reach_table(load("posts"), load("follows"), accounts)
    hub_posts, others = r[r["hub_shared"]], r[~r["hub_shared"] & r["sharers"].gt(0)]
    data = pd.concat(
        [
            hub_posts.assign(case=WITH_HUB, reach=hub_posts["total"]),
            others.assign(case=OTHERS, reach=others["total"]),
            hub_posts.assign(case=OWN, reach=hub_posts["followers_count"].clip(lower=1)),
        ]
    ).reset_index()[["post_id", "followers_count", "case", "reach"]]
    hub_count = int(accounts.loc[accounts["kind"].eq("hub"), "followers_count"].iloc[0])
    med_others = others["total"].median() if len(others) else float("nan")
    med_hub = hub_posts["total"].median()
    points = (
        alt.Chart(data)
        .mark_point(filled=True, opacity=0.7, size=60)
        .encode(
            x=alt.X("followers_count:Q", title="The author's followers (log scale)", scale=alt.Scale(type="log")),
            y=alt.Y("reach:Q", title="Accounts who could see the post (log scale)", scale=alt.Scale(type="log")),
            color=alt.Color("case:N", title=None, scale=alt.Scale(domain=list(CASES), range=list(CASES.values()))),
            shape=alt.Shape("case:N", title=None, scale=alt.Scale(domain=list(CASES))),
            tooltip=["post_id", "case", "followers_count", "reach"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"y": [KWAK_REACH]}))
        .mark_rule(strokeDash=[6, 4], color="#555")
        .encode(y=alt.Y("y:Q", title=None))
    )
    label = (
        alt.Chart(pd.DataFrame({"y": [KWAK_REACH], "text": ["Kwak et al. 2010:\n~1,000 on average"]}))
        # at the right end, under the line, in two lines: every post's reach is at least its
        # author's followers (on or above the diagonal), so the posts leave that corner empty; on
        # the left, in one line, the label sat on them
        .mark_text(align="right", baseline="top", dy=6, x=REACH_WIDTH - 5, lineBreak="\n", color="#333")
        .encode(y=alt.Y("y:Q", title=None), text="text:N")
    )
    return finish(
        (points + rule + label).properties(width=REACH_WIDTH),
        title=f"Each post the hub retweeted gained its {hub_count:,} followers",
        subtitle=[
            f"The hub's size is our town's setting. Posts only others shared: median {med_others:,.0f}",
            "Beyond the sample counted from profiles, assuming no overlap (an upper bound)",
        ],
        description=(
            f"Scatter plot of shared posts: the author's followers (x, log scale) against the "
            f"accounts who could see the post (y, log scale). The {len(hub_posts)} posts the hub "
            f"retweeted reach its {hub_count:,} profile followers (median {med_hub:,.0f}), a "
            f"setting of our town; the {len(others)} posts shared only by others reach a median of "
            f"{med_others:,.0f}; the authors' own followers are shown for the hub's posts. A dashed "
            f"line marks about 1,000, the average reach of a retweeted post in Kwak et al. (WWW "
            f"2010). Followers beyond the sample are counted from profile counts, assuming no "
            f"overlap: an upper bound."
        ),
    )


def cascade_chart(runs: pd.DataFrame):
    """Spreads of an independent cascade: how many saw the post in each run, per case."""
    med = runs.groupby("case")["saw it"].median()
    chart = (
        alt.Chart(runs)
        .mark_boxplot(size=40, extent="min-max")
        .encode(
            y=alt.Y("case:N", title=None, sort=list(REACH_COLOURS)),
            x=alt.X("saw it:Q", title="Accounts in the sample who saw it, per run"),
            color=alt.Color(
                "case:N", legend=None, scale=alt.Scale(domain=list(REACH_COLOURS), range=list(REACH_COLOURS.values()))
            ),
        )
        .properties(width=520, height=140)
    )
    n = int(runs.groupby("case").size().iloc[0])
    parts = ", ".join(f"{c}: median {v:,.0f}" for c, v in med.items())
    return finish(
        chart,
        title=f"Over {n} runs, the hub's retweet lifts the whole spread",
        subtitle=[
            "Each viewer shares with the chance set by the slider: a guess, not a measurement",
            "Boxes: the middle half of the runs; whiskers: the smallest and largest",
        ],
        description=(
            f"Box plots of how many accounts in the sample saw a post in each of {n} simulated "
            f"cascades on the follow graph ({parts}). The chance that a viewer shares is an "
            f"assumption of the simulation."
        ),
    )


def _cascade_runs(g, author: int, hub: int, p: float, runs: int = 200, seed: int = 1) -> pd.DataFrame:
    without = _h.cascade_runs(g, author, p=p, runs=runs, seed=seed)
    with_hub = _h.cascade_runs(g, author, p=p, runs=runs, seed=seed, also=[hub])
    return pd.concat(
        [pd.DataFrame({"case": WITHOUT_HUB, "saw it": without}), pd.DataFrame({"case": WITH_HUB, "saw it": with_hub})],
        ignore_index=True,
    )


def _layout(follows: pd.DataFrame, author: int, hub: int, limit: int = 120) -> dict:
    """Who a small drawing shows (the author, the hub and up to ``limit`` of their followers),
    where (a spring layout), and who sees the post with and without the hub."""
    own = follows.loc[follows["followed_id"].eq(author), "follower_id"].astype(int).tolist()
    hubs = follows.loc[follows["followed_id"].eq(hub), "follower_id"].astype(int).tolist()
    both = set(own) & set(hubs)
    keep_hub = [x for x in hubs if x not in both and x != author][: max(0, limit - len(own))]
    g = nx.Graph()
    g.add_nodes_from([author, hub])
    g.add_edges_from((author, x) for x in own)
    g.add_edges_from((hub, x) for x in keep_hub + [x for x in both])
    return {
        "graph": g,
        "pos": nx.spring_layout(g, seed=3, iterations=40),
        "author": author,
        "hub": hub,
        "own": set(own),
        "hub_only": set(keep_hub) | both,
    }


def _network(layout: dict, hub_on: bool):
    """The drawing of a :func:`_layout`, with the hub's retweet on or off."""
    g, pos, author, hub = layout["graph"], layout["pos"], layout["author"], layout["hub"]
    seen = layout["own"] | (layout["hub_only"] if hub_on else set())
    nodes = pd.DataFrame(
        [
            {
                "id": n,
                "x": xy[0],
                "y": xy[1],
                "who": "the author"
                if n == author
                else "the hub"
                if n == hub
                else ("sees it" if n in seen else "does not see it"),
            }
            for n, xy in pos.items()
        ]
    )
    edges = pd.DataFrame(
        [
            {
                "x": pos[a][0],
                "y": pos[a][1],
                "x2": pos[b][0],
                "y2": pos[b][1],
                "live": (a == author or b == author) or hub_on,
            }
            for a, b in g.edges()
        ]
    )
    domain = ["the author", "the hub", "sees it", "does not see it"]
    colours = [PALETTE[1], PALETTE[0], PALETTE[2], "#BBBBBB"]
    axis = dict(axis=None, title=None)
    e = (
        alt.Chart(edges)
        .mark_rule(opacity=0.25)
        .encode(
            x=alt.X("x:Q", **axis),
            y=alt.Y("y:Q", **axis),
            x2="x2:Q",
            y2="y2:Q",
            color=either(alt.ColorValue, "datum.live", "#777", "#DDD"),
        )
    )
    n = (
        alt.Chart(nodes)
        .mark_circle(opacity=0.9)
        .encode(
            x=alt.X("x:Q", **axis),
            y=alt.Y("y:Q", **axis),
            size=either(alt.SizeValue, "datum.who == 'the author' || datum.who == 'the hub'", 400, 50),
            color=alt.Color("who:N", title=None, scale=alt.Scale(domain=domain, range=colours)),
            tooltip=["who"],
        )
    )
    shown = len(nodes) - 2
    return finish(
        (e + n).properties(width=360, height=300),
        title=("The hub passes it on to its followers" if hub_on else "Only the author's followers see it"),
        subtitle=f"{shown} accounts drawn (the author's followers and some of the hub's)",
        description=(
            f"Network drawing of the author, the hub and {shown} of their followers in the sample; "
            + (
                "the hub's retweet shows the post to the hub's followers too."
                if hub_on
                else "without the hub's retweet only the author's followers see it."
            )
        ),
    )


def reach_explorer(
    posts: pd.DataFrame | None = None, follows: pd.DataFrame | None = None, accounts: pd.DataFrame | None = None
):
    """Pick a business, toggle the hub's retweet, set how often viewers share: see the audience,
    a cascade's spread over 200 runs, and a small drawing of who sees it."""
    p, a, f = _tables()
    posts = posts if posts is not None else p
    follows = follows if follows is not None else f
    accounts = accounts if accounts is not None else a
    hub = int(accounts.loc[accounts["kind"].eq("hub"), "account_id"].iloc[0])
    biz = accounts[accounts["kind"].eq("business")].sort_values("followers_count")
    start = int(posts.loc[posts["post_id"].eq(_h.example_post(posts, accounts)), "account_id"].iloc[0])
    options = [
        (f"{h} ({c:,} followers)", int(i)) for h, c, i in zip(biz["handle"], biz["followers_count"], biz["account_id"])
    ]
    who = W.Dropdown(options=options, value=start, description="Business", layout=W.Layout(width="420px"))
    hub_on = W.Checkbox(value=True, description="The hub retweets it")
    share = W.FloatSlider(
        value=0.02,
        min=0.0,
        max=0.1,
        step=0.01,
        readout_format=".0%",
        description="Each viewer shares",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    shown = accounts.set_index("account_id")["followers_count"]
    words = W.HTML()
    layouts: dict[int, dict] = {}  # one spring layout per business: the hub's toggle only recolours

    def drawing():
        if who.value not in layouts:
            layouts[who.value] = _layout(follows, who.value, hub)
        return _network(layouts[who.value], hub_on.value)

    def compute():
        author = who.value
        runs = _cascade_runs(follows, author, hub, share.value)
        own = int(follows["followed_id"].eq(author).sum())
        hub_extra = len(
            set(follows.loc[follows["followed_id"].eq(hub), "follower_id"])
            - set(follows.loc[follows["followed_id"].eq(author), "follower_id"])
            - {author}
        )
        beyond = int(shown[hub]) - int(follows["followed_id"].eq(hub).sum())
        text = f"<p style='font-size:1.1em'>In the sample, <b>{own:,}</b> accounts follow this business. " + (
            f"The hub's retweet adds <b>{hub_extra:,}</b> more in the sample, and up to "
            f"<b>{beyond:,}</b> of the hub's followers outside it.</p>"
            if hub_on.value
            else "Without the hub, that is the audience unless viewers share it.</p>"
        )
        return runs, text

    runs, words.value = compute()
    spread = LiveChart(cascade_chart(runs))
    network = LiveChart(drawing())

    def redraw(_=None):
        runs, words.value = compute()
        spread.chart = cascade_chart(runs)
        network.chart = drawing()

    for w in (who, hub_on, share):
        w.observe(redraw, names="value")
    return W.VBox([W.HBox([who, hub_on]), share, words, W.HBox([network, spread])])


# --------------------------------------------------------------------------- 3. ask and answer


def request_rules_chart(posts: pd.DataFrame):
    """Precision and recall of three readable rules for finding requests."""
    rules = {
        "question mark + a request word": _h.looks_like_request(posts),
        'a request word, no "?" needed': _h.looks_like_request(posts, needs_question_mark=False),
        "any question mark": posts["text"].str.contains("?", regex=False) & posts["kind"].ne("retweet"),
    }
    truth = posts["asks_recommendation"].astype(bool)
    rows = []
    for name, flagged in rules.items():
        pr = _precision_recall(flagged, truth)
        rows += [{"rule": name, "measure": m, "value": float(pr[m])} for m in ("precision", "recall")]
    data = pd.DataFrame(rows)
    first = data[data["rule"] == list(rules)[0]].set_index("measure")["value"]
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("rule:N", title=None, sort=list(rules), axis=alt.Axis(labelLimit=300)),
            yOffset=alt.YOffset("measure:N", sort=["precision", "recall"]),
            x=alt.X("value:Q", title="Share", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color(
                "measure:N", title=None, scale=alt.Scale(domain=["precision", "recall"], range=[PALETTE[0], PALETTE[1]])
            ),
            tooltip=["rule", "measure", alt.Tooltip("value:Q", format=".0%")],
        )
        .properties(width=420, height=220)
    )
    return finish(
        bars,
        title=f"The best rule finds {pct(first['recall'])} of requests; {pct(first['precision'])} of its flags are right",
        subtitle="Against the coder's labels. Hard cases (adverts, rhetorical questions) were built in",
        description=(
            f"Bar chart of precision and recall of three rules for finding posts that ask for a "
            f"recommendation, against a coder's labels. The rule that needs a question mark and a "
            f"request word has precision {pct(first['precision'])} and recall {pct(first['recall'])}. "
            f"The kit built the hard cases into the synthetic posts."
        ),
    )


def reactions_chart(rates: pd.DataFrame):
    """What answering brought: thanks, follows and enquiries per answer, B2B against B2C."""
    r = rates.reset_index()
    r = r[r["reply"] == "an answer"]
    long = r.melt(
        id_vars=["sector", "replies"],
        value_vars=["thanked", "followed", "enquired"],
        var_name="reaction",
        value_name="share",
    )
    enq = r.set_index("sector")["enquired"]
    n = r.set_index("sector")["replies"]
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("reaction:N", title=None, sort=["thanked", "followed", "enquired"], axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("sector:N"),
            y=alt.Y("share:Q", title="Share of answers", axis=alt.Axis(format="%")),
            color=alt.Color(
                "sector:N", title="Answered by", scale=alt.Scale(domain=["B2B", "B2C"], range=[PALETTE[0], PALETTE[1]])
            ),
            tooltip=["sector", "reaction", alt.Tooltip("share:Q", format=".0%"), "replies"],
        )
        .properties(width=420)
    )
    b2b, b2c = float(enq.get("B2B", float("nan"))), float(enq.get("B2C", float("nan")))
    return finish(
        chart,
        title=f"Answers brought an enquiry: B2B {pct(b2b)} of the time, B2C {pct(b2c)}",
        subtitle=[
            f"Only {int(n.get('B2B', 0))} B2B and {int(n.get('B2C', 0))} B2C answers: a small sample",
            "The kit built the B2B lift in (b2b_enquiry_lift): the seminar's claim, not a finding",
        ],
        description=(
            f"Grouped bar chart: of the answers businesses gave to requests, the share that were "
            f"thanked, followed and brought an enquiry, for B2B ({int(n.get('B2B', 0))} answers) and "
            f"B2C ({int(n.get('B2C', 0))}) businesses. Enquiries: {pct(b2b)} for B2B, {pct(b2c)} for "
            f"B2C. The synthetic generator was told to give B2B answerers more enquiries."
        ),
    )


# --------------------------------------------------------------------------- 4. whom to follow


def _local_businesses(accounts: pd.DataFrame) -> list[int]:
    return accounts.loc[accounts["kind"].eq("business"), "account_id"].astype(int).tolist()


def recommender_results(
    follows: pd.DataFrame, new_follows: pd.DataFrame, accounts: pd.DataFrame | None = None, k: int = 5
) -> pd.DataFrame:
    """Precision at k, hits, and per route the share of later follows found, for every method
    (the most-followed baseline suggests local businesses: a fair rival for a local account)."""
    accounts = accounts if accounts is not None else load("accounts")
    who = sorted(new_follows["follower_id"].astype(int).unique())
    width = (
        int(
            max(
                follows[["follower_id", "followed_id"]].max().max(),
                new_follows[["follower_id", "followed_id"]].max().max(),
                0,
            )
        )
        + 1
    )

    def pairs(a, b):  # a follow (a, b) as one number
        return a.to_numpy(dtype="int64") * width + b.to_numpy(dtype="int64")

    later = pairs(new_follows["follower_id"], new_follows["followed_id"])
    held_out = np.setdiff1d(later, pairs(follows["follower_id"], follows["followed_id"]))
    routes = new_follows["route"].astype(str).to_numpy()
    rows = []
    for m, s in _h.suggest_each(follows, who, k=k, methods=_h.METHODS, candidates=_local_businesses(accounts)).items():
        suggested = pairs(s["account_id"], s["suggested_id"])
        hits = int(np.isin(suggested, held_out).sum())
        found = pd.Series(np.isin(later, suggested)).groupby(routes)
        # precision at k: the share of suggestions that are held-out follows (as _h.precision_at_k)
        precision, sizes = hits / len(s) if len(s) else float("nan"), found.size()
        for route, share in found.mean().items():
            rows.append(
                {
                    "method": m,
                    "route": route,
                    "found": float(share),
                    "precision": precision,
                    "later": int(sizes[route]),
                    "hits": hits,
                    "suggestions": len(s),
                }
            )
    return pd.DataFrame(rows)


def recommender_chart(results: pd.DataFrame, k: int = 5):
    """The share of each route's later follows that each method found in its top k."""
    first = results.groupby("method")[["precision", "hits", "suggestions"]].first().reindex(list(_h.METHODS))
    n = int(first["suggestions"].iloc[0])
    chart = (
        alt.Chart(results)
        .mark_bar()
        .encode(
            y=alt.Y("route:N", title="How the later follow formed", axis=alt.Axis(labelLimit=200)),
            x=alt.X("found:Q", title=f"Share found in the top {k} suggestions", axis=alt.Axis(format="%")),
            color=alt.Color("method:N", title="Method", sort=list(_h.METHODS)),
            yOffset=alt.YOffset("method:N", sort=list(_h.METHODS)),
            tooltip=["method", "route", alt.Tooltip("found:Q", format=".1%"), "later"],
        )
        .properties(width=420, height=320)
    )
    words = ", ".join(f"{m.replace('_', ' ')} {int(r['hits'])}" for m, r in first.iterrows())
    cn, mf = int(first.at["common_neighbours", "hits"]), int(first.at["most_followed", "hits"])
    return finish(
        chart,
        title=f"Few suggestions came true: {cn} of {n:,} friend-of-friend picks",
        subtitle=[
            f"Hits out of {n:,} suggestions each: {words} (most followed = local businesses)",
            "How follows formed was set by the kit (later_follow_routes): a test, not evidence",
        ],
        description=(
            f"Grouped bar chart: for each way a later follow formed, the share that each method "
            f"suggested in its top {k}. Out of {n:,} suggestions each, the methods' hits were: "
            f"{words}; common neighbours {cn} against {mf} for the most-followed local "
            f"businesses. The synthetic generator decided how later follows formed, so the chart "
            f"shows how to test a recommender, not how good real ones are."
        ),
    )


def _suggestions_chart(rows: pd.DataFrame, who: str, method: str):
    """The suggestions as bars: their scores, coloured by whether the account followed them later."""
    hits = int(rows["later"].ne("no").sum())
    data = rows.assign(followed=rows["later"].map(lambda r: "no" if r == "no" else "yes, later"))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("suggested:N", title=None, sort=list(data["suggested"])),
            x=alt.X("score:Q", title=f"Score ({method.replace('_', ' ')})"),
            color=alt.Color(
                "followed:N",
                title="Followed?",
                scale=alt.Scale(domain=["yes, later", "no"], range=[PALETTE[2], "#BBBBBB"]),
            ),
            tooltip=["rank", "suggested", alt.Tooltip("score:Q", format=".2f"), "later"],
        )
        .properties(width=380, height=max(120, 24 * len(data)))
    )
    return finish(
        chart,
        title=f"{hits} of {who}'s top {len(data)} suggestions became follows",
        subtitle="Suggested from the first evening's graph; green: followed in the weeks after",
        description=(
            f"Bar chart of the top {len(data)} accounts suggested to {who} by "
            f"{method.replace('_', ' ')}, with their scores; {hits} of them were followed later."
        ),
    )


def follow_explorer(
    follows: pd.DataFrame | None = None, new_follows: pd.DataFrame | None = None, accounts: pd.DataFrame | None = None
):
    """Pick an account and a method: its top suggestions, and which it followed later."""
    follows = follows if follows is not None else load("follows")
    new_follows = new_follows if new_follows is not None else load("new_follows")
    accounts = accounts if accounts is not None else load("accounts")
    handle = accounts.set_index("account_id")["handle"]
    with_later = sorted(
        set(new_follows["follower_id"].astype(int)) & set(accounts.loc[accounts["kind"].eq("business"), "account_id"])
    )
    start = _h.example_account(accounts, new_follows)
    who = W.Dropdown(options=[(handle[i], i) for i in with_later], value=start, description="Account")
    how = W.Dropdown(
        options=[(m.replace("_", " "), m) for m in _h.METHODS], value="common_neighbours", description="Method"
    )
    k = W.IntSlider(value=5, min=1, max=20, description="Suggestions", continuous_update=False)
    out = W.HTML()
    later = new_follows.set_index(["follower_id", "followed_id"])["route"].astype(str)

    def compute():
        s = _h.suggest(follows, [who.value], k=k.value, method=how.value, candidates=_local_businesses(accounts))
        rows = pd.DataFrame(
            {
                "rank": s["rank"].astype(int),
                "suggested": [handle.get(v, str(v)) for v in s["suggested_id"]],
                "score": s["score"].round(3),
                "later": [later.get((who.value, v), "no") for v in s["suggested_id"]],
            }
        )
        mine = int((new_follows["follower_id"] == who.value).sum())
        text = (
            f"<p>{handle[who.value]} followed <b>{mine}</b> accounts in the weeks after; "
            f"<b>{int(rows['later'].ne('no').sum())}</b> of these {len(rows)} suggestions were among them.</p>"
            + rows.rename(columns={"later": "followed later? (how)"}).to_html(
                index=False, border=0, classes="kit-table", escape=True
            )
        )
        return rows, text

    rows, out.value = compute()
    chart = LiveChart(_suggestions_chart(rows, handle[who.value], how.value))

    def redraw(_=None):
        rows, out.value = compute()
        chart.chart = _suggestions_chart(rows, handle[who.value], how.value)

    for w in (who, how, k):
        w.observe(redraw, names="value")
    return W.VBox([W.HBox([who, how]), k, chart, out])


# --------------------------------------------------------------------------- 5. first impressions


def rubric_chart(rates: pd.DataFrame):
    """Newcomers' follow rate by band of the profile's rubric score."""
    r = rates.reset_index()
    r["band"] = [f"{max(b.left, 0):g} to {b.right:g}" for b in r["score band"]]
    r = r.loc[r["visits"] > 0, ["band", "visits", "followed"]]
    lo, hi = float(r["followed"].iloc[0]), float(r["followed"].iloc[-1])
    chart = (
        alt.Chart(r)
        .mark_bar()
        .encode(
            x=alt.X(
                "band:N", title="Rubric score of the profile (band)", sort=list(r["band"]), axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y("followed:Q", title="Share of visits that ended in a follow", axis=alt.Axis(format="%")),
            tooltip=["band", "visits", alt.Tooltip("followed:Q", format=".0%")],
        )
        .properties(width=420)
    )
    return finish(
        chart,
        title=f"Higher-scored profiles were followed more: {pct(lo)} to {pct(hi)} of visits",
        subtitle=[
            "The follow decisions came from a rule of the kit (first_impression):",
            "a rubric like it had to do well. The claim is the seminar's, not a finding",
        ],
        description=(
            f"Bar chart of the share of newcomers' profile visits that ended in a follow, by band of "
            f"the profile's rubric score: from {pct(lo)} in the lowest band to {pct(hi)} in the "
            f"highest. The synthetic visitors decided with a rule over the same features."
        ),
    )


def profile_form(weights: dict | None = None):
    """Score your own profile: tick what it shows and how many of your last five posts converse."""
    w = dict(_h.RUBRIC if weights is None else weights)
    boxes = {
        "bio": W.Checkbox(value=True, description="A bio that says what you do"),
        "avatar": W.Checkbox(value=True, description="A picture of your own"),
        "local": W.Checkbox(value=False, description="Your town or county stated"),
        "person_named": W.Checkbox(value=False, description="Named after a person"),
        "links_only": W.Checkbox(value=True, description="All of your last five posts carry a link"),
    }
    talk = W.IntSlider(
        value=1,
        min=0,
        max=5,
        description="Of your last 5 posts, how many talk to someone?",
        style={"description_width": "initial"},
        layout=W.Layout(width="520px"),
    )
    out = W.HTML()

    def render(_=None):
        f = pd.DataFrame({k: [float(b.value)] for k, b in boxes.items()})
        f["conversation"] = talk.value / 5
        score = float(_h.rubric_score(f, w).iloc[0])
        tips = [k for k, b in boxes.items() if (w.get(k, 0) > 0 and not b.value) or (w.get(k, 0) < 0 and b.value)]
        if talk.value < 5 and w.get("conversation", 0) > 0:
            tips.append("conversation")
        names = {
            "bio": "add a bio",
            "avatar": "add a picture",
            "local": "say where you are",
            "person_named": "put a person's name on the profile",
            "links_only": "post something without a link",
            "conversation": "reply to someone, or share a neighbour's post",
        }
        advice = "; ".join(names[t] for t in tips) or "nothing: every box is as the rubric likes it"
        out.value = (
            f"<p style='font-size:1.2em'>Your rubric score: <b>{score:.2f}</b> (0 to 1).</p>"
            f"<p>What would raise it, by the rubric's weights: {advice}.</p>"
            f"<p><i>The weights are an argument, not a measurement: change them with "
            f"<code>charts.profile_form({{...}})</code>.</i></p>"
        )

    render()
    for b in [*boxes.values(), talk]:
        b.observe(render, names="value")
    return W.VBox([*boxes.values(), talk, out])
