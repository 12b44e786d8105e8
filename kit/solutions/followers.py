"""Reference solutions and exercises for workshop 02 (quality of followers).

Outside the learner's namespace: notebooks never import this module; ``check``, ``hint`` and
``solution`` find it through the exercise registry (``kit.exercises.WORKSHOP_MODULES``).

Each exercise's expected answer is computed from the current data by a reference solution here.
Where the answer is a measure later cells reuse (the engagement rate, the share within reach,
precision and recall), the reference *is* that public measure of :mod:`kit.followers`, which the
notebook imports only after the exercise is checked; answers nothing else reuses (the top-list
overlap, the funnel's expected enquiries) live only here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import load
from ..exercises import Exercise, Mistake, register, same
from ..followers import (
    INTERESTED,
    WEAK_RATES,
    audience_mix,
    default_fake_rule,
    engagement_rate,
    evaluate_rules,
    funnel_rates,
    precision_recall,
    reach_groups,
    reach_share,
    selling_followers,
    top_lists,
    within_reach,
)

__all__ = ["engagement_rate", "top_overlap", "reach_share", "precision_recall", "expected_enquiries", "GIVES_ANSWER"]


def top_overlap(stats: pd.DataFrame, k: int = 20, by: str = "retweets_received") -> set[str]:
    """The accounts in both the top ``k`` by followers and the top ``k`` by ``by`` (02.2).

    >>> demo = pd.DataFrame({"handle": list("abcd"), "followers": [9, 8, 1, 2],
    ...                      "retweets_received": [1, 8, 9, 2]})
    >>> top_overlap(demo, k=2)
    {'b'}
    """
    s = stats.set_index("handle") if "handle" in stats.columns else stats
    return set(s.nlargest(k, "followers").index) & set(s.nlargest(k, by).index)


def expected_enquiries(n: int, rates) -> float:
    """Expected enquiries from ``n`` followers: n × know × like × trust (02.5).

    >>> expected_enquiries(10_000, {"know": 0.2, "like": 0.5, "trust": 0.001})
    1.0
    >>> expected_enquiries(10, {"know": 0.7, "like": 0.75, "trust": 0.2})
    1.05
    """
    return float(round(n * rates["know"] * rates["like"] * rates["trust"], 12))


# Every kit callable that returns an exercise's answer, or it in one obvious step; the notebook
# must not reach any of them before the exercise's check (tests/test_namespace.py).
GIVES_ANSWER: dict[str, tuple] = {
    "02.1": (engagement_rate,),
    "02.2": (top_overlap, top_lists),  # set(t["by followers"]) & set(t["by retweets"])
    "02.3": (reach_share, within_reach, audience_mix, reach_groups),
    "02.4": (precision_recall, evaluate_rules),
    "02.5": (expected_enquiries,),
}


# --------------------------------------------------------------------------- the exercises


def _stats():
    return load("account_stats").set_index("handle")


def _interactions(s):
    return s["likes_received"] + s["retweets_received"] + s["replies_received"]


def _followers():
    return load("followers")


def _scored():
    """Followers joined with the answer key (for 02.4)."""
    return _followers().merge(load("follower_truth"), on="follower_id")


def _rule_counts():
    """The default fake rule's counts (02.4), computed once per data version: several mistakes
    read them on every check."""
    from ..exercises.cache import Failed, answer

    found = answer("02.4", "rule_counts", _count_rule, {})
    if isinstance(found, Failed):
        raise found.error
    return found


def _count_rule():
    f = _scored()
    flagged = default_fake_rule(f)
    bot = f["is_bot"].astype(bool)
    tp = int((flagged & bot).sum())
    return dict(
        tp=tp,
        flagged=int(flagged.sum()),
        bots=int(bot.sum()),
        n=len(f),
        fp_rate=float((flagged & ~bot).sum() / max(int((~bot).sum()), 1)),
        accuracy=float((flagged == bot).mean()),
        tp_share=tp / len(f),
        flag_share=float(flagged.mean()),
    )


def _rule_answer(precision="precision", recall="recall") -> pd.Series:
    """A precision/recall answer built from named quantities (for the 02.4 mistakes)."""
    c = _rule_counts()
    c["precision"], c["recall"] = c["tp"] / c["flagged"], c["tp"] / c["bots"]
    return pd.Series({"precision": c[precision], "recall": c[recall]}, name="score")


_ACCURACY = (
    "Your precision is the rule's *accuracy* (the share of all followers it labels right). "
    'Bots are few, so a rule that flags nobody is already mostly "accurate": precision '
    "looks only at the followers the rule flags."
)
_COUNTS = (
    "Those are counts. Turn them into shares: divide by the number flagged (precision) and "
    "by the number of bots (recall)."
)
_EVERYONE = "You divided by all followers. Precision divides by the followers *flagged*, recall by the *bots*."
_FLAG_SHARE = (
    "Your precision is the share of all followers the rule flags. Of those flagged, what share are really bots?"
)


def _part(answer, key):
    """One named value of a Series/dict answer, or None."""
    try:
        value = answer[key]
    except (KeyError, TypeError, IndexError):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _two_of_three(drop: str) -> pd.Series:
    """Engagement rate with one of the three interaction columns left out (02.1)."""
    s = _stats()
    kept = [c for c in ("likes_received", "retweets_received", "replies_received") if c != drop]
    return s[kept].sum(axis=1) / s["posts_90d"] / s["followers"]


def _reach_at(threshold: float) -> pd.Series:
    """The share within reach with another interest threshold (02.3)."""
    return reach_share(_followers(), threshold)


def _other_thresholds() -> list:
    """02.3's share within reach at every other threshold (0.05, 0.10, ... 0.95), computed once
    per data version: the mistake that compares against them runs on every check."""
    from ..exercises.cache import Failed, answer

    def sweep():
        return [_reach_at(round(float(x), 2)) for x in np.arange(0.05, 1.0, 0.05) if abs(x - INTERESTED) > 1e-9]

    found = answer("02.3", "other_thresholds", sweep, {})
    return [] if isinstance(found, Failed) else found


def _members(answer) -> set:
    """The members of a collection answer as text (empty for anything else)."""
    if isinstance(answer, (set, frozenset, list, tuple, pd.Index, np.ndarray, pd.Series)):
        try:
            return {str(v) for v in (answer.tolist() if hasattr(answer, "tolist") else answer)}
        except TypeError:
            return set()
    return set()


def _number(answer):
    """A plain-number answer as a float, or None."""
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (int, float, np.integer, np.floating)):
        return None
    return float(answer)


def _close(a, b):
    return a is not None and b is not None and np.isclose(a, b, rtol=1e-3, atol=1e-9)


def _rates():
    shop = selling_followers(_followers(), load("sample_accounts"))
    return funnel_rates(shop, load("enquiries"), by=reach_groups(shop))


register(
    Exercise(
        id="02.1",
        title="Engagement rate, done right",
        ask="The answer is one number per account (a Series indexed by handle): interactions per post per follower.",
        expected=lambda: engagement_rate(_stats()),
        solution=engagement_rate,
        has_ratio=True,
        imports=("pd",),
        label="handle",
        hints=(
            "A big account gets more likes simply because more people see it, and an account that "
            "posts more collects more. Divide both away.",
            "Start from `interactions` (likes + retweets + replies received) and divide it by the "
            "number of posts, then by the number of followers.",
            '`rate = interactions / stats["posts_90d"] / stats["followers"]` (pandas lines the '
            "values up by handle for you).",
        ),
        mistakes=(
            Mistake(
                "Those are raw counts of interactions. The biggest accounts win on counts just "
                "by being big: divide by posts and by followers to get a rate.",
                answer=lambda: _interactions(_stats()),
                key="raw_counts",
            ),
            Mistake(
                "That is interactions per post: you still need to divide by followers, or the "
                "biggest accounts look best just because more people see them.",
                answer=lambda: _interactions(_stats()) / _stats()["posts_90d"],
                key="per_post_only",
            ),
            Mistake(
                "That is interactions per follower over the whole 90 days: an account that posts "
                "twice as often would look twice as engaging. Divide by posts as well.",
                answer=lambda: _interactions(_stats()) / _stats()["followers"],
                key="per_follower_only",
            ),
            Mistake(
                "You divided by `following` (the accounts they follow). Engagement rate is per "
                "follower: divide by `followers`.",
                answer=lambda: _interactions(_stats()) / _stats()["posts_90d"] / _stats()["following"],
                key="by_following",
            ),
            Mistake(
                "Those look like percentages (100 times the rate). Give the rate as a fraction: 0.012, not 1.2.",
                answer=lambda: engagement_rate(_stats()) * 100,
                key="percent",
            ),
            Mistake(
                "You added mentions. A mention is someone talking *about* the account, not a "
                "reaction to its posts: use likes + retweets + replies received only.",
                answer=lambda: (
                    (_interactions(_stats()) + _stats()["mentions_received"])
                    / _stats()["posts_90d"]
                    / _stats()["followers"]
                ),
                key="mentions_added",
            ),
            Mistake(
                "One kind of interaction is missing. Interactions are likes + retweets + replies "
                "received (the cell's `interactions` adds all three): divide that by posts and by "
                "followers.",
                key="two_of_three",
                matches=lambda a, e: any(
                    same(a, _two_of_three(drop)) for drop in ("likes_received", "retweets_received", "replies_received")
                ),
            ),
            Mistake(
                "You counted likes only. Interactions are likes + retweets + replies received: the "
                "cell adds all three in `interactions` for you; divide that.",
                key="likes_only",
                answer=lambda: _stats()["likes_received"] / _stats()["posts_90d"] / _stats()["followers"],
            ),
        ),
    ),
    Exercise(
        id="02.2",
        title="Most followed, most retweeted: the same accounts?",
        ask="The answer is a set (or list) of handles: those in both top-20 lists.",
        expected=lambda: top_overlap(_stats(), 20, "retweets_received"),
        solution=top_overlap,
        imports=("pd",),
        label="handle",
        hints=(
            "`top_followed` is already the top 20 by followers. Make the same set for retweets: copy "
            'its line and change `"followers"` to `"retweets_received"`.',
            "Call the new set `top_retweeted`; then `top_followed & top_retweeted` keeps the handles in both.",
            '`top_retweeted = set(stats.nlargest(20, "retweets_received").index)` and then '
            "`both = top_followed & top_retweeted`",
        ),
        mistakes=(
            Mistake(
                "That compares followers with *mentions*. The question asks about retweets "
                "received (`retweets_received`).",
                answer=lambda: top_overlap(_stats(), 20, "mentions_received"),
                key="mentions",
            ),
            Mistake(
                "That is everyone in *either* list (`|`). Keep only the handles in both lists: `&`.",
                answer=lambda: (
                    set(_stats().nlargest(20, "followers").index)
                    | set(_stats().nlargest(20, "retweets_received").index)
                ),
                key="union",
            ),
            Mistake(
                "You took the 20 *smallest* (sorted the wrong way). Use `nlargest`, or "
                "`sort_values(..., ascending=False)`.",
                answer=lambda: (
                    set(_stats().nsmallest(20, "followers").index)
                    & set(_stats().nsmallest(20, "retweets_received").index)
                ),
                key="smallest",
            ),
            Mistake(
                "That compares followers with *likes*. Likes mostly grow with the audience; the "
                "question asks about retweets, which spread a post further.",
                answer=lambda: top_overlap(_stats(), 20, "likes_received"),
                key="likes",
            ),
            Mistake(
                "You ranked by `following` (the accounts they follow). Rank by `followers`, the "
                "accounts that follow them.",
                answer=lambda: (
                    set(_stats().nlargest(20, "following").index)
                    & set(_stats().nlargest(20, "retweets_received").index)
                ),
                key="following",
            ),
            Mistake(
                "Those are the top 10 lists. The question asks for the top 20 by each: `nlargest(20, ...)`.",
                key="top_10",
                answer=lambda: top_overlap(_stats(), 10, "retweets_received"),
            ),
            Mistake(
                "That is the top 20 by followers alone (`top_followed`). Make the top 20 by "
                "retweets too, then keep the handles in both: `top_followed & top_retweeted`.",
                key="followed_only",
                answer=lambda: set(_stats().nlargest(20, "followers").index),
            ),
            Mistake(
                "That is the handles in one list but not the other (`-`). Keep those in both lists: `&`.",
                key="difference",
                matches=lambda a, e: (
                    _members(a)
                    in (
                        set(_stats().nlargest(20, "followers").index)
                        - set(_stats().nlargest(20, "retweets_received").index),
                        set(_stats().nlargest(20, "retweets_received").index)
                        - set(_stats().nlargest(20, "followers").index),
                        set(_stats().nlargest(20, "followers").index)
                        ^ set(_stats().nlargest(20, "retweets_received").index),
                    )
                ),
            ),
            Mistake(
                "Those are row numbers, not handles. The handles are the index of `stats`: "
                '`set(stats.nlargest(20, "retweets_received").index)`.',
                key="positions",
                matches=lambda a, e: bool(_members(a)) and all(m.lstrip("-").isdigit() for m in _members(a)),
            ),
        ),
    ),
    Exercise(
        id="02.3",
        title="How many followers are within reach?",
        ask="The answer is one number per sample account (a Series indexed by account), each between 0 and 1.",
        expected=lambda: reach_share(_followers()),
        solution=reach_share,
        has_filter=True,
        has_ratio=True,
        imports=("pd",),
        label="account",
        hints=(
            "A follower is within reach when they are local AND interested: `local & interested` is "
            "True for exactly those followers (`|` would mean *or*).",
            "The `.mean()` of a True/False column is the share of Trues. To get one share per "
            'account, put `.groupby(followers["account"])` before `.mean()`.',
            '`reach = (local & interested).groupby(followers["account"]).mean()`',
        ),
        mistakes=(
            Mistake(
                "You used `|` (or): that counts followers who are local *or* interested. Within "
                "reach means both: use `&`.",
                answer=lambda: (
                    (_followers()["local"] | (_followers()["interest_match"] >= INTERESTED))
                    .groupby(_followers()["account"])
                    .mean()
                ),
                key="or",
            ),
            Mistake(
                "Those are numbers of followers, not shares. The celebrity would win on size "
                "alone: take the mean of the True/False column instead of the sum.",
                answer=lambda: within_reach(_followers()).groupby(_followers()["account"]).sum(),
                key="sum",
            ),
            Mistake(
                "That is only the share who are local. Within reach also needs interest_match of at least 0.5.",
                answer=lambda: _followers()["local"].groupby(_followers()["account"]).mean(),
                key="local_only",
            ),
            Mistake(
                "That is only the share who are interested. Within reach also needs them to be local.",
                answer=lambda: (_followers()["interest_match"] >= INTERESTED).groupby(_followers()["account"]).mean(),
                key="interested_only",
            ),
            Mistake(
                "That is the share *out of* reach: the opposite of what was asked.",
                answer=lambda: 1 - reach_share(_followers()),
                key="out_of_reach",
            ),
            Mistake(
                "That is the average interest_match. Turn it into a yes/no first (at least 0.5), "
                "and combine it with being local.",
                answer=lambda: _followers()["interest_match"].groupby(_followers()["account"]).mean(),
                key="mean_interest",
            ),
            Mistake(
                "Your threshold is not 0.5. Interested means an interest_match of at least 0.5: "
                'use the cell\'s `interested` (`followers["interest_match"] >= 0.5`).',
                key="other_threshold",
                matches=lambda a, e: any(same(a, r) for r in _other_thresholds()),
            ),
            Mistake(
                'You used `> 0.5`. "At least 0.5" includes 0.5 itself: use `>= 0.5`, as `interested` in the cell does.',
                key="strictly_greater",
                answer=lambda: (
                    (_followers()["local"] & (_followers()["interest_match"] > INTERESTED))
                    .groupby(_followers()["account"])
                    .mean()
                ),
            ),
            Mistake(
                "You divided by all followers of all seven accounts. Each account's share divides by "
                'its own followers: `.groupby(followers["account"]).mean()` does that.',
                key="denominator_all",
                answer=lambda: within_reach(_followers()).groupby(_followers()["account"]).sum() / len(_followers()),
            ),
            Mistake(
                "That is the share of *local* followers who are interested. Within reach is a share "
                "of all an account's followers: `(local & interested)`, then the mean per account.",
                key="denominator_local",
                answer=lambda: (
                    (_followers()["interest_match"] >= INTERESTED)[_followers()["local"]]
                    .groupby(_followers().loc[_followers()["local"], "account"])
                    .mean()
                ),
            ),
        ),
    ),
    Exercise(
        id="02.4",
        title="How good is the fake-follower rule?",
        ask='The answer is a Series with two values, indexed "precision" and "recall", each between 0 and 1.',
        expected=lambda: precision_recall(default_fake_rule(_scored()), _scored()["is_bot"]),
        solution=precision_recall,
        has_ratio=True,
        imports=("pd",),
        hints=(
            "Both are a count divided by a count. `caught.sum()` counts the bots the rule caught "
            "(the confusion table's *flagged, bot* cell); `flagged.sum()` counts everyone flagged "
            '(the *flagged* row); `f["is_bot"].sum()` counts the bots (the *bot* column).',
            "Precision: of the followers the rule *flags*, what share are bots? Divide by "
            "`flagged.sum()`. Recall: of the *bots*, what share does it flag? Divide by "
            '`f["is_bot"].sum()`.',
            '`precision = caught.sum() / flagged.sum()` and `recall = caught.sum() / f["is_bot"].sum()`',
        ),
        mistakes=(
            Mistake(
                "Precision and recall are swapped. Precision divides by the followers *flagged*; "
                "recall divides by the *bots*.",
                answer=lambda: _rule_answer(precision="recall", recall="precision"),
                key="swapped",
            ),
            Mistake(_ACCURACY, key="accuracy", answer=lambda: _rule_answer(precision="accuracy")),
            Mistake(_COUNTS, key="counts", answer=lambda: _rule_answer(precision="tp", recall="tp")),
            Mistake(
                _EVERYONE, key="all_followers", answer=lambda: _rule_answer(precision="tp_share", recall="tp_share")
            ),
            Mistake(_FLAG_SHARE, key="flag_share", answer=lambda: _rule_answer(precision="flag_share")),
            # the same slips made in only one of the two numbers
            Mistake(
                _ACCURACY,
                key="accuracy_one",
                matches=lambda a, e: _close(_part(a, "precision"), _rule_counts()["accuracy"]),
            ),
            Mistake(
                _COUNTS,
                key="counts_one",
                matches=lambda a, e: any(_close(_part(a, k), _rule_counts()["tp"]) for k in ("precision", "recall")),
            ),
            Mistake(
                _EVERYONE,
                key="all_followers_one",
                matches=lambda a, e: any(
                    _close(_part(a, k), _rule_counts()["tp_share"]) for k in ("precision", "recall")
                ),
            ),
            Mistake(
                _FLAG_SHARE,
                key="flag_share_one",
                matches=lambda a, e: _close(_part(a, "precision"), _rule_counts()["flag_share"]),
            ),
            Mistake(
                "Your recall divides by the humans: that is how often real people get flagged. "
                "Recall is the share of the *bots* the rule flags: "
                '`caught.sum() / f["is_bot"].sum()`.',
                key="false_positive_rate",
                matches=lambda a, e: _close(_part(a, "recall"), _rule_counts()["fp_rate"]),
            ),
            Mistake(
                "That is one number; the answer has two, precision and recall. Put both in the "
                'Series the cell builds: `pd.Series({"precision": precision, "recall": recall})`.',
                key="one_number",
                matches=lambda a, e: (
                    _number(a) is not None and any(_close(_number(a), float(e[k])) for k in ("precision", "recall"))
                ),
            ),
        ),
    ),
    Exercise(
        id="02.5",
        title="Ten engaged followers through the funnel",
        ask="The answer is one number: the expected enquiries in 90 days from 10 within-reach followers.",
        expected=lambda: expected_enquiries(10, _rates().loc["within reach"]),
        solution=expected_enquiries,
        imports=("pd",),
        hints=(
            "Do what the worked example did, with the within-reach rates and 10 followers.",
            "Each stage keeps a share of the people who reached the one before: multiply, don't add.",
            '`from_engaged = 10 * engaged["know"] * engaged["like"] * engaged["trust"]`',
        ),
        mistakes=(
            Mistake(
                "You used the out-of-reach rates. The 10 followers here are within reach: use "
                '`rates.loc["within reach"]`.',
                answer=lambda: expected_enquiries(10, _rates().loc["out of reach"]),
                key="out_of_reach_rates",
            ),
            Mistake(
                "You used only the last stage. Only people who *know* you and then *like* you get "
                "as far as trust: multiply all three rates.",
                answer=lambda: 10 * _rates().loc["within reach", "trust"],
                key="trust_only",
            ),
            Mistake(
                "You added the rates. Each stage keeps a share of those who reached the one before, so multiply them.",
                answer=lambda: 10 * _rates().loc["within reach", ["know", "like", "trust"]].sum(),
                key="added",
            ),
            Mistake(
                "You forgot the number of followers: that is the chance for *one* follower. Multiply by 10.",
                answer=lambda: expected_enquiries(1, _rates().loc["within reach"]),
                key="one_follower",
            ),
            Mistake(
                "You used 10,000 followers, the worked example's audience. This audience has 10.",
                answer=lambda: expected_enquiries(10_000, _rates().loc["within reach"]),
                key="ten_thousand",
            ),
            Mistake(
                "You used the weak audience's guessed rates (`WEAK_RATES`). These 10 followers are "
                "within reach: use `engaged`, the rates measured for them.",
                key="weak_rates",
                answer=lambda: expected_enquiries(10, WEAK_RATES),
            ),
            Mistake(
                "Those are the rates of all the small businesses' followers together. Use the "
                'within-reach row: `engaged = rates.loc["within reach"]`.',
                key="all_rates",
                answer=lambda: expected_enquiries(
                    10,
                    funnel_rates(selling_followers(_followers(), load("sample_accounts")), load("enquiries")).loc[
                        "all"
                    ],
                ),
            ),
            Mistake(
                "You left out trust: know × like counts those who clicked or talked, not those who "
                'enquired. Multiply by `engaged["trust"]` too.',
                key="no_trust",
                answer=lambda: 10 * _rates().loc["within reach", "know"] * _rates().loc["within reach", "like"],
            ),
        ),
    ),
)
