"""The tournament: guests the room designs, each scored fairly against the default personas.

Fair by construction: **each entry is scored in its own parties**, the same default guests on the
same seeds with only that entry's guests added, so adding an entry never changes another's
score. Only the default guests score: an entry's own guests do not count in each other's trust,
liking or memory, so sending more of them buys nothing. Each default persona is scored the same way,
as an entry of its own, so copying a default persona's numbers gives exactly its score. Every score is
a mean over many parties (:data:`~kit.party.rules.SEEDS`) with a 95% interval. A guest's rank is
1 + the number of guests whose whole trust interval lies above its own, so guests of the same rank
are tied; one whose interval overlaps a better-placed guest's is not clearly behind it either (that
guest is clearly ahead of someone else).
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from . import model
from .personas import DEFAULT_PERSONAS, PARAMETER_COLUMNS, check_int, check_personas
from .rules import RULES, SEASON_EVENINGS, SEEDS
from .runs import _params, _seeds, none_seen_high, t95

GUESTS_PER_ENTRY = 3  #: guests each entry sends to each of its parties
DEFAULT_GUESTS = 20  #: default guests at every party, spread evenly over the default personas
SCORES = ("trusted_by", "liked_by", "remembered_by")


@functools.lru_cache(maxsize=1024)
def _scores(params: tuple, guests: int, defaults: int, minutes: int, evenings: int, seeds: tuple) -> np.ndarray:
    """(seeds, 3) mean trusted_by, liked_by, remembered_by of one kind of guest, each seed's party
    holding the default guests plus ``guests`` of this kind. Only the default guests' trust,
    liking and memory count: an entry's own guests do not score each other."""
    filler = np.arange(defaults) % len(DEFAULT_PERSONAS)  # persona index per default guest
    base = DEFAULT_PERSONAS[list(PARAMETER_COLUMNS)].to_numpy(float)
    kind = np.r_[filler, np.full(guests, len(base))]
    rows = np.vstack([base, np.array(params, float)])
    rules = RULES.as_array()
    out = []
    for s in seeds:
        k = kind[np.random.default_rng(s).permutation(len(kind))]
        team = np.where(k == len(base), 0, -1)
        counts, _ = model.run(_params(rows, k), minutes, evenings, s, True, rules, counts_only=True, team=team)
        out.append(counts[[3, 2, 1]][:, k == len(base)].mean(axis=1))  # trusted_by, liked_by, remembered_by
    return np.array(out)


_CACHE = Path(__file__).resolve().parent / "__pycache__"  # beside Numba's compiled model
_SOURCES = ("model.py", "runs.py", "personas.py", "rules.py", "tournament.py")


def _defaults_key(guests: int, defaults: int, minutes: int, evenings: int, seeds: tuple) -> str:
    """A name for the default personas' scores under these settings: it changes with the
    settings, the rules, the persona table and the model's source, so a stale file is never read."""
    h = hashlib.sha256(repr((guests, defaults, minutes, evenings, seeds)).encode())
    h.update(RULES.as_array().tobytes())
    h.update(DEFAULT_PERSONAS[list(PARAMETER_COLUMNS)].to_numpy(float).tobytes())
    h.update(repr(list(DEFAULT_PERSONAS.index)).encode())
    h.update(_sources_digest())
    return h.hexdigest()[:20]


@functools.cache
def _sources_digest() -> bytes:
    return hashlib.sha256(b"".join((Path(__file__).resolve().parent / n).read_bytes() for n in _SOURCES)).digest()


def _default_scores(
    guests: int, defaults: int, minutes: int, evenings: int, seeds: tuple, keep: bool = False
) -> list[np.ndarray]:
    """Each default persona's scores as an entry ((seeds, 3) arrays, in the table's order).

    The default tournament's are the same in every room, so ``kit warm`` keeps them on disk
    beside the compiled model (``keep``, which also removes any kept under older rules or code):
    a learner's first tournament then runs only its own entries' parties. Other settings, or a
    read-only folder, compute them (and keep them in memory)."""
    path = _CACHE / f"defaults-{_defaults_key(guests, defaults, minutes, evenings, seeds)}.npy"
    try:
        return list(np.load(path))
    except (OSError, ValueError):
        pass
    values = DEFAULT_PERSONAS[list(PARAMETER_COLUMNS)]
    scores = [_scores(tuple(v), guests, defaults, minutes, evenings, seeds) for _, v in values.iterrows()]
    if keep:
        try:
            _CACHE.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=_CACHE, prefix=".defaults-", suffix=".npy")
            with os.fdopen(fd, "wb") as f:
                np.save(f, np.array(scores))
            os.replace(tmp, path)  # whole or not at all: another kernel may be reading
            for old in _CACHE.glob("defaults-*.npy"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return scores


def warm() -> None:
    """Keep the default tournament's default rows on disk (:func:`_default_scores`)."""
    _default_scores(GUESTS_PER_ENTRY, DEFAULT_GUESTS, 90, SEASON_EVENINGS, tuple(range(SEEDS)), keep=True)


def _row(name: str, is_entry: bool, values: np.ndarray, guests: int) -> dict:
    mean = values.mean(axis=0)
    half = t95(len(values)) * values.std(axis=0, ddof=1) / np.sqrt(len(values))  # tournament() wants 2+ seeds
    none_seen = float(none_seen_high(len(values) * guests))  # no party gave any: the rule of three
    row = {"entry": name, "is_entry": is_entry}
    for j, c in enumerate(SCORES):
        row[c] = float(mean[j])
        row[f"{c}_low"] = float(max(mean[j] - half[j], 0.0))
        row[f"{c}_high"] = float(mean[j] + half[j]) if np.any(values[:, j] != 0) else none_seen
    row["guests"] = guests
    return row


def tournament(
    entries: pd.DataFrame,
    guests_per_entry: int = GUESTS_PER_ENTRY,
    minutes: int = 90,
    evenings: int = SEASON_EVENINGS,
    seeds: int | Iterable[int] = SEEDS,
    default_guests: int = DEFAULT_GUESTS,
) -> pd.DataFrame:
    """Rank learner-designed personas against the default ones, fairly, over many parties.

    ``entries`` has one row per learner persona (the persona table's columns; the name in the
    index or a ``persona`` column). Each entry sends ``guests_per_entry`` guests to its own
    parties: ``default_guests`` guests spread evenly over the default personas, for a season of
    ``evenings`` (so claims have time to be found out), on each of ``seeds`` (a number of
    parties or a list of seeds) — the same default guests and seeds for every entry.

    Returns one row per entry and per default persona (each scored as an entry): mean
    ``trusted_by``, ``liked_by`` and ``remembered_by`` per guest from the default guests, each
    with its 95% interval (``*_low``, ``*_high``), sorted by trust then liking (equal guests in
    the order given: the default personas, then the entries). ``rank`` is 1 + the number of
    guests whose trust interval lies wholly above this one's, so guests of the same rank are
    tied; ``tie`` says whether another guest has the same rank.

    >>> mine = pd.DataFrame({"persona": ["listener"], "join_rate": [0.3],
    ...     "talk_share": [0.2], "stay_minutes": [9.0], "claim": [0.0], "honesty": [1.0]})
    >>> board = tournament(mine, minutes=60, evenings=4, seeds=6, default_guests=10)
    >>> board[["rank", "entry", "trusted_by", "trusted_by_low", "trusted_by_high"]].round(2)
       rank              entry  trusted_by  trusted_by_low  trusted_by_high
    0     1  conversationalist        0.83            0.35             1.32
    1     1           listener        0.44            0.02             0.87
    2     2         wallflower        0.06            0.00             0.20
    3     2           impostor        0.00            0.00             0.17
    4     2        broadcaster        0.00            0.00             0.17
    5     2          butterfly        0.00            0.00             0.17
    """
    own = check_personas(entries)
    clash = [p for p in own.index if p in DEFAULT_PERSONAS.index]
    if clash:
        raise ValueError(f"entry name(s) {clash} already used by default personas; choose new names")
    guests_per_entry = check_int("guests_per_entry", guests_per_entry, 1)
    # every default persona in the room to judge the entries (one wallflower would score everyone 0)
    default_guests = check_int("default_guests", default_guests, len(DEFAULT_PERSONAS))
    minutes = check_int("minutes", minutes, 1)
    evenings = check_int("evenings", evenings, 1)
    seeds = tuple(
        _seeds(
            range(seeds)
            if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool) and seeds > 0
            else seeds
        )
    )
    if len(seeds) < 2:
        raise ValueError("a tournament needs at least 2 parties (seeds) to tell chance from skill; 20 is the default")
    defaults = _default_scores(guests_per_entry, default_guests, minutes, evenings, seeds)
    rows = [_row(str(n), False, v, guests_per_entry) for n, v in zip(DEFAULT_PERSONAS.index, defaults)]
    for name, values in own[list(PARAMETER_COLUMNS)].iterrows():
        scores = _scores(tuple(values), guests_per_entry, default_guests, minutes, evenings, seeds)
        rows.append(_row(str(name), True, scores, guests_per_entry))
    # by trust, then liking; never by being remembered, which claims buy: a bragging twin of a
    # listener (the same trust and liking) must not list above it. Equal guests keep their order.
    board = pd.DataFrame(rows).sort_values(["trusted_by", "liked_by"], ascending=False, kind="stable")
    board = board.reset_index(drop=True)
    low, high = board["trusted_by_low"].to_numpy(), board["trusted_by_high"].to_numpy()
    rank = 1 + (low[None, :] > high[:, None]).sum(axis=1)
    board.insert(0, "rank", rank.astype(np.int64))
    board.insert(1, "tie", board["rank"].duplicated(keep=False))
    board.attrs.update(parties=len(seeds), evenings=evenings, seeds=list(seeds))
    return board
