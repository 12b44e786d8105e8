"""LinkedIn exports: the zip of CSV files from "Get a copy of your data", or its unpacked folder.

The format, as LinkedIn writes it and as independent cleaners (linkedin-analyzer and others)
document it:

* Not always UTF-8: each file is decoded as ``utf-8-sig`` (a byte-order mark is common), then
  Windows-1252; bytes neither can read are an error, not silently replaced.
* ``Connections.csv`` starts with a ``Notes:`` paragraph and a blank line before its header
  ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; older exports have
  no preamble and no URL column. The header is *found* (the first row holding the columns the
  file needs), never assumed to be on a fixed line. Column names are matched ignoring case.
* Dates: each file has its own list of formats, tried in order; a value in none of them is an
  error naming the file, the column, the value and the formats expected. ``Connections.csv``
  ``01 Dec 2025``; ``Shares.csv`` and ``Comments.csv`` ``2025-09-22 21:06:44`` (UTC);
  ``messages.csv`` ``2025-10-06 23:49:02 UTC``; ``Invitations.csv`` ``9/27/25, 8:41 AM`` (the
  space before AM may be a narrow no-break space); ``Reactions.csv`` mixes at least four formats
  in one export (see :data:`DATES`); ``Company Follows.csv`` ``Wed Jun 24 12:43:42 UTC 2026``;
  ``Endorsement_Given_Info.csv`` ``2021/05/21 15:13:21 UTC``. Times without a zone are taken as UTC.
* ``Company Follows.csv``: header ``Organization,Followed On``. ``Endorsement_Given_Info.csv``:
  header ``Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public
  Url,Endorsement Status`` (status ``ACCEPTED`` in the samples; every row is an endorsement the
  owner gave, whatever its status). Headers and date formats as independent readers of real
  exports record them: a French field survey of a real "Complete_LinkedInDataExport" (39 files,
  each with its header), header tables in export parsers, and their fixtures' values (``Followed
  On`` as ``Sat Sep 05 08:12:14 UTC 2026``, ``Thu Oct 24 16:49:32 UTC 2024``; ``Endorsement Date``
  as ``2017/05/07 01:01:57 UTC``), found with code search; the two formats are also ones
  ``Reactions.csv`` is known to use.
* ``Shares.csv``: ``ShareCommentary`` is quoted twice: after CSV parsing it still starts and ends
  with ``"``, its line breaks read ``"\\n"`` and its quotes ``""``; this is undone.
* ``Comments.csv``: quotes inside ``Message`` are backslash-escaped (``\\"``), which a plain CSV
  reader splits on; it is read with ``\\`` as the escape character.

What becomes ``linkedin_activity`` (one row per action the owner took, member 1; actions from
:data:`kit.synth.linkedin.ACTIONS`): a share is ``post``; a comment ``comment``; a reaction (any
type: like, praise, empathy...) ``like``; a message the owner *sent* ``message`` (received ones
are not the owner's actions); an invitation the owner sent (``Direction`` OUTGOING)
``connection_request`` (INCOMING ones are not); a company followed (``Company Follows.csv``)
``follow_company``; a skill the owner endorsed (``Endorsement_Given_Info.csv``; received
endorsements, ``Endorsement_Received_Info.csv``, are others' actions) ``endorse_skill``.
``answer_question``, ``join_discussion`` and ``profile_edit`` have no file read here, so they never
appear. ``connections`` has one row per connection.

What becomes ``linkedin_received`` (one row per thing someone else did towards the owner, so a
learner can see what followed their own activity; :func:`kit.imports.tables.received_table`): a
message in ``messages.csv`` whose ``FROM`` is not the owner (the same test that tells the owner's
sent messages, so every message is in exactly one of the two tables) is ``message``; an
``Invitations.csv`` row with ``Direction`` INCOMING is ``invitation``. ``date`` is the calendar day
of the UTC time parsed as above. No names, profile URLs or message texts are kept: the learner's
contacts' words are not needed to count what came back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pandas as pd

from .archive import Source
from .errors import ExportError
from .tables import activity_table, connections_table, received_table, utc

__all__ = ["is_linkedin", "read_linkedin", "DATES"]

ENCODINGS = ("utf-8-sig", "cp1252")
DATES = {
    "connections.csv": ("%d %b %Y",),
    "shares.csv": ("%Y-%m-%d %H:%M:%S",),
    "comments.csv": ("%Y-%m-%d %H:%M:%S",),
    "messages.csv": ("%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S"),
    "invitations.csv": ("%m/%d/%y, %I:%M %p",),
    "reactions.csv": (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S UTC",
        "%m/%d/%y, %I:%M %p",
        "%a %b %d %H:%M:%S UTC %Y",
        "%Y/%m/%d %H:%M:%S UTC",
        "%d %b %Y",
    ),
    "company follows.csv": ("%a %b %d %H:%M:%S UTC %Y",),
    "endorsement_given_info.csv": ("%Y/%m/%d %H:%M:%S UTC",),
}
FILES = (
    "Connections.csv",
    "Shares.csv",
    "Comments.csv",
    "messages.csv",
    "Invitations.csv",
    "Reactions.csv",
    "Company Follows.csv",
    "Endorsement_Given_Info.csv",
)


def is_linkedin(src: Source) -> bool:
    return any(src.find(f) for f in FILES)


def _rows(src: Source, name: str, need: tuple[str, ...], escapechar: str | None = None) -> list[tuple[int, dict]]:
    """(line, {lower-cased column: value}) for each row under the first line holding every column in ``need``."""
    text = src.text(name, ENCODINGS)
    reader = csv.reader(io.StringIO(text, newline=""), escapechar=escapechar, strict=False)
    header, out = None, []
    try:
        for row in reader:
            if header is None:
                cells = [c.strip().lower() for c in row]
                if all(n in cells for n in need):
                    header = cells
                continue
            if not any(c.strip() for c in row):
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
                raise ExportError(
                    f"{src.label(name)}: line {reader.line_num} has {len(row)} values but the header "
                    f"has {len(header)} columns; expected one value per column"
                )
            out.append((reader.line_num, dict(zip(header, row))))
    except csv.Error as e:
        raise ExportError(f"{src.label(name)}: not a readable CSV file at line {reader.line_num} ({e})") from None
    if header is None:
        first = next((line for line in text.splitlines() if line.strip()), "")
        raise ExportError(
            f"{src.label(name)}: no header line with the columns {', '.join(need)} (the first line "
            f"reads {first[:60]!r}); expected LinkedIn's own {name.rsplit('/', 1)[-1]}"
        )
    return out


def _date(src: Source, name: str, line: int, column: str, value: str) -> dt.datetime:
    formats = DATES[name.rsplit("/", 1)[-1].lower()]
    clean = " ".join((value or "").replace("\u202f", " ").replace("\xa0", " ").split())
    for fmt in formats:
        try:
            when = dt.datetime.strptime(clean, fmt)
        except ValueError:
            continue
        return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    raise ExportError(
        f"{src.label(name)}: line {line}, column {column!r}: {value!r} is not a date in a format "
        f"the kit knows for this file (expected {' or '.join(repr(f) for f in formats)})"
    )


def _share_text(value: str) -> str:
    """Undo Shares.csv's second layer of quoting.

    >>> _share_text('"Open today!"\\n"Come by for ""fresh"" bread"')
    'Open today!\\nCome by for "fresh" bread'
    """
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1].replace('"\n"', "\n").replace('""', '"')
    return value.strip()


def _owner(src: Source) -> tuple[str | None, bool]:
    """The member's name from Profile.csv, else the person in most of messages.csv's conversations."""
    name = src.find("Profile.csv")
    if name:
        for _, row in _rows(src, name, ("first name", "last name")):
            full = f"{row.get('first name', '').strip()} {row.get('last name', '').strip()}".strip()
            if full:
                return full, False
    name = src.find("messages.csv")
    if name:
        people = Counter()
        for _, row in _rows(src, name, ("from", "date")):
            for person in dict.fromkeys(
                [row.get("from", "").strip(), *(p.strip() for p in row.get("to", "").split(","))]
            ):
                if person:
                    people[person] += 1
        if people:
            return people.most_common(1)[0][0], True  # a tie goes to the first seen (the first sender)
    return None, False


def _texts(rows) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "created_at": utc(r[0] for r in rows),
            "text": pd.Series([r[1] for r in rows], dtype="string"),
            "link": pd.Series([r[2] or None for r in rows], dtype="string"),
            "source": pd.Series(["linkedin"] * len(rows), dtype="string"),
        }
    )


def read_linkedin(src: Source):
    owner, guessed = _owner(src)
    cannot = [
        "LinkedIn exports record no answers to questions, discussions joined or profile edits as actions "
        "here: those never appear in linkedin_activity",
        "LinkedIn exports do not say who viewed, liked or answered your posts, nor what came of a connection",
    ]
    acts, received, tables = [], [], {}

    def act(when: dt.datetime, action: str, origin: str):
        acts.append({"date": when.date(), "action": action, "origin": origin})

    def got(when: dt.datetime, kind: str, origin: str):
        received.append({"date": when.date(), "kind": kind, "origin": origin})

    name = src.find("Connections.csv")
    connections = []
    if name:
        for line, row in _rows(src, name, ("first name", "last name", "connected on")):
            when = _date(src, name, line, "Connected On", row.get("connected on", ""))
            connections.append(
                {
                    "first_name": row.get("first name", "").strip(),
                    "last_name": row.get("last name", "").strip(),
                    "url": row.get("url", "").strip(),
                    "email_address": row.get("email address", "").strip(),
                    "company": row.get("company", "").strip(),
                    "position": row.get("position", "").strip(),
                    "connected_on": when.date(),
                }
            )
    else:
        cannot.append("this export has no Connections.csv: whom you are connected to cannot be told")
    tables["connections"] = connections_table(connections)
    for file, column, action, text_column, esc in (
        ("Shares.csv", "date", "post", "sharecommentary", None),
        ("Comments.csv", "date", "comment", "message", "\\"),
    ):
        name = src.find(file)
        texts = []
        for line, row in _rows(src, name, (column,), esc) if name else ():
            when = _date(src, name, line, column.title(), row.get(column, ""))
            act(when, action, file)
            raw = row.get(text_column, "")
            texts.append(
                (
                    when,
                    _share_text(raw) if file == "Shares.csv" else raw.strip(),
                    row.get("sharelink", row.get("link", "")).strip(),
                )
            )
        tables[file[:-4].lower()] = _texts(texts)
    name = src.find("Reactions.csv")
    for line, row in _rows(src, name, ("date",)) if name else ():
        act(_date(src, name, line, "Date", row.get("date", "")), "like", "Reactions.csv")
    name = src.find("messages.csv")
    if name and owner:
        for line, row in _rows(src, name, ("from", "date")):
            when = _date(src, name, line, "DATE", row.get("date", ""))
            if row.get("from", "").strip().casefold() == owner.casefold():
                act(when, "message", "messages.csv")
            else:
                got(when, "message", "messages.csv")
        if guessed:
            cannot.append(
                f"messages you sent are told from messages.csv's FROM column; with no Profile.csv the "
                f"sender taken to be you is the person in most conversations ({owner})"
            )
    elif not name:
        cannot.append(
            "this export has no messages.csv: messages you sent or received cannot be told (message "
            "never appears in linkedin_activity or linkedin_received)"
        )
    name = src.find("Invitations.csv")
    if not name:
        cannot.append(
            "this export has no Invitations.csv: invitations you sent or received cannot be told "
            "(connection_request never appears in linkedin_activity, invitation never in linkedin_received)"
        )
    for line, row in _rows(src, name, ("sent at", "direction")) if name else ():
        when = _date(src, name, line, "Sent At", row.get("sent at", ""))
        direction = row.get("direction", "").strip().upper()
        if direction not in ("INCOMING", "OUTGOING"):
            raise ExportError(
                f"{src.label(name)}: line {line}, column 'Direction': {direction!r}; expected INCOMING or OUTGOING"
            )
        if direction == "OUTGOING":
            act(when, "connection_request", "Invitations.csv")
        else:
            got(when, "invitation", "Invitations.csv")
    for file, need, column, action, what in (
        (
            "Company Follows.csv",
            ("organization", "followed on"),
            "Followed On",
            "follow_company",
            "companies you follow",
        ),
        (
            "Endorsement_Given_Info.csv",
            ("endorsement date", "skill name"),
            "Endorsement Date",
            "endorse_skill",
            "skills you endorsed",
        ),
    ):
        name = src.find(file)
        if not name:
            cannot.append(f"this export has no {file}: {what} cannot be told ({action} never appears)")
            continue
        for line, row in _rows(src, name, need):
            act(_date(src, name, line, column, row.get(column.lower(), "")), action, file)
    tables["linkedin_activity"] = activity_table(acts)
    tables["linkedin_received"] = received_table(received)
    return owner, tables, cannot
