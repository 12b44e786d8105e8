"""Workshop 06 (your own account): answers learners type, and what the check must say.

The names are the notebook's (``posts``, ``talks``, ``session``, ``in_order``, ``MY_ZONE``,
``my_posts``), rebuilt from the demo X archive the notebook reads when nothing is imported. Every
attempt passes ``posts=`` (and ``zone=``) as the notebook's cells do. ``says`` holds what a good
diagnosis must name (lower case).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from kit.own import SESSION_GAP

from . import odd, right, shortcut, slip

ZONE = "Europe/London"


@functools.cache
def _demo():
    from kit.mine import my_export

    return my_export(demo=True)


def posts(t=None) -> pd.DataFrame:
    return _demo().tables["posts"].copy()


def given(t) -> dict:
    return {"posts": posts()}


def given_zone(t) -> dict:
    return {"posts": posts(), "zone": ZONE}


def kinds(p):
    return p["kind"].isin(["reply", "retweet", "quote"])


def talks(p):
    return kinds(p) | p["mentions"].notna()


def in_order():
    return posts().sort_values("created_at")


def session():
    return (in_order()["created_at"].diff() > SESSION_GAP).cumsum()


def in_order_talks():
    return talks(in_order())


def talked():
    return in_order_talks().groupby(session()).any()


def hours(zone=ZONE):
    return posts()["created_at"].dt.tz_convert(zone).dt.hour


def by_hour(zone=ZONE):
    return hours(zone).value_counts().reindex(range(24), fill_value=0)


def my_posts():
    p = posts()
    return p[p["kind"] != "retweet"]


def owner():
    return (_demo().owner or "").lower()


def addressed(p=None, drop_self=True):
    p = my_posts() if p is None else p
    to = p["mentions"].dropna().str.split().explode()
    return to[to.str.lower() != owner()] if drop_self else to


def friends(times=2, p=None, drop_self=True):
    n = addressed(p, drop_self).value_counts()
    return set(n[n >= times].index)


ATTEMPTS = [
    # ----------------------------------------------------------------------- 06.1 conversation share
    right("06.1", "kind or mention, mean", lambda t: talks(posts()).mean(), inputs=given),
    slip(
        "06.1", "& instead of |", lambda t: (kinds(posts()) & posts()["mentions"].notna()).mean(), "`|`", inputs=given
    ),
    right("06.1", "sum over len", lambda t: talks(posts()).sum() / len(posts()), inputs=given),
    right(
        "06.1",
        "mentions not empty text",
        lambda t: (kinds(posts()) | (posts()["mentions"].fillna("") != "")).mean(),
        inputs=given,
    ),
    right("06.1", "one minus the broadcast share", lambda t: 1 - (~talks(posts())).mean(), inputs=given),
    right("06.1", "a float() around it", lambda t: float(talks(posts()).mean()), inputs=given),
    shortcut("06.1", "replies only", lambda t: (posts()["kind"] == "reply").mean(), "replies only", inputs=given),
    shortcut("06.1", "kind only", lambda t: kinds(posts()).mean(), "kind of post", inputs=given),
    shortcut("06.1", "mentions only", lambda t: posts()["mentions"].notna().mean(), "mentions only", inputs=given),
    shortcut(
        "06.1",
        "retweets left out",
        lambda t: (posts()["kind"].isin(["reply", "quote"]) | posts()["mentions"].notna()).mean(),
        "retweets",
        inputs=given,
    ),
    slip("06.1", "count not share", lambda t: int(talks(posts()).sum()), "count", inputs=given),
    slip("06.1", "x100", lambda t: talks(posts()).mean() * 100, "percentage", inputs=given),
    slip("06.1", "rounded", lambda t: round(talks(posts()).mean(), 2), "rounded", inputs=given),
    slip("06.1", "broadcast share", lambda t: (~talks(posts())).mean(), "broadcasts", inputs=given),
    slip("06.1", "in a list", lambda t: [talks(posts()).mean()], "list", inputs=given),
    slip("06.1", "as text", lambda t: f"{talks(posts()).mean():.0%}", "text", inputs=given),
    slip("06.1", "in a dict", lambda t: {"share": talks(posts()).mean()}, "dictionary", inputs=given),
    odd("06.1", "NaN", lambda t: float("nan"), "nan", inputs=given),
    odd("06.1", "None", lambda t: None, "none", inputs=given),
    odd("06.1", "negative", lambda t: -talks(posts()).mean(), "sign", inputs=given),
    odd("06.1", "the stub left", lambda t: ..., status="unanswered", inputs=given),
    odd("06.1", "above one", lambda t: 1.5, rung="out_of_range", inputs=given),
    # ----------------------------------------------------------------------- 06.2 broadcast sessions
    right("06.2", "any, then not, mean", lambda t: (~talked()).mean(), inputs=given),
    right("06.2", "one minus the share that talked", lambda t: 1 - talked().mean(), inputs=given),
    right(
        "06.2",
        "max of talks per session",
        lambda t: (in_order_talks().groupby(session()).max() == 0).mean(),
        inputs=given,
    ),
    right(
        "06.2", "sum of talks is zero", lambda t: (in_order_talks().groupby(session()).sum() == 0).mean(), inputs=given
    ),
    shortcut("06.2", "share of broadcast posts", lambda t: (~talks(posts())).mean(), "posts", inputs=given),
    shortcut(
        "06.2",
        "one session per day",
        lambda t: (~talks(posts()).groupby(posts()["created_at"].dt.tz_convert(ZONE).dt.date).any()).mean(),
        "per day",
        inputs=given,
    ),
    shortcut(
        "06.2", "one-post sessions", lambda t: (session().value_counts() == 1).mean(), "one-post sessions", inputs=given
    ),
    slip("06.2", "count of sessions", lambda t: int((~talked()).sum()), "how many sessions", inputs=given),
    slip("06.2", "sessions that talked", lambda t: talked().mean(), "opposite", inputs=given),
    slip(
        "06.2",
        "all instead of any",
        lambda t: (~in_order_talks().groupby(session()).all()).mean(),
        ".all()",
        inputs=given,
    ),
    slip("06.2", "x100", lambda t: (~talked()).mean() * 100, "percentage", inputs=given),
    slip("06.2", "rounded", lambda t: round((~talked()).mean(), 1), "rounded", inputs=given),
    slip("06.2", "in a list", lambda t: [(~talked()).mean()], "list", inputs=given),
    slip("06.2", "as text", lambda t: f"{(~talked()).mean():.0%}", "text", inputs=given),
    odd("06.2", "NaN", lambda t: np.nan, "nan", inputs=given),
    odd("06.2", "None", lambda t: None, "none", inputs=given),
    odd("06.2", "negative", lambda t: -(~talked()).mean(), "sign", inputs=given),
    odd("06.2", "the stub left", lambda t: ..., status="unanswered", inputs=given),
    odd("06.2", "above one", lambda t: 1.5, rung="out_of_range", inputs=given),
    odd("06.2", "a dict", lambda t: {"share": (~talked()).mean()}, "dictionary", inputs=given),
    # ----------------------------------------------------------------------- 06.3 posts by hour
    right("06.3", "value_counts and reindex", lambda t: by_hour(), inputs=given_zone),
    right(
        "06.3",
        "groupby size and reindex",
        lambda t: hours().groupby(hours()).size().reindex(range(24), fill_value=0),
        inputs=given_zone,
    ),
    right(
        "06.3",
        "a list of 24 counts as a Series",
        lambda t: pd.Series([int((hours() == h).sum()) for h in range(24)]),
        inputs=given_zone,
    ),
    right(
        "06.3",
        "via tz_localize(None) after converting",
        lambda t: (
            posts()["created_at"]
            .dt.tz_convert(ZONE)
            .dt.tz_localize(None)
            .dt.hour.value_counts()
            .reindex(range(24), fill_value=0)
        ),
        inputs=given_zone,
    ),
    shortcut("06.3", "hours in UTC", lambda t: by_hour("UTC"), "utc", inputs=given_zone),
    slip(
        "06.3",
        "hours with no posts missing",
        lambda t: hours().value_counts().sort_index(),
        "missing",
        inputs=given_zone,
    ),
    slip(
        "06.3",
        "shares not counts",
        lambda t: hours().value_counts(normalize=True).reindex(range(24), fill_value=0.0),
        "shares",
        inputs=given_zone,
    ),
    slip(
        "06.3",
        "day of the week",
        lambda t: posts()["created_at"].dt.tz_convert(ZONE).dt.day_of_week.value_counts().sort_index(),
        "day of the week",
        inputs=given_zone,
    ),
    slip("06.3", "busiest hour only", lambda t: int(by_hour().idxmax()), "one value per hour", inputs=given_zone),
    slip("06.3", "a plain list", lambda t: by_hour().tolist(), "list", inputs=given_zone),
    right("06.3", "a dict of hour to count", lambda t: by_hour().to_dict(), inputs=given_zone),
    slip(
        "06.3",
        "hours as text labels",
        lambda t: by_hour().rename(index=lambda h: f"{h:02d}:00"),
        "labels",
        inputs=given_zone,
    ),
    slip("06.3", "one hour off", lambda t: by_hour().shift(1, fill_value=0), "1 hour later", inputs=given_zone),
    slip("06.3", "Berlin's clock", lambda t: by_hour("Europe/Berlin"), "time zone 1 hour off", inputs=given_zone),
    slip(
        "06.3",
        "hours as zero-padded text",
        lambda t: by_hour().rename(index=lambda h: f"{h:02d}"),
        "labels are text",
        inputs=given_zone,
    ),
    slip(
        "06.3",
        "strftime hours counted",
        lambda t: posts()["created_at"].dt.tz_convert(ZONE).dt.strftime("%H").value_counts(),
        "labels are text",
        inputs=given_zone,
    ),
    slip(
        "06.3",
        "a fixed hour added to UTC",
        lambda t: ((hours("UTC") + 1) % 24).value_counts().reindex(range(24), fill_value=0),
        "fixed number of hours",
        inputs=given_zone,
    ),
    slip("06.3", "one hour per post, not counted", lambda t: hours(), "one hour per post", inputs=given_zone),
    odd("06.3", "None", lambda t: None, "none", inputs=given_zone),
    odd("06.3", "the stub left", lambda t: ..., status="unanswered", inputs=given_zone),
    odd("06.3", "an empty Series", lambda t: pd.Series(dtype=int), "empty", inputs=given_zone),
    odd("06.3", "a number", lambda t: 7, "one value per hour", inputs=given_zone),
    slip("06.3", "value_counts alone", lambda t: hours().value_counts(), "missing", inputs=given_zone),
    odd("06.3", "NaN", lambda t: float("nan"), "nan", inputs=given_zone),
    odd("06.3", "a string", lambda t: "19", "text", inputs=given_zone),
    slip(
        "06.2",
        "broadcast sessions over posts",
        lambda t: (~talked()).sum() / len(posts()),
        "number of *posts*",
        inputs=given,
    ),
    # ----------------------------------------------------------------------- 06.4 friends
    right("06.4", "explode, value_counts, >= 2", lambda t: friends(), inputs=given),
    right(
        "06.4",
        "> 1 instead of >= 2",
        lambda t: set(addressed().value_counts().loc[lambda n: n > 1].index),
        inputs=given,
    ),
    right(
        "06.4",
        "a Counter",
        lambda t: {h for h, n in __import__("collections").Counter(addressed()).items() if n >= 2},
        inputs=given,
    ),
    right("06.4", "a list of the handles", lambda t: sorted(friends()), inputs=given),
    shortcut("06.4", "addressed once or more", lambda t: friends(times=1), "at least twice", inputs=given),
    slip(
        "06.4",
        "the counts, not the handles",
        lambda t: set(addressed().value_counts().loc[lambda n: n >= 2]),
        "counts, not the accounts",
        inputs=given,
    ),
    slip("06.4", "more than twice", lambda t: friends(times=3), "more", inputs=given),
    slip("06.4", "retweets' mentions counted too", lambda t: friends(p=posts()), "retweet", inputs=given),
    slip("06.4", "yourself kept (a thread)", lambda t: friends(drop_self=False), "includes you", inputs=given),
    slip("06.4", "both: retweets and yourself", lambda t: friends(p=posts(), drop_self=False), "retweet", inputs=given),
    slip("06.4", "how many friends", lambda t: len(friends()), "which accounts", inputs=given),
    slip("06.4", "one friend missing", lambda t: set(sorted(friends())[1:]), "missing", inputs=given),
    slip("06.4", "an extra account", lambda t: friends() | {"@SomeoneElse"}, "should not be there", inputs=given),
    slip(
        "06.4",
        "a tuple with an extra",
        lambda t: tuple(sorted(friends())) + ("@SomeoneElse",),
        "should not be there",
        inputs=given,
    ),
    odd("06.4", "None", lambda t: None, "none", inputs=given),
    odd("06.4", "the stub left", lambda t: ..., status="unanswered", inputs=given),
    odd("06.4", "a number", lambda t: 3.5, "collection of names", inputs=given),
    odd("06.4", "NaN", lambda t: float("nan"), "nan", inputs=given),
    odd("06.4", "an empty set", lambda t: set(), "empty", inputs=given),
    slip("06.4", "the counts Series", lambda t: addressed().value_counts().loc[lambda n: n >= 2], "set", inputs=given),
    slip(
        "06.4",
        "a dict of counts",
        lambda t: addressed().value_counts().loc[lambda n: n >= 2].to_dict(),
        "dictionary",
        inputs=given,
    ),
    slip("06.4", "handles without @", lambda t: {h.lstrip("@") for h in friends()}, "@", inputs=given),
    slip(
        "06.4",
        "one handle in lower case",
        lambda t: {h.lower() if h == max(friends()) else h for h in friends()},
        "capitals",
        inputs=given,
    ),
    slip("06.4", "handles in lower case", lambda t: {h.lower() for h in friends()}, "case", inputs=given),
]
