"""Mastodon archives: the ``.tar.gz`` from "Request your archive", or its unpacked folder.

The format, from Mastodon's own serialisers (``ActivityPub::OutboxSerializer``, ``NoteSerializer``)
and the ActivityStreams 2.0 vocabulary:

* ``outbox.json`` is an ActivityStreams ``OrderedCollection`` whose ``orderedItems`` are
  activities. ``Create`` wraps the post itself (a ``Note``, or a ``Question`` for a poll);
  ``Announce`` (a boost) carries the boosted post only as a bare URI string in ``object``.
* A post's ``inReplyTo`` is null or the URI of the post answered; ``content`` is HTML (turned
  into text with the standard library's ``html.parser``: ``<br>`` and paragraphs become line
  breaks); ``tag[]`` holds ``Mention`` (``name`` like ``@ana@example.social``) and ``Hashtag``
  (``#bakery``) objects, from which mentions and hashtags are taken (not from the text).
* The backup includes followers-only posts and direct messages. Only posts addressed to the
  Public collection (``https://www.w3.org/ns/activitystreams#Public``, or its short forms
  ``as:Public`` / ``Public``, in ``to`` or ``cc``) are kept, unless ``include_private=True``.
* ``actor.json`` holds the owner (``preferredUsername``, ``id``).
* Follows are a separate CSV download, ``following_accounts.csv`` (header ``Account address,Show
  boosts,Notify on new posts,Languages``; very old exports have addresses only, no header), read
  when it sits in the archive or the folder. Mastodon exports no followers list at all.
* Likes and boosts received are not in the archive (``likes``/``retweets`` are null unless a post
  carries ``likes.totalItems`` / ``shares.totalItems``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser

from .archive import Source
from .errors import ExportError
from .tables import Accounts, follows_tables, posts_table

__all__ = ["is_mastodon", "read_mastodon", "html_text"]

PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}


def is_mastodon(src: Source) -> bool:
    return src.find("outbox.json") is not None


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")
        elif tag == "a" and attrs.get("href"):
            classes = (attrs.get("class") or "").split()
            if not {"mention", "hashtag"} & set(classes):
                self.links += 1

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html: str) -> tuple[str, int]:
    """A post's HTML as plain text, and how many links (not mentions or hashtags) it holds.

    >>> html_text('<p>Hi <span class="h-card"><a href="https://x.social/@ana" class="u-url mention">@<span>ana</span></a></span></p><p>See <a href="https://example.org">example.org</a></p>')
    ('Hi @ana\\n\\nSee example.org', 1)
    """
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    return "".join(parser.parts).strip(), parser.links


def _json(src: Source, name: str):
    try:
        return json.loads(src.text(name))
    except json.JSONDecodeError as e:
        raise ExportError(f"{src.label(name)}: the JSON is cut short or garbled at line {e.lineno}, column "
                          f"{e.colno} ({e.msg}); expected a complete file (download the archive again)") from None


def _when(src, name, i, value) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise ExportError(f"{src.label(name)}: item {i + 1}: published is {value!r}; expected a time like "
                          f"'2023-02-18T19:45:15Z'")
    return when.astimezone(dt.UTC)


def _public(*objs) -> bool:
    for obj in objs:
        for key in ("to", "cc"):
            value = obj.get(key)
            values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            if PUBLIC & {v for v in values if isinstance(v, str)}:
                return True
    return False


def _total(obj, key):
    value = obj.get(key)
    n = value.get("totalItems") if isinstance(value, dict) else None
    return n if isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 2**53 else None


def _post(src, name, i, item, owner, owner_id) -> dict | None:
    kind = item.get("type")
    if kind == "Announce":
        target = item.get("object")
        target = target.get("id") if isinstance(target, dict) else target
        if not isinstance(target, str) or not isinstance(item.get("id"), str):
            raise ExportError(f"{src.label(name)}: item {i + 1} is a boost without the post it boosts; "
                              f"expected 'id' and 'object' (a URI)")
        return {"external_id": item["id"], "author": owner_id, "handle": owner,
                "created_at": _when(src, name, i, item.get("published")), "kind": "retweet", "text": "",
                "shared_external": target, "has_link": False}
    note = item.get("object")
    if kind != "Create" or not isinstance(note, dict) or note.get("type") not in ("Note", "Question", "Article"):
        return None  # other activities (or a Create of something that is not a post) say nothing about posting
    if not isinstance(note.get("id"), str):
        raise ExportError(f"{src.label(name)}: item {i + 1}: the post has no 'id'; expected its URI")
    text, links = html_text(note.get("content") if isinstance(note.get("content"), str) else "")
    tags = [t for t in note.get("tag", []) if isinstance(t, dict)] if isinstance(note.get("tag"), list) else []
    reply = note.get("inReplyTo")
    reply = reply.get("id") if isinstance(reply, dict) else reply
    return {"external_id": note["id"], "author": owner_id, "handle": owner,
            "created_at": _when(src, name, i, note.get("published") or item.get("published")),
            "kind": "reply" if isinstance(reply, str) and reply else "original", "text": text,
            "reply_to_external": reply if isinstance(reply, str) else None,
            "mentions": [t["name"] for t in tags if t.get("type") == "Mention" and isinstance(t.get("name"), str)],
            "hashtags": ["#" + t["name"].lstrip("#") for t in tags
                         if t.get("type") == "Hashtag" and isinstance(t.get("name"), str)],
            "has_link": links > 0, "likes": _total(note, "likes"), "retweets": _total(note, "shares"),
            "replies": None}


def _following(src: Source, name: str) -> list[str]:
    text = src.text(name)
    rows = list(csv.reader(io.StringIO(text)))
    if rows and rows[0] and rows[0][0].strip().lower() == "account address":
        rows = rows[1:]
    out = []
    for n, row in enumerate(rows, start=1):
        if not row or not row[0].strip():
            continue
        address = row[0].strip().lstrip("@")
        if address.count("@") != 1 or " " in address:
            raise ExportError(f"{src.label(name)}: line {n + 1}: {row[0]!r} is not an account address; "
                              f"expected 'user@host' under the header 'Account address,Show boosts,...'")
        out.append(address)
    return out


def read_mastodon(src: Source, include_private: bool = False):
    outbox_name = src.find("outbox.json")
    outbox = _json(src, outbox_name)
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise ExportError(f"{src.label(outbox_name)}: expected an ActivityStreams collection with "
                          f"'orderedItems' (a list of activities)")
    actor_name = src.find("actor.json")
    actor = _json(src, actor_name) if actor_name else {}
    username = actor.get("preferredUsername") if isinstance(actor, dict) else None
    if not isinstance(username, str) or not username:
        raise ExportError(f"{src.label(actor_name or 'actor.json')}: {'missing' if not actor_name else 'has no preferredUsername'}; "
                          f"expected actor.json naming the archive's account (preferredUsername)")
    owner, owner_id = "@" + username, actor.get("id") if isinstance(actor.get("id"), str) else None
    accounts = Accounts(owner, owner_id)
    rows, private = [], 0
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ExportError(f"{src.label(outbox_name)}: item {i + 1} is not an object; expected an activity")
        row = _post(src, outbox_name, i, item, owner, owner_id)
        if row is None:
            continue
        if not include_private and not _public(item, item["object"] if isinstance(item.get("object"), dict) else {}):
            private += 1
            continue
        rows.append(row)
    cannot = ["Mastodon exports have no followers list: who follows you cannot be told",
              "Mastodon archives do not say how many likes, boosts or replies your posts received"]
    if private:
        cannot.append(f"{private} followers-only or direct posts were left out (read_export(..., include_private=True) "
                      f"keeps them)")
    tables = {"posts": posts_table(rows, "mastodon", accounts)}
    follow_name = src.find("following_accounts.csv")
    edges = []
    if follow_name:
        edges = [(1, accounts.id(address, "@" + address)) for address in _following(src, follow_name)]
    else:
        cannot.append("whom you follow is a separate download (following_accounts.csv on Mastodon's export page); "
                      "put it in the folder with the archive to read it")
    tables.update(follows_tables(edges, "mastodon", accounts))
    return owner, tables, cannot
