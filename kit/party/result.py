"""What a party leaves behind, as tidy tables: guests, pairs (ties) and conversations."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pandas as pd

from .model import State
from .rules import Rules


@dataclasses.dataclass(frozen=True, eq=False)
class PartyResult:
    """Outcome of ``simulate``: one party (one seed), one draw of the model.

    Attributes
    ----------
    guests : DataFrame
        One row per guest: persona, people_met, remembered_by, liked_by, trusted_by (how many
        *others* remember / like / trust this guest, one way), exposed, exposed_evening (0 = never),
        minutes_talking, minutes_listening.
    ties : DataFrame
        One row per pair who ever talked (guest_a < guest_b). ``attention_minutes`` is all the
        attention they gave each other. ``knows``, ``likes`` and ``trusts`` mean *both* remember
        / like / trust each other (a relationship is two-way); remembering needs one chat whose
        attention reached the rules' ``know_minutes`` (or, one way, a claim that stuck). The
        one-way flags are ``a_knows_b``, ``a_likes_b`` and so on, and ``liking_minutes_a_to_b`` is
        what A's liking of B grew from (minutes B listened while A talked).
    personas : DataFrame
        The persona table that was used.
    settings : dict
        guests, minutes, evenings, seed, gossip.
    labels : ndarray, shape (evenings, minutes, guests)
        Conversation label of each guest in each minute (-1 = not talking).

    The tables are built on first use from the model's arrays (``state``), so a run whose tables
    nobody reads costs only the simulation.
    """

    persona_table: pd.DataFrame = dataclasses.field(repr=False)  # as run: may be the kit's own, never written
    settings: dict
    kind: np.ndarray = dataclasses.field(repr=False)  # persona index (a row of personas) per guest
    counts: np.ndarray = dataclasses.field(repr=False)  # the model's per-guest counts
    state: State = dataclasses.field(repr=False)
    rules: Rules = dataclasses.field(repr=False)

    @functools.cached_property
    def personas(self) -> pd.DataFrame:
        """The persona table that was used: a copy of its own (changing it changes no other party)."""
        return self.persona_table.copy()

    @property
    def labels(self) -> np.ndarray:
        """Conversation label of each guest in each minute, shape (evenings, minutes, guests)."""
        return self.state.labels

    @functools.cached_property
    def guests(self) -> pd.DataFrame:
        """One row per guest (built on first use)."""
        return _guests(self)

    @functools.cached_property
    def ties(self) -> pd.DataFrame:
        """One row per pair who ever talked (built on first use)."""
        return _ties(self)

    @functools.cached_property
    def conversations(self) -> pd.DataFrame:
        """One row per (evening, minute, group): members (tuple of guest ids), size."""
        return conversations_from_labels(self.labels)

    def by_persona(self) -> pd.DataFrame:
        """Outcomes per persona: number of guests and mean per guest.

        ``share_remembered`` is remembered_by / people_met (0 if they met nobody), averaged over
        the persona's guests.

        >>> from kit.party import simulate
        >>> simulate(guests=10, minutes=30, seed=1).by_persona()[["n", "people_met", "remembered_by"]]
                           n  people_met  remembered_by
        persona
        wallflower         2         0.0            0.0
        broadcaster        2         7.0            2.5
        butterfly          2         7.0            0.0
        conversationalist  2         7.0            1.5
        impostor           2         7.0            2.0
        """
        return by_persona(self.guests, self.persona_table.index)


def by_persona(guests: pd.DataFrame, order) -> pd.DataFrame:
    g = guests.assign(
        share_remembered=np.where(
            guests["people_met"] > 0, guests["remembered_by"] / guests["people_met"].clip(lower=1), 0.0
        ),
        exposed=guests["exposed"].astype(float),
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
    return out.loc[[p for p in order if p in out.index]]


def build(
    kind: np.ndarray, table: pd.DataFrame, counts: np.ndarray, state: State, settings: dict, rules: Rules
) -> PartyResult:
    """Wrap one run's arrays in a :class:`PartyResult`."""
    return PartyResult(persona_table=table, settings=settings, kind=kind, counts=counts, state=state, rules=rules)


def _personas(r: PartyResult, codes: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(list(r.persona_table.index)))


def _ties(r: PartyResult) -> pd.DataFrame:
    state, rules, kind = r.state, r.rules, r.kind
    order = np.lexsort((state.pair_b, state.pair_a))  # pairs sorted by guest_a, then guest_b
    a, b = state.pair_a[order], state.pair_b[order]
    like_ab, like_ba = state.liking_ab[order], state.liking_ba[order]
    a_knows_b, b_knows_a = state.knows_ab[order], state.knows_ba[order]
    likes_ab = a_knows_b & ~state.aware_ab[order] & (like_ab >= rules.like_minutes)
    likes_ba = b_knows_a & ~state.aware_ba[order] & (like_ba >= rules.like_minutes)
    trusts_ab = likes_ab & (like_ab >= rules.trust_minutes)
    trusts_ba = likes_ba & (like_ba >= rules.trust_minutes)
    return pd.DataFrame(
        {
            "guest_a": a,
            "guest_b": b,
            "persona_a": _personas(r, kind[a]),
            "persona_b": _personas(r, kind[b]),
            "minutes_together": state.together[order],
            "attention_minutes": state.attention[order],
            "knows": a_knows_b & b_knows_a,
            "likes": likes_ab & likes_ba,
            "trusts": trusts_ab & trusts_ba,
            "a_knows_b": a_knows_b,
            "b_knows_a": b_knows_a,
            "liking_minutes_a_to_b": like_ab,
            "liking_minutes_b_to_a": like_ba,
            "a_likes_b": likes_ab,
            "b_likes_a": likes_ba,
            "a_trusts_b": trusts_ab,
            "b_trusts_a": trusts_ba,
        }
    )


def _guests(r: PartyResult) -> pd.DataFrame:
    met, remembered, liked, trusted, exposed = r.counts
    return pd.DataFrame(
        {
            "guest": np.arange(len(r.kind), dtype=np.int64),
            "persona": _personas(r, r.kind),
            "people_met": met,
            "remembered_by": remembered,
            "liked_by": liked,
            "trusted_by": trusted,
            "exposed": exposed.astype(bool),
            "exposed_evening": r.state.exposed_evening,
            "minutes_talking": r.state.talking,
            "minutes_listening": r.state.listening,
        }
    )


def conversations_from_labels(labels: np.ndarray) -> pd.DataFrame:
    """One row per (evening, minute, conversation) from the per-minute labels.

    >>> labels = np.array([[[0, 0, -1], [0, 1, 1]]])  # one evening, two minutes, three guests
    >>> conversations_from_labels(labels)
       evening  minute  group members  size
    0        1       1      0  (0, 1)     2
    1        1       2      0    (0,)     1
    2        1       2      1  (1, 2)     2
    """
    evenings, minutes, n = labels.shape
    e, t, guest = np.nonzero(labels >= 0)
    lab = labels[e, t, guest].astype(np.int64)
    key = ((e.astype(np.int64) * minutes + t) * (n + 1) + lab) * n + guest
    order = np.argsort(key, kind="stable")
    e, t, guest, lab = e[order], t[order], guest[order], lab[order]
    if guest.size == 0:
        return pd.DataFrame(
            {c: pd.Series([], dtype=int) for c in ("evening", "minute", "group")}
            | {"members": pd.Series([], dtype=object), "size": pd.Series([], dtype=int)}
        )
    new = np.r_[True, (e[1:] != e[:-1]) | (t[1:] != t[:-1]) | (lab[1:] != lab[:-1])]
    starts = np.flatnonzero(new)
    return pd.DataFrame(
        {
            "evening": e[starts] + 1,
            "minute": t[starts] + 1,
            "group": lab[starts],
            "members": [tuple(m) for m in np.split(guest.tolist(), starts[1:])],
            "size": np.diff(np.r_[starts, guest.size]),
        }
    )


def max_group_size(conversations: pd.DataFrame) -> int:
    """Size of the largest conversation at the party (0 if nobody talked).

    >>> max_group_size(pd.DataFrame({"size": [2, 4, 3]}))
    4
    """
    return int(conversations["size"].max()) if len(conversations) else 0


PAIR_MEASURES = ("talked", "knows", "likes", "trusts")


def persona_pairs(result: PartyResult, measure: str = "talked") -> pd.DataFrame:
    """Who met whom, by persona pair: the share of possible pairs that ``measure``.

    ``measure`` is one of ``"talked"`` (ever in the same conversation), ``"knows"``, ``"likes"``
    or ``"trusts"`` (both ways, as in ``ties``). One row per ordered pair of personas present
    (both orders, so the table pivots into a symmetric square): ``pairs`` that qualify,
    ``possible`` pairs of guests, and ``share`` = pairs / possible.

    >>> from kit.party import simulate
    >>> persona_pairs(simulate(guests=10, minutes=30, seed=1)).iloc[[0, 1, 12]]
         persona_a    persona_b  pairs  possible  share
    0   wallflower   wallflower      0         1    0.0
    1   wallflower  broadcaster      0         4    0.0
    12   butterfly    butterfly      1         1    1.0
    """
    if measure not in PAIR_MEASURES:
        raise ValueError(f"measure must be one of {list(PAIR_MEASURES)}, got {measure!r}")
    names = list(result.persona_table.index)
    k = len(names)
    n = np.bincount(result.guests["persona"].cat.codes.to_numpy(), minlength=k)
    t = result.ties
    a, b = t["persona_a"].cat.codes.to_numpy(), t["persona_b"].cat.codes.to_numpy()
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
    i, j = (x.ravel() for x in np.meshgrid(present, present, indexing="ij"))
    return pd.DataFrame(
        {
            "persona_a": [names[x] for x in i],
            "persona_b": [names[x] for x in j],
            "pairs": pairs[i, j].astype(np.int64),
            "possible": possible[i, j].astype(np.int64),
            "share": share[i, j],
        }
    )
