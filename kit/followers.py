"""Workshop 02 — quality of followers versus quantity.

Pure functions over tidy DataFrames (no charts, no widgets, no exercises): the measures the
charts draw and that later cells, workshops and a learner's own data reuse. The exercises and
their reference solutions live in :mod:`kit.solutions.followers`, outside the learner's namespace;
a measure an exercise builds (the engagement rate, the share within reach, precision and recall)
is public here, and the notebook imports it only after that exercise is checked.

Definitions used throughout:

* **Engagement rate**: likes + retweets + replies received, per post, per follower. Only a rate
  compares a café with a celebrity fairly.
* A follower is **within reach** of a local business when they are local *and* interested
  (``interest_match`` at least 0.5); everyone else is **out of reach**.
* A follower's **quality score** is a weighted average of six named features, each between 0 and
  1 (see :data:`FEATURES`); the weights are an argument, so you can argue about them.
* The **funnel**: people buy from people they *know*, then *like*, then *trust*. In the data a
  follower reaches *know* when they reacted to the account at all (any like, click, reply or
  retweet), *like* when they did more than tap the heart (clicked, replied or retweeted), and
  *trust* when they got in touch (an enquiry).

>>> followers = load("followers")
>>> bool(quality_score(followers).between(0, 1).all())
True
>>> sorted(reach_share(followers).index) == sorted(load("sample_accounts")["handle"])
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data import load  # noqa: F401  (the doctests load tables)
from .social import rank_correlation

__all__ = [
    "INTERESTED",
    "FEATURES",
    "DEFAULT_WEIGHTS",
    "FAKE_SIGNALS",
    "FUNNEL_STAGES",
    "WEAK_RATES",
    "engagement_rate",
    "influence_correlations",
    "top_lists",
    "within_reach",
    "reach_groups",
    "reach_share",
    "audience_mix",
    "quality_features",
    "quality_score",
    "account_quality",
    "fake_signals",
    "default_fake_rule",
    "confusion",
    "precision_recall",
    "evaluate_rules",
    "funnel_stages",
    "funnel_rates",
    "simulate_funnel",
    "compare_audiences",
    "selling_followers",
    "enquiry_rate_by_quality",
    "new_followers_per_day",
    "biggest_burst",
    "bursts_among",
    "bursts",
    "BURST_FACTOR",
    "FUNNEL_RUNS",
    "FUNNEL_SEED",
]

INTERESTED = 0.5  # interest_match at or above this counts as "interested"

FEATURES = {
    "local": "1 if the follower is in the county, else 0",
    "interest": "how closely their posts match your topic (interest_match, 0 to 1)",
    "conversation": "replies + retweets in 90 days, counted up to 3 (3 or more scores 1)",
    "attention": "likes + clicks in 90 days, counted up to 10 (10 or more scores 1)",
    "mutual": "1 if you follow them back (you know each other), else 0",
    "real_profile": "half a point for a bio, half for their own picture",
}
DEFAULT_WEIGHTS = {
    "local": 1.0,
    "interest": 2.0,
    "conversation": 2.0,
    "attention": 1.0,
    "mutual": 0.5,
    "real_profile": 0.5,
}

FAKE_SIGNALS = {
    "no_avatar": "no profile picture of their own",
    "no_bio": "an empty bio",
    "follows_many": "follows at least 10 times as many accounts as follow them",
    "new_account": "account less than 90 days old",
    "few_posts": "fewer than 10 posts ever",
    "number_handle": "handle ends in 4 or more digits",
}

FUNNEL_STAGES = ("know", "like", "trust")
# An assumed weakly interested audience: close to what our town shows for followers with
# interest_match below 0.2 (about a fifth react at all, about half of those click or talk); too
# few of them enquire to measure (none, in the bundled data), so the trust rate is a guess:
# 1 in 1,000.
WEAK_RATES = {"know": 0.2, "like": 0.5, "trust": 0.001}
# The workshop's simulated quarters: the static chart and the explorer use the same, so they agree.
FUNNEL_RUNS, FUNNEL_SEED = 10_000, 1


def _by_handle(stats: pd.DataFrame) -> pd.DataFrame:
    return stats.set_index("handle") if "handle" in stats.columns else stats


# --------------------------------------------------------------------------- counts vs influence


def engagement_rate(stats: pd.DataFrame) -> pd.Series:
    """Likes + retweets + replies received, per post, per follower, by handle.

    >>> demo = pd.DataFrame({"handle": ["@small", "@big"], "followers": [200, 100_000],
    ...                      "posts_90d": [10, 100], "likes_received": [50, 20_000],
    ...                      "retweets_received": [5, 3_000], "replies_received": [5, 2_000]})
    >>> engagement_rate(demo).round(4).to_dict()  # 3% per post per follower against 0.25%
    {'@small': 0.03, '@big': 0.0025}
    """
    s = _by_handle(stats)
    interactions = s["likes_received"] + s["retweets_received"] + s["replies_received"]
    return (interactions / s["posts_90d"] / s["followers"]).rename("engagement_rate")


def influence_correlations(stats: pd.DataFrame) -> pd.DataFrame:
    """Rank correlations between followers, retweets and mentions (the measures in Cha et al. 2010).

    1 means the accounts come in exactly the same order; 0 means the order tells you nothing.

    >>> demo = pd.DataFrame({"followers": [10, 200, 3000, 40000], "retweets_received": [1, 30, 2, 400],
    ...                      "mentions_received": [5, 1, 60, 7]})
    >>> influence_correlations(demo).round(2)
                       followers  retweets_received  mentions_received
    followers                1.0                0.8                0.6
    retweets_received        0.8                1.0                0.0
    mentions_received        0.6                0.0                1.0
    """
    cols = ["followers", "retweets_received", "mentions_received"]
    out = pd.DataFrame(index=cols, columns=cols, dtype=float)
    for a in cols:
        for b in cols:
            out.loc[a, b] = rank_correlation(stats[a], stats[b])
    return out


def top_lists(stats: pd.DataFrame, k: int = 10) -> pd.DataFrame:
    """The top ``k`` handles by followers, by retweets received and by mentions received.

    >>> demo = pd.DataFrame({"handle": ["@a", "@b", "@c"], "followers": [300, 20, 1000],
    ...                      "retweets_received": [5, 40, 1], "mentions_received": [2, 9, 30]})
    >>> top_lists(demo, 2)
         by followers by retweets by mentions
    rank
    1              @c          @b          @c
    2              @a          @a          @b
    """
    s = _by_handle(stats)
    return pd.DataFrame(
        {
            "by followers": s.nlargest(k, "followers").index,
            "by retweets": s.nlargest(k, "retweets_received").index,
            "by mentions": s.nlargest(k, "mentions_received").index,
        },
        index=pd.RangeIndex(1, k + 1, name="rank"),
    )


# --------------------------------------------------------------------------- who the followers are


def within_reach(followers: pd.DataFrame, threshold: float = INTERESTED) -> pd.Series:
    """True for followers who are local and interested (interest_match at least ``threshold``).

    >>> demo = pd.DataFrame({"local": [True, True, False], "interest_match": [0.7, 0.2, 0.9]})
    >>> within_reach(demo).tolist()
    [True, False, False]
    """
    return (followers["local"].astype(bool) & (followers["interest_match"] >= threshold)).rename("within_reach")


def reach_groups(followers: pd.DataFrame, threshold: float = INTERESTED) -> pd.Series:
    """Label each follower "within reach" or "out of reach".

    >>> demo = pd.DataFrame({"local": [True, True, False], "interest_match": [0.9, 0.1, 0.8]})
    >>> reach_groups(demo).tolist()
    ['within reach', 'out of reach', 'out of reach']
    """
    return pd.Series(
        np.where(within_reach(followers, threshold), "within reach", "out of reach"),
        index=followers.index,
        name="group",
    )


def reach_share(followers: pd.DataFrame, threshold: float = INTERESTED) -> pd.Series:
    """Each account's share of followers who are local *and* interested.

    >>> demo = pd.DataFrame({"account": ["@a", "@a", "@b", "@b"], "local": [True, True, False, True],
    ...                      "interest_match": [0.8, 0.1, 0.9, 0.6]})
    >>> reach_share(demo).to_dict()
    {'@a': 0.5, '@b': 0.5}
    """
    ok = within_reach(followers, threshold)
    return ok.groupby(followers["account"]).mean().rename("within_reach").rename_axis("account")


def audience_mix(followers: pd.DataFrame, threshold: float = INTERESTED) -> pd.DataFrame:
    """Share of each account's followers in four groups: where they are crossed with interest.

    >>> demo = pd.DataFrame({"account": ["@cafe"] * 4, "local": [True, True, False, False],
    ...                      "interest_match": [0.9, 0.1, 0.8, 0.2]})
    >>> audience_mix(demo)
      account                  group  followers  share
    0   @cafe  interested, elsewhere          1   0.25
    1   @cafe   local and interested          1   0.25
    2   @cafe  local, not interested          1   0.25
    3   @cafe                neither          1   0.25
    """
    local = followers["local"].astype(bool)
    keen = followers["interest_match"] >= threshold
    group = np.select(
        [local & keen, local & ~keen, ~local & keen],
        ["local and interested", "local, not interested", "interested, elsewhere"],
        "neither",
    )
    out = (
        pd.DataFrame({"account": followers["account"].astype(str), "group": group})
        .groupby(["account", "group"])
        .size()
        .rename("followers")
        .reset_index()
    )
    out["share"] = out["followers"] / out.groupby("account")["followers"].transform("sum")
    return out


# --------------------------------------------------------------------------- the quality score


def quality_features(followers: pd.DataFrame) -> pd.DataFrame:
    """The six named features of :data:`FEATURES`, each scaled to 0–1.

    >>> demo = pd.DataFrame({"local": [True], "interest_match": [0.5], "replies": [1],
    ...                      "retweets": [5], "likes": [4], "clicks": [1], "follows_back": [False],
    ...                      "has_bio": [True], "has_avatar": [False]})
    >>> quality_features(demo).iloc[0].to_dict()
    {'local': 1.0, 'interest': 0.5, 'conversation': 1.0, 'attention': 0.5, 'mutual': 0.0, 'real_profile': 0.5}
    """
    f = followers
    return pd.DataFrame(
        {
            "local": f["local"].astype(float),
            "interest": f["interest_match"].astype(float),
            "conversation": np.minimum(f["replies"] + f["retweets"], 3) / 3,
            "attention": np.minimum(f["likes"] + f["clicks"], 10) / 10,
            "mutual": f["follows_back"].astype(float),
            "real_profile": (f["has_bio"].astype(float) + f["has_avatar"].astype(float)) / 2,
        },
        index=f.index,
    )


def quality_score(followers: pd.DataFrame, weights: dict | None = None) -> pd.Series:
    """Each follower's quality: the weighted average of the features, between 0 and 1.

    ``weights`` maps feature names to non-negative numbers; features left out keep their
    default weight (:data:`DEFAULT_WEIGHTS`), so ``{"local": 0}`` means "ignore where they are".

    >>> demo = pd.DataFrame({"local": [True, False], "interest_match": [0.2, 0.9], "replies": [0, 0],
    ...                      "retweets": [0, 0], "likes": [0, 0], "clicks": [0, 0],
    ...                      "follows_back": [False, False], "has_bio": [True, True],
    ...                      "has_avatar": [True, True]})
    >>> quality_score(demo).round(3).tolist()       # the interested stranger ranks first...
    [0.271, 0.329]
    >>> quality_score(demo, {"local": 5}).round(3).tolist()  # ...until being local weighs more
    [0.536, 0.209]
    >>> quality_score(demo, {"colour": 1})
    Traceback (most recent call last):
    ...
    ValueError: unknown feature 'colour'; the features are local, interest, conversation, attention, mutual, real_profile
    """
    w = dict(DEFAULT_WEIGHTS)
    for name, value in (weights or {}).items():
        if name not in w:
            raise ValueError(f"unknown feature {name!r}; the features are {', '.join(DEFAULT_WEIGHTS)}")
        if value < 0:
            raise ValueError(f"weight for {name} is {value}; weights must be 0 or more")
        w[name] = float(value)
    total = sum(w.values())
    if total == 0:
        raise ValueError("all weights are 0: give at least one feature a weight")
    feats = quality_features(followers)
    return (sum(feats[k] * v for k, v in w.items()) / total).rename("quality")


def account_quality(followers: pd.DataFrame, weights: dict | None = None) -> pd.DataFrame:
    """Per account: followers in the table, average quality, and share scoring at least 0.5.

    >>> f = pd.DataFrame({"account": ["@a", "@a", "@b"], "local": [True, False, True],
    ...                   "interest_match": [1.0, 0.0, 0.5], "replies": [3, 0, 1], "retweets": [0, 0, 0],
    ...                   "likes": [10, 0, 5], "clicks": [0, 0, 0], "follows_back": [True, False, False],
    ...                   "has_bio": [True, False, True], "has_avatar": [True, False, True]})
    >>> account_quality(f).round(3)     # @a's one perfect follower and one empty profile average 0.5
             followers  mean_quality  high_quality_share
    account
    @b               1         0.524                 1.0
    @a               2         0.500                 0.5
    """
    score = quality_score(followers, weights)
    g = score.groupby(followers["account"].astype(str))
    return (
        pd.DataFrame(
            {
                "followers": g.size(),
                "mean_quality": g.mean(),
                "high_quality_share": (score >= 0.5).groupby(followers["account"].astype(str)).mean(),
            }
        )
        .rename_axis("account")
        .sort_values("mean_quality", ascending=False)
    )


# --------------------------------------------------------------------------- fake followers


def fake_signals(followers: pd.DataFrame) -> pd.DataFrame:
    """True/False columns for the warning signs in :data:`FAKE_SIGNALS` (readable rules).

    >>> demo = pd.DataFrame({"has_avatar": [False], "has_bio": [True], "following_count": [2000],
    ...                      "followers_count": [12], "account_age_days": [40], "posts_count": [3],
    ...                      "handle": ["@ella48213377"]})
    >>> fake_signals(demo).iloc[0].to_dict()
    {'no_avatar': True, 'no_bio': False, 'follows_many': True, 'new_account': True, 'few_posts': True, 'number_handle': True}
    """
    f = followers
    return pd.DataFrame(
        {
            "no_avatar": ~f["has_avatar"].astype(bool),
            "no_bio": ~f["has_bio"].astype(bool),
            "follows_many": f["following_count"] >= 10 * np.maximum(f["followers_count"], 1),
            "new_account": f["account_age_days"] < 90,
            "few_posts": f["posts_count"] < 10,
            "number_handle": f["handle"].astype(str).str.contains(r"\d{4,}$", regex=True),
        },
        index=f.index,
    )


def default_fake_rule(followers: pd.DataFrame) -> pd.Series:
    """The workshop's first rule: no picture AND no bio AND follows at least 10× as many as follow it.

    >>> demo = pd.DataFrame({"has_avatar": [False, False], "has_bio": [False, True],
    ...                      "following_count": [900, 900], "followers_count": [10, 10]})
    >>> default_fake_rule(demo).tolist()
    [True, False]
    """
    f = followers
    return (
        ~f["has_avatar"].astype(bool) & ~f["has_bio"].astype(bool) & (f["following_count"] >= 10 * f["followers_count"])
    ).rename("flagged")


def confusion(flagged: pd.Series, is_bot: pd.Series) -> pd.DataFrame:
    """A 2×2 table of counts: rows flagged or not, columns bot or human.

    >>> confusion(pd.Series([True, True, False, False]), pd.Series([True, False, True, False]))
                 bot  human
    flagged        1      1
    not flagged    1      1
    """
    flagged, is_bot = np.asarray(flagged, bool), np.asarray(is_bot, bool)
    return pd.DataFrame(
        {
            "bot": [int((flagged & is_bot).sum()), int((~flagged & is_bot).sum())],
            "human": [int((flagged & ~is_bot).sum()), int((~flagged & ~is_bot).sum())],
        },
        index=["flagged", "not flagged"],
    )


def precision_recall(flagged: pd.Series, is_bot: pd.Series) -> pd.Series:
    """How good a rule is. Precision: of the followers it flags, the share that are bots.
    Recall: of the bots, the share it flags.

    >>> flagged = pd.Series([True, True, True, False, False, False])
    >>> is_bot = pd.Series([True, True, False, True, False, False])
    >>> precision_recall(flagged, is_bot).round(3).to_dict()   # 2 of 3 flags right; 2 of 3 bots caught
    {'precision': 0.667, 'recall': 0.667}
    >>> precision_recall(pd.Series([False, False]), pd.Series([True, False])).to_dict()
    {'precision': nan, 'recall': 0.0}
    """
    flagged, is_bot = np.asarray(flagged, bool), np.asarray(is_bot, bool)
    caught = int((flagged & is_bot).sum())
    precision = caught / flagged.sum() if flagged.sum() else float("nan")
    recall = caught / is_bot.sum() if is_bot.sum() else float("nan")
    return pd.Series({"precision": float(precision), "recall": float(recall)}, name="score")


def evaluate_rules(rules: dict, is_bot: pd.Series) -> pd.DataFrame:
    """Precision, recall and number flagged for several rules (name -> True/False Series).

    >>> is_bot = pd.Series([True, False, True])
    >>> evaluate_rules({"all": pd.Series([True] * 3), "none": pd.Series([False] * 3)}, is_bot)["flagged"].tolist()
    [3, 0]
    """
    rows = {}
    for name, flagged in rules.items():
        pr = precision_recall(flagged, is_bot)
        rows[name] = {"flagged": int(np.asarray(flagged, bool).sum()), **pr.to_dict()}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("rule")


# --------------------------------------------------------------------------- the funnel


def funnel_stages(followers: pd.DataFrame, enquiries: pd.DataFrame) -> pd.DataFrame:
    """For each follower: reached know (reacted at all), like (clicked or talked), trust (enquired).

    >>> demo = pd.DataFrame({"follower_id": [1, 2, 3], "likes": [0, 3, 1], "clicks": [0, 0, 1],
    ...                      "replies": [0, 0, 1], "retweets": [0, 0, 0]})
    >>> funnel_stages(demo, pd.DataFrame({"follower_id": [3]})).astype(int).to_dict("list")
    {'know': [0, 1, 1], 'like': [0, 0, 1], 'trust': [0, 0, 1]}
    """
    f = followers
    return pd.DataFrame(
        {
            "know": (f["likes"] + f["clicks"] + f["replies"] + f["retweets"]) > 0,
            "like": (f["clicks"] + f["replies"] + f["retweets"]) > 0,
            "trust": f["follower_id"].isin(enquiries["follower_id"]),
        },
        index=f.index,
    )


def funnel_rates(followers: pd.DataFrame, enquiries: pd.DataFrame, by: pd.Series | None = None) -> pd.DataFrame:
    """Stage rates per group: know (share of followers), like (share of those who know),
    trust (share of those who like), and enquiries per follower.

    >>> demo = pd.DataFrame({"follower_id": [1, 2, 3, 4], "likes": [0, 3, 1, 2], "clicks": [0, 0, 1, 1],
    ...                      "replies": [0, 0, 1, 0], "retweets": [0, 0, 0, 0]})
    >>> funnel_rates(demo, pd.DataFrame({"follower_id": [3]})).round(3).iloc[0].to_dict()
    {'followers': 4.0, 'know': 0.75, 'like': 0.667, 'trust': 0.5, 'per_follower': 0.25}
    """
    st = funnel_stages(followers, enquiries)
    group = by if by is not None else pd.Series("all", index=followers.index)
    rows = {}
    for name, s in st.groupby(group.to_numpy()):
        know, like, trust = s["know"], s["like"], s["trust"]
        rows[name] = {
            "followers": float(len(s)),
            "know": float(know.mean()),
            "like": float(like[know].mean()) if know.any() else float("nan"),
            "trust": float(trust[like].mean()) if like.any() else float("nan"),
            "per_follower": float(trust.mean()),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("group")


def simulate_funnel(n: int, rates, runs: int = 10_000, seed: int = 0, certainty: float | None = None) -> np.ndarray:
    """Enquiries from ``n`` followers in each of ``runs`` simulated quarters.

    Each follower passes each stage by chance at the stage's rate, so even fixed rates give a
    spread of outcomes. ``certainty`` adds doubt about the rates themselves: roughly how many
    people each rate was measured on (``None``: treat the rates as exact). Same seed, same runs.

    >>> a = simulate_funnel(10, {"know": 0.7, "like": 0.75, "trust": 0.2}, runs=5, seed=1)
    >>> b = simulate_funnel(10, {"know": 0.7, "like": 0.75, "trust": 0.2}, runs=5, seed=1)
    >>> bool((a == b).all()), a.dtype.kind
    (True, 'i')
    >>> round(float(simulate_funnel(10_000, WEAK_RATES, runs=20_000).mean()), 1)
    1.0
    """
    rng = np.random.default_rng(seed)

    def draw(p):
        if certainty is None:
            return np.full(runs, float(p))
        p = min(max(float(p), 1e-9), 1 - 1e-9)
        return rng.beta(certainty * p, certainty * (1 - p), runs)

    p_know, p_like, p_trust = (draw(rates[s]) for s in FUNNEL_STAGES)
    know = rng.binomial(int(n), p_know)
    like = rng.binomial(know, p_like)
    return rng.binomial(like, p_trust).astype(np.int64)


def compare_audiences(
    audiences: dict, runs: int = 10_000, seed: int = 0, certainty: float | None = None
) -> pd.DataFrame:
    """Simulate several audiences (label -> (n, rates)); one row per run, one column per audience.

    >>> compare_audiences({"sure": (3, {"know": 1, "like": 1, "trust": 1}),       # everyone enquires
    ...                    "bots": (1000, {"know": 0.5, "like": 0.5, "trust": 0})}, runs=3)  # nobody does
         sure  bots
    run
    0       3     0
    1       3     0
    2       3     0
    """
    out = {}
    for i, (label, (n, rates)) in enumerate(audiences.items()):
        out[label] = simulate_funnel(n, rates, runs=runs, seed=seed + 7919 * i, certainty=certainty)
    return pd.DataFrame(out).rename_axis("run")


# --------------------------------------------------------------------------- outcomes and growth


def selling_followers(followers: pd.DataFrame, sample_accounts: pd.DataFrame) -> pd.DataFrame:
    """Only the followers of the accounts that sell to their followers (whose enquiries we have).

    >>> shops = pd.DataFrame({"handle": ["@shop", "@star"], "sells_to_followers": [True, False]})
    >>> selling_followers(pd.DataFrame({"account": ["@shop", "@star", "@shop"], "follower_id": [1, 2, 3]}),
    ...                   shops)["follower_id"].tolist()
    [1, 3]
    """
    shops = sample_accounts.loc[sample_accounts["sells_to_followers"], "handle"]
    return followers[followers["account"].isin(shops)]


def enquiry_rate_by_quality(
    followers: pd.DataFrame, enquiries: pd.DataFrame, weights: dict | None = None, bands=(0, 0.2, 0.4, 0.6, 1.0)
) -> pd.DataFrame:
    """Enquiries per follower in bands of the quality score.

    >>> f = pd.DataFrame({"follower_id": [1, 2, 3], "local": [True, False, True],
    ...                   "interest_match": [1.0, 0.0, 0.9], "replies": [3, 0, 0], "retweets": [0, 0, 0],
    ...                   "likes": [10, 0, 1], "clicks": [0, 0, 0], "follows_back": [True, False, False],
    ...                   "has_bio": [True, False, True], "has_avatar": [True, False, True]})
    >>> enquiry_rate_by_quality(f, pd.DataFrame({"follower_id": [1]}))
             followers  enquiries  enquiry_rate
    quality
    0.0–0.2          1          0           0.0
    0.2–0.4          0          0           NaN
    0.4–0.6          1          0           0.0
    0.6–1.0          1          1           1.0
    """
    score = quality_score(followers, weights)
    labels = [f"{a:.1f}–{b:.1f}" for a, b in zip(bands[:-1], bands[1:])]
    band = pd.cut(score, list(bands), labels=labels, include_lowest=True)
    asked = followers["follower_id"].isin(enquiries["follower_id"])
    g = asked.groupby(band, observed=False)
    return pd.DataFrame(
        {"followers": g.size(), "enquiries": g.sum().astype(int), "enquiry_rate": g.mean()}
    ).rename_axis("quality")


def new_followers_per_day(followers: pd.DataFrame, sample_accounts: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """New followers per account per day, scaled up from samples to the whole audience.

    >>> sa = pd.DataFrame({"handle": ["@shop", "@star"], "followers_count": [2, 100],
    ...                    "followers_in_sample": [2, 1]})      # @star's one row stands for 100
    >>> f = pd.DataFrame({"account": ["@shop", "@star", "@shop"],
    ...                   "followed_on": pd.to_datetime(["2024-01-02", "2024-01-02", "2024-01-03"])})
    >>> new_followers_per_day(f, sa, start="2024-01-01", end="2024-01-03")
      account        day  new_followers
    0   @shop 2024-01-01            0.0
    1   @shop 2024-01-02            1.0
    2   @shop 2024-01-03            1.0
    3   @star 2024-01-01            0.0
    4   @star 2024-01-02          100.0
    5   @star 2024-01-03            0.0
    """
    accounts, days, grid, scale = _daily_counts(followers, sample_accounts, start, end)
    idx = pd.MultiIndex.from_product([accounts, days], names=["account", "day"])
    counts = pd.Series(grid.ravel(), index=idx, name="new_followers").reset_index()
    counts["new_followers"] = counts["new_followers"] * np.repeat(scale, len(days))
    return counts


def _daily_counts(followers, sample_accounts, start=None, end=None):
    """(accounts, days, sampled follows per account per day as an int grid, each account's scale)."""
    by_handle = sample_accounts.set_index("handle")
    f = followers
    day = f["followed_on"]
    end = pd.Timestamp(end) if end is not None else day.max()
    start = pd.Timestamp(start) if start is not None else end - pd.Timedelta(days=89)
    days = pd.date_range(start, end, freq="D")
    account = f["account"].astype(str)
    accounts = sorted(account.unique())
    # count each (account, day) of the window in a NumPy grid: a follow on a day the range does
    # not hold (a start that is not midnight) is left out, as reindexing a groupby would
    which_day = days.get_indexer(day)
    inside = which_day >= 0
    which_account = pd.Index(accounts).get_indexer(account[inside])
    grid = np.zeros((len(accounts), len(days)), dtype=np.int64)
    np.add.at(grid, (which_account, which_day[inside]), 1)
    scale = (by_handle["followers_count"] / by_handle["followers_in_sample"]).reindex(accounts)
    return accounts, days, grid, scale.to_numpy(dtype=float)


def biggest_burst(followers: pd.DataFrame, sample_accounts: pd.DataFrame, days: int = 4) -> pd.DataFrame:
    """Each account's most new followers in any ``days`` days running, when it started, and how
    that compares with the account's usual pace (its average over the other days, for ``days`` days).

    Every account has a busiest few days, if only by chance; :func:`bursts` keeps the real spikes.

    >>> days = pd.date_range("2024-01-01", periods=90, freq="D")
    >>> f = pd.DataFrame({"account": "@shop",      # one new follower every 9 days, then 18 in two days
    ...                   "followed_on": list(days[::9]) + [days[50]] * 10 + [days[51]] * 8})
    >>> sa = pd.DataFrame({"handle": ["@shop"], "followers_count": [28], "followers_in_sample": [28]})
    >>> b = biggest_burst(f, sa, days=2)
    >>> b["starting"].iloc[0].date(), b[["new_followers", "usual", "times_usual"]].round(1).iloc[0].to_dict()
    (datetime.date(2024, 2, 20), {'new_followers': 18.0, 'usual': 0.2, 'times_usual': 79.2})
    """
    accounts, dates, grid, scale = _daily_counts(followers, sample_accounts)
    # sums over every window of ``days`` days, all accounts at once, in whole sampled follows
    # (exact, so equal windows tie and the first wins, as Series.idxmax gives); scaled after
    ends = np.arange(days - 1, len(dates))
    totals = np.concatenate([np.zeros((len(accounts), 1), np.int64), grid.cumsum(axis=1)], axis=1)
    rolled = totals[:, ends + 1] - totals[:, ends + 1 - days]
    best = rolled.argmax(axis=1)  # the first busiest window, as Series.idxmax gives
    window = rolled[np.arange(len(accounts)), best]
    most = window * scale
    end = dates[ends[best]]
    other_days = len(dates) - days
    usual = (totals[:, -1] - window) * scale / other_days * days if other_days > 0 else np.full(len(accounts), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        times = np.where(usual > 0, most / usual, np.inf)
    return pd.DataFrame(
        {"new_followers": most, "starting": end - pd.Timedelta(days=days - 1), "usual": usual, "times_usual": times},
        index=pd.Index(accounts, name="account"),
    )


BURST_FACTOR = 10  # a burst: at least ten times the account's usual pace over the same few days


def bursts(
    followers: pd.DataFrame, sample_accounts: pd.DataFrame, days: int = 4, factor: float = BURST_FACTOR
) -> pd.DataFrame:
    """Only the real spikes: accounts whose busiest ``days`` days brought at least ``factor`` times
    their usual number of new followers. A small account's busiest days (5 followers where 2 are
    usual) or a big account's sampling noise are not bursts.

    >>> b = bursts(load("followers"), load("sample_accounts"))
    >>> sorted(load("sample_accounts").set_index("handle").loc[b.index, "role"])
    ['celebrity', 'gift shop']
    """
    return bursts_among(biggest_burst(followers, sample_accounts, days), factor)


def bursts_among(busiest: pd.DataFrame, factor: float = BURST_FACTOR) -> pd.DataFrame:
    """The rows of a :func:`biggest_burst` table that are real spikes, biggest first."""
    return busiest[busiest["times_usual"] >= factor].sort_values("new_followers", ascending=False)
