"""The Mesa yardstick: how much faster is the kit's party than a per-agent Mesa model?

Run with ``uv run --group bench python benchmarks/bench_mesa.py`` (``--quick`` for a smaller
run). The ``bench`` dependency group brings Mesa; the tests never install it.

``mesa_party.py`` writes the cocktail party per agent in Mesa 3, the way an agent-based
modeller would, and ``frozen_party.py`` keeps the kit's ``simulate`` as it was at commit
87cba18. In one run this prints:

1. the outcomes of the two side by side (per persona, the mean over many seeds of
   people_met, remembered_by, liked_by, trusted_by and the share exposed, and the share of
   pairs who talked that remember each other, at 40 guests x 120 minutes), each with a
   verdict: ``yes`` within 2 standard errors or 10 %, ``close`` within 4 standard errors,
   ``NO`` beyond. The random streams differ, so they agree statistically, not bit for bit;
2. the yardstick: Mesa's time over the frozen model's at 40 x 120 and 1,000 x 180, which the
   issue puts at about 1-1.6x and 8-10x, so anyone can see that the baseline is fair;
3. the target: Mesa's time over today's ``kit.party.simulate`` at both sizes, which should
   be at least 20x.

Times are medians of repeats that interleave the three models seed by seed, so a busy
machine slows them alike. Exit status: 1 if the outcomes clearly disagree (a ``NO``), else
2 if a target is missed, else 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the kit
sys.path.insert(0, str(HERE))

import frozen_party  # noqa: E402
import mesa  # noqa: E402
import mesa_party  # noqa: E402

MEASURES = ("people_met", "remembered_by", "liked_by", "trusted_by", "exposed")
# (guests, minutes, Mesa / frozen as the issue measured it, repeats, repeats with --quick)
SIZES = [(40, 120, (1.0, 1.6), 25, 5), (1000, 180, (8.0, 10.0), 7, 2)]
TARGET = 20.0  # the kit's party at least this many times faster than Mesa


def outcome_stats(guests: pd.DataFrame, ties: pd.DataFrame) -> pd.Series:
    """One party's per-persona means, and the share of pairs who talked that remember each other."""
    means = guests.groupby("persona", observed=True)[list(MEASURES)].mean().astype(float).stack()
    pairs = pd.Series([ties["knows"].mean()], index=pd.MultiIndex.from_tuples([("(pairs met)", "remembered")]))
    return pd.concat([means, pairs])


def compare(seeds: int, guests: int = 40, minutes: int = 120) -> pd.DataFrame:
    """Mean and standard error over seeds of every outcome, Mesa beside frozen, with a verdict."""
    mesa_runs = pd.DataFrame([outcome_stats(*mesa_party.simulate(guests, minutes, seed=s)) for s in range(seeds)])
    frozen = (frozen_party.simulate(guests=guests, minutes=minutes, seed=s) for s in range(seeds))
    frozen_runs = pd.DataFrame([outcome_stats(r.guests, r.ties) for r in frozen])
    table = pd.DataFrame({"mesa": mesa_runs.mean(), "frozen": frozen_runs.mean()})
    table["diff"] = table["mesa"] - table["frozen"]
    table["se"] = np.sqrt(mesa_runs.var() / seeds + frozen_runs.var() / seeds)
    gap = table["diff"].abs()
    within = (gap <= 2 * table["se"] + 1e-12) | (gap <= 0.1 * table[["mesa", "frozen"]].abs().max(axis=1))
    table["agree"] = np.where(within, "yes", np.where(gap <= 4 * table["se"], "close", "NO"))
    rows = [(p, m) for p in frozen_party.DEFAULT_PERSONAS.index for m in MEASURES] + [("(pairs met)", "remembered")]
    return table.loc[[key for key in rows if key in table.index]]


def timings(current, repeats: int, guests: int, minutes: int) -> dict[str, float]:
    """Median seconds per run of each model, the runs interleaved seed by seed."""
    models = {
        "mesa": lambda s: mesa_party.simulate(guests, minutes, seed=s),
        "frozen": lambda s: frozen_party.simulate(guests=guests, minutes=minutes, seed=s),
    }
    if current is not None:
        models["current"] = lambda s: current.simulate(guests=guests, minutes=minutes, evenings=1, seed=s)
    times = {name: [] for name in models}
    for s in range(repeats):
        for name, run in models.items():
            start = time.perf_counter()
            run(s)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer seeds and repeats")
    args = parser.parse_args(argv)
    seeds = 20 if args.quick else 40
    began = time.perf_counter()
    try:
        from kit import party as current

        current_error = None
    except Exception as e:  # the kit's model is being rewritten: report it, do not hide the yardstick
        current, current_error = None, f"{type(e).__name__}: {e}"
    print(
        f"Mesa {mesa.__version__}, NumPy {np.__version__}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start"
    )

    print(
        f"\n1. Outcomes at 40 guests x 120 minutes, one evening: mean over {seeds} seeds (agree: within 2 SE or 10 %)"
    )
    table = compare(seeds)
    print(f"  {'persona':<18} {'measure':<14} {'mesa':>8} {'frozen':>8} {'diff':>8} {'2 SE':>7}  agree")
    for (persona, measure), row in table.iterrows():
        print(
            f"  {persona:<18} {measure:<14} {row.mesa:8.3f} {row.frozen:8.3f} {row['diff']:+8.3f} "
            f"{2 * row.se:7.3f}  {row.agree}"
        )
    verdicts = table["agree"].value_counts()
    disagree = int(verdicts.get("NO", 0))
    print(f"  {int(verdicts.get('yes', 0))} agree, {int(verdicts.get('close', 0))} close, {disagree} disagree")

    print("\n2. The yardstick (Mesa / frozen) and 3. the target (Mesa / kit.party.simulate), median times")
    if current is None:
        print(f"  kit.party could not be imported ({current_error}): the target is not measured")
    timings(current, 1, 40, 30)  # a warm-up: first-call costs out of the way
    missed = 0
    for guests, minutes, (low, high), repeats, quick_repeats in SIZES:
        n = quick_repeats if args.quick else repeats
        t = timings(current, n, guests, minutes)
        label = f"{guests:,} x {minutes} ({n} run{'s' * (n > 1)})"
        ratio = t["mesa"] / t["frozen"]
        fair = "in range" if low <= ratio <= high else "outside it"
        print(
            f"  {label:<22} mesa   {t['mesa'] * 1000:7.1f} ms   frozen {t['frozen'] * 1000:6.1f} ms   "
            f"Mesa / frozen {ratio:5.2f}x   (issue: about {low:g}-{high:g}x, {fair})"
        )
        if "current" in t:
            speedup = t["mesa"] / t["current"]
            ok = speedup >= TARGET
            print(
                f"  {'':<22} {'':<20}kit    {t['current'] * 1000:6.1f} ms   "
                f"Mesa / kit    {speedup:5.2f}x   target >= {TARGET:g}x   {'PASS' if ok else 'MISS'}"
            )
        else:
            ok = False
            print(f"  {'':<22} Mesa / kit not measured   target >= {TARGET:g}x   MISS")
        missed += not ok
    print(
        f"\n{time.perf_counter() - began:.0f} s in all; load average {os.getloadavg()[0]:.1f} at the end "
        "(other work on the machine slows the models unevenly: rerun when it is busy)"
    )
    if disagree:
        print("The Mesa baseline and the frozen model disagree: the yardstick is not valid.")
        return 1
    return 2 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
