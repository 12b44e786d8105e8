"""benchmarks/bench_room.py's arithmetic (no hub): percentiles, the 0.1 s floor of the ratio, the
per-cell table, the targets, and the steps a notebook becomes (widget actions after 03's explorers)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_room", ROOT / "benchmarks" / "bench_room.py")
bench = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = bench  # its dataclasses look their module up
spec.loader.exec_module(bench)


def test_percentiles_interpolate_between_ranks_like_numpy():
    assert bench.percentile([3, 1, 2, 4], 50) == 2.5
    assert bench.percentile(range(1, 31), 95) == pytest.approx(1 + 29 * 0.95)
    assert bench.percentile([7], 95) == 7.0
    assert math.isnan(bench.percentile([], 50))


def test_cells_under_a_tenth_of_a_second_count_as_a_tenth():
    assert bench.ratio(0.3, 0.02) == pytest.approx(3.0)
    assert bench.ratio(0.05, 0.01) == 1.0
    assert bench.ratio(1.0, 0.5) == 2.0
    assert math.isnan(bench.ratio(float("nan"), 1.0))


def _learner(times, ok=True):
    return {"cells": [{"label": k, "seconds": v, "ok": ok} for k, v in times.items()]}


def test_the_table_and_the_targets():
    learners = [_learner({"01:0": 10 + i, "01:1": 0.05 + 0.01 * i}) for i in range(20)]
    learners.append(_learner({"01:0": 99.0, "01:1": 99.0}, ok=False))  # failed runs are not timed
    rows = bench.cell_table(learners, {"01:0": 3.0, "01:1": 0.02, "01:2": 0.5}, {"01:0"})
    by = {r["label"]: r for r in rows}
    assert by["01:0"]["n"] == 20 and by["01:0"]["setup"] and by["01:0"]["p95"] < 30
    assert by["01:1"]["ratio"] == max(by["01:1"]["p95"], 0.1) / 0.1
    assert by["01:2"]["n"] == 0  # lone only: nobody in the room got there
    summary = {"cells": rows, "success_rate": 20 / 21, "join_p95": 50.0, "memory": {"per_learner_mb": 300.0}}
    v = bench.verdicts(summary)
    assert v["join_p95"]["ok"] and v["mb_per_learner"]["ok"] and v["setup_p95"]["ok"]
    assert not v["success"]["ok"]
    assert not v["ratio"]["ok"] and v["ratio"]["not_measured"] == ["01:2"]


def test_workshop_03_becomes_cells_and_the_browsers_widget_actions():
    nb = json.loads((ROOT / "workshops" / "03-cocktail-party.ipynb").read_text(encoding="utf-8"))
    steps = bench.steps_for("03", nb)
    codes = [s for s in steps if s.kind == "code"]
    assert len(codes) == sum(c["cell_type"] == "code" for c in nb["cells"])
    widgets = [s for s in steps if s.kind == "widget"]
    assert {s.widget[1] for s in widgets} >= {"Guests", "Run the tournament"}
    for w in widgets:  # each right after the cell that shows its explorer
        before = steps[steps.index(w) - 1]
        assert before.kind == "widget" or "charts." in before.code
    assert bench.parse_sweep("10, 20,30") == [10, 20, 30]


def test_the_first_wait_counts_the_kernels_start_reading_did_not_cover():
    def lr(open_s, setup_s, pause):
        return {
            "cells": [
                {"label": "01:open", "seconds": open_s, "ok": True},
                {"label": "01:0", "seconds": setup_s, "ok": True, "pause": pause},
            ]
        }

    assert bench.first_waits([lr(9.0, 2.0, 0.0), lr(9.0, 2.0, 12.0), lr(9.0, 2.0, 5.0)], "01") == [11.0, 2.0, 6.0]
