"""Reference solutions and exercise registrations for workshop 06 (your own account).

Every check computes its expected answer from the export the learner's notebook loaded: the
notebook passes it as ``posts=`` (and ``zone=`` for the clock); without it, the check reads the
same export :func:`kit.mine.my_export` gives (the learner's own import, else the demo X archive).
A real export need not tell a shortcut from the method, so the shortcuts name what they do
(``Mistake.shortcut``, ``fix``): a right answer that one also gives says so and names the method,
and two that give one wrong number are both named. The demo X archive holds an account whose
posts tell each of 06.4's slips from the method (a thread naming itself, retweets naming someone
it addresses once: ``kit.synth.exports.chosen``); Mastodon boosts and Bluesky reposts carry no
text, so there counting your retweets' mentions gives the right set, and the check says so.
"""

from __future__ import annotations

import pandas as pd

from ..exercises import Exercise, Mistake, register
from ..own import (
    FRIEND_TIMES,
    SESSION_GAP,
    addressed,
    broadcast_session_share,
    conversation_share,
    friends,
    posts_by_hour,
    sessions,
)
from ..social import CONVERSATION_KINDS, classify_posts

__all__ = ["GIVES_ANSWER", "DEFAULT_ZONE"]

DEFAULT_ZONE = "Europe/London"  # the notebook's MY_ZONE until the learner changes it
CHECKS_ON = "your posts: pass them as posts= (the cell does)"

GIVES_ANSWER: dict[str, tuple] = {
    "06.1": (conversation_share, classify_posts),
    "06.2": (broadcast_session_share, sessions),
    "06.3": (posts_by_hour,),
    "06.4": (friends, addressed),
}


def _posts(posts=None) -> pd.DataFrame:
    if posts is not None:
        return posts
    from ..mine import my_export

    return my_export().tables["posts"]


def _kind(posts) -> pd.Series:
    return posts["kind"].astype(str)


def _mentions(posts) -> pd.Series:
    return posts["mentions"].fillna("") != ""


def _session_numbers(posts) -> pd.Series:
    p = posts.sort_values("created_at", kind="stable")
    return (p["created_at"].diff() > SESSION_GAP).cumsum().reindex(posts.index)


def _talks(posts) -> pd.Series:
    return classify_posts(posts) == "conversation"


def _broadcast_sessions(posts) -> int:
    """How many sessions had no conversation (the count, where 06.2 asks for the share)."""
    return int((~_talks(posts).groupby(_session_numbers(posts)).any()).sum())


def _daily_broadcast_share(posts, zone=DEFAULT_ZONE) -> float:
    day = posts["created_at"].dt.tz_convert(zone).dt.date
    return float((~_talks(posts).groupby(day).any()).mean())


def _fixed_offset_hours(posts, zone=DEFAULT_ZONE) -> pd.Series:
    """Hours counted after adding one fixed offset (the zone's at the first post) to UTC."""
    utc = posts["created_at"].dt.tz_convert("UTC")
    first = utc.min().tz_convert(zone)
    hours = int(first.utcoffset().total_seconds() // 3600)
    return ((utc.dt.hour + hours) % 24).value_counts().reindex(range(24), fill_value=0)


def _one_hour_per_post(answer, posts) -> bool:
    """The hours themselves, one per post, not counted."""
    if not isinstance(answer, pd.Series) or len(answer) != len(posts) or len(posts) <= 24:
        return False
    values = pd.to_numeric(answer, errors="coerce")
    return bool(values.notna().all() and values.between(0, 23).all() and (values % 1 == 0).all())


def _by_hour(posts, zone, **kw) -> pd.Series:
    return posts["created_at"].dt.tz_convert(zone).dt.hour.value_counts(**kw)


register(
    Exercise(
        id="06.1",
        title="How much of what you post is conversation?",
        has_ratio=True,
        imports=("pd",),
        checks_on=CHECKS_ON,
        ask="The answer is one number between 0 and 1: the share of your posts that are conversation.",
        method="a reply, retweet or quote, or any post with an @mention, as a share of all your posts.",
        expected=lambda posts=None: conversation_share(_posts(posts)),
        solution=conversation_share,
        hints=(
            "A post is conversation if its kind is reply, retweet or quote, OR it mentions someone "
            "(its mentions are not empty), as in workshop 01.",
            '`posts["kind"].isin(["reply", "retweet", "quote"])` and `posts["mentions"].notna()` '
            "are True/False columns: combine them with `|` (or).",
            "The `.mean()` of a True/False column is the share of Trues.",
        ),
        mistakes=(
            Mistake(
                "That is a count of posts, not a share: take the `.mean()` of the True/False "
                "column instead of its `.sum()`.",
                answer=lambda posts=None: int(_talks(_posts(posts)).sum()),
                key="count",
            ),
            Mistake(
                "That is the share of *broadcasts*, the opposite of what was asked.",
                answer=lambda posts=None: 1 - conversation_share(_posts(posts)),
                key="broadcasts",
            ),
            Mistake(
                "You counted replies only. Retweets and quotes share someone's post and a mention "
                "talks to someone: they are conversation too.",
                answer=lambda posts=None: float((_kind(_posts(posts)) == "reply").mean()),
                key="replies_only",
                shortcut="counting replies only",
                fix="count retweets, quotes and @mentions too",
            ),
            Mistake(
                "You looked only at the kind of post. An original post that @mentions someone is "
                'talking to them: add `| posts["mentions"].notna()`.',
                answer=lambda posts=None: float(_kind(_posts(posts)).isin(CONVERSATION_KINDS).mean()),
                key="kind_only",
                shortcut="looking at the kind of post only",
                fix='add `| posts["mentions"].notna()`',
            ),
            Mistake(
                "You counted @mentions only. A reply, retweet or quote is conversation even "
                "without a mention: combine the kind test and the mention test with `|`.",
                answer=lambda posts=None: float(_mentions(_posts(posts)).mean()),
                key="mentions_only",
                shortcut="counting @mentions only",
                fix="combine it with the kind test using `|`",
            ),
            Mistake(
                "You left retweets out. Sharing someone's post gives them reach: it counts as "
                "conversation (kind reply, retweet or quote).",
                answer=lambda posts=None: float(
                    (_kind(_posts(posts)).isin(["reply", "quote"]) | _mentions(_posts(posts))).mean()
                ),
                key="no_retweets",
                shortcut="leaving retweets out",
                fix="a retweet is conversation too",
            ),
            Mistake(
                "You combined the two tests with `&` (and): only posts that are a reply, retweet or "
                "quote *and* carry a mention counted. A post is conversation if either holds: "
                "use `|` (or).",
                answer=lambda posts=None: float(
                    (_kind(_posts(posts)).isin(CONVERSATION_KINDS) & _mentions(_posts(posts))).mean()
                ),
                key="and_not_or",
            ),
        ),
    ),
    Exercise(
        id="06.2",
        title="Log on, post, log off",
        has_ratio=True,
        imports=("pd",),
        checks_on=CHECKS_ON,
        ask="The answer is one number between 0 and 1: the share of your sessions with no conversation.",
        method="number the sessions, then the share of sessions in which no post talked with anyone.",
        expected=lambda posts=None: broadcast_session_share(_posts(posts)),
        solution=broadcast_session_share,
        hints=(
            "`session` numbers each post's session; `talks` is True for each conversation post. "
            "`talks.groupby(session).any()` is True for each session with any conversation.",
            "`~` turns True into False: `~talks.groupby(session).any()` is True for the sessions "
            "with no conversation at all.",
            "The `.mean()` of that is the share of such sessions.",
        ),
        mistakes=(
            Mistake(
                "That is how many sessions had no conversation. The question asks for a share: "
                "take the `.mean()` of the True/False column, not its `.sum()`.",
                answer=lambda posts=None: _broadcast_sessions(_posts(posts)),
                key="count",
            ),
            Mistake(
                "That is the share of sessions *with* conversation, the opposite: put `~` in "
                "front of `talks.groupby(session).any()`.",
                answer=lambda posts=None: 1 - broadcast_session_share(_posts(posts)),
                key="opposite",
            ),
            Mistake(
                "That is the share of *posts* that are broadcasts. The question counts sessions: "
                "group the posts by `session` first.",
                answer=lambda posts=None: 1 - conversation_share(_posts(posts)),
                key="posts_not_sessions",
                shortcut="the share of broadcast posts",
                fix="group the posts by `session` first",
            ),
            Mistake(
                "You counted one session per day. A morning and an evening visit are two "
                "sessions: group by `session`, not by the date.",
                answer=lambda posts=None: _daily_broadcast_share(_posts(posts)),
                key="per_day",
                shortcut="one session per day",
                fix="group by `session`, not the date",
            ),
            Mistake(
                "You asked whether *every* post in a session talked (`.all()`), so a session with "
                "one reply among broadcasts counts as broadcasting. Use `.any()`, then `~`.",
                answer=lambda posts=None: float(
                    (~_talks(_posts(posts)).groupby(_session_numbers(_posts(posts))).all()).mean()
                ),
                key="all_not_any",
                shortcut="asking whether every post in a session talked (.all())",
                fix="use `.any()`, then `~`",
            ),
            Mistake(
                "That is the share of sessions of a single post. A one-post session can be a "
                "reply; a long one can be all broadcasts: ask whether any post in it talked.",
                answer=lambda posts=None: float((sessions(_posts(posts))["posts"] == 1).mean()),
                key="one_post",
                shortcut="counting one-post sessions",
                fix="ask whether any post in a session talked",
            ),
            Mistake(
                "You divided the broadcast-only sessions by the number of *posts*. The share is out "
                "of sessions: take the `.mean()` of the per-session True/False column (or divide "
                "by `session.nunique()`).",
                answer=lambda posts=None: _broadcast_sessions(_posts(posts)) / len(_posts(posts)),
                key="over_posts",
            ),
        ),
    ),
    Exercise(
        id="06.3",
        title="Your posting rhythm, on your clock",
        imports=("pd",),
        checks_on="your posts and your time zone: pass them as posts= and zone=",
        label="hour",
        ask="The answer is a Series: the number of your posts in each hour of the day, 0 to 23, on your clock.",
        method="convert the times to your zone, take the hour, count, and list all 24 hours.",
        expected=lambda posts=None, zone=DEFAULT_ZONE: posts_by_hour(_posts(posts), zone),
        solution=posts_by_hour,
        hints=(
            '`posts["created_at"].dt.tz_convert(MY_ZONE)` gives each time on your clock; `.dt.hour` '
            "then gives its hour, 0 to 23.",
            "`.value_counts()` counts each hour; `.sort_index()` puts them in order.",
            "Hours with no posts are missing from value_counts: `.reindex(range(24), fill_value=0)` lists every hour.",
        ),
        mistakes=(
            Mistake(
                "Those are the hours in UTC (the export's clock), not on yours: convert first "
                "with `.dt.tz_convert(MY_ZONE)`, then take `.dt.hour`.",
                answer=lambda posts=None, zone=DEFAULT_ZONE: posts_by_hour(_posts(posts), "UTC"),
                key="utc",
                shortcut="reading the hours in UTC",
                fix="convert with `.dt.tz_convert(MY_ZONE)` first",
            ),
            Mistake(
                "Hours with no posts are missing: add `.reindex(range(24), fill_value=0)` so all 24 hours are listed.",
                answer=lambda posts=None, zone=DEFAULT_ZONE: _by_hour(_posts(posts), zone).sort_index(),
                key="missing_hours",
            ),
            Mistake(
                "Those are shares of your posts, not counts: leave out `normalize=True`.",
                answer=lambda posts=None, zone=DEFAULT_ZONE: _by_hour(_posts(posts), zone, normalize=True).reindex(
                    range(24), fill_value=0.0
                ),
                key="shares",
            ),
            Mistake(
                "You added a fixed number of hours to UTC. Your offset changes when the clocks do "
                "(in the UK they go back on the last Sunday of October), and an export spans months: convert with "
                "`.dt.tz_convert(MY_ZONE)`, which knows the dates.",
                answer=lambda posts=None, zone=DEFAULT_ZONE: _fixed_offset_hours(_posts(posts), zone),
                key="fixed_offset",
                shortcut="adding a fixed offset to UTC",
                fix="convert with `.dt.tz_convert(MY_ZONE)`",
            ),
            Mistake(
                "That is one hour per post, not a count per hour: count them with `.value_counts()`, "
                "then `.reindex(range(24), fill_value=0)`.",
                matches=lambda a, e, posts=None, zone=DEFAULT_ZONE: _one_hour_per_post(a, _posts(posts)),
                key="hour_per_post",
            ),
            Mistake(
                "That counts posts per day of the week (0 = Monday). The question asks for the "
                "hour of the day: use `.dt.hour`.",
                answer=lambda posts=None, zone=DEFAULT_ZONE: (
                    _posts(posts)["created_at"].dt.tz_convert(zone).dt.day_of_week.value_counts().sort_index()
                ),
                key="weekday",
            ),
        ),
    ),
    Exercise(
        id="06.4",
        title="Your friends, in Huberman's sense",
        imports=("pd",),
        checks_on=CHECKS_ON,
        ask="The answer is a set of @handles: the accounts your own posts addressed at least twice.",
        method="your posts' mentions (not your retweets'), counted per account, kept at 2 or more.",
        expected=lambda posts=None: friends(_posts(posts)),
        solution=friends,
        hints=(
            "`my_posts` (the cell makes it) leaves your retweets out: a retweet's mentions are the "
            "original author's words, not yours.",
            '`my_posts["mentions"].dropna().str.split().explode()` gives one row per account '
            "addressed; drop your own handle (`mine.owner`), then `.value_counts()` counts them.",
            "Keep the counts of 2 or more: `counts[counts >= 2]`, and `set(... .index)` gives the handles.",
        ),
        mistakes=(
            Mistake(
                "That is everyone you addressed at least once. A friend is someone addressed at "
                "least twice: keep `counts >= 2`.",
                answer=lambda posts=None: friends(_posts(posts), times=1),
                key="once",
                shortcut="keeping everyone you addressed once or more",
                fix="keep the counts of 2 or more",
            ),
            Mistake(
                "You counted the mentions in your retweets too. A retweet repeats someone else's "
                'words: drop the retweets first (`posts["kind"] != "retweet"`).',
                answer=lambda posts=None: friends(_posts(posts), retweets=True),
                key="retweets",
                shortcut="counting your retweets' mentions",
                fix="drop the retweets first",
            ),
            Mistake(
                "That includes you: replies to your own posts (a thread) mention you. Leave your own "
                "handle (`mine.owner`) out before counting: `to[to.str.lower() != mine.owner.lower()]`, "
                "where `to` holds one mention per row.",
                answer=lambda posts=None: friends(_posts(posts), yourself=True),
                key="self",
                shortcut="keeping your own handle",
                fix="leave `mine.owner` out",
            ),
            Mistake(
                "You counted every post's mentions: your retweets' too (someone else's words), and "
                "your own handle (a thread). Use `my_posts` (no retweets), then leave "
                "`mine.owner` out before counting.",
                answer=lambda posts=None: friends(_posts(posts), retweets=True, yourself=True),
                key="retweets_and_self",
            ),
            Mistake(
                "That keeps accounts addressed *more* than twice. Twice is enough: use `>= 2`.",
                answer=lambda posts=None: friends(_posts(posts), times=3),
                key="more_than_twice",
            ),
            Mistake(
                "Those are the counts, not the accounts: `set(counts[counts >= 2])` keeps the numbers. "
                "Take the handles from the index: `set(counts[counts >= 2].index)`.",
                answer=lambda posts=None: set(addressed(_posts(posts)).loc[lambda n: n >= FRIEND_TIMES]),
                key="counts_not_handles",
            ),
            Mistake(
                "That is how many friends you have. The question asks which accounts: give the "
                "set of handles, e.g. `set(counts[counts >= 2].index)`.",
                matches=lambda a, e, posts=None: (
                    isinstance(a, (int, float)) and not isinstance(a, bool) and a == len(e) and len(e) > 0
                ),
                key="how_many",
            ),
        ),
    ),
)
