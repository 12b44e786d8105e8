"""What the instructor's page shows: who has joined, and how each learner's checks went.

Read from each learner's workspace log (``.kit/log.jsonl``, written by ``check()`` and ``hint()``),
which holds outcomes only, never answers. Pure functions over plain data, so the page is a thin
layer and the tests need no hub.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["read_log", "summary", "STATES"]

#: a learner's state on one exercise, best first: what the page's cell shows
STATES = {"right": "right", "tried": "tried, not right yet", "hint": "asked for a hint", "": "not yet"}


def read_log(path: Path) -> list[dict]:
    """The events of one workspace log; unreadable lines are skipped (a log is never trusted)."""
    events = []
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return events
    for line in lines:
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if isinstance(e, dict) and isinstance(e.get("exercise"), str) and e.get("type") in ("check", "hint"):
            events.append(e)
    return events


def summary(events: list[dict]) -> dict[str, dict]:
    """Per exercise: its state (``right`` > ``tried`` > ``hint``), checks run, hints asked.

    >>> s = summary([{"type": "check", "exercise": "01.1", "status": "wrong"},
    ...              {"type": "hint", "exercise": "01.1", "n": 1},
    ...              {"type": "check", "exercise": "01.1", "status": "correct"},
    ...              {"type": "hint", "exercise": "01.2", "n": 2}])
    >>> s["01.1"]
    {'state': 'right', 'checks': 2, 'hints': 1}
    >>> s["01.2"]
    {'state': 'hint', 'checks': 0, 'hints': 1}
    """
    out: dict[str, dict] = {}
    for e in events:
        row = out.setdefault(e["exercise"], {"state": "", "checks": 0, "hints": 0})
        if e["type"] == "check" and e.get("status") not in (None, "unanswered"):
            row["checks"] += 1
            if e.get("status") == "correct":
                row["state"] = "right"
            elif row["state"] != "right":
                row["state"] = "tried"
        elif e["type"] == "hint" and e.get("n", 1):
            row["hints"] += 1
            if not row["state"]:
                row["state"] = "hint"
    return out
