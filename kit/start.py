"""Workshop 00 — start here: the one warm-up exercise and the series agenda.

>>> count_businesses(load("accounts")) == load_scenario().businesses
True
>>> [w["number"] for w in AGENDA][:2]
['00', '01']
"""

from __future__ import annotations

import pandas as pd

from .data import load
from .exercises import Exercise, Mistake, register
from .scenario import load_scenario

__all__ = ["AGENDA", "count_businesses", "agenda", "agenda_text"]

AGENDA = (
    {"number": "00", "notebook": "00-start-here", "title": "Start here",
     "minutes": 20, "topic": "How a notebook works; how hints, checks and solutions work."},
    {"number": "01", "notebook": "01-social-not-media", "title": "Social, not media",
     "minutes": 90, "topic": "Active versus passive networking: broadcasting vs conversation, "
                             "and a LinkedIn profile versus active use."},
    {"number": "02", "notebook": "02-quality-of-followers", "title": "Quality of followers",
     "minutes": 90, "topic": "Why 10 interested followers beat 10,000 strangers; fake followers."},
    {"number": "03", "notebook": "03-cocktail-party", "title": "The cocktail party",
     "minutes": 90, "topic": "A simulation of the networking party the room can play with."},
)


def agenda() -> pd.DataFrame:
    """The series agenda as a table."""
    return pd.DataFrame(AGENDA).set_index("number")


def agenda_text():
    """The series agenda as a readable list (Markdown in a notebook)."""
    from .exercises import Text

    lines = [f"- **{w['number']} · {w['title']}** ({w['minutes']} min, `{w['notebook']}`): {w['topic']}"
             for w in AGENDA]
    return Text("\n".join(lines))


def count_businesses(accounts: pd.DataFrame) -> int:
    """Exercise 00.1: how many local businesses are in the data."""
    return int((accounts["kind"] == "business").sum())


register(
    Exercise(
        id="00.1", title="How many businesses?",
        ask="The answer is one whole number.",
        expected=lambda: count_businesses(load("accounts")),
        solution=count_businesses,
        hints=(
            "The column `kind` says what each account is.",
            "`(accounts[\"kind\"] == \"business\")` is True for businesses; `.sum()` counts the Trues.",
        ),
        mistakes=(
            Mistake("That is every account, including residents and accounts elsewhere. Count only "
                    "rows whose kind is \"business\".", answer=lambda: len(load("accounts"))),
            Mistake("That counts every *local* account: residents and the hub are local too.",
                    answer=lambda: int(load("accounts")["local"].sum())),
            Mistake("That counts the posts, not the accounts. Use the accounts table.",
                    answer=lambda: len(load("posts"))),
            Mistake("That counts company-named accounts; some businesses are named after a person.",
                    answer=lambda: int((load("accounts")["name_style"] == "company").sum())),
        ),
    ),
)
