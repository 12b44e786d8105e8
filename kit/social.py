"""Workshop 01 — social, not media: active versus passive networking.

Pure functions over tidy DataFrames (no charts, no widgets): the measures the notebook, its
charts and later workshops reuse. The exercises' reference solutions and registrations live in
:mod:`kit.solutions.social`; the notebook imports a measure from here only after the exercise
that builds it.

Definitions used throughout:

* A post is **conversation** when it is a reply, a retweet or a quote, or mentions someone;
  otherwise it is a **broadcast** (said to no one in particular — typically a link and a logo).
* An account's **social ratio** is the share of its posts that are conversation.
* **Log on, post, log off**: a business that posts during the hashtag hour but, in every hour,
  never replies to, shares or mentions anyone.
* A LinkedIn-style action is **active** when it reaches another person (connecting, messaging,
  commenting, posting, answering, joining a discussion) and **passive** when it only tends one's
  own profile or is a single click.

>>> demo = pd.DataFrame({"kind": ["original", "reply", "original", "quote"],
...                      "mentions": [None, "@a", "@b", None]})
>>> classify_posts(demo).value_counts().to_dict()
{'conversation': 3, 'broadcast': 1}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .scenario import Scenario, load_scenario

__all__ = [
    "CONVERSATION_KINDS",
    "ACTIVE_ACTIONS",
    "PASSIVE_ACTIONS",
    "ACTIVE_THRESHOLD",
    "in_hashtag_hour",
    "hour_posts",
    "classify_posts",
    "social_ratio",
    "log_on_post_log_off",
    "activity_profile",
    "opportunity_share",
    "opportunity_gap_interval",
    "reciprocity",
    "rank_correlation",
    "account_summary",
    "posts_per_minute",
    "self_focus",
    "friends_vs_following",
    "audience_bands",
    "audience_band",
    "AUDIENCE_BANDS",
]

CONVERSATION_KINDS = ("reply", "retweet", "quote")
ACTIVE_ACTIONS = ("connection_request", "message", "comment", "post", "answer_question", "join_discussion")
PASSIVE_ACTIONS = ("profile_edit", "follow_company", "like", "endorse_skill")
ACTIVE_THRESHOLD = 13  # active actions in a 13-week quarter: about one a week


# --------------------------------------------------------------------------- the hashtag hour


def in_hashtag_hour(times: pd.Series, scenario: Scenario | None = None) -> pd.Series:
    """True for timestamps inside a hashtag hour (local time; the end is exclusive).

    Comparing *local* clock times is what makes this right across the clock change: the hour
    starts at 19:30 in London whether the offset is +01:00 or +00:00.

    >>> s = load_scenario()
    >>> start, end = s.hour_windows()[0]
    >>> in_hashtag_hour(pd.Series([start, end, start - pd.Timedelta(seconds=1)])).tolist()
    [True, False, False]
    """
    s = scenario or load_scenario()
    return _in_window(times.dt.tz_convert(s.tz), s)


def _in_window(clock_times: pd.Series, s: Scenario) -> pd.Series:
    """The hour's filter on whatever clock the times are expressed in (local is right).

    On the clock's own date and seconds since its midnight, vectorised (formatting each time as
    text took ~15 ms a call, and account summaries call it for every post).
    """
    wall = clock_times.dt.tz_localize(None) if clock_times.dt.tz is not None else clock_times
    day = wall.dt.normalize()
    since_midnight = (wall - day).dt.total_seconds()
    evening = day.isin(pd.to_datetime(s.evenings()))

    start = s.start.hour * 3600 + s.start.minute * 60 + s.start.second
    end = start + s.duration_minutes * 60  # before midnight: the scenario checks it
    return evening & (since_midnight >= start) & (since_midnight < end)


def _demo_posts() -> pd.DataFrame:
    """Five posts by two businesses around the first hour of the current scenario (for doctests)."""
    start, _ = load_scenario().hour_windows()[0]
    minutes = [-90, 5, 12, 40, 75]
    return pd.DataFrame(
        {
            "account_id": [1, 1, 2, 2, 2],
            "handle": ["@Bakery", "@Bakery", "@Florist", "@Florist", "@Florist"],
            "created_at": pd.Series([start + pd.Timedelta(minutes=m) for m in minutes]),
            "kind": ["original", "reply", "original", "original", "retweet"],
            "mentions": [None, "@Florist", None, None, None],
            "likes": [1, 4, 0, 2, 0],
            "retweets": [0, 1, 0, 0, 0],
            "replies": [0, 1, 0, 0, 0],
        }
    )


def hour_posts(posts: pd.DataFrame, scenario: Scenario | None = None) -> pd.DataFrame:
    """Only the posts made during a hashtag hour.

    >>> hour_posts(_demo_posts())["handle"].tolist()  # the posts 5, 12 and 40 minutes in
    ['@Bakery', '@Florist', '@Florist']
    """
    return posts[in_hashtag_hour(posts["created_at"], scenario)]


def posts_per_minute(posts: pd.DataFrame, scenario: Scenario | None = None) -> pd.DataFrame:
    """Posts in each five minutes of the hour (averaged over the weeks), by conversation/broadcast.

    >>> s = load_scenario()
    >>> ppm = posts_per_minute(_demo_posts())
    >>> ppm["minute"].tolist(), (ppm["posts_per_week"] * s.weeks).tolist()
    ([5, 10, 40], [1.0, 1.0, 1.0])
    """
    s = scenario or load_scenario()
    hp = hour_posts(posts, s)
    local = hp["created_at"].dt.tz_convert(s.tz)
    minute = (local.dt.hour * 60 + local.dt.minute) - (s.start.hour * 60 + s.start.minute)
    out = (
        pd.DataFrame({"minute": (minute // 5) * 5, "style": classify_posts(hp)})
        .groupby(["minute", "style"], observed=True)
        .size()
        .rename("posts")
        .reset_index()
    )
    out["posts_per_week"] = out["posts"] / s.weeks
    return out[["minute", "style", "posts_per_week"]]


# --------------------------------------------------------------------------- broadcasting vs conversation


def classify_posts(posts: pd.DataFrame) -> pd.Series:
    """Label each post "conversation" (reply, retweet, quote or a mention) or "broadcast".

    >>> demo = pd.DataFrame({"kind": ["original", "reply", "original", "retweet"],
    ...                      "mentions": [None, "@a", "@b", None]})
    >>> classify_posts(demo).tolist()
    ['broadcast', 'conversation', 'conversation', 'conversation']
    """
    talks = posts["kind"].isin(CONVERSATION_KINDS) | (posts["mentions"].fillna("") != "")
    return pd.Series(np.where(talks, "conversation", "broadcast"), index=posts.index, name="style")


def _business_posts(posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    business = accounts.loc[accounts["kind"] == "business", "account_id"]
    return posts[posts["account_id"].isin(business)]


def _demo_accounts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": [1, 2, 3],
            "handle": ["@Bakery", "@Florist", "@Resident"],
            "kind": ["business", "business", "resident"],
        }
    )


def social_ratio(posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.Series:
    """Each business's share of posts that are conversation, by handle (exercise 01.3 builds it).

    >>> social_ratio(_demo_posts(), _demo_accounts()).round(3).to_dict()
    {'@Bakery': 0.5, '@Florist': 0.333}
    """
    mine = _business_posts(posts, accounts)
    talk = classify_posts(mine) == "conversation"
    return talk.groupby(mine["handle"]).mean().rename("social_ratio").rename_axis("handle").sort_index()


def log_on_post_log_off(posts: pd.DataFrame, accounts: pd.DataFrame, scenario: Scenario | None = None) -> set[str]:
    """Businesses that post in the hashtag hours but never converse there (exercise 01.4 builds it).

    >>> sorted(log_on_post_log_off(_demo_posts(), _demo_accounts()))  # the Florist's retweet is after the hour
    ['@Florist']
    """
    hp = _business_posts(hour_posts(posts, scenario), accounts)
    talks = (classify_posts(hp) == "conversation").groupby(hp["handle"]).any()
    return set(talks.index[~talks.to_numpy()])


# --------------------------------------------------------------------------- LinkedIn: passive vs active


def _demo_activity() -> pd.DataFrame:
    return pd.DataFrame(
        {"member_id": [1, 1, 1, 2, 2, 3], "action": ["message", "comment", "like", "like", "profile_edit", "post"]}
    )


def activity_profile(
    activity: pd.DataFrame, members: pd.DataFrame | None = None, threshold: int = ACTIVE_THRESHOLD
) -> pd.DataFrame:
    """Active and passive actions per member over the quarter, with the member's style.

    >>> activity_profile(_demo_activity(), pd.DataFrame({"member_id": [1, 2, 3, 4]}), threshold=2)
               active_actions  passive_actions    style
    member_id
    1                       2                1   active
    2                       0                2  passive
    3                       1                0  passive
    4                       0                0  passive
    """
    active = activity["action"].isin(ACTIVE_ACTIONS)
    counts = pd.DataFrame(
        {
            "active_actions": active.groupby(activity["member_id"]).sum(),
            "passive_actions": (~active).groupby(activity["member_id"]).sum(),
        }
    )
    if members is not None:
        counts = counts.reindex(members["member_id"], fill_value=0)
    counts = counts.astype(int).rename_axis("member_id")
    counts["style"] = np.where(counts["active_actions"] >= threshold, "active", "passive")
    return counts


def opportunity_share(
    activity: pd.DataFrame,
    outcomes: pd.DataFrame,
    members: pd.DataFrame | None = None,
    threshold: int = ACTIVE_THRESHOLD,
) -> pd.Series:
    """Share of active and of passive members with at least one opportunity (exercise 01.5 builds it).

    >>> outcomes = pd.DataFrame({"member_id": [1, 2, 3, 4], "opportunities": [2, 0, 1, 0]})
    >>> opportunity_share(_demo_activity(), outcomes, pd.DataFrame({"member_id": [1, 2, 3, 4]}),
    ...                   threshold=2).to_dict()
    {'active': 1.0, 'passive': 0.3333333333333333}
    """
    prof = activity_profile(activity, members, threshold)
    got = outcomes.set_index("member_id")["opportunities"].reindex(prof.index).fillna(0) > 0
    return got.groupby(prof["style"]).mean().rename("share_with_opportunity").rename_axis("style")


def opportunity_gap_interval(
    activity: pd.DataFrame,
    outcomes: pd.DataFrame,
    members: pd.DataFrame,
    threshold: int = ACTIVE_THRESHOLD,
    resamples: int = 2000,
    seed: int = 1,
    level: float = 0.95,
) -> pd.Series:
    """How sure can we be of the active-minus-passive gap? A bootstrap over members.

    Draw the members again with replacement ``resamples`` times, recompute the two shares each
    time, and report the gap in the data with the middle ``level`` of the redrawn gaps: if
    another sample of members like these had been logged, the gap would likely fall in there.

    >>> outcomes = pd.DataFrame({"member_id": [1, 2, 3, 4], "opportunities": [2, 0, 1, 0]})
    >>> gap = opportunity_gap_interval(_demo_activity(), outcomes, pd.DataFrame({"member_id": [1, 2, 3, 4]}),
    ...                                threshold=2, resamples=200)
    >>> round(float(gap["gap"]), 3), bool(gap["low"] <= gap["gap"] <= gap["high"])
    (0.667, True)
    """
    prof = activity_profile(activity, members, threshold)
    got = (outcomes.set_index("member_id")["opportunities"].reindex(prof.index).fillna(0) > 0).to_numpy()
    active = (prof["style"] == "active").to_numpy()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(prof), size=(resamples, len(prof)))
    a, g = active[picks], got[picks]
    with np.errstate(invalid="ignore", divide="ignore"):
        gaps = (g & a).sum(1) / a.sum(1) - (g & ~a).sum(1) / (~a).sum(1)
    gaps = gaps[np.isfinite(gaps)]
    tail = (1 - level) / 2
    return pd.Series(
        {
            "gap": float(got[active].mean() - got[~active].mean()),
            "low": float(np.quantile(gaps, tail)),
            "high": float(np.quantile(gaps, 1 - tail)),
            "resamples": int(len(gaps)),
        }
    )


# --------------------------------------------------------------------------- the evidence


def reciprocity(follows: pd.DataFrame, among: pd.Series | None = None) -> float:
    """Share of connected pairs that follow each other (the measure in Kwak et al., WWW 2010).

    Count every pair of accounts joined by at least one follow; return the share of those pairs
    where the follow goes both ways. ``among`` restricts it to a set of account ids.

    >>> demo = pd.DataFrame({"follower_id": [1, 2, 1, 3], "followed_id": [2, 1, 3, 4]})
    >>> reciprocity(demo)  # pairs {1,2} mutual, {1,3} and {3,4} one-way
    0.3333333333333333
    """
    f = follows
    if among is not None:
        keep = set(among)
        f = f[f["follower_id"].isin(keep) & f["followed_id"].isin(keep)]
    f = f[["follower_id", "followed_id"]].dropna()  # a follow missing an end joins no pair
    x, y = f["follower_id"].to_numpy(dtype=np.int64), f["followed_id"].to_numpy(dtype=np.int64)
    lo, hi = np.minimum(x, y), np.maximum(x, y)
    if len(lo) and lo.min() >= 0 and int(hi.max()) < 2**31:  # one number per unordered pair
        _, per_pair = np.unique((lo << 31) | hi, return_counts=True)
    else:
        _, per_pair = np.unique(np.stack([lo, hi], axis=1), axis=0, return_counts=True)
    return float((per_pair == 2).mean()) if len(per_pair) else float("nan")


def rank_correlation(x: pd.Series, y: pd.Series) -> float:
    """Spearman's rank correlation (ties averaged), without needing SciPy.

    >>> rank_correlation(pd.Series([1, 2, 3, 4]), pd.Series([10, 20, 25, 100]))
    1.0
    """
    return float(x.rank().corr(y.rank()))


def account_summary(posts: pd.DataFrame, accounts: pd.DataFrame, scenario: Scenario | None = None) -> pd.DataFrame:
    """One row per business: posting habits and what they got back.

    ``engagement_per_post`` is likes + retweets + replies per post; ``engagement_rate`` divides
    that by followers, so large and small accounts can be compared fairly.

    >>> acc = _demo_accounts().assign(followers_count=[100, 50, 10], sector="b2c", name_style="company")
    >>> account_summary(_demo_posts(), acc)[["posts", "hour_posts", "social_ratio", "engagement_rate"]].round(3)
              posts  hour_posts  social_ratio  engagement_rate
    handle
    @Bakery       2           1         0.500            0.035
    @Florist      3           2         0.333            0.013
    """
    biz = accounts[accounts["kind"] == "business"].set_index("handle")
    # per business by position (NumPy sums, exact for these counts and the same means as a
    # groupby): ~3x faster than grouping the posts by handle, and 01 summarises four times
    handles = biz.index.unique()
    which = handles.get_indexer(posts["handle"])
    mine = which >= 0
    at, n = which[mine], len(handles)
    count = np.bincount(at, minlength=n)
    talk = np.bincount(at, (classify_posts(posts) == "conversation").to_numpy()[mine], n)
    in_hour = np.bincount(at, in_hashtag_hour(posts["created_at"], scenario).to_numpy()[mine], n)
    total = posts["likes"] + posts["retweets"] + posts["replies"]
    engagement = total.to_numpy(float, na_value=np.nan)[mine]
    known = ~np.isnan(engagement)  # a mean skips a missing count, as a groupby's does
    with np.errstate(invalid="ignore", divide="ignore"):  # no posts: NaN rates, as before
        out = pd.DataFrame(
            {
                "posts": count,
                "hour_posts": in_hour.astype(np.int64),
                "social_ratio": talk / count,
                "engagement_per_post": (
                    np.bincount(at[known], engagement[known], n) / np.bincount(at[known], minlength=n)
                ),
            },
            index=handles,
        ).reindex(biz.index)
    if isinstance(total.dtype, pd.api.extensions.ExtensionDtype):  # nullable counts: a nullable mean
        out["engagement_per_post"] = out["engagement_per_post"].astype("Float64")
    out["followers"] = biz["followers_count"]
    out["engagement_rate"] = out["engagement_per_post"] / out["followers"]
    out["sector"] = biz["sector"].astype(str)
    out["name_style"] = biz["name_style"].astype(str)
    out[["posts", "hour_posts"]] = out[["posts", "hour_posts"]].astype(int)
    return out.sort_index()


def self_focus(posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.Series:
    """Each business's share of original posts that are about itself (self_promotion).

    Naaman, Boase & Lai (CSCW 2010) found about 80% of users mostly post about themselves
    ("meformers"); a business is a meformer here when this share is above one half.

    >>> demo = pd.DataFrame({"handle": ["@Bakery"] * 3 + ["@Florist"],
    ...                      "kind": ["original", "original", "reply", "original"],
    ...                      "content": ["self_promotion", "information", "chat", "self_promotion"]})
    >>> self_focus(demo, _demo_accounts()).to_dict()
    {'@Bakery': 0.5, '@Florist': 1.0}
    """
    business = accounts.loc[accounts["kind"] == "business", "handle"]
    own = posts[posts["handle"].isin(business) & (posts["kind"] == "original")]
    return (own["content"] == "self_promotion").groupby(own["handle"]).mean().rename("self_focus")


def friends_vs_following(posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Per business: accounts followed versus "friends" (accounts addressed at least twice).

    Huberman, Romero & Wu (First Monday 2009) call the people you address at least twice your
    friends, and found them far fewer than the accounts you follow.

    >>> demo = pd.DataFrame({"handle": ["@Bakery"] * 3, "mentions": ["@Florist", "@Florist @Resident", None]})
    >>> friends_vs_following(demo, _demo_accounts().assign(following_count=[40, 12, 5]))
              following  friends
    handle
    @Bakery          40        1
    @Florist         12        0
    """
    biz = accounts[accounts["kind"] == "business"].set_index("handle")
    mine = posts[posts["handle"].isin(biz.index) & posts["mentions"].notna()]
    pairs = mine.assign(to=mine["mentions"].str.split()).explode("to")
    pairs = pairs[pairs["to"] != pairs["handle"]]
    addressed = pairs.groupby(["handle", "to"]).size()
    friends = (addressed >= 2).groupby(level="handle").sum().reindex(biz.index, fill_value=0)
    return pd.DataFrame({"following": biz["following_count"], "friends": friends.astype(int)})


AUDIENCE_BANDS = ("smallest third", "middle third", "largest third")


def audience_bands(summary: pd.DataFrame) -> pd.DataFrame:
    """Split businesses into thirds by followers; rank correlation of conversation and engagement in each.

    Conversational businesses also tend to have more followers, and more followers bring more
    engagement per post. Comparing within bands of similar audience size takes that out.

    >>> demo = pd.DataFrame({"followers": [10, 20, 30, 40, 50, 60],
    ...                      "social_ratio": [0.1, 0.5, 0.2, 0.6, 0.3, 0.7],
    ...                      "engagement_per_post": [1, 2, 3, 4, 6, 5]})
    >>> audience_bands(demo)
                 band  businesses  rank_correlation
    0  smallest third           2               1.0
    1    middle third           2               1.0
    2   largest third           2              -1.0
    """
    rows = [
        {
            "band": str(b),
            "businesses": int(len(g)),
            "rank_correlation": rank_correlation(g["social_ratio"], g["engagement_per_post"]),
        }
        for b, g in summary.groupby(audience_band(summary), observed=True)
    ]
    return pd.DataFrame(rows)


def audience_band(summary: pd.DataFrame) -> pd.Series:
    """Each business's third of the follower counts (ties broken by order), as a categorical.

    >>> audience_band(pd.DataFrame({"followers": [5, 500, 50]})).tolist()
    ['smallest third', 'largest third', 'middle third']
    """
    return pd.qcut(summary["followers"].rank(method="first"), 3, labels=list(AUDIENCE_BANDS))
