"""Bluesky repository exports: the ``.car`` file from Settings → "Export my data" (or one in a zip/folder).

The format, from the AT Protocol's repository specification (atproto.com/specs/repository) and
the lexicons of the records it holds:

* The file is a CAR v1 (content-addressed archive); it is decoded by ``libipld`` (Rust-backed,
  the AT Protocol SDK's own decoder), never by hand. ``decode_car`` gives the header (whose
  ``roots[0]`` is the signed commit) and every block by CID.
* The commit holds the owner's ``did`` and ``data``, the root of the Merkle Search Tree. Each
  tree node is ``{l: left subtree, e: [{p, k, v, t}]}``: entry keys are prefix-compressed (``p``
  bytes shared with the previous key, then the suffix ``k``), ``v`` is the record's CID and ``t``
  the subtree to its right. The record key ``collection/rkey`` lives only in the tree, not in
  the record, so the tree is walked to find which record is which.
* ``app.bsky.feed.post``: ``text``, ``createdAt``, ``reply.parent.uri`` (the post answered;
  ``reply.root`` is the thread's start), ``embed`` of a record (a quote) and ``facets``, whose
  ``index.byteStart``/``byteEnd`` are offsets in the text's **UTF-8 bytes** (not characters: an
  emoji before a mention moves it by 4 bytes but 1 or 2 characters) with features
  ``app.bsky.richtext.facet#mention`` (a ``did``), ``#tag`` and ``#link``. A mention is given
  as the text it covers (``@ana.bsky.social``) when that reads as an @handle, else as its DID.
* ``app.bsky.feed.repost`` (``subject.uri``): a share; ``app.bsky.graph.follow`` (``subject``, a
  DID); ``app.bsky.feed.like`` (``subject.uri``, ``createdAt``).
* The repository holds no handles (the owner is its DID, unless one of its own posts mentions it,
  as a thread can: then the handle that mention shows), no followers and no counts of likes,
  reposts or replies received.
"""

from __future__ import annotations

import libipld
import pandas as pd

from . import archive
from .archive import Source, is_car
from .errors import ExportError
from .tables import Accounts, follows_tables, posts_table, utc

__all__ = ["is_bluesky", "read_bluesky"]

MENTION = "app.bsky.richtext.facet#mention"
TAG = "app.bsky.richtext.facet#tag"
LINK = "app.bsky.richtext.facet#link"
_MAX_DEPTH = 64


def car_member(src: Source) -> str | None:
    if src.kind == "car":
        return src.names[0]
    return next((n for n in src.names if n.lower().endswith(".car")), None)


def is_bluesky(src: Source) -> bool:
    return car_member(src) is not None


def _blocks(src: Source, name: str):
    data = src.read(name, limit=archive.MAX_CAR)
    if not is_car(data[:1024]):
        raise ExportError(
            f"{src.label(name)}: does not start with a CAR header; expected a Bluesky repository "
            f"export (Settings → Export my data)"
        )
    try:
        header, blocks = libipld.decode_car(data)
    except (ValueError, TypeError, OverflowError) as e:
        raise ExportError(
            f"{src.label(name)}: the repository file is damaged ({e}); expected a complete CAR file (export it again)"
        ) from None
    roots = header.get("roots") if isinstance(header, dict) else None
    if not isinstance(roots, list) or not roots:
        raise ExportError(f"{src.label(name)}: the CAR header names no root; expected a repository's commit")
    return roots[0], blocks


def _block(src, name, blocks, cid, what):
    value = blocks.get(cid) if isinstance(cid, (bytes, str)) else None
    if value is None:
        raise ExportError(
            f"{src.label(name)}: the {what} is missing from the file; expected a complete "
            f"repository export (export it again)"
        )
    return value


def _records(src, name, blocks, root) -> tuple[str, list[tuple[str, object]]]:
    """The owner's DID and every (collection/rkey, record) by walking the commit's tree in key order."""
    commit = _block(src, name, blocks, root, "commit")
    if not isinstance(commit, dict) or not isinstance(commit.get("did"), str) or "data" not in commit:
        raise ExportError(f"{src.label(name)}: the root block is not a repository commit; expected 'did' and 'data'")
    out: list[tuple[str, object]] = []
    seen: set = set()

    def walk(cid, depth):
        if cid is None:
            return
        node = _block(src, name, blocks, cid, "repository tree")  # a link that is not a CID: "missing"
        if depth > _MAX_DEPTH or cid in seen:
            raise ExportError(f"{src.label(name)}: the repository tree loops or is too deep; the file is damaged")
        seen.add(cid)
        entries = node.get("e") if isinstance(node, dict) else None
        if not isinstance(entries, list):
            raise ExportError(f"{src.label(name)}: a repository tree node has no entries; the file is damaged")
        walk(node.get("l"), depth + 1)
        key = b""
        for e in entries:
            if (
                not isinstance(e, dict)
                or not isinstance(e.get("k"), bytes)
                or not isinstance(e.get("p"), int)
                or not 0 <= e["p"] <= len(key)
            ):
                raise ExportError(
                    f"{src.label(name)}: a repository tree entry is malformed (expected p, k, v); the file is damaged"
                )
            key = key[: e["p"]] + e["k"]
            try:
                path = key.decode("ascii")
            except UnicodeDecodeError:
                raise ExportError(f"{src.label(name)}: a record key is not text; the file is damaged") from None
            out.append((path, blocks.get(e.get("v")) if isinstance(e.get("v"), (bytes, str)) else None))
            walk(e.get("t"), depth + 1)

    walk(commit["data"], 0)
    return commit["did"], out


def _when(src, name, key, value) -> pd.Timestamp:
    try:
        when = pd.Timestamp(value) if isinstance(value, str) else None
    except (ValueError, OverflowError):
        when = None
    if when is None or when is pd.NaT or when.tzinfo is None:
        raise ExportError(
            f"{src.label(name)}: record {key}: createdAt is {value!r}; expected a time like '2024-02-18T19:45:15.000Z'"
        )
    return when.tz_convert("UTC")


def _uri(obj, *keys):
    for k in keys:
        obj = obj.get(k) if isinstance(obj, dict) else None
    return obj if isinstance(obj, str) else None


def _facets(text: str, facets, accounts: Accounts):
    """Mentions, hashtags and whether there is a link, from the facets (offsets in UTF-8 bytes)."""
    raw = text.encode("utf-8")
    mentions, tags, link = [], [], False
    for f in facets if isinstance(facets, list) else []:
        index = f.get("index") if isinstance(f, dict) else None
        start, end = (index.get("byteStart"), index.get("byteEnd")) if isinstance(index, dict) else (None, None)
        try:
            covered = raw[start:end].decode("utf-8") if 0 <= start < end <= len(raw) else ""
        except (TypeError, UnicodeDecodeError):
            covered = ""
        for feat in f.get("features", []) if isinstance(f.get("features"), list) else []:
            kind = feat.get("$type") if isinstance(feat, dict) else None
            if kind == MENTION and isinstance(feat.get("did"), str):
                handle = covered if covered.startswith("@") and " " not in covered else None
                accounts.learn(feat["did"], handle)
                mentions.append(handle or feat["did"])
            elif kind == TAG and isinstance(feat.get("tag"), str):
                tags.append("#" + feat["tag"].lstrip("#"))
            elif kind == LINK:
                link = True
    return mentions, tags, link


def _quoted(embed):
    kind = embed.get("$type") if isinstance(embed, dict) else None
    if kind == "app.bsky.embed.record":
        return _uri(embed, "record", "uri")
    if kind == "app.bsky.embed.recordWithMedia":
        return _uri(embed, "record", "record", "uri")
    return None


def read_bluesky(src: Source):
    name = car_member(src)
    root, blocks = _blocks(src, name)
    did, records = _records(src, name, blocks, root)
    accounts = Accounts(None, did)  # the owner's handle, if a post of its own mentions it (a thread)
    rows, edges, likes = [], [], []
    for key, rec in records:
        collection = key.partition("/")[0]
        if not isinstance(rec, dict):
            if collection in ("app.bsky.feed.post", "app.bsky.feed.repost", "app.bsky.graph.follow"):
                raise ExportError(f"{src.label(name)}: record {key} is missing or not a record; the file is damaged")
            continue
        uri = f"at://{did}/{key}"
        if collection == "app.bsky.feed.post":
            text = rec.get("text")
            if not isinstance(text, str):
                raise ExportError(f"{src.label(name)}: post {key} has no text; expected 'text' and 'createdAt'")
            mentions, tags, link = _facets(text, rec.get("facets"), accounts)
            parent, quoted = _uri(rec, "reply", "parent", "uri"), _quoted(rec.get("embed"))
            external = isinstance(rec.get("embed"), dict) and rec["embed"].get("$type") == "app.bsky.embed.external"
            rows.append(
                {
                    "external_id": uri,
                    "author": did,
                    "handle": did,
                    "created_at": _when(src, name, key, rec.get("createdAt")),
                    "kind": "reply" if parent else "quote" if quoted else "original",
                    "text": text,
                    "reply_to_external": parent,
                    "shared_external": None if parent else quoted,
                    "mentions": mentions,
                    "hashtags": tags,
                    "has_link": link or external,
                    "likes": None,
                    "retweets": None,
                    "replies": None,
                }
            )
        elif collection == "app.bsky.feed.repost":
            subject = _uri(rec, "subject", "uri")
            if subject is None:
                raise ExportError(f"{src.label(name)}: repost {key} has no subject.uri; expected the post it shares")
            rows.append(
                {
                    "external_id": uri,
                    "author": did,
                    "handle": did,
                    "kind": "retweet",
                    "text": "",
                    "created_at": _when(src, name, key, rec.get("createdAt")),
                    "shared_external": subject,
                }
            )
        elif collection == "app.bsky.graph.follow":
            subject = rec.get("subject")
            if not isinstance(subject, str) or not subject.startswith("did:"):
                raise ExportError(f"{src.label(name)}: follow {key} has no subject DID; expected 'subject': 'did:...'")
            edges.append((1, accounts.id(subject)))
        elif collection == "app.bsky.feed.like" and _uri(rec, "subject", "uri"):
            likes.append((_uri(rec, "subject", "uri"), _when(src, name, key, rec.get("createdAt"))))
    owner = accounts.rows[0]["handle"] or did
    accounts.rows[0]["handle"] = owner
    for row in rows:
        row["handle"] = owner
    tables = {"posts": posts_table(rows, "bluesky", accounts)}
    tables.update(follows_tables(edges, "bluesky", accounts))
    tables["likes"] = pd.DataFrame(
        {
            "external_id": pd.Series([u for u, _ in likes], dtype="string"),
            "created_at": utc(w for _, w in likes),
            "source": pd.Series(["bluesky"] * len(likes), dtype="string"),
        }
    )
    cannot = [
        "A Bluesky repository holds no handles: you and the accounts you follow are DIDs "
        "(an account you mentioned gets the handle the post shows; so do you, if a post of "
        "yours mentions you, as a thread can)",
        "A Bluesky repository has no followers list and no counts of likes, reposts or replies received",
    ]
    return owner, tables, cannot
