"""Broadcast or community? Twelve months of follower growth, and new accounts' first months
(workshop 05).

Generated from the scenario with its own seeded random stream (each size in the assumptions
register, ``assumptions.py``):

* ``growth_accounts``: small-business accounts elsewhere in the county over the twelve months
  before the first evening: how much they posted, what and how, and their followers at the start
  and the end. Follower growth follows a model in the spirit of Hutto, Yardi & Gilbert (CHI
  2013): content, behaviour and network matter about equally (``growth_effects``); posting volume
  has no effect of its own (``volume_effect``, 0: no source measured one). Who runs the account
  (``team``) makes busy accounts post more *and* reply more (``effort_confounding``), so volume
  goes with growth without causing it;
* ``newcomers`` and ``newcomer_months``: accounts that joined in the six months before that
  window, and their posts in each month since joining. The share still posting in the month
  after joining is set to Nielsen's ~40% (``month_one_retention``); the later months and the
  shape within the first month are the kit's assumptions (``later_retention``,
  ``first_week_quitters``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..data import Field, TableSpec
from ..scenario import Scenario
from . import names

MONTHS = 6  # months of activity recorded for each newcomer (0 = the month it joined)
TEAMS = ("owner alone", "two or three people", "a marketing person")
TEAM_SHARES = (0.5, 0.35, 0.15)

GROWTH_ACCOUNTS = TableSpec(
    name="growth_accounts",
    title="Follower growth of business accounts over a year (synthetic)",
    description="SYNTHETIC. Small-business accounts elsewhere in the county, over the twelve months "
    "before the first evening: what they posted and how, and their followers at the "
    "start and the end. Handles are invented.",
    fields=(
        Field("account_id", "integer", "Unique id of the account (not the town's accounts)."),
        Field("handle", "string", "The account's @handle (invented)."),
        Field("sector", "string", "B2B or B2C.", enum=("B2B", "B2C")),
        Field(
            "team",
            "string",
            "Who runs the account: the owner alone, two or three people, or a "
            "marketing person. More hands post more and reply more (`effort_confounding`).",
            enum=TEAMS,
        ),
        Field("posts_per_week", "number", "Posts per week on average over the year (volume).", unit="posts"),
        Field(
            "informational_share",
            "number",
            "Share of its posts that inform others (tips, news, answers), 0-1.",
            unit="share",
        ),
        Field("self_share", "number", "Share of its posts about itself (offers, its own news), 0-1.", unit="share"),
        Field(
            "reply_share",
            "number",
            "Share of its posts that reply to or mention someone, 0-1 (behaviour).",
            unit="share",
        ),
        Field("broadcast_share", "number", "Share of its posts that are a link and nothing else, 0-1.", unit="share"),
        Field(
            "mutual_share",
            "number",
            "Share of the accounts it follows that follow it back, 0-1 (network).",
            unit="share",
        ),
        Field("followers_start", "integer", "Followers at the start of the year.", unit="accounts"),
        Field("followers_end", "integer", "Followers at the end of the year.", unit="accounts"),
    ),
    primary_key=("account_id",),
    calibration=(
        "Growth follows a model whose effect sizes are assumptions (`growth_effects`, "
        "`volume_effect`, `effort_confounding`), in the spirit of Hutto, Yardi & Gilbert (CHI "
        "2013): content, social behaviour and network each explain a similar share of growth; "
        "informational content and replies help, self-focused content and broadcasting hurt.",
    ),
)

NEWCOMERS = TableSpec(
    name="newcomers",
    title="New accounts (synthetic)",
    description="SYNTHETIC. Accounts that joined the platform in the six months before the growth "
    "year, and the date of their last post in the six months after joining.",
    fields=(
        Field("account_id", "integer", "Unique id of the new account."),
        Field("joined", "date", "The date it joined."),
        Field(
            "last_post",
            "date",
            "The date of its last post within six months of joining (every "
            "newcomer posted at least once, on the day it joined or soon after).",
        ),
    ),
    primary_key=("account_id",),
    calibration=(
        "The share posting in the month after joining is set near 40%, after Nielsen (D. Martin, "
        "NielsenWire, 28 April 2009): more than 60% of US Twitter users did not return the "
        "following month. Tuned to match, so a match is no evidence; the later months and the "
        "first month's shape are the kit's assumptions.",
    ),
)

NEWCOMER_MONTHS = TableSpec(
    name="newcomer_months",
    title="New accounts' posts by month since joining (synthetic)",
    description="SYNTHETIC. One row per new account and month since it joined (0 = its first 30 "
    "days, 1 = days 30-59, ... 5), with the posts it made: a cohort table. Months with "
    "no posts are rows with 0.",
    fields=(
        Field("account_id", "integer", "The new account (newcomers.account_id)."),
        Field("month", "integer", "Months since joining, 0-5 (each month is 30 days)."),
        Field("posts", "integer", "Posts it made in that month.", unit="posts"),
    ),
    primary_key=("account_id", "month"),
    foreign_keys=(("account_id", "newcomers", "account_id"),),
)

SPECS = (GROWTH_ACCOUNTS, NEWCOMERS, NEWCOMER_MONTHS)


def _clip01(x):
    return np.clip(x, 0.0, 1.0)


def _growth(s: Scenario, rng) -> pd.DataFrame:
    n = int(round(2.5 * s.businesses))
    level = rng.choice(len(TEAMS), size=n, p=TEAM_SHARES)  # who runs the account: effort
    e = level - 0.65  # centred: the owner alone posts and replies less than a team
    conf = s.assumption("effort_confounding")
    fx = dict(s.assumption("growth_effects"))
    types = list(names.TYPES)
    btype = rng.choice(types, size=n)
    place = rng.choice(names.PLACE, size=n)
    handles = [f"@{p}{t.title().replace(' ', '')}"[:16] for p, t in zip(place, btype)]
    seen: dict[str, int] = {}
    for i, h in enumerate(handles):  # unique handles: a number on repeats
        k = seen.get(h, 0)
        seen[h] = k + 1
        handles[i] = h if k == 0 else f"{h[:14]}{k + 1}"
    volume = np.exp(np.log(4.0) + 0.8 * conf * e + rng.normal(0, 0.35, n))
    reply = _clip01(1 / (1 + np.exp(-(-0.9 + 1.4 * conf * e + rng.normal(0, 0.6, n)))))
    info = _clip01(rng.beta(2.0, 5.0, n))
    self_ = _clip01((1 - info) * rng.beta(5.0, 3.0, n))
    broadcast = _clip01(self_ * rng.beta(2.0, 3.0, n) * (1 - reply))
    mutual = _clip01(rng.beta(2.0, 4.0, n))
    start = np.round(np.exp(rng.normal(np.log(400), 0.9, n))).astype(int) + 20
    log_growth = (
        fx["baseline"]
        + fx["informational"] * info
        + fx["self_focused"] * self_
        + fx["replies"] * reply
        + fx["broadcasting"] * broadcast
        + fx["mutual"] * mutual
        + s.assumption("volume_effect") * np.log(volume)
        + rng.normal(0, 0.12, n)
    )
    end = np.maximum(1, np.round(start * np.exp(log_growth))).astype(int)
    return pd.DataFrame(
        {
            "account_id": np.arange(1, n + 1),
            "handle": handles,
            "sector": [names.TYPES[t][0] for t in btype],
            "team": [TEAMS[k] for k in level],
            "posts_per_week": volume.round(2),
            "informational_share": info.round(3),
            "self_share": self_.round(3),
            "reply_share": reply.round(3),
            "broadcast_share": broadcast.round(3),
            "mutual_share": mutual.round(3),
            "followers_start": start,
            "followers_end": end,
        }
    )


def _newcomers(s: Scenario, rng) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = int(s.outsiders)
    year_start = s.first_date - dt.timedelta(days=365)
    first_join = year_start - dt.timedelta(days=182)
    joined = np.array([first_join + dt.timedelta(days=int(d)) for d in rng.integers(0, 182, n)])
    keep1, later = s.assumption("month_one_retention"), s.assumption("later_retention")
    first_week = s.assumption("first_week_quitters")
    # the last month each newcomer posts in: 0 with 1 - keep1, then each month goes on with `later`
    last = np.zeros(n, dtype=int)
    alive = rng.random(n) < keep1
    last[alive] = 1
    for m in range(2, MONTHS):
        alive &= rng.random(n) < later
        last[alive] = m
    pace = rng.gamma(2.0, 3.0, n) + 0.5  # posts per active month
    rows_m, last_day = [], np.zeros(n, dtype=int)
    for i in range(n):
        for m in range(MONTHS):
            posts = 0
            if m <= last[i]:
                posts = 1 + int(rng.poisson(pace[i]))
            rows_m.append((i + 1, m, posts))
        if last[i] == 0:  # quit within the first month: in its first week, or later in the month
            last_day[i] = int(rng.integers(0, 7)) if rng.random() < first_week else int(rng.integers(7, 30))
        else:
            last_day[i] = 30 * last[i] + int(rng.integers(0, 30))
    newcomers = pd.DataFrame(
        {
            "account_id": np.arange(1, n + 1),
            "joined": pd.to_datetime(joined),
            "last_post": pd.to_datetime(joined) + pd.to_timedelta(last_day, unit="D"),
        }
    )
    months = pd.DataFrame(rows_m, columns=["account_id", "month", "posts"])
    return newcomers, months


def generate(s: Scenario, seed_stream: int = 5) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng([s.seed, seed_stream])
    growth = _growth(s, rng)
    newcomers, months = _newcomers(s, rng)
    return {"growth_accounts": growth, "newcomers": newcomers, "newcomer_months": months}
