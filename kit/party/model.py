"""The party itself: guests, minutes, evenings. One compiled loop, written guest by guest.

How a party works (one step = one minute)
-----------------------------------------
1. A guest in a conversation leaves it with probability ``1 / stay_minutes`` each minute (so on
   average they stay ``stay_minutes``). A conversation left with a single person ends.
2. A free guest walks up to someone with probability ``join_rate``. People already talking are
   easy to approach (weight 1); a free guest is approached in proportion to their own
   ``join_rate`` (someone on their phone by the wall is rarely approached), even one who is
   walking up to someone else: they meet on the way, or the second tags along. From the second
   evening on, ``return_prob`` of approaches go to the guest's favourite: the person they like
   most.
3. Groups hold 2 to ``max_group`` people; a bigger one splits into ``ceil(size / max_group)``
   conversations.
4. In a conversation each member talks for ``talk_share`` of the minute and is quiet the rest;
   each member talks when they choose, so two talkers talk over each other and a group of quiet
   guests falls silent.

What guests remember (at the end of each evening)
-------------------------------------------------
* *A chat* is the time a pair spend in the same conversation without a break: it ends when
  either leaves (joining again starts a new chat).
* *Attention*: a minute in a group of ``s`` gives each member ``1 / (s - 1)`` of a minute with each
  other member; the n-th minute of a chat counts ``n / warm_up`` (full from then on).
* *Forgetting*: a pair remember a chat only if its attention reached ``know_minutes``; a shorter
  chat leaves nothing, so hellos do not add up, however many there are in an evening or a
  season. A pair who once remembered a chat *know* each other.
* *Claims* stick in the memory: someone who talked with a guest who claims importance remembers
  that guest once the chat's attention, times ``1 + claim_memory * claim``, reaches
  ``know_minutes``. It works one way (the claimer need not remember them) and buys nothing else:
  a chat's liking-minutes count only if the pair remembered it without the claim.
* *Liking*: B's liking-minutes for A are the remembered attention minutes in which B talked and
  A listened (was quiet): ``talk_share`` of B times ``1 - talk_share`` of A, in full once A talks
  for ``reply_share`` of the time and in proportion below it (a guest who never says a word asks
  nothing and answers nothing). B likes A from ``like_minutes`` of them and trusts A from
  ``trust_minutes`` (and only while B knows A). Claims give none, and neither does listening to
  someone else: B likes A for listening to B.
* *Found out*: each conversation a claimer joins risks exposure with probability
  ``exposure_rate * claim * (1 - honesty)``. Their group-mates then, and anyone who talks with
  them later, know; with ``gossip`` the news also spreads after each evening to everyone who knows
  someone who knew. Those who know stop liking and trusting them, for good.

Everything runs in one function compiled by Numba (cached on disk: compiled once per machine,
by ``kit warm`` or the first run). It is written per guest, like an agent-based model, and runs
about as fast as C: a season of six evenings for 40 guests takes about a millisecond. Its big work
arrays are kept from one party to the next of the same size (:func:`run`).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from pathlib import Path

import numpy as np
from numba import njit

# the order of Rules.as_array()
_MAX_GROUP, _WARM_UP, _KNOW, _LIKE, _TRUST, _EXPOSURE, _MEMORY, _RETURN, _REPLY = range(9)


@dataclasses.dataclass(frozen=True, eq=False)
class State:
    """Everything one run of the party leaves behind. Guests are numbered 0 to n-1; every pair
    who ever talked is one row of the ``pair_*`` arrays (``a < b``), in the order they first met.

    ``liking_ab`` is A's liking-minutes for B (minutes B listened while A talked), ``knows_ab``: A
    remembers B, ``aware_ab``: A knows B was found out; the ``_ba`` arrays are the other way round.
    """

    labels: np.ndarray  # (evenings, minutes, guests) conversation label, -1 = not talking
    pair_a: np.ndarray
    pair_b: np.ndarray
    together: np.ndarray  # minutes in the same conversation
    attention: np.ndarray  # attention minutes, every chat
    liking_ab: np.ndarray
    liking_ba: np.ndarray
    knows_ab: np.ndarray
    knows_ba: np.ndarray
    aware_ab: np.ndarray
    aware_ba: np.ndarray
    exposed_evening: np.ndarray  # evening (1, 2, ...) each guest was found out; 0 = never
    talking: np.ndarray  # minutes talking (talk_share of each minute in a conversation)
    listening: np.ndarray  # minutes quiet in a conversation (the rest)


# per-pair columns: integers (a, b, minutes together, a remembers b, b remembers a (1 from a
# chat, 2 only for a claim), the last minute together, counted over the whole party) and reals
# (attention, this chat's attention, this chat's liking a->b and b->a, liking a->b and b->a)
_A, _B, _TOG, _KAB, _KBA, _LAST = range(6)
_ATT, _TN, _TAB, _TBA, _LAB, _LBA = range(6)


@njit(cache=True)
def _pick_other(cum, total, n, i):
    """A guest other than ``i``, drawn with probability proportional to the weights whose running
    sum is ``cum``; -1 if nobody else has any weight."""
    below = cum[i - 1] if i > 0 else 0.0
    own = cum[i] - below
    if total - own <= 0.0:
        return -1
    u = np.random.random() * (total - own)
    if u >= below:  # step over i's own share
        u += own
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] > u:
            hi = mid
        else:
            lo = mid + 1
    return lo


@njit(cache=True)
def _grow(pi, pf, used):
    """The pair tables, twice as long (the first ``used`` rows kept)."""
    bigger_i = np.zeros((2 * pi.shape[0], pi.shape[1]), np.int64)
    bigger_f = np.zeros((2 * pf.shape[0], pf.shape[1]))
    bigger_i[:used] = pi[:used]
    bigger_f[:used] = pf[:used]
    return bigger_i, bigger_f


@njit(cache=True)
def _settle(pi, pf, p, claim, know_min, memory):
    """The end of pair ``p``'s chat: remembered (by both, and its liking counts) if its attention
    reached ``know_min``; else remembered one way if a claim made it stick; else nothing."""
    t = pf[p, _TN]
    if t == 0.0:
        return
    pf[p, _ATT] += t
    if t >= know_min:
        pf[p, _LAB] += pf[p, _TAB]
        pf[p, _LBA] += pf[p, _TBA]
        pi[p, _KAB] = 1
        pi[p, _KBA] = 1
    else:  # remembered for a claim only (2): counted as remembered, and for nothing else
        if pi[p, _KAB] == 0 and t * (1.0 + memory * claim[pi[p, _B]]) >= know_min:
            pi[p, _KAB] = 2
        if pi[p, _KBA] == 0 and t * (1.0 + memory * claim[pi[p, _A]]) >= know_min:
            pi[p, _KBA] = 2
    pf[p, _TN] = 0.0
    pf[p, _TAB] = 0.0
    pf[p, _TBA] = 0.0


@njit(cache=True)
def _by_key(key, n_keys, order, count):
    """``order`` = the guests with key >= 0, grouped by key (counting sort); returns how many."""
    count[: n_keys + 1] = 0
    for i in range(key.size):
        if key[i] >= 0:
            count[key[i] + 1] += 1
    for k in range(n_keys):
        count[k + 1] += count[k]
    m = count[n_keys]
    for i in range(key.size):
        if key[i] >= 0:
            order[count[key[i]]] = i
            count[key[i]] += 1
    return m


@njit(cache=True)
def _gossip(pi, used, aware, exposed_evening, n):
    """News of an exposure goes one step: to whoever remembers someone who knew (as the evening
    ended). News travels along real conversations: a guest remembered only for a claim passes
    nothing on (the claim buys being remembered, and nothing else). Who remembers whom is listed
    once per guest (counting sort), then each found-out guest's news goes from those who knew to
    those who remember them."""
    start = np.zeros(n + 1, np.int64)
    for p in range(used):
        start[pi[p, _B] + 1] += pi[p, _KAB] == 1  # a remembers b: a hears what b knew
        start[pi[p, _A] + 1] += pi[p, _KBA] == 1
    for i in range(n):
        start[i + 1] += start[i]
    fill = start[:n].copy()
    remembers = np.empty(start[n], np.int64)
    for p in range(used):
        a, b = pi[p, _A], pi[p, _B]
        if pi[p, _KAB] == 1:
            remembers[fill[b]] = a
            fill[b] += 1
        if pi[p, _KBA] == 1:
            remembers[fill[a]] = b
            fill[a] += 1
    knew = np.empty(n, np.int64)
    for c in range(n):
        if exposed_evening[c] == 0:
            continue
        k = 0
        for b in range(n):  # who knew before tonight's news went round
            if aware[b, c]:
                knew[k] = b
                k += 1
        for j in range(k):
            b = knew[j]
            for q in range(start[b], start[b + 1]):
                if remembers[q] != c:
                    aware[remembers[q], c] = True


# Compiled when this module is imported (or loaded from Numba's cache beside it, ~0.4 s), as a C
# extension is loaded on import, so a learner's first party does not wait. Compiling (once per
# machine, ~20 s) says so first.
_HERE = Path(__file__).resolve().parent
_FRESH = os.access(_HERE, os.W_OK) and not any((_HERE / "__pycache__").glob("model._run-*.nbi"))
if _FRESH:
    print("Preparing the party model for this machine (once, about 20 seconds)...", file=sys.stderr, flush=True)


@njit(
    "(f8[::1], f8[::1], f8[::1], f8[::1], f8[::1], i8[::1], i8, i8, i8, b1, f8[::1], b1, i4[:, ::1], b1[:, ::1], i8[:, ::1], f8[:, ::1])",
    cache=True,
)
def _run(
    join, talk, leave, expose, claim, team, minutes, evenings, seed, gossip, rules, counts_only, slot, aware, pi, pf
):
    """One party. Guests of the same ``team`` (>= 0) do not count in each other's outcomes (a
    tournament entry's own guests); -1 is no team. ``slot``, ``aware``, ``pi`` and ``pf`` are work
    arrays the caller may reuse from one party to the next (:func:`run`): set here before use,
    grown here when too small."""
    np.random.seed(seed)
    n = join.size
    max_group = int(rules[_MAX_GROUP])
    know_min, like_min, trust_min = rules[_KNOW], rules[_LIKE], rules[_TRUST]
    memory = rules[_MEMORY]
    partner = np.ones(n)  # how fully each guest's listening counts: silence is not listening
    if rules[_REPLY] > 0:
        partner = np.minimum(1.0, talk / rules[_REPLY])
    labels = np.full((1 if counts_only else evenings, minutes, n), -1, np.int16)
    slot[:, :] = -1  # each pair's row of pi and pf
    used = 0
    aware[:, :] = False  # [who knows, who was found out]: news reaches strangers too
    fav = np.full(n, -1, np.int64)  # the person each guest likes most, -1 = nobody yet
    best = np.full(n, -1.0)
    exposed_evening = np.zeros(n, np.int64)
    talking = np.zeros(n)
    listening = np.zeros(n)
    group = np.full(n, -1, np.int64)
    tenure = np.zeros(n, np.int64)
    size = np.zeros(n, np.int64)
    key = np.full(n, -1, np.int64)
    free = np.zeros(n, np.bool_)
    approaching = np.zeros(n, np.bool_)
    weight = np.zeros(n)
    mem = np.zeros(n, np.int64)
    count = np.zeros(2 * n + 1, np.int64)
    for evening in range(evenings):
        group[:] = -1
        tenure[:] = 0
        for minute in range(minutes):
            now = evening * minutes + minute + 1  # 0 in the pair table = never together
            # 1. leaving; a conversation left with one person ends
            size[:] = 0
            for i in range(n):
                if group[i] >= 0 and np.random.random() < leave[i]:
                    group[i] = -1
                if group[i] >= 0:
                    size[group[i]] += 1
            for i in range(n):
                if group[i] >= 0 and size[group[i]] == 1:
                    group[i] = -1
                free[i] = group[i] < 0
                approaching[i] = free[i] and np.random.random() < join[i]
            # 2. approaching (against the room as it stood at the start of the minute)
            total = 0.0
            for j in range(n):
                total += 1.0 if not free[j] else join[j]
                weight[j] = total
            for i in range(n):
                key[i] = group[i]
            for i in range(n):
                if not approaching[i]:
                    continue
                target = -1
                if evening > 0 and fav[i] >= 0 and np.random.random() < rules[_RETURN]:
                    target = fav[i]
                if target < 0:
                    target = _pick_other(weight, total, n, i)
                if target >= 0:
                    if group[target] >= 0:
                        key[i] = group[target]
                    elif approaching[target] and target < i and key[target] >= 0:
                        key[i] = key[target]  # they are on their way to someone: tag along
                    else:  # a free guest, or one met on the way to someone else
                        approaching[target] = False
                        key[i] = n + target
                        key[target] = n + target
            # 3. conversations: the same key, split above max_group (members dealt round robin,
            # in random order)
            m = _by_key(key, 2 * n, mem, count)
            group[:] = -1
            label = 0
            s = 0
            while s < m:
                e = s
                while e < m and key[mem[e]] == key[mem[s]]:
                    e += 1
                parts = (e - s + max_group - 1) // max_group
                if parts > 1:
                    for r in range(e - 1, s, -1):  # shuffle the run before dealing it out
                        q = s + np.random.randint(0, r - s + 1)
                        mem[r], mem[q] = mem[q], mem[r]
                for r in range(e - s):
                    group[mem[s + r]] = label + r % parts
                label += parts
                s = e
            for i in range(n):
                if group[i] < 0:
                    tenure[i] = 0
                    continue
                tenure[i] = 1 if free[i] else tenure[i] + 1
                if free[i] and expose[i] > 0 and exposed_evening[i] == 0 and np.random.random() < expose[i]:
                    exposed_evening[i] = evening + 1
            if not counts_only:
                for i in range(n):
                    labels[evening, minute, i] = group[i]
            # 4. talking and listening, and the attention each pair gives each other
            m = _by_key(group, label, mem, count)
            while used + 2 * m > pi.shape[0]:  # room for every pair this minute could add
                pi, pf = _grow(pi, pf, used)
            s = 0
            while s < m:
                e = s
                while e < m and group[mem[e]] == group[mem[s]]:
                    e += 1
                k = e - s
                for r in range(s, e):
                    i = mem[r]
                    talking[i] += talk[i]
                    listening[i] += 1.0 - talk[i]
                for r in range(s, e):
                    for q in range(r + 1, e):
                        a, b = min(mem[r], mem[q]), max(mem[r], mem[q])
                        w = min(min(tenure[a], tenure[b]) / rules[_WARM_UP], 1.0) / (k - 1)
                        p = slot[a, b]
                        if p < 0:  # the pair's first minute together: a new row
                            p = used
                            used += 1
                            slot[a, b] = p
                            pi[p, :] = 0
                            pf[p, :] = 0.0
                            pi[p, _A] = a
                            pi[p, _B] = b
                        elif pi[p, _LAST] != now - 1 or min(tenure[a], tenure[b]) == 1:
                            _settle(pi, pf, p, claim, know_min, memory)  # a new chat: the last one ends
                        pi[p, _LAST] = now
                        pi[p, _TOG] += 1
                        pf[p, _TN] += w
                        pf[p, _TAB] += (
                            talk[a] * (1.0 - talk[b]) * partner[b] * w
                        )  # b listened while a talked: a likes b
                        pf[p, _TBA] += talk[b] * (1.0 - talk[a]) * partner[a] * w
                        if exposed_evening[b] > 0:
                            aware[a, b] = True
                        if exposed_evening[a] > 0:
                            aware[b, a] = True
                s = e
        # end of the evening: every chat still going ends
        for p in range(used):
            _settle(pi, pf, p, claim, know_min, memory)
        if gossip and (exposed_evening > 0).any():
            _gossip(pi, used, aware, exposed_evening, n)
        if evening < evenings - 1:  # each guest's favourite: the person they like most
            fav[:] = -1
            best[:] = -1.0
            for p in range(used):
                for side in range(2):
                    x = pi[p, _A] if side == 0 else pi[p, _B]
                    y = pi[p, _B] if side == 0 else pi[p, _A]
                    v = pf[p, _LAB] if side == 0 else pf[p, _LBA]
                    if v >= like_min and v > best[x] and not aware[x, y] and pi[p, _KAB if side == 0 else _KBA]:
                        best[x] = v
                        fav[x] = y
    # who remembers, likes and trusts whom (counts per guest)
    counts = np.zeros((5, n), np.int64)
    aware_ab = np.zeros(used, np.bool_)
    aware_ba = np.zeros(used, np.bool_)
    for p in range(used):
        a, b = pi[p, _A], pi[p, _B]
        aware_ab[p] = aware[a, b]
        aware_ba[p] = aware[b, a]
        if team[a] >= 0 and team[a] == team[b]:
            continue  # team-mates do not count for each other
        counts[0, a] += 1
        counts[0, b] += 1
        counts[1, b] += pi[p, _KAB] > 0
        counts[1, a] += pi[p, _KBA] > 0
        if pi[p, _KAB] and not aware_ab[p] and pf[p, _LAB] >= like_min:
            counts[2, b] += 1
            counts[3, b] += pf[p, _LAB] >= trust_min
        if pi[p, _KBA] and not aware_ba[p] and pf[p, _LBA] >= like_min:
            counts[2, a] += 1
            counts[3, a] += pf[p, _LBA] >= trust_min
    for i in range(n):
        counts[4, i] = exposed_evening[i] > 0
    grown_i, grown_f = pi, pf
    pi, pf = pi[:used], pf[:used]
    return (
        grown_i,
        grown_f,
        counts,
        labels,
        pi[:, _A].copy(),
        pi[:, _B].copy(),
        pi[:, _TOG].copy(),
        pf[:, _ATT].copy(),
        pf[:, _LAB].copy(),
        pf[:, _LBA].copy(),
        pi[:, _KAB] > 0,
        pi[:, _KBA] > 0,
        aware_ab,
        aware_ba,
        exposed_evening,
        talking,
        listening,
    )


COUNT_NAMES = ("people_met", "remembered_by", "liked_by", "trusted_by", "exposed")


def run(
    params: dict,
    minutes: int,
    evenings: int,
    seed: int,
    gossip: bool,
    rules: np.ndarray,
    counts_only: bool = False,
    team=None,
):
    """Run one party. ``params``: per-guest arrays join_rate, talk_share, stay_minutes, claim,
    honesty. Returns ``(counts, state)``: counts is a (5, guests) array in :data:`COUNT_NAMES`
    order; state is a :class:`State` (None with ``counts_only``, which skips the record).
    ``team``: per-guest team numbers; guests of one team (>= 0) are not counted in each other's
    outcomes (the state still records every pair).
    """
    join = np.ascontiguousarray(params["join_rate"], dtype=np.float64)
    talk = np.ascontiguousarray(params["talk_share"], dtype=np.float64)
    claim = np.ascontiguousarray(params["claim"], dtype=np.float64)
    leave = 1.0 / np.asarray(params["stay_minutes"], dtype=np.float64)
    expose = rules[_EXPOSURE] * claim * (1.0 - np.asarray(params["honesty"], dtype=np.float64))
    n = join.size
    team = np.full(n, -1, np.int64) if team is None else np.ascontiguousarray(team, dtype=np.int64)
    mine = _WORK_LOCK.acquire(blocking=False)  # another thread's party gets arrays of its own
    try:
        work = _WORK if mine and _WORK and _WORK[0].shape[0] == n else _fresh_work(n)
        out = _run(
            join,
            talk,
            leave,
            expose,
            claim,
            team,
            int(minutes),
            int(evenings),
            int(seed),
            bool(gossip),
            rules,
            counts_only,
            *work,
        )
        if mine:  # kept for the next party of this size, the pair tables as this one grew them
            _WORK[:] = [work[0], work[1], out[0], out[1]]
    finally:
        if mine:
            _WORK_LOCK.release()
    if counts_only:
        return out[2], None
    return out[2], State(*out[3:])


# The work arrays of the last party size: [slot, aware, pi, pf]. A fresh party's few megabytes
# cost more in page faults than in work (a fifth of a 1,000-guest evening), and runs of one size
# (the seeds of an explorer's spread, a tournament entry's parties) follow each other.
_WORK: list = []
_WORK_LOCK = threading.Lock()


def _fresh_work(n: int) -> list:
    rows = max(64, 8 * n)
    return [np.empty((n, n), np.int32), np.empty((n, n), np.bool_), np.empty((rows, 6), np.int64), np.empty((rows, 6))]


def warm() -> bool:
    """Make sure the model is compiled for this machine (it is, once this module is imported) and
    runs: ``kit warm``, ``kit lab``, ``kit build`` and the test run call it first, so no learner's
    kernel compiles. Returns whether this process had to compile it."""
    from .rules import RULES

    p = {
        "join_rate": [0.5, 0.5],
        "talk_share": [0.5, 0.5],
        "stay_minutes": [2.0, 2.0],
        "claim": [0.5, 0.0],
        "honesty": [0.5, 1.0],
    }
    run(p, 3, 2, 0, True, RULES.as_array())
    return bool(_FRESH)
