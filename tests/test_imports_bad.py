"""Bad input: each malformed export is ONE ExportError, one sentence naming the file (and the
member inside the archive), and reading it writes nothing. See test_imports_fuzz.py for the
generated mutations; this file holds the named cases the issue lists, one builder each."""

from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from kit.imports import ExportError, archive, read_export
from tests.test_imports_bluesky import repository

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
CASES: dict = {}


def case(name, expect):
    """Register a builder ``f(tmp_path) -> path``; ``expect`` must appear in the message (a regex)."""

    def register(f):
        CASES[name] = (f, expect)
        return f

    return register


def _zip(path: Path, members: dict, compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _folder_bytes(folder: Path) -> dict:
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def _x(tmp_path, replace: dict, drop=()) -> Path:
    members = {k: v for k, v in _folder_bytes(FIXTURES / "x").items() if k not in drop}
    members.update({k: v.encode() if isinstance(v, str) else v for k, v in replace.items()})
    return _zip(tmp_path / "twitter.zip", members)


def _tweets(entries) -> str:
    return "window.YTD.tweets.part0 = " + json.dumps(entries)


def _tweet(**change) -> dict:
    t = {
        "id_str": "1",
        "created_at": "Sat Feb 18 19:45:15 +0000 2023",
        "full_text": "hi",
        "favorite_count": "0",
        "retweet_count": "0",
        "entities": {},
    }
    t.update(change)
    return {"tweet": {k: v for k, v in t.items() if v is not None}}


def _folder(tmp_path, platform: str, replace: dict, drop=()) -> Path:
    dest = tmp_path / platform
    shutil.copytree(FIXTURES / platform, dest)
    for name in drop:
        (dest / name).unlink()
    for name, data in replace.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return dest


def _tar(path: Path, add) -> Path:
    with tarfile.open(path, "w:gz") as t:
        add(t)
    return path


def _tar_file(t, name, data: bytes):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))


def _tar_special(t, name, kind, link=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    t.addfile(info)


def _outbox(items) -> str:
    return json.dumps({"type": "OrderedCollection", "orderedItems": items})


def _sparse(path: Path, head: bytes = b"", size: int = 2 * 2**30) -> Path:
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    return path


# ---------------------------------------------------------------- the file itself
case("empty file", "empty")(lambda p: (p / "export.zip").write_bytes(b"") or p / "export.zip")
case("no such path", "no such file")(lambda p: p / "missing.zip")
case("empty folder", "folder is empty")(lambda p: (p / "empty").mkdir() or p / "empty")
case("a text file", "not an export the kit recognises")(
    lambda p: (p / "notes.txt").write_text("hello") and p / "notes.txt"
)
case("a 2 GB file of nothing (sparse)", "not an export the kit recognises")(lambda p: _sparse(p / "big.zip"))
case("a 2 GB CAR (sparse)", "more than the 1024 MB")(lambda p: _sparse(p / "repo.car", repository()[:200]))
case("a 2 GB tweets.js in a folder (sparse)", r"tweets\.js inside it.*more than the 256 MB")(
    lambda p: _sparse(_folder(p, "x", {}) / "data" / "tweets.js") and p / "x"
)
case("a photo in a zip: not an export", "not an export the kit can read")(
    lambda p: _zip(p / "photos.zip", {"IMG_0001.jpg": b"\xff\xd8\xff" + b"0" * 50})
)
case("two platforms in one folder", "more than one export")(
    lambda p: _folder(p, "mastodon", {"Connections.csv": (FIXTURES / "linkedin" / "Connections.csv").read_bytes()})
)
case("a folder holding a link", "a link")(
    lambda p: (_folder(p, "mastodon", {}) / "extra.json").symlink_to("/etc/passwd") or p / "mastodon"
)

# ---------------------------------------------------------------- zip
case("truncated zip (half)", "damaged or incomplete")(
    lambda p: (p / "t.zip").write_bytes(_x(p, {}).read_bytes()[:2000]) and p / "t.zip"
)
case("truncated zip (end record cut)", "damaged or incomplete")(
    lambda p: (p / "t.zip").write_bytes(_x(p, {}).read_bytes()[:-10]) and p / "t.zip"
)
case("zip signature only", "damaged or incomplete")(
    lambda p: (p / "t.zip").write_bytes(b"PK\x03\x04" + b"\0" * 40) and p / "t.zip"
)
case("zip bomb (ratio)", r"tweets\.js inside it.*zip bomb")(
    lambda p: _x(p, {"data/tweets.js": b"window.YTD.tweets.part0 = [" + b" " * (40 * 2**20) + b"]"})
)
case("zip slip ../", "leads outside the archive")(lambda p: _zip(p / "s.zip", {"../../evil.js": "x"}))
case("zip slip absolute", "leads outside the archive")(lambda p: _zip(p / "s.zip", {"/etc/cron.d/evil": "x"}))
case("zip slip drive letter", "leads outside the archive")(lambda p: _zip(p / "s.zip", {"C:\\Windows\\evil.js": "x"}))


@case("zip with a symlink member", "a link")
def _zip_link(p):
    path = p / "l.zip"
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("data/tweets.js")
        info.external_attr = 0o120777 << 16
        z.writestr(info, "/etc/passwd")
    return path


@case("zip member whose data is corrupt", r"tweets\.js inside it.*damaged")
def _zip_crc(p):
    data = bytearray(
        _zip(
            p / "c.zip",
            {
                "data/account.js": (FIXTURES / "x/data/account.js").read_bytes(),
                "data/tweets.js": b"window.YTD.tweets.part0 = []" * 50,
            },
            zipfile.ZIP_STORED,
        ).read_bytes()
    )
    at = data.index(b"window.YTD.tweets.part0") + 30
    data[at] ^= 0xFF
    (p / "c.zip").write_bytes(bytes(data))
    return p / "c.zip"


# ---------------------------------------------------------------- tar
case("tar with a symlink", r"a link to '/etc/passwd'")(
    lambda p: _tar(p / "m.tar.gz", lambda t: _tar_special(t, "outbox.json", tarfile.SYMTYPE, "/etc/passwd"))
)
case("tar with a hard link", "a link")(
    lambda p: _tar(p / "m.tar.gz", lambda t: _tar_special(t, "outbox.json", tarfile.LNKTYPE, "actor.json"))
)
case("tar with a device", "special file")(
    lambda p: _tar(p / "m.tar.gz", lambda t: _tar_special(t, "outbox.json", tarfile.FIFOTYPE))
)
case("tar slip ../", "leads outside the archive")(
    lambda p: _tar(p / "m.tar.gz", lambda t: _tar_file(t, "../outbox.json", b"{}"))
)
case("tar bomb", "archive bomb")(
    lambda p: _tar(p / "m.tar.gz", lambda t: _tar_file(t, "outbox.json", b" " * (40 * 2**20)))
)
case("truncated tar.gz", r"archive-2023\.tar\.gz")(
    lambda p: (
        (p / "archive-2023.tar.gz").write_bytes(
            _tar(
                p / "full.tar.gz",
                lambda t: [
                    _tar_file(t, n, (FIXTURES / "mastodon" / n).read_bytes()) for n in ("outbox.json", "actor.json")
                ],
            ).read_bytes()[:300]
        )
        and p / "archive-2023.tar.gz"
    )
)
case("gzip of something not a tar", "not a readable .tar.gz")(
    lambda p: (p / "m.tar.gz").write_bytes(gzip.compress(b"just some text, no tar header" * 40)) and p / "m.tar.gz"
)

# ---------------------------------------------------------------- X
case("wrong JS prefix", r"tweets\.js inside it.*does not start like")(
    lambda p: _x(p, {"data/tweets.js": "var tweets = []"})
)
case("JSON array cut short", r"tweets\.js inside it.*cut short")(
    lambda p: _x(p, {"data/tweets.js": _tweets([_tweet(), _tweet(id_str="2")])[:-30]})
)
case("tweets.js holds an object", "expected a list")(
    lambda p: _x(p, {"data/tweets.js": "window.YTD.tweets.part0 = {}"})
)
case("a tweet entry that is a number", "entry 2 is not an object")(
    lambda p: _x(p, {"data/tweets.js": "window.YTD.tweets.part0 = [" + json.dumps(_tweet()) + ", 7]"})
)
case("tweet without created_at", "no 'created_at'")(
    lambda p: _x(p, {"data/tweets.js": _tweets([_tweet(created_at=None)])})
)
case("tweet date in an unknown format", "2023-02-18T19:45")(
    lambda p: _x(p, {"data/tweets.js": _tweets([_tweet(created_at="2023-02-18T19:45:15Z")])})
)
case("favorite_count not a number", "favorite_count.*whole number")(
    lambda p: _x(p, {"data/tweets.js": _tweets([_tweet(favorite_count="lots")])})
)
case("tweet without text", "full_text")(lambda p: _x(p, {"data/tweets.js": _tweets([_tweet(full_text=None)])}))
case("tweet without id", "'id'")(lambda p: _x(p, {"data/tweets.js": _tweets([_tweet(id_str=None)])}))
case("no account.js and no manifest", r"account\.js.*missing")(
    lambda p: _x(p, {}, drop=("data/account.js", "data/manifest.js"))
)
case("mojibake in tweets.js", r"tweets\.js inside it.*not readable as UTF-8")(
    lambda p: _x(p, {"data/tweets.js": b"window.YTD.tweets.part0 = [\xff\xfe\x81]"})
)
case("following.js without accountId", "no 'accountId'")(
    lambda p: _x(p, {"data/following.js": 'window.YTD.following.part0 = [{"following": {"userLink": "x"}}]'})
)
case("manifest garbage", r"manifest\.js inside it")(lambda p: _x(p, {"data/manifest.js": "window.__THAR_CONFIG = {{{"}))

# ---------------------------------------------------------------- LinkedIn
_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
case("Connections.csv without its header", r"Connections\.csv.*no header line")(
    lambda p: _folder(p, "linkedin", {"Connections.csv": "Ana,Martins,,,,,01 Dec 2025\n"})
)
case("Connections.csv with a shifted header", r"Connections\.csv.*line 2.*'Connected On': ''")(
    lambda p: _folder(p, "linkedin", {"Connections.csv": "," + _HEADER + "Ana,Martins,,,,Owner,01 Dec 2025\n"})
)
case("Connections.csv rows shifted against the header", r"Connections\.csv.*line 2 has 8 values")(
    lambda p: _folder(p, "linkedin", {"Connections.csv": _HEADER + "x,Ana,Martins,,,,Owner,01 Dec 2025\n"})
)
case("CSV row with more values than columns", r"Comments\.csv.*line 2 has 5 values")(
    lambda p: _folder(p, "linkedin", {"Comments.csv": "Date,Link,Message\n2025-09-24 10:15:00,u,m,extra,more\n"})
)
case("CSV in neither UTF-8 nor Windows-1252", r"Shares\.csv.*UTF-8 or Windows-1252")(
    lambda p: _folder(
        p, "linkedin", {"Shares.csv": b"Date,ShareLink,ShareCommentary\n2025-09-22 21:06:44,u,\x81\x8d\x90\n"}
    )
)
case("Shares.csv without a Date column", r"Shares\.csv.*no header line with the columns date")(
    lambda p: _folder(p, "linkedin", {"Shares.csv": "When,ShareLink\n2025,u\n"})
)
case("Reactions date in an unknown format", r"Reactions\.csv.*'18\.02\.2025'")(
    lambda p: _folder(p, "linkedin", {"Reactions.csv": "Date,Type,Link\n18.02.2025,LIKE,u\n"})
)
case("Invitations without a known direction", "INCOMING or OUTGOING")(
    lambda p: _folder(
        p, "linkedin", {"Invitations.csv": 'From,To,Sent At,Message,Direction\nA,B,"9/27/25, 8:41 AM",,\n'}
    )
)

# ---------------------------------------------------------------- Mastodon
case("outbox.json cut short", r"outbox\.json.*cut short")(
    lambda p: _folder(p, "mastodon", {"outbox.json": (FIXTURES / "mastodon/outbox.json").read_text()[:500]})
)
case("outbox.json is a list", "orderedItems")(lambda p: _folder(p, "mastodon", {"outbox.json": "[]"}))
case("no actor.json", r"actor\.json.*missing")(lambda p: _folder(p, "mastodon", {}, drop=("actor.json",)))
case("actor.json without preferredUsername", "preferredUsername")(
    lambda p: _folder(p, "mastodon", {"actor.json": '{"id": "https://x.example/users/a"}'})
)
case("a post published at an unknown time", "published is 'last Tuesday'")(
    lambda p: _folder(
        p,
        "mastodon",
        {
            "outbox.json": _outbox(
                [
                    {
                        "type": "Create",
                        "to": ["Public"],
                        "object": {"id": "u1", "type": "Note", "published": "last Tuesday", "content": "hi"},
                    }
                ]
            )
        },
    )
)
case("a boost without its object", "boost without the post")(
    lambda p: _folder(
        p, "mastodon", {"outbox.json": _outbox([{"type": "Announce", "id": "a1", "published": "2023-01-01T00:00:00Z"}])}
    )
)
case("a post without id", "has no 'id'")(
    lambda p: _folder(p, "mastodon", {"outbox.json": _outbox([{"type": "Create", "object": {"type": "Note"}}])})
)
case("an outbox item that is text", "item 1 is not an object")(
    lambda p: _folder(p, "mastodon", {"outbox.json": _outbox(["x"])})
)
case("following_accounts.csv with a bad address", r"following_accounts\.csv.*line 2.*'not an address'")(
    lambda p: _folder(p, "mastodon", {"following_accounts.csv": "Account address,Show boosts\nnot an address,true\n"})
)

# ---------------------------------------------------------------- Bluesky (more in test_imports_bluesky.py)
case("a CAR with a zero-length header", "not an export the kit recognises")(
    lambda p: (p / "r.car").write_bytes(b"\x00" + b"\xa2" * 40) and p / "r.car"
)
case("a CAR whose header is not a map", "damaged")(
    lambda p: (p / "r.car").write_bytes(b"\x0a\xa2eroots\x80gversion" + b"\x01" * 3) and p / "r.car"
)


def _names(path: Path) -> list[str]:
    return [p.name for p in path.rglob("*")] if path.exists() else []


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input_is_one_clear_error_naming_the_file(tmp_path, name):
    build, expect = CASES[name]
    path = build(tmp_path)
    before = sorted(_names(tmp_path))
    with pytest.raises(ExportError) as err:
        read_export(path)
    message = str(err.value)
    assert path.name in message or path.parent.name in message, message
    assert "\n" not in message and len(message) < 400, message
    assert "Traceback" not in message
    assert re.search(expect, message), message
    assert sorted(_names(tmp_path)) == before  # nothing written, half or whole


def test_there_are_at_least_fifty_named_bad_inputs():
    assert len(CASES) >= 50


def test_limits_are_checked_from_the_archive_before_reading(tmp_path, monkeypatch):
    path = _x(tmp_path, {})
    monkeypatch.setattr(archive, "MAX_TOTAL", 1000)
    with pytest.raises(ExportError, match="twitter.zip: unpacks to more than"):
        read_export(path)
    monkeypatch.setattr(archive, "MAX_TOTAL", 2**40)
    monkeypatch.setattr(archive, "MAX_MEMBER", 500)
    with pytest.raises(ExportError, match=r"inside it\): 0 MB, more than"):
        read_export(path)
