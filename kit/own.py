"""Workshop 06 (your own account): the measures of 01 and 02, on one account's own export.

Pure functions over the tables :func:`kit.imports.read_export` gives (``posts``, ``follows``,
``accounts``, ``linkedin_activity``: the sample town's columns plus ``source``). Every post in an
own export is by its owner, so measures here are of one account, not of a town.

* :func:`conversation_share` and :func:`monthly_conversation_share` — how much of what you post
  talks *with* someone (a reply, a retweet or quote, or an @mention; :func:`kit.social.classify_posts`);
* :func:`sessions` and :func:`broadcast_session_share` — your "log on, post, log off" visits: a
  session is a run of posts with no gap longer than :data:`SESSION_GAP` between them;
* :func:`posts_by_hour` — your posting rhythm on your own clock (your time zone);
* :func:`friends` — Huberman, Romero & Wu's "friends": accounts you address at least twice;
* :func:`weekly_linkedin_actions` — LinkedIn's active versus passive actions, week by week.

>>> demo = pd.DataFrame({
...     "created_at": pd.to_datetime(["2026-03-02 09:00", "2026-03-02 09:10", "2026-03-02 18:00",
...                                   "2026-04-01 12:00"], utc=True),
...     "kind": ["original", "reply", "original", "original"],
...     "mentions": [None, "@ana", None, "@ana @bo"], "handle": "@me"})
>>> conversation_share(demo)
0.5
>>> monthly_conversation_share(demo).to_dict()
{'2026-03': 0.3333333333333333, '2026-04': 1.0}
>>> broadcast_session_share(demo)
0.3333333333333333
>>> sorted(friends(demo))
['@ana']
"""

from __future__ import annotations

import pandas as pd

from .social import ACTIVE_ACTIONS, PASSIVE_ACTIONS, classify_posts

__all__ = [
    "SESSION_GAP",
    "FRIEND_TIMES",
    "conversation_share",
    "monthly_conversation_share",
    "sessions",
    "broadcast_session_share",
    "posts_by_hour",
    "friends",
    "addressed",
    "followed_handles",
    "months",
    "weekly_linkedin_actions",
    "what_followed",
]

#: A new session starts after this long without posting. The kit's working rule, not a research
#: finding: long enough to reply to a reply, short enough that a morning and an evening are two.
SESSION_GAP = pd.Timedelta(minutes=30)
#: Huberman, Romero & Wu (First Monday 2009): a "friend" is someone you addressed at least twice.
FRIEND_TIMES = 2


def conversation_share(posts: pd.DataFrame) -> float:
    """The share (0-1) of the posts that are conversation (reply, retweet, quote or a mention)."""
    if len(posts) == 0:
        return float("nan")
    return float((classify_posts(posts) == "conversation").mean())


def months(times: pd.Series, zone: str | None = None) -> pd.Series:
    """Each time's calendar month, "YYYY-MM", on ``zone``'s clock (the times' own if None)."""
    local = times.dt.tz_convert(zone) if zone else times
    return local.dt.strftime("%Y-%m")


def monthly_conversation_share(posts: pd.DataFrame, zone: str | None = None) -> pd.Series:
    """The conversation share of each calendar month with posts ("YYYY-MM", on ``zone``'s clock)."""
    talks = classify_posts(posts) == "conversation"
    out = talks.groupby(months(posts["created_at"], zone)).mean()
    return out.rename_axis("month").rename("conversation_share")


def sessions(posts: pd.DataFrame, gap: pd.Timedelta = SESSION_GAP) -> pd.DataFrame:
    """One row per session: its start and end, how many posts, how many were conversation.

    >>> t = pd.to_datetime(["2026-01-05 09:00", "2026-01-05 09:29", "2026-01-05 10:00"], utc=True)
    >>> s = sessions(pd.DataFrame({"created_at": t, "kind": "original", "mentions": None}))
    >>> s[["posts", "conversation"]].to_dict("list")
    {'posts': [2, 1], 'conversation': [0, 0]}
    """
    p = posts.sort_values("created_at", kind="stable")
    times = p["created_at"]
    new = times.diff() > gap  # the first post (NaT diff) is not "new": it starts session 0
    session = new.cumsum().rename("session")
    talks = (classify_posts(p) == "conversation").astype(int)
    g = pd.DataFrame({"created_at": times, "talks": talks}).groupby(session.to_numpy())
    return pd.DataFrame(
        {
            "start": g["created_at"].min(),
            "end": g["created_at"].max(),
            "posts": g.size(),
            "conversation": g["talks"].sum(),
        }
    ).rename_axis("session")


def broadcast_session_share(posts: pd.DataFrame, gap: pd.Timedelta = SESSION_GAP) -> float:
    """The share (0-1) of sessions that were all broadcast: log on, post, log off."""
    s = sessions(posts, gap)
    if len(s) == 0:
        return float("nan")
    return float((s["conversation"] == 0).mean())


def posts_by_hour(posts: pd.DataFrame, zone: str) -> pd.Series:
    """Posts in each hour of the day, 0-23 on ``zone``'s clock (hours with none count 0)."""
    hour = posts["created_at"].dt.tz_convert(zone).dt.hour
    return hour.value_counts().reindex(range(24), fill_value=0).rename_axis("hour").rename("posts")


def addressed(posts: pd.DataFrame, *, retweets: bool = False, yourself: bool = False) -> pd.Series:
    """How many of your posts addressed each account (an @mention), yourself left out.

    A retweet's mentions are its original author's words, not yours, so retweets do not count;
    a quote's comment and a reply are yours, so they do. ``retweets=True`` / ``yourself=True``
    count them anyway (the slips workshop 06's check recognises).
    """
    own = set(posts["handle"].dropna().str.lower()) if "handle" in posts else set()
    yours = posts if retweets or "kind" not in posts else posts[posts["kind"].astype(str) != "retweet"]
    to = yours["mentions"].dropna().str.split().explode()
    if not yourself:
        to = to[~to.str.lower().isin(own)]
    return to.value_counts().rename_axis("account").rename("posts")


def friends(posts: pd.DataFrame, times: int = FRIEND_TIMES, **counting) -> set[str]:
    """The accounts you addressed in at least ``times`` posts (your "friends", Huberman et al.);
    ``counting`` as for :func:`addressed`."""
    n = addressed(posts, **counting)
    return set(n.index[n >= times])


def _week(dates) -> pd.Series:
    date = pd.to_datetime(dates)
    if isinstance(date.dtype, pd.DatetimeTZDtype):
        date = date.dt.tz_convert("UTC").dt.tz_localize(None)
    return (date - pd.to_timedelta(date.dt.day_of_week, unit="D")).dt.date.rename("week")


def followed_handles(follows: pd.DataFrame | None, accounts: pd.DataFrame | None, owner_id: int = 1) -> pd.Series:
    """The handle of each account you follow, missing where the export names it by number only.

    >>> f = pd.DataFrame({"follower_id": [1, 1, 2], "followed_id": [2, 3, 1]})
    >>> a = pd.DataFrame({"account_id": [1, 2, 3], "handle": ["@me", "@ana", None]})
    >>> followed_handles(f, a).tolist()
    ['@ana', None]
    """
    if follows is None or accounts is None:
        return pd.Series([], dtype=object, name="handle")
    ids = follows.loc[follows["follower_id"] == owner_id, "followed_id"]
    handle = accounts.drop_duplicates("account_id").set_index("account_id")["handle"]
    out = handle.reindex(ids).astype(object)
    return out.where(out.notna(), None).reset_index(drop=True).rename("handle")


def weekly_linkedin_actions(
    activity: pd.DataFrame, connections: pd.DataFrame | None = None, received: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Active and passive LinkedIn actions per week (weeks starting Monday), and the active share;
    with ``connections`` the new connections of each week, with ``received`` the messages and
    invitations others sent (what followed), over the weeks the activity covers.

    >>> a = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-13"]),
    ...                   "action": ["comment", "like", "like"]})
    >>> weekly_linkedin_actions(a)["active_share"].tolist()
    [0.5, 0.0]
    >>> c = pd.DataFrame({"connected_on": pd.to_datetime(["2025-06-01", "2026-01-14", "2026-01-20"])})
    >>> weekly_linkedin_actions(a, c)["new_connections"].tolist()
    [0, 1]
    >>> r = pd.DataFrame({"date": pd.to_datetime(["2026-01-07", "2026-01-08", "2026-03-01"])})
    >>> weekly_linkedin_actions(a, received=r)["received"].tolist()
    [2, 0]
    """
    week = _week(activity["date"])
    kind = activity["action"].astype(str)
    counts = pd.DataFrame({"active": kind.isin(ACTIVE_ACTIONS), "passive": kind.isin(PASSIVE_ACTIONS)})
    weekly = counts.groupby(week).sum().astype(int)
    for name, table, column in (("new_connections", connections, "connected_on"), ("received", received, "date")):
        if table is None:
            continue
        per_week = table.groupby(_week(table[column])).size()
        if len(weekly):  # the weeks the activity covers: older connections are not what followed
            per_week = per_week[(per_week.index >= weekly.index.min()) & (per_week.index <= weekly.index.max())]
        weekly = weekly.reindex(weekly.index.union(per_week.index), fill_value=0)
        weekly[name] = per_week.reindex(weekly.index, fill_value=0).astype(int)
    total = weekly["active"] + weekly["passive"]
    return weekly.assign(active_share=(weekly["active"] / total).where(total > 0)).rename_axis("week")


def what_followed(weekly: pd.DataFrame, column: str = "received") -> float:
    """Rank correlation between a week's active actions and ``column`` the *next* week.

    One account's weeks: a description of its own ups and downs, not a cause.

    >>> w = pd.DataFrame({"active": [1, 5, 2, 6], "received": [0, 1, 4, 2]})  # busy weeks, then replies
    >>> what_followed(w)
    1.0
    """
    from .social import rank_correlation

    nxt = weekly[column].shift(-1)
    keep = nxt.notna()
    return rank_correlation(weekly["active"][keep], nxt[keep])
