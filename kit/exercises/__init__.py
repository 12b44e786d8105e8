"""Self-checking exercises: ``check``, ``hint`` and ``solution``.

Each workshop's solutions module (``kit.solutions.<topic>``, see ``WORKSHOP_MODULES``) declares
its exercises with :func:`register`. An exercise's expected answer is *computed* from the current
datasets by the topic's reference solution, so re-targeting the scenario keeps every check right.

``check(id, answer)`` never raises, whatever ``answer`` is (only an unknown id raises
``KeyError``, naming the known ones). It answers with a :class:`Feedback` whose ``status`` is
correct, wrong, unanswered or error, and whose ``rung`` says which step of one diagnosis ladder
gave the message (``RUNGS``; see :mod:`kit.exercises.ladder`):

1. unanswered — a bare ``...``, or a collection still holding one (``None`` *is* an answer);
2. correct — counts, sets and text exactly, real values within ``Exercise.rel_tol`` (1e-9);
3. the exercise's anticipated :class:`Mistake` s, in order (``rung="mistake"``,
   ``detail`` = the mistake's key): a mistake is more specific than any generic rung, so it wins
   even when its answer is also, say, the expected answer x100;
4. the ladder (None, NaN, x100, rounded, labels, containers, top-n, True/False columns, wrong
   type, counts a few off, ...);
5. the catch-all "generic" message, which never says "incorrect".

**Inputs the learner chose.** ``check(id, answer, **inputs)`` computes the expected answer as
``expected(**inputs)`` and each mistake's as ``answer(**inputs)`` (``check("03.1", share,
guests=30)``), so a learner who changed an exercise's inputs is checked on them. Without inputs
every computation is called with none, as before. Inputs the exercise does not take get a
calm "could not check" naming what it checks on (``Exercise.checks_on``).

Every check and hint is recorded with :func:`kit.workspace.record` (its outcome and rung, never
the answer itself); outside a learner workspace that writes nothing.

>>> ex = Exercise(id="99.1", title="Share of replies", expected=lambda: 0.25,
...               solution=lambda: 0.25, hints=("Use .mean().",), has_ratio=True,
...               mistakes=(Mistake("You counted replies; divide by all posts.", answer=lambda: 30,
...                                 key="count"),))
>>> _ = register(ex)
>>> check("99.1", ...).status
'unanswered'
>>> check("99.1", {"a": 1, "b": ...}).status  # a ... still in the answer
'unanswered'
>>> check("99.1", 0.25).status, check("99.1", 0.25 + 1e-12).status
('correct', 'correct')
>>> fb = check("99.1", 30)
>>> print(fb)
✗ 99.1 Share of replies: not yet. You counted replies; divide by all posts.
>>> fb.rung, fb.detail
('mistake', 'count')
>>> print(check("99.1", 25.0).message)
Your answer is 100 times the expected share: that is a percentage. Give the share as a number between 0 and 1: 0.25, not 25.
>>> check("99.1", 0.3).rung, check("99.1", 0.75).rung, check("99.1", None).rung
('rounded', 'complement', 'none')
>>> check("99.1", [1, 2]).rung  # wrong, never an error
'type'
>>> _ = _REGISTRY.pop("99.1")
"""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

import numpy as np
import pandas as pd

from . import cache, mode
from .compare import same
from .ladder import RUNGS, Diagnosis, describe, diagnose, fit  # noqa: F401  (Diagnosis: re-exported)
from .registry import _REGISTRY, WORKSHOP_MODULES, Exercise, Mistake, exercises, find, register  # noqa: F401  (_REGISTRY: re-exported for tests and tools)
from .render import STATUSES, Feedback, Text

__all__ = [
    "Exercise",
    "Mistake",
    "Feedback",
    "Text",
    "register",
    "check",
    "hint",
    "solution",
    "exercises",
    "same",
    "RUNGS",
    "STATUSES",
    "WORKSHOP_MODULES",
]

_HINTS_SHOWN: dict[str, int] = {}
_find = find


def _generic(answer, expected, **fields) -> str:
    """The ladder's message for ``answer`` against ``expected`` on a plain exercise (for tests)."""
    ex = Exercise(id="99.0", title="", expected=lambda: expected, solution=lambda: expected, **fields)
    return diagnose(answer, expected, ex).message


def _record(event: dict) -> None:
    try:
        from .. import workspace

        workspace.record(event)
    except Exception:  # recording must never break a check
        pass


def _unanswered(answer, depth: int = 0) -> bool:
    """A bare ``...``, or a collection that still holds a ``...`` (one level down, or two)."""
    try:
        if answer is Ellipsis:
            return True
        if depth > 1:
            return False
        if isinstance(answer, dict):
            values = list(answer.values())
        elif isinstance(answer, (list, tuple, set, frozenset)):
            values = list(answer)
        elif isinstance(answer, (pd.Series, pd.Index)) and answer.dtype == object:
            values = answer.tolist()
        elif isinstance(answer, np.ndarray) and answer.dtype == object:
            values = answer.ravel().tolist()
        elif isinstance(answer, pd.DataFrame):
            return any(_unanswered(answer[c], depth + 1) for c in answer.columns if answer[c].dtype == object)
        else:
            return False
        return any(_unanswered(v, depth + 1) for v in values[:10_000])
    except Exception:
        return False


def _accepts(fn, inputs: dict, positional: int = 0) -> bool:
    """Can ``fn`` be called with these keyword inputs (after ``positional`` positional ones)?"""
    try:
        inspect.signature(fn).bind(*[None] * positional, **inputs)
        return True
    except TypeError:
        return False
    except ValueError:  # no signature available: try it
        return True


def _short_error(e: BaseException) -> str:
    return fit(f"{type(e).__name__}: {e}", 110)


def _shortcut_giving(ex: Exercise, target, inputs: dict, version, fp, besides: Mistake | None = None):
    """The first known shortcut (a mistake with ``shortcut``) whose answer on this data equals
    ``target``, other than ``besides``; None if there is none or the exercise names no ``method``.

    On a learner's own export a shortcut can land on the right answer, or two on one wrong number:
    then the check says so rather than name only one.
    """
    if not ex.method:
        return None
    for m in ex.mistakes:
        if m is besides or not (m.shortcut and m.answer is not None) or (inputs and not _accepts(m.answer, inputs)):
            continue
        try:
            theirs = cache.answer(ex.id, f"mistake:{m.key}", m.answer, inputs, version, fp)
            if not isinstance(theirs, cache.Failed) and same(theirs, target, ex.rel_tol, ex.abs_tol, ex.places):
                return m
        except Exception:  # never stop the check
            continue
    return None


def _slip(m: Mistake) -> str:
    return f"{m.shortcut} ({m.fix})" if m.fix else m.shortcut


def _check(ex: Exercise, answer: Any, inputs: dict) -> Feedback:
    if _unanswered(answer):
        places = f" Give it to {ex.places} decimal places." if ex.places is not None and "place" not in ex.ask else ""
        stuck = f'Stuck? The Show a hint button below (or hint("{ex.id}")) gives a hint.'
        msg = f"Replace the ... with your answer, then run the cell again. {ex.ask}{places} {stuck}"
        if len(" ".join(msg.split())) > 300:
            msg = f"Replace the ... with your answer, then run the cell again.{places} {stuck}"
        return Feedback(ex.id, ex.title, "unanswered", fit(msg), "unanswered")
    on = f" It checks {ex.checks_on}." if ex.checks_on else ""
    if inputs and not _accepts(ex.expected, inputs):
        names = ", ".join(f"{k}=" for k in inputs)
        return Feedback(
            ex.id,
            ex.title,
            "error",
            fit(f'This check does not take {names}.{on} Call check("{ex.id}", answer) without it.'),
            "inputs",
            ",".join(inputs),
        )
    version, fp = cache.data_version(), cache.fingerprint(inputs)
    expected = cache.answer(ex.id, "expected", ex.expected, inputs, version, fp)
    if isinstance(expected, cache.Failed):
        if inputs:
            names = ", ".join(f"{k}=" for k in inputs)
            return Feedback(
                ex.id,
                ex.title,
                "error",
                fit(
                    f"The check could not work out the answer for the inputs you gave ({names}): "
                    f"{_short_error(expected.error)}.{on} Check those inputs."
                ),
                "inputs",
                "failed",
            )
        return Feedback(
            ex.id,
            ex.title,
            "error",
            fit(
                f"The kit could not work out the expected answer ({_short_error(expected.error)}). "
                "That is the kit's problem, not your answer's: tell your instructor."
            ),
            "error",
            type(expected.error).__name__,
        )
    if same(answer, expected, ex.rel_tol, ex.abs_tol, ex.places):
        also = _shortcut_giving(ex, expected, inputs, version, fp)
        if also is not None:
            return Feedback(
                ex.id,
                ex.title,
                "correct",
                fit(
                    f"Right answer. On your data {also.shortcut} would give it too, so the answer alone "
                    f"cannot show the method: it is {ex.method}"
                ),
                "correct",
                f"also:{also.key}",
            )
        return Feedback(ex.id, ex.title, "correct", "Well done.", "correct")
    for m in ex.mistakes:
        try:
            if m.matches is not None:
                extra = inputs if inputs and _accepts(m.matches, inputs, positional=2) else {}
                hit = m.matches(answer, cache.private_copy(expected), **extra)
                hit = hit is True or (isinstance(hit, (bool, np.bool_)) and bool(hit))
            elif m.answer is not None:
                if inputs and not _accepts(m.answer, inputs):
                    continue  # this mistake can't be computed for the learner's inputs
                wrong = cache.answer(ex.id, f"mistake:{m.key}", m.answer, inputs, version, fp)
                if isinstance(wrong, cache.Failed) or same(wrong, expected, ex.rel_tol, ex.abs_tol, ex.places):
                    continue  # broken, or indistinguishable from the right answer on this data
                hit = same(answer, wrong, ex.rel_tol, ex.abs_tol, ex.places)
            else:
                hit = False
        except Exception:  # a mistake detector must never stop the learner's Run All
            hit = False
        if hit:
            twin = _shortcut_giving(ex, answer, inputs, version, fp, besides=m) if m.shortcut else None
            if twin is not None:  # two shortcuts give this number here: name both, and the method
                return Feedback(
                    ex.id,
                    ex.title,
                    "wrong",
                    fit(f"On your data two slips give this number: {_slip(m)}; or {_slip(twin)}."),
                    "mistake",
                    m.key,
                )
            return Feedback(ex.id, ex.title, "wrong", m.why, "mistake", m.key)
    d = diagnose(answer, expected, ex)
    return Feedback(ex.id, ex.title, "wrong", d.message, d.rung, d.detail)


def _unknown_id(exercise_id) -> str:
    """What to say for an id that names no exercise: the likely one, and the ones there are.

    >>> print(_unknown_id("3.1"))  # doctest: +NORMALIZE_WHITESPACE
    There is no exercise "3.1". Did you mean "03.1"? An exercise's id is its workshop's two
    digits, a dot and its number, as in its heading; this workshop's are 03.1, 03.2, 03.3, 03.4
    and 03.5.
    """
    import difflib
    import re

    given = str(exercise_id).strip()
    padded = re.sub(r"^(\d)\.", r"0\1.", given)
    try:
        find(padded)  # loads that workshop's exercises, if it is one
    except Exception:
        pass
    known = sorted(_REGISTRY)
    guess = padded if padded in known else next(iter(difflib.get_close_matches(given, known, n=1, cutoff=0.6)), None)
    workshop = (guess or padded).split(".")[0]
    here = [k for k in known if k.split(".")[0] == workshop] or known
    listed = ", ".join(here[:-1]) + f" and {here[-1]}" if len(here) > 1 else ", ".join(here)
    which = "this workshop's are" if here is not known else "the loaded ones are"
    return (
        f'There is no exercise "{given}".'
        + (f' Did you mean "{guess}"?' if guess else "")
        + f" An exercise's id is its workshop's two digits, a dot and its number, as in its heading; {which} {listed}."
    )


def check(exercise_id: str, answer: Any = ..., **inputs) -> Feedback:
    """Check an answer against the answer computed from the current data (never raises).

    ``inputs``, if given, are passed to the exercise's expected answer and its mistakes (see the
    module's docstring). An unknown ``exercise_id`` gets an "error" feedback naming the likely id
    and the known ones (:func:`find` raises ``KeyError`` instead).
    """
    if mode.grading_file() is not None:  # inside `kit grade`'s sandbox: record, judge outside
        mode.write_answer(exercise_id, answer, inputs)
        return Feedback(str(exercise_id), "", "recorded", "Recorded for grading.", "recorded")
    public = mode.hidden(exercise_id)
    if public is not None:  # an assignment-only exercise: its reference stays with the instructor
        return _recorded(str(exercise_id), public, answer)
    try:
        ex = find(exercise_id)
    except KeyError:  # a typo in the id: say which ids there are, not a traceback
        fb = Feedback(str(exercise_id), "", "error", _unknown_id(exercise_id), "error", "unknown_exercise")
        _record({"type": "check", "exercise": fb.exercise, "status": fb.status, "rung": fb.rung, "detail": fb.detail})
        return fb
    except Exception as e:  # a workshop's exercises failed to load: the kit's problem
        fb = Feedback(
            str(exercise_id),
            "",
            "error",
            fit(
                f"The kit could not load this exercise ({_short_error(e)}). That is the kit's problem, "
                "not your answer's: tell your instructor."
            ),
            "error",
            type(e).__name__,
        )
        _record({"type": "check", "exercise": fb.exercise, "status": fb.status, "rung": fb.rung, "detail": fb.detail})
        return fb
    try:
        fb = _check(ex, answer, inputs)
    except Exception as e:  # the ladder never raises; this is the last line of defence
        fb = Feedback(
            ex.id,
            ex.title,
            "wrong",
            fit(f"Not the expected answer yet (you gave {describe(answer)})."),
            "generic",
            f"internal:{type(e).__name__}",
        )
    _record({"type": "check", "exercise": ex.id, "status": fb.status, "rung": fb.rung, "detail": fb.detail})
    return fb


def _recorded(exercise_id: str, public: dict, answer) -> Feedback:
    title = str(public.get("title", ""))
    if _unanswered(answer):
        fb = Feedback(
            exercise_id,
            title,
            "unanswered",
            fit(f"Replace the ... with your answer, then run the cell again. {public.get('ask', '')}".strip()),
            "unanswered",
        )
    else:
        fb = Feedback(
            exercise_id,
            title,
            "recorded",
            fit(
                f"Your answer ({describe(answer)}) is kept for grading. This exercise is checked when your "
                "instructor grades the work, against a reference only they have, so nothing here can say "
                "whether it is right."
            ),
            "recorded",
        )
    _record({"type": "check", "exercise": exercise_id, "status": fb.status, "rung": fb.rung, "detail": ""})
    return fb


_NO_SOLUTIONS = (
    "Solutions are switched off in this assignment: it is graded. Hints stay on: "
    '`hint("{id}")`, or the Show a hint button.'
)


def hint(exercise_id: str) -> Text:
    """Reveal the next hint for an exercise (one more each time you call it)."""
    if mode.grading_file() is not None:
        mode.write_event({"type": "hint", "exercise": str(exercise_id)})
        return Text(f"(a hint for {exercise_id}: not shown while grading)")
    public = mode.hidden(exercise_id)
    if public is not None:
        hints = tuple(str(h) for h in public.get("hints") or ())
        ex = Exercise(
            id=str(exercise_id),
            title=str(public.get("title", "")),
            expected=lambda: None,
            solution=lambda: None,
            hints=hints,
        )
    else:
        ex = find(exercise_id)
    n = _HINTS_SHOWN.get(ex.id, 0)
    graded = mode.assignment() is not None
    then = (
        "Solutions are switched off in this assignment."
        if graded
        else f'`solution("{ex.id}")` shows the reference solution.'
    )
    if not ex.hints:
        text = Text(f"No hints for {ex.id}. {then}")
        shown = 0
    elif n >= len(ex.hints):
        text = Text(f"That was the last hint for {ex.id}. {then}")
        shown = 0
    else:
        _HINTS_SHOWN[ex.id] = n + 1
        more = (
            "Ask again (click the button, or run the cell again) for the next hint."
            if n + 1 < len(ex.hints)
            else f"Last hint. {then}"
        )
        text = Text(f"**Hint {n + 1} of {len(ex.hints)} for {ex.id}:** {ex.hints[n]}\n\n*{more}*")
        shown = n + 1
    _record({"type": "hint", "exercise": ex.id, "n": shown})  # n = 0: no new hint was shown
    return text


def solution(exercise_id: str) -> Text:
    """Show the solution: the notebook's own cell, solved, then how the kit computes the check.

    In an assignment (``kit assign``) solutions are switched off: it says so, and points to the hints.
    """
    from ..editions import notebook_solution

    if mode.assignment() is not None:
        return Text(_NO_SOLUTIONS.format(id=exercise_id))
    ex = find(exercise_id)
    parts = [f"**Solution to {ex.id} — {ex.title}**"]
    cell = notebook_solution(ex.id)
    if cell:
        parts.append(
            f"The exercise cell, solved (copy it into the cell above and run it):\n\n```python\n{cell.rstrip()}\n```"
        )
    src = textwrap.dedent(inspect.getsource(ex.solution))
    parts.append(
        f"<details><summary>How the kit computes the expected answer "
        f"(<code>{ex.solution.__module__}.{ex.solution.__name__}</code>)</summary>\n\n"
        f"```python\n{src.rstrip()}\n```\n\n</details>"
    )
    return Text("\n\n".join(parts))
