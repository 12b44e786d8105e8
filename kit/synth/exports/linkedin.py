"""A LinkedIn "Get a copy of your data" zip (``linkedin-export.zip``) of one member.

Written from the export as LinkedIn's help pages and the parsers of it describe it: one CSV per
kind of data, ``Connections.csv`` behind a ``Notes:`` paragraph, not always UTF-8, and a different
date format in nearly every file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata

import numpy as np

from ...scenario import Scenario
from .. import names
from . import Tables, digest, end_of, zip_bytes

ACCENTS = {"Zoe": "Zoë", "Chloe": "Chloë"}
POSITIONS = ("Owner", "Director", "Founder", "Office Manager", "Partner", "Managing Director")
REACTIONS = ("LIKE", "LIKE", "LIKE", "PRAISE", "EMPATHY", "INTEREST")
SKILLS = ("Customer Service", "Small Business", "Bookkeeping", "Social Media", "Event Planning")
NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address. This demo export is "
    'SYNTHETIC: every person in it is invented."\n\n'
)
COMMENTS = (
    'Agree - "local first" works for us too',
    "Great point, thanks for sharing",
    'We tried the "one question a week" idea and it helped',
    "Useful, saving this",
)
ANSWERS = ('Happy to help: we use a local firm, "ask for the owner" is my tip', "Try the library's free sessions")
DISCUSSION = ("Count us in for the next meet-up", 'Good thread - "people buy from people" is right')

DICTIONARY = """
### `linkedin-export.zip` — a LinkedIn "Get a copy of your data" export

One member's `linkedin_activity` rows, one CSV per kind of action, with times of day invented
between 08:00 and 20:00 UTC (the table has dates only; the UTC date is the row's date). How each
action maps, and what has no counterpart:

| action in `linkedin_activity` | file | note |
|---|---|---|
| `connection_request` | `Invitations.csv`, Direction `OUTGOING` | the `INCOMING` rows are invented (the town has no incoming invitations) |
| `message` | `messages.csv`, FROM the member | the replies FROM others are `linkedin_outcomes.conversations` (that many of the member's messages got one) |
| `comment`, `answer_question`, `join_discussion` | `Comments.csv` | the export cannot tell the three apart |
| `post` | `Shares.csv` | the commentary is invented text |
| `like` | `Reactions.csv` | `Type` is any reaction (LIKE, PRAISE, ...) |
| `follow_company` | `Company Follows.csv` | |
| `endorse_skill` | `Endorsement_Given_Info.csv` | |
| `profile_edit` | — | no export file dates profile edits: it is missing from the export |

`Connections.csv` lists the member's `connections` (the count at the start of the quarter) as
named people generated from the kit's invented names, connected before the quarter; the
connection requests of the quarter are not known to have been accepted, so they are not in it.
`Profile.csv` gives the member's name. Quirks on purpose:

- `Connections.csv` starts with a `Notes:` paragraph and a blank line before the header
  `First Name,Last Name,URL,Email Address,Company,Position,Connected On`; it is encoded in
  **Windows-1252** (a connection is called Zoë); the other files are UTF-8. Most emails are
  empty (the rest at `*.example`).
- Dates in six formats: `01 Dec 2025` (Connections), `2025-09-22 21:06:44` (Shares, Comments,
  Reactions; UTC), `2025-10-06 23:49:02 UTC` (messages), `9/27/25, 8:41 AM` (Invitations),
  `Wed Sep 03 10:13:09 UTC 2025` (Company Follows), `2025/09/22 10:13:09 UTC` (endorsements).
- `ShareCommentary` spans several lines and holds doubled quotes (`""`); `Comments.csv`'s
  `Message` escapes quotes with a backslash (`\\"`), not by doubling.
"""


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "-" for ch in plain.lower()).strip("-")


def _csv(header, rows, **dialect) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n", **dialect)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def _people(rng, n: int, tag: str) -> list[dict]:
    types = list(names.TYPES)
    out = []
    for i in range(n):
        first, last = str(rng.choice(names.FIRST)), str(rng.choice(names.LAST))
        first = ACCENTS.get(first, first)
        kind = types[int(rng.integers(len(types)))]
        company = f"{rng.choice(names.PLACE)} {kind.title()} Ltd"
        out.append(
            {
                "first": first,
                "last": last,
                "company": company,
                "position": POSITIONS[int(rng.integers(len(POSITIONS)))],
                "url": f"https://www.linkedin.com/in/{_slug(first)}-{_slug(last)}-{digest(tag, i).hex()[:8]}",
                "email": (f"{_slug(first)}.{_slug(last)}@{_slug(company)}.example" if rng.random() < 0.15 else ""),
            }
        )
    return out


def _backslashed(text: str) -> str:
    """Comments.csv's own escaping: a quote is written \\", not doubled."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _link(kind: str, *key) -> str:
    n = int.from_bytes(digest(kind, *key)[:8], "big") % 10**19
    return f"https://www.linkedin.com/feed/update/urn:li:{kind}:{n}"


def invitation_time(t: dt.datetime) -> str:
    """``9/27/25, 8:41 AM``."""
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t:%y}, {hour}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"


def archive(s: Scenario, table: Tables, member_id: int) -> bytes:
    members, activity = table("linkedin_members"), table("linkedin_activity")
    me = members.set_index("member_id").loc[member_id]
    conversations = int(table("linkedin_outcomes").set_index("member_id").loc[member_id, "conversations"])
    rng = np.random.default_rng([s.seed, 61, member_id])
    first, last = me["name"].split(" ", 1)
    my_url = f"https://www.linkedin.com/in/{_slug(me['name'])}-{digest('me', member_id).hex()[:8]}"

    people = _people(rng, int(me["connections"]), f"connection-{s.seed}-{member_id}")
    if people and not any(p["first"] in ACCENTS.values() for p in people):
        people[0]["first"] = "Zoë"
    q0 = dt.datetime.combine(s.quarter_start, dt.time())
    span = (q0 - dt.datetime(2014, 1, 1)).days
    since = sorted((q0 - dt.timedelta(days=1 + int(d)) for d in rng.integers(0, span, len(people))), reverse=True)
    connections = [
        [p["first"], p["last"], p["url"], p["email"], p["company"], p["position"], f"{d:%d %b %Y}"]
        for p, d in zip(people, since)
    ]

    mine = activity[activity["member_id"] == member_id].sort_values("date", kind="stable")
    shares, comments, messages, invites, reactions, companies, endorsements = [], [], [], [], [], [], []
    invitees = _people(rng, int((mine["action"] == "connection_request").sum()) + 4, f"invitee-{s.seed}-{member_id}")
    btype = me["business_type"]
    product, tip = names.TYPES[btype][1], names.TYPES[btype][2]
    for i, (day, action) in enumerate(zip(mine["date"], mine["action"].astype(str))):
        t = dt.datetime.combine(day.date(), dt.time()) + dt.timedelta(seconds=int(rng.integers(8 * 3600, 20 * 3600)))
        other = people[int(rng.integers(len(people)))] if people else invitees[0]
        stamp = f"{t:%Y-%m-%d %H:%M:%S}"
        if action == "post":
            text = (
                f"{names.SELF_PROMO[i % len(names.SELF_PROMO)].format(biz=me['name'], product=product, hashtag=s.hashtag, link='').strip()}\n\n"
                f'A customer told us: "{tip}" - worth knowing.\n{s.hashtag}'
            )
            shares.append([stamp, _link("share", member_id, i), text, "", "", "MEMBER_NETWORK"])
        elif action in ("comment", "answer_question", "join_discussion"):
            pool = {"comment": COMMENTS, "answer_question": ANSWERS, "join_discussion": DISCUSSION}[action]
            comments.append([stamp, _link("activity", member_id, i), pool[i % len(pool)]])
        elif action == "message":
            conv = "2-" + digest("conversation", member_id, i).hex()[:40]
            msg = [
                conv,
                "",
                me["name"],
                my_url,
                f"{other['first']} {other['last']}",
                other["url"],
                f"{stamp} UTC",
                "",
                f"Hello {other['first']}, would you have time for a coffee about {product} next week?",
                "INBOX",
            ]
            messages.append(msg)
            if sum(1 for m in messages if m[2] == me["name"]) <= conversations:
                back = t + dt.timedelta(hours=2)
                messages.append(
                    [
                        conv,
                        "",
                        f"{other['first']} {other['last']}",
                        other["url"],
                        me["name"],
                        my_url,
                        f"{back:%Y-%m-%d %H:%M:%S} UTC",
                        "",
                        f"Thanks {first}, Thursday works for me.",
                        "INBOX",
                    ]
                )
        elif action == "connection_request":
            p = invitees[len(invites)]
            invites.append(
                (t, [me["name"], f"{p['first']} {p['last']}", invitation_time(t), "", "OUTGOING", my_url, p["url"]])
            )
        elif action == "like":
            reactions.append([stamp, REACTIONS[i % len(REACTIONS)], _link("activity", member_id, i)])
        elif action == "follow_company":
            companies.append(
                [
                    f"{rng.choice(names.PLACE)} {rng.choice(list(names.TYPES)).title()} Ltd",
                    f"{t:%a %b %d %H:%M:%S} UTC {t.year}",
                ]
            )
        elif action == "endorse_skill":
            endorsements.append(
                [
                    f"{t:%Y/%m/%d %H:%M:%S} UTC",
                    SKILLS[i % len(SKILLS)],
                    other["first"],
                    other["last"],
                    other["url"],
                    "ACCEPTED",
                ]
            )
        # profile_edit: no file of the export dates it
    for k, p in enumerate(invitees[len(invites) :]):  # invented: not the member's actions
        t = q0 + dt.timedelta(days=11 + 19 * k, hours=9, minutes=17 * k)
        invites.append(
            (t, [f"{p['first']} {p['last']}", me["name"], invitation_time(t), "", "INCOMING", p["url"], my_url])
        )

    def newest_first(rows, col=0):
        return sorted(rows, key=lambda r: r[col], reverse=True)

    files = {
        "Profile.csv": _csv(
            [
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Headline",
                "Summary",
                "Industry",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ],
            [
                [
                    first,
                    last,
                    "",
                    "",
                    "",
                    f"{btype.title()} in {s.town}",
                    "",
                    me["sector"],
                    "",
                    f"{s.town}, {s.county}",
                    "",
                    "",
                    "",
                ]
            ],
        ),
        "Shares.csv": _csv(
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"], newest_first(shares)
        ),
        "Comments.csv": "Date,Link,Message\n"
        + "".join(f'{d},{link},"{_backslashed(m)}"\n' for d, link, m in newest_first(comments)),
        "messages.csv": _csv(
            [
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "RECIPIENT PROFILE URLS",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
            ],
            newest_first(messages, 6),
        ),
        "Invitations.csv": _csv(
            ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
            [row for _, row in sorted(invites, key=lambda tr: tr[0], reverse=True)],
        ),
        "Reactions.csv": _csv(["Date", "Type", "Link"], newest_first(reactions)),
        "Company Follows.csv": _csv(["Organization", "Followed On"], companies[::-1]),
        "Endorsement_Given_Info.csv": _csv(
            [
                "Endorsement Date",
                "Skill Name",
                "Endorsee First Name",
                "Endorsee Last Name",
                "Endorsee Public Url",
                "Endorsement Status",
            ],
            newest_first(endorsements),
        ),
    }
    members_ = {name: text.encode("utf-8") for name, text in files.items()}
    members_["Connections.csv"] = (
        NOTES
        + _csv(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], connections)
    ).encode("cp1252")
    return zip_bytes(members_, end_of(s))
