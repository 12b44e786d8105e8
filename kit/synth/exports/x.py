"""An X/Twitter archive (``x-archive.zip``) of one business of the sample town.

Written from the archive as its own README and the parsers of it describe it: ``data/manifest.js``
(``window.__THAR_CONFIG``: every data type's files and the JavaScript global each assigns),
``data/account.js``, the tweets split over ``data/tweets.js`` (``window.YTD.tweets.part0``) and
``data/tweets-part1.js`` (``window.YTD.tweets.part1``), ``data/follower.js`` and
``data/following.js`` (account ids only) and ``data/like.js`` (no dates).
"""

from __future__ import annotations

import datetime as dt
import json
import re

from ...scenario import Scenario
from . import Tables, digest, end_of, utc, zip_bytes

TWITTER_EPOCH_MS = 1288834974657
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TOKEN = re.compile(r"(?<![\w@#])([@#])(\w+)|(https://\S+)")

DICTIONARY = """
### `x-archive.zip` — an X/Twitter archive

What the account's "Download an archive of your data" zip holds, for the tables' rows of that
business: every post of it in `posts` (originals, replies, retweets, quotes), its rows in
`follows` both ways, its account. Quirks on purpose, each as real archives have it:

- `data/manifest.js` (`window.__THAR_CONFIG = {...}`) lists each data type's files and the
  JavaScript global each assigns; the tweets are split over `data/tweets.js`
  (`window.YTD.tweets.part0 = [...]`) and `data/tweets-part1.js` (`window.YTD.tweets.part1`),
  newest first. The files are JavaScript assignments: strip the prefix, parse JSON, never evaluate.
- A few entries of `tweets-part1.js` lack the `{"tweet": {...}}` wrapper.
- `created_at` like `Mon Oct 05 18:31:07 +0000 2026` (UTC; English day and month names);
  `favorite_count`, `retweet_count`, `id`, entity `indices` and `display_text_range` are strings.
- Reply fields (`in_reply_to_status_id_str`, `in_reply_to_screen_name`,
  `in_reply_to_user_id_str` and their non-`_str` twins) are ABSENT on non-replies, not null.
- A retweet is recognisable only by its text, `RT @author: <original text>`, whose
  `user_mentions` include the author (the `retweeted` flag is `false`, as in real archives).
- A quote's text is the comment followed by the quoted post's address
  (`https://twitter.com/<handle>/status/<id>`, also in `entities.urls`); the table's quote text is
  the comment alone. Links are shown expanded (real archives show `t.co` short links).
- `entities.user_mentions` (with `id_str`; one mention carries the id `-1`, as archives show a
  suspended or deleted account) and `entities.hashtags` (without the `#`).
- `data/follower.js` and `data/following.js` hold `accountId` (and a `userLink`) only: no handles.
- `data/like.js` has no dates. The town records no likes given, so it lists the posts the
  business replied to (a stand-in, so the file has rows).
- Tweet ids are snowflakes from the post's time and `post_id`; user ids a hash of the scenario's
  seed and `account_id` (see `kit.synth.exports.x.tweet_id` / `user_id`).
"""


def tweet_id(created_at, post_id: int) -> str:
    """A snowflake-shaped id: milliseconds since Twitter's epoch, and the post_id in the low bits."""
    ms = int(utc(created_at).timestamp() * 1000)
    return str(((ms - TWITTER_EPOCH_MS) << 22) | (int(post_id) & 0x3FFFFF))


def user_id(s: Scenario, account_id: int) -> str:
    """A numeric user id: a hash of the seed and the account, with the account_id in its low digits."""
    return str((1 + int.from_bytes(digest("x-user", s.seed, int(account_id))[:4], "big")) * 10**6 + int(account_id))


def created_at(ts) -> str:
    """``Mon Oct 05 18:31:07 +0000 2026`` (UTC), without the locale's day and month names."""
    t = utc(ts)
    return f"{_DAYS[t.weekday()]} {_MONTHS[t.month - 1]} {t:%d %H:%M:%S} +0000 {t.year}"


def _entities(text: str, ids: dict[str, str], minus_one: str | None) -> dict:
    hashtags, mentions, urls = [], [], []
    for m in _TOKEN.finditer(text):
        where = [str(m.start()), str(m.end())]
        if m.group(3):
            url = m.group(3)
            urls.append(
                {"url": url, "expanded_url": url, "display_url": url.removeprefix("https://"), "indices": where}
            )
        elif m.group(1) == "#":
            hashtags.append({"text": m.group(2), "indices": where})
        else:
            uid = "-1" if m.group(2) == minus_one else ids.get(m.group(2), "-1")
            mentions.append({"name": m.group(2), "screen_name": m.group(2), "indices": where, "id_str": uid, "id": uid})
    return {"hashtags": hashtags, "symbols": [], "user_mentions": mentions, "urls": urls}


def _js(global_name: str, value) -> bytes:
    text = json.dumps(value, indent=2, ensure_ascii=False, separators=(",", " : "))
    return f"window.{global_name} = {text}".encode()


def archive(s: Scenario, table: Tables, account_id: int) -> bytes:
    accounts, posts, follows = table("accounts"), table("posts"), table("follows")
    acc = accounts.set_index("account_id")
    me = acc.loc[account_id]
    name = me["handle"].lstrip("@")
    uids = {h.lstrip("@"): user_id(s, a) for a, h in zip(accounts["account_id"], accounts["handle"])}
    by_id = posts.set_index("post_id")
    ids = {int(p): tweet_id(t, p) for p, t in zip(posts["post_id"], posts["created_at"])}
    mine = posts[posts["account_id"] == account_id].sort_values(["created_at", "post_id"], ascending=False)
    with_mention = mine[mine["kind"] != "retweet"]
    with_mention = with_mention[with_mention["mentions"].fillna("") != ""]
    minus_one = with_mention.iloc[0]["mentions"].split()[0].lstrip("@") if len(with_mention) else None

    entries = []
    for row in mine.itertuples():
        text = row.text
        if row.kind == "retweet":
            orig = by_id.loc[int(row.shared_post_id)]
            text = f"RT {orig['handle']}: {orig['text']}"
        elif row.kind == "quote":
            orig = by_id.loc[int(row.shared_post_id)]
            text = f"{text} https://twitter.com/{orig['handle'].lstrip('@')}/status/{ids[int(row.shared_post_id)]}"
        tid = ids[int(row.post_id)]
        t = {
            "edit_info": {
                "initial": {"editTweetIds": [tid], "editsRemaining": "5", "isEditEligible": row.kind != "retweet"}
            },
            "retweeted": False,
            "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
            "entities": _entities(text, uids, minus_one if row.kind != "retweet" else None),
            "display_text_range": ["0", str(len(text))],
            "favorite_count": str(int(row.likes)),
            "id_str": tid,
            "truncated": False,
            "retweet_count": str(int(row.retweets)),
            "id": tid,
            "created_at": created_at(row.created_at),
            "favorited": False,
            "full_text": text,
            "lang": "en",
        }
        if row.kind == "reply":
            parent = by_id.loc[int(row.reply_to_post_id)]
            pid, puid = ids[int(row.reply_to_post_id)], uids[parent["handle"].lstrip("@")]
            t.update(
                in_reply_to_status_id_str=pid,
                in_reply_to_status_id=pid,
                in_reply_to_user_id=puid,
                in_reply_to_user_id_str=puid,
                in_reply_to_screen_name=parent["handle"].lstrip("@"),
            )
        entries.append(t)
    cut = (len(entries) * 3 + 4) // 5
    part0 = [{"tweet": t} for t in entries[:cut]]
    part1 = [t if i % 10 == 3 else {"tweet": t} for i, t in enumerate(entries[cut:])]

    followers = sorted(follows.loc[follows["followed_id"] == account_id, "follower_id"])
    following = sorted(follows.loc[follows["follower_id"] == account_id, "followed_id"])
    link = "https://twitter.com/intent/user?user_id="
    liked = mine[mine["kind"] == "reply"]["reply_to_post_id"].dropna().astype(int).drop_duplicates()
    joined = dt.datetime.combine(me["joined"].date(), dt.time(9, 0))
    data = {
        "account": [
            {
                "account": {
                    "email": f"{name.lower()}@example.org",
                    "createdVia": "web",
                    "username": name,
                    "accountId": uids[name],
                    "createdAt": f"{joined:%Y-%m-%dT%H:%M:%S}.000Z",
                    "accountDisplayName": me["display_name"],
                }
            }
        ],
        "tweets": (part0, part1),
        "follower": [
            {
                "follower": {
                    "accountId": uids[acc.loc[a, "handle"].lstrip("@")],
                    "userLink": link + uids[acc.loc[a, "handle"].lstrip("@")],
                }
            }
            for a in followers
        ],
        "following": [
            {
                "following": {
                    "accountId": uids[acc.loc[a, "handle"].lstrip("@")],
                    "userLink": link + uids[acc.loc[a, "handle"].lstrip("@")],
                }
            }
            for a in following
        ],
        "like": [
            {
                "like": {
                    "tweetId": ids[p],
                    "fullText": by_id.loc[p, "text"],
                    "expandedUrl": "https://twitter.com/i/web/status/" + ids[p],
                }
            }
            for p in liked
        ],
    }
    members, types = {}, {}
    for kind, value in data.items():
        parts = value if kind == "tweets" else (value,)
        files = []
        for i, part in enumerate(parts):
            fname = f"data/{kind}.js" if i == 0 else f"data/{kind}-part{i}.js"
            members[fname] = _js(f"YTD.{kind}.part{i}", part)
            files.append({"fileName": fname, "globalName": f"YTD.{kind}.part{i}", "count": str(len(part))})
        types[kind] = {"files": files}
        if kind == "tweets":
            types[kind]["mediaDirectory"] = "data/tweets_media"
    members["data/README.txt"] = (
        "SYNTHETIC demo archive generated by the seminar kit (kit data build) from the sample "
        f"town of {s.town}. The account, people and posts are invented.\n"
    ).encode()
    manifest = {
        "userInfo": {"accountId": uids[name], "userName": name, "displayName": me["display_name"]},
        "archiveInfo": {
            "sizeBytes": str(sum(len(v) for v in members.values())),
            "generationDate": f"{end_of(s):%Y-%m-%dT%H:%M:%S}.000Z",
            "isPartialArchive": False,
            "maxPartSizeBytes": "53687091200",
        },
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
        "dataTypes": dict(sorted(types.items())),
    }
    members["data/manifest.js"] = (
        "window.__THAR_CONFIG = " + json.dumps(manifest, indent=2, ensure_ascii=False)
    ).encode()
    return zip_bytes(members, end_of(s))
