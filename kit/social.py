"""Workshop 01 — social, not media: active versus passive networking.

Pure functions over tidy DataFrames (no charts, no widgets). They hold the reference solutions
the exercise checks compute their expected answers with, and the measures the charts draw.

Definitions used throughout:

* A post is **conversation** when it is a reply, a retweet or a quote, or mentions someone;
  otherwise it is a **broadcast** (said to no one in particular — typically a link and a logo).
* An account's **social ratio** is the share of its posts that are conversation.
* **Log on, post, log off**: a business that posts during the hashtag hour but, in every hour,
  never replies to, shares or mentions anyone.
* A LinkedIn-style action is **active** when it reaches another person (connecting, messaging,
  commenting, posting, answering, joining a discussion) and **passive** when it only tends one's
  own profile or is a single click.

>>> posts = load("posts")
>>> bool(classify_posts(posts).isin(["conversation", "broadcast"]).all())
True
>>> 0 < broadcast_share(posts) < 1
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data import load
from .exercises import Exercise, Mistake, register, same
from .scenario import Scenario, load_scenario

__all__ = [
    "CONVERSATION_KINDS", "ACTIVE_ACTIONS", "PASSIVE_ACTIONS", "in_hashtag_hour", "hour_posts",
    "count_hour_posts", "classify_posts", "broadcast_share", "social_ratio", "log_on_post_log_off",
    "activity_profile", "opportunity_share", "reciprocity", "rank_correlation", "account_summary",
    "posts_per_minute", "self_focus", "friends_vs_following", "audience_bands", "audience_band",
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
    """The hour's filter on whatever clock the times are expressed in (local is right)."""
    clock = clock_times.dt.strftime("%H:%M:%S")
    evening = clock_times.dt.date.isin(s.evenings())
    return evening & (clock >= f"{s.start:%H:%M:%S}") & (clock < f"{s.end:%H:%M:%S}")


def hour_posts(posts: pd.DataFrame, scenario: Scenario | None = None) -> pd.DataFrame:
    """Only the posts made during a hashtag hour."""
    return posts[in_hashtag_hour(posts["created_at"], scenario)]


def count_hour_posts(posts: pd.DataFrame, scenario: Scenario | None = None) -> int:
    """Exercise 01.1: how many posts were made during the hashtag hours, all weeks together.

    >>> count_hour_posts(load("posts")) > 0
    True
    """
    return int(in_hashtag_hour(posts["created_at"], scenario).sum())


def posts_per_minute(posts: pd.DataFrame, scenario: Scenario | None = None) -> pd.DataFrame:
    """Posts in each minute of the hour (averaged over the weeks), split by conversation/broadcast.

    >>> ppm = posts_per_minute(load("posts"))
    >>> sorted(ppm.columns)
    ['minute', 'posts_per_week', 'style']
    """
    s = scenario or load_scenario()
    hp = hour_posts(posts, s)
    local = hp["created_at"].dt.tz_convert(s.tz)
    minute = (local.dt.hour * 60 + local.dt.minute) - (s.start.hour * 60 + s.start.minute)
    out = (pd.DataFrame({"minute": (minute // 5) * 5, "style": classify_posts(hp)})
           .groupby(["minute", "style"], observed=True).size().rename("posts").reset_index())
    out["posts_per_week"] = out["posts"] / s.weeks
    return out[["minute", "style", "posts_per_week"]]


# --------------------------------------------------------------------------- broadcasting vs conversation

def classify_posts(posts: pd.DataFrame) -> pd.Series:
    """Label each post "conversation" (reply, retweet, quote or a mention) or "broadcast".

    >>> demo = pd.DataFrame({"kind": ["original", "reply", "original", "retweet"],
    ...                      "mentions": ["", "@a", "@b", "@c"]})
    >>> classify_posts(demo).tolist()
    ['broadcast', 'conversation', 'conversation', 'conversation']
    """
    talks = posts["kind"].isin(CONVERSATION_KINDS) | (posts["mentions"].fillna("") != "")
    return pd.Series(np.where(talks, "conversation", "broadcast"), index=posts.index, name="style")


def broadcast_share(posts: pd.DataFrame) -> float:
    """Exercise 01.2: the share (0–1) of posts that are broadcasts.

    >>> demo = pd.DataFrame({"kind": ["original", "reply", "original", "original"],
    ...                      "mentions": ["", "@a", "", ""]})
    >>> broadcast_share(demo)
    0.75
    """
    return float((classify_posts(posts) == "broadcast").mean())


def social_ratio(posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.Series:
    """Exercise 01.3: each business's share of posts that are conversation, by handle.

    >>> r = social_ratio(load("posts"), load("accounts"))
    >>> r.between(0, 1).all(), r.index.name
    (np.True_, 'handle')
    """
    business = accounts.loc[accounts["kind"] == "business", "account_id"]
    mine = posts[posts["account_id"].isin(business)]
    talk = classify_posts(mine) == "conversation"
    return talk.groupby(mine["handle"]).mean().rename("social_ratio").rename_axis("handle").sort_index()


def log_on_post_log_off(posts: pd.DataFrame, accounts: pd.DataFrame,
                        scenario: Scenario | None = None) -> set[str]:
    """Exercise 01.4: businesses that post in the hashtag hours but never converse there.

    >>> quiet = log_on_post_log_off(load("posts"), load("accounts"))
    >>> all(h.startswith("@") for h in quiet)
    True
    """
    business = accounts.loc[accounts["kind"] == "business", "account_id"]
    hp = hour_posts(posts, scenario)
    hp = hp[hp["account_id"].isin(business)]
    talks = (classify_posts(hp) == "conversation").groupby(hp["handle"]).any()
    return set(talks.index[~talks.to_numpy()])


# --------------------------------------------------------------------------- LinkedIn: passive vs active

def activity_profile(activity: pd.DataFrame, members: pd.DataFrame | None = None,
                     threshold: int = ACTIVE_THRESHOLD) -> pd.DataFrame:
    """Active and passive actions per member over the quarter, with the member's style.

    >>> prof = activity_profile(load("linkedin_activity"), load("linkedin_members"))
    >>> list(prof.columns)
    ['active_actions', 'passive_actions', 'style']
    """
    active = activity["action"].isin(ACTIVE_ACTIONS)
    counts = pd.DataFrame({
        "active_actions": active.groupby(activity["member_id"]).sum(),
        "passive_actions": (~active).groupby(activity["member_id"]).sum(),
    })
    if members is not None:
        counts = counts.reindex(members["member_id"], fill_value=0)
    counts = counts.astype(int).rename_axis("member_id")
    counts["style"] = np.where(counts["active_actions"] >= threshold, "active", "passive")
    return counts


def opportunity_share(activity: pd.DataFrame, outcomes: pd.DataFrame,
                      members: pd.DataFrame | None = None, threshold: int = ACTIVE_THRESHOLD) -> pd.Series:
    """Exercise 01.5: share of active and of passive members with at least one opportunity.

    >>> share = opportunity_share(load("linkedin_activity"), load("linkedin_outcomes"))
    >>> sorted(share.index)
    ['active', 'passive']
    """
    prof = activity_profile(activity, members, threshold)
    got = outcomes.set_index("member_id")["opportunities"].reindex(prof.index).fillna(0) > 0
    return got.groupby(prof["style"]).mean().rename("share_with_opportunity").rename_axis("style")


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
    a = np.minimum(f["follower_id"], f["followed_id"])
    b = np.maximum(f["follower_id"], f["followed_id"])
    per_pair = pd.Series(1, index=pd.MultiIndex.from_arrays([a, b])).groupby(level=[0, 1]).size()
    return float((per_pair == 2).mean())


def rank_correlation(x: pd.Series, y: pd.Series) -> float:
    """Spearman's rank correlation (ties averaged), without needing SciPy.

    >>> rank_correlation(pd.Series([1, 2, 3, 4]), pd.Series([10, 20, 25, 100]))
    1.0
    """
    return float(x.rank().corr(y.rank()))


def account_summary(posts: pd.DataFrame, accounts: pd.DataFrame,
                    scenario: Scenario | None = None) -> pd.DataFrame:
    """One row per business: posting habits and what they got back.

    ``engagement_per_post`` is likes + retweets + replies per post; ``engagement_rate`` divides
    that by followers, so large and small accounts can be compared fairly.

    >>> summary = account_summary(load("posts"), load("accounts"))
    >>> {"social_ratio", "engagement_rate", "hour_posts"} <= set(summary.columns)
    True
    """
    biz = accounts[accounts["kind"] == "business"].set_index("handle")
    mine = posts[posts["handle"].isin(biz.index)].copy()
    mine["engagement"] = mine["likes"] + mine["retweets"] + mine["replies"]
    mine["conversation"] = classify_posts(mine) == "conversation"
    mine["in_hour"] = in_hashtag_hour(mine["created_at"], scenario)
    g = mine.groupby("handle")
    out = pd.DataFrame({
        "posts": g.size(),
        "hour_posts": g["in_hour"].sum(),
        "social_ratio": g["conversation"].mean(),
        "engagement_per_post": g["engagement"].mean(),
    }).reindex(biz.index).fillna({"posts": 0, "hour_posts": 0})
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

    >>> focus = self_focus(load("posts"), load("accounts"))
    >>> bool(focus.between(0, 1).all())
    True
    """
    business = accounts.loc[accounts["kind"] == "business", "handle"]
    own = posts[posts["handle"].isin(business) & (posts["kind"] == "original")]
    return (own["content"] == "self_promotion").groupby(own["handle"]).mean().rename("self_focus")


def friends_vs_following(posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """Per business: accounts followed versus "friends" (accounts addressed at least twice).

    Huberman, Romero & Wu (First Monday 2009) call the people you address at least twice your
    friends, and found them far fewer than the accounts you follow.

    >>> fv = friends_vs_following(load("posts"), load("accounts"))
    >>> bool((fv["friends"] <= fv["following"]).all())
    True
    """
    biz = accounts[accounts["kind"] == "business"].set_index("handle")
    mine = posts[posts["handle"].isin(biz.index) & posts["mentions"].notna()]
    pairs = mine.assign(to=mine["mentions"].str.split()).explode("to")
    pairs = pairs[pairs["to"] != pairs["handle"]]
    addressed = pairs.groupby(["handle", "to"]).size()
    friends = (addressed >= 2).groupby(level="handle").sum().reindex(biz.index, fill_value=0)
    return pd.DataFrame({"following": biz["following_count"], "friends": friends.astype(int)})


def audience_bands(summary: pd.DataFrame) -> pd.DataFrame:
    """Split businesses into thirds by followers; rank correlation of conversation and engagement in each.

    Conversational businesses also tend to have more followers, and more followers bring more
    engagement per post. Comparing within bands of similar audience size takes that out.

    >>> bands = audience_bands(account_summary(load("posts"), load("accounts")))
    >>> list(bands.columns)
    ['band', 'businesses', 'rank_correlation']
    """
    rows = [{"band": str(b), "businesses": int(len(g)),
             "rank_correlation": rank_correlation(g["social_ratio"], g["engagement_per_post"])}
            for b, g in summary.groupby(audience_band(summary), observed=True)]
    return pd.DataFrame(rows)


AUDIENCE_BANDS = ("smallest third", "middle third", "largest third")


def audience_band(summary: pd.DataFrame) -> pd.Series:
    """Each business's third of the follower counts (ties broken by order), as a categorical."""
    return pd.qcut(summary["followers"].rank(method="first"), 3, labels=list(AUDIENCE_BANDS))


# --------------------------------------------------------------------------- exercises

def _posts():
    return load("posts")


def _count_where(mask_fn):
    return lambda: int(mask_fn(_posts()).sum())


def _utc_window(p):
    """The 01.1 mistake of filtering UTC clock times as if they were local."""
    return _in_window(p["created_at"].dt.tz_convert("UTC"), load_scenario())


def _inclusive_end(p):
    s = load_scenario()
    local = p["created_at"]
    clock = local.dt.strftime("%H:%M")
    return local.dt.date.isin(s.evenings()) & (clock >= f"{s.start:%H:%M}") & (clock <= f"{s.end:%H:%M}")


def _first_week(p):
    s = load_scenario()
    return in_hashtag_hour(p["created_at"]) & (p["created_at"].dt.date == s.first_date)


def _whole_evening(p):
    s = load_scenario()
    return p["created_at"].dt.date.isin(s.evenings()) & (p["created_at"].dt.hour >= 18)


def _relabel(answer, mapping):
    """An answer Series with its index labels renamed (for 'right values, wrong labels')."""
    series = pd.Series(answer) if isinstance(answer, dict) else answer
    return series.rename(index=mapping) if isinstance(series, pd.Series) else None


def _handle_of():
    acc = load("accounts")
    return dict(zip(acc["account_id"], acc["handle"]))


def _biz(p):
    acc = load("accounts")
    return p[p["account_id"].isin(acc.loc[acc["kind"] == "business", "account_id"])]


register(
    Exercise(
        id="01.1", title="Posts in the hashtag hour",
        ask="The answer is one whole number: posts made during the hour, all weeks together.",
        expected=lambda: count_hour_posts(_posts()),
        solution=count_hour_posts,
        hints=(
            "Copy the worked example's `first_quarter = ...` line, then swap `first_evening` for "
            "`on_an_evening` and `\"19:45\"` for `END`.",
            "Keep round brackets around each comparison: "
            "`on_an_evening & (clock >= START) & (clock < END)`. Then `.sum()` counts the Trues.",
            "The times are already in local time. Don't convert to UTC: some weeks are in summer "
            "time, when UTC is an hour behind the clock on the wall.",
        ),
        mistakes=(
            Mistake("That is the count if the times are read in UTC (or with the time zone "
                    "removed): the weeks before the clocks went back are an hour out. Use local time.",
                    answer=_count_where(_utc_window)),
            Mistake("Close: that count includes posts made at the end time itself. The hour ends "
                    "*before* the end time: use < for the end, not <=.",
                    answer=_count_where(_inclusive_end)),
            Mistake("That is only the first week. The question asks for all weeks together.",
                    answer=_count_where(_first_week)),
            Mistake("That counts posts using the hashtag. People also tag posts outside the hour "
                    "and many replies skip the tag: filter on the time, not the tag.",
                    answer=lambda: int(_posts()["hashtags"].fillna("").str.contains(load_scenario().hashtag).sum())),
            Mistake("That counts the whole evening. Keep only the hour itself.",
                    answer=_count_where(_whole_evening)),
            Mistake("That counts only original posts; replies, retweets and quotes made in the "
                    "hour count too.",
                    answer=lambda: int((in_hashtag_hour(_posts()["created_at"])
                                        & (_posts()["kind"] == "original")).sum())),
        ),
    ),
    Exercise(
        id="01.2", title="How much is broadcasting?",
        ask="The answer is one number between 0 and 1: the share of all posts that are broadcasts.",
        expected=lambda: broadcast_share(_posts()),
        solution=broadcast_share,
        hints=(
            "A post is conversation if its kind is reply, retweet or quote, OR it mentions "
            "someone. Everything else is a broadcast.",
            "`posts[\"kind\"].isin([...])` and `posts[\"mentions\"].notna()` give True/False columns; "
            "combine them with `|` (or).",
            "The mean of a True/False column is the share of Trues.",
        ),
        mistakes=(
            Mistake("That is a count of posts, not a share. Divide by the number of posts (or take "
                    "the mean of a True/False column).",
                    answer=lambda: int((classify_posts(_posts()) == "broadcast").sum())),
            Mistake("That is the share of *conversation*, the opposite of what was asked.",
                    answer=lambda: 1 - broadcast_share(_posts())),
            Mistake("You counted only replies as conversation. Retweets and quotes share someone "
                    "else's post (giving them reach), and mentions talk to someone: they are "
                    "conversation too.",
                    answer=lambda: float((_posts()["kind"] != "reply").mean())),
            Mistake("You only looked at the kind of post. An original post that @mentions someone "
                    "is talking to them: count mentions as conversation too.",
                    answer=lambda: float((_posts()["kind"] == "original").mean())),
            Mistake("That is the share for the hashtag hour only. The question is about all posts.",
                    answer=lambda: broadcast_share(hour_posts(_posts()))),
        ),
    ),
    Exercise(
        id="01.3", title="Each business's social ratio",
        ask="The answer is one number per business (a Series indexed by handle), each between 0 and 1.",
        expected=lambda: social_ratio(_posts(), load("accounts")),
        solution=social_ratio,
        hints=(
            "`business_posts` already has an `is_conversation` column. You need its share of Trues "
            "for each handle separately.",
            "`business_posts.groupby(\"handle\")` splits the rows by business; pick the column with "
            "`[\"is_conversation\"]` and finish with `.mean()`.",
            "`ratio = business_posts.groupby(\"handle\")[\"is_conversation\"].mean()`",
        ),
        mistakes=(
            Mistake("Those are counts of conversation posts. A business that posts a lot would look "
                    "social even if it mostly broadcasts: divide by each business's own number of posts.",
                    answer=lambda: (classify_posts(_biz(_posts())) == "conversation")
                    .groupby(_biz(_posts())["handle"]).sum()),
            Mistake("That is each business's share of broadcasts: the opposite of the social ratio.",
                    answer=lambda: 1 - social_ratio(_posts(), load("accounts"))),
            Mistake("You divided by the number of posts in the whole dataset. Divide by each "
                    "business's own posts.",
                    answer=lambda: (classify_posts(_biz(_posts())) == "conversation")
                    .groupby(_biz(_posts())["handle"]).sum() / len(_posts())),
            Mistake("Right values, but label them by handle, not account_id.",
                    matches=lambda a, e: same(_relabel(a, _handle_of()), e)),
            Mistake("That uses only the hashtag hour. The ratio is over all of a business's posts.",
                    answer=lambda: social_ratio(hour_posts(_posts()), load("accounts"))),
        ),
    ),
    Exercise(
        id="01.4", title="Log on, post, log off",
        ask="The answer is a set (or list) of handles.",
        expected=lambda: log_on_post_log_off(_posts(), load("accounts")),
        solution=log_on_post_log_off,
        hints=(
            "For each handle, ask: did *any* of its hour posts converse? "
            "`hour.groupby(\"handle\")[\"is_conversation\"].any()` gives True or False per handle.",
            "You want the handles where that is False. If `talks` is the True/False result, "
            "`talks[~talks]` keeps the False rows.",
            "The handles are the labels (the index) of those rows: `set(talks[~talks].index)`.",
        ),
        mistakes=(
            Mistake("You looked at all of each business's posts, not only those in the hashtag "
                    "hours. The question is about behaviour *during* the hour.",
                    answer=lambda: (lambda b: set((classify_posts(b) == "conversation").groupby(b["handle"])
                                                  .any().loc[lambda s: ~s].index))(_biz(_posts()))),
            Mistake("Your list includes accounts that are not businesses (residents ask questions "
                    "and chat; they are not the businesses we are studying).",
                    answer=lambda: (lambda h: set((classify_posts(h) == "conversation").groupby(h["handle"])
                                                  .any().loc[lambda s: ~s].index))(hour_posts(_posts()))),
            Mistake("You treated only replies as conversation. Retweets, quotes and mentions "
                    "engage others too.",
                    answer=lambda: (lambda h: set((h["kind"] == "reply").groupby(h["handle"]).any()
                                                  .loc[lambda s: ~s].index))(_biz(hour_posts(_posts())))),
        ),
    ),
    Exercise(
        id="01.5", title="Passive profile or active networking?",
        ask="The answer is a Series with two values, indexed \"active\" and \"passive\": the share of "
            "members in each group with at least one opportunity.",
        expected=lambda: opportunity_share(load("linkedin_activity"), load("linkedin_outcomes"),
                                           load("linkedin_members")),
        solution=opportunity_share,
        hints=(
            "`style` says active or passive for each member, and `got_opportunity` is True for "
            "members with at least one opportunity. You want the share of Trues in each style.",
            "`got_opportunity.groupby(style)` splits the True/False column by style; finish with "
            "`.mean()` for the share.",
            "`share = got_opportunity.groupby(style).mean()`",
        ),
        mistakes=(
            Mistake("You counted every action, passive ones too. Editing your profile or liking a "
                    "post is not networking: count only the active actions.",
                    answer=lambda: (lambda a: opportunity_share(a.assign(action="comment"),
                                                                load("linkedin_outcomes"),
                                                                load("linkedin_members")))(load("linkedin_activity"))),
            Mistake("Those are numbers of members, not shares. Divide by the size of each group.",
                    answer=lambda: (lambda p, o: (o.set_index("member_id")["opportunities"]
                                                  .reindex(p.index).fillna(0) > 0).groupby(p["style"]).sum())(
                        activity_profile(load("linkedin_activity"), load("linkedin_members")),
                        load("linkedin_outcomes"))),
            Mistake("That is the average number of opportunities per member; the question asks for "
                    "the share of members with at least one.",
                    answer=lambda: (lambda p, o: o.set_index("member_id")["opportunities"]
                                    .reindex(p.index).fillna(0).groupby(p["style"]).mean())(
                        activity_profile(load("linkedin_activity"), load("linkedin_members")),
                        load("linkedin_outcomes"))),
            Mistake("The labels are swapped: check which group is which.",
                    matches=lambda a, e: same(_relabel(a, {"active": "passive", "passive": "active"}), e)),
        ),
    ),
)

