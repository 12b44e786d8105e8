"""Reference solutions and exercises for workshop 04 (the hashtag hour).

Notebooks never import this module: ``check("04.k", ...)`` finds it through the exercise
registry. The references here are written as the notebook's cells are (the learner's names),
and each agrees with the public measure of :mod:`kit.hashtag` the notebook imports after the
exercise (``tests/test_hashtag.py`` asserts it). ``GIVES_ANSWER`` lists every kit callable that
returns an exercise's answer; ``tests/test_namespace.py`` asserts none is reachable before its
check.
"""

from __future__ import annotations

import pandas as pd

from ..data import load
from ..exercises import Exercise, Mistake, register, same
from ..hashtag import (
    answers_per_account,
    audience,
    example_account,
    example_post,
    friends_of_friends,
    last_five,
    looks_like_request,
    profile_features,
    reach_of,
    reach_table,
    replies_to_requests,
    suggest,
    turnout,
)
from ..scenario import load_scenario
from ..social import classify_posts, hour_posts

__all__ = [
    "newcomers_per_evening",
    "audience_size",
    "answers_per_business",
    "fof_counts",
    "last_five_conversation",
    "GIVES_ANSWER",
]


def newcomers_per_evening(hour: pd.DataFrame) -> pd.Series:
    """04.1: per evening, the accounts posting in the hour for the first time.

    >>> demo = pd.DataFrame({"handle": ["@A", "@B", "@A", "@C"], "evening": [1, 1, 2, 2]})
    >>> newcomers_per_evening(demo).to_dict()
    {1: 2, 2: 1}
    """
    first = hour.groupby("handle")["evening"].min()
    return first.value_counts().sort_index()


def audience_size(post_id: int, posts: pd.DataFrame, follows: pd.DataFrame) -> int:
    """04.2: the accounts in the sample who could see the post (its author left out).

    >>> f = pd.DataFrame({"follower_id": [2, 3, 3, 1], "followed_id": [1, 1, 9, 9]})
    >>> p = pd.DataFrame({"post_id": [5, 6], "account_id": [1, 9], "shared_post_id": [None, 5]})
    >>> audience_size(5, p, f)
    2
    """
    author = posts.loc[posts["post_id"] == post_id, "account_id"].iloc[0]
    sharers = posts.loc[posts["shared_post_id"] == post_id, "account_id"]
    spreaders = [author, *sharers]
    seen = set(follows.loc[follows["followed_id"].isin(spreaders), "follower_id"])
    return len(seen - {author})


def answers_per_business(posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.Series:
    """04.3: replies each business made to a request (the coder's label), by handle.

    >>> p = pd.DataFrame({"post_id": [1, 2, 3, 4], "account_id": [9, 5, 5, 6], "handle": ["@R", "@B", "@B", "@C"],
    ...                   "asks_recommendation": [True, False, False, False],
    ...                   "reply_to_post_id": [None, 1, 1, 2]})
    >>> a = pd.DataFrame({"account_id": [5, 6, 9], "kind": ["business", "business", "resident"]})
    >>> answers_per_business(p, a).to_dict()
    {'@B': 2}
    """
    requests = posts[posts["asks_recommendation"]]
    business_ids = accounts.loc[accounts["kind"] == "business", "account_id"]
    replies = posts[posts["reply_to_post_id"].isin(requests["post_id"])]
    return replies[replies["account_id"].isin(business_ids)]["handle"].value_counts()


def fof_counts(follows: pd.DataFrame, me: int) -> pd.Series:
    """04.4: for each account followed by the accounts ``me`` follows, how many of them follow
    it; not ``me``, not those ``me`` already follows.

    >>> f = pd.DataFrame({"follower_id": [1, 1, 2, 2, 3, 3], "followed_id": [2, 3, 4, 3, 4, 1]})
    >>> fof_counts(f, 1).to_dict()
    {4: 2}
    """
    my_follows = follows.loc[follows["follower_id"] == me, "followed_id"]
    theirs = follows.loc[follows["follower_id"].isin(my_follows), "followed_id"]
    counts = theirs.value_counts()
    return counts[~counts.index.isin(my_follows) & (counts.index != me)]


def last_five_conversation(business_posts: pd.DataFrame) -> pd.Series:
    """04.5: per business, the share of its last five posts that converse.

    >>> demo = pd.DataFrame({"handle": ["@A"] * 6, "created_at": range(6),
    ...                      "is_conversation": [True, False, False, True, True, True]})
    >>> last_five_conversation(demo).to_dict()
    {'@A': 0.6}
    """
    last = business_posts.sort_values("created_at").groupby("handle").tail(5)
    return last.groupby("handle")["is_conversation"].mean()


GIVES_ANSWER: dict[str, tuple] = {
    "04.1": (newcomers_per_evening, turnout),
    "04.2": (audience_size, audience, reach_of, reach_table),
    "04.3": (answers_per_business, answers_per_account, replies_to_requests),
    "04.4": (fof_counts, friends_of_friends, suggest),
    "04.5": (last_five_conversation, last_five, profile_features),
}


# --------------------------------------------------------------------------- the notebook's names


def _posts():
    return load("posts")


def _accounts():
    return load("accounts")


def _follows():
    return load("follows")


def _hour():
    h = hour_posts(_posts())
    return h.assign(evening=h["created_at"].dt.date)


def _business_ids():
    a = _accounts()
    return a.loc[a["kind"] == "business", "account_id"]


def _residents_replies():
    """The slip of keeping the rows *not* in business_ids: the residents' replies."""
    businesses = set(_business_ids())
    return _replies_by([i for i in _accounts()["account_id"] if i not in businesses])


def _post_id():
    return example_post(_posts(), _accounts())


def _spreaders():
    p = _posts()
    pid = _post_id()
    author = int(p.loc[p["post_id"] == pid, "account_id"].iloc[0])
    sharers = [int(x) for x in p.loc[p["shared_post_id"] == pid, "account_id"]]
    return author, sharers


def _me():
    return example_account(_accounts(), load("new_follows"))


def _business_posts():
    p = _posts()
    b = p[p["account_id"].isin(_business_ids())]
    return b.assign(is_conversation=classify_posts(b) == "conversation")


def _handle_of():
    a = _accounts()
    return dict(zip(a["account_id"], a["handle"]))


def _relabel(answer, mapping):
    series = pd.Series(answer) if isinstance(answer, dict) else answer
    return series.rename(index=mapping) if isinstance(series, pd.Series) else None


# --------------------------------------------------------------------------- mistakes' answers


def _posters_per_evening():
    h = _hour()
    return h.groupby("evening")["handle"].nunique()


def _new_since_last_week():
    h = _hour()
    days = sorted(h["evening"].unique())
    seen = {d: set(h.loc[h["evening"] == d, "handle"]) for d in days}
    return pd.Series({d: len(seen[d] - (seen[days[i - 1]] if i else set())) for i, d in enumerate(days)})


def _first_tagged_evening():
    p = _posts()
    tagged = p[p["hashtags"].fillna("").str.contains(load_scenario().hashtag, regex=False)]
    return tagged.groupby("handle")["created_at"].min().dt.date.value_counts().sort_index()


def _first_post_any_time():
    p = _posts()
    first = p.groupby("handle")["created_at"].min().dt.date
    return first[first.isin(load_scenario().evenings())].value_counts().sort_index()


def _last_evening():
    return _hour().groupby("handle")["evening"].max().value_counts().sort_index()


def _only_once():
    h = _hour()
    n = h.groupby("handle")["evening"].nunique()
    once = h[h["handle"].isin(n[n == 1].index)]
    return once.groupby("evening")["handle"].nunique()


def _audience_rows(include_author=False, spreaders=None):
    f = _follows()
    author, sharers = _spreaders()
    who = spreaders if spreaders is not None else [author, *sharers]
    rows = f.loc[f["followed_id"].isin(who), "follower_id"]
    return rows if include_author else rows[rows != author]


def _audience_of(who, drop_author=True):
    author, _ = _spreaders()
    seen = set(_follows().loc[_follows()["followed_id"].isin(who), "follower_id"])
    return len(seen - {author}) if drop_author else len(seen)


def _hub_id():
    a = _accounts()
    return int(a.loc[a["kind"] == "hub", "account_id"].iloc[0])


def _profile_sum():
    author, sharers = _spreaders()
    c = _accounts().set_index("account_id")["followers_count"]
    return int(c.loc[[author, *sharers]].sum())


def _followed_by_spreaders():
    author, sharers = _spreaders()
    f = _follows()
    return len(set(f.loc[f["follower_id"].isin([author, *sharers]), "followed_id"]) - {author})


def _replies_by(kind_filter=None, requests=None, content=None):
    p = _posts()
    req = requests if requests is not None else p[p["asks_recommendation"]]
    r = p[p["reply_to_post_id"].isin(req["post_id"])]
    if content is not None:
        r = r[r["content"] == content]
    if kind_filter is not None:
        r = r[r["account_id"].isin(kind_filter)]
    return r["handle"].value_counts()


def _flagged_requests():
    p = _posts()
    return p[looks_like_request(p)]


def _all_replies_per_business():
    p = _posts()
    r = p[(p["kind"] == "reply") & p["account_id"].isin(_business_ids())]
    return r["handle"].value_counts()


def _recommended():
    """How often each business is @mentioned in replies to requests (recommended, not answering)."""
    p = _posts()
    r = p[p["reply_to_post_id"].isin(p.loc[p["asks_recommendation"], "post_id"])]
    handles = set(_accounts().loc[_accounts()["kind"] == "business", "handle"])
    named = r["mentions"].dropna().str.split().explode()
    named = named[named.isin(handles)]
    return named.value_counts()


def _requests_asked():
    p = _posts()
    req = p[p["asks_recommendation"] & p["account_id"].isin(_business_ids())]
    return req["handle"].value_counts()


def _fof(direction="out", keep_followed=False, keep_me=False, of_followers=False):
    f = _follows()
    me = _me()
    mine = f.loc[f["follower_id"] == me, "followed_id"]
    if of_followers:  # what my followers follow
        mine_in = f.loc[f["followed_id"] == me, "follower_id"]
        theirs = f.loc[f["follower_id"].isin(mine_in), "followed_id"]
    elif direction == "out":
        theirs = f.loc[f["follower_id"].isin(mine), "followed_id"]
    else:  # the accounts that follow my follows
        theirs = f.loc[f["followed_id"].isin(mine), "follower_id"]
    counts = theirs.value_counts()
    keep = pd.Series(True, index=counts.index)
    if not keep_followed:
        keep &= ~counts.index.isin(mine)
    if not keep_me:
        keep &= counts.index != me
    return counts[keep.to_numpy()]


def _last_n(kind="tail", n=5, all_posts=False, whole_table=False, hour_only=False):
    b = _business_posts()
    if hour_only:
        b = hour_posts(b)
    b = b.sort_values("created_at")
    if all_posts:
        last = b
    elif whole_table:
        last = b.tail(n)
    else:
        last = getattr(b.groupby("handle"), kind)(n)
    return last.groupby("handle")["is_conversation"].mean()


def _last_five_count():
    b = _business_posts().sort_values("created_at").groupby("handle").tail(5)
    return b.groupby("handle")["is_conversation"].sum()


def _last_five_mentions():
    b = _business_posts().sort_values("created_at").groupby("handle").tail(5)
    return b["mentions"].notna().groupby(b["handle"]).mean()


# --------------------------------------------------------------------------- the exercises

register(
    Exercise(
        id="04.1",
        title="Newcomers each week",
        has_filter=True,
        imports=("pd",),
        label="evening",
        ask="The answer is one whole number per evening (a Series indexed by the evening's date): "
        "accounts posting in the hour for the first time.",
        expected=lambda: newcomers_per_evening(_hour()),
        solution=newcomers_per_evening,
        hints=(
            "A newcomer on an evening is an account whose *first* evening in the hour is that "
            'evening. Start with each account\'s first evening: `hour.groupby("handle")["evening"].min()`.',
            "That gives one date per account. Count how many accounts share each date with "
            "`.value_counts()`, and put the dates in order with `.sort_index()`.",
            '`newcomers = hour.groupby("handle")["evening"].min().value_counts().sort_index()`',
        ),
        mistakes=(
            Mistake(
                "That is everyone who posted each evening, newcomers and returners together. "
                "A newcomer is an account whose *first* evening it is: take each handle's "
                "earliest evening (`.min()`), then count per evening.",
                answer=_posters_per_evening,
                key="all_posters",
                shortcut="counting every poster",
            ),
            Mistake(
                "That counts posts, not accounts: an account that posted five times counts five "
                'times. Work from each handle\'s first evening: `hour.groupby("handle")["evening"].min()`.',
                answer=lambda: _hour().groupby("evening").size(),
                key="posts",
            ),
            Mistake(
                "That is each account's *last* evening in the hour (`.max()`): who stopped "
                "coming, not who started. Use `.min()` for the first evening.",
                answer=_last_evening,
                key="last_evening",
            ),
            Mistake(
                "That counts accounts that were not there *the week before*, so someone who "
                "skipped a week and came back counts again. A newcomer is there for the first "
                "time ever: take each handle's earliest evening.",
                answer=_new_since_last_week,
                key="since_last_week",
                shortcut="comparing with the week before",
            ),
            Mistake(
                "That uses the hashtag to find the hour's posts. People tag posts outside the "
                "hour and many replies in it skip the tag: start from `hour`, which is filtered "
                "on the time.",
                answer=_first_tagged_evening,
                key="by_tag",
            ),
            Mistake(
                "That takes each account's first post at any time, so an account that posted "
                "on an ordinary afternoon before its first hour is missed. Use `hour`, the "
                "posts made in the hour.",
                answer=_first_post_any_time,
                key="any_time",
            ),
            Mistake(
                "That counts accounts that came on one evening only. A newcomer can come back "
                "later: count each account on its first evening, however often it returned.",
                answer=_only_once,
                key="only_once",
            ),
            Mistake(
                "That is a running total (newcomers so far). The question asks for the "
                "newcomers of each evening: leave out `.cumsum()`.",
                answer=lambda: newcomers_per_evening(_hour()).cumsum(),
                key="running_total",
            ),
        ),
    ),
    Exercise(
        id="04.2",
        title="Who could see the post?",
        imports=("pd",),
        ask="The answer is one whole number: the accounts in the sample who follow the author or "
        "anyone who shared the post, each counted once, the author left out.",
        expected=lambda: audience_size(_post_id(), _posts(), _follows()),
        solution=audience_size,
        hints=(
            "`spreaders = [author, *sharers]` puts the author and everyone who shared the post in "
            "one list. The rows of `follows` whose `followed_id` is in that list are their followers.",
            '`follows.loc[follows["followed_id"].isin(spreaders), "follower_id"]` lists them; '
            "someone who follows two spreaders appears twice, so make it a `set(...)`.",
            "The author may follow a sharer (most locals follow the hub): take the author out with "
            "`seen - {author}`, then `len(...)`.",
        ),
        mistakes=(
            Mistake(
                "That counts rows of `follows`, so an account that follows two spreaders "
                "(the author and the hub, say) counts twice. Make the followers a `set(...)` "
                "before counting.",
                answer=lambda: len(_audience_rows()),
                key="rows",
            ),
            Mistake(
                "That counts the author as part of their own audience: the author follows "
                "one of the sharers. Take them out: `seen - {author}`.",
                answer=lambda: _audience_of([_spreaders()[0], *_spreaders()[1]], drop_author=False),
                key="author_included",
            ),
            Mistake(
                "That counts rows and keeps the author: an account that follows two spreaders "
                "counts twice, and the author follows a sharer. Use a `set(...)`, then "
                "`seen - {author}`.",
                answer=lambda: len(_audience_rows(include_author=True)),
                key="rows_and_author",
            ),
            Mistake(
                "That is the author's own followers only. The post also reached the followers "
                "of everyone who shared it: use `spreaders`, not just `author`.",
                answer=lambda: _audience_of([_spreaders()[0]]),
                key="author_only",
            ),
            Mistake(
                "That leaves out the author's own followers: the audience is the followers of "
                "the author *and* of every sharer (`spreaders = [author, *sharers]`).",
                answer=lambda: _audience_of(_spreaders()[1]),
                key="sharers_only",
            ),
            Mistake(
                "That adds up the profiles' follower counts. Those include followers outside "
                "our sample and count anyone who follows two spreaders twice: count the "
                "distinct `follower_id`s in `follows` instead.",
                answer=_profile_sum,
                key="profile_counts",
            ),
            Mistake(
                "Those are the accounts the spreaders *follow* (you matched `follower_id`). "
                "Their audience is who follows *them*: rows whose `followed_id` is a spreader, "
                "and take their `follower_id`.",
                answer=_followed_by_spreaders,
                key="wrong_direction",
            ),
            Mistake(
                "That leaves out the hub's retweet. The hub is one of the sharers, and most "
                "of the audience comes through it: keep every sharer.",
                answer=lambda: _audience_of([_spreaders()[0], *[s for s in _spreaders()[1] if s != _hub_id()]]),
                key="no_hub",
            ),
            Mistake(
                "That is every row of `follows`: everyone who follows anyone. Keep the rows whose "
                "`followed_id` is one of the `spreaders` first.",
                answer=lambda: len(_follows()),
                key="all_follows",
            ),
            Mistake(
                "That is the number of spreaders (the author and the sharers), not of the "
                "accounts who could see the post: count their followers.",
                answer=lambda: 1 + len(_spreaders()[1]),
                key="spreaders",
            ),
        ),
    ),
    Exercise(
        id="04.3",
        title="Who answers the town's requests?",
        has_filter=True,
        imports=("pd",),
        label="handle",
        ask="The answer is one whole number per business that replied to a request at least once "
        "(a Series indexed by handle): its replies to posts that ask for a recommendation.",
        expected=lambda: answers_per_business(_posts(), _accounts()),
        solution=answers_per_business,
        hints=(
            "`requests` are the posts the coder labelled as asking for a recommendation. A reply "
            'to one has its `reply_to_post_id` among `requests["post_id"]`: use `.isin(...)`.',
            "Keep the replies whose `account_id` is in `business_ids` (another `.isin`), then "
            "count the rows per handle.",
            '`replies = posts[posts["reply_to_post_id"].isin(requests["post_id"])]`, then '
            '`replies[replies["account_id"].isin(business_ids)]["handle"].value_counts()`.',
        ),
        mistakes=(
            Mistake(
                "Your Series has residents too: they answer requests as well, but the "
                "question is about businesses. Keep the rows whose `account_id` is in `business_ids`.",
                answer=lambda: _replies_by(),
                key="everyone",
                shortcut="counting everyone's replies",
            ),
            Mistake(
                "That uses the rule's flags (`flagged`) as the requests. The rule misses some "
                "requests and flags some adverts: use the coder's label, `requests`.",
                answer=lambda: _replies_by(_business_ids(), requests=_flagged_requests()),
                key="by_rule",
            ),
            Mistake(
                "That counts only replies labelled answer. A business that replied to a "
                "request with something else still answered it: count every reply whose "
                "`reply_to_post_id` is a request.",
                answer=lambda: _replies_by(_business_ids(), content="answer"),
                key="content_answer",
                shortcut="counting replies labelled answer",
            ),
            Mistake(
                "That counts every reply each business made, not only replies to requests: "
                'keep the rows whose `reply_to_post_id` is in `requests["post_id"]`.',
                answer=_all_replies_per_business,
                key="all_replies",
            ),
            Mistake(
                "That counts how often each business was *recommended* (its @handle in a reply "
                "to a request), not how often it answered. Count the replies each business wrote.",
                answer=_recommended,
                key="recommended",
            ),
            Mistake(
                "Those are the requests each business *asked*. The question is who answered "
                "them: the replies whose `reply_to_post_id` is a request.",
                answer=_requests_asked,
                key="asked",
            ),
            Mistake(
                "Right counts, but label them by handle, not account_id: count the `handle` column.",
                matches=lambda a, e: same(_relabel(a, _handle_of()), e),
                key="account_ids",
            ),
            Mistake(
                "Those are the replies of residents, not businesses: you kept the rows *not* in "
                "`business_ids`. Keep those in it: `.isin(business_ids)` without `~`.",
                answer=_residents_replies,
                key="residents",
            ),
            Mistake(
                "Right counts, but the businesses that never answered are in it too, with 0. List "
                "only the businesses that replied at least once (`value_counts()` does that).",
                matches=lambda a, e: (
                    isinstance(a, pd.Series) and len(a) > len(e) and a.dtype.kind in "iuf" and same(a[a != 0], e)
                ),
                key="zeros",
            ),
            Mistake(
                "Those are shares, not counts (`normalize=True`). The question asks how many "
                "replies: leave out `normalize`.",
                answer=lambda: (
                    answers_per_business(_posts(), _accounts()) / answers_per_business(_posts(), _accounts()).sum()
                ),
                key="shares",
            ),
        ),
    ),
    Exercise(
        id="04.4",
        title="Friends of friends",
        has_filter=True,
        imports=("pd",),
        label="account_id",
        ask="The answer is one whole number per account (a Series indexed by account_id): how "
        "many of the accounts `me` follows follow it, leaving out `me` and those `me` already follows.",
        expected=lambda: fof_counts(_follows(), _me()),
        solution=fof_counts,
        hints=(
            "`my_follows` are the accounts `me` follows. What *they* follow are the rows of "
            "`follows` whose `follower_id` is in `my_follows`: take their `followed_id`.",
            "`.value_counts()` on those ids counts, for each account, how many of my follows follow it.",
            "Then drop `me` and the accounts in `my_follows`: "
            "`counts[~counts.index.isin(my_follows) & (counts.index != me)]`.",
        ),
        mistakes=(
            Mistake(
                "Your list still has accounts `me` already follows: a suggestion to follow "
                "someone you follow is no suggestion. Drop them: `~counts.index.isin(my_follows)`.",
                answer=lambda: _fof(keep_followed=True),
                key="kept_followed",
                shortcut="keeping accounts already followed",
            ),
            Mistake(
                "Your list has `me` in it (many of my follows follow me back): the platform "
                "never suggests you to yourself. Drop it: `counts.index != me`.",
                answer=lambda: _fof(keep_me=True),
                key="kept_me",
            ),
            Mistake(
                "Your list still has `me` and the accounts `me` already follows. Drop both: "
                "`counts[~counts.index.isin(my_follows) & (counts.index != me)]`.",
                answer=lambda: _fof(keep_followed=True, keep_me=True),
                key="kept_both",
            ),
            Mistake(
                "Those are the accounts that *follow* my follows (you matched `followed_id`). "
                "A friend of a friend is someone my follows follow: rows whose `follower_id` is "
                "in `my_follows`, then their `followed_id`.",
                answer=lambda: _fof(direction="in"),
                key="wrong_direction",
            ),
            Mistake(
                "That starts from my *followers*. The platform suggests from whom my follows "
                "follow: start from `my_follows`.",
                answer=lambda: _fof(of_followers=True),
                key="from_followers",
            ),
            Mistake(
                "That is only the top five. The question asks for every friend of a friend "
                "with its count: leave out `.head(5)` (or `nlargest`).",
                answer=lambda: _fof().head(5),
                key="top_five",
            ),
            Mistake(
                "Right counts, but label them by account_id (the ids in `follows`), not by handle.",
                matches=lambda a, e: isinstance(a, (pd.Series, dict)) and same(_relabel(e, _handle_of()), pd.Series(a)),
                key="handles",
            ),
            Mistake(
                "Those are shares (`normalize=True`), not counts: leave out `normalize` so each "
                "value says how many of my follows follow the account.",
                answer=lambda: _fof() / _fof().sum(),
                key="shares",
            ),
            Mistake(
                "Those are accounts `me` already follows: `counts.index.isin(my_follows)` keeps "
                "them. Put `~` in front to keep the others.",
                answer=lambda: (lambda c, mine: c[c.index.isin(mine)])(
                    _fof(keep_followed=True, keep_me=True),
                    _follows().loc[_follows()["follower_id"] == _me(), "followed_id"],
                ),
                key="only_followed",
            ),
            Mistake(
                "That is how many friends of friends there are (`len`). The answer is the Series "
                "itself: each one's count.",
                answer=lambda: len(fof_counts(_follows(), _me())),
                key="length",
            ),
        ),
    ),
    Exercise(
        id="04.5",
        title="What a newcomer sees: the last five posts",
        has_filter=True,
        has_ratio=True,
        imports=("pd",),
        label="handle",
        ask="The answer is one number per business (a Series indexed by handle), between 0 and 1: "
        "the share of its last five posts that converse.",
        expected=lambda: last_five_conversation(_business_posts()),
        solution=last_five_conversation,
        hints=(
            'Put the posts in time order with `.sort_values("created_at")`, then keep each '
            'business\'s last five with `.groupby("handle").tail(5)`.',
            'On those rows, `.groupby("handle")["is_conversation"].mean()` gives the share that converse.',
            '`last = business_posts.sort_values("created_at").groupby("handle").tail(5)`, then '
            '`last.groupby("handle")["is_conversation"].mean()`.',
        ),
        mistakes=(
            Mistake(
                "Those are each business's *first* five posts (`.head(5)`, or a sort newest "
                "first). A newcomer sees the latest: sort oldest first and take `.tail(5)`.",
                answer=lambda: _last_n("head"),
                key="first_five",
            ),
            Mistake(
                "That uses every post of each business, not only the last five: add "
                '`.groupby("handle").tail(5)` before the share.',
                answer=lambda: _last_n(all_posts=True),
                key="all_posts",
                shortcut="using every post",
            ),
            Mistake(
                "You kept the last five posts of the whole table (`.tail(5)` without "
                "`.groupby`), so only a few businesses have a value. Group first: "
                '`.groupby("handle").tail(5)`.',
                answer=lambda: _last_n(whole_table=True),
                key="whole_table",
            ),
            Mistake(
                "Those are counts out of five (`.sum()`), not shares: use `.mean()`.",
                answer=_last_five_count,
                key="count",
            ),
            Mistake(
                "You took 'has an @mention' for 'converses', but replies, retweets and quotes "
                "converse even without a mention: use the `is_conversation` column.",
                answer=_last_five_mentions,
                key="no_mention",
            ),
            Mistake(
                "That uses the last five posts made *in the hour*. A newcomer sees the "
                "profile's latest posts, whenever they were made: start from `business_posts`.",
                answer=lambda: _last_n(hour_only=True),
                key="hour_only",
            ),
            Mistake(
                "That uses a different number of last posts. The rubric uses the last five: `.tail(5)`.",
                matches=lambda a, e: (
                    isinstance(a, (pd.Series, dict))
                    and any(same(pd.Series(a), _last_n(n=k)) for k in (1, 2, 3, 4, 6, 7, 10))
                ),
                key="not_five",
            ),
            Mistake(
                "You counted replies, retweets and quotes but not mentions: an original post that "
                "@mentions someone converses too. Use the `is_conversation` column.",
                answer=lambda: (
                    lambda b: (
                        b.assign(is_conversation=b["kind"].isin(["reply", "retweet", "quote"]))
                        .sort_values("created_at")
                        .groupby("handle")
                        .tail(5)
                        .groupby("handle")["is_conversation"]
                        .mean()
                    )
                )(_business_posts()),
                key="kind_only",
            ),
            Mistake(
                "Those look rounded to whole numbers (`.round()`): the shares become 0 or 1. Leave out `.round()`.",
                answer=lambda: last_five_conversation(_business_posts()).round(),
                key="whole_numbers",
            ),
        ),
    ),
)
