"""The hashtag hour as a venue: follows formed during the weeks, reactions to answers, and the
profiles newcomers see (workshop 04).

Built from the town's tables (``accounts``, ``posts``, ``follows``: see ``USES``) with its own
seeded random stream, so the town's tables never depend on this module. What is built in (each
size in the assumptions register, ``assumptions.py``):

* ``follows`` is the graph on the first evening; ``new_follows`` are the follows formed during
  the weeks, each by a declared route (``later_follow_routes``): closing a triangle (a friend of
  a friend: one of the follower's follows, then one of that account's follows, each picked at
  random), meeting in the hour, a post the hub
  retweeted, offline (nothing in the data predicts it), or thanks to an answer (``reactions``);
* ``reactions``: what an asker did after a reply to their request (thanked, followed, asked for
  a quote), likelier after a real answer, and an enquiry likelier for a B2B answerer
  (``answer_reactions``, ``b2b_enquiry_lift``: the seminar's claims);
* ``profiles`` and ``profile_visits``: a newcomer follows after a visit with a chance set by a
  logistic rule over what the profile shows (``first_impression``: the seminar's claim).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..data import Field, TableSpec
from ..scenario import Scenario

USES = ("accounts", "posts", "follows")  # the town's tables this module reads (kit.synth passes them)
ROUTES = ("friend_of_friend", "hashtag", "hub", "answered", "offline")
FEATURES = ("bio", "avatar", "local", "person_named", "conversation", "links_only")

NEW_FOLLOWS = TableSpec(
    name="new_follows",
    title="Follows formed during the weeks (synthetic)",
    description="SYNTHETIC. Follows that formed during the scenario's weeks, after the graph in "
    "`follows` (which is the graph on the first evening). None is already in "
    "`follows`. Use it to test a whom-to-follow recommender built from `follows`.",
    fields=(
        Field("follower_id", "integer", "The account that started following (accounts.account_id)."),
        Field("followed_id", "integer", "The account it followed (accounts.account_id)."),
        Field("formed_on", "date", "The local date the follow formed (the first evening or later)."),
        Field(
            "route",
            "string",
            "How the generator made the follow (an assumption, "
            "`later_follow_routes`): friend_of_friend = someone a followed account follows; "
            "hashtag = met in the same hour; hub = saw a post the hub retweeted; answered = "
            "after a reply to the follower's request (see `reactions`); offline = met outside "
            "the platform (nothing in the data predicts it).",
            enum=ROUTES,
        ),
    ),
    primary_key=("follower_id", "followed_id"),
    foreign_keys=(("follower_id", "accounts", "account_id"), ("followed_id", "accounts", "account_id")),
    calibration=(
        "The routes' shares are an assumption of the kit (`later_follow_routes`), not a finding: "
        "how much a friend-of-friend recommender can find here was set by it.",
    ),
)

REACTIONS = TableSpec(
    name="reactions",
    title="Reactions to replies to requests (synthetic)",
    description="SYNTHETIC. One row per reply to a post asking for a recommendation "
    "(`posts.asks_recommendation`), made by someone other than the asker: what the "
    "asker did next, towards the account that replied.",
    fields=(
        Field("reply_post_id", "integer", "The reply (posts.post_id)."),
        Field("request_post_id", "integer", "The request it replied to (posts.post_id)."),
        Field("asker_id", "integer", "Who asked (accounts.account_id)."),
        Field("replier_id", "integer", "Who replied (accounts.account_id)."),
        Field("thanked", "boolean", "true if the asker thanked the replier (a like or a message)."),
        Field(
            "followed",
            "boolean",
            "true if the asker followed the replier afterwards (then the "
            "follow is in `new_follows`, route answered). Never true when the asker already "
            "followed the replier.",
        ),
        Field(
            "enquired",
            "boolean",
            "true if the asker then asked the replier for a quote or a booking (a direct message).",
        ),
    ),
    primary_key=("reply_post_id",),
    foreign_keys=(
        ("reply_post_id", "posts", "post_id"),
        ("request_post_id", "posts", "post_id"),
        ("asker_id", "accounts", "account_id"),
        ("replier_id", "accounts", "account_id"),
    ),
    calibration=(
        "Reaction chances are assumptions of the kit (`answer_reactions`, `b2b_enquiry_lift`): "
        "the seminar's claim that answering makes you the local authority, and that B2B firms "
        "gain most.",
    ),
)

PROFILES = TableSpec(
    name="profiles",
    title="Business profiles as a newcomer sees them (synthetic)",
    description="SYNTHETIC. What a visitor sees at the top of each local business's profile. "
    "Its name and name style are in `accounts`, its last posts in `posts`.",
    fields=(
        Field("account_id", "integer", "The business (accounts.account_id)."),
        Field("handle", "string", "Its @handle, repeated here for convenience."),
        Field("bio", "string", "The profile's short biography; empty if there is none.", required=False),
        Field("has_avatar", "boolean", "true if the profile has a picture of its own (not the platform's default)."),
        Field("location", "string", "The location the profile states; empty if none.", required=False),
    ),
    primary_key=("account_id",),
    foreign_keys=(("account_id", "accounts", "account_id"),),
)

PROFILE_VISITS = TableSpec(
    name="profile_visits",
    title="Newcomers' profile visits and follow decisions (synthetic)",
    description="SYNTHETIC. In the week after the last post, accounts that did not follow a "
    "business opened its profile; `followed` says whether they followed it there "
    "and then. The decision was made by a rule of the kit (`first_impression`), "
    "from the profile and the business's last five posts.",
    fields=(
        Field("visit_id", "integer", "Unique id of the visit."),
        Field(
            "visitor_id",
            "integer",
            "Who looked (accounts.account_id): a resident or an "
            "account elsewhere that followed the business neither in `follows` nor in `new_follows`.",
        ),
        Field("account_id", "integer", "The business whose profile was opened (accounts.account_id)."),
        Field("visited_at", "datetime", "When, local time with its UTC offset (after every post in `posts`)."),
        Field("followed", "boolean", "true if the visitor followed the business on this visit."),
    ),
    primary_key=("visit_id",),
    foreign_keys=(("visitor_id", "accounts", "account_id"), ("account_id", "accounts", "account_id")),
    calibration=(
        "The follow decisions come from a logistic rule whose weights are an assumption "
        "(`first_impression`, the seminar's claim): a rubric that agrees with those weights "
        "scores well here by construction.",
    ),
)

SPECS = (NEW_FOLLOWS, REACTIONS, PROFILES, PROFILE_VISITS)

BIOS = (
    "{what} in {town}. Independent, local, and happy to help.",
    "Family-run {what} since {year}. Ask us anything.",
    "{what} for {county}. We reply to every message.",
    "Your friendly local {what}.",
)


def _conversing(posts: pd.DataFrame) -> np.ndarray:
    """Workshop 01's test: a reply, retweet or quote, or a post that mentions someone."""
    return (posts["kind"].isin(["reply", "retweet", "quote"]) | (posts["mentions"].fillna("") != "")).to_numpy()


def last_five_features(acc: pd.DataFrame, posts: pd.DataFrame) -> pd.DataFrame:
    """Per account with posts: the share of its last five posts that converse, and whether all
    five carry a link (what a newcomer scrolling the profile sees)."""
    p = posts.assign(conversing=_conversing(posts)).sort_values(["created_at", "post_id"])
    last = p.groupby("account_id").tail(5)
    g = last.groupby("account_id")
    return pd.DataFrame({"conversation": g["conversing"].mean(), "links_only": g["has_link"].all()})


def _profiles(s: Scenario, acc: pd.DataFrame, rng) -> pd.DataFrame:
    biz = acc[acc["kind"] == "business"]
    n = len(biz)
    has_bio = rng.random(n) < 0.75
    bio_pick = rng.integers(len(BIOS), size=n)
    years = rng.integers(1975, 2024, size=n)
    has_avatar = rng.random(n) < 0.8
    located = rng.random(n) < 0.7
    place = np.where(rng.random(n) < 0.5, f"{s.town}, {s.county}", s.county)
    bios = [
        BIOS[k].format(
            what=str(t).capitalize() if BIOS[k].startswith("{") else str(t), town=s.town, county=s.county, year=y
        )
        if b
        else None
        for k, t, y, b in zip(bio_pick, biz["business_type"], years, has_bio)
    ]
    return pd.DataFrame(
        {
            "account_id": biz["account_id"].to_numpy(),
            "handle": biz["handle"].to_numpy(),
            "bio": bios,
            "has_avatar": has_avatar,
            "location": np.where(located, place, None),
        }
    )


def _new_follows(s: Scenario, acc, posts, follows, rng) -> tuple[pd.DataFrame, set]:
    ids = acc["account_id"].to_numpy()
    pos = {a: i for i, a in enumerate(ids)}
    n = len(ids)
    kind = acc["kind"].to_numpy()
    A = np.zeros((n, n), dtype=np.int32)
    A[follows["follower_id"].map(pos).to_numpy(), follows["followed_id"].map(pos).to_numpy()] = 1
    taken = A.astype(bool)
    people = np.flatnonzero((kind == "business") | (kind == "resident"))
    business = np.flatnonzero(kind == "business")
    hub = int(np.flatnonzero(kind == "hub")[0])
    routes = dict(s.assumption("later_follow_routes"))
    total = int(round(s.assumption("later_follows") * people.size))
    evenings = s.evenings()
    days = [s.first_date + dt.timedelta(days=d) for d in range((evenings[-1] - s.first_date).days + 7)]

    made = posts["created_at"]
    in_hour = np.zeros(len(posts), dtype=bool)
    for a, b in s.hour_windows():
        in_hour |= ((made >= a) & (made < b)).to_numpy()
    hour = posts[in_hour]
    evening_of = hour["created_at"].dt.date
    author = hour["account_id"].map(pos).to_numpy()
    by_evening = {d: author[(evening_of == d).to_numpy()] for d in evenings}
    rt = posts[(posts["account_id"] == ids[hub]) & (posts["kind"] == "retweet")]
    boosted = posts.set_index("post_id").loc[rt["shared_post_id"].astype(int), ["account_id", "created_at"]]
    boosted_pos = boosted["account_id"].map(pos).to_numpy()
    boosted_day = boosted["created_at"].dt.date.to_numpy()
    hub_followers = np.flatnonzero(A[:, hub] == 1)

    rows = []
    names, weights = list(routes), np.array(list(routes.values()), dtype=float)
    route_of = rng.choice(len(names), size=total, p=weights / weights.sum())
    for r in route_of:
        route = names[r]
        u = v = None
        when = None
        if route == "friend_of_friend":  # a walk of two steps: one of u's follows, then one of theirs
            u = int(rng.choice(people))
            mine = np.flatnonzero(A[u])
            if mine.size:
                w = int(rng.choice(mine))
                theirs = np.flatnonzero(A[w])
                if theirs.size:
                    v = int(rng.choice(theirs))
                    when = days[rng.integers(len(days))]
        elif route == "hashtag":
            d = evenings[rng.integers(len(evenings))]
            there = by_evening[d]
            if there.size > 1:
                u = int(rng.choice(there))
                v = int(rng.choice(there))
                if kind[v] != "business":
                    v = None
                when = d
        elif route == "hub":
            k = int(rng.integers(len(boosted_pos)))
            v, when = int(boosted_pos[k]), boosted_day[k]
            u = int(rng.choice(hub_followers))
        else:  # offline: nothing in the data predicts it
            u, v = int(rng.choice(people)), int(rng.choice(business))
            when = days[rng.integers(len(days))]
        if u is None or v is None or u == v or taken[u, v]:
            continue
        taken[u, v] = True
        rows.append((ids[u], ids[v], when, route))
    return rows, taken, pos


def _reactions(s, acc, posts, taken, pos, rng) -> tuple[pd.DataFrame, list]:
    chances = dict(s.assumption("answer_reactions"))
    lift = s.assumption("b2b_enquiry_lift")
    by_id = posts.set_index("post_id")
    requests = posts.loc[posts["asks_recommendation"], ["post_id", "account_id"]]
    asker_of = dict(zip(requests["post_id"], requests["account_id"]))
    replies = posts[posts["kind"].eq("reply") & posts["reply_to_post_id"].isin(list(asker_of))].copy()
    replies["asker_id"] = replies["reply_to_post_id"].map(asker_of).astype(int)
    replies = replies[replies["account_id"] != replies["asker_id"]]
    sector = dict(zip(acc["account_id"], acc["sector"]))
    rows, follows = [], []
    for r in replies.itertuples():
        answer = r.content == "answer"
        scale = 1.0 if answer else chances["not_an_answer"]
        thanked = rng.random() < chances["thanked"] * scale
        already = taken[pos[r.asker_id], pos[r.account_id]]
        followed = (not already) and rng.random() < chances["followed"] * scale
        p_enq = chances["enquired"] * scale * (lift if sector.get(r.account_id) == "B2B" else 1.0)
        enquired = rng.random() < min(1.0, p_enq)
        if followed:
            taken[pos[r.asker_id], pos[r.account_id]] = True
            follows.append((r.asker_id, r.account_id, r.created_at.date(), "answered"))
        rows.append(
            dict(
                reply_post_id=r.post_id,
                request_post_id=int(r.reply_to_post_id),
                asker_id=r.asker_id,
                replier_id=r.account_id,
                thanked=thanked,
                followed=followed,
                enquired=enquired,
            )
        )
    del by_id
    cols = [f.name for f in REACTIONS.fields]
    return pd.DataFrame(rows, columns=cols), follows


def _visits(s: Scenario, acc, posts, profiles, taken, pos, rng) -> pd.DataFrame:
    w = dict(s.assumption("first_impression"))
    seen = last_five_features(acc, posts).reindex(profiles["account_id"])
    person = profiles["account_id"].map(dict(zip(acc["account_id"], acc["name_style"]))).eq("person")
    x = pd.DataFrame(
        {
            "bio": profiles["bio"].notna().to_numpy(),
            "avatar": profiles["has_avatar"].to_numpy(),
            "local": profiles["location"].notna().to_numpy(),
            "person_named": person.to_numpy(),
            "conversation": seen["conversation"].fillna(0).to_numpy(),
            "links_only": seen["links_only"].fillna(False).astype(bool).to_numpy(),
        }
    ).astype(float)
    logit = w["baseline"] + sum(w[f] * x[f].to_numpy() for f in FEATURES)
    kind = acc["kind"].to_numpy()
    ids = acc["account_id"].to_numpy()
    visitors = np.flatnonzero((kind == "resident") | (kind == "outsider"))
    last = posts["created_at"].max().date()  # visits come after every post: the profile as it is now
    rows = []
    for k, b in enumerate(profiles["account_id"].to_numpy()):
        for v in rng.choice(visitors, size=rng.poisson(6) + 2, replace=False):
            if taken[v, pos[b]]:
                continue
            minute = float(rng.uniform(7 * 60, 22 * 60))
            day = last + dt.timedelta(days=int(rng.integers(1, 8)))
            when = dt.datetime.combine(day, dt.time(0), tzinfo=s.tz) + dt.timedelta(seconds=int(minute * 60))
            p = 1 / (1 + np.exp(-(logit[k] + rng.normal(0, 0.5))))
            rows.append(
                dict(visitor_id=int(ids[v]), account_id=int(b), visited_at=when, followed=bool(rng.random() < p))
            )
    df = pd.DataFrame(rows).sort_values(["visited_at", "account_id", "visitor_id"]).reset_index(drop=True)
    df.insert(0, "visit_id", np.arange(1, len(df) + 1))
    df["visited_at"] = pd.to_datetime(
        df["visited_at"].map(lambda t: t.isoformat()), format="ISO8601", utc=True
    ).dt.tz_convert(s.timezone)
    return df[[f.name for f in PROFILE_VISITS.fields]]


def generate(s: Scenario, upstream, seed_stream: int = 4) -> dict[str, pd.DataFrame]:
    """Build the venue's tables from the town's (``upstream``: table name -> the town's frame)."""
    rng = np.random.default_rng([s.seed, seed_stream])
    acc, posts, follows = (upstream(name) for name in USES)
    posts = posts.assign(created_at=pd.to_datetime(posts["created_at"]))
    rows, taken, pos = _new_follows(s, acc, posts, follows, rng)
    reactions, answered = _reactions(s, acc, posts, taken, pos, rng)
    new = pd.DataFrame(rows + answered, columns=[f.name for f in NEW_FOLLOWS.fields])
    new["formed_on"] = pd.to_datetime(new["formed_on"])
    new = new.sort_values(["formed_on", "follower_id", "followed_id"]).reset_index(drop=True)
    profiles = _profiles(s, acc, rng)
    visits = _visits(s, acc, posts, profiles, taken, pos, rng)
    return {"new_follows": new, "reactions": reactions, "profiles": profiles, "profile_visits": visits}
