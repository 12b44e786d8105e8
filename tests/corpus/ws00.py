"""Workshop 00 (start here): answers learners type for 00.1, and what the check must say.

Written from a cold read of the learner edition: the notebook has ``accounts = load("accounts")``
and asks "how many businesses are in the sample town?" (00 does not import pandas as ``pd``).
Every answer is rebuilt from :class:`Tables`, so it replays on any scenario. ``says`` holds what
a good diagnosis must name (lower case).
"""

from __future__ import annotations

import math

from . import Tables, odd, right, shortcut, slip


def is_business(t: Tables):
    return t.accounts["kind"] == "business"


def n_businesses(t: Tables) -> int:
    return int(is_business(t).sum())


ATTEMPTS = [
    # ------------------------------------------------------------------ right methods
    right("00.1", "sum of a True/False column", lambda t: is_business(t).sum()),
    right("00.1", "len of the filtered table", lambda t: len(t.accounts[is_business(t)])),
    right("00.1", "value_counts, then the business row", lambda t: t.accounts["kind"].value_counts()["business"]),
    right("00.1", "query and shape", lambda t: t.accounts.query("kind == 'business'").shape[0]),
    right("00.1", "groupby size", lambda t: t.accounts.groupby("kind", observed=True).size()["business"]),
    right("00.1", "as a plain int", lambda t: int(is_business(t).sum())),
    right("00.1", "as a float", lambda t: float(is_business(t).sum())),
    # ------------------------------------------------------------------ shortcuts
    shortcut("00.1", "len(accounts): every account", lambda t: len(t.accounts), "every account", rung="mistake"),
    shortcut("00.1", "every local account", lambda t: int(t.accounts["local"].sum()), "local", rung="mistake"),
    shortcut(
        "00.1",
        "company-named accounts",
        lambda t: int((t.accounts["name_style"] == "company").sum()),
        "company-named",
        rung="mistake",
    ),
    shortcut(
        "00.1", "number of business types", lambda t: t.accounts["business_type"].nunique(), "types", rung="mistake"
    ),
    # ------------------------------------------------------------------ novice slips
    slip("00.1", "counted posts", lambda t: len(t.posts), "posts", rung="mistake"),
    slip("00.1", "len of the True/False column", lambda t: len(is_business(t)), "every account", rung="mistake"),
    slip("00.1", "capital B: Business", lambda t: int((t.accounts["kind"] == "Business").sum()), "0", rung="zero"),
    slip("00.1", "plural: businesses", lambda t: int((t.accounts["kind"] == "businesses").sum()), "0", rung="zero"),
    slip("00.1", "the True/False column itself", lambda t: is_business(t), "true/false", rung="bool_mask"),
    slip("00.1", "the filtered table", lambda t: t.accounts[is_business(t)], "table", "len("),
    slip(
        "00.1",
        "value_counts, whole Series",
        lambda t: t.accounts["kind"].value_counts(),
        ".loc['business']",
        rung="container",
    ),
    slip(
        "00.1",
        "share instead of count (.mean())",
        lambda t: float(is_business(t).mean()),
        "share",
        rung="count_vs_share",
    ),
    # a good diagnosis names the gap and no range edges: 00.1's filter is kind == "business"
    slip("00.1", "typed the number one off", lambda t: n_businesses(t) + 1, "1 more", rung="count_off"),
    slip("00.1", "number of kinds (nunique)", lambda t: t.accounts["kind"].nunique(), "kinds", rung="mistake"),
    slip("00.1", "print(...) instead of the value", lambda t: print(end=""), "none", rung="none"),
    # a good diagnosis: one count per column, not a sorted Series
    slip("00.1", "count() of every column", lambda t: t.accounts[is_business(t)].count(), "column"),
    slip("00.1", "in a list", lambda t: [n_businesses(t)], "list"),
    # ------------------------------------------------------------------ odd values
    odd("00.1", "the number as text", lambda t: str(n_businesses(t)), "text", rung="type"),
    odd("00.1", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("00.1", "negative", lambda t: -n_businesses(t), "minus"),
    odd("00.1", "a dict", lambda t: {"business": n_businesses(t)}, "number itself", "dictionary", rung="container"),
    odd("00.1", "a whole DataFrame", lambda t: t.accounts, "table"),
    odd("00.1", "True", lambda t: True, "true"),
    odd("00.1", "zero", lambda t: 0, "0", rung="zero"),
    odd("00.1", "still ...", lambda t: ..., "replace the ...", status="unanswered"),
]
