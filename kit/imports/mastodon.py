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
* A quote post is a ``Note`` naming the post it quotes. Mastodon 4.5's ``NoteSerializer`` writes
  the quoted post's URI three times, in ``quote`` (FEP-044f, ``https://w3id.org/fep/044f#quote``),
  ``_misskey_quote`` and ``quoteUri`` (Fedibird's), with ``quoteAuthorization`` beside them; when
  the quoted post is gone it writes ``quote`` as ``{"type": "Tombstone"}`` only. As Mastodon's
  own reader (``ActivityPub::Parser::StatusParser#quote_uri``) does, the first of ``quote``,
  ``_misskey_quote``, ``quoteUrl`` (Pleroma/Akkoma) and ``quoteUri`` that holds a URI (a string,
  an object's ``id``, or a list's first) is taken: the post becomes kind ``quote`` with
  ``shared_external`` that URI (``shared_post_id`` when the quoted post is in the export; null,
  and still kind ``quote``, for a Tombstone). A reply stays a reply, as on X and Bluesky. For
  servers that cannot show quotes, Mastodon's ``TextFormatter#add_quote_fallback`` prepends
  ``<p class="quote-inline">RE: <a href=...>...</a></p>`` to a quote's ``content`` (Akkoma
  appends a ``<span class="quote-inline">``); that fallback is left out of a quote's text and
  links, so the text is the quoter's own comment, as in the town's ``posts``. Sources: Mastodon's
  ``app/serializers/activitypub/note_serializer.rb`` and
  ``app/lib/activitypub/parser/status_parser.rb`` (github.com/mastodon/mastodon); FEP-044f
  (codeberg.org/fediverse/fep, ``fep/044f/fep-044f.md``); the funfedi.dev test pages
  (data.funfedi.dev/0.3.5/mastodon__v4.5.3/quotes) showing Mastodon 4.5 reading ``quote``,
  ``quoteUri``, ``quoteUrl`` and ``_misskey_quote`` alike; for the fallback, a port of Mastodon's
  ``TextFormatter#add_quote_fallback``, GoToSocial's ``hideQuoteFallback`` tests and Pleroma's
  ``InlineQuotePolicy`` (found by code search, not read in Mastodon's own tree).
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
QUOTE_KEYS = ("quote", "_misskey_quote", "quoteUrl", "quoteUri")  # Mastodon's StatusParser's order
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def is_mastodon(src: Source) -> bool:
    return src.find("outbox.json") is not None


class _Text(HTMLParser):
    def __init__(self, drop_quote_fallback: bool = False):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links = 0
        self.drop = drop_quote_fallback
        self.skipping = 0  # open elements inside a quote-inline fallback being left out

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping:
            self.skipping += tag not in VOID
            return
        if self.drop and tag not in VOID and "quote-inline" in (attrs.get("class") or "").split():
            self.skipping = 1
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")
        elif tag == "a" and attrs.get("href"):
            classes = (attrs.get("class") or "").split()
            if not {"mention", "hashtag"} & set(classes):
                self.links += 1

    def handle_endtag(self, tag):
        if self.skipping and tag not in VOID:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str, drop_quote_fallback: bool = False) -> tuple[str, int]:
    """A post's HTML as plain text, and how many links (not mentions or hashtags) it holds.

    >>> html_text('<p>Hi <span class="h-card"><a href="https://x.social/@ana" class="u-url mention">@<span>ana</span></a></span></p><p>See <a href="https://example.org">example.org</a></p>')
    ('Hi @ana\\n\\nSee example.org', 1)

    With ``drop_quote_fallback``, a quote's ``quote-inline`` "RE: <link>" is left out:

    >>> html_text('<p class="quote-inline">RE: <a href="https://x.social/@ana/1">x.social/@ana/1</a></p><p>So true</p>', True)
    ('So true', 0)
    """
    parser = _Text(drop_quote_fallback)
    parser.feed(html or "")
    parser.close()
    return "".join(parser.parts).strip(), parser.links


def _json(src: Source, name: str):
    try:
        return json.loads(src.text(name))
    except json.JSONDecodeError as e:
        raise ExportError(
            f"{src.label(name)}: the JSON is cut short or garbled at line {e.lineno}, column "
            f"{e.colno} ({e.msg}); expected a complete file (download the archive again)"
        ) from None


def _when(src, name, i, value) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise ExportError(
            f"{src.label(name)}: item {i + 1}: published is {value!r}; expected a time like '2023-02-18T19:45:15Z'"
        )
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


def _quoted(note: dict) -> tuple[bool, str | None]:
    """(is it a quote, the quoted post's URI or None), read as Mastodon's StatusParser reads it."""
    present = [k for k in QUOTE_KEYS if note.get(k) not in (None, "", [], {})]
    for key in present:
        value = note[key]
        value = value[0] if isinstance(value, list) else value
        value = value.get("id") if isinstance(value, dict) else value
        if isinstance(value, str) and value:
            return True, value
    return bool(present), None  # e.g. {"type": "Tombstone"}: a quote of a post since deleted


def _post(src, name, i, item, owner, owner_id) -> dict | None:
    kind = item.get("type")
    if kind == "Announce":
        target = item.get("object")
        target = target.get("id") if isinstance(target, dict) else target
        if not isinstance(target, str) or not isinstance(item.get("id"), str):
            raise ExportError(
                f"{src.label(name)}: item {i + 1} is a boost without the post it boosts; "
                f"expected 'id' and 'object' (a URI)"
            )
        return {
            "external_id": item["id"],
            "author": owner_id,
            "handle": owner,
            "created_at": _when(src, name, i, item.get("published")),
            "kind": "retweet",
            "text": "",
            "shared_external": target,
            "has_link": False,
        }
    note = item.get("object")
    if kind != "Create" or not isinstance(note, dict) or note.get("type") not in ("Note", "Question", "Article"):
        return None  # other activities (or a Create of something that is not a post) say nothing about posting
    if not isinstance(note.get("id"), str):
        raise ExportError(f"{src.label(name)}: item {i + 1}: the post has no 'id'; expected its URI")
    reply = note.get("inReplyTo")
    reply = reply.get("id") if isinstance(reply, dict) else reply
    reply = reply if isinstance(reply, str) and reply else None
    is_quote, quoted = _quoted(note)
    kind = "reply" if reply else "quote" if is_quote else "original"
    text, links = html_text(
        note.get("content") if isinstance(note.get("content"), str) else "", drop_quote_fallback=is_quote
    )
    tags = [t for t in note.get("tag", []) if isinstance(t, dict)] if isinstance(note.get("tag"), list) else []
    return {
        "external_id": note["id"],
        "author": owner_id,
        "handle": owner,
        "created_at": _when(src, name, i, note.get("published") or item.get("published")),
        "kind": kind,
        "text": text,
        "reply_to_external": reply,
        "shared_external": quoted if kind == "quote" else None,
        "mentions": [t["name"] for t in tags if t.get("type") == "Mention" and isinstance(t.get("name"), str)],
        "hashtags": [
            "#" + t["name"].lstrip("#") for t in tags if t.get("type") == "Hashtag" and isinstance(t.get("name"), str)
        ],
        "has_link": links > 0,
        "likes": _total(note, "likes"),
        "retweets": _total(note, "shares"),
        "replies": None,
    }


def _following(src: Source, name: str) -> list[str]:
    text = src.text(name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as e:
        raise ExportError(
            f"{src.label(name)}: not a readable CSV file at line {reader.line_num} ({e}); "
            f"expected Mastodon's own following_accounts.csv"
        ) from None
    if rows and rows[0] and rows[0][0].strip().lower() == "account address":
        rows = rows[1:]
    out = []
    for n, row in enumerate(rows, start=1):
        if not row or not row[0].strip():
            continue
        address = row[0].strip().lstrip("@")
        if address.count("@") != 1 or " " in address:
            raise ExportError(
                f"{src.label(name)}: line {n + 1}: {row[0]!r} is not an account address; "
                f"expected 'user@host' under the header 'Account address,Show boosts,...'"
            )
        out.append(address)
    return out


def read_mastodon(src: Source, include_private: bool = False):
    outbox_name = src.find("outbox.json")
    outbox = _json(src, outbox_name)
    items = outbox.get("orderedItems") if isinstance(outbox, dict) else None
    if not isinstance(items, list):
        raise ExportError(
            f"{src.label(outbox_name)}: expected an ActivityStreams collection with "
            f"'orderedItems' (a list of activities)"
        )
    actor_name = src.find("actor.json")
    actor = _json(src, actor_name) if actor_name else {}
    username = actor.get("preferredUsername") if isinstance(actor, dict) else None
    if not isinstance(username, str) or not username:
        raise ExportError(
            f"{src.label(actor_name or 'actor.json')}: {'missing' if not actor_name else 'has no preferredUsername'}; "
            f"expected actor.json naming the archive's account (preferredUsername)"
        )
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
    cannot = [
        "Mastodon exports have no followers list: who follows you cannot be told",
        "Mastodon archives do not say how many likes, boosts or replies your posts received",
    ]
    if private:
        cannot.append(
            f"{private} followers-only or direct posts were left out (`kit import --include-private` keeps them)"
        )
    tables = {"posts": posts_table(rows, "mastodon", accounts)}
    follow_name = src.find("following_accounts.csv")
    edges = []
    if follow_name:
        edges = [(1, accounts.id(address, "@" + address)) for address in _following(src, follow_name)]
    else:
        cannot.append(
            "whom you follow is a separate download (following_accounts.csv on Mastodon's export page); "
            "put it in the folder with the archive to read it"
        )
    tables.update(follows_tables(edges, "mastodon", accounts))
    return owner, tables, cannot
