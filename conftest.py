"""Every test run (tests/, doctests in kit/, nbval on workshops/) runs outside any learner workspace.

Even when pytest is started from a terminal inside `kit lab`, nothing it runs (nbval kernels
included) may log into the learner's workspace or read the workspace's scenario.
"""

import os
from pathlib import Path

os.environ["KIT_WORKSPACE"] = ""


def pytest_configure(config):
    """nbval's kernels talk over Unix sockets (see kit/kernels.py): with TCP, two workers starting
    kernels at the same moment can pick the same free port, and one kernel dies.

    The party model is compiled (or loaded from Numba's cache) once, in the main process before
    any worker starts, so workers and notebook kernels never compile it side by side.
    """
    if not hasattr(config, "workerinput"):  # the main process (or a run without xdist)
        from kit.party import warm

        if warm():
            print("\nCompiled the party model (kit/party/model.py) once for this machine.")
    try:
        import nbval.kernel
    except ImportError:
        return
    from kit.kernels import IPCKernelManager

    nbval.kernel.KernelManager = IPCKernelManager


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: three workers per two cores (at least 2, at most 8). Part of the run waits
    (servers starting, sandboxes, Chromium), so one worker per core leaves cores idle; but the
    run is CPU-bound, and every extra worker collects every test again and adds contention.
    Measured on these 2-core machines, the same tree, run after run (2026-12-07, wall time and
    the machine's busy core-seconds from /proc/stat): 2 workers 145 s (260 core-s, 33 idle);
    3 workers 129-143 s, mean 139 (256-284 core-s); 4 workers 141-148 s, mean 145 (283-297).
    (On 2026-12-03, on an older tree, 4 had beaten 3: 174 against 181 s.)"""
    cores = os.cpu_count() or 1
    return min(8, max(2, 3 * cores // 2))


def pytest_collection_modifyitems(session, config, items):
    """Every learner notebook survives re-running any cell, tested in nbval's own kernel.

    After nbval has run a learner edition top to bottom, each of its code cells runs once more,
    last to first, in the same kernel (a learner scrolling back up and pressing Shift + Enter),
    as items named ``Rerun cell N``; any error fails the item. Outputs are not compared: nbval
    already compared them on the first pass. Doing it in nbval's kernel costs no second kernel or
    second full run of the notebook.
    """
    from collections import defaultdict
    from pathlib import Path

    try:
        from nbval.plugin import IPyNbCell, IPyNbFile
    except ImportError:  # nbval not loaded: nothing to add
        return
    learner_dir = Path(__file__).resolve().parent / "workshops"
    cells_of: dict = {}  # each learner edition's cells, in order; its last one ends the forward run
    for item in items:
        if isinstance(item, IPyNbCell) and Path(str(item.parent.fspath)).parent == learner_dir:
            cells_of.setdefault(item.parent, []).append(item)
    out = []
    for item in items:
        out.append(item)
        parent = getattr(item, "parent", None)
        if isinstance(parent, IPyNbFile) and cells_of.get(parent, [None])[-1] is item:
            for cell_item in reversed(cells_of[parent]):
                options = defaultdict(bool, check=False)
                out.append(
                    IPyNbCell.from_parent(
                        parent,
                        name=f"Rerun cell {cell_item.cell_num}",
                        cell_num=cell_item.cell_num,
                        cell=cell_item.cell,
                        options=options,
                    )
                )
    items[:] = _slowest_files_first(out)


# Files that take longest (seconds on one of 4 workers in full runs, measured 2026-12-07: room
# 99-111, coursework 62-68, browser 57-63, discrimination 51-55, site 31-34 (72 after a change to
# kit/, when it runs every notebook again), present 24-32, deploy 23-28, datasets 15-17, corpus
# 12-16, exercises 12-20). pytest-xdist's loadfile hands out files in collection order (with
# --no-loadscope-reorder; by default it hands out the files with the most tests first, and the
# room began at minute 1.5, the browser at minute 3); starting the longest first keeps a long
# file from beginning last and leaving the other workers idle at the end
# (longest-processing-time-first).
SLOWEST_FIRST = (
    "tests/test_room.py",
    "tests/test_coursework.py",
    "tests/test_browser.py",
    "tests/test_discrimination.py",
    "tests/test_site.py",
    "tests/test_deploy.py",
    "tests/test_present.py",
    "tests/test_datasets.py",
    "tests/test_corpus.py",
    "tests/test_exercises.py",
)


def _slowest_files_first(items):
    from pathlib import Path

    root = Path(__file__).resolve().parent
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}

    def key(item):
        try:
            rel = Path(str(item.fspath)).resolve().relative_to(root).as_posix()
        except ValueError:
            rel = ""
        return rank.get(rel, len(rank))

    return sorted(items, key=key)  # stable: within a file, and among the rest, the order stays


_KIT = Path(__file__).resolve().parent / "kit"


def pytest_ignore_collect(collection_path, config):
    """``--doctest-modules`` imports every module of ``kit/`` in every worker to look for examples;
    a module with none (``>>>`` nowhere in it) is left to the tests that import it. Importing
    ``kit.room.auth`` alone loads JupyterHub (~0.6 s a worker)."""
    path = Path(collection_path)
    if path.suffix != ".py" or _KIT not in path.parents:
        return None
    try:
        return None if ">>>" in path.read_text(encoding="utf-8") else True
    except OSError:
        return None
