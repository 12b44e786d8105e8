"""Mastodon import: the quirks in kit/imports/mastodon.py's docstring against a hand-built outbox."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pandas as pd
import pytest

from kit.imports import read_export

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


def tarred(folder: Path, to: Path) -> Path:
    with tarfile.open(to, "w:gz") as t:
        for f in sorted(folder.iterdir()):
            t.add(f, f.name)
    return to


@pytest.fixture(scope="module")
def exp(tmp_path_factory):
    return read_export(tarred(FIXTURES / "mastodon", tmp_path_factory.mktemp("m") / "archive-2023.tar.gz"))


def test_owner_and_public_posts_only_by_default(exp):
    assert (exp.platform, exp.owner) == ("mastodon", "@cornerbakery")
    posts = exp.tables["posts"]
    assert posts["kind"].tolist() == [
        "original",
        "reply",
        "retweet",
        "original",
        "quote",
    ]  # the direct message left out
    assert any("direct posts were left out" in s for s in exp.cannot_tell)


def test_include_private_keeps_direct_messages():
    posts = read_export(FIXTURES / "mastodon", include_private=True).tables["posts"]
    assert len(posts) == 6 and "a private note" in posts["text"][3]


def test_html_becomes_text_and_tags_give_mentions_and_hashtags(exp):
    p = exp.tables["posts"]
    assert p["text"][0] == "Fresh bread & buns with @ana!\nSee https://example.org/menu #bread"
    assert p["mentions"][0] == "@ana@other.example" and p["hashtags"][0] == "#bread"
    assert p["has_link"].tolist() == [True, False, False, False, False]  # mention and hashtag links are not links
    assert p["hashtags"][3] == "#poll"  # a Question (poll) is a post too


def test_replies_and_boosts_point_inside_the_export_or_keep_their_uri(exp):
    p = exp.tables["posts"]
    assert p["reply_to_post_id"][1] == 1
    assert pd.isna(p["shared_post_id"][2]) and p["shared_external"][2].endswith("/hub/statuses/900")
    assert p["likes"].isna().all() and p["content"].isna().all()


def test_a_quote_names_the_quoted_post_and_its_text_is_the_comment_alone(exp):
    p = exp.tables["posts"]
    q = p[p["kind"] == "quote"].iloc[0]
    assert q["shared_external"] == "https://town.example/users/cornerbakery/statuses/110"
    assert q["shared_post_id"] == 1 and pd.isna(q["reply_to_post_id"])  # the quoted post is in the export
    assert q["text"] == "Still the best buns in town #bread"  # the "RE: <link>" fallback left out
    assert not q["has_link"] and q["hashtags"] == "#bread"


def _with_note(tmp_path, **props) -> Path:
    """The fixture with one more public Note carrying ``props``."""
    folder = tmp_path / "m"
    folder.mkdir()
    for f in (FIXTURES / "mastodon").iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    outbox = json.loads((folder / "outbox.json").read_text())
    note = {
        "id": "https://town.example/users/cornerbakery/statuses/120",
        "type": "Note",
        "inReplyTo": None,
        "published": "2023-03-01T12:00:00Z",
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "content": "<p>So true</p>",
        **props,
    }
    outbox["orderedItems"].append(
        {
            "id": note["id"] + "/activity",
            "type": "Create",
            "published": note["published"],
            "to": note["to"],
            "object": note,
        }
    )
    (folder / "outbox.json").write_text(json.dumps(outbox))
    return folder


@pytest.mark.parametrize(
    "props, uri",
    [
        (
            {"quote": {"id": "https://other.example/users/hub/statuses/901", "type": "Note"}},  # inlined (FEP-044f)
            "https://other.example/users/hub/statuses/901",
        ),
        ({"_misskey_quote": "https://other.example/notes/9x"}, "https://other.example/notes/9x"),  # Misskey
        ({"quoteUrl": ["https://other.example/objects/7"]}, "https://other.example/objects/7"),  # Pleroma, as a list
        ({"quoteUri": "https://fedibird.example/users/a/statuses/5"}, "https://fedibird.example/users/a/statuses/5"),
        ({"quote": {"type": "Tombstone"}}, None),  # the quoted post was deleted: still a quote, of nothing known
    ],
)
def test_each_quote_property_real_servers_write(tmp_path, props, uri):
    p = read_export(_with_note(tmp_path, **props)).tables["posts"]
    last = p.iloc[-1]
    assert last["kind"] == "quote" and pd.isna(last["shared_post_id"]) and last["text"] == "So true"
    assert pd.isna(last["shared_external"]) if uri is None else last["shared_external"] == uri


def test_a_reply_that_quotes_stays_a_reply(tmp_path):
    p = read_export(
        _with_note(
            tmp_path,
            inReplyTo="https://town.example/users/cornerbakery/statuses/110",
            quote="https://other.example/users/hub/statuses/900",
        )
    ).tables["posts"]
    last = p.iloc[-1]
    assert last["kind"] == "reply" and last["reply_to_post_id"] == 1 and pd.isna(last["shared_external"])


def test_follows_from_following_accounts_and_no_followers(exp):
    acc = exp.tables["accounts"]
    assert acc["handle"].tolist() == ["@cornerbakery", "@ana@other.example", "@hub@other.example"]
    assert exp.tables["follows"][["follower_id", "followed_id"]].values.tolist() == [[1, 2], [1, 3]]
    assert any("no followers list" in s for s in exp.cannot_tell)


def test_very_old_following_csv_without_header_and_an_archive_without_it(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    for name in ("outbox.json", "actor.json"):
        (folder / name).write_bytes((FIXTURES / "mastodon" / name).read_bytes())
    exp = read_export(folder)
    assert exp.tables["follows"].empty and any("separate download" in s for s in exp.cannot_tell)
    (folder / "following_accounts.csv").write_text("ana@other.example\n")
    assert read_export(folder).tables["accounts"]["handle"].tolist()[1] == "@ana@other.example"


def test_following_csv_with_windows_or_old_mac_line_ends_reads_the_same(tmp_path):
    """A CSV saved on Windows (CR LF) or with a lone CR reads as the same follows (found by the fuzz test)."""
    folder = tmp_path / "m"
    folder.mkdir()
    for name in ("outbox.json", "actor.json"):
        (folder / name).write_bytes((FIXTURES / "mastodon" / name).read_bytes())
    header = "Account address,Show boosts,Notify on new posts,Languages"
    for end in ("\r\n", "\r"):
        body = end.join([header, "ana@other.example,true,false,", "hub@other.example,true,false,en", ""])
        (folder / "following_accounts.csv").write_bytes(body.encode())
        handles = read_export(folder).tables["accounts"]["handle"].tolist()
        assert handles == ["@cornerbakery", "@ana@other.example", "@hub@other.example"], repr(end)
