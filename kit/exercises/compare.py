"""Comparing an answer with the expected one: exact for counts, sets and text; close for reals.

Nothing here raises, whatever it is given: an answer that cannot be compared is simply not the
expected one.

* a **count** (an ``int`` expected, or a Series of an integer or boolean dtype) must match
  exactly (3035.0 is 3035; 3032 is not);
* a **real** value must match within a relative ``rel_tol`` (1e-9 by default: the same
  computation done another way), or within half a unit of the k-th decimal place when the
  exercise asks for ``places=k``;
* a **set** matches any collection of the same members (set, list, tuple, pandas Index, NumPy
  array, the values of a Series); only the members matter, not their order or repeats;
* a labelled **Series** matches a Series or dict with the same labels (compared as text, in any
  order) and the same values;
* **text** matches exactly.

>>> same(3035.0, 3035), same(3032, 3035)
(True, False)
>>> same(0.1 + 0.2, 0.3), same(0.3333, 1/3)
(True, False)
>>> same(0.3333, 1/3, places=4)
True
>>> same(pd.Series({"a": 1.0, "b": 2.0}), pd.Series({"b": 2.0, "a": 1.0}))
True
>>> same(["x", "y", "x"], {"y", "x"}), same(pd.Index(["x", "y"]), {"y", "x"})
(True, True)
>>> same(pd.Series([1, 2]).nlargest(1), "x")  # a Series where text is expected: no error
False
"""

from __future__ import annotations

import decimal
import fractions
import math
import numbers

import numpy as np
import pandas as pd

__all__ = ["same", "kind", "number", "members", "as_series", "is_missing"]

MEMBER_TYPES = (set, frozenset, list, tuple, pd.Index, np.ndarray, pd.Series)


def kind(expected) -> str:
    """What sort of answer is expected: count, real, bool, text, set, series, frame or other."""
    if isinstance(expected, (bool, np.bool_)):
        return "bool"
    if isinstance(expected, (numbers.Integral, np.integer)):
        return "count"
    if isinstance(expected, (numbers.Real, np.floating)):
        return "real"
    if isinstance(expected, str):
        return "text"
    if isinstance(expected, (set, frozenset)):
        return "set"
    if isinstance(expected, pd.Series):
        return "series"
    if isinstance(expected, pd.DataFrame):
        return "frame"
    return "other"


def number(x) -> float | None:
    """``x`` as a float if it is one plain number (not a bool, not text, not a container)."""
    try:
        if isinstance(x, (bool, np.bool_)) or x is None:
            return None
        if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf":
            return float(x)
        if isinstance(x, (numbers.Real, np.integer, np.floating, decimal.Decimal, fractions.Fraction)):
            return float(x)
    except Exception:
        return None
    return None


def is_missing(x) -> bool:
    """A scalar NaN, pd.NA or NaT (never raises)."""
    try:
        if x is pd.NA or x is pd.NaT:
            return True
        n = number(x)
        return n is not None and math.isnan(n)
    except Exception:
        return False


def members(x) -> set[str] | None:
    """The members of a collection, as text (``None`` if ``x`` is not a finite collection)."""
    try:
        if isinstance(x, (str, bytes, dict)) or not isinstance(x, MEMBER_TYPES):
            return None
        if isinstance(x, np.ndarray) and x.ndim != 1:
            return None
        values = x.tolist() if isinstance(x, (pd.Series, pd.Index, np.ndarray)) else list(x)
        return {str(v) for v in values}
    except Exception:
        return None


def as_series(x) -> pd.Series | None:
    """A labelled answer (Series or dict) as a Series; ``None`` for anything else."""
    try:
        if isinstance(x, pd.Series):
            return x
        if isinstance(x, dict):
            return pd.Series(x, dtype=object if not x else None)
    except Exception:
        return None
    return None


def _floats(s: pd.Series) -> np.ndarray | None:
    """A Series' values as floats (NaN for missing), or ``None`` if they are not numbers."""
    try:
        if isinstance(s.dtype, np.dtype) and s.dtype.kind in "iuf":  # NumPy's numbers: as they are
            return s.to_numpy(dtype=np.float64)
        if s.dtype == object:
            if any(isinstance(v, (str, bytes, bool, np.bool_)) for v in s.tolist()):
                return None
        if pd.api.types.is_bool_dtype(s.dtype):
            return s.astype("float64").to_numpy()
        if not (pd.api.types.is_numeric_dtype(s.dtype) or s.dtype == object):
            return None
        return pd.to_numeric(s, errors="raise").astype("float64").to_numpy(na_value=np.nan)
    except Exception:
        return None


def exact_series(expected: pd.Series) -> bool:
    """A Series of counts (integer or True/False values) must match exactly."""
    return pd.api.types.is_integer_dtype(expected.dtype) or pd.api.types.is_bool_dtype(expected.dtype)


def close_values(
    got: np.ndarray, exp: np.ndarray, exact: bool, rel_tol: float, abs_tol: float, places: int | None = None
) -> np.ndarray:
    """Element-wise: is each value the expected one (NaN matches NaN)?"""
    both_nan = np.isnan(got) & np.isnan(exp)
    if exact:
        return both_nan | (got == exp)
    ok = both_nan | np.isclose(got, exp, rtol=rel_tol, atol=abs_tol, equal_nan=False)
    if places is not None:
        ok |= np.abs(got - exp) <= 0.5 * 10.0**-places + 1e-12
    return ok


def _labels(s) -> list[str]:
    return [str(v) for v in s.index]


def _same_series(answer, expected: pd.Series, rel_tol, abs_tol, places) -> bool:
    got = as_series(answer)
    if got is None or len(got) != len(expected):
        return False
    got_labels, exp_labels = _labels(got), _labels(expected)
    if len(set(got_labels)) != len(got_labels) or set(got_labels) != set(exp_labels):
        return False
    row = {label: i for i, label in enumerate(got_labels)}
    order = np.fromiter((row[label] for label in exp_labels), np.intp, len(exp_labels))  # the expected order
    ev = _floats(expected)
    if ev is None:  # text values (or mixed): compare as text
        got_text = pd.Series(got.to_numpy(dtype=object)[order]).astype(str)
        return bool((got_text.to_numpy() == pd.Series(expected.to_numpy(dtype=object)).astype(str).to_numpy()).all())
    if _plain_numbers(got.dtype):  # read as they are: the same floats as through Python objects, sooner
        gv = _floats(got)
        gv = None if gv is None else gv[order]
    else:  # anything else as Python objects, so True/False and text are never numbers
        gv = _floats(pd.Series(got.to_numpy(dtype=object)[order]))
    if gv is None:
        return False
    return bool(close_values(gv, ev, exact_series(expected), rel_tol, abs_tol, places).all())


def _plain_numbers(dtype) -> bool:
    """Integers or floats, NumPy's or pandas' nullable ones (not True/False, not complex)."""
    return pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype)


def same(answer, expected, rel_tol: float = 1e-9, abs_tol: float = 1e-12, places: int | None = None) -> bool:
    """True when ``answer`` is the expected value (see the module's rules). Never raises."""
    try:
        return _same(answer, expected, rel_tol, abs_tol, places)
    except Exception:
        return False


def _same(answer, expected, rel_tol, abs_tol, places) -> bool:
    if answer is None or answer is Ellipsis:
        return False
    k = kind(expected)
    if k == "bool":
        return isinstance(answer, (bool, np.bool_)) and bool(answer) == bool(expected)
    if k in ("count", "real"):
        a, e = number(answer), float(expected)
        if a is None:
            return False
        if math.isnan(e) or math.isnan(a):
            return math.isnan(e) and math.isnan(a)
        if k == "count":
            return a == e
        if places is not None and abs(a - e) <= 0.5 * 10.0**-places + 1e-12:
            return True
        return math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol)
    if k == "text":
        return isinstance(answer, str) and answer == expected
    if k == "set":
        if isinstance(answer, pd.Series) and pd.api.types.is_bool_dtype(answer.dtype):
            return False
        got = members(answer)
        return got is not None and got == {str(v) for v in expected}
    if k == "series":
        return _same_series(answer, expected, rel_tol, abs_tol, places)
    if k == "frame":
        if not isinstance(answer, pd.DataFrame) or answer.shape != expected.shape:
            return False
        try:
            pd.testing.assert_frame_equal(
                answer.reset_index(drop=True),
                expected.reset_index(drop=True),
                check_dtype=False,
                check_categorical=False,
                rtol=rel_tol,
                atol=abs_tol,
            )
            return True
        except AssertionError:
            return False
    result = answer == expected
    return result is True or (isinstance(result, (bool, np.bool_)) and bool(result))
