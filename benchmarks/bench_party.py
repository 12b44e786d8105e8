"""Benchmark for kit.party.simulate.

Run with ``uv run python benchmarks/bench_party.py``. Prints the best of 5
timings (after a warm-up run) against the targets and exits with status 1
if a target is missed.
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
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
