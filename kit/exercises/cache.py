"""Expected and mistake answers, computed once per data version and inputs.

A check computes its exercise's expected answer and its mistakes' answers from the data. The
corpus makes thousands of checks, so each is computed once per *data version* — the data folder
(``SEMINAR_KIT_DATA``) and the modification times of ``scenario.toml``, ``datapackage.json``
and every table file it lists — and per learner inputs. ``kit data build`` rewrites the files,
so their times change and nothing stale is ever used. (Reading the tables is cached by
:mod:`kit.data` already; this caches what the exercises compute from them.)

A computation that raises is remembered as that error, so the check can say so calmly.

>>> calls = []
>>> def f(**kw): calls.append(kw); return 42
>>> answer("99.0", "expected", f, {}), answer("99.0", "expected", f, {})
(42, 42)
>>> len(calls)
1
"""

from __future__ import annotations

import copy
import hashlib
import pickle
from collections import OrderedDict
from pathlib import Path

import pandas as pd

__all__ = ["data_version", "answer", "fingerprint", "Failed", "clear"]

_CACHE: OrderedDict = OrderedDict()
_SIZE = 512


class Failed:
    """A computation that raised: remembered so every check of that version reports it."""

    def __init__(self, error: BaseException):
        self.error = error

    def __repr__(self) -> str:
        return f"Failed({type(self.error).__name__}: {self.error})"


def _mtime(p: Path) -> int:
    try:
        return p.stat().st_mtime_ns
    except OSError:
        return -1


def data_version() -> tuple:
    """Identifies the data a check computes from; changes whenever any of its files change."""
    try:
        from ..data import package, package_path
        from ..scenario import data_dir

        d = data_dir()
        files = [d / "scenario.toml", package_path()]
        try:
            files += [d / r["path"] for r in package()["resources"]]
        except Exception:
            pass
        return (str(d),) + tuple(_mtime(f) for f in files)
    except Exception as e:  # never stop a check; an unreadable folder gets its own key
        return ("unreadable", type(e).__name__)


def fingerprint(inputs: dict) -> object:
    """A hashable key for the learner's inputs (tables by content), or None if uncacheable."""
    if not inputs:
        return ()
    parts = []
    for name in sorted(inputs):
        v = inputs[name]
        try:
            if isinstance(v, (pd.DataFrame, pd.Series)):
                h = hashlib.sha1(pd.util.hash_pandas_object(v, index=True).to_numpy().tobytes())
                h.update(repr(getattr(v, "columns", v.name)).encode())
                parts.append((name, type(v).__name__, v.shape, h.hexdigest()))
                continue
            if type(v).__hash__ is object.__hash__:  # hashed by identity: key on the contents
                raise TypeError("identity hash")
            hash(v)
            parts.append((name, v))
        except Exception:
            try:
                parts.append((name, hashlib.sha1(pickle.dumps(v)).hexdigest()))
            except Exception:
                return None
    return tuple(parts)


def clear() -> None:
    _CACHE.clear()


def answer(exercise_id: str, which: str, fn, inputs: dict, version: tuple | None = None, fp=...):
    """``fn(**inputs)``, cached per (exercise, which answer, data version, inputs).

    Returns the value, or a :class:`Failed` if ``fn`` raised. The value is shared between
    checks: callers must not change it (a copy is given to a mistake's ``matches``). A check
    passes the ``version`` (and the inputs' fingerprint ``fp``) it computed once for all its
    answers.
    """
    fp = fingerprint(inputs) if fp is ... else fp
    version = data_version() if version is None else version
    key = None if fp is None else (exercise_id, which, version, fp)
    if key is not None and key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    try:
        value = fn(**inputs)
    except Exception as e:
        value = Failed(e)
    if key is not None:
        _CACHE[key] = value
        while len(_CACHE) > _SIZE:
            _CACHE.popitem(last=False)
    return value


def private_copy(value):
    """A copy safe to hand to code that might change it."""
    try:
        if isinstance(value, (pd.DataFrame, pd.Series)):
            return value.copy()
        return copy.deepcopy(value)
    except Exception:
        return value
