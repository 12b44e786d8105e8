"""Workshop 00 — start here: the series agenda.

The agenda is read from the manifest (:mod:`kit.workshops`: numbers, titles, topics) and from
each workshop's notebook (its minutes, ``metadata.kit``), so it never disagrees with either.
The one warm-up exercise (00.1) and its reference solution live in :mod:`kit.solutions.start`,
outside the learner's namespace.

>>> agenda().loc["01", "title"], int(agenda().loc["01", "minutes"])
    ('Social, not media', 90)
>>> agenda().loc["00", "notebook"]
'00-start-here'
"""

from __future__ import annotations

import pandas as pd

from . import workshops

__all__ = ["agenda", "agenda_text"]


def agenda() -> pd.DataFrame:
    """The series agenda as a table, indexed by workshop number: title, minutes, notebook, topic."""
    rows = [
        {"number": w.number, "notebook": w.name, "title": w.title, "minutes": workshops.minutes(w), "topic": w.about}
        for w in workshops.WORKSHOPS
    ]
    return pd.DataFrame(rows, columns=["number", "notebook", "title", "minutes", "topic"]).set_index("number")


def agenda_text():
    """The series agenda as a readable list (Markdown in a notebook).

    >>> str(agenda_text()).splitlines()[0]
    '- **00 · Start here** (20 min, `00-start-here`): How a notebook works; how checks, hints and solutions work; the series agenda.'
    """
    from .exercises import Text

    lines = [f"- **{n} · {w.title}** ({w.minutes} min, `{w.notebook}`): {w.topic}" for n, w in agenda().iterrows()]
    return Text("\n".join(lines))
