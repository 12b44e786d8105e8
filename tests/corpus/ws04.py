"""Workshop 04 (the hashtag hour): answers learners type for 04.1-04.5, and what the check must say.

The names are the notebook's (``posts``, ``accounts``, ``follows``, ``new_follows``,
``business_ids``, ``hour`` with its ``evening`` column, ``post_id``, ``author``, ``sharers``,
``spreaders``, ``seen``, ``requests``, ``flagged``, ``replies``, ``me``, ``my_follows``,
``theirs``, ``counts``, ``business_posts`` with its ``is_conversation`` column, ``last``),
rebuilt here from :class:`Tables` so every attempt replays on any scenario (no literal ids,
dates or "#dorsethour": the scenario's own values). The notebook imports pandas as ``pd``.
``says`` holds what a good diagnosis must name (lower case).
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

from kit.social import classify_posts, hour_posts

from . import Tables, odd, right, shortcut, slip

# --------------------------------------------------------------------------- the notebook's names


def business_ids(t: Tables) -> pd.Series:
    return t.accounts.loc[t.accounts["kind"] == "business", "account_id"]


def hour(t: Tables) -> pd.DataFrame:
    h = hour_posts(t.posts).copy()
    h["evening"] = h["created_at"].dt.date
    return h


def first(t: Tables) -> pd.Series:
    return hour(t).groupby("handle")["evening"].min()


def newcomers(t: Tables) -> pd.Series:
    return first(t).value_counts().sort_index()


def post_id(t: Tables) -> int:
    from kit.hashtag import example_post

    return example_post(t.posts, t.accounts)


def author(t: Tables):
    p = t.posts
    return p.loc[p["post_id"] == post_id(t), "account_id"].iloc[0]


def sharers(t: Tables) -> pd.Series:
    p = t.posts
    return p.loc[p["shared_post_id"] == post_id(t), "account_id"]


def spreaders(t: Tables) -> list:
    return [author(t), *sharers(t)]


def followers_of(t: Tables, who) -> pd.Series:
    f = t.follows
    return f.loc[f["followed_id"].isin(who), "follower_id"]


def seen(t: Tables) -> set:
    return set(followers_of(t, spreaders(t)))


def n_audience(t: Tables) -> int:
    return len(seen(t) - {author(t)})


def hub(t: Tables):
    return t.accounts.loc[t.accounts["kind"] == "hub", "account_id"].iloc[0]


def requests(t: Tables) -> pd.DataFrame:
    return t.posts[t.posts["asks_recommendation"]]


def flagged(t: Tables) -> pd.Series:
    from kit.hashtag import looks_like_request

    return looks_like_request(t.posts)


def replies(t: Tables) -> pd.DataFrame:
    p = t.posts
    return p[p["reply_to_post_id"].isin(requests(t)["post_id"])]


def business_replies(t: Tables) -> pd.DataFrame:
    r = replies(t)
    return r[r["account_id"].isin(business_ids(t))]


def answers(t: Tables) -> pd.Series:
    return business_replies(t)["handle"].value_counts()


def me(t: Tables) -> int:
    from kit.hashtag import example_account

    return example_account(t.accounts, t.new_follows)


def my_follows(t: Tables) -> pd.Series:
    f = t.follows
    return f.loc[f["follower_id"] == me(t), "followed_id"]


def theirs(t: Tables) -> pd.Series:
    f = t.follows
    return f.loc[f["follower_id"].isin(my_follows(t)), "followed_id"]


def counts(t: Tables) -> pd.Series:
    return theirs(t).value_counts()


def fof(t: Tables) -> pd.Series:
    c = counts(t)
    return c[~c.index.isin(my_follows(t)) & (c.index != me(t))]


def business_posts(t: Tables) -> pd.DataFrame:
    b = t.posts[t.posts["account_id"].isin(business_ids(t))].copy()
    b["is_conversation"] = classify_posts(b) == "conversation"
    return b


def last(t: Tables, n: int = 5) -> pd.DataFrame:
    return business_posts(t).sort_values("created_at").groupby("handle").tail(n)


def share(t: Tables) -> pd.Series:
    return last(t).groupby("handle")["is_conversation"].mean()


def _no_at(s: pd.Series) -> pd.Series:
    return s.rename(index=lambda h: str(h).lstrip("@"))


def _new_each_evening_by_loop(t: Tables) -> pd.Series:
    h = hour(t)
    met, out = set(), {}
    for evening in sorted(h["evening"].unique()):
        here = set(h.loc[h["evening"] == evening, "handle"])
        out[evening] = len(here - met)
        met |= here
    return pd.Series(out)


def _fof_counter(t: Tables) -> dict:
    f = t.follows
    mine = set(my_follows(t))
    c = Counter()
    for follower, followed in zip(f["follower_id"], f["followed_id"]):
        if follower in mine and followed not in mine and followed != me(t):
            c[followed] += 1
    return dict(c)


# --------------------------------------------------------------------------- 04.1 newcomers per evening

ATTEMPTS = [
    right("04.1", "groupby min, value_counts, sort_index", newcomers),
    right("04.1", "value_counts without sort_index", lambda t: first(t).value_counts()),
    right(
        "04.1",
        "drop_duplicates after sorting by time",
        lambda t: hour(t).sort_values("created_at").drop_duplicates("handle")["evening"].value_counts().sort_index(),
    ),
    right(
        "04.1",
        "~duplicated(), then groupby size",
        lambda t: hour(t).sort_values("created_at").loc[lambda d: ~d["handle"].duplicated()].groupby("evening").size(),
    ),
    right(
        "04.1",
        "transform('min'), then nunique per evening",
        lambda t: (
            hour(t)[hour(t)["evening"] == hour(t).groupby("handle")["evening"].transform("min")]
            .groupby("evening")["handle"]
            .nunique()
        ),
    ),
    right("04.1", "a loop over the evenings with a set of seen handles", _new_each_evening_by_loop),
    right(
        "04.1",
        "by account_id instead of handle",
        lambda t: hour(t).groupby("account_id")["evening"].min().value_counts().sort_index(),
    ),
    right(
        "04.1",
        "first created_at, then .dt.date",
        lambda t: hour(t).groupby("handle")["created_at"].min().dt.date.value_counts().sort_index(),
    ),
    right("04.1", "as a dict", lambda t: newcomers(t).to_dict()),
    right("04.1", "groupby the first evenings, size", lambda t: first(t).groupby(first(t)).size()),
    shortcut(
        "04.1",
        "the worked example: everyone who posted each evening",
        lambda t: hour(t).groupby("evening")["handle"].nunique(),
        "first",
        "min",
        rung="mistake",
    ),
    shortcut(
        "04.1",
        "posts per evening (size)",
        lambda t: hour(t).groupby("evening").size(),
        "posts",
        "accounts",
        rung="mistake",
    ),
    shortcut(
        "04.1",
        "max instead of min: last evenings",
        lambda t: hour(t).groupby("handle")["evening"].max().value_counts().sort_index(),
        "last",
        "min",
        rung="mistake",
    ),
    shortcut(
        "04.1",
        "new compared with the week before only",
        lambda t: pd.Series(
            {
                d: len(
                    set(hour(t).loc[hour(t)["evening"] == d, "handle"])
                    - (set(hour(t).loc[hour(t)["evening"] == p, "handle"]) if p else set())
                )
                for p, d in zip([None, *sorted(hour(t)["evening"].unique())[:-1]], sorted(hour(t)["evening"].unique()))
            }
        ),
        "week before",
        "first time",
        rung="mistake",
    ),
    shortcut(
        "04.1",
        "the hour found by the hashtag",
        lambda t: (
            t.posts[t.posts["hashtags"].fillna("").str.contains(t.scenario.hashtag, regex=False)]
            .groupby("handle")["created_at"]
            .min()
            .dt.date.value_counts()
            .sort_index()
        ),
        "hashtag",
        "hour",
        rung="mistake",
    ),
    shortcut(
        "04.1",
        "each account's first post at any time",
        lambda t: (lambda f: f[f.isin(t.scenario.evenings())].value_counts().sort_index())(
            t.posts.groupby("handle")["created_at"].min().dt.date
        ),
        "any time",
        "hour",
        rung="mistake",
    ),
    shortcut(
        "04.1",
        "accounts that came only once",
        lambda t: (lambda n: hour(t)[hour(t)["handle"].isin(n[n == 1].index)].groupby("evening")["handle"].nunique())(
            hour(t).groupby("handle")["evening"].nunique()
        ),
        "one evening",
        "first evening",
        rung="mistake",
    ),
    slip(
        "04.1", "a running total (cumsum)", lambda t: newcomers(t).cumsum(), "running total", "cumsum", rung="mistake"
    ),
    slip(
        "04.1",
        "forgot .dt.date: first timestamps counted",
        lambda t: hour(t).groupby("handle")["created_at"].min().value_counts().sort_index(),
        "labelled by evening",
        rung="labels",
    ),
    slip("04.1", "the first evening of each handle (no count)", first, "labelled by evening", rung="labels"),
    slip("04.1", "how many newcomers in all", lambda t: int(first(t).count()), "evening"),
    slip("04.1", "reset_index(): a table", lambda t: newcomers(t).reset_index(), rung="container"),
    slip("04.1", "tolist(): counts without dates", lambda t: newcomers(t).tolist(), "evening", rung="container"),
    right("04.1", "dates as text labels", lambda t: newcomers(t).rename(index=str)),
    slip("04.1", "the first evening left out (iloc[1:])", lambda t: newcomers(t).iloc[1:], "missing", rung="top_n"),
    slip("04.1", "nlargest(3): the biggest evenings", lambda t: newcomers(t).nlargest(3), "whole series", rung="top_n"),
    slip("04.1", "the newcomers of the first evening only", lambda t: int(newcomers(t).iloc[0]), "evening"),
    slip(
        "04.1",
        "the hour's rows on each first evening (the table)",
        lambda t: hour(t)[hour(t)["evening"] == hour(t).groupby("handle")["evening"].transform("min")],
        "table",
    ),
    odd("04.1", "None (print)", lambda t: None, "none", rung="none"),
    odd("04.1", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("04.1", "text", lambda t: "12 newcomers", "text"),
    odd("04.1", "negative counts", lambda t: -newcomers(t), "minus"),
    odd("04.1", "an empty Series", lambda t: pd.Series(dtype="int64"), "empty"),
    odd("04.1", "True", lambda t: True, "evening"),
]

# --------------------------------------------------------------------------- 04.2 audience of a post

ATTEMPTS += [
    right("04.2", "set minus the author, len", n_audience),
    right(
        "04.2",
        "drop_duplicates, then drop the author",
        lambda t: int((lambda s: (s != author(t)).sum())(followers_of(t, spreaders(t)).drop_duplicates())),
    ),
    right(
        "04.2",
        "nunique of the followers, author left out",
        lambda t: followers_of(t, spreaders(t)).loc[lambda s: s != author(t)].nunique(),
    ),
    right(
        "04.2",
        "union of each spreader's follower set",
        lambda t: len(set().union(*(set(followers_of(t, [s])) for s in spreaders(t))) - {author(t)}),
    ),
    right(
        "04.2",
        "merge spreaders with follows",
        lambda t: (lambda m: m.loc[m["follower_id"] != author(t), "follower_id"].nunique())(
            pd.DataFrame({"followed_id": spreaders(t)}).merge(t.follows, on="followed_id")
        ),
    ),
    right(
        "04.2",
        "a comprehension instead of isin",
        lambda t: (
            lambda sp, a: len(
                {fr for fr, fd in zip(t.follows["follower_id"], t.follows["followed_id"]) if fd in sp and fr != a}
            )
        )(set(spreaders(t)), author(t)),
    ),
    right("04.2", "len(seen) less one if the author is in it", lambda t: len(seen(t)) - (author(t) in seen(t))),
    right(
        "04.2",
        "discard the author, as a float",
        lambda t: float(len((lambda s: (s.discard(author(t)), s)[1])(seen(t)))),
    ),
    shortcut(
        "04.2",
        "counted rows, not distinct followers",
        lambda t: len(followers_of(t, spreaders(t))[followers_of(t, spreaders(t)) != author(t)]),
        "set",
        "twice",
        rung="mistake",
    ),
    shortcut("04.2", "the author kept in", lambda t: len(seen(t)), "author", rung="mistake"),
    shortcut(
        "04.2",
        "rows, and the author kept",
        lambda t: len(followers_of(t, spreaders(t))),
        "set",
        "author",
        rung="mistake",
    ),
    shortcut(
        "04.2",
        "the author's followers only",
        lambda t: len(set(followers_of(t, [author(t)])) - {author(t)}),
        "shared",
        "spreaders",
        rung="mistake",
    ),
    shortcut(
        "04.2",
        "the sharers' followers only",
        lambda t: len(set(followers_of(t, list(sharers(t)))) - {author(t)}),
        "author",
        rung="mistake",
    ),
    shortcut(
        "04.2",
        "added up the profiles' followers_count",
        lambda t: int(t.accounts.set_index("account_id").loc[spreaders(t), "followers_count"].sum()),
        "follower counts",
        "twice",
        rung="mistake",
    ),
    slip(
        "04.2",
        "matched follower_id: whom the spreaders follow",
        lambda t: len(set(t.follows.loc[t.follows["follower_id"].isin(spreaders(t)), "followed_id"]) - {author(t)}),
        "follow",
        "followed_id",
        rung="mistake",
    ),
    shortcut(
        "04.2",
        "left out the hub's retweet",
        lambda t: len(set(followers_of(t, [s for s in spreaders(t) if s != hub(t)])) - {author(t)}),
        "hub",
        rung="mistake",
    ),
    slip("04.2", "the number of spreaders", lambda t: len(spreaders(t)), "spreaders", "followers", rung="mistake"),
    slip("04.2", "the set itself, not its size", lambda t: seen(t) - {author(t)}, "set", "one number", rung="type"),
    slip(
        "04.2",
        "the follows rows (the filtered table)",
        lambda t: t.follows[t.follows["followed_id"].isin(spreaders(t))],
        "table",
    ),
    slip("04.2", "off by one (took out the author twice)", lambda t: n_audience(t) - 1, "1 fewer", rung="count_off"),
    slip("04.2", "every spreader taken out", lambda t: len(seen(t) - set(spreaders(t))), "fewer", rung="count_off"),
    slip("04.2", "the sharers' account_ids", lambda t: list(sharers(t)), "one number"),
    slip("04.2", "len(follows)", lambda t: len(t.follows), "follow"),
    odd("04.2", "None (print)", lambda t: None, "none", rung="none"),
    odd("04.2", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("04.2", "text", lambda t: str(n_audience(t)), "text", rung="type"),
    odd("04.2", "negative", lambda t: -n_audience(t), "minus"),
    odd("04.2", "a dict", lambda t: {"audience": n_audience(t)}, "number itself", rung="container"),
    odd("04.2", "True", lambda t: True, "number"),
]

# --------------------------------------------------------------------------- 04.3 businesses' answers

ATTEMPTS += [
    right("04.3", "isin twice, value_counts", answers),
    right("04.3", "groupby handle size", lambda t: business_replies(t).groupby("handle").size()),
    right(
        "04.3",
        "merge replies with requests",
        lambda t: (lambda m: m[m["account_id"].isin(business_ids(t))]["handle"].value_counts())(
            t.posts.merge(
                requests(t)[["post_id"]].rename(columns={"post_id": "reply_to_post_id"}), on="reply_to_post_id"
            )
        ),
    ),
    right(
        "04.3",
        "merge with accounts for the kind",
        lambda t: (lambda m: m.loc[m["kind_acc"] == "business", "handle"].value_counts())(
            replies(t).merge(t.accounts[["account_id", "kind"]], on="account_id", suffixes=("", "_acc"))
        ),
    ),
    right(
        "04.3",
        "sets of ids, a comprehension",
        lambda t: (
            lambda asked, ours: pd.Series(
                Counter(
                    h
                    for h, r, a in zip(t.posts["handle"], t.posts["reply_to_post_id"], t.posts["account_id"])
                    if r in asked and a in ours
                )
            )
        )(set(requests(t)["post_id"]), set(business_ids(t))),
    ),
    right("04.3", "sorted by handle", lambda t: answers(t).sort_index()),
    right("04.3", "as a dict", lambda t: answers(t).to_dict()),
    shortcut(
        "04.3",
        "everyone's replies, residents too",
        lambda t: replies(t)["handle"].value_counts(),
        "business",
        rung="mistake",
    ),
    shortcut(
        "04.3",
        "the rule's flags as the requests",
        lambda t: (lambda r: r[r["account_id"].isin(business_ids(t))]["handle"].value_counts())(
            t.posts[t.posts["reply_to_post_id"].isin(t.posts.loc[flagged(t), "post_id"])]
        ),
        "flag",
        "requests",
        rung="mistake",
    ),
    shortcut(
        "04.3",
        "only replies labelled answer",
        lambda t: business_replies(t)[business_replies(t)["content"] == "answer"]["handle"].value_counts(),
        "answer",
        rung="mistake",
    ),
    shortcut(
        "04.3",
        "every reply by a business",
        lambda t: t.posts[(t.posts["kind"] == "reply") & t.posts["account_id"].isin(business_ids(t))][
            "handle"
        ].value_counts(),
        "request",
        rung="mistake",
    ),
    shortcut(
        "04.3",
        "requests asked by businesses",
        lambda t: requests(t)[requests(t)["account_id"].isin(business_ids(t))]["handle"].value_counts(),
        "asked",
        rung="mistake",
    ),
    shortcut(
        "04.3",
        "@mentions of businesses in the replies",
        lambda t: (lambda n: n[n.isin(set(t.accounts.loc[t.accounts["kind"] == "business", "handle"]))].value_counts())(
            replies(t)["mentions"].dropna().str.split().explode()
        ),
        "recommended",
        rung="mistake",
    ),
    slip(
        "04.3",
        "counted account_id",
        lambda t: business_replies(t)["account_id"].value_counts(),
        "handle",
        rung="mistake",
    ),
    slip(
        "04.3",
        "normalize=True: shares",
        lambda t: business_replies(t)["handle"].value_counts(normalize=True),
        "normalize",
        rung="mistake",
    ),
    slip("04.3", "handles without the @", lambda t: _no_at(answers(t)), "@", rung="labels"),
    slip("04.3", "tolist(): counts without handles", lambda t: answers(t).tolist(), "handle", rung="container"),
    slip("04.3", "reset_index(): a table", lambda t: answers(t).reset_index(), "handle", rung="container"),
    slip("04.3", "head(): the top five", lambda t: answers(t).head(), "whole series", rung="top_n"),
    slip("04.3", "the total number of answers", lambda t: len(business_replies(t)), "per handle", rung="type"),
    slip("04.3", "the replies table", business_replies, "table", rung="type"),
    slip(
        "04.3",
        "the handles that answered (no counts)",
        lambda t: set(business_replies(t)["handle"]),
        "labels only",
        rung="container",
    ),
    slip(
        "04.3",
        "the residents' replies only",
        lambda t: replies(t)[~replies(t)["account_id"].isin(business_ids(t))]["handle"].value_counts(),
        "business",
    ),
    slip(
        "04.3",
        "every business, with zeros",
        lambda t: answers(t).reindex(t.accounts.loc[t.accounts["kind"] == "business", "handle"], fill_value=0),
        "never answered",
    ),
    odd("04.3", "None (print)", lambda t: None, "none", rung="none"),
    odd("04.3", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("04.3", "a handle as text", lambda t: str(answers(t).index[0]), "one value per handle", rung="top_n"),
    odd("04.3", "negative counts", lambda t: -answers(t), "minus"),
    odd("04.3", "an empty Series", lambda t: pd.Series(dtype="int64"), "empty"),
    odd("04.3", "True", lambda t: True, "handle"),
]

# --------------------------------------------------------------------------- 04.4 friends of friends

ATTEMPTS += [
    right("04.4", "isin, value_counts, two filters", fof),
    right(
        "04.4",
        "drop(index=...) with errors='ignore'",
        lambda t: counts(t).drop(index=[me(t), *my_follows(t)], errors="ignore"),
    ),
    right(
        "04.4",
        "filter the ids first, then value_counts",
        lambda t: theirs(t)[~theirs(t).isin([me(t), *my_follows(t)])].value_counts(),
    ),
    right(
        "04.4",
        "merge follows with itself",
        lambda t: (
            lambda m: m.loc[
                ~m["followed_id_2"].isin(my_follows(t)) & (m["followed_id_2"] != me(t)), "followed_id_2"
            ].value_counts()
        )(
            t.follows[t.follows["follower_id"] == me(t)].merge(
                t.follows, left_on="followed_id", right_on="follower_id", suffixes=("", "_2")
            )
        ),
    ),
    right("04.4", "a Counter in a loop, as a dict", _fof_counter),
    right(
        "04.4",
        "groupby size, sorted by id",
        lambda t: (lambda s: s[~s.index.isin(set(my_follows(t)) | {me(t)})])(theirs(t).groupby(theirs(t)).size()),
    ),
    right(
        "04.4",
        "query with @ variables",
        lambda t: (
            lambda mine, m: t.follows.query("follower_id in @mine and followed_id not in @mine and followed_id != @m")[
                "followed_id"
            ].value_counts()
        )(list(my_follows(t)), me(t)),
    ),
    shortcut(
        "04.4",
        "kept accounts already followed",
        lambda t: counts(t)[counts(t).index != me(t)],
        "already follow",
        rung="mistake",
    ),
    shortcut("04.4", "kept me", lambda t: counts(t)[~counts(t).index.isin(my_follows(t))], "me", rung="mistake"),
    shortcut("04.4", "no filter at all (counts)", counts, "already follow", "me", rung="mistake"),
    shortcut(
        "04.4",
        "matched followed_id: who follows my follows",
        lambda t: (lambda c: c[~c.index.isin(my_follows(t)) & (c.index != me(t))])(
            t.follows.loc[t.follows["followed_id"].isin(my_follows(t)), "follower_id"].value_counts()
        ),
        "follower_id",
        rung="mistake",
    ),
    shortcut(
        "04.4",
        "started from my followers",
        lambda t: (lambda c: c[~c.index.isin(my_follows(t)) & (c.index != me(t))])(
            t.follows.loc[
                t.follows["follower_id"].isin(t.follows.loc[t.follows["followed_id"] == me(t), "follower_id"]),
                "followed_id",
            ].value_counts()
        ),
        "followers",
        rung="mistake",
    ),
    slip("04.4", "head(5): the top five", lambda t: fof(t).head(5), "head", rung="mistake"),
    slip("04.4", "nlargest(5)", lambda t: fof(t).nlargest(5), "top five", rung="mistake"),
    slip(
        "04.4",
        "labelled by handle",
        lambda t: fof(t).rename(index=t.accounts.set_index("account_id")["handle"]),
        "account_id",
        rung="mistake",
    ),
    slip(
        "04.4",
        "normalize=True: shares",
        lambda t: (lambda c: c[~c.index.isin(my_follows(t)) & (c.index != me(t))])(
            theirs(t).value_counts(normalize=True)
        ),
        "shares",
        "count",
        rung="count_vs_share",
    ),
    slip(
        "04.4",
        "isin without ~: only accounts already followed",
        lambda t: counts(t)[counts(t).index.isin(my_follows(t))],
        "already",
    ),
    slip("04.4", "divided by how many I follow", lambda t: fof(t) / len(my_follows(t)), "count"),
    slip("04.4", "the ids only (no counts)", lambda t: set(fof(t).index), "labels only", rung="container"),
    slip("04.4", "tolist(): counts without ids", lambda t: fof(t).tolist(), "account_id", rung="container"),
    slip("04.4", "reset_index(): a table", lambda t: fof(t).reset_index(), "account_id", rung="container"),
    # a good diagnosis: that is how many there are (len), not each one's count; not "one label"
    slip("04.4", "how many friends of friends", lambda t: len(fof(t)), "how many", rung="mistake"),
    slip(
        "04.4",
        "the follows rows (the filtered table)",
        lambda t: t.follows[t.follows["follower_id"].isin(my_follows(t))],
        "table",
    ),
    odd("04.4", "None (print)", lambda t: None, "none", rung="none"),
    odd("04.4", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("04.4", "text", lambda t: "lots", "text"),
    odd("04.4", "negative counts", lambda t: -fof(t), "minus"),
    odd("04.4", "an empty Series", lambda t: pd.Series(dtype="int64"), "empty"),
    odd("04.4", "True", lambda t: True, "account"),
]

# --------------------------------------------------------------------------- 04.5 the last five posts

ATTEMPTS += [
    right("04.5", "sort, groupby tail(5), mean", share),
    right(
        "04.5",
        "newest first, head(5)",
        lambda t: (
            business_posts(t)
            .sort_values("created_at", ascending=False)
            .groupby("handle")
            .head(5)
            .groupby("handle")["is_conversation"]
            .mean()
        ),
    ),
    right(
        "04.5",
        "apply with iloc[-5:]",
        lambda t: (
            business_posts(t)
            .sort_values("created_at")
            .groupby("handle")["is_conversation"]
            .apply(lambda s: s.iloc[-5:].mean())
        ),
    ),
    right(
        "04.5",
        "nlargest(5, 'created_at') per business",
        lambda t: (
            business_posts(t)
            .groupby("handle")[["created_at", "is_conversation"]]
            .apply(lambda d: d.nlargest(5, "created_at")["is_conversation"].mean())
        ),
    ),
    right(
        "04.5",
        "sum over size",
        lambda t: last(t).groupby("handle")["is_conversation"].sum() / last(t).groupby("handle").size(),
    ),
    right(
        "04.5",
        "classify_posts on the last five",
        lambda t: (lambda d: (classify_posts(d) == "conversation").groupby(d["handle"]).mean())(last(t)),
    ),
    right("04.5", "as a dict", lambda t: share(t).to_dict()),
    right("04.5", "sorted by share", lambda t: share(t).sort_values()),
    shortcut(
        "04.5",
        "head(5): the first five",
        lambda t: (
            business_posts(t)
            .sort_values("created_at")
            .groupby("handle")
            .head(5)
            .groupby("handle")["is_conversation"]
            .mean()
        ),
        "first",
        "tail",
        rung="mistake",
    ),
    slip(
        "04.5",
        "newest first, then tail(5)",
        lambda t: (
            business_posts(t)
            .sort_values("created_at", ascending=False)
            .groupby("handle")
            .tail(5)
            .groupby("handle")["is_conversation"]
            .mean()
        ),
        "first",
        rung="mistake",
    ),
    shortcut(
        "04.5",
        "every post of each business",
        lambda t: business_posts(t).groupby("handle")["is_conversation"].mean(),
        "tail",
        rung="mistake",
    ),
    shortcut(
        "04.5",
        "tail(5) without groupby",
        lambda t: business_posts(t).sort_values("created_at").tail(5).groupby("handle")["is_conversation"].mean(),
        "groupby",
        rung="mistake",
    ),
    slip(
        "04.5",
        "sum: a count out of five",
        lambda t: last(t).groupby("handle")["is_conversation"].sum(),
        "mean",
        rung="mistake",
    ),
    shortcut(
        "04.5",
        "a mention taken for conversation",
        lambda t: last(t)["mentions"].notna().groupby(last(t)["handle"]).mean(),
        "mention",
        rung="mistake",
    ),
    shortcut(
        "04.5",
        "the last five in the hour",
        lambda t: (
            lambda h: h.sort_values("created_at").groupby("handle").tail(5).groupby("handle")["is_conversation"].mean()
        )(hour_posts(business_posts(t))),
        "hour",
        rung="mistake",
    ),
    slip("04.5", "tail(3)", lambda t: last(t, 3).groupby("handle")["is_conversation"].mean(), "five", rung="mistake"),
    slip(
        "04.5", "tail(6): one post too many", lambda t: last(t, 6).groupby("handle")["is_conversation"].mean(), "five"
    ),
    shortcut(
        "04.5",
        "kind only, mentions ignored",
        lambda t: last(t)["kind"].isin(["reply", "retweet", "quote"]).groupby(last(t)["handle"]).mean(),
        "mention",
    ),
    slip("04.5", "as a percentage (x100)", lambda t: share(t) * 100, "percent", rung="percent"),
    # (rounding to 1 or 2 places changes nothing: a share of five posts is a multiple of 0.2)
    slip("04.5", ".round() with no places: whole numbers", lambda t: share(t).round(), "round"),
    slip("04.5", "share of broadcasts (1 - share)", lambda t: 1 - share(t), "other group", rung="complement"),
    slip("04.5", "handles without the @", lambda t: _no_at(share(t)), "@", rung="labels"),
    slip("04.5", "tolist(): shares without handles", lambda t: share(t).tolist(), "handle", rung="container"),
    slip("04.5", "reset_index(): a table", lambda t: share(t).reset_index(), "handle", rung="container"),
    slip("04.5", "one overall mean", lambda t: float(last(t)["is_conversation"].mean()), "per handle", rung="type"),
    slip("04.5", "the last table (no mean)", last, "table", rung="type"),
    slip(
        "04.5",
        "by account_id",
        lambda t: last(t).groupby("account_id")["is_conversation"].mean(),
        "handle",
        rung="labels",
    ),
    odd("04.5", "None (print)", lambda t: None, "none", rung="none"),
    odd("04.5", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("04.5", "text", lambda t: "mostly broadcast", "text"),
    odd("04.5", "negative shares", lambda t: -share(t), "minus"),
    # a good diagnosis: a share is never above 1
    odd("04.5", "more than 1", lambda t: share(t) + 1, "between 0 and 1", rung="out_of_range"),
    odd("04.5", "an empty Series", lambda t: pd.Series(dtype="float64"), "empty"),
    odd("04.5", "True", lambda t: True, "handle"),
    odd("04.5", "numpy array", lambda t: np.array(share(t).tolist()), "handle", rung="container"),
]
