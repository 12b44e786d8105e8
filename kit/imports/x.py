"""X (Twitter) archives: the zip from "Download an archive of your data", or its unpacked folder.

The format, as the archive's own ``Your archive.html`` reader and independent parsers
(twitter-archive-parser, timelinize, the tiddlywiki archivist) read it:

* ``data/manifest.js`` (``window.__THAR_CONFIG = {...}``) lists each data type's files and the
  JavaScript global each one assigns (``YTD.tweets.part0``); it is the robust way in. Older
  archives have no manifest: then ``data/`` is scanned for ``tweets.js`` / ``tweet.js`` /
  ``tweets-part1.js``... Manifests in the wild carry trailing commas, which JSON forbids.
* Each data file is ``window.YTD.<type>.part<N> = [ ... ]``: the prefix is stripped and the rest
  parsed as JSON. **Nothing from the archive is ever evaluated.**
* Tweets: entries are ``{"tweet": {...}}``, or the bare object in some archives. ``created_at``
  like ``Sat Feb 18 19:45:15 +0000 2023``; ``favorite_count`` / ``retweet_count`` are strings;
  the reply fields (``in_reply_to_status_id_str``...) are *absent* on non-replies; a retweet is
  recognisable only by its ``RT @author:`` prefix (its text is stored as the original's, the
  prefix removed, and its first mention, the retweeted author, dropped, as in the sample town);
  a quote only by a link to a status in ``entities.urls``; mention ids can be ``-1``; a reply to
  one's own tweet is a thread, still a reply. Mentions and hashtags come from ``entities``.
* ``follower.js`` / ``following.js`` hold ``accountId`` only, no handles (an account gets one only
  when the owner mentioned it or replied to it); ``like.js`` has no dates; ``account.js`` holds
  the owner's ``username`` and ``accountId``.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd

from .archive import Source
from .errors import ExportError
from .tables import Accounts, follows_tables, posts_table

__all__ = ["is_x", "read_x"]

_PREFIX = re.compile(r"^\s*window\.([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*=\s*")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_STATUS_LINK = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:\w+|i/web)/status(?:es)?/(\d+)")
_TWEET_FILE = re.compile(r"^data/tweets?(?:-part\d+)?\.js$", re.I)
_DATE = "%a %b %d %H:%M:%S %z %Y"


def is_x(src: Source) -> bool:
    return any(n.lower() in ("data/manifest.js", "data/account.js") or _TWEET_FILE.match(n) for n in src.names)


def _js(src: Source, name: str, array: bool = True):
    """The JSON after a ``window.X = `` prefix (parsed, never evaluated)."""
    text = src.text(name).strip().rstrip(";")
    m = _PREFIX.match(text)
    if not m:
        raise ExportError(
            f"{src.label(name)}: does not start like an X archive file; expected "
            f"'window.YTD.<name>.part0 = [' (found {text[:30]!r})"
        )
    body = text[m.end() :]
    try:
        value = json.loads(body)
    except json.JSONDecodeError as e:
        try:
            value = json.loads(_TRAILING_COMMA.sub(r"\1", body))
        except json.JSONDecodeError:
            raise ExportError(
                f"{src.label(name)}: the data is cut short or garbled at line {e.lineno}, column "
                f"{e.colno} ({e.msg}); expected a complete JSON {'array' if array else 'object'} "
                f"(download the archive again)"
            ) from None
    if array and not isinstance(value, list):
        raise ExportError(
            f"{src.label(name)}: expected a list of entries after '{m.group(1)} =', found {type(value).__name__}"
        )
    if not array and not isinstance(value, dict):
        raise ExportError(f"{src.label(name)}: expected an object after '{m.group(1)} =', found {type(value).__name__}")
    return value


def _files(src: Source, manifest: dict | None, kinds: tuple[str, ...], pattern: str) -> list[str]:
    """The member names of one data type: from the manifest when it names them, else by scanning data/."""
    if manifest is not None:
        types = manifest.get("dataTypes") if isinstance(manifest.get("dataTypes"), dict) else {}
        for kind in kinds:
            entry = types.get(kind)
            files = entry.get("files") if isinstance(entry, dict) else None
            if isinstance(files, list):
                names = [
                    src.find(f["fileName"]) for f in files if isinstance(f, dict) and isinstance(f.get("fileName"), str)
                ]
                names = [n for n in names if n]
                if names:
                    return names
    rx = re.compile(pattern, re.I)
    return sorted(
        (n for n in src.names if rx.match(n)),
        key=lambda n: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", n)],
    )


def _entries(src: Source, names: list[str], wrapper: str) -> list[tuple[str, int, dict]]:
    out = []
    for name in names:
        for i, item in enumerate(_js(src, name)):
            inner = item.get(wrapper, item) if isinstance(item, dict) else item
            if not isinstance(inner, dict):
                raise ExportError(
                    f'{src.label(name)}: entry {i + 1} is not an object; expected {{"{wrapper}": {{...}}}} entries'
                )
            out.append((name, i, inner))
    return out


def _need(src, name, i, obj, key, what="a text"):
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise ExportError(f"{src.label(name)}: entry {i + 1} has no {key!r}; expected {what} there")
    return value


def _count(src, name, i, obj, key):
    value = obj.get(key)
    if value is None:
        return None
    try:
        n = int(value)
    except (TypeError, ValueError, OverflowError):
        n = -1
    if isinstance(value, bool) or not 0 <= n < 2**53:
        raise ExportError(f"{src.label(name)}: entry {i + 1}: {key} is {value!r}; expected a whole number of 0 or more")
    return n


def _list(obj, *keys) -> list:
    for key in keys:
        obj = obj.get(key) if isinstance(obj, dict) else None
    return [e for e in obj if isinstance(e, dict)] if isinstance(obj, list) else []


def _start(entity) -> int:
    try:
        return int(entity.get("indices", [-1])[0])
    except (TypeError, ValueError, LookupError):  # indices missing, empty, or not a list ({} gives KeyError)
        return -1


def _tweet(src, name, i, t, owner, accounts) -> dict:
    tid = _need(src, name, i, t, "id_str") if "id_str" in t else _need(src, name, i, t, "id")
    stamp = _need(src, name, i, t, "created_at", "a date like 'Sat Feb 18 19:45:15 +0000 2023'")
    try:
        created = dt.datetime.strptime(stamp, _DATE).astimezone(dt.UTC)
    except ValueError:
        raise ExportError(
            f"{src.label(name)}: entry {i + 1}: created_at {stamp!r} is not a date like "
            f"'Sat Feb 18 19:45:15 +0000 2023'"
        ) from None
    text = t.get("full_text", t.get("text"))
    if not isinstance(text, str):
        raise ExportError(f"{src.label(name)}: entry {i + 1} has no 'full_text'; expected the tweet's text")
    mentions = _list(t, "entities", "user_mentions")
    for m in mentions:
        if str(m.get("id_str", m.get("id", "-1"))) not in ("-1", "None") and m.get("screen_name"):
            accounts.learn(str(m.get("id_str", m.get("id"))), "@" + str(m.get("screen_name", "")).lstrip("@"))
    kind, shared = "original", None
    if text.startswith("RT @"):
        kind = "retweet"
        mentions = [m for m in mentions if _start(m) != 3]
        text = re.sub(r"^RT @\w+: ?", "", text, count=1)
    links = [str(u.get("expanded_url") or "") for u in _list(t, "entities", "urls")]
    reply_to = t.get("in_reply_to_status_id_str") or t.get("in_reply_to_status_id")
    if reply_to:
        kind = "reply"
        accounts.learn(
            t.get("in_reply_to_user_id_str"),
            "@" + t["in_reply_to_screen_name"] if isinstance(t.get("in_reply_to_screen_name"), str) else None,
        )
    elif kind == "original":
        quoted = [m.group(1) for m in map(_STATUS_LINK.match, links) if m]
        if quoted:
            kind, shared = "quote", quoted[0]
    return {
        "external_id": tid,
        "author": accounts.rows[0]["external_id"],
        "handle": owner,
        "created_at": created,
        "kind": kind,
        "text": text,
        "reply_to_external": str(reply_to) if reply_to else None,
        "shared_external": shared,
        "mentions": ["@" + str(m.get("screen_name", "")).lstrip("@") for m in mentions if m.get("screen_name")],
        "hashtags": [
            "#" + str(h.get("text", "")).lstrip("#") for h in _list(t, "entities", "hashtags") if h.get("text")
        ],
        "has_link": bool(links) or "http://" in text or "https://" in text,
        "likes": _count(src, name, i, t, "favorite_count"),
        "retweets": _count(src, name, i, t, "retweet_count"),
        "replies": None,
    }


def read_x(src: Source) -> tuple[str | None, dict, list[str]]:
    manifest_name = src.find("data/manifest.js")
    manifest = _js(src, manifest_name, array=False) if manifest_name else None
    owner = owner_id = None
    info = manifest.get("userInfo") if manifest else None
    if isinstance(info, dict):
        owner = f"@{info['userName']}" if isinstance(info.get("userName"), str) else None
        owner_id = str(info["accountId"]) if info.get("accountId") else None
    for name in _files(src, manifest, ("account",), r"^data/account\.js$"):
        for _, i, acc in _entries(src, [name], "account"):
            owner = "@" + _need(src, name, i, acc, "username")
            owner_id = str(acc.get("accountId") or owner_id or "") or None
    tweet_files = _files(src, manifest, ("tweets", "tweet"), r"^data/tweets?(-part\d+)?\.js$")
    if owner is None:
        raise ExportError(
            f"{src.label('data/account.js')}: missing; expected data/account.js (or data/manifest.js) "
            f"naming the archive's account"
        )
    accounts = Accounts(owner, owner_id)
    cannot = [
        "X archives hold follower and following ids, not handles: an account gets a handle only "
        "where you mentioned it or replied to it",
        "X archives hold no reply counts (replies is empty) and no ids of the posts a retweet shares",
        "like.js has no dates: when you liked something cannot be told",
    ]
    following = _entries(src, _files(src, manifest, ("following",), r"^data/following\.js$"), "following")
    followers = _entries(src, _files(src, manifest, ("follower",), r"^data/follower\.js$"), "follower")
    edges = []
    for name, i, e in following:
        edges.append((1, accounts.id(_need(src, name, i, e, "accountId", "an account id"))))
    for name, i, e in followers:
        edges.append((accounts.id(_need(src, name, i, e, "accountId", "an account id")), 1))
    rows = [_tweet(src, name, i, t, owner, accounts) for name, i, t in _entries(src, tweet_files, "tweet")]
    if not tweet_files:
        cannot.append("this archive holds no tweets file")
    own = {r["external_id"] for r in rows}
    if any(r["kind"] == "reply" and r["reply_to_external"] in own for r in rows):
        cannot.append("replies to your own tweets are threads: they count as replies, with you as the one answered")
    tables = {"posts": posts_table(rows, "x", accounts)}
    tables.update(follows_tables(edges, "x", accounts))
    likes = _entries(src, _files(src, manifest, ("like",), r"^data/like\.js$"), "like")
    if likes:
        tables["likes"] = pd.DataFrame(
            {
                "external_id": pd.Series([str(e.get("tweetId") or "") or None for _, _, e in likes], dtype="string"),
                "source": pd.Series(["x"] * len(likes), dtype="string"),
            }
        )
    return owner, tables, cannot
