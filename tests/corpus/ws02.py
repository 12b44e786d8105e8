"""Workshop 02 (quality of followers): answers learners type, and what the check must say.

Written from a cold read of the learner edition: the names are the notebook's (``stats``,
``interactions``, ``followers``, ``local``, ``interested``, ``f``, ``flagged``, ``caught``,
``rates``, ``engaged``), rebuilt here from :class:`Tables` so every attempt replays on any
scenario. ``says`` holds what a good diagnosis must name (lower case).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kit.followers import WEAK_RATES, funnel_rates, reach_groups, selling_followers

from . import Tables, odd, right, shortcut, slip

# --------------------------------------------------------------------------- the notebook's names


def stats(t: Tables) -> pd.DataFrame:
    return t.account_stats.set_index("handle")


def interactions(t: Tables) -> pd.Series:
    s = stats(t)
    return s["likes_received"] + s["retweets_received"] + s["replies_received"]


def rate(t: Tables) -> pd.Series:
    s = stats(t)
    return interactions(t) / s["posts_90d"] / s["followers"]


def top(t: Tables, by: str, k: int = 20) -> set:
    return set(stats(t).nlargest(k, by).index)


def both(t: Tables) -> set:
    return top(t, "followers") & top(t, "retweets_received")


def local(t: Tables) -> pd.Series:
    return t.followers["local"]


def interested(t: Tables) -> pd.Series:
    return t.followers["interest_match"] >= 0.5


def by_account(t: Tables, mask: pd.Series) -> pd.Series:
    return mask.groupby(t.followers["account"]).mean()


def reach(t: Tables) -> pd.Series:
    return by_account(t, local(t) & interested(t))


def scored(t: Tables) -> pd.DataFrame:
    return t.followers.merge(t.follower_truth, on="follower_id")


def flagged(t: Tables) -> pd.Series:
    f = scored(t)
    return ~f["has_avatar"] & ~f["has_bio"] & (f["following_count"] >= 10 * f["followers_count"])


def pr_parts(t: Tables) -> dict:
    f, fl = scored(t), flagged(t)
    caught = fl & f["is_bot"]
    return {
        "caught": caught.sum(),
        "flagged": fl.sum(),
        "bots": f["is_bot"].sum(),
        "n": len(f),
        "humans": (~f["is_bot"]).sum(),
        "wrongly": (fl & ~f["is_bot"]).sum(),
        "accuracy": (fl == f["is_bot"]).mean(),
    }


def pr(t: Tables) -> dict:
    c = pr_parts(t)
    return {"precision": c["caught"] / c["flagged"], "recall": c["caught"] / c["bots"]}


def rates(t: Tables) -> pd.DataFrame:
    shop = selling_followers(t.followers, t.sample_accounts)
    return funnel_rates(shop, t.enquiries, by=reach_groups(shop))


def engaged(t: Tables) -> pd.Series:
    return rates(t).loc["within reach"]


def from_engaged(t: Tables) -> float:
    e = engaged(t)
    return 10 * e["know"] * e["like"] * e["trust"]


def _relabel(s: pd.Series, fn) -> pd.Series:
    return s.set_axis([fn(str(h)) for h in s.index])


# --------------------------------------------------------------------------- 02.1 engagement rate

ATTEMPTS = [
    right("02.1", "interactions / posts / followers", rate),
    right(
        "02.1",
        "divided by posts times followers",
        lambda t: interactions(t) / (stats(t)["posts_90d"] * stats(t)["followers"]),
    ),
    right(
        "02.1",
        "the three columns added with sum(axis=1)",
        lambda t: (
            stats(t)[["likes_received", "retweets_received", "replies_received"]].sum(axis=1)
            / stats(t)["posts_90d"]
            / stats(t)["followers"]
        ),
    ),
    right("02.1", "as a dict", lambda t: rate(t).to_dict()),
    right("02.1", "sorted, highest first", lambda t: rate(t).sort_values(ascending=False)),
    right(
        "02.1",
        "computed on the raw table, then indexed by handle",
        lambda t: (
            (
                t.account_stats["likes_received"]
                + t.account_stats["retweets_received"]
                + t.account_stats["replies_received"]
            )
            / t.account_stats["posts_90d"]
            / t.account_stats["followers"]
        ).set_axis(t.account_stats["handle"]),
    ),
    shortcut("02.1", "raw interactions", interactions, "count"),
    shortcut("02.1", "per post only", lambda t: interactions(t) / stats(t)["posts_90d"], "per post", "followers"),
    shortcut("02.1", "per follower only", lambda t: interactions(t) / stats(t)["followers"], "posts"),
    shortcut(
        "02.1",
        "likes only",
        lambda t: stats(t)["likes_received"] / stats(t)["posts_90d"] / stats(t)["followers"],
        "retweets",
        "replies",
    ),
    shortcut(
        "02.1",
        "replies left out",
        lambda t: (
            (stats(t)["likes_received"] + stats(t)["retweets_received"]) / stats(t)["posts_90d"] / stats(t)["followers"]
        ),
        "replies",
    ),
    shortcut(
        "02.1",
        "divided by following",
        lambda t: interactions(t) / stats(t)["posts_90d"] / stats(t)["following"],
        "following",
    ),
    shortcut(
        "02.1",
        "mentions added",
        lambda t: (interactions(t) + stats(t)["mentions_received"]) / stats(t)["posts_90d"] / stats(t)["followers"],
        "mention",
    ),
    slip("02.1", "x100 (percentages)", lambda t: rate(t) * 100, "100"),
    slip("02.1", "rounded to 4 places", lambda t: rate(t).round(4), "round"),
    slip("02.1", "reset index", lambda t: rate(t).reset_index(drop=True), "handle"),
    slip("02.1", "a list of values", lambda t: rate(t).tolist(), "list"),
    slip("02.1", "a NumPy array (.values)", lambda t: rate(t).values, "label"),
    slip("02.1", "a one-column DataFrame", lambda t: rate(t).to_frame("rate"), "table"),
    slip("02.1", "handles without @", lambda t: _relabel(rate(t), lambda h: h.lstrip("@")), "@"),
    slip("02.1", "handles lower-cased", lambda t: _relabel(rate(t), str.lower), "capitals"),
    slip("02.1", "the mean rate (one number)", lambda t: rate(t).mean(), "handle"),
    slip("02.1", "top 10 only", lambda t: rate(t).nlargest(10), "missing"),
    slip("02.1", "None from an in-place call (list.sort())", lambda t: rate(t).tolist().sort(), "none", "in-place"),
    odd("02.1", "NaN", lambda t: float("nan"), "nan"),
    odd("02.1", "text", lambda t: "0.012", "text"),
    odd("02.1", "negative", lambda t: -rate(t), "sign"),
    odd("02.1", "the whole stats table", lambda t: stats(t).assign(rate=rate(t)), "table"),
    odd("02.1", "an empty dict", lambda t: {}, "empty"),
    odd("02.1", "the stub left as it is", lambda t: ..., status="unanswered"),
]

# --------------------------------------------------------------------------- 02.2 top-list overlap

ATTEMPTS += [
    right("02.2", "set & set", both),
    right("02.2", "a sorted list", lambda t: sorted(both(t))),
    right(
        "02.2",
        "sort_values().head(20) and Index.intersection",
        lambda t: (
            stats(t)
            .sort_values("followers", ascending=False)
            .head(20)
            .index.intersection(stats(t).sort_values("retweets_received", ascending=False).head(20).index)
        ),
    ),
    right(
        "02.2", "a list comprehension", lambda t: [h for h in top(t, "followers") if h in top(t, "retweets_received")]
    ),
    right("02.2", "a tuple", lambda t: tuple(both(t))),
    right("02.2", "a Series of handles", lambda t: pd.Series(sorted(both(t)))),
    right("02.2", "set.intersection", lambda t: top(t, "followers").intersection(top(t, "retweets_received"))),
    shortcut(
        "02.2", "mentions instead of retweets", lambda t: top(t, "followers") & top(t, "mentions_received"), "mention"
    ),
    shortcut("02.2", "likes instead of retweets", lambda t: top(t, "followers") & top(t, "likes_received"), "likes"),
    shortcut("02.2", "either list (|)", lambda t: top(t, "followers") | top(t, "retweets_received"), "both"),
    shortcut(
        "02.2",
        "the 20 smallest",
        lambda t: (
            set(stats(t).nsmallest(20, "followers").index) & set(stats(t).nsmallest(20, "retweets_received").index)
        ),
        "smallest",
    ),
    shortcut(
        "02.2",
        "following instead of followers",
        lambda t: top(t, "following") & top(t, "retweets_received"),
        "following",
    ),
    shortcut(
        "02.2", "top 10 instead of top 20", lambda t: top(t, "followers", 10) & top(t, "retweets_received", 10), "20"
    ),
    shortcut("02.2", "only the top 20 by followers", lambda t: top(t, "followers"), "both"),
    shortcut(
        "02.2", "in one list but not the other (-)", lambda t: top(t, "followers") - top(t, "retweets_received"), "both"
    ),
    slip("02.2", "handles without @", lambda t: {h.lstrip("@") for h in both(t)}, "@"),
    slip("02.2", "handles lower-cased", lambda t: {h.lower() for h in both(t)}, "capitals"),
    slip(
        "02.2",
        "a True/False column",
        lambda t: pd.Series(stats(t).index.isin(both(t)), index=stats(t).index),
        "true/false",
    ),
    slip("02.2", "how many, not which", lambda t: len(both(t)), "handles"),
    slip("02.2", "the rows of stats", lambda t: stats(t).loc[sorted(both(t))], "index"),
    slip(
        "02.2",
        "positions after reset_index",
        lambda t: set(np.flatnonzero(stats(t).index.isin(both(t))).tolist()),
        "row numbers",
    ),
    odd("02.2", "None", lambda t: None, "none"),
    odd("02.2", "an empty set", lambda t: set(), "empty"),
    odd("02.2", "NaN", lambda t: float("nan"), "nan"),
    odd("02.2", "a dict of handles", lambda t: {h: True for h in both(t)}, "dict"),
    odd("02.2", "one handle as text", lambda t: sorted(both(t))[0] if both(t) else "@nobody", "text"),
]

# --------------------------------------------------------------------------- 02.3 share within reach

ATTEMPTS += [
    right("02.3", "(local & interested).groupby(account).mean()", reach),
    right(
        "02.3",
        "groupby sum / groupby size",
        lambda t: (
            (local(t) & interested(t)).groupby(t.followers["account"]).sum() / t.followers.groupby("account").size()
        ),
    ),
    right(
        "02.3",
        "assign a column, then groupby",
        lambda t: t.followers.assign(ok=local(t) & interested(t)).groupby("account")["ok"].mean(),
    ),
    right("02.3", "as a dict", lambda t: reach(t).to_dict()),
    right(
        "02.3",
        "crosstab normalised by row",
        lambda t: pd.crosstab(t.followers["account"], local(t) & interested(t), normalize="index")[True],
    ),
    right(
        "02.3",
        "value_counts of the filtered rows over value_counts of all",
        lambda t: (
            t.followers.loc[local(t) & interested(t), "account"]
            .value_counts()
            .div(t.followers["account"].value_counts(), fill_value=0)
        ),
    ),
    shortcut("02.3", "| instead of &", lambda t: by_account(t, local(t) | interested(t)), "&"),
    shortcut("02.3", "only local", lambda t: by_account(t, local(t)), "interest"),
    shortcut("02.3", "only interested", lambda t: by_account(t, interested(t)), "local"),
    shortcut(
        "02.3",
        "average interest_match",
        lambda t: t.followers["interest_match"].groupby(t.followers["account"]).mean(),
        "interest_match",
    ),
    shortcut(
        "02.3",
        "> 0.5 instead of >= 0.5",
        lambda t: by_account(t, local(t) & (t.followers["interest_match"] > 0.5)),
        ">=",
    ),
    shortcut(
        "02.3",
        "interest at least 0.6",
        lambda t: by_account(t, local(t) & (t.followers["interest_match"] >= 0.6)),
        "0.5",
    ),
    shortcut(
        "02.3",
        "divided by all followers of all accounts",
        lambda t: (local(t) & interested(t)).groupby(t.followers["account"]).sum() / len(t.followers),
        "each account",
    ),
    shortcut(
        "02.3",
        "share among local followers only",
        lambda t: interested(t)[local(t)].groupby(t.followers.loc[local(t), "account"]).mean(),
        "all",
    ),
    slip(
        "02.3",
        "sum instead of mean",
        lambda t: (local(t) & interested(t)).groupby(t.followers["account"]).sum(),
        "share",
    ),
    slip("02.3", "out of reach (1 - share)", lambda t: 1 - reach(t), "out of"),
    slip("02.3", "one share for everyone (no groupby)", lambda t: (local(t) & interested(t)).mean(), "account"),
    slip("02.3", "one True/False per follower (no groupby)", lambda t: local(t) & interested(t), "per account"),
    slip("02.3", "x100 (percentages)", lambda t: reach(t) * 100, "100"),
    slip("02.3", "rounded to 2 places", lambda t: reach(t).round(2), "round"),
    slip("02.3", "reset index", lambda t: reach(t).reset_index(drop=True), "account"),
    slip("02.3", "a list of values", lambda t: reach(t).tolist(), "list"),
    slip("02.3", "accounts without @", lambda t: _relabel(reach(t), lambda h: h.lstrip("@")), "@"),
    slip("02.3", "a one-column DataFrame", lambda t: reach(t).to_frame(), "table"),
    slip("02.3", "the best account only (nlargest(1))", lambda t: reach(t).nlargest(1), "account"),
    odd("02.3", "NaN", lambda t: float("nan"), "nan"),
    odd("02.3", "None", lambda t: None, "none"),
    odd("02.3", "text", lambda t: "half", "text"),
    odd("02.3", "negative", lambda t: -reach(t), "sign"),
    odd("02.3", "the followers table", lambda t: t.followers, "table"),
]

# --------------------------------------------------------------------------- 02.4 precision, recall

ATTEMPTS += [
    right("02.4", "the cell as written", lambda t: pd.Series(pr(t))),
    right("02.4", "a dict", pr),
    right(
        "02.4",
        "means of True/False columns",
        lambda t: pd.Series(
            {"precision": scored(t)["is_bot"][flagged(t)].mean(), "recall": flagged(t)[scored(t)["is_bot"]].mean()}
        ),
    ),
    right(
        "02.4",
        "from the confusion table's cells",
        lambda t: (
            lambda c: pd.Series(
                {
                    "precision": c.loc["flagged", "bot"] / c.loc["flagged"].sum(),
                    "recall": c.loc["flagged", "bot"] / c["bot"].sum(),
                }
            )
        )(
            pd.crosstab(
                flagged(t).map({True: "flagged", False: "not flagged"}),
                scored(t)["is_bot"].map({True: "bot", False: "human"}),
            )
        ),
    ),
    right("02.4", "recall first", lambda t: pd.Series({"recall": pr(t)["recall"], "precision": pr(t)["precision"]})),
    right("02.4", "plain floats", lambda t: {k: float(v) for k, v in pr(t).items()}),
    shortcut(
        "02.4",
        "precision and recall swapped",
        lambda t: pd.Series({"precision": pr(t)["recall"], "recall": pr(t)["precision"]}),
        "swapped",
    ),
    shortcut(
        "02.4",
        "accuracy as precision",
        lambda t: pd.Series({"precision": pr_parts(t)["accuracy"], "recall": pr(t)["recall"]}),
        "accuracy",
    ),
    shortcut(
        "02.4",
        "counts, not shares",
        lambda t: pd.Series({"precision": pr_parts(t)["caught"], "recall": pr_parts(t)["caught"]}),
        "count",
    ),
    shortcut(
        "02.4",
        "both divided by all followers",
        lambda t: pd.Series(
            {"precision": pr_parts(t)["caught"] / pr_parts(t)["n"], "recall": pr_parts(t)["caught"] / pr_parts(t)["n"]}
        ),
        "all followers",
    ),
    shortcut(
        "02.4",
        "precision as the share flagged",
        lambda t: pd.Series({"precision": pr_parts(t)["flagged"] / pr_parts(t)["n"], "recall": pr(t)["recall"]}),
        "flag",
    ),
    shortcut(
        "02.4",
        "recall over the humans (false-positive rate)",
        lambda t: pd.Series(
            {"precision": pr(t)["precision"], "recall": pr_parts(t)["wrongly"] / pr_parts(t)["humans"]}
        ),
        "bots",
    ),
    slip(
        "02.4",
        "precision right, recall left as a count",
        lambda t: pd.Series({"precision": pr(t)["precision"], "recall": pr_parts(t)["caught"]}),
        "count",
    ),
    slip(
        "02.4",
        "precision right, recall over all followers",
        lambda t: pd.Series({"precision": pr(t)["precision"], "recall": pr_parts(t)["caught"] / pr_parts(t)["n"]}),
        "all followers",
    ),
    slip(
        "02.4",
        "accuracy as precision, recall copied from the precision line",
        lambda t: pd.Series({"precision": pr_parts(t)["accuracy"], "recall": pr(t)["precision"]}),
        "accuracy",
    ),
    slip(
        "02.4",
        "share flagged as precision, recall copied from the precision line",
        lambda t: pd.Series({"precision": pr_parts(t)["flagged"] / pr_parts(t)["n"], "recall": pr(t)["precision"]}),
        "flag",
    ),
    slip("02.4", "x100 (percentages)", lambda t: pd.Series(pr(t)) * 100, "100"),
    slip("02.4", "rounded to 2 places", lambda t: pd.Series(pr(t)).round(2), "round"),
    slip("02.4", "a Series with no labels", lambda t: pd.Series([pr(t)["precision"], pr(t)["recall"]]), "label"),
    slip("02.4", "a list [precision, recall]", lambda t: [pr(t)["precision"], pr(t)["recall"]], "label"),
    slip("02.4", "a tuple (precision, recall)", lambda t: (pr(t)["precision"], pr(t)["recall"]), "label"),
    slip(
        "02.4", "labels capitalised", lambda t: {"Precision": pr(t)["precision"], "Recall": pr(t)["recall"]}, "capitals"
    ),
    slip("02.4", "labels abbreviated", lambda t: {"p": pr(t)["precision"], "r": pr(t)["recall"]}, "precision"),
    slip("02.4", "precision only, as a number", lambda t: pr(t)["precision"], "recall"),
    slip("02.4", "the confusion table itself", lambda t: pd.crosstab(flagged(t), scored(t)["is_bot"]), "table"),
    odd("02.4", "NaN for both", lambda t: {"precision": float("nan"), "recall": float("nan")}, "nan"),
    odd("02.4", "None", lambda t: None, "none"),
    odd("02.4", "text values", lambda t: {"precision": "high", "recall": "low"}, "text"),
    odd("02.4", "negative", lambda t: -pd.Series(pr(t)), "sign"),
    odd("02.4", "one ... left in", lambda t: {"precision": pr(t)["precision"], "recall": ...}, status="unanswered"),
]

# --------------------------------------------------------------------------- 02.5 the funnel

ATTEMPTS += [
    right("02.5", "10 x know x like x trust", from_engaged),
    right("02.5", "10 x per_follower", lambda t: 10 * engaged(t)["per_follower"]),
    right("02.5", "10 x the product of the three", lambda t: 10 * engaged(t)[["know", "like", "trust"]].prod()),
    right("02.5", "np.prod", lambda t: np.prod([10, engaged(t)["know"], engaged(t)["like"], engaged(t)["trust"]])),
    right(
        "02.5", "math.prod over a list", lambda t: math.prod([10] + [engaged(t)[k] for k in ("know", "like", "trust")])
    ),
    right(
        "02.5",
        "step by step, like the worked example",
        lambda t: (lambda know: (lambda like: like * engaged(t)["trust"])(know * engaged(t)["like"]))(
            10 * engaged(t)["know"]
        ),
    ),
    shortcut(
        "02.5",
        "out-of-reach rates",
        lambda t: 10 * rates(t).loc["out of reach", ["know", "like", "trust"]].prod(),
        "within reach",
    ),
    shortcut(
        "02.5",
        "the weak audience's rates",
        lambda t: 10 * WEAK_RATES["know"] * WEAK_RATES["like"] * WEAK_RATES["trust"],
        "within reach",
    ),
    shortcut(
        "02.5",
        "all followers' rates (no groups)",
        lambda t: (
            10
            * funnel_rates(selling_followers(t.followers, t.sample_accounts), t.enquiries)
            .loc["all", ["know", "like", "trust"]]
            .prod()
        ),
        "within reach",
    ),
    shortcut("02.5", "trust only", lambda t: 10 * engaged(t)["trust"], "three"),
    shortcut(
        "02.5",
        "rates added",
        lambda t: 10 * (engaged(t)["know"] + engaged(t)["like"] + engaged(t)["trust"]),
        "multiply",
    ),
    shortcut("02.5", "know x like, trust left out", lambda t: 10 * engaged(t)["know"] * engaged(t)["like"], "trust"),
    slip("02.5", "one follower, not 10", lambda t: from_engaged(t) / 10, "10"),
    slip("02.5", "10,000 followers", lambda t: from_engaged(t) * 1000, "10,000"),
    slip("02.5", "x100 (percent)", lambda t: from_engaged(t) * 100, "100"),
    slip("02.5", "rounded to 2 places", lambda t: round(from_engaged(t), 2), "round"),
    slip("02.5", "rounded to a whole number", lambda t: round(from_engaged(t)), "round"),
    slip("02.5", "10 x the whole row (a Series)", lambda t: 10 * engaged(t), "series"),
    slip("02.5", "a one-item list", lambda t: [from_engaged(t)], "list"),
    slip("02.5", "printed as text", lambda t: f"{from_engaged(t):.2f}", "text"),
    odd("02.5", "NaN", lambda t: float("nan"), "nan"),
    odd("02.5", "None", lambda t: None, "none"),
    odd("02.5", "negative", lambda t: -from_engaged(t), "sign"),
    odd("02.5", "the rates table", rates, "table"),
    odd("02.5", "True", lambda t: True, "number"),
    odd("02.5", "the stub left as it is", lambda t: ..., status="unanswered"),
]
