"""The party itself: guests, minutes, evenings. One compiled loop, written guest by guest.

How a party works (one step = one minute)
-----------------------------------------
1. A guest in a conversation leaves it with probability ``1 / stay_minutes`` each minute (so on
   average they stay ``stay_minutes``). A conversation left with a single person ends.
2. A free guest walks up to someone with probability ``join_rate``. People already talking are
   easy to approach (weight 1); a free guest is approached in proportion to their own
   ``join_rate`` (someone on their phone by the wall is rarely approached). From the second
   evening on, ``return_prob`` of approaches go to one of the guest's favourites (the people they
   like most).
3. Groups hold 2 to ``max_group`` people; a bigger one splits into ``ceil(size / max_group)``
   conversations.
4. In a conversation each member holds the floor in proportion to their ``talk_share``; the rest
   of the minute they listen.

What guests remember (at the end of each evening)
-------------------------------------------------
* *Attention*: a minute in a group of ``s`` gives each member ``1 / (s - 1)`` of a minute with each
  other member; the n-th minute of a chat counts ``n / warm_up`` (full from then on).
* *Forgetting*: a pair remember an evening only if their attention that evening reached
  ``know_minutes``; below it the evening leaves nothing (hellos do not add up). A pair who once
  remembered an evening *know* each other.
* *Claims* stick in the memory: someone who talked with a guest who claims importance remembers
  that guest once their attention that evening, times ``1 + claim_memory * claim``, reaches
  ``know_minutes``. It works one way (the claimer need not remember them) and buys nothing else:
  the evening's liking-minutes count only if the pair remembered each other without it.
* *Liking*: B's liking-minutes for A are the remembered attention minutes in which A listened
  to B. B likes A from ``like_minutes`` of them and trusts A from ``trust_minutes`` (and only
  while B knows A). Claims give none: liking comes from being listened to.
* *Found out*: each conversation a claimer joins risks exposure with probability
  ``exposure_rate * claim * (1 - honesty)``. Their group-mates then, and anyone who talks with
  them later, know; with ``gossip`` the news also spreads after each evening to everyone who knows
  someone who knew. Those who know stop liking and trusting them, for good.

Everything runs in one function compiled by Numba (cached on disk: compiled once per machine,
by ``kit warm`` or the first run). It is written per guest, like an agent-based model, and runs
about as fast as C: a season of six evenings for 40 guests takes about a millisecond.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from numba import njit

# the order of Rules.as_array()
_MAX_GROUP, _WARM_UP, _KNOW, _LIKE, _TRUST, _EXPOSURE, _MEMORY, _RETURN, _FAVOURITES = range(9)


@dataclasses.dataclass(frozen=True, eq=False)
class State:
    """Everything one run of the party leaves behind (arrays; guests are numbered 0 to n-1).

    ``together`` and ``attention`` are filled above the diagonal only ([a, b], a < b);
    ``knows[b, a]``: B remembers A; ``liking[b, a]`` is the liking-minutes B holds for A;
    ``aware[b, a]``: B knows A was found out.
    """

    labels: np.ndarray  # (evenings, minutes, guests) conversation label, -1 = not talking
    together: np.ndarray  # minutes in the same conversation
    attention: np.ndarray  # attention minutes, every chat
    knows: np.ndarray  # [who remembers, whom]
    liking: np.ndarray  # liking-minutes [who likes, whom]
    aware: np.ndarray  # [who knows, who was found out]
    exposed_evening: np.ndarray  # evening (1, 2, ...) each guest was found out; 0 = never
    talking: np.ndarray  # minutes holding the floor
    listening: np.ndarray  # minutes listening


@njit(cache=True)
def _pick(cum, total, n):
    """A guest drawn with probability proportional to the weights whose running sum is ``cum``."""
    u = np.random.random() * total
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] > u:
            hi = mid
        else:
            lo = mid + 1
    return lo


@njit(cache=True)
def _run(join, talk, leave, expose, claim, minutes, evenings, seed, gossip, rules, counts_only):
    np.random.seed(seed)
    n = join.size
    max_group = int(rules[_MAX_GROUP])
    know_min, like_min, trust_min = rules[_KNOW], rules[_LIKE], rules[_TRUST]
    n_fav = int(rules[_FAVOURITES])
    labels = np.full((1 if counts_only else evenings, minutes, n), -1, np.int16)
    together = np.zeros((n, n), np.int32)
    attention = np.zeros((n, n))
    liking = np.zeros((n, n))
    tonight = np.zeros((n, n))  # [lo, hi] attention this evening
    tonight_like = np.zeros((n, n))  # [b, a] liking-minutes this evening
    aware = np.zeros((n, n), np.bool_)
    knows = np.zeros((n, n), np.bool_)
    fav = np.full((n, n_fav), -1, np.int64)
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
    floor = np.zeros(n)
    members = np.zeros(n, np.int64)
    for evening in range(evenings):
        group[:] = -1
        tenure[:] = 0
        for minute in range(minutes):
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
                total += 1.0 if not free[j] else (0.0 if approaching[j] else join[j])
                weight[j] = total
            for i in range(n):
                key[i] = group[i]
            for i in range(n):
                if not approaching[i]:
                    continue
                target = -1
                if evening > 0 and fav[i, 0] >= 0 and np.random.random() < rules[_RETURN]:
                    k = 0
                    while k < n_fav and fav[i, k] >= 0:
                        k += 1
                    j = fav[i, np.random.randint(0, k)]
                    if not approaching[j]:
                        target = j
                if target < 0 and total > 0:
                    target = _pick(weight, total, n)
                if target >= 0:
                    if group[target] >= 0:
                        key[i] = group[target]
                    else:
                        key[i] = n + target
                        key[target] = n + target
            # 3. conversations: same key, split above max_group (members dealt round robin)
            m = 0
            for i in range(n):
                if key[i] >= 0:
                    members[m] = i
                    m += 1
            group[:] = -1
            if m == 0:
                tenure[:] = 0
                continue
            order = np.argsort(key[members[:m]] * n + np.random.permutation(n)[members[:m]])
            mem = members[:m][order]
            label = 0
            s = 0
            while s < m:
                e = s
                while e < m and key[mem[e]] == key[mem[s]]:
                    e += 1
                parts = (e - s + max_group - 1) // max_group
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
            # 4. the floor, and the attention each pair gives each other
            order = np.argsort(group[mem], kind="mergesort")
            mem = mem[order]
            s = 0
            while s < m:
                e = s
                while e < m and group[mem[e]] == group[mem[s]]:
                    e += 1
                k = e - s
                talk_total = 0.0
                for r in range(s, e):
                    talk_total += talk[mem[r]]
                for r in range(s, e):
                    i = mem[r]
                    floor[i] = talk[i] / talk_total if talk_total > 0 else 1.0 / k
                    talking[i] += floor[i]
                    listening[i] += 1.0 - floor[i]
                for r in range(s, e):
                    a = mem[r]
                    for q in range(r + 1, e):
                        b = mem[q]
                        w = min(min(tenure[a], tenure[b]) / rules[_WARM_UP], 1.0) / (k - 1)
                        lo, hi = min(a, b), max(a, b)
                        together[lo, hi] += 1
                        tonight[lo, hi] += w
                        tonight_like[b, a] += (1.0 - floor[a]) * w  # a listened to b
                        tonight_like[a, b] += (1.0 - floor[b]) * w
                        if exposed_evening[b] > 0:
                            aware[a, b] = True
                        if exposed_evening[a] > 0:
                            aware[b, a] = True
                s = e
        # end of the evening: what is remembered
        for a in range(n):
            for b in range(a + 1, n):
                t = tonight[a, b]
                if t == 0.0:
                    continue
                attention[a, b] += t
                if t >= know_min:  # remembered: both know each other, and the listening counts
                    liking[a, b] += tonight_like[a, b]
                    liking[b, a] += tonight_like[b, a]
                    knows[a, b] = True
                    knows[b, a] = True
                else:  # a claim sticks in the memory of the one who heard it, and that is all
                    if t * (1.0 + rules[_MEMORY] * claim[a]) >= know_min:
                        knows[b, a] = True
                    if t * (1.0 + rules[_MEMORY] * claim[b]) >= know_min:
                        knows[a, b] = True
                tonight[a, b] = 0.0
                tonight_like[a, b] = 0.0
                tonight_like[b, a] = 0.0
        if gossip:  # news of an exposure goes one step: to whoever knows someone who knew
            for c in range(n):
                if exposed_evening[c] == 0:
                    continue
                heard = np.zeros(n, np.bool_)
                for b in range(n):
                    if aware[b, c]:
                        for x in range(n):
                            if knows[x, b]:
                                heard[x] = True
                for x in range(n):
                    if heard[x] and x != c:
                        aware[x, c] = True
        if evening < evenings - 1:  # favourites: the people each guest likes most
            for b in range(n):
                best = np.full(n_fav, -1.0)
                fav[b, :] = -1
                for a in range(n):
                    v = liking[b, a]
                    if a == b or not knows[b, a] or aware[b, a] or v < like_min:
                        continue
                    r = n_fav - 1
                    if v <= best[r]:
                        continue
                    while r > 0 and v > best[r - 1]:
                        best[r] = best[r - 1]
                        fav[b, r] = fav[b, r - 1]
                        r -= 1
                    best[r] = v
                    fav[b, r] = a
    # who remembers, likes and trusts whom (counts per guest)
    met = np.zeros(n, np.int64)
    remembered = np.zeros(n, np.int64)
    liked = np.zeros(n, np.int64)
    trusted = np.zeros(n, np.int64)
    for a in range(n):
        for b in range(a + 1, n):
            if together[a, b] == 0:
                continue
            met[a] += 1
            met[b] += 1
            if knows[b, a]:
                remembered[a] += 1
            if knows[a, b]:
                remembered[b] += 1
            if not aware[b, a] and liking[b, a] >= like_min:
                liked[a] += 1
                if liking[b, a] >= trust_min:
                    trusted[a] += 1
            if not aware[a, b] and liking[a, b] >= like_min:
                liked[b] += 1
                if liking[a, b] >= trust_min:
                    trusted[b] += 1
    counts = np.stack((met, remembered, liked, trusted, (exposed_evening > 0).astype(np.int64)))
    return (counts, labels, together, attention, knows, liking, aware, exposed_evening,
            talking, listening)


COUNT_NAMES = ("people_met", "remembered_by", "liked_by", "trusted_by", "exposed")


def run(params: dict, minutes: int, evenings: int, seed: int, gossip: bool, rules: np.ndarray,
        counts_only: bool = False):
    """Run one party. ``params``: per-guest arrays join_rate, talk_share, stay_minutes, claim,
    honesty. Returns ``(counts, state)``: counts is a (5, guests) array in :data:`COUNT_NAMES`
    order; state is a :class:`State` (None with ``counts_only``, which skips the record).
    """
    join = np.ascontiguousarray(params["join_rate"], dtype=np.float64)
    talk = np.ascontiguousarray(params["talk_share"], dtype=np.float64)
    claim = np.ascontiguousarray(params["claim"], dtype=np.float64)
    leave = 1.0 / np.asarray(params["stay_minutes"], dtype=np.float64)
    expose = rules[_EXPOSURE] * claim * (1.0 - np.asarray(params["honesty"], dtype=np.float64))
    out = _run(join, talk, leave, expose, claim, int(minutes), int(evenings), int(seed), bool(gossip),
               rules, counts_only)
    if counts_only:
        return out[0], None
    return out[0], State(*out[1:])


def warm() -> None:
    """Compile the model (or load it from Numba's cache): ``kit warm`` calls this at install."""
    from .rules import RULES

    p = {"join_rate": [0.5, 0.5], "talk_share": [0.5, 0.5], "stay_minutes": [2.0, 2.0],
         "claim": [0.5, 0.0], "honesty": [0.5, 1.0]}
    run(p, 3, 2, 0, True, RULES.as_array())
    run(p, 3, 2, 0, True, RULES.as_array(), counts_only=True)
