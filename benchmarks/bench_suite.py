"""How long ``uv run pytest`` takes, whole and as issue 8 scoped it.

Run:  uv run python benchmarks/bench_suite.py [--only whole|scope]

Issue 8 asked for the suite of its day (workshops 00-03: every test, both editions, the browser)
to finish in 120 s on a 2-core machine once the environment exists, and for the harness to keep
the whole kit under 3 minutes as later issues add to it. This runs both, one after the other:

- **whole**: ``uv run pytest``, everything. Target: under 180 s.
- **scope**: the test files of issue 8's day (those in ``tests/`` when its manifest landed, plus
  the four it added), every doctest in ``kit/``, and both editions of workshops 00-03. Target:
  120 s. It over-counts: those files now also test workshops 04-06 wherever they are parametrised
  over the manifest, and the doctests include the modules later issues added.

For each: wall seconds, and the machine's busy and idle core-seconds from ``/proc/stat`` (more
than ``time`` reports: the hub, the learners' servers and their kernels are nobody's children).
Run it twice and read the second: a change to ``kit/`` makes the first run rebuild caches (the
site runs every notebook again). Exits 1 if a target is missed; writes
benchmarks/results/suite.json, and each run's pytest output beside it (suite-whole.log, ...).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ISSUE_8_FILES = [  # tests/ when issue 8's manifest landed (8c828c7), then the files issue 8 added
    *"browser charts check_fuzz cli consistency corpus data datasets discrimination editions".split(),
    *"exercises followers namespace party scenario social workshops workspace".split(),
    *"lint parts kernels party_ui".split(),
]
ISSUE_8_WORKSHOPS = ("00", "01", "02", "03")

RUNS = {
    "whole": ([], 180.0),
    "scope": (
        [f"tests/test_{name}.py" for name in ISSUE_8_FILES]
        + ["kit"]
        + sorted(
            str(p.relative_to(ROOT))
            for p in [*(ROOT / "workshops").glob("*.ipynb"), *(ROOT / "workshops" / "instructor").glob("*.ipynb")]
            if p.name[:2] in ISSUE_8_WORKSHOPS
        ),
        120.0,
    ),
}


def _cpu() -> tuple[float, float]:
    """(busy, idle) core-seconds since boot, from the first line of /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq = fields[:7]
    hz = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / hz, (idle + iowait) / hz


def run(paths: list[str], log: Path) -> dict:
    busy0, idle0 = _cpu()
    t = time.perf_counter()
    done = subprocess.run(["uv", "run", "pytest", "-q", *paths], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t
    busy1, idle1 = _cpu()
    log.write_text(done.stdout + done.stderr)
    lines = done.stdout.strip().splitlines() or [""]
    failed = [ln for ln in lines if ln.startswith(("FAILED", "ERROR"))]
    return {
        "wall": wall,
        "busy": busy1 - busy0,
        "idle": idle1 - idle0,
        "rc": done.returncode,
        "summary": lines[-1],
        "failed": failed,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=sorted(RUNS), help="run just one of the two")
    args = ap.parse_args()
    missing = [p for p in RUNS["scope"][0] if not (ROOT / p).exists()]
    if missing:
        print(f"not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    results, ok = {}, True
    for name, (paths, target) in RUNS.items():
        if args.only and name != args.only:
            continue
        r = results[name] = run(paths, out / f"suite-{name}.log")
        met = r["rc"] == 0 and r["wall"] <= target
        ok &= met
        print(
            f"{name:<6} {r['wall']:6.1f} s  (target ≤ {target:.0f} s: {'ok' if met else 'MISSED'}); "
            f"busy {r['busy']:.0f} core-s, idle {r['idle']:.0f}; {r['summary']}"
        )
        for line in r["failed"]:
            print("   ", line)
    (out / "suite.json").write_text(json.dumps(results, indent=2))
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
