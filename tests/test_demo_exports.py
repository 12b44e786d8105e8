"""The demo exports `kit data build` writes: deterministic, well-formed, and carrying each quirk.

The checks here read the files with the standard library and libipld only (never with
``kit.imports``): they test the writer against the formats as their sources describe them.
"""

import csv
import filecmp
import gzip
import hashlib
import io
import json
import re
import tarfile
import zipfile

import libipld
import pytest

from kit.data import load
from kit.scenario import load_scenario
from kit.synth import build
from kit.synth.exports import FILES, FOLDER, chosen
from kit.synth.exports.bluesky import layer

from .conftest import DATASETS

DEMO = DATASETS / FOLDER
_ACCOUNTS = load("accounts").set_index("account_id")
HOLDS = {
    platform: _ACCOUNTS.loc[a, "handle"]  # the business each export holds, by the writer's rule
    for platform, a in chosen(load_scenario(DATASETS / "scenario.toml"), load).items()
    if platform != "linkedin"
}
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
JS = re.compile(r"\Awindow\.(YTD\.\w+\.part\d+) = (\[.*\])\Z", re.S)


@pytest.fixture(scope="module")
def x():
    return zipfile.ZipFile(DEMO / "x-archive.zip")


@pytest.fixture(scope="module")
def linkedin():
    return zipfile.ZipFile(DEMO / "linkedin-export.zip")


@pytest.fixture(scope="module")
def mastodon():
    t = tarfile.open(DEMO / "mastodon-archive.tar.gz")
    return {m.name: t.extractfile(m).read() for m in t.getmembers()}


@pytest.fixture(scope="module")
def outbox(mastodon):
    return json.loads(mastodon["outbox.json"])


@pytest.fixture(scope="module")
def car():
    return libipld.decode_car((DEMO / "bluesky-repo.car").read_bytes())


def js(z, name):
    m = JS.match(z.read(name).decode())
    assert m, f"{name} is not `window.YTD.<type>.partN = [...]`"
    return m.group(1), json.loads(m.group(2))


def tweets(x):
    return [e.get("tweet", e) for part in ("data/tweets.js", "data/tweets-part1.js") for e in js(x, part)[1]]


# --------------------------------------------------------------------------- determinism


def test_a_build_gives_exactly_the_committed_exports(tmp_path):
    """(That two builds give the same bytes is tests/test_datasets.py's first test, demo-exports/
    included; here, one build holds exactly the four files, equal to the committed ones.)"""
    build(out_dir=tmp_path / "a")
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a" / FOLDER, DEMO, FILES, shallow=False)
    assert sorted(match) == sorted(FILES), (mismatch, errors)
    assert sorted(p.name for p in (tmp_path / "a" / FOLDER).iterdir()) == sorted(FILES)


def test_another_seed_gives_other_exports(tmp_path):
    toml = tmp_path / "scenario.toml"
    toml.write_text((DATASETS / "scenario.toml").read_text().replace("seed = 20261005", "seed = 11"))
    build(toml)
    for name in FILES:
        assert (tmp_path / FOLDER / name).read_bytes() != (DEMO / name).read_bytes(), name


# --------------------------------------------------------------------------- well-formed archives


@pytest.mark.parametrize("name", ["x-archive.zip", "linkedin-export.zip"])
def test_zips_are_sound_sorted_with_fixed_times_and_permissions(name):
    z = zipfile.ZipFile(DEMO / name)
    assert z.testzip() is None
    infos = z.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2026, 11, 30, 0, 0, 0)}  # the scenario's end
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert not any(i.filename.startswith(("/", "..")) for i in infos)


def test_the_tar_is_sound_sorted_with_fixed_owner_and_time_and_gzip_mtime_zero():
    raw = (DEMO / "mastodon-archive.tar.gz").read_bytes()
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0"  # gzip header mtime 0
    gzip.decompress(raw)
    members = tarfile.open(DEMO / "mastodon-archive.tar.gz").getmembers()
    assert [m.name for m in members] == sorted(m.name for m in members)
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname, m.mode) for m in members} == {(1795996800, 0, 0, "", "", 0o644)}
    assert all(m.isfile() for m in members)


# --------------------------------------------------------------------------- X


def test_x_manifest_lists_every_data_file_and_its_global(x):
    text = x.read("data/manifest.js").decode()
    assert text.startswith("window.__THAR_CONFIG = {")
    manifest = json.loads(text.split("=", 1)[1])
    listed = {f["fileName"]: f for t in manifest["dataTypes"].values() for f in t["files"]}
    assert set(listed) == {n for n in x.namelist() if n.endswith(".js") and n != "data/manifest.js"}
    for name, f in listed.items():
        global_name, entries = js(x, name)
        assert global_name == f["globalName"] and f["count"] == str(len(entries))
    assert manifest["userInfo"]["userName"] == HOLDS["x"].lstrip("@")


def test_x_tweets_are_split_into_parts_and_some_lack_the_wrapper(x):
    assert js(x, "data/tweets.js")[0] == "YTD.tweets.part0"
    g1, part1 = js(x, "data/tweets-part1.js")
    assert g1 == "YTD.tweets.part1"
    bare = [e for e in part1 if "tweet" not in e]
    assert 1 <= len(bare) < len(part1) and all("full_text" in e for e in bare)
    assert all(set(e) == {"tweet"} for e in js(x, "data/tweets.js")[1])


def test_x_dates_are_twitter_style_utc_and_counts_are_strings(x):
    for t in tweets(x):
        assert re.fullmatch(
            r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d \+0000 20\d\d", t["created_at"]
        )
        assert isinstance(t["favorite_count"], str) and isinstance(t["retweet_count"], str)
        assert t["favorite_count"].isdigit() and t["id_str"].isdigit()
    posts = load("posts")
    first = posts[posts["handle"] == HOLDS["x"]].sort_values("created_at").iloc[0]
    assert tweets(x)[-1]["created_at"] == first["created_at"].tz_convert("UTC").strftime("%a %b %d %H:%M:%S +0000 %Y")


def test_x_reply_fields_are_absent_not_null_on_non_replies(x):
    fields = {"in_reply_to_status_id_str", "in_reply_to_screen_name", "in_reply_to_user_id_str"}
    replies = [t for t in tweets(x) if fields & set(t)]
    assert replies and all(fields <= set(t) and all(t[f] for f in fields) for t in replies)
    others = [t for t in tweets(x) if not fields & set(t)]
    assert others and not any(None in t.values() for t in others)


def test_x_retweets_are_rt_texts_mentioning_the_author(x):
    rts = [t for t in tweets(x) if t["full_text"].startswith("RT @")]
    assert rts
    for t in rts:
        author = re.match(r"RT @(\w+): ", t["full_text"]).group(1)
        first = t["entities"]["user_mentions"][0]
        assert first["screen_name"] == author and first["indices"] == ["3", str(4 + len(author))]


def test_x_entities_hold_mentions_with_a_minus_one_id_and_hashtags(x):
    mentions = [m for t in tweets(x) for m in t["entities"]["user_mentions"]]
    assert any(m["id_str"] == "-1" for m in mentions) and any(m["id_str"] != "-1" for m in mentions)
    for t in tweets(x):
        for h in t["entities"]["hashtags"]:
            a, b = map(int, h["indices"])
            assert t["full_text"][a:b] == "#" + h["text"]
    assert any(t["entities"]["hashtags"] for t in tweets(x))


def test_x_followers_and_following_are_ids_only_and_likes_have_no_dates(x):
    for kind in ("follower", "following"):
        entries = js(x, f"data/{kind}.js")[1]
        assert entries and all(set(e[kind]) == {"accountId", "userLink"} for e in entries)
        assert all(e[kind]["accountId"].isdigit() for e in entries)
    likes = js(x, "data/like.js")[1]
    assert likes and all(set(e["like"]) == {"tweetId", "fullText", "expandedUrl"} for e in likes)


# --------------------------------------------------------------------------- LinkedIn


def test_linkedin_connections_have_the_notes_preamble_and_are_windows_1252(linkedin):
    raw = linkedin.read("Connections.csv")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert text.startswith("Notes:\n")
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    before, after = text.split("\n" + header + "\n")
    assert before.endswith("\n") and "\n\n" in before + "\n"  # a blank line before the header
    rows = list(csv.reader(io.StringIO(after)))
    members = load("linkedin_members").set_index("member_id")
    assert len(rows) == members.loc[132, "connections"]
    assert any(r[0] == "Zoë" for r in rows)
    assert all(re.fullmatch(r"\d\d [A-Z][a-z]{2} 20\d\d", r[6]) for r in rows)


def test_linkedin_other_files_are_utf8_with_their_own_date_formats(linkedin):
    def rows(name):
        return list(csv.DictReader(io.StringIO(linkedin.read(name).decode("utf-8"))))

    formats = {
        "Shares.csv": ("Date", r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d"),
        "Reactions.csv": ("Date", r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d"),
        "messages.csv": ("DATE", r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC"),
        "Invitations.csv": ("Sent At", r"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M"),
        "Company Follows.csv": ("Followed On", r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d UTC 20\d\d"),
        "Endorsement_Given_Info.csv": ("Endorsement Date", r"20\d\d/\d\d/\d\d \d\d:\d\d:\d\d UTC"),
    }
    for name, (col, pattern) in formats.items():
        got = rows(name)
        assert got and all(re.fullmatch(pattern, r[col]) for r in got), name
    assert {r["Direction"] for r in rows("Invitations.csv")} == {"INCOMING", "OUTGOING"}
    assert list(rows("Reactions.csv")[0]) == ["Date", "Type", "Link"]


def test_linkedin_share_commentary_has_newlines_and_doubled_quotes(linkedin):
    raw = linkedin.read("Shares.csv").decode()
    assert '""' in raw
    shares = list(csv.DictReader(io.StringIO(raw)))
    assert all("\n" in s["ShareCommentary"] and '"' in s["ShareCommentary"] for s in shares)


def test_linkedin_comments_escape_quotes_with_a_backslash(linkedin):
    raw = linkedin.read("Comments.csv").decode()
    assert '\\"' in raw and '""' not in raw
    rows = list(csv.reader(io.StringIO(raw), escapechar="\\", doublequote=False))
    assert rows[0] == ["Date", "Link", "Message"]
    assert all(len(r) == 3 for r in rows) and any('"' in r[2] for r in rows[1:])
    naive = list(csv.reader(io.StringIO(raw)))  # the default dialect gets some messages wrong
    assert [r[2] for r in naive[1:]] != [r[2] for r in rows[1:]]


# --------------------------------------------------------------------------- Mastodon


def test_mastodon_outbox_is_an_ordered_collection_of_creates_and_announces(outbox):
    assert outbox["type"] == "OrderedCollection" and outbox["totalItems"] == len(outbox["orderedItems"])
    types = {a["type"] for a in outbox["orderedItems"]}
    assert types == {"Create", "Announce"}
    for a in outbox["orderedItems"]:
        if a["type"] == "Announce":
            assert isinstance(a["object"], str) and a["object"].startswith("https://")
            continue
        note = a["object"]
        assert note["type"] == "Note" and {"id", "published", "content", "inReplyTo", "to", "cc", "tag"} <= set(note)
        assert re.fullmatch(r"<p>.*</p>", note["content"], re.S)
        assert note["inReplyTo"] is None or note["inReplyTo"].startswith("https://")
        assert re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ", note["published"])
    assert any(a["type"] == "Create" and a["object"]["inReplyTo"] for a in outbox["orderedItems"])


def test_mastodon_tags_are_mentions_and_hashtags_linked_in_the_html(outbox):
    notes = [a["object"] for a in outbox["orderedItems"] if a["type"] == "Create"]
    tags = [t for n in notes for t in n["tag"]]
    assert {t["type"] for t in tags} == {"Mention", "Hashtag"}
    for n in notes:
        for t in n["tag"]:
            shown = t["name"].split("@")[1] if t["type"] == "Mention" else t["name"][1:]
            assert f"<span>{shown}</span>" in n["content"].replace(f"<span>{shown.lower()}", f"<span>{shown}")


def test_mastodon_has_direct_messages_to_one_actor_only(outbox):
    dms = [a for a in outbox["orderedItems"] if PUBLIC not in a["to"] + a["cc"]]
    assert len(dms) == 2
    for a in dms:
        assert len(a["object"]["to"]) == 1 and a["object"]["cc"] == [] and a["object"]["to"][0].startswith("https://")
    public = [a for a in outbox["orderedItems"] if PUBLIC in a["to"]]
    assert len(public) == len(outbox["orderedItems"]) - 2


def test_mastodon_actor_and_following_but_no_followers_file(mastodon):
    assert set(mastodon) == {"actor.json", "outbox.json", "following_accounts.csv"}
    actor = json.loads(mastodon["actor.json"])
    assert actor["preferredUsername"] == HOLDS["mastodon"].lstrip("@") and actor["type"] == "Person"
    rows = list(csv.reader(io.StringIO(mastodon["following_accounts.csv"].decode())))
    assert rows[0] == ["Account address", "Show boosts", "Notify on new posts", "Languages"]
    assert rows[1:] and all(re.fullmatch(r"\w+@[a-z]+\.example", r[0]) for r in rows[1:])


# --------------------------------------------------------------------------- Bluesky


def test_mst_layers_match_the_spec_examples():
    assert [
        layer(k.encode())
        for k in ("2653ae71", "blue", "app.bsky.feed.post/454397e440ec", "app.bsky.feed.post/9adeb165882c")
    ] == [0, 1, 4, 8]


def walk(blocks, cid, seen, keys, depth=None):
    """Every key under a node, in order, checking layers, prefix compression and no empty leaves."""
    seen.add(cid)
    node = blocks[cid]
    assert set(node) == {"l", "e"} and (node["e"] or node["l"])
    prev, layers = b"", set()
    if node["l"] is not None:
        walk(blocks, node["l"], seen, keys, None if depth is None else depth - 1)
    for i, e in enumerate(node["e"]):
        assert set(e) == {"p", "k", "v", "t"} and (i > 0 or e["p"] == 0)
        key = prev[: e["p"]] + e["k"]
        assert e["p"] == 0 or (e["k"] and key[: e["p"]] == prev[: e["p"]])
        layers.add(layer(key))
        keys.append((key.decode(), e["v"]))
        prev = key
        if e["t"] is not None:
            walk(blocks, e["t"], seen, keys)
    assert len(layers) <= 1
    return layers


def test_car_commit_and_mst_reach_every_record_in_sorted_order(car):
    header, blocks = car
    assert header["version"] == 1 and len(header["roots"]) == 1
    commit = blocks[header["roots"][0]]
    assert set(commit) == {"did", "version", "data", "rev", "prev", "sig"}
    assert commit["version"] == 3 and commit["prev"] is None and commit["did"].startswith("did:plc:")
    assert isinstance(commit["sig"], bytes) and len(commit["sig"]) == 64
    assert re.fullmatch(r"[234567a-z]{13}", commit["rev"])
    seen, keys = set(), []
    walk(blocks, commit["data"], seen, keys)
    assert [k for k, _ in keys] == sorted({k for k, _ in keys})
    values = {v for _, v in keys}
    assert set(blocks) == {header["roots"][0]} | seen | values  # nothing missing, nothing extra
    for cid, data in blocks.items():  # each CID is the sha-256 of its block's DAG-CBOR
        assert cid[:4] == b"\x01\x71\x12\x20"
        assert hashlib.sha256(libipld.encode_dag_cbor(data)).digest() == cid[4:]
    posts = load("posts")
    mine = posts[posts["handle"] == HOLDS["bluesky"]]
    collections = [k.split("/")[0] for k, _ in keys]
    assert collections.count("app.bsky.feed.post") == (mine["kind"] != "retweet").sum()
    assert collections.count("app.bsky.feed.repost") == (mine["kind"] == "retweet").sum()


def test_node_depth_is_one_less_than_its_parent(car):
    header, blocks = car

    def depth(cid, expect):
        node = blocks[cid]
        prev = b""
        for e in node["e"]:
            prev = prev[: e["p"]] + e["k"]
            assert layer(prev) == expect
        for child in [node["l"]] + [e["t"] for e in node["e"]]:
            if child is not None:
                depth(child, expect - 1)

    root = blocks[blocks[header["roots"][0]]["data"]]
    top = layer(root["e"][0]["k"])
    assert top >= 1
    depth(blocks[header["roots"][0]]["data"], top)


def test_bluesky_records_carry_facets_in_utf8_bytes_replies_reposts_and_follows(car):
    _, blocks = car
    records = [b for b in blocks.values() if "$type" in b]
    posts = [r for r in records if r["$type"] == "app.bsky.feed.post"]
    waved = [p for p in posts if not p["text"].isascii()]
    assert len(waved) == 1
    text, facet = waved[0]["text"], waved[0]["facets"][0]
    raw = text.encode()
    start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
    assert raw[start:end].decode().startswith("@") and text.index("@") != start
    assert facet["features"][0]["$type"] == "app.bsky.richtext.facet#mention"
    assert facet["features"][0]["did"].startswith("did:plc:")
    features = {f["$type"] for p in posts for fc in p.get("facets", []) for f in fc["features"]}
    assert {"app.bsky.richtext.facet#mention", "app.bsky.richtext.facet#tag"} <= features
    for p in posts:
        for fc in p.get("facets", []):
            piece = p["text"].encode()[fc["index"]["byteStart"] : fc["index"]["byteEnd"]].decode()
            f = fc["features"][0]
            assert f["$type"] != "app.bsky.richtext.facet#tag" or piece == "#" + f["tag"]
    replies = [p for p in posts if "reply" in p]
    assert replies and all(
        set(p["reply"]) == {"root", "parent"}
        and p["reply"]["parent"]["uri"].startswith("at://did:plc:")
        and p["reply"]["parent"]["cid"].startswith("bafyrei")
        for p in replies
    )
    assert all(
        re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", r["createdAt"]) for r in records if "createdAt" in r
    )
    reposts = [r for r in records if r["$type"] == "app.bsky.feed.repost"]
    follows = [r for r in records if r["$type"] == "app.bsky.graph.follow"]
    assert reposts and all(set(r["subject"]) == {"uri", "cid"} for r in reposts)
    assert follows and all(r["subject"].startswith("did:plc:") for r in follows)


# --------------------------------------------------------------------------- nothing real

ALLOWED = {"twitter.com", "mobile.twitter.com", "www.linkedin.com", "www.w3.org", "w3id.org"}


def texts():
    for name in ("x-archive.zip", "linkedin-export.zip"):
        z = zipfile.ZipFile(DEMO / name)
        for n in z.namelist():
            yield f"{name}:{n}", z.read(n).decode("cp1252" if n == "Connections.csv" else "utf-8")
    t = tarfile.open(DEMO / "mastodon-archive.tar.gz")
    for m in t.getmembers():
        yield f"mastodon:{m.name}", t.extractfile(m).read().decode()
    _, blocks = libipld.decode_car((DEMO / "bluesky-repo.car").read_bytes())
    yield "bluesky", json.dumps([b for b in blocks.values() if "$type" in b or "did" in b], default=repr)


def test_no_real_looking_domains_or_emails():
    for where, text in texts():
        for host in re.findall(r"https?://([^/\s\\\"'<>,)]+)", text):
            assert host in ALLOWED or host.endswith(".example") or host in ("example.org", "example.com"), (where, host)
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
            assert email.endswith((".example", "@example.org")), (where, email)
