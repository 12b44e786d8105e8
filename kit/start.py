"""Workshop 00 — start here: the series agenda.

The one warm-up exercise (00.1) and its reference solution live in :mod:`kit.solutions.start`,
outside the learner's namespace.

>>> [w["number"] for w in AGENDA]
['00', '01', '02', '03']
>>> agenda().loc["01", "minutes"]
np.int64(90)
"""

from __future__ import annotations

import pandas as pd

__all__ = ["AGENDA", "agenda", "agenda_text"]

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
    """The series agenda as a table, indexed by workshop number."""
    return pd.DataFrame(AGENDA).set_index("number")


def agenda_text():
    """The series agenda as a readable list (Markdown in a notebook).

    >>> str(agenda_text()).splitlines()[0]
    '- **00 · Start here** (20 min, `00-start-here`): How a notebook works; how hints, checks and solutions work.'
    """
    from .exercises import Text

    lines = [f"- **{w['number']} · {w['title']}** ({w['minutes']} min, `{w['notebook']}`): {w['topic']}"
             for w in AGENDA]
    return Text("\n".join(lines))
