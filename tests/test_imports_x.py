"""X archive import: every quirk in kit/imports/x.py's docstring against the hand-built fixture."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from kit.data import load
from kit.imports import ExportError, read_export

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


def zipped(folder: Path, to: Path, inside: str = "") -> Path:
    with zipfile.ZipFile(to, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                z.write(f, inside + f.relative_to(folder).as_posix())
    return to


@pytest.fixture(scope="module")
def exp():
    return read_export(FIXTURES / "x")


def test_the_archive_reads_the_same_as_zip_as_folder_and_rezipped_in_a_folder(exp, tmp_path):
    for path in (
        zipped(FIXTURES / "x", tmp_path / "a.zip"),
        zipped(FIXTURES / "x", tmp_path / "b.zip", inside="twitter-2023-02-22/"),
    ):
        again = read_export(path)
        assert again.owner == exp.owner == "@CornerBakery"
        pd.testing.assert_frame_equal(again.tables["posts"], exp.tables["posts"])


def test_posts_have_the_sample_towns_columns_and_types_plus_source(exp):
    town = load("posts")
    posts = exp.tables["posts"]
    assert list(posts.columns[: len(town.columns)]) == list(town.columns)
    assert list(posts.columns[len(town.columns) :]) == ["source", "external_id", "reply_to_external", "shared_external"]
    for col in town.columns:
        if col in ("likes", "retweets", "replies"):
            assert str(posts[col].dtype) == "Int64"
        elif col == "created_at":
            assert str(posts[col].dt.tz) == "UTC" and posts[col].dtype.unit == town[col].dtype.unit
        else:
            assert posts[col].dtype == town[col].dtype, col
    assert posts["content"].isna().all() and (posts["source"] == "x").all()


def test_manifest_lists_split_files_and_entries_may_lack_the_tweet_wrapper(exp):
    assert exp.tables["posts"]["external_id"].tolist() == ["500", "501", "502", "503", "504", "505"]


def test_dates_counts_and_entities(exp):
    p = exp.tables["posts"].set_index("external_id")
    assert str(p.loc["500", "created_at"]) == "2023-02-18 19:45:15+00:00"
    assert str(p.loc["502", "created_at"]) == "2023-02-19 08:10:00+00:00"  # +0100 in the archive
    assert (p.loc["500", "likes"], p.loc["500", "retweets"]) == (12, 3)  # strings in the archive
    assert p["replies"].isna().all()  # X archives hold no reply counts
    assert p.loc["500", "mentions"] == "@ana_m" and p.loc["500", "hashtags"] == "#bread #local"
    assert p.loc["500", "has_link"] and not p.loc["505", "has_link"]


def test_kinds_reply_fields_absent_on_non_replies_retweets_by_prefix_quotes_by_status_link(exp):
    p = exp.tables["posts"].set_index("external_id")
    assert p["kind"].tolist() == ["original", "reply", "retweet", "reply", "quote", "original"]
    assert p.loc["501", "reply_to_post_id"] == 1  # a self-reply: a thread, still a reply
    assert pd.isna(p.loc["503", "reply_to_post_id"]) and p.loc["503", "reply_to_external"] == "9999"
    rt = p.loc["502"]
    assert rt["text"] == "Market this Saturday, say hi to @OldFriend #town"  # no "RT @TownHub: "
    assert rt["mentions"] == "@OldFriend"  # the retweeted author is not a mention; id -1 kept by name
    assert p.loc["504", "shared_external"] == "777" and pd.isna(p.loc["504", "shared_post_id"])
    assert any("threads" in s for s in exp.cannot_tell)


def test_follows_are_ids_and_only_mentioned_accounts_get_handles(exp):
    acc = exp.tables["accounts"].set_index("external_id")["handle"]
    assert acc["1001"] == "@CornerBakery" and acc["2002"] == "@ana_m" and pd.isna(acc["4004"])
    f = exp.tables["follows"]
    assert sorted(map(tuple, f[["follower_id", "followed_id"]].values.tolist())) == [(1, 2), (1, 3), (2, 1), (4, 1)]
    assert any("not handles" in s for s in exp.cannot_tell) and any(
        "like.js has no dates" in s for s in exp.cannot_tell
    )
    assert exp.tables["likes"]["external_id"].tolist() == ["888"]


def test_an_old_archive_without_manifest_uses_tweet_js(tmp_path):
    exp = read_export(FIXTURES / "x-old")
    assert exp.owner == "@OldShop" and exp.tables["posts"]["text"].tolist() == ["Our first tweet"]


def test_a_manifest_with_trailing_commas_still_reads_but_nothing_is_evaluated(tmp_path):
    shutil.copytree(FIXTURES / "x", tmp_path / "x")
    tweets = tmp_path / "x" / "data" / "tweets.js"
    tweets.write_text('window.YTD.tweets.part0 = (function(){ throw "no" })() || []')
    with pytest.raises(ExportError, match=r"tweets\.js.*cut short or garbled"):
        read_export(tmp_path / "x")


@pytest.mark.parametrize("indices", [{}, [], "", None, ["x"]])
def test_a_mention_with_odd_indices_reads_as_a_mention(tmp_path, indices):
    """Indices that are not a list of numbers (found by the fuzz test: ``{}`` raised KeyError)."""
    import json

    shutil.copytree(FIXTURES / "x", tmp_path / "x")
    tweets = tmp_path / "x" / "data" / "tweets.js"
    prefix, body = tweets.read_text().split("=", 1)
    entries = json.loads(body)
    retweet = next(e for e in entries if e.get("tweet", e)["full_text"].startswith("RT @"))
    retweet.get("tweet", retweet)["entities"]["user_mentions"][-1]["indices"] = indices
    tweets.write_text(prefix + "= " + json.dumps(entries))
    p = read_export(tmp_path / "x").tables["posts"].set_index("external_id")
    assert p.loc["502", "mentions"] == "@OldFriend"
