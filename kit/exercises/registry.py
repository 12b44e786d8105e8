"""The exercise registry: what an exercise is, and where each workshop's exercises live.

A workshop's solutions module (``kit.solutions.<topic>``, named in the manifest
:mod:`kit.workshops`) declares its exercises with :func:`register`. Only this registry and ``check``/``hint``/``solution`` know where they are;
the learner's notebook never imports a solutions module.

>>> ex = Exercise(id="99.0", title="Demo", expected=lambda: 1, solution=lambda: 1,
...               mistakes=(Mistake("Off."), Mistake("Named.", key="named")))
>>> [m.key for m in ex.mistakes]
['m1', 'named']
>>> ex.rel_tol, ex.has_filter, ex.imports
(1e-09, False, ())
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .. import workshops as _manifest

__all__ = ["Exercise", "Mistake", "register", "exercises", "find", "WORKSHOP_MODULES", "_REGISTRY"]


class _SolutionsModules(Mapping):
    """Workshop number -> its solutions module, read from the manifest each time (never a copy)."""

    def __getitem__(self, number: str) -> str:
        for w in _manifest.WORKSHOPS:
            if w.number == number:
                return w.solutions
        raise KeyError(number)

    def __iter__(self) -> Iterator[str]:
        return iter([w.number for w in _manifest.WORKSHOPS])

    def __len__(self) -> int:
        return len(_manifest.WORKSHOPS)

    def __repr__(self) -> str:
        return repr(dict(self))


# Which solutions module registers each workshop's exercises and reference solutions.
WORKSHOP_MODULES: Mapping[str, str] = _SolutionsModules()


@dataclass(frozen=True)
class Mistake:
    """An anticipated wrong approach: the answer it produces, and what to tell the learner.

    why:     the message (at most ~300 characters; name what happened and what to do)
    answer:  computes the wrong answer from the data, like ``Exercise.expected``; when the learner
             passes inputs to ``check`` (see :func:`kit.exercises.check`), it is called with them
             (a mistake whose ``answer`` does not accept them is skipped for that check)
    matches: ``(answer, expected) -> bool``, for mistakes that are a family of answers; one that
             computes from the data should also take the exercise's inputs as keyword
             arguments (``lambda a, e, evening=None: ...``): it gets them when the learner
             passes any
    key:     a short stable name for the gradebook (``Feedback.detail``); defaults to its
             position, "m1", "m2", ...
    shortcut: for a known shortcut (an ``answer`` mistake), what it does, as a phrase ("counting
             replies only"): when a right answer is one this shortcut also gives on the learner's
             data (a real export need not tell them apart), the check says so, with the
             exercise's ``method``
    fix:     for a shortcut, what to do about it in a few words ("add `| mentions.notna()`"): when
             two shortcuts give the same wrong number, the check names both with their fixes
    """

    why: str
    answer: Callable[..., Any] | None = None
    matches: Callable[[Any, Any], bool] | None = None  # (answer, expected) -> bool
    key: str = ""
    shortcut: str = ""
    fix: str = ""


@dataclass(frozen=True)
class Exercise:
    """One self-checking exercise.

    id, title:  "01.2", "How much is broadcasting?"
    expected:   computes the expected answer from the current data (through the reference
                solution); called with the learner's inputs when ``check`` is given any
    solution:   the reference function shown by ``solution(id)``
    hints:      shown one at a time by ``hint(id)``
    mistakes:   anticipated mistakes (:class:`Mistake`), matched before the generic diagnoses
    rel_tol, abs_tol: tolerance for real-valued answers (counts, sets and text must match exactly)
    places:     if the exercise asks for k decimal places (and its ``ask`` says so), any answer
                within half a unit of the k-th place is accepted
    ask:        one line: what kind of answer is wanted
    has_filter: the method keeps some rows (so feedback may talk about what a filter keeps)
    has_ratio:  the answer divides one thing by another (so feedback may talk about
                numerators and denominators)
    imports:    names the exercise's notebook has imported, e.g. ("pd",) when it runs
                ``import pandas as pd``; feedback suggests ``pd.`` code only then
    label:      what the answer's labels are, for messages ("handle", "persona"); defaults to
                the expected Series' index name
    checks_on:  which inputs the check uses when none are passed (e.g. "the room's party: 40
                guests, one evening"); said when the learner's inputs can't be used
    method:     one line naming the right method, said beside a right answer that a known
                shortcut (a mistake with ``shortcut``) also gives on this data
    """

    id: str
    title: str
    expected: Callable[..., Any]
    solution: Callable
    hints: tuple[str, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    rel_tol: float = 1e-9
    abs_tol: float = 1e-12
    ask: str = ""
    places: int | None = None
    has_filter: bool = False
    has_ratio: bool = False
    imports: tuple[str, ...] = ()
    label: str = ""
    checks_on: str = ""
    method: str = ""

    def __post_init__(self):
        keyed = tuple(m if m.key else dataclasses.replace(m, key=f"m{i}") for i, m in enumerate(self.mistakes, 1))
        object.__setattr__(self, "mistakes", keyed)
        object.__setattr__(self, "imports", tuple(self.imports))
        if self.places is not None and (not isinstance(self.places, int) or self.places < 0):
            raise ValueError(f"exercise {self.id}: places must be a whole number >= 0, not {self.places!r}")


_REGISTRY: dict[str, Exercise] = {}


def register(*items: Exercise) -> tuple[Exercise, ...]:
    """Add exercises to the registry (re-registering an id replaces it)."""
    for ex in items:
        _REGISTRY[ex.id] = ex
    return items


def _import_workshop(prefix: str) -> None:
    module = WORKSHOP_MODULES[prefix]
    try:
        importlib.import_module(module)
    except Exception as e:  # a declared workshop that cannot load is an error, never a silent skip
        raise ImportError(
            f"workshop {prefix}'s exercises module {module} failed to import: {type(e).__name__}: {e}"
        ) from e


def find(exercise_id: str) -> Exercise:
    """The registered exercise ``exercise_id``, loading its workshop's module if needed.

    An unknown id raises ``KeyError`` naming the known ones.
    """
    exercise_id = str(exercise_id)
    if exercise_id not in _REGISTRY:
        prefix = exercise_id.split(".")[0]
        if prefix in WORKSHOP_MODULES:
            _import_workshop(prefix)
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none loaded"
        raise KeyError(f"no exercise {exercise_id!r}; known exercises: {known}") from None


def exercises(workshop: str | None = None) -> list[Exercise]:
    """Every registered exercise (of one workshop, e.g. "01"), loading its module if needed."""
    prefixes = [workshop] if workshop else list(WORKSHOP_MODULES)
    for p in prefixes:
        if p in WORKSHOP_MODULES:
            _import_workshop(p)
    return [ex for k, ex in sorted(_REGISTRY.items()) if workshop is None or k.startswith(workshop + ".")]
