"""Every registered exercise, in every workshop: computed answers and real feedback."""

import re

import pytest

from kit import exercises as ex_mod
from kit.exercises import check, exercises, hint, same, solution

ALL = exercises()
IDS = [e.id for e in ALL]


def test_every_workshop_has_its_exercises():
    by_workshop = {i.split(".")[0] for i in IDS}
    assert {"00", "01"} <= by_workshop
    assert sum(i.startswith("01.") for i in IDS) >= 4


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_unanswered_stub_is_friendly(ex):
    for stub in (..., None):
        fb = check(ex.id, stub)
        assert fb.status == "unanswered" and "not answered yet" in str(fb)
        assert "hint(" in fb.message


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_reference_solution_passes(ex):
    assert check(ex.id, ex.expected()).correct


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_anticipated_mistakes_are_recognised(ex):
    """At least three mistakes per exercise give a different answer and get their own message."""
    expected = ex.expected()
    recognised = 0
    for m in ex.mistakes:
        if m.answer is None:
            continue
        wrong = m.answer()
        if same(wrong, expected, ex.rel_tol, ex.abs_tol):
            continue  # this mistake happens not to change the answer on this data
        fb = check(ex.id, wrong)
        assert fb.status == "wrong", (ex.id, m.why)
        assert fb.message, ex.id
        assert fb.message != "incorrect"
        recognised += fb.message == m.why
    assert recognised >= 3, f"{ex.id}: only {recognised} anticipated mistakes are told apart"


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_unanticipated_wrong_answers_still_get_specific_feedback(ex):
    for weird in ("a string", 0.123456789, {"x": 1}):
        fb = check(ex.id, weird)
        assert fb.status == "wrong" and len(fb.message) > 20 and "incorrect" not in fb.message.lower()


def test_generic_feedback_names_the_likely_problem():
    assert "percentage" in ex_mod._generic(45.0, 0.45)
    assert "single number" in ex_mod._generic(__import__("pandas").Series([1, 2]), 3)
    assert "too high" in ex_mod._generic(130, 100)
    assert "should not be there" in ex_mod._generic({"a", "b"}, {"a", "c"})
    assert "1 is missing" in ex_mod._generic({"a"}, {"a", "c"})
    assert ".index" in ex_mod._generic(__import__("pandas").Series([True, False]), {"a"})
    assert "round" in ex_mod._generic(0.69, 0.6888)


def test_hints_come_one_at_a_time_then_point_to_the_solution(monkeypatch):
    monkeypatch.setattr(ex_mod, "_HINTS_SHOWN", {})
    ex = next(e for e in ALL if e.id == "01.1")
    shown = [hint("01.1").markdown for _ in ex.hints]
    for n, (text, expected) in enumerate(zip(shown, ex.hints), 1):
        assert f"Hint {n} of {len(ex.hints)}" in text and expected in text
    assert 'solution("01.1")' in hint("01.1").markdown


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_solution_is_one_call_away(ex):
    text = solution(ex.id).markdown
    assert "```python" in text and re.search(r"def \w+\(", text)
    assert f'check("{ex.id}"' in text, "the notebook's own solved cell comes first"
    assert "BEGIN SOLUTION" not in text


def test_unknown_exercise_lists_known_ones():
    with pytest.raises(KeyError, match="known exercises: .*01.1"):
        check("01.99", 1)


def test_feedback_renders_as_html_and_text():
    fb = check("01.2", 0.5)
    assert "Not yet" in fb._repr_html_() and "01.2" in str(fb)
    assert not fb
