"""check() never raises and always answers in a sentence, whatever a learner passes it (Hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.exercises import check, exercises

IDS = [e.id for e in exercises()]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.just(...),
    st.just(pd.NA),
    st.just(pd.NaT),
    st.just(np.nan),
)
labels = st.one_of(
    st.text(max_size=12),
    st.integers(-5, 50),
    st.sampled_from(["@PooleBakery", "wallflower", "Wallflowers", "active", "passive", "know", "like", "trust"]),
)


@st.composite
def series(draw):
    keys = draw(st.lists(labels, max_size=8, unique=True))
    values = draw(
        st.lists(
            st.one_of(st.floats(allow_nan=True), st.integers(-1000, 1000), st.booleans()),
            min_size=len(keys),
            max_size=len(keys),
        )
    )
    return pd.Series(values, index=pd.Index(keys, dtype=object), dtype=object if values else float)


answers = st.recursive(
    st.one_of(scalars, series(), st.builds(lambda xs: np.array(xs), st.lists(st.floats(), max_size=6))),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.tuples(inner, inner),
        st.dictionaries(labels, inner, max_size=5),
        st.frozensets(st.one_of(st.text(max_size=8), st.integers()), max_size=5),
        st.builds(lambda s: s.to_frame() if isinstance(s, pd.Series) else pd.DataFrame(), series()),
    ),
    max_leaves=8,
)


@pytest.mark.parametrize("exercise_id", IDS)
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answer=answers)
def test_check_answers_anything_calmly(exercise_id, answer):
    fb = check(exercise_id, answer)
    assert fb.status in ("correct", "wrong", "unanswered", "error")
    assert fb.status != "error", f"the kit failed on {answer!r}: {fb.message}"
    assert 0 < len(fb.message) <= 300, fb.message
    assert "incorrect" not in fb.message.lower() and "traceback" not in fb.message.lower()
    assert "nan%" not in fb.message
    str(fb), fb._repr_html_()
