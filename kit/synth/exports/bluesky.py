"""A Bluesky repository export (``bluesky-repo.car``) of one business of the sample town.

Written from the atproto repository specification (atproto.com/specs/repository) and the CAR v1
specification: a commit block (``did``, ``version`` 3, ``data``, ``rev``, ``prev``, ``sig``) that
points to a Merkle Search Tree whose keys are ``collection/rkey`` and whose values link the
records. Blocks are DAG-CBOR encoded by ``libipld``; the CAR framing (unsigned-varint lengths,
CIDv1 dag-cbor sha2-256) is this small writer's (no well-kept Python library writes CAR files).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import libipld
import pandas as pd

from ...scenario import Scenario
from . import Tables, digest, end_of, utc
from .mastodon import _TOKEN, host_of

B32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"
WAVE = "\N{WAVING HAND SIGN} "
FAKE_SIG = b"demo-export: a fixed fake signature, not signed by any key".ljust(64, b".")

DICTIONARY = """
### `bluesky-repo.car` — a Bluesky repository export

The business's posts, reposts and follows as its repository export (Settings → Account →
Export my data: a CAR v1 file). Handles are `<name>.<county>.example`, DIDs `did:plc:` plus a
hash of the seed and the account. Quirks on purpose:

- A CAR v1 file: the header's `roots` is the commit; the commit block has `did`, `version` 3,
  `data` (the MST root), `rev` (a TID), `prev` null and `sig`: **a fixed fake signature** (64
  bytes of text), so the export cannot be verified against a key; nothing in it is signed.
- Record keys live in the Merkle Search Tree, not in the records: keys `collection/rkey` sorted,
  the layer of each key the number of leading zero 2-bit groups of its SHA-256, nodes
  `{l, e: [{p, k, v, t}]}` with keys prefix-compressed within a node (empty intermediate nodes
  kept, as the spec requires). rkeys are TIDs from each record's time and its row's id.
- `app.bsky.feed.post` records: `text`, `createdAt` (UTC, milliseconds, `Z`), `langs`;
  replies carry `reply.parent` and `reply.root` (`{uri, cid}` of the answered post and its
  thread's first post: records in other accounts' repositories, not in this file); quotes an
  `embed` of type `app.bsky.embed.record`. `facets` mark mentions
  (`app.bsky.richtext.facet#mention`, a DID), hashtags (`#tag`, without the `#`) and links by
  **UTF-8 byte** offsets (`index.byteStart`/`byteEnd`). The account's first reply that starts
  with its @mention has a waving-hand emoji (4 bytes, 1 character) and a space put in front
  (the town's texts are plain ASCII; this makes byte and character offsets differ). The table's
  text is the post's text without it.
- A retweet is an `app.bsky.feed.repost` (`subject` `{uri, cid}`), carrying no text.
- `app.bsky.graph.follow` (`subject` a DID) for the business's rows in `follows` as follower.
  The town has no follow dates: `createdAt` is noon (UTC) on the later of the two accounts'
  join dates plus the followed account_id in seconds. There are no followers in a repository.
- `app.bsky.actor.profile/self` holds the display name.
"""


def did_of(s: Scenario, account_id: int) -> str:
    h = int.from_bytes(digest("plc", s.seed, int(account_id))[:15], "big")
    return "did:plc:" + "".join("abcdefghijklmnopqrstuvwxyz234567"[(h >> (5 * i)) & 31] for i in range(24))


def handle_of(s: Scenario, handle: str) -> str:
    return f"{handle.lstrip('@').lower()}.{host_of(s)}"


def tid(when: dt.datetime, clock: int) -> str:
    """A TID: microseconds since 1970 and a 10-bit clock id, in base32-sortable, 13 characters."""
    v = ((int(when.timestamp()) * 1_000_000) << 10) | (int(clock) & 0x3FF)
    return "".join(B32_SORTABLE[(v >> (5 * i)) & 31] for i in reversed(range(13)))


def layer(key: bytes) -> int:
    """The MST layer of a key: leading zero bits of its SHA-256, in 2-bit groups."""
    zeros = 0
    for byte in hashlib.sha256(key).digest():
        if byte:
            zeros += 8 - byte.bit_length()
            break
        zeros += 8
    return zeros // 2


def cid_of(block: bytes) -> bytes:
    """CIDv1, dag-cbor (0x71), sha2-256 (0x12, 32 bytes), in binary."""
    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def waved_post(posts: pd.DataFrame, account_id: int) -> int | None:
    """The post_id that gets the waving hand: the account's first reply starting with '@'."""
    r = posts[(posts["account_id"] == account_id) & (posts["kind"] == "reply")]
    r = r[r["text"].str.startswith("@")].sort_values(["created_at", "post_id"])
    return int(r.iloc[0]["post_id"]) if len(r) else None


def _stamp(ts) -> str:
    return f"{utc(ts):%Y-%m-%dT%H:%M:%S}.000Z"


def archive(s: Scenario, table: Tables, account_id: int) -> bytes:
    accounts, posts, follows = table("accounts"), table("posts"), table("follows")
    acc = accounts.set_index("account_id")
    dids = {h.lstrip("@"): did_of(s, a) for a, h in zip(accounts["account_id"], accounts["handle"])}
    by_id = posts.set_index("post_id")
    wave = waved_post(posts, account_id)
    refs: dict[int, dict] = {}

    def rkey(post_id: int) -> str:
        return tid(utc(by_id.loc[post_id, "created_at"]), post_id)

    def record(post_id: int) -> dict:
        p = by_id.loc[post_id]
        text = (WAVE if post_id == wave else "") + p["text"]
        rec = {"$type": "app.bsky.feed.post", "text": text, "createdAt": _stamp(p["created_at"]), "langs": ["en"]}
        facets = []
        for m in _TOKEN.finditer(text):
            start = len(text[: m.start()].encode())
            span = {"byteStart": start, "byteEnd": start + len(m.group(0).encode())}
            if m.group(3):
                feature = {"$type": "app.bsky.richtext.facet#link", "uri": m.group(3)}
            elif m.group(1) == "#":
                feature = {"$type": "app.bsky.richtext.facet#tag", "tag": m.group(2)}
            elif m.group(2) in dids:
                feature = {"$type": "app.bsky.richtext.facet#mention", "did": dids[m.group(2)]}
            else:
                continue
            facets.append({"index": span, "features": [feature]})
        if facets:
            rec["facets"] = facets
        if p["kind"] == "reply":
            root = int(p["reply_to_post_id"])
            while by_id.loc[root, "kind"] == "reply":
                root = int(by_id.loc[root, "reply_to_post_id"])
            rec["reply"] = {"root": ref(root), "parent": ref(int(p["reply_to_post_id"]))}
        if p["kind"] == "quote":
            rec["embed"] = {"$type": "app.bsky.embed.record", "record": ref(int(p["shared_post_id"]))}
        return rec

    def ref(post_id: int) -> dict:
        if post_id not in refs:
            author = by_id.loc[post_id, "handle"].lstrip("@")
            cid = libipld.encode_cid(cid_of(libipld.encode_dag_cbor(record(post_id))))
            refs[post_id] = {"uri": f"at://{dids[author]}/app.bsky.feed.post/{rkey(post_id)}", "cid": cid}
        return refs[post_id]

    me = acc.loc[account_id]
    records: dict[str, dict] = {
        "app.bsky.actor.profile/self": {
            "$type": "app.bsky.actor.profile",
            "displayName": me["display_name"],
            "description": f"{me['business_type']} in {s.town}. SYNTHETIC demo account.",
        }
    }
    for row in posts[posts["account_id"] == account_id].itertuples():
        if row.kind == "retweet":
            key = f"app.bsky.feed.repost/{tid(utc(row.created_at), row.post_id)}"
            records[key] = {
                "$type": "app.bsky.feed.repost",
                "subject": ref(int(row.shared_post_id)),
                "createdAt": _stamp(row.created_at),
            }
        else:
            records[f"app.bsky.feed.post/{rkey(row.post_id)}"] = record(int(row.post_id))
    for other in follows.loc[follows["follower_id"] == account_id, "followed_id"]:
        later = max(me["joined"], acc.loc[other, "joined"]).date()
        when = dt.datetime.combine(later, dt.time(12), tzinfo=dt.UTC) + dt.timedelta(seconds=int(other))
        records[f"app.bsky.graph.follow/{tid(when, other)}"] = {
            "$type": "app.bsky.graph.follow",
            "subject": dids[acc.loc[other, "handle"].lstrip("@")],
            "createdAt": _stamp(when),
        }
    n_records = (posts["account_id"] == account_id).sum() + (follows["follower_id"] == account_id).sum() + 1
    assert len(records) == n_records, "two records got the same key"

    blocks: dict[bytes, bytes] = {}

    def put(obj) -> bytes:
        data = libipld.encode_dag_cbor(obj)
        cid = cid_of(data)
        blocks.setdefault(cid, data)
        return cid

    leaves = [(key.encode(), put(rec)) for key, rec in sorted(records.items())]
    items = [(k, v, layer(k)) for k, v in leaves]
    nodes: dict[bytes, bytes] = {}

    def tree(items: list, at: int) -> bytes | None:
        if not items:
            return None
        left, entries, pending, prev = None, [], [], b""
        for key, value, lay in items + [(None, None, None)]:
            if key is not None and lay < at:
                pending.append((key, value, lay))
                continue
            sub = tree(pending, at - 1) if pending else None
            pending = []
            if entries:
                entries[-1]["t"] = sub
            else:
                left = sub
            if key is None:
                break
            p = next((i for i, (a, b) in enumerate(zip(prev, key)) if a != b), min(len(prev), len(key)))
            entries.append({"p": p, "k": key[p:], "v": value, "t": None})
            prev = key
        data = libipld.encode_dag_cbor({"l": left, "e": entries})
        nodes.setdefault(cid_of(data), data)
        return cid_of(data)

    root = tree(items, max(lay for _, _, lay in items))
    end = end_of(s)
    commit = {
        "did": dids[me["handle"].lstrip("@")],
        "version": 3,
        "data": root,
        "rev": tid(end, 0),
        "prev": None,
        "sig": FAKE_SIG,
    }
    commit_data = libipld.encode_dag_cbor(commit)
    out = bytearray()
    header = libipld.encode_dag_cbor({"version": 1, "roots": [cid_of(commit_data)]})
    out += _varint(len(header)) + header
    for cid, data in [(cid_of(commit_data), commit_data), *nodes.items(), *blocks.items()]:
        out += _varint(len(cid) + len(data)) + cid + data
    return bytes(out)
