"""Benchmark for kit.party.simulate and the workshop 03 explorer's redraw.

Run with ``uv run python benchmarks/bench_party.py``. Prints the best of 5
timings (after a warm-up run) against the targets and exits with status 1
if a target is missed.

The tournament lines time what the room waits for in part 4: one designed guest (the guest
designer's redraw) and a room of 30 entries (the tournament desk), each over the default five
parties of a six-evening season.

The redraw is what one slider change costs in the live explorer: simulate the
party, build both Altair charts and hand them to their ``JupyterChart``s
(which turns each into a validated Vega-Lite spec). It calls the callback
(:meth:`kit.ui.party.PartyExplorer.redraw`) directly; no browser is involved,
so the time the browser takes to draw the new spec is not included.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kit import party  # noqa: E402

CASES = [
    # (label, keyword arguments, target in seconds)
    ("1,000 guests x 180 minutes", {"guests": 1000, "minutes": 180}, 0.2),
    ("40 guests x 90 minutes", {"guests": 40, "minutes": 90}, 0.1),
]
REPEATS = 5
# the explorer: (label, evenings, target in seconds or None for information only)
REDRAW_CASES = [
    ("40 guests, 1 evening (default)", 1, 0.1),
    ("40 guests, 3 evenings", 3, None),
    ("40 guests, 6 evenings", 6, None),
]


def best_time(kwargs: dict, repeats: int = REPEATS) -> float:
    party.simulate(**kwargs)  # warm-up
    times = []
    for seed in range(repeats):
        start = time.perf_counter()
        party.simulate(seed=seed, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    missed = 0
    print(f"kit.party.simulate, best of {REPEATS} after a warm-up")
    for label, kwargs, target in CASES:
        best = best_time(kwargs)
        ok = best <= target
        missed += not ok
        print(f"  {label:<28} {best * 1000:8.1f} ms   target {target * 1000:6.0f} ms   "
              f"{'ok' if ok else 'MISSED'}")
    # not a target, for information: the lazily built conversations table
    r = party.simulate(guests=1000, minutes=180)
    start = time.perf_counter()
    n = len(r.conversations)
    print(f"  (conversations table for 1,000 x 180: {n} rows built lazily in "
          f"{(time.perf_counter() - start) * 1000:.0f} ms)")
    missed += redraw()
    missed += tournaments()
    return 1 if missed else 0


def room_entries(n: int):
    """n varied guests, as a room would send them (fixed, so every run times the same room)."""
    import numpy as np

    rng = np.random.default_rng(0)
    lines = ["persona, join_rate, talk_share, stay_minutes, claim, honesty"]
    for i in range(n):
        j, t, c, h = rng.uniform(0, 1, 4).round(2)
        lines.append(f"guest {i + 1}, {j}, {t}, {rng.integers(1, 31)}, {c}, {h}")
    return party.read_entries("\n".join(lines))


# (label, entries, target in seconds)
TOURNAMENT_CASES = [
    ("one designed guest (designer)", lambda: party.guest_entry("mine", 0.3, 0.4, 10), 1.0),
    ("a room of 30 entries (desk)", lambda: room_entries(30), 2.0),
]


def tournaments() -> int:
    missed = 0
    print(f"tournament ({len(party.TOURNAMENT_SEEDS)} parties of {party.SEASON_EVENINGS} evenings), "
          f"best of 3")
    for label, make, target in TOURNAMENT_CASES:
        entries = make()
        times = []
        for _ in range(3):
            start = time.perf_counter()
            party.tournament(entries)
            times.append(time.perf_counter() - start)
        best = min(times)
        ok = best <= target
        missed += not ok
        print(f"  {label:<32} {best * 1000:8.1f} ms   target {target * 1000:6.0f} ms   "
              f"{'ok' if ok else 'MISSED'}")
    return missed


def redraw() -> int:
    """Time the explorer's redraw callback after a change, best of REPEATS."""
    from kit.ui.party import PartyExplorer

    missed = 0
    print(f"workshop 03 explorer redraw (simulate + 2 chart specs), best of {REPEATS}")
    explorer = PartyExplorer()
    for label, evenings, target in REDRAW_CASES:
        explorer.evenings.value = evenings  # a slider change: runs the callback once (warm-up)
        times = []
        for _ in range(REPEATS):
            explorer.seed += 1  # a different party each time, as the "another party" button does
            start = time.perf_counter()
            explorer.redraw()
            times.append(time.perf_counter() - start)
        best = min(times)
        if target is None:
            verdict, goal = "(information)", "      -"
        else:
            ok = best <= target
            missed += not ok
            verdict, goal = ("ok" if ok else "MISSED"), f"{target * 1000:6.0f} ms"
        print(f"  {label:<32} {best * 1000:8.1f} ms   target {goal}   {verdict}")
    return missed


if __name__ == "__main__":
    sys.exit(main())
