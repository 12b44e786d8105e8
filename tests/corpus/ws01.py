"""Workshop 01 (social, not media): answers learners type for 01.1-01.5, and what the check must say.

Written from a cold read of the learner edition. The names are the notebook's (``posts``,
``accounts``, ``clock``, ``START``, ``END``, ``on_an_evening``, ``first_evening``,
``is_conversation``, ``business_posts``, ``hour``, ``talks_in_hour``, ``activity``, ``outcomes``,
``members``, ``style``, ``got_opportunity``), rebuilt here from :class:`Tables` so every attempt
replays on any scenario (no literal "19:30" or "#dorsethour": the scenario's own values). The
notebook imports pandas as ``pd``. ``says`` holds what a good diagnosis must name (lower case).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import Tables, odd, right, shortcut, slip

CONVERSATION = ["reply", "retweet", "quote"]


# --------------------------------------------------------------------------- part 1's names


def clock(t: Tables, zone=None) -> pd.Series:
    times = t.posts["created_at"]
    if zone is not None:
        times = times.dt.tz_convert(zone)
    return times.dt.strftime("%H:%M")


def START(t: Tables) -> str:
    return f"{t.scenario.start:%H:%M}"


def END(t: Tables) -> str:
    return t.scenario.hour_windows()[0][1].strftime("%H:%M")


def on_an_evening(t: Tables) -> pd.Series:
    return t.posts["created_at"].dt.date.isin(t.scenario.evenings())


def first_evening(t: Tables) -> pd.Series:
    return t.posts["created_at"].dt.date == t.scenario.first_date


def in_hour(t: Tables) -> pd.Series:
    c = clock(t)
    return on_an_evening(t) & (c >= START(t)) & (c < END(t))


def n_hour(t: Tables) -> int:
    return int(in_hour(t).sum())


def by_windows(t: Tables) -> int:
    made = t.posts["created_at"]
    return sum(int(((made >= a) & (made < b)).sum()) for a, b in t.scenario.hour_windows())


def by_time_objects(t: Tables) -> int:
    made = t.posts["created_at"]
    s = t.scenario
    return int((made.dt.date.isin(s.evenings()) & (made.dt.time >= s.start) & (made.dt.time < s.end)).sum())


# --------------------------------------------------------------------------- part 2's names


def is_conversation(p: pd.DataFrame) -> pd.Series:
    return p["kind"].isin(CONVERSATION) | p["mentions"].notna()


def broadcast(t: Tables) -> float:
    return float((~is_conversation(t.posts)).mean())


def business_posts(t: Tables) -> pd.DataFrame:
    ids = t.accounts.loc[t.accounts["kind"] == "business", "account_id"]
    p = t.posts[t.posts["account_id"].isin(ids)]
    return p.assign(is_conversation=is_conversation(p))


def ratio(t: Tables) -> pd.Series:
    return business_posts(t).groupby("handle")["is_conversation"].mean()


def hour_of(t: Tables, p: pd.DataFrame) -> pd.DataFrame:
    from kit.social import hour_posts

    return hour_posts(p, t.scenario)


def hour(t: Tables) -> pd.DataFrame:
    return hour_of(t, business_posts(t))


def talks_in_hour(t: Tables) -> pd.Series:
    return hour(t).groupby("handle")["is_conversation"].any()


def silent(t: Tables) -> set:
    talks = talks_in_hour(t)
    return set(talks[~talks].index)


def _relabel_handles(s, fn):
    return s.rename(index=fn) if isinstance(s, pd.Series) else {fn(h) for h in s}


# --------------------------------------------------------------------------- part 3's names


def style(t: Tables, threshold=13, strict=False, actions=None) -> pd.Series:
    from kit.social import ACTIVE_ACTIONS

    a = t.linkedin_activity
    is_active = a["action"].isin(actions or ACTIVE_ACTIONS)
    counts = is_active.groupby(a["member_id"]).sum().reindex(t.linkedin_members["member_id"], fill_value=0)
    keep = counts > threshold if strict else counts >= threshold
    return keep.map({True: "active", False: "passive"}).rename("style")


def got_opportunity(t: Tables) -> pd.Series:
    return t.linkedin_outcomes.set_index("member_id")["opportunities"] > 0


def share(t: Tables) -> pd.Series:
    return got_opportunity(t).groupby(style(t)).mean()


ATTEMPTS = [
    # ================================================================== 01.1 posts in the hour
    right("01.1", "worked example, all evenings", lambda t: in_hour(t).sum()),
    right("01.1", "len of the filtered posts", lambda t: len(t.posts[in_hour(t)])),
    right("01.1", "each week's window, tz-aware comparison", by_windows),
    right("01.1", "dt.time against scenario.start/end", by_time_objects),
    right("01.1", "as a float", lambda t: float(n_hour(t))),
    shortcut(
        "01.1",
        "no date filter: the clock time on every day",
        lambda t: int(((clock(t) >= START(t)) & (clock(t) < END(t))).sum()),
        "every day",
        "on_an_evening",
        rung="mistake",
    ),
    shortcut(
        "01.1",
        "posts carrying the hashtag",
        lambda t: int(t.posts["hashtags"].fillna("").str.contains(t.scenario.hashtag).sum()),
        "hashtag",
        rung="mistake",
    ),
    shortcut(
        "01.1",
        "hashtag in the text",
        lambda t: int(t.posts["text"].str.contains(t.scenario.hashtag, case=False).sum()),
        "hashtag",
    ),
    shortcut(
        "01.1",
        "the whole evening (from 18:00)",
        lambda t: int((on_an_evening(t) & (t.posts["created_at"].dt.hour >= 18)).sum()),
        "whole evening",
        rung="mistake",
    ),
    shortcut(
        "01.1", "on an evening, any time of day", lambda t: int(on_an_evening(t).sum()), "any time", rung="mistake"
    ),
    slip(
        "01.1",
        "converted to UTC first",
        lambda t: int((on_an_evening(t) & (clock(t, "UTC") >= START(t)) & (clock(t, "UTC") < END(t))).sum()),
        "utc",
        rung="mistake",
    ),
    slip(
        "01.1",
        "end included (<=)",
        lambda t: int((on_an_evening(t) & (clock(t) >= START(t)) & (clock(t) <= END(t))).sum()),
        "<=",
        rung="mistake",
    ),
    slip(
        "01.1",
        "kept first_evening: only the first week",
        lambda t: int((first_evening(t) & (clock(t) >= START(t)) & (clock(t) < END(t))).sum()),
        "first week",
        rung="mistake",
    ),
    slip(
        "01.1",
        "only original posts",
        lambda t: int((in_hour(t) & (t.posts["kind"] == "original")).sum()),
        "original",
        rung="mistake",
    ),
    slip(
        "01.1",
        "start excluded (>)",
        lambda t: int((on_an_evening(t) & (clock(t) > START(t)) & (clock(t) < END(t))).sum()),
        "fewer",
    ),
    # a good diagnosis names the gap: 3 fewer
    slip("01.1", "typed 3 too few (3032 for 3035)", lambda t: n_hour(t) - 3, "3 fewer", rung="count_off"),
    slip("01.1", "average per week", lambda t: n_hour(t) / t.scenario.weeks, "per week", rung="mistake"),
    slip("01.1", "the True/False column", lambda t: in_hour(t), "true/false", rung="bool_mask"),
    slip("01.1", "the filtered table", lambda t: t.posts[in_hour(t)], "len("),
    slip("01.1", "len of the True/False column", lambda t: len(in_hour(t)), "every post", ".sum()", rung="mistake"),
    odd("01.1", "the count as text", lambda t: f"{n_hour(t)}", "text", rung="type"),
    odd("01.1", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("01.1", "negative", lambda t: -n_hour(t), "minus"),
    odd("01.1", "a dict", lambda t: {"posts": n_hour(t)}, "number itself", "dictionary", rung="container"),
    odd("01.1", "None (print)", lambda t: None, "none", rung="none"),
    # ================================================================== 01.2 share of broadcasts
    right("01.2", "mean of not-conversation", lambda t: (~is_conversation(t.posts)).mean()),
    right("01.2", "1 minus the conversation share", lambda t: 1 - is_conversation(t.posts).mean()),
    right("01.2", "count over len", lambda t: (~is_conversation(t.posts)).sum() / len(t.posts)),
    right(
        "01.2",
        "original and no mention",
        lambda t: ((t.posts["kind"] == "original") & t.posts["mentions"].isna()).mean(),
    ),
    right("01.2", "rows kept over rows", lambda t: t.posts[~is_conversation(t.posts)].shape[0] / t.posts.shape[0]),
    shortcut(
        "01.2",
        "no mention = broadcast (isna().mean())",
        lambda t: t.posts["mentions"].isna().mean(),
        "mention",
        "repl",
        rung="mistake",
    ),
    shortcut(
        "01.2",
        "only the kind: original = broadcast",
        lambda t: (t.posts["kind"] == "original").mean(),
        "mention",
        rung="mistake",
    ),
    shortcut(
        "01.2",
        "only replies count as conversation",
        lambda t: (t.posts["kind"] != "reply").mean(),
        "retweet",
        rung="mistake",
    ),
    shortcut(
        "01.2",
        "forgot quotes",
        lambda t: (~(t.posts["kind"].isin(["reply", "retweet"]) | t.posts["mentions"].notna())).mean(),
        "quote",
        rung="mistake",
    ),
    shortcut(
        "01.2",
        "the hashtag hour only",
        lambda t: float((~is_conversation(t.posts[in_hour(t)])).mean()),
        "hour",
        rung="mistake",
    ),
    slip("01.2", "share of conversation instead", lambda t: is_conversation(t.posts).mean(), "conversation"),
    slip("01.2", "as a percentage (x100)", lambda t: 100 * broadcast(t), "percent", rung="percent"),
    slip("01.2", "rounded to 2 places", lambda t: round(broadcast(t), 2), "round", rung="rounded"),
    slip("01.2", "a count, not a share", lambda t: int((~is_conversation(t.posts)).sum()), "share"),
    slip("01.2", "the True/False column", lambda t: ~is_conversation(t.posts), "true/false", rung="bool_mask"),
    slip(
        "01.2",
        "& instead of |",
        lambda t: (~(t.posts["kind"].isin(CONVERSATION) & t.posts["mentions"].notna())).mean(),
        "| (or)",
        rung="mistake",
    ),
    right(
        "01.2",
        "mentions != '' with fillna(False)",
        lambda t: (~(t.posts["kind"].isin(CONVERSATION) | (t.posts["mentions"] != "").fillna(False))).mean(),
    ),
    slip(
        "01.2",
        "mentions != '' on a column with empty values (NA left in)",
        lambda t: (~(t.posts["kind"].isin(CONVERSATION) | (t.posts["mentions"] != ""))).mean(),
        "empty",
    ),
    slip("01.2", "formatted as text", lambda t: f"{broadcast(t):.1%}", "text", rung="type"),
    slip(
        "01.2",
        "value_counts(normalize=True) of the labels",
        lambda t: (~is_conversation(t.posts)).value_counts(normalize=True),
        "[true]",
    ),
    odd("01.2", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("01.2", "negative", lambda t: -broadcast(t), "minus"),
    # a good diagnosis: a share cannot be more than 1
    odd("01.2", "more than 1", lambda t: 1.5, "more than 1"),
    odd("01.2", "the posts table", lambda t: t.posts, "one number"),
    odd(
        "01.2",
        "a dict of both shares",
        lambda t: {"broadcast": broadcast(t), "conversation": 1 - broadcast(t)},
        "one number",
    ),
    # ================================================================== 01.3 social ratio per business
    right("01.3", "groupby mean", ratio),
    right(
        "01.3",
        "sum over size",
        lambda t: (
            business_posts(t).groupby("handle")["is_conversation"].sum() / business_posts(t).groupby("handle").size()
        ),
    ),
    right("01.3", "agg('mean')", lambda t: business_posts(t).groupby("handle").is_conversation.agg("mean")),
    right(
        "01.3",
        "crosstab normalised, True column",
        lambda t: pd.crosstab(business_posts(t)["handle"], business_posts(t)["is_conversation"], normalize="index")[
            True
        ],
    ),
    right("01.3", "sorted by ratio", lambda t: ratio(t).sort_values(ascending=False)),
    right("01.3", "as a dict by handle", lambda t: ratio(t).to_dict()),
    shortcut(
        "01.3",
        "no mention = broadcast, per business",
        lambda t: business_posts(t)["mentions"].notna().groupby(business_posts(t)["handle"]).mean(),
        "repl",
        rung="mistake",
    ),
    shortcut("01.3", "the hashtag hour only", lambda t: hour(t).groupby("handle")["is_conversation"].mean(), "hour"),
    shortcut(
        "01.3",
        "every account, not only businesses",
        lambda t: t.posts.assign(c=is_conversation(t.posts)).groupby("handle")["c"].mean(),
        "business",
        rung="mistake",
    ),
    slip(
        "01.3",
        "counts, not shares (sum)",
        lambda t: business_posts(t).groupby("handle")["is_conversation"].sum(),
        "count",
        rung="mistake",
    ),
    slip("01.3", "share of broadcasts (1 - ratio)", lambda t: 1 - ratio(t), "broadcast"),
    slip(
        "01.3",
        "divided by all posts",
        lambda t: business_posts(t).groupby("handle")["is_conversation"].sum() / len(t.posts),
        "own posts",
        rung="mistake",
    ),
    slip(
        "01.3",
        "grouped by account_id",
        lambda t: business_posts(t).groupby("account_id")["is_conversation"].mean(),
        "handle",
    ),
    slip("01.3", "as a percentage (x100)", lambda t: ratio(t) * 100, "percent", rung="percent"),
    slip("01.3", "rounded to 2 places", lambda t: ratio(t).round(2), "round", rung="rounded"),
    slip("01.3", "reset_index(): a table", lambda t: ratio(t).reset_index(), "handle", rung="container"),
    slip("01.3", "tolist(): values without handles", lambda t: ratio(t).tolist(), "handle", rung="container"),
    slip(
        "01.3",
        "handles without the @",
        lambda t: _relabel_handles(ratio(t), lambda h: h.lstrip("@")),
        "@",
        rung="labels",
    ),
    slip("01.3", "handles in lower case", lambda t: _relabel_handles(ratio(t), str.lower), "capitals", rung="labels"),
    slip("01.3", "top 10 only (nlargest)", lambda t: ratio(t).nlargest(10), "whole series", rung="top_n"),
    slip("01.3", "head(): the first five", lambda t: ratio(t).head(), "whole series", rung="top_n"),
    slip("01.3", "one overall mean", lambda t: float(ratio(t).mean()), "one value per"),
    slip(
        "01.3",
        "mean of every numeric column",
        lambda t: business_posts(t).groupby("handle").mean(numeric_only=True),
        "is_conversation",
    ),
    odd("01.3", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("01.3", "a string", lambda t: "@Bakery", "one value per"),
    odd("01.3", "negative number", lambda t: -0.5, "one value per"),
    odd("01.3", "the business_posts table", lambda t: business_posts(t), "one value per"),
    odd("01.3", "ratio with NaN holes", lambda t: ratio(t).where(ratio(t) > ratio(t).median()), "missing", rung="nan"),
    # ================================================================== 01.4 log on, post, log off
    right("01.4", "set of the False labels", silent),
    right("01.4", "a list", lambda t: sorted(silent(t))),
    right("01.4", "the Index itself", lambda t: talks_in_hour(t)[~talks_in_hour(t)].index),
    right(
        "01.4",
        "set difference of handles",
        lambda t: set(hour(t)["handle"]) - set(hour(t).loc[hour(t)["is_conversation"], "handle"]),
    ),
    right(
        "01.4",
        "sum == 0",
        lambda t: hour(t).groupby("handle")["is_conversation"].sum().loc[lambda s: s == 0].index.tolist(),
    ),
    right(
        "01.4",
        "all() of not-conversation",
        lambda t: set((~hour(t)["is_conversation"]).groupby(hour(t)["handle"]).all().loc[lambda s: s].index),
    ),
    shortcut(
        "01.4",
        "all posts, not only the hour",
        lambda t: (lambda s: set(s[~s].index))(business_posts(t).groupby("handle")["is_conversation"].any()),
        "hour",
        rung="mistake",
    ),
    shortcut(
        "01.4",
        "every account, not only businesses",
        lambda t: (lambda h: set(h.groupby("handle")["c"].any().loc[lambda s: ~s].index))(
            hour_of(t, t.posts).assign(c=lambda p: is_conversation(p))
        ),
        "business",
        rung="mistake",
    ),
    shortcut(
        "01.4",
        "only replies count",
        lambda t: set((hour(t)["kind"] == "reply").groupby(hour(t)["handle"]).any().loc[lambda s: ~s].index),
        "retweet",
        rung="mistake",
    ),
    shortcut(
        "01.4",
        "no mention in the hour",
        lambda t: set(hour(t)["mentions"].notna().groupby(hour(t)["handle"]).any().loc[lambda s: ~s].index),
        "repl",
        rung="mistake",
    ),
    slip(
        "01.4",
        "the True/False Series of the quiet ones",
        lambda t: talks_in_hour(t)[~talks_in_hour(t)],
        "true/false",
        rung="bool_mask",
    ),
    slip("01.4", "the whole True/False Series", talks_in_hour, "true/false", rung="bool_mask"),
    slip(
        "01.4",
        "the talkers instead (forgot ~)",
        lambda t: set(talks_in_hour(t)[talks_in_hour(t)].index),
        "the other group",
        rung="mistake",
    ),
    slip(
        "01.4",
        "all() instead of any()",
        lambda t: set(hour(t).groupby("handle")["is_conversation"].all().loc[lambda s: ~s].index),
        "any()",
        rung="mistake",
    ),
    slip(
        "01.4",
        "handles without the @",
        lambda t: _relabel_handles(silent(t), lambda h: h.lstrip("@")),
        "@",
        rung="labels",
    ),
    slip(
        "01.4",
        "display names",
        lambda t: set(t.accounts.set_index("handle").loc[sorted(silent(t)), "display_name"]),
        "handles",
        rung="mistake",
    ),
    slip("01.4", "how many, not which", lambda t: len(silent(t)), "handles"),
    slip("01.4", "one handle as text", lambda t: sorted(silent(t))[0] if silent(t) else "", "set"),
    odd("01.4", "None", lambda t: None, "none", rung="none"),
    odd("01.4", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("01.4", "an empty set", lambda t: set(), "empty"),
    odd("01.4", "a dict", lambda t: {h: True for h in silent(t)}, "keys", rung="container"),
    odd("01.4", "the hour table", hour, "handles"),
    # ================================================================== 01.5 active vs passive
    right("01.5", "groupby mean", share),
    right(
        "01.5",
        "two means, by hand, in a Series",
        lambda t: pd.Series(
            {
                "active": got_opportunity(t)[style(t) == "active"].mean(),
                "passive": got_opportunity(t)[style(t) == "passive"].mean(),
            }
        ),
    ),
    right("01.5", "a dict", lambda t: share(t).to_dict()),
    right("01.5", "crosstab normalised", lambda t: pd.crosstab(style(t), got_opportunity(t), normalize="index")[True]),
    right("01.5", "passive first", lambda t: share(t).sort_index(ascending=False)),
    shortcut(
        "01.5",
        "every action counted, passive ones too",
        lambda t: got_opportunity(t).groupby(style(t, actions=list(t.linkedin_activity["action"].unique()))).mean(),
        "passive",
    ),
    shortcut(
        "01.5",
        "average opportunities, not a share",
        lambda t: t.linkedin_outcomes.set_index("member_id")["opportunities"].groupby(style(t)).mean(),
        "at least one",
        rung="mistake",
    ),
    slip(
        "01.5", "counts of members (sum)", lambda t: got_opportunity(t).groupby(style(t)).sum(), "share", rung="mistake"
    ),
    slip("01.5", "labels swapped", lambda t: share(t).rename({"active": "passive", "passive": "active"}), "swapped"),
    slip(
        "01.5",
        "strictly more than 13 (>)",
        lambda t: got_opportunity(t).groupby(style(t, strict=True)).mean(),
        "at least 13",
        rung="mistake",
    ),
    slip("01.5", "as percentages (x100)", lambda t: share(t) * 100, "percent", rung="percent"),
    slip("01.5", "rounded to 2 places", lambda t: share(t).round(2), "round", rung="rounded"),
    slip("01.5", "a list of the two shares", lambda t: share(t).tolist(), "active", "passive", rung="container"),
    slip("01.5", "capitalised labels", lambda t: share(t).rename(index=str.title), "capitals", rung="labels"),
    # a good diagnosis names the notebook's column: the labels are in "style"
    slip("01.5", "reset_index(): a table", lambda t: share(t).reset_index(), "set_index('style')", rung="container"),
    slip(
        "01.5",
        "share with none (the other group)",
        lambda t: (~got_opportunity(t)).groupby(style(t)).mean(),
        "other group",
        rung="complement",
    ),
    slip("01.5", "only the active share", lambda t: float(share(t)["active"]), "two values"),
    slip(
        "01.5",
        "opportunities added up per group",
        lambda t: t.linkedin_outcomes.set_index("member_id")["opportunities"].groupby(style(t)).sum(),
        "adds up",
        "share",
        rung="mistake",
    ),
    slip("01.5", "group sizes (value_counts)", lambda t: style(t).value_counts(), "how many members", rung="mistake"),
    right(
        "01.5",
        "crosstab, then its True column",
        lambda t: pd.crosstab(style(t), got_opportunity(t), normalize="index")[True],
    ),
    slip(
        "01.5",
        "the whole crosstab",
        lambda t: pd.crosstab(style(t), got_opportunity(t), normalize="index"),
        "[true]",
        rung="container",
    ),
    slip(
        "01.3",
        "grouped by display name",
        lambda t: (
            business_posts(t)
            .merge(t.accounts[["handle", "display_name"]], on="handle")
            .groupby("display_name")["is_conversation"]
            .mean()
        ),
        "display name",
        "handle",
        rung="mistake",
    ),
    slip(
        "01.4",
        "account ids instead of handles",
        lambda t: (lambda h: (lambda a: set(a.index[~a.to_numpy()]))(h.groupby("account_id")["is_conversation"].any()))(
            hour(t)
        ),
        "account ids",
        rung="mistake",
    ),
    slip(
        "01.4",
        "businesses with any broadcast in the hour",
        lambda t: set(hour(t).loc[~hour(t)["is_conversation"], "handle"]),
        "at least one broadcast",
        rung="mistake",
    ),
    slip("01.5", "the gap between them", lambda t: float(share(t)["active"] - share(t)["passive"]), "two values"),
    odd("01.5", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("01.5", "a string", lambda t: "active", "text"),
    odd("01.5", "negative shares", lambda t: -share(t), "minus"),
    odd("01.5", "the outcomes table", lambda t: t.linkedin_outcomes, "table"),
    odd("01.5", "dict with other keys", lambda t: {"yes": 0.5, "no": 0.3}, "active"),
    odd("01.5", "numpy array", lambda t: np.array(share(t).tolist()), "active", rung="container"),
]
