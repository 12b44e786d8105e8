"""Round trip: each demo export, read by ``kit.imports``, gives back the town's rows it was made from.

The writer (``kit.synth.exports``) and the importer (``kit.imports``) share no format code, so an
agreement here is two independent readings of each format agreeing. Compared: on the fields each
format carries (see the data dictionary's "Demo exports" section).
"""

import pandas as pd
import pytest

from kit.data import load
from kit.imports import read_export
from kit.scenario import load_scenario
from kit.synth.exports import bluesky, chosen, mastodon, x

from .conftest import DATASETS

DEMO = DATASETS / "demo-exports"
S = load_scenario(DATASETS / "scenario.toml")
POSTS = load("posts")
BY_ID = POSTS.set_index("post_id")
ACCOUNTS = load("accounts").set_index("account_id")
FOLLOWS = load("follows")

HOLDS = {platform: ACCOUNTS.loc[a, "handle"] for platform, a in chosen(S, load).items() if platform != "linkedin"}

# file, the business it holds (by the writer's own rule), the post's own id as the export writes it
CASES = {
    "x": ("x-archive.zip", HOLDS["x"], lambda p: x.tweet_id(BY_ID.loc[p, "created_at"], p)),
    "mastodon": ("mastodon-archive.tar.gz", HOLDS["mastodon"], None),
    "bluesky": ("bluesky-repo.car", HOLDS["bluesky"], None),
}


def mastodon_uri(p: int) -> str:
    h = BY_ID.loc[p, "handle"].lstrip("@")
    host = mastodon.host_of(S) if ACCOUNTS.set_index("handle").loc["@" + h, "local"] else mastodon.ELSEWHERE
    return f"https://{host}/users/{h}/statuses/{mastodon.status_id(BY_ID.loc[p, 'created_at'], p)}"


def bluesky_uri(p: int) -> str:
    author = int(BY_ID.loc[p, "account_id"])
    return (
        f"at://{bluesky.did_of(S, author)}/app.bsky.feed.post/"
        f"{bluesky.tid(BY_ID.loc[p, 'created_at'].tz_convert('UTC').to_pydatetime(), p)}"
    )


EXTERNAL = {"x": CASES["x"][2], "mastodon": mastodon_uri, "bluesky": bluesky_uri}


@pytest.fixture(scope="module", params=list(CASES))
def pair(request):
    platform = request.param
    name, handle, _ = CASES[platform]
    got = read_export(DEMO / name)
    posts = got.tables["posts"].sort_values(["created_at", "post_id"]).reset_index(drop=True)
    want = POSTS[POSTS["handle"] == handle].sort_values(["created_at", "post_id"]).reset_index(drop=True)
    return platform, got, posts, want


def test_the_export_is_read_as_its_platform_with_one_row_per_post(pair):
    platform, got, posts, want = pair
    assert got.platform == platform and got.cannot_tell
    assert len(posts) == len(want)
    assert (
        posts["created_at"].dt.tz_convert("UTC").to_numpy() == want["created_at"].dt.tz_convert("UTC").to_numpy()
    ).all()


def test_kinds_come_back(pair):
    platform, _, posts, want = pair
    got, expected = posts["kind"].astype(str).tolist(), want["kind"].astype(str).tolist()
    assert got == expected


def test_texts_come_back_without_the_rt_prefix(pair):
    platform, _, posts, want = pair
    for got, row in zip(posts["text"], want.itertuples()):
        if row.kind == "retweet" and platform != "x":
            continue  # a boost or repost carries no text, only the shared post's address
        expected = row.text
        if platform == "x" and row.kind == "quote":  # an X quote's text ends with the quoted post's address
            sh = int(row.shared_post_id)
            expected += f" https://twitter.com/{BY_ID.loc[sh, 'handle'].lstrip('@')}/status/{x.tweet_id(BY_ID.loc[sh, 'created_at'], sh)}"
        if platform == "bluesky":
            got = got.removeprefix(bluesky.WAVE)
        assert got == expected


def test_mentions_and_hashtags_come_back_as_sets(pair):
    platform, _, posts, want = pair
    for col in ("mentions", "hashtags"):
        for got, row in zip(posts[col], want.itertuples()):
            if row.kind == "retweet" and platform != "x":
                continue
            assert set((got if isinstance(got, str) else "").split()) == set(
                (getattr(row, col) if isinstance(getattr(row, col), str) else "").split()
            ), (col, row.text)


def test_reply_links_point_at_the_answered_post(pair):
    platform, _, posts, want = pair
    ext = EXTERNAL[platform]
    for got, row in zip(posts["reply_to_external"], want.itertuples()):
        if row.kind == "reply":
            assert got == ext(int(row.reply_to_post_id))
        else:
            assert pd.isna(got)


def test_quotes_point_at_the_quoted_post(pair):
    platform, _, posts, want = pair
    ext = EXTERNAL[platform]
    quotes = (want["kind"] == "quote").to_numpy()
    assert quotes.any()
    assert posts["shared_external"][quotes].tolist() == [ext(int(p)) for p in want["shared_post_id"][quotes]]


def test_own_post_ids_come_back(pair):
    platform, _, posts, want = pair
    ext = EXTERNAL[platform]
    expected = [ext(int(p)) for p in want["post_id"]]
    if platform == "bluesky":  # a repost's own address is the repost record's, not a post's
        keep = (want["kind"] != "retweet").to_numpy()
        assert posts["external_id"][keep].tolist() == [e for e, k in zip(expected, keep) if k]
    else:
        assert posts["external_id"].str.removesuffix("/activity").tolist() == expected


def test_x_likes_and_retweets_come_back():
    got = read_export(DEMO / CASES["x"][0]).tables["posts"].sort_values(["created_at", "post_id"])
    want = POSTS[POSTS["handle"] == CASES["x"][1]].sort_values(["created_at", "post_id"])
    assert got["likes"].astype(int).tolist() == want["likes"].tolist()
    assert got["retweets"].astype(int).tolist() == want["retweets"].tolist()


def _follows(platform):
    got = read_export(DEMO / CASES[platform][0])
    me = int(ACCOUNTS.index[ACCOUNTS["handle"] == CASES[platform][1]][0])
    ids = got.tables["accounts"].set_index("account_id")["external_id"]
    f = got.tables["follows"]
    following = sorted(ids[f.loc[f["follower_id"] == 1, "followed_id"]])
    followers = sorted(ids[f.loc[f["followed_id"] == 1, "follower_id"]])
    return me, following, followers


def test_x_follows_come_back_as_ids_both_ways():
    me, following, followers = _follows("x")
    assert following == sorted(x.user_id(S, a) for a in FOLLOWS.loc[FOLLOWS["follower_id"] == me, "followed_id"])
    assert followers == sorted(x.user_id(S, a) for a in FOLLOWS.loc[FOLLOWS["followed_id"] == me, "follower_id"])


def test_mastodon_follows_come_back_as_addresses_and_no_followers():
    me, following, followers = _follows("mastodon")
    local = ACCOUNTS["local"]
    want = [
        f"{ACCOUNTS.loc[a, 'handle'].lstrip('@')}@{mastodon.host_of(S) if local[a] else mastodon.ELSEWHERE}"
        for a in FOLLOWS.loc[FOLLOWS["follower_id"] == me, "followed_id"]
    ]
    assert following == sorted(want) and followers == []


def test_bluesky_follows_come_back_as_dids_and_no_followers():
    me, following, followers = _follows("bluesky")
    assert following == sorted(bluesky.did_of(S, a) for a in FOLLOWS.loc[FOLLOWS["follower_id"] == me, "followed_id"])
    assert followers == []


def test_mastodon_direct_messages_are_dropped_unless_asked():
    name = DEMO / CASES["mastodon"][0]
    assert len(read_export(name, include_private=True).tables["posts"]) == len(read_export(name).tables["posts"]) + 2


# --------------------------------------------------------------------------- LinkedIn

MEMBER = 132  # the member with the most active actions (kit.synth.exports.chosen)
COMMENTS = {"answer_question": "comment", "join_discussion": "comment"}  # the export cannot tell them apart
READ = {"connection_request", "message", "comment", "post", "like", "follow_company", "endorse_skill"}


def test_linkedin_action_counts_per_date_come_back():
    got = read_export(DEMO / "linkedin-export.zip")
    assert (
        got.platform == "linkedin" and got.owner == load("linkedin_members").set_index("member_id").loc[MEMBER, "name"]
    )
    activity = load("linkedin_activity")
    mine = activity[activity["member_id"] == MEMBER].assign(action=lambda d: d["action"].astype(str).replace(COMMENTS))
    mine = mine[mine["action"].isin(READ)]  # profile_edit the export cannot carry
    imported = got.tables["linkedin_activity"].assign(action=lambda d: d["action"].astype(str))
    count = lambda d: d.groupby([d["date"].dt.date, "action"]).size().sort_index()  # noqa: E731
    pd.testing.assert_series_equal(count(imported), count(mine))


def test_linkedin_connections_come_back():
    got = read_export(DEMO / "linkedin-export.zip").tables["connections"]
    assert len(got) == load("linkedin_members").set_index("member_id").loc[MEMBER, "connections"]
    assert "Zoë" in set(got["first_name"]) and got["connected_on"].max() < pd.Timestamp(S.quarter_start)
    assert got["url"].str.startswith("https://www.linkedin.com/in/").all()
