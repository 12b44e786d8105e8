"""Self-checking exercises: ``check``, ``hint`` and ``solution``.

Each workshop's topic module declares its exercises with :func:`register`. An exercise's
expected answer is *computed* from the current datasets by the topic's reference solution, so
re-targeting the scenario keeps every check right. A wrong answer is compared with the answers
that anticipated mistakes produce (also computed), so the feedback can say what is likely wrong.

>>> ex = Exercise(id="99.1", title="Add up", expected=lambda: 10, solution=lambda: 10,
...               hints=("Use +.",), mistakes=(Mistake("You multiplied.", answer=lambda: 25),))
>>> _ = register(ex)
>>> check("99.1", ...).status
'unanswered'
>>> check("99.1", {"a": 1, "b": ...}).status  # a ... still in the answer
'unanswered'
>>> check("99.1", 10).status
'correct'
>>> print(check("99.1", 25))
✗ 99.1 Add up: not yet. You multiplied.
>>> print(check("99.1", 30))
✗ 99.1 Add up: not yet. Your answer is exactly 3 times the expected one: did you count something more than once, or forget to divide?
>>> print(check("99.1", 1000))
✗ 99.1 Add up: not yet. That looks like a percentage: give a fraction between 0 and 1 (0.25, not 25).
"""

from __future__ import annotations

import html
import importlib
import inspect
import math
import numbers
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

__all__ = ["Exercise", "Mistake", "Feedback", "register", "check", "hint", "solution",
           "exercises", "WORKSHOP_MODULES"]

# Which kit module holds each workshop's exercises, models and reference solutions.
WORKSHOP_MODULES = {"00": "kit.start", "01": "kit.social", "02": "kit.solutions.followers", "03": "kit.party"}


@dataclass(frozen=True)
class Mistake:
    """An anticipated wrong approach: the answer it produces, and what to tell the learner."""

    why: str
    answer: Callable[[], Any] | None = None
    matches: Callable[[Any, Any], bool] | None = None  # (answer, expected) -> bool


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    expected: Callable[[], Any]
    solution: Callable
    hints: tuple[str, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    rel_tol: float = 1e-3
    abs_tol: float = 1e-9
    ask: str = ""  # one line: what kind of answer is wanted


_REGISTRY: dict[str, Exercise] = {}
_HINTS_SHOWN: dict[str, int] = {}


def register(*items: Exercise) -> tuple[Exercise, ...]:
    for ex in items:
        _REGISTRY[ex.id] = ex
    return items


def _find(exercise_id: str) -> Exercise:
    if exercise_id not in _REGISTRY:
        module = WORKSHOP_MODULES.get(exercise_id.split(".")[0])
        if module:
            importlib.import_module(module)
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none loaded"
        raise KeyError(f"no exercise {exercise_id!r}; known exercises: {known}") from None


def exercises(workshop: str | None = None) -> list[Exercise]:
    """Every registered exercise (of one workshop, e.g. "01"), loading its module if needed."""
    prefixes = [workshop] if workshop else list(WORKSHOP_MODULES)
    for p in prefixes:
        try:
            importlib.import_module(WORKSHOP_MODULES[p])
        except ModuleNotFoundError as e:
            if e.name != WORKSHOP_MODULES[p]:  # a workshop not written yet is fine; a broken one is not
                raise
    return [ex for k, ex in sorted(_REGISTRY.items()) if workshop is None or k.startswith(workshop + ".")]


# --------------------------------------------------------------------------- comparing answers

def _is_number(x) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _as_series(x):
    if isinstance(x, pd.Series):
        return x
    if isinstance(x, dict):
        return pd.Series(x)
    if isinstance(x, pd.DataFrame) and x.shape[1] == 1:
        return x.iloc[:, 0]
    return None


def _as_set(x):
    if isinstance(x, (set, frozenset, list, tuple, pd.Index, np.ndarray)):
        return {str(v) for v in x}
    if isinstance(x, pd.Series):
        return {str(v) for v in x.tolist()}
    return None


def same(answer, expected, rel_tol=1e-3, abs_tol=1e-9) -> bool:
    """True when ``answer`` is the expected value (numbers within tolerance, tables aligned).

    >>> same(0.3333, 1/3)
    True
    >>> same(pd.Series({"a": 1.0, "b": 2.0}), pd.Series({"b": 2.0, "a": 1.0}))
    True
    >>> same(["x", "y"], {"y", "x"})
    True
    """
    if answer is None or answer is Ellipsis:
        return False
    if _is_number(expected):
        return _is_number(answer) and math.isclose(float(answer), float(expected),
                                                   rel_tol=rel_tol, abs_tol=abs_tol)
    if isinstance(expected, (set, frozenset)):
        got = _as_set(answer)
        return got is not None and got == {str(v) for v in expected}
    if isinstance(expected, pd.Series):
        got = _as_series(answer)
        if got is None or len(got) != len(expected):
            return False
        got = got.copy()
        got.index = got.index.map(str)
        exp = expected.copy()
        exp.index = exp.index.map(str)
        if set(got.index) != set(exp.index):
            return False
        got = got.reindex(exp.index)
        try:
            return bool(np.allclose(got.astype(float), exp.astype(float), rtol=rel_tol, atol=abs_tol,
                                    equal_nan=True))
        except (TypeError, ValueError):
            return bool((got.astype(str) == exp.astype(str)).all())
    if isinstance(expected, pd.DataFrame):
        if not isinstance(answer, pd.DataFrame) or answer.shape != expected.shape:
            return False
        try:
            pd.testing.assert_frame_equal(answer.reset_index(drop=True), expected.reset_index(drop=True),
                                          check_dtype=False, check_categorical=False, rtol=rel_tol)
            return True
        except AssertionError:
            return False
    return answer == expected


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _describe(x) -> str:
    if isinstance(x, pd.DataFrame):
        return f"a table with {len(x):,} rows and {x.shape[1]} columns"
    if isinstance(x, pd.Series):
        return f"a column (Series) with {len(x):,} values"
    if isinstance(x, (set, frozenset, list, tuple)):
        return f"a collection of {_plural(len(x), 'item')}"
    if _is_number(x):
        return "a number"
    return f"a {type(x).__name__}"


def _generic(answer, expected) -> str:
    """Feedback when no anticipated mistake matched: still say what looks wrong."""
    if _is_number(expected):
        if not _is_number(answer):
            if isinstance(answer, (pd.Series, pd.DataFrame)):
                return (f"The answer should be a single number, but you gave {_describe(answer)}. "
                        "Finish with something like .sum(), .mean() or len(...).")
            return f"The answer should be a single number, but you gave {_describe(answer)}."
        a, e = float(answer), float(expected)
        if e != 0 and math.isclose(a, e * 100, rel_tol=0.01):
            return "That looks like a percentage: give a fraction between 0 and 1 (0.25, not 25)."
        if e != 0 and math.isclose(a * 100, e, rel_tol=0.01):
            return "That looks 100 times too small: give the count or rate the question asks for."
        if e != 0 and a != 0 and abs(a - e) / abs(e) < 0.01:
            return ("Very close, but not exact: did you round? Give the value as computed, without "
                    "rounding, so the check can compare it.")
        if e != 0 and a != 0:
            ratio = a / e
            if ratio > 1.5 and float(ratio).is_integer():
                return (f"Your answer is exactly {int(ratio)} times the expected one: did you count "
                        "something more than once, or forget to divide?")
            direction = "too high" if a > e else "too low"
            off = abs(a - e) / abs(e)
            size = "a little" if off < 0.1 else "quite a lot" if off < 0.5 else "far"
            return (f"Your answer is {size} {direction} ({off:.0%} away). Check which rows your "
                    "filter keeps, and what you count or divide by.")
        return "Your answer is zero or the expected value is zero: check your filter keeps the right rows."
    if isinstance(expected, (set, frozenset)):
        if isinstance(answer, pd.Series) and answer.dtype == bool:
            return ("You gave a True/False column. The answer is the names themselves: keep the rows "
                    "you want and take their labels, e.g. `set(column[column].index)`, or "
                    "`set(column[~column].index)` for the False ones.")
        got = _as_set(answer)
        if got is None:
            return f"The answer should be a list or set of names, but you gave {_describe(answer)}."
        exp = {str(v) for v in expected}
        extra, missing = len(got - exp), len(exp - got)
        return (f"You gave {_plural(len(got), 'item')}: {extra} should not be there and {missing} "
                f"{'is' if missing == 1 else 'are'} missing. Check the rule you used to pick them.")
    if isinstance(expected, pd.Series):
        got = _as_series(answer)
        if isinstance(answer, (list, tuple)) and len(answer) == len(expected):
            labels = ", ".join(f'"{i}": ...' for i in expected.index)
            return ("Give each value with its label, so the check knows which is which: "
                    f"pd.Series({{{labels}}}).")
        if got is None:
            return (f"The answer should be one value per {expected.index.name or 'row'} "
                    f"({len(expected):,} values), but you gave {_describe(answer)}.")
        if len(got) != len(expected):
            return (f"Expected one value per {expected.index.name or 'row'} ({len(expected):,} values); "
                    f"you gave {len(got):,}. Check what you grouped by and which rows you kept.")
        return ("The values are not the expected ones. Check the numerator and the denominator "
                "of each value.")
    return f"Not the expected answer (you gave {_describe(answer)})."


# --------------------------------------------------------------------------- feedback objects

@dataclass(frozen=True)
class Feedback:
    exercise: str
    title: str
    status: str  # correct | wrong | unanswered
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        mark = {"correct": "✓", "wrong": "✗", "unanswered": "…"}[self.status]
        head = {"correct": "correct", "wrong": "not yet", "unanswered": "not answered yet"}[self.status]
        return f"{mark} {self.exercise} {self.title}: {head}. {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {"correct": "#1a7f37", "wrong": "#b35900", "unanswered": "#555555"}[self.status]
        head = {"correct": "✓ Correct", "wrong": "✗ Not yet", "unanswered": "… Not answered yet"}[self.status]
        return (f'<div class="kit-feedback kit-{self.status}" role="status" style="border-left:6px solid '
                f'{colour};padding:0.4em 0.8em;margin:0.3em 0;font-size:1.05em">'
                f'<strong style="color:{colour}">{head}</strong> — exercise {html.escape(self.exercise)}, '
                f'{html.escape(self.title)}<br>{html.escape(self.message)}</div>')


@dataclass(frozen=True)
class Text:
    """Plain text that also renders as Markdown in a notebook."""

    markdown: str

    def __repr__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown


def _unanswered(answer) -> bool:
    """A bare ``...`` (or None), or a collection that still holds a ``...`` somewhere."""
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, dict):
        values = list(answer.values())
    elif isinstance(answer, (list, tuple, set, frozenset)):
        values = list(answer)
    elif isinstance(answer, pd.Series) and answer.dtype == object:
        values = answer.tolist()
    else:
        return False
    return any(v is Ellipsis for v in values)


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check an answer against the answer computed from the current data."""
    ex = _find(exercise_id)
    if _unanswered(answer):
        return Feedback(ex.id, ex.title, "unanswered",
                        f"Replace the ... with your answer, then run the cell again. {ex.ask} "
                        f"Stuck? The Show a hint button below (or hint(\"{ex.id}\")) gives a hint."
                        .replace("  ", " ").strip())
    expected = ex.expected()
    if same(answer, expected, ex.rel_tol, ex.abs_tol):
        return Feedback(ex.id, ex.title, "correct", "Well done.")
    for m in ex.mistakes:
        try:
            hit = (m.matches(answer, expected) if m.matches is not None
                   else same(answer, m.answer(), ex.rel_tol, ex.abs_tol))
        except Exception:  # a mistake detector must never stop the learner's Run All
            hit = False
        if hit:
            return Feedback(ex.id, ex.title, "wrong", m.why)
    return Feedback(ex.id, ex.title, "wrong", _generic(answer, expected))


def hint(exercise_id: str) -> Text:
    """Reveal the next hint for an exercise (one more each time you call it)."""
    ex = _find(exercise_id)
    n = _HINTS_SHOWN.get(ex.id, 0)
    if not ex.hints:
        return Text(f"No hints for {ex.id}. `solution(\"{ex.id}\")` shows the reference solution.")
    if n >= len(ex.hints):
        return Text(f"That was the last hint for {ex.id}. `solution(\"{ex.id}\")` shows the reference "
                    "solution.")
    _HINTS_SHOWN[ex.id] = n + 1
    more = ("Ask again (click the button, or run the cell again) for the next hint." if n + 1 < len(ex.hints)
            else f"Last hint. `solution(\"{ex.id}\")` shows the reference solution.")
    return Text(f"**Hint {n + 1} of {len(ex.hints)} for {ex.id}:** {ex.hints[n]}\n\n*{more}*")


def solution(exercise_id: str) -> Text:
    """Show the solution: the notebook's own cell, solved, then how the kit computes the check."""
    from .editions import notebook_solution

    ex = _find(exercise_id)
    parts = [f"**Solution to {ex.id} — {ex.title}**"]
    cell = notebook_solution(ex.id)
    if cell:
        parts.append(f"The exercise cell, solved (copy it into the cell above and run it):\n\n"
                     f"```python\n{cell.rstrip()}\n```")
    src = textwrap.dedent(inspect.getsource(ex.solution))
    parts.append(f"<details><summary>How the kit computes the expected answer "
                 f"(<code>{ex.solution.__module__}.{ex.solution.__name__}</code>)</summary>\n\n"
                 f"```python\n{src.rstrip()}\n```\n\n</details>")
    return Text("\n\n".join(parts))
