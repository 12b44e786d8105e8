"""Speed of the kit, measured the way a seminar feels it.

Run:  uv run python benchmarks/bench_kit.py [--repeat N]

Reports, with targets:
- each learner notebook's execution time (a fresh kernel, top to bottom) against the *floor*:
  a fresh kernel that only imports what the notebooks import (pandas, altair, ipywidgets,
  numpy). Target: each notebook ≤ 2 × the floor.
- ``import kit`` (and a topic module) against ``import pandas``, in fresh interpreters.
- ``kit data build`` into a temporary folder. Target: ≤ 3 s.

Medians of --repeat runs. Exits 1 if a target is missed; writes benchmarks/results/kit.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
FLOOR_IMPORTS = "import pandas, numpy, altair, ipywidgets"


def _median(fn, repeat):
    return statistics.median(fn() for _ in range(repeat))


def floor_time() -> float:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_IMPORTS)])
    t = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return time.perf_counter() - t


def notebook_time(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    t = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=300,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - t


def import_time(stmt: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", stmt], check=True)
    return time.perf_counter() - t


def build_time() -> float:
    from kit.synth import build

    with tempfile.TemporaryDirectory() as tmp:
        return build(out_dir=Path(tmp))["seconds"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    r = args.repeat
    results, ok = {}, True

    bare = _median(lambda: import_time("pass"), r)
    pandas_t = _median(lambda: import_time("import pandas"), r)
    kit_t = _median(lambda: import_time("import kit"), r)
    topic_t = _median(lambda: import_time("import kit.social"), r)
    results["imports"] = {"python": bare, "pandas": pandas_t, "kit": kit_t, "kit.social": topic_t}
    print(f"import pandas      {pandas_t - bare:6.3f} s (interpreter start {bare:.3f} s excluded)")
    print(f"import kit         {kit_t - bare:6.3f} s  ({(kit_t - bare) / (pandas_t - bare):.2f} x pandas)")
    print(f"import kit.social  {topic_t - bare:6.3f} s  ({(topic_t - bare) / (pandas_t - bare):.2f} x pandas)")

    b = _median(build_time, r)
    results["data_build"] = b
    ok &= b <= 3.0
    print(f"kit data build     {b:6.3f} s  (target ≤ 3 s: {'ok' if b <= 3 else 'MISSED'})")

    floor = _median(floor_time, r)
    results["floor"] = floor
    print(f"floor              {floor:6.3f} s  (fresh kernel + {FLOOR_IMPORTS})")
    results["notebooks"] = {}
    from kit.workshops import WORKSHOPS

    for path in [w.learner_path() for w in WORKSHOPS]:  # the manifest's learner editions
        t = _median(lambda path=path: notebook_time(path), r)
        ratio = t / floor
        ok &= ratio <= 2.0
        results["notebooks"][path.name] = {"seconds": t, "ratio": ratio}
        print(f"{path.name:<34} {t:6.3f} s  {ratio:4.2f} x floor (target ≤ 2: {'ok' if ratio <= 2 else 'MISSED'})")

    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kit.json").write_text(json.dumps(results, indent=2))
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
