"""Running the party: one evening or a season, one seed or many.

One party is one draw of a random model. :func:`simulate` gives one draw with every table;
:func:`over_seeds` runs the same settings on many seeds and gives the average guest of each
persona with an interval, which is what the workshop's findings rest on.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import model
from .personas import (
    DEFAULT_PERSONAS,
    PARAMETER_COLUMNS,
    assign,
    assignment_kinds,
    check_int,
    read_personas,
)
from .result import PartyResult, build
from .rules import MAX_GUESTS, RULES, SEEDS, Rules

OUTCOMES = ("people_met", "remembered_by", "liked_by", "trusted_by")


def _line_up(table, guests, mix, assignment, rng):
    if assignment is not None:
        if mix is not None:
            raise ValueError("give either mix or assignment, not both")
        kind = assignment_kinds(table, assignment)
        check_int("number of guests in assignment", len(kind), 2, MAX_GUESTS)
        return kind
    return assign(table, check_int("guests", guests, 2, MAX_GUESTS), mix, rng)


_DEFAULT_VALUES = DEFAULT_PERSONAS[list(PARAMETER_COLUMNS)].to_numpy(float)  # read once, never written


def _values(table: pd.DataFrame) -> np.ndarray:
    """The persona table's parameters as a (personas, 5) array: one pandas call, or none."""
    return _DEFAULT_VALUES if table is DEFAULT_PERSONAS else table[list(PARAMETER_COLUMNS)].to_numpy(float)


def _params(values: np.ndarray, kind: np.ndarray) -> dict:
    per_guest = values[kind]
    return {c: per_guest[:, i] for i, c in enumerate(PARAMETER_COLUMNS)}


_Z975 = 1.959963984540054  # the normal distribution's 97.5% point


def t95(parties):
    """The factor that turns a standard error over ``parties`` draws into a 95% interval: the
    97.5% point of Student's t with ``parties - 1`` degrees of freedom (2.09 for 20 parties,
    not the normal's 1.96, which would make the intervals about 6% too narrow). Exact for 2 and
    3 parties; from 4 on, the Cornish-Fisher expansion (Abramowitz & Stegun, *Handbook of
    Mathematical Functions*, 26.7.5), within 0.2% of the exact value. Works on arrays too.

    >>> [round(float(t95(n)), 3) for n in (2, 3, 20, 100)]
    [12.706, 4.303, 2.093, 1.984]
    >>> round(float(t95(6)), 4)  # exact: 2.5706
    2.5703
    """
    df = np.asarray(parties, dtype=float) - 1.0
    z = _Z975
    expansion = (
        z
        + (z**3 + z) / 4 / df
        + (5 * z**5 + 16 * z**3 + 3 * z) / 96 / df**2
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384 / df**3
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160 / df**4
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        exact_2 = 0.95 / np.sqrt(2 * 0.975 * 0.025)  # two degrees of freedom
        out = np.where(df <= 1.5, np.tan(np.pi * 0.475), np.where(df <= 2.5, exact_2, expansion))
    return out


def none_seen_high(draws):
    """The upper end of a 95% interval for a mean count when ``draws`` guest-parties all gave 0:
    3 / draws, the "rule of three" (Hanley & Lippman-Hand, *JAMA*, 1983). Without it, twenty
    parties of zeros would get an interval of zero width, as if the rate could not be 0.01.

    >>> round(float(none_seen_high(20 * 8)), 3)  # the room: 20 parties, 8 guests of a persona
    0.019
    """
    return 3.0 / np.asarray(draws, dtype=float)


def _check_rules(rules) -> Rules:
    if rules is None:
        return RULES
    if not isinstance(rules, Rules):
        raise ValueError("rules must be a kit.party.Rules, e.g. Rules(know_minutes=4)")
    return rules


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
    rules: Rules | None = None,
) -> PartyResult:
    """Run the cocktail party once (one seed: one draw) and return a :class:`PartyResult`.

    Parameters
    ----------
    guests : number of guests (ignored when ``assignment`` is given).
    minutes : length of each evening in minutes.
    mix : ``{persona: share}``; shares are normalised. Default: equal shares of every persona in
        the table. Guests are assigned by largest remainder and shuffled with the seed.
    evenings : number of repeated evenings (a weekly event, same guests).
    seed : random seed; the same seed gives exactly the same party.
    personas : persona table (default ``DEFAULT_PERSONAS``); add a row to add a persona.
    assignment : explicit persona name per guest (overrides ``guests`` and ``mix``).
    gossip : after each evening, news of an exposure spreads one step.
    rules : the model's rules (default ``RULES``); ``Rules(know_minutes=4)`` changes one.

    >>> r = simulate(guests=12, minutes=30, seed=3)
    >>> len(r.guests), int(r.conversations["size"].max())
    (12, 4)
    >>> r.guests.equals(simulate(guests=12, minutes=30, seed=3).guests)
    True
    """
    table = read_personas(personas)  # the result copies it if its personas are read
    minutes = check_int("minutes", minutes, 1)
    evenings = check_int("evenings", evenings, 1)
    seed = check_int("seed", seed, 0)
    rules = _check_rules(rules)
    kind = _line_up(table, guests, mix, assignment, np.random.default_rng(seed))
    counts, state = model.run(_params(_values(table), kind), minutes, evenings, seed, gossip, rules.as_array())
    settings = {"guests": len(kind), "minutes": minutes, "evenings": evenings, "seed": seed, "gossip": gossip}
    return build(kind, table, counts, state, settings, rules)


def _seeds(seeds) -> list[int]:
    seeds = (
        list(range(seeds))
        if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool)
        else list(seeds)
        if isinstance(seeds, Iterable)
        else None
    )
    if not seeds:
        raise ValueError("seeds must be a number of parties (e.g. 20) or a list of seeds, not empty")
    seeds = [check_int("seed", s, 0) for s in seeds]
    twice = sorted(s for s, n in collections.Counter(seeds).items() if n > 1)
    if twice:  # the same party twice would pass for two draws and narrow every interval
        raise ValueError(f"each seed is one party, so give each seed once; repeated: {twice}")
    return seeds


def per_seed(
    guests: int = 40,
    minutes: int = 90,
    mix: Mapping[str, float] | None = None,
    evenings: int = 1,
    seeds: int | Iterable[int] = SEEDS,
    personas: pd.DataFrame | None = None,
    *,
    first_seed: int = 0,
    rules: Rules | None = None,
) -> pd.DataFrame:
    """The average guest of each persona at each of many parties: one row per (seed, persona).

    ``seeds`` is a number of parties (seeds ``first_seed``, ``first_seed + 1``, ...) or a list
    of seeds. The seed-``s`` party is exactly ``simulate(..., seed=s)``.

    >>> per_seed(guests=10, minutes=30, seeds=2).round(1).head(3)
       seed      persona  guests  people_met  remembered_by  liked_by  trusted_by
    0     0   wallflower       2         0.0            0.0       0.0         0.0
    1     0  broadcaster       2         6.5            0.5       0.0         0.0
    2     0    butterfly       2         7.0            0.0       0.0         0.0
    """
    return _per_seed(read_personas(personas), guests, minutes, mix, evenings, seeds, first_seed, rules)


def _per_seed(table, guests, minutes, mix, evenings, seeds, first_seed, rules) -> pd.DataFrame:
    """:func:`per_seed` on a persona table already checked."""
    minutes = check_int("minutes", minutes, 1)
    evenings = check_int("evenings", evenings, 1)
    rules = _check_rules(rules).as_array()
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        seeds = range(first_seed, first_seed + check_int("seeds", seeds, 1))
    values = _values(table)  # read once; each party indexes it
    k = len(table)
    rows = []
    for s in _seeds(seeds):
        kind = _line_up(table, guests, mix, None, np.random.default_rng(s))
        counts, _ = model.run(_params(values, kind), minutes, evenings, s, True, rules, counts_only=True)
        n = np.bincount(kind, minlength=k)
        present = np.flatnonzero(n)
        sums = np.stack([np.bincount(kind, weights=c, minlength=k) for c in counts[:4]], axis=1)
        rows.append((np.full(present.size, s), present, n[present], sums[present] / n[present, None]))
    seed, persona, n, means = (np.concatenate(x) for x in zip(*rows))
    out = pd.DataFrame(means, columns=list(OUTCOMES))
    out.insert(0, "guests", n)
    out.insert(0, "persona", table.index[persona])
    out.insert(0, "seed", seed)
    return out


def summarise(per: pd.DataFrame, order=None) -> pd.DataFrame:
    """Mean over seeds with a 95% interval (mean ± :func:`t95` standard errors), per persona;
    where every party gave 0, the interval runs from 0 to :func:`none_seen_high` instead.

    >>> per = pd.DataFrame({"seed": [0, 1, 0, 1], "persona": ["a", "a", "b", "b"], "guests": 2,
    ...     "people_met": [1.0, 3.0, 2.0, 2.0], "remembered_by": 0.0, "liked_by": 0.0, "trusted_by": 0.0})
    >>> summarise(per)[["people_met", "people_met_low", "people_met_high"]].round(2)  # two parties say little
             people_met  people_met_low  people_met_high
    persona
    a               2.0             0.0            14.71
    b               2.0             2.0             2.00
    """
    names, code = np.unique(per["persona"].to_numpy(dtype=object), return_inverse=True)
    first = pd.unique(per["persona"])  # personas in the order they first appear
    values = per[list(OUTCOMES)].to_numpy(float)
    parties = np.bincount(code, minlength=len(names)).astype(float)
    mean = np.stack([np.bincount(code, weights=v, minlength=len(names)) for v in values.T], axis=1) / parties[:, None]
    dev = values - mean[code]
    var = np.stack([np.bincount(code, weights=d * d, minlength=len(names)) for d in dev.T], axis=1)
    se = np.sqrt(
        np.divide(var, (parties - 1)[:, None], out=np.zeros_like(var), where=parties[:, None] > 1) / parties[:, None]
    )
    columns = {"parties": parties.astype(np.int64)}
    for j, c in enumerate(OUTCOMES):
        columns[c] = mean[:, j]
    half = t95(np.maximum(parties, 2))[:, None] * se  # one party: se is 0, so no interval
    seen = np.stack([np.bincount(code, weights=v != 0, minlength=len(names)) for v in values.T], axis=1)
    draws = np.bincount(code, weights=per["guests"].to_numpy(float), minlength=len(names))  # guest-parties
    high = np.where(seen > 0, mean + half, none_seen_high(draws)[:, None])
    for j, c in enumerate(OUTCOMES):
        columns[f"{c}_low"] = np.maximum(mean[:, j] - half[:, j], 0.0)
        columns[f"{c}_high"] = high[:, j]
    out = pd.DataFrame(columns, index=pd.Index(names, name="persona"))
    wanted = [p for p in (first if order is None else order) if p in out.index]
    return out.loc[wanted]


def over_seeds(
    guests: int = 40,
    minutes: int = 90,
    mix: Mapping[str, float] | None = None,
    evenings: int = 1,
    seeds: int | Iterable[int] = SEEDS,
    personas: pd.DataFrame | None = None,
    *,
    first_seed: int = 0,
    rules: Rules | None = None,
) -> pd.DataFrame:
    """The average guest of each persona over many parties, with a 95% interval.

    One row per persona: ``parties``, and for each outcome its mean over the parties and the
    interval ``*_low`` to ``*_high`` (mean ± :func:`t95` standard errors of that mean).

    >>> s = over_seeds(guests=20, minutes=60, seeds=20)
    >>> s.loc["conversationalist", ["parties", "liked_by"]].round(1).to_dict()
    {'parties': 20.0, 'liked_by': 1.1}
    """
    if personas is None and (mix is None or isinstance(mix, Mapping)):
        try:  # the default guests: the same settings give the same table, so keep it (a copy each time)
            key = (
                guests,
                minutes,
                None if mix is None else tuple(sorted(mix.items())),
                evenings,
                seeds if isinstance(seeds, (int, np.integer)) else tuple(seeds),
                first_seed,
                rules,
            )
            hash(key)
        except TypeError:
            key = None
        if key is not None:
            out = _over_seeds_cached(*key)
            copy = out.copy()
            copy.attrs = dict(out.attrs)
            return copy
    return _over_seeds(guests, minutes, mix, evenings, seeds, personas, first_seed, rules)


@functools.lru_cache(maxsize=64)
def _over_seeds_cached(guests, minutes, mix, evenings, seeds, first_seed, rules) -> pd.DataFrame:
    return _over_seeds(guests, minutes, None if mix is None else dict(mix), evenings, seeds, None, first_seed, rules)


def _over_seeds(guests, minutes, mix, evenings, seeds, personas, first_seed, rules) -> pd.DataFrame:
    table = read_personas(personas)
    per = _per_seed(table, guests, minutes, mix, evenings, seeds, first_seed, rules)
    out = summarise(per, order=table.index)
    first = per["seed"].iloc[0]
    out.attrs.update(
        guests=int(per.loc[per["seed"] == first, "guests"].sum()),
        minutes=minutes,
        evenings=evenings,
        seeds=sorted(set(per["seed"].tolist())),
    )
    return out
