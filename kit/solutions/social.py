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
from ..social import (
    _in_window,
    account_summary,
    activity_profile,
    classify_posts,
    hour_posts,
    in_hashtag_hour,
    log_on_post_log_off,
    opportunity_share,
    social_ratio,
)

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


def _clock_window(p):
    """The 01.1 shortcut: the hour's clock times on every day, not only the hashtag evenings."""
    s = load_scenario()
    clock = p["created_at"].dt.strftime("%H:%M:%S")
    return (clock >= f"{s.start:%H:%M:%S}") & (clock < f"{s.end:%H:%M:%S}")


def _on_an_evening(p):
    return p["created_at"].dt.date.isin(load_scenario().evenings())


def _no_mention(p):
    """The shortcut of 01.2-01.4: 'no @mention' taken for 'broadcast'."""
    return p["mentions"].isna()


def _conversation_without(p, kinds):
    return p["kind"].isin(kinds) | p["mentions"].notna()


def _quiet(h, talks):
    """Handles in ``h`` for which no row of the True/False column ``talks`` is True."""
    t = talks.groupby(h["handle"]).any()
    return set(t.index[~t.to_numpy()])


def _hour_biz():
    return _biz(hour_posts(_posts()))


def _style(threshold=13, strict=False):
    from ..social import ACTIVE_ACTIONS

    a, m = load("linkedin_activity"), load("linkedin_members")
    counts = a["action"].isin(ACTIVE_ACTIONS).groupby(a["member_id"]).sum().reindex(m["member_id"], fill_value=0)
    keep = counts > threshold if strict else counts >= threshold
    return keep.map({True: "active", False: "passive"})


def _got():
    return load("linkedin_outcomes").set_index("member_id")["opportunities"] > 0


def _as_names(answer):
    if isinstance(answer, (set, frozenset, list, tuple, pd.Index)):
        return {str(v) for v in answer}
    return None


def _renamed(handles, column: str) -> set[str]:
    """The same accounts, named by another column of the accounts table (display_name, account_id)."""
    acc = load("accounts").set_index("handle")
    return {str(acc.at[h, column]) for h in handles if h in acc.index}


def _by_display_name(answer) -> bool:
    """A social ratio grouped by display name instead of handle (labels are the display names)."""
    if not isinstance(answer, pd.Series):
        return False
    acc = load("accounts")
    names = set(acc.loc[acc["kind"] == "business", "display_name"].astype(str))
    return len(answer) > 0 and {str(v) for v in answer.index} <= names


register(
    Exercise(
        id="01.1",
        title="Posts in the hashtag hour",
        has_filter=True,
        imports=("pd",),
        ask="The answer is one whole number: posts made during the hour, all weeks together.",
        expected=lambda: count_hour_posts(_posts()),
        solution=count_hour_posts,
        hints=(
            "Copy the worked example's `first_quarter = ...` line, then swap `first_evening` for "
            '`on_an_evening` and `"19:45"` for `END`.',
            "Keep round brackets around each comparison: "
            "`on_an_evening & (clock >= START) & (clock < END)`. Then `.sum()` counts the Trues.",
            "The times are already in local time. Don't convert to UTC: some weeks are in summer "
            "time, when UTC is an hour behind the clock on the wall.",
        ),
        mistakes=(
            Mistake(
                "That is the count if the times are read in UTC (or with the time zone "
                "removed): the weeks before the clocks went back are an hour out. Use local time.",
                answer=_count_where(_utc_window),
            ),
            Mistake(
                "Close: that count includes posts made at the end time itself. The hour ends "
                "*before* the end time: use < for the end, not <=.",
                answer=_count_where(_inclusive_end),
            ),
            Mistake(
                "That is only the first week. The question asks for all weeks together.",
                answer=_count_where(_first_week),
            ),
            Mistake(
                "That counts posts using the hashtag. People also tag posts outside the hour "
                "and many replies skip the tag: filter on the time, not the tag.",
                answer=lambda: int(_posts()["hashtags"].fillna("").str.contains(load_scenario().hashtag).sum()),
            ),
            Mistake("That counts the whole evening. Keep only the hour itself.", answer=_count_where(_whole_evening)),
            Mistake(
                "That counts only original posts; replies, retweets and quotes made in the hour count too.",
                answer=lambda: int((in_hashtag_hour(_posts()["created_at"]) & (_posts()["kind"] == "original")).sum()),
            ),
            Mistake(
                "That counts posts made at the hour's clock time on every day, not only on the "
                "hashtag evenings: keep `on_an_evening &` in front of the two clock conditions.",
                answer=_count_where(_clock_window),
                key="no_date",
            ),
            Mistake(
                "That counts every post made on the hashtag evenings, at any time of day: add the "
                "two clock conditions, `(clock >= START) & (clock < END)`.",
                answer=_count_where(_on_an_evening),
                key="whole_day",
            ),
            Mistake(
                "That is every post: len() of a True/False column counts all its rows, True or "
                "False. Use `.sum()` to count the Trues.",
                answer=lambda: len(_posts()),
                key="len_mask",
            ),
            Mistake(
                "That is the average per week. The question asks for all weeks together: leave "
                "out the division by the number of weeks.",
                answer=lambda: count_hour_posts(_posts()) / load_scenario().weeks,
                key="per_week",
            ),
        ),
    ),
    Exercise(
        id="01.2",
        title="How much is broadcasting?",
        has_ratio=True,
        imports=("pd",),
        ask="The answer is one number between 0 and 1: the share of all posts that are broadcasts.",
        expected=lambda: broadcast_share(_posts()),
        solution=broadcast_share,
        hints=(
            "A post is conversation if its kind is reply, retweet or quote, OR it mentions "
            "someone. Everything else is a broadcast.",
            '`posts["kind"].isin([...])` and `posts["mentions"].notna()` give True/False columns; '
            "combine them with `|` (or).",
            "The mean of a True/False column is the share of Trues.",
        ),
        mistakes=(
            Mistake(
                "That is a count of posts, not a share. Divide by the number of posts (or take "
                "the mean of a True/False column).",
                answer=lambda: int((classify_posts(_posts()) == "broadcast").sum()),
            ),
            Mistake(
                "That is the share of *conversation*, the opposite of what was asked.",
                answer=lambda: 1 - broadcast_share(_posts()),
            ),
            Mistake(
                "You counted only replies as conversation. Retweets and quotes share someone "
                "else's post (giving them reach), and mentions talk to someone: they are "
                "conversation too.",
                answer=lambda: float((_posts()["kind"] != "reply").mean()),
            ),
            Mistake(
                "You only looked at the kind of post. An original post that @mentions someone "
                "is talking to them: count mentions as conversation too.",
                answer=lambda: float((_posts()["kind"] == "original").mean()),
            ),
            Mistake(
                "That is the share for the hashtag hour only. The question is about all posts.",
                answer=lambda: broadcast_share(hour_posts(_posts())),
            ),
            Mistake(
                "You took 'no @mention' for 'broadcast', but replies, retweets and quotes are "
                "conversation even without a mention: combine the kind test and the mention test "
                "with | (or).",
                answer=lambda: float(_no_mention(_posts()).mean()),
                key="no_mention",
            ),
            Mistake(
                "Quotes are conversation too: a quote shares someone else's post with a comment. "
                'Use all three kinds: ["reply", "retweet", "quote"].',
                answer=lambda: float((~_conversation_without(_posts(), ["reply", "retweet"])).mean()),
                key="no_quotes",
            ),
            Mistake(
                "You combined the two tests with & (and), so only posts that are replies, retweets "
                "or quotes AND mention someone count as conversation. Either one is enough: use | (or).",
                answer=lambda: float(
                    (~(_posts()["kind"].isin(["reply", "retweet", "quote"]) & _posts()["mentions"].notna())).mean()
                ),
                key="and_for_or",
            ),
            Mistake(
                'A post with no mention has an empty value (NA) in `mentions`, not "" (empty '
                'text), so comparing with "" gives NA and those posts drop out. Use '
                "`posts[\"mentions\"].notna()` for 'mentions someone'.",
                answer=lambda: float(
                    (~(_posts()["kind"].isin(["reply", "retweet", "quote"]) | (_posts()["mentions"] != ""))).mean()
                ),
                key="empty_text",
            ),
        ),
    ),
    Exercise(
        id="01.3",
        title="Each business's social ratio",
        has_filter=True,
        has_ratio=True,
        imports=("pd",),
        label="handle",
        ask="The answer is one number per business (a Series indexed by handle), each between 0 and 1.",
        expected=lambda: social_ratio(_posts(), load("accounts")),
        solution=social_ratio,
        hints=(
            "`business_posts` already has an `is_conversation` column. You need its share of Trues "
            "for each handle separately.",
            '`business_posts.groupby("handle")` splits the rows by business; pick the column with '
            '`["is_conversation"]` and finish with `.mean()`.',
            '`ratio = business_posts.groupby("handle")["is_conversation"].mean()`',
        ),
        mistakes=(
            Mistake(
                "Those are counts of conversation posts. A business that posts a lot would look "
                "social even if it mostly broadcasts: divide by each business's own number of posts.",
                answer=lambda: (
                    (classify_posts(_biz(_posts())) == "conversation").groupby(_biz(_posts())["handle"]).sum()
                ),
            ),
            Mistake(
                "That is each business's share of broadcasts: the opposite of the social ratio.",
                answer=lambda: 1 - social_ratio(_posts(), load("accounts")),
            ),
            Mistake(
                "You divided by the number of posts in the whole dataset. Divide by each business's own posts.",
                answer=lambda: (
                    (classify_posts(_biz(_posts())) == "conversation").groupby(_biz(_posts())["handle"]).sum()
                    / len(_posts())
                ),
            ),
            Mistake(
                "Right values, but label them by handle, not account_id.",
                matches=lambda a, e: same(_relabel(a, _handle_of()), e),
            ),
            Mistake(
                "You grouped by display name; several businesses share one, so their posts were "
                'pooled. Group by "handle": it is unique to each business.',
                matches=lambda a, e: _by_display_name(a),
                key="display_names",
            ),
            Mistake(
                "That uses only the hashtag hour. The ratio is over all of a business's posts.",
                answer=lambda: social_ratio(hour_posts(_posts()), load("accounts")),
            ),
            Mistake(
                "You took 'has an @mention' for 'conversation', but replies, retweets and quotes "
                "are conversation even without a mention: use the `is_conversation` column.",
                answer=lambda: (lambda b: b["mentions"].notna().groupby(b["handle"]).mean())(_biz(_posts())),
                key="no_mention",
            ),
            Mistake(
                "Your Series has every account that posted, not only businesses: start from "
                "`business_posts`, which keeps the businesses' posts.",
                answer=lambda: (classify_posts(_posts()) == "conversation").groupby(_posts()["handle"]).mean(),
                key="all_accounts",
            ),
        ),
    ),
    Exercise(
        id="01.4",
        title="Log on, post, log off",
        has_filter=True,
        imports=("pd",),
        label="handle",
        ask="The answer is a set (or list) of handles.",
        expected=lambda: log_on_post_log_off(_posts(), load("accounts")),
        solution=log_on_post_log_off,
        hints=(
            "For each handle, ask: did *any* of its hour posts converse? "
            '`hour.groupby("handle")["is_conversation"].any()` gives True or False per handle.',
            "You want the handles where that is False. If `talks` is the True/False result, "
            "`talks[~talks]` keeps the False rows.",
            "The handles are the labels (the index) of those rows: `set(talks[~talks].index)`.",
        ),
        mistakes=(
            Mistake(
                "You looked at all of each business's posts, not only those in the hashtag "
                "hours. The question is about behaviour *during* the hour.",
                answer=lambda: (
                    lambda b: set(
                        (classify_posts(b) == "conversation").groupby(b["handle"]).any().loc[lambda s: ~s].index
                    )
                )(_biz(_posts())),
            ),
            Mistake(
                "Your list includes accounts that are not businesses (residents ask questions "
                "and chat; they are not the businesses we are studying).",
                answer=lambda: (
                    lambda h: set(
                        (classify_posts(h) == "conversation").groupby(h["handle"]).any().loc[lambda s: ~s].index
                    )
                )(hour_posts(_posts())),
            ),
            Mistake(
                "You treated only replies as conversation. Retweets, quotes and mentions engage others too.",
                answer=lambda: (
                    lambda h: set((h["kind"] == "reply").groupby(h["handle"]).any().loc[lambda s: ~s].index)
                )(_biz(hour_posts(_posts()))),
            ),
            Mistake(
                "Those are the businesses that never @mention anyone in the hour, but replies, "
                "retweets and quotes are conversation even without a mention: use `is_conversation`.",
                answer=lambda: (lambda h: _quiet(h, h["mentions"].notna()))(_hour_biz()),
                key="no_mention",
            ),
            Mistake(
                "Those are the businesses that DID converse in the hour: the other group. Keep "
                "the False rows: `talks_in_hour[~talks_in_hour]`.",
                answer=lambda: (lambda h: set(h["handle"]) - _quiet(h, classify_posts(h) == "conversation"))(
                    _hour_biz()
                ),
                key="talkers",
            ),
            Mistake(
                "Those are the businesses with at least one broadcast in the hour (what `.all()` "
                "gives). The question is which never conversed there: ask whether *any* hour post "
                "conversed, with `.any()`, then keep the False rows.",
                answer=lambda: (
                    lambda h: (lambda a: set(a.index[~a.to_numpy()]))(
                        (classify_posts(h) == "conversation").groupby(h["handle"]).all()
                    )
                )(_hour_biz()),
                key="all_for_any",
            ),
            Mistake(
                "Those are display names. The answer is the handles, the names that start with "
                '"@" (the index of your True/False Series).',
                matches=lambda a, e: _as_names(a) == _renamed(e, "display_name") and bool(e),
                key="display_names",
            ),
            Mistake(
                "Those are account ids. The answer is the handles (the names that start with "
                '"@"): group by "handle", not "account_id".',
                matches=lambda a, e: _as_names(a) == _renamed(e, "account_id") and bool(e),
                key="account_ids",
            ),
        ),
    ),
    Exercise(
        id="01.5",
        title="Passive profile or active networking?",
        has_ratio=True,
        imports=("pd",),
        label="style",
        ask='The answer is a Series with two values, indexed "active" and "passive": the share of '
        "members in each group with at least one opportunity.",
        expected=lambda: opportunity_share(
            load("linkedin_activity"), load("linkedin_outcomes"), load("linkedin_members")
        ),
        solution=opportunity_share,
        hints=(
            "`style` says active or passive for each member, and `got_opportunity` is True for "
            "members with at least one opportunity. You want the share of Trues in each style.",
            "`got_opportunity.groupby(style)` splits the True/False column by style; finish with "
            "`.mean()` for the share.",
            "`share = got_opportunity.groupby(style).mean()`",
        ),
        mistakes=(
            Mistake(
                "You counted every action, passive ones too. Editing your profile or liking a "
                "post is not networking: count only the active actions.",
                answer=lambda: (
                    lambda a: opportunity_share(
                        a.assign(action="comment"), load("linkedin_outcomes"), load("linkedin_members")
                    )
                )(load("linkedin_activity")),
            ),
            Mistake(
                "Those are numbers of members, not shares. Divide by the size of each group.",
                answer=lambda: (
                    lambda p, o: (
                        (o.set_index("member_id")["opportunities"].reindex(p.index).fillna(0) > 0)
                        .groupby(p["style"])
                        .sum()
                    )
                )(activity_profile(load("linkedin_activity"), load("linkedin_members")), load("linkedin_outcomes")),
            ),
            Mistake(
                "That is the average number of opportunities per member; the question asks for "
                "the share of members with at least one.",
                answer=lambda: (
                    lambda p, o: (
                        o.set_index("member_id")["opportunities"].reindex(p.index).fillna(0).groupby(p["style"]).mean()
                    )
                )(activity_profile(load("linkedin_activity"), load("linkedin_members")), load("linkedin_outcomes")),
            ),
            Mistake(
                "That adds up opportunities in each group. The question asks for the share of "
                "members with at least one: take `got_opportunity` (True/False) and its .mean() "
                "per style.",
                answer=lambda: (
                    lambda p, o: (
                        o.set_index("member_id")["opportunities"].reindex(p.index).fillna(0).groupby(p["style"]).sum()
                    )
                )(activity_profile(load("linkedin_activity"), load("linkedin_members")), load("linkedin_outcomes")),
                key="summed_opportunities",
            ),
            Mistake(
                "Those are how many members are in each group. The question asks, within each "
                "group, for the share with at least one opportunity: `got_opportunity` grouped "
                "by `style`, then .mean().",
                answer=lambda: activity_profile(load("linkedin_activity"), load("linkedin_members"))[
                    "style"
                ].value_counts(),
                key="group_sizes",
            ),
            Mistake(
                "The labels are swapped: check which group is which.",
                matches=lambda a, e: same(_relabel(a, {"active": "passive", "passive": "active"}), e),
            ),
            Mistake(
                "You called members active with more than 13 active actions; the rule is at least 13: use >= 13.",
                answer=lambda: _got().groupby(_style(strict=True)).mean(),
                key="strict_threshold",
            ),
        ),
    ),
)
