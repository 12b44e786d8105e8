"""Bluesky repository (CAR) import, on repositories built here from the AT Protocol's own layout.

The test's CAR writer is deliberately its own few lines (varint framing, sha-256 CIDs, blocks
encoded by libipld): the importer decodes with libipld and shares nothing with it, nor with the
demo-export writer in kit/synth.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import libipld
import pandas as pd
import pytest

from kit.imports import ExportError, read_export

DID = "did:plc:bakery1"
ANA = "did:plc:ana22"
HUB = "did:plc:hub33"


def _cid(block: bytes) -> bytes:
    return bytes([1, 0x71, 0x12, 0x20]) + hashlib.sha256(block).digest()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low, n = n & 0x7F, n >> 7
        out.append(low | (0x80 if n else 0))
        if not n:
            return bytes(out)


class Repo:
    """Blocks of a repository under construction; ``car()`` frames them as CAR v1."""

    def __init__(self):
        self.blocks: list[tuple[bytes, bytes]] = []

    def put(self, value) -> bytes:
        block = libipld.encode_dag_cbor(value)
        cid = _cid(block)
        self.blocks.append((cid, block))
        return cid

    def node(self, keys: list[str], left=None, rights=None) -> bytes:
        """One MST node: entries prefix-compressed against the previous key, as the spec says."""
        entries, prev = [], b""
        for i, key in enumerate(keys):
            k = key.encode()
            p = 0
            while p < min(len(k), len(prev)) and k[p] == prev[p]:
                p += 1
            entries.append({"p": p, "k": k[p:], "v": self.records[key], "t": (rights or {}).get(i)})
            prev = k
        return self.put({"l": left, "e": entries})

    def car(self, root: bytes) -> bytes:
        header = libipld.encode_dag_cbor({"version": 1, "roots": [root]})
        out = _varint(len(header)) + header
        for cid, block in reversed(self.blocks):
            out += _varint(len(cid) + len(block)) + cid + block
        return out


def _facet(text: str, part: str, feature: dict) -> dict:
    raw, piece = text.encode(), part.encode()
    start = raw.index(piece)
    return {"index": {"byteStart": start, "byteEnd": start + len(piece)}, "features": [feature]}


def repository(extra_post: dict | None = None) -> bytes:
    """A small repository: three posts (one with emoji before its mention), a reply, a quote,
    a repost, two follows and a like, in a two-level tree."""
    text = "🍞🥐 Fresh today, thanks @ana.bsky.social! #bread"
    records = {
        "app.bsky.actor.profile/self": {"$type": "app.bsky.actor.profile", "displayName": "Corner Bakery"},
        "app.bsky.feed.like/3kaa": {
            "$type": "app.bsky.feed.like",
            "createdAt": "2024-02-19T08:00:00.000Z",
            "subject": {"uri": f"at://{HUB}/app.bsky.feed.post/3zz", "cid": "bafy"},
        },
        "app.bsky.feed.post/3k2a": {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": "2024-02-18T19:45:15.123Z",
            "facets": [
                _facet(text, "@ana.bsky.social", {"$type": "app.bsky.richtext.facet#mention", "did": ANA}),
                _facet(text, "#bread", {"$type": "app.bsky.richtext.facet#tag", "tag": "bread"}),
            ],
        },
        "app.bsky.feed.post/3k2b": {
            "$type": "app.bsky.feed.post",
            "text": "Rye back Monday",
            "createdAt": "2024-02-18T20:00:00Z",
            "reply": {
                "root": {"uri": f"at://{DID}/app.bsky.feed.post/3k2a", "cid": "x"},
                "parent": {"uri": f"at://{DID}/app.bsky.feed.post/3k2a", "cid": "x"},
            },
        },
        "app.bsky.feed.post/3k2c": {
            "$type": "app.bsky.feed.post",
            "text": "Worth a read",
            "createdAt": "2024-02-20T10:00:00+01:00",
            "embed": {"$type": "app.bsky.embed.record", "record": {"uri": f"at://{HUB}/app.bsky.feed.post/3zz"}},
        },
        "app.bsky.feed.repost/3k3a": {
            "$type": "app.bsky.feed.repost",
            "createdAt": "2024-02-21T09:00:00Z",
            "subject": {"uri": f"at://{HUB}/app.bsky.feed.post/3zy", "cid": "y"},
        },
        "app.bsky.graph.follow/3k4a": {
            "$type": "app.bsky.graph.follow",
            "subject": HUB,
            "createdAt": "2024-01-01T00:00:00Z",
        },
        "app.bsky.graph.follow/3k4b": {
            "$type": "app.bsky.graph.follow",
            "subject": ANA,
            "createdAt": "2024-01-02T00:00:00Z",
        },
    }
    if extra_post:
        records["app.bsky.feed.post/3k2d"] = extra_post
    repo = Repo()
    repo.records = {key: repo.put(rec) for key, rec in records.items()}
    keys = sorted(records)
    left = repo.node(keys[:2])
    inner = repo.node(keys[3:5])
    root = repo.node([keys[2]] + keys[5:], left=left, rights={0: inner})
    commit = repo.put({"did": DID, "version": 3, "data": root, "rev": "3kabc", "prev": None, "sig": b"\0" * 64})
    return repo.car(commit)


@pytest.fixture
def car(tmp_path):
    path = tmp_path / "repo.car"
    path.write_bytes(repository())
    return path


def test_a_repository_is_read_by_its_tree(car):
    exp = read_export(car)
    assert (exp.platform, exp.owner) == ("bluesky", DID)
    posts = exp.tables["posts"]
    assert posts["kind"].tolist() == ["original", "reply", "quote", "retweet"]
    assert posts["external_id"][0] == f"at://{DID}/app.bsky.feed.post/3k2a"  # the key came from the tree
    assert posts["reply_to_post_id"].tolist()[1] == 1
    assert posts["shared_external"][2] == f"at://{HUB}/app.bsky.feed.post/3zz"
    assert posts["shared_external"][3] == f"at://{HUB}/app.bsky.feed.post/3zy"
    assert str(posts["created_at"][2]) == "2024-02-20 09:00:00+00:00"
    assert posts["likes"].isna().all() and posts["content"].isna().all()


def test_facet_offsets_are_utf8_bytes_so_an_emoji_before_a_mention_does_not_shift_it(car):
    posts = read_export(car).tables["posts"]
    assert posts["mentions"][0] == "@ana.bsky.social"
    assert posts["hashtags"][0] == "#bread"


def test_follows_are_dids_and_a_mentioned_account_gets_its_handle(car):
    exp = read_export(car)
    accounts = exp.tables["accounts"].set_index("external_id")["handle"]
    assert accounts[ANA] == "@ana.bsky.social" and accounts.isna()[HUB]
    assert exp.tables["follows"][["follower_id", "followed_id"]].values.tolist() == [[1, 2], [1, 3]]
    assert len(exp.tables["likes"]) == 1 and str(exp.tables["likes"]["created_at"][0]).startswith("2024-02-19")
    assert any("no followers" in s for s in exp.cannot_tell)


def test_a_mention_whose_offsets_do_not_cover_a_handle_is_given_as_its_did(tmp_path):
    bad = {
        "$type": "app.bsky.feed.post",
        "text": "é hi",
        "createdAt": "2024-03-01T00:00:00Z",
        "facets": [
            {
                "index": {"byteStart": 1, "byteEnd": 3},  # inside the é: not a character boundary
                "features": [{"$type": "app.bsky.richtext.facet#mention", "did": HUB}],
            }
        ],
    }
    path = tmp_path / "r.car"
    path.write_bytes(repository(bad))
    posts = read_export(path).tables["posts"]
    assert posts.loc[posts["text"] == "é hi", "mentions"].item() == HUB


def test_the_owner_gets_the_handle_its_own_thread_shows_so_leaving_yourself_out_works(tmp_path):
    """With no post mentioning the owner it stays its DID; a thread that names it gives its handle."""
    from kit.own import friends

    text = "@bakery.bsky.social more on this: rye back Monday"
    thread = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": "2024-02-18T20:05:00Z",
        "reply": {
            "root": {"uri": f"at://{DID}/app.bsky.feed.post/3k2a", "cid": "x"},
            "parent": {"uri": f"at://{DID}/app.bsky.feed.post/3k2a", "cid": "x"},
        },
        "facets": [_facet(text, "@bakery.bsky.social", {"$type": "app.bsky.richtext.facet#mention", "did": DID})],
    }
    path = tmp_path / "r.car"
    path.write_bytes(repository(thread))
    exp = read_export(path)
    posts = exp.tables["posts"]
    assert exp.owner == "@bakery.bsky.social" and set(posts["handle"]) == {"@bakery.bsky.social"}
    assert exp.tables["accounts"].set_index("external_id").loc[DID, "handle"] == "@bakery.bsky.social"
    twice = pd.concat([posts, posts[posts["text"] == text]], ignore_index=True)  # a thread of two replies
    assert "@bakery.bsky.social" not in friends(twice) and "@bakery.bsky.social" in friends(twice, yourself=True)


def test_a_car_is_found_by_its_content_whatever_its_name_and_inside_a_zip(tmp_path):
    data = repository()
    (tmp_path / "export.bin").write_bytes(data)
    assert read_export(tmp_path / "export.bin").platform == "bluesky"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bsky/repo.car", data)
    (tmp_path / "b.zip").write_bytes(buf.getvalue())
    assert read_export(tmp_path / "b.zip").owner == DID


@pytest.mark.parametrize("damage", ["cut", "header", "block", "missing-node", "link-not-a-cid", "no-commit"])
def test_a_damaged_car_is_one_clear_error(tmp_path, damage):
    data = repository()
    if damage == "cut":
        data = data[:-7]
    elif damage == "header":
        data = data[:12] + b"\xff" * 8 + data[20:]
    elif damage == "block":
        data = data[:-40] + b"\xff" * 40
    elif damage == "missing-node":
        repo = Repo()
        repo.records = {}
        commit = repo.put({"did": DID, "version": 3, "data": _cid(b"nothing"), "rev": "1", "prev": None})
        data = repo.car(commit)
    elif damage == "link-not-a-cid":  # a tree link decoded as a list (found by the fuzz test: TypeError)
        repo = Repo()
        repo.records = {}
        data = repo.car(repo.put({"did": DID, "version": 3, "data": [1, 2], "rev": "1", "prev": None}))
    else:
        repo = Repo()
        data = repo.car(repo.put({"not": "a commit"}))
    path = tmp_path / "bad.car"
    path.write_bytes(data)
    with pytest.raises(ExportError, match="bad.car"):
        read_export(path)
