"""The room's party: the fixed simulations workshop 03 runs and checks against.

The seed comes from the scenario (``datasets/scenario.toml``), so re-targeting the kit gives a
new party and every check follows it. The room's findings are averages over
:data:`~kit.party.rules.SEEDS` parties starting at that seed; the party the exercises use is the
first of them (one draw).
"""

from __future__ import annotations

import functools

import pandas as pd

from .result import PartyResult
from .rules import SEEDS
from .runs import over_seeds, simulate

ROOM_GUESTS = 40  #: guests at the room's party
ROOM_MINUTES = 90  #: minutes per evening


def room_call(evenings: int) -> str:
    """The exact line the notebook runs for the room's party of ``evenings`` evenings.

    >>> room_call(1)
    'party.simulate(guests=40, minutes=90, evenings=1, seed=scenario.seed)'
    """
    return f"party.simulate(guests={ROOM_GUESTS}, minutes={ROOM_MINUTES}, evenings={evenings}, seed=scenario.seed)"


def _seed() -> int:
    from ..scenario import load_scenario

    return load_scenario().seed


@functools.lru_cache(maxsize=4)
def _room(evenings: int, seed: int) -> PartyResult:
    return simulate(guests=ROOM_GUESTS, minutes=ROOM_MINUTES, evenings=evenings, seed=seed)


def room_party(evenings: int = 1) -> PartyResult:
    """The room's party, as the notebook runs it (see :func:`room_call`). Cached: read-only."""
    return _room(evenings, _seed())


@functools.lru_cache(maxsize=8)
def _room_outcomes(evenings: int, seed: int) -> pd.DataFrame:
    return over_seeds(guests=ROOM_GUESTS, minutes=ROOM_MINUTES, evenings=evenings, seeds=SEEDS, first_seed=seed)


def room_outcomes(evenings: int = 1) -> pd.DataFrame:
    """The room's settings over :data:`SEEDS` parties (the room's seed and the next ones):
    the average guest of each persona with a 95% interval. Cached: read-only."""
    return _room_outcomes(evenings, _seed())
