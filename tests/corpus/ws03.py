"""Workshop 03 (the cocktail party): answers learners type, and what the check must say.

Written from a cold read of the learner edition. The names are the notebook's: ``evening`` and
``season`` (the room's party, one evening and six, seeded by the scenario), ``conversations``,
``ties``, ``guests``, ``season_ties``, and the Davis ``women`` and ``scores``. The parties are
rebuilt here from the scenario's seed (``t.scenario.seed``, exactly the notebook's call), so every
attempt replays on any scenario; workshop 03 barely uses the town's tables. ``says`` holds what
a good diagnosis must name (lower case).
"""

from __future__ import annotations

import functools

import networkx as nx
import numpy as np
import pandas as pd

from kit import party
from tests import corpus

from . import Attempt, Tables


def _inputs(ex, kw):
    """The party the notebook's cell passes (``check("03.1", x, evening=evening)``), unless the
    attempt says otherwise (``inputs={}``: the learner left it out)."""
    kw.setdefault("inputs", INPUTS.get(ex))
    return kw


def right(ex, label, answer, **kw):
    return corpus.right(ex, label, answer, **_inputs(ex, kw))


def shortcut(ex, label, answer, *says, **kw):
    return corpus.shortcut(ex, label, answer, *says, **_inputs(ex, kw))


def slip(ex, label, answer, *says, **kw):
    return corpus.slip(ex, label, answer, *says, **_inputs(ex, kw))


def odd(ex, label, answer, *says, status="wrong", **kw):
    return corpus.odd(ex, label, answer, *says, status=status, **_inputs(ex, kw))


# --------------------------------------------------------------------------- the notebook's names


@functools.lru_cache(maxsize=8)
def _simulate(seed: int, evenings: int) -> party.PartyResult:
    return party.simulate(guests=40, minutes=90, evenings=evenings, seed=seed)


def evening(t: Tables) -> party.PartyResult:
    return _simulate(t.scenario.seed, 1)


def season(t: Tables) -> party.PartyResult:
    return _simulate(t.scenario.seed, party.SEASON_EVENINGS)


def size(t):
    return evening(t).conversations["size"]


def ties(t):
    return evening(t).ties


def guests(t):
    return season(t).guests


def season_ties(t):
    return season(t).ties


STAGES = ["knows", "likes", "trusts"]

INPUTS = {
    "03.1": lambda t: {"evening": evening(t)},
    "03.2": lambda t: {"evening": evening(t)},
    "03.3": lambda t: {"season": season(t)},
    "03.4": lambda t: {"season": season(t)},
}


def own_evening(t=None) -> party.PartyResult:
    """A learner who changed the guests and the mix in the simulate cell (part 3 invites it). (Not
    seed 11: its share of pairs is exactly 0.5, the room's share rounded, so "rounded" would be a
    fair reading of it.)"""
    return party.simulate(
        guests=30, minutes=60, evenings=1, seed=13, mix={"conversationalist": 3, "broadcaster": 1, "butterfly": 2}
    )


def trust_rate(t):
    return guests(t).groupby("persona", observed=True)["trusted_by"].mean()


def funnel(t):
    return season_ties(t)[STAGES].sum()


def women(t=None):
    return party.davis_women()


def scores(t=None) -> dict:
    return nx.betweenness_centrality(women(), weight="distance")


def s(t=None) -> pd.Series:
    return pd.Series(scores())


def events(t=None) -> pd.Series:
    g = party.davis_network()
    return pd.Series({w: g.degree(w) for w in g.graph["top"]})


def _inplace_none(frame, column):
    values = frame[column].tolist()
    return values.sort()  # a learner's in-place call: list.sort() returns None


ATTEMPTS: list[Attempt] = [
    # ------------------------------------------------------------------ 03.1 share of pairs
    right("03.1", "mean of ==2", lambda t: (size(t) == 2).mean()),
    right("03.1", "sum / len", lambda t: (size(t) == 2).sum() / len(evening(t).conversations)),
    right("03.1", "value_counts normalised [2]", lambda t: size(t).value_counts(normalize=True)[2]),
    right("03.1", "len of filtered rows / len", lambda t: len(size(t)[size(t) == 2]) / len(size(t))),
    right("03.1", ".eq(2).mean()", lambda t: size(t).eq(2).mean()),
    right("03.1", "np.mean", lambda t: float(np.mean(size(t) == 2))),
    right("03.1", "<= 2 (no group is smaller)", lambda t: (size(t) <= 2).mean()),
    right("03.1", "no evening= (the room's party)", lambda t: (size(t) == 2).mean(), inputs={}),
    right(
        "03.1",
        "the learner's own party, passed",
        lambda t: (own_evening().conversations["size"] == 2).mean(),
        inputs=lambda t: {"evening": own_evening()},
    ),
    slip(
        "03.1",
        "own party's .sum(), passed",
        lambda t: int((own_evening().conversations["size"] == 2).sum()),
        "count",
        inputs=lambda t: {"evening": own_evening()},
    ),
    # left out, the check uses the room's party: the catch-all says which party it checks
    slip(
        "03.1",
        "own party, evening= left out",
        lambda t: (own_evening().conversations["size"] == 2).mean(),
        "evening=",
        "room's",
        rung="generic",
        generic_ok=True,
        inputs={},
    ),
    slip("03.1", ".sum() not .mean()", lambda t: (size(t) == 2).sum(), "count", ".mean()"),
    slip(
        "03.1",
        "conversations.size (the table's cell count)",
        lambda t: evening(t).conversations.size == 2,
        "square brackets",
        '["size"]',
    ),
    slip("03.1", "value_counts()[2] count", lambda t: size(t).value_counts()[2], "count", ".mean()"),
    slip("03.1", "more than two", lambda t: (size(t) > 2).mean(), "more", "opposite"),
    slip("03.1", "!= 2", lambda t: (size(t) != 2).mean(), "opposite"),
    slip("03.1", "1 - share", lambda t: 1 - (size(t) == 2).mean(), "opposite"),
    shortcut(
        "03.1", "people-minutes in pairs", lambda t: size(t)[size(t) == 2].sum() / size(t).sum(), "people-minutes"
    ),
    slip("03.1", "every size's share", lambda t: size(t).value_counts(normalize=True), "every size"),
    slip("03.1", "size 4", lambda t: (size(t) == 4).mean(), "four"),
    slip("03.1", "size 3", lambda t: (size(t) == 3).mean(), "three"),
    slip("03.1", "x100", lambda t: (size(t) == 2).mean() * 100, "percentage"),
    slip("03.1", "rounded to 2 places", lambda t: round((size(t) == 2).mean(), 2), "round"),
    slip("03.1", "the True/False column", lambda t: size(t) == 2, "true/false"),
    slip("03.1", "mean size", lambda t: size(t).mean(), "average *size*"),
    slip("03.1", "in a list", lambda t: [(size(t) == 2).mean()], "list"),
    slip("03.1", "print() returns None", lambda t: print((size(t) == 2).mean()), "none"),
    odd("03.1", "NaN", lambda t: float("nan"), "nan"),
    odd("03.1", "text", lambda t: "0.46", "text"),
    odd("03.1", "the conversations table", lambda t: evening(t).conversations, "table"),
    odd("03.1", "a dict", lambda t: {"pairs": (size(t) == 2).mean()}, "dictionary", rung="container"),
    odd("03.1", "negative", lambda t: -(size(t) == 2).mean(), "minus"),
    # ------------------------------------------------------------------ 03.2 share forgotten
    right("03.2", "mean of ~knows", lambda t: (~ties(t)["knows"]).mean()),
    right("03.2", "1 - mean", lambda t: 1 - ties(t)["knows"].mean()),
    right("03.2", "== False", lambda t: (ties(t)["knows"] == False).mean()),  # noqa: E712
    right("03.2", "value_counts normalised [False]", lambda t: ties(t)["knows"].value_counts(normalize=True)[False]),
    right("03.2", "sum / len", lambda t: (~ties(t)["knows"]).sum() / len(ties(t))),
    right("03.2", "filtered rows / rows", lambda t: len(ties(t)[~ties(t)["knows"]]) / len(ties(t))),
    shortcut(
        "03.2",
        "the memory rule rebuilt from attention (attention < 2)",
        lambda t: (ties(t)["attention_minutes"] < 2).mean(),
        "claim",
    ),
    right(
        "03.2",
        "the learner's own party, passed",
        lambda t: (~own_evening().ties["knows"]).mean(),
        inputs=lambda t: {"evening": own_evening()},
    ),
    slip("03.2", "count, not share", lambda t: (~ties(t)["knows"]).sum(), "count", "divide"),
    slip("03.2", "the opposite (knows)", lambda t: ties(t)["knows"].mean(), "opposite", "~"),
    shortcut("03.2", "minutes together < 2", lambda t: (ties(t)["minutes_together"] < 2).mean(), "attention", "knows"),
    shortcut(
        "03.2",
        "divided by every possible pair",
        lambda t: (~ties(t)["knows"]).sum() / (40 * 39 / 2),
        "every possible pair",
    ),
    slip("03.2", "likes, not knows", lambda t: (~ties(t)["likes"]).mean(), "like", "knows"),
    slip("03.2", "one-way a_knows_b", lambda t: (~ties(t)["a_knows_b"]).mean(), "one-way", "knows"),
    slip("03.2", "one-way b_knows_a", lambda t: (~ties(t)["b_knows_a"]).mean(), "one-way", "knows"),
    slip(
        "03.2",
        "neither remembers",
        lambda t: (~(ties(t)["a_knows_b"] | ties(t)["b_knows_a"])).mean(),
        "neither",
        '~ties["knows"]',
    ),
    slip("03.2", "x100", lambda t: (~ties(t)["knows"]).mean() * 100, "percentage"),
    slip("03.2", "rounded", lambda t: round((~ties(t)["knows"]).mean(), 2), "round"),
    slip("03.2", "the True/False column", lambda t: ~ties(t)["knows"], "true/false"),
    slip("03.2", "value_counts (both counts)", lambda t: ties(t)["knows"].value_counts(), "one number", rung="type"),
    shortcut(
        "03.2",
        "liking-minutes below two",
        lambda t: (ties(t)["liking_minutes_a_to_b"] < 2).mean(),
        rung="generic",
        generic_ok=True,
    ),
    slip("03.2", "count remembered", lambda t: int(ties(t)["knows"].sum()), "count", rung="count_vs_share"),
    slip("03.2", "in-place sort returns None", lambda t: _inplace_none(ties(t), "knows"), "none"),
    odd("03.2", "NaN", lambda t: np.nan, "nan"),
    odd("03.2", "text", lambda t: "86%", "text"),
    odd("03.2", "the ties table", lambda t: ties(t), "table"),
    odd("03.2", "a dict", lambda t: {"forgotten": (~ties(t)["knows"]).mean()}, "dictionary", rung="container"),
    odd("03.2", "negative", lambda t: -(~ties(t)["knows"]).mean(), "minus"),
    odd("03.2", "a bool", lambda t: not ties(t)["knows"].all(), "yes/no", rung="type"),
    # ------------------------------------------------------------------ 03.3 trust per guest
    right("03.3", "groupby mean", lambda t: guests(t).groupby("persona")["trusted_by"].mean()),
    right("03.3", "groupby observed mean", trust_rate),
    right(
        "03.3",
        "sum / size",
        lambda t: guests(t).groupby("persona")["trusted_by"].sum() / guests(t).groupby("persona").size(),
    ),
    right(
        "03.3",
        "pivot_table",
        lambda t: guests(t).pivot_table(index="persona", values="trusted_by", aggfunc="mean", observed=True)[
            "trusted_by"
        ],
    ),
    right("03.3", "by_persona (after the exercise's cells)", lambda t: season(t).by_persona()["trusted_by"]),
    right(
        "03.3",
        "a dict comprehension",
        lambda t: {p: g["trusted_by"].mean() for p, g in guests(t).groupby("persona", observed=True)},
    ),
    right(
        "03.3",
        "agg('mean'), sorted",
        lambda t: guests(t).groupby("persona")["trusted_by"].agg("mean").sort_values(ascending=False),
    ),
    slip("03.3", "sum (totals)", lambda t: guests(t).groupby("persona")["trusted_by"].sum(), "total", ".mean()"),
    slip(
        "03.3",
        "divided by all guests",
        lambda t: guests(t).groupby("persona")["trusted_by"].sum() / 40,
        "all the guests",
    ),
    slip("03.3", "liked_by", lambda t: guests(t).groupby("persona")["liked_by"].mean(), "liked_by"),
    slip("03.3", "remembered_by", lambda t: guests(t).groupby("persona")["remembered_by"].mean(), "remembered_by"),
    slip("03.3", "max", lambda t: guests(t).groupby("persona")["trusted_by"].max(), ".max()"),
    slip(
        "03.3",
        "the first evening's guests",
        lambda t: evening(t).guests.groupby("persona")["trusted_by"].mean(),
        "first* evening",
    ),
    slip("03.3", "x100", lambda t: trust_rate(t) * 100, "100"),
    slip("03.3", "rounded", lambda t: trust_rate(t).round(1), "round"),
    slip("03.3", "reset_index", lambda t: trust_rate(t).reset_index(), "table"),
    slip("03.3", "a list", lambda t: trust_rate(t).tolist(), "label"),
    slip("03.3", "labels title-case", lambda t: trust_rate(t).rename(lambda p: str(p).title()), "label"),
    slip("03.3", "labels plural", lambda t: trust_rate(t).rename(lambda p: f"{p}s"), "label"),
    slip(
        "03.3",
        "one-column table",
        lambda t: guests(t).groupby("persona")[["trusted_by"]].mean(),
        "one-column",
        rung="container",
    ),
    slip("03.3", "overall mean", lambda t: guests(t)["trusted_by"].mean(), "one number"),
    slip("03.3", "idxmax (the winner)", lambda t: trust_rate(t).idxmax(), ".idxmax()", rung="top_n"),
    slip("03.3", "count per persona", lambda t: guests(t).groupby("persona")["trusted_by"].count(), ".count()"),
    slip("03.3", "in-place sort returns None", lambda t: _inplace_none(guests(t), "trusted_by"), "none"),
    odd("03.3", "NaN", lambda t: trust_rate(t) * np.nan, "nan"),
    odd("03.3", "text", lambda t: "conversationalist", "one label", rung="top_n"),
    odd("03.3", "the guests table", lambda t: guests(t), "table"),
    odd("03.3", "negative", lambda t: -trust_rate(t), "minus"),
    # ------------------------------------------------------------------ 03.4 the funnel
    right("03.4", "double brackets .sum()", funnel),
    right("03.4", "a Series of three sums", lambda t: pd.Series({c: season_ties(t)[c].sum() for c in STAGES})),
    right("03.4", "astype(int).sum()", lambda t: season_ties(t)[STAGES].astype(int).sum()),
    right("03.4", "a dict of ints", lambda t: {c: int(season_ties(t)[c].sum()) for c in STAGES}),
    right("03.4", ".loc sum(axis=0)", lambda t: season_ties(t).loc[:, STAGES].sum(axis=0)),
    shortcut("03.4", "with talked", lambda t: pd.Series({"talked": len(season_ties(t)), **funnel(t)}), "plus one"),
    shortcut(
        "03.4",
        "one-way liking",
        lambda t: pd.Series(
            {
                "knows": season_ties(t)["knows"].sum(),
                "likes": (season_ties(t)["a_likes_b"] | season_ties(t)["b_likes_a"]).sum(),
                "trusts": (season_ties(t)["a_trusts_b"] | season_ties(t)["b_trusts_a"]).sum(),
            }
        ),
        "either",
        "both",
    ),
    shortcut(
        "03.4",
        "summed the guests' columns",
        lambda t: pd.Series(
            {
                "knows": guests(t)["remembered_by"].sum(),
                "likes": guests(t)["liked_by"].sum(),
                "trusts": guests(t)["trusted_by"].sum(),
            }
        ),
        "guests' columns",
    ),
    slip(
        "03.4",
        "stopped at each stage",
        lambda t: pd.Series(
            {
                "knows": (season_ties(t)["knows"] & ~season_ties(t)["likes"]).sum(),
                "likes": (season_ties(t)["likes"] & ~season_ties(t)["trusts"]).sum(),
                "trusts": season_ties(t)["trusts"].sum(),
            }
        ),
        "stopped",
    ),
    slip("03.4", "shares (.mean())", lambda t: season_ties(t)[STAGES].mean(), "shares", ".sum()"),
    slip(
        "03.4",
        "one side's one-way columns",
        lambda t: season_ties(t)[["a_knows_b", "a_likes_b", "a_trusts_b"]].sum().set_axis(STAGES),
        "one-way",
        "each other",
    ),
    slip(
        "03.4",
        "the other side's one-way columns",
        lambda t: season_ties(t)[["b_knows_a", "b_likes_a", "b_trusts_a"]].sum().set_axis(STAGES),
        "one-way",
        "each other",
    ),
    slip(
        "03.4",
        "either side's one-way columns",
        lambda t: pd.Series({s: int((season_ties(t)[f"a_{s}_b"] | season_ties(t)[f"b_{s}_a"]).sum()) for s in STAGES}),
        "either",
        "two-way",
    ),
    slip("03.4", "the first evening's ties", lambda t: evening(t).ties[STAGES].sum(), "first* evening"),
    slip("03.4", "a list", lambda t: funnel(t).tolist(), "label"),
    slip(
        "03.4",
        "labels Know/Like/Trust",
        lambda t: funnel(t).rename({"knows": "Know", "likes": "Like", "trusts": "Trust"}),
        "label",
    ),
    slip("03.4", "labels title-case", lambda t: funnel(t).rename(str.title), "label"),
    slip("03.4", "labels swapped", lambda t: funnel(t).rename({"knows": "trusts", "trusts": "knows"}), "label"),
    slip("03.4", "not summed (the columns)", lambda t: season_ties(t)[STAGES], "table"),
    slip("03.4", "reset_index", lambda t: funnel(t).reset_index(), "table"),
    slip("03.4", "only knows", lambda t: int(season_ties(t)["knows"].sum()), '"knows" only', rung="type"),
    slip("03.4", "numpy values", lambda t: funnel(t).values, "label"),
    odd("03.4", "NaN", lambda t: funnel(t) * np.nan, "nan"),
    odd("03.4", "text", lambda t: "knows, likes, trusts", "text"),
    odd("03.4", "negative", lambda t: -funnel(t), "minus"),
    odd("03.4", "wrong keys", lambda t: {"know": 1, "like": 2, "trust": 3}, "labels", rung="labels"),
    # ------------------------------------------------------------------ 03.5 who sits between
    right("03.5", "nlargest(3).index", lambda t: s().nlargest(3).index),
    right("03.5", "list of it", lambda t: list(s().nlargest(3).index)),
    right("03.5", "set of it", lambda t: set(s().nlargest(3).index)),
    right("03.5", "sorted keys by score", lambda t: sorted(scores(), key=scores().get, reverse=True)[:3]),
    right("03.5", "sort_values head(3)", lambda t: s().sort_values(ascending=False).head(3).index.tolist()),
    right("03.5", "typed names", lambda t: ("Theresa Anderson", "Nora Fayette", "Sylvia Avondale")),
    slip("03.5", "nlargest(3) without .index", lambda t: s().nlargest(3), "scores", ".index"),
    slip("03.5", "nlargest(1) (a Series)", lambda t: s().nlargest(1), "series of scores"),
    slip("03.5", "idxmax: one name", lambda t: s().idxmax(), "three"),
    shortcut("03.5", "most events", lambda t: list(events().nlargest(3).index), "attendance"),
    shortcut(
        "03.5",
        "most co-attendees (degree)",
        lambda t: list(pd.Series(dict(women().degree())).nlargest(3).index),
        "degree",
    ),
    shortcut(
        "03.5",
        "most shared events (weighted degree)",
        lambda t: list(pd.Series(dict(women().degree(weight="weight"))).nlargest(3).index),
        "weighted degree",
    ),
    shortcut(
        "03.5",
        "betweenness without distances",
        lambda t: list(pd.Series(nx.betweenness_centrality(women())).nlargest(3).index),
        "without distances",
    ),
    slip(
        "03.5",
        "women-and-events network",
        lambda t: list(
            pd.Series(
                {
                    k: v
                    for k, v in nx.betweenness_centrality(party.davis_network()).items()
                    if k in set(party.davis_network().graph["top"])
                }
            )
            .nlargest(3)
            .index
        ),
        "women *and* events",
        "attendance",
    ),
    slip(
        "03.5",
        "weight='weight'",
        lambda t: list(pd.Series(nx.betweenness_centrality(women(), weight="weight")).nlargest(3).index),
        "far",
    ),
    slip("03.5", "nsmallest(3)", lambda t: list(s().nsmallest(3).index), "lowest"),
    slip("03.5", "sorted(scores)[-3:] (names)", lambda t: sorted(scores())[-3:], "alphabetical"),
    slip("03.5", "first names", lambda t: ["Theresa", "Nora", "Sylvia"], "first names"),
    slip("03.5", "top four", lambda t: list(s().nlargest(4).index), "more besides"),
    slip("03.5", "top two", lambda t: list(s().nlargest(2).index), "2 names", rung="set_diff"),
    slip("03.5", "the three scores", lambda t: s().nlargest(3).tolist(), "scores, not names"),
    slip("03.5", "events, not women", lambda t: ["E7", "E8", "E9"], "events, not women"),
    slip("03.5", "lower-case names", lambda t: [w.lower() for w in s().nlargest(3).index], "capitals", rung="labels"),
    odd("03.5", "None", lambda t: None, "none"),
    odd("03.5", "NaN", lambda t: float("nan"), "nan"),
    odd("03.5", "the top score", lambda t: s().max(), "scores, not names"),
    odd("03.5", "the scores dict", lambda t: scores(), "every", "keep", rung="top_n"),
    odd("03.5", "a DataFrame", lambda t: s().nlargest(3).to_frame("betweenness"), "labels", rung="container"),
    odd("03.5", "negative", lambda t: -s().max(), "scores, not names"),
]
