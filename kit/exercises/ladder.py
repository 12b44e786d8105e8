"""The diagnosis ladder: what a wrong answer most likely is, named, with what to do next.

``check`` tries, in order: is it unanswered (``...``)? correct? ``None``? one of the exercise's
anticipated :class:`~kit.exercises.Mistake` s? Then this ladder, one rung after another, and
only when no rung names what happened, the catch-all ("generic"). Every message names what
happened and what to do in at most ~300 characters, mentions filters, denominators or rounding
only where the exercise has them (``Exercise.has_filter``, ``has_ratio``, or the learner rounded),
and suggests only code that runs in the exercise's notebook (``pd.`` only when
``Exercise.imports`` holds "pd"; otherwise methods of the learner's own objects, dicts and
built-ins).

``RUNGS`` lists every rung a :class:`~kit.exercises.Feedback` can carry (``Feedback.rung``):

=================  ==========================================================================
correct            the expected answer
unanswered         ``...``, or a collection still holding a ``...``
error              the kit could not compute the expected answer (the kit's fault, not yours)
inputs             the inputs passed to ``check(id, answer, **inputs)`` can't be used
mistake            an anticipated mistake of this exercise (``detail``: the mistake's key)
none               ``None``: an in-place method (or ``print``) gives back nothing
nan                NaN / NA / infinite, or some values of a Series missing
zero               0 where something was expected: nothing was counted
percent            a share given x100 (a percentage) or /100
scale              exactly k times (or 1/k of, or minus) the expected value
complement         1 minus the expected share: the other group
rounded            the expected value rounded (or cut) to k decimal places
out_of_range       a share below 0 or above 1
count_vs_share     a count where a share was wanted, or a share where a count was wanted
count_off          a whole number a little (up to 2%, or 5) away from the expected count
labels             right values under labels that differ (case, plural, "@", first name only,
                   stray spaces, a reset 0..n-1 index, swapped, other labels, repeats)
container          right content in the wrong container (list/array without labels, a
                   one-column table, a reset-index table, labels of a Series for a set, a
                   Series holding the one number asked for)
top_n              a sorted Series or its top rows (``nlargest``, ``head``) where one value or
                   label, or the whole Series, was wanted
bool_mask          a True/False column where names, a count or a share were wanted
length             a Series with labels missing or extra
set_diff           a collection of names with some extra and/or some missing
type               the wrong kind of thing (text for a number, a DataFrame, a function, ...)
generic            the catch-all: nothing more specific applies
=================  ==========================================================================

>>> from kit.exercises import Exercise
>>> ex = Exercise(id="99.0", title="Demo", expected=lambda: 0.25, solution=lambda: 0.25)
>>> diagnose(25.0, 0.25, ex).rung, diagnose(0.3, 0.25, ex).rung, diagnose(0.75, 0.25, ex).rung
('percent', 'rounded', 'complement')
"""

from __future__ import annotations

import inspect
import math
import re
import types
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .compare import _floats, as_series, close_values, exact_series, is_missing, kind, members, number, same

__all__ = ["RUNGS", "Diagnosis", "diagnose", "describe", "fit"]

RUNGS = (
    "correct",
    "unanswered",
    "error",
    "inputs",
    "mistake",
    "none",
    "nan",
    "zero",
    "percent",
    "scale",
    "complement",
    "rounded",
    "out_of_range",
    "count_vs_share",
    "count_off",
    "labels",
    "container",
    "top_n",
    "bool_mask",
    "length",
    "set_diff",
    "type",
    "generic",
)

LIMIT = 300


@dataclass(frozen=True)
class Diagnosis:
    rung: str
    message: str
    detail: str = ""

    def __post_init__(self):
        assert self.rung in RUNGS, self.rung


# --------------------------------------------------------------------------- wording helpers


def fit(message: str, limit: int = LIMIT) -> str:
    """At most ``limit`` characters, cut at a sentence end if possible."""
    message = " ".join(str(message).split())
    if len(message) <= limit:
        return message
    cut = message[: limit - 1]
    end = cut.rfind(". ")
    return (cut[: end + 1] if end > limit // 2 else cut.rstrip() + "…").strip()


def _q(x, n: int = 28) -> str:
    """A short quoted form of a label or text (never thousands of characters)."""
    try:
        s = str(x)
    except Exception:
        s = "?"
    s = s if len(s) <= n else s[: n - 1] + "…"
    return '"' + s.replace('"', "'") + '"'


_IRREGULAR = {"woman": "women", "man": "men", "person": "people", "child": "children"}


def _pl(word: str) -> str:
    """The plural of a label word: handle -> handles, woman -> women, category -> categories."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|ch|sh)$", word):
        return word + "es"
    return word + "s"


def _code(label) -> str:
    """A label as Python code for .loc[...] (numpy scalars as plain Python values)."""
    try:
        if isinstance(label, np.generic):
            label = label.item()
    except Exception:
        pass
    return repr(label)


def _join(labels) -> str:
    """ "a", "a and b", "a, b and c" (each label quoted)."""
    q = [_q(x, 24) for x in labels]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " and " + q[-1]


def _pick(col) -> str:
    """How to select a column in code, its label as Python writes it: ['rate'], [0], [True]."""
    if isinstance(col, (bool, np.bool_)):
        col = bool(col)
    elif isinstance(col, np.integer):
        col = int(col)
    elif not isinstance(col, (str, int)):
        col = str(col)
    return f"[{col!r}]" if len(repr(col)) <= 32 else "[column name]"


def _n(x: float) -> str:
    """A short number."""
    if float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:.4g}"


_WORDS = {
    0: "no",
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _words(n: int, word: str) -> str:
    """ "two values", "1,200 values": small counts in words."""
    return f"{_WORDS.get(n, f'{n:,}')} {word}" + ("" if n == 1 else "s")


def describe(x) -> str:
    """What the learner gave, in a few words (the type and size, never its contents)."""
    try:
        if x is None:
            return "None"
        if isinstance(x, (bool, np.bool_)):
            return f"{bool(x)} (a yes/no value)"
        if isinstance(x, str):
            return f"text ({_q(x)})"
        if number(x) is not None:
            return "a number"
        if isinstance(x, pd.DataFrame):
            return f"a table (DataFrame) of {_plural(len(x), 'row')} and {_plural(x.shape[1], 'column')}"
        if isinstance(x, pd.Series):
            what = "True/False column" if pd.api.types.is_bool_dtype(x.dtype) else "column"
            return f"a {what} (Series) of {_plural(len(x), 'value')}"
        if isinstance(x, pd.Index):
            return f"an Index (labels only) of {_plural(len(x), 'value')}"
        if isinstance(x, np.ndarray):
            return f"an array of {_plural(x.size, 'value')}"
        if isinstance(x, dict):
            return f"a dictionary of {_plural(len(x), 'item')}"
        if isinstance(x, (set, frozenset)):
            return f"a set of {_plural(len(x), 'item')}"
        if isinstance(x, list):
            return f"a list of {_plural(len(x), 'item')}"
        if isinstance(x, tuple):
            return f"a tuple of {_plural(len(x), 'item')}"
        if isinstance(x, types.ModuleType):
            return f"a module ({_q(x.__name__)})"
        if inspect.isclass(x):
            return f"a type ({_q(x.__name__)})"
        if callable(x):
            return f"a function ({_q(getattr(x, '__name__', 'function'))}), not its result"
        if isinstance(x, types.GeneratorType) or inspect.isgenerator(x):
            return "a generator"
    except Exception:
        pass
    return f"a {type(x).__name__}"


class _Ctx:
    def __init__(self, ex, expected):
        self.ex = ex
        self.expected = expected
        self.kind = kind(expected)
        self.pd = "pd" in getattr(ex, "imports", ())
        self.filter = bool(getattr(ex, "has_filter", False))
        self.ratio = bool(getattr(ex, "has_ratio", False))
        label = getattr(ex, "label", "") or (getattr(getattr(expected, "index", None), "name", None) or "")
        self.label = str(label) if label else "label"
        self.labels = f"{label} labels" if label else "labels"  # "the handle labels" / "the labels"
        self.by = f"by {label}" if label else "as in the data"
        self.names = _pl(str(label)) if label else "names"
        self.rel = getattr(ex, "rel_tol", 1e-9)
        self.abs = getattr(ex, "abs_tol", 1e-12)
        self.places = getattr(ex, "places", None)
        self.ask = getattr(ex, "ask", "") or ""

    def wanted(self) -> str:
        """What the answer is, in a few words."""
        k = self.kind
        if k == "count":
            return "one whole number"
        if k == "real":
            return "one number"
        if k == "text":
            return "one name, as text"
        if k == "set":
            return f"a collection of {self.names}"
        if k == "series":
            return f"one value per {self.label} ({_words(len(self.expected), 'value')})"
        if k == "frame":
            return "a table"
        return "a value"

    def with_ask(self, message: str) -> str:
        """Add the exercise's one-line ``ask`` when it fits."""
        if self.ask and len(message) + 1 + len(self.ask) <= LIMIT:
            return f"{message} {self.ask}"
        return message

    def tip(self) -> str:
        tips = []
        if self.filter:
            tips.append("which rows your filter keeps")
        if self.ratio:
            tips.append("what you count and what you divide by")
        return ("Check " + ", and ".join(tips) + ".") if tips else "Go through each step again against the question."


def _d(rung: str, message: str, detail: str = "") -> Diagnosis:
    return Diagnosis(rung, fit(message), detail)


# --------------------------------------------------------------------------- value transforms


def _rounds_to(g: np.ndarray, t: np.ndarray) -> str | None:
    """ "k" if ``g`` is ``t`` rounded to k (0..6) decimal places, "k,cut" if cut (truncated)."""
    # a share rounded to a whole number is 0 or 1: any guess of 1 would "match", so not a diagnosis
    first = 1 if np.any(np.abs(t) < 1) else 0
    for k in range(first, 7):
        scale = 10.0**k
        for r, how in (
            (np.round(t, k), ""),
            (np.floor(t * scale + 0.5) / scale, ""),
            (np.trunc(t * scale) / scale, ",cut"),
        ):
            if np.all(r == 0) or np.allclose(r, t, rtol=1e-12, atol=0):
                continue
            if np.allclose(g, r, rtol=1e-12, atol=1e-12):
                return f"{k}{how}"
    return None


def _transform(g: np.ndarray, e: np.ndarray, ctx: _Ctx) -> tuple[str, str] | None:
    """Which simple transform of the expected values the answer's values are: (rung, detail)."""
    if g.shape != e.shape or not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))):
        return None
    close = lambda t: bool(np.allclose(g, t, rtol=1e-9, atol=1e-12))  # noqa: E731
    exact = ctx.kind == "count" or (ctx.kind == "series" and exact_series(ctx.expected))
    share = not exact and bool(np.all((e >= 0) & (e <= 1)))
    if np.all(g == 0) and np.any(e != 0):
        return "zero", ""
    if np.any(e != 0):
        for f, tag in ((100, "x100"), (0.01, "/100"), (1000, "x1000"), (0.001, "/1000")):
            k = None if close(e * f) else _rounds_to(g, e * f)
            if close(e * f) or k is not None:
                rung = "percent" if share and f in (100, 0.01) else "scale"
                return rung, tag + ("" if k is None else f",rounded{k.split(',')[0]}")
    if share:
        k = None if close(1 - e) else _rounds_to(g, 1 - e)
        if k is not None and _rounds_to(g, e) is not None:
            k = None  # rounded either way: the plain rounding is the likelier slip (the rung below)
        elif (close(1 - e) or k is not None) and not close(e):
            return "complement", "" if k is None else f"rounded{k.split(',')[0]}"
    if np.any(e != 0) and close(-e):
        return "scale", "negated"
    if np.any(e != 0):
        for k in range(2, 21):
            if close(e * k):
                return "scale", f"x{k}"
            if close(e / k):
                return "scale", f"/{k}"
    if not exact:
        k = _rounds_to(g, e)
        if k is not None:
            return "rounded", k
    whole = bool(np.all(g == np.round(g)))
    if share and whole and np.any(g >= 2):
        return "count_vs_share", "count"
    if exact:
        if not whole:
            if np.all((g > 0) & (g < 1)) and np.any(e >= 2):
                return "count_vs_share", "share"
            return "type", "not_whole"
        diff = g - e
        small = np.abs(diff) <= np.maximum(5, 0.02 * np.abs(e))  # 5, or 2% of a big count (a minute of an hour)
        if np.any(diff != 0) and np.all(small):
            if g.size == 1:
                return "count_off", f"{int(diff[0]):+d}"
            return "count_off", "over" if np.all(diff >= 0) else "under" if np.all(diff <= 0) else "mixed"
    return None


def _say_transform(rung: str, detail: str, ctx: _Ctx, shown: float | None, series: bool) -> str:
    yours = "Your values are" if series else "Your answer is"
    each = "each " if series else ""
    rounded = re.search(r"rounded", detail)
    also = " And don't round: give the value as computed." if rounded and rung != "rounded" else ""
    if rung == "zero":
        where = (
            " Check that your filter keeps any rows at all (print it)."
            if ctx.filter
            else " Check that each condition can be True (print each piece)."
        )
        return f"{yours} 0: nothing was counted.{where}"
    if rung == "percent":
        if detail.startswith("x100"):
            return (
                f"{yours} 100 times the expected {'shares' if series else 'share'}: that is a "
                "percentage. Give the share as a number between 0 and 1: 0.25, not 25." + also
            )
        return (
            f"{yours} 100 times too small: did you divide by 100? Give the share as a number "
            "between 0 and 1, as computed." + also
        )
    if rung == "scale":
        if detail == "negated":
            return (
                f"Right size, wrong sign: {yours.lower()} minus the expected "
                f"{'ones' if series else 'one'}. Look for a minus sign, or a subtraction done the "
                "wrong way round."
            )
        m = re.match(r"([x/])(\d+)", detail)
        op, k = m.group(1), int(m.group(2))
        if k == 1000:
            return (
                f"{yours} {'1,000 times' if op == 'x' else '1/1,000 of'} the expected "
                f"{'ones' if series else 'one'}: check the units (per thousand?)." + also
            )
        if op == "x" and k == 100:
            return (
                f"{yours} exactly 100 times the expected {'ones' if series else 'one'}: is a "
                "rate used in per cent (× 100), or something counted 100 times over? Give the "
                "value as computed." + also
            )
        if op == "x":
            why = " or is a division missing?" if ctx.ratio else "?"
            return (
                f"{yours} exactly {k} times the expected {'ones' if series else 'one'}: is "
                f"something counted {k} times over,{why}"
                if ctx.ratio
                else f"{yours} exactly {k} times the expected {'ones' if series else 'one'}: is "
                f"something counted {k} times over?"
            ) + also
        why = " did you divide by something extra?" if ctx.ratio else " is part of what should be counted left out?"
        return f"{yours} exactly 1/{k} of the expected {'ones' if series else 'one'}:{why}" + also
    if rung == "complement":
        return (
            f"{yours} {each}1 minus the expected {'share' if not series else 'shares'}: the share "
            "of the other group. Check which side the question asks for (~ flips True and "
            "False)." + also
        )
    if rung == "rounded":
        k = int(detail.split(",")[0])
        to = "a whole number" if k == 0 else f"{k} decimal place{'s' if k > 1 else ''}"
        how = "cut (truncated) to" if detail.endswith("cut") else "rounded to"
        got = "" if shown is None else f" ({shown:,.{k}f})" if k > 0 else f" ({_n(shown)})"  # all its digits
        return (
            f"{yours} the expected {'values' if series else 'value'} {how} {to}{got}. Give "
            "the value as computed, without round(), so the check can compare it exactly."
        )
    if rung == "count_vs_share":
        if detail == "count":
            how = (
                " Divide by the number of rows the share is out of"
                if ctx.ratio
                else " The .mean() of a True/False column gives the share of Trues"
            )
            return (
                f"{'Those are counts' if series else 'That is a count'}, but the answer is "
                f"{'a share' if not series else 'shares'} between 0 and 1.{how}."
            )
        return (
            f"{'Those look like shares or averages' if series else 'That looks like a share or an average'}"
            ", but the answer is a count, a whole number: .sum() of a True/False column counts "
            "the Trues, len(...) counts rows."
        )
    if rung == "count_off":
        more = detail.startswith("+") or detail == "over"
        many = "more" if more else "fewer"
        if detail == "mixed":
            many = "more or fewer"
        if series:
            head = f"Some of your counts are a few {many} than expected"
        else:
            head = f"Your count is {abs(int(detail))} {many} than expected"
        if ctx.filter:
            what = "keeps some rows it should not" if more else "leaves out some rows it should keep"
            if detail == "mixed":
                what = "keeps some wrong rows and misses some right ones"
            return f"{head}: your filter {what}. Check each condition at its edges (for example < versus <=)."
        return f"{head}: check exactly what you counted, edge cases included."
    if rung == "type" and detail == "not_whole":
        return (
            "The answer is a count, a whole number, but yours has a fraction"
            f"{f' ({shown:,.6g})' if shown is not None else ''}: count rows (.sum() of a "
            "True/False column, or len(...)) rather than averaging."
        )
    return ""


# --------------------------------------------------------------------------- label normalisers


def _singular(s: str) -> str:
    if len(s) > 4 and s.endswith("ies"):
        return s[:-3] + "y"
    if len(s) > 3 and s.endswith("s") and not s.endswith("ss"):
        return s[:-1]
    return s


_NORMALISERS = (
    ("spaces", lambda s: " ".join(s.split())),
    ("case", str.casefold),
    ("at", lambda s: s.lstrip("@")),
    ("plural", _singular),
    ("punctuation", lambda s: re.sub(r"[\W_]+", "", s)),
)

_LABEL_WHY = {
    "spaces": "stray spaces",
    "case": "capitals (upper/lower case) differ",
    "at": 'handles start with "@"',
    "plural": "singular, not plural (or the other way)",
    "punctuation": "spaces, underscores or punctuation differ",
    "first_name": "the full name, as in the data",
}


def _relabel(got: list[str], exp: list[str]) -> tuple[str, dict[str, str]] | None:
    """A normaliser that maps the answer's labels one-to-one onto the expected ones."""
    if len(got) != len(exp) or set(got) == set(exp):
        return None

    def attempt(fns):
        ng = {}
        ne = {}
        for s in exp:
            n = s
            for f in fns:
                n = f(n)
            if n in ne:
                return None
            ne[n] = s
        for s in got:
            n = s
            for f in fns:
                n = f(n)
            if n not in ne or n in ng:
                return None
            ng[n] = s
        return {ng[n]: ne[n] for n in ng}

    for name, fn in _NORMALISERS:
        m = attempt([fn])
        if m is not None:
            return name, m
    m = attempt([fn for _, fn in _NORMALISERS])
    if m is not None:
        used = [name for name, fn in _NORMALISERS if any(fn(a) != a for a in got) or any(fn(e) != e for e in exp)]
        return "+".join(used[:3]) or "spelling", m
    # first name only: each answer label is the first word of exactly one expected label
    firsts = {}
    for s in exp:
        w = s.split()[0] if " " in s.strip() else None
        if w is None or w in firsts:
            firsts = {}
            break
        firsts[w] = s
    if firsts and all(g in firsts for g in got) and len(set(got)) == len(got):
        return "first_name", {g: firsts[g] for g in got}
    return None


def _padded_numbers(got_labels: list[str], exp: pd.Series) -> str:
    """What to say when the labels are numbers written as zero-padded text ("07") where the data's
    are the numbers themselves (7), as ``.dt.strftime("%H")`` gives; else ""."""
    if not pd.api.types.is_integer_dtype(exp.index) or not all(re.fullmatch(r"\d+", x) for x in got_labels):
        return ""
    padded = [x for x in got_labels if x != str(int(x))]
    wanted = {int(v) for v in exp.index}
    if not padded or not {int(x) for x in got_labels} <= wanted:
        return ""
    missing = len(wanted) - len(got_labels)
    more = (
        f" Then {_plural(missing, 'label')} {'is' if missing == 1 else 'are'} still missing: "
        ".reindex(...) lists them all."
        if missing > 0
        else ""
    )
    return (
        f"Your labels are text ({_q(padded[0])}) where the data's are numbers ({int(padded[0])}): "
        "take the numbers themselves (`.dt.hour`, not text from `.dt.strftime`), or convert them "
        f"with `.index.astype(int)`.{more}"
    )


def _shift(g: np.ndarray, ev: np.ndarray, ctx) -> int:
    """k (1..3 or -1..-3) when the values are the expected ones moved k labels along (wrapping
    round, or not, the ends left out), else 0: a clock read in the wrong zone, a .shift(k)."""
    n = len(ev)
    if n < 6 or np.allclose(ev, ev[0]):
        return 0
    for k in (1, -1, 2, -2, 3, -3):
        if np.allclose(g, np.roll(ev, k), rtol=ctx.rel, atol=ctx.abs, equal_nan=False):
            return k
        inner = slice(k, None) if k > 0 else slice(None, k)
        outer = slice(None, -k) if k > 0 else slice(-k, None)
        if np.allclose(g[inner], ev[outer], rtol=ctx.rel, atol=ctx.abs) and not np.allclose(g, ev):
            return k
    return 0


def _label_phrase(name: str, a: str, e: str) -> str:
    why = "; ".join(_LABEL_WHY.get(n, "spelling differs") for n in name.split("+"))
    return f"{why}: {_q(e)}, not {_q(a)}"


# --------------------------------------------------------------------------- common rungs


def _common(answer, ctx: _Ctx) -> Diagnosis | None:
    if answer is None:
        return _d(
            "none",
            "Your answer is None: nothing was given back. An in-place method "
            "(.sort(), .append(), inplace=True) or print(...) returns None; give the value "
            "itself, or the method's result without inplace=True.",
        )
    if answer is pd.NA or answer is pd.NaT or is_missing(answer):
        if ctx.kind not in ("count", "real"):
            return _d(
                "nan",
                f"Your answer is NaN, one missing number, but the answer is {ctx.wanted()}. "
                "Print the steps before it to see where the values were lost.",
                "scalar",
            )
        why = "a division by zero, " if ctx.ratio else ""
        return _d(
            "nan",
            f"Your answer is NaN (not a number): usually {why}a calculation over no "
            "rows, or a label that isn't there. Print the pieces you combined to see which "
            "one is empty.",
        )
    n = number(answer)
    if n is not None and math.isinf(n):
        why = "a division by zero" if ctx.ratio else "a calculation that blew up"
        return _d("nan", f"Your answer is infinite: {why}. Print the pieces you combined.", "inf")
    if isinstance(answer, types.ModuleType):
        return _d(
            "type",
            f"You gave a module ({_q(answer.__name__)}), not an answer. Put the value "
            "you computed in the check instead.",
            "module",
        )
    if inspect.isclass(answer):
        return _d(
            "type", f"You gave a type ({_q(answer.__name__)}), not a value. Give the value you computed.", "class"
        )
    if isinstance(answer, types.GeneratorType) or inspect.isgenerator(answer):
        fix = "set(...)" if ctx.kind == "set" else "list(...)" if ctx.kind == "series" else "sum(...)"
        return _d(
            "type",
            f"You gave a generator (a recipe for values, not the values). Turn it "
            f"into the answer first, for example with {fix}.",
            "generator",
        )
    if callable(answer) and not isinstance(answer, (pd.Series, pd.DataFrame, pd.Index, np.ndarray)):
        name = getattr(answer, "__name__", "")
        call = f"{name}(...)" if name and name.isidentifier() and name != "<lambda>" else "it"
        return _d(
            "type",
            f"You gave a function or method, not its result: call {call} with "
            "brackets, e.g. .mean() rather than .mean.",
            "function",
        )
    return None


def _values(x) -> np.ndarray | None:
    """Numbers of a list/tuple/array/Series as floats, or None."""
    try:
        if isinstance(x, pd.Series):
            return _floats(x)
        if isinstance(x, (list, tuple, pd.Index)) or (isinstance(x, np.ndarray) and x.ndim == 1):
            vals = list(x)
            if vals and all(number(v) is not None for v in vals):
                return np.array([number(v) for v in vals], dtype=float)
    except Exception:
        return None
    return None


def _is_bools(x) -> bool:
    try:
        if isinstance(x, (pd.Series, pd.Index, np.ndarray)):
            return pd.api.types.is_bool_dtype(x.dtype) and len(x) > 0
        if isinstance(x, (list, tuple)):
            return len(x) > 0 and all(isinstance(v, (bool, np.bool_)) for v in x)
    except Exception:
        return False
    return False


# --------------------------------------------------------------------------- numbers


def _number(answer, ctx: _Ctx) -> Diagnosis:
    e = float(ctx.expected)
    a = number(answer)
    if a is not None:
        if isinstance(answer, (np.float32, np.float16)) and math.isclose(a, e, rel_tol=1e-6):
            return _d(
                "type",
                "Right to about 7 digits, but stored as a low-precision float32: give "
                "it as an ordinary number, float(...), computed without .astype('float32').",
                "float32",
            )
        hit = _transform(np.array([a]), np.array([e]), ctx)
        if hit:
            rung, detail = hit
            return _d(rung, _say_transform(rung, detail, ctx, a, series=False), detail)
        if ctx.kind == "real" and 0 <= e <= 1 and not 0 <= a <= 1:
            why = (
                "Something is counted more than once" + (", or divided by too little." if ctx.ratio else ".")
                if a > 1
                else "A share can't be negative: check the order of a subtraction."
            )
            return _d(
                "out_of_range",
                f"A share lies between 0 and 1, but yours is {_n(a)}, "
                f"{'more than 1' if a > 1 else 'less than 0'}. {why}",
                "above" if a > 1 else "below",
            )
        if e == 0 or not math.isfinite(e):
            return _d("generic", ctx.with_ask(f"Not the expected value yet. {ctx.tip()}"))
        off = abs(a - e) / abs(e)
        size = "a little" if off < 0.1 else "quite a lot" if off < 0.5 else "far"
        direction = "too high" if a > e else "too low"
        return _d(
            "generic", ctx.with_ask(f"Not the expected value yet: yours is {size} {direction}. {ctx.tip()}"), direction
        )
    if isinstance(answer, (bool, np.bool_)):
        return _d(
            "type", f"You gave {bool(answer)}, a yes/no value; the answer is a number. Give the number itself.", "bool"
        )
    if _is_bools(answer):
        vals = np.asarray(list(answer), dtype=float)
        if math.isclose(vals.mean(), e, rel_tol=1e-9):
            return _d(
                "bool_mask",
                "You gave the True/False column itself; the answer is its share of Trues: finish with .mean().",
                "mean",
            )
        if vals.sum() == e:
            return _d(
                "bool_mask",
                "You gave the True/False column itself; the answer is how many are True: finish with .sum().",
                "sum",
            )
        return _d(
            "bool_mask",
            f"You gave {describe(answer)}; the answer is one number. The "
            ".mean() of a True/False column is its share of Trues, .sum() their number.",
        )
    if isinstance(answer, str):
        text = answer.strip().replace(",", "")
        try:
            parsed = float(text.rstrip("%"))
        except ValueError:
            parsed = None
        if parsed is not None:
            target = e * 100 if text.endswith("%") else e
            if math.isclose(parsed, target, rel_tol=1e-9) or _rounds_to(np.array([parsed]), np.array([target])):
                pct = ", as a percentage" if text.endswith("%") else ""
                return _d(
                    "type",
                    f"You gave the number as text{pct} ({_q(answer)}): give the number "
                    "itself, as computed, without quotes, str(), an f-string or a % sign.",
                    "text_number",
                )
        return _d("type", ctx.with_ask(f"The answer is a number, but you gave {describe(answer)}."), "text")
    if isinstance(answer, dict) and len(answer) == 1:
        ((key, value),) = answer.items()
        try:
            inside = same(value, ctx.expected, ctx.rel, ctx.abs, ctx.places)
        except Exception:  # noqa: BLE001  (a value that cannot be compared is just not the number)
            inside = False
        if inside:
            return _d(
                "container",
                f"Right number, inside a dictionary: give the number itself, "
                f"without the {{...}} around it (your_dict[{key!r}] takes it out).",
                "dict",
            )
    if isinstance(answer, pd.DataFrame):
        if ctx.kind == "count" and len(answer) == e and answer.shape[1] != 1:
            return _d(
                "type",
                f"Those are the rows themselves ({_plural(len(answer), 'row')}); the "
                "answer is how many: len(...) of your table.",
                "rows_for_count",
            )
        if answer.shape == (1, 1) and same(answer.iloc[0, 0], ctx.expected, ctx.rel, ctx.abs, ctx.places):
            return _d(
                "container", "Right number, inside a one-cell table: give the number itself, with .iloc[0, 0].", "frame"
            )
        if answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        else:
            return _d(
                "type",
                ctx.with_ask(
                    f"The answer is one number, but you gave {describe(answer)}. "
                    "Pick a column and finish with a step that gives one number."
                ),
                "frame",
            )
    vals = _values(answer)
    if isinstance(answer, (pd.Series, list, tuple, np.ndarray, pd.Index)):
        n_items = len(answer)
        if vals is not None and n_items:
            hits = np.isclose(vals, e, rtol=ctx.rel, atol=ctx.abs)
            if ctx.places is not None:
                hits |= np.abs(vals - e) <= 0.5 * 10.0**-ctx.places
            is_series = isinstance(answer, pd.Series)
            if n_items == 1 and hits[0]:
                how = ".iloc[0]" if is_series else "[0]"
                return _d(
                    "container",
                    f"Right number, inside {describe(answer)}: give the number itself, with {how}.",
                    "one_item",
                )
            sorted_ = (
                n_items > 1
                and len(set(vals.tolist())) > 1
                and (answer.is_monotonic_decreasing or answer.is_monotonic_increasing)
                if is_series
                else False
            )
            if hits.any() and is_series:
                label = answer.index[int(np.argmax(hits))]
                pick = f".loc[{_code(label)}]" if len(_code(label)) < 30 else ".loc[...]"
                if hits[0] and sorted_:
                    return _d(
                        "top_n",
                        "You gave a whole sorted Series; the answer is one number, its "
                        f"first value (under {_q(label)}): take .iloc[0] or {pick}.",
                        "sorted",
                    )
                return _d(
                    "container",
                    f"The answer is one number, and it is in your Series under the "
                    f"label {_q(label)}: pick it with {pick}.",
                    "in_series",
                )
            if math.isclose(vals.sum(), e, rel_tol=1e-9):
                return _d(
                    "type",
                    f"You gave {describe(answer)}; the answer is their total: finish "
                    "with .sum()" + (" (or sum(...))." if not is_series else "."),
                    "sum",
                )
            if math.isclose(vals.mean(), e, rel_tol=1e-9):
                return _d(
                    "type", f"You gave {describe(answer)}; the answer is their average: finish with .mean().", "mean"
                )
        if ctx.kind == "count" and n_items == e:
            return _d(
                "type",
                f"Those are the rows themselves ({_plural(n_items, 'value')}); the answer is how many: len(...).",
                "rows_for_count",
            )
        return _d(
            "type",
            ctx.with_ask(
                f"The answer is one number, but you gave {describe(answer)}. Finish with a step that gives one number."
            ),
            "collection",
        )
    return _d(
        "type", ctx.with_ask(f"The answer is one number, but you gave {describe(answer)}."), type(answer).__name__[:30]
    )


# --------------------------------------------------------------------------- text (one name)


def _text(answer, ctx: _Ctx) -> Diagnosis:
    e = ctx.expected
    if isinstance(answer, str):
        hit = _relabel([answer], [e])
        if hit:
            name, _ = hit
            return _d(
                "labels",
                f"Right name, written differently: {_label_phrase(name, answer, e)}. "
                "Copy it as the data spells it, or give the label your code found.",
                name,
            )
        return _d(
            "generic",
            ctx.with_ask(f"{_q(answer)} is not the expected answer yet. Check which value you picked, and from what."),
        )
    if isinstance(answer, pd.DataFrame):
        if e in {str(v) for v in answer.index}:
            return _d(
                "container",
                "The name is a label of your table: give that label alone, as "
                "text (for example .index[0] if it is the first row).",
                "frame",
            )
        return _d("type", ctx.with_ask(f"The answer is one name, as text, but you gave {describe(answer)}."), "frame")
    if isinstance(answer, pd.Series):
        labels = [str(v) for v in answer.index]
        if _is_bools(answer):
            trues = [str(v) for v in answer.index[answer.to_numpy(dtype=bool)]]
            if trues == [e]:
                return _d(
                    "bool_mask",
                    "You gave a True/False column; the answer is the label of its "
                    "True row: x[x].index[0] for your Series x.",
                    "label",
                )
            return _d("bool_mask", "You gave a True/False column; the answer is one name, as text.")
        if e in labels:
            vals = _floats(answer)
            if labels[0] == e and len(labels) == 1:
                return _d(
                    "top_n",
                    "You gave the top row as a Series; give the label itself: "
                    ".idxmax() on the whole Series (or .index[0] of yours).",
                    "top1",
                )
            if labels[0] == e:
                return _d(
                    "top_n",
                    "You gave a whole sorted Series; the name asked for is its first "
                    "label: .index[0], or .idxmax() of the Series before sorting.",
                    "sorted",
                )
            if labels[-1] == e and (answer.is_monotonic_increasing if vals is not None else False):
                return _d(
                    "top_n",
                    "Your Series is sorted lowest first, so the name asked for is the "
                    "last label: .index[-1], or .idxmax() of the Series.",
                    "sorted_asc",
                )
            if vals is not None and not np.all(np.isnan(vals)) and labels[int(np.nanargmax(vals))] == e:
                return _d(
                    "top_n",
                    "You gave the whole Series; the answer is the label of its highest value: .idxmax().",
                    "whole",
                )
            return _d(
                "container", "The name is one of your Series' labels: give that one label alone, as text.", "in_labels"
            )
        if e in {str(v) for v in answer.tolist()}:
            return _d(
                "container",
                "The name is in your Series: give that one value alone, as text (.iloc[0] if it is the first).",
                "in_values",
            )
        return _d("type", ctx.with_ask(f"The answer is one name, as text, but you gave {describe(answer)}."), "series")
    if isinstance(answer, dict):
        keys = [str(k) for k in answer]
        if e in keys:
            try:
                best = str(max(answer, key=answer.get))
            except Exception:
                best = None
            if best == e:
                return _d(
                    "top_n",
                    "You gave the whole dictionary; the answer is the name with the "
                    "highest value: max(d, key=d.get) for your dictionary d.",
                    "dict",
                )
            return _d(
                "container", "The name is one of your dictionary's keys: give that one name alone, as text.", "dict"
            )
    if isinstance(answer, (list, tuple, np.ndarray, pd.Index, set, frozenset)):
        items = list(answer)
        strs = [str(v) for v in items]
        if isinstance(answer, tuple) and len(items) == 2 and strs[0] == e and number(items[1]) is not None:
            return _d("container", "You gave the name with its score; give the name only: [0] of your pair.", "pair")
        if items and strs[0] == e and not isinstance(answer, (set, frozenset)):
            return _d(
                "top_n", f"You gave {describe(answer)}; the answer is its first name alone, as text: [0].", "first"
            )
        if e in strs:
            return _d("container", f"The name is in {describe(answer)}: give that one name alone, as text.", "in_items")
    if number(answer) is not None:
        return _d(
            "type",
            "The answer is a name, as text, but you gave a number: a score, not whose "
            "it is? .idxmax() gives the label of the highest value.",
            "number",
        )
    return _d(
        "type",
        ctx.with_ask(f"The answer is one name, as text, but you gave {describe(answer)}."),
        type(answer).__name__[:30],
    )


# --------------------------------------------------------------------------- sets of names


def _set(answer, ctx: _Ctx) -> Diagnosis:
    exp = {str(v) for v in ctx.expected}
    if _is_bools(answer) and isinstance(answer, pd.Series):
        mask = answer.to_numpy(dtype=bool)
        if {str(v) for v in answer.index[mask]} == exp:
            return _d(
                "bool_mask",
                "You gave a True/False column; the answer is the names where it is "
                "True: set(x[x].index) for your Series x.",
                "true",
            )
        if {str(v) for v in answer.index[~mask]} == exp:
            return _d(
                "bool_mask",
                "You gave a True/False column; the answer is the names where it is "
                "False: set(x[~x].index) for your Series x.",
                "false",
            )
        return _d(
            "bool_mask",
            "You gave a True/False column; the answer is the names themselves: keep "
            "the rows you want and take their labels, set(x[x].index).",
        )
    if isinstance(answer, (pd.Series, pd.DataFrame)) and {str(v) for v in answer.index} == exp:
        return _d(
            "container",
            f"The {ctx.names} asked for are the labels of your "
            f"{'Series' if isinstance(answer, pd.Series) else 'table'}: give set(x.index).",
            "index",
        )
    if isinstance(answer, dict) and {str(k) for k in answer} == exp:
        return _d(
            "container",
            f"The {ctx.names} asked for are your dictionary's keys: give set(d) for your dictionary d.",
            "dict_keys",
        )
    if isinstance(answer, dict) and len(answer) > len(exp) and exp <= {str(k) for k in answer}:
        return _d(
            "top_n",
            f"You gave a value for every one of {_plural(len(answer), 'name')}; the "
            f"answer is the {len(exp)} {ctx.names} the question picks: rank by the value and "
            f"keep those names.",
            "all_scores",
        )
    if isinstance(answer, pd.DataFrame):
        for col in answer.columns:
            if members(answer[col]) == exp:
                return _d(
                    "container",
                    f"The names are in your table's {_q(col)} column: give set(df[{str(col)!r}]) for your table df."
                    if len(str(col)) < 30
                    else "The names are one column of your table: give that column as a set.",
                    "column",
                )
    if isinstance(answer, (list, tuple)) and answer and all(isinstance(p, tuple) and len(p) == 2 for p in answer):
        firsts = {str(p[0]) for p in answer}
        if firsts == exp:
            return _d(
                "container",
                "You gave (name, value) pairs; the answer is the names only: "
                "{name for name, value in pairs} for your list pairs.",
                "pairs",
            )
    got = members(answer)
    note = ""
    if (
        isinstance(answer, pd.Series)
        and pd.api.types.is_numeric_dtype(answer.dtype)
        and len(answer)
        and all(isinstance(v, str) for v in answer.index)
    ):
        got = {str(v) for v in answer.index}  # scores labelled by name: the names are the labels
        note = "Your Series holds numbers; its labels are the names (set(x.index)). Of those, "
    if got is None:
        if isinstance(answer, str):
            if answer in exp:
                return _d(
                    "type",
                    f"You gave one name as text ({_q(answer)}); the answer is a "
                    "collection of names: put them in a set, {...}.",
                    "one_name",
                )
            return _d(
                "type", ctx.with_ask(f"The answer is a collection of names, but you gave {describe(answer)}."), "text"
            )
        return _d(
            "type",
            ctx.with_ask(f"The answer is a collection of names, but you gave {describe(answer)}."),
            type(answer).__name__[:30],
        )
    hit = _relabel(sorted(got), sorted(exp))
    if hit:
        name, mapping = hit
        a, e = next((a, e) for a, e in mapping.items() if a != e)
        return _d(
            "labels",
            f"The right names, written differently: {_label_phrase(name, a, e)}. "
            "Use the names as the data spells them.",
            name,
        )
    if not got:
        keeps = " your filter keeps nothing." if ctx.filter else " nothing passed your rule."
        return _d(
            "set_diff",
            f"You gave an empty collection, so every name asked for is missing:{keeps} Print the steps before it.",
            "empty",
        )
    extra, missing = len(got - exp), len(exp - got)
    if missing == 0:
        what = (
            f"your filter keeps {_plural(extra, 'name')} too many"
            if ctx.filter
            else f"{_plural(extra, 'name')} should not be there"
        )
        detail = "extra"
    elif extra == 0:
        what = (
            f"your filter misses {missing} of them"
            if ctx.filter
            else f"{missing} {'is' if missing == 1 else 'are'} missing"
        )
        detail = "missing"
    else:
        what = f"{extra} should not be there and {missing} {'is' if missing == 1 else 'are'} missing"
        detail = "both"
    head = f"{note}{_plural(len(got), 'name')}" if note else f"You gave {_plural(len(got), 'name')}"
    return _d("set_diff", f"{head}: {what}. Check the rule you used to pick them.", detail)


# --------------------------------------------------------------------------- labelled Series


def _series_suggestion(ctx: _Ctx) -> str:
    exp = ctx.expected
    if len(exp) <= 4:
        pairs = ", ".join(f'"{str(k)[:20]}": ...' for k in exp.index)
        code = f"pd.Series({{{pairs}}})" if ctx.pd else f"{{{pairs}}}"
        return f" (for example {code})"
    return " (the Series itself, before .tolist() or .values)"


def _series(answer, ctx: _Ctx) -> Diagnosis:
    exp = ctx.expected
    exp_labels = [str(v) for v in exp.index]
    ev = _floats(exp)
    word = ctx.label
    table_note = None
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] == 1:
            table_note = answer.columns[0]
            answer = answer.iloc[:, 0]
        else:
            name = exp.index.name
            cols = sorted(answer.columns, key=lambda c: c != name)  # the index's own name first
            for col in cols:
                col_labels = {str(v) for v in answer[col].tolist()}
                if col_labels == set(exp_labels) and len(answer) == len(exp):
                    return _d(
                        "container",
                        "You gave a table with the labels in a column (after "
                        ".reset_index()?); the answer is a Series labelled "
                        f"{ctx.by}: leave out .reset_index(), or use .set_index({str(col)[:25]!r}) "
                        "and pick the value column.",
                        "reset_index",
                    )
            if {str(v) for v in answer.index} == set(exp_labels):
                for col in answer.columns:
                    if same(answer[col], exp, ctx.rel, ctx.abs, ctx.places):
                        pick = _pick(col)
                        return _d(
                            "container",
                            f"You gave a table with {answer.shape[1]} columns; the "
                            f"answer is its {_q(col)} column, a Series: pick it with {pick}.",
                            "frame_column",
                        )
                return _d(
                    "container",
                    f"You gave a table with {answer.shape[1]} columns; the answer is "
                    'one column, a Series: pick the column you need with ["column name"].',
                    "frame",
                )
            return _d(
                "type", ctx.with_ask(f"The answer is one value per {word}, but you gave {describe(answer)}."), "frame"
            )
    got = as_series(answer)
    if got is None:
        vals = _values(answer)
        if (
            isinstance(answer, (list, tuple, np.ndarray, pd.Index))
            and not isinstance(answer, pd.Index)
            or (isinstance(answer, pd.Index) and vals is not None)
        ):
            right = (
                vals is not None
                and ev is not None
                and len(vals) == len(ev)
                and (
                    np.allclose(vals, ev, rtol=ctx.rel, atol=ctx.abs)
                    or np.allclose(np.sort(vals), np.sort(ev), rtol=ctx.rel, atol=ctx.abs)
                )
            )
            head = "The right values, but" if right else f"You gave {describe(answer)}:"
            return _d(
                "container",
                f"{head} without their labels, so the check can't tell which is "
                f"which. Give the values with their {ctx.labels}{_series_suggestion(ctx)}.",
                "list" if right else "unlabelled",
            )
        if isinstance(answer, (set, frozenset)) and members(answer) == set(exp_labels):
            return _d(
                "container",
                f"You gave the labels only; the answer gives each {word} a value (a Series).",
                "labels_only",
            )
        if number(answer) is not None:
            if ev is not None:
                hits = np.isclose(ev, number(answer), rtol=ctx.rel, atol=ctx.abs)
                if hits.any():
                    label = exp_labels[int(np.argmax(hits))]
                    return _d(
                        "type",
                        f"That is the value for {_q(label)} only; the answer is {ctx.wanted()}, each with its label.",
                        "one_value",
                    )
            if float(number(answer)).is_integer() and str(int(number(answer))) in exp_labels:
                return _d(
                    "top_n",
                    f"You gave one label ({int(number(answer))}), the top one perhaps; the "
                    f"answer is the whole Series, {ctx.wanted()}: leave out the last step "
                    "(.idxmax(), .index[0], ...).",
                    "label_only",
                )
            return _d(
                "type",
                f"You gave one number; the answer is {ctx.wanted()}. Keep the values "
                f"per {word} rather than one total: leave out a final .mean() or .sum().",
                "number",
            )
        if isinstance(answer, str) and answer in exp_labels:
            return _d(
                "top_n",
                f"You gave one label as text ({_q(answer)}), the top one perhaps; the answer is "
                f"the whole Series, {ctx.wanted()}: leave out the last step (.idxmax(), "
                ".index[0], ...).",
                "label_only",
            )
        return _d("type", f"The answer is {ctx.wanted()}, but you gave {describe(answer)}.", type(answer).__name__[:30])
    got_labels = [str(v) for v in got.index]
    gv = _floats(got)
    if not got_labels:
        return _d(
            "length",
            f"You gave an empty {'dictionary' if isinstance(answer, dict) else 'Series'}: "
            f"no values at all. The answer is {ctx.wanted()}.",
            "empty",
        )
    if len(set(got_labels)) != len(got_labels):
        return _d(
            "labels",
            f"Some labels appear more than once ({_plural(len(got_labels), 'value')} for "
            f"{_plural(len(set(got_labels)), 'label')}): the answer has one value per {word}. "
            "Group by it so each appears once.",
            "duplicates",
        )
    padded = _padded_numbers(got_labels, exp)
    if padded:
        return _d("labels", padded, "text_labels")
    if set(got_labels) == set(exp_labels):
        relabelled = got.copy()
        relabelled.index = got_labels
        aligned = relabelled.reindex(exp_labels)
        g = _floats(aligned) if gv is not None else None
        if _is_bools(got) and not exact_series(exp) and ev is not None:
            return _d(
                "bool_mask",
                f"You gave True/False per {word}; the answer is a number per "
                f"{word}. The .mean() of a True/False column is its share of Trues, the .sum() "
                "their number.",
                "per_label",
            )
        if ev is None or g is None:
            if ev is not None:
                return _d(
                    "type",
                    f"Your labels are right, but the values are not numbers ({describe(got)}). Give numbers, not text.",
                    "text_values",
                )
            return _d("generic", f"Your labels are right, but some values differ. {ctx.tip()}")
        ok = close_values(g, ev, exact_series(exp), ctx.rel, ctx.abs, ctx.places)
        if ok.all():
            if table_note is not None:
                pick = _pick(table_note)
                return _d(
                    "container",
                    "Right values and labels, but as a one-column table; the answer "
                    f"is the column itself, a Series: pick it with {pick} (single brackets "
                    "give a Series, double brackets a table).",
                    "one_column",
                )
            return _d("generic", "Your answer matches apart from its type.")  # not reached: same() first
        nan = np.isnan(g) & ~np.isnan(ev)
        if nan.any():
            why = "a division by zero, " if ctx.ratio else ""
            return _d(
                "nan",
                f"{_plural(int(nan.sum()), 'value')} of yours {'is' if nan.sum() == 1 else 'are'} "
                f"NaN (missing): usually {why}a group with no rows, or labels that did not line "
                "up when two Series were combined.",
                "some",
            )
        hit = _transform(g, ev, ctx)
        if hit:
            rung, detail = hit
            return _d(rung, _say_transform(rung, detail, ctx, None, series=True), detail)
        k = _shift(g, ev, ctx)
        if k:
            late = "later" if k > 0 else "earlier"
            clock = (
                f" On a clock that is a time zone {abs(k)} hour{'s' if abs(k) > 1 else ''} off: convert "
                "with the zone the question names."
                if word == "hour"
                else ""
            )
            yours, theirs = (exp_labels[k], exp_labels[0]) if k > 0 else (exp_labels[0], exp_labels[-k])
            return _d(
                "labels",
                f"The right values, but each sits {_plural(abs(k), word)} {late} than it "
                f"should: yours for {_q(yours)} is the answer's for {_q(theirs)}.{clock}",
                "shifted",
            )
        if len(g) > 1 and np.allclose(np.sort(g), np.sort(ev), rtol=ctx.rel, atol=ctx.abs):
            return _d(
                "labels",
                "The right values, under the wrong labels: they are swapped between "
                f"{word + 's' if word != 'label' else 'labels'}. Check which is which.",
                "swapped",
            )
        if _is_bools(got) and not exact_series(exp):
            return _d(
                "bool_mask",
                f"You gave a True/False value per {word}; the answer is a number per "
                f"{word}: the .mean() of a True/False column is its share of Trues.",
                "per_label",
            )
        outside = np.isfinite(g) & ((g < 0) | (g > 1))
        if not exact_series(exp) and np.all((ev >= 0) & (ev <= 1)) and outside.any():
            above = bool((g[outside] > 1).any())
            return _d(
                "out_of_range",
                f"A share lies between 0 and 1, but {_plural(int(outside.sum()), 'value')} "
                f"of yours {'is' if outside.sum() == 1 else 'are'} {'above 1' if above else 'below 0'}: "
                + (
                    "something is counted more than once, or divided by too little."
                    if above
                    else "check the order of a subtraction."
                ),
                "series",
            )
        bad = int((~ok).sum())
        if len(ok) <= 5 and 0 < bad < len(ok):  # a few labels: say which value is off, which are right
            off = [exp_labels[i] for i in np.flatnonzero(~ok)]
            fine = [exp_labels[i] for i in np.flatnonzero(ok)]
            one = len(fine) == 1
            return _d(
                "generic",
                f"Your {'value' if one else 'values'} for {_join(fine)} "
                f"{'is' if one else 'are'} right; the {'one' if len(off) == 1 else 'ones'} for "
                f"{_join(off)} {'is' if len(off) == 1 else 'are'} not. {ctx.tip()}",
                f"{bad}/{len(ok)}",
            )
        return _d(
            "generic",
            f"Your labels are right, but {bad} of {len(ok)} values differ from the expected ones. {ctx.tip()}",
            f"{bad}/{len(ok)}",
        )
    # the labels differ
    if _is_bools(got) and len(got) != len(exp):
        return _d(
            "bool_mask",
            f"You gave a True/False value per row ({_plural(len(got), 'value')}); the "
            f"answer has one value per {word}: group the rows and summarise (.mean() gives the "
            "share of Trues).",
            "per_row",
        )
    if len(got_labels) == len(exp_labels):
        hit = _relabel(got_labels, exp_labels)
        if hit:
            name, mapping = hit
            a = next(a for a in mapping if a != mapping[a])
            renamed = pd.Series(got.to_numpy(dtype=object), index=[mapping[x] for x in got_labels])
            also = (
                ""
                if same(renamed, exp, ctx.rel, ctx.abs, ctx.places)
                else " Some values differ too: fix the labels first."
            )
            head = "Right values, but" if not also else "The"
            return _d(
                "labels", f"{head} labels differ from the data's: {_label_phrase(name, a, mapping[a])}.{also}", name
            )
        reset = all(re.fullmatch(r"-?\d+", x) for x in got_labels) and sorted(map(int, got_labels)) == list(
            range(len(got_labels))
        )
        same_values = (
            gv is not None and ev is not None and np.allclose(np.sort(gv), np.sort(ev), rtol=ctx.rel, atol=ctx.abs)
        )
        if reset:
            head = "Right values, but" if same_values else "Your values are"
            return _d(
                "labels",
                f"{head} labelled 0, 1, 2, ...: the {ctx.labels} were lost (a "
                ".reset_index(), or values turned into a new Series). Keep the Series with its "
                "labels.",
                "reset_index",
            )
        example = f"{_q(got_labels[0], 20)} where the data has labels like {_q(exp_labels[0], 20)}"
        if same_values:
            return _d(
                "labels", f"Your values look right, but under other labels: {example}. Label them {ctx.by}.", "other"
            )
        return _d(
            "labels", f"Your labels are not the expected ones: {example}. The answer is labelled {ctx.by}.", "other"
        )
    g_set, e_set = set(got_labels), set(exp_labels)
    if g_set < e_set:
        sub = pd.Series(got.to_numpy(dtype=object), index=got_labels)
        part = exp.copy()
        part.index = exp_labels
        if same(sub, part.loc[got_labels], ctx.rel, ctx.abs, ctx.places):
            n_got, n_missing = len(got_labels), len(e_set - g_set)
            yours = "Your value is right" if n_got == 1 else f"Your {n_got:,} values are right"
            return _d(
                "top_n",
                f"{yours}, but {n_missing:,} "
                f"{(word if n_missing == 1 else _pl(word)) if word != 'label' else 'labels'} "
                f"{'is' if n_missing == 1 else 'are'} "
                "missing: .head() or .nlargest() keep only some rows. Give the whole Series: "
                f"one value for every {word}.",
                "subset",
            )
        keeps = " Check which rows your filter keeps." if ctx.filter else ""
        return _d(
            "length",
            f"You gave {_plural(len(got_labels), 'value')}, but the answer has one per "
            f"{word} ({len(exp_labels):,}): {len(e_set - g_set)} are missing.{keeps}",
            "missing",
        )
    if g_set > e_set:
        extra = sorted(g_set - e_set)
        sub = pd.Series(got.to_numpy(dtype=object), index=got_labels).loc[exp_labels]
        right = same(sub, pd.Series(exp.to_numpy(), index=exp_labels), ctx.rel, ctx.abs, ctx.places)
        head = f"Your values are right for every {word}, but" if right else "You"
        return _d(
            "length",
            f"{head} {'you ' if right else ''}gave {len(extra)} extra "
            f"{'label' if len(extra) == 1 else 'labels'} (e.g. {_q(extra[0], 24)}) that should "
            f"not be there." + (" Check which rows your filter keeps." if ctx.filter else ""),
            "extra",
        )
    if not g_set & e_set:
        return _d(
            "labels",
            f"Your labels are not the expected ones: {_q(got_labels[0], 20)} where the "
            f"data has labels like {_q(exp_labels[0], 20)}. The answer is labelled {ctx.by}.",
            "other",
        )
    return _d(
        "length",
        f"Your labels only partly match: {len(g_set - e_set)} should not be there and "
        f"{len(e_set - g_set)} are missing. The answer has one value per {word}.",
        "both",
    )


def _frame(answer, ctx: _Ctx) -> Diagnosis:
    exp = ctx.expected
    if not isinstance(answer, pd.DataFrame):
        return _d("type", ctx.with_ask(f"The answer is a table, but you gave {describe(answer)}."), "not_frame")
    if answer.shape != exp.shape:
        return _d(
            "length",
            f"The answer is a table of {_plural(len(exp), 'row')} and "
            f"{_plural(exp.shape[1], 'column')}; yours has {len(answer):,} and {answer.shape[1]}.",
            "shape",
        )
    return _d("generic", f"The table has the right shape, but some values differ. {ctx.tip()}")


def diagnose(answer: Any, expected: Any, ex) -> Diagnosis:
    """The first rung of the ladder that names what ``answer`` is (never raises)."""
    try:
        ctx = _Ctx(ex, expected)
    except Exception:
        return Diagnosis("generic", "Not the expected answer yet.")
    try:
        common = _common(answer, ctx)
        if common:
            return common
        k = ctx.kind
        if k in ("count", "real"):
            return _number(answer, ctx)
        if k == "text":
            return _text(answer, ctx)
        if k == "set":
            return _set(answer, ctx)
        if k == "series":
            return _series(answer, ctx)
        if k == "frame":
            return _frame(answer, ctx)
        if k == "bool":
            if not isinstance(answer, (bool, np.bool_)):
                return _d("type", f"The answer is True or False, but you gave {describe(answer)}.", "bool")
            return _d("generic", "Not the expected answer yet: it is the other one.")
    except Exception:
        pass
    try:
        return _d("generic", ctx.with_ask(f"Not the expected answer yet (you gave {describe(answer)})."))
    except Exception:
        return Diagnosis("generic", "Not the expected answer yet.")
