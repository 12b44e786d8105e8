"""Which mode ``check``, ``hint`` and ``solution`` run in: a workshop, an assignment, or grading.

* **A workshop** (the default): checks judge the answer, hints and solutions are one click away.
* **An assignment** (``kit assign``): the learner's workspace marker holds an ``assignment``
  entry. Solutions are switched off; hints stay on. Exercises the instructor registered for the
  assignment only (their references stay with the instructor) are listed there with their title,
  what they ask and their hints, never their answer: checking one says the answer is recorded for
  grading, because the learner's side cannot know whether it is right.
* **Grading** (``kit grade``, inside its sandbox): ``KIT_GRADING`` names a file. Nothing is
  judged there: each ``check`` appends the answer, as plain JSON (:mod:`kit.exercises.answers`),
  and the grader judges it outside the sandbox with the learner's data.

>>> import os
>>> os.environ.pop(GRADING_ENV, None) and None
>>> grading_file() is None
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from . import answers

__all__ = ["GRADING_ENV", "grading_file", "assignment", "write_answer", "write_event", "MAX_CHANNEL"]

GRADING_ENV = "KIT_GRADING"
MAX_CHANNEL = 64 * 2**20  # what one submission may write to the grader, all answers together


def grading_file() -> Path | None:
    """The file answers go to while ``kit grade`` runs this notebook, or None."""
    v = os.environ.get(GRADING_ENV, "").strip()
    return Path(v) if v else None


def assignment() -> dict | None:
    """The active workspace's assignment entry (``kit assign`` wrote it), or None; never raises."""
    if grading_file() is not None:
        return {"grading": True}
    try:
        from ..workspace import active

        ws = active()
        if ws is None:
            return None
        entry = ws.state().get("assignment")
        return entry if isinstance(entry, dict) else None
    except Exception:  # noqa: BLE001 - a damaged marker is a workshop, not a crash
        return None


def hidden(exercise_id: str) -> dict | None:
    """An assignment-only exercise's public part (title, ask, hints), if this is one."""
    entry = assignment() or {}
    found = (entry.get("hidden") or {}).get(str(exercise_id))
    return found if isinstance(found, dict) else None


def write_event(event: dict) -> bool:
    """Append one JSON line to the grading file; False if there is none or it is full."""
    path = grading_file()
    if path is None:
        return False
    try:
        line = answers.dumps(event) + "\n"
        size = path.stat().st_size if path.exists() else 0
        if size + len(line) > MAX_CHANNEL:
            return False
        with open(path, "a", encoding="utf-8") as f:
            f.write(line)
            f.flush()
        return True
    except Exception:  # noqa: BLE001 - recording never stops a notebook
        return False


def write_answer(exercise_id: str, answer, inputs: dict) -> bool:
    enc = answers.encode(answer)
    if len(json.dumps(enc)) > answers.MAX_BYTES:
        enc = {"t": "opaque", "type": type(answer).__name__, "repr": "too large to grade"}
    return write_event(
        {
            "type": "check",
            "exercise": str(exercise_id),
            "answer": enc,
            "inputs": {str(k): answers.encode(v) for k, v in inputs.items()},
        }
    )
