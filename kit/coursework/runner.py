"""What runs inside the grading sandbox: one submission, top to bottom, in a fresh kernel.

``python -m kit.coursework.runner NOTEBOOK RESULT`` (started by :mod:`kit.coursework.sandbox`):

* drops to the sandbox's own user id and sets the resource limits first (``--uid``, ``--limits``),
  so nothing the notebook does can raise them again;
* clears every stored output (they are never trusted) and runs each code cell with a time limit
  (a cell that runs over is interrupted and the next one runs); a cell's output beyond
  :data:`MAX_OUTPUT` characters is dropped, never kept in memory;
* ``check()`` in the kernel writes each answer to ``KIT_GRADING`` (:mod:`kit.exercises.mode`);
* writes ``RESULT``: plain JSON of how the cells went (ran, errors, timeouts, whether the kernel
  died). Nothing here judges an answer: that happens outside the sandbox.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

__all__ = ["main", "MAX_OUTPUT"]

MAX_OUTPUT = 200_000  # characters of output kept per cell (the grader reads none of it)


def _drop(uid: int) -> None:
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _limit(limits: dict) -> None:
    for name, value in limits.items():
        which = getattr(resource, name)
        resource.setrlimit(which, (int(value), int(value)))


def _client(nb, cell_timeout: int):
    from nbclient import NotebookClient

    from ..kernels import AsyncIPCKernelManager

    class Capped(NotebookClient):
        """Keeps at most MAX_OUTPUT characters of each cell's output."""

        def output(self, outs, msg, display_id, cell_index):
            size = self._kept.get(cell_index, 0)
            if size > MAX_OUTPUT:
                self._dropped.add(cell_index)
                return None
            self._kept[cell_index] = size + len(json.dumps(msg.get("content", {}), default=str)[: MAX_OUTPUT + 1])
            return super().output(outs, msg, display_id, cell_index)

    client = Capped(
        nb,
        km=AsyncIPCKernelManager(kernel_name="python3"),
        timeout=cell_timeout,
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        record_timing=False,
        store_widget_state=False,
        startup_timeout=120,
        resources={"metadata": {"path": os.getcwd()}},
    )
    client._kept, client._dropped = {}, set()
    return client


def run(path: str, cell_timeout: int) -> dict:
    import nbformat
    from nbclient.exceptions import DeadKernelError

    started = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    client = _client(nb, cell_timeout)
    report = {
        "cells": sum(c.cell_type == "code" and bool(c.source.strip()) for c in nb.cells),
        "ran": 0,
        "errors": [],
        "timeouts": [],
        "dropped_output": [],
        "stopped": "",
    }
    began: dict[int, float] = {}

    def execute(cell, cell_index, **_):
        began[cell_index] = time.monotonic()

    took: dict[int, float] = {}

    def executed(cell, cell_index, **_):
        report["ran"] += 1
        took[cell_index + 1] = time.monotonic() - began.get(cell_index, time.monotonic())
        if took[cell_index + 1] >= cell_timeout:
            report["timeouts"].append(cell_index + 1)
        for o in cell.outputs:
            if o.get("output_type") == "error":
                report["errors"].append(
                    {"cell": cell_index + 1, "error": f"{o.get('ename', '')}: {str(o.get('evalue', ''))[:200]}"}
                )
        cell.outputs = []  # nothing kept: the grader reads answers, not outputs

    client.on_cell_execute, client.on_cell_executed = execute, executed
    try:
        client.execute(cleanup_kc=True)
    except DeadKernelError:
        at = max(began) + 1 if began else 0
        report["stopped"] = f"the kernel died in cell {at} (out of memory, or it exited)"
    report["dropped_output"] = sorted(c + 1 for c in client._dropped)
    report["seconds"] = round(time.monotonic() - started, 2)
    report["cells_seconds"] = round(sum(took.values()), 2)
    report["slowest"] = [[c, round(t, 2)] for c, t in sorted(took.items(), key=lambda ct: -ct[1])[:3]]
    return report


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m kit.coursework.runner")
    p.add_argument("notebook")
    p.add_argument("result")
    p.add_argument("--cell-timeout", type=int, default=60)
    p.add_argument("--uid", type=int, default=-1)
    p.add_argument("--limits", default="{}")
    args = p.parse_args(argv)
    if args.uid >= 0:
        _drop(args.uid)
    _limit(json.loads(args.limits))
    try:
        report = run(args.notebook, args.cell_timeout)
    except Exception as e:  # noqa: BLE001 - an unreadable notebook, a kernel that would not start
        report = {
            "cells": 0,
            "ran": 0,
            "errors": [],
            "timeouts": [],
            "dropped_output": [],
            "stopped": f"{type(e).__name__}: {str(e)[:300]}",
        }
    with open(args.result, "w", encoding="utf-8") as f:
        json.dump(report, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
