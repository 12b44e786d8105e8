"""The roster: who gets an assignment, and by when it is due.

A CSV file with a header row. Columns:

* ``learner`` (required): a short id, letters, digits, ``-`` and ``_`` (it names folders);
* ``name`` (optional): how feedback pages address the learner;
* ``deadline`` (optional if ``kit assign --deadline`` gives one for everyone): an ISO date and
  time *with* its UTC offset, ``2026-12-10T18:00:00+00:00`` (a naive time is refused: a
  deadline must say which clock it is on);
* ``town`` (optional): the name of the learner's own town; by default they all keep the
  scenario's town, with a seed of their own.

Any problem is one :class:`RosterError` naming the file, the row and what was expected.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "roster.csv"
>>> _ = p.write_text("learner,name,deadline\\nana,Ana,2026-12-10T18:00:00+00:00\\n")
>>> [(x.id, x.name, x.deadline.isoformat()) for x in read(p)]
[('ana', 'Ana', '2026-12-10T18:00:00+00:00')]
>>> _ = p.write_text("learner,deadline\\nana,2026-12-10 18:00\\n")
>>> read(p)
Traceback (most recent call last):
...
kit.coursework.roster.RosterError: ...roster.csv, row 2: deadline '2026-12-10 18:00' has no UTC offset; write it like 2026-12-10T18:00:00+00:00
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Learner", "RosterError", "read", "parse_deadline"]

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
COLUMNS = ("learner", "name", "deadline", "town")


class RosterError(ValueError):
    """The roster file is missing, malformed, or holds a value that cannot be used."""


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    deadline: dt.datetime | None
    town: str = ""


def parse_deadline(text: str, where: str) -> dt.datetime:
    """An ISO date-time with its UTC offset; ``where`` names the file and row in the error."""
    text = str(text).strip()
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise RosterError(
            f"{where}: deadline {text!r} is not a date and time; write it like 2026-12-10T18:00:00+00:00"
        ) from None
    if when.tzinfo is None or when.utcoffset() is None:
        raise RosterError(f"{where}: deadline {text!r} has no UTC offset; write it like 2026-12-10T18:00:00+00:00")
    return when


def read(path: str | Path, deadline: dt.datetime | None = None) -> list[Learner]:
    """The learners of the roster file at ``path`` (``deadline``: for rows that give none)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise RosterError(
            f"{path}: cannot read the roster ({type(e).__name__}: {e}); expected a CSV "
            "file with a header row: learner,name,deadline"
        ) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or "learner" not in [h.strip().lower() for h in rows[0]]:
        raise RosterError(
            f"{path}: the first row must be a header naming at least the column 'learner' "
            f"(columns: {', '.join(COLUMNS)})"
        )
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise RosterError(f"{path}: unknown column {unknown[0]!r}; the columns are {', '.join(COLUMNS)}")
    learners, seen = [], set()
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}, row {n}"
        if len(row) != len(header):
            raise RosterError(
                f"{where}: {len(row)} fields where the header has {len(header)} "
                "(a comma inside a name? put the name in double quotes)"
            )
        values = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        lid = values["learner"]
        if not ID.match(lid):
            raise RosterError(
                f"{where}: learner id {lid!r} must be letters, digits, - or _ "
                "(at most 64, starting with a letter or digit): it names a folder"
            )
        if lid.lower() in seen:
            raise RosterError(f"{where}: learner id {lid!r} appears twice")
        seen.add(lid.lower())
        due = parse_deadline(values["deadline"], where) if values.get("deadline") else deadline
        learners.append(Learner(lid, values.get("name") or lid, due, values.get("town", "")))
    if not learners:
        raise RosterError(f"{path}: no learners: add one row per learner under the header")
    return learners
