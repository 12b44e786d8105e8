"""Workshop 05 (broadcast or community?): the mass-communication counterpoint as models and data.

Pure functions:

* the time budget: :func:`ties_sustained`, :func:`minutes_needed`, :func:`budget` (how many
  relationships N minutes a week keep up, beside Dunbar's layers);
* seeding from a contact list: :func:`seed_growth` (follower growth from inviting a list, and
  organic growth, over many seeds) and :func:`months_to`;
* quality versus volume: :func:`growth`, :func:`volume_correlation`, :func:`within_groups`,
  :func:`growth_by_band`;
* persistence: :func:`active_share`, :func:`survival`, :func:`month_on_month`, :func:`quit_within`.

>>> ties_sustained(100, 7, 3)
42
>>> [int(ties_sustained(m, 7, 3)) for m in (0, 60, 120)]
[0, 25, 51]
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = [
    "LAYERS",
    "STABLE_ON_TWITTER",
    "ties_sustained",
    "minutes_needed",
    "budget",
    "layer_of",
    "seed_growth",
    "months_to",
    "growth",
    "volume_correlation",
    "within_groups",
    "growth_by_band",
    "active_share",
    "survival",
    "month_on_month",
    "quit_within",
    "binomial_interval",
    "BUSINESSES",
]

# Dunbar's layers of relationships (the content brief: ~5 / 15 / 50 / 150), innermost first
LAYERS = {"support clique": 5, "sympathy group": 15, "band": 50, "active network": 150}
STABLE_ON_TWITTER = (100, 200)  # Gonçalves, Perra & Vespignani, PLoS ONE 2011

# the debate's three businesses: relationships they would need to tend one to one
BUSINESSES = {
    "a café with 40 regulars": 40,
    "a B2B firm with 400 prospects": 400,
    "a brand with 40,000 followers": 40_000,
}


# --------------------------------------------------------------------------- 1. the time budget


def ties_sustained(minutes_per_week: float, minutes_per_conversation: float, tend_every_weeks: float) -> int:
    """How many relationships a weekly budget keeps up: each needs one conversation every
    ``tend_every_weeks`` weeks, of ``minutes_per_conversation`` minutes. A whole number (you
    cannot keep up part of one); never negative.

    >>> ties_sustained(60, 5, 1), ties_sustained(60, 5, 2)
    (12, 24)
    """
    if minutes_per_conversation <= 0 or tend_every_weeks <= 0:
        raise ValueError("minutes per conversation and weeks between conversations must be above 0")
    return max(0, math.floor(minutes_per_week * tend_every_weeks / minutes_per_conversation + 1e-9))


def minutes_needed(relationships: float, minutes_per_conversation: float, tend_every_weeks: float) -> float:
    """Minutes a week to keep up ``relationships`` one to one.

    >>> minutes_needed(40, 5, 2)
    100.0
    """
    if minutes_per_conversation <= 0 or tend_every_weeks <= 0:
        raise ValueError("minutes per conversation and weeks between conversations must be above 0")
    return float(relationships * minutes_per_conversation / tend_every_weeks)


def layer_of(ties: int) -> str:
    """The largest of Dunbar's layers a number of relationships fills ("" if under 5).

    >>> layer_of(4), layer_of(60), layer_of(500)
    ('', 'band', 'active network')
    """
    filled = [name for name, size in LAYERS.items() if ties >= size]
    return filled[-1] if filled else ""


def budget(
    minutes_per_week: float,
    customers: int,
    prospects: int,
    minutes_per_conversation: float = 5,
    tend_every_weeks: float = 2,
) -> pd.Series:
    """One owner's budget: relationships kept up, contacts to keep up (customers + prospects),
    the share of contacts conversation covers, and the minutes a week covering all would take.

    >>> budget(60, 30, 10, 5, 2)[["ties", "contacts", "covered"]].tolist()
    [24, 40, 0.6]
    """
    ties = ties_sustained(minutes_per_week, minutes_per_conversation, tend_every_weeks)
    contacts = int(customers + prospects)
    covered = 1.0 if contacts == 0 else min(1.0, ties / contacts)
    return pd.Series(
        {
            "ties": ties,
            "contacts": contacts,
            "covered": covered,
            "minutes_for_all": minutes_needed(contacts, minutes_per_conversation, tend_every_weeks),
            "layer": layer_of(ties),
        },
        dtype=object,
    )


# --------------------------------------------------------------------------- 2. seeding from a contact list

# Assumptions, not measurements (the seeding chart states them; the explorer has a slider each):
# the share of followers from your own list who engage, and of strangers who follow.
ENGAGED_FROM_LIST = 0.5
ENGAGED_ORGANIC = 0.15


def seed_growth(
    list_size: int,
    conversion: float,
    organic_per_month: float,
    months: int = 12,
    runs: int = 500,
    seed: int = 0,
    engaged_from_list: float = ENGAGED_FROM_LIST,
    engaged_organic: float = ENGAGED_ORGANIC,
) -> pd.DataFrame:
    """Follower growth from inviting a contact list once, at the start, beside organic growth.

    Each contact follows with chance ``conversion`` (in the first month or, for a third of
    them, the second); ``organic_per_month`` strangers follow each month (Poisson). Of each,
    a share engage (reply, share, buy): contacts know you, so more of them. Returns one row per
    run and month: cumulative ``from_list``, ``organic``, ``engaged``.

    >>> g = seed_growth(200, 0.25, 10, months=3, runs=4, seed=1)
    >>> list(g.columns), len(g)
    (['run', 'month', 'from_list', 'organic', 'engaged'], 12)
    """
    rng = np.random.default_rng(seed)
    converts = rng.binomial(list_size, conversion, runs)
    late = rng.binomial(converts, 1 / 3)  # follow in the second month
    early_engaged = rng.binomial(converts - late, engaged_from_list)
    late_engaged = rng.binomial(late, engaged_from_list)
    new = rng.poisson(organic_per_month, (runs, months))
    new_engaged = rng.binomial(new, engaged_organic)
    organic, organic_engaged = new.cumsum(axis=1), new_engaged.cumsum(axis=1)
    rows = []
    for m in range(1, months + 1):
        listed = converts - late if m == 1 else converts
        engaged_listed = early_engaged if m == 1 else early_engaged + late_engaged
        rows.append(
            pd.DataFrame(
                {
                    "run": np.arange(runs),
                    "month": m,
                    "from_list": listed,
                    "organic": organic[:, m - 1],
                    "engaged": engaged_listed + organic_engaged[:, m - 1],
                }
            )
        )
    return pd.concat(rows, ignore_index=True).sort_values(["run", "month"], ignore_index=True)


def months_to(runs: pd.DataFrame, target: int, column: str = "engaged") -> pd.Series:
    """For each run, the first month ``column`` reaches ``target`` (NaN if it never does).

    >>> r = pd.DataFrame({"run": [0, 0, 1, 1], "month": [1, 2, 1, 2], "engaged": [5, 12, 2, 4]})
    >>> months_to(r, 10).tolist()
    [2.0, nan]
    """
    hit = runs[runs[column] >= target].groupby("run")["month"].min()
    return hit.reindex(sorted(runs["run"].unique())).astype(float).rename("months")


def binomial_interval(n: int, p: float, z: float = 1.96) -> tuple[float, float]:
    """An approximate 95% interval for a Binomial(n, p) count: n·p ± z·sqrt(n·p·(1 - p)).

    >>> binomial_interval(400, 0.25)
    (83.0, 117.0)
    """
    half = z * math.sqrt(n * p * (1 - p))
    return (round(n * p - half, 1), round(n * p + half, 1))


# --------------------------------------------------------------------------- 3. quality versus volume


def growth(accounts: pd.DataFrame) -> pd.Series:
    """A year's follower growth as a share of the start: followers_end / followers_start - 1.

    >>> growth(pd.DataFrame({"followers_start": [100, 200], "followers_end": [150, 180]})).round(2).tolist()
    [0.5, -0.1]
    """
    return (accounts["followers_end"] / accounts["followers_start"] - 1).rename("growth")


def volume_correlation(accounts: pd.DataFrame) -> float:
    """The raw correlation between posts per week and growth, across all accounts."""
    return float(accounts["posts_per_week"].corr(growth(accounts)))


def within_groups(accounts: pd.DataFrame, by: str = "team", column: str = "posts_per_week") -> pd.Series:
    """The correlation between ``column`` and growth inside each group of ``by``: the fairer
    comparison, like with like.

    >>> demo = pd.DataFrame({"team": ["a"] * 3 + ["b"] * 3, "posts_per_week": [1, 2, 3, 1, 2, 3],
    ...                      "followers_start": [100] * 6, "followers_end": [110, 120, 130, 190, 180, 170]})
    >>> within_groups(demo).round(2).to_dict()
    {'a': 1.0, 'b': -1.0}
    """
    g = growth(accounts)
    return pd.Series(
        {k: float(grp[column].corr(g[grp.index])) for k, grp in accounts.groupby(by, observed=True)}, name="correlation"
    ).rename_axis(by)


def growth_by_band(accounts: pd.DataFrame, column: str, bands: int = 3) -> pd.Series:
    """Median growth of the accounts in each third (by default) of ``column``."""
    labels = ["lowest third", "middle third", "highest third"] if bands == 3 else None
    band = pd.qcut(accounts[column].rank(method="first"), bands, labels=labels)
    return growth(accounts).groupby(band, observed=True).median().rename("median growth")


# --------------------------------------------------------------------------- 4. persistence


def active_share(newcomer_months: pd.DataFrame) -> pd.Series:
    """The share of newcomers who posted in each month since joining (0 = the month they joined).

    >>> m = pd.DataFrame({"account_id": [1, 1, 2, 2], "month": [0, 1, 0, 1], "posts": [3, 1, 2, 0]})
    >>> active_share(m).to_dict()
    {0: 1.0, 1: 0.5}
    """
    return (newcomer_months["posts"] > 0).groupby(newcomer_months["month"]).mean().rename("share posting")


def survival(newcomer_months: pd.DataFrame) -> pd.Series:
    """The survival curve: for each month, the share of newcomers whose last month with a post is
    that month or later. It never rises.

    >>> m = pd.DataFrame({"account_id": [1, 1, 2, 2], "month": [0, 1, 0, 1], "posts": [0, 2, 2, 0]})
    >>> survival(m).to_dict()
    {0: 1.0, 1: 0.5}
    """
    n = newcomer_months["account_id"].nunique()
    months = sorted(newcomer_months["month"].unique())
    last = newcomer_months[newcomer_months["posts"] > 0].groupby("account_id")["month"].max()
    return pd.Series({int(m): float((last >= m).sum() / n) for m in months}, name="still posting").rename_axis("month")


def month_on_month(newcomer_months: pd.DataFrame) -> pd.Series:
    """Of the newcomers still posting in one month, the share who post in the next (from month 1)."""
    s = survival(newcomer_months)
    return (s / s.shift(1)).iloc[1:].rename("kept from the month before")


def quit_within(newcomers: pd.DataFrame, days: int = 7) -> float:
    """The share of newcomers whose last post came within ``days`` days of joining."""
    return float(((newcomers["last_post"] - newcomers["joined"]).dt.days < days).mean())
