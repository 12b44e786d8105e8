"""Every learner notebook survives re-running any cell: after a full run, run each cell again,
last to first, in the same kernel (a learner scrolling back up and pressing Shift + Enter)."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

LEARNER = sorted((Path(__file__).resolve().parent.parent / "workshops").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.stem)
def test_every_cell_can_be_run_again(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=180, allow_errors=False,
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        cells = list(enumerate(nb.cells))
        for index, cell in cells:
            client.execute_cell(cell, index)
        for index, cell in reversed(cells):
            client.execute_cell(cell, index)  # raises CellExecutionError on any error
