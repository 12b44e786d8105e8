"""Coursework throughput: grading 30 submissions, and drawing 30 personal towns.

Run:  uv run python benchmarks/bench_coursework.py [--learners 30] [--jobs 2]

Reports, as ratios measured in this one run on this machine:

- **grading**: ``kit grade`` of N submissions of workshop 01 (every answer filled in with the
  reference's own cell), end to end: each notebook re-run in its bubblewrap sandbox, its answers
  judged outside it, the gradebook, feedback pages and summary written; against simply
  executing the same N notebooks with nbclient (same town each, same number at a time).
  Target ≤ 1.5×.
- **towns**: ``kit assign 01`` for N learners (each town generated and tried against every slip
  of the workshop's exercises, redrawn if one gives the right answer); against one
  ``kit data build`` (the command, in a fresh interpreter, into a temporary folder). Target ≤ 30×.
  The same against the generator alone, in process, for information.

Exits 1 if a target is missed; writes benchmarks/results/coursework.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GRADE_TARGET, TOWNS_TARGET = 1.5, 30.0


def data_build_command() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(ROOT / "datasets" / "scenario.toml", Path(tmp) / "scenario.toml")
        env = {**os.environ, "SEMINAR_KIT_DATA": tmp}
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kit", "data", "build"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
        )
        return time.perf_counter() - t0


def data_build_in_process() -> float:
    from kit.synth import build

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        build(out_dir=Path(tmp))
        return time.perf_counter() - t0


def solve(path: Path) -> None:
    """Fill every exercise of a handed-out 01 with the reference's own cell."""
    from kit.editions import notebook_solution

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and 'check("01.' in cell.source:
            ex = cell.source.split('check("', 1)[1].split('"', 1)[0]
            cell.source = notebook_solution(ex) or cell.source
    nbformat.write(nb, path)


def plain(paths: list[tuple[Path, Path]], jobs: int) -> float:
    """The same notebooks, each simply executed with nbclient on its learner's town."""
    from nbclient import NotebookClient

    from kit.kernels import AsyncIPCKernelManager

    def one(pair):
        nb_path, town = pair
        nb = nbformat.read(nb_path, as_version=4)
        env_nb = NotebookClient(
            nb,
            km=AsyncIPCKernelManager(
                kernel_name="python3", env={**os.environ, "SEMINAR_KIT_DATA": str(town), "KIT_WORKSPACE": ""}
            ),
            timeout=300,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(nb_path.parent)}},
        )
        env_nb.execute(cleanup_kc=True)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, paths))
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    from kit.coursework import assign, collect, grade, roster, sandbox

    n, results, ok = args.learners, {}, True
    work = Path(tempfile.mkdtemp(prefix="kit-bench-coursework-"))
    try:
        (work / "roster.csv").write_text(
            "learner,deadline\n" + "".join(f"l{k:02d},2099-01-01T00:00:00+00:00\n" for k in range(n))
        )
        learners = roster.read(work / "roster.csv")
        one_cmd = min(data_build_command() for _ in range(3))
        one_build = min(data_build_in_process() for _ in range(3))
        t0 = time.perf_counter()
        out = assign.assign("01", learners, work / "hw", assignment_id="bench", jobs=args.jobs, say=lambda _: None)
        towns = time.perf_counter() - t0
        ratio_towns = towns / one_cmd
        ok &= ratio_towns <= TOWNS_TARGET
        results["towns"] = {
            "learners": n,
            "seconds": towns,
            "data_build_command": one_cmd,
            "data_build_in_process": one_build,
            "ratio": ratio_towns,
            "ratio_in_process": towns / one_build,
        }
        print(f"{n} towns (kit assign 01)   {towns:7.2f} s")
        print(f"one kit data build           {one_cmd:7.2f} s (the command); {one_build:.2f} s (generator only)")
        print(
            f"  ratio {ratio_towns:5.1f} x  (target <= {TOWNS_TARGET:.0f} x: {'ok' if ratio_towns <= TOWNS_TARGET else 'MISSED'});"
            f" {towns / one_build:.1f} x the generator alone"
        )

        given = out / "for-learners"
        pairs = []
        for x in learners:
            path = given / x.id / "01-social-not-media.ipynb"
            solve(path)
            pairs.append((path, out / "instructor" / "towns" / x.id))
        collect.collect(out, given, say=lambda _: None)
        base = plain(pairs, args.jobs)
        t0 = time.perf_counter()
        grade.grade(out, jobs=args.jobs, say=lambda _: None)
        graded = time.perf_counter() - t0
        ratio = graded / base
        ok &= ratio <= GRADE_TARGET
        book = (out / "instructor" / "graded" / "gradebook.csv").read_text().splitlines()
        right = sum(line.split(",")[5] == "5" for line in book[1:])
        results["grading"] = {
            "submissions": n,
            "seconds": graded,
            "nbclient_seconds": base,
            "ratio": ratio,
            "all_right": right,
            "isolation": sandbox.isolation(),
            "jobs": args.jobs,
        }
        print(
            f"grade {n} submissions          {graded:7.2f} s  ({sandbox.isolation()}, {args.jobs} at a time;"
            f" {right} of {n} all right)"
        )
        print(f"nbclient, same {n} notebooks   {base:7.2f} s")
        print(f"  ratio {ratio:5.2f} x  (target <= {GRADE_TARGET} x: {'ok' if ratio <= GRADE_TARGET else 'MISSED'})")
        if right != n:
            print(
                "  a reference-solved submission was not graded all right: the benchmark is not measuring "
                "a working grader"
            )
            ok = False
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "results" / "coursework.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
