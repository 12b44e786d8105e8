"""Reference solutions and exercises for workshop 05 (broadcast or community?).

Notebooks never import this module: ``check("05.k", ...)`` finds it through the exercise
registry. 05.1 checks the learner's own planning numbers (passed to ``check`` as inputs); the
others compute from the scenario's tables. ``GIVES_ANSWER`` lists every kit callable that gives
an exercise's answer (``tests/test_namespace.py`` asserts none is reachable before its check).
"""

from __future__ import annotations

import math

import pandas as pd

from ..broadcast import (
    active_share,
    budget,
    month_on_month,
    survival,
    ties_sustained,
    volume_correlation,
    within_groups,
)
from ..data import load
from ..exercises import Exercise, Mistake, register, same

__all__ = ["ties", "raw_correlation", "within_team", "month_one_retention", "survival_curve", "GIVES_ANSWER"]

PLAN = dict(minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3)  # the notebook's numbers


def ties(minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3) -> int:
    """05.1: relationships kept up: minutes a week x weeks between conversations / minutes each,
    rounded down.

    >>> ties(100, 7, 3)
    42
    """
    return int(math.floor(minutes_per_week * tend_every_weeks / minutes_per_conversation + 1e-9))


def raw_correlation(accounts: pd.DataFrame) -> float:
    """05.2: the correlation between posts per week and growth, all accounts together."""
    growth = accounts["followers_end"] / accounts["followers_start"] - 1
    return float(accounts["posts_per_week"].corr(growth))


def within_team(accounts: pd.DataFrame) -> pd.Series:
    """05.3: the same correlation inside each kind of team."""
    a = accounts.assign(growth=accounts["followers_end"] / accounts["followers_start"] - 1)
    return pd.Series({team: grp["posts_per_week"].corr(grp["growth"]) for team, grp in a.groupby("team")})


def month_one_retention(months: pd.DataFrame) -> float:
    """05.4: the share of newcomers who posted in month 1 (their second month).

    >>> m = pd.DataFrame({"month": [0, 1, 0, 1], "posts": [3, 1, 2, 0]})
    >>> month_one_retention(m)
    0.5
    """
    return float((months.loc[months["month"] == 1, "posts"] > 0).mean())


def survival_curve(months: pd.DataFrame) -> pd.Series:
    """05.5: for each month 0-5, the share of newcomers whose last month with a post is that
    month or later."""
    last = months[months["posts"] > 0].groupby("account_id")["month"].max()
    return pd.Series({m: (last >= m).mean() for m in sorted(months["month"].unique())})


GIVES_ANSWER: dict[str, tuple] = {
    "05.1": (ties, ties_sustained, budget),
    "05.2": (raw_correlation, volume_correlation),
    "05.3": (within_team, within_groups),
    "05.4": (month_one_retention, active_share, survival, month_on_month),
    "05.5": (survival_curve, survival, active_share),
}


# --------------------------------------------------------------------------- the notebook's names


def _acc():
    return load("growth_accounts")


def _growth(a=None):
    a = _acc() if a is None else a
    return a["followers_end"] / a["followers_start"] - 1


def _months():
    return load("newcomer_months")


def _corr_with(series_fn):
    return lambda: float(_acc()["posts_per_week"].corr(series_fn(_acc())))


def _per_group(by="team", col="posts_per_week", target=None):
    a = _acc().assign(growth=_growth())
    t = target or "growth"
    return pd.Series({k: grp[col].corr(grp[t]) for k, grp in a.groupby(by)})


def _last():
    m = _months()
    return m[m["posts"] > 0].groupby("account_id")["month"].max()


# --------------------------------------------------------------------------- the exercises

register(
    Exercise(
        id="05.1",
        title="How many relationships can you keep up?",
        imports=("pd",),
        ask="The answer is one whole number: relationships your weekly minutes keep up.",
        expected=lambda **plan: ties(**{**PLAN, **plan}),
        solution=ties,
        checks_on="the plan in the cell: 100 minutes a week, 7 minutes a conversation, one every 3 weeks",
        hints=(
            "In `tend_every_weeks` weeks you have `minutes_per_week * tend_every_weeks` minutes, and "
            "each relationship needs one conversation of `minutes_per_conversation` minutes in that time.",
            "Divide those minutes by `minutes_per_conversation`. You cannot keep up part of a "
            "relationship: round *down* with `//` (or `math.floor`).",
            "`ties = minutes_per_week * tend_every_weeks // minutes_per_conversation`",
        ),
        mistakes=(
            Mistake(
                "That leaves out how often a relationship must be tended: one conversation "
                "every `tend_every_weeks` weeks, so multiply the minutes by `tend_every_weeks` first.",
                answer=lambda minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3: math.floor(
                    minutes_per_week / minutes_per_conversation
                ),
                key="no_interval",
            ),
            Mistake(
                "You divided by the weeks between conversations. A relationship tended every 3 "
                "weeks costs a third as much each week: multiply by `tend_every_weeks`, don't divide.",
                answer=lambda minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3: math.floor(
                    minutes_per_week / (minutes_per_conversation * tend_every_weeks)
                ),
                key="divided_by_interval",
            ),
            Mistake(
                "Close: that is the exact division, with a fraction left. You cannot keep up part "
                "of a relationship: round down with `//`.",
                answer=lambda minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3: (
                    minutes_per_week * tend_every_weeks / minutes_per_conversation
                ),
                key="not_whole",
            ),
            Mistake(
                "You rounded to the nearest whole number, which rounds up here: there are not "
                "enough minutes for the last one. Round down with `//`.",
                answer=lambda minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3: round(
                    minutes_per_week * tend_every_weeks / minutes_per_conversation
                ),
                key="rounded_up",
            ),
            Mistake(
                "That treats the weekly budget as hours (x 60). It is already in minutes.",
                answer=lambda minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3: math.floor(
                    minutes_per_week * 60 * tend_every_weeks / minutes_per_conversation
                ),
                key="hours",
            ),
            Mistake(
                "That is the answer for the notebook's first plan (100 minutes, 7 each, every 3 "
                "weeks), but your numbers are different now: compute it from the variables, not a "
                "number typed in.",
                matches=lambda a, e, minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3: (
                    (minutes_per_week, minutes_per_conversation, tend_every_weeks) != tuple(PLAN.values())
                    and same(a, ties(**PLAN))
                ),
                key="first_plan",
            ),
            Mistake(
                "That is the minutes a conversation-per-relationship plan needs, not the number of "
                "relationships: divide the minutes by `minutes_per_conversation`.",
                answer=lambda minutes_per_week=100, minutes_per_conversation=7, tend_every_weeks=3: (
                    minutes_per_week * tend_every_weeks
                ),
                key="minutes",
            ),
        ),
    ),
    Exercise(
        id="05.2",
        title="Do accounts that post more grow more?",
        has_ratio=True,
        imports=("pd",),
        places=2,
        ask="The answer is one number between -1 and 1 (two decimal places are enough): the "
        "correlation between posts per week and growth, all accounts together.",
        expected=lambda: raw_correlation(_acc()),
        solution=raw_correlation,
        hints=(
            '`growth` is one number per account. `accounts["posts_per_week"].corr(growth)` '
            "correlates two columns of the same rows.",
            "Use `growth`, the change as a share of the start, not `followers_end`: big accounts "
            "have many followers whether or not they grew.",
            '`raw = accounts["posts_per_week"].corr(growth)`',
        ),
        mistakes=(
            Mistake(
                "That correlates volume with the followers at the *end*, which mostly measures "
                "size, not growth. Use `growth`.",
                answer=_corr_with(lambda a: a["followers_end"]),
                key="end",
            ),
            Mistake(
                "That correlates volume with the followers at the *start*: size, not growth. Use `growth`.",
                answer=_corr_with(lambda a: a["followers_start"]),
                key="start",
            ),
            Mistake(
                "That uses the change in followers (end minus start), which big accounts win "
                "just by being big. Use `growth`, the change as a share of the start.",
                answer=_corr_with(lambda a: a["followers_end"] - a["followers_start"]),
                key="difference",
            ),
            Mistake(
                "That correlates growth with `reply_share`, not with `posts_per_week`: volume "
                "is the number of posts per week.",
                answer=lambda: float(_acc()["reply_share"].corr(_growth())),
                key="replies",
            ),
            Mistake(
                "That is r squared (the correlation times itself). Give the correlation itself.",
                answer=lambda: raw_correlation(_acc()) ** 2,
                key="squared",
            ),
        ),
    ),
    Exercise(
        id="05.3",
        title="Like with like: the correlation inside each team",
        has_filter=True,
        imports=("pd",),
        places=2,
        label="team",
        ask="The answer is one number per kind of team (a Series or dict indexed by team), each "
        "between -1 and 1: the correlation between posts per week and growth inside that team.",
        expected=lambda: within_team(_acc()),
        solution=within_team,
        hints=(
            '`accounts.groupby("team")` splits the accounts by who runs them. In a loop, '
            '`for team, grp in accounts.groupby("team")`, `grp` holds one team\'s rows.',
            'Inside the loop, `grp["posts_per_week"].corr(grp["growth"])` is that team\'s correlation.',
            '`within = {team: grp["posts_per_week"].corr(grp["growth"]) for team, grp in accounts.groupby("team")}`',
        ),
        mistakes=(
            Mistake(
                "You grouped by sector. The comparison that holds effort steady is by who runs "
                'the account: group by "team".',
                answer=lambda: _per_group(by="sector"),
                key="sector",
            ),
            Mistake(
                "That is the median growth of each team, not the correlation inside it: use "
                '`grp["posts_per_week"].corr(grp["growth"])` for each team.',
                answer=lambda: _acc().assign(growth=_growth()).groupby("team")["growth"].median(),
                key="median",
            ),
            Mistake(
                "That correlates volume with the end followers inside each team: size, not "
                "growth. Use the `growth` column.",
                answer=lambda: _per_group(target="followers_end"),
                key="end",
            ),
            Mistake(
                "That correlates growth with `reply_share` inside each team: the question is "
                "about volume, `posts_per_week`.",
                answer=lambda: _per_group(col="reply_share"),
                key="replies",
            ),
            Mistake(
                "Those are the numbers of accounts in each team. The question asks for the correlation inside each.",
                answer=lambda: _acc()["team"].value_counts(),
                key="sizes",
            ),
            Mistake(
                "That is the mean posts per week of each team: busier teams post more. The "
                "question asks for the correlation between volume and growth inside each team.",
                answer=lambda: _acc().groupby("team")["posts_per_week"].mean(),
                key="volume",
            ),
        ),
    ),
    Exercise(
        id="05.4",
        title="Month-one retention",
        has_filter=True,
        has_ratio=True,
        imports=("pd",),
        ask="The answer is one number between 0 and 1: the share of newcomers who posted in month 1.",
        expected=lambda: month_one_retention(_months()),
        solution=month_one_retention,
        hints=(
            '`months` has one row per newcomer and month. Keep the rows of month 1: `months[months["month"] == 1]`.',
            "Posted = `posts > 0` (a True/False column). Its `.mean()` is the share of Trues.",
            '`month_one = (months.loc[months["month"] == 1, "posts"] > 0).mean()`',
        ),
        mistakes=(
            Mistake(
                "That is month 0, the month they joined: everyone posted then. Retention is "
                'about month 1, the month *after*: `months["month"] == 1`.',
                answer=lambda: float((_months().loc[_months()["month"] == 0, "posts"] > 0).mean()),
                key="month_zero",
            ),
            Mistake(
                "That is the share who did *not* post in month 1: Nielsen's \"more than 60% "
                'did not return the following month" is this side. Retention is the share who did.',
                answer=lambda: 1 - month_one_retention(_months()),
                key="quit_share",
            ),
            Mistake(
                "That is the share of all rows with a post, every month together. Keep month 1 "
                'only: `months["month"] == 1`.',
                answer=lambda: float((_months()["posts"] > 0).mean()),
                key="all_months",
            ),
            Mistake(
                "That is a count of newcomers, not a share: divide by the number of newcomers "
                "(or take `.mean()` of the True/False column).",
                answer=lambda: int((_months().loc[_months()["month"] == 1, "posts"] > 0).sum()),
                key="count",
            ),
            Mistake(
                "That is month 2. Month-one retention is about month 1, the month after joining.",
                answer=lambda: float((_months().loc[_months()["month"] == 2, "posts"] > 0).mean()),
                key="month_two",
            ),
            Mistake(
                "That is the average number of posts in month 1, not the share who posted: "
                "compare `posts > 0` first, then take the mean.",
                answer=lambda: float(_months().loc[_months()["month"] == 1, "posts"].mean()),
                key="mean_posts",
            ),
            Mistake(
                "That is the share who stopped within their first week (from `newcomers`): the "
                "kit's assumption, not Nielsen's measure. Retention counts posts in month 1.",
                answer=lambda: float(
                    ((load("newcomers")["last_post"] - load("newcomers")["joined"]).dt.days < 7).mean()
                ),
                key="first_week",
            ),
        ),
    ),
    Exercise(
        id="05.5",
        title="The survival curve",
        has_ratio=True,
        imports=("pd",),
        label="month",
        ask="The answer is one number per month 0-5 (a Series indexed by month), each between 0 "
        "and 1: the share of newcomers still posting in that month or later.",
        expected=lambda: survival_curve(_months()),
        solution=survival_curve,
        hints=(
            "`last` (given) is each newcomer's last month with a post. A newcomer is still there in "
            "month m if `last >= m`.",
            "`(last >= m).mean()` is the share for one month; make one for each month 0 to 5.",
            "`curve = pd.Series({m: (last >= m).mean() for m in range(6)})`",
        ),
        mistakes=(
            Mistake(
                "Those are numbers of newcomers, not shares: divide by how many newcomers there "
                "are (or take the `.mean()` of `last >= m`).",
                answer=lambda: pd.Series({m: int((_last() >= m).sum()) for m in range(6)}),
                key="counts",
            ),
            Mistake(
                "That is the share who had *stopped* by each month (1 minus the curve). The "
                "survival curve is the share still posting: `last >= m`.",
                answer=lambda: 1 - survival_curve(_months()),
                key="quitters",
            ),
            Mistake(
                "Those are month-to-month shares (of those there one month, who came back the "
                "next). The survival curve counts every newcomer from the start: `(last >= m).mean()`.",
                answer=lambda: month_on_month(_months()),
                key="month_on_month",
            ),
            Mistake(
                "That is the share of newcomers whose last month is *exactly* m. Still posting in "
                "month m means their last month is m or later: use `>=`.",
                answer=lambda: pd.Series({m: float((_last() == m).mean()) for m in range(6)}),
                key="exactly",
            ),
            Mistake(
                "That compares posts, not people: each month's posts as a share of month 0's. "
                "The curve is the share of newcomers: `(last >= m).mean()`.",
                answer=lambda: (lambda p: p / p.iloc[0])(_months().groupby("month")["posts"].sum()),
                key="posts",
            ),
            Mistake(
                "Your curve uses `>`: a newcomer whose last post is in month m is still there in month m. Use `>=`.",
                answer=lambda: pd.Series({m: float((_last() > m).mean()) for m in range(6)}),
                key="strict",
            ),
        ),
    ),
)
