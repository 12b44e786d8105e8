"""A Mastodon backup (``mastodon-archive.tar.gz``) of one business of the sample town.

Written from the archive as Mastodon's documentation and ActivityStreams describe it:
``outbox.json`` (an OrderedCollection of ``Create`` activities wrapping ``Note`` objects, and
``Announce`` activities for boosts), ``actor.json`` and ``following_accounts.csv``. A real backup
has no followers file, and neither has this one.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re

from ...scenario import Scenario
from . import Tables, end_of, tar_gz_bytes, utc

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
ELSEWHERE = "elsewhere.example"
_TOKEN = re.compile(r"(?<![\w@#])([@#])(\w+)|(https://\S+)")

DICTIONARY = """
### `mastodon-archive.tar.gz` — a Mastodon backup

The business's posts and follows as its Mastodon account's backup (Preferences → Import and
export → Request your archive) holds them. The town's local accounts live on the fictional
instance `<county>.example` (`dorset.example` here), accounts elsewhere on `elsewhere.example`. Quirks on purpose:

- `outbox.json` is an ActivityStreams `OrderedCollection` (oldest first): originals, replies
  and quotes are `Create` activities wrapping a `Note` (`id`, `published` in UTC with a `Z`,
  `inReplyTo` null or the answered post's URI, `to`/`cc`); a retweet is an `Announce` whose
  `object` is a bare URI string (the boosted post is not in the archive).
- `content` is HTML: `<p>…</p>`, HTML-escaped (`&#39;`), mentions and hashtags as links, web
  links split into `<span class="invisible">` parts as Mastodon writes them; `tag[]` lists each
  `Mention` (`href`, `name`) and `Hashtag`. Strip the markup to get the table's text.
- A quote is a `Note` with a `quote` property (the quoted post's URI, as Mastodon 4.5 writes it);
  its content is the comment alone.
- Two **direct messages** are invented (not in the town's tables): `to` is a single actor, no
  Public collection. An importer keeps only posts addressed to the Public collection unless asked.
- `following_accounts.csv` (`Account address,Show boosts,Notify on new posts,Languages`,
  addresses `user@host`) holds the business's rows in `follows` as follower. There is **no
  followers file**, as in a real backup: a measure that needs followers cannot run on it.
- Status ids are Mastodon-shaped snowflakes from the post's time and `post_id`.
"""


def host_of(s: Scenario) -> str:
    return "".join(ch for ch in s.county.lower() if ch.isalnum()) + ".example"


def status_id(created_at, post_id: int) -> str:
    return str((int(utc(created_at).timestamp() * 1000) << 16) | (int(post_id) & 0xFFFF))


def _published(ts) -> str:
    return f"{utc(ts):%Y-%m-%dT%H:%M:%SZ}"


def _content(text: str, where: dict[str, str], host: str) -> tuple[str, list[dict]]:
    out, tags, last = [], [], 0
    for m in _TOKEN.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        last = m.end()
        if m.group(3):
            url = m.group(3)
            rest = url.removeprefix("https://")
            out.append(
                f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener" translate="no">'
                f'<span class="invisible">https://</span><span class="">{html.escape(rest)}</span>'
                '<span class="invisible"></span></a>'
            )
        elif m.group(1) == "#":
            tag = m.group(2)
            out.append(
                f'<a href="https://{host}/tags/{tag.lower()}" class="mention hashtag" rel="tag">#<span>{tag}</span></a>'
            )
            tags.append({"type": "Hashtag", "href": f"https://{host}/tags/{tag.lower()}", "name": f"#{tag.lower()}"})
        else:
            name = m.group(2)
            at = where.get(name, ELSEWHERE)
            out.append(
                f'<span class="h-card" translate="no"><a href="https://{at}/@{name}" '
                f'class="u-url mention">@<span>{name}</span></a></span>'
            )
            tags.append(
                {
                    "type": "Mention",
                    "href": f"https://{at}/users/{name}",
                    "name": f"@{name}" if at == host else f"@{name}@{at}",
                }
            )
    out.append(html.escape(text[last:]))
    return "<p>" + "".join(out) + "</p>", tags


def archive(s: Scenario, table: Tables, account_id: int) -> bytes:
    accounts, posts, follows = table("accounts"), table("posts"), table("follows")
    host = host_of(s)
    where = {h.lstrip("@"): host if local else ELSEWHERE for h, local in zip(accounts["handle"], accounts["local"])}
    acc = accounts.set_index("account_id")
    me = acc.loc[account_id]
    name = me["handle"].lstrip("@")
    actor = f"https://{host}/users/{name}"
    by_id = posts.set_index("post_id")

    def uri(post_id: int) -> str:
        p = by_id.loc[int(post_id)]
        h = p["handle"].lstrip("@")
        return f"https://{where[h]}/users/{h}/statuses/{status_id(p['created_at'], post_id)}"

    def note(sid, text, published, to, cc, reply_to=None, quote=None):
        content, tags = _content(text, where, host)
        obj = {
            "id": f"{actor}/statuses/{sid}",
            "type": "Note",
            "summary": None,
            "inReplyTo": reply_to,
            "published": published,
            "url": f"https://{host}/@{name}/{sid}",
            "attributedTo": actor,
            "to": to,
            "cc": cc,
            "sensitive": False,
            "content": content,
            "contentMap": {"en": content},
            "attachment": [],
            "tag": tags,
        }
        if quote:
            obj["quote"] = quote
        return {
            "id": f"{actor}/statuses/{sid}/activity",
            "type": "Create",
            "actor": actor,
            "published": published,
            "to": to,
            "cc": cc,
            "object": obj,
        }

    mine = posts[posts["account_id"] == account_id].sort_values(["created_at", "post_id"])
    items = []
    for row in mine.itertuples():
        sid, published = status_id(row.created_at, row.post_id), _published(row.created_at)
        mentioned = [
            f"https://{where.get(h.lstrip('@'), ELSEWHERE)}/users/{h.lstrip('@')}"
            for h in (row.mentions if isinstance(row.mentions, str) else "").split()
        ]
        if row.kind == "retweet":
            orig = by_id.loc[int(row.shared_post_id)]["handle"].lstrip("@")
            items.append(
                {
                    "id": f"{actor}/statuses/{sid}/activity",
                    "type": "Announce",
                    "actor": actor,
                    "published": published,
                    "to": [PUBLIC],
                    "cc": [f"https://{where[orig]}/users/{orig}", f"{actor}/followers"],
                    "object": uri(row.shared_post_id),
                }
            )
            continue
        reply_to = uri(row.reply_to_post_id) if row.kind == "reply" else None
        cc = [f"{actor}/followers"] + mentioned
        if reply_to:
            parent = by_id.loc[int(row.reply_to_post_id)]["handle"].lstrip("@")
            author = f"https://{where[parent]}/users/{parent}"
            cc += [] if author in cc else [author]
        items.append(
            note(
                sid,
                row.text,
                published,
                [PUBLIC],
                cc,
                reply_to,
                uri(row.shared_post_id) if row.kind == "quote" else None,
            )
        )

    # two direct messages (invented): to one actor only, after the account's first two replies
    replies = mine[mine["kind"] == "reply"].head(2)
    for k, row in enumerate(replies.itertuples()):
        other = by_id.loc[int(row.reply_to_post_id)]["handle"].lstrip("@")
        when = row.created_at + dt.timedelta(minutes=10)
        sid = status_id(when, 0xFFFF - k)
        target = f"https://{where[other]}/users/{other}"
        items.append(
            note(
                sid,
                f"@{other} thanks - I will send you the details here, just between us",
                _published(when),
                [target],
                [],
                uri(row.reply_to_post_id),
            )
        )
    items.sort(key=lambda a: (a["published"], a["id"]))
    outbox = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": len(items),
        "orderedItems": items,
    }
    actor_json = {
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "id": actor,
        "type": "Person",
        "following": f"{actor}/following",
        "followers": f"{actor}/followers",
        "inbox": f"{actor}/inbox",
        "outbox": "outbox.json",
        "preferredUsername": name,
        "name": me["display_name"],
        "summary": f"<p>{html.escape(str(me['business_type']))} in {s.town}. SYNTHETIC demo account.</p>",
        "url": f"https://{host}/@{name}",
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "published": f"{me['joined']:%Y-%m-%d}T00:00:00Z",
    }
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Account address", "Show boosts", "Notify on new posts", "Languages"])
    for a in sorted(follows.loc[follows["follower_id"] == account_id, "followed_id"]):
        h = acc.loc[a, "handle"].lstrip("@")
        w.writerow([f"{h}@{where[h]}", "true", "false", ""])
    members = {
        "outbox.json": json.dumps(outbox, indent=2, ensure_ascii=False).encode(),
        "actor.json": json.dumps(actor_json, indent=2, ensure_ascii=False).encode(),
        "following_accounts.csv": out.getvalue().encode(),
    }
    return tar_gz_bytes(members, end_of(s))
