"""The corpus of answers learners type, per exercise: right methods, slips, shortcuts, odd values.

Each workshop has a module here (``ws00.py``, ``ws01.py``, ...) defining ``ATTEMPTS``, a list of
:class:`Attempt`. ``tests/test_corpus.py`` feeds every attempt to ``check`` and asserts what it
must get; ``tests/test_discrimination.py`` replays the ``shortcut`` and ``slip`` attempts on other
scenarios and asserts none is ever marked correct.

An attempt's ``answer`` is a function of :class:`Tables` (the loaded tables and scenario of
the data being checked), so the same attempt can be replayed on any scenario. It should be
written the way a learner would type it in the notebook (pandas, the notebook's own names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

KINDS = ("right", "shortcut", "slip", "odd")


class Tables:
    """Lazy access to the current data: ``t.posts``, ``t.accounts``, ``t.scenario``, ..."""

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name == "scenario":
            from kit.scenario import load_scenario

            value = load_scenario()
        else:
            from kit.data import load

            value = load(name)
        self.__dict__[name] = value
        return value


@dataclass(frozen=True)
class Attempt:
    """One answer a learner might give, and what the check must say about it.

    exercise: "01.2"
    label:    what the learner did, in a few words ("x100", "list of values", ...)
    answer:   Tables -> the value passed to check()
    kind:     right | shortcut (skips part of the rule) | slip (a novice error) | odd (odd value)
    status:   correct | wrong | unanswered   (right attempts must be correct)
    says:     lower-case fragments the feedback message must all contain (wrong answers must name
              what happened, so a wrong attempt needs at least one fragment, or a pinned ``rung``)
    rung:     the diagnosis rung that must fire (Feedback.rung, one of kit.exercises.RUNGS), or
              "" to not pin it; a wrong attempt may never end on the catch-all rung ("generic")
              unless ``generic_ok``
    inputs:   the inputs the learner chose, passed as ``check(exercise, answer, **inputs)``: a
              dict, or a function Tables -> dict (e.g. 03.1's guests); ``None`` for none
    """

    exercise: str
    label: str
    answer: Callable[[Tables], Any]
    kind: str = "slip"
    status: str = "wrong"
    says: tuple[str, ...] = ()
    rung: str = ""
    generic_ok: bool = False
    scenarios: tuple[str, ...] = field(default=())  # reserved: limit replay to named scenarios
    inputs: Any = None

    def inputs_for(self, t: Tables) -> dict:
        """The inputs to pass to ``check`` for this attempt on the data ``t``."""
        if self.inputs is None:
            return {}
        return dict(self.inputs(t) if callable(self.inputs) else self.inputs)

    def __post_init__(self):
        assert self.kind in KINDS, self.kind
        if self.kind == "right":
            assert self.status == "correct", self.label


# --------------------------------------------------------------------------- writing attempts


def right(ex, label, answer, **kw) -> Attempt:
    """A right method: must be marked correct."""
    return Attempt(ex, label, answer, kind="right", status="correct", **kw)


def shortcut(ex, label, answer, *says, **kw) -> Attempt:
    """A method that skips part of the rule; its feedback must contain every fragment in ``says``."""
    return Attempt(ex, label, answer, kind="shortcut", says=says, **kw)


def slip(ex, label, answer, *says, **kw) -> Attempt:
    """A novice slip (x100, rounded, a list, wrong labels...)."""
    return Attempt(ex, label, answer, kind="slip", says=says, **kw)


def odd(ex, label, answer, *says, status="wrong", **kw) -> Attempt:
    """An odd value (NaN, text, a dict, a negative...)."""
    return Attempt(ex, label, answer, kind="odd", status=status, says=says, **kw)
