"""A synthetic town on a Twitter-like platform: accounts, posts and follows.

Generated from the scenario with a seeded random generator. The shape of the data is
calibrated against published figures (see ``datasets/README.md`` for each with its source):

* the follow graph's pair reciprocity is near 22% overall (Kwak et al., WWW 2010) and higher
  inside the local cluster, where businesses and residents know each other;
* about 80% of businesses mostly post about themselves (Naaman et al., CSCW 2010);
* engagement per post grows with audience size more slowly than the audience, so the
  engagement *rate* falls as follower counts grow (the seminar's claim; Rival IQ 2023 gives
  brands with 5,000+ followers a few hundredths of a percent);
* accounts that converse (reply, retweet, answer) get more engagement and followers than
  accounts that only broadcast links (Hutto et al., CHI 2013).

Every such pattern reads its size from the scenario (``s.assumption(name)``); the defaults and
sources are the register in ``assumptions.py``. The posts' ``mentions`` and ``hashtags`` columns
are derived from the text, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from ..data import Field, TableSpec
from ..scenario import Scenario
from . import names

KINDS = ("hub", "business", "resident", "outsider")
POST_KINDS = ("original", "reply", "retweet", "quote")
CONTENT = ("self_promotion", "information", "question", "answer", "chat", "share")

ACCOUNTS = TableSpec(
    name="accounts",
    title="Accounts (synthetic)",
    description="SYNTHETIC. Every account in the sample town: the hub, local businesses, local "
    "residents and accounts elsewhere. Handles and names are invented.",
    fields=(
        Field("account_id", "integer", "Unique id of the account."),
        Field("handle", "string", "The account's @handle (invented)."),
        Field("display_name", "string", "The name shown on the profile."),
        Field(
            "kind",
            "string",
            "hub = the hashtag's hub account; business = a local business; "
            "resident = a local person; outsider = an account elsewhere.",
            enum=KINDS,
        ),
        Field(
            "name_style",
            "string",
            "Whether the profile is named after a person or a company.",
            enum=("person", "company"),
        ),
        Field(
            "sector",
            "string",
            "B2B or B2C for businesses; empty for everyone else.",
            enum=("B2B", "B2C"),
            required=False,
        ),
        Field("business_type", "string", "What the business does; empty for non-businesses.", required=False),
        Field("local", "boolean", "true if the account is in the scenario's county."),
        Field(
            "followers_count",
            "integer",
            "Followers on the whole platform, as the profile shows "
            "them. The town's sample holds only some of them, so this is at least the account's "
            "rows as followed_id in `follows` (the hub shows 5,200 and has a few hundred rows).",
            unit="accounts",
        ),
        Field(
            "following_count",
            "integer",
            "Accounts this account follows on the whole platform, "
            "as the profile shows: at least its rows as follower_id in `follows`.",
            unit="accounts",
        ),
        Field("joined", "date", "The date the account was created."),
    ),
    primary_key=("account_id",),
    calibration=(
        "followers_count is heavy-tailed: the hub has 5,000+ followers (CONTENT brief, article 1); "
        "the median business a few hundred (average user 85 followers in Huberman, Romero & Wu, "
        "First Monday 2009; local businesses sit above that).",
    ),
)

POSTS = TableSpec(
    name="posts",
    title="Posts (synthetic)",
    description="SYNTHETIC. Posts by the town's accounts over the scenario's weeks: during each "
    "hashtag hour, just before and after it, and on other days (some in the evening, "
    "at the hour's clock time).",
    fields=(
        Field("post_id", "integer", "Unique id of the post."),
        Field("account_id", "integer", "Author (accounts.account_id)."),
        Field("handle", "string", "Author's @handle, repeated here for convenience."),
        Field(
            "created_at",
            "datetime",
            "When it was posted, local time with its UTC offset "
            "(+01:00 in British Summer Time, +00:00 after the clocks go back).",
        ),
        Field(
            "kind",
            "string",
            "original = a new post; reply = an answer to another post; "
            "retweet = someone else's post shared unchanged; quote = shared with a comment.",
            enum=POST_KINDS,
        ),
        Field(
            "reply_to_post_id",
            "integer",
            "For replies: the post answered (always an earlier post in this table). Empty otherwise.",
            required=False,
        ),
        Field(
            "shared_post_id",
            "integer",
            "For retweets and quotes: the post shared (an earlier, "
            "original post in this table: sharing a retweet shares its original). Empty otherwise.",
            required=False,
        ),
        Field(
            "text",
            "string",
            "The post's text (invented; links point to example.org). A retweet's "
            "text is the original's, unchanged (no \"RT @author:\" prefix: the original's author "
            "is the author of shared_post_id); a quote's text is the quoter's own comment only.",
        ),
        Field(
            "mentions",
            "string",
            "Every @handle in the text, in order, each once, separated by "
            "spaces; empty if none. A retweet's are its original's (the retweeted author is "
            "not mentioned unless the original mentions them). Some replies carry no @ (the client hid it) and most quotes none (the "
            "comment alone): use kind as well as mentions to find conversation.",
            required=False,
        ),
        Field(
            "hashtags",
            "string",
            "Every #hashtag in the text, in order, each once, separated by "
            "spaces; empty if none (a retweet repeats its original's).",
            required=False,
        ),
        Field("has_link", "boolean", "true if the text contains a link (a retweet's when its original's does)."),
        Field(
            "content",
            "string",
            "What the post is about, as a human coder would label it: "
            "self_promotion (about the author), information (useful to others), question, "
            "answer (to someone's question), chat (social talk), share (a retweet).",
            enum=CONTENT,
        ),
        Field(
            "asks_recommendation",
            "boolean",
            "true if the post asks others to recommend a business "
            "or a person for a job, as a human coder would label it (workshop 04's answer key): "
            "most questions do, but some are rhetorical or adverts, some requests have no "
            "question mark, and some are asked inside a reply. A retweet of a request is not "
            "itself a request (false).",
        ),
        Field("likes", "integer", "Likes received on the whole platform (not only from this sample).", unit="likes"),
        Field(
            "retweets",
            "integer",
            "Times retweeted on the whole platform, quotes not counted: at "
            "least the rows of kind retweet in this table whose shared_post_id is this post.",
            unit="retweets",
        ),
        Field(
            "replies",
            "integer",
            "Replies received on the whole platform: at least the rows in "
            "this table whose reply_to_post_id is this post.",
            unit="replies",
        ),
    ),
    primary_key=("post_id",),
    foreign_keys=(("account_id", "accounts", "account_id"),),
    calibration=(
        "About 80% of businesses post mostly self_promotion among their original posts "
        "(Naaman, Boase & Lai, CSCW 2010: ~80% 'meformers', ~20% 'informers').",
        "Engagement per post per follower falls as followers grow (the seminar's claim; industry "
        "benchmarks such as Rival IQ 2023 put the median for brands with 5,000+ followers at a "
        "few hundredths of a percent, and sampled no small accounts).",
        "Conversational accounts (replies, retweets, answers) receive more engagement than "
        "link-only broadcasters (Hutto, Yardi & Gilbert, CHI 2013).",
    ),
)

FOLLOWS = TableSpec(
    name="follows",
    title="Follows (synthetic)",
    description="SYNTHETIC. Who follows whom among the accounts in the sample (one row per directed edge).",
    fields=(
        Field("follower_id", "integer", "The account that follows (accounts.account_id)."),
        Field("followed_id", "integer", "The account being followed (accounts.account_id)."),
    ),
    primary_key=("follower_id", "followed_id"),
    foreign_keys=(("follower_id", "accounts", "account_id"), ("followed_id", "accounts", "account_id")),
    calibration=(
        "About 22% of connected pairs follow each other (Kwak, Lee, Park & Moon, WWW 2010: "
        "22.1%); the share is higher inside the local cluster (businesses, residents, hub).",
    ),
)

SPECS = (ACCOUNTS, POSTS, FOLLOWS)


def _handle(text: str) -> str:
    return "@" + "".join(ch for ch in text.title() if ch.isalnum())[:15]


def _unique(handles: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in handles:
        n = seen.get(h, 0)
        seen[h] = n + 1
        out.append(h if n == 0 else f"{h[:14]}{n + 1}")
    return out


def _accounts(s: Scenario, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    B, R, O = s.businesses, s.residents, s.outsiders  # noqa: E741  (O: outsiders, beside B and R)
    types = list(names.TYPES)
    btype = rng.choice(types, size=B)
    person = rng.random(B) < 0.45
    first = rng.choice(names.FIRST, size=B + R + O)
    last = rng.choice(names.LAST, size=B + R + O)
    place = rng.choice(names.PLACE, size=B)

    rows = [
        dict(
            handle=s.hub_account,
            display_name=f"{s.hashtag} hub",
            kind="hub",
            name_style="company",
            sector=None,
            business_type=None,
            local=True,
        )
    ]
    for i in range(B):
        t = btype[i]
        if person[i]:
            disp = f"{first[i]} {last[i]} - {t}"
            h = _handle(f"{first[i]} {t}")
        else:
            disp = f"{place[i]} {t.title()} Ltd"
            h = _handle(f"{place[i]} {t}")
        rows.append(
            dict(
                handle=h,
                display_name=disp,
                kind="business",
                name_style="person" if person[i] else "company",
                sector=names.TYPES[t][0],
                business_type=t,
                local=True,
            )
        )
    for j in range(R):
        i = B + j
        rows.append(
            dict(
                handle=_handle(f"{first[i]} {last[i]}"),
                display_name=f"{first[i]} {last[i]}",
                kind="resident",
                name_style="person",
                sector=None,
                business_type=None,
                local=True,
            )
        )
    brand = rng.random(O) < 0.25
    for j in range(O):
        i = B + R + j
        if brand[j]:
            disp = f"{last[i]} {rng.choice(['Foods', 'Energy', 'Bank', 'Travel', 'Mobile', 'Retail'])}"
        else:
            disp = f"{first[i]} {last[i]}"
        rows.append(
            dict(
                handle=_handle(disp),
                display_name=disp,
                kind="outsider",
                name_style="company" if brand[j] else "person",
                sector=None,
                business_type=None,
                local=False,
            )
        )
    acc = pd.DataFrame(rows)
    acc["handle"] = _unique(acc["handle"].tolist())
    acc.insert(0, "account_id", np.arange(1, len(acc) + 1))

    # hidden traits that drive behaviour (not written to the tables)
    n = len(acc)
    kind = acc["kind"].to_numpy()
    broadcaster = rng.random(n) < s.assumption("broadcaster_share")
    chat = np.where(broadcaster, rng.beta(1.0, 14.0, n), rng.beta(3.0, 3.0, n))
    chat[kind == "hub"] = 0.9
    chat[kind == "resident"] = rng.beta(4.0, 2.0, (kind == "resident").sum())
    m = s.assumption("self_promotion_mean")
    self_share = rng.beta(6.0 * m, 6.0 * (1 - m), n)
    activity = rng.lognormal(0.0, 0.5, n)
    traits = dict(chat=chat, self_share=self_share, activity=activity)
    return acc, traits


def _pick(rng, weights: np.ndarray, size: int) -> np.ndarray:
    cdf = np.cumsum(weights)
    return np.searchsorted(cdf, rng.random(size) * cdf[-1], side="right")


def _follows(s: Scenario, acc: pd.DataFrame, traits: dict, rng: np.random.Generator) -> pd.DataFrame:
    n = len(acc)
    kind = acc["kind"].to_numpy()
    chat = traits["chat"]
    idx = {k: np.flatnonzero(kind == k) for k in KINDS}
    hub, biz, res, out = idx["hub"], idx["business"], idx["resident"], idx["outsider"]
    local = np.concatenate([hub, biz, res])
    popularity = rng.lognormal(0, 1.2, n)
    src, dst = [], []

    def add(sources, counts, targets, weights):
        s = np.repeat(sources, counts)
        d = targets[_pick(rng, weights, s.size)]
        src.append(s)
        dst.append(d)

    # everyone local follows the hub, almost
    followers_of_hub = local[(local != hub[0]) & (rng.random(local.size) < 0.85)]
    src.append(followers_of_hub)
    dst.append(np.full(followers_of_hub.size, hub[0]))
    add(biz, rng.poisson(6 + 14 * chat[biz]), biz, 0.3 + chat[biz])
    add(res, rng.poisson(5, res.size), biz, 0.3 + chat[biz])
    add(res, rng.poisson(3, res.size), res, np.ones(res.size))
    add(local, rng.poisson(3, local.size), out, popularity[out])
    add(out, rng.poisson(2, out.size), biz, popularity[biz])
    add(out, rng.poisson(9, out.size), out, popularity[out])

    a = np.concatenate(src)
    d = np.concatenate(dst)
    keep = a != d
    code = np.unique(a[keep].astype(np.int64) * n + d[keep])
    a, d = code // n, code % n

    # follow-back: likelier between locals, and from accounts that converse
    base = s.assumption("follow_back_base")
    both_local = np.isin(a, local) & np.isin(d, local)
    p_back = np.where(both_local, base + s.assumption("follow_back_local") * chat[d], base)
    p_back[(d == hub[0])] = s.assumption("hub_follow_back")
    back = rng.random(a.size) < np.clip(p_back, 0, 1)
    code = np.unique(np.concatenate([code, d[back] * n + a[back]]))
    a, d = code // n, code % n
    ids = acc["account_id"].to_numpy()
    return pd.DataFrame({"follower_id": ids[a], "followed_id": ids[d]})


def _profile_counts(s, acc, traits, follows, rng):
    kind = acc["kind"].to_numpy()
    n = len(acc)
    chat = traits["chat"]
    base = np.select(
        [kind == "hub", kind == "business", kind == "resident"],
        [
            np.full(n, 5200.0),
            rng.lognormal(np.log(320), 0.8, n) * (0.7 + s.assumption("conversation_followers") * chat),
            rng.lognormal(np.log(110), 0.9, n),
        ],
        rng.lognormal(np.log(900), 2.0, n),
    )
    following = np.select(
        [kind == "hub", kind == "business"],
        [np.full(n, 1800.0), rng.lognormal(np.log(350), 0.7, n)],
        rng.lognormal(np.log(180), 0.9, n),
    )
    ids = acc["account_id"]
    indeg = follows["followed_id"].value_counts().reindex(ids, fill_value=0).to_numpy()
    outdeg = follows["follower_id"].value_counts().reindex(ids, fill_value=0).to_numpy()
    acc["followers_count"] = np.maximum(base.round().astype(int), indeg)
    acc["following_count"] = np.maximum(following.round().astype(int), outdeg)
    start = np.datetime64("2009-03-01")
    span = (np.datetime64("2026-06-30") - start).astype(int)
    days = rng.integers(0, span, n)
    days[kind == "hub"] = (np.datetime64("2013-01-14") - start).astype(int)
    acc["joined"] = pd.to_datetime(start + days.astype("timedelta64[D]"))
    return acc


def _local_time(day: dt.date, minutes_after_midnight: float, tz) -> dt.datetime:
    secs = int(round(minutes_after_midnight * 60))
    return dt.datetime.combine(day, dt.time(0), tzinfo=tz) + dt.timedelta(seconds=secs)


_MENTION = re.compile(r"(?<![\w@])@(\w+)")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")


def mentions_in(text: str) -> str:
    """The @handles a text contains, in order, each once, separated by spaces ("" if none).

    >>> mentions_in("@Ann thanks to @Bob and @Ann")
    '@Ann @Bob'
    """
    return " ".join(dict.fromkeys("@" + m for m in _MENTION.findall(text)))


def hashtags_in(text: str) -> str:
    """The #hashtags a text contains, in order, each once ("" if none)."""
    return " ".join(dict.fromkeys("#" + m for m in _HASHTAG.findall(text)))


def _posts(s: Scenario, acc: pd.DataFrame, traits: dict, rng: np.random.Generator) -> pd.DataFrame:
    tz = s.tz
    kind = acc["kind"].to_numpy()
    handle = acc["handle"].to_numpy()
    btype = acc["business_type"].to_numpy()
    chat, self_share, activity = traits["chat"], traits["self_share"], traits["activity"]
    hub = int(np.flatnonzero(kind == "hub")[0])
    biz = np.flatnonzero(kind == "business")
    res = np.flatnonzero(kind == "resident")
    start_min = s.start.hour * 60 + s.start.minute
    L = s.duration_minutes
    tag_in, tag_out = s.assumption("tag_in_hour"), s.assumption("tag_outside_hour")
    tag_talk = s.assumption("tag_conversation")
    quote_at, reply_drop = s.assumption("quote_addresses_author"), s.assumption("reply_mention_dropped")
    link_id = iter(range(1, 10**7))
    posts: list[dict] = []
    # each local account talks mostly with a small circle of regulars (its "friends")
    local = np.concatenate([biz, res])
    circle = {a: rng.choice(local[local != a], size=2 + rng.poisson(3 + 10 * chat[a]), replace=False) for a in local}
    # some businesses never take part in the hour (they only post on their own schedule)
    absent = set(biz[rng.random(biz.size) < s.assumption("hour_absentees")].tolist())
    in_circle = np.zeros((len(acc), len(acc)), dtype=bool)  # in_circle[a, b]: b is one of a's regulars
    for a, members in circle.items():
        in_circle[a, members] = True
    display = acc["display_name"].to_numpy()
    partner_tag = s.assumption("partner_tag_rate")
    regulars = s.assumption("regulars_share")

    def tagged(text: str, tag: bool) -> str:
        return text + " " + s.hashtag if tag and s.hashtag not in text else text

    def original(a, when, in_hour):
        t = btype[a]
        if kind[a] == "resident":
            content = "question" if rng.random() < 0.5 else "chat"
        elif rng.random() < 0.12:
            content = "question"
        else:
            content = "self_promotion" if rng.random() < self_share[a] else "information"
        link = ""
        if content == "self_promotion":
            product = names.TYPES[t][1] if t else "news"
            tmpl = names.SELF_PROMO[rng.integers(len(names.SELF_PROMO))]
            link = f"https://example.org/{next(link_id)}" if rng.random() < 0.85 else ""
            text = " ".join(tmpl.format(biz=display[a], product=product, hashtag=s.hashtag, link=link).split())
        elif content == "information":
            tip = names.TYPES[t][2] if t else "the library has a new opening time"
            text = names.INFO[rng.integers(len(names.INFO))].format(town=s.town, tip=tip)
            if rng.random() < 0.3:
                link = f"https://example.org/{next(link_id)}"
                text += " " + link
        elif content == "question":
            need = rng.choice(list(names.TYPES))
            text = names.QUESTION[rng.integers(len(names.QUESTION))].format(
                need=need, a_need=names.a_need(need), town=s.town
            )
        else:
            text = f"Evening all! Who's on {s.hashtag} tonight?" if in_hour else "Lovely day in " + s.town
        if kind[a] == "business" and content in ("self_promotion", "information") and rng.random() < partner_tag:
            partner = handle[rng.choice(biz)]
            if partner != handle[a]:
                text = f"{text} (with {partner})"
        if kind[a] == "business" and content != "question" and rng.random() < 0.15 * chat[a]:
            to = handle[rng.choice(circle[a])]
            if to != handle[a]:
                content = "chat"
                link = ""
                text = names.SHOUT_OUT[rng.integers(len(names.SHOUT_OUT))].format(to=to, town=s.town)
        tag = rng.random() < (tag_in if in_hour else tag_out)
        return dict(
            account=a,
            created_at=when,
            kind="original",
            reply_to=None,
            shared=None,
            text=tagged(text, tag),
            has_link=bool(link),
            content=content,
        )

    def share_of(i):
        """Sharing a retweet shares the post it retweeted (as the platform does)."""
        return posts[i]["shared"] if posts[i]["kind"] == "retweet" else i

    # --- the hashtag hours, plus warm-up and late posts around them
    for day in s.evenings():
        hour_posts = []
        for a in np.concatenate([biz, res]):
            p_join = (0.55 if kind[a] == "business" else 0.12) * min(1.0, activity[a])
            if rng.random() >= p_join or a in absent:
                continue
            n = 1 + rng.poisson(2.2 * activity[a] * (1.6 if kind[a] == "business" else 0.8))
            for _ in range(n):
                offset = rng.uniform(-25, L + 35) if rng.random() < 0.15 else rng.uniform(0, L)
                hour_posts.append((offset, a, rng.random() < chat[a]))
        hour_posts.sort(key=lambda x: x[0])
        made: list[int] = []  # indexes into posts of this evening's posts so far
        authors = np.empty(len(hour_posts), dtype=np.int64)  # their authors
        for offset, a, converse in hour_posts:
            when = _local_time(day, start_min + offset, tz)
            in_hour = 0 <= offset < L
            k = len(made)
            others = np.flatnonzero(authors[:k] != a)
            if converse and others.size:
                friends = others[in_circle[a, authors[others]]]
                if friends.size and rng.random() < regulars:
                    target = made[friends[rng.integers(friends.size)]]
                else:
                    target = made[others[rng.integers(max(0, others.size - 25), others.size)]]
                tp = posts[target]
                to = handle[tp["account"]]
                r = rng.random()
                drop = rng.random() < reply_drop
                orig = share_of(target)
                if r >= 0.55 and posts[orig]["account"] == a:
                    r = 0.5  # one does not share one's own post back: chat to the sharer instead
                if tp["content"] == "question" and r < 0.8:
                    rec = handle[rng.choice(biz)]
                    text = names.ANSWER[rng.integers(len(names.ANSWER))].format(to=to[1:], rec=rec)
                    text = text.replace("@" + to[1:], to)
                    if drop:
                        text = text[len(to) + 1 :]
                    row = dict(kind="reply", reply_to=target, shared=None, text=text, content="answer")
                elif r < 0.55:
                    text = names.CHAT[rng.integers(len(names.CHAT))].format(to=to[1:]).replace("@" + to[1:], to)
                    if drop:
                        text = text[len(to) + 1 :]
                    row = dict(kind="reply", reply_to=target, shared=None, text=text, content="chat")
                elif r < 0.85:
                    op = posts[orig]
                    row = dict(kind="retweet", reply_to=None, shared=orig, text=op["text"], content="share")
                else:
                    comment = names.QUOTE[rng.integers(len(names.QUOTE))].format(town=s.town)
                    qto = handle[posts[orig]["account"]]
                    if rng.random() < quote_at and qto != handle[a]:
                        comment = f"{qto} {comment[0].lower()}{comment[1:]}"
                    row = dict(kind="quote", reply_to=None, shared=orig, text=comment, content="chat")
                if row["kind"] != "retweet":  # a retweet repeats the original unchanged
                    row["text"] = tagged(row["text"], in_hour and rng.random() < tag_talk)
                posts.append(dict(account=a, created_at=when, has_link=False, **row))
            else:
                posts.append(original(a, when, in_hour))
            authors[len(made)] = a
            made.append(len(posts) - 1)
        # the hub retweets the evening's best original posts that used the hashtag
        best = [
            i
            for i in made
            if posts[i]["kind"] == "original"
            and s.hashtag in posts[i]["text"]
            and 0 <= (posts[i]["created_at"] - _local_time(day, start_min, tz)).total_seconds() < L * 60
        ]
        score = {i: rng.random() * (2.0 if posts[i]["content"] in ("information", "question") else 1.0) for i in best}
        for i in sorted(best, key=lambda i: -score[i])[:12]:
            tp = posts[i]
            when = tp["created_at"] + dt.timedelta(minutes=float(rng.uniform(1, 10)))
            posts.append(
                dict(
                    account=hub,
                    created_at=when,
                    kind="retweet",
                    reply_to=None,
                    shared=i,
                    text=tp["text"],
                    has_link=False,
                    content="share",
                )
            )

    # --- scheduled posts on other days and times (mostly links, mostly about themselves); some in
    # the evening, so the hour's clock time also occurs on days without the hour
    first, last = s.first_date, s.first_date + dt.timedelta(weeks=s.weeks)
    span_days = (last - first).days
    evening = s.assumption("evening_post_share")
    for a in biz:
        n = rng.poisson(2.5 * activity[a] * s.weeks)
        for _ in range(n):
            day = first + dt.timedelta(days=int(rng.integers(0, span_days)))
            minute = rng.uniform(18 * 60, 22.5 * 60) if rng.random() < evening else rng.uniform(7 * 60, 18 * 60)
            when = _local_time(day, minute, tz)
            posts.append(original(a, when, in_hour=bool(in_hashtag_window(when, s))))

    _threads_and_praise(s, posts, kind, handle, in_circle, rng=np.random.default_rng([s.seed, THREADS_STREAM]))
    _requests(s, posts, kind, btype, rng=np.random.default_rng([s.seed, ASKS_STREAM]))

    # --- a post that answers or shares another comes after it (a second later at least)
    for p in posts:
        ref = p["reply_to"] if p["reply_to"] is not None else p["shared"]
        if ref is not None and p["created_at"] <= posts[ref]["created_at"]:
            p["created_at"] = posts[ref]["created_at"] + dt.timedelta(seconds=int(rng.integers(20, 120)))

    # --- order, ids, the entities the text contains, engagement
    order = sorted(range(len(posts)), key=lambda i: (posts[i]["created_at"], posts[i]["account"]))
    new_id = {old: k + 1 for k, old in enumerate(order)}
    df = pd.DataFrame([posts[i] for i in order])
    df.insert(0, "post_id", np.arange(1, len(df) + 1))
    df["reply_to_post_id"] = (
        df["reply_to"].map(lambda v: new_id[v] if v is not None and v == v else None).astype("Int64")
    )
    df["shared_post_id"] = df["shared"].map(lambda v: new_id[v] if v is not None and v == v else None).astype("Int64")
    df["account_id"] = acc["account_id"].to_numpy()[df["account"].to_numpy()]
    df["handle"] = handle[df["account"].to_numpy()]
    df["mentions"] = df["text"].map(mentions_in)
    df["hashtags"] = df["text"].map(hashtags_in)
    df["has_link"] = df["text"].str.contains("https://", regex=False)
    df["asks_recommendation"] = df["asks"].astype(bool)

    a = df["account"].to_numpy()
    followers = acc["followers_count"].to_numpy()[a].astype(float)
    content_boost = df["content"].map(s.assumption("content_engagement")).to_numpy()
    tagged_post = df["hashtags"].str.split().map(lambda tags: s.hashtag in tags).to_numpy()
    mean = (
        0.05
        * followers ** s.assumption("post_engagement_exponent")
        * content_boost
        * (1 + s.assumption("conversation_lift") * chat[a])
        * np.where(tagged_post, s.assumption("hashtag_lift"), 1.0)
        * np.where(
            df["has_link"].to_numpy() & (df["content"] == "self_promotion").to_numpy(),
            s.assumption("link_penalty"),
            1.0,
        )
    )
    mean = np.where(a == hub, mean * 0.3, mean)
    total = rng.poisson(mean * rng.gamma(2.0, 0.5, len(df)))
    likes = rng.binomial(total, 0.72)
    rest = total - likes
    rts = rng.binomial(rest, 0.65)
    replies = rest - rts
    # platform totals: at least the retweets and replies this sample holds
    in_rt = df.loc[df["kind"] == "retweet", "shared_post_id"].value_counts()
    in_rep = df["reply_to_post_id"].value_counts()
    pid = df["post_id"]
    df["likes"] = likes
    df["retweets"] = np.maximum(rts, pid.map(in_rt).fillna(0).astype(int).to_numpy())
    df["replies"] = np.maximum(replies, pid.map(in_rep).fillna(0).astype(int).to_numpy())
    df["created_at"] = pd.to_datetime(
        df["created_at"].map(lambda t: t.isoformat()), format="ISO8601", utc=True
    ).dt.tz_convert(s.timezone)
    cols = [f.name for f in POSTS.fields]
    return df[cols]


REGULARS_SHARE = 0.25  # a regular shares a post naming someone else a quarter as often as praise of itself
THREADS_STREAM = 7  # threads and shared praise draw from their own stream: the other draws stay as they were


def _threads_and_praise(s: Scenario, posts: list[dict], kind, handle, in_circle, rng: np.random.Generator) -> None:
    """Add threads (a business replying to one of its own posts outside the hour) and shared
    praise (the next morning, a business retweets a post of the hour that names it, or a post of
    one of its regulars that names someone); see the ``thread_share`` and ``praise_retweet``
    assumptions. Neither lands in a hashtag hour, so what the hour shows stays as it was."""
    thread, praise = s.assumption("thread_share"), s.assumption("praise_retweet")
    drop = s.assumption("reply_mention_dropped")
    business = {handle[i]: i for i in np.flatnonzero(kind == "business")}
    for i, p in enumerate(list(posts)):
        a, when = p["account"], p["created_at"]
        if not in_hashtag_window(when, s):
            later = when + dt.timedelta(minutes=float(rng.uniform(2, 8)))
            if (
                kind[a] == "business"
                and p["kind"] == "original"
                and p["content"] != "question"
                and rng.random() < thread
                and not in_hashtag_window(later, s)
            ):
                text = names.THREAD[rng.integers(len(names.THREAD))].format(to=handle[a])
                if rng.random() < drop:
                    text = text[len(handle[a]) + 1 :]
                posts.append(
                    dict(
                        account=a,
                        created_at=later,
                        kind="reply",
                        reply_to=i,
                        shared=None,
                        text=text,
                        has_link=False,
                        content=p["content"],
                    )
                )  # more of the same
            continue
        if p["kind"] == "retweet":
            continue
        named = [business.get(h) for h in mentions_in(p["text"]).split()]
        sharers = {b: praise for b in named if b is not None and b != a}
        if named:  # its regulars share, less often, what it says to or of others
            sharers |= {
                b: praise * REGULARS_SHARE
                for b in np.flatnonzero(in_circle[:, a] & (kind == "business"))
                if b not in sharers
            }
        for b, chance in sharers.items():
            if rng.random() < chance:
                morning = _local_time(when.date() + dt.timedelta(days=1), float(rng.uniform(7 * 60, 10 * 60)), s.tz)
                posts.append(
                    dict(
                        account=b,
                        created_at=morning,
                        kind="retweet",
                        reply_to=None,
                        shared=i,
                        text=p["text"],
                        has_link=False,
                        content="share",
                    )
                )


ASKS_STREAM = 8  # the requests' wording draws from its own stream: no other draw moves


def _requests(s: Scenario, posts: list[dict], kind, btype, rng: np.random.Generator) -> None:
    """Label every post ``asks`` (does it ask for a recommendation?) and reword some, so that a
    readable rule for finding requests scores below perfect (the ``rhetorical_questions``,
    ``plain_requests``, ``advert_questions`` and ``requests_in_replies`` assumptions).

    Only the wording moves: no mention, hashtag, link, kind or content label changes (so no
    other table, and no figure of another workshop, moves), and a retweet's text stays its
    original's. A question somebody answered is never made rhetorical."""
    rhetorical, plain = s.assumption("rhetorical_questions"), s.assumption("plain_requests")
    advert, in_reply = s.assumption("advert_questions"), s.assumption("requests_in_replies")
    answered = {p["reply_to"] for p in posts if p["reply_to"] is not None}
    needs = list(names.TYPES)

    def reworded(text: str, new: str) -> str:  # keeps the hashtag the post ended with
        tag = " " + s.hashtag
        return new + tag if text.endswith(tag) else new

    for i, p in enumerate(posts):
        p["asks"] = p["kind"] == "original" and p["content"] == "question"
        if p["kind"] == "original" and p["content"] == "question":
            r = rng.random()
            need = needs[rng.integers(len(needs))]
            plain_draw = rng.random()  # its own draw: the plain share is the same for answered questions
            if r < rhetorical and i not in answered:
                p["text"] = reworded(
                    p["text"], names.RHETORICAL[rng.integers(len(names.RHETORICAL))].format(town=s.town)
                )
                p["asks"] = False
            elif plain_draw < plain:
                p["text"] = reworded(
                    p["text"],
                    names.PLAIN_REQUEST[rng.integers(len(names.PLAIN_REQUEST))].format(
                        need=need, a_need=names.a_need(need), town=s.town
                    ),
                )
        elif (
            p["kind"] == "original"
            and p["content"] == "self_promotion"
            and kind[p["account"]] == "business"
            and rng.random() < advert
        ):
            product = names.TYPES[btype[p["account"]]][1]
            lead = names.ADVERT_QUESTION[rng.integers(len(names.ADVERT_QUESTION))].format(product=product)
            p["text"] = f"{lead} {p['text']}"
        elif p["kind"] == "reply" and p["content"] == "chat" and rng.random() < in_reply:
            need = needs[rng.integers(len(needs))]
            ask = names.REPLY_REQUEST[rng.integers(len(names.REPLY_REQUEST))].format(
                need=need, a_need=names.a_need(need)
            )
            tag = " " + s.hashtag
            body, ends = (p["text"][: -len(tag)], tag) if p["text"].endswith(tag) else (p["text"], "")
            p["text"] = f"{body} - {ask}{ends}"
            p["asks"] = True
    for p in posts:  # a retweet repeats its original, reworded or not
        if p["kind"] == "retweet":
            p["text"] = posts[p["shared"]]["text"]


def in_hashtag_window(when: dt.datetime, s: Scenario) -> bool:
    """True when a local datetime falls inside one of the scenario's hashtag hours."""
    return s.start <= when.time() < s.end and when.date() in s.evenings()


def generate(s: Scenario, seed_stream: int = 1) -> dict[str, pd.DataFrame]:
    """Build the accounts, posts and follows tables for a scenario."""
    rng = np.random.default_rng([s.seed, seed_stream])
    acc, traits = _accounts(s, rng)
    follows = _follows(s, acc, traits, rng)
    acc = _profile_counts(s, acc, traits, follows, rng)
    posts = _posts(s, acc, traits, rng)
    acc = acc[[f.name for f in ACCOUNTS.fields]]
    return {"accounts": acc, "posts": posts, "follows": follows}
