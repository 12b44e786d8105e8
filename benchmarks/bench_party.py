"""Speed of workshop 03's cocktail party, measured the way the room feels it.

Run:  uv run python benchmarks/bench_party.py

Reports, with targets (PASS / MISS), in well under a minute:

(a) the live explorer's redraw at 40 guests: one slider change runs ``over_seeds`` on
    ``party.SEEDS`` parties (the bars and their intervals) and one ``simulate`` (the map), builds
    both Altair charts and swaps them into their ``JupyterChart``s (which validates each spec).
    It calls :meth:`kit.ui.party.PartyExplorer.another` directly, a new set of parties each time;
    no browser is involved, so drawing the new spec is not included. Median of 15; target 100 ms.
    The next line splits it into computing (the model) and the rest (the charts), for information.
(b) the tournament desk: 30 entries from the room, each in its own six-evening parties over
    ``party.SEEDS`` seeds, with the per-entry cache cleared first (a fresh room). Target 5 s.
(c) one ``simulate``: 40 guests x 120 minutes and 1,000 guests x 180 minutes. Median of 5.

Exits 1 if a target is missed.
"""

from __future__ import annotations

import importlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kit import party  # noqa: E402
from kit.party.tournament import _scores  # noqa: E402  (its cache, cleared before timing)

tm = importlib.import_module("kit.party.tournament")  # the module: kit.party.tournament is the function

REDRAWS = 15
SIMULATE_CASES = [  # (label, keyword arguments, target in ms)
    ("40 guests x 120 minutes", {"guests": 40, "minutes": 120}, 100),
    ("1,000 guests x 180 minutes", {"guests": 1000, "minutes": 180}, 200),
]


def verdict(label: str, value: float, target: float, unit: str) -> bool:
    ok = value <= target
    print(f"  {label:<44} {value:9.1f} {unit:<2}  target {target:5g} {unit:<2}  {'PASS' if ok else 'MISS'}")
    return ok


def median_ms(run, times: int) -> float:
    taken = []
    for i in range(times):
        start = time.perf_counter()
        run(i)
        taken.append((time.perf_counter() - start) * 1000)
    return statistics.median(taken)


def redraw() -> bool:
    from kit.ui.party import PartyExplorer

    print(f"(a) explorer redraw: {party.SEEDS}-party spread + one-draw map + 2 chart specs, median of {REDRAWS}")
    ex = PartyExplorer()
    ex.another()  # warm-up: the first swap of each chart
    total = median_ms(lambda _: ex.another(), REDRAWS)
    ok = verdict("40 guests, one evening (another party)", total, 100, "ms")

    def compute(_):
        ex.seed += party.SEEDS  # new parties, as in the redraws
        ex.compute()

    part = median_ms(compute, REDRAWS)
    print(
        f"  (information: over_seeds + simulate {part:.0f} ms; the rest, building both charts and "
        f"swapping them in, {total - part:.0f} ms)"
    )
    return ok


def room_entries(n: int):
    """n varied guests, as a room would send them (fixed, so every run times the same room)."""
    import numpy as np

    rng = np.random.default_rng(0)
    lines = ["persona, join_rate, talk_share, stay_minutes, claim, honesty"]
    for i in range(n):
        j, t, c, h = rng.uniform(0, 1, 4).round(2)
        lines.append(f"guest {i + 1}, {j}, {t}, {rng.integers(1, 31)}, {c}, {h}")
    return party.read_entries("\n".join(lines))


def tournament() -> bool:
    print(
        f"(b) tournament desk: 30 entries, {party.SEEDS} parties of {party.SEASON_EVENINGS} evenings each, "
        "cache cleared"
    )
    entries = room_entries(30)
    party.tournament(entries.head(1), seeds=2)  # warm-up: compiled model, nothing cached that counts
    _scores.cache_clear()
    kept, tm._CACHE = (
        tm._CACHE,
        Path(tempfile.mkdtemp()),
    )  # the default rows computed too, not read from kit warm's file
    try:
        start = time.perf_counter()
        board = party.tournament(entries)
        seconds = time.perf_counter() - start
    finally:
        tm._CACHE = kept
    assert board["is_entry"].sum() == 30 and board.attrs["parties"] == party.SEEDS
    return verdict("a room of 30 entries", seconds, 5, "s")


def simulate() -> bool:
    print("(c) one simulate, median of 5")
    ok = True
    for label, kwargs, target in SIMULATE_CASES:
        party.simulate(**kwargs)  # warm-up
        ok &= verdict(label, median_ms(lambda i, kw=kwargs: party.simulate(seed=i, **kw), 5), target, "ms")
    return ok


def main() -> int:
    party.simulate(guests=10, minutes=10)  # the compiled model, loaded (or compiled) once
    results = [redraw(), tournament(), simulate()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
