"""Reference solution and exercise registration for workshop 00 (start here).

Notebooks never import this module: ``check("00.1", ...)`` finds it through the exercise
registry. ``GIVES_ANSWER`` lists, per exercise, every kit callable that returns the exercise's
answer besides the reference itself (none here); ``tests/test_namespace.py`` asserts none of
them is in the learner's namespace before the exercise is checked.
"""

from __future__ import annotations

import pandas as pd

from ..data import load
from ..exercises import Exercise, Mistake, register

__all__ = ["count_businesses", "GIVES_ANSWER"]


def count_businesses(accounts: pd.DataFrame) -> int:
    """Exercise 00.1: how many local businesses are in the data.

    >>> demo = pd.DataFrame({"kind": ["business", "resident", "business", "hub"]})
    >>> count_businesses(demo)
    2
    """
    return int((accounts["kind"] == "business").sum())


def _count_per_column(answer, expected) -> bool:
    """A table's .count(): one count per column of the accounts table, the answer among them."""
    return (
        isinstance(answer, pd.Series)
        and len(answer) > 1
        and set(map(str, answer.index)) <= set(load("accounts").columns)
        and bool((answer == expected).any())
    )


GIVES_ANSWER: dict[str, tuple] = {"00.1": (count_businesses,)}

register(
    Exercise(
        id="00.1",
        title="How many businesses?",
        has_filter=True,  # 00 does not import pandas as pd
        ask="The answer is one whole number.",
        expected=lambda: count_businesses(load("accounts")),
        solution=count_businesses,
        hints=(
            "The column `kind` says what each account is.",
            '`(accounts["kind"] == "business")` is True for businesses; `.sum()` counts the Trues.',
        ),
        mistakes=(
            Mistake(
                "That is every account, including residents and accounts elsewhere. Count only "
                'rows whose kind is "business".',
                answer=lambda: len(load("accounts")),
                key="all_accounts",
            ),
            Mistake(
                "That counts every *local* account: residents and the hub are local too.",
                answer=lambda: int(load("accounts")["local"].sum()),
            ),
            Mistake(
                "That counts the posts, not the accounts. Use the accounts table.", answer=lambda: len(load("posts"))
            ),
            Mistake(
                "That counts company-named accounts; some businesses are named after a person.",
                answer=lambda: int((load("accounts")["name_style"] == "company").sum()),
            ),
            Mistake(
                "That is how many different business types there are (bakery, florist, ...). "
                'Count the business accounts themselves: rows whose kind is "business".',
                answer=lambda: int(load("accounts")["business_type"].nunique()),
                key="types",
            ),
            Mistake(
                "That is how many different kinds of account there are. Count the rows whose "
                'kind is "business" instead.',
                answer=lambda: int(load("accounts")["kind"].nunique()),
                key="kinds",
            ),
            Mistake(
                "You gave a count for every column (that is what .count() on a table does). "
                "Count the rows instead: take the True/False column and finish with .sum().",
                matches=_count_per_column,
                key="count_per_column",
            ),
        ),
    ),
)
