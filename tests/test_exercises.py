"""The exercise engine: registry, tolerance, the diagnosis ladder, recording, caching.

The first part runs over every registered exercise of every workshop; the second builds small
synthetic exercises (ids "99.x", removed again after each test) to pin each rung of the ladder
with real assertions on what the message says.
"""

import decimal
import fractions
import itertools
import os
import re
import shutil
import sys

import numpy as np
import pandas as pd
import pytest

from kit import exercises as ex_mod
from kit import workshops
from kit.exercises import (
    RUNGS,
    WORKSHOP_MODULES,
    Exercise,
    Feedback,
    Mistake,
    cache,
    check,
    exercises,
    hint,
    ladder,
    register,
    same,
    solution,
)

ALL = exercises()
IDS = [e.id for e in ALL]


# --------------------------------------------------------------------------- odd values


class EqRaises:
    def __eq__(self, other):
        raise RuntimeError("no comparing me")

    __hash__ = object.__hash__


class Hostile:
    """Everything you might call on it raises."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __repr__(self):
        raise RuntimeError("repr")

    def __str__(self):
        raise RuntimeError("str")

    def __bool__(self):
        raise RuntimeError("bool")

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __float__(self):
        raise RuntimeError("float")

    __hash__ = object.__hash__


def odd_values():
    s = pd.Series({"a": 0.2, "b": 0.5, "c": 0.1})
    return [
        s.nlargest(1),
        s,
        s > 0.15,
        s.to_frame(),
        s.reset_index(),
        pd.DataFrame(),
        pd.Series(dtype=float),
        np.nan,
        pd.NA,
        pd.NaT,
        float("inf"),
        -0.0,
        10**30,
        1 + 2j,
        True,
        np.bool_(False),
        decimal.Decimal("0.5"),
        fractions.Fraction(1, 3),
        np.float32(0.5),
        np.int64(7),
        np.array(3.5),
        np.zeros((3, 3)),
        np.array([]),
        [],
        (),
        set(),
        {},
        {"a": {"b": [1, 2]}},
        [[1, 2], [3]],
        "x" * 100_000,
        "",
        b"bytes",
        "3,035",
        "45%",
        (x for x in range(5)),
        itertools.count(),
        iter([1, 2]),
        range(10**9),
        lambda: 1,
        len,
        print,
        pd,
        pd.Series,
        object(),
        EqRaises(),
        Hostile(),
        pd.Index(["a", "b"]),
        pd.Categorical(["a", "b"]),
        pd.Timestamp("2026-01-01"),
        pd.Series([1, 2], index=["a", "a"]),
        pd.Series([None, None]),
    ]


ODD = odd_values()


def assert_calm(fb):
    assert isinstance(fb, Feedback)
    assert fb.rung in RUNGS, fb
    assert len(fb.message) <= 300, (len(fb.message), fb.message[:200])
    low = fb.message.lower()
    assert "incorrect" not in low and "nan%" not in low and "traceback" not in low, fb.message


# --------------------------------------------------------------------------- every registered exercise


def test_every_workshop_has_its_exercises():
    by_workshop = {i.split(".")[0] for i in IDS}
    assert by_workshop == set(workshops.numbers())  # every workshop has some, and nothing else has
    opener, *rest = workshops.WORKSHOPS
    assert rest and all(sum(i.startswith(w.number + ".") for i in IDS) >= 4 for w in rest)


def test_workshops_are_found_through_their_solutions_modules():
    assert dict(WORKSHOP_MODULES) == {w.number: w.solutions for w in workshops.WORKSHOPS}
    assert all(m.startswith("kit.solutions.") for m in WORKSHOP_MODULES.values())


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_unanswered_stub_is_friendly(ex):
    for stub in (..., [...], {"x": ...}, pd.Series({"a": ..., "b": 1})):
        fb = check(ex.id, stub)
        assert fb.status == "unanswered" and fb.rung == "unanswered" and "not answered yet" in str(fb)
        assert "hint(" in fb.message


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_none_is_an_answer_an_in_place_method_gave(ex):
    fb = check(ex.id, None)
    assert fb.status == "wrong" and fb.rung in ("none", "mistake")
    if fb.rung == "none":
        assert "in-place" in fb.message and "None" in fb.message


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_reference_solution_passes(ex):
    fb = check(ex.id, ex.expected())
    assert fb.correct and fb.rung == "correct"


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_anticipated_mistakes_are_recognised(ex):
    """At least three mistakes per exercise give a different answer and get their own message.

    (Mistakes known only by ``matches`` cannot be replayed here: tests/test_corpus.py asserts
    that the corpus reaches each of them.)
    """
    expected = ex.expected()
    recognised = 0
    computed = sum(m.answer is not None for m in ex.mistakes)
    for m in ex.mistakes:
        assert len(m.why) <= 300, f"{ex.id} {m.key}: a mistake's message has {len(m.why)} characters"
        if m.answer is None:
            continue
        wrong = m.answer()
        if same(wrong, expected, ex.rel_tol, ex.abs_tol):
            continue  # this mistake happens not to change the answer on this data
        fb = check(ex.id, wrong)
        assert fb.status == "wrong", (ex.id, m.why)
        assert fb.message and "incorrect" not in fb.message.lower()
        recognised += fb.message == m.why and fb.rung == "mistake"
    assert recognised >= min(3, computed), f"{ex.id}: only {recognised} anticipated mistakes are told apart"


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_mistake_keys_are_unique(ex):
    keys = [m.key for m in ex.mistakes]
    assert all(keys) and len(set(keys)) == len(keys), keys


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_check_never_raises_and_stays_calm_on_odd_values(ex):
    for value in ODD:
        fb = check(ex.id, value)
        assert_calm(fb)
        assert fb.status in ("wrong", "unanswered"), (ex.id, type(value).__name__, fb)


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_the_ladder_names_the_common_slips_on_every_exercise(ex):
    """x100, rounded, a list, NaN: each reaches a named rung (or the exercise's own mistake)."""
    e = ex.expected()
    named = lambda fb, *rungs: fb.rung in rungs + ("mistake",)  # noqa: E731
    tries = []
    if isinstance(e, float):
        digits = 2 if ex.places is None else max(0, ex.places - 1)  # places=2 accepts 2 places: cut one more
        tries += [
            (e * 100, ("percent", "scale")),
            (round(e, digits), ("rounded",)),
            (float("nan"), ("nan",)),
            (str(e), ("type",)),
        ]
    elif isinstance(e, (int, np.integer)):
        tries += [(int(e) + 1, ("count_off",)), (float(e) + 0.5, ("type",)), (str(int(e)), ("type",))]
        assert check(ex.id, float(e)).correct  # 3035.0 is the count 3035
    elif isinstance(e, pd.Series):
        tries += [(e.tolist(), ("container",)), (e.to_frame(), ("container",))]
        if not e.index.equals(pd.RangeIndex(len(e))):  # labelled by position already (hours 0-23): no slip
            tries.append((e.reset_index(drop=True), ("labels",)))
        if not pd.api.types.is_integer_dtype(e.dtype):
            tries += [(e * 100, ("percent", "scale"))]
            digits = 2 if ex.places is None else max(0, ex.places - 1)
            if not e.round(digits).equals(e):  # shares of five posts are exact at 2 places: no slip
                tries += [(e.round(digits), ("rounded",))]
        else:
            tries += [(e + 1, ("count_off",))]
    elif isinstance(e, set):
        for container in (sorted(e), tuple(sorted(e)), pd.Index(sorted(e)), pd.Series(sorted(e))):
            assert check(ex.id, container).correct, type(container)
        tries += [
            (pd.Series(True, index=sorted(e)), ("container", "bool_mask")),
            ({x.lower() for x in e} if any(x != x.lower() for x in e) else {x + "s" for x in e}, ("labels",)),
        ]
    elif isinstance(e, str):
        tries += [(e.upper(), ("labels",)), (pd.Series({e: 0.9, "zz": 0.1}).nlargest(1), ("top_n",))]
    for answer, rungs in tries:
        fb = check(ex.id, answer)
        assert not fb.correct and named(fb, *rungs), (ex.id, rungs, fb.rung, fb.message)
        assert_calm(fb)


def test_no_message_talks_about_a_filter_or_rounding_unless_it_should():
    for ex in ALL:
        e = ex.expected()
        if not isinstance(e, (int, float, np.integer, np.floating)):
            continue
        for answer in (float(e) * 1.37 + 1, -5.5 if e > 0 else 5.5):
            fb = check(ex.id, answer)
            if fb.rung == "generic":
                low = fb.message.replace(ex.ask, "").lower()
                assert "round" not in low
                assert ("filter" in low) == ex.has_filter, (ex.id, fb.message)
                assert ("divide" in low) == ex.has_ratio, (ex.id, fb.message)


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
    """A typo in the id is a calm message naming the likely id and the known ones, not a traceback."""
    from kit.exercises import find

    with pytest.raises(KeyError, match="known exercises: .*01.1"):
        find("01.99")
    fb = check("01.99", 1)
    assert fb.status == "error" and fb.detail == "unknown_exercise"
    assert 'no exercise "01.99"' in fb.message and "01.1" in fb.message
    fb = check("3.1", 0.5)
    assert 'Did you mean "03.1"?' in fb.message and "03.5" in fb.message
    assert 'Did you mean "03.2"?' in check("03.2 ", 0.5).message


def test_feedback_renders_as_html_and_text():
    fb = check("01.2", 0.5)
    assert "Not yet" in fb._repr_html_() and "01.2" in str(fb)
    assert not fb


def test_a_count_must_match_exactly():
    e = next(x for x in ALL if x.id == "01.1").expected()
    assert check("01.1", e).correct
    for near in (e - 3, e + 1, e - 1):
        fb = check("01.1", near)
        assert not fb.correct
        assert "round" not in fb.message.lower(), fb.message


def test_a_series_answer_to_a_one_name_question_is_told_what_to_take():
    """The issue's example: ``nlargest(1)`` of the scores where one name is asked for."""
    scores = {"Theresa Anderson": 0.3, "Evelyn Jefferson": 0.05, "Nora Fayette": 0.2}
    fb = ex_mod._generic(pd.Series(scores).nlargest(1), "Theresa Anderson")
    assert ".idxmax()" in fb and "top row" in fb


# --------------------------------------------------------------------------- synthetic exercises


@pytest.fixture
def make():
    """Register throw-away exercises "99.x"; they leave the registry after the test."""
    made = []

    def _make(expected, id="99.9", **fields):
        fn = expected if callable(expected) else (lambda **kw: expected)
        ex = Exercise(id=id, title="Synthetic", expected=fn, solution=fn, **fields)
        register(ex)
        made.append(id)
        return ex

    yield _make
    for i in made:
        ex_mod._REGISTRY.pop(i, None)
    cache.clear()


def fb_of(answer, ex_id="99.9", **inputs):
    fb = check(ex_id, answer, **inputs)
    assert_calm(fb)
    return fb


def test_rungs_are_documented_and_unique():
    assert len(set(RUNGS)) == len(RUNGS)
    doc = ladder.__doc__
    for rung in RUNGS:
        assert re.search(rf"^{rung}\s", doc, re.M), f"rung {rung!r} is not in the ladder's table"


def test_counts_exact_and_off_by_a_few_is_a_filter_only_where_there_is_one(make):
    make(3035, has_filter=True)
    assert fb_of(3035).correct and fb_of(3035.0).correct and fb_of(np.int64(3035)).correct
    fb = fb_of(3032)
    assert fb.rung == "count_off" and fb.detail == "-3"
    assert "3 fewer" in fb.message and "filter leaves out" in fb.message and "round" not in fb.message
    make(3035, id="99.8")
    fb = fb_of(3036, "99.8")
    assert fb.rung == "count_off" and "filter" not in fb.message and "1 more" in fb.message
    assert fb_of(True, "99.8").rung == "type"  # True is not the count 1
    fb = fb_of(3035.5, "99.8")
    assert fb.rung == "type" and "whole number" in fb.message


def test_real_values_within_1e9_or_the_places_asked_for(make):
    make(lambda: 1 / 3)
    assert fb_of(1 - 2 / 3).correct  # the same value computed another way
    fb = fb_of(0.3333)
    assert fb.rung == "rounded" and "rounded to 4 decimal places" in fb.message
    fb = fb_of(0.33)
    assert "rounded to 2 decimal places" in fb.message and "(0.33)" in fb.message
    make(lambda: 1 / 3, id="99.8", places=2, ask="Give it to 2 decimal places.")
    assert fb_of(0.33, "99.8").correct and fb_of(1 / 3, "99.8").correct
    assert not fb_of(0.34, "99.8").correct
    assert "2 decimal places" in fb_of(..., "99.8").message


def test_none_nan_and_infinity(make):
    make(0.25, has_ratio=True)
    fb = fb_of(None)
    assert fb.status == "wrong" and fb.rung == "none" and "in-place" in fb.message
    for missing in (np.nan, pd.NA, pd.NaT, float("nan")):
        fb = fb_of(missing)
        assert fb.rung == "nan" and "NaN" in fb.message and "division by zero" in fb.message
    assert fb_of(float("inf")).rung == "nan"
    make(0.25, id="99.8")
    assert "division" not in fb_of(np.nan, "99.8").message  # no ratio: no denominators


def test_percent_scale_complement_and_rounded_percent(make):
    make(0.25)
    fb = fb_of(25)
    assert fb.rung == "percent" and "percentage" in fb.message and "0.25, not 25" in fb.message
    assert fb_of(0.0025).rung == "percent"
    fb = fb_of(0.75)
    assert fb.rung == "complement" and "1 minus" in fb.message
    fb = fb_of(0.5)
    assert fb.rung == "scale" and "2 times" in fb.message and "divi" not in fb.message
    make(lambda: 0.68883, id="99.8", has_ratio=True)
    fb = fb_of(68.9, "99.8")
    assert fb.rung == "percent" and "don't round" in fb.message
    assert "division missing" in fb_of(0.68883 * 3, "99.8").message
    make(1.5, id="99.7")  # not a share: x100 is a scale, not a percentage
    fb = fb_of(150.0, "99.7")
    assert fb.rung == "scale" and "100 times" in fb.message and "percentage" not in fb.message
    assert "per cent" in fb.message  # a rate used as a percentage is still the likely slip
    assert fb_of(0, "99.7").rung == "zero"


def test_the_generic_number_message_knows_the_exercise(make):
    make(100.0)
    fb = fb_of(137.0)
    assert fb.rung == "generic" and "too high" in fb.message
    assert not re.search(r"filter|divide|denominator|numerator|round", fb.message, re.I)
    make(100.0, id="99.8", has_filter=True, has_ratio=True)
    fb = fb_of(137.0, "99.8")
    assert "filter" in fb.message and "divide" in fb.message


LABELLED = pd.Series({"wallflower": 0.1, "butterfly": 0.45, "broadcaster": 0.25}, name="trust").rename_axis("persona")


def test_right_values_under_wrong_labels_are_named(make):
    make(LABELLED)
    assert fb_of(LABELLED.to_dict()).correct
    assert fb_of(LABELLED.sort_values()).correct
    cases = {
        "case": LABELLED.rename(index=str.title),
        "plural": LABELLED.rename(index=lambda s: s + "s"),
        "spaces": LABELLED.rename(index=lambda s: s + " "),
        "reset_index": LABELLED.reset_index(drop=True),
        "swapped": pd.Series(LABELLED.to_numpy()[[1, 2, 0]], index=LABELLED.index),
    }
    for detail, answer in cases.items():
        fb = fb_of(answer)
        assert fb.rung == "labels" and fb.detail == detail, (detail, fb)
    assert "capitals" in fb_of(cases["case"]).message and '"wallflower"' in fb_of(cases["case"]).message
    assert "0, 1, 2" in fb_of(cases["reset_index"]).message
    assert "swapped" in fb_of(cases["swapped"]).message
    handles = pd.Series({"@Abbey": 0.1, "@Brook": 0.2}).rename_axis("handle")
    make(handles, id="99.8")
    fb = fb_of(handles.rename(index=lambda s: s.lstrip("@")), "99.8")
    assert fb.rung == "labels" and fb.detail == "at" and '"@"' in fb.message


def test_right_values_in_the_wrong_container(make):
    make(LABELLED)
    fb = fb_of(LABELLED.tolist())
    assert fb.rung == "container" and "labels" in fb.message
    assert "pd." not in fb.message and '{"wallflower": ...' in fb.message  # a dict works anywhere
    fb = fb_of(LABELLED.to_frame())
    assert fb.rung == "container" and "['trust']" in fb.message
    fb = fb_of(LABELLED.reset_index())
    assert fb.rung == "container" and fb.detail == "reset_index" and "reset_index" in fb.message
    fb = fb_of(LABELLED.to_numpy())
    assert fb.rung == "container"
    make(LABELLED, id="99.8", imports=("pd",))
    assert "pd.Series({" in fb_of(LABELLED.tolist(), "99.8").message


def test_a_long_series_never_gets_a_long_message(make):
    big = pd.Series(np.linspace(0.01, 0.99, 120), index=[f"@Business{i:03d}" for i in range(120)]).rename_axis("handle")
    make(big)
    for answer in (big.tolist(), big.to_numpy(), big.head(), big * 100, big.reset_index(), 0.4, "x" * 5000):
        fb = fb_of(answer)
        assert len(fb.message) <= 300 and "pd." not in fb.message, fb.message
    fb = fb_of(big.head())
    assert fb.rung == "top_n" and ".head()" in fb.message and "115" in fb.message
    extra = pd.concat([big, pd.Series({"@Resident": 0.5})])
    fb = fb_of(extra)
    assert fb.rung == "length" and "extra" in fb.message and '"@Resident"' in fb.message


def test_sets_accept_any_collection_and_name_what_differs(make):
    names = {"@a", "@b", "@c"}
    make(names, has_filter=True)
    for answer in (
        ["@c", "@b", "@a"],
        ("@a", "@b", "@c"),
        pd.Index(["@a", "@b", "@c"]),
        pd.Series(["@a", "@b", "@c", "@a"]),
        np.array(["@a", "@b", "@c"]),
        frozenset(names),
    ):
        assert fb_of(answer).correct, answer
    talks = pd.Series({"@a": False, "@b": False, "@c": False, "@d": True})
    fb = fb_of(~talks)
    assert fb.rung == "bool_mask" and "set(x[x].index)" in fb.message
    fb = fb_of(talks)
    assert fb.rung == "bool_mask" and "set(x[~x].index)" in fb.message
    fb = fb_of(pd.Series(0.0, index=sorted(names)))
    assert fb.rung == "container" and "set(x.index)" in fb.message
    fb = fb_of({"@a", "@b", "@c", "@d"})
    assert fb.rung == "set_diff" and "filter keeps 1 name too many" in fb.message
    fb = fb_of({"a", "b", "c"})
    assert fb.rung == "labels" and '"@"' in fb.message
    fb = fb_of("@a")
    assert fb.rung == "type" and "collection" in fb.message
    assert fb_of(set()).detail == "empty"


def test_top_n_where_one_label_was_asked(make):
    make("Theresa Anderson")
    scores = pd.Series({"Theresa Anderson": 0.3, "Evelyn Jefferson": 0.05, "Nora Fayette": 0.2})
    fb = fb_of(scores.nlargest(1))
    assert fb.rung == "top_n" and ".idxmax()" in fb.message and "label itself" in fb.message
    fb = fb_of(scores.sort_values(ascending=False))
    assert fb.rung == "top_n" and ".index[0]" in fb.message
    fb = fb_of(scores.sort_values())
    assert fb.rung == "top_n" and ".index[-1]" in fb.message
    assert fb_of(scores).rung == "top_n" and ".idxmax()" in fb_of(scores).message
    assert fb_of(scores.to_dict()).rung == "top_n" and "max(d, key=d.get)" in fb_of(scores.to_dict()).message
    assert fb_of(("Theresa Anderson", 0.3)).rung == "container"
    for variant, detail in (("theresa anderson", "case"), ("Theresa", "first_name"), (" Theresa Anderson", "spaces")):
        fb = fb_of(variant)
        assert fb.rung == "labels" and fb.detail == detail, (variant, fb)
    fb = fb_of(0.3)
    assert fb.rung == "type" and ".idxmax()" in fb.message
    fb = fb_of(scores > 0.25)
    assert fb.rung == "bool_mask"


def test_one_number_inside_a_series_or_as_a_column(make):
    make(0.2)
    s = pd.Series({2: 0.2, 3: 0.5, 4: 0.3})
    fb = fb_of(s)
    assert fb.rung == "container" and ".loc[2]" in fb.message
    assert fb_of(s.loc[[2]]).rung == "container" and ".iloc[0]" in fb_of(s.loc[[2]]).message
    mask = pd.Series([True, False, False, False, True, False, False, False, False, False])
    fb = fb_of(mask)
    assert fb.rung == "bool_mask" and ".mean()" in fb.message
    make(2, id="99.8")
    fb = fb_of(mask, "99.8")
    assert fb.rung == "bool_mask" and ".sum()" in fb.message
    fb = fb_of(pd.DataFrame({"x": [1, 2], "y": [3, 4]}), "99.8")
    assert fb.rung == "type" and "len(" in fb.message  # the rows themselves


def test_wrong_types_are_named(make):
    make(0.25)
    for answer, words in (
        ("0.25", "as text"),
        ("abc", "text"),
        (pd.DataFrame({"a": [1], "b": [2]}), "table"),
        ({"a": 1}, "dictionary"),
        (len, "function"),
        (pd, "module"),
        ((x for x in range(3)), "generator"),
        (True, "yes/no"),
    ):
        fb = fb_of(answer)
        assert fb.rung == "type" and words in fb.message, (answer, fb)


def test_check_never_raises_whatever_the_exercise(make):
    for i, expected in enumerate(
        (
            3,
            0.25,
            "Theresa Anderson",
            {"@a", "@b"},
            LABELLED,
            pd.Series({"knows": 10, "likes": 3}),
            pd.DataFrame({"a": [1]}),
        )
    ):
        make(expected, id=f"99.{i + 10}")
        for value in ODD:
            fb = fb_of(value, f"99.{i + 10}")
            assert fb.status in ("wrong", "unanswered"), (expected, type(value), fb)


def test_mistakes_win_over_the_ladder_and_carry_their_key(make):
    make(
        0.25,
        mistakes=(
            Mistake("Those are percentages of the wrong group.", answer=lambda: 75.0),
            Mistake("A percentage: the rule's own words.", answer=lambda: 25.0, key="pct"),
            Mistake("Never computed.", answer=lambda: 1 / 0),
            Mistake("Bad detector.", matches=lambda a, e: pd.Series([1, 2]) == 1),
        ),
    )
    fb = fb_of(25.0)
    assert fb.rung == "mistake" and fb.detail == "pct" and fb.message == "A percentage: the rule's own words."
    fb = fb_of(75.0)
    assert fb.rung == "mistake" and fb.detail == "m1"
    assert fb_of(0.5).rung == "scale"  # the broken mistakes are skipped, the ladder goes on


def test_a_failing_expected_answer_is_calm(make):
    make(lambda: 1 / 0)
    fb = fb_of(1)
    assert fb.status == "error" and fb.rung == "error" and "ZeroDivisionError" in fb.message
    assert "kit's problem" in fb.message and "! 99.9" in str(fb)


def test_inputs_the_learner_chose_are_used(make):
    calls = []

    def share(guests=40):
        calls.append(guests)
        return 1 / guests

    seen = []
    make(
        share,
        mistakes=(
            Mistake("You divided by twice the guests.", answer=lambda guests=40: 1 / (2 * guests)),
            Mistake("Never.", matches=lambda a, e, guests=40: seen.append(guests) or False),
            Mistake("Nor this.", matches=lambda a, e: False),
        ),
        checks_on="the room's party: 40 guests",
    )
    assert fb_of(1 / 40).correct
    assert fb_of(1 / 20, guests=20).correct and not fb_of(1 / 40, guests=20).correct
    fb = fb_of(1 / 40, guests=20)  # the mistake computed on the learner's 20 guests
    assert fb.rung == "mistake" and fb.message == "You divided by twice the guests."
    assert fb_of(1 / 80, guests=20).rung == "scale" and "1/4" in fb_of(1 / 80, guests=20).message
    assert fb_of(1 / 80).rung == "mistake"  # without inputs: the mistake on the default 40 guests
    fb = fb_of(0.1, seed=3)
    assert fb.status == "error" and fb.rung == "inputs" and "seed=" in fb.message and "40 guests" in fb.message
    fb = fb_of(0.1, guests=0)
    assert fb.rung == "inputs" and "guests=" in fb.message
    fb_of(0.9)
    assert seen[-1] == 40 and 20 in seen, "a matches that takes the inputs gets them"
    before = len(calls)
    for _ in range(20):
        check("99.9", 0.5, guests=20)
    assert len(calls) == before, "the expected answer is cached per inputs"


def test_expected_answers_are_cached_per_data_version(make, monkeypatch):
    calls = []
    make(lambda: calls.append(1) or 5)
    for _ in range(50):
        check("99.9", 4)
    assert len(calls) == 1
    monkeypatch.setattr(cache, "data_version", lambda: ("another town",))
    check("99.9", 4)
    assert len(calls) == 2


def test_the_data_version_follows_the_folder_and_its_files(tmp_path, monkeypatch):
    from kit.scenario import data_dir

    src = data_dir()
    for name in ("scenario.toml", "datapackage.json"):
        shutil.copy(src / name, tmp_path / name)
    here = cache.data_version()
    monkeypatch.setenv("SEMINAR_KIT_DATA", str(tmp_path))
    there = cache.data_version()
    assert there != here and there[0] == str(tmp_path.resolve())
    st = (tmp_path / "scenario.toml").stat()
    os.utime(tmp_path / "scenario.toml", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert cache.data_version() != there  # a rebuilt file is a new version


def test_checks_and_hints_are_recorded_without_the_answer(make, monkeypatch):
    import kit.workspace

    events = []
    monkeypatch.setattr(kit.workspace, "record", events.append)
    make(0.25, hints=("One.", "Two."))
    monkeypatch.setattr(ex_mod, "_HINTS_SHOWN", {})
    check("99.9", 25.0)
    check("99.9", 0.25)
    hint("99.9"), hint("99.9"), hint("99.9")
    assert events[0] == {"type": "check", "exercise": "99.9", "status": "wrong", "rung": "percent", "detail": "x100"}
    assert events[1]["status"] == "correct" and events[1]["rung"] == "correct"
    assert [e["n"] for e in events[2:]] == [1, 2, 0] and all(e["type"] == "hint" for e in events[2:])
    assert all("25" not in str(v) for e in events for v in e.values())

    def broken(event):
        raise OSError("disk full")

    monkeypatch.setattr(kit.workspace, "record", broken)
    assert check("99.9", 0.25).correct  # recording can never break a check


@pytest.mark.parametrize(
    "module, source",
    [("kit.solutions.no_such_workshop", None), ("broken_solutions_98", "raise RuntimeError('half-written')")],
)
def test_a_declared_workshop_that_fails_to_import_is_an_error(monkeypatch, tmp_path, module, source):
    """A solutions module the manifest declares but that cannot load is an error, never a skip."""
    if source is not None:
        (tmp_path / f"{module}.py").write_text(source)
        monkeypatch.syspath_prepend(str(tmp_path))
    entry = workshops.Workshop(
        "98",
        "broken",
        "Broken",
        topic="kit.social",
        charts="kit.ui.social",
        solutions=module,
        about="A workshop whose solutions cannot load.",
    )
    monkeypatch.setattr(workshops, "WORKSHOPS", workshops.WORKSHOPS + (entry,))
    assert WORKSHOP_MODULES["98"] == module
    with pytest.raises(ImportError, match=f"workshop 98's exercises module {module} failed to import"):
        exercises("98")
    with pytest.raises(ImportError, match=module):
        exercises()  # every workshop: the broken one is not skipped
    fb = check("98.1", 1)
    assert fb.status == "error" and "kit's problem" in fb.message
    sys.modules.pop(module, None)


def test_generic_helper_and_old_names_still_import():
    from kit.exercises import _HINTS_SHOWN, _REGISTRY, Text, _generic  # noqa: F401

    assert "percentage" in _generic(45.0, 0.45)
    assert "single number" not in _generic(pd.Series([1, 2]), 3)
    assert "one number" in _generic(pd.Series([1, 2]), 4)
    assert "too high" in _generic(130, 100)
    assert "should not be there" in _generic({"a", "b"}, {"a", "c"})
    assert "1 is missing" in _generic({"a"}, {"a", "c"})
    assert "rounded to 2" in _generic(0.69, 0.6888)


def test_a_rebuilt_table_is_never_checked_against_a_stale_answer(data_copy):
    """End to end: change the accounts table in a private data folder; the check follows."""
    accounts = data_copy / "accounts.csv"
    n = int((pd.read_csv(accounts)["kind"] == "business").sum())
    assert check("00.1", n).correct
    lines = accounts.read_text().splitlines(keepends=True)
    header = lines[0].split(",")
    kind = header.index("kind")
    drop = next(i for i, line in enumerate(lines[1:], 1) if line.split(",")[kind] == "business")
    accounts.write_text("".join(lines[:drop] + lines[drop + 1 :]))
    st = accounts.stat()
    os.utime(accounts, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert check("00.1", n - 1).correct
    fb = check("00.1", n)
    assert fb.rung == "count_off" and "1 more" in fb.message


def test_shares_out_of_range_and_numbers_typed_as_text(make):
    make(0.6857)
    fb = fb_of(1.7)
    assert fb.rung == "out_of_range" and "more than 1" in fb.message
    assert fb_of(-0.2).rung == "out_of_range"
    fb = fb_of("68.6%")
    assert fb.rung == "type" and fb.detail == "text_number" and "percentage" in fb.message
    make(lambda: 1 / 7, id="99.8")
    fb = fb_of(np.float32(1 / 7), "99.8")
    assert fb.rung == "type" and "float32" in fb.message
    fb = fb_of(0.68)
    assert fb.rung == "rounded" and "cut (truncated) to 2" in fb.message


def test_one_label_or_one_value_where_a_series_was_wanted(make):
    make(LABELLED)
    fb = fb_of("butterfly")
    assert fb.rung == "top_n" and fb.detail == "label_only" and "whole Series" in fb.message
    fb = fb_of(0.45)
    assert fb.rung == "type" and '"butterfly" only' in fb.message and "three values" in fb.message
    fb = fb_of(LABELLED > 0.2)
    assert fb.rung == "bool_mask" and ".mean()" in fb.message
    fb = fb_of({})
    assert fb.rung == "length" and "empty" in fb.message


def test_names_given_with_their_scores(make):
    make({"Ann Lee", "Bo Yi"}, label="woman")
    fb = fb_of([("Ann Lee", 0.3), ("Bo Yi", 0.2)])
    assert fb.rung == "container" and "names only" in fb.message
    fb = fb_of(pd.Series({"Ann Lee": 0.3, "Bo Yi": 0.2, "Cy Do": 0.1}))
    assert fb.rung == "set_diff" and "labels are the names" in fb.message and "1 name should not" in fb.message
    fb = fb_of({"Ann Lee": 1, "Bo Yi": 2})
    assert fb.rung == "container" and "women asked for" in fb.message


def test_a_few_labelled_values_say_which_is_off(make):
    make(pd.Series({"precision": 0.9463, "recall": 0.5643}, name="score"), label="measure")
    fb = fb_of(pd.Series({"precision": 0.9463, "recall": 0.5}))
    assert fb.rung == "generic"
    assert 'value for "precision" is right' in fb.message and 'one for "recall" is not' in fb.message
    many = pd.Series(np.linspace(0.1, 0.7, 7), index=list("abcdefg"))
    make(many, id="99.10")
    wrong = many.copy()
    wrong.iloc[:2] = 0.99
    assert "2 of 7 values differ" in fb_of(wrong, "99.10").message  # too many labels to list


def test_a_right_answer_a_known_shortcut_also_gives_says_so_and_names_the_method(make):
    """On a learner's own export a shortcut can land on the right number: the check says so."""
    from kit.exercises import Mistake

    def replies_only(posts=None):
        return float((posts["kind"] == "reply").mean())

    def expected(posts=None):
        return float(posts["kind"].isin(["reply", "retweet"]).mean())

    make(
        expected,
        mistakes=(
            Mistake(
                "You counted replies only.", answer=replies_only, key="replies_only", shortcut="counting replies only"
            ),
        ),
        method="replies and retweets, as a share of all posts.",
    )
    no_retweets = pd.DataFrame({"kind": ["reply", "original", "original", "reply"]})
    fb = fb_of(0.5, posts=no_retweets)
    assert fb.status == "correct" and fb.detail == "also:replies_only"
    assert "counting replies only would give it too" in fb.message and fb.message.startswith("Right answer")
    assert "it is replies and retweets" in fb.message
    with_retweets = pd.DataFrame({"kind": ["reply", "retweet", "original", "original"]})
    assert fb_of(0.5, posts=with_retweets).message == "Well done."  # here only the method gives it
    assert fb_of(0.25, posts=with_retweets).detail == "replies_only"  # and the shortcut is caught


def test_two_shortcuts_that_land_on_one_wrong_number_are_both_named(make):
    """On a learner's own data two shortcuts can give one number: naming only one could mislead."""
    from kit.exercises import Mistake

    make(
        lambda posts=None: float(posts["kind"].isin(["reply", "retweet"]).mean() + posts["mention"].mean()),
        mistakes=(
            Mistake(
                "You looked at the kind only.",
                key="kind_only",
                shortcut="looking at the kind only",
                answer=lambda posts=None: float(posts["kind"].isin(["reply", "retweet"]).mean()),
            ),
            Mistake(
                "You left retweets out.",
                key="no_retweets",
                shortcut="leaving retweets out",
                answer=lambda posts=None: float((posts["kind"] == "reply").mean() + posts["mention"].mean()),
            ),
        ),
        method="replies, retweets and mentions.",
    )
    tied = pd.DataFrame({"kind": ["reply", "retweet", "original", "original"], "mention": [0, 0, 1, 0]})
    fb = fb_of(0.5, posts=tied)  # kind only: 2/4; no retweets: 1/4 + 1/4
    assert fb.rung == "mistake" and fb.detail == "kind_only"
    assert "looking at the kind only" in fb.message and "or leaving retweets out" in fb.message
    assert "two slips give this number: looking at the kind only; or leaving retweets out" in fb.message
    apart = pd.DataFrame({"kind": ["reply", "retweet", "original", "original"], "mention": [0, 0, 0, 0]})
    assert fb_of(0.25, posts=apart).message == "You left retweets out."  # only one gives 0.25 here


def test_a_names_written_differently_example_shows_a_name_that_differs():
    """With only some names mis-spelt, the example is one of those (not "@X, not @X")."""
    from kit.mine import my_export
    from kit.own import friends

    posts = my_export(demo=True).tables["posts"]
    right = sorted(friends(posts))
    assert len(right) >= 2
    fb = check("06.4", set(right[:-1]) | {right[-1].lower()}, posts=posts)
    assert fb.rung == "labels" and f'"{right[-1]}", not "{right[-1].lower()}"' in fb.message
