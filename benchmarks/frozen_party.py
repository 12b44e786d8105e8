"""Today's cocktail party, frozen: the reference the Mesa yardstick is measured against.

A self-contained copy of ``simulate`` and what it needs, taken unchanged from
``kit/party.py`` at commit 87cba18 (before the model was rewritten into the
``kit/party/`` package). It is frozen on purpose: ``benchmarks/bench_mesa.py``
shows that the per-agent Mesa baseline (``benchmarks/mesa_party.py``) agrees
with these rules and runs at the speeds the issue quotes against *this* code,
so the yardstick stays fixed however the kit's model changes. Do not edit the
rules here; change the kit instead.

Left out from the original: the Davis data, the tournament, the notebook
helpers, multi-table conveniences of ``PartyResult`` (``conversations``,
``by_persona``). Everything ``simulate`` runs is as it was, including the
multi-evening rules (favourites, mere exposure), the per-minute record of
conversation labels and both result tables.

The rules, in brief (one tick = one minute): guests in a conversation leave it
with probability ``1 / stay_minutes`` and a conversation left with one person
ends; a free guest approaches someone with probability ``join_rate`` (people
talking weigh 1, free guests their own ``join_rate``, approachers 0), joining
their conversation or starting a pair; groups above ``MAX_GROUP`` split into
``ceil(size / MAX_GROUP)``; the floor is shared in proportion to
``talk_share``; each minute gives ``1 / (size - 1)`` attention per other
member, the n-th minute of a chat counting ``n / WARM_UP``. After the evening,
pairs below ``KNOW_MINUTES`` of attention forget it; liking grows with the
minutes the other listened (plus ``CLAIM_BOOST * claim``), and those who know
of an exposure stop liking and trusting. See the kit's module docstring for
the full account and the sources.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

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

PARAMETER_COLUMNS = ("join_rate", "talk_share", "stay_minutes", "claim", "honesty")
TEXT_COLUMNS = ("description", "online_twin")
_UNIT_COLUMNS = ("join_rate", "talk_share", "claim", "honesty")

DEFAULT_PERSONAS = pd.DataFrame(
    [
        (
            "wallflower",
            0.02,
            0.25,
            3.0,
            0.0,
            1.0,
            "Stands against the wall; rarely joins a group and soon drifts off.",
            "A profile that exists but is never used.",
        ),
        (
            "broadcaster",
            0.20,
            0.90,
            5.0,
            0.0,
            1.0,
            "Talks about himself and his products; barely listens.",
            "Posts links and announcements, never replies.",
        ),
        (
            "butterfly",
            0.70,
            0.50,
            1.2,
            0.0,
            1.0,
            "A few seconds with everyone; remembered by almost no one.",
            "Follows thousands of accounts, engages with none.",
        ),
        (
            "conversationalist",
            0.20,
            0.40,
            15.0,
            0.0,
            1.0,
            "Active, authentic, personal: asks, listens, comes back.",
            "Replies to comments and answers questions.",
        ),
        (
            "impostor",
            0.30,
            0.70,
            6.0,
            0.80,
            0.20,
            "Claims an importance he does not have, and is found out.",
            "Inflated follower counts, titles and testimonials.",
        ),
    ],
    columns=["persona", *PARAMETER_COLUMNS, *TEXT_COLUMNS],
).set_index("persona")


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------
def _check_personas(personas: pd.DataFrame | None) -> pd.DataFrame:
    """Validate a persona table and return a clean copy indexed by persona."""
    if personas is None:
        return DEFAULT_PERSONAS.copy()
    if not isinstance(personas, pd.DataFrame):
        raise ValueError(f"personas must be a pandas DataFrame, got {type(personas).__name__}")
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
            f"persona table is missing parameter column(s) {missing}; expected columns {list(PARAMETER_COLUMNS)}"
        )
    for col in TEXT_COLUMNS:
        if col not in table.columns:
            table[col] = ""
        table[col] = table[col].fillna("").astype(str)
    for col in PARAMETER_COLUMNS:
        values = pd.to_numeric(table[col], errors="coerce")
        bad = values.isna()
        if bad.any():
            raise ValueError(f"column {col!r} must be numeric; bad value for {list(table.index[bad])}")
        table[col] = values.astype(float)
    for col in _UNIT_COLUMNS:
        bad = (table[col] < 0) | (table[col] > 1)
        if bad.any():
            raise ValueError(f"column {col!r} must be between 0 and 1; out of range for {list(table.index[bad])}")
    bad = table["stay_minutes"] < 1
    if bad.any():
        raise ValueError(
            f"column 'stay_minutes' must be at least 1 (minutes); out of range for {list(table.index[bad])}"
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


@dataclasses.dataclass(frozen=True, eq=False)
class PartyResult:
    """Outcome of :func:`simulate` (trimmed: the original also builds ``conversations`` lazily).

    ``guests``: one row per guest (persona, people_met, remembered_by, liked_by, trusted_by,
    mean_trust_received, exposed, exposed_evening, minutes_talking, minutes_listening).
    ``ties``: one row per pair who ever talked (guest_a < guest_b), with ``knows``,
    ``likes``, ``trusts`` and the one-way scores. ``labels``: conversation label of each
    guest in each minute, shape (evenings, minutes, guests), -1 = not talking.
    """

    guests: pd.DataFrame
    ties: pd.DataFrame
    personas: pd.DataFrame
    settings: dict
    labels: np.ndarray = dataclasses.field(repr=False)


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
    >>> len(r.guests), int((r.labels >= 0).sum(axis=2).max()) <= 12
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
            raise ValueError(f"unknown persona(s) in assignment: {unknown}; expected some of {names}")
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
    for name, new in (("together", tog), ("attention", attn), ("counted", counted), ("listened", lis)):
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
