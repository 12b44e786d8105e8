"""Answers as plain data: how a learner's answer leaves the grading sandbox.

Inside the sandbox ``check(id, answer)`` does not judge anything: it writes the answer (and any
inputs) as JSON with :func:`encode`. Outside, the grader reads it back with :func:`decode` and
checks it with the learner's data. JSON, never a pickle: reading a result can build only
numbers, text, lists, dicts, NumPy arrays and pandas objects, whatever the submission wrote.

What round-trips: ``None``, bools, ints, floats (NaN and infinities too), text, lists, tuples,
sets, dicts, NumPy scalars and arrays, pandas Series, Index (and MultiIndex) and DataFrames with
their dtypes (numbers, nullable numbers, bools, text, categories, dates with or without a time
zone), dates and timestamps. Anything else (a function, a chart, a widget) comes back as an
:class:`Opaque` that keeps its type's name and a short repr, so the check still says "a function"
rather than crash. Answers over :data:`MAX_ITEMS` values or :data:`MAX_DEPTH` levels are
:class:`Opaque` too.

>>> import pandas as pd
>>> s = pd.Series([0.5, float("nan")], index=pd.Index(["a", "b"], name="handle"), name="share")
>>> back = decode(encode(s))
>>> back.equals(s), back.index.name, back.name
(True, 'handle', 'share')
>>> decode(encode([1, (2, "x"), {3}]))
[1, (2, 'x'), {3}]
>>> decode(encode(len))
<a builtin_function_or_method: <built-in function len>>
>>> decode({"t": "pickle", "v": "gASV..."})
Traceback (most recent call last):
...
ValueError: not an encoded answer: unknown type 'pickle'
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["encode", "decode", "dumps", "loads", "Opaque", "MAX_ITEMS", "MAX_DEPTH", "MAX_BYTES"]

MAX_ITEMS = 200_000  # values in one answer, all containers together
MAX_DEPTH = 8  # containers inside containers
MAX_BYTES = 8 * 2**20  # one encoded answer


class Opaque:
    """An answer that is not plain data (a function, a chart, ...): its type's name and a repr."""

    def __init__(self, type_name: str, text: str = ""):
        self.type_name, self.text = str(type_name)[:80], str(text)[:300]

    def __repr__(self) -> str:
        return f"<a {self.type_name}: {self.text}>" if self.text else f"<a {self.type_name}>"

    def __eq__(self, other):
        return isinstance(other, Opaque) and (self.type_name, self.text) == (other.type_name, other.text)

    __hash__ = None


class _Budget:
    def __init__(self):
        self.left = MAX_ITEMS

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _TooBig


class _TooBig(Exception):
    pass


def _float(x: float):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _unfloat(v) -> float:
    return float(v)  # "nan", "inf" and "-inf" read back as text does


def _opaque(x) -> dict:
    try:
        text = repr(x)
    except Exception:  # noqa: BLE001 - a repr that raises is still an answer
        text = ""
    return {"t": "opaque", "type": type(x).__name__, "repr": text[:300]}


def _array(values: Any, budget: _Budget) -> dict:
    """A 1-d pandas array (a Series' values, an Index) as dtype + plain values."""
    arr = pd.array(values) if not isinstance(values, pd.api.extensions.ExtensionArray) else values
    dtype = arr.dtype
    n = len(arr)
    budget.take(n)
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "kind": "category",
            "codes": [int(c) for c in arr.codes],
            "categories": _index(pd.Index(dtype.categories), budget),
            "ordered": bool(dtype.ordered),
        }
    if isinstance(dtype, pd.DatetimeTZDtype) or str(dtype).startswith("datetime64"):
        ts = pd.DatetimeIndex(arr)
        tz = str(ts.tz) if ts.tz is not None else None
        utc = ts.tz_convert("UTC") if tz else ts
        return {
            "kind": "datetime",
            "dtype": str(dtype),
            "tz": tz,
            "unit": ts.unit,
            "v": [None if pd.isna(t) else int(t.value) for t in utc],
        }
    if str(dtype).startswith("timedelta64"):
        td = pd.TimedeltaIndex(arr)
        return {"kind": "timedelta", "unit": td.unit, "v": [None if pd.isna(t) else int(t.value) for t in td]}
    na = pd.isna(arr)
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        cast = bool if pd.api.types.is_bool_dtype(dtype) else int
        return {"kind": "plain", "dtype": str(dtype), "v": [None if m else cast(x) for x, m in zip(arr, na)]}
    if pd.api.types.is_float_dtype(dtype):
        return {
            "kind": "plain",
            "dtype": str(dtype),
            "v": [None if (m and not isinstance(x, float)) else _float(x) for x, m in zip(arr, na)],
        }
    if str(dtype) == "string":
        return {"kind": "plain", "dtype": "string", "v": [None if m else str(x) for x, m in zip(arr, na)]}
    return {"kind": "object", "v": [_enc(x, budget, 1) for x in np.asarray(arr, dtype=object)]}


def _unarray(a: dict):
    kind = a.get("kind")
    _take(len(a.get("codes") or a.get("v") or ()))
    if kind == "category":
        cats = _unindex(a["categories"])
        return pd.Categorical.from_codes(a["codes"], categories=cats, ordered=bool(a["ordered"]))
    if kind == "datetime":
        ts = pd.to_datetime(pd.Series(a["v"], dtype="float64").astype("Int64"), unit="ns")
        idx = pd.DatetimeIndex(ts)
        if a.get("tz"):
            idx = idx.tz_localize("UTC").tz_convert(a["tz"])
        return idx.as_unit(a.get("unit") or "ns").array
    if kind == "timedelta":
        td = pd.to_timedelta(pd.Series(a["v"], dtype="float64").astype("Int64"), unit="ns")
        return pd.TimedeltaIndex(td).as_unit(a.get("unit") or "ns").array
    if kind == "plain":
        dtype = a["dtype"]
        vals = a["v"]
        if "float" in dtype.lower():
            vals = [np.nan if v is None else _unfloat(v) for v in vals]
        return pd.array(vals, dtype=dtype)
    if kind == "object":
        out = np.empty(len(a["v"]), dtype=object)
        for i, v in enumerate(a["v"]):
            out[i] = _dec(v)
        return out
    raise ValueError(f"not an encoded answer: unknown array kind {kind!r}")


def _index(idx: pd.Index, budget: _Budget) -> dict:
    if isinstance(idx, pd.MultiIndex):
        return {
            "t": "multiindex",
            "names": [_enc(n, budget, 1) for n in idx.names],
            "levels": [_array(idx.get_level_values(i).array, budget) for i in range(idx.nlevels)],
        }
    if isinstance(idx, pd.RangeIndex):
        return {
            "t": "range",
            "start": int(idx.start),
            "stop": int(idx.stop),
            "step": int(idx.step),
            "name": _enc(idx.name, budget, 1),
        }
    return {"t": "index", "name": _enc(idx.name, budget, 1), "values": _array(idx.array, budget)}


def _unindex(d: dict) -> pd.Index:
    t = d.get("t")
    if t == "range":
        idx = pd.RangeIndex(int(d["start"]), int(d["stop"]), int(d["step"]), name=_dec(d["name"]))
        _take(len(idx))  # lazy, but a check may spell it out: as big as its values
        return idx
    if t == "multiindex":
        return pd.MultiIndex.from_arrays([_unarray(a) for a in d["levels"]], names=[_dec(n) for n in d["names"]])
    if t == "index":
        return pd.Index(_unarray(d["values"]), name=_dec(d["name"]), tupleize_cols=False)
    raise ValueError(f"not an encoded index: {t!r}")


def _enc(x, budget: _Budget, depth: int):
    if depth > MAX_DEPTH:
        raise _TooBig
    budget.take(1)
    if x is None:
        return {"t": "none"}
    if x is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(x, (bool, np.bool_)):
        return {"t": "bool", "v": bool(x)} if isinstance(x, bool) else {"t": "np", "dtype": "bool", "v": bool(x)}
    if isinstance(x, np.generic) and not isinstance(x, (np.datetime64, np.timedelta64)):
        if isinstance(x, np.integer):
            return {"t": "np", "dtype": str(x.dtype), "v": int(x)}
        if isinstance(x, np.floating):
            return {"t": "np", "dtype": str(x.dtype), "v": _float(x)}
        if isinstance(x, np.str_):
            return {"t": "str", "v": str(x)}
        return _opaque(x)
    if isinstance(x, int):
        return {"t": "int", "v": str(x)} if abs(x) >= 2**53 else {"t": "int", "v": x}
    if isinstance(x, float):
        return {"t": "float", "v": _float(x)}
    if isinstance(x, str):
        return {"t": "str", "v": x}
    if isinstance(x, pd.Timestamp) or (isinstance(x, dt.datetime)):
        t = pd.Timestamp(x)
        return {
            "t": "timestamp",
            "tz": str(t.tz) if t.tz is not None else None,
            "v": int((t.tz_convert("UTC") if t.tz is not None else t).value),
            "py": not isinstance(x, pd.Timestamp),
        }
    if isinstance(x, dt.date):
        return {"t": "date", "v": x.isoformat()}
    if isinstance(x, (pd.Timedelta, dt.timedelta)):
        return {"t": "timedelta", "v": int(pd.Timedelta(x).value), "py": not isinstance(x, pd.Timedelta)}
    if x is pd.NaT:
        return {"t": "nat"}
    if x is pd.NA:
        return {"t": "na"}
    if isinstance(x, pd.DataFrame):
        budget.take(x.size)
        return {
            "t": "frame",
            "columns": _index(x.columns, budget),
            "index": _index(x.index, budget),
            "data": [_array(x.iloc[:, i].array, budget) for i in range(x.shape[1])],
        }
    if isinstance(x, pd.Series):
        return {
            "t": "series",
            "name": _enc(x.name, budget, depth + 1),
            "index": _index(x.index, budget),
            "values": _array(x.array, budget),
        }
    if isinstance(x, pd.Index):
        return _index(x, budget)
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "biuf" and x.ndim >= 1:
            budget.take(x.size)
            flat = x.ravel().tolist()
            if x.dtype.kind == "f":
                flat = [_float(v) for v in flat]
            return {"t": "ndarray", "dtype": str(x.dtype), "shape": list(x.shape), "v": flat}
        if x.ndim == 1:
            return {
                "t": "ndarray1",
                "values": _array(
                    pd.array(x, dtype=x.dtype) if x.dtype.kind in "Mm" else pd.array(x.astype(object), dtype=object),
                    budget,
                ),
            }
        return _opaque(x)
    if isinstance(x, (list, tuple, set, frozenset)):
        kind = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset"}.get(type(x))
        if kind is None:
            return _opaque(x)
        items = sorted(x, key=repr) if kind in ("set", "frozenset") else x
        return {"t": kind, "items": [_enc(v, budget, depth + 1) for v in items]}
    if type(x) is dict:
        return {"t": "dict", "items": [[_enc(k, budget, depth + 1), _enc(v, budget, depth + 1)] for k, v in x.items()]}
    return _opaque(x)


class _Limits:
    """What one decode may build: at most MAX_ITEMS values, MAX_DEPTH + 4 levels (pandas objects
    nest a few levels of their own), whatever the submission wrote."""

    def __init__(self):
        self.left = MAX_ITEMS

    def take(self, n) -> None:
        n = int(n)
        if n < 0:
            raise ValueError("not an encoded answer: a negative size")
        self.left -= n
        if self.left < 0:
            raise ValueError(f"not an encoded answer: more than {MAX_ITEMS:,} values")


_LIMITS: list[_Limits] = []


def _take(n) -> None:
    if _LIMITS:
        _LIMITS[-1].take(n)


def _dec(d, depth: int = 0):
    if depth > MAX_DEPTH + 4:
        raise ValueError(f"not an encoded answer: nested more than {MAX_DEPTH + 4} levels")
    if not isinstance(d, dict) or not isinstance(d.get("t"), str):
        raise ValueError("not an encoded answer: expected an object with a type 't'")
    t = d["t"]
    _take(1)
    if t == "none":
        return None
    if t == "ellipsis":
        return Ellipsis
    if t == "bool":
        return bool(d["v"])
    if t == "int":
        return int(d["v"])
    if t == "float":
        return _unfloat(d["v"])
    if t == "str":
        return str(d["v"])
    if t == "np":
        dtype = np.dtype(d["dtype"])
        if dtype.kind not in "biuf":
            raise ValueError(f"not an encoded answer: NumPy type {d['dtype']!r}")
        return dtype.type(_unfloat(d["v"]) if dtype.kind == "f" else d["v"])
    if t == "timestamp":
        ts = pd.Timestamp(int(d["v"]), unit="ns")
        if d.get("tz"):
            ts = ts.tz_localize("UTC").tz_convert(d["tz"])
        return ts.to_pydatetime() if d.get("py") else ts
    if t == "date":
        return dt.date.fromisoformat(d["v"])
    if t == "timedelta":
        td = pd.Timedelta(int(d["v"]), unit="ns")
        return td.to_pytimedelta() if d.get("py") else td
    if t == "nat":
        return pd.NaT
    if t == "na":
        return pd.NA
    if t == "frame":
        cols = _unindex(d["columns"])
        index = _unindex(d["index"])
        data = {i: pd.Series(_unarray(a), index=index) for i, a in enumerate(d["data"])}
        frame = pd.DataFrame(data, index=index)
        frame.columns = cols
        return frame
    if t == "series":
        index = _unindex(d["index"])
        return pd.Series(_unarray(d["values"]), index=index, name=_dec(d["name"], depth + 1))
    if t in ("index", "range", "multiindex"):
        return _unindex(d)
    if t == "ndarray":
        dtype = np.dtype(d["dtype"])
        if dtype.kind not in "biuf":
            raise ValueError(f"not an encoded answer: array type {d['dtype']!r}")
        shape = [int(n) for n in d["shape"]]
        _take(max(len(d["v"]), math.prod(shape) if shape else 1))
        vals = [_unfloat(v) for v in d["v"]] if dtype.kind == "f" else d["v"]
        return np.array(vals, dtype=dtype).reshape(shape)
    if t == "ndarray1":
        return np.asarray(_unarray(d["values"]))
    if t in ("list", "tuple", "set", "frozenset"):
        _take(len(d["items"]))
        items = [_dec(v, depth + 1) for v in d["items"]]
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[t](items)
    if t == "dict":
        _take(len(d["items"]))
        return {_dec(k, depth + 1): _dec(v, depth + 1) for k, v in d["items"]}
    if t == "opaque":
        return Opaque(d.get("type", "object"), d.get("repr", ""))
    raise ValueError(f"not an encoded answer: unknown type {t!r}")


def encode(answer: Any) -> dict:
    """``answer`` as plain JSON-able data (never raises: what it cannot encode becomes opaque)."""
    try:
        return _enc(answer, _Budget(), 0)
    except _TooBig:
        size = getattr(answer, "size", None) or (len(answer) if hasattr(answer, "__len__") else "?")
        return {"t": "opaque", "type": type(answer).__name__, "repr": f"too large to grade ({size} values)"}
    except Exception:  # noqa: BLE001 - an answer whose own methods raise is still an answer
        return _opaque(answer)


def decode(data: dict) -> Any:
    """The answer :func:`encode` wrote (a ValueError for anything else; never runs code).

    What it builds is bounded like what :func:`encode` writes: at most :data:`MAX_ITEMS` values
    (a RangeIndex counts as long as it is), nested at most a few levels more than
    :data:`MAX_DEPTH`.

    >>> decode({"t": "range", "start": 0, "stop": 10**12, "step": 1, "name": {"t": "none"}})
    Traceback (most recent call last):
    ...
    ValueError: not an encoded answer: more than 200,000 values
    """
    _LIMITS.append(_Limits())
    try:
        return _dec(data)
    except ValueError:
        raise
    except (KeyError, TypeError, IndexError, OverflowError, AttributeError, RecursionError, MemoryError) as e:
        raise ValueError(f"not an encoded answer: {type(e).__name__}: {str(e)[:200]}") from None
    finally:
        _LIMITS.pop()


def dumps(obj) -> str:
    """One JSON line (no NaN literals: those are encoded as text)."""
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def loads(text: str):
    return json.loads(text)
