"""Mapping what an export holds onto the kit's own tables, typed as :func:`kit.data.load` types them.

The platform readers (:mod:`.x`, :mod:`.mastodon`, :mod:`.bluesky`, :mod:`.linkedin`) each turn
their format into plain Python rows; this module alone knows the kit's schema:

* ``posts`` has the columns of the sample town's ``posts`` (:data:`kit.synth.town.POSTS`) in its
  order, then ``source`` (the platform), ``external_id`` (the platform's own id, URI or at-uri),
  ``reply_to_external`` and ``shared_external`` (what a reply answers or a share shares, in the
  platform's own terms, kept even when that post is not in the export). ``post_id`` is 1..n in
  (created_at, original id) order; ``reply_to_post_id`` / ``shared_post_id`` point at a post in
  the same table when the export holds it, else null. ``content`` (a human coder's label in the
  synthetic data) is unknown for real posts: all null, with the same categories. ``likes``,
  ``retweets``, ``replies`` are nullable (null where the export does not say).
* ``follows`` has ``follower_id``, ``followed_id`` (:data:`kit.synth.town.FOLLOWS`) and ``source``;
  ``accounts`` gives each id its ``handle`` (null where the export only has an id), ``external_id``
  and ``source``. The export's owner is account 1; others are 2.. in the order first seen.
* ``linkedin_activity`` has the columns of :data:`kit.synth.linkedin.ACTIVITY` (member 1 is the
  owner), then ``source`` and ``origin`` (the CSV the row came from); ``connections`` one row
  per connection. ``linkedin_received`` has one row per thing others did towards the owner:
  ``date`` (a date), ``kind`` (a categorical of :data:`RECEIVED_KINDS`: ``message``, one someone
  else sent the owner; ``invitation``, an incoming invitation to connect), ``source`` and
  ``origin``; no names and no message texts.

Timestamps are time-zone aware, in UTC; enumerations are categoricals with the spec's
categories; integers that may be missing are pandas' nullable ``Int64``.
"""

from __future__ import annotations

import pandas as pd

from ..data import TableSpec
from ..synth.linkedin import ACTIVITY
from ..synth.town import FOLLOWS, POSTS

__all__ = [
    "Accounts",
    "posts_table",
    "follows_tables",
    "activity_table",
    "received_table",
    "connections_table",
    "utc",
    "day",
    "RECEIVED_KINDS",
]

EXTRA_POST_COLUMNS = ("source", "external_id", "reply_to_external", "shared_external")
RECEIVED_KINDS = ("message", "invitation")
CONNECTION_COLUMNS = ("first_name", "last_name", "url", "email_address", "company", "position", "connected_on")


def utc(values) -> pd.Series:
    """Aware datetimes (or none) as a UTC column in microseconds, the unit :func:`kit.data.load` gives."""
    return pd.to_datetime(pd.Series(list(values), dtype=object), utc=True).astype("datetime64[us, UTC]")


def day(values) -> pd.Series:
    """Dates as a column of midnight datetimes (no zone), as :func:`kit.data.load` gives a date field."""
    return pd.to_datetime(pd.Series(list(values), dtype=object)).astype("datetime64[us]")


class Accounts:
    """Stable account ids for one export: the owner is 1, everyone else 2.. in first-seen order."""

    def __init__(self, owner_handle: str | None, owner_external: str | None):
        self.rows: list[dict] = []
        self._by_key: dict[str, int] = {}
        self._known: dict[str, str] = {}  # external id -> a handle learned before the account is seen
        self.id(owner_external, owner_handle)

    def id(self, external: str | None, handle: str | None = None) -> int:
        key = str(external) if external is not None else f"handle:{handle}"
        handle = handle or (self._known.get(key) if external is not None else None)
        if key not in self._by_key:
            self._by_key[key] = len(self.rows) + 1
            self.rows.append({"account_id": len(self.rows) + 1, "handle": handle, "external_id": external})
        row = self.rows[self._by_key[key] - 1]
        if row["handle"] is None and handle:
            row["handle"] = handle
        return row["account_id"]

    def learn(self, external: str | None, handle: str | None) -> None:
        """Remember an account's handle (an X id or a DID met in a mention), adding no account."""
        if external is None or not handle:
            return
        key = str(external)
        self._known.setdefault(key, handle)
        if key in self._by_key:
            row = self.rows[self._by_key[key] - 1]
            row["handle"] = row["handle"] or handle

    def table(self, source: str) -> pd.DataFrame:
        df = pd.DataFrame(self.rows, columns=["account_id", "handle", "external_id"])
        return pd.DataFrame(
            {
                "account_id": df["account_id"].astype("int64"),
                "handle": df["handle"].astype("string"),
                "external_id": df["external_id"].astype("string"),
                "source": pd.Series([source] * len(df), dtype="string"),
            }
        )


def _typed(df: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Columns of ``spec`` typed as :func:`kit.data.load` gives them (integers nullable where empty)."""
    out = {}
    for f in spec.fields:
        col = df[f.name] if f.name in df else pd.Series([None] * len(df), index=df.index, dtype=object)
        if f.type == "integer":
            out[f.name] = col.astype("Int64") if col.isna().any() or not f.required else col.astype("int64")
        elif f.type == "datetime":
            out[f.name] = utc(col).set_axis(df.index)
        elif f.type == "date":
            out[f.name] = day(col).set_axis(df.index)
        elif f.type == "boolean":
            out[f.name] = col.astype(bool)
        elif f.enum:
            out[f.name] = pd.Categorical(col, categories=list(f.enum))
        else:
            out[f.name] = col.astype("string")
    return pd.DataFrame(out, index=df.index)


def _words(items) -> str | None:
    """``["@a", "@b", "@a"]`` as ``"@a @b"`` (each once, in order); None when there are none."""
    seen = list(dict.fromkeys(i for i in items if i))
    return " ".join(seen) if seen else None


def _order(row: dict):
    ext = str(row["external_id"])
    return (row["created_at"], 0, int(ext), "") if ext.isdigit() else (row["created_at"], 1, 0, ext)


def posts_table(rows: list[dict], source: str, accounts: Accounts) -> pd.DataFrame:
    """Posts from rows with: external_id, author (external id), handle, created_at (aware), kind,
    text, reply_to_external, shared_external, mentions/hashtags (lists), has_link, likes,
    retweets, replies (int or None)."""
    rows = sorted(rows, key=_order)
    ids = {str(r["external_id"]): i for i, r in enumerate(rows, start=1)}
    records = []
    for i, r in enumerate(rows, start=1):
        records.append(
            {
                "post_id": i,
                "account_id": accounts.id(r.get("author"), r.get("handle")),
                "handle": r.get("handle"),
                "created_at": r["created_at"],
                "kind": r["kind"],
                "reply_to_post_id": ids.get(str(r["reply_to_external"])) if r.get("reply_to_external") else None,
                "shared_post_id": ids.get(str(r["shared_external"])) if r.get("shared_external") else None,
                "text": r.get("text") or "",
                "mentions": _words(r.get("mentions", ())),
                "hashtags": _words(r.get("hashtags", ())),
                "has_link": bool(r.get("has_link")),
                "content": None,
                "likes": r.get("likes"),
                "retweets": r.get("retweets"),
                "replies": r.get("replies"),
            }
        )
    frame = pd.DataFrame(records, columns=[f.name for f in POSTS.fields], dtype=object)
    out = _typed(frame, POSTS)
    for name in ("likes", "retweets", "replies", "reply_to_post_id", "shared_post_id"):
        out[name] = out[name].astype("Int64")
    out["source"] = pd.Series([source] * len(out), dtype="string")
    for name in EXTRA_POST_COLUMNS[1:]:
        key = name
        out[name] = pd.Series([str(r[key]) if r.get(key) else None for r in rows], dtype="string")
    return out


def follows_tables(edges: list[tuple[int, int]], source: str, accounts: Accounts) -> dict[str, pd.DataFrame]:
    """``follows`` (one row per distinct edge, in export order) and ``accounts``."""
    edges = list(dict.fromkeys(edges))
    frame = pd.DataFrame(edges, columns=[f.name for f in FOLLOWS.fields], dtype=object)
    follows = _typed(frame, FOLLOWS)
    for name in follows:
        follows[name] = follows[name].astype("int64")
    follows["source"] = pd.Series([source] * len(follows), dtype="string")
    return {"follows": follows, "accounts": accounts.table(source)}


def activity_table(rows: list[dict], source: str = "linkedin") -> pd.DataFrame:
    """``linkedin_activity`` from rows with date (a datetime.date), action and origin (the CSV's name)."""
    rows = sorted(rows, key=lambda r: (r["date"], r["origin"]))
    frame = pd.DataFrame(
        [{"member_id": 1, "date": r["date"], "action": r["action"]} for r in rows],
        columns=[f.name for f in ACTIVITY.fields],
        dtype=object,
    )
    out = _typed(frame, ACTIVITY)
    out["member_id"] = out["member_id"].astype("int64")
    out["source"] = pd.Series([source] * len(out), dtype="string")
    out["origin"] = pd.Series([r["origin"] for r in rows], dtype="string")
    return out


def received_table(rows: list[dict], source: str = "linkedin") -> pd.DataFrame:
    """``linkedin_received`` from rows with date (a datetime.date), kind (one of :data:`RECEIVED_KINDS`)
    and origin (the CSV's name): date (midnight, no zone, as ``linkedin_activity``'s), kind
    (categorical), source and origin, sorted by (date, origin) as ``activity_table`` sorts."""
    rows = sorted(rows, key=lambda r: (r["date"], r["origin"]))
    return pd.DataFrame(
        {
            "date": day(r["date"] for r in rows),
            "kind": pd.Categorical([r["kind"] for r in rows], categories=list(RECEIVED_KINDS)),
            "source": pd.Series([source] * len(rows), dtype="string"),
            "origin": pd.Series([r["origin"] for r in rows], dtype="string"),
        }
    )


def connections_table(rows: list[dict], source: str = "linkedin") -> pd.DataFrame:
    """``connections``: first/last name, url, email_address, company, position (text, null where
    blank), connected_on (a date) and source."""
    frame = pd.DataFrame(rows, columns=list(CONNECTION_COLUMNS), dtype=object)
    out = {c: frame[c].where(frame[c] != "", None).astype("string") for c in CONNECTION_COLUMNS[:-1]}
    out["connected_on"] = day(frame["connected_on"])
    out["source"] = pd.Series([source] * len(frame), dtype="string")
    return pd.DataFrame(out)
