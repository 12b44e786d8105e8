"""A synthetic LinkedIn-style activity log and the quarter's outcomes.

Members are invented business owners. Some keep a profile and little else (passive); others find
contacts, comment, answer questions and post (active). Outcomes rise with active behaviour, with
plenty of noise: real people are not a formula, and the workshop says so.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..data import Field, TableSpec
from ..scenario import Scenario
from . import names

ACTIONS = (
    # things a member does to others or with others
    "connection_request",
    "message",
    "comment",
    "post",
    "answer_question",
    "join_discussion",
    # things that only change or tend the member's own profile, or are one click
    "profile_edit",
    "follow_company",
    "like",
    "endorse_skill",
)

MEMBERS = TableSpec(
    name="linkedin_members",
    title="LinkedIn-style members (synthetic)",
    description="SYNTHETIC. Business owners with a profile on a LinkedIn-style professional network.",
    fields=(
        Field("member_id", "integer", "Unique id of the member."),
        Field("name", "string", "The member's (invented) name."),
        Field("business_type", "string", "What their business does."),
        Field("sector", "string", "B2B or B2C.", enum=("B2B", "B2C")),
        Field("connections", "integer", "Connections at the start of the quarter.", unit="people"),
        Field(
            "profile_completeness",
            "integer",
            "How complete the profile is (photo, headline, summary, experience...).",
            unit="percent",
        ),
    ),
    primary_key=("member_id",),
)

ACTIVITY = TableSpec(
    name="linkedin_activity",
    title="LinkedIn-style activity log (synthetic)",
    description="SYNTHETIC. One row per action a member took during the quarter.",
    fields=(
        Field("member_id", "integer", "Who acted (linkedin_members.member_id)."),
        Field("date", "date", "The day of the action."),
        Field(
            "action",
            "string",
            "connection_request, message, comment (on someone's post), post, "
            "answer_question (in a group or thread), join_discussion, profile_edit, "
            "follow_company, like, endorse_skill.",
            enum=ACTIONS,
        ),
    ),
    foreign_keys=(("member_id", "linkedin_members", "member_id"),),
)

OUTCOMES = TableSpec(
    name="linkedin_outcomes",
    title="LinkedIn-style outcomes per quarter (synthetic)",
    description="SYNTHETIC. What each member got from the network over the same quarter.",
    fields=(
        Field("member_id", "integer", "The member (linkedin_members.member_id)."),
        Field("quarter_start", "date", "First day of the quarter."),
        Field("profile_views", "integer", "Times their profile was viewed.", unit="views"),
        Field(
            "conversations",
            "integer",
            "Conversations the member started with new contacts "
            "(messages that got at least one reply): at most the member's `message` rows in "
            "`linkedin_activity`.",
            unit="conversations",
        ),
        Field("referrals", "integer", "Times someone introduced or recommended them.", unit="referrals"),
        Field(
            "opportunities",
            "integer",
            "Enquiries, quotes requested or meetings booked that came through the network.",
            unit="opportunities",
        ),
    ),
    primary_key=("member_id",),
    foreign_keys=(("member_id", "linkedin_members", "member_id"),),
    calibration=(
        "Outcomes rise with active behaviour (finding contacts, commenting, answering questions), "
        "as the CONTENT brief's cocktail-party talk argues and as follow-growth studies find for "
        "replies and mentions (Hutto, Yardi & Gilbert, CHI 2013); the relation is noisy (rank "
        "correlation between active actions and opportunities between 0.3 and 0.8).",
        "A complete but unused profile brings views, not opportunities.",
    ),
)

SPECS = (MEMBERS, ACTIVITY, OUTCOMES)

_ACTIVE = ACTIONS[:6]
_ACTIVE_MIX = np.array([0.25, 0.2, 0.25, 0.1, 0.1, 0.1])
_PASSIVE = ACTIONS[6:]
_PASSIVE_MIX = np.array([0.15, 0.25, 0.45, 0.15])


def generate(s: Scenario, seed_stream: int = 2) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng([s.seed, seed_stream])
    M = s.linkedin_members
    types = list(names.TYPES)
    btype = rng.choice(types, size=M)
    members = pd.DataFrame(
        {
            "member_id": np.arange(1, M + 1),
            "name": [f"{a} {b}" for a, b in zip(rng.choice(names.FIRST, M), rng.choice(names.LAST, M))],
            "business_type": btype,
            "sector": [names.TYPES[t][0] for t in btype],
            "connections": rng.lognormal(np.log(220), 0.8, M).round().astype(int),
            "profile_completeness": np.clip(rng.normal(70, 20, M), 10, 100).round().astype(int),
        }
    )

    active = rng.random(M) < s.assumption("active_member_share")
    engagement = np.where(active, rng.beta(2.5, 2.5, M), rng.beta(1.0, 12.0, M))
    days = 7 * 13
    q0 = s.quarter_start
    rows_m, rows_d, rows_a = [], [], []
    n_active = rng.poisson(days / 7 * 7.0 * engagement)
    n_passive = rng.poisson(days / 7 * 1.5, M) + 1
    # some members keep a weekly habit: exactly one post a week, nothing else active, so the
    # "at least one a week" threshold (13 in the quarter) has members exactly on it
    weekly = rng.random(M) < s.assumption("weekly_posters")
    n_active[weekly] = days // 7
    weekly_day = rng.integers(0, 7, M)
    for m in range(M):
        for count, pool, mix in ((n_active[m], _ACTIVE, _ACTIVE_MIX), (n_passive[m], _PASSIVE, _PASSIVE_MIX)):
            if count == 0:
                continue
            if weekly[m] and pool is _ACTIVE:
                acts = np.full(count, _ACTIVE.index("post"))
                when = np.arange(count) * 7 + weekly_day[m]
            else:
                acts = rng.choice(len(pool), size=count, p=mix)
                when = rng.integers(0, days, size=count)
            rows_m.extend([m + 1] * count)
            rows_d.extend(when.tolist())
            rows_a.extend(pool[k] for k in acts)
    activity = pd.DataFrame({"member_id": rows_m, "day": rows_d, "action": rows_a})
    activity = activity.sort_values(["day", "member_id", "action"], kind="stable").reset_index(drop=True)
    activity["date"] = pd.to_datetime([q0 + dt.timedelta(days=int(d)) for d in activity["day"]])
    activity = activity[["member_id", "date", "action"]]

    noise = rng.gamma(2.0, 0.5, M)
    conv = rng.poisson((0.3 + s.assumption("activity_conversations") * n_active) * noise)
    # a conversation the member started needs a message they sent
    messages = (activity["action"] == "message").groupby(activity["member_id"]).sum()
    conv = np.minimum(conv, messages.reindex(members["member_id"], fill_value=0).to_numpy())
    referrals = rng.poisson((0.05 + s.assumption("activity_referrals") * n_active) * rng.gamma(2.0, 0.5, M))
    opportunities = rng.poisson((0.1 + 0.25 * conv**0.9 + 0.3 * referrals) * rng.gamma(3.0, 1 / 3, M))
    views = rng.poisson(
        4 + 0.8 * n_active + s.assumption("views_per_completeness") * members["profile_completeness"].to_numpy()
    )
    outcomes = pd.DataFrame(
        {
            "member_id": members["member_id"],
            "quarter_start": pd.Timestamp(q0),
            "profile_views": views,
            "conversations": conv,
            "referrals": referrals,
            "opportunities": opportunities,
        }
    )
    return {"linkedin_members": members, "linkedin_activity": activity, "linkedin_outcomes": outcomes}
