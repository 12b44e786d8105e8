"""Benchmark for kit.party.simulate and the workshop 03 explorer's redraw.

Run with ``uv run python benchmarks/bench_party.py``. Prints the best of 5
timings (after a warm-up run) against the targets and exits with status 1
if a target is missed.

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
    return 1 if missed else 0


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
