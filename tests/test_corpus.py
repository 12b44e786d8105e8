"""The corpus: every answer in ``tests/corpus/ws*.py`` gets the feedback it must get.

For each attempt (see :class:`tests.corpus.Attempt`):

* a right attempt is correct;
* a wrong one is never correct, never raises, gets at most 300 characters that contain every
  ``says`` fragment (case-insensitive), fires the pinned ``rung`` if one is given, and never ends
  on the catch-all "generic" rung unless it is marked ``generic_ok``;
* every registered exercise has at least 20 attempts: at least 2 right methods and at least 5
  shortcuts or slips.

Add attempts to the workshop's module (``tests/corpus/wsNN.py``); a new workshop's module is
picked up by its name.
"""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

import pytest

from kit.exercises import RUNGS, check, exercises

from .corpus import KINDS, Attempt, Tables

CORPUS = Path(__file__).parent / "corpus"
MODULES = sorted(p.stem for p in CORPUS.glob("ws*.py"))
MIN_ATTEMPTS, MIN_RIGHT, MIN_SLIPS = 20, 2, 5


def _load() -> list[Attempt]:
    attempts = []
    for name in MODULES:
        module = importlib.import_module(f"tests.corpus.{name}")
        found = getattr(module, "ATTEMPTS", None)
        assert isinstance(found, (list, tuple)), f"tests/corpus/{name}.py defines no ATTEMPTS list"
        attempts += list(found)
    return attempts


ATTEMPTS = _load()
IDS = [f"{a.exercise}-{a.kind}-{a.label}" for a in ATTEMPTS]


_FEEDBACK: dict[int, object] = {}


def _run(attempt: Attempt):
    """The feedback ``check`` gives this attempt (computed once per session)."""
    if id(attempt) not in _FEEDBACK:
        _FEEDBACK[id(attempt)] = _check(attempt)
    return _FEEDBACK[id(attempt)]


def _check(attempt: Attempt):
    t = Tables()  # fresh per attempt: an attempt that changes a table cannot spoil the next
    try:
        answer = attempt.answer(t)
        inputs = attempt.inputs_for(t)
    except Exception as e:  # the attempt itself is broken: say which
        pytest.fail(
            f"the corpus attempt {attempt.exercise} {attempt.label!r} raised while building "
            f"its answer: {type(e).__name__}: {e}"
        )
    try:
        fb = check(attempt.exercise, answer, **inputs)
    except Exception as e:
        pytest.fail(f"check({attempt.exercise!r}, <{attempt.label}>) raised {type(e).__name__}: {e}")
    return fb


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=IDS)
def test_attempt_gets_the_feedback_it_must(attempt: Attempt):
    fb = _run(attempt)
    where = f"{attempt.exercise} [{attempt.kind}] {attempt.label!r}: got {fb.status}/{fb.rung} {fb.message!r}"
    assert fb.rung in RUNGS, where
    assert fb.status != "error", where
    if attempt.status == "correct":
        assert fb.correct, where
        return
    assert not fb.correct, "a wrong answer was marked correct: " + where
    assert fb.status == attempt.status, where
    assert len(fb.message) <= 300, f"message of {len(fb.message)} characters: " + where
    assert "incorrect" not in fb.message.lower(), where
    if attempt.status == "wrong":
        assert attempt.says or attempt.rung, f"a wrong attempt must pin what the feedback names (says or rung): {where}"
    for fragment in attempt.says:
        assert fragment.lower() in fb.message.lower(), f"missing {fragment!r}: " + where
    if attempt.rung:
        assert attempt.rung in RUNGS, f"unknown rung {attempt.rung!r} pinned: {where}"
        assert fb.rung == attempt.rung, f"expected rung {attempt.rung!r}: " + where
    if fb.rung == "generic":
        assert attempt.generic_ok, "only the catch-all fired (name this answer with a rung or a Mistake): " + where


def test_corpus_attempts_are_well_formed():
    known = {e.id for e in exercises()}
    for a in ATTEMPTS:
        assert a.exercise in known, f"corpus attempt for unknown exercise {a.exercise!r} ({a.label!r})"
        assert a.kind in KINDS and callable(a.answer), a
        assert not a.rung or a.rung in RUNGS, (a.exercise, a.label, a.rung)
    labels = Counter((a.exercise, a.label) for a in ATTEMPTS)
    repeated = [k for k, n in labels.items() if n > 1]
    assert not repeated, f"attempt labels must be unique per exercise: {repeated}"


@pytest.mark.parametrize("ex", exercises(), ids=lambda e: e.id)
def test_every_exercise_has_a_full_corpus(ex):
    mine = [a for a in ATTEMPTS if a.exercise == ex.id]
    kinds = Counter(a.kind for a in mine)
    slips = kinds["shortcut"] + kinds["slip"]
    assert len(mine) >= MIN_ATTEMPTS and kinds["right"] >= MIN_RIGHT and slips >= MIN_SLIPS, (
        f"{ex.id} has {len(mine)} corpus attempts ({kinds['right']} right, {slips} shortcut/slip); "
        f"needs at least {MIN_ATTEMPTS}, with {MIN_RIGHT} right and {MIN_SLIPS} shortcuts or slips "
        f"(tests/corpus/ws{ex.id.split('.')[0]}.py)"
    )


@pytest.mark.parametrize("ex", exercises(), ids=lambda e: e.id)
def test_every_mistake_known_only_by_its_matches_is_reached_by_the_corpus(ex):
    """A Mistake without a computed ``answer`` can't be replayed from the data: the corpus must
    hold an attempt that fires it (``Feedback.detail`` is the mistake's key)."""
    fired = {_run(a).detail for a in ATTEMPTS if a.exercise == ex.id and _run(a).rung == "mistake"}
    unreached = [m.key for m in ex.mistakes if m.answer is None and m.key not in fired]
    assert not unreached, (
        f"{ex.id}: no corpus attempt reaches the mistakes {unreached} "
        f"(add one to tests/corpus/ws{ex.id.split('.')[0]}.py)"
    )
