"""Every test run (tests/, doctests in kit/, nbval on workshops/) runs outside any learner workspace.

Even when pytest is started from a terminal inside `kit lab`, nothing it runs (nbval kernels
included) may log into the learner's workspace or read the workspace's scenario.
"""

import os

os.environ["KIT_WORKSPACE"] = ""


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
    out, last_of = [], {}
    for i, item in enumerate(items):
        if isinstance(item, IPyNbCell) and Path(str(item.parent.fspath)).parent == learner_dir:
            last_of[item.parent] = i
    for i, item in enumerate(items):
        out.append(item)
        parent = getattr(item, "parent", None)
        if isinstance(parent, IPyNbFile) and last_of.get(parent) == i:
            cells = [it for it in items if it.parent is parent and isinstance(it, IPyNbCell)]
            for cell_item in reversed(cells):
                options = defaultdict(bool, check=False)
                out.append(IPyNbCell.from_parent(parent, name=f"Rerun cell {cell_item.cell_num}",
                                                 cell_num=cell_item.cell_num, cell=cell_item.cell,
                                                 options=options))
    items[:] = out
