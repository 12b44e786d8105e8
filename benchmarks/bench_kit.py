"""Speed of the kit, measured the way a seminar feels it.

Run:  uv run python benchmarks/bench_kit.py [--repeat N] [--only 02 03]

Reports, with targets:
- each learner notebook's execution time (a fresh kernel, top to bottom) against its *floor*:
  a fresh kernel that imports every module the notebook ended up importing (found by running
  it), and nothing else; so the floor pays for the same libraries (Altair, and Numba for 03) and
  the ratio measures the work. Target: each notebook ≤ 1.5 × its floor. For information, the
  ratio against the same imports run as as many cells as the notebook has (the rest ``pass``):
  Jupyter's own round trip per cell, ~2.5 ms here, is part of the first ratio, not of the second.
- ``import kit`` (and a topic module) against ``import pandas``, in fresh interpreters.
- ``kit data build`` into a temporary folder. Target: ≤ 3 s.
- workshop 02's follower tables generated, and its funnel simulated 100,000 times for 100,000
  followers. Target: each ≤ 1 s.

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
TARGET = 1.5  # each notebook within this many times its floor


def _median(fn, repeat):
    return statistics.median(fn() for _ in range(repeat))


_MODULES = "import sys, json; print(json.dumps({k: v is None for k, v in sys.modules.items()}))"


def _client(nb, path: Path, timeout: int) -> NotebookClient:
    from kit.kernels import IPCKernelManager

    return NotebookClient(
        nb,
        km=IPCKernelManager(kernel_name="python3"),
        timeout=timeout,
        resources={"metadata": {"path": str(path.parent)}},
    )


def _modules(nb, path: Path) -> dict:
    """{module name: blocked on purpose} for every module in the kernel after running ``nb``."""
    nb.cells.append(nbformat.v4.new_code_cell(_MODULES))
    _client(nb, path, 300).execute(cleanup_kc=True)
    return json.loads(nb.cells[-1].outputs[0]["text"])


def floor_imports(path: Path) -> str:
    """An import cell for every module the notebook imports beyond a fresh kernel's own."""
    fresh = _modules(nbformat.v4.new_notebook(), path)
    used = _modules(nbformat.read(path, as_version=4), path)
    extra = sorted(k for k in used if k not in fresh and not k.startswith("__"))
    blocked = [k for k in extra if used[k]]  # kit.ui skips an optional Altair import this way
    wanted = [k for k in extra if not used[k]]
    return (
        f"import importlib, sys\nfor name in {blocked!r}: sys.modules.setdefault(name, None)\n"
        f"for name in {wanted!r}:\n    try: importlib.import_module(name)\n    except Exception: pass"
    )


def floor_time(path: Path, imports: str, cells: int = 1) -> float:
    """The floor: a fresh kernel running ``imports``; with ``cells`` > 1, that many cells in all
    (the rest ``pass``), to show how much of a notebook's time is Jupyter's per-cell round trip."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(imports)] + [nbformat.v4.new_code_cell("pass") for _ in range(cells - 1)]
    )
    return _timed(_client(nb, path, 120))


def notebook_time(path: Path) -> float:
    return _timed(_client(nbformat.read(path, as_version=4), path, 300))


def _timed(client: NotebookClient) -> float:
    """Seconds from a fresh kernel's start to the last cell's end; the kernel is shut down after
    the clock stops (nbclient leaves a kernel it was handed running, and the idle ones piled up)."""
    t = time.perf_counter()
    client.execute()
    took = time.perf_counter() - t
    client.km.shutdown_kernel(now=True)
    return took


def import_time(stmt: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", stmt], check=True)
    return time.perf_counter() - t


def followers_time() -> float:
    """Workshop 02's generator alone (kit.synth.followers), on the bundled scenario."""
    from kit.scenario import load_scenario
    from kit.synth import followers

    s = load_scenario()
    t = time.perf_counter()
    followers.generate(s)
    return time.perf_counter() - t


def funnel_time() -> float:
    """02's funnel simulation at its largest: 100,000 runs of 100,000 followers."""
    from kit.followers import simulate_funnel

    t = time.perf_counter()
    simulate_funnel(100_000, {"know": 0.7, "like": 0.75, "trust": 0.2}, runs=100_000)
    return time.perf_counter() - t


def build_time() -> float:
    from kit.synth import build

    with tempfile.TemporaryDirectory() as tmp:
        return build(out_dir=Path(tmp))["seconds"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--only",
        nargs="*",
        metavar="NN",
        help="measure only these workshops' notebooks (e.g. 02 03), skipping the rest",
    )
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

    followers_t, funnel_t = _median(followers_time, r), _median(funnel_time, r)
    results["followers_generate"], results["funnel_100k_by_100k"] = followers_t, funnel_t
    ok &= followers_t <= 1.0 and funnel_t <= 1.0
    print(f"02's follower tables {followers_t:6.3f} s  (target ≤ 1 s: {'ok' if followers_t <= 1 else 'MISSED'})")
    print(
        f"02's funnel, 100,000 runs of 100,000 followers {funnel_t:6.3f} s  "
        f"(target ≤ 1 s: {'ok' if funnel_t <= 1 else 'MISSED'})"
    )

    b = _median(build_time, r)
    results["data_build"] = b
    ok &= b <= 3.0
    print(f"kit data build     {b:6.3f} s  (target ≤ 3 s: {'ok' if b <= 3 else 'MISSED'})")

    results["notebooks"] = {}
    from kit.workshops import WORKSHOPS

    chosen = [w for w in WORKSHOPS if not args.only or w.number in args.only]
    for path in [w.learner_path() for w in chosen]:  # the manifest's learner editions
        # floor and notebook interleaved, so a noisy spell hits both
        imports = floor_imports(path)
        n_cells = sum(c.cell_type == "code" and bool(c.source.strip()) for c in nbformat.read(path, as_version=4).cells)
        runs = [(floor_time(path, imports), floor_time(path, imports, n_cells), notebook_time(path)) for _ in range(r)]
        floor, cells_floor, t = (statistics.median(run[i] for run in runs) for i in range(3))
        ratio = t / floor
        ok &= ratio <= TARGET
        results["notebooks"][path.name] = {
            "seconds": t,
            "floor": floor,
            "ratio": ratio,
            "cells": n_cells,
            "floor_same_cells": cells_floor,
            "ratio_same_cells": t / cells_floor,
            "runs": [dict(zip(("floor", "floor_same_cells", "seconds"), run)) for run in runs],  # to see the spread
        }
        print(
            f"{path.name:<34} {t:6.3f} s  floor {floor:5.3f} s  {ratio:4.2f} x "
            f"(target ≤ {TARGET}: {'ok' if ratio <= TARGET else 'MISSED'}); "
            f"{t / cells_floor:4.2f} x a floor of {n_cells} cells (information)"
        )

    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kit.json").write_text(json.dumps(results, indent=2))
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
