"""The cocktail party: an agent-based model of networking, online and off.

Workshop 03 turns a seminar analogy into a small simulation. Guests at a
party behave like business profiles on social media:

* the **wallflower** stands against the wall (a profile nobody uses);
* the **broadcaster** only talks about himself (posting links, never replying);
* the **butterfly** spends a few seconds with everyone (mass following);
* the **impostor** claims an importance he does not have (inflated claims);
* the **conversationalist** listens, answers and comes back (replies and
  answers questions).

People buy from those they *know*, then *like*, then *trust*. The model
tracks those three stages for every pair of guests.

Personas are data, not code: every behaviour comes from the numbers in a
persona table (:data:`DEFAULT_PERSONAS`). To add a persona, add a row.

How a party works (one tick = one minute)
-----------------------------------------
1. A guest in a conversation leaves it with probability ``1/stay_minutes``
   each minute (so on average they stay ``stay_minutes``). A conversation
   left with a single person ends.
2. A free guest approaches someone with probability ``join_rate``. The
   person approached is drawn at random; people already talking are easy
   to approach (weight 1), a free guest is approached in proportion to their
   own ``join_rate`` (someone looking at their phone by the wall is rarely
   approached). From the second evening on, ``RETURN_PROB`` of approaches
   go to one of the three people the guest liked most (people seek out
   those they like).
3. Groups hold 2 to 4 people. When joiners would make a group bigger than
   four, it splits into ``ceil(size / 4)`` conversations (a fifth person
   splits a group of four into two).
4. Within a conversation, each member holds the floor in proportion to
   their ``talk_share``; the rest of the minute they listen.

What guests remember
--------------------
* *Attention*: a minute in a group of ``s`` gives each member ``1/(s-1)``
  minute of personal attention with each other member, and a new chat
  warms up: its n-th minute counts ``n / WARM_UP`` (full from then on). A
  butterfly's one-minute visit to a group of four is worth little.
* *Forgetting*: a pair remember an evening's chats only if their attention
  *that evening* adds up to :data:`KNOW_MINUTES`. Below it, the evening
  leaves nothing behind (no familiarity, no liking): one-minute hellos on
  six evenings do not add up to one real conversation.
* *Familiarity* (being remembered) grows with the remembered attention
  minutes and saturates: ``1 - exp(-t / TAU_FAMILIARITY)``. Two guests know
  each other (``knows``) once one evening's chats were remembered.
* *Liking* of B for A grows with the remembered attention minutes in which
  A was listening rather than talking: ``1 - exp(-t / TAU_LIKING)`` on these
  "liking-minutes"; B likes A from :data:`LIKE_MINUTES`. A broadcaster,
  who holds the floor, earns little.
* *Claims*: a guest with ``claim > 0`` gets ``claim * CLAIM_BOOST`` free
  liking-minutes from everyone they meet (early interest). Each
  conversation they join risks exposure with probability
  ``EXPOSURE_RATE * claim * (1 - honesty)``. Their group-mates, and anyone
  who talks with them later, learn about it; with ``gossip`` the news also
  spreads after each evening to everyone who knows someone who knew. For
  those who know, liking and trust are gone for good (the boost and every
  liking-minute).
* *Trust* needs liking accumulated over time: ``1 - exp(-t / TAU_TRUST)`` on
  the same liking-minutes, and B trusts A only from
  :data:`TRUST_MINUTES` of them: several long talks, usually spread over
  more than one evening.
* *Weekly events*: with ``evenings > 1`` the same guests meet again.
  Everything remembered carries forward; people seek out those they like
  (``RETURN_PROB``), and each further evening adds :data:`MERE_EXPOSURE`
  familiarity minutes for every pair who already know each other.
* Funnel: ``likes`` requires ``knows`` and ``trusts`` requires ``likes``.

Sources (summarised, not quoted)
--------------------------------
* Dunbar, R. I. M., Duncan, N. D. C. & Nettle, D. (1995). Size and structure
  of freely forming conversational groups. *Human Nature* 6(1). Observed
  conversations rarely keep more than four speakers; bigger groups break
  into separate conversations. Hence the 4-person cap and the split.
* Hall, J. A. (2019). How many hours does it take to make a friend?
  *Journal of Social and Personal Relationships* 36(4). Roughly 50 hours
  together to turn an acquaintance into a casual friend, roughly 90 hours
  to a friend, and over 200 hours to a close friend. The party is scaled
  down by a large, arbitrary factor: :data:`TRUST_MINUTES` = 15
  liking-minutes stand in for the ~50 hours, so trust takes several long
  talks, typically over several evenings. The scale is a teaching choice,
  not a measurement.
* Moreland, R. L. & Beach, S. R. (1992). Exposure effects in the classroom:
  The development of affinity among students. *Journal of Experimental
  Social Psychology* 28(3). Women who attended a lecture course more often,
  without talking to anyone, were later rated by the students as more
  attractive and more similar to them; the effect on how *familiar* they
  seemed was weak. The model's small familiarity bonus for each repeated
  evening is a simplification of that (it leaves out the liking effect,
  and gives the bonus only to people who already know each other).
* Huang, K., Yeomans, M., Brooks, A. W., Minson, J. & Gino, F. (2017). It
  doesn't hurt to ask: Question-asking increases liking. *Journal of
  Personality and Social Psychology* 113(3). In chats between strangers,
  people told to ask many questions were liked more by their partners
  than people told to ask few; in speed dating, people who asked more
  follow-up questions got more second dates. Turning "asks questions" into
  "liking grows with the minutes the other person listened" is our mapping.
* Anderson, C., Brion, S., Moore, D. A. & Kennedy, J. A. (2012). A
  status-enhancement account of overconfidence. *Journal of Personality and
  Social Psychology* 103(4). Overconfident people attained higher status
  in groups, because others saw them as more competent. Turning that into
  early *liking* (the claim boost) is our mapping.
* Kennedy, J. A., Anderson, C. & Moore, D. A. (2013). When overconfidence is
  revealed to others. *Organizational Behavior and Human Decision
  Processes* 122(2). In three studies, group members did not penalise
  people revealed as overconfident and still viewed them positively. The
  model's rule, that exposure ends liking and trust, follows the seminar's
  claim, not this finding.
* Know, like, trust: a marketing rule of thumb, not a research finding; the
  model only uses it as the order of the stages.
* Davis, A., Gardner, B. B. & Gardner, M. R. (1941). *Deep South*.
  University of Chicago Press. Attendance of 18 women at 14 social events
  in Natchez, Mississippi, in the 1930s, as shipped with networkx
  (``davis_southern_women_graph``). The two circles used here come from
  community detection (greedy modularity), not from the authors' own grouping.

Everything is vectorised with NumPy: the loop runs over minutes, never over
guests or pairs of guests.

Workshop 03's exercises (03.1 to 03.5), their reference solutions and their
anticipated mistakes live in :mod:`kit.solutions.party`, outside the
learner's namespace: nothing here returns an exercise's answer. Their checks
run on the party the learner simulated (passed to ``check``), or on the
room's party (:func:`room_party`: 40 guests, 90 minutes, the scenario's seed)
when none is given.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from networkx.algorithms import bipartite

__all__ = [
    "DEFAULT_PERSONAS",
    "PARAMETER_COLUMNS",
    "TEXT_COLUMNS",
    "PartyResult",
    "personas_table",
    "simulate",
    "tournament",
    "davis_attendance",
    "davis_could_have_met",
    "davis_circles",
    "davis_shared_events",
    "davis_network",
    "max_group_size",
    "davis_women",
    "persona_pairs",
    "online_twins",
    "guest_entry",
    "read_entries",
    "room_call",
    "room_party",
]

# --------------------------------------------------------------------------
# Rules of the party (named constants, so the notebook can show them)
# --------------------------------------------------------------------------
MAX_GROUP = 4  #: Dunbar, Duncan & Nettle (1995): about four people per conversation.
WARM_UP = 3  #: the n-th minute of a chat counts n / WARM_UP: small talk comes first.
KNOW_MINUTES = 2.0  #: fewer attention minutes than this in one evening and the evening is forgotten.
LIKE_MINUTES = 3.0  #: liking-minutes needed before B "likes" A.
TRUST_MINUTES = 15.0  #: liking-minutes needed for trust (Hall 2019's ~50 h, scaled down).
TAU_FAMILIARITY = 5.0  #: minutes; familiarity = 1 - exp(-t / TAU_FAMILIARITY).
TAU_LIKING = 8.0  #: liking-minutes; liking = 1 - exp(-t / TAU_LIKING).
TAU_TRUST = 30.0  #: liking-minutes; trust = 1 - exp(-t / TAU_TRUST).
CLAIM_BOOST = 8.0  #: liking-minutes granted on meeting someone with claim = 1.
EXPOSURE_RATE = 0.04  #: per conversation, P(exposed) = EXPOSURE_RATE * claim * (1 - honesty).
MERE_EXPOSURE = 0.25  #: familiarity minutes per repeated evening, for pairs who know each other.
RETURN_PROB = 0.6  #: share of approaches aimed at someone liked on an earlier evening.
FAVOURITES = 3  #: how many favourite people each guest remembers between evenings.
MAX_GUESTS = 3000  #: memory guard: the model keeps a few guests x guests matrices.
SEASON_EVENINGS = 6  #: weekly evenings in the "season" (and in every tournament)
TOURNAMENT_SEEDS = range(5)  #: the five parties every tournament runs: the same for everyone
GUESTS_PER_ENTRY = 3  #: guests each tournament entry sends to every party

PARAMETER_COLUMNS = ("join_rate", "talk_share", "stay_minutes", "claim", "honesty")
TEXT_COLUMNS = ("description", "online_twin")
_UNIT_COLUMNS = ("join_rate", "talk_share", "claim", "honesty")

DEFAULT_PERSONAS = pd.DataFrame(
    [
        (
            "wallflower", 0.02, 0.25, 3.0, 0.0, 1.0,
            "Stands against the wall; rarely joins a group and soon drifts off.",
            "A profile that exists but is never used.",
        ),
        (
            "broadcaster", 0.20, 0.90, 5.0, 0.0, 1.0,
            "Talks about himself and his products; barely listens.",
            "Posts links and announcements, never replies.",
        ),
        (
            "butterfly", 0.70, 0.50, 1.2, 0.0, 1.0,
            "A few seconds with everyone; remembered by almost no one.",
            "Follows thousands of accounts, engages with none.",
        ),
        (
            "conversationalist", 0.20, 0.40, 15.0, 0.0, 1.0,
            "Active, authentic, personal: asks, listens, comes back.",
            "Replies to comments and answers questions.",
        ),
        (
            "impostor", 0.30, 0.70, 6.0, 0.80, 0.20,
            "Claims an importance he does not have, and is found out.",
            "Inflated follower counts, titles and testimonials.",
        ),
    ],
    columns=["persona", *PARAMETER_COLUMNS, *TEXT_COLUMNS],
).set_index("persona")


def personas_table() -> pd.DataFrame:
    """Return a copy of the default persona table (one row per persona).

    Edit the copy and pass it to :func:`simulate` as ``personas=``.

    >>> table = personas_table()
    >>> list(table.index)
    ['wallflower', 'broadcaster', 'butterfly', 'conversationalist', 'impostor']
    >>> table.loc["listener"] = [0.3, 0.1, 8.0, 0.0, 1.0, "Mostly listens.", "Reads and answers."]
    >>> len(table), len(DEFAULT_PERSONAS)
    (6, 5)
    """
    return DEFAULT_PERSONAS.copy()


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------
def _check_personas(personas: pd.DataFrame | None) -> pd.DataFrame:
    """Validate a persona table and return a clean copy indexed by persona."""
    if personas is None:
        return DEFAULT_PERSONAS.copy()
    if not isinstance(personas, pd.DataFrame):
        raise ValueError(
            f"personas must be a pandas DataFrame, got {type(personas).__name__}"
        )
    table = personas.copy()
    if "persona" in table.columns:
        table = table.set_index("persona")
    table.index = table.index.map(str)
    table.index.name = "persona"
    if len(table) == 0:
        raise ValueError("the persona table is empty: expected at least one row")
    if table.index.has_duplicates:
        dups = sorted(set(table.index[table.index.duplicated()]))
        raise ValueError(f"persona names must be unique; duplicated: {dups}")
    missing = [c for c in PARAMETER_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(
            f"persona table is missing parameter column(s) {missing}; "
            f"expected columns {list(PARAMETER_COLUMNS)}"
        )
    for col in TEXT_COLUMNS:
        if col not in table.columns:
            table[col] = ""
        table[col] = table[col].fillna("").astype(str)
    for col in PARAMETER_COLUMNS:
        values = pd.to_numeric(table[col], errors="coerce")
        bad = values.isna()
        if bad.any():
            raise ValueError(
                f"column {col!r} must be numeric; bad value for {list(table.index[bad])}"
            )
        table[col] = values.astype(float)
    for col in _UNIT_COLUMNS:
        bad = (table[col] < 0) | (table[col] > 1)
        if bad.any():
            raise ValueError(
                f"column {col!r} must be between 0 and 1; out of range for "
                f"{list(table.index[bad])}"
            )
    bad = table["stay_minutes"] < 1
    if bad.any():
        raise ValueError(
            "column 'stay_minutes' must be at least 1 (minutes); out of range for "
            f"{list(table.index[bad])}"
        )
    return table


def _check_int(name: str, value, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < low or (high is not None and value > high):
        upper = f" and at most {high}" if high is not None else ""
        raise ValueError(f"{name} must be at least {low}{upper}, got {value}")
    return int(value)


def _assign(
    table: pd.DataFrame,
    guests: int,
    mix: Mapping[str, float] | None,
    rng: np.random.Generator,
) -> np.ndarray:
    """Persona index per guest: largest-remainder quotas, then shuffled."""
    names = list(table.index)
    if mix is None:
        shares = np.ones(len(names))
    else:
        if not isinstance(mix, Mapping):
            raise ValueError("mix must be a dict {persona: share}")
        unknown = [k for k in mix if k not in table.index]
        if unknown:
            raise ValueError(f"unknown persona(s) in mix: {unknown}; expected some of {names}")
        shares = np.zeros(len(names))
        for k, v in mix.items():
            try:
                v = float(v)
            except (TypeError, ValueError):
                raise ValueError(f"share for {k!r} must be a number, got {v!r}") from None
            if not np.isfinite(v) or v < 0:
                raise ValueError(f"share for {k!r} must be a number >= 0, got {v}")
            shares[names.index(k)] = v
        if shares.sum() <= 0:
            raise ValueError("mix shares must add up to more than 0")
    quota = shares / shares.sum() * guests
    counts = np.floor(quota).astype(int)
    left = guests - counts.sum()
    if left:
        # largest fractional part first; ties go to the earlier row
        order = np.lexsort((np.arange(len(names)), -(quota - counts)))
        counts[order[:left]] += 1
    kinds = np.repeat(np.arange(len(names)), counts)
    return rng.permutation(kinds)


# --------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, eq=False)
class PartyResult:
    """Outcome of :func:`simulate`.

    Attributes
    ----------
    guests : DataFrame
        One row per guest: persona, people_met, remembered_by, liked_by,
        trusted_by (how many *others* know / like / trust this guest),
        mean_trust_received (their average trust score from the people
        they met), exposed, exposed_evening (0 = never), minutes_talking,
        minutes_listening.
    ties : DataFrame
        One row per pair who ever talked (guest_a < guest_b).
        ``attention_minutes`` is all the attention they gave each other;
        ``knows`` needs one evening on which it reached ``KNOW_MINUTES``.
        ``familiarity`` and ``knows`` are the same both ways; ``liking`` /
        ``trust`` are the weaker of the two directions and ``likes`` /
        ``trusts`` mean *both* like / trust each other (a relationship is
        two-way). The one-way scores are in the ``*_a_to_b`` / ``*_b_to_a``
        columns.
    personas : DataFrame
        The persona table that was used.
    settings : dict
        guests, minutes, evenings, seed, gossip.
    labels : ndarray, shape (evenings, minutes, guests)
        Conversation label of each guest in each minute (-1 = not talking);
        the compact record that ``conversations`` is built from.
    conversations : DataFrame
        (built on first use) one row per evening, minute and group, with
        the members as a tuple of guest ids and the group size.
    """

    guests: pd.DataFrame
    ties: pd.DataFrame
    personas: pd.DataFrame
    settings: dict
    labels: np.ndarray = dataclasses.field(repr=False)

    @functools.cached_property
    def conversations(self) -> pd.DataFrame:
        """One row per (evening, minute, group): members (tuple of guest ids), size."""
        return _conversations_from_labels(self.labels)

    def by_persona(self) -> pd.DataFrame:
        """Outcomes per persona: number of guests and mean per guest.

        ``share_remembered`` is remembered_by / people_met (0 if they met
        nobody), averaged over the persona's guests.

        >>> r = simulate(guests=10, minutes=20, seed=1)
        >>> list(r.by_persona().columns)  # doctest: +NORMALIZE_WHITESPACE
        ['n', 'people_met', 'remembered_by', 'liked_by', 'trusted_by',
         'share_remembered', 'share_exposed']
        """
        g = self.guests.assign(
            share_remembered=np.where(
                self.guests["people_met"] > 0,
                self.guests["remembered_by"] / self.guests["people_met"].clip(lower=1),
                0.0,
            ),
            exposed=self.guests["exposed"].astype(float),
        )
        out = g.groupby("persona", sort=False, observed=True).agg(
            n=("guest", "size"),
            people_met=("people_met", "mean"),
            remembered_by=("remembered_by", "mean"),
            liked_by=("liked_by", "mean"),
            trusted_by=("trusted_by", "mean"),
            share_remembered=("share_remembered", "mean"),
            share_exposed=("exposed", "mean"),
        )
        order = [p for p in self.personas.index if p in out.index]
        return out.loc[order]


def _conversations_from_labels(labels: np.ndarray) -> pd.DataFrame:
    evenings, minutes, n = labels.shape
    e, t, guest = np.nonzero(labels >= 0)
    lab = labels[e, t, guest].astype(np.int64)
    key = ((e.astype(np.int64) * minutes + t) * (n + 1) + lab) * n + guest
    order = np.argsort(key, kind="stable")
    e, t, guest, lab = e[order], t[order], guest[order], lab[order]
    if guest.size == 0:
        return pd.DataFrame(
            {
                "evening": pd.Series([], dtype=int),
                "minute": pd.Series([], dtype=int),
                "group": pd.Series([], dtype=int),
                "members": pd.Series([], dtype=object),
                "size": pd.Series([], dtype=int),
            }
        )
    new = np.r_[True, (e[1:] != e[:-1]) | (t[1:] != t[:-1]) | (lab[1:] != lab[:-1])]
    starts = np.flatnonzero(new)
    sizes = np.diff(np.r_[starts, guest.size])
    members = [tuple(m) for m in np.split(guest.tolist(), starts[1:])]
    return pd.DataFrame(
        {
            "evening": e[starts] + 1,
            "minute": t[starts] + 1,
            "group": lab[starts],
            "members": members,
            "size": sizes,
        }
    )


# --------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------
def _one_minute(state, p, rng, n):
    """Advance the party by one minute (array operations only)."""
    group = state["group"]
    # 1. leaving
    in_g = group >= 0
    leave = in_g & (rng.random(n) < p["leave_p"])
    group[leave] = -1
    in_g &= ~leave
    if in_g.any():
        counts = np.bincount(group[in_g])
        alone = in_g.copy()
        alone[in_g] = counts[group[in_g]] == 1
        group[alone] = -1
        in_g &= ~alone
    was_free = ~in_g
    n_groups = int(group.max()) + 1 if in_g.any() else 0

    # 2. approaching
    appr = was_free & (rng.random(n) < p["join_rate"])
    ai = np.flatnonzero(appr)
    key = np.where(in_g, group, -1)
    if ai.size:
        weight = np.where(in_g, 1.0, p["join_rate"])
        weight[appr] = 0.0
        cum = np.cumsum(weight)
        total = cum[-1]
        if total > 0:
            target = np.searchsorted(cum, rng.random(ai.size) * total, side="right")
            np.minimum(target, n - 1, out=target)
            fav = state["fav"]
            if fav is not None:
                pick = fav[ai, rng.integers(0, fav.shape[1], ai.size)]
                use = (rng.random(ai.size) < RETURN_PROB) & (pick >= 0)
                use[use] = ~appr[pick[use]]
                target[use] = pick[use]
            t_group = group[target]
            key[ai] = np.where(t_group >= 0, t_group, n_groups + target)
            lone = target[t_group < 0]
            key[lone] = n_groups + lone

    # 3. form groups, splitting any above MAX_GROUP
    members = np.flatnonzero(key >= 0)
    tenure = state["tenure"]
    if members.size == 0:
        group[:] = -1
        tenure[:] = 0
        return None
    order = np.argsort(key[members] * n + state["perm"][members])
    members = members[order]
    ks = key[members]
    m = ks.size
    first = np.empty(m, bool)
    first[0] = True
    np.not_equal(ks[1:], ks[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    sizes = np.empty(starts.size, np.int64)
    sizes[:-1] = starts[1:] - starts[:-1]
    sizes[-1] = m - starts[-1]
    rank = np.cumsum(first) - 1
    n_sub = (sizes + (MAX_GROUP - 1)) // MAX_GROUP
    offset = np.cumsum(n_sub) - n_sub
    label = offset[rank] + (np.arange(m) - starts[rank]) % n_sub[rank]
    group[:] = -1
    group[members] = label

    # minutes each member has been in this conversation (joiners start at 1)
    joined = was_free[members]
    ten = np.where(joined, 1, tenure[members] + 1)
    tenure[:] = 0
    tenure[members] = ten

    # joining a conversation risks exposure for over-claimers
    risky = joined & (p["expose_p"][members] > 0)
    if risky.any():
        who = members[risky]
        caught = who[rng.random(who.size) < p["expose_p"][who]]
        caught = caught[~state["exposed"][caught]]
        state["exposed"][caught] = True
        state["exposed_evening"][caught] = state["evening"] + 1

    # 4. who talks: floor share in proportion to talk_share
    order = np.argsort(label, kind="stable")
    members, label, ten = members[order], label[order], ten[order]
    talk = p["talk_share"][members]
    tot = np.bincount(label, weights=talk)[label]
    size = np.bincount(label)[label]
    floor = np.where(tot > 0, talk / np.where(tot > 0, tot, 1.0), 1.0 / size)
    idle = 1.0 - floor
    state["talking"][members] += floor
    state["listening"][members] += idle
    # one minute of attention is shared among the other members of the group
    share = 1.0 / (size - 1)

    # every pair in a group: members are sorted by label and groups hold <= 4
    out = state["pairs"]
    exposed = state["exposed"]
    any_exposed = exposed.any()
    for d in range(1, MAX_GROUP):
        i = np.flatnonzero(label[:-d] == label[d:])
        if i.size == 0:
            break
        j = i + d
        a, b = members[i], members[j]
        # warm-up: the n-th minute of a chat counts n / WARM_UP (full after)
        w = share[i] * np.minimum(np.minimum(ten[i], ten[j]) / WARM_UP, 1.0)
        out.append((a, b, w, idle[i] * w, idle[j] * w))
        if any_exposed:
            aware = state["aware"]
            e = exposed[b]
            aware[a[e], b[e]] = True
            e = exposed[a]
            aware[b[e], a[e]] = True
    return None


def simulate(
    guests: int = 40,
    minutes: int = 90,
    mix: Mapping[str, float] | None = None,
    evenings: int = 1,
    seed: int = 0,
    personas: pd.DataFrame | None = None,
    assignment: Sequence[str] | None = None,
    *,
    gossip: bool = True,
) -> PartyResult:
    """Run the cocktail party and return a :class:`PartyResult`.

    Parameters
    ----------
    guests : number of guests (ignored when ``assignment`` is given).
    minutes : length of each evening in minutes.
    mix : ``{persona: share}``; shares are normalised. Default: equal shares
        of every persona in the table. Guests are assigned by largest
        remainder and shuffled with the seed.
    evenings : number of repeated evenings (a weekly event, same guests).
    seed : random seed; the same seed gives exactly the same party.
    personas : persona table (default :data:`DEFAULT_PERSONAS`); add a row to
        add a persona.
    assignment : explicit persona name per guest (overrides ``guests`` and
        ``mix``).
    gossip : after each evening, news of an exposure spreads one step.

    >>> r = simulate(guests=12, minutes=30, seed=3)
    >>> len(r.guests), int(r.conversations["size"].max()) <= 4
    (12, True)
    >>> r.guests.equals(simulate(guests=12, minutes=30, seed=3).guests)
    True
    """
    table = _check_personas(personas)
    minutes = _check_int("minutes", minutes, 1)
    evenings = _check_int("evenings", evenings, 1)
    seed = _check_int("seed", seed, 0)
    rng = np.random.default_rng(seed)
    names = list(table.index)
    if assignment is not None:
        if isinstance(assignment, str) or not isinstance(assignment, Iterable):
            raise ValueError("assignment must be a list of persona names, one per guest")
        assignment = [str(a) for a in assignment]
        if mix is not None:
            raise ValueError("give either mix or assignment, not both")
        unknown = sorted({a for a in assignment if a not in table.index})
        if unknown:
            raise ValueError(
                f"unknown persona(s) in assignment: {unknown}; expected some of {names}"
            )
        n = _check_int("number of guests in assignment", len(assignment), 2, MAX_GUESTS)
        kind = np.array([names.index(a) for a in assignment], dtype=np.int64)
    else:
        n = _check_int("guests", guests, 2, MAX_GUESTS)
        kind = _assign(table, n, mix, rng)

    values = {c: table[c].to_numpy(float)[kind] for c in PARAMETER_COLUMNS}
    p = {
        "leave_p": 1.0 / values["stay_minutes"],
        "join_rate": values["join_rate"],
        "talk_share": values["talk_share"],
        "expose_p": EXPOSURE_RATE * values["claim"] * (1.0 - values["honesty"]),
    }
    acc = {
        # flat n*n arrays; together/attention only use [lo * n + hi] with lo < hi
        "together": None,  # minutes in the same group
        "attention": None,  # the same minutes, shared by group size and warm-up
        "counted": None,  # attention from evenings on which the pair reached KNOW_MINUTES
        "listened": None,  # [b * n + a]: attention A gave B by listening (counted evenings)
        # mere-exposure familiarity minutes from repeated evenings
        "mere": np.zeros((n, n)) if evenings > 1 else None,
        "claim": values["claim"],
    }
    labels = np.full((evenings, minutes, n), -1, dtype=np.int16)
    state = {
        "exposed": np.zeros(n, bool),
        "exposed_evening": np.zeros(n, np.int64),
        "aware": np.zeros((n, n), bool),  # [b, a]: b knows a was exposed
        "talking": np.zeros(n),
        "listening": np.zeros(n),
        "tenure": np.zeros(n, np.int64),
        "fav": None,
    }
    for evening in range(evenings):
        state["evening"] = evening
        state["group"] = np.full(n, -1, np.int64)
        state["tenure"][:] = 0
        if evening > 0 and acc["mere"] is not None:
            # mere exposure: a familiar face becomes a little more familiar each week,
            # but only for people who already know each other
            known = acc["counted"].reshape(n, n)
            acc["mere"] += np.where((known + known.T) > 0, MERE_EXPOSURE, 0.0)
        state["pairs"] = []
        for minute in range(minutes):
            state["perm"] = rng.permutation(n)
            _one_minute(state, p, rng, n)
            labels[evening, minute] = state["group"]
        _end_of_evening(acc, state["pairs"], n)
        state["pairs"] = []
        last = evening == evenings - 1
        spread = gossip and state["exposed"].any()
        if spread or not last:
            knows = _knows_matrix(n, acc)
            if spread:
                cols = np.flatnonzero(state["exposed"])
                aware = state["aware"]
                heard = knows.astype(np.float32) @ aware[:, cols].astype(np.float32)
                aware[:, cols] |= heard > 0
                aware[cols, cols] = False
            if not last:
                like_eff = _like_matrix(n, acc, state["aware"])
                state["fav"] = _favourites(like_eff, knows, state["aware"])

    settings = {"guests": n, "minutes": minutes, "evenings": evenings, "seed": seed, "gossip": gossip}
    return _build_result(n, kind, table, acc, state, labels, settings)


def _end_of_evening(acc, pairs, n):
    """Add one evening's chats to the running totals.

    ``together`` and ``attention`` keep every chat. ``counted`` and ``listened`` keep only the
    pairs whose attention *this evening* reached KNOW_MINUTES: a chat too short to be remembered
    tonight leaves nothing behind, so one-minute hellos on six evenings do not add up.
    """
    if pairs:
        # (a, b, attention, attention a gave b by listening, and b gave a)
        a, b, att, l_a, l_b = (np.concatenate(c) for c in zip(*pairs))
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        up = lo * n + hi
        tog = np.bincount(up, minlength=n * n)
        attn = np.bincount(up, weights=att, minlength=n * n)
        kept = attn >= KNOW_MINUTES  # [lo * n + hi]: remembered tonight
        keep = kept[up]
        lis = np.bincount(
            np.concatenate((b[keep] * n + a[keep], a[keep] * n + b[keep])),
            weights=np.concatenate((l_a[keep], l_b[keep])),
            minlength=n * n,
        )
        counted = np.where(kept, attn, 0.0)
    else:
        tog = np.zeros(n * n, np.int64)
        attn = counted = lis = np.zeros(n * n)
    for name, new in (("together", tog), ("attention", attn), ("counted", counted),
                      ("listened", lis)):
        if acc[name] is None:  # the first evening just takes the new array: no extra pass
            acc[name] = new
        else:
            acc[name] = acc[name] + new


def _knows_matrix(n, acc):
    """Who knows whom (symmetric, n x n): remembered attention plus mere exposure."""
    c = acc["counted"].reshape(n, n)
    fam = c + c.T
    if acc["mere"] is not None:
        fam = fam + acc["mere"]
    knows = fam >= KNOW_MINUTES
    np.fill_diagonal(knows, False)
    return knows


def _like_matrix(n, acc, aware):
    """Effective liking-minutes as an n x n matrix [who likes, whom].

    Those who know someone was exposed stop liking them: their liking-minutes count for nothing.
    """
    t = acc["together"].reshape(n, n)
    met = (t + t.T) > 0
    boost = np.where(met, acc["claim"][None, :] * CLAIM_BOOST, 0.0)
    return np.where(aware, 0.0, acc["listened"].reshape(n, n) + boost)


def _favourites(like_eff, knows, aware):
    """The (up to) FAVOURITES people each guest likes most, -1 where none."""
    n = like_eff.shape[0]
    k = min(FAVOURITES, n - 1)
    score = np.where(knows & ~aware & (like_eff >= LIKE_MINUTES), like_eff, -1.0)
    top = np.argpartition(-score, k - 1, axis=1)[:, :k]
    ok = np.take_along_axis(score, top, axis=1) >= 0
    return np.where(ok, top, -1)


def _build_result(n, kind, table, acc, state, labels, settings):
    names = list(table.index)
    tog = acc["together"].reshape(n, n)
    a, b = np.nonzero(tog)  # a < b by construction
    lis = acc["listened"].reshape(n, n)
    claim = acc["claim"]
    aware = state["aware"]
    mins = tog[a, b]
    m = acc["mere"][a, b] if acc["mere"] is not None else 0.0
    att = acc["attention"].reshape(n, n)[a, b]
    fam_eff = acc["counted"].reshape(n, n)[a, b] + m
    knows = fam_eff >= KNOW_MINUTES
    # a's feelings towards b, and b's towards a; once exposed, those who know stop liking
    aw_ab, aw_ba = aware[a, b], aware[b, a]
    like_ab = np.where(aw_ab, 0.0, lis[a, b] + claim[b] * CLAIM_BOOST)
    like_ba = np.where(aw_ba, 0.0, lis[b, a] + claim[a] * CLAIM_BOOST)
    likes_ab = knows & (like_ab >= LIKE_MINUTES)
    likes_ba = knows & (like_ba >= LIKE_MINUTES)
    trusts_ab = likes_ab & (like_ab >= TRUST_MINUTES) & ~aw_ab
    trusts_ba = likes_ba & (like_ba >= TRUST_MINUTES) & ~aw_ba
    liking_ab = 1.0 - np.exp(-like_ab / TAU_LIKING)
    liking_ba = 1.0 - np.exp(-like_ba / TAU_LIKING)
    trust_ab = np.where(aw_ab, 0.0, 1.0 - np.exp(-like_ab / TAU_TRUST))
    trust_ba = np.where(aw_ba, 0.0, 1.0 - np.exp(-like_ba / TAU_TRUST))
    ties = pd.DataFrame(
        {
            "guest_a": a.astype(np.int64),
            "guest_b": b.astype(np.int64),
            "persona_a": pd.Categorical.from_codes(kind[a], categories=names),
            "persona_b": pd.Categorical.from_codes(kind[b], categories=names),
            "minutes_together": mins.astype(np.int64),
            "attention_minutes": att,
            "familiarity": 1.0 - np.exp(-fam_eff / TAU_FAMILIARITY),
            "liking": np.minimum(liking_ab, liking_ba),
            "trust": np.minimum(trust_ab, trust_ba),
            "knows": knows,
            "likes": likes_ab & likes_ba,
            "trusts": trusts_ab & trusts_ba,
            "liking_a_to_b": liking_ab,
            "liking_b_to_a": liking_ba,
            "trust_a_to_b": trust_ab,
            "trust_b_to_a": trust_ba,
            "a_likes_b": likes_ab,
            "b_likes_a": likes_ba,
            "a_trusts_b": trusts_ab,
            "b_trusts_a": trusts_ba,
        }
    )

    def count(mask_ab, mask_ba):
        # mask_ab: a feels for b, so it counts for b
        return np.bincount(b[mask_ab], minlength=n) + np.bincount(a[mask_ba], minlength=n)

    guests = pd.DataFrame(
        {
            "guest": np.arange(n, dtype=np.int64),
            "persona": pd.Categorical.from_codes(kind, categories=names),
            "people_met": np.bincount(a, minlength=n) + np.bincount(b, minlength=n),
            "remembered_by": count(knows, knows),
            "liked_by": count(likes_ab, likes_ba),
            "trusted_by": count(trusts_ab, trusts_ba),
            "mean_trust_received": _mean_received(n, a, b, trust_ab, trust_ba),
            "exposed": state["exposed"].copy(),
            "exposed_evening": state["exposed_evening"].copy(),
            "minutes_talking": state["talking"],
            "minutes_listening": state["listening"],
        }
    )
    return PartyResult(guests=guests, ties=ties, personas=table, settings=settings, labels=labels)


def _mean_received(n, a, b, val_ab, val_ba):
    total = np.bincount(b, weights=val_ab, minlength=n) + np.bincount(a, weights=val_ba, minlength=n)
    met = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    return np.where(met > 0, total / np.maximum(met, 1), 0.0)


# --------------------------------------------------------------------------
# Tournament
# --------------------------------------------------------------------------
_TOURNAMENTS: dict[tuple, pd.DataFrame] = {}  # memo: tournaments are pure functions of their inputs


def tournament(
    entries: pd.DataFrame,
    guests_per_entry: int = GUESTS_PER_ENTRY,
    minutes: int = 90,
    evenings: int = SEASON_EVENINGS,
    seeds: Iterable[int] = TOURNAMENT_SEEDS,
    default_guests: int = 20,
) -> pd.DataFrame:
    """Let learner-designed personas compete at one party, over several seeds.

    ``entries`` has one row per learner persona (same columns as the persona
    table; the name in the index or a ``persona`` column). Each party holds
    ``guests_per_entry`` guests of every entry plus ``default_guests`` guests
    spread evenly over the default personas, and lasts a season of
    ``evenings`` (so claims have time to be found out). Returns one row per
    persona (entries and defaults, for comparison), ranked by mean
    trusted_by, then mean liked_by, averaged over all guests of that persona
    in all seeds. The same seeds give the same parties, so every cell and
    widget that uses the defaults ranks the same entries the same way.

    >>> mine = pd.DataFrame({"persona": ["listener"], "join_rate": [0.3],
    ...     "talk_share": [0.2], "stay_minutes": [9.0], "claim": [0.0], "honesty": [1.0]})
    >>> board = tournament(mine, minutes=30, evenings=2, seeds=[0, 1], default_guests=10)
    >>> list(board.columns)
    ['rank', 'entry', 'is_entry', 'trusted_by', 'liked_by', 'remembered_by', 'guests']
    >>> sorted(board["entry"])[:3]
    ['broadcaster', 'butterfly', 'conversationalist']
    """
    own = _check_personas(entries)
    clash = [p for p in own.index if p in DEFAULT_PERSONAS.index]
    if clash:
        raise ValueError(
            f"entry name(s) {clash} already used by default personas; choose new names"
        )
    guests_per_entry = _check_int("guests_per_entry", guests_per_entry, 1)
    default_guests = _check_int("default_guests", default_guests, 0)
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must contain at least one seed")
    key = (tuple(own[list(PARAMETER_COLUMNS)].itertuples(name=None)), guests_per_entry, minutes,
           evenings, tuple(seeds), default_guests)
    if key in _TOURNAMENTS:  # the same parties give the same board: widgets reuse the cells' runs
        return _TOURNAMENTS[key].copy()
    table = pd.concat([DEFAULT_PERSONAS, own[list(DEFAULT_PERSONAS.columns)]])
    defaults = list(DEFAULT_PERSONAS.index)
    filler = [defaults[i % len(defaults)] for i in range(default_guests)]
    line_up = filler + [p for p in own.index for _ in range(guests_per_entry)]
    frames = []
    for s in seeds:
        s = _check_int("seed", s, 0)
        order = np.random.default_rng(s).permutation(len(line_up))
        res = simulate(
            minutes=minutes, evenings=evenings, seed=s, personas=table,
            assignment=[line_up[i] for i in order],
        )
        frames.append(res.guests)
    allg = pd.concat(frames, ignore_index=True)
    board = allg.groupby("persona", observed=True).agg(
        trusted_by=("trusted_by", "mean"),
        liked_by=("liked_by", "mean"),
        remembered_by=("remembered_by", "mean"),
        guests=("guest", "size"),
    )
    board = board.sort_values(["trusted_by", "liked_by"], ascending=False, kind="stable")
    board.index = board.index.astype(str)
    board = board.rename_axis("entry").reset_index()
    board.insert(0, "rank", np.arange(1, len(board) + 1))
    board.insert(2, "is_entry", board["entry"].isin(own.index))
    if len(_TOURNAMENTS) >= 64:
        _TOURNAMENTS.pop(next(iter(_TOURNAMENTS)))
    _TOURNAMENTS[key] = board
    return board.copy()


# --------------------------------------------------------------------------
# Davis Southern Women (real data, shipped with networkx)
# --------------------------------------------------------------------------
def davis_network() -> nx.Graph:
    """The Davis Southern Women bipartite graph (18 women, 14 events).

    >>> g = davis_network()
    >>> len(g.graph["top"]), len(g.graph["bottom"])
    (18, 14)
    """
    return _davis_graph().copy()


@functools.lru_cache(maxsize=1)
def _davis_graph() -> nx.Graph:
    return nx.davis_southern_women_graph()


def davis_attendance() -> pd.DataFrame:
    """Who went to which event: one row per (woman, event).

    >>> att = davis_attendance()
    >>> att["woman"].nunique(), att["event"].nunique(), len(att)
    (18, 14, 89)
    """
    g = davis_network()
    women = set(g.graph["top"])
    rows = [(u, v) if u in women else (v, u) for u, v in g.edges()]
    event_order = {e: i for i, e in enumerate(g.graph["bottom"])}
    woman_order = {w: i for i, w in enumerate(g.graph["top"])}
    rows.sort(key=lambda r: (woman_order[r[0]], event_order[r[1]]))
    return pd.DataFrame(rows, columns=["woman", "event"])


def davis_could_have_met(both_directions: bool = False) -> pd.DataFrame:
    """Pairs of women who attended at least one event together.

    Uses networkx's weighted bipartite projection: ``shared_events`` is the
    number of events both attended. Each pair appears once unless
    ``both_directions`` is True (handy for pivoting into a square matrix).

    >>> met = davis_could_have_met()
    >>> met.head(2)
                woman_a           woman_b  shared_events
    0  Evelyn Jefferson  Laura Mandeville              6
    1  Evelyn Jefferson   Theresa Anderson              7
    >>> len(davis_could_have_met(both_directions=True)) == 2 * len(met)
    True
    """
    women = davis_network().graph["top"]
    proj = _women_graph()
    pos = {w: i for i, w in enumerate(women)}
    rows = []
    for u, v, w in proj.edges(data="weight"):
        if pos[u] > pos[v]:
            u, v = v, u
        rows.append((u, v, int(w)))
        if both_directions:
            rows.append((v, u, int(w)))
    rows.sort(key=lambda r: (pos[r[0]], pos[r[1]]))
    return pd.DataFrame(rows, columns=["woman_a", "woman_b", "shared_events"])


@functools.lru_cache(maxsize=1)
def _women_graph() -> nx.Graph:
    """The women-to-women projection, built once (see :func:`davis_women`)."""
    g = _davis_graph()
    women = bipartite.weighted_projected_graph(g, g.graph["top"])
    for _, _, d in women.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return women


def davis_women() -> nx.Graph:
    """The women-to-women network: an edge when two women went to an event together.

    Each edge has ``weight`` (events shared) and ``distance`` = 1 / weight,
    so women who often met are *close*. This is the graph exercise 03.5
    measures. (A fresh copy each call: change it freely.)

    >>> women = davis_women()
    >>> women.number_of_nodes(), women["Evelyn Jefferson"]["Theresa Anderson"]["weight"]
    (18, 7)
    """
    return _women_graph().copy()


@functools.lru_cache(maxsize=1)
def _davis_circles() -> tuple:
    g = davis_network()
    order = {e: i for i, e in enumerate(g.graph["bottom"])}
    groups = nx.community.greedy_modularity_communities(_women_graph(), weight="weight")

    def mean_event(group):
        return np.mean([order[e] for w in group for e in g[w]])

    groups = sorted(groups, key=mean_event)
    return tuple((w, k) for k, group in enumerate(groups, 1) for w in group)


def davis_circles() -> dict:
    """Each Davis woman's circle: 1 (mostly the earlier events) or 2 (the later ones).

    Found by a standard community-detection method (greedy modularity on the
    women-to-women network, weighted by shared events); not Davis, Gardner
    & Gardner's own grouping.

    >>> c = davis_circles()
    >>> c["Evelyn Jefferson"], c["Theresa Anderson"], c["Nora Fayette"], len(c)
    (1, 1, 2, 18)
    """
    return dict(_davis_circles())


def davis_shared_events() -> list:
    """Events attended by women of both circles, in date order.

    >>> davis_shared_events()
    ['E6', 'E7', 'E8', 'E9']
    """
    circle = davis_circles()
    att = davis_attendance()
    both = att.assign(circle=att["woman"].map(circle)).groupby("event")["circle"].nunique() == 2
    events = davis_network().graph["bottom"]
    return [e for e in events if both.get(e, False)]


@functools.lru_cache(maxsize=1)
def _davis_scores() -> pd.DataFrame:
    """One row per woman, in the data's order, computed once: events attended, betweenness,
    and how much of her betweenness comes from routes between the two circles.

    Private on purpose: exercise 03.5 asks for the top of the ``betweenness`` column, so the
    learner's namespace holds no public function that returns it. The charts drawn after the
    exercise read it through :func:`kit.ui.party.davis_chart`.

    ``betweenness`` is networkx's normalised betweenness on :func:`davis_women` with
    ``distance`` = 1 / shared events. ``between_circles`` is the part of it from pairs of women
    in different circles (:func:`davis_circles`), on the same scale, so
    ``between_circles <= betweenness``. ``ties_across`` counts her links of three or more
    shared events to women of the other circle.
    """
    g = davis_network()
    proj = _women_graph()
    circle = davis_circles()
    names = list(g.graph["top"])
    btw = nx.betweenness_centrality(proj, weight="distance")
    # the cross-circle part: networkx's subset betweenness over the pairs in different circles,
    # from each side (with float distances the two sides can split tied routes differently),
    # on networkx's scale, so that between_circles plus the within-circle part is betweenness
    one = [w for w in names if circle[w] == 1]
    two = [w for w in names if circle[w] == 2]
    a = nx.betweenness_centrality_subset(proj, one, two, normalized=False, weight="distance")
    b = nx.betweenness_centrality_subset(proj, two, one, normalized=False, weight="distance")
    scale = 2.0 / ((len(names) - 1) * (len(names) - 2))  # networkx's normalisation (undirected)
    cross = {w: (a[w] + b[w]) * scale for w in names}
    table = pd.DataFrame(
        {
            "woman": names,
            "circle": [circle[w] for w in names],
            "events": [g.degree(w) for w in names],
            "degree": [proj.degree(w) for w in names],
            "shared_events": [int(proj.degree(w, weight="weight")) for w in names],
            "ties_across": [sum(1 for v, d in proj[w].items() if circle[v] != circle[w] and d["weight"] >= 3)
                            for w in names],
            "betweenness": [btw[w] for w in names],
            "between_circles": [cross[w] for w in names],
        }
    )
    return table


def max_group_size(conversations: pd.DataFrame) -> int:
    """Size of the largest conversation at the party (0 if nobody talked).

    >>> c = pd.DataFrame({"size": [2, 4, 3]})
    >>> max_group_size(c)
    4
    """
    return int(conversations["size"].max()) if len(conversations) else 0


# --------------------------------------------------------------------------
# Helpers for the notebook: who met whom, the online twins, the tournament
# --------------------------------------------------------------------------
PAIR_MEASURES = ("talked", "knows", "likes", "trusts")

#: Where each persona's online twin was measured in the earlier workshops.
WORKSHOP_LINKS = {
    "wallflower": "01: the complete but passive LinkedIn profile",
    "broadcaster": "01: a low social ratio; log on, post, log off",
    "butterfly": "02: follower quality, the other side of mass following",
    "conversationalist": "01: a high social ratio (replies, shares, mentions)",
    "impostor": "02: bought or fake followers",
}


def persona_pairs(result: PartyResult, measure: str = "talked") -> pd.DataFrame:
    """Who met whom, by persona pair: the share of possible pairs that ``measure``.

    ``measure`` is one of ``"talked"`` (ever in the same conversation),
    ``"knows"``, ``"likes"`` or ``"trusts"`` (both ways, as in ``ties``).
    One row per ordered pair of personas present (both orders, so the table
    pivots into a symmetric square): ``pairs`` that qualify, ``possible``
    pairs of guests, and ``share`` = pairs / possible.

    >>> r = simulate(guests=10, minutes=20, seed=1)
    >>> p = persona_pairs(r)
    >>> len(p), bool(p["share"].between(0, 1).all())
    (25, True)
    >>> int(p.loc[p["persona_a"] <= p["persona_b"], "pairs"].sum()) == len(r.ties)
    True
    """
    if measure not in PAIR_MEASURES:
        raise ValueError(f"measure must be one of {list(PAIR_MEASURES)}, got {measure!r}")
    names = list(result.personas.index)
    k = len(names)
    n = np.bincount(result.guests["persona"].cat.codes.to_numpy(), minlength=k)
    t = result.ties
    a = t["persona_a"].cat.codes.to_numpy()
    b = t["persona_b"].cat.codes.to_numpy()
    if measure != "talked":
        keep = t[measure].to_numpy(bool)
        a, b = a[keep], b[keep]
    m = np.zeros((k, k))
    np.add.at(m, (a, b), 1)
    pairs = m + m.T
    np.fill_diagonal(pairs, np.diag(m))
    possible = np.outer(n, n).astype(float)
    np.fill_diagonal(possible, n * (n - 1) / 2)
    share = np.divide(pairs, possible, out=np.zeros_like(pairs), where=possible > 0)
    present = np.flatnonzero(n > 0)
    i, j = np.meshgrid(present, present, indexing="ij")
    i, j = i.ravel(), j.ravel()
    return pd.DataFrame(
        {
            "persona_a": [names[x] for x in i],
            "persona_b": [names[x] for x in j],
            "pairs": pairs[i, j].astype(np.int64),
            "possible": possible[i, j].astype(np.int64),
            "share": share[i, j],
        }
    )


def online_twins() -> pd.DataFrame:
    """Each default persona, its behaviour at the party, its online twin, and
    where the earlier workshops measured that twin.

    >>> online_twins().loc["broadcaster", "online_twin"]
    'Posts links and announcements, never replies.'
    """
    out = DEFAULT_PERSONAS[["description", "online_twin"]].copy()
    out.columns = ["at_the_party", "online_twin"]
    out["measured_in_workshop"] = [WORKSHOP_LINKS.get(p, "") for p in out.index]
    return out


def guest_entry(
    name: str,
    join_rate: float,
    talk_share: float,
    stay_minutes: float,
    claim: float = 0.0,
    honesty: float = 1.0,
) -> pd.DataFrame:
    """A one-row persona table for a guest you design (ready for :func:`tournament`).

    >>> guest_entry("good listener", 0.3, 0.2, 12).loc["good listener"].to_dict()
    {'join_rate': 0.3, 'talk_share': 0.2, 'stay_minutes': 12.0, 'claim': 0.0, 'honesty': 1.0}
    """
    name = str(name).strip()
    if not name:
        raise ValueError("give your guest a name")
    row = pd.DataFrame(
        {"persona": [name], "join_rate": [join_rate], "talk_share": [talk_share],
         "stay_minutes": [stay_minutes], "claim": [claim], "honesty": [honesty]}
    )
    return _check_personas(row)[list(PARAMETER_COLUMNS)]


def read_entries(text: str, rename: bool = True) -> pd.DataFrame:
    """Read the room's guests from pasted CSV text (a header line, one guest a line).

    Spaces around commas are ignored and blank lines skipped; the columns are
    ``persona`` and the five parameters. A live room sends the same name twice
    and borrows default names, so with ``rename`` a repeated name becomes
    "name (2)" and a default persona's name "name (room)". Raises ValueError
    with a plain message when a line cannot be used.

    >>> csv = '''persona, join_rate, talk_share, stay_minutes, claim, honesty
    ... Ana's listener, 0.3, 0.2, 12, 0, 1
    ...
    ... Ben's charmer,  0.5, 0.6,  5, 0.5, 0.5
    ... Ana's listener, 0.4, 0.2, 12, 0, 1
    ... butterfly, 0.9, 0.5, 1, 0, 1'''
    >>> list(read_entries(csv).index)
    ["Ana's listener", "Ben's charmer", "Ana's listener (2)", 'butterfly (room)']
    """
    import io

    lines = [ln for ln in str(text).strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        raise ValueError("paste a header line and at least one guest (one guest per line)")
    try:
        table = pd.read_csv(io.StringIO("\n".join(lines)), skipinitialspace=True, dtype={"persona": str})
    except Exception as e:  # pandas' parser errors vary between versions
        raise ValueError(f"could not read the table: {e}") from None
    table.columns = [str(c).strip() for c in table.columns]
    if "persona" not in table.columns:
        raise ValueError(f"the header must start with 'persona'; got {list(table.columns)}")
    table["persona"] = table["persona"].astype(str).str.strip()
    if rename:
        names, seen = [], {}
        for name in table["persona"]:
            if name in DEFAULT_PERSONAS.index:
                name = f"{name} (room)"
            seen[name] = seen.get(name, 0) + 1
            names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
        table["persona"] = names
    return _check_personas(table)[list(PARAMETER_COLUMNS)]


# --------------------------------------------------------------------------
# The room's party: the fixed simulations the notebook runs and checks against
# --------------------------------------------------------------------------
ROOM_GUESTS = 40  #: guests at the room's party
ROOM_MINUTES = 90  #: minutes per evening


def room_call(evenings: int) -> str:
    """The exact line the notebook runs for the room's party of ``evenings`` evenings.

    The seed is the scenario's (``datasets/scenario.toml``), so re-targeting
    the kit gives a new party and every check follows it.

    >>> room_call(1)
    'party.simulate(guests=40, minutes=90, evenings=1, seed=scenario.seed)'
    """
    return (f"party.simulate(guests={ROOM_GUESTS}, minutes={ROOM_MINUTES}, "
            f"evenings={evenings}, seed=scenario.seed)")


@functools.lru_cache(maxsize=4)
def _room(evenings: int, seed: int) -> PartyResult:
    return simulate(guests=ROOM_GUESTS, minutes=ROOM_MINUTES, evenings=evenings, seed=seed)


def room_party(evenings: int = 1) -> PartyResult:
    """The room's party, as the notebook runs it (see :func:`room_call`).

    Cached: treat the tables as read-only.
    """
    from .scenario import load_scenario

    return _room(evenings, load_scenario().seed)
