"""Reference solutions and exercise registrations for workshop 01 (social, not media).

Notebooks never import this module: ``check("01.k", ...)`` finds it through the exercise
registry, and ``solution("01.k")`` shows the reference. Exercises 01.1 and 01.2 have reference
functions of their own here; 01.3-01.5 build measures the kit reuses (the social ratio, the quiet
businesses the explorer starts from, the opportunity shares the LinkedIn chart draws), so their
references are those public measures in :mod:`kit.social`, which the notebook imports only after
the exercise.

``GIVES_ANSWER`` lists, per exercise, every kit callable that returns the exercise's answer (or
it in one obvious step, like ``len(hour_posts(posts))``); ``tests/test_namespace.py`` asserts none
of them, nor the reference, is reachable in the learner's namespace before the check.
"""

from __future__ import annotations

import pandas as pd

from ..data import load
from ..exercises import Exercise, Mistake, register, same
from ..scenario import Scenario, load_scenario
from ..social import (_in_window, account_summary, activity_profile, classify_posts, hour_posts,
                      in_hashtag_hour, log_on_post_log_off, opportunity_share, social_ratio)

__all__ = ["count_hour_posts", "broadcast_share", "GIVES_ANSWER"]


def count_hour_posts(posts: pd.DataFrame, scenario: Scenario | None = None) -> int:
    """Exercise 01.1: how many posts were made during the hashtag hours, all weeks together.

    >>> start, _ = load_scenario().hour_windows()[0]
    >>> demo = pd.DataFrame({"created_at": [start, start + pd.Timedelta(minutes=59),
    ...                                     start + pd.Timedelta(minutes=60)]})
    >>> count_hour_posts(demo)
    2
    """
    return int(in_hashtag_hour(posts["created_at"], scenario).sum())


def broadcast_share(posts: pd.DataFrame) -> float:
    """Exercise 01.2: the share (0-1) of posts that are broadcasts.

    >>> demo = pd.DataFrame({"kind": ["original", "reply", "original", "original"],
    ...                      "mentions": [None, "@a", None, "@b"]})
    >>> broadcast_share(demo)
    0.5
    """
    return float((classify_posts(posts) == "broadcast").mean())


GIVES_ANSWER: dict[str, tuple] = {
    "01.1": (count_hour_posts, hour_posts, in_hashtag_hour),
    "01.2": (broadcast_share, classify_posts),
    "01.3": (social_ratio, account_summary),
    "01.4": (log_on_post_log_off,),
    "01.5": (opportunity_share,),
}


# --------------------------------------------------------------------------- mistakes' answers

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

